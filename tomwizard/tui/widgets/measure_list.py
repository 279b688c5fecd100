"""A checklist drawn as one line per measure.

Textual's :class:`OptionList` draws its options as lines (the Line API), so a category of 34
measures costs one widget, not 34 groups of checkbox, select and inputs. Each line shows a
status glyph that differs without colour, the measure's label and, in muted text, its values
(in the document's language, as the annex writes them). *space* moves the focused measure to
the next status; *Enter* opens its details (:mod:`tomwizard.tui.dialogs.measure`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tomwizard.answers.check import has_value
from tomwizard.answers.model import MeasureAnswer
from tomwizard.answers.progress import missing_parameter_ids
from tomwizard.catalogue.model import Category, ChecklistQuestion, Language, Measure
from tomwizard.export.formatting import parameter_value
from tomwizard.session import EditSession
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import MeasureChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.display import displayed, scroll_region_visible
from tomwizard.tui.widgets.help_panel import HelpTopic

STATUSES = ("implemented", "planned", "not_applicable")
"""The statuses a decided measure can have (``None``: not decided yet, "open")."""

GLYPHS: dict[str | None, str] = {
    "implemented": "✓",
    "planned": "◷",
    "not_applicable": "–",
    None: "·",
}
"""One glyph per status; they differ in shape, so colour is never needed to tell them apart."""

CYCLE: tuple[str | None, ...] = (None, *STATUSES)
"""The order *space* moves through."""


def next_status(status: str | None) -> str | None:
    """The status after ``status`` in :data:`CYCLE` (after the last one: open again)."""
    return CYCLE[(CYCLE.index(status) + 1) % len(CYCLE)]


def measure_line(measure: Measure, answer: MeasureAnswer, ui: Language, doc: Language) -> Content:
    """The line of a measure: glyph, label, then (muted) the user's values or (as a warning)
    the required values still missing."""
    parts: list[str | tuple[str, str]] = [
        (f"{GLYPHS[answer.status]} ", "bold"),
        measure.label.get(ui),
    ]
    missing = missing_parameter_ids(measure, answer)
    if missing:
        names = ", ".join(p.label.get(ui) for p in measure.parameters if p.id in missing)
        parts.append((f" — ! {t('line.missing', ui, names=names)}", "$text-warning"))
    else:
        values = parameter_values(measure, answer, doc)
        if values:
            parts.append((f" — {values}", "$text-muted"))
    return Content.assemble(*parts)


def parameter_values(measure: Measure, answer: MeasureAnswer, lang: Language) -> str:
    """The measure's values as the annex writes them (with units, in ``lang``), each with its
    label: "Mindestlänge: 12 Zeichen · Zeichenklassen: 3"."""
    shown = []
    for spec in measure.parameters:
        value = answer.parameters.get(spec.id)
        if has_value(value):
            text = parameter_value(spec, value, lang, phrase=False)
            shown.append(f"{spec.label.get(lang)}: {text}")
    return " · ".join(shown)


class MeasureList(OptionList):
    """The measures of one checklist question whose conditions hold, one line each."""

    BINDINGS = [
        Binding(
            "space",
            "cycle",
            "Status",
            tooltip="Next status: open, implemented, planned, not applicable",
            show=False,
            id="cycle-status",
        ),
        Binding(
            "enter",
            "select",
            "Details",
            tooltip="Status, date or reason, values, provider and remark of this measure",
            show=False,
            id="open-measure",
        ),
    ]

    @dataclass
    class OpenRequested(Message):
        """The user wants to see and edit the details of ``measure``."""

        measure_list: MeasureList
        measure: Measure

    def __init__(
        self, session: EditSession, category: Category, question: ChecklistQuestion
    ) -> None:
        super().__init__(id=f"list-{question.id}", classes="measure-list")
        self.session = session
        self.category = category
        self.question = question
        self.shown_ids: list[str] = []
        """The ids of the measures on the list, in their order."""

    def on_mount(self) -> None:
        self.show_measures(self.visible_ids())
        if self.option_count:
            self.highlighted = 0

    # -- what is shown ----------------------------------------------------------------------

    def visible_ids(self) -> list[str]:
        """Ids of the measures whose conditions hold now."""
        visibility = self.session.visibility()
        return [
            m.id
            for m in self.question.measures
            if visibility.measure(self.category, self.question, m)
        ]

    def show_measures(self, ids: list[str]) -> None:
        """List the measures ``ids``; the highlighted measure stays highlighted if listed."""
        if ids == self.shown_ids:
            return
        current = self.highlighted_measure
        self.shown_ids = list(ids)
        measures = {m.id: m for m in self.question.measures}
        self.set_options(Option(self._line(measures[i]), id=i) for i in ids)
        if current is not None and current.id in ids:
            self.highlighted = ids.index(current.id)
        elif ids:
            self.highlighted = 0

    def refresh_measure(self, measure_id: str) -> None:
        """Draw the line of ``measure_id`` again (after its answer changed)."""
        if measure_id not in self.shown_ids:
            return
        measure = next(m for m in self.question.measures if m.id == measure_id)
        self.replace_option_prompt(measure_id, self._line(measure))

    def _line(self, measure: Measure) -> Content:
        answer = self.session.measure(self.category.id, measure.id)
        return measure_line(measure, answer, ui_language(), self.session.language)

    @property
    def highlighted_measure(self) -> Measure | None:
        """The measure under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self.shown_ids):
            return None
        measure_id = self.shown_ids[self.highlighted]
        return next((m for m in self.question.measures if m.id == measure_id), None)

    def focus_measure(self, measure_id: str) -> bool:
        """Put the cursor on ``measure_id`` and focus the list; whether it is listed."""
        if measure_id not in self.shown_ids:
            return False
        self.highlighted = self.shown_ids.index(measure_id)
        self.focus(scroll_visible=False)
        self.call_after_refresh(self._follow_highlight, True)
        return True

    @property
    def help_topic(self) -> HelpTopic:
        """The help of the highlighted measure (the help panel follows the cursor)."""
        measure, lang = self.highlighted_measure, ui_language()
        if measure is None:
            q = self.question
            return HelpTopic(q.label.get(lang), q.help.get(lang), list(q.source))
        return HelpTopic(measure.label.get(lang), measure.help.get(lang), list(measure.source))

    # -- keys -------------------------------------------------------------------------------

    def action_cycle(self) -> None:
        """Give the highlighted measure the next status (open → implemented → planned → not
        applicable → open); its values, date, reason and remark stay."""
        measure = self.highlighted_measure
        if measure is None:
            return
        status = next_status(self.session.measure(self.category.id, measure.id).status)
        self.post_message(MeasureChanged(self.category.id, measure.id, {"status": status}))

    def action_cursor_down(self) -> None:
        """Down; from the last line on to the first line of the next checklist, so that a
        category's checklists work as one list."""
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            if not self._move_to(+1):
                self.screen.focus_next()
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up; from the first line on to the last line of the previous checklist."""
        if self.highlighted is not None and self.highlighted <= 0:
            if not self._move_to(-1):
                self.screen.focus_previous()
            return
        super().action_cursor_up()

    def _move_to(self, step: int) -> bool:
        """Focus the next (``step`` 1) or previous (-1) list shown in this category, on its
        first or last line; whether there was one."""
        view = next(
            (a for a in self.ancestors if isinstance(a, Widget) and a.has_class("category-view")),
            None,
        )
        if view is None:
            return False
        lists = [w for w in view.query(MeasureList) if w.option_count and displayed(w, view)]
        if self not in lists:
            return False
        index = lists.index(self) + step
        if not 0 <= index < len(lists):
            return False
        target = lists[index]
        target.highlighted = 0 if step > 0 else target.option_count - 1
        target.focus(scroll_visible=False)
        target.call_after_refresh(target._follow_highlight)
        return True

    def on_focus(self) -> None:
        self.call_after_refresh(self._follow_highlight)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        measure = self.highlighted_measure
        if measure is not None:
            self.post_message(self.OpenRequested(self, measure))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._follow_highlight()
        show = getattr(self.screen, "show_help_of", None)
        if show is not None and self.has_focus:
            show(self)

    def _follow_highlight(self, top: bool = False) -> None:
        """Scroll the category (this list has no scrollbar of its own: it is as tall as its
        lines) so that the highlighted line is visible."""
        if self.highlighted is None or not self.is_mounted:
            return
        line = self.virtual_region.y + self.highlighted - self.scroll_offset.y
        region = Region(self.virtual_region.x, line, self.virtual_region.width, 1)
        scroll_region_visible(self, region, top=top)
