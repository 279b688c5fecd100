"""A rule's ``help_uri``: written as people write addresses (umlauts, quotes), stored as the URI a
browser would make of it, so that SARIF's ``helpUri`` is a URI and every format prints the
same address; an address without a host is a problem of the rule file (``FILE:LINE``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from sarif_log import assert_valid_sarif

from tomwizard.cli import main
from tomwizard.locations import shipped_questions_dir
from tomwizard.report.uri import as_uri
from tomwizard.rules.model import Rule

MESSAGE = {"de": "Keine Bildschirmsperre.", "en": "No screen lock."}
IRI = 'https://wiki.example.org/Maßnahme_"A"'
URI = "https://wiki.example.org/Ma%C3%9Fnahme_%22A%22"


def _rule(help_uri: str) -> Rule:
    return Rule.model_validate({"id": "r", "message": MESSAGE, "help_uri": help_uri})


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("", ""),
        ("https://example.org/regel?x=1&y=2#teil", "https://example.org/regel?x=1&y=2#teil"),
        (IRI, URI),
        (URI, URI),
        ("https://example.org/100%", "https://example.org/100%25"),
        ("https://example.org/a{b}|c^`<>\\", "https://example.org/a%7Bb%7D%7Cc%5E%60%3C%3E%5C"),
        ("https://bücher.example:8443/ä", "https://xn--bcher-kva.example:8443/%C3%A4"),
        ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
        ("https://example.org/a#b#c", "https://example.org/a#b%23c"),
    ],
)
def test_help_uri_is_stored_as_a_uri(written: str, stored: str) -> None:
    assert _rule(written).help_uri == stored
    assert as_uri(stored) == stored  # encoding twice changes nothing


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("https://", "String should match pattern"),
        ("https:///pfad", "is not a web address"),
        ("https://:80/x", "is not a web address"),
        ("http://example.org/x", "String should match pattern"),
        ("https://example.org/a b", "String should match pattern"),
        ("https://example.org/\x1b[31m", "one line without control characters"),
    ],
)
def test_help_uri_without_a_host_is_refused(written: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why.replace("(", r"\(")):
        _rule(written)


def _rule_folder(tmp_path: Path, help_uri: str) -> Path:
    folder = tmp_path / "katalog"
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    (folder / "rules" / "haus.toml").write_text(
        "[[rule]]\n"
        'id = "no-screen-lock"\n'
        'source = "Hausregel 7"\n'
        f"help_uri = '{help_uri}'\n"
        'message.de = "Keine automatische Bildschirmsperre angegeben."\n'
        'message.en = "No automatic screen lock stated."\n'
        'when = [{ measure = "zugangskontrolle.bildschirmsperre", status_not = "implemented" }]\n',
        encoding="utf-8",
    )
    return folder


def test_every_format_prints_the_same_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--list-rules, the JSON findings and SARIF (helpUri and the help text) agree."""
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))
    folder = _rule_folder(tmp_path, IRI)
    tom = tmp_path / "tom.toml"
    tom.write_text('schema_version = 1\n\n[catalogue]\nid = "tomwizard"\nversion = "2.0.0"\n')
    common = ["check", "--catalogue", str(folder), "--lang", "en"]

    assert main([*common, "--list-rules", "--format", "json"]) == 0
    (listed,) = [r for r in json.loads(capsys.readouterr().out) if r["id"] == "no-screen-lock"]
    assert listed["help_uri"] == URI

    assert main([*common, "--format", "json", str(tom)]) == 1
    (found,) = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "no-screen-lock"]
    assert found["help_uri"] == URI

    assert main([*common, "--format", "sarif", str(tom)]) == 1
    log = json.loads(capsys.readouterr().out)
    assert_valid_sarif(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["no-screen-lock"]
    assert rule["helpUri"] == URI
    assert f"\nMore: {URI}\n" in rule["help"]["text"]
    assert rule["fullDescription"]["text"] == "No automatic screen lock stated."


def test_a_rule_file_with_a_hostless_address_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))
    folder = _rule_folder(tmp_path, "https://:443/Regel")
    assert main(["check", "--catalogue", str(folder), "--list-rules"]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'rules' / 'haus.toml'}:4: rule[0].help_uri: " in err
    assert "'https://:443/Regel' is not a web address: use https://HOST/PATH" in err
