"""The user's own measures in a category: listed here, added and edited in their dialog
(:mod:`tomwizard.tui.dialogs.own_measure`), removed here."""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from tomwizard.answers.model import CustomMeasure
from tomwizard.catalogue.model import Category, ChecklistQuestion, Language
from tomwizard.session import EditSession
from tomwizard.tui.dialogs.own_measure import OwnMeasureDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import CustomMeasureEdited
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.help_panel import HelpTopic


def has_own_measures(category: Category) -> bool:
    """Whether ``category`` takes own measures: those with a checklist do."""
    return any(isinstance(q, ChecklistQuestion) for q in category.questions)


class CustomMeasuresView(Vertical):
    """Lists a category's own measures with buttons to add, edit and remove them (its words in
    the interface language; a German document asks for the English versions too)."""

    def __init__(self, session: EditSession, category: Category) -> None:
        super().__init__(id="custom-measures", classes="custom-measures")
        self.session = session
        self.category = category

    @property
    def language(self) -> Language:
        """The document's language."""
        return self.session.language

    @property
    def help_topic(self) -> HelpTopic:
        lang = ui_language()
        return HelpTopic(t("custom.title", lang), t("custom.help", lang))

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Label(t("custom.title", lang), classes="question-label")
        yield OptionList(id="custom-list")
        yield Label(t("custom.none", lang), id="custom-none", classes="muted")
        with Horizontal(classes="row-buttons"):
            yield Button(t("add", lang), id="add-custom")
            yield Button(t("edit", lang), id="edit-custom")
            yield Button(t("remove", lang), id="remove-custom")

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the custom measures as they are in the session."""
        lang = ui_language()
        found = self.query("#custom-list").results(OptionList)
        listing = next(iter(found), None)
        if listing is None:  # being removed (the app ends while the view is built)
            return
        listing.clear_options()
        custom = self.session.answers(self.category.id).custom
        for key, measure in custom.items():
            status = t(f"status.{measure.status}", lang) if measure.status else "—"
            # plain Text: a label like "Tresor [Keller]" is the user's text, not markup
            listing.add_option(Option(RichText(f"{measure.label}  [{status}]"), id=key))
        listing.display = bool(custom)
        self.query_one("#custom-none").display = not custom

    def add(self) -> None:
        """Open the dialog for a new own measure (implemented, unless chosen otherwise)."""
        self._edit(self.session.new_custom_key(self.category.id), {"status": "implemented"})

    def _edit(self, key: str, values: dict[str, Any], adding: bool = True) -> None:
        def done(result: dict[str, Any] | None) -> None:
            if result is not None:
                measure = CustomMeasure.model_validate(result, strict=False)
                self.post_message(CustomMeasureEdited(self.category.id, key, measure))

        english = self.language == "de"
        dialog = OwnMeasureDialog(self.category, values, english=english, adding=adding)
        self.app.push_screen(dialog, done)

    def _highlighted_key(self) -> str | None:
        listing = self.query_one("#custom-list", OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    @on(Button.Pressed, "#add-custom")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    @on(Button.Pressed, "#edit-custom")
    def _change(self, event: Button.Pressed) -> None:
        event.stop()
        key = self._highlighted_key()
        if key is not None:
            current = self.session.answers(self.category.id).custom[key]
            self._edit(key, current.model_dump(exclude_none=True), adding=False)

    @on(OptionList.OptionSelected, "#custom-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        if key is not None:
            current = self.session.answers(self.category.id).custom[key]
            self._edit(key, current.model_dump(exclude_none=True), adding=False)

    @on(Button.Pressed, "#remove-custom")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        key = self._highlighted_key()
        if key is not None:
            self.post_message(CustomMeasureEdited(self.category.id, key, None))
