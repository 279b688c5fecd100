"""A small form of typed fields (a table row, a custom measure) in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tomwizard.catalogue.model import Language, Parameter
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.value_field import ValueField


class FormDialog(ModalScreen[dict[str, Any] | None]):
    """Edits the fields ``specs`` starting from ``values``; dismisses with the new values, or
    ``None`` when cancelled. Required fields must be filled and every field valid, and ``check``
    (if given) must return no message for the values. Its words are in ``language`` (default:
    the interface language)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without applying", id="form-cancel")
    ]

    def __init__(
        self,
        title: str,
        specs: list[Parameter],
        values: dict[str, Any],
        language: Language | None = None,
        check: Callable[[dict[str, Any]], str | None] | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.specs = specs
        self.values = dict(values)
        self.language: Language | None = language
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="form-fields"):
                for spec in self.specs:
                    yield ValueField(
                        spec, self.values.get(spec.id), self.language, id=f"f-{spec.id}"
                    )
            yield Label("", id="form-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                lang = self.language or ui_language()
                yield Button(t("apply", lang), id="apply", variant="primary")
                yield Button(t("cancel", lang), id="cancel")

    async def relabel(self) -> None:
        """The words in the interface language again (with the values given so far)."""
        await self.recompose()

    @on(ValueField.Changed)
    def _changed(self, event: ValueField.Changed) -> None:
        event.stop()
        self.values[event.field.field_id] = event.value

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        invalid = [f for f in self.query(ValueField) if f.has_class("-invalid")]
        missing = [s for s in self.specs if s.required and self.values.get(s.id) in (None, "")]
        if invalid or missing:
            lang = self.language or ui_language()
            names = [f.spec.label.get(lang) for f in invalid]
            names += [s.label.get(lang) for s in missing]
            self.query_one("#form-error", Label).update(
                f"{t('invalid.required', lang)}: {', '.join(names)}"
            )
            return
        values = {k: v for k, v in self.values.items() if v is not None and v != ""}
        error = self.check(values) if self.check is not None else None
        if error is not None:
            self.query_one("#form-error", Label).update(error)
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
