"""Check an answers document against the catalogue.

The pydantic model checks the file's structure; this module checks what only the catalogue
knows: that a ``bool`` question has ``true``/``false``, that a choice names an existing option,
that numbers are in range, and so on. Wrong values are **errors**. Ids the catalogue does not know
(a category, question, measure, parameter or column) are **warnings**: the values stay in the
file untouched and are reported so that nothing disappears silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tomwizard.answers.model import RESERVED_PROVIDERS, AnswersDocument, CategoryAnswers
from tomwizard.answers.upkeep_check import check_upkeep
from tomwizard.answers.value_check import has_value as has_value
from tomwizard.answers.value_check import missing_message as missing_message
from tomwizard.answers.value_check import question_value_problem
from tomwizard.answers.value_check import value_problem as value_problem
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Language,
    Question,
    TableQuestion,
)
from tomwizard.problems import Problem, Severity, format_key_path
from tomwizard.tomlread.file import TomlSource
from tomwizard.tomlread.validation import found_words, toml_type
from tomwizard.wording import Wording

KeyPath = tuple[str | int, ...]

_SAY = Wording(
    "answers.check",
    {
        "catalogue": (
            "die Antworten wurden für den Katalog {written} geschrieben, geladen ist aber {loaded}",
            "answers were written for catalogue {written}, but {loaded} is loaded",
        ),
        "reserved": (
            "{key} ist der Vertragspartei vorbehalten; eine andere id wählen",
            "{key} is reserved for the party of the contract; choose another id",
        ),
        "category": (
            "unbekannte Kategorie; ihre Antworten bleiben erhalten",
            "unknown category; its answers are kept",
        ),
        "question": (
            "unbekannte Frage; die Antwort bleibt erhalten",
            "unknown question; the answer is kept",
        ),
        "question_text": (
            "unbekannte Frage; der Text bleibt erhalten",
            "unknown question; the text is kept",
        ),
        "checklist": (
            "{question} ist eine Checkliste: ihre Maßnahmen unter [{base}.measures.<id der "
            "Maßnahme>] eintragen",
            "{question} is a checklist: record its measures under [{base}.measures.<measure id>]",
        ),
        "measure": ("unbekannte Maßnahme; sie bleibt erhalten", "unknown measure; it is kept"),
        "parameter": ("unbekannter Parameter; er bleibt erhalten", "unknown parameter; it is kept"),
        "parameter_text": (
            "unbekannter Parameter; der Text bleibt erhalten",
            "unknown parameter; the text is kept",
        ),
        "no_checklist": (
            "{category} hat keine Checkliste {question}",
            "{category} has no checklist {question}",
        ),
        "provider": (
            "kein Dienstleister {provider} in [providers]; bekannt: {known}",
            "no provider {provider} in [providers]; known: {known}",
        ),
        "no_target": (
            "geplante Maßnahme ohne target_date (Zieltermin)",
            "planned measure without target_date",
        ),
        "no_reason": (
            "not_applicable (entfällt) ohne reason (Begründung)",
            "not_applicable without a reason",
        ),
        "rows": (
            "erwartet eine Tabelle von Zeilen, gefunden: {found}",
            "expected a table of rows, found {found}",
        ),
        "row": (
            "eine Zeile muss eine Tabelle sein, gefunden: {found}",
            "a row must be a table, found {found}",
        ),
        "column": (
            "unbekannte Spalte; der Wert bleibt erhalten",
            "unknown column; the value is kept",
        ),
        "column_text": (
            "unbekannte Spalte; der Text bleibt erhalten",
            "unknown column; the text is kept",
        ),
        "row_text": ("unbekannte Zeile; der Text bleibt erhalten", "unknown row; the text is kept"),
    },
)


class _Report:
    def __init__(self, name: str, source: TomlSource | None, lang: Language) -> None:
        self.name = name
        self.source = source
        self.lang: Language = lang
        """The language of the messages (and of the labels in them)."""
        self.problems: list[Problem] = []

    def say(self, key: str, /, **values: object) -> str:
        return _SAY(key, self.lang, **values)

    def add(self, path: KeyPath, message: str, severity: Severity = "error") -> None:
        if self.source is not None:
            self.problems.append(self.source.problem(path, message, severity))
        else:
            self.problems.append(Problem(self.name, None, format_key_path(path), message, severity))


def check_document(
    document: AnswersDocument,
    catalogue: Catalogue,
    source: TomlSource | None = None,
    name: str = "<document>",
    lang: Language | None = None,
) -> list[Problem]:
    """Every problem of ``document`` against ``catalogue``, in file order when ``source`` is
    given. The messages, and the catalogue labels they name (a missing required value), are in
    ``lang`` (the reader's language, e.g. the interface language of the settings; default: the
    document's). The upkeep warnings (review dates, overdue target dates, merge conflicts) of
    :mod:`tomwizard.answers.upkeep_check` are among them."""
    report = _Report(source.name if source else name, source, lang or document.document.language)
    if document.catalogue.id != catalogue.id:
        report.add(
            ("catalogue", "id"),
            report.say("catalogue", written=repr(document.catalogue.id), loaded=repr(catalogue.id)),
            "warning",
        )
    for key in document.providers:
        if key in RESERVED_PROVIDERS:
            report.add(
                ("providers", key),
                report.say("reserved", key=repr(key)),
            )
    known = set(document.providers) | set(RESERVED_PROVIDERS)
    for cid, answers in document.categories.items():
        _check_provided_by(report, ("categories", cid), answers.provided_by, known)
        for mid, state in [*answers.measures.items(), *answers.custom.items()]:
            where = "measures" if mid in answers.measures else "custom"
            _check_provided_by(report, ("categories", cid, where, mid), state.provided_by, known)
        category = catalogue.category(cid)
        if category is None:
            report.add(("categories", cid), report.say("category"), "warning")
            continue
        _check_category(report, category, answers, catalogue)
    for path, message in check_upkeep(document, catalogue, report.lang):
        report.add(path, message, "warning")
    report.problems.sort(key=lambda p: p.line or 0)
    return report.problems


def _check_category(
    report: _Report, category: Category, answers: CategoryAnswers, catalogue: Catalogue
) -> None:
    base: KeyPath = ("categories", category.id)
    questions = {q.id: q for q in category.questions}
    for qid, value in answers.answers.items():
        at = (*base, "answers", qid)
        question = questions.get(qid)
        if question is None:
            report.add(at, report.say("question"), "warning")
        elif isinstance(question, ChecklistQuestion):
            report.add(at, report.say("checklist", question=repr(qid), base=_dotted(base)))
        elif isinstance(question, TableQuestion):
            _check_table(report, at, question, value)
        else:
            message = question_value_problem(question, value, report.lang)
            if message:
                report.add(at, message)
    for qid, english in answers.answers_en.items():
        if qid not in questions:
            report.add((*base, "answers_en", qid), report.say("question_text"), "warning")
        elif isinstance(english, dict):
            at = (*base, "answers_en", qid)
            _check_english_table(report, at, questions[qid], answers.answers.get(qid), english)
    for mid, measure_answer in answers.measures.items():
        at = (*base, "measures", mid)
        measure = catalogue.measure(category.id, mid)
        if measure is None:
            report.add(at, report.say("measure"), "warning")
            continue
        specs = {p.id: p for p in measure.parameters}
        for pid in measure_answer.parameters_en:
            if pid not in specs:
                report.add((*at, "parameters_en", pid), report.say("parameter_text"), "warning")
        for pid, value in measure_answer.parameters.items():
            spec = specs.get(pid)
            if spec is None:
                report.add((*at, "parameters", pid), report.say("parameter"), "warning")
                continue
            message = value_problem(spec, value, report.lang)
            if message:
                report.add((*at, "parameters", pid), message)
        _check_status(
            report, at, measure_answer.status, measure_answer.target_date, measure_answer.reason
        )
        if measure_answer.status in ("implemented", "planned"):
            for spec in measure.parameters:
                if spec.required and not has_value(measure_answer.parameters.get(spec.id)):
                    message = missing_message(
                        report.lang, measure.label.get(report.lang), spec.label.get(report.lang)
                    )
                    report.add((*at, "parameters"), message, "warning")
    for key, custom in answers.custom.items():
        at = (*base, "custom", key)
        if custom.question is not None and not isinstance(
            questions.get(custom.question), ChecklistQuestion
        ):
            message = report.say(
                "no_checklist", category=repr(category.id), question=repr(custom.question)
            )
            report.add((*at, "question"), message)
        _check_status(report, at, custom.status, custom.target_date, custom.reason)


def _check_provided_by(
    report: _Report, at: KeyPath, provided_by: str | None, known: set[str]
) -> None:
    if provided_by is not None and provided_by not in known:
        listed = ", ".join(sorted(known))
        message = report.say("provider", provider=repr(provided_by), known=listed)
        report.add((*at, "provided_by"), message)


def _dotted(path: KeyPath) -> str:
    return format_key_path(path)


def _check_status(
    report: _Report, at: KeyPath, status: str | None, target: dt.date | None, reason: str
) -> None:
    if status == "planned" and target is None:
        report.add((*at, "status"), report.say("no_target"), "warning")
    if status == "not_applicable" and not reason.strip():
        report.add((*at, "status"), report.say("no_reason"), "warning")


def _check_table(report: _Report, at: KeyPath, question: TableQuestion, value: Any) -> None:
    if not isinstance(value, dict):
        report.add(at, report.say("rows", found=found_words(value, report.lang)))
        return
    columns = {c.id: c for c in question.columns}
    for row_id, row in value.items():
        if not isinstance(row, dict):
            report.add((*at, row_id), report.say("row", found=toml_type(row, report.lang)))
            continue
        for cid, cell in row.items():
            column = columns.get(cid)
            if column is None:
                report.add((*at, row_id, cid), report.say("column"), "warning")
                continue
            message = value_problem(column, cell, report.lang)
            if message:
                report.add((*at, row_id, cid), message)
        for column in question.columns:
            if column.required and not has_value(row.get(column.id)):
                label = column.label.get(report.lang)
                owner = f"{question.label.get(report.lang)} ({row_id})"
                report.add((*at, row_id), missing_message(report.lang, owner, label), "warning")


def _check_english_table(
    report: _Report, at: KeyPath, question: Question, rows: Any, english: dict[str, Any]
) -> None:
    """English table cells name rows of the German table and its columns (else: kept, warned)."""
    rows = rows if isinstance(rows, dict) else {}
    columns = {c.id for c in question.columns} if isinstance(question, TableQuestion) else set()
    for row_id, cells in english.items():
        if row_id not in rows:
            report.add((*at, row_id), report.say("row_text"), "warning")
            continue
        for column in cells:
            if column not in columns:
                report.add((*at, row_id, column), report.say("column_text"), "warning")
