"""The project's own SARIF 2.1.0 schema (tests/fixtures/sarif-2.1.0-subset.schema.json) and the
checks beside it (tests/sarif_log.py): they take what tomwizard writes and every optional part
of the subset, and they reject what SARIF or GitHub code scanning would not take. Were they
lax, every ``--format sarif`` test would prove nothing."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sarif_log import SARIF_SCHEMA, assert_valid_sarif, sarif_problems

from tomwizard.report import Finding, render

Log = dict[str, Any]

SAMPLE = [
    Finding("tom.toml", 12, "password-rotation", "Passwörter", "warning", "BSI ORP.4.A23"),
    Finding("tom.toml", None, "", "no such file"),
    Finding("sub dir/b.toml", 3, "final-open", "offen", "note", help_uri="https://example.org/r"),
    Finding("/elsewhere/x.toml", 2, "final-open", "offen", "note"),
    Finding("-", 4, "document.status", "falsch", key="document.status"),
]


def _log() -> Log:
    data: Log = json.loads(render(SAMPLE, "sarif", "1.2.3"))
    return data


def _result(log: Log, n: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = log["runs"][0]["results"][n]
    return result


def _artifact(log: Log, n: int = 0) -> dict[str, Any]:
    location: dict[str, Any] = _result(log, n)["locations"][0]["physicalLocation"]
    return location


def test_the_schema_is_the_projects_own_and_valid() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "project's own" in schema["description"]
    assert "not the official OASIS schema" in schema["description"]
    assert "$id" not in schema  # nothing claims to be a published schema


def test_tomwizards_log_and_every_optional_part_of_the_subset_pass() -> None:
    log = _log()
    assert_valid_sarif(log)
    run = log["runs"][0]
    run["originalUriBaseIds"] = {
        "PROJECTROOT": {"uri": "file:///srv/repo/", "description": {"text": "root"}},
        "%SRCROOT%": {"uri": "src/", "uriBaseId": "PROJECTROOT"},
    }
    run["columnKind"] = "unicodeCodePoints"
    run["properties"] = {"tags": ["tom"], "anything": {"goes": [1, None]}}
    driver = run["tool"]["driver"]
    driver["semanticVersion"] = "1.2.3-rc.1+build.5"
    driver["informationUri"] = "https://example.org/tomwizard"
    rule = driver["rules"][0]
    rule["fullDescription"] = {"text": "lang", "markdown": "**lang**"}
    rule["help"] = {"text": "Hilfe"}
    invocation = run["invocations"][0]
    invocation["exitCode"] = 1
    invocation["toolConfigurationNotifications"] = [{"message": {"text": "x"}}]
    note = invocation["toolExecutionNotifications"][0]
    note["locations"] = copy.deepcopy(_result(log)["locations"])
    note["associatedRule"] = {"index": 0}
    result = _result(log)
    result["kind"] = "fail"
    _artifact(log)["region"] = {"startLine": 3, "startColumn": 1, "endLine": 4, "endColumn": 2}
    assert_valid_sarif(log)
    _result(log, 1)["level"] = "none"
    _result(log, 1)["kind"] = "informational"
    assert_valid_sarif(log)


def _set(path: str, value: Any) -> Callable[[Log], None]:
    """A change of the log: the value at ``path`` (dotted; numbers index arrays) set, or
    removed when ``value`` is ``...``."""

    def change(log: Log) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = log
        for part in parents:
            node = node[part]
        if value is ...:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)

    return change


RESULT = "runs.0.results.0"
DRIVER = "runs.0.tool.driver"
NOTE = "runs.0.invocations.0.toolExecutionNotifications.0"
ARTIFACT = f"{RESULT}.locations.0.physicalLocation.artifactLocation"
REGION = f"{RESULT}.locations.0.physicalLocation.region"

BROKEN: dict[str, Callable[[Log], None]] = {
    "another version": _set("version", "2.1"),
    "no $schema": _set("$schema", ...),
    "$schema not a URI": _set("$schema", "sarif 2.1.0"),
    "no run": _set("runs", []),
    "a property SARIF does not have": _set("runz", []),
    "no results": _set("runs.0.results", ...),
    "driver without a name": _set(f"{DRIVER}.name", ...),
    "driver with an empty name": _set(f"{DRIVER}.name", ""),
    "driver without rules": _set(f"{DRIVER}.rules", ...),
    "semanticVersion not SemVer": _set(f"{DRIVER}.semanticVersion", "1.2"),
    "informationUri relative": _set(f"{DRIVER}.informationUri", "www.example.org"),
    "rule without id": _set(f"{DRIVER}.rules.0.id", ...),
    "rule without shortDescription": _set(f"{DRIVER}.rules.0.shortDescription", ...),
    "shortDescription without text": _set(f"{DRIVER}.rules.0.shortDescription", {}),
    "helpUri with a space": _set(f"{DRIVER}.rules.0.helpUri", "https://example.org/a b"),
    "default level none (GitHub)": _set(f"{DRIVER}.rules.0.defaultConfiguration.level", "none"),
    "level fatal": _set(f"{RESULT}.level", "fatal"),
    "kind unknown": _set(f"{RESULT}.kind", "problem"),
    "kind pass with level warning": _set(f"{RESULT}.kind", "pass"),
    "misspelt ruleid": _set(f"{RESULT}.ruleid", "x"),
    "no ruleId": _set(f"{RESULT}.ruleId", ...),
    "ruleIndex -1": _set(f"{RESULT}.ruleIndex", -1),
    "ruleIndex not an integer": _set(f"{RESULT}.ruleIndex", 0.5),
    "no message": _set(f"{RESULT}.message", ...),
    "message without text": _set(f"{RESULT}.message", {"id": "m"}),
    "message with empty text": _set(f"{RESULT}.message.text", ""),
    "no locations (GitHub)": _set(f"{RESULT}.locations", ...),
    "empty locations (GitHub)": _set(f"{RESULT}.locations", []),
    "location without physicalLocation": _set(f"{RESULT}.locations.0", {}),
    "artifactLocation without uri": _set(f"{ARTIFACT}.uri", ...),
    "uri with a space": _set(f"{ARTIFACT}.uri", "sub dir/b.toml"),
    "uri with a final newline": _set(f"{ARTIFACT}.uri", "tom.toml\n"),
    "uri with a control code": _set(f"{ARTIFACT}.uri", "tom\x1b[31m.toml"),
    "uri not ASCII": _set(f"{ARTIFACT}.uri", "maßnahmen.toml"),
    "uri with a broken escape": _set(f"{ARTIFACT}.uri", "tom%2.toml"),
    "absolute uri with uriBaseId": _set(f"{ARTIFACT}.uri", "file:///srv/tom.toml"),
    "startLine 0": _set(f"{REGION}.startLine", 0),
    "startColumn 0": _set(f"{REGION}.startColumn", 0),
    "region without startLine": _set(REGION, {"startColumn": 2}),
    "region with charOffset": _set(f"{REGION}.charOffset", 4),
    "columnKind unknown": _set("runs.0.columnKind", "bytes"),
    "tags twice": _set("runs.0.properties", {"tags": ["a", "a"]}),
    "base uri without final slash": _set("runs.0.originalUriBaseIds", {"R": {"uri": "file:///s"}}),
    "relative base uri without base": _set("runs.0.originalUriBaseIds", {"R": {"uri": "s/"}}),
    "absolute base uri with base": _set(
        "runs.0.originalUriBaseIds", {"R": {"uri": "file:///s/", "uriBaseId": "P"}}
    ),
    "base uri with ..": _set(
        "runs.0.originalUriBaseIds", {"R": {"uri": "../s/", "uriBaseId": "P"}}
    ),
    "fullDescription without text": _set(f"{DRIVER}.rules.0.fullDescription", {}),
    "fullDescription with empty text": _set(f"{DRIVER}.rules.0.fullDescription.text", ""),
    "help without text": _set(f"{DRIVER}.rules.0.help", {"markdown": "x"}),
    "help not an object": _set(f"{DRIVER}.rules.0.help", "Hilfe"),
    "invocation without executionSuccessful": _set("runs.0.invocations.0.executionSuccessful", ...),
    "executionSuccessful not boolean": _set("runs.0.invocations.0.executionSuccessful", "true"),
    "invocations not an array": _set("runs.0.invocations", {"executionSuccessful": True}),
    "notification without message": _set(f"{NOTE}.message", ...),
    "notification with empty message": _set(f"{NOTE}.message.text", ""),
    "notification level fatal": _set(f"{NOTE}.level", "fatal"),
    "notification with a misspelt property": _set(f"{NOTE}.rule", "file"),
    "associatedRule empty": _set(f"{NOTE}.associatedRule", {}),
    "associatedRule index -1": _set(f"{NOTE}.associatedRule.index", -1),
    "associatedRule with empty id": _set(f"{NOTE}.associatedRule.id", ""),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_the_schema_rejects(change: Callable[[Log], None]) -> None:
    log = _log()
    change(log)
    with pytest.raises(jsonschema.ValidationError):
        assert_valid_sarif(log)


UNLINKED: dict[str, tuple[Callable[[Log], None], str]] = {
    "ruleId of no rule": (
        _set(f"{RESULT}.ruleId", "elsewhere"),
        "runs[0].results[0].ruleId 'elsewhere' is not among the driver's rules",
    ),
    "ruleIndex at another rule": (
        _set(f"{RESULT}.ruleIndex", 1),
        "runs[0].results[0].ruleIndex 1 does not point at rule 'password-rotation'",
    ),
    "ruleIndex past the rules": (
        _set(f"{RESULT}.ruleIndex", 3),
        "runs[0].results[0].ruleIndex 3 does not point at rule 'password-rotation'",
    ),
    "a rule id twice": (
        _set(f"{DRIVER}.rules.1.id", "password-rotation"),
        "runs[0].tool.driver.rules: id 'password-rotation' more than once",
    ),
    "region ending on an earlier line": (
        _set(REGION, {"startLine": 5, "endLine": 4}),
        "runs[0].results[0].locations[0]: the region ends before it starts",
    ),
    "region ending in an earlier column": (
        _set(REGION, {"startLine": 5, "startColumn": 9, "endColumn": 3}),
        "runs[0].results[0].locations[0]: the region ends before it starts",
    ),
    "notification of no rule": (
        _set(f"{NOTE}.associatedRule", {"id": "elsewhere"}),
        "runs[0].invocations[0].toolExecutionNotifications[0].associatedRule 'elsewhere' is "
        "not among the driver's rules",
    ),
    "notification index at another rule": (
        _set(f"{NOTE}.associatedRule.index", 0),
        "runs[0].invocations[0].toolExecutionNotifications[0].associatedRule index 0 does "
        "not point at rule 'document.status'",
    ),
    "notification index past the rules": (
        _set(f"{NOTE}.associatedRule", {"index": 9}),
        "runs[0].invocations[0].toolExecutionNotifications[0].associatedRule index 9 does "
        "not point at rule None",
    ),
}


@pytest.mark.parametrize(("change", "problem"), UNLINKED.values(), ids=UNLINKED.keys())
def test_the_links_a_schema_cannot_check(change: Callable[[Log], None], problem: str) -> None:
    log = _log()
    change(log)
    jsonschema.Draft202012Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    assert problem in sarif_problems(log)
    with pytest.raises(AssertionError, match=re.escape(problem)):
        assert_valid_sarif(log)


_PATH_PART = st.text(
    st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12
).filter(lambda part: part not in (".", "..", "-"))


@st.composite
def _findings(draw: st.DrawFn) -> list[Finding]:
    count = draw(st.integers(min_value=0, max_value=6))
    findings = []
    for _ in range(count):
        parts = draw(st.lists(_PATH_PART, min_size=1, max_size=3))
        path = ("/" if draw(st.booleans()) else "") + "/".join(parts)
        rule = draw(st.sampled_from(["", "password-rotation", "categories.a.b", "r/ü x"]))
        findings.append(
            Finding(
                draw(st.sampled_from([path, path, path, "-", ""])),
                draw(st.none() | st.integers(min_value=0, max_value=10**7)),
                rule,
                draw(st.text(min_size=1, max_size=40)),
                draw(st.sampled_from(["error", "warning", "note"])),
                draw(st.sampled_from(["", "BSI IT-Grundschutz ORP.4.A23"])),
                draw(_HELP_URIS),
                draw(st.sampled_from(["", rule])),
            )
        )
    return findings


_HELP_URIS = st.sampled_from(
    ["", "https://example.org/regel?x=1#a", 'https://wiki.example.org/Maßnahme_"A" {x}|100%']
) | st.text(min_size=1, max_size=30).map(lambda tail: f"https://bücher.example/{tail}")


@settings(max_examples=150, deadline=None)
@given(findings=_findings())
def test_every_log_tomwizard_writes_passes(findings: list[Finding]) -> None:
    """Whatever the files are called (spaces, colons, umlauts, control codes, outside the
    working directory, standard input, none), whatever the messages say and however the help
    pages are written, the log is valid and linked, every rule is described in full, and
    every finding is in it: a result if it has a file, else a notification."""
    log = json.loads(render(findings, "sarif", "0.1.0"))
    assert_valid_sarif(log)
    run = log["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(run["results"]) == sum(f.path not in ("", "-") for f in findings)
    assert len(notes) == sum(f.path in ("", "-") for f in findings)
    assert [n["level"] for n in notes] == [f.severity for f in findings if f.path in ("", "-")]


def test_a_finding_in_standard_input_is_a_notification_not_a_result() -> None:
    """GitHub rejects a result without a location, and standard input is no file of the
    repository: the finding is a tool execution notification of the run, with its level, its
    rule, its line as the text format prints it and where it was, for programs."""
    findings = [
        Finding("-", 3, "categories.a.b", "falsch", "warning", key="categories.a.b"),
        Finding("", None, "", "nichts zu lesen"),
        Finding("tom.toml", 5, "categories.a.b", "auch falsch", key="categories.a.b"),
    ]
    log = json.loads(render(findings, "sarif", "0.1.0"))
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert [r["message"]["text"] for r in run["results"]] == ["auch falsch"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["categories.a.b", "file"]
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "warning",
                    "message": {"text": "-:3: categories.a.b: falsch"},
                    "associatedRule": {"id": "categories.a.b", "index": 0},
                    "properties": {"file": "-", "line": 3, "key": "categories.a.b"},
                },
                {
                    "level": "error",
                    "message": {"text": "nichts zu lesen"},
                    "associatedRule": {"id": "file", "index": 1},
                    "properties": {"file": ""},
                },
            ],
        }
    ]


def test_a_log_without_such_findings_has_no_notifications() -> None:
    log = json.loads(render(SAMPLE[:4], "sarif", "0.1.0"))
    assert log["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}
    ]
    assert len(log["runs"][0]["results"]) == 4
