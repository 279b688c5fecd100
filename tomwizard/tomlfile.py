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

from tomwizard.files import NotRegularFile, read_regular
from tomwizard.problems import Problem, ProblemsError, Severity, format_key_path
from tomwizard.tomlguard import key_too_long
from tomwizard.tomlspans import TomlSpans, scan

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


def read_toml(path: Path, *, max_bytes: int | None = None) -> TomlSource:
    """Read and parse ``path``; raise :class:`ProblemsError` for anything unusable.

    Files larger than ``max_bytes`` (default :data:`MAX_FILE_BYTES`) are refused.
    """
    name = str(path)
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        raw = read_regular(path, max_bytes + 1)
    except NotRegularFile as exc:
        if path.is_dir():
            raise ProblemsError.single(name, "is a directory, not a TOML file") from None
        message = f"{exc.strerror}; tomwizard reads only regular files"
        raise ProblemsError.single(name, message) from None
    except FileNotFoundError:
        raise ProblemsError.single(name, "no such file") from None
    except PermissionError:
        raise ProblemsError.single(name, "permission denied: cannot read this file") from None
    except OSError as exc:
        raise ProblemsError.single(name, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ProblemsError.single(
            name, f"file is larger than {_size(max_bytes)}; refusing to read it"
        )
    return parse_toml(raw, name)


def parse_toml(raw: bytes, name: str) -> TomlSource:
    """Decode and parse TOML bytes that came from ``name``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ProblemsError.single(
            name,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    too_long = key_too_long(text, MAX_NESTING)  # before parsing: tomllib is quadratic in it
    if too_long is not None:
        line, parts, problem = too_long
        raise ProblemsError([Problem(name, line, format_key_path(parts), problem)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemsError([_decode_problem(name, text, str(exc))]) from None
    except RecursionError:
        raise ProblemsError.single(name, "nested too deeply to be read") from None
    except ValueError:  # int() refuses integers of more than 4300 digits
        raise ProblemsError.single(name, f"TOML syntax error: {_INT_RANGE}") from None
    source = TomlSource(name, raw, text, data)
    found = _out_of_bounds(data)
    if found is not None:
        path, message = found
        raise ProblemsError([source.problem(path, message)])
    return source


_INT_LIMIT = 2**63
_INT_RANGE = f"integer out of range; TOML integers lie between {-_INT_LIMIT} and {_INT_LIMIT - 1}"
MAX_NESTING = 32
"""Deepest nesting of tables and arrays accepted. tomwizard's files need fewer than ten levels;
deeper data would only exhaust the recursion of the code that validates and writes it."""
_TOO_DEEP = (
    f"nested more than {MAX_NESTING} levels deep (tables or arrays inside each other); "
    "tomwizard files never need that"
)


def _out_of_bounds(data: dict[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    """Key path and message of the first value tomwizard cannot handle, or None: an integer
    beyond TOML's 64-bit range (tomllib accepts any size, but such numbers cannot even be
    printed when they are long enough) or nesting deeper than :data:`MAX_NESTING`."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:  # no recursion: the data may be nested about as deep as tomllib allows
        path, node = stack.pop()
        if isinstance(node, dict | list) and len(path) >= MAX_NESTING:
            return path, _TOO_DEEP
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
        elif isinstance(node, int) and not -_INT_LIMIT <= node < _INT_LIMIT:
            return path, _INT_RANGE
    return None


def _size(count: int) -> str:
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    return f"{count} bytes"


def _decode_problem(name: str, text: str, message: str) -> Problem:
    match = _POSITION.search(message)
    if match:
        line = int(match.group(1))
        message = message[: match.start()]
    elif _END.search(message):
        line = text.count("\n") + 1
        message = _END.sub("", message)
    else:
        line = None
    return Problem(name, line, "", f"TOML syntax error: {message}")
