"""The footer: its keys always in the same order, rebuilt only when they change.

Textual's :class:`Footer` rebuilds its key widgets whenever the focus moves, in the order of the
bindings from the focused widget up: a text area that also knows ctrl+e moved "Export" to the
front. Here the keys keep the order of the screen's and the app's bindings wherever the focus
is, and a focus move that leaves the shown keys as they were rebuilds nothing (rebuilding cost
a noticeable part of a category switch).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class SteadyFooter(Footer):
    """A :class:`Footer` that skips rebuilding when nothing it shows has changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def _signature(self, screen: Screen[Any]) -> tuple[tuple[str, str, str, bool, str], ...]:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen and self._bindings_ready:
            shown = self._signature(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, in the order the screen and the app declare their bindings (those
        of other widgets after them, the command palette last)."""
        widgets = list(super().compose())
        declared = [*getattr(self.screen, "BINDINGS", []), *getattr(self.app, "BINDINGS", [])]
        actions = [b.action for b in declared if isinstance(b, Binding)]
        order = {action: index for index, action in enumerate(actions)}
        keys = [
            w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")
        ]
        keys.sort(key=lambda key: order.get(key.action, len(order)))
        yield from keys
        yield from (w for w in widgets if w not in keys)
