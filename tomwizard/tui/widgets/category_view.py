"""The centre of the main screen: one category's questions, built from the catalogue."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Select, Static, TextArea

from tomwizard.answers.upkeep_check import date_text
from tomwizard.catalogue.model import Category, ChecklistQuestion
from tomwizard.session import EditSession
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import CategoryProviderChanged, CategoryTextChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.custom_measures import CustomMeasuresView, has_own_measures
from tomwizard.tui.widgets.display import displayed
from tomwizard.tui.widgets.help_panel import HelpTopic
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.provider_select import ProviderSelect, decode
from tomwizard.tui.widgets.questions.base import QuestionView
from tomwizard.tui.widgets.questions.factory import question_view


class CategoryView(VerticalScroll, can_focus=False):
    """All questions of a category; hidden ones stay mounted (and keep their answers)."""

    def __init__(self, session: EditSession, category: Category) -> None:
        super().__init__(id=f"category-{category.id}", classes="category-view")
        self.session = session
        self.category = category
        self._applied_revision: int | None = None
        """The session's revision the shown questions were decided for."""

    @property
    def help_topic(self) -> HelpTopic:
        c, lang = self.category, ui_language()
        text = c.purpose.get(lang) + ("\n\n" + c.help.get(lang) if c.help else "")
        return HelpTopic(c.title.get(lang), text, references=list(c.references))

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Label(self.category.title.get(lang), classes="category-title", markup=False)
        yield Static(self.category.purpose.get(lang), classes="category-purpose", markup=False)
        review = self.review_text()  # whether it is due: the main screen says when it shows it
        reviewed = Label(review, id="category-reviewed", classes="muted", markup=False)
        reviewed.display = bool(review)
        yield reviewed
        if any(isinstance(q, ChecklistQuestion) for q in self.category.questions):
            yield Label(t("list.keys", lang), classes="list-keys muted", markup=False)
        for question in self.category.questions:
            yield question_view(self.session, self.category, question)
        if has_own_measures(self.category):
            yield CustomMeasuresView(self.session, self.category)
            answers = self.session.answers(self.category.id)
            yield Label(t("provider.category", lang), classes="field-label")
            yield ProviderSelect(
                self.session.document,
                None,
                answers.provided_by,
                answers.shared,
                id="category-provider",
            )
        yield Label(t("description", lang), classes="question-label")
        answers = self.session.answers(self.category.id)
        yield TextArea(answers.description, id="description", soft_wrap=True)
        if self.session.language == "de":  # a German document asks for the English version
            yield Label(t("description.en", lang), classes="question-label")
            yield TextArea(answers.description_en, id="description-en", soft_wrap=True)

    def on_mount(self) -> None:
        self.apply_visibility()

    def apply_visibility(self) -> None:
        """Show exactly the questions and measures whose conditions hold (again only after an
        answer changed: switching back to a category costs nothing then)."""
        if self._applied_revision == self.session.revision:
            return
        self._applied_revision = self.session.revision
        visibility = self.session.visibility()
        for view in self.query(QuestionView):
            shown = visibility.question(self.category, view.question)
            view.display = shown
            if isinstance(view.question, ChecklistQuestion):
                for listing in view.query(MeasureList):
                    listing.show_measures(listing.visible_ids())

    def review_text(self, due: bool = False) -> str:
        """When the category was last reviewed ("Zuletzt geprüft am 03.11.2026"), and whether
        a review is ``due``; empty when neither is to be said. Dates as the interface's
        language writes them; the line is for the user, the annex never prints it."""
        lang = ui_language()
        reviewed = self.session.answers(self.category.id).reviewed
        parts = []
        if reviewed is not None:
            parts.append(t("reviewed.line", lang, date=date_text(reviewed, lang)))
        elif due:
            parts.append(t("reviewed.never", lang))
        if due:
            parts.append(t("reviewed.due", lang))
        return " – ".join(parts)

    def show_review(self, due: bool) -> None:
        """Show the review line again (after a review was recorded, or what is due changed)."""
        line = self.query_one("#category-reviewed", Label)
        text = self.review_text(due)
        if str(line.content) != text:
            line.update(text)
        line.display = bool(text)

    def refresh_measure(self, measure_id: str) -> None:
        """Draw the line of ``measure_id`` again, after its answer changed."""
        for listing in self.query(MeasureList):
            listing.refresh_measure(measure_id)

    def focus_first(self) -> None:
        """Focus the first field of the first question shown (the category's start), or its
        first field at all when none of its questions applies."""
        fields = [w for w in self.query("*") if w.focusable and displayed(w, self)]
        questions = [w for w in fields if any(isinstance(a, QuestionView) for a in w.ancestors)]
        targets = questions or fields
        if targets:
            targets[0].focus(scroll_visible=False)
        self.scroll_home(animate=False, immediate=True)

    @on(Select.Changed, "#category-provider")
    def _provider(self, event: Select.Changed) -> None:
        event.stop()
        provided_by, shared = decode(event.value)
        self.post_message(CategoryProviderChanged(self.category.id, provided_by, shared))

    @on(TextArea.Changed, "#description")
    def _description(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(
            CategoryTextChanged(self.category.id, "description", event.text_area.text)
        )

    @on(TextArea.Changed, "#description-en")
    def _description_en(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(
            CategoryTextChanged(self.category.id, "description_en", event.text_area.text)
        )
