"""Check an answers document against the catalogue.

The pydantic model checks the file's structure; this module checks what only the catalogue
knows: that a ``bool`` question has ``true``/``false``, that a choice names an existing option,
that numbers are in range, and so on. Wrong values are **errors**. Ids the catalogue does not know
(a category, question, measure, parameter or column) are **warnings**: the values stay in the
file untouched and are reported so that nothing disappears silently.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from tomwizard.answers.model import RESERVED_PROVIDERS, AnswersDocument, CategoryAnswers
from tomwizard.answers.upkeep_check import check_upkeep
from tomwizard.answers.values import format_number
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    Language,
    MultichoiceQuestion,
    NumberQuestion,
    Option,
    Parameter,
    Question,
    TableQuestion,
)
from tomwizard.problems import Problem, Severity, format_key_path
from tomwizard.tomlfile import TomlSource
from tomwizard.validation import short, toml_type

KeyPath = tuple[str | int, ...]


class _Report:
    def __init__(self, name: str, source: TomlSource | None, lang: Language = "de") -> None:
        self.name = name
        self.source = source
        self.lang: Language = lang
        """The language of the labels in messages."""
        self.problems: list[Problem] = []

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
    given. Messages that name a catalogue label (a missing required value) name it in ``lang``
    (the reader's language, e.g. the interface language of the settings; default: the
    document's). The upkeep warnings (review dates, overdue target dates, merge conflicts) of
    :mod:`tomwizard.answers.upkeep_check` are among them."""
    report = _Report(source.name if source else name, source, lang or document.document.language)
    if document.catalogue.id != catalogue.id:
        report.add(
            ("catalogue", "id"),
            f"answers were written for catalogue {document.catalogue.id!r}, "
            f"but {catalogue.id!r} is loaded",
            "warning",
        )
    for key in document.providers:
        if key in RESERVED_PROVIDERS:
            report.add(
                ("providers", key),
                f"{key!r} is reserved for the party of the contract; choose another id",
            )
    known = set(document.providers) | set(RESERVED_PROVIDERS)
    for cid, answers in document.categories.items():
        _check_provided_by(report, ("categories", cid), answers.provided_by, known)
        for mid, state in [*answers.measures.items(), *answers.custom.items()]:
            where = "measures" if mid in answers.measures else "custom"
            _check_provided_by(report, ("categories", cid, where, mid), state.provided_by, known)
        category = catalogue.category(cid)
        if category is None:
            report.add(("categories", cid), "unknown category; its answers are kept", "warning")
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
            report.add(at, "unknown question; the answer is kept", "warning")
        elif isinstance(question, ChecklistQuestion):
            report.add(
                at,
                f"{qid!r} is a checklist: record its measures under [{_dotted(base)}"
                ".measures.<measure id>]",
            )
        elif isinstance(question, TableQuestion):
            _check_table(report, at, question, value)
        else:
            message = _question_value_problem(question, value)
            if message:
                report.add(at, message)
    for qid, english in answers.answers_en.items():
        if qid not in questions:
            report.add((*base, "answers_en", qid), "unknown question; the text is kept", "warning")
        elif isinstance(english, dict):
            at = (*base, "answers_en", qid)
            _check_english_table(report, at, questions[qid], answers.answers.get(qid), english)
    for mid, measure_answer in answers.measures.items():
        at = (*base, "measures", mid)
        measure = catalogue.measure(category.id, mid)
        if measure is None:
            report.add(at, "unknown measure; it is kept", "warning")
            continue
        specs = {p.id: p for p in measure.parameters}
        for pid in measure_answer.parameters_en:
            if pid not in specs:
                report.add(
                    (*at, "parameters_en", pid), "unknown parameter; the text is kept", "warning"
                )
        for pid, value in measure_answer.parameters.items():
            spec = specs.get(pid)
            if spec is None:
                report.add((*at, "parameters", pid), "unknown parameter; it is kept", "warning")
                continue
            message = value_problem(spec, value)
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
            report.add((*at, "question"), f"{category.id!r} has no checklist {custom.question!r}")
        _check_status(report, at, custom.status, custom.target_date, custom.reason)


def _check_provided_by(
    report: _Report, at: KeyPath, provided_by: str | None, known: set[str]
) -> None:
    if provided_by is not None and provided_by not in known:
        listed = ", ".join(sorted(known))
        report.add(
            (*at, "provided_by"),
            f"no provider {provided_by!r} in [providers]; known: {listed}",
        )


def _dotted(path: KeyPath) -> str:
    return format_key_path(path)


def _check_status(
    report: _Report, at: KeyPath, status: str | None, target: dt.date | None, reason: str
) -> None:
    if status == "planned" and target is None:
        report.add((*at, "status"), "planned measure without target_date", "warning")
    if status == "not_applicable" and not reason.strip():
        report.add((*at, "status"), "not_applicable without a reason", "warning")


def _check_table(report: _Report, at: KeyPath, question: TableQuestion, value: Any) -> None:
    if not isinstance(value, dict):
        report.add(at, f"expected a table of rows, found {toml_type(value)} {short(value)}")
        return
    columns = {c.id: c for c in question.columns}
    for row_id, row in value.items():
        if not isinstance(row, dict):
            report.add((*at, row_id), f"a row must be a table, found {toml_type(row)}")
            continue
        for cid, cell in row.items():
            column = columns.get(cid)
            if column is None:
                report.add((*at, row_id, cid), "unknown column; the value is kept", "warning")
                continue
            message = value_problem(column, cell)
            if message:
                report.add((*at, row_id, cid), message)
        for column in question.columns:
            if column.required and not has_value(row.get(column.id)):
                label = column.label.get(report.lang)
                owner = f"{question.label.get(report.lang)} ({row_id})"
                report.add((*at, row_id), missing_message(report.lang, owner, label), "warning")


def has_value(value: Any) -> bool:
    """Whether a required value counts as given (not missing, not blank text)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def missing_message(lang: Language, owner: str, item: str, answer: bool = False) -> str:
    """A missing required value in words, in ``lang``: ``owner`` is the label
    of the category, measure or question it belongs to, ``item`` the label of the question,
    parameter or column (``Datensicherung: „Häufigkeit“ fehlt`` / ``Backup: 'Frequency' has no
    value``; ``has no answer`` for a question)."""
    if lang == "de":
        return f"{owner}: „{item}“ fehlt"
    return f"{owner}: '{item}' has no {'answer' if answer else 'value'}"


def _question_value_problem(question: Question, value: Any) -> str | None:
    if isinstance(question, ChoiceQuestion):
        return _choice_problem(question.options, value)
    if isinstance(question, MultichoiceQuestion):
        if not isinstance(value, list):
            return f"expected an array of option ids, found {toml_type(value)} {short(value)}"
        for item in value:
            message = _choice_problem(question.options, item)
            if message:
                return message
        if len(set(map(str, value))) != len(value):
            return "an option is listed twice"
        return None
    if isinstance(question, NumberQuestion):
        return _number_problem(value, question.min, question.max, question.integer)
    return _scalar_problem(question.type, value)


def value_problem(spec: Parameter, value: Any) -> str | None:
    """Why ``value`` does not fit a parameter or column ``spec``, or None."""
    if spec.type == "choice":
        return _choice_problem(spec.options, value)
    if spec.type == "number":
        return _number_problem(value, spec.min, spec.max, spec.integer)
    return _scalar_problem(spec.type, value)


def _scalar_problem(kind: str, value: Any) -> str | None:
    found = f"found {toml_type(value)} {short(value)}".rstrip()
    if kind == "bool" and not isinstance(value, bool):
        return f"expected true or false, {found}"
    if kind == "text" and not isinstance(value, str):
        return f"expected a string in quotes, {found}"
    if kind == "date" and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        return f"expected a date such as 2025-01-31 (without quotes), {found}"
    return None


def _choice_problem(options: Sequence[Option], value: Any) -> str | None:
    ids = [o.id for o in options]
    if isinstance(value, str) and value in ids:
        return None
    return f"unknown option {short(value)}; expected one of: {', '.join(ids)}"


def _number_problem(value: Any, low: float | None, high: float | None, integer: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, found {toml_type(value)} {short(value)}".rstrip()
    if integer and not isinstance(value, int):
        return f"expected a whole number, found {short(value)}"
    if isinstance(value, float) and not math.isfinite(value):  # nan passes any range check
        return f"expected a finite number, found {short(value)}"
    if low is not None and value < low:
        return f"{short(value)} is below the minimum {format_number(low)}"
    if high is not None and value > high:
        return f"{short(value)} is above the maximum {format_number(high)}"
    return None


def _check_english_table(
    report: _Report, at: KeyPath, question: Question, rows: Any, english: dict[str, Any]
) -> None:
    """English table cells name rows of the German table and its columns (else: kept, warned)."""
    rows = rows if isinstance(rows, dict) else {}
    columns = {c.id for c in question.columns} if isinstance(question, TableQuestion) else set()
    for row_id, cells in english.items():
        if row_id not in rows:
            report.add((*at, row_id), "unknown row; the text is kept", "warning")
            continue
        for column in cells:
            if column not in columns:
                report.add((*at, row_id, column), "unknown column; the text is kept", "warning")
