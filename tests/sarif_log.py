"""Checks of a SARIF 2.1.0 log as tomwizard writes it, for every test of ``--format sarif``.

The schema, ``tests/fixtures/sarif-2.1.0-subset.schema.json``, is the project's own, written
from the SARIF 2.1.0 standard: the project commits no content fetched from public
repositories, so the official OASIS schema is not vendored. It covers what tomwizard writes
and what GitHub code scanning needs. What a JSON schema cannot express — rules that link one
part of a log to another — :func:`sarif_problems` checks; :func:`assert_valid_sarif` does both.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-2.1.0-subset.schema.json"


@functools.cache
def sarif_validator() -> Draft202012Validator:
    """The schema's validator (with the format checks the jsonschema package has); the schema
    itself is checked against draft 2020-12 first, so a broken schema fails loudly."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def sarif_problems(log: Any) -> list[str]:
    """What is wrong with a schema-valid ``log`` beyond its schema, one line each: a rule id
    twice in a driver's rules, a result whose ruleId is not among them or whose ruleIndex
    points at another rule (SARIF §3.27.5, §3.27.6), a notification's associatedRule that is
    not among them or whose index points at another (§3.53), a region ending before it
    starts."""
    problems: list[str] = []
    for r, run in enumerate(log["runs"]):
        rules = run["tool"]["driver"]["rules"]
        ids = [rule["id"] for rule in rules]
        problems += [
            f"runs[{r}].tool.driver.rules: id {rule_id!r} more than once"
            for rule_id in sorted({i for i in ids if ids.count(i) > 1})
        ]
        for n, result in enumerate(run["results"]):
            where = f"runs[{r}].results[{n}]"
            rule_id = result["ruleId"]
            if rule_id not in ids:
                problems.append(f"{where}.ruleId {rule_id!r} is not among the driver's rules")
            index = result.get("ruleIndex")
            if index is not None and (index >= len(rules) or rules[index]["id"] != rule_id):
                problems.append(f"{where}.ruleIndex {index} does not point at rule {rule_id!r}")
            for k, location in enumerate(result["locations"]):
                region = location["physicalLocation"].get("region")
                if region is not None and not _ordered(region):
                    problems.append(f"{where}.locations[{k}]: the region ends before it starts")
        for i, invocation in enumerate(run.get("invocations", [])):
            for n, note in enumerate(invocation.get("toolExecutionNotifications", [])):
                where = f"runs[{r}].invocations[{i}].toolExecutionNotifications[{n}]"
                problems += _reference_problems(where, note.get("associatedRule"), ids)
    return problems


def _reference_problems(where: str, reference: Any, ids: list[str]) -> list[str]:
    """A reportingDescriptorReference (§3.53) that names no rule of ``ids``, or whose id and
    index disagree."""
    if reference is None:
        return []
    rule_id, index = reference.get("id"), reference.get("index")
    if rule_id is not None and rule_id not in ids:
        return [f"{where}.associatedRule {rule_id!r} is not among the driver's rules"]
    if index is not None and (index >= len(ids) or (rule_id and ids[index] != rule_id)):
        return [f"{where}.associatedRule index {index} does not point at rule {rule_id!r}"]
    return []


def _ordered(region: dict[str, int]) -> bool:
    """The region's end is not before its start (§3.30: endLine defaults to startLine;
    endColumn is the column after the last character, so an empty region has it equal)."""
    start_line = region["startLine"]
    end_line = region.get("endLine", start_line)
    if end_line != start_line:
        return end_line > start_line
    if "startColumn" in region and "endColumn" in region:
        return region["endColumn"] >= region["startColumn"]
    return True


def assert_valid_sarif(log: Any) -> None:
    """``log`` is valid against the schema (else :class:`jsonschema.ValidationError`) and has
    none of :func:`sarif_problems`."""
    sarif_validator().validate(log)
    problems = sarif_problems(log)
    assert not problems, "\n".join(problems)
