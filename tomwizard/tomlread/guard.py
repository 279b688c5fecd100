"""Limits checked on TOML text before it is parsed, so that no input makes parsing explode.

:mod:`tomllib` is quadratic in the number of parts of a dotted key: for ``a.b.c… = 1`` under the
table ``[x.y…]`` it builds a tuple for every prefix of the whole key, so one key of 100,000
parts (a 200 kB file) needs gigabytes of memory, and every key of n parts costs about n² steps.
Limits on the parsed data (nesting depth) come too late for that. :func:`key_too_long` makes one
linear pass over the text instead, skipping strings and comments, and finds the first key whose
table header and dotted key together have more than the allowed number of parts. Such a key
would nest tables deeper than tomwizard accepts anyway, so no usable file is refused; and with
the limit, parsing costs a bounded amount per key, i.e. time linear in the file's size.

The pass follows TOML's rules for strings exactly (where a string starts and ends decides what a
key is); on text that is not valid TOML it may count wrongly after the first error, but
:mod:`tomllib` stops at that error, so nothing it parses escapes the check.
"""

from __future__ import annotations

import re
import tomllib
from itertools import islice

from tomwizard.languages import Language
from tomwizard.wording import Wording

_SAY = Wording(
    "tomlguard",
    {
        "too_long": (
            "Schlüssel aus mehr als {n} Teilen (a.b.c…, die seiner Tabellenüberschrift "
            "mitgezählt): tiefer verschachtelt, als tomwizard-Dateien je brauchen; die Datei "
            "wurde nicht gelesen",
            "key of more than {n} parts (a.b.c…, counting those of its table header): "
            "nested deeper than tomwizard files ever need; the file was not read",
        )
    },
)

_PART = r"""(?:[A-Za-z0-9_+:-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')"""
"""One key part: bare (with ``+`` and ``:``, so numbers and dates are single parts too), basic
string or literal string. Possessive quantifiers and alternatives that start with different
characters: every match takes linear time."""

_TOKEN = re.compile(
    r'(?P<ml>"""|\'\'\')'
    rf"|(?P<chain>{_PART}(?:[ \t]*+\.[ \t]*+{_PART})*+)"
    r"|(?P<comment>#[^\n]*+)"
    r"|(?P<punct>[\[\]{}=\n])"
)
"""What matters for key structure; everything else (spaces, commas, stray characters) is skipped
by ``finditer`` itself."""
_PARTS = re.compile(_PART)
_ML_END = {
    '"""': re.compile(r'(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:"{0,2})'),
    "'''": re.compile(r"(?:[^']++|'(?!''))*+'''(?:'{0,2})"),
}


def key_too_long(text: str, max_parts: int, lang: Language) -> tuple[int, list[str], str] | None:
    """Line, key path (its first ``max_parts + 1`` parts) and message (in ``lang``) of the first
    key of more than ``max_parts`` parts (the table header's parts count for the keys below
    it), or None."""
    header = ""  # the current [table] header
    header_parts = 0  # its number of parts
    depth = 0  # open brackets and braces of values (arrays, inline tables)
    in_value = False  # after "=" outside brackets, until the end of the line
    line_start = True  # only spaces or comments since the last line break outside brackets
    in_header = False  # between "[" (or "[[") of a table header and its "]"
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return None
        position = match.end()
        kind = match.lastgroup
        token = match.group()
        if kind == "ml":
            end = _ML_END[token].match(text, position)
            if end is None:
                return None  # an unterminated string runs to the end: tomllib stops there
            position = end.end()
            line_start = False
        elif kind == "chain":
            base = 0 if in_value or depth or in_header else header_parts
            parts = token.count(".") + 1  # an upper bound: dots in quoted parts count too
            if base + parts > max_parts:
                parts = len(_PARTS.findall(token))
                if base + parts > max_parts:
                    path = _parts(header, max_parts + 1) if base else []
                    path += _parts(token, max_parts + 1 - len(path))
                    return _line(text, match.start()), path, _SAY("too_long", lang, n=max_parts)
            if in_header:
                header, header_parts = token, parts
            line_start = False
        elif token == "[":
            if line_start and not in_value and not depth:
                in_header = True  # the second "[" of "[[" keeps it so
            elif not in_header:
                depth += 1
        elif token == "{":
            depth += 1
        elif token in "]}":
            if in_header:
                in_header = False
                line_start = False
            else:
                depth = max(depth - 1, 0)
        elif token == "=":
            in_value = in_value or not depth
            line_start = False
        elif token == "\n" and not depth:
            in_value = False
            in_header = False
            line_start = True


def _parts(chain: str, count: int) -> list[str]:
    """The first ``count`` parts of the dotted key ``chain``, quoted ones decoded."""
    return [_decode(m.group()) for m in islice(_PARTS.finditer(chain), count)]


def _decode(part: str) -> str:
    if part.startswith("'"):
        return part[1:-1]
    if part.startswith('"'):
        try:
            return str(tomllib.loads(f"k = {part}")["k"])
        except tomllib.TOMLDecodeError:
            return part
    return part


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
