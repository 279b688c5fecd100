"""Findings as a SARIF 2.1.0 log, the format GitHub code scanning (and other CI tools) import.

One run of the tool ``tomwizard``: its rules (every rule id that has a finding, each with a
short and a full description and help text, :mod:`tomwizard.report.rule_text`), and one result
per finding with its level, message and location. File paths are relative to the working
directory and marked with the base ``%SRCROOT%`` (the root of the checked-out repository, for
GitHub); a file outside it is given as an absolute ``file:`` URI.

A finding without a file — in standard input (``-``) or in none at all — is not a result but a
*tool execution notification* of the run (``invocations[0].toolExecutionNotifications``), with
its level, its rule, its message and the place the text format would print (``-:3: …``).
GitHub rejects a whole upload if one result has no location ("expected at least one
location"), and a location it cannot find in the repository is no better: a made-up path
(``stdin``) would become an alert on a file that does not exist, or on a file of that name
that has nothing to do with it, and it would come back with every upload. What came through a
pipe is not a file of the repository, so tomwizard invents no place for it; the notification
keeps the finding in the log, and the command's exit status still fails the CI step. Commands
that know a better place say so before they get here: ``diff`` places a change read from
standard input in the other, named file (:func:`tomwizard.changes.render.findings`). A file the
user named that does not exist keeps its name as its location: it is the path the workflow
names, stable from run to run, and the alert closes once the file is there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tomwizard.languages import Language
from tomwizard.report.finding import Finding, RuleText
from tomwizard.report.render import full_message, relative_path
from tomwizard.report.rule_text import FILE_RULE, check_rule_text, problem_rule_text
from tomwizard.report.uri import as_uri

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
NO_FILE = ("", "-")
"""The paths of findings that are in no file of the repository: none, and standard input."""


def sarif_log(
    findings: Sequence[Finding],
    tool_version: str,
    descriptions: Mapping[str, str | RuleText],
    lang: Language = "en",
) -> dict[str, Any]:
    """The SARIF log of ``findings`` as JSON-ready data; each rule described by
    :func:`rule_text`."""
    descriptors: dict[str, dict[str, Any]] = {}
    for finding in findings:
        rule_id = finding.rule or FILE_RULE
        if rule_id not in descriptors:
            text = rule_text(finding, descriptions.get(rule_id), lang)
            descriptors[rule_id] = _descriptor(rule_id, finding, text)
    index = {rule_id: position for position, rule_id in enumerate(descriptors)}
    driver: dict[str, Any] = {"name": "tomwizard", "version": tool_version}
    if uri := information_uri():
        driver["informationUri"] = uri
    driver["rules"] = list(descriptors.values())
    results = []
    notifications = []
    for finding in findings:
        rule_id = finding.rule or FILE_RULE
        if finding.path in NO_FILE:
            notifications.append(_notification(finding, rule_id, index[rule_id]))
        else:
            results.append(_result(finding, rule_id, index[rule_id]))
    run: dict[str, Any] = {"tool": {"driver": driver}, "results": results}
    run["invocations"] = [
        {"executionSuccessful": True, "toolExecutionNotifications": notifications}
    ]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def rule_text(first: Finding, description: str | RuleText | None, lang: Language) -> RuleText:
    """What to say about the rule of ``first`` (its first finding), in ``lang``: the
    ``description`` the command gave, as it is if it is a :class:`RuleText`; a plain string
    is a check rule's message, described with the finding's source and help page
    (:func:`~tomwizard.report.rule_text.check_rule_text`). Without one, a file problem's
    pseudo-rule (its rule is its key, or none) is described in general words, and any other
    rule by the finding's own message and source."""
    if isinstance(description, RuleText):
        return description
    if description:
        return check_rule_text(first.rule, description, first.source, first.help_uri, lang)
    if not first.rule or first.rule == first.key:
        return problem_rule_text(first.rule, lang)
    return RuleText(first.message, first.message, full_message(first))


def _descriptor(rule_id: str, first: Finding, text: RuleText) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": text.short or rule_id},
        "fullDescription": {"text": text.full or text.short or rule_id},
        "help": {"text": text.help or text.full or text.short or rule_id},
        "defaultConfiguration": {"level": first.severity},
    }
    if first.help_uri:
        rule["helpUri"] = as_uri(first.help_uri)
    if first.source:
        rule["properties"] = {"source": first.source}
    return rule


def _result(finding: Finding, rule_id: str, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.path)}
    if finding.line is not None:
        physical["region"] = {"startLine": max(finding.line, 1)}
    return {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": finding.severity,
        "message": {"text": full_message(finding)},
        "locations": [{"physicalLocation": physical}],
    }


def _notification(finding: Finding, rule_id: str, rule_index: int) -> dict[str, Any]:
    """A finding in no file: its message with the place and rule in front, as a text line
    has them (``-:3: key: message``; the level is a property of its own), and where it was
    as properties, for programs."""
    where: dict[str, Any] = {"file": finding.path}
    place = finding.path
    if finding.line is not None:
        where["line"] = finding.line
        place = f"{finding.path}:{finding.line}"
    if finding.key:
        where["key"] = finding.key
    text = ": ".join(part for part in (place, finding.rule, full_message(finding)) if part)
    return {
        "level": finding.severity,
        "message": {"text": text},
        "associatedRule": {"id": rule_id, "index": rule_index},
        "properties": where,
    }


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
