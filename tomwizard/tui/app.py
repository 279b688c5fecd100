"""The tomwizard application: opens documents and hands them to the main screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen

from tomwizard import recent
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.problems import ProblemsError, unusable_path
from tomwizard.session import EditSession
from tomwizard.tui.commands import CategoryCommands
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.inert import InertFilter
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.start import StartScreen
from tomwizard.tui.texts import t


class TomWizardApp(App[None]):
    """Document technical and organisational measures, one category at a time."""

    CSS_PATH = "tomwizard.tcss"
    TITLE = "tomwizard"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    COMMANDS = App.COMMANDS | {CategoryCommands}
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit (asks first if there are unsaved changes)",
            priority=True,
        ),
    ]

    def __init__(self, catalogue: Catalogue, path: Path | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.start_path = path
        self._inert = InertFilter()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then control characters from documents made visible."""
        return [*super().get_line_filters(), self._inert]

    @property
    def editor(self) -> MainScreen | None:
        """The main screen, when a document is open."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def on_mount(self) -> None:
        if self.start_path is not None:
            self.open_document(self.start_path)
        else:
            self.push_screen(StartScreen(recent.recent_files()))

    @on(StartScreen.OpenRequested)
    def _open_requested(self, event: StartScreen.OpenRequested) -> None:
        self.open_document(event.path, event.language)

    @on(ProblemsScreen.RetryRequested)
    def _retry_requested(self, event: ProblemsScreen.RetryRequested) -> None:
        self.open_document(event.path, event.language)

    def open_document(self, path: Path, language: Language = "de") -> None:
        """Open ``path`` (new if missing); show its problems if it cannot be used."""
        try:
            session = EditSession.open(path, self.catalogue, language)
        except (ProblemsError, OSError, ValueError) as exc:
            # OSError, ValueError: a folder that cannot be searched, a name over 255 bytes, NUL
            problems = (
                exc.problems if isinstance(exc, ProblemsError) else (unusable_path(path, exc),)
            )
            screen = self.screen
            if isinstance(screen, ProblemsScreen) and screen.path == path:
                screen.show_problems(problems)  # retried, still broken
            else:
                self.push_screen(ProblemsScreen(path, problems, language))
            return
        copy = session.pending_recovery()
        if copy is None:
            self._edit(session)
            return
        when = dt.datetime.fromtimestamp(copy.modified).strftime("%Y-%m-%d %H:%M")

        def decide(choice: str | None) -> None:
            if choice == "restore":
                session.restore(copy)
            elif choice == "discard":
                session.discard_recovery()
            self._edit(session)

        lang = session.language
        self.push_screen(
            ChoiceDialog(
                t("recovery.title", lang),
                t("recovery.message", lang, path=path, when=when),
                [
                    ("restore", t("recovery.restore", lang)),
                    ("discard", t("recovery.discard", lang)),
                ],
            ),
            decide,
        )

    def _edit(self, session: EditSession) -> None:
        if session.path.exists():
            warning = recent.remember(session.path)  # never fails: the editing goes on
            if warning is not None:
                self.notify(warning, severity="warning")
        main = MainScreen(session)
        opening = (StartScreen, ProblemsScreen)
        if isinstance(self.screen, opening):
            # the editor replaces the start screen and the problems shown on the way
            while len(self.screen_stack) > 2 and isinstance(self.screen_stack[-2], opening):
                self.pop_screen()
            self.switch_screen(main)
        else:
            self.push_screen(main)

    async def action_quit(self) -> None:
        """Quit; with unsaved changes, ask whether to save first."""
        editor = self.editor
        if editor is None or not editor.session.dirty:
            self.exit()
            return
        lang = editor.session.language

        def decide(choice: str | None) -> None:
            if choice == "save":
                editor.save(then_quit=True)
            elif choice == "discard":
                self.exit()

        self.push_screen(
            ChoiceDialog(
                t("quit.title", lang),
                t("quit.message", lang),
                [
                    ("save", t("quit.save", lang)),
                    ("discard", t("quit.discard", lang)),
                    ("cancel", t("cancel", lang)),
                ],
            ),
            decide,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        editor = self.editor
        if editor is None:
            return
        yield SystemCommand("Save", "Save the document (ctrl+s)", editor.action_save)
        yield SystemCommand("Review", "Completeness and missing answers (F3)", editor.action_review)
        yield SystemCommand(
            "Export Word annex",
            "Write the annex (.docx) next to the file (ctrl+e)",
            editor.action_export,
        )
        yield SystemCommand(
            "Document details", "Parties, dates, status, history (F2)", editor.action_details
        )
        yield SystemCommand(
            "Switch language",
            "Deutsch / English for questions and annex",
            editor.action_switch_language,
        )
