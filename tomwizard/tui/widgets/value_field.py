"""An input for one typed value (number, text, choice, yes/no, date), errors shown as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select

from tomwizard.answers.values import Invalid, format_value, parse_value
from tomwizard.catalogue.model import Language, Parameter
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t


class ValueField(Vertical):
    """Edits one value described by a catalogue :class:`Parameter` (or a question made into one).

    Invalid input is never stored: the field shows why as text and keeps the last valid value.
    Labels, units, choices and errors are in ``language`` (default: the interface language).
    """

    @dataclass
    class Changed(Message):
        """A new valid value (``None`` when the field was emptied)."""

        field: ValueField
        value: Any

        @property
        def control(self) -> ValueField:
            return self.field

    def __init__(
        self,
        spec: Parameter,
        value: Any,
        language: Language | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="value-field")
        self.spec = spec
        self.value = value
        self.language: Language | None = language

    @property
    def field_id(self) -> str:
        return self.spec.id

    def compose(self) -> ComposeResult:
        spec, lang = self.spec, self.language or ui_language()
        unit = f" ({spec.unit.get(lang)})" if spec.unit else ""
        marker = " *" if spec.required else ""
        if spec.type == "bool":
            yield Checkbox(
                Content(spec.label.get(lang) + marker), value=bool(self.value), id="input"
            )
            return
        yield Label(spec.label.get(lang) + unit + marker, classes="field-label", markup=False)
        if spec.type == "choice":
            options = [(RichText(o.label.get(lang)), o.id) for o in spec.options]
            known = {o.id for o in spec.options}
            yield Select(
                options,
                value=self.value if self.value in known else Select.NULL,
                allow_blank=True,
                prompt="—",
                id="input",
            )
        else:
            placeholder = t("date_placeholder", lang) if spec.type == "date" else ""
            yield Input(format_value(self.value), placeholder=placeholder, id="input")
        yield Label("", classes="field-error", markup=False)

    @on(Input.Changed, "#input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        parsed = parse_value(self.spec, event.value)
        error = self.query_one(".field-error", Label)
        if isinstance(parsed, Invalid):
            lang = self.language or ui_language()
            error.update(t(f"invalid.{parsed.key}", lang, value=parsed.value))
            self.add_class("-invalid")
            return
        error.update("")
        self.remove_class("-invalid")
        if parsed != self.value:
            self.value = parsed
            self.post_message(self.Changed(self, parsed))

    @on(Select.Changed, "#input")
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    @on(Checkbox.Changed, "#input")
    def _toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.value:
            self.value = event.value
            self.post_message(self.Changed(self, event.value))
