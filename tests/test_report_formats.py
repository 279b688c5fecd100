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
from tomwizard.report import FORMATS, Finding, RuleText, render

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


def _rules(findings: list[Finding], **options: Any) -> dict[str, dict[str, Any]]:
    data = json.loads(render(findings, "sarif", "1", **options))
    assert_valid_sarif(data)
    return {rule["id"]: rule for rule in data["runs"][0]["tool"]["driver"]["rules"]}


def test_sarif_describes_every_rule_in_full() -> None:
    """GitHub shows fullDescription and help with every alert: each rule has both, whether
    the command described it or not."""
    for rule in _rules(SAMPLE).values():
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    undescribed = _rules(SAMPLE)["password-rotation"]
    assert undescribed["fullDescription"]["text"] == SAMPLE[0].message
    assert undescribed["help"]["text"] == f"{SAMPLE[0].message} (BSI IT-Grundschutz ORP.4.A23)"


def test_sarif_check_rule_with_its_message_source_and_page() -> None:
    """A check rule described by its message (what ``check`` passes): the message, its
    source, its page and how a document silences it, in the command's language."""
    message = "Die Regeln für den Passwortwechsel sind veraltet."
    finding = Finding(
        "tom.toml", 3, "password-rotation", "gefüllt", "warning", "BSI ORP.4.A23", "https://x.de/ä"
    )
    rule = _rules([finding], descriptions={"password-rotation": message}, lang="de")[
        "password-rotation"
    ]
    assert rule["shortDescription"] == {"text": message}
    assert rule["fullDescription"] == {"text": message}
    assert rule["help"]["text"].splitlines() == [
        message,
        "",
        "Quelle: BSI ORP.4.A23",
        "Mehr dazu: https://x.de/%C3%A4",
        "Passt die Regel nicht zu einem Dokument, dort mit Begründung stummschalten: "
        '[silenced.password-rotation] reason = "…"',
    ]
    assert rule["helpUri"] == "https://x.de/%C3%A4"
    english = _rules([finding], descriptions={"password-rotation": "Outdated."}, lang="en")
    assert english["password-rotation"]["help"]["text"].startswith("Outdated.\n\nSource: BSI")


def test_sarif_rule_text_given_is_written_as_it_is() -> None:
    text = RuleText("Maßnahme entfernt", "Eine Maßnahme fehlt.", "Prüfen.")
    rule = _rules(
        [Finding("b.toml", 1, "measure-removed", "m", "note")],
        descriptions={"measure-removed": text},
    )["measure-removed"]
    assert (
        rule["shortDescription"]["text"],
        rule["fullDescription"]["text"],
        rule["help"]["text"],
    ) == ("Maßnahme entfernt", "Eine Maßnahme fehlt.", "Prüfen.")


@pytest.mark.parametrize(
    ("lang", "key_short", "key_full", "file_short", "help_start"),
    [
        (
            "de",
            "Befund bei document.status",
            "Ein Befund von tomwizard beim Schlüssel document.status der Antwortdatei",
            "Befund zur ganzen Antwortdatei",
            "Die Meldung nennt die Zeile und den Grund.",
        ),
        (
            "en",
            "Finding at document.status",
            "A finding of tomwizard at the key document.status of the answers file",
            "Finding about the whole answers file",
            "The message gives the line and the reason.",
        ),
    ],
)
def test_sarif_problem_pseudo_rules_in_general_words(
    lang: str, key_short: str, key_full: str, file_short: str, help_start: str
) -> None:
    """validate's rules are key paths (and ``file``): their title and description say what
    they group, not the first finding's message, which another file's finding would share."""
    problems = [
        Finding.from_problem(Problem("a.toml", 4, "document.status", "expected 'draft'")),
        Finding.from_problem(Problem("a.toml", None, "", "no such file")),
    ]
    rules = _rules(problems, lang=lang)
    key, whole = rules["document.status"], rules["file"]
    assert key["shortDescription"]["text"] == key_short
    assert key["fullDescription"]["text"].startswith(key_full)
    assert whole["shortDescription"]["text"] == file_short
    assert (
        key["help"]["text"].startswith(help_start) and "tomwizard validate" in key["help"]["text"]
    )
    assert whole["help"] == key["help"]
    for rule in rules.values():
        assert rule["fullDescription"]["text"].endswith(".")


def test_help_uri_is_a_uri_in_sarif_and_json_alike() -> None:
    """SARIF's helpUri must be a URI: what is not allowed in one is percent-encoded (a host
    with umlauts in IDNA), and JSON prints the same address."""
    iri = 'https://bücher.example/Maßnahme_"A" {1}|100%?q=ä#teil'
    uri = "https://xn--bcher-kva.example/Ma%C3%9Fnahme_%22A%22%20%7B1%7D%7C100%25?q=%C3%A4#teil"
    finding = Finding("a.toml", 1, "r", "m", help_uri=iri)
    assert _rules([finding])["r"]["helpUri"] == uri
    assert json.loads(render([finding], "json", "1"))[0]["help_uri"] == uri
    assert _rules([Finding("a.toml", 1, "r", "m", help_uri=uri)])["r"]["helpUri"] == uri
