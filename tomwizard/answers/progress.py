"""How complete a document is: answered and required questions per category."""

from __future__ import annotations

from dataclasses import dataclass

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.visibility import Visibility, is_answered
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.problems import Problem, format_key_path
from tomwizard.tomlfile import TomlSource


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

    @property
    def complete(self) -> bool:
        return not self.missing


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
        result.append(
            CategoryProgress(
                category.id,
                True,
                len(done),
                len(shown),
                len(required) - len(missing),
                len(required),
                missing,
            )
        )
    return result


def missing_required(
    document: AnswersDocument, catalogue: Catalogue, source: TomlSource | None = None
) -> list[Problem]:
    """Everything a complete document still lacks, as problems (``FILE:LINE: key: message``
    with ``source``): required questions without an answer and required parameters without a
    value of implemented or planned measures — the rules ``validate`` applies. A document
    marked final is exported only without any of these."""
    lang = document.document.language
    visibility = Visibility(document, catalogue)
    found: list[tuple[tuple[str, ...], str]] = []
    for row in progress(document, catalogue):
        for qid in row.missing:
            question = catalogue.question(row.category_id, qid)
            label = question.label.get(lang) if question else qid
            found.append((("categories", row.category_id, "answers", qid), f"no answer: {label}"))
    for cid, answers in document.categories.items():
        category = catalogue.category(cid)
        if category is None or not visibility.category(category):
            continue
        for question, measure in catalogue.measures(cid):
            state = answers.measures.get(measure.id)
            if state is None or state.status not in ("implemented", "planned"):
                continue
            if not visibility.measure(category, question, measure):
                continue
            for spec in measure.parameters:
                value = state.parameters.get(spec.id)
                if spec.required and (value is None or value == ""):
                    found.append(
                        (
                            ("categories", cid, "measures", measure.id, "parameters"),
                            f"no value: {measure.label.get(lang)} – {spec.label.get(lang)}",
                        )
                    )
    if source is not None:
        return [source.problem(path, message) for path, message in found]
    return [Problem("<document>", None, format_key_path(path), m) for path, m in found]
