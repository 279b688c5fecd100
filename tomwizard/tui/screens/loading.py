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
from tomwizard.tui.widgets.titles import fit_title


class SkeletonSidebar(OptionList, can_focus=False):
    """The sidebar's groups and categories, without the completion (not known yet)."""

    def __init__(self, catalogue: CachedCatalogue, language: Language) -> None:
        super().__init__(id="sidebar")
        self.catalogue = catalogue
        self.language: Language = language
        self._width = 0

    def on_mount(self) -> None:
        # drawn in the first frame: the width the layout gives (tomwizard.tcss: 28 columns
        # below 110, else 34, less border and padding), corrected on resize if it differs
        estimate = 24 if self.app.size.width < 110 else 30
        self._fill(self.content_size.width or estimate)

    def on_resize(self) -> None:
        if self.content_size.width != self._width:
            self._fill(self.content_size.width)

    def _fill(self, width: int) -> None:
        self._width = width
        self.clear_options()
        for group in self.catalogue.groups:
            self.add_option(
                Option(Text(group.group.get(self.language), style="bold"), disabled=True)
            )
            for category in group.categories:
                title = fit_title(category.get(self.language), width)
                label = Text(no_wrap=True, overflow="ellipsis")
                label.append(" " * 7)  # where the main screen shows the completion
                label.append(f" {title}")
                self.add_option(Option(label, id=category.id))


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
        sidebar = SkeletonSidebar(self.catalogue, lang)
        yield Header()
        with Horizontal(id="panes"):
            yield sidebar
            yield Static(t("loading", lang), id="loading-note")
        yield SteadyFooter(compact=True)
