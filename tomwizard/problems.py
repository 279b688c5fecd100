"""Problems found in a file, reported as ``FILE:LINE: key.path: message``.

Every error tomwizard reports about a user's file (catalogue or answers) is a :class:`Problem`.
Code that finds problems collects them and raises :class:`ProblemsError` with all of them, so a
user sees every mistake at once instead of fixing them one run at a time.
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "notice"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_key_path(path: Sequence[str | int]) -> str:
    """Render a key path the way TOML spells it: ``categories.zugang."odd key"[2].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        # a JSON string is a valid TOML basic string: backslashes, quotes and newlines escaped
        key = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        out += f".{key}" if out else key
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file."""

    file: str
    """The file as the user named it."""
    line: int | None
    """1-based line, if known."""
    key: str
    """The dotted key path (``categories.zugang.measures.mfa.status``), or ``""``."""
    message: str
    """What is wrong, in plain words."""
    severity: Severity = "error"

    def __str__(self) -> str:
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.key:
            parts.append(self.key)
        if self.severity != "error":
            parts.append(self.severity)
        parts.append(self.message)
        return ": ".join(parts)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ProblemsError(Exception):
    """Raised when a file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, line: int | None = None) -> ProblemsError:
        return cls([Problem(str(file), line, "", message)])


def unusable_path(path: str | Path, exc: OSError | ValueError) -> Problem:
    """A problem for a path the system refused before the file could be read: a folder on the
    way without search permission, a name of more than 255 bytes, a NUL character."""
    if isinstance(exc, ValueError):
        message = "the path contains a character no file name can have (NUL)"
    elif exc.errno == errno.ENAMETOOLONG:
        message = "the name is too long (a file name has at most 255 bytes, a path 4096)"
    elif isinstance(exc, PermissionError):
        message = "permission denied: a folder on the way to this file cannot be searched"
    else:
        message = f"cannot open this file: {exc.strerror or exc}"
    return Problem(str(path), None, "", message)
