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
from typing import Any

from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer, Party
from tomwizard.answers.values import format_number
from tomwizard.answers.visibility import Visibility, first_checklist, has_value
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    BoolQuestion,
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    Language,
    Measure,
    MultichoiceQuestion,
    Option,
    Parameter,
    Question,
    TableQuestion,
)
from tomwizard.catalogue.phrase import render
from tomwizard.export.citations import cite_all
from tomwizard.export.providers import certification_text, provider_sentence, role_name
from tomwizard.export.text import for_document, for_line
from tomwizard.export.variables import (
    CategoryInfo,
    CertificationInfo,
    DocumentInfo,
    ExportContext,
    GroupInfo,
    HistoryInfo,
    MeasureInfo,
    OfficerInfo,
    ParameterInfo,
    PartyInfo,
    ProviderInfo,
    TableInfo,
)

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
        if shown or not spec.required:
            return shown  # an optional value that is not given drops its clause
        return _word("missing", lang).format(label=spec.label.get(lang))

    def amount(name: str) -> float | None:
        value = values.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

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
        self._current = CategoryAnswers()
        """The answers of the category being built."""

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
                info = self._category(category, number)
                if info.empty:
                    # nothing to say: no heading without content; its planned and not
                    # applicable measures are listed in their own sections, without a number
                    self._unnumber(number)
                    continue
                categories.append(info)
            if categories:
                groups.append(
                    GroupInfo(
                        id=group.id,
                        number=str(len(groups) + 1),
                        title=group.title.get(lang),
                        references=cite_all(list(group.references), lang),
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
            providers=self._providers(),
            data_centres=self._special("data_centres"),
            certifications=self._special("certifications"),
            catalogue=f"{self.catalogue.id} {self.catalogue.version}",
            generated=format_date(today, lang),
        )

    def _unnumber(self, number: str) -> None:
        for listing in (self.planned, self.not_applicable):
            listing[:] = [
                dataclasses.replace(m, category_number="") if m.category_number == number else m
                for m in listing
            ]

    def _providers(self) -> list[ProviderInfo]:
        lang = self.lang
        return [
            ProviderInfo(
                id=key,
                name=for_line(provider.name),
                role=role_name(provider.role, lang),
                service=for_line(provider.service),
                certifications=[
                    CertificationInfo(
                        standard=for_line(c.standard),
                        issuer=for_line(c.issuer),
                        valid_until=format_date(c.valid_until, lang),
                        scope=for_line(c.scope),
                        text=certification_text(c, lang, format_date(c.valid_until, lang)),
                    )
                    for c in provider.certifications.values()
                ],
            )
            for key, provider in self.document.providers.items()
        ]

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
        """The sentences of the answers to non-checklist questions: the question's phrase with
        the answer filled in, then the fixed sentence of a yes/no answer or of each chosen
        option (statements such as "Es werden keine Datenträger versandt.")."""
        lang = self.lang
        for question in category.questions:
            if isinstance(question, ChecklistQuestion | TableQuestion):
                continue
            if not self.visibility.question(category, question):
                continue
            value = answers.answers.get(question.id)
            if not has_value(question.type, value):
                continue
            if question.phrase is not None:
                text = self._answer_text(question, value)
                if text:
                    yield _fill(question.phrase.get(lang), {"value": text})
            if isinstance(question, BoolQuestion) and isinstance(value, bool):
                statement = question.phrase_yes if value else question.phrase_no
                if statement is not None:
                    yield statement.get(lang)
            if isinstance(question, ChoiceQuestion | MultichoiceQuestion):
                chosen = value if isinstance(value, list) else [value]
                for option in question.options:
                    if option.id in chosen and option.statement is not None:
                        yield option.statement.get(lang)

    def _answer_text(self, question: Question, value: Any) -> str:
        lang = self.lang
        options = getattr(question, "options", [])
        if question.type == "multichoice" and isinstance(value, list):
            return _join([_option(options, v, lang, True) for v in value], lang)
        return _scalar(value, question.type, options, lang, phrase=True, inline=False)

    def _category(self, category: Category, number: str) -> CategoryInfo:
        lang = self.lang
        answers = self._answers(category)
        self._current = answers
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
                    kind=custom.kind or "",
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
            references=cite_all(list(category.references), lang),
            description=description,
            statements=statements,
            implemented=by_status["implemented"],
            planned=by_status["planned"],
            not_applicable=by_status["not_applicable"],
            tables=tables,
            provider=provider_sentence(
                self.document, answers.provided_by, answers.shared, lang, category=True
            ),
            empty=not (by_status["implemented"] or description or statements or tables),
        )

    def _state(self, state: MeasureAnswer) -> dict[str, str]:
        category = self._current
        own = state.provided_by is not None and (
            (state.provided_by, state.shared) != (category.provided_by, category.shared)
        )
        provider = (
            provider_sentence(self.document, state.provided_by, state.shared, self.lang)
            if own
            else ""
        )
        return {
            "note": for_line(state.note),
            "target_date": format_date(state.target_date, self.lang),
            "reason": for_line(state.reason),
            "provider": provider,
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
            kind=measure.kind or "",
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
