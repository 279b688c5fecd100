"""The list of recently opened documents (``recent.json`` in the user state directory).

The list is a convenience: reading it never fails (a damaged or hand-edited file gives what is
usable in it), and recording a document never fails either: :func:`remember` returns a message
instead, for the caller to show, and the work goes on.
"""

from __future__ import annotations

import json
from pathlib import Path

from tomwizard import locations
from tomwizard.disk.files import write_atomic

MAX_RECENT = 10
_MAX_ENTRIES_READ = 1000
"""A hand-made list longer than this is cut, so a huge file cannot slow the start screen."""


def recent_files() -> list[Path]:
    """Recently opened documents, newest first, each once; unreadable lists count as empty and
    unusable entries (not a string, empty, with a NUL character) are left out."""
    try:
        data = json.loads(locations.recent_files_path().read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, list):
        return []
    found: list[Path] = []
    seen: set[Path] = set()
    for item in data[:_MAX_ENTRIES_READ]:
        if not isinstance(item, str) or not item or "\0" in item:
            continue
        path = Path(item)  # "/a//b" and "/a/./b" are the same path: listed once
        if path not in seen:
            seen.add(path)
            found.append(path)
    return found[:MAX_RECENT]


def remember(document: Path) -> str | None:
    """Put ``document`` at the top of the recent list; a message if the list cannot be written
    (the document itself is not affected)."""
    try:
        absolute = document.absolute()
        entries = [absolute, *(p for p in recent_files() if p != absolute)][:MAX_RECENT]
        target = locations.recent_files_path()
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # ASCII with escapes: a file name that is not valid UTF-8 (kept by Python as lone
        # surrogates) is stored as "\udcxx" and read back as the same name
        text = json.dumps([str(p) for p in entries], ensure_ascii=True, indent=2) + "\n"
        write_atomic(target, text.encode("ascii"))
    except (OSError, ValueError) as exc:  # ValueError: e.g. a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"the list of recent documents could not be updated: {reason}"
    return None
