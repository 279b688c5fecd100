"""The report formats of validate, check and diff: text lines, JSON against its documented
schema, GitHub workflow commands with their escaping, SARIF 2.1.0 against the project's own
schema of the subset tomwizard writes (tests/sarif_log.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sarif_log import assert_valid_sarif

from tomwizard.problems import Problem
from tomwizard.report import FORMATS, Finding, render

ROOT = Path(__file__).resolve().parent.parent
FINDINGS_SCHEMA = ROOT / "docs" / "schema" / "findings.schema.json"

SAMPLE = [
    Finding(
        "tom.toml",
        12,
        "password-rotation",
        "Passwörter werden regelmäßig gewechselt",
        "warning",
        "BSI IT-Grundschutz ORP.4.A23",
        key="categories.zugangskontrolle.measures.passwortwechsel",
    ),
    Finding("tom.toml", None, "", "no such file"),
    Finding("sub dir/b.toml", 3, "final-open", "offen", "note", help_uri="https://example.org/r"),
]


def _schema(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_text_lines() -> None:
    assert render(SAMPLE, "text", "0.1.0").splitlines() == [
        "tom.toml:12: password-rotation: warning: Passwörter werden regelmäßig gewechselt "
        "(BSI IT-Grundschutz ORP.4.A23)",
        "tom.toml: no such file",
        "sub dir/b.toml:3: final-open: notice: offen",
    ]
    assert render([], "text", "0.1.0") == ""


def test_text_of_a_problem_is_the_problem_line() -> None:
    for problem in [
        Problem("a.toml", 4, "categories.x", "bad", "warning"),
        Problem("a.toml", None, "", "gone"),
        Problem("a.toml", 2, "document.status", "moved", "notice"),
    ]:
        assert render([Finding.from_problem(problem)], "text", "0") == f"{problem}\n"


def test_text_escapes_control_codes() -> None:
    evil = Finding("a\x1b[2J.toml", 1, "r", "x\x1b]0;owned\x07\nnext\u202eline\x9b")
    out = render([evil], "text", "0")
    assert out.count("\n") == 1
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\x9b" not in out
    assert "\\x1b[2J" in out and "\\n" in out and "\\u202e" in out


def test_json_matches_its_schema() -> None:
    out = render(SAMPLE, "json", "0.1.0")
    data = json.loads(out)
    jsonschema.validate(data, _schema(FINDINGS_SCHEMA))
    assert data[0] == {
        "file": "tom.toml",
        "line": 12,
        "rule": "password-rotation",
        "severity": "warning",
        "message": "Passwörter werden regelmäßig gewechselt",
        "source": "BSI IT-Grundschutz ORP.4.A23",
        "help_uri": None,
        "key": "categories.zugangskontrolle.measures.passwortwechsel",
    }
    assert data[1]["line"] is None and data[1]["source"] is None
    assert json.loads(render([], "json", "0")) == []


def test_json_schema_rejects_what_it_does_not_document() -> None:
    schema = _schema(FINDINGS_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(schema)
    item = json.loads(render(SAMPLE[:1], "json", "0"))[0]
    for broken in [{**item, "severity": "fatal"}, {**item, "extra": 1}, {**item, "line": 0}]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], schema)


def test_json_escapes_control_codes_raw_json_would_keep() -> None:
    out = render([Finding("a.toml", 1, "r", "del\x7f csi\x9b nl\n esc\x1b")], "json", "0")
    assert not any(c in out for c in "\x7f\x9b\x1b")
    assert json.loads(out)[0]["message"] == "del\x7f csi\x9b nl\n esc\x1b"


def test_github_workflow_commands() -> None:
    lines = render(SAMPLE, "github", "0.1.0").splitlines()
    assert lines == [
        "::warning file=tom.toml,line=12,title=password-rotation::Passwörter werden "
        "regelmäßig gewechselt (BSI IT-Grundschutz ORP.4.A23)",
        "::error file=tom.toml,title=tomwizard::no such file",
        "::notice file=sub dir/b.toml,line=3,title=final-open::offen",
    ]


def test_github_escaping() -> None:
    finding = Finding("a,b:c%.toml", 7, "x:y,z", "100% sicher\r\nzweite Zeile: a,b")
    line = render([finding], "github", "0")
    assert line == (
        "::error file=a%2Cb%3Ac%25.toml,line=7,title=x%3Ay%2Cz::"
        "100%25 sicher%0D%0Azweite Zeile: a,b\n"
    )
    hostile = Finding("a.toml", 1, "r", "x\n::error::fake\x1b[31m")
    out = render([hostile], "github", "0")
    assert out.count("\n") == 1 and "\x1b" not in out
    assert out.endswith("::x%0A::error::fake\\x1b[31m\n")


def test_github_paths_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = Finding(str(tmp_path / "vertraege" / "a.toml"), 1, "r", "m")
    assert "file=vertraege/a.toml," in render([inside], "github", "0")
    assert "file=" not in render([Finding("-", 1, "r", "m")], "github", "0")


def _sarif(findings: list[Finding]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(findings, "sarif", "9.8.7"))
    assert_valid_sarif(data)
    return data


def test_sarif_matches_the_sarif_schema() -> None:
    data = _sarif(SAMPLE)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tomwizard" and driver["version"] == "9.8.7"
    assert [r["id"] for r in driver["rules"]] == ["password-rotation", "file", "final-open"]
    assert driver["rules"][0]["shortDescription"]["text"] == SAMPLE[0].message
    assert driver["rules"][2]["helpUri"] == "https://example.org/r"
    first = run["results"][0]
    assert first["ruleId"] == "password-rotation" and first["ruleIndex"] == 0
    assert first["level"] == "warning"
    assert first["message"]["text"].endswith("(BSI IT-Grundschutz ORP.4.A23)")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "tom.toml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12}
    assert "region" not in run["results"][1]["locations"][0]["physicalLocation"]
    third = run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert third["uri"] == "sub%20dir/b.toml"
    assert run["results"][2]["level"] == "note"


def test_sarif_without_findings_and_with_descriptions(tmp_path: Path) -> None:
    assert _sarif([])["runs"][0]["results"] == []
    out = json.loads(render(SAMPLE[:1], "sarif", "1", descriptions={"password-rotation": "Kurz"}))
    assert out["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "Kurz"
    outside = _sarif([Finding("/elsewhere/x.toml", 2, "r", "m")])
    uri = outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"] == {"uri": "file:///elsewhere/x.toml"}


def test_sarif_schema_catches_a_broken_log() -> None:
    data = json.loads(render(SAMPLE, "sarif", "1"))
    data["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        assert_valid_sarif(data)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_ends_with_a_newline(fmt: str) -> None:
    out = render(SAMPLE, fmt, "0")  # type: ignore[arg-type]
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_findings_schema_has_the_projects_stable_id() -> None:
    from tomwizard.schema import SCHEMA_BASE_URL

    assert _schema(FINDINGS_SCHEMA)["$id"] == f"{SCHEMA_BASE_URL}/findings.schema.json"
