"""The :class:`Finding`: one thing a command reports about a file, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tomwizard.problems import Problem

FindingSeverity = Literal["error", "warning", "note"]
"""SARIF's levels; GitHub calls ``note`` ``notice`` (so does :class:`Problem`)."""
ReportFormat = Literal["text", "json", "github", "sarif"]
FORMATS: tuple[ReportFormat, ...] = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class Finding:
    """One finding in one file.

    ``rule`` identifies what was found: a check rule's id (``password-rotation``) or, for the
    problems of ``validate``, the dotted key path the problem is at. CI tools group results by
    it, so it must not contain the message's variable parts.
    """

    path: str
    """The file as the user named it (``-`` for standard input)."""
    line: int | None
    """1-based line, if known."""
    rule: str
    """A rule id or a key path (see above); ``""`` when the finding concerns the whole file."""
    message: str
    """What was found, in plain words (one language, chosen by the command)."""
    severity: FindingSeverity = "error"
    source: str = ""
    """Where the rule comes from (``BSI IT-Grundschutz ORP.4.A23``), or ``""``."""
    help_uri: str = ""
    """A page explaining the rule, or ``""``."""
    key: str = ""
    """The dotted key path in the file the finding points at, if any (``rule`` may be one)."""

    @classmethod
    def from_problem(cls, problem: Problem) -> Finding:
        """A file problem as a finding: its key path is its rule and its key."""
        severity: FindingSeverity = "note" if problem.severity == "notice" else problem.severity
        return cls(
            problem.file, problem.line, problem.key, problem.message, severity, key=problem.key
        )


@dataclass(frozen=True)
class RuleText:
    """What a report says about a rule as such, apart from any one finding: SARIF's
    ``shortDescription``, ``fullDescription`` and ``help`` (GitHub code scanning shows the first
    two at the top of an alert and the third below it). In the command's language."""

    short: str
    """A few words: the alert's title (a check rule's message, "Maßnahme entfernt")."""
    full: str
    """The rule in one or a few sentences."""
    help: str
    """What the rule is based on and what to do about a finding (plain text)."""
