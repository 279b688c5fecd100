"""Turn pydantic validation errors into :class:`Problem` lines that point into the TOML file.

pydantic's ``loc`` is nearly the TOML key path, except that union members add their tag (for
example ``checklist`` for a question of that type). :func:`data_path` walks the parsed data
alongside the ``loc`` and keeps only the steps that exist in the file, so the reported key path
is exactly what the user typed, and its line can be looked up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlfile import TomlSource

M = TypeVar("M", bound=BaseModel)


def validate_source(model: type[M], source: TomlSource) -> M:
    """Validate ``source.data`` as ``model``; raise :class:`ProblemsError` with line numbers."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        raise ProblemsError(problems_from_error(exc, source)) from None


def problems_from_error(exc: ValidationError, source: TomlSource) -> list[Problem]:
    """One problem per pydantic error, de-duplicated and in file order.

    A value that no member of a union accepts (``equals = 2025-01-01`` where a boolean, number or
    string is allowed) gives one problem listing every alternative, not one per member.
    """
    seen: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if error["type"] in _TAG_ERRORS:  # point at the tag key (``type``), not its table
            loc = (*loc, str(error.get("ctx", {}).get("discriminator", "")).strip("'"))
        path, missing = data_path(source.data, loc)
        message = describe(error, missing)
        problem = source.problem(path + ((missing,) if missing else ()), message)
        if (problem.key, problem.message) not in seen:
            seen.add((problem.key, problem.message))
            problems.append(problem)
    problems = _merge_alternatives(problems)
    problems.sort(key=lambda p: p.line or 0)
    return problems


_EXPECTED_FOUND = re.compile(r"expected (.*), found (.*)", re.DOTALL)


def _merge_alternatives(problems: list[Problem]) -> list[Problem]:
    """Merge "expected A, found X" and "expected B, found X" at one key into one problem."""
    alternatives: dict[tuple[str, str], list[str]] = {}
    for problem in problems:
        match = _EXPECTED_FOUND.fullmatch(problem.message)
        if match:
            alternatives.setdefault((problem.key, match[2]), []).append(match[1])
    merged: list[Problem] = []
    done: set[tuple[str, str]] = set()
    for problem in problems:
        match = _EXPECTED_FOUND.fullmatch(problem.message)
        where = (problem.key, match[2]) if match else None
        if where is None or len(alternatives[where]) == 1:
            merged.append(problem)
        elif where not in done:
            done.add(where)
            *first, last = alternatives[where]
            message = f"expected {', '.join(first)} or {last}, found {where[1]}"
            merged.append(replace(problem, message=message))
    return merged


def data_path(data: Any, loc: Sequence[str | int]) -> tuple[tuple[str | int, ...], str]:
    """Split ``loc`` into the part present in ``data`` and a final key that is not there.

    Union tags in ``loc`` (steps that do not exist in the data) and the ``[key]`` step pydantic adds
    for an invalid dictionary key are skipped.
    """
    path: list[str | int] = []
    node = data
    for index, step in enumerate(loc):
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            node = node[step]
            path.append(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            path.append(step)
        elif step == "[key]":
            continue  # pydantic's marker for "the key itself is invalid": not a key in the file
        elif index == len(loc) - 1 and isinstance(node, dict) and isinstance(step, str):
            return tuple(path), step
    return tuple(path), ""


def toml_type(value: Any) -> str:
    """The TOML name of a value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.datetime):
        return "date-time"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def short(value: Any, limit: int = 40) -> str:
    """A short, single-line rendering of a scalar for messages."""
    if isinstance(value, dict | list):
        return ""
    text = repr(value) if isinstance(value, str) else str(value)
    if isinstance(value, bool):
        text = text.lower()
    return text if len(text) <= limit else text[: limit - 1] + "…"


_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "date_type": "a TOML date such as 2025-01-31 (without quotes)",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "list_type": "an array",
}


_TAG_ERRORS = ("union_tag_invalid", "union_tag_not_found")
"""A tagged union (e.g. a question's ``type``) got an unknown tag or none."""


def _pattern_message(value: str, pattern: str) -> str:
    """Plain words for the id patterns of the models; the pattern itself for anything else."""
    if pattern.startswith("^[a-z0-9]"):
        return (
            f"{value} is not a valid id: use lower-case letters, digits, '_' and '-', "
            "starting with a letter or digit"
        )
    if pattern.startswith("^[A-Za-z0-9_-]"):
        return f"{value} is not a valid id: use letters, digits, '_' and '-' only (at most 64)"
    return f"{value} does not have the expected form {pattern}"


def describe(error: ErrorDetails, missing: str) -> str:
    """A plain-language message for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return "unknown key (not part of the format; check the spelling)"
    if kind in ("missing", "union_tag_not_found"):
        return f"required key {missing!r} is missing" if missing else "required value is missing"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {toml_type(value)} {short(value)}".rstrip()
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind == "string_pattern_mismatch":
        return _pattern_message(short(value), str(error.get("ctx", {}).get("pattern", "")))
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"expected one of {expected}, found {short(error.get('ctx', {}).get('tag'))}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected {expected}, found {short(value)}"
    return message
