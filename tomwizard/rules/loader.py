"""Read the rule files and check them against the catalogue.

Rules come from ``rules/`` beside the base catalogue (``questions/rules/``, or that of
``TOMWIZARD_QUESTIONS``) and from ``rules/`` in every extra catalogue folder (the user's
catalogue folder, ``TOMWIZARD_CATALOGUE``, ``--catalogue``), so an organisation adds rules where
it adds questions. A rule that names a measure, parameter or question the catalogue does not
know, or a test that does not fit what it names, is a problem of the rule file
(``FILE:LINE: key: message``), never silently ignored: a rule that cannot fire would look like a
passed check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import ChecklistQuestion, Option, Parameter, Question
from tomwizard.problems import Problem, ProblemsError
from tomwizard.rules.model import BUILTIN_PLACEHOLDERS, Condition, Rule, RuleFile
from tomwizard.tomlread.file import read_toml
from tomwizard.tomlread.validation import validate_source

RULES_FOLDER = "rules"
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 6
"""Deepest nesting of ``all``/``any``/``not`` in a rule."""
MAX_CONDITIONS = 100
"""Most conditions in one rule, nested ones included."""
PLACEHOLDER = re.compile(r"\{([a-z_]{1,32})\}")

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedRule:
    """A rule and where it was written."""

    rule: Rule
    file: str
    line: int


@dataclass(frozen=True)
class RuleSet:
    """Every rule loaded, in file order (base catalogue first)."""

    rules: tuple[LoadedRule, ...]

    def ids(self) -> set[str]:
        return {loaded.rule.id for loaded in self.rules}


def rule_dirs(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The ``rules`` folders to read: the base catalogue's, then each extra catalogue folder's
    (``extra_dirs`` as :func:`~tomwizard.locations.extra_catalogue_dirs` completes them)."""
    from tomwizard.locations import builtin_questions_dir, extra_catalogue_dirs

    bases = [builtin_questions_dir(), *extra_catalogue_dirs(extra_dirs)]
    return [base / RULES_FOLDER for base in bases]


def load_rules(catalogue: Catalogue, directories: Sequence[Path]) -> RuleSet:
    """The rules of every ``*.toml`` file in ``directories`` (a folder that does not exist has
    none); raise :class:`ProblemsError` listing every problem of every file."""
    problems: list[Problem] = []
    loaded: list[LoadedRule] = []
    seen: dict[str, LoadedRule] = {}
    for directory in directories:
        if not directory.exists():
            continue
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, "", "is not a folder of rule files"))
            continue
        for path in sorted(p for p in directory.glob("*.toml") if p.is_file()):
            try:
                source = read_toml(path, max_bytes=MAX_RULE_FILE_BYTES)
                rules = validate_source(RuleFile, source)
            except ProblemsError as exc:
                problems.extend(exc.problems)
                continue
            for index, rule in enumerate(rules.rule):
                at: KeyPath = ("rule", index)
                found = _rule_problems(rule, catalogue)
                problems.extend(source.problem((*at, *sub), message) for sub, message in found)
                here = LoadedRule(rule, source.name, source.spans.line_of(at))
                if rule.id in seen:
                    first = seen[rule.id]
                    problems.append(
                        source.problem(
                            (*at, "id"),
                            f"rule {rule.id!r} is already defined in {first.file}:{first.line}",
                        )
                    )
                elif not found:
                    seen[rule.id] = here
                    loaded.append(here)
    if problems:
        raise ProblemsError(problems)
    return RuleSet(tuple(loaded))


def _rule_problems(rule: Rule, catalogue: Catalogue) -> list[tuple[KeyPath, str]]:
    found: list[tuple[KeyPath, str]] = []
    if not rule.when and rule.builtin is None:
        found.append((("when",), "a rule needs 'when' (its condition) or 'builtin'"))
    allowed = BUILTIN_PLACEHOLDERS.get(rule.builtin or "", ())
    for language in ("de", "en"):
        for name in PLACEHOLDER.findall(rule.message.get(language)):
            if name not in allowed:
                hint = (
                    f"the built-in check {rule.builtin!r} fills only "
                    + ", ".join(f"{{{p}}}" for p in allowed)
                    if allowed
                    else "only built-in checks fill placeholders"
                )
                found.append((("message", language), f"unknown placeholder {{{name}}}: {hint}"))
    for count, (path, condition, depth) in enumerate(_walk(rule.when), start=1):
        if depth > MAX_DEPTH:
            found.append((path, f"conditions nested more than {MAX_DEPTH} levels deep"))
            break
        if count > MAX_CONDITIONS:
            found.append((path, f"more than {MAX_CONDITIONS} conditions in one rule"))
            break
        found.extend(((*path, *sub), message) for sub, message in _condition(condition, catalogue))
    return found


def _walk(conditions: list[Condition]) -> Iterator[tuple[KeyPath, Condition, int]]:
    """Every condition with its key path (below the rule) and depth, in file order."""
    stack: list[tuple[KeyPath, Condition, int]] = [
        (("when", i), c, 1) for i, c in reversed(list(enumerate(conditions)))
    ]
    while stack:
        path, condition, depth = stack.pop()
        yield path, condition, depth
        if condition.not_ is not None:
            stack.append(((*path, "not"), condition.not_, depth + 1))
        for key, children in (("any", condition.any_), ("all", condition.all_)):
            for i, child in reversed(list(enumerate(children or []))):
                stack.append(((*path, key, i), child, depth + 1))


_SUBJECT_TESTS = {
    "measure": ("status", "status_not"),
    "parameter": ("equals", "any_of", "below", "above", "answered"),
    "answer": ("equals", "any_of", "below", "above", "answered"),
}


def _condition(condition: Condition, catalogue: Catalogue) -> list[tuple[KeyPath, str]]:
    subjects, tests = condition.subjects(), condition.tests()
    if len(subjects) != 1:
        named = ", ".join(subjects) if subjects else "none"
        return [((), f"name exactly one of measure, parameter, answer, all, any, not ({named})")]
    (subject,) = subjects
    if subject in ("all", "any", "not"):
        if tests:
            return [((tests[0],), f"'{subject}' combines conditions and takes no test")]
        if subject != "not" and not (condition.all_ or condition.any_):
            return [((subject,), f"'{subject}' needs at least one condition")]
        return []
    allowed = _SUBJECT_TESTS[subject]
    if len(tests) != 1 or tests[0] not in allowed:
        return [((), f"a {subject} condition takes exactly one of: {', '.join(allowed)}")]
    (test,) = tests
    if subject == "measure":
        assert condition.measure is not None
        if getattr(condition, test) == []:
            return [((test,), "needs at least one status")]
        return _measure(condition.measure, catalogue)
    if subject == "parameter":
        assert condition.parameter is not None
        cid, mid, pid = condition.parameter.split(".")
        problem = _measure(f"{cid}.{mid}", catalogue, key="parameter")
        if problem:
            return problem
        measure = catalogue.measure(cid, mid)
        assert measure is not None
        spec = next((p for p in measure.parameters if p.id == pid), None)
        if spec is None:
            known = ", ".join(p.id for p in measure.parameters) or "none"
            return [(("parameter",), f"measure {cid}.{mid} has no parameter {pid!r} ({known})")]
        return _fits(condition, test, spec.type, spec.options, f"parameter {condition.parameter}")
    assert condition.answer is not None
    cid, qid = condition.answer.split(".")
    if catalogue.category(cid) is None:
        return [(("answer",), f"the catalogue has no category {cid!r}")]
    question = catalogue.question(cid, qid)
    if question is None:
        return [(("answer",), f"category {cid!r} has no question {qid!r}")]
    if isinstance(question, ChecklistQuestion):
        return [(("answer",), f"{cid}.{qid} is a checklist; test its measures with 'measure'")]
    return _fits(condition, test, question.type, _options(question), f"question {cid}.{qid}")


def _measure(ref: str, catalogue: Catalogue, key: str = "measure") -> list[tuple[KeyPath, str]]:
    cid, mid = ref.split(".")
    if catalogue.category(cid) is None:
        return [((key,), f"the catalogue has no category {cid!r}")]
    if catalogue.measure(cid, mid) is None:
        return [((key,), f"category {cid!r} has no measure {mid!r}")]
    return []


def _options(question: Question) -> list[Option]:
    return list(getattr(question, "options", []))


_TESTS_BY_TYPE = {
    "bool": ("equals", "answered"),
    "number": ("equals", "any_of", "below", "above", "answered"),
    "choice": ("equals", "any_of", "answered"),
    "multichoice": ("any_of", "answered"),
    "text": ("equals", "any_of", "answered"),
    "date": ("answered",),
    "table": ("answered",),
}


def _fits(
    condition: Condition, test: str, kind: str, options: Sequence[Option], what: str
) -> list[tuple[KeyPath, str]]:
    """Whether ``test`` suits a value of type ``kind`` (and names existing options)."""
    allowed = _TESTS_BY_TYPE.get(kind, ("answered",))
    if test not in allowed:
        return [((test,), f"{what} is of type {kind}; it can be tested with {', '.join(allowed)}")]
    values: list[object] = []
    if test == "equals":
        values = [condition.equals]
    elif test == "any_of":
        values = list(condition.any_of or [])
    if test == "any_of" and not values:
        return [((test,), "needs at least one value")]
    for index, value in enumerate(values):
        at: KeyPath = (test,) if test == "equals" else (test, index)
        problem = _value_problem(kind, value, options)
        if problem:
            return [(at, f"{what}: {problem}")]
    return []


def _value_problem(kind: str, value: object, options: Sequence[Option]) -> str | None:
    if kind == "bool":
        return None if isinstance(value, bool) else "expected true or false"
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "expected a number"
    if kind in ("choice", "multichoice"):
        ids = [o.id for o in options]
        if value in ids and isinstance(value, str):
            return None
        return f"{value!r} is not one of its options ({', '.join(ids)})"
    return None if isinstance(value, str) else "expected a text"


def parameter_spec(catalogue: Catalogue, ref: str) -> Parameter | None:
    """The parameter ``category.measure.parameter`` names, if the catalogue has it."""
    cid, mid, pid = ref.split(".")
    measure = catalogue.measure(cid, mid)
    return next((p for p in measure.parameters if p.id == pid), None) if measure else None
