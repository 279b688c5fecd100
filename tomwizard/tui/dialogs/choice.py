"""A question with a few answers as buttons (save/discard, restore/discard, overwrite/reload...)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ChoiceDialog(ModalScreen[str | None]):
    """Asks ``message`` and dismisses with the id of the chosen button (``None`` on Escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without choosing", id="dialog-cancel")
    ]

    def __init__(
        self, title: str, message: str, choices: list[tuple[str, str]], columns: int = 0
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.choices = choices
        self.columns = columns
        """Lay the buttons out in rows of this many (0: one row), so that many choices fit
        into 80 columns."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            buttons = Grid(classes="dialog-buttons -grid") if self.columns else None
            if buttons is not None:
                buttons.styles.grid_size_columns = self.columns
            with buttons or Horizontal(classes="dialog-buttons"):
                for index, (choice_id, label) in enumerate(self.choices):
                    yield Button(
                        label,
                        id=choice_id,
                        variant="primary" if index == 0 else "default",
                        compact=bool(self.columns),  # a line each: many choices fit in 80x24
                    )

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
