"""Evaluating a rule's conditions against an answers document.

Conditions see the values as the file stores them, also those of questions the wizard hides at
the moment (a stale "VPN implemented" beside "no remote access" is exactly what a rule may want
to find). A value the document does not have fails every test except ``answered = false`` and
``status = "open"``. Evaluation also collects the *witnesses*: the keys of the file that made
the conditions hold, so a finding points at the line that matters.
"""

from __future__ import annotations

from typing import Any

from tomwizard.answers.model import AnswersDocument, MeasureAnswer
from tomwizard.answers.visibility import has_value
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.rules.model import Condition, StatusName

KeyPath = tuple[str | int, ...]


class Evaluation:
    """The conditions of rules against one document (with the catalogue for question types)."""

    def __init__(self, document: AnswersDocument, catalogue: Catalogue) -> None:
        self.document = document
        self.catalogue = catalogue

    def all_hold(self, conditions: list[Condition], witnesses: list[KeyPath]) -> bool:
        """Whether every condition holds; appends the keys that made them hold."""
        found: list[KeyPath] = []
        for condition in conditions:
            if not self.holds(condition, found):
                return False
        witnesses.extend(found)
        return True

    def holds(self, condition: Condition, witnesses: list[KeyPath]) -> bool:
        """Whether ``condition`` holds (depth is bounded by the loader's checks)."""
        if condition.all_ is not None:
            return self.all_hold(condition.all_, witnesses)
        if condition.any_ is not None:
            return any(self.holds(child, witnesses) for child in condition.any_)
        if condition.not_ is not None:
            return not self.holds(condition.not_, [])
        path = subject_path(condition)
        if condition.measure is not None:
            held = self._status(condition)
        elif condition.parameter is not None:
            held = self._parameter(condition)
        else:
            held = self._answer(condition)
        if held:
            witnesses.append(path)
        return held

    def _state(self, cid: str, mid: str) -> MeasureAnswer | None:
        answers = self.document.categories.get(cid)
        return answers.measures.get(mid) if answers else None

    def _status(self, condition: Condition) -> bool:
        assert condition.measure is not None
        state = self._state(*condition.measure.split("."))
        status = (state.status if state else None) or "open"
        if condition.status is not None:
            return status in _as_list(condition.status)
        return status not in _as_list(condition.status_not)

    def _parameter(self, condition: Condition) -> bool:
        assert condition.parameter is not None
        cid, mid, pid = condition.parameter.split(".")
        state = self._state(cid, mid)
        value = state.parameters.get(pid) if state else None
        present = value is not None and not (isinstance(value, str) and not value.strip())
        return _test(condition, value, present)

    def _answer(self, condition: Condition) -> bool:
        assert condition.answer is not None
        cid, qid = condition.answer.split(".")
        answers = self.document.categories.get(cid)
        value = answers.answers.get(qid) if answers else None
        question = self.catalogue.question(cid, qid)
        present = question is not None and has_value(question.type, value)
        return _test(condition, value if present else None, present)


def subject_path(condition: Condition) -> KeyPath:
    """The key of the file a measure, parameter or answer condition is about."""
    if condition.measure is not None:
        cid, mid = condition.measure.split(".")
        return ("categories", cid, "measures", mid, "status")
    if condition.parameter is not None:
        cid, mid, pid = condition.parameter.split(".")
        return ("categories", cid, "measures", mid, "parameters", pid)
    if condition.answer is not None:
        cid, qid = condition.answer.split(".")
        return ("categories", cid, "answers", qid)
    return ()


def subject_paths(conditions: list[Condition]) -> list[KeyPath]:
    """Every key the conditions name, in the order they are written."""
    found: list[KeyPath] = []
    for condition in conditions:
        if path := subject_path(condition):
            found.append(path)
        for children in (condition.all_, condition.any_, [condition.not_]):
            found.extend(subject_paths([c for c in children or [] if c is not None]))
    return found


def _test(condition: Condition, value: Any, present: bool) -> bool:
    if condition.answered is not None:
        return present is condition.answered
    if not present:
        return False
    if condition.equals is not None:
        return _equal(value, condition.equals)
    if condition.any_of is not None:
        chosen = value if isinstance(value, list) else [value]
        return any(_equal(v, option) for v in chosen for option in condition.any_of)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    if condition.below is not None:
        return value < condition.below
    if condition.above is not None:
        return value > condition.above
    return False


def _equal(value: Any, expected: Any) -> bool:
    """Equality that does not confuse ``true`` with ``1``."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    return bool(value == expected)


def _as_list(value: StatusName | list[StatusName] | None) -> list[StatusName]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
