"""Small pieces of error reporting: data_path, describe, Problem and format_key_path."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from tomwizard.problems import Problem, ProblemsError, format_key_path
from tomwizard.tomlread.file import parse_toml, read_toml
from tomwizard.tomlread.validation import data_path, describe, short, toml_type, validate_source

# -- data_path ------------------------------------------------------------------------------

QUESTIONS = {
    "questions": [
        {"id": "q", "type": "checklist", "measures": [{"label": "x"}]},
    ],
    "table": {"rows": []},
    "text": "hello",
}


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (("text",), (("text",), "")),
        (("questions", 0, "id"), (("questions", 0, "id"), "")),
        # the union tag "checklist" is no key of the file: skipped
        (
            ("questions", 0, "checklist", "measures", 0, "label"),
            (("questions", 0, "measures", 0, "label"), ""),
        ),
        # a required key that is not in the file: the last step is reported as missing
        (
            ("questions", 0, "checklist", "measures", 0, "phrase"),
            (("questions", 0, "measures", 0), "phrase"),
        ),
        (("catalogue",), ((), "catalogue")),
        # a missing step that is not the last one is a tag, not a missing key
        (("questions", 0, "choice", "options"), (("questions", 0), "options")),
        # below a scalar nothing can be missing
        (("text", "str"), (("text",), "")),
        # list index beyond the end, or a key where a list is
        (("questions", 3, "id"), (("questions",), "")),
        (("table", "rows", 0), (("table", "rows"), "")),
        (("table", 0), (("table",), "")),
        # pydantic's "[key]" step for an invalid dictionary key
        (("table", "rows", "[key]"), (("table", "rows"), "")),
        ((), ((), "")),
    ],
)
def test_data_path(loc: tuple[str | int, ...], expected: tuple[tuple[str | int, ...], str]) -> None:
    assert data_path(QUESTIONS, loc) == expected


def test_data_path_key_named_like_a_marker() -> None:
    data = {"categories": {"[key]": {"note": "x"}}}
    assert data_path(data, ("categories", "[key]", "[key]")) == (("categories", "[key]"), "")


# -- describe, with real pydantic errors -----------------------------------------------------


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    when: dt.date | None = None


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str = ""
    count: int = 0
    ratio: float = 0.0
    flag: bool = False
    day: dt.date | None = None
    kind: Literal["a", "b"] = "a"
    items: list[str] = Field(default_factory=list)
    inner: Inner = Field(default_factory=Inner)
    table: dict[str, int] = Field(default_factory=dict)
    required: Annotated[str, Field(min_length=1)] = "x"


def only_error(data: dict[str, Any]) -> ErrorDetails:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate(data)
    errors = info.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(
    ("data", "message", "german"),
    [
        (
            {"nmae": "x"},
            "unknown key (not part of the format; check the spelling)",
            "unbekannter Schlüssel (nicht Teil des Formats; Schreibweise prüfen)",
        ),
        (
            {"name": 3},
            "expected a string, found integer 3",
            "erwartet eine Zeichenkette, gefunden: Ganzzahl 3",
        ),
        (
            {"count": "3"},
            "expected a whole number, found string '3'",
            "erwartet eine ganze Zahl, gefunden: Zeichenkette '3'",
        ),
        (
            {"count": 1.5},
            "expected a whole number, found float 1.5",
            "erwartet eine ganze Zahl, gefunden: Gleitkommazahl 1.5",
        ),
        (
            {"ratio": "x"},
            "expected a number, found string 'x'",
            "erwartet eine Zahl, gefunden: Zeichenkette 'x'",
        ),
        (
            {"flag": "yes"},
            "expected true or false, found string 'yes'",
            "erwartet true oder false, gefunden: Zeichenkette 'yes'",
        ),
        (
            {"flag": 1},
            "expected true or false, found integer 1",
            "erwartet true oder false, gefunden: Ganzzahl 1",
        ),
        (
            {"day": "2025-01-01"},
            "expected a TOML date such as 2025-01-31 (without quotes), found string '2025-01-01'",
            "erwartet ein TOML-Datum wie 2025-01-31 (ohne Anführungszeichen), gefunden: "
            "Zeichenkette '2025-01-01'",
        ),
        (
            {"day": dt.datetime(2025, 1, 1, 12, 0)},
            "expected a TOML date such as 2025-01-31 (without quotes), "
            "found date-time 2025-01-01 12:00:00",
            "erwartet ein TOML-Datum wie 2025-01-31 (ohne Anführungszeichen), gefunden: "
            "Datum mit Uhrzeit 2025-01-01 12:00:00",
        ),
        ({"kind": "c"}, "expected 'a' or 'b', found 'c'", "erwartet 'a' oder 'b', gefunden: 'c'"),
        (
            {"kind": True},
            "expected 'a' or 'b', found true",
            "erwartet 'a' oder 'b', gefunden: true",
        ),
        (
            {"kind": {}},
            "expected 'a' or 'b', found table",
            "erwartet 'a' oder 'b', gefunden: Tabelle",
        ),
        (
            {"items": "x"},
            "expected an array, found string 'x'",
            "erwartet ein Array, gefunden: Zeichenkette 'x'",
        ),
        (
            {"inner": 5},
            "expected a table, found integer 5",
            "erwartet eine Tabelle, gefunden: Ganzzahl 5",
        ),
        ({"inner": [1]}, "expected a table, found array", "erwartet eine Tabelle, gefunden: Array"),
        (
            {"table": "x"},
            "expected a table, found string 'x'",
            "erwartet eine Tabelle, gefunden: Zeichenkette 'x'",
        ),
        (
            {"required": ""},
            "must not be empty",
            "darf nicht leer sein",
        ),
    ],
)
def test_describe(data: dict[str, Any], message: str, german: str) -> None:
    assert describe(only_error(data), "", "en") == message
    assert describe(only_error(data), "", "de") == german


def test_describe_missing() -> None:
    class Needs(BaseModel):
        catalogue: str

    with pytest.raises(ValidationError) as info:
        Needs.model_validate({})
    error = info.value.errors(include_url=False)[0]
    assert describe(error, "catalogue", "en") == "required key 'catalogue' is missing"
    assert describe(error, "", "en") == "required value is missing"
    assert describe(error, "catalogue", "de") == "Pflichtschlüssel 'catalogue' fehlt"
    assert describe(error, "", "de") == "Pflichtangabe fehlt"


def test_describe_strips_value_error_prefix() -> None:
    class Checked(BaseModel):
        text: str

        @field_validator("text")
        @classmethod
        def not_blank(cls, value: str) -> str:
            if not value.strip():
                raise ValueError("text must not be empty")
            return value

    with pytest.raises(ValidationError) as info:
        Checked.model_validate({"text": " "})
    error = info.value.errors(include_url=False)[0]
    assert describe(error, "", "en") == "text must not be empty"
    assert describe(error, "", "de") == "text must not be empty"  # not one of the answers' own


def test_describe_shortens_long_values() -> None:
    error = only_error({"count": "1234567890" * 5})
    assert describe(error, "", "en") == (
        "expected a whole number, found string '" + "1234567890" * 3 + "12345678…"
    )


@pytest.mark.parametrize(
    ("value", "kind", "rendered"),
    [
        (True, "boolean", "true"),
        (False, "boolean", "false"),
        (3, "integer", "3"),
        (2.5, "float", "2.5"),
        ("x", "string", "'x'"),
        (dt.datetime(2025, 1, 2, 3, 4), "date-time", "2025-01-02 03:04:00"),
        (dt.date(2025, 1, 2), "date", "2025-01-02"),
        (dt.time(3, 4), "time", "03:04:00"),
        ([1], "array", ""),
        ({"a": 1}, "table", ""),
        (None, "NoneType", "None"),
    ],
)
def test_toml_type_and_short(value: object, kind: str, rendered: str) -> None:
    assert toml_type(value, "en") == kind
    assert short(value) == rendered


def test_short_limit() -> None:
    assert short("abc", limit=5) == "'abc'"
    assert short("abcd", limit=5) == "'abc…"
    assert len(short("x" * 100)) == 40


# -- validate_source: problems with lines ----------------------------------------------------


def test_validate_source_reports_lines_in_file_order() -> None:
    text = (
        'name = "ok"\n'  # 1
        "[inner]\n"  # 2
        'when = "2025-01-01"\n'  # 3
        "[table]\n"  # 4
        'a = "x"\n'  # 5
        "count = 1.5\n"  # 6: inside [table], so table.count
    )
    source = parse_toml(text.encode(), "s.toml")
    with pytest.raises(ProblemsError) as info:
        validate_source(Sample, source)
    assert [str(p) for p in info.value.problems] == [
        "s.toml:3: inner.when: expected a TOML date such as 2025-01-31 (without quotes), "
        "found string '2025-01-01'",
        "s.toml:5: table.a: expected a whole number, found string 'x'",
        "s.toml:6: table.count: expected a whole number, found float 1.5",
    ]


def test_validate_source_missing_key_points_at_table() -> None:
    class Needs(BaseModel):
        model_config = ConfigDict(extra="forbid")
        part: Inner
        title: str

    class Outer(BaseModel):
        model_config = ConfigDict(extra="forbid")
        first: dict[str, Needs]

    text = '[first.a]\ntitle = "x"\npart = { when = 2025-01-01 }\n\n[first."b c"]\npart = {}\n'
    source = parse_toml(text.encode(), "n.toml")
    with pytest.raises(ProblemsError) as info:
        validate_source(Outer, source)
    assert [str(p) for p in info.value.problems] == [
        "n.toml:5: first.\"b c\".title: required key 'title' is missing"
    ]


# -- Problem and format_key_path -------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("f.toml", 3, "a.b", "bad"), "f.toml:3: a.b: bad"),
        (Problem("f.toml", None, "a.b", "bad"), "f.toml: a.b: bad"),
        (Problem("f.toml", 3, "", "bad"), "f.toml:3: bad"),
        (Problem("f.toml", None, "", "bad"), "f.toml: bad"),
        (Problem("f.toml", 7, "a", "odd", "warning"), "f.toml:7: a: warning: odd"),
        (Problem("f.toml", None, "", "odd", "warning"), "f.toml: warning: odd"),
        (Problem("dir/ü.toml", 1, 'history."1.0"', "x"), 'dir/ü.toml:1: history."1.0": x'),
    ],
)
def test_problem_str(problem: Problem, text: str) -> None:
    assert str(problem) == text
    assert problem.is_error == (problem.severity == "error")


def test_problems_error_lists_every_problem() -> None:
    problems = [Problem("f", 1, "a", "one"), Problem("f", 2, "", "two", "warning")]
    error = ProblemsError(problems)
    assert error.problems == tuple(problems)
    assert str(error) == "f:1: a: one\nf:2: warning: two"
    single = ProblemsError.single("g.toml", "no such file")
    assert single.problems == (Problem("g.toml", None, "", "no such file"),)
    assert str(ProblemsError.single("g.toml", "broken", 4)) == "g.toml:4: broken"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("catalogue",), "catalogue"),
        (("history", "1.0"), 'history."1.0"'),
        (("groups", 2, "title", "de"), "groups[2].title.de"),
        (("categories", "zugang", "odd key", 2, "id"), 'categories.zugang."odd key"[2].id'),
        (("a", "x", 0, 1), "a.x[0][1]"),
        ((0, "a"), "[0].a"),
        (("Ab-c_9",), "Ab-c_9"),
        (("",), '""'),
        (("Maßnahmen",), '"Maßnahmen"'),
        (('say "hi"',), '"say \\"hi\\""'),
        (("C:\\tmp",), '"C:\\\\tmp"'),
        (("two\nlines",), '"two\\nlines"'),
        (("tab\there",), '"tab\\there"'),
        (("[key]",), '"[key]"'),
    ],
)
def test_format_key_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_key_path(path) == text


@pytest.mark.parametrize(
    "key", ["1.0", "odd key", 'say "hi"', "C:\\tmp", "two\nlines", "tab\there", "", "Maßnahmen"]
)
def test_formatted_keys_are_valid_toml(key: str) -> None:
    """What a problem shows as the key path can be pasted into a file as a key."""
    spelled = format_key_path(("t", key))
    assert tomllib.loads(f"{spelled} = 1") == {"t": {key: 1}}


def test_size_limit_message_below_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"a = 1\n" * 100)
    with pytest.raises(ProblemsError) as info:
        read_toml(path, max_bytes=100)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: file is larger than 100 bytes; refusing to read it"
    ]
