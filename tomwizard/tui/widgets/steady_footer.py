"""The footer, rebuilt only when the keys it shows change.

Textual's :class:`Footer` rebuilds its key widgets whenever the focus moves. Most moves in the
wizard (from a checklist to the next, from one category to another) leave the shown keys as
they were; rebuilding them anyway costs a noticeable part of a category switch.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


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
