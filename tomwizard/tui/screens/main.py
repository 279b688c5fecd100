"""The main screen: categories on the left, the current category in the centre, help on the right.

It owns the :class:`EditSession` edits: widgets send messages up, this screen applies them, then
refreshes what depends on them (visibility, completion, the saved/unsaved mark) and schedules an
autosave to the recovery copy.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header

from tomwizard.answers.model import MeasureAnswer
from tomwizard.catalogue.model import Category
from tomwizard.session import EditSession
from tomwizard.tui import heap
from tomwizard.tui.autosave import Autosaver
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import (
    AnswerChanged,
    CategoryProviderChanged,
    CategoryTextChanged,
    CustomMeasureEdited,
    EnglishAnswerChanged,
    JumpRequested,
    MeasureChanged,
    TableRowEdited,
)
from tomwizard.tui.screens.reviewing import ReviewingScreen
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.custom_measures import CustomMeasuresView
from tomwizard.tui.widgets.help_panel import GuidePanel
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.provider_select import ProviderSelect
from tomwizard.tui.widgets.questions.table import TableView
from tomwizard.tui.widgets.sidebar import CategorySidebar
from tomwizard.tui.widgets.steady_footer import SteadyFooter


class MainScreen(ReviewingScreen):
    """Edit one document, a category at a time."""

    AUTO_FOCUS = None
    """The screen focuses the category's first question itself (Textual's default would focus
    the sidebar, the first focusable widget, and typed text would go there)."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save the document (atomic, with backup)",
            priority=True,
            id="save",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            tooltip="Write the Word annex (.docx) next to the answers file",
            priority=True,
            id="export",
        ),
        Binding(
            "f3",
            "review",
            "Review",
            tooltip="What is due, conflicts, completeness and missing answers",
            priority=True,
            id="review",
        ),
        Binding(  # the app's quit binding, repeated here so the footer shows it 4th
            "ctrl+q",
            "app.quit",
            "Quit",
            tooltip="Quit (asks first if there are unsaved changes)",
            priority=True,
            id="quit",
        ),
        Binding(
            "f2",
            "details",
            "Document",
            tooltip="Parties, dates, status, history",
            priority=True,
            id="details",
        ),
        Binding(
            "f5",
            "previous_category",
            "Previous",
            tooltip="Previous category",
            priority=True,
            show=False,  # the footer keeps room for save, export, review and quit at 80x24
            id="previous-category",
        ),
        Binding(
            "f6",
            "next_category",
            "Next",
            tooltip="Next category",
            priority=True,
            id="next-category",
        ),
        Binding(
            "f1",
            "toggle_help",
            "Help",
            tooltip="Show or hide the help panel",
            priority=True,
            id="toggle-help",
        ),
        Binding(
            "ctrl+n",
            "add_own_measure",
            "Own measure",
            tooltip="Add an own measure to the category shown",
            priority=True,
            show=False,  # the footer stays as it is (the palette offers it too)
            id="add-own-measure",
        ),
    ]

    def __init__(self, session: EditSession, show_help: bool = True) -> None:
        super().__init__(session, id="main")
        self.show_help_at_start = show_help
        """The help panel's visibility when the screen opens (``help_panel`` setting)."""
        self.category: Category = session.catalogue.categories[0]
        self._prefetch_timers: list[Timer] = []
        self._mounting: set[asyncio.Future[None]] = set()
        """Views being mounted (see :meth:`finish_building`)."""
        self._staged: set[CategoryView] = set()
        """Views laid out off-screen to be drawn in advance (see :meth:`_draw_ahead`)."""
        self._prefetch_deferred = False
        """Whether a dialog kept the neighbours from being built (built when it closes)."""
        self.autosaver = Autosaver(self, session)
        """Writes the recovery copy (see :mod:`tomwizard.tui.autosave`)."""
        self.typed_before: list[events.Key] = []
        """Keys typed while the document was being opened: handled once the first question
        has the focus (see :class:`~tomwizard.tui.screens.loading.LoadingScreen`)."""

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # kept as attributes: a query would walk every kept category view
        self.sidebar = CategorySidebar(self.session.catalogue)
        self.guide = GuidePanel(id="guide")
        self.panes = Horizontal(id="panes")
        first = CategoryView(self.session, self.category)
        self.views: dict[str, CategoryView] = {self.category.id: first}
        """The category views built so far (one shown, the others hidden)."""
        yield Header()
        with self.panes:
            yield self.sidebar
            yield first
            yield self.guide
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.refresh_progress()
        self.sidebar.select_category(self.category.id)
        self._update_title()
        if not self.show_help_at_start:
            self.guide.display = False
        view = self.category_view
        self._show_help(view)
        self.call_after_refresh(self._focus_start)
        self.call_after_refresh(self._replay_typed)
        self.call_after_refresh(self.announce_upkeep)
        # the neighbours once the first frame is drawn: building them before would delay it
        self.call_after_refresh(self._schedule_prefetch)
        self.call_after_refresh(heap.keep, True)

    def on_unmount(self) -> None:
        heap.release()

    def _focus_start(self) -> None:
        """Focus the first question of the category shown (the one shown now: a key such as
        F6 may have come first), unless the focus is in that category already."""
        view, focused = self.category_view, self.focused
        if focused is None or view not in focused.ancestors:
            view.focus_first()

    def _replay_typed(self) -> None:
        for key in self.typed_before:
            self.app.post_message(key)
        self.typed_before = []

    def _update_title(self) -> None:
        lang = ui_language()
        state = t("unsaved", lang) if self.session.dirty else t("saved", lang)
        if self.session.file.stamp is None and self.session.dirty:
            state = f"{t('new_file', lang)}, {state}"
        self.title = f"tomwizard — {self.session.path.name}"
        self.sub_title = ("● " if self.session.dirty else "") + state

    # -- help -------------------------------------------------------------------------------

    def on_descendant_focus(self, event: Any) -> None:
        node: Widget | None = self.focused
        while node is not None and not hasattr(node, "help_topic"):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        if node is not None:
            self._show_help(node)

    def show_help_of(self, widget: Widget) -> None:
        """Show the help of ``widget`` (a list shows its highlighted line's)."""
        self._show_help(widget)

    def _show_help(self, widget: Widget) -> None:
        topic = getattr(widget, "help_topic", None)
        if topic is not None:
            self.guide.show(topic)

    # -- edits from the widgets -------------------------------------------------------------

    def _edited(self, *, visibility: bool = False) -> None:
        if visibility:
            self.category_view.apply_visibility()
        self.refresh_progress()
        self._update_title()
        self.autosaver.changed()

    @on(AnswerChanged)
    def _answer(self, event: AnswerChanged) -> None:
        current = self.session.answers(event.category_id).answers.get(event.question_id)
        if current == event.value and type(current) is type(event.value):
            return
        self.session.set_answer(event.category_id, event.question_id, event.value)
        self._edited(visibility=True)

    @on(EnglishAnswerChanged)
    def _english_answer(self, event: EnglishAnswerChanged) -> None:
        current = self.session.answers(event.category_id).answers_en.get(event.question_id, "")
        if current != event.text and (current or event.text.strip()):
            self.session.set_answer_en(event.category_id, event.question_id, event.text)
            self._edited()

    @on(MeasureChanged)
    def _measure(self, event: MeasureChanged) -> None:
        current = self.session.measure(event.category_id, event.measure_id)
        if _is_noop(current, event.changes):
            return
        self.session.update_measure(event.category_id, event.measure_id, **event.changes)
        self.category_view.refresh_measure(event.measure_id)
        self._edited()

    @on(MeasureList.OpenRequested)
    def _open_measure(self, event: MeasureList.OpenRequested) -> None:
        from tomwizard.tui.dialogs.measure import MeasureDialog

        answer = self.session.measure(self.category.id, event.measure.id)
        self.app.push_screen(
            MeasureDialog(
                self.category,
                event.measure,
                answer,
                self.session.document,
                self.session.language,
                event.measure_list,
            )
        )

    @on(CustomMeasureEdited)
    def _custom(self, event: CustomMeasureEdited) -> None:
        if event.measure is None:
            self.session.remove_custom(event.category_id, event.key)
        else:
            self.session.set_custom(event.category_id, event.key, event.measure)
        self.category_view.query_one(CustomMeasuresView).refresh_list()
        self._edited()

    @on(TableRowEdited)
    def _row(self, event: TableRowEdited) -> None:
        if event.cells is None:
            self.session.remove_row(event.category_id, event.question_id, event.row_id)
        else:
            self.session.set_row(event.category_id, event.question_id, event.row_id, event.cells)
        for view in self.category_view.query(TableView):
            if view.question.id == event.question_id:
                view.refresh_rows()
        self._edited(visibility=True)

    @on(CategoryProviderChanged)
    def _category_provider(self, event: CategoryProviderChanged) -> None:
        answers = self.session.answers(event.category_id)
        if (answers.provided_by, answers.shared) == (event.provided_by, event.shared):
            return
        self.session.set_category_provider(event.category_id, event.provided_by, event.shared)
        self._edited()

    @on(CategoryTextChanged)
    def _text(self, event: CategoryTextChanged) -> None:
        if getattr(self.session.answers(event.category_id), event.field_name) == event.text:
            return
        self.session.set_text(event.category_id, event.field_name, event.text)
        self._edited()

    @on(CategorySidebar.Chosen)
    async def _chosen(self, event: CategorySidebar.Chosen) -> None:
        if event.category_id != self.category.id:
            await self.show_category(event.category_id)

    @on(JumpRequested)
    async def _jump(self, event: JumpRequested) -> None:
        await self.show_category(event.category_id, event.item_id)

    # -- actions ----------------------------------------------------------------------------

    async def action_next_category(self) -> None:
        await self._step(+1)

    async def action_previous_category(self) -> None:
        await self._step(-1)

    async def _step(self, delta: int) -> None:
        ids = [c.id for c in self.session.catalogue.categories]
        index = (ids.index(self.category.id) + delta) % len(ids)
        await self.show_category(ids[index])

    def action_toggle_help(self) -> None:
        panel = self.guide
        panel.display = not panel.display

    def action_details(self) -> None:
        from tomwizard.tui.screens.details import DetailsScreen

        def done(changed: bool | None) -> None:
            if changed:
                self._edited()
            for select in self.query(ProviderSelect):  # providers may have been added
                select.refresh_options()

        self.app.push_screen(DetailsScreen(self.session, on_change=self._edited), done)

    def action_add_own_measure(self) -> None:
        """Open the dialog for a new own measure of the category shown (the palette, ctrl+n);
        a category without a checklist takes none, which a notification says."""
        found = self.category_view.query(CustomMeasuresView)
        if not found:
            lang = ui_language()
            category = self.category.title.get(lang)
            self.notify(t("custom.no_checklist", lang, category=category), markup=False)
            return
        found.first().add()

    async def action_switch_language(self) -> None:
        """Write the document (its annex, and the texts asked for) in the other language."""
        self.session.set_language("en" if self.session.language == "de" else "de")
        await self.drop_category_views()
        self._edited()
        ui = ui_language()
        name = t(f"language.name.{self.session.language}", ui)
        self.notify(t("document_language.switched", ui, name=name), markup=False)

    async def relabel(self) -> None:
        """Show every word again in the interface language (after it was switched)."""
        self.refresh_progress()
        self._update_title()
        await self.drop_category_views()


def _is_noop(current: MeasureAnswer, changes: dict[str, Any]) -> bool:
    """Whether applying ``changes`` to ``current`` would change nothing."""
    for key, value in changes.items():
        if key in ("parameters", "parameters_en"):
            for name, parameter in value.items():
                if getattr(current, key).get(name) != parameter:
                    return False
        elif getattr(current, key) != value:
            return False
    return True
