"""Making user text safe to put into a Word document, and comparing it with what came out.

Word files are XML: characters XML 1.0 forbids (most C0 control characters, U+FFFE, U+FFFF)
cannot be stored, and docxtpl drops them silently or produces a broken file. They are removed
here, before rendering, so that what the export promises to show is exactly what it can show.
Line endings are normalised; a blank line starts a new paragraph and a single line break stays a
line break (docxtpl turns ``\\a`` into a new paragraph and ``\\n`` into a line break).
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_WHITESPACE = re.compile(r"\s+")
_WORD_JOINER = "\u2060"

PARAGRAPH_BREAK = "\a"
"""What docxtpl turns into a new paragraph (with the same style)."""


def clean(text: str) -> str:
    """``text`` with normalised line endings and without characters a Word file cannot hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def for_document(text: str) -> str:
    """``text`` cleaned and laid out for docxtpl: paragraphs at blank lines, line breaks kept,
    surrounding whitespace removed."""
    text = clean(text).strip()
    # docxtpl turns "{_{", "}_}", "{_%" and "%_}" in its output into template delimiters; an
    # invisible word joiner keeps such text as it was typed
    text = text.replace("{_", "{" + _WORD_JOINER + "_").replace("_}", "_" + _WORD_JOINER + "}")
    return _BLANK_LINES.sub(PARAGRAPH_BREAK, text)


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
