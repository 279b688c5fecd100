"""Reading a TOML file defensively: every failure becomes a :class:`Problem` with a line.

Both the question catalogue and answers files are read here. A missing file, a directory,
binary garbage, invalid UTF-8, a syntax error or an absurdly large file all end in a
:class:`ProblemsError` naming the file (and the line where one is known), never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tomwizard.problems import Problem, ProblemsError, Severity, format_key_path
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
    spans: TomlSpans = field(repr=False)

    def problem(
        self, path: Sequence[str | int], message: str, severity: Severity = "error"
    ) -> Problem:
        """A problem at ``path`` in this file, with the line the path is defined on."""
        return Problem(
            self.name, self.spans.line_of(path), format_key_path(path), message, severity
        )


def read_toml(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> TomlSource:
    """Read and parse ``path``; raise :class:`ProblemsError` for anything unusable."""
    name = str(path)
    try:
        if path.is_dir():
            raise ProblemsError.single(name, "is a directory, not a TOML file")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ProblemsError.single(name, "no such file") from None
    except PermissionError:
        raise ProblemsError.single(name, "permission denied: cannot read this file") from None
    except OSError as exc:
        raise ProblemsError.single(name, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ProblemsError.single(
            name, f"file is larger than {max_bytes // (1024 * 1024)} MiB; refusing to read it"
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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemsError([_decode_problem(name, text, str(exc))]) from None
    except RecursionError:
        raise ProblemsError.single(name, "nested too deeply to be read") from None
    return TomlSource(name, raw, text, data, scan(text))


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
