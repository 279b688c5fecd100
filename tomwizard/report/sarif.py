"""Findings as a SARIF 2.1.0 log, the format GitHub code scanning (and other CI tools) import.

One run of the tool ``tomwizard``: its rules (every rule id that has a finding, with a short
description), and one result per finding with its level, message and location. File paths
are relative to the working directory and marked with the base ``%SRCROOT%`` (the root of the
checked-out repository, for GitHub); a file outside it is given as an absolute ``file:`` URI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tomwizard.report.finding import Finding
from tomwizard.report.render import full_message, relative_path

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
_FALLBACK_RULE = "file"
"""The rule id of a finding about a whole file (a problem without a key)."""


def sarif_log(
    findings: Sequence[Finding], tool_version: str, descriptions: Mapping[str, str]
) -> dict[str, Any]:
    """The SARIF log of ``findings`` as JSON-ready data."""
    rules: dict[str, dict[str, Any]] = {}
    for finding in findings:
        rule_id = finding.rule or _FALLBACK_RULE
        if rule_id not in rules:
            rules[rule_id] = _rule(rule_id, finding, descriptions.get(rule_id))
    index = {rule_id: position for position, rule_id in enumerate(rules)}
    driver: dict[str, Any] = {"name": "tomwizard", "version": tool_version}
    if uri := information_uri():
        driver["informationUri"] = uri
    driver["rules"] = list(rules.values())
    results = [_result(f, index[f.rule or _FALLBACK_RULE]) for f in findings]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def _rule(rule_id: str, first: Finding, description: str | None) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": description or first.message},
        "defaultConfiguration": {"level": first.severity},
    }
    if first.help_uri:
        rule["helpUri"] = first.help_uri
    if first.source:
        rule["properties"] = {"source": first.source}
    return rule


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule or _FALLBACK_RULE,
        "ruleIndex": rule_index,
        "level": finding.severity,
        "message": {"text": full_message(finding)},
    }
    if finding.path not in ("", "-"):
        physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.path)}
        if finding.line is not None:
            physical["region"] = {"startLine": max(finding.line, 1)}
        result["locations"] = [{"physicalLocation": physical}]
    return result


def artifact_location(path: str) -> dict[str, str]:
    """Where ``path`` is: a URI relative to ``%SRCROOT%`` (the working directory), or an
    absolute ``file:`` URI for a file outside it."""
    relative = relative_path(path)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


@cache
def information_uri() -> str | None:
    """tomwizard's home page from the installed package's metadata, or None (SARIF's
    ``informationUri`` is left out rather than guessed)."""
    from importlib import metadata

    try:
        meta = metadata.metadata("tomwizard")
    except metadata.PackageNotFoundError:
        return None
    for entry in [*(meta.get_all("Project-URL") or []), *(meta.get_all("Home-page") or [])]:
        url = str(entry).rpartition(",")[2].strip()
        if url.startswith("https://"):
            return url
    return None
