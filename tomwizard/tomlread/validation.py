"""Turn pydantic validation errors into :class:`Problem` lines that point into the TOML file.

pydantic's ``loc`` is nearly the TOML key path, except that union members add their tag (for
example ``checklist`` for a question of that type). :func:`data_path` walks the parsed data
alongside the ``loc`` and keeps only the steps that exist in the file, so the reported key path
is exactly what the user typed, and its line can be looked up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tomwizard.languages import Language
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlread.file import TomlSource
from tomwizard.tomlread.validation_words import (
    SAY,
    expected_words,
    literal_words,
    model_error,
    type_word,
)

M = TypeVar("M", bound=BaseModel)


def validate_source(model: type[M], source: TomlSource, *, lang: Language = "en") -> M:
    """Validate ``source.data`` as ``model``; raise :class:`ProblemsError` with line numbers.

    The messages are in ``lang``: an answers file's in the reader's language; those of
    catalogue, rule and settings files, which are for their authors, in English."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        raise ProblemsError(problems_from_error(exc, source, lang)) from None


@dataclass(frozen=True)
class _Expected:
    """An "expected …, found …" message before it is worded: values no member of a union
    accepts give one of these per member, merged into one message per key."""

    expected: str
    found: str


def problems_from_error(
    exc: ValidationError, source: TomlSource, lang: Language = "en"
) -> list[Problem]:
    """One problem per pydantic error, de-duplicated and in file order, worded in ``lang``.

    A value that no member of a union accepts (``equals = 2025-01-01`` where a boolean, number or
    string is allowed) gives one problem listing every alternative, not one per member.
    """
    found: dict[tuple[tuple[str | int, ...], str | _Expected], None] = {}
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if error["type"] in _TAG_ERRORS:  # point at the tag key (``type``), not its table
            loc = (*loc, str(error.get("ctx", {}).get("discriminator", "")).strip("'"))
        path, missing = data_path(source.data, loc)
        found[(path + ((missing,) if missing else ()), _describe(error, missing, lang))] = None
    alternatives: dict[tuple[tuple[str | int, ...], str], list[str]] = {}
    for path, said in found:
        if isinstance(said, _Expected):
            expected = alternatives.setdefault((path, said.found), [])
            if said.expected not in expected:
                expected.append(said.expected)
    problems: list[Problem] = []
    done: set[tuple[tuple[str | int, ...], str]] = set()
    for path, said in found:
        if isinstance(said, str):
            problems.append(source.problem(path, said))
        elif (path, said.found) not in done:
            done.add((path, said.found))
            options = expected_words(alternatives[(path, said.found)], lang)
            problems.append(source.problem(path, _expected(options, said.found, lang)))
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _expected(expected: str, found: str, lang: Language) -> str:
    return SAY("expected", lang, expected=expected, found=found)


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


def toml_type(value: Any, lang: Language) -> str:
    """The TOML name of a value's type, for messages (in ``lang``)."""
    return type_word(value, lang)


def short(value: Any, limit: int = 40) -> str:
    """A short, single-line rendering of a scalar for messages."""
    if isinstance(value, dict | list):
        return ""
    text = repr(value) if isinstance(value, str) else str(value)
    if isinstance(value, bool):
        text = text.lower()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def found_words(value: Any, lang: Language) -> str:
    """What was found, for "expected …, found …": its type and value (``string '3'``)."""
    return f"{toml_type(value, lang)} {short(value)}".rstrip()


_TAG_ERRORS = ("union_tag_invalid", "union_tag_not_found")
"""A tagged union (e.g. a question's ``type``) got an unknown tag or none."""


def _pattern_message(value: str, pattern: str, lang: Language) -> str:
    """Plain words for the id patterns of the models; the pattern itself for anything else."""
    if pattern.startswith("^[a-z0-9]"):
        return SAY("id_lower", lang, value=value)
    if pattern.startswith("^[A-Za-z0-9_-]"):
        return SAY("id_any", lang, value=value)
    return SAY("pattern", lang, value=value, pattern=pattern)


def describe(error: ErrorDetails, missing: str, lang: Language) -> str:
    """A plain-language message for one pydantic error, in ``lang``."""
    said = _describe(error, missing, lang)
    if isinstance(said, _Expected):
        return _expected(expected_words([said.expected], lang), said.found, lang)
    return said


def _describe(error: ErrorDetails, missing: str, lang: Language) -> str | _Expected:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        return SAY("unknown_key", lang)
    if kind in ("missing", "union_tag_not_found"):
        return SAY("missing_key", lang, key=repr(missing)) if missing else SAY("missing", lang)
    if f"type.{kind}" in SAY.texts:
        return _Expected(SAY(f"type.{kind}", lang), found_words(value, lang))
    if kind == "string_pattern_mismatch":
        return _pattern_message(short(value), str(ctx.get("pattern", "")), lang)
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        return SAY("tag", lang, expected=tags, found=short(ctx.get("tag")))
    if kind == "literal_error":
        expected = literal_words(str(ctx.get("expected", "")), lang)
        return _Expected(expected, short(value) or toml_type(value, lang))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return SAY("empty", lang)
    if kind in _LIMITS:
        return SAY(kind, lang, limit=short(ctx.get(_LIMITS[kind])), found=short(value))
    message = error["msg"].removeprefix("Value error, ")
    return model_error(message, lang)


_LIMITS = {
    "string_too_short": "min_length",
    "string_too_long": "max_length",
    "greater_than_equal": "ge",
    "less_than_equal": "le",
    "greater_than": "gt",
    "less_than": "lt",
}
"""Constraints of the models' fields and the context entry that holds each one's limit."""
