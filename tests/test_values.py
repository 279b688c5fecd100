"""Parsing what users type into typed values (used by the wizard's fields)."""

from __future__ import annotations

import datetime as dt

import pytest

from tomwizard.answers.values import Invalid, format_value, parse_value
from tomwizard.catalogue.model import Parameter, Text

LABEL = Text(de="Wert", en="Value")
NUMBER = Parameter(id="n", type="number", label=LABEL, min=1, max=120, integer=True)
DECIMAL = Parameter(id="d", type="number", label=LABEL, min=90, max=100)
DATE = Parameter(id="t", type="date", label=LABEL)
TEXT = Parameter(id="x", type="text", label=LABEL)


@pytest.mark.parametrize(
    ("spec", "text", "expected"),
    [
        (NUMBER, "", None),
        (NUMBER, "  ", None),
        (NUMBER, "12", 12),
        (NUMBER, " 1 000 ", Invalid("max", "120")),
        (NUMBER, "12.5", Invalid("integer")),
        (NUMBER, "zwölf", Invalid("number")),
        (NUMBER, "0", Invalid("min", "1")),
        (NUMBER, "nan", Invalid("number")),
        (DECIMAL, "99,9", 99.9),
        (DECIMAL, "99.95", 99.95),
        (DECIMAL, "inf", Invalid("number")),
        (DATE, "2025-01-31", dt.date(2025, 1, 31)),
        (DATE, "31.01.2025", dt.date(2025, 1, 31)),
        (DATE, "1.2.2025", dt.date(2025, 2, 1)),
        (DATE, "31.02.2025", Invalid("date")),
        (DATE, "morgen", Invalid("date")),
        (TEXT, "  Text  ", "Text"),
    ],
)
def test_parse_value(spec: Parameter, text: str, expected: object) -> None:
    assert parse_value(spec, text) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12, "12"),
        (12.0, "12"),
        (99.9, "99.9"),
        (dt.date(2025, 1, 2), "2025-01-02"),
        (True, "true"),
        ("x", "x"),
    ],
)
def test_format_value(value: object, text: str) -> None:
    assert format_value(value) == text
