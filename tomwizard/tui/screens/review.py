"""The review screen: what is due (categories to review, the next review date, planned
measures past their target date) and every merge conflict, then completeness per category,
every missing required answer and every required parameter without a value. Enter on a line
jumps there; on a conflict, "Entschieden" (``d``) removes its entry once the user has decided
(the value is edited as any other)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from tomwizard.catalogue.model import Language
from tomwizard.session import EditSession
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.upkeep_items import UpkeepItem, upkeep_items

UPKEEP = "@"
"""Option ids of upkeep lines start with it (``@3``: the fourth); the others are
``category/question[/measure/parameter]``."""
MARKS = {"review": "↻", "planned": "◷", "conflict": "⇄"}
"""The sign of each kind of upkeep line (shapes, no colour needed)."""


@dataclass(frozen=True)
class DetailsJump:
    """The review asks for the document details (F2)."""


ReviewTarget = tuple[str, str | None] | DetailsJump | None
"""What the review dismisses with: ``(category id, question or measure id)``, the document
details, or nothing."""


class ReviewScreen(ModalScreen[ReviewTarget]):
    """Dismisses with a :data:`ReviewTarget`."""

    BINDINGS = [
        Binding("escape,f3", "close", "Close", tooltip="Back to the questions", id="review-close"),
        Binding(
            "d",
            "decided",
            "Decided",
            tooltip="Remove the highlighted conflict as decided (the value stays as it is)",
            id="review-decided",
        ),
    ]

    def __init__(self, session: EditSession, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.on_change = on_change
        """Called after a conflict was removed (the main screen marks the document unsaved)."""
        self.items: list[UpkeepItem] = []

    def compose(self) -> ComposeResult:
        lang = ui_language()  # the catalogue's titles and labels too
        catalogue = self.session.catalogue
        rows = self.session.progress()
        self.items = upkeep_items(self.session.document, catalogue, lang)
        with Vertical(classes="dialog review"):
            yield Label(t("review.title", lang), classes="dialog-title")
            listing = OptionList(id="review-list")
            missing_total = sum(not r.complete for r in rows)
            if self.items:  # one line above the list; how complete it is: a heading in it
                yield Label(t("review.upkeep", lang))
                complete = "complete" if not missing_total else "missing"
                self._add_upkeep(listing, t(f"review.heading.{complete}", lang), lang)
            for row in rows:
                category = catalogue.category(row.category_id)
                assert category is not None
                line = Text(category.title.get(lang), style="bold")
                if not row.applies:
                    line.append(f"  {t('review.not_applicable', lang)}", style="dim")
                else:
                    line.append(
                        f"  {row.answered}/{row.shown}  ({row.required_answered}/{row.required})"
                    )
                listing.add_option(Option(line, id=f"{row.category_id}/"))
                for question_id in row.missing:
                    question = catalogue.question(row.category_id, question_id)
                    assert question is not None
                    listing.add_option(
                        Option(
                            Text(f"    ! {question.label.get(lang)}"),
                            id=f"{row.category_id}/{question_id}",
                        )
                    )
                for question_id, measure_id, parameter_id in row.missing_parameters:
                    measure = catalogue.measure(row.category_id, measure_id)
                    assert measure is not None
                    spec = next(p for p in measure.parameters if p.id == parameter_id)
                    text = f"    ! {measure.label.get(lang)} – {spec.label.get(lang)}"
                    listing.add_option(
                        Option(
                            Text(text),
                            id=f"{row.category_id}/{question_id}/{measure_id}/{parameter_id}",
                        )
                    )
            if not self.items:
                yield Label(
                    t("review.complete", lang) if not missing_total else t("review.missing", lang)
                )
            yield listing
            yield Footer()

    def _add_upkeep(self, listing: OptionList, completeness: str, lang: Language) -> None:
        """The upkeep lines first, under headings (lines that cannot be chosen), then the
        heading ``completeness`` of the lines of completeness. A long line wraps below its
        text, not below its sign."""
        headings = {"review": "due", "planned": "due", "conflict": "conflicts"}
        shown: set[str] = set()
        for index, item in enumerate(self.items):
            heading = headings[item.kind]
            if heading not in shown:
                shown.add(heading)
                title = t(f"review.heading.{heading}", lang)
                listing.add_option(Option(Text(title, style="bold"), disabled=True))
            line = Table.grid()
            line.add_column(width=6, no_wrap=True)
            line.add_column(ratio=1)
            line.add_row(f"    {MARKS[item.kind]}", Text(item.text))
            listing.add_option(Option(line, id=f"{UPKEEP}{index}"))
        listing.add_option(Option(Text(completeness, style="bold"), disabled=True))

    def on_mount(self) -> None:
        self._start()

    def _start(self, highlight: int = 0) -> None:
        """The list focused, a line highlighted (the first that can be chosen, from
        ``highlight`` on): the arrow keys move at once (with nothing highlighted, the first
        key would only highlight the first line)."""
        listing = self.query_one("#review-list", OptionList)
        for index in range(highlight, listing.option_count):
            if not listing.get_option_at_index(index).disabled:
                listing.highlighted = index
                break
        listing.focus()

    def _item(self, option_id: str | None) -> UpkeepItem | None:
        if option_id and option_id.startswith(UPKEEP):
            return self.items[int(option_id[len(UPKEEP) :])]
        return None

    def _highlighted_item(self) -> UpkeepItem | None:
        listing = self.query_one("#review-list", OptionList)
        if listing.highlighted is None:
            return None
        return self._item(listing.get_option_at_index(listing.highlighted).id)

    def _next_upkeep_line(self, position: int) -> int:
        """Where to stay after a line was removed at ``position``: the upkeep line now there,
        else the last one before it (the one removed was the last), else the start."""
        listing = self.query_one("#review-list", OptionList)
        for index in range(min(position, listing.option_count - 1), -1, -1):
            if self._item(listing.get_option_at_index(index).id) is not None:
                return index
        return 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Decided" only on a conflict's line (the footer shows it only there)."""
        if action == "decided":
            item = self._highlighted_item()
            return item is not None and item.conflict is not None
        return True

    @on(OptionList.OptionHighlighted, "#review-list")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    async def action_decided(self) -> None:
        """Remove the highlighted conflict's entry; the list is built again."""
        item = self._highlighted_item()
        if item is None or item.conflict is None:
            return
        lang = ui_language()
        self.session.remove_conflict(item.conflict)
        if self.on_change is not None:
            self.on_change()
        listing = self.query_one("#review-list", OptionList)
        position = listing.highlighted or 0
        await self.recompose()
        self._start(self._next_upkeep_line(position))
        self.notify(t("review.decided", lang, where=item.place), markup=False)

    async def relabel(self) -> None:
        """The words in the interface language again."""
        await self.recompose()
        self._start()

    @on(OptionList.OptionSelected, "#review-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        item = self._item(event.option.id)
        if item is not None:
            if item.details:
                self.dismiss(DetailsJump())
            elif item.category_id is not None:
                self.dismiss((item.category_id, item.item_id))
            return
        category_id, _, rest = (event.option.id or "/").partition("/")
        question_id = rest.partition("/")[0]  # a parameter's line: the question of its measure
        self.dismiss((category_id, question_id or None))

    def action_close(self) -> None:
        self.dismiss(None)
