"""Cross checks of a loaded catalogue: unique ids, conditions that point somewhere and fit the
question they test, phrases whose placeholders and optional clauses are sound, statements, and
groups. Used by :mod:`tomwizard.catalogue.loader` (the loader is a :class:`Checks`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tomwizard.catalogue.model import (
    LANGUAGES,
    BoolQuestion,
    CatalogueInfo,
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    Condition,
    MultichoiceQuestion,
    NumberQuestion,
    Option,
    Parameter,
    Question,
    TableQuestion,
    Text,
    Vocabulary,
)
from tomwizard.catalogue.phrase import PLACEHOLDER, phrase_problems
from tomwizard.problems import Problem
from tomwizard.tomlread.file import TomlSource

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class _Origin:
    """Where an item was written, so later checks can point at its line."""

    source: TomlSource
    path: Path_

    def problem(self, sub: Path_, message: str) -> Problem:
        return self.source.problem(self.path + sub, message)


class Checks:
    """The cross checks; the loader fills the attributes and calls :meth:`_check_references`."""

    problems: list[Problem]
    categories: dict[str, Category]
    origins: dict[int, tuple[object, _Origin]]
    unusable: set[str]
    vocabularies: dict[str, Vocabulary]

    def _check_info(self, info: CatalogueInfo, source: TomlSource) -> None:
        if sorted(info.languages) != sorted(LANGUAGES):
            self.problems.append(
                source.problem(("languages",), f"must list exactly {', '.join(LANGUAGES)}")
            )
        seen: set[str] = set()
        for gi, group in enumerate(info.groups):
            if group.id in seen:
                self.problems.append(source.problem(("groups", gi, "id"), "duplicate group id"))
            seen.add(group.id)
        vocabulary_ids: set[str] = set()
        for vi, vocabulary in enumerate(info.vocabularies):
            if vocabulary.id in vocabulary_ids:
                self.problems.append(
                    source.problem(("vocabularies", vi, "id"), "duplicate vocabulary id")
                )
            vocabulary_ids.add(vocabulary.id)
            _unique_ids(
                vocabulary.options,
                _Origin(source, ()),
                ("vocabularies", vi, "options"),
                "option",
                self.problems,
            )
            for oi, option in enumerate(vocabulary.options):
                self._check_statement(
                    option.statement, _Origin(source, ()), ("vocabularies", vi, "options", oi)
                )
        placed: set[str] = set()
        for gi, group in enumerate(info.groups):
            for ci, cid in enumerate(group.categories):
                if cid in placed:
                    self.problems.append(
                        source.problem(
                            ("groups", gi, "categories", ci), f"category {cid!r} listed twice"
                        )
                    )
                placed.add(cid)

    def _origin(self, item: object) -> _Origin:
        return self.origins[id(item)][1]

    def _check_references(self, categories: Iterable[Category]) -> None:
        graph: dict[tuple[str, str], list[tuple[str, str]]] = {}
        node_origins: dict[tuple[str, str], _Origin] = {}
        for category in categories:
            cat_origin = self._origin(category)
            category_deps = [
                target
                for ci, condition in enumerate(category.when)
                if (target := self._check_condition(category, condition, cat_origin, ("when", ci)))
            ]
            question_ids: set[str] = set()
            measure_ids: set[str] = set()
            for question in category.questions:
                origin = self._origin(question)
                duplicate = question.id in question_ids
                if duplicate:
                    self.problems.append(origin.problem(("id",), "duplicate question id"))
                question_ids.add(question.id)
                node = (category.id, question.id)
                node_origins.setdefault(node, origin)
                # a duplicate's conditions stay out of the graph: it is no node of its own
                deps = [] if duplicate else graph.setdefault(node, list(category_deps))
                for ci, condition in enumerate(question.when):
                    target = self._check_condition(category, condition, origin, ("when", ci))
                    if target:
                        deps.append(target)
                self._check_question(category, question, origin, measure_ids)
        _report_cycles(graph, node_origins, self.problems)

    def _check_question(
        self, category: Category, question: Question, origin: _Origin, measure_ids: set[str]
    ) -> None:
        self._check_phrase(question.phrase, {"value"}, origin, ("phrase",))
        if isinstance(question, BoolQuestion):
            self._check_statement(question.phrase_yes, origin, ("phrase_yes",))
            self._check_statement(question.phrase_no, origin, ("phrase_no",))
        if isinstance(question, ChoiceQuestion | MultichoiceQuestion):
            _unique_ids(question.options, origin, ("options",), "option", self.problems)
            for oi, option in enumerate(question.options):
                self._check_statement(option.statement, origin, ("options", oi))
        if isinstance(question, NumberQuestion):
            _check_range(question.min, question.max, origin, (), self.problems)
        if isinstance(question, TableQuestion):
            _unique_ids(question.columns, origin, ("columns",), "column", self.problems)
            for ci, column in enumerate(question.columns):
                self._check_parameter(column, origin, ("columns", ci))
        if isinstance(question, ChecklistQuestion):
            for measure in question.measures:
                m_origin = self._origin(measure)
                if measure.id in measure_ids:
                    self.problems.append(
                        m_origin.problem(("id",), "duplicate measure id in this category")
                    )
                measure_ids.add(measure.id)
                _unique_ids(
                    measure.parameters, m_origin, ("parameters",), "parameter", self.problems
                )
                for pi, parameter in enumerate(measure.parameters):
                    self._check_parameter(parameter, m_origin, ("parameters", pi))
                names = {p.id for p in measure.parameters}
                required = {p.id for p in measure.parameters if p.required}
                for language in LANGUAGES:
                    for message in phrase_problems(measure.phrase.get(language), names, required):
                        self.problems.append(m_origin.problem(("phrase", language), message))
                for ci, condition in enumerate(measure.when):
                    self._check_condition(category, condition, m_origin, ("when", ci))

    def _check_parameter(self, parameter: Parameter, origin: _Origin, at: Path_) -> None:
        if parameter.vocabulary is not None:
            if parameter.type != "choice":
                self.problems.append(
                    origin.problem((*at, "vocabulary"), "only choices take a vocabulary")
                )
            elif parameter.options:
                self.problems.append(
                    origin.problem((*at, "vocabulary"), "give 'options' or 'vocabulary', not both")
                )
            elif parameter.vocabulary not in self.vocabularies:
                known = ", ".join(self.vocabularies) or "none"
                self.problems.append(
                    origin.problem((*at, "vocabulary"), f"unknown vocabulary; known: {known}")
                )
            else:
                offered = {o.id for o in self.vocabularies[parameter.vocabulary].options}
                unknown = [o for o in parameter.only if o not in offered]
                if unknown:
                    self.problems.append(
                        origin.problem(
                            (*at, "only"),
                            f"not in vocabulary {parameter.vocabulary!r}: {', '.join(unknown)}",
                        )
                    )
                elif len(parameter.only) == 1:
                    self.problems.append(origin.problem((*at, "only"), "a choice needs 2+ options"))
        elif parameter.only:
            self.problems.append(origin.problem((*at, "only"), "'only' needs a vocabulary"))
        elif parameter.type == "choice" and len(parameter.options) < 2:
            self.problems.append(origin.problem((*at, "type"), "a choice needs 2+ options"))
        if parameter.type != "choice" and parameter.options:
            self.problems.append(origin.problem((*at, "options"), "only choices have options"))
        if parameter.type != "number" and (
            parameter.min is not None
            or parameter.max is not None
            or parameter.unit
            or parameter.integer
        ):
            self.problems.append(
                origin.problem((*at, "type"), "unit, min, max and integer apply to numbers only")
            )
        _unique_ids(parameter.options, origin, (*at, "options"), "option", self.problems)
        _check_range(parameter.min, parameter.max, origin, at, self.problems)

    def _check_phrase(
        self, phrase: Text | None, names: set[str], origin: _Origin, at: Path_
    ) -> None:
        if phrase is None:
            return
        for language in LANGUAGES:
            for name in PLACEHOLDER.findall(phrase.get(language)):
                if name not in names:
                    known = ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"
                    self.problems.append(
                        origin.problem(
                            (*at, language), f"unknown placeholder {{{name}}} (known: {known})"
                        )
                    )

    def _check_statement(self, statement: Text | None, origin: _Origin, at: Path_) -> None:
        if statement is None:
            return
        for language in LANGUAGES:
            if PLACEHOLDER.search(statement.get(language)) or "[" in statement.get(language):
                self.problems.append(
                    origin.problem(
                        (*at, language), "a statement is a fixed sentence: no '{...}' or '[...]'"
                    )
                )

    def _check_condition(
        self, category: Category, condition: Condition, origin: _Origin, at: Path_
    ) -> tuple[str, str] | None:
        if condition.test_count() != 1:
            self.problems.append(
                origin.problem(at, "give exactly one of 'equals', 'any_of', 'answered'")
            )
            return None
        cid, _, qid = condition.question.rpartition(".")
        cid = cid or category.id
        target_category = self.categories.get(cid)
        question = (
            next((q for q in target_category.questions if q.id == qid), None)
            if target_category
            else None
        )
        if question is None:
            if cid not in self.unusable:
                self.problems.append(
                    origin.problem(
                        (*at, "question"), f"refers to a question that does not exist: {cid}.{qid}"
                    )
                )
            return None
        message = _condition_mismatch(condition, question)
        if message:
            self.problems.append(origin.problem(at, message))
        return (cid, qid)


def _condition_mismatch(condition: Condition, question: Question) -> str | None:
    """Why a condition cannot work with the question it tests, or None."""
    if condition.answered is not None:
        return None
    options: list[Option] = (
        question.options if isinstance(question, ChoiceQuestion | MultichoiceQuestion) else []
    )
    option_ids = {o.id for o in options}
    if condition.any_of is not None:
        if not options:
            return f"'any_of' needs a choice or multichoice question, not {question.type}"
        unknown = [o for o in condition.any_of if o not in option_ids]
        return f"unknown option(s): {', '.join(unknown)}" if unknown else None
    value = condition.equals
    if question.type == "bool":
        return None if isinstance(value, bool) else "'equals' must be true or false"
    if question.type == "choice":
        listed = ", ".join(o.id for o in options)
        return None if value in option_ids else f"'equals' must be one of: {listed}"
    if question.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "'equals' must be a number"
    if question.type == "text":
        return None if isinstance(value, str) else "'equals' must be a string"
    return f"'equals' cannot test a {question.type} question; use 'any_of' or 'answered'"


def _unique_ids(
    items: Sequence[Option | Parameter],
    origin: _Origin,
    at: Path_,
    what: str,
    problems: list[Problem],
) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(origin.problem((*at, index, "id"), f"duplicate {what} id"))
        seen.add(item.id)


def _check_range(
    low: float | None, high: float | None, origin: _Origin, at: Path_, problems: list[Problem]
) -> None:
    if low is not None and high is not None and low > high:
        problems.append(origin.problem((*at, "min"), "min is larger than max"))


def _report_cycles(
    graph: dict[tuple[str, str], list[tuple[str, str]]],
    origins: dict[tuple[str, str], _Origin],
    problems: list[Problem],
) -> None:
    """Report the first cycle of conditions, at a question that is part of it (depth-first
    with a stack of its own: a chain of any length never reaches Python's recursion limit)."""
    state: dict[tuple[str, str], int] = {}

    def visit(start: tuple[str, str]) -> tuple[str, str] | None:
        """The node that closes a cycle reachable from ``start``, or None."""
        state[start] = 1
        stack = [(start, iter(graph.get(start, [])))]
        while stack:
            node, deps = stack[-1]
            for dep in deps:
                if state.get(dep) == 1:
                    return dep
                if state.get(dep) is None:
                    state[dep] = 1
                    stack.append((dep, iter(graph.get(dep, []))))
                    break
            else:
                state[node] = 2
                stack.pop()
        return None

    for node in graph:
        if state.get(node) is None and (found := visit(node)):
            problems.append(
                origins[found].problem(
                    ("when",), "conditions form a cycle (a question depends on itself)"
                )
            )
            return
