"""The changes as text, JSON, Markdown and CI findings (GitHub annotations, SARIF).

Text is for a terminal: a line per change under the heading of its section (``+`` added, ``-``
removed, ``~`` changed), like a unified diff's header and markers; nothing for two equal files.
JSON lists every change with its ids, key path and line, old and new value (dates as ISO
strings) and its words. Markdown is for a merge request or an e-mail. Findings put one note per
change on its line in NEW (in OLD for something removed; in the other file for a version read
from standard input), through :mod:`tomwizard.report`.

User text never reaches a terminal or a CI log as control codes, nor Markdown as markup.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tomwizard.answers.model import AnswersDocument
from tomwizard.changes.labels import count, field_label, kind_of_change
from tomwizard.changes.model import Change
from tomwizard.changes.words import Described, Wording
from tomwizard.export.formatting import format_date
from tomwizard.report import Finding, RuleText
from tomwizard.report.render import printable
from tomwizard.report.rule_text import change_rule_text
from tomwizard.tomlread.spans import TomlSpans

MARKERS = {"added": "+", "removed": "-", "changed": "~"}


@dataclass(frozen=True)
class Side:
    """One of the two files compared: its name as shown, its document and its key lines."""

    name: str
    """The file as the user named it; ``<stdin>`` for standard input."""
    document: AnswersDocument
    spans: TomlSpans | None = None

    def line(self, change: Change) -> int | None:
        return None if self.spans is None else self.spans.line_of(change.path)


@dataclass(frozen=True)
class Compared:
    """Two files, their changes and the words for them."""

    old: Side
    new: Side
    changes: Sequence[Change]
    wording: Wording

    def side(self, change: Change) -> Side:
        """Where ``change`` is: NEW, or OLD for something removed."""
        return self.old if change.action == "removed" else self.new

    def described(self) -> Iterator[tuple[Change, Described]]:
        for change in self.changes:
            yield change, self.wording.describe(change)

    def title(self, side: Side) -> str:
        """``name (Version 1.1, 15.04.2025)``."""
        lang = self.wording.lang
        details = side.document.document
        about = [f"{field_label('version', lang)} {details.version}"]
        if details.date is not None:
            about.append(format_date(details.date, lang))
        return f"{side.name} ({', '.join(about)})"


def _safe(text: str, indent: str = "") -> str:
    """``text`` for a terminal: control codes escaped, a line break continued at ``indent``."""
    return printable(text, keep_newlines=True).replace("\n", "\n" + indent)


def render_text(compared: Compared) -> str:
    """The changes for a terminal; empty when there are none."""
    if not compared.changes:
        return ""
    lines = [
        f"--- {_safe(compared.title(compared.old))}",
        f"+++ {_safe(compared.title(compared.new))}",
    ]
    section = None
    for change, described in compared.described():
        if described.section != section:
            section = described.section
            lines.extend(["", _safe(described.heading)])
        lines.append(f"  {MARKERS[change.action]} {_safe(described.line, '      ')}")
    lines.extend(["", count(len(compared.changes), compared.wording.lang)])
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!])")


def markdown(text: str, indent: str = "  ") -> str:
    """User or catalogue text as Markdown that shows exactly that text: markup characters
    escaped, control codes escaped, a line break continued inside the list item."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text, keep_newlines=True))
    return escaped.replace("\n", "  \n" + indent)


def render_markdown(compared: Compared) -> str:
    """The changes as Markdown: a heading per section, a bullet per change."""
    lang = compared.wording.lang
    heading = "Änderungen" if lang == "de" else "Changes"
    lines = [
        f"# {heading}",
        "",
        f"{markdown(compared.title(compared.old))} → {markdown(compared.title(compared.new))}",
    ]
    section = None
    for _, described in compared.described():
        if described.section != section:
            section = described.section
            lines.extend(["", f"## {markdown(described.heading)}", ""])
        subject = f"**{markdown(described.subject)}**: " if described.subject else ""
        lines.append(f"- {subject}{markdown(described.text)}")
    lines.extend(["", count(len(compared.changes), lang)])
    return "\n".join(lines) + "\n"


def json_value(value: Any) -> Any:
    """A document's value as JSON data: dates as ISO strings, NaN and infinities as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render_json(compared: Compared) -> str:
    """Every change with its ids, key, file and line, values and words."""
    sides = {}
    for name, side in (("old", compared.old), ("new", compared.new)):
        details = side.document.document
        sides[name] = {
            "file": side.name,
            "version": details.version,
            "date": json_value(details.date),
        }
    items = []
    for change, described in compared.described():
        side = compared.side(change)
        items.append(
            {
                "scope": change.scope,
                "action": change.action,
                "key": change.key,
                "file": side.name,
                "line": side.line(change),
                "category": change.category or None,
                "item": change.item or None,
                "field": change.field or None,
                "detail": list(change.detail),
                "old": json_value(change.old),
                "new": json_value(change.new),
                "section": described.heading,
                "subject": described.subject,
                "text": described.text,
            }
        )
    data = {"language": compared.wording.lang, **sides, "changes": items}
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # DEL, the C1 codes, the line separators and the bidirectional controls are valid in JSON
    # strings but not harmless in a terminal
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def rule_descriptions(compared: Compared) -> dict[str, RuleText]:
    """What each rule id of :func:`findings` means, for SARIF (its title, a sentence and
    help, in the language of the words)."""
    lang = compared.wording.lang
    return {
        f"{c.scope}-{c.action}": change_rule_text(kind_of_change(c.scope, c.action, lang), lang)
        for c in compared.changes
    }


def findings(compared: Compared, stdin_name: str = "<stdin>") -> list[Finding]:
    """A note per change at its line, for GitHub annotations and SARIF.

    A change is where :meth:`Compared.side` says (NEW, or OLD for a removal). When that side
    was read from standard input (``git show HEAD~1:tom.toml | tomwizard diff - tom.toml``),
    the note goes to the other file, which the user named and the repository has: at the
    line of the same key there, else of the table that holds it, else line 1. A place in a
    pipe is nowhere GitHub could show it, and the key is what the change is about, in either
    version. (Only one of OLD and NEW can be standard input.)"""
    found = []
    for change, described in compared.described():
        side = compared.side(change)
        if side.name == stdin_name:
            side = compared.new if side is compared.old else compared.old
        found.append(
            Finding(
                path="-" if side.name == stdin_name else side.name,
                line=side.line(change),
                rule=f"{change.scope}-{change.action}",
                message=f"{described.heading}: {described.line}",
                severity="note",
                key=change.key,
            )
        )
    return found
