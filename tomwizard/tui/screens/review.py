"""The review screen: completeness per category, every missing required answer and every
required parameter without a value."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from tomwizard.session import EditSession
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t


class ReviewScreen(ModalScreen[tuple[str, str | None] | None]):
    """Dismisses with ``(category id, question id)`` to jump there, or ``None``."""

    BINDINGS = [
        Binding("escape,f3", "close", "Close", tooltip="Back to the questions", id="review-close")
    ]

    def __init__(self, session: EditSession) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session

    def compose(self) -> ComposeResult:
        lang = ui_language()  # the catalogue's titles and labels too
        catalogue = self.session.catalogue
        rows = self.session.progress()
        with Vertical(classes="dialog review"):
            yield Label(t("review.title", lang), classes="dialog-title")
            listing = OptionList(id="review-list")
            missing_total = sum(not r.complete for r in rows)
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
            yield Label(
                t("review.complete", lang) if not missing_total else t("review.missing", lang)
            )
            yield listing
            yield Footer()

    def on_mount(self) -> None:
        self._start()

    def _start(self) -> None:
        """The list focused, its first line highlighted: the arrow keys move at once (with
        nothing highlighted, the first key would only highlight the first line)."""
        listing = self.query_one("#review-list", OptionList)
        if listing.option_count:
            listing.highlighted = 0
        listing.focus()

    async def relabel(self) -> None:
        """The words in the interface language again."""
        await self.recompose()
        self._start()

    @on(OptionList.OptionSelected, "#review-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        category_id, _, rest = (event.option.id or "/").partition("/")
        question_id = rest.partition("/")[0]  # a parameter's line: the question of its measure
        self.dismiss((category_id, question_id or None))

    def action_close(self) -> None:
        self.dismiss(None)
