"""The start screen: a new document, a recently opened one, or any path. Its words are in the
interface language; the document's language is chosen on it (the interface language first)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, RadioSet
from textual.widgets.option_list import Option

from tomwizard.languages import Language
from tomwizard.locations import PathError, expand_user
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.marked_radio import MarkedRadioButton

LABELS = (
    ("#start-title", "start.title"),
    ("#start-path-label", "start.path"),
    ("#start-language-label", "start.language"),
    ("#start-recent-label", "start.recent"),
    ("#start-no-recent", "start.no_recent"),
)
"""The screen's labels and their texts (:meth:`StartScreen.relabel` sets them again)."""


class StartScreen(Screen[None]):
    """Choose what to work on; the app opens it (this screen touches no files)."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", tooltip="Leave tomwizard", id="quit")]

    class OpenRequested(Message):
        """Open ``path`` (a new document there if it does not exist) in ``language``."""

        def __init__(self, path: Path, language: Language) -> None:
            super().__init__()
            self.path = path
            self.language: Language = language

    def __init__(self, recent: list[Path], language: Language | None = None) -> None:
        super().__init__(id="start")
        self.recent = recent
        self.language: Language | None = language
        """The document language chosen at first (``None``: the interface language)."""

    def compose(self) -> ComposeResult:
        lang = ui_language()
        chosen = self.language or lang
        yield Header()
        with Vertical(id="start-body"):
            yield Label(t("start.title", lang), id="start-title", classes="category-title")
            yield Label(t("start.path", lang), id="start-path-label", classes="field-label")
            with Horizontal(id="open-row"):
                yield Input(placeholder="anlage-tom.toml", id="path")
                yield Button(t("start.open", lang), id="open", variant="primary")
            yield Label("", id="start-error", classes="field-error")
            yield Label(t("start.language", lang), id="start-language-label", classes="field-label")
            with RadioSet(id="language"):
                yield MarkedRadioButton("Deutsch", chosen == "de", id="language-de")
                yield MarkedRadioButton("English", chosen == "en", id="language-en")
            yield Label(t("start.recent", lang), id="start-recent-label", classes="question-label")
            if self.recent:
                yield OptionList(
                    *[Option(Text(str(p)), id=str(p)) for p in self.recent], id="recent"
                )
            else:
                yield Label(t("start.no_recent", lang), id="start-no-recent", classes="muted")
        yield Footer()

    async def relabel(self) -> None:
        """The words in the interface language again; what was typed and chosen stays."""
        lang = ui_language()
        for selector, key in LABELS:
            for label in self.query(selector).results(Label):
                label.update(t(key, lang))
        self.query_one("#open", Button).label = t("start.open", lang)
        self.query_one("#start-error", Label).update("")

    def _language(self) -> Language:
        index = self.query_one("#language", RadioSet).pressed_index
        return "en" if index == 1 else "de"

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        lang = ui_language()
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#start-error", Label).update(t("start.need_path", lang))
            return
        try:
            path = expand_user(text, t("start.path", lang))
        except PathError as exc:  # "~nobody/…": a user that does not exist
            message = t("start.bad_path", lang, error=str(exc))
            self.query_one("#start-error", Label).update(Text(message))
            return
        if path.suffix != ".toml" and not path.exists():
            path = path.with_name(path.name + ".toml")
        self.post_message(self.OpenRequested(path, self._language()))

    @on(OptionList.OptionSelected, "#recent")
    def _recent(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(self.OpenRequested(Path(event.option.id), self._language()))
