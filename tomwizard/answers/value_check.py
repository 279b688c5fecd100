"""Whether a value fits its question, parameter or column, and why not, in the reader's
language: the checks :mod:`tomwizard.answers.check` applies to every value of a document (and
:mod:`tomwizard.answers.migrate` to values of an older catalogue version)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from tomwizard.answers.values import format_number
from tomwizard.catalogue.model import (
    ChoiceQuestion,
    Language,
    MultichoiceQuestion,
    NumberQuestion,
    Option,
    Parameter,
    Question,
)
from tomwizard.tomlread.validation import found_words, short
from tomwizard.wording import Wording

_SAY = Wording(
    "answers.values",
    {
        "missing": ("{owner}: „{item}“ fehlt", "{owner}: '{item}' has no value"),
        "missing_answer": ("{owner}: „{item}“ fehlt", "{owner}: '{item}' has no answer"),
        "expected": (
            "erwartet {expected}, gefunden: {found}",
            "expected {expected}, found {found}",
        ),
        "bool": ("true oder false", "true or false"),
        "text": ("eine Zeichenkette in Anführungszeichen", "a string in quotes"),
        "date": (
            "ein Datum wie 2025-01-31 (ohne Anführungszeichen)",
            "a date such as 2025-01-31 (without quotes)",
        ),
        "option_ids": ("ein Array von Options-ids", "an array of option ids"),
        "number": ("eine Zahl", "a number"),
        "whole": ("eine ganze Zahl", "a whole number"),
        "finite": ("eine endliche Zahl", "a finite number"),
        "twice": ("eine Option ist doppelt aufgeführt", "an option is listed twice"),
        "option": (
            "unbekannte Option {value}; erwartet wird eine von: {ids}",
            "unknown option {value}; expected one of: {ids}",
        ),
        "below": ("{value} liegt unter dem Minimum {low}", "{value} is below the minimum {low}"),
        "above": ("{value} liegt über dem Maximum {high}", "{value} is above the maximum {high}"),
    },
)


def has_value(value: Any) -> bool:
    """Whether a required value counts as given (not missing, not blank text)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def missing_message(lang: Language, owner: str, item: str, answer: bool = False) -> str:
    """A missing required value in words, in ``lang``: ``owner`` is the label
    of the category, measure or question it belongs to, ``item`` the label of the question,
    parameter or column (``Datensicherung: „Häufigkeit“ fehlt`` / ``Backup: 'Frequency' has no
    value``; ``has no answer`` for a question)."""
    return _SAY("missing_answer" if answer else "missing", lang, owner=owner, item=item)


def question_value_problem(question: Question, value: Any, lang: Language) -> str | None:
    """Why ``value`` is no answer to ``question`` (not a checklist or table), or None."""
    if isinstance(question, ChoiceQuestion):
        return _choice_problem(question.options, value, lang)
    if isinstance(question, MultichoiceQuestion):
        if not isinstance(value, list):
            return _expected("option_ids", found_words(value, lang), lang)
        for item in value:
            message = _choice_problem(question.options, item, lang)
            if message:
                return message
        if len(set(map(str, value))) != len(value):
            return _SAY("twice", lang)
        return None
    if isinstance(question, NumberQuestion):
        return _number_problem(value, question.min, question.max, question.integer, lang)
    return _scalar_problem(question.type, value, lang)


def value_problem(spec: Parameter, value: Any, lang: Language) -> str | None:
    """Why ``value`` does not fit a parameter or column ``spec``, or None."""
    if spec.type == "choice":
        return _choice_problem(spec.options, value, lang)
    if spec.type == "number":
        return _number_problem(value, spec.min, spec.max, spec.integer, lang)
    return _scalar_problem(spec.type, value, lang)


def _expected(key: str, found: str, lang: Language) -> str:
    return _SAY("expected", lang, expected=_SAY(key, lang), found=found)


def _scalar_problem(kind: str, value: Any, lang: Language) -> str | None:
    if kind == "bool" and not isinstance(value, bool):
        return _expected("bool", found_words(value, lang), lang)
    if kind == "text" and not isinstance(value, str):
        return _expected("text", found_words(value, lang), lang)
    if kind == "date" and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        return _expected("date", found_words(value, lang), lang)
    return None


def _choice_problem(options: Sequence[Option], value: Any, lang: Language) -> str | None:
    ids = [o.id for o in options]
    if isinstance(value, str) and value in ids:
        return None
    return _SAY("option", lang, value=short(value), ids=", ".join(ids))


def _number_problem(
    value: Any, low: float | None, high: float | None, integer: bool, lang: Language
) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _expected("number", found_words(value, lang), lang)
    if integer and not isinstance(value, int):
        return _expected("whole", short(value), lang)
    if isinstance(value, float) and not math.isfinite(value):  # nan passes any range check
        return _expected("finite", short(value), lang)
    if low is not None and value < low:
        return _SAY("below", lang, value=short(value), low=format_number(low))
    if high is not None and value > high:
        return _SAY("above", lang, value=short(value), high=format_number(high))
    return None
