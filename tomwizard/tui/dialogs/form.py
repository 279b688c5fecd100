"""A small form of typed fields (a table row, an own measure, a history entry) in a dialog.

It opens on its first field; Enter in a field applies, Enter on a button presses it, Escape
cancels. A field can apply only while the other values make it apply (``applies``: an own
measure's target date only while it is planned): it is shown only then, at once when a value
changes. What was typed into a hidden field stays in the form and is applied with the rest,
as the details of a checklist measure keep theirs, but a hidden field is never demanded: not
when required, not when its text is invalid (its last valid value counts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tomwizard.catalogue.model import Language, Parameter
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.fields_scroll import FieldsScroll
from tomwizard.tui.widgets.value_field import ValueField

Applies = Callable[[dict[str, Any]], bool]
"""Whether a field applies, given the form's values."""


class FormDialog(ModalScreen[dict[str, Any] | None]):
    """Edits the fields ``specs`` starting from ``values``; dismisses with the new values, or
    ``None`` when cancelled. Required fields must be filled and every field valid, and ``check``
    (if given) must return no message for the values; ``applies`` maps a field's id to when it
    is shown (fields not in it always are). Its words are in ``language`` (default: the
    interface language)."""

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
        applies: Mapping[str, Applies] | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.specs = specs
        self.values = dict(values)
        self.language: Language | None = language
        self.check = check
        self.applies: Mapping[str, Applies] = applies or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with FieldsScroll(classes="form-fields"):
                for spec in self.specs:
                    yield ValueField(
                        spec, self.values.get(spec.id), self.language, id=f"f-{spec.id}"
                    )
            yield Label("", id="form-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                lang = self.language or ui_language()
                yield Button(t("apply", lang), id="apply", variant="primary")
                yield Button(t("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self._show_fields()
        self.focus_first()

    def focus_first(self) -> None:
        """Focus the first field shown."""
        for field in self.query(ValueField):
            if field.display:
                field.query_one("#input").focus()
                return

    async def relabel(self) -> None:
        """The words in the interface language again (with the values given so far)."""
        await self.recompose()
        self._show_fields()
        self.focus_first()

    def shown(self, field_id: str) -> bool:
        """Whether the field ``field_id`` applies to the values given so far."""
        rule = self.applies.get(field_id)
        return rule is None or rule(self.values)

    def _show_fields(self) -> None:
        for field in self.query(ValueField):
            field.display = self.shown(field.field_id)

    @on(ValueField.Changed)
    def _changed(self, event: ValueField.Changed) -> None:
        event.stop()
        self.values[event.field.field_id] = event.value
        if self.applies:
            self._show_fields()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a field applies the form."""
        event.stop()
        self._apply()

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        invalid = [f for f in self.query(ValueField) if f.display and f.has_class("-invalid")]
        missing = [
            s
            for s in self.specs
            if s.required and self.shown(s.id) and self.values.get(s.id) in (None, "")
        ]
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
