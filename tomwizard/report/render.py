"""Findings as text, JSON and GitHub workflow commands (SARIF is in :mod:`.sarif`).

Every format is one string ending in a newline (or empty without findings). What a user or a
file wrote — a message naming a label, a file name — is data: control characters never reach
the terminal or the CI log raw, in any format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tomwizard.languages import Language
from tomwizard.problems import severity_word
from tomwizard.report.finding import Finding, ReportFormat, RuleText
from tomwizard.report.uri import as_uri

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control codes, and the bidirectional controls that reorder what a line shows."""
_UNSAFE_KEEPING_NEWLINES = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control code written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), so that it shows what it contains and one finding stays one line."""
    pattern = _UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def render(
    findings: Sequence[Finding],
    fmt: ReportFormat,
    tool_version: str,
    *,
    descriptions: Mapping[str, str | RuleText] | None = None,
    lang: Language = "en",
) -> str:
    """``findings`` in format ``fmt``. ``tool_version`` is tomwizard's (SARIF names it).
    ``lang`` is the language of the severity words of the text format (the other formats are
    read by programs: their severities are ids, never translated) and of what SARIF says about
    rules; ``descriptions`` describes rule ids for SARIF: a :class:`RuleText`, or a check
    rule's message (see :func:`tomwizard.report.sarif.rule_text`, also for a rule it does not
    name)."""
    if fmt == "text":
        return "".join(text_line(f, lang) + "\n" for f in findings)
    if fmt == "json":
        return _json(findings)
    if fmt == "github":
        return "".join(github_line(f) + "\n" for f in findings)
    if fmt == "sarif":
        from tomwizard.report.sarif import sarif_log

        return _dumps(sarif_log(findings, tool_version, descriptions or {}, lang))
    raise ValueError(f"unknown report format {fmt!r}")


def full_message(finding: Finding) -> str:
    """The message with its source in parentheses, as every format prints it."""
    return f"{finding.message} ({finding.source})" if finding.source else finding.message


def text_line(finding: Finding, lang: Language) -> str:
    """``FILE:LINE: id: [warning: ]message (source)``, the severity word in ``lang`` — for a
    finding made from a :class:`~tomwizard.problems.Problem`, exactly the problem's own line."""
    parts = [finding.path if finding.line is None else f"{finding.path}:{finding.line}"]
    if finding.rule:
        parts.append(finding.rule)
    severity = "notice" if finding.severity == "note" else finding.severity
    if word := severity_word(severity, lang):
        parts.append(word)
    parts.append(full_message(finding))
    return printable(": ".join(parts))


def json_items(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The findings as the JSON format lists them (``docs/schema/findings.schema.json``); a
    help page as a URI, as SARIF writes it (a rule's is one already: the rule model stores
    it so)."""
    return [
        {
            "file": f.path,
            "line": f.line,
            "rule": f.rule,
            "severity": f.severity,
            "message": f.message,
            "source": f.source or None,
            "help_uri": as_uri(f.help_uri) if f.help_uri else None,
            "key": f.key or None,
        }
        for f in findings
    ]


def _json(findings: Sequence[Finding]) -> str:
    return _dumps(json_items(findings))


def _dumps(data: object) -> str:
    """JSON in UTF-8 with umlauts as they are; control codes escaped, including DEL and the
    C1 codes, which :func:`json.dumps` would leave raw."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command that annotates the file:
    ``::warning file=tom.toml,line=12,title=rule-id::message (source)``."""
    level = {"error": "error", "warning": "warning", "note": "notice"}[finding.severity]
    properties = []
    if finding.path not in ("", "-"):
        properties.append(f"file={_property(relative_path(finding.path))}")
    if finding.line is not None:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_property(finding.rule or 'tomwizard')}")
    message = _data(printable(full_message(finding), keep_newlines=True))
    return f"::{level} {','.join(properties)}::{message}"


def _data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR and LF), as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value: as its message, plus ``:`` and ``,``."""
    return _data(printable(text, keep_newlines=True)).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str) -> str:
    """``path`` relative to the working directory (where CI checks the repository out), in
    ``/`` form; an absolute path elsewhere stays absolute."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()
