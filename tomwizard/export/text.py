"""Making user text safe to put into a Word document, and comparing it with what came out.

Word files are XML: characters XML 1.0 forbids (most C0 control characters, U+FFFE, U+FFFF)
cannot be stored, and docxtpl drops them silently or produces a broken file. They are removed
here, before rendering, so that what the export promises to show is exactly what it can show.
Line endings are normalised; a blank line starts a new paragraph and a single line break stays a
line break (docxtpl turns ``\\a`` into a new paragraph and ``\\n`` into a line break).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar, cast

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_WHITESPACE = re.compile(r"\s+")
_WORD_JOINER = "\u2060"

T = TypeVar("T")

PARAGRAPH_BREAK = "\a"
"""What docxtpl turns into a new paragraph (with the same style)."""


def clean(text: str) -> str:
    """``text`` with normalised line endings and without characters a Word file cannot hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def for_document(text: str) -> str:
    """``text`` cleaned and laid out for docxtpl: paragraphs at blank lines, line breaks kept,
    surrounding whitespace removed."""
    text = guard(clean(text).strip())
    return _BLANK_LINES.sub(PARAGRAPH_BREAK, text)


def guard(text: str) -> str:
    """``text`` safe from docxtpl's second pass: docxtpl turns ``{_{``, ``}_}``, ``{_%`` and
    ``%_}`` in its output into template delimiters; an invisible word joiner keeps such text as
    it was written. Applying it twice changes nothing."""
    if "{_" not in text and "_}" not in text:
        return text
    return text.replace("{_", "{" + _WORD_JOINER + "_").replace("_}", "_" + _WORD_JOINER + "}")


def guard_all(value: T) -> T:
    """``value`` with :func:`guard` applied to every text in it: strings, and the strings in
    lists, dict values and dataclass fields, to any depth. Objects without such text are
    returned as they are (shared objects stay shared)."""
    return cast(T, _guard_any(value, {}))


def _guard_any(value: Any, done: dict[int, Any]) -> Any:
    if isinstance(value, str):
        return guard(value)
    key = id(value)
    if key in done:
        return done[key]
    result = value
    if isinstance(value, list):
        items = [_guard_any(item, done) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            result = items
    elif isinstance(value, dict):
        entries = {name: _guard_any(item, done) for name, item in value.items()}
        if any(entries[name] is not item for name, item in value.items()):
            result = entries
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in dataclasses.fields(value):
            old = getattr(value, item.name)
            new = _guard_any(old, done)
            if new is not old:
                changes[item.name] = new
        if changes:
            result = dataclasses.replace(value, **changes)
    done[key] = result
    return result


def for_line(text: str) -> str:
    """Like :func:`for_document`, for text that stands inside a sentence, a bullet or a table
    cell (a remark, a reason, a name, a parameter): blank lines become one line break instead of
    a new paragraph, which would repeat the bullet or the sentence's paragraph style."""
    return for_document(text).replace(PARAGRAPH_BREAK, "\n")


def comparable(text: str) -> str:
    """``text`` reduced to its words for comparing what was rendered with what came out: every
    run of whitespace (line and paragraph breaks, tabs) becomes one space."""
    text = text.replace(PARAGRAPH_BREAK, " ").replace(_WORD_JOINER, "")
    return _WHITESPACE.sub(" ", text).strip()
