"""Values of an answers file in words, formatted as the annex formats them.

Dates, numbers with their units, options, yes/no come from :mod:`tomwizard.export.formatting`,
so ``diff``, ``show`` and the change notice print a value exactly as the annex prints it ("24
Stunden", "01.03.2025", the option's label). The catalogue's words are put into the contract's
terms; the user's texts are returned as written (the caller makes them safe for where they go:
a terminal, Markdown or a Word file).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tomwizard.answers.model import PARTY_TERMS, AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Language,
    Measure,
    MultichoiceQuestion,
    NumberQuestion,
    Parameter,
    Question,
    TableQuestion,
)
from tomwizard.changes.labels import field_label, status_word, word
from tomwizard.export.formatting import (
    format_amount,
    format_date,
    join,
    option_text,
    parameter_value,
    unit_text,
)
from tomwizard.export.formatting import word as annex_word
from tomwizard.export.providers import role_name
from tomwizard.export.terms import ENGLISH, GERMAN, Terms, terms_info


class Values:
    """Formats the values of two versions of a document (OLD and NEW) in one language, with
    the catalogue's labels in the contract's words of NEW."""

    def __init__(
        self, catalogue: Catalogue, old: AnswersDocument, new: AnswersDocument, lang: Language
    ) -> None:
        self.catalogue = catalogue
        self.old = old
        self.new = new
        self.lang = lang
        details = new.document
        self.words = Terms(details.party_terms, lang).catalogue_text
        annex = details.annex_word if lang == "de" else details.annex_word_en
        self.terms = terms_info(details.party_terms, annex, lang)

    # -- generic ---------------------------------------------------------------------------

    def plain(self, value: Any) -> str:
        """Any value: yes/no, a date, a number, a list, a table of values, a text."""
        lang = self.lang
        if value is None:
            return ""
        if isinstance(value, bool):
            return annex_word("yes" if value else "no", lang)
        if isinstance(value, dt.date):
            return format_date(value, lang)
        if isinstance(value, int | float):
            return format_amount(value, lang)
        if isinstance(value, list):
            return join([self.plain(v) for v in value], lang)
        if isinstance(value, dict):
            return "; ".join(
                f"{field_label(str(k), lang)}: {self.plain(v)}"
                for k, v in value.items()
                if v not in (None, "", [], {})
            )
        return str(value)

    def field(self, field: str, value: Any) -> str:
        """A field of the file whose meaning the format fixes (status, party terms, …)."""
        lang = self.lang
        if value is None or value == "":
            return ""
        if field == "language" and value in ("de", "en"):
            return word(value, lang)
        if field == "party_terms" and value in PARTY_TERMS:
            return self.party_terms(value)
        if field == "kind" and value in ("technical", "organisational"):
            return word(value, lang)
        if field == "role":
            return role_name(value, lang)
        if field == "status" and value in ("draft", "final"):
            return annex_word(value, lang)
        if field == "provided_by" and isinstance(value, str):
            return self.provider(value)
        if field == "review_interval_months" and isinstance(value, int):
            return word("month", lang) if value == 1 else word("months", lang).format(n=value)
        return self.plain(value)

    def party_terms(self, value: str) -> str:
        """ "Auftraggeber/Auftragnehmer"; in English with the German words, which English
        does not tell apart: "controller/processor (Verantwortlicher/Auftragsverarbeiter)"."""
        controller, processor = GERMAN[value]
        german = f"{controller.forms['bare']}/{processor.forms['bare']}"
        return german if self.lang == "de" else f"{'/'.join(ENGLISH[value])} ({german})"

    def provider(self, provided_by: str) -> str:
        """Who ``provided_by`` names: a party in the contract's words or a provider's name."""
        if provided_by == "controller":
            return self.terms.controller.label
        if provided_by == "processor":
            return self.terms.processor.label
        for document in (self.new, self.old):
            provider = document.providers.get(provided_by)
            if provider is not None:
                return provider.name
        return provided_by

    def status(self, value: Any) -> str:
        """A status as :func:`~tomwizard.changes.compare.status_value` gives it: "geplant bis
        30.09.2025", "nicht anwendbar, Begründung: …", "umgesetzt", "offen"."""
        lang = self.lang
        state = value if isinstance(value, dict) else {"status": value}
        status = state.get("status")
        if status == "planned" and state.get("target_date"):
            return word("planned_until", lang).format(date=format_date(state["target_date"], lang))
        if status == "not_applicable" and state.get("reason"):
            return word("reason_given", lang).format(reason=state["reason"])
        return status_word(status, lang)

    # -- catalogue-typed values ----------------------------------------------------------------

    def parameter(self, measure: Measure | None, parameter_id: str, value: Any) -> str:
        """A parameter's value with its unit ("12 Zeichen"), an option by its label."""
        spec = _spec(measure.parameters if measure else [], parameter_id)
        if spec is None or value is None:
            return self.plain(value)
        return parameter_value(spec, value, self.lang, phrase=False, words=self.words)

    def parameter_label(self, measure: Measure | None, parameter_id: str) -> str:
        spec = _spec(measure.parameters if measure else [], parameter_id)
        return self.words(spec.label.get(self.lang)) if spec else parameter_id

    def answer(self, question: Question | None, value: Any) -> str:
        """An answer as the annex states it: options by label, numbers with their unit."""
        lang = self.lang
        if question is None or value is None:
            return self.plain(value)
        options = getattr(question, "options", [])
        if isinstance(question, MultichoiceQuestion) and isinstance(value, list):
            return join(
                [option_text(options, str(v), lang, False, self.words) for v in value], lang
            )
        if question.type == "choice" and isinstance(value, str):
            return option_text(options, value, lang, False, self.words)
        if isinstance(question, NumberQuestion) and isinstance(value, int | float):
            text = self.plain(value)
            if question.unit is not None and not isinstance(value, bool):
                text = f"{text} {unit_text(question.unit.get(lang), value)}"
            return text
        if isinstance(question, TableQuestion) and isinstance(value, dict):
            return "; ".join(self.row(question, row) for row in value.values())
        return self.plain(value)

    def row(self, question: Question | None, row: Any) -> str:
        """A table row: "Betreiber: X, Standort: Y"."""
        if not isinstance(row, dict):
            return self.plain(row)
        columns = question.columns if isinstance(question, TableQuestion) else []
        parts = []
        for column_id, value in row.items():
            spec = _spec(columns, column_id)
            if value in (None, ""):
                continue
            label = self.words(spec.label.get(self.lang)) if spec else column_id
            shown = (
                parameter_value(spec, value, self.lang, phrase=False, words=self.words)
                if spec
                else self.plain(value)
            )
            parts.append(f"{label}: {shown}")
        return ", ".join(parts)

    def cell(self, question: Question | None, column_id: str, value: Any) -> tuple[str, str]:
        """A table cell's column label and value."""
        columns = question.columns if isinstance(question, TableQuestion) else []
        spec = _spec(columns, column_id)
        if spec is None:
            return column_id, self.plain(value)
        shown = (
            ""
            if value is None
            else parameter_value(spec, value, self.lang, phrase=False, words=self.words)
        )
        return self.words(spec.label.get(self.lang)), shown


def _spec(specs: list[Parameter], parameter_id: str) -> Parameter | None:
    return next((spec for spec in specs if spec.id == parameter_id), None)
