"""The details of one checklist measure, in a panel at the right: status, target date (planned)
or reason (not applicable), the measure's values, remark and provider.

Every change is sent at once, as a message from the checklist's line list, so the main screen
applies it to the session and the line shows it while the panel is still open. Escape (or
Close) goes back to the list, on the same line.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from tomwizard.answers.model import AnswersDocument, MeasureAnswer
from tomwizard.catalogue.model import Category, Language, Measure, Parameter, Text
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import MeasureChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.fields_scroll import FieldsScroll
from tomwizard.tui.widgets.measure_list import GLYPHS, STATUSES
from tomwizard.tui.widgets.provider_select import ProviderSelect, decode
from tomwizard.tui.widgets.value_field import ValueField

OPEN = "open"
"""The status choice for a measure not decided yet (stored as no status)."""


class MeasureDialog(ModalScreen[None]):
    """Edits one measure; changes go to ``sender`` as :class:`MeasureChanged` messages."""

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Back to the checklist",
            id="measure-close",
        )
    ]

    def __init__(
        self,
        category: Category,
        measure: Measure,
        answer: MeasureAnswer,
        document: AnswersDocument,
        document_language: Language,
        sender: Widget,
    ) -> None:
        super().__init__(classes="panel-screen")
        self.category = category
        self.measure = measure
        self.answer = answer
        self.document = document
        """Read for the list of service providers only."""
        self.document_language: Language = document_language
        self.sender = sender
        self.language: Language = ui_language()

    @property
    def english(self) -> bool:
        """Whether English versions of the user's texts are asked for (a German document)."""
        return self.document_language == "de"

    def compose(self) -> ComposeResult:
        lang, answer, measure = self.language, self.answer, self.measure
        with Vertical(classes="panel measure-panel"):
            yield Label(
                f"{GLYPHS[answer.status]} {measure.label.get(lang)}",
                id="measure-title",
                classes="dialog-title",
                markup=False,
            )
            with FieldsScroll(classes="panel-fields"):
                yield Label(t("status", lang), classes="field-label")
                yield Select(
                    [(t(f"status.{s}", lang), s) for s in (OPEN, *STATUSES)],
                    value=answer.status or OPEN,
                    allow_blank=False,
                    id="status",
                )
                yield self._target_date()
                yield from self._reason_fields()
                for parameter in measure.parameters:
                    yield ValueField(
                        parameter,
                        answer.parameters.get(parameter.id),
                        lang,
                        id=f"p-{parameter.id}",
                    )
                    if self.english and parameter.type == "text":
                        yield ValueField(
                            _english_spec(parameter),
                            answer.parameters_en.get(parameter.id),
                            lang,
                            id=f"pe-{parameter.id}",
                        )
                yield Label(t("note", lang), classes="field-label")
                yield Input(answer.note, id="note")
                if self.english:
                    yield Label(t("note.en", lang), classes="field-label")
                    yield Input(answer.note_en, id="note-en")
                yield Label(t("provider.label", lang), classes="field-label")
                yield ProviderSelect(
                    self.document, None, answer.provided_by, answer.shared, id="measure-provider"
                )
                if measure.help.get(lang):
                    yield Static(measure.help.get(lang), classes="muted panel-help", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("close", lang), id="close")

    def _target_date(self) -> ValueField:
        target = Parameter(
            id="target_date",
            type="date",
            label=Text(de=t("target_date", "de"), en=t("target_date", "en")),
        )
        return ValueField(target, self.answer.target_date, self.language, id="target-date")

    def _reason_fields(self) -> ComposeResult:
        lang = self.language
        yield Label(t("reason", lang), classes="field-label reason")
        yield Input(self.answer.reason, id="reason", classes="reason")
        if self.english:
            yield Label(t("reason.en", lang), classes="field-label reason")
            yield Input(self.answer.reason_en, id="reason-en", classes="reason")

    def on_mount(self) -> None:
        self._show_status_fields(self.answer.status)
        self.query_one("#status", Select).focus()

    def _show_status_fields(self, status: str | None) -> None:
        """Only the fields that apply to ``status`` are shown; what was typed into the others
        stays (and is kept in the file)."""
        for widget in self.query("#target-date"):
            widget.display = status == "planned"
        for widget in self.query(".reason"):
            widget.display = status == "not_applicable"
        title = self.query_one("#measure-title", Label)
        title.update(f"{GLYPHS[status]} {self.measure.label.get(self.language)}")

    def _send(self, **changes: Any) -> None:
        self.sender.post_message(MeasureChanged(self.category.id, self.measure.id, changes))

    @on(Select.Changed, "#status")
    def _status(self, event: Select.Changed) -> None:
        event.stop()
        status = event.value if isinstance(event.value, str) and event.value != OPEN else None
        self._show_status_fields(status)
        self._send(status=status)

    @on(ValueField.Changed)
    def _value(self, event: ValueField.Changed) -> None:
        event.stop()
        if event.field.id == "target-date":
            self._send(target_date=event.value)
        elif (event.field.id or "").startswith("pe-"):
            self._send(parameters_en={event.field.field_id: event.value})
        else:
            self._send(parameters={event.field.field_id: event.value})

    @on(Input.Changed, "#reason")
    def _reason(self, event: Input.Changed) -> None:
        event.stop()
        self._send(reason=event.value)

    @on(Input.Changed, "#reason-en")
    def _reason_en(self, event: Input.Changed) -> None:
        event.stop()
        self._send(reason_en=event.value)

    @on(Select.Changed, "#measure-provider")
    def _provider(self, event: Select.Changed) -> None:
        event.stop()
        provided_by, shared = decode(event.value)
        self._send(provided_by=provided_by, shared=shared)

    @on(Input.Changed, "#note")
    def _note(self, event: Input.Changed) -> None:
        event.stop()
        self._send(note=event.value)

    @on(Input.Changed, "#note-en")
    def _note_en(self, event: Input.Changed) -> None:
        event.stop()
        self._send(note_en=event.value)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


def _english_spec(parameter: Parameter) -> Parameter:
    """The field for the English version of a text parameter."""
    de, en = (t("value.en", lang, label=parameter.label.get(lang)) for lang in ("de", "en"))
    return Parameter(id=parameter.id, type="text", label=Text(de=de, en=en))
