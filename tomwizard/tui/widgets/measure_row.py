"""One checklist measure: tick it, then refine its status, parameters and note."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select

from tomwizard.answers.model import AnswersDocument, MeasureAnswer
from tomwizard.catalogue.model import Category, Language, Measure, Parameter, Text
from tomwizard.tui.messages import MeasureChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.help_panel import HelpTopic
from tomwizard.tui.widgets.provider_select import ProviderSelect, decode
from tomwizard.tui.widgets.value_field import ValueField

STATUSES = ("implemented", "planned", "not_applicable")


class MeasureRow(Vertical):
    """A measure of a checklist.

    Ticking sets the status *implemented*; the details that then appear refine it to *planned*
    (with a target date) or *not applicable* (with a reason) and hold the measure's parameters
    and a note. Unticking keeps parameters and note, so nothing typed is lost.
    """

    def __init__(
        self,
        category: Category,
        measure: Measure,
        answer: MeasureAnswer,
        language: Language,
        document: AnswersDocument,
    ) -> None:
        super().__init__(id=f"m-{measure.id}", classes="measure")
        self.document = document
        """Read for the list of service providers only."""
        self.category = category
        self.measure = measure
        self.answer = answer
        self.language: Language = language
        self.set_class(answer.status is not None, "-decided")

    @property
    def help_topic(self) -> HelpTopic:
        m, lang = self.measure, self.language
        return HelpTopic(m.label.get(lang), m.help.get(lang), list(m.source))

    def compose(self) -> ComposeResult:
        lang, answer = self.language, self.answer
        yield Checkbox(Content(self.measure.label.get(lang)), answer.status is not None, id="tick")
        if answer.status is not None:
            yield self._details()

    def _details(self) -> Vertical:
        """Status, target date, reason, parameters and note. Built only for measures that are
        decided (or get ticked): most of a checklist is not, and fewer widgets draw faster."""
        return Vertical(*self._detail_fields(), classes="measure-details")

    def _detail_fields(self) -> ComposeResult:
        lang, answer = self.language, self.answer
        yield Select(
            [(t(f"status.{s}", lang), s) for s in STATUSES],
            value=answer.status or "implemented",
            allow_blank=False,
            id="status",
        )
        if answer.status == "planned":
            yield self._target_date()
        if answer.status == "not_applicable":
            yield from self._reason_fields()
        for parameter in self.measure.parameters:
            yield ValueField(
                parameter, answer.parameters.get(parameter.id), lang, id=f"p-{parameter.id}"
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
            self.document, lang, answer.provided_by, answer.shared, id="measure-provider"
        )

    def _target_date(self) -> ValueField:
        target = Parameter(
            id="target_date",
            type="date",
            label=Text(de=t("target_date", "de"), en=t("target_date", "en")),
        )
        return ValueField(target, self.answer.target_date, self.language, id="target-date")

    @property
    def english(self) -> bool:
        """Whether English versions of the texts are asked for (a German document)."""
        return self.language == "de"

    def _reason_fields(self) -> list[Label | Input]:
        fields: list[Label | Input] = [
            Label(t("reason", self.language), classes="field-label reason"),
            Input(self.answer.reason, id="reason", classes="reason"),
        ]
        if self.english:
            fields += [
                Label(t("reason.en", self.language), classes="field-label reason"),
                Input(self.answer.reason_en, id="reason-en", classes="reason"),
            ]
        return fields

    async def _status_fields_for(self, status: str | None) -> None:
        """Add the target date (planned) or the reason (not applicable) when first needed,
        then show only the one that fits ``status`` (values typed into the other stay)."""
        anchor = self.query_one("#status", Select)
        if status == "planned" and not self.query("#target-date"):
            await self.query_one(".measure-details").mount(self._target_date(), after=anchor)
        if status == "not_applicable" and not self.query("#reason"):
            await self.query_one(".measure-details").mount_all(self._reason_fields(), after=anchor)
        self._show_status_fields(status)

    def on_mount(self) -> None:
        self._show_status_fields(self.answer.status)

    def _show_status_fields(self, status: str | None) -> None:
        for widget in self.query("#target-date"):
            widget.display = status == "planned"
        for widget in self.query(".reason"):
            widget.display = status == "not_applicable"

    def _send(self, **changes: Any) -> None:
        self.post_message(MeasureChanged(self.category.id, self.measure.id, changes))

    @on(Checkbox.Changed, "#tick")
    async def _ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value and not self.query("#status"):
            await self.mount(self._details())
        status = self.query_one("#status", Select).value if event.value else None
        self.set_class(event.value, "-decided")
        await self._status_fields_for(status if isinstance(status, str) else None)
        self._send(status=status)

    @on(Select.Changed, "#status")
    async def _status(self, event: Select.Changed) -> None:
        event.stop()
        if not self.query_one("#tick", Checkbox).value:
            return
        status = event.value if isinstance(event.value, str) else "implemented"
        await self._status_fields_for(status)
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


def _english_spec(parameter: Parameter) -> Parameter:
    """The field for the English version of a text parameter."""
    de, en = (t("value.en", lang, label=parameter.label.get(lang)) for lang in ("de", "en"))
    return Parameter(id=parameter.id, type="text", label=Text(de=de, en=en))
