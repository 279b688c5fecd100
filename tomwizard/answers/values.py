"""Turning what a user types into typed values, and back (used by the wizard's input fields).

Pure functions without any interface code, so that they are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tomwizard.catalogue.model import Parameter

_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class Invalid:
    """Why a text is not a valid value: a message key and its values."""

    key: str
    """One of ``number``, ``integer``, ``min``, ``max``, ``date``."""
    value: str = ""


def parse_value(spec: Parameter, text: str) -> Any:
    """The value of ``text`` for a field of ``spec``; ``None`` for empty input.

    Returns an :class:`Invalid` instead of raising when the text does not fit.
    """
    text = text.strip()
    if not text:
        return None
    if spec.type == "number":
        return _parse_number(spec, text)
    if spec.type == "date":
        return parse_date(text)
    return text


def _parse_number(spec: Parameter, text: str) -> Any:
    normalised = text.replace(" ", "").replace(",", ".")
    try:
        number: int | float = int(normalised)
    except ValueError:
        try:
            number = float(normalised)
        except ValueError:
            return Invalid("number")
        if number != number or number in (float("inf"), float("-inf")):
            return Invalid("number")
        if spec.integer:
            return Invalid("integer")
    if spec.min is not None and number < spec.min:
        return Invalid("min", format_number(spec.min))
    if spec.max is not None and number > spec.max:
        return Invalid("max", format_number(spec.max))
    return number


def parse_date(text: str) -> dt.date | Invalid:
    """A date from ``2025-01-31`` or ``31.01.2025``."""
    match = _GERMAN_DATE.match(text.strip())
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return Invalid("date")


def format_number(value: float) -> str:
    """A number without a needless ``.0``."""
    return str(int(value)) if float(value).is_integer() else str(value)


def format_value(value: Any) -> str:
    """The text shown in an input for a stored value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
