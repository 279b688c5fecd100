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
import itertools
from collections.abc import Iterator
from typing import Any

from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer
from tomwizard.answers.visibility import Visibility, first_checklist
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Language,
    Measure,
    TableQuestion,
)
from tomwizard.export.citations import cite_all
from tomwizard.export.formatting import (
    format_date,
    parameter_value,
    render_measure_phrase,
    sentence,
    word,
)
from tomwizard.export.parties import officer_info, party_info, provider_infos
from tomwizard.export.providers import provider_sentence
from tomwizard.export.statements import statements
from tomwizard.export.tables import history_table, providers_table, table_info
from tomwizard.export.terms import Terms, terms_info
from tomwizard.export.text import for_document, for_line, guard_all
from tomwizard.export.variables import (
    CategoryInfo,
    DocumentInfo,
    ExportContext,
    GroupInfo,
    HistoryInfo,
    KindRowInfo,
    MeasureInfo,
    ParameterInfo,
    TableInfo,
)

SPECIAL_TABLES = {
    "data_centres": ("verfuegbarkeitskontrolle", "rechenzentren"),
    "certifications": ("audits_zertifizierungen", "zertifikate"),
}
"""Table questions of the catalogue that templates can reach by a name of their own."""

__all__ = ["SPECIAL_TABLES", "build_context", "format_date", "render_measure_phrase"]


class _Builder:
    def __init__(self, document: AnswersDocument, catalogue: Catalogue, lang: Language) -> None:
        self.document = document
        self.catalogue = catalogue
        self.lang = lang
        self.visibility = Visibility(document, catalogue)
        self.words = Terms(document.document.party_terms, lang).catalogue_text
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
                    self._renumber(number, "")
                    continue
                categories.append(info)
            title = self.words(group.title.get(lang))
            if len(categories) == 1 and categories[0].title == title:
                # "5 Wiederherstellbarkeit / 5.1 Wiederherstellbarkeit": one heading for both
                only = categories[0]
                self._renumber(only.number, str(len(groups) + 1))
                categories = [
                    dataclasses.replace(only, number=str(len(groups) + 1), own_heading=False)
                ]
            if categories:
                groups.append(
                    GroupInfo(
                        id=group.id,
                        number=str(len(groups) + 1),
                        title=title,
                        references=cite_all(list(group.references), lang),
                        categories=categories,
                    )
                )
        history = [
            HistoryInfo(
                version=for_line(version),
                date=format_date(entry.date, lang),
                author=for_line(entry.author),
                changes=for_document(entry.changes),
            )
            for version, entry in self.document.history.items()
        ]
        providers = provider_infos(self.document, lang)
        annex = details.annex_number.strip()
        annex_word = details.annex_word if lang == "de" else details.annex_word_en
        return ExportContext(
            lang=lang,
            document=DocumentInfo(
                title=for_line(details.title),
                annex=f"{annex_word} {for_line(annex)}" if annex else "",
                annex_number=for_line(annex),
                contract_reference=for_line(details.contract_reference),
                contract_date=format_date(details.contract_date, lang),
                version=for_line(details.version),
                date=format_date(details.date, lang),
                status=word(details.status, lang),
                is_draft=details.status == "draft",
                author=for_line(details.author),
                approved_by=for_line(details.approved_by),
                next_review=format_date(details.next_review, lang),
            ),
            controller=party_info(details.controller, lang),
            processor=party_info(details.processor, lang),
            dpo=officer_info(details.processor_dpo),
            terms=terms_info(details.party_terms, annex_word, lang),
            history=history,
            history_table=history_table(history, lang),
            scope=scope,
            groups=groups,
            planned=self.planned,
            not_applicable=self.not_applicable,
            providers=providers,
            providers_table=providers_table(providers, lang),
            planned_dated=any(m.target_date for m in self.planned),
            data_centres=self._special("data_centres"),
            certifications=self._special("certifications"),
            catalogue=f"{self.catalogue.id} {self.catalogue.version}",
            generated=format_date(today, lang),
        )

    def _renumber(self, number: str, new: str) -> None:
        """The planned and not applicable measures of section ``number`` now refer to ``new``
        (empty: the category has no section of its own)."""
        for listing in (self.planned, self.not_applicable):
            listing[:] = [
                dataclasses.replace(m, category_number=new) if m.category_number == number else m
                for m in listing
            ]

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
        return statements(category, answers, self.visibility, self.lang, self.words)

    def _category(self, category: Category, number: str) -> CategoryInfo:
        lang = self.lang
        answers = self._answers(category)
        self._current = answers
        title = self.words(category.title.get(lang))
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
                    text=for_document(custom.phrase) or sentence(label),
                    summary=label,
                    parameters=[],
                    details="",
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
        implemented = by_status["implemented"]
        technical = [m for m in implemented if m.kind == "technical"]
        organisational = [m for m in implemented if m.kind == "organisational"]
        return CategoryInfo(
            id=category.id,
            number=number,
            title=title,
            purpose=self.words(category.purpose.get(lang)),
            references=cite_all(list(category.references), lang),
            description=description,
            statements=statements,
            implemented=implemented,
            technical=technical,
            organisational=organisational,
            unkinded=[m for m in implemented if m.kind not in ("technical", "organisational")],
            kind_rows=[
                KindRowInfo(technical=t, organisational=o)
                for t, o in itertools.zip_longest(technical, organisational)
            ],
            planned=by_status["planned"],
            not_applicable=by_status["not_applicable"],
            tables=tables,
            provider=provider_sentence(
                self.document,
                answers.provided_by,
                answers.shared,
                lang,
                category=True,
                words=self.words,
            ),
            own_heading=True,
            empty=not (implemented or description or statements or tables),
        )

    def _state(self, state: MeasureAnswer) -> dict[str, str]:
        category = self._current
        own = state.provided_by is not None and (
            (state.provided_by, state.shared) != (category.provided_by, category.shared)
        )
        provider = (
            provider_sentence(
                self.document, state.provided_by, state.shared, self.lang, words=self.words
            )
            if own
            else ""
        )
        note = for_line(state.note)
        reason = for_line(state.reason)
        return {
            "note": note,
            "note_sentence": sentence(note),
            "target_date": format_date(state.target_date, self.lang),
            "reason": reason,
            "reason_sentence": sentence(reason),
            "provider": provider,
        }

    def _measure(
        self, measure: Measure, state: MeasureAnswer, category: str, number: str
    ) -> MeasureInfo:
        lang = self.lang
        label = self.words(measure.label.get(lang))
        parameters: list[ParameterInfo] = []
        for spec in measure.parameters:
            shown = parameter_value(
                spec, state.parameters.get(spec.id), lang, phrase=False, words=self.words
            )
            if shown:
                parameters.append(
                    ParameterInfo(label=self.words(spec.label.get(lang)), value=shown)
                )
        details = "; ".join(f"{p.label}: {p.value}" for p in parameters)
        return MeasureInfo(
            id=measure.id,
            label=label,
            text=render_measure_phrase(measure, state.parameters, lang, self.words),
            summary=f"{label} – {details}" if details else label,
            parameters=parameters,
            details=details,
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
                    column.id: parameter_value(
                        column, row.get(column.id), lang, phrase=False, words=self.words
                    )
                    for column in question.columns
                }
            )
        return table_info(
            f"{category.id}.{question.id}",
            self.words(question.label.get(lang)),
            [(column.id, self.words(column.label.get(lang))) for column in question.columns],
            rows,
        )


def build_context(
    document: AnswersDocument,
    catalogue: Catalogue,
    lang: Language,
    today: dt.date | None = None,
) -> ExportContext:
    """The template variables for ``document`` in ``lang``. Every text is guarded
    (:func:`~tomwizard.export.text.guard`), the catalogue's as well as the user's."""
    return guard_all(_Builder(document, catalogue, lang).build(today or dt.date.today()))
