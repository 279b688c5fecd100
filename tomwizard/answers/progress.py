"""How complete a document is: answered and required questions per category."""

from __future__ import annotations

from dataclasses import dataclass

from tomwizard.answers.check import has_value, missing_message
from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer
from tomwizard.answers.visibility import Visibility, is_answered
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Category, Language, Measure
from tomwizard.problems import Problem, format_key_path
from tomwizard.tomlread.file import TomlSource


@dataclass(frozen=True)
class CategoryProgress:
    """Completion of one category; hidden questions do not count."""

    category_id: str
    applies: bool
    """False when the category's own conditions exclude it."""
    answered: int
    """Shown questions that have an answer."""
    shown: int
    """Questions shown with the current answers."""
    required_answered: int
    required: int
    missing: tuple[str, ...]
    """Ids of required questions still without an answer."""
    missing_parameters: tuple[tuple[str, str, str], ...] = ()
    """``(question id, measure id, parameter id)`` of required parameters without a value of
    shown measures that are implemented or planned."""

    @property
    def complete(self) -> bool:
        return not self.missing and not self.missing_parameters


def progress(document: AnswersDocument, catalogue: Catalogue) -> list[CategoryProgress]:
    """Progress of every catalogue category, in catalogue order."""
    visibility = Visibility(document, catalogue)
    result = []
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if not visibility.category(category):
            result.append(CategoryProgress(category.id, False, 0, 0, 0, 0, ()))
            continue
        shown = [q for q in category.questions if visibility.question(category, q)]
        done = {q.id for q in shown if is_answered(category, q, answers)}
        required = [q for q in shown if q.required]
        missing = tuple(q.id for q in required if q.id not in done)
        parameters = _missing_parameters(visibility, catalogue, category, answers)
        result.append(
            CategoryProgress(
                category.id,
                True,
                len(done),
                len(shown),
                len(required) - len(missing),
                len(required),
                missing,
                parameters,
            )
        )
    return result


def missing_parameter_ids(measure: Measure, state: MeasureAnswer | None) -> list[str]:
    """Ids of the required parameters of ``measure`` without a value, when it is decided as
    implemented or planned (an open measure or one that does not apply needs none)."""
    if state is None or state.status not in ("implemented", "planned"):
        return []
    return [
        spec.id
        for spec in measure.parameters
        if spec.required and not has_value(state.parameters.get(spec.id))
    ]


def _missing_parameters(
    visibility: Visibility,
    catalogue: Catalogue,
    category: Category,
    answers: CategoryAnswers | None,
) -> tuple[tuple[str, str, str], ...]:
    if answers is None:
        return ()
    found: list[tuple[str, str, str]] = []
    for question, measure in catalogue.measures(category.id):
        missing = missing_parameter_ids(measure, answers.measures.get(measure.id))
        if missing and visibility.measure(category, question, measure):
            found += [(question.id, measure.id, parameter_id) for parameter_id in missing]
    return tuple(found)


def missing_required(
    document: AnswersDocument,
    catalogue: Catalogue,
    source: TomlSource | None = None,
    lang: Language | None = None,
) -> list[Problem]:
    """Everything a complete document still lacks, as problems (``FILE:LINE: key: message``
    with ``source``): required questions without an answer and required parameters without a
    value of implemented or planned measures — the rules ``validate`` applies, the gaps the
    sidebar marks with ``!`` and the review lists. A document marked final is exported only
    without any of these. The messages name the labels in ``lang`` (the reader's language;
    default: the document's)."""
    lang = lang or document.document.language
    found: list[tuple[tuple[str, ...], str]] = []
    for row in progress(document, catalogue):
        category = catalogue.category(row.category_id)
        assert category is not None
        title = category.title.get(lang)
        for qid in row.missing:
            question = catalogue.question(row.category_id, qid)
            label = question.label.get(lang) if question else qid
            at: tuple[str, ...] = ("categories", row.category_id, "answers", qid)
            found.append((at, missing_message(lang, title, label, answer=True)))
        for _, mid, pid in row.missing_parameters:
            measure = catalogue.measure(row.category_id, mid)
            assert measure is not None
            spec = next(p for p in measure.parameters if p.id == pid)
            at = ("categories", row.category_id, "measures", mid, "parameters")
            found.append((at, missing_message(lang, measure.label.get(lang), spec.label.get(lang))))
    if source is not None:
        return [source.problem(path, message) for path, message in found]
    return [Problem("<document>", None, format_key_path(path), m) for path, m in found]
