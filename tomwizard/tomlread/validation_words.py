"""The words of :mod:`tomwizard.tomlread.validation`: pydantic's errors as a person reads
them, in German and English (pydantic's own messages are English and name Python's types,
not TOML's)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from tomwizard.languages import Language
from tomwizard.wording import Wording

SAY = Wording(
    "validation",
    {
        "expected": (
            "erwartet {expected}, gefunden: {found}",
            "expected {expected}, found {found}",
        ),
        "or": ("{first} oder {last}", "{first} or {last}"),
        "type.string_type": ("eine Zeichenkette", "a string"),
        "type.bool_type": ("true oder false", "true or false"),
        "type.int_type": ("eine ganze Zahl", "a whole number"),
        "type.float_type": ("eine Zahl", "a number"),
        "type.date_type": (
            "ein TOML-Datum wie 2025-01-31 (ohne Anführungszeichen)",
            "a TOML date such as 2025-01-31 (without quotes)",
        ),
        "type.dict_type": ("eine Tabelle", "a table"),
        "type.model_type": ("eine Tabelle", "a table"),
        "type.model_attributes_type": ("eine Tabelle", "a table"),
        "type.list_type": ("ein Array", "an array"),
        "kind.boolean": ("Wahrheitswert", "boolean"),
        "kind.integer": ("Ganzzahl", "integer"),
        "kind.float": ("Gleitkommazahl", "float"),
        "kind.string": ("Zeichenkette", "string"),
        "kind.date-time": ("Datum mit Uhrzeit", "date-time"),
        "kind.date": ("Datum", "date"),
        "kind.time": ("Uhrzeit", "time"),
        "kind.array": ("Array", "array"),
        "kind.table": ("Tabelle", "table"),
        "unknown_key": (
            "unbekannter Schlüssel (nicht Teil des Formats; Schreibweise prüfen)",
            "unknown key (not part of the format; check the spelling)",
        ),
        "missing_key": ("Pflichtschlüssel {key} fehlt", "required key {key} is missing"),
        "missing": ("Pflichtangabe fehlt", "required value is missing"),
        "id_lower": (
            "{value} ist keine gültige id: nur Kleinbuchstaben, Ziffern, '_' und '-' verwenden, "
            "am Anfang ein Buchstabe oder eine Ziffer",
            "{value} is not a valid id: use lower-case letters, digits, '_' and '-', "
            "starting with a letter or digit",
        ),
        "id_any": (
            "{value} ist keine gültige id: nur Buchstaben, Ziffern, '_' und '-' verwenden "
            "(höchstens 64)",
            "{value} is not a valid id: use letters, digits, '_' and '-' only (at most 64)",
        ),
        "pattern": (
            "{value} hat nicht die erwartete Form {pattern}",
            "{value} does not have the expected form {pattern}",
        ),
        "tag": (
            "erwartet einen der Werte {expected}, gefunden: {found}",
            "expected one of {expected}, found {found}",
        ),
        "empty": ("darf nicht leer sein", "must not be empty"),
        "string_too_short": (
            "erwartet mindestens {limit} Zeichen, gefunden: {found}",
            "expected at least {limit} character(s), found {found}",
        ),
        "string_too_long": (
            "erwartet höchstens {limit} Zeichen, gefunden: {found}",
            "expected at most {limit} character(s), found {found}",
        ),
        "greater_than_equal": (
            "erwartet mindestens {limit}, gefunden: {found}",
            "expected at least {limit}, found {found}",
        ),
        "less_than_equal": (
            "erwartet höchstens {limit}, gefunden: {found}",
            "expected at most {limit}, found {found}",
        ),
        "greater_than": (
            "erwartet mehr als {limit}, gefunden: {found}",
            "expected more than {limit}, found {found}",
        ),
        "less_than": (
            "erwartet weniger als {limit}, gefunden: {found}",
            "expected less than {limit}, found {found}",
        ),
        "version_key": (
            "eine Version ist eine Zeile von höchstens 100 Zeichen, ohne Steuerzeichen",
            "a version is one line of at most 100 characters, without control codes",
        ),
        "format_version": (
            "erwartet die Formatversion 1, gefunden: {found}",
            "expected the format version 1, found {found}",
        ),
    },
)

_MODEL_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(re.escape(SAY("version_key", "en"))), "version_key"),
    (re.compile(r"expected the format version 1, found (?P<found>.*)"), "format_version"),
)
"""The messages the answers models raise themselves (:mod:`tomwizard.answers.base`,
:mod:`tomwizard.answers.model`), in English, and their key in :data:`SAY`."""


def model_error(message: str, lang: Language) -> str:
    """A message a model's validator raised, in ``lang`` when it is one of the answers
    models' (:data:`_MODEL_ERRORS`); the catalogue's, for its authors, stay English."""
    for pattern, key in _MODEL_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return SAY(key, lang, **match.groupdict())
    return message


def type_word(value: Any, lang: Language) -> str:
    """The TOML name of a value's type, in ``lang`` (``string``/``Zeichenkette``)."""
    kind = _kind(value)
    return SAY(f"kind.{kind}", lang) if f"kind.{kind}" in SAY.texts else kind


def _kind(value: Any) -> str:
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


def literal_words(expected: str, lang: Language) -> str:
    """pydantic's list of allowed literals (``'draft' or 'final'``, ``'a', 'b' or 'c'``) in
    ``lang``. The literals are the models' own ids, never a user's text."""
    first, separator, last = expected.rpartition(" or ")
    return SAY("or", lang, first=first, last=last) if separator else expected


def expected_words(alternatives: Sequence[str], lang: Language) -> str:
    """``a, b or c``: what was expected, when several alternatives were (a union's members)."""
    if len(alternatives) == 1:
        return alternatives[0]
    *first, last = alternatives
    return SAY("or", lang, first=", ".join(first), last=last)
