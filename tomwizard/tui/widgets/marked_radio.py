"""A radio button whose choice is visible without colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton

CHOSEN = "●"
NOT_CHOSEN = " "


class MarkedRadioButton(RadioButton):
    """Textual's radio button shows ``●`` chosen or not and tells them apart by colour only;
    this one shows ``●`` only when chosen, so the choice is seen with ``NO_COLOR`` too."""

    def __init__(
        self, label: str | Content = "", value: bool = False, *, id: str | None = None
    ) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = CHOSEN if value else NOT_CHOSEN

    def watch_value(self) -> None:
        self.BUTTON_INNER = CHOSEN if self.value else NOT_CHOSEN
        super().watch_value()
