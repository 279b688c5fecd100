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


_Node = tuple[str, str]
"""A category ``(category id, "")`` or a question ``(category id, question id)``."""


class Visibility:
    """Answers "is this shown?" for one document against one catalogue.

    Every category and question is evaluated at most once per :class:`Visibility` (one is made
    for each state of the document and dropped when the document changes): conditions on
    questions whose conditions are on further questions would otherwise be evaluated again for
    every path through them, exponentially often. The evaluation walks the conditions depth
    first with its own stack (no recursion limit); a question on a cycle of conditions (which
    catalogue checks refuse) counts as hidden where the cycle closes.
    """

    def __init__(self, document: AnswersDocument, catalogue: Catalogue) -> None:
        self.document = document
        self.catalogue = catalogue
        self._shown: dict[_Node, bool] = {}
        self._items: dict[_Node, tuple[Category, Question | None]] = {}
        for category in catalogue.categories:
            self._items.setdefault((category.id, ""), (category, None))
            for question in category.questions:
                self._items.setdefault((category.id, question.id), (category, question))

    def category(self, category: Category) -> bool:
        """Whether a whole category applies."""
        return self._resolve((category.id, ""))

    def question(self, category: Category, question: Question) -> bool:
        """Whether a question is shown."""
        return self._resolve((category.id, question.id))

    def measure(self, category: Category, question: Question, measure: Measure) -> bool:
        """Whether a checklist measure is shown."""
        if not self.question(category, question):
            return False
        for condition in measure.when:
            target = self._target(condition, category)
            if target is not None:
                self._resolve(target)
        return all(self._holds(c, category) for c in measure.when)

    def _resolve(self, node: _Node) -> bool:
        """Whether ``node`` is shown, evaluating what it depends on first (once each)."""
        if node in self._shown:
            return self._shown[node]
        if node not in self._items:
            return False
        stack = [(node, iter(self._dependencies(node)))]
        on_stack = {node}
        while stack:
            current, pending = stack[-1]
            for dependency in pending:
                if dependency not in self._shown and dependency not in on_stack:
                    on_stack.add(dependency)
                    stack.append((dependency, iter(self._dependencies(dependency))))
                    break
            else:
                stack.pop()
                on_stack.discard(current)
                self._shown[current] = self._evaluate(current)
        return self._shown[node]

    def _dependencies(self, node: _Node) -> list[_Node]:
        category, question = self._items[node]
        conditions = category.when if question is None else question.when
        found = [t for c in conditions if (t := self._target(c, category)) is not None]
        return found if question is None else [(category.id, ""), *found]

    def _evaluate(self, node: _Node) -> bool:
        """Whether ``node`` is shown, once its dependencies are known (a dependency that is not
        known is on a cycle and counts as hidden)."""
        category, question = self._items[node]
        if question is None:
            return all(self._holds(c, category) for c in category.when)
        return self._shown.get((category.id, ""), False) and all(
            self._holds(c, category) for c in question.when
        )

    def _target(self, condition: Condition, category: Category) -> _Node | None:
        cid, _, qid = condition.question.rpartition(".")
        node = (cid or category.id, qid)
        return node if node in self._items else None

    def _holds(self, condition: Condition, category: Category) -> bool:
        node = self._target(condition, category)
        if node is None:
            return (
                condition.answered is False if self._known_category(condition, category) else False
            )
        target_category, target = self._items[node]
        assert target is not None
        if not self._shown.get(node, False):
            return condition.answered is False
        answers = self.document.categories.get(target_category.id)
        answered = is_answered(target_category, target, answers)
        if condition.answered is not None:
            return answered == condition.answered
        if not answered or answers is None:
            return False
        value = answers.answers.get(target.id)
        if condition.any_of is not None:
            chosen = value if isinstance(value, list) else [value]
            return any(option in chosen for option in condition.any_of)
        return _equal(value, condition.equals)

    def _known_category(self, condition: Condition, category: Category) -> bool:
        cid = condition.question.rpartition(".")[0] or category.id
        return (cid, "") in self._items


def _equal(value: Any, expected: Any) -> bool:
    """Equality that does not confuse ``true`` with ``1``."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    return bool(value == expected)
