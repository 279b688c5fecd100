"""``tomwizard show``: one answers file as a stable, readable listing.

Made for git's ``textconv`` (``git diff`` and ``git log -p`` then show measures, not TOML):
the same document always gives the same text, whatever the order of its tables or its
formatting, and every value the file holds is listed, so every change of meaning shows as a
changed line. Laid out as the annex is: title, document details, change history, then per
category (in catalogue order) its own fields, answers and measures — a glyph for the status
(``✓`` implemented, ``◷`` planned, ``–`` not applicable, ``·`` open, as in the wizard), the
label, the status in words and, for an implemented measure, its sentence as the annex prints
it — then the service providers and what is never exported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from tomwizard.answers.model import AnswersDocument, CategoryAnswers, CustomMeasure, MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.changes.compare import status_value
from tomwizard.changes.labels import field_label, word
from tomwizard.changes.model import Change, Scope, is_empty
from tomwizard.changes.walk import ordered
from tomwizard.changes.words import Wording
from tomwizard.export.formatting import format_date, render_measure_phrase
from tomwizard.export.formatting import word as annex_word
from tomwizard.report.render import printable

GLYPHS: dict[str | None, str] = {
    None: "·",
    "implemented": "✓",
    "planned": "◷",
    "not_applicable": "–",
}
"""One glyph per status, as in the wizard's checklist (they differ in shape, not colour)."""

_HEADER_FIELDS = ("title", "version", "date", "status")
_SKIPPED_MEASURE_FIELDS = ("status", "label")
"""Shown in a measure's first line (and the target date or reason its status names)."""


def summary_lines(document: AnswersDocument, catalogue: Catalogue, lang: Language) -> list[str]:
    """The listing of ``document``, an entry each (user text as written, line breaks
    included: :func:`render_summary` makes it safe for a terminal)."""
    return list(_Listing(document, catalogue, lang).lines())


def render_summary(document: AnswersDocument, catalogue: Catalogue, lang: Language) -> str:
    """The listing as text for a terminal or git: control codes escaped, the further lines of
    a text continued below its first, indented."""
    out = []
    for entry in summary_lines(document, catalogue, lang):
        indent = " " * (len(entry) - len(entry.lstrip(" ")) + 4)
        out.append(printable(entry, keep_newlines=True).replace("\n", "\n" + indent))
    return "\n".join(out) + "\n"


class _Listing:
    def __init__(self, document: AnswersDocument, catalogue: Catalogue, lang: Language) -> None:
        self.document = document
        self.catalogue = catalogue
        self.lang = lang
        self.wording = Wording(catalogue, document, document, lang)

    def lines(self) -> Iterator[str]:
        yield from self.header()
        yield from self.section("section.document", self.details())
        yield from self.section("section.history", self.history())
        categories = self.document.categories
        for category_id in ordered([c.id for c in self.catalogue.categories], {}, categories):
            answers = categories[category_id]
            if answers == CategoryAnswers():
                continue
            heading = self.wording.section(Change("category", "changed", (), category_id))[1]
            yield from self._section(heading, self.category(category_id, answers))
        yield from self.section("section.providers", self.providers())
        yield from self.section("section.upkeep", self.upkeep())

    def header(self) -> Iterator[str]:
        details = self.document.document
        yield details.title
        annex_number = details.annex_number.strip()
        annex = details.annex_word if self.lang == "de" else details.annex_word_en
        about = [f"{annex} {annex_number}"] if annex_number else []
        about.append(f"{field_label('version', self.lang)} {details.version}")
        if details.date is not None:
            about.append(f"{field_label('date', self.lang)} {format_date(details.date, self.lang)}")
        about.append(annex_word(details.status, self.lang))
        yield " · ".join(about)

    def section(self, key: str, lines: Iterator[str]) -> Iterator[str]:
        yield from self._section(word(key, self.lang), lines)

    @staticmethod
    def _section(heading: str, lines: Iterator[str]) -> Iterator[str]:
        body = list(lines)
        if body:
            yield ""
            yield heading
            yield from body

    # -- one field per line ----------------------------------------------------------------

    def fields(
        self, template: Change, model: BaseModel, skip: tuple[str, ...] = (), indent: str = "  "
    ) -> Iterator[str]:
        """``label: value`` for every field of ``model`` that holds something; nested models
        (a party) and tables of values (parameters) a line per value."""
        for name in type(model).model_fields:
            if name in skip:
                continue
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                for part in type(value).model_fields:
                    yield from self.line(
                        template,
                        name,
                        getattr(value, part),
                        (part,),
                        indent,
                        self.wording.party(name),
                    )
            elif isinstance(value, dict) and name in ("parameters", "parameters_en"):
                for key, item in value.items():
                    yield from self.line(template, name, item, (key,), indent)
            elif not isinstance(value, dict):
                yield from self.line(template, name, value, (), indent)

    def line(
        self,
        template: Change,
        field: str,
        value: Any,
        detail: tuple[str, ...] = (),
        indent: str = "  ",
        prefix: str = "",
    ) -> Iterator[str]:
        if is_empty(value) or (field == "shared" and value is False):
            return
        change = Change(
            template.scope,
            "changed",
            template.path,
            template.category,
            template.item,
            field,
            detail,
        )
        label = self.wording.label(change)
        text = self.wording.value(change, value)
        label = f"{prefix} – {label}" if prefix else label
        yield f"{indent}{label}: {text}" if label else f"{indent}{text}"

    # -- sections ------------------------------------------------------------------------------

    def details(self) -> Iterator[str]:
        template = Change("document", "changed", ("document",))
        yield from self.fields(template, self.document.document, skip=_HEADER_FIELDS)

    def history(self) -> Iterator[str]:
        for version, entry in self.document.history.items():
            template = Change("history", "changed", ("history", version), item=version)
            yield f"  {field_label('version', self.lang)} {version}"
            yield from self.fields(template, entry, indent="      ")

    def category(self, category_id: str, answers: CategoryAnswers) -> Iterator[str]:
        template = Change("category", "changed", ("categories", category_id), category_id)
        for name in ("description", "description_en", "note", "provided_by", "shared", "reviewed"):
            yield from self.line(template, name, getattr(answers, name))
        yield from self.answers(category_id, answers)
        known = [m.id for _, m in self.catalogue.measures(category_id)]
        for measure_id in ordered(known, {}, answers.measures):
            state = answers.measures[measure_id]
            if state != MeasureAnswer():
                yield from self.measure("measure", category_id, measure_id, state)
        for custom_id, custom in answers.custom.items():
            yield from self.measure("custom", category_id, custom_id, custom)

    def answers(self, category_id: str, answers: CategoryAnswers) -> Iterator[str]:
        """Each answer, in question order, followed by its English version."""
        category = self.catalogue.category(category_id)
        known = [q.id for q in category.questions] if category else []
        for question_id in ordered(known, answers.answers_en, answers.answers):
            for field in ("answers", "answers_en"):
                value = getattr(answers, field).get(question_id)
                template = Change("answer", "changed", (), category_id, question_id, field=field)
                subject = self.wording.subject(template)
                if isinstance(value, dict):
                    yield f"  {subject}:"
                    for row_id, row in value.items():
                        row_change = Change(
                            "answer", "changed", (), category_id, question_id, field, (row_id,)
                        )
                        yield f"    [{row_id}] {self.wording.value(row_change, row)}"
                elif not is_empty(value):
                    yield f"  {subject}: {self.wording.value(template, value)}"

    def measure(
        self, scope: Scope, category_id: str, measure_id: str, state: MeasureAnswer
    ) -> Iterator[str]:
        template = Change(scope, "changed", (), category_id, measure_id)
        label = self.wording.subject(template)
        if isinstance(state, CustomMeasure):
            label = f"{label} ({word('own', self.lang)})"
        status = self.wording.values.status(status_value(state))
        yield f"  {GLYPHS[state.status]} {label} — {status}"
        skip: tuple[str, ...] = (*_SKIPPED_MEASURE_FIELDS, *status_value(state))
        if state.status == "implemented":
            yield f"      {self.sentence(category_id, measure_id, state)}"
            skip = (*skip, "phrase")  # an own measure's sentence: just shown
        yield from self.fields(template, state, skip=skip, indent="      ")

    def sentence(self, category_id: str, measure_id: str, state: MeasureAnswer) -> str:
        """The measure's sentence as the annex prints it."""
        if isinstance(state, CustomMeasure):
            return state.phrase or state.label
        measure = self.catalogue.measure(category_id, measure_id)
        if measure is None:
            return measure_id
        return render_measure_phrase(
            measure, state.parameters, self.lang, self.wording.values.words
        )

    def providers(self) -> Iterator[str]:
        for provider_id, provider in self.document.providers.items():
            template = Change("provider", "changed", (), item=provider_id)
            yield f"  {provider.name} [{provider_id}]"
            yield from self.fields(template, provider, skip=("name",), indent="      ")
            for key, certificate in provider.certifications.items():
                yield f"      {field_label('certifications', self.lang)} [{key}]"
                for name in type(certificate).model_fields:
                    yield from self.line(
                        template,
                        "certifications",
                        getattr(certificate, name),
                        (key, name),
                        "          ",
                    )

    def upkeep(self) -> Iterator[str]:
        for rule, silenced in self.document.silenced.items():
            yield f"  {field_label('silenced', self.lang)} {rule}"
            template = Change("upkeep", "changed", (), item=rule, field="silenced")
            for name in type(silenced).model_fields:
                yield from self.line(
                    template, "silenced", getattr(silenced, name), (name,), "      "
                )
        for conflict in self.document.conflicts:
            template = Change("upkeep", "changed", (), item=conflict.key, field="conflicts")
            text = self.wording.summary(template, conflict.model_dump())
            yield f"  {field_label('conflicts', self.lang)} {conflict.key}: {text}"
