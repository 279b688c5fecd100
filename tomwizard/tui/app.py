"""The tomwizard application: opens documents and hands them to the main screen."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.screen import Screen
from textual.theme import ThemeProvider

from tomwizard import config
from tomwizard.catalogue.lazy import CachedCatalogue
from tomwizard.disk import recent
from tomwizard.languages import Language
from tomwizard.problems import Problem, ProblemsError, unusable_path
from tomwizard.tui.bindings import localize_bindings, localize_focus_chain
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.inert import ChainedFilter, InertFilter
from tomwizard.tui.language import Relabels
from tomwizard.tui.screens.loading import LoadingScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.start import StartScreen
from tomwizard.tui.texts import BINDING_TEXTS, t

if TYPE_CHECKING:
    # loaded when a document is opened (see _load): the first frame does not wait for them
    from tomwizard.catalogue.catalogue import Catalogue
    from tomwizard.disk.recovery import RecoveryCopy
    from tomwizard.session import EditSession
    from tomwizard.tui.commands import CategoryCommands
    from tomwizard.tui.screens.main import MainScreen

TERMINATING_SIGNALS = ("SIGHUP", "SIGTERM")
"""Signals after which the wizard writes the recovery copy before it ends."""


def _category_commands() -> type[CategoryCommands]:
    """The palette's search of measures (imported when the palette opens)."""
    from tomwizard.tui.commands import CategoryCommands

    return CategoryCommands


def _main_screen() -> type[MainScreen]:
    from tomwizard.tui.screens.main import MainScreen

    return MainScreen


class TomWizardApp(App[None]):
    """Document technical and organisational measures, one category at a time."""

    CSS_PATH = "tomwizard.tcss"
    TITLE = "tomwizard"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-medium"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {_category_commands}
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit (asks first if there are unsaved changes)",
            priority=True,
            id="quit",
        ),
        Binding(  # Textual's own, with an id (for the keymap and the words of the footer)
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            "palette",
            show=False,
            tooltip="Open the command palette",
            priority=True,
            id="command-palette",
        ),
    ]

    def __init__(self, catalogue: Catalogue | CachedCatalogue, path: Path | None = None) -> None:
        super().__init__()
        self.settings, self.settings_problems = config.read(binding_ids=BINDING_TEXTS)
        """The user's settings (``config.toml``) and what was wrong with the file."""
        self.set_keymap(self.settings.keymap)
        self.ui_language: Language = self.settings.ui_language
        """The interface's language (see :mod:`tomwizard.tui.language`)."""
        localize_bindings(self, self.ui_language)
        self._catalogue = catalogue
        """The catalogue, or where to load it from (see :attr:`catalogue`)."""
        self.start_path = path
        self._inert = InertFilter()
        self._chained = ChainedFilter((self._inert,))
        self._previous_handlers: dict[int, Any] = {}
        """Signal handlers before the wizard's (put back when it ends)."""
        self._localizing: weakref.WeakSet[Screen[object]] = weakref.WeakSet()
        """Screens whose focused widgets get their keys' words (see _localize_screen)."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then control characters from documents made visible: as one
        filter (the same object while Textual's filters stay the same, as the lines'
        caches of filtered lines are keyed by it)."""
        filters = (*super().get_line_filters(), self._inert)
        if filters != self._chained.filters:
            self._chained = ChainedFilter(filters)
        return [self._chained]

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue; a cached one is loaded on first use (ProblemsError if it cannot be)."""
        if isinstance(self._catalogue, CachedCatalogue):
            self._catalogue = self._catalogue.load()
        return self._catalogue

    @property
    def editor(self) -> MainScreen | None:
        """The main screen, when a document is open."""
        if not any(screen.id == "main" for screen in self.screen_stack):
            return None  # (without importing it while the first frame is drawn)
        main = _main_screen()
        return next((s for s in self.screen_stack if isinstance(s, main)), None)

    def on_mount(self) -> None:
        self._handle_signals(True)
        # every screen's keys in the interface language before its footer shows them
        self.screen_change_signal.subscribe(self, self._localize_screen, immediate=True)
        self._apply_settings()
        if self.start_path is not None and isinstance(self._catalogue, CachedCatalogue):
            # the file and the categories first; the models and the document right after
            self.push_screen(LoadingScreen(self.start_path, self._catalogue, self.ui_language))
            self.call_after_refresh(self.open_document, self.start_path)
        elif self.start_path is not None:
            self.open_document(self.start_path)
        else:
            self.push_screen(StartScreen(recent.recent_files()))

    def _apply_settings(self) -> None:
        """Restore the saved theme; show what is wrong with the settings file, if anything."""
        lang = self.ui_language
        problems = [p.text(lang) for p in self.settings_problems]
        theme = self.settings.theme
        if theme is not None:
            if theme in self.available_themes:
                self.theme = theme
            else:
                path = config.config_file()
                problems.append(t("settings.no_theme", lang, path=path, theme=theme))
        if problems:
            self.notify(
                "\n".join(problems),
                title=t("settings.title", lang),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def watch_theme(self, theme: str) -> None:
        """Keep the theme chosen (in the command palette) for the next start."""
        if theme == self.settings.theme:
            return
        self.settings.theme = theme
        try:
            with config.update() as settings:
                settings.theme = theme
        except config.ConfigError as exc:
            title = t("settings.title", self.ui_language)
            self.notify(str(exc), title=title, severity="warning", timeout=15, markup=False)

    def _localize_screen(self, screen: Screen[object]) -> None:
        """A screen about to be shown: its keys, and from now on those of whatever gets the
        focus on it, in the interface language (see :mod:`tomwizard.tui.bindings`)."""
        localize_bindings(screen, self.ui_language)
        if screen not in self._localizing:  # once: before the footer, which subscribes later
            self._localizing.add(screen)
            screen.bindings_updated_signal.subscribe(
                self, self._localize_focus_chain, immediate=True
            )

    def _localize_focus_chain(self, screen: Screen[object]) -> None:
        localize_focus_chain(screen, self.ui_language)

    async def action_switch_ui_language(self) -> None:
        """Show the interface in the other language at once, and keep it for the next start
        (the document's language stays as it is)."""
        language: Language = "en" if self.ui_language == "de" else "de"
        self.ui_language = self.settings.ui_language = language
        localize_bindings(self, language)
        for screen in list(self.screen_stack):
            localize_bindings(screen, language)  # and the focused widget's, when refreshed
            if isinstance(screen, Relabels):
                await screen.relabel()
            screen.refresh_bindings()
        self.notify(t("ui_language.switched", language), markup=False)
        try:
            with config.update() as settings:
                settings.ui_language = language
        except config.ConfigError as exc:
            self.notify(
                t("ui_language.not_saved", language, error=exc),
                title=t("settings.title", language),
                severity="warning",
                timeout=15,
                markup=False,
            )

    async def _shutdown(self) -> None:
        """Let the main screen finish the category views it is building first (a widget
        removed half mounted would fail in its mount handler)."""
        editor = self.editor
        if editor is not None:
            await editor.finish_building()
        await super()._shutdown()

    def on_unmount(self) -> None:
        self._handle_signals(False)

    def _handle_signals(self, install: bool) -> None:
        """Closing the terminal window (SIGHUP) or being told to end (SIGTERM) writes the
        recovery copy first: typing since the last autosave is not lost."""
        try:
            loop = asyncio.get_running_loop()
            for name in TERMINATING_SIGNALS:
                number = getattr(signal, name, None)
                if number is None:
                    continue
                if install:
                    previous = signal.getsignal(number)  # None: not set from Python
                    self._previous_handlers[number] = previous or signal.SIG_DFL
                    loop.add_signal_handler(number, self.terminated, number)
                elif number in self._previous_handlers:
                    loop.remove_signal_handler(number)
                    signal.signal(number, self._previous_handlers.pop(number))
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            pass

    def terminated(self, number: int) -> None:
        """Write the recovery copy of unsaved changes at once, then end (exit code 128 + the
        signal's number, like a process ended by it)."""
        editor = self.editor
        error = editor.autosaver.write_now() if editor is not None else None
        message = None if error is None else t("autosave_failed", self.ui_language, error=error)
        self.exit(return_code=128 + number, message=message)

    @on(StartScreen.OpenRequested)
    def _open_requested(self, event: StartScreen.OpenRequested) -> None:
        self.open_document(event.path, event.language)

    @on(ProblemsScreen.RetryRequested)
    def _retry_requested(self, event: ProblemsScreen.RetryRequested) -> None:
        self.open_document(event.path, event.language)

    def open_document(self, path: Path, language: Language = "de") -> None:
        """Open ``path`` (new if missing); show its problems if it cannot be used."""
        from tomwizard.session import EditSession

        try:
            catalogue = self.catalogue
        except ProblemsError as exc:  # the cached catalogue went, and its files have problems
            self._catalogue_failed(exc.problems)
            return
        try:
            session = EditSession.open(path, catalogue, language, messages=self.ui_language)
        except (ProblemsError, OSError, ValueError) as exc:
            # OSError, ValueError: a folder that cannot be searched, a name over 255 bytes, NUL
            problems = (
                exc.problems
                if isinstance(exc, ProblemsError)
                else (unusable_path(path, exc, self.ui_language),)
            )
            screen = self.screen
            if isinstance(screen, ProblemsScreen) and screen.path == path:
                screen.show_problems(problems)  # retried, still broken
            else:
                self.push_screen(ProblemsScreen(path, problems, language))
            return
        self._offer_recovery(session, session.pending_recoveries())

    def _catalogue_failed(self, problems: Sequence[Problem]) -> None:
        """End, saying why: the wizard cannot work without its catalogue."""
        lang = self.ui_language
        lines = [t("catalogue_broken", lang), *(p.text(lang) for p in problems)]
        self.exit(return_code=1, message="\n".join(lines))

    def _offer_recovery(
        self, session: EditSession, copies: list[RecoveryCopy], index: int = 0
    ) -> None:
        """Ask about each recovery copy in turn (newest first) until one is restored; one
        dismissed with Escape stays for a later start, as do those not asked about."""
        if index >= len(copies):
            self._edit(session)
            return
        copy = copies[index]
        when = dt.datetime.fromtimestamp(copy.modified).strftime("%Y-%m-%d %H:%M")

        def decide(choice: str | None) -> None:
            if choice == "restore":
                session.restore(copy)
                self._edit(session)
                return
            if choice == "discard":
                try:
                    session.discard_recovery(copy)
                except OSError as exc:
                    self.notify(f"{copy.path}: {exc.strerror or exc}", severity="error")
            self._offer_recovery(session, copies, index + 1)

        lang = self.ui_language
        message = t("recovery.message", lang, path=session.path, when=when)
        if len(copies) > 1:
            count = t("recovery.count", lang, index=index + 1, count=len(copies))
            message = f"{message}\n\n{count}"
        self.push_screen(
            ChoiceDialog(
                t("recovery.title", lang),
                message,
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
        main = _main_screen()(session, show_help=self.settings.help_panel)
        if isinstance(self.screen, LoadingScreen):
            main.typed_before = self.screen.typed
        opening = (StartScreen, ProblemsScreen, LoadingScreen)
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
        lang = self.ui_language

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
        """Textual's commands and the wizard's, in the interface language."""
        from tomwizard.tui.system_commands import wizard_commands

        return wizard_commands(self, screen, super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """The command palette, with its words in the interface language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = t("palette.placeholder", self.ui_language)
            from tomwizard.tui.commands import WizardPalette

            self.push_screen(WizardPalette(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        """The palette's list of themes (its "Theme" command), in the interface language."""
        from tomwizard.tui.commands import WizardPalette

        placeholder = t("palette.themes", self.ui_language)
        self.push_screen(WizardPalette(providers=[ThemeProvider], placeholder=placeholder))
