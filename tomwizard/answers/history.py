"""The change history: the version proposed for a new entry."""

from __future__ import annotations

import re
from collections.abc import Collection

_NUMBERED = re.compile(r"\d+(?:\.\d+)*")
"""A version the wizard can count on: numbers separated by dots (``1``, ``1.0``, ``2.10.3``)."""


def _key(version: str) -> tuple[int, ...] | None:
    text = version.strip()
    if not _NUMBERED.fullmatch(text):
        return None
    return tuple(int(part) for part in text.split("."))


def next_version(version: str) -> str:
    """The version after ``version``, counting its last number (``1.0`` → ``1.1``, ``2.9`` →
    ``2.10``, ``3`` → ``4``); empty for a version that is not numbers separated by dots."""
    key = _key(version)
    if key is None:
        return ""
    return ".".join(str(n) for n in (*key[:-1], key[-1] + 1))


def proposed_version(current: str, recorded: Collection[str]) -> str:
    """The version proposed for a new change-history entry: the document's version
    ``current`` while the history has no entry for it and none later, else the one after the
    latest entry (``next_version``); empty when there is nothing to count on."""
    keyed = [(key, v) for v in recorded if (key := _key(v)) is not None]
    current_key = _key(current)
    if not recorded:
        return current.strip()
    later = current_key is not None and (not keyed or current_key > max(keyed)[0])
    if later and current not in recorded:
        return current.strip()
    if not keyed:
        return ""
    proposal = next_version(max(keyed)[1])
    return "" if proposal in recorded else proposal
