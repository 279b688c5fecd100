"""Which questions apply: evaluating ``when`` conditions against the answers.

A condition holds only when the question it tests is itself shown and its answer matches. Hidden
questions keep their answers; they simply do not count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tomwizard.answers.model import AnswersDocument, CategoryAnswers
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Condition,
    Measure,
    Question,
)

_MAX_DEPTH = 32


def first_checklist(category: Category) -> ChecklistQuestion | None:
    """The checklist that custom measures without a ``question`` belong to."""
    return next((q for q in category.questions if isinstance(q, ChecklistQuestion)), None)


def is_answered(category: Category, question: Question, answers: CategoryAnswers | None) -> bool:
    """Whether ``question`` has a usable answer."""
    if answers is None:
        return False
    if isinstance(question, ChecklistQuestion):
        ids = {m.id for m in question.measures}
        if any(answers.measures[m].status for m in ids if m in answers.measures):
            return True
        default = first_checklist(category)
        return any(
            c.status and (c.question or (default.id if default else None)) == question.id
            for c in answers.custom.values()
        )
    return has_value(question.type, answers.answers.get(question.id))


def has_value(kind: str, value: Any) -> bool:
    """Whether a stored value counts as an answer for a question of type ``kind``."""
    if value is None:
        return False
    if kind == "text":
        return isinstance(value, str) and bool(value.strip())
    if kind in ("multichoice", "table"):
        return bool(value)
    if kind == "choice":
        return isinstance(value, str) and bool(value)
    if kind == "date":
        return isinstance(value, dt.date)
    return True


class Visibility:
    """Answers "is this shown?" for one document against one catalogue."""

    def __init__(self, document: AnswersDocument, catalogue: Catalogue) -> None:
        self.document = document
        self.catalogue = catalogue

    def category(self, category: Category, depth: int = 0) -> bool:
        """Whether a whole category applies."""
        return all(self._holds(c, category, depth) for c in category.when)

    def question(self, category: Category, question: Question, depth: int = 0) -> bool:
        """Whether a question is shown."""
        return self.category(category, depth) and all(
            self._holds(c, category, depth) for c in question.when
        )

    def measure(self, category: Category, question: Question, measure: Measure) -> bool:
        """Whether a checklist measure is shown."""
        return self.question(category, question) and all(
            self._holds(c, category, 0) for c in measure.when
        )

    def _holds(self, condition: Condition, category: Category, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        cid, _, qid = condition.question.rpartition(".")
        target_category = self.catalogue.category(cid or category.id)
        if target_category is None:
            return False
        target = next((q for q in target_category.questions if q.id == qid), None)
        if target is None or not self.question(target_category, target, depth + 1):
            return condition.answered is False
        answers = self.document.categories.get(target_category.id)
        answered = is_answered(target_category, target, answers)
        if condition.answered is not None:
            return answered == condition.answered
        if not answered or answers is None:
            return False
        value = answers.answers.get(qid)
        if condition.any_of is not None:
            chosen = value if isinstance(value, list) else [value]
            return any(option in chosen for option in condition.any_of)
        return _equal(value, condition.equals)


def _equal(value: Any, expected: Any) -> bool:
    """Equality that does not confuse ``true`` with ``1``."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    return bool(value == expected)
