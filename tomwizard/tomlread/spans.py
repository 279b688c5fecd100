"""Map TOML key paths to the lines where they are defined.

:mod:`tomllib` parses TOML but keeps no positions, while pydantic reports errors by
key path (``loc``), e.g. ``('groups', 2, 'title', 'de')``.  :func:`scan` makes one
forward pass over the source text and records, for every key path, the 1-based line
where the key, table header or array element starts, so errors can be reported as
``FILE:LINE: key.path: message``.

The scanner expects text that :func:`tomllib.loads` accepted, but it never raises: on
input it cannot make sense of it simply returns what it has found so far.
"""

import bisect
import contextlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["KeyPath", "TomlSpans", "scan"]

KeyPath = tuple[str | int, ...]

# Deeper paths only occur in garbage; giving up there keeps the scan linear.
_MAX_DEPTH = 128

# Only simple character classes, each alternative starting with a different character:
# every pattern matches in linear time.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INLINE_WS = re.compile(r"[ \t\r]*")
_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # whitespace, newlines and comments
_REST_OF_LINE = re.compile(r"[ \t\r]*(#?)[^\n]*")
_AFTER_KEY_PART = re.compile(r"[ \t\r]*([.=]?)[ \t\r]*")  # separator: "." or "=" or none
_SCALAR = re.compile(r"[^,\]}#\n]*")  # numbers, booleans, dates (may contain a space)
_BASIC_BODY = re.compile(r'[^"\\\n]*')
_LITERAL_BODY = re.compile(r"[^'\n]*")
_MULTILINE_BODY = {'"': re.compile(r'[^"\\]*'), "'": re.compile(r"[^']*")}
_QUOTE_RUN = {'"': re.compile(r'"+'), "'": re.compile(r"'+")}


@dataclass(frozen=True)
class TomlSpans:
    """Result of :func:`scan`."""

    lines: Mapping[KeyPath, int]
    """Every key path (tables, keys, array elements) -> 1-based line where it is defined."""
    has_comments: bool
    """True if the document contains a comment (a ``#`` outside of strings)."""

    def line_of(self, path: Sequence[str | int]) -> int:
        """Line of the longest prefix of `path` that is known; 1 if none (e.g. empty path)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def scan(text: str) -> TomlSpans:
    """Scan TOML `text` and return the line of every key path."""
    scanner = _Scanner(text)
    # The scanner is written not to raise; this is a last resort so that looking up a
    # line number can never break error reporting.
    with contextlib.suppress(Exception):
        scanner.run()
    return TomlSpans(lines=MappingProxyType(scanner.lines), has_comments=scanner.has_comments)


class _Confused(Exception):
    """Raised internally to stop scanning input that cannot be valid TOML."""


def _decode_basic(raw: str) -> str:
    """Content of the basic string `raw` (including its quotes), escapes resolved."""
    if "\\" not in raw and len(raw) >= 2 and raw.endswith('"'):
        return raw[1:-1]
    try:
        value = tomllib.loads(f"k = {raw}").get("k")
    except ValueError:  # tomllib.TOMLDecodeError: not a valid string after all
        value = None
    return value if isinstance(value, str) else raw.strip('"')


class _Scanner:
    """Single forward pass over the text; ``pos`` only ever moves forward."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 1 if text.startswith("\ufeff") else 0
        self.lines: dict[KeyPath, int] = {}
        self.has_comments = False
        self._table: KeyPath = ()  # path of the current [table] / [[array]] element
        self._aot: dict[KeyPath, int] = {}  # array-of-tables path -> index of last element
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def run(self) -> None:
        """Scan the whole document, stopping early on hopeless input."""
        with contextlib.suppress(_Confused):
            self._document()

    # -- low-level helpers ------------------------------------------------------------

    def _line(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def _match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match `pattern` at the current position and move past the match."""
        match = pattern.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()
        return match

    def _eat(self, pattern: re.Pattern[str]) -> str:
        """Consume and return what `pattern` matches at the current position."""
        match = self._match(pattern)
        return "" if match is None else match.group()

    def _skip_blank(self) -> None:
        """Skip whitespace, newlines and comments."""
        start = self.pos
        self._match(_BLANK)
        if not self.has_comments and self.text.find("#", start, self.pos) >= 0:
            self.has_comments = True

    def _end_of_line(self) -> None:
        """Skip the rest of a statement's line, noting a trailing comment."""
        match = self._match(_REST_OF_LINE)
        if match is not None and match.group(1):
            self.has_comments = True

    # -- grammar ----------------------------------------------------------------------

    def _document(self) -> None:
        while True:
            self._skip_blank()
            if self.pos >= len(self.text):
                return
            if self.text[self.pos] == "[":
                self._header()
            else:
                self._keyval(self._table)
            self._end_of_line()  # always moves on: the current char is no newline

    def _header(self) -> None:
        """``[a.b]`` or ``[[a.b]]``: record the table (and implicit parents), enter it."""
        line = self._line(self.pos)
        closing = "]]" if self._peek(2) == "[[" else "]"
        self.pos += len(closing)
        self._match(_INLINE_WS)
        parts, _ = self._key()
        if self._peek(len(closing)) == closing:
            self.pos += len(closing)
        if not parts:
            return
        if len(parts) > _MAX_DEPTH:
            raise _Confused
        path: KeyPath = ()
        for i, part in enumerate(parts):
            path += (part,)
            if i < len(parts) - 1:
                self.lines.setdefault(path, line)
                if path in self._aot:  # parent is an array of tables: use its last element
                    path += (self._aot[path],)
            elif closing == "]]":
                index = self._aot.get(path, -1) + 1
                self._aot[path] = index
                self.lines.setdefault(path, line)
                path += (index,)
        self.lines[path] = line
        self._table = path

    def _key(self) -> tuple[list[str], str]:
        """Parse a (possibly dotted, possibly quoted) key, and an ``=`` after it if present.

        Returns the key's parts (empty if there is no key) and ``"="`` or ``""``.
        """
        parts: list[str] = []
        while True:
            quote = self._peek()
            if quote == '"':
                parts.append(_decode_basic(self._basic_string()))
            elif quote == "'":
                raw = self._literal_string()
                parts.append(raw[1:-1] if len(raw) >= 2 and raw.endswith("'") else raw[1:])
            else:
                bare = self._eat(_BARE_KEY)
                if not bare:
                    return parts, ""
                parts.append(bare)
            match = self._match(_AFTER_KEY_PART)
            separator = "" if match is None else match.group(1)
            if separator != ".":
                return parts, separator

    def _keyval(self, base: KeyPath) -> None:
        """``a.b = value`` relative to the table `base`."""
        line = self._line(self.pos)
        parts, separator = self._key()
        if not parts:
            return
        if len(base) + len(parts) > _MAX_DEPTH:
            raise _Confused
        path = base
        for part in parts[:-1]:
            path += (part,)
            self.lines.setdefault(path, line)  # dotted keys create tables implicitly
        path += (parts[-1],)
        self.lines[path] = line
        if separator == "=":
            self._value(path)

    def _value(self, path: KeyPath) -> None:
        if len(path) > _MAX_DEPTH:
            raise _Confused
        char = self._peek()
        if char in ('"', "'") and self._peek(3) == char * 3:
            self._multiline_string(char)
        elif char == '"':
            self._basic_string()
        elif char == "'":
            self._literal_string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            self._match(_SCALAR)

    def _array(self, path: KeyPath) -> None:
        """``[v0, v1, ...]``, possibly over several lines: element i is ``path + (i,)``."""
        self.pos += 1
        index = 0
        while True:
            self._skip_blank()
            char = self._peek()
            if char in ("]", ""):
                self.pos += len(char)
                return
            start = self.pos
            if char != ",":
                self.lines[(*path, index)] = self._line(start)
                self._value((*path, index))
                index += 1
            if self.pos == start:  # a comma, or no value at all: skip the character
                self.pos += 1

    def _inline_table(self, path: KeyPath) -> None:
        """``{ k = v, ... }``: keys are recorded below `path`."""
        self.pos += 1
        while True:
            self._skip_blank()
            char = self._peek()
            if char in ("}", ""):
                self.pos += len(char)
                return
            start = self.pos
            self._keyval(path)
            if self.pos == start:  # a comma, or no key at all: skip the character
                self.pos += 1

    def _basic_string(self) -> str:
        """Consume a single-line ``"..."`` string and return it with its quotes."""
        start = self.pos
        self.pos += 1
        while True:
            self._match(_BASIC_BODY)
            char = self._peek()
            if char == "\\":  # skip the escaped character, unless it is a newline
                self.pos += 1 if self._peek(2) == "\\\n" else len(self._peek(2))
                continue
            if char == '"':
                self.pos += 1
            return self.text[start : self.pos]  # unterminated at a newline or the end

    def _literal_string(self) -> str:
        """Consume a single-line ``'...'`` string and return it with its quotes."""
        start = self.pos
        self.pos += 1
        self._match(_LITERAL_BODY)
        if self._peek() == "'":
            self.pos += 1
        return self.text[start : self.pos]

    def _multiline_string(self, quote: str) -> None:
        """Consume a ``\"\"\"...\"\"\"`` or ``\'\'\'...\'\'\'`` string.

        Up to two quotes may directly precede the closing delimiter, so any run of three
        or more quotes ends the string (and is consumed completely).
        """
        self.pos += 3
        while self.pos < len(self.text):
            self._match(_MULTILINE_BODY[quote])
            if self._peek() == "\\":  # only reached in basic strings: skip the escape
                self.pos += len(self._peek(2))
            elif len(self._eat(_QUOTE_RUN[quote])) >= 3:
                return
