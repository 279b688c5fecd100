"""Shown instead of the editor when a file cannot be opened: every problem with its line."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static

from tomwizard.languages import Language
from tomwizard.problems import Problem, ProblemsError, unusable_path
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t


class ProblemsScreen(Screen[None]):
    """Lists ``FILE:LINE: key: message`` lines; Retry asks the app to open the file again.

    The screen stays until the file opens (the app then replaces it with the editor); if the file
    still has problems, the app shows the new list here (:meth:`show_problems`).
    """

    BINDINGS = [
        Binding("r", "retry", "Retry", tooltip="Read the file again after fixing it", id="retry"),
        Binding("q", "app.quit", "Quit", tooltip="Leave tomwizard", id="problems-quit"),
    ]

    class RetryRequested(Message):
        """Open ``path`` again (the user says it is fixed)."""

        def __init__(self, path: Path, language: Language) -> None:
            super().__init__()
            self.path = path
            self.language: Language = language

    def __init__(self, path: Path, problems: tuple[Problem, ...], language: Language) -> None:
        super().__init__(id="problems")
        self.path = path
        self.problems = problems
        self.language: Language = language
        """The language of the new document if the file turns out not to exist on retry."""

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Header()
        with Vertical(id="problems-body"):
            yield Label(
                t("problems.title", lang, path=self.path), classes="dialog-title", markup=False
            )
            with VerticalScroll(id="problem-list"):
                yield Static(_lines(self.problems, lang), id="problem-lines", markup=False)
            yield Label(t("problems.hint", lang))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("problems.retry", lang), id="retry", variant="primary")
                yield Button(t("quit", lang), id="quit")
        yield Footer()

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        """Show the problems found by the latest attempt."""
        lang = ui_language()
        self.problems = problems
        self.query_one("#problem-lines", Static).update(_lines(problems, lang))
        self.notify(t("problems.still", lang), severity="warning", markup=False)

    async def relabel(self) -> None:
        """The words in the interface language again, the problems too: they were worded when
        the file was read, so it is read again (if it has none now, the old ones stay until
        *Retry* opens it)."""
        self.problems = self._read_again(ui_language()) or self.problems
        await self.recompose()

    def _read_again(self, lang: Language) -> tuple[Problem, ...]:
        """The file's problems worded in ``lang``, as opening it finds them; none when it can
        be opened now (or the catalogue cannot be had: the app reports that on *Retry*)."""
        from tomwizard.disk.storage import load_document

        try:
            catalogue = getattr(self.app, "catalogue", None)
        except ProblemsError:
            return ()
        try:
            if catalogue is not None and self.path.exists():
                load_document(self.path, catalogue, lang)
        except ProblemsError as exc:
            return exc.problems
        except (OSError, ValueError) as exc:
            return (unusable_path(self.path, exc, lang),)
        return ()

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        self.post_message(self.RetryRequested(self.path, self.language))

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit()


def _lines(problems: tuple[Problem, ...], lang: Language) -> str:
    """One ``FILE:LINE: key: message`` line per problem, the severity words in ``lang``."""
    return "\n".join(p.text(lang) for p in problems)
