"""The list of recently opened documents (``recent.json`` in the user state directory)."""

from __future__ import annotations

import json
from pathlib import Path

from tomwizard import locations
from tomwizard.storage import write_atomic

MAX_RECENT = 10


def recent_files() -> list[Path]:
    """Recently opened documents, newest first; unreadable lists count as empty."""
    try:
        data = json.loads(locations.recent_files_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(item) for item in data if isinstance(item, str)]


def remember(document: Path) -> None:
    """Put ``document`` at the top of the recent list."""
    absolute = document.absolute()
    entries = [absolute, *(p for p in recent_files() if p != absolute)][:MAX_RECENT]
    target = locations.recent_files_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps([str(p) for p in entries], ensure_ascii=False, indent=2) + "\n"
    write_atomic(target, text.encode("utf-8"))
