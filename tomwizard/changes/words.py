"""A change in words: the section it belongs to, what changed and how, in German or English.

``Passwortrichtlinie: Mindestlänge: 12 Zeichen → 14 Zeichen``; ``Persönliche Kennungen: entfernt
(bisher: umgesetzt)``; ``Version: 1.0 → 1.1``. Labels come from the catalogue (in the contract's
words), values are formatted as the annex formats them (:class:`~tomwizard.changes.values.
Values`). The user's texts are returned as written: each output makes them safe for itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tomwizard.answers.model import AnswersDocument, MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language, Measure
from tomwizard.changes.compare import status_value
from tomwizard.changes.labels import field_label, word
from tomwizard.changes.model import Change
from tomwizard.changes.values import Values
from tomwizard.export.formatting import format_date

ARROW = "→"


@dataclass(frozen=True)
class Described:
    """A change in words."""

    section: str
    """The id of the section it is listed in (``document``, ``category:<id>``, …)."""
    heading: str
    """The section's heading: "Dokument", a category's title, "Dienstleister", …"""
    subject: str
    """What changed: a measure's label, a provider's name, "Version 1.1"; may be empty."""
    text: str
    """How it changed: "Status: umgesetzt → geplant bis 30.09.2025"."""

    @property
    def line(self) -> str:
        """Subject and text on one line."""
        return f"{self.subject}: {self.text}" if self.subject else self.text


class Wording:
    """Describes the changes between two versions of a document in one language."""

    def __init__(
        self, catalogue: Catalogue, old: AnswersDocument, new: AnswersDocument, lang: Language
    ) -> None:
        self.catalogue = catalogue
        self.old = old
        self.new = new
        self.lang = lang
        self.values = Values(catalogue, old, new, lang)

    def describe(self, change: Change) -> Described:
        section, heading = self.section(change)
        return Described(section, heading, self.subject(change), self.text(change))

    # -- where -------------------------------------------------------------------------------

    def section(self, change: Change) -> tuple[str, str]:
        """The section id and heading of ``change``."""
        if change.category:
            category = self.catalogue.category(change.category)
            title = category.title.get(self.lang) if category else change.category
            return f"category:{change.category}", self.values.words(title)
        key = {"document": "document", "history": "history", "provider": "providers"}.get(
            change.scope, "upkeep"
        )
        return key, word(f"section.{key}", self.lang)

    def measure(self, change: Change) -> Measure | None:
        return self.catalogue.measure(change.category, change.item)

    def subject(self, change: Change) -> str:
        lang = self.lang
        scope = change.scope
        if scope == "document":
            return self.party(change.field) if change.detail else ""
        if scope == "history":
            return f"{field_label('version', lang)} {change.item}"
        if scope == "answer":
            question = self.catalogue.question(change.category, change.item)
            label = self.values.words(question.label.get(lang)) if question else change.item
            if change.field == "answers_en":
                label = f"{label} ({word('english', lang)})"
            if change.detail:
                label = f"{label} – {word('row', lang)} {change.detail[0]}"
            return label
        if scope == "measure":
            measure = self.measure(change)
            return self.values.words(measure.label.get(lang)) if measure else change.item
        if scope == "custom":
            return self._custom_label(change.category, change.item)
        if scope == "provider":
            name = self.values.provider(change.item)
            if change.field == "certifications":
                certificate = field_label("certifications", lang)
                if len(change.detail) > 1:  # a value of it: which certificate
                    certificate = f"{certificate} {self._certificate(change)}"
                return f"{name} – {certificate}"
            return name
        if scope == "upkeep":
            return f"{field_label(change.field, lang)} {change.item}"
        return ""

    def party(self, field: str) -> str:
        if field == "controller":
            return self.values.terms.controller.label
        if field == "processor":
            return self.values.terms.processor.label
        return field_label(field, self.lang)

    def _custom_label(self, category_id: str, custom_id: str) -> str:
        for document in (self.new, self.old):
            answers = document.categories.get(category_id)
            if answers is not None and custom_id in answers.custom:
                return answers.custom[custom_id].label
        return custom_id

    def _certificate(self, change: Change) -> str:
        key = change.detail[0]
        for document in (self.new, self.old):
            provider = document.providers.get(change.item)
            if provider is not None and key in provider.certifications:
                return provider.certifications[key].standard
        return key

    # -- what --------------------------------------------------------------------------------

    def is_item(self, change: Change) -> bool:
        """Whether ``change`` adds or removes a whole thing (a measure, a provider, a table
        row, a certificate, a history entry) rather than one of its values."""
        if change.field == "":
            return True
        if change.scope == "upkeep":
            return not change.detail
        if change.field == "certifications" or (change.scope == "answer" and change.detail):
            return len(change.detail) == 1
        return False

    def text(self, change: Change) -> str:
        lang = self.lang
        old, new = self.value(change, change.old), self.value(change, change.new)
        label = "" if self.is_item(change) else self.label(change)
        if change.action == "added":
            if self.is_item(change):
                return f"{word('new', lang)}: {new}" if new else word("new", lang)
            return (
                f"{label}: {new} ({word('new', lang)})" if label else f"{new} ({word('new', lang)})"
            )
        if change.action == "removed":
            removed = f"{label} {word('removed', lang)}" if label else word("removed", lang)
            return f"{removed} ({word('was', lang)}: {old})" if old else removed
        return f"{label}: {old} {ARROW} {new}" if label else f"{old} {ARROW} {new}"

    def label(self, change: Change) -> str:
        """The name of the value that changed (empty for an answer: its question is the
        subject)."""
        lang = self.lang
        if change.field in ("parameters", "parameters_en"):
            label = self.values.parameter_label(self.measure(change), change.detail[0])
            if change.field == "parameters_en":
                label = f"{label} ({word('english', lang)})"
            return label
        if change.scope == "answer":
            if len(change.detail) == 2:
                question = self.catalogue.question(change.category, change.item)
                return self.values.cell(question, change.detail[1], None)[0]
            return ""
        if change.detail and change.scope in ("document", "provider", "upkeep"):
            return field_label(change.detail[-1], lang)
        return field_label(change.field, lang, category=change.scope == "category")

    def value(self, change: Change, value: Any) -> str:
        """One side of ``change`` in words."""
        if value is None:
            return ""
        scope, field = change.scope, change.field
        if self.is_item(change):
            return self.summary(change, value)
        if field == "status" and scope in ("measure", "custom"):
            return self.values.status(value)
        if field == "parameters":
            return self.values.parameter(self.measure(change), change.detail[0], value)
        if scope == "answer":
            question = self.catalogue.question(change.category, change.item)
            if len(change.detail) == 2:
                return self.values.cell(question, change.detail[1], value)[1]
            if field == "answers":
                return self.values.answer(question, value)
        detail = change.detail[-1] if change.detail else field
        return self.values.field(detail, value)

    def summary(self, change: Change, value: Any) -> str:
        """A whole item in a few words: a measure's status and values, a provider's role and
        service, a history entry's date and text, a table row's cells."""
        lang = self.lang
        values = self.values
        if not isinstance(value, dict):
            return values.plain(value)
        if change.scope in ("measure", "custom"):
            return self.measure_summary(change, value)
        if change.scope == "answer":
            return values.row(self.catalogue.question(change.category, change.item), value)
        if change.scope == "provider" and change.field == "certifications":
            return self._join([value.get("standard"), value.get("issuer"), self._until(value)])
        if change.scope == "provider":
            certificates = [c.get("standard", "") for c in value.get("certifications", {}).values()]
            return self._join(
                [
                    values.field("role", value.get("role", "other")),
                    value.get("service"),
                    ", ".join(certificates),
                ]
            )
        if change.scope == "history":
            return self._join(
                [format_date(value.get("date"), lang), value.get("author"), value.get("changes")]
            )
        if change.field == "conflicts":
            return (
                f"{word('ours', lang)}: {value.get('ours', '')}, "
                f"{word('theirs', lang)}: {value.get('theirs', '')}"
            )
        return values.plain(value)

    def measure_summary(self, change: Change, value: dict[str, Any]) -> str:
        state = MeasureAnswer.model_validate(
            {k: v for k, v in value.items() if k in MeasureAnswer.model_fields}
        )
        parts = [self.values.status(status_value(state))]
        measure = self.measure(change) if change.scope == "measure" else None
        for key, item in state.parameters.items():
            parts.append(
                f"{self.values.parameter_label(measure, key)}: "
                f"{self.values.parameter(measure, key, item)}"
            )
        if state.note:
            parts.append(f"{field_label('note', self.lang)}: {state.note}")
        if state.provided_by:
            who = self.values.provider(state.provided_by)
            parts.append(f"{field_label('provided_by', self.lang)}: {who}")
        return "; ".join(parts)

    def _until(self, value: dict[str, Any]) -> str:
        until = value.get("valid_until")
        return (
            f"{field_label('valid_until', self.lang)} {format_date(until, self.lang)}"
            if until
            else ""
        )

    @staticmethod
    def _join(parts: list[Any]) -> str:
        return ", ".join(str(p) for p in parts if p)
