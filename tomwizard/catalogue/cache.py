"""A cache of the validated catalogue, so that commands and the wizard start fast.

Reading ~20 TOML files with the pure-Python parser and validating them takes most of the
catalogue's load time. The result is kept as JSON in the user cache folder, keyed by a hash of
the content of every catalogue file (and the tomwizard version), and read back with pydantic's
JSON validation: the cached data is validated again like any input, never executed (no pickle).
Any change to a catalogue file changes the key; an unreadable or broken cache entry is ignored
and rewritten. ``TOMWIZARD_NO_CACHE=1`` switches the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from tomwizard import __version__
from tomwizard.catalogue.catalogue import Catalogue

ENV_NO_CACHE = "TOMWIZARD_NO_CACHE"
KEEP = 8
"""How many cache entries to keep (one per catalogue combination in use)."""


def cache_key(builtin: Path, extra_dirs: Sequence[Path]) -> str | None:
    """A hash of everything the catalogue is built from, or None if a folder cannot be read
    (then the loader reports it)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"tomwizard {__version__}\n".encode())
    try:
        for index, directory in enumerate([builtin, *extra_dirs]):
            # as given, not resolved: the catalogue records its file names as they were given
            digest.update(f"dir {index} {directory}\n".encode())
            for path in sorted(directory.glob("*.toml")):
                data = path.read_bytes()
                digest.update(f"file {path.name} {len(data)}\n".encode())
                digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def load_cached(key: str, folder: Path) -> Catalogue | None:
    """The cached catalogue for ``key``, if there is a valid one."""
    path = folder / f"catalogue-{key}.json"
    try:
        data = path.read_bytes()
        return Catalogue.model_validate_json(data)
    except (OSError, ValueError):
        return None


def store(key: str, folder: Path, catalogue: Catalogue) -> None:
    """Keep ``catalogue`` under ``key``; failures only cost speed, so they are ignored."""
    from tomwizard.storage import write_atomic

    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(folder / f"catalogue-{key}.json", catalogue.model_dump_json().encode())
        entries = sorted(folder.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)


def enabled() -> bool:
    """Whether the cache is used."""
    return os.environ.get(ENV_NO_CACHE, "").strip() in ("", "0")
