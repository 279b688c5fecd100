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

from tomwizard.languages import Language
from tomwizard.wording import Wording

Severity = Literal["error", "warning", "notice"]
"""Data, never translated: the machine formats (JSON, SARIF, GitHub) carry these ids."""

_SAY = Wording(
    "problems",
    {
        "warning": ("Warnung", "warning"),
        "notice": ("Hinweis", "notice"),
        "nul": (
            "der Pfad enthält ein Zeichen, das kein Dateiname enthalten kann (NUL)",
            "the path contains a character no file name can have (NUL)",
        ),
        "too_long": (
            "der Name ist zu lang (ein Dateiname hat höchstens 255 Bytes, ein Pfad 4096)",
            "the name is too long (a file name has at most 255 bytes, a path 4096)",
        ),
        "no_search": (
            "Zugriff verweigert: ein Ordner auf dem Weg zu dieser Datei darf nicht durchsucht "
            "werden",
            "permission denied: a folder on the way to this file cannot be searched",
        ),
        "cannot_open": (
            "diese Datei kann nicht geöffnet werden: {reason}",
            "cannot open this file: {reason}",
        ),
    },
)


def severity_word(severity: Severity, lang: Language) -> str:
    """The word a text line puts before the message (``warning``/``Warnung``, ``notice``/
    ``Hinweis``); ``""`` for an error, whose line has none."""
    return "" if severity == "error" else _SAY(severity, lang)


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

    def text(self, lang: Language) -> str:
        """The line a person reads, ``FILE:LINE: key: [warning: ]message``, the severity word
        in ``lang`` (the message is in the language it was made in)."""
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.key:
            parts.append(self.key)
        if word := severity_word(self.severity, lang):
            parts.append(word)
        parts.append(self.message)
        return ": ".join(parts)

    def __str__(self) -> str:
        """The line with English severity words (logs, exceptions); people get :meth:`text`."""
        return self.text("en")

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


def unusable_path(path: str | Path, exc: OSError | ValueError, lang: Language) -> Problem:
    """A problem for a path the system refused before the file could be read: a folder on the
    way without search permission, a name of more than 255 bytes, a NUL character."""
    if isinstance(exc, ValueError):
        message = _SAY("nul", lang)
    elif exc.errno == errno.ENAMETOOLONG:
        message = _SAY("too_long", lang)
    elif isinstance(exc, PermissionError):
        message = _SAY("no_search", lang)
    else:
        message = _SAY("cannot_open", lang, reason=exc.strerror or exc)
    return Problem(str(path), None, "", message)
