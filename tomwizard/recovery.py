"""Recovery copies: what the wizard autosaves while a document is open.

A recovery copy is written to the user state directory (``tomwizard paths`` shows it), never next
to or over the user's own file. Its name is derived from the document's absolute path, so each
document has at most one. When the wizard opens a document and finds a recovery copy that differs
from the file and is newer than it, it offers to restore it; saving the document normally, or
discarding, removes the copy.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from tomwizard import locations
from tomwizard.storage import write_atomic


def recovery_path(document: Path) -> Path:
    """Where the recovery copy of ``document`` lives."""
    absolute = document.absolute()
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return locations.recovery_dir() / f"{digest}-{absolute.name}"


@dataclass(frozen=True)
class RecoveryCopy:
    """An autosaved copy that holds more than the file on disk."""

    path: Path
    """Where the copy is."""
    text: str
    """The TOML text of the copy."""
    modified: float
    """When it was written (seconds since the epoch)."""


def write_recovery(document: Path, text: str) -> Path:
    """Store ``text`` as the recovery copy of ``document`` (atomically, mode 0600)."""
    target = recovery_path(document)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(target, text.encode("utf-8"))
    return target


def find_recovery(document: Path) -> RecoveryCopy | None:
    """The recovery copy of ``document`` if it is newer than the file and differs from it."""
    copy = recovery_path(document)
    try:
        stat = copy.stat()
        text = copy.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        on_disk = document.stat()
        current = document.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return RecoveryCopy(copy, text, stat.st_mtime)
    if text == current or stat.st_mtime < on_disk.st_mtime:
        return None
    return RecoveryCopy(copy, text, stat.st_mtime)


def discard_recovery(document: Path) -> None:
    """Remove the recovery copy of ``document``, if any."""
    with contextlib.suppress(FileNotFoundError):
        recovery_path(document).unlink()
