"""The first frame of ``tomwizard edit FILE``: the file's name and the categories, drawn from
the catalogue cache's titles index before the catalogue's models and the document are loaded
(see :mod:`tomwizard.catalogue.lazy`). The app replaces it with the main screen a moment later;
keys typed meanwhile are kept and handed to the main screen (:attr:`LoadingScreen.typed`). Laid
out like the main screen (same ids), so the switch does not move anything."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tomwizard.catalogue.lazy import CachedCatalogue
from tomwizard.languages import Language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.steady_footer import SteadyFooter


class LoadingScreen(Screen[None]):
    """``path`` about to be opened with ``catalogue``."""

    def __init__(self, path: Path, catalogue: CachedCatalogue, language: Language) -> None:
        super().__init__(id="loading")
        self.path = path
        self.catalogue = catalogue
        self.language: Language = language
        self.typed: list[events.Key] = []
        """Keys pressed before the document was open, in order (the app's own priority keys,
        such as ctrl+q, work at once)."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.typed.append(events.Key(event.key, event.character))

    def compose(self) -> ComposeResult:
        lang = self.language
        self.title = f"tomwizard — {self.path.name}"
        self.sub_title = t("loading", lang)
        sidebar = OptionList(id="sidebar")
        sidebar.can_focus = False  # nothing to choose yet
        for group in self.catalogue.groups:
            sidebar.add_option(Option(Text(group.group.get(lang), style="bold"), disabled=True))
            for category in group.categories:
                label = Text(no_wrap=True, overflow="ellipsis")
                label.append(" " * 7)  # where the main screen shows the completion
                label.append(f" {category.get(lang)}")
                sidebar.add_option(Option(label, id=category.id))
        yield Header()
        with Horizontal(id="panes"):
            yield sidebar
            yield Static(t("loading", lang), id="loading-note")
        yield SteadyFooter(compact=True)
