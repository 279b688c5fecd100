"""Reading a TOML file defensively: every failure becomes a :class:`Problem` with a line.

Both the question catalogue and answers files are read here. A missing file, a directory, a
named pipe or a device (refused before it is opened, so nothing blocks), binary garbage, invalid
UTF-8, a syntax error or an absurdly large file all end in a :class:`ProblemsError` naming the
file (and the line where one is known), never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tomwizard.disk.files import NotRegularFile, read_regular
from tomwizard.languages import Language
from tomwizard.problems import Problem, ProblemsError, Severity, format_key_path
from tomwizard.tomlread.guard import key_too_long
from tomwizard.tomlread.spans import TomlSpans, scan
from tomwizard.tomlread.words import SAY, file_kind, syntax_error

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger files are refused: a real TOM document is a few hundred kilobytes at most."""

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class TomlSource:
    """A parsed TOML file: its name, raw bytes, text, data and key positions."""

    name: str
    raw: bytes
    text: str
    data: dict[str, Any]

    @cached_property
    def spans(self) -> TomlSpans:
        """Key positions, worked out only when a problem needs a line number (or comments
        are asked about): scanning is the costly part of reading a file."""
        return scan(self.text)

    def problem(
        self, path: Sequence[str | int], message: str, severity: Severity = "error"
    ) -> Problem:
        """A problem at ``path`` in this file, with the line the path is defined on."""
        return Problem(
            self.name, self.spans.line_of(path), format_key_path(path), message, severity
        )


def read_toml(path: Path, *, max_bytes: int | None = None, lang: Language = "en") -> TomlSource:
    """Read and parse ``path``; raise :class:`ProblemsError` for anything unusable.

    Files larger than ``max_bytes`` (default :data:`MAX_FILE_BYTES`) are refused. The problems
    are worded in ``lang``: answers files in the reader's language; catalogue, rule and settings
    files, whose problems are for their authors (and come before any language is known), in
    English.
    """
    name = str(path)
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        raw = read_regular(path, max_bytes + 1)
    except NotRegularFile as exc:
        if path.is_dir():
            raise ProblemsError.single(name, SAY("directory", lang)) from None
        message = SAY("not_regular", lang, kind=file_kind(exc.mode, lang))
        raise ProblemsError.single(name, message) from None
    except FileNotFoundError:
        raise ProblemsError.single(name, SAY("no_file", lang)) from None
    except PermissionError:
        raise ProblemsError.single(name, SAY("no_permission", lang)) from None
    except OSError as exc:
        message = SAY("unreadable", lang, reason=exc.strerror or exc)
        raise ProblemsError.single(name, message) from None
    if len(raw) > max_bytes:
        raise ProblemsError.single(name, SAY("too_large", lang, size=_size(max_bytes, lang)))
    return parse_toml(raw, name, lang=lang)


def parse_toml(raw: bytes, name: str, *, lang: Language = "en") -> TomlSource:
    """Decode and parse TOML bytes that came from ``name`` (problems in ``lang``, see
    :func:`read_toml`)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = SAY("utf8", lang, byte=f"0x{raw[exc.start]:02x}")
        raise ProblemsError.single(name, message, line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    too_long = key_too_long(text, MAX_NESTING, lang)  # before parsing: tomllib is quadratic
    if too_long is not None:
        line, parts, problem = too_long
        raise ProblemsError([Problem(name, line, format_key_path(parts), problem)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemsError([_decode_problem(name, text, str(exc), lang)]) from None
    except RecursionError:
        raise ProblemsError.single(name, SAY("recursion", lang)) from None
    except ValueError:  # int() refuses integers of more than 4300 digits
        raise ProblemsError.single(name, syntax_error(_int_range(lang), lang)) from None
    source = TomlSource(name, raw, text, data)
    found = _out_of_bounds(data)
    if found is not None:
        path, too_deep = found
        message = SAY("too_deep", lang, n=MAX_NESTING) if too_deep else _int_range(lang)
        raise ProblemsError([source.problem(path, message)])
    return source


_INT_LIMIT = 2**63
MAX_NESTING = 32
"""Deepest nesting of tables and arrays accepted. tomwizard's files need fewer than ten levels;
deeper data would only exhaust the recursion of the code that validates and writes it."""


def _int_range(lang: Language) -> str:
    return SAY("int_range", lang, low=-_INT_LIMIT, high=_INT_LIMIT - 1)


def _out_of_bounds(data: dict[str, Any]) -> tuple[tuple[str | int, ...], bool] | None:
    """Key path of the first value tomwizard cannot handle and whether it is nested too deep
    (else: an integer out of range), or None: an integer beyond TOML's 64-bit range (tomllib
    accepts any size, but such numbers cannot even be printed when they are long enough) or
    nesting deeper than :data:`MAX_NESTING`."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:  # no recursion: the data may be nested about as deep as tomllib allows
        path, node = stack.pop()
        if isinstance(node, dict | list) and len(path) >= MAX_NESTING:
            return path, True
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
        elif isinstance(node, int) and not -_INT_LIMIT <= node < _INT_LIMIT:
            return path, False
    return None


def _size(count: int, lang: Language) -> str:
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    return SAY("bytes", lang, n=count)


def _decode_problem(name: str, text: str, message: str, lang: Language) -> Problem:
    match = _POSITION.search(message)
    if match:
        line = int(match.group(1))
        message = message[: match.start()]
    elif _END.search(message):
        line = text.count("\n") + 1
        message = _END.sub("", message)
    else:
        line = None
    return Problem(name, line, "", syntax_error(message, lang))
