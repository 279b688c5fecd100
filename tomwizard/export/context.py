"""What a template sees: the answers document turned into ready-to-print text.

:func:`build_context` walks the catalogue in order and produces plain, immutable values: every
string is already cleaned (:mod:`tomwizard.export.text`), every date and number is formatted for
the annex language, every measure's phrase has its parameters filled in. Templates therefore only
place text; they never compute, and user text never reaches the template engine as code.

The classes below are the complete reference of template variables: ``docs/templates.md`` and the
file ``tomwizard template init`` writes are generated from their field descriptions
(:func:`variable_reference`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer, Party
from tomwizard.answers.values import format_number
from tomwizard.answers.visibility import Visibility, first_checklist, has_value
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Language,
    Measure,
    Option,
    Parameter,
    Question,
    TableQuestion,
)
from tomwizard.catalogue.phrase import render
from tomwizard.export.text import for_document, for_line

SPECIAL_TABLES = {
    "data_centres": ("verfuegbarkeitskontrolle", "rechenzentren"),
    "certifications": ("audits_zertifizierungen", "zertifikate"),
}
"""Table questions of the catalogue that templates can reach by a name of their own."""

_PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9_-]*)\}")

_WORDS: dict[str, tuple[str, str]] = {
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "and": ("und", "and"),
    "draft": ("Entwurf", "Draft"),
    "final": ("Endfassung", "Final"),
    "annex": ("Anlage", "Annex"),
    "missing": ("[{label}: fehlt]", "[{label}: missing]"),
}
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _doc(text: str) -> Any:
    return field(metadata={"doc": text})


def _docd(text: str, default: Any) -> Any:
    return field(default=default, metadata={"doc": text})


# -- the variables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInfo:
    """``document``: what the annex says about itself."""

    title: str = _doc("Title of the annex.")
    annex: str = _doc("'Anlage 3' / 'Annex 3', or empty when no annex number is given.")
    annex_number: str = _doc("The annex number alone, e.g. '3'.")
    contract_reference: str = _doc("The data processing agreement this annex belongs to.")
    contract_date: str = _doc("Date of that agreement, formatted; empty if not given.")
    version: str = _doc("Version of this document.")
    date: str = _doc("Date of this version, formatted; empty if not given.")
    status: str = _doc("'Entwurf'/'Draft' or 'Endfassung'/'Final'.")
    is_draft: bool = _doc("True while the status is draft.")
    author: str = _doc("Who wrote the document.")
    approved_by: str = _doc("Who approved it.")
    next_review: str = _doc("When the measures are next reviewed, formatted; may be empty.")


@dataclass(frozen=True)
class PartyInfo:
    """``controller`` and ``processor``: a contracting party."""

    name: str = _doc("Name of the organisation.")
    address: str = _doc("Postal address (line breaks kept).")
    representative: str = _doc("Who signs for the party; empty if not given.")


@dataclass(frozen=True)
class OfficerInfo:
    """``dpo``: the processor's data protection officer."""

    name: str = _doc("Name (person or external service).")
    organisation: str = _doc("Organisation of an external officer.")
    email: str = _doc("E-mail address.")
    phone: str = _doc("Telephone number.")
    address: str = _doc("Postal address (line breaks kept).")
    contact: str = _doc("Name, organisation, e-mail and phone joined by commas, for one line.")
    given: bool = _doc("True if any of the fields is filled in.")


@dataclass(frozen=True)
class HistoryInfo:
    """An entry of ``history``, the change history (in file order)."""

    version: str = _doc("Document version.")
    date: str = _doc("Date, formatted; may be empty.")
    author: str = _doc("Who made the change.")
    changes: str = _doc("What changed.")


@dataclass(frozen=True)
class ParameterInfo:
    """An entry of ``measure.parameters``: a parameter with its value."""

    label: str = _doc("Name of the parameter, e.g. 'Mindestlänge'.")
    value: str = _doc("Value with its unit, e.g. '12 Zeichen'.")


@dataclass(frozen=True)
class MeasureInfo:
    """A measure (catalogue or own) in ``category.implemented``, ``category.planned``,
    ``category.not_applicable`` and the document-wide ``planned`` / ``not_applicable`` lists."""

    id: str = _doc("Id of the measure.")
    label: str = _doc("Short name, e.g. 'Passwortrichtlinie'.")
    text: str = _doc("Complete sentence for the annex, parameters filled in.")
    summary: str = _doc(
        "Short name with its parameters, e.g. 'Passwortrichtlinie (Mindestlänge: 12 Zeichen)'."
    )
    parameters: list[ParameterInfo] = _doc("The parameters that have a value.")
    note: str = _doc("The remark entered for this measure; may be empty.")
    target_date: str = _doc("For planned measures: by when, formatted; may be empty.")
    reason: str = _doc("For measures that do not apply: why.")
    custom: bool = _doc("True for a measure the user wrote (not from the catalogue).")
    status: str = _doc("'implemented', 'planned', 'not_applicable' or '' (undecided).")
    category: str = _doc("Title of the category the measure belongs to.")
    category_number: str = _doc("Number of that category, e.g. '2.1'.")


@dataclass(frozen=True)
class TableInfo:
    """A table question's answer: in ``category.tables``, ``data_centres``, ``certifications``."""

    id: str = _doc("'category.question', e.g. 'verfuegbarkeitskontrolle.rechenzentren'.")
    title: str = _doc("The question as asked in the wizard.")
    columns: list[str] = _doc("Column headings, in catalogue order.")
    rows: list[dict[str, str]] = _doc(
        "Rows: each maps a column id (e.g. 'betreiber') to its formatted text ('' if empty)."
    )
    cells: list[list[str]] = _doc("The same rows as lists of texts in column order.")


@dataclass(frozen=True)
class CategoryInfo:
    """An entry of ``group.categories``: one TOM category with everything answered in it."""

    id: str = _doc("Id, e.g. 'zutrittskontrolle'.")
    number: str = _doc("Section number, e.g. '2.1'.")
    title: str = _doc("Title, e.g. 'Zutrittskontrolle'.")
    purpose: str = _doc("One sentence: what the control is for.")
    references: str = _doc("Legal references joined by '; '.")
    description: str = _doc("The user's free-text description of the category; may be empty.")
    statements: list[str] = _doc("Sentences from the answers to the category's other questions.")
    implemented: list[MeasureInfo] = _doc("Implemented measures (catalogue and own), in order.")
    planned: list[MeasureInfo] = _doc("Planned measures.")
    not_applicable: list[MeasureInfo] = _doc("Measures marked as not applicable, with reasons.")
    tables: list[TableInfo] = _doc("Answered table questions of the category.")
    empty: bool = _doc("True if nothing is implemented, described or stated in the category.")


@dataclass(frozen=True)
class GroupInfo:
    """An entry of ``groups``: an Art. 32 block (e.g. Vertraulichkeit) with its categories."""

    id: str = _doc("Id, e.g. 'vertraulichkeit'.")
    number: str = _doc("Section number, e.g. '2'.")
    title: str = _doc("Title, e.g. 'Vertraulichkeit'.")
    references: str = _doc("Legal references joined by '; '.")
    categories: list[CategoryInfo] = _doc("Its categories that apply, in catalogue order.")


@dataclass(frozen=True)
class ExportContext:
    """Everything a template can use. Top-level variables are the fields of this class."""

    lang: str = _doc("Language of the export: 'de' or 'en'.")
    document: DocumentInfo = _doc("The annex's own details.")
    controller: PartyInfo = _doc("The controller (Auftraggeber).")
    processor: PartyInfo = _doc("The processor (Auftragnehmer).")
    dpo: OfficerInfo = _doc("The processor's data protection officer.")
    history: list[HistoryInfo] = _doc("The change history.")
    scope: list[str] = _doc(
        "Paragraphs describing the processing: descriptions and answers of the categories "
        "without measures (e.g. 'Rahmenbedingungen')."
    )
    groups: list[GroupInfo] = _doc("The measures, grouped by the Art. 32 structure.")
    planned: list[MeasureInfo] = _doc("All planned measures of the document, in order.")
    not_applicable: list[MeasureInfo] = _doc("All measures marked as not applicable.")
    data_centres: TableInfo | None = _doc("The data centres table, or none if not answered.")
    certifications: TableInfo | None = _doc("The certificates table, or none if not answered.")
    catalogue: str = _doc("Catalogue id and version, e.g. 'tomwizard 1.0.0'.")
    generated: str = _doc("Date of the export, formatted.")

    def as_dict(self) -> dict[str, Any]:
        """The top-level variables by name (objects stay objects, for attribute access)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


# -- building it ------------------------------------------------------------------------------


def format_date(value: dt.date | None, lang: Language) -> str:
    """``01.03.2025`` in German, ``1 March 2025`` in English; empty for no date."""
    if value is None:
        return ""
    if lang == "de":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_amount(value: float, lang: Language) -> str:
    """A number without a needless ``.0``, with a decimal comma in German."""
    text = format_number(value)
    return text.replace(".", ",") if lang == "de" else text


def _word(key: str, lang: Language) -> str:
    de, en = _WORDS[key]
    return de if lang == "de" else en


def _join(items: list[str], lang: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_word('and', lang)} {items[-1]}"


def _option(options: list[Option], option_id: str, lang: Language, phrase: bool) -> str:
    for option in options:
        if option.id == option_id:
            if phrase and option.phrase is not None:
                return option.phrase.get(lang)
            return option.label.get(lang)
    return for_line(option_id)  # an id the catalogue no longer knows: shown as written


def _scalar(
    value: Any,
    kind: str,
    options: list[Option],
    lang: Language,
    *,
    phrase: bool,
    inline: bool = True,
) -> str:
    """One value as annex text (without unit); text answers (``inline=False``) keep their
    paragraphs, values inside a sentence or a cell do not."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _word("yes" if value else "no", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, int | float):
        return format_amount(value, lang)
    if kind == "choice" and isinstance(value, str):
        return _option(options, value, lang, phrase)
    return for_line(str(value)) if inline else for_document(str(value))


def _parameter_value(spec: Parameter, value: Any, lang: Language, *, phrase: bool) -> str:
    text = _scalar(value, spec.type, spec.options, lang, phrase=phrase)
    if text and not phrase and spec.unit is not None:
        text = f"{text} {spec.unit.get(lang)}"
    return text


def render_measure_phrase(measure: Measure, values: dict[str, Any], lang: Language) -> str:
    """The measure's sentence with its parameter ``values`` filled in; optional clauses whose
    values are not given are left out (:mod:`tomwizard.catalogue.phrase`)."""
    specs = {spec.id: spec for spec in measure.parameters}

    def text(name: str) -> str:
        spec = specs[name]
        shown = _parameter_value(spec, values.get(name), lang, phrase=True)
        return shown or _word("missing", lang).format(label=spec.label.get(lang))

    def amount(name: str) -> float | None:
        value = values.get(name)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok else None

    return render(measure.phrase.get(lang), text, amount)


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{name}`` replaced in one pass (values are never re-read)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class _Builder:
    def __init__(self, document: AnswersDocument, catalogue: Catalogue, lang: Language) -> None:
        self.document = document
        self.catalogue = catalogue
        self.lang = lang
        self.visibility = Visibility(document, catalogue)
        self.planned: list[MeasureInfo] = []
        self.not_applicable: list[MeasureInfo] = []
        self.tables: dict[str, TableInfo] = {}

    def build(self, today: dt.date) -> ExportContext:
        details = self.document.document
        lang = self.lang
        scope: list[str] = []
        groups: list[GroupInfo] = []
        for group in self.catalogue.groups:
            categories: list[CategoryInfo] = []
            for category_id in group.categories:
                category = self.catalogue.category(category_id)
                if category is None or not self.visibility.category(category):
                    continue
                if not any(isinstance(q, ChecklistQuestion) for q in category.questions):
                    scope.extend(self._scope(category))
                    continue
                number = f"{len(groups) + 1}.{len(categories) + 1}"
                categories.append(self._category(category, number))
            if categories:
                groups.append(
                    GroupInfo(
                        id=group.id,
                        number=str(len(groups) + 1),
                        title=group.title.get(lang),
                        references="; ".join(group.references),
                        categories=categories,
                    )
                )
        annex = details.annex_number.strip()
        return ExportContext(
            lang=lang,
            document=DocumentInfo(
                title=for_line(details.title),
                annex=f"{_word('annex', lang)} {for_line(annex)}" if annex else "",
                annex_number=for_line(annex),
                contract_reference=for_line(details.contract_reference),
                contract_date=format_date(details.contract_date, lang),
                version=for_line(details.version),
                date=format_date(details.date, lang),
                status=_word(details.status, lang),
                is_draft=details.status == "draft",
                author=for_line(details.author),
                approved_by=for_line(details.approved_by),
                next_review=format_date(details.next_review, lang),
            ),
            controller=_party(details.controller),
            processor=_party(details.processor),
            dpo=self._officer(),
            history=[
                HistoryInfo(
                    version=for_line(version),
                    date=format_date(entry.date, lang),
                    author=for_line(entry.author),
                    changes=for_document(entry.changes),
                )
                for version, entry in self.document.history.items()
            ],
            scope=scope,
            groups=groups,
            planned=self.planned,
            not_applicable=self.not_applicable,
            data_centres=self._special("data_centres"),
            certifications=self._special("certifications"),
            catalogue=f"{self.catalogue.id} {self.catalogue.version}",
            generated=format_date(today, lang),
        )

    def _officer(self) -> OfficerInfo:
        dpo = self.document.document.processor_dpo
        parts = [for_line(p) for p in (dpo.name, dpo.organisation, dpo.email, dpo.phone)]
        return OfficerInfo(
            name=parts[0],
            organisation=parts[1],
            email=parts[2],
            phone=parts[3],
            address=for_line(dpo.address),
            contact=", ".join(p.replace("\n", " ") for p in parts if p),
            given=any(parts) or bool(dpo.address.strip()),
        )

    def _special(self, name: str) -> TableInfo | None:
        category_id, question_id = SPECIAL_TABLES[name]
        return self.tables.get(f"{category_id}.{question_id}")

    def _answers(self, category: Category) -> CategoryAnswers:
        return self.document.categories.get(category.id) or CategoryAnswers()

    def _scope(self, category: Category) -> list[str]:
        answers = self._answers(category)
        paragraphs = list(self._statements(category, answers))
        description = for_document(answers.description)
        return [description, *paragraphs] if description else paragraphs

    def _statements(self, category: Category, answers: CategoryAnswers) -> Iterator[str]:
        for question in category.questions:
            if question.phrase is None or isinstance(question, ChecklistQuestion | TableQuestion):
                continue
            if not self.visibility.question(category, question):
                continue
            value = answers.answers.get(question.id)
            if not has_value(question.type, value):
                continue
            text = self._answer_text(question, value)
            if text:
                yield _fill(question.phrase.get(self.lang), {"value": text})

    def _answer_text(self, question: Question, value: Any) -> str:
        lang = self.lang
        options = getattr(question, "options", [])
        if question.type == "multichoice" and isinstance(value, list):
            return _join([_option(options, v, lang, True) for v in value], lang)
        return _scalar(value, question.type, options, lang, phrase=True, inline=False)

    def _category(self, category: Category, number: str) -> CategoryInfo:
        lang = self.lang
        answers = self._answers(category)
        title = category.title.get(lang)
        by_status: dict[str, list[MeasureInfo]] = {
            "implemented": [],
            "planned": [],
            "not_applicable": [],
        }
        default = first_checklist(category)
        for question in category.questions:
            if not isinstance(question, ChecklistQuestion):
                continue
            if not self.visibility.question(category, question):
                continue
            for measure in question.measures:
                state = answers.measures.get(measure.id)
                if state is None or state.status is None:
                    continue
                if not self.visibility.measure(category, question, measure):
                    continue
                info = self._measure(measure, state, title, number)
                by_status[state.status].append(info)
            for custom_id, custom in answers.custom.items():
                belongs = custom.question or (default.id if default else None)
                if belongs != question.id or custom.status is None:
                    continue
                label = for_line(custom.label)
                info = MeasureInfo(
                    id=custom_id,
                    label=label,
                    text=for_document(custom.phrase) or label,
                    summary=label,
                    parameters=[],
                    **self._state(custom),
                    custom=True,
                    status=custom.status,
                    category=title,
                    category_number=number,
                )
                by_status[custom.status].append(info)
        self.planned.extend(by_status["planned"])
        self.not_applicable.extend(by_status["not_applicable"])
        tables = []
        for question in category.questions:
            if isinstance(question, TableQuestion) and self.visibility.question(category, question):
                table = self._table(category, question, answers.answers.get(question.id))
                if table is not None:
                    tables.append(table)
                    self.tables[table.id] = table
        description = for_document(answers.description)
        statements = list(self._statements(category, answers))
        return CategoryInfo(
            id=category.id,
            number=number,
            title=title,
            purpose=category.purpose.get(lang),
            references="; ".join(category.references),
            description=description,
            statements=statements,
            implemented=by_status["implemented"],
            planned=by_status["planned"],
            not_applicable=by_status["not_applicable"],
            tables=tables,
            empty=not (by_status["implemented"] or description or statements or tables),
        )

    def _state(self, state: MeasureAnswer) -> dict[str, str]:
        return {
            "note": for_line(state.note),
            "target_date": format_date(state.target_date, self.lang),
            "reason": for_line(state.reason),
        }

    def _measure(
        self, measure: Measure, state: MeasureAnswer, category: str, number: str
    ) -> MeasureInfo:
        lang = self.lang
        label = measure.label.get(lang)
        parameters: list[ParameterInfo] = []
        for spec in measure.parameters:
            shown = _parameter_value(spec, state.parameters.get(spec.id), lang, phrase=False)
            if shown:
                parameters.append(ParameterInfo(label=spec.label.get(lang), value=shown))
        details = "; ".join(f"{p.label}: {p.value}" for p in parameters)
        return MeasureInfo(
            id=measure.id,
            label=label,
            text=render_measure_phrase(measure, state.parameters, lang),
            summary=f"{label} ({details})" if details else label,
            parameters=parameters,
            **self._state(state),
            custom=False,
            status=state.status or "",
            category=category,
            category_number=number,
        )

    def _table(self, category: Category, question: TableQuestion, value: Any) -> TableInfo | None:
        if not isinstance(value, dict) or not value:
            return None
        lang = self.lang
        rows: list[dict[str, str]] = []
        for row in value.values():
            if not isinstance(row, dict):
                continue
            rows.append(
                {
                    column.id: _parameter_value(column, row.get(column.id), lang, phrase=False)
                    for column in question.columns
                }
            )
        if not rows:
            return None
        return TableInfo(
            id=f"{category.id}.{question.id}",
            title=question.label.get(lang),
            columns=[column.label.get(lang) for column in question.columns],
            rows=rows,
            cells=[[row[column.id] for column in question.columns] for row in rows],
        )


def _party(party: Party) -> PartyInfo:
    return PartyInfo(
        name=for_line(party.name),
        address=for_line(party.address),
        representative=for_line(party.representative),
    )


def build_context(
    document: AnswersDocument,
    catalogue: Catalogue,
    lang: Language,
    today: dt.date | None = None,
) -> ExportContext:
    """The template variables for ``document`` in ``lang``."""
    return _Builder(document, catalogue, lang).build(today or dt.date.today())


# -- the reference ----------------------------------------------------------------------------


def variable_reference() -> str:
    """Every template variable with its description, as Markdown (for docs and ``template
    init``)."""
    lines: list[str] = []
    seen: set[type] = set()

    def describe(cls: type, heading: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        lines.extend([f"### {heading}", "", (cls.__doc__ or "").strip(), ""])
        nested: list[tuple[type, str]] = []
        lines.extend(["| Variable | Type | Meaning |", "| --- | --- | --- |"])
        for item in dataclasses.fields(cls):
            kind = str(item.type).replace(" | None", " or none")
            lines.append(f"| `{item.name}` | {kind} | {item.metadata.get('doc', '')} |")
            for candidate in _CLASSES:
                if candidate.__name__ in kind:
                    nested.append((candidate, candidate.__name__))
        lines.append("")
        for candidate, name in nested:
            describe(candidate, name)

    describe(ExportContext, "Top-level variables")
    return "\n".join(lines)


_CLASSES: tuple[type, ...] = (
    DocumentInfo,
    PartyInfo,
    OfficerInfo,
    HistoryInfo,
    GroupInfo,
    CategoryInfo,
    MeasureInfo,
    ParameterInfo,
    TableInfo,
)
