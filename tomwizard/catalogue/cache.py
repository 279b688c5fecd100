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
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tomwizard import __version__

if TYPE_CHECKING:  # the models load only when the catalogue does (see lazy.py)
    from tomwizard.catalogue.catalogue import Catalogue
    from tomwizard.catalogue.model import Text

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
    return load_entry(entry_path(key, folder))


def load_entry(path: Path) -> Catalogue | None:
    """The catalogue of the cache entry ``path``, if it is a valid one (validated again like
    any input)."""
    from tomwizard.catalogue.catalogue import Catalogue

    try:
        data = path.read_bytes()
        return Catalogue.model_validate_json(data)
    except (OSError, ValueError):
        return None


def store(key: str, folder: Path, catalogue: Catalogue) -> None:
    """Keep ``catalogue`` under ``key``; failures only cost speed, so they are ignored."""
    from tomwizard.disk.files import write_atomic

    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # the titles first: an index without its entry is never used (see lazy.py)
        store_titles(key, folder, catalogue)
        write_atomic(entry_path(key, folder), catalogue.model_dump_json().encode())
        for pattern in ("catalogue-*.json", "titles-*.json"):
            entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
            for old in entries[:-KEEP]:
                old.unlink(missing_ok=True)


def store_titles(key: str, folder: Path, catalogue: Catalogue) -> None:
    """Keep the titles index of ``catalogue`` under ``key`` (also for an entry stored before
    there were indexes). Raises OSError."""
    from tomwizard.disk.files import write_atomic

    def titled(item_id: str, title: Text) -> dict[str, str]:
        return {"id": item_id, "de": title.get("de"), "en": title.get("en")}

    titles = [
        {
            **titled(group.id, group.title),
            "categories": [
                titled(cid, category.title)
                for cid in group.categories
                if (category := catalogue.category(cid)) is not None
            ],
        }
        for group in catalogue.groups
    ]
    write_atomic(titles_path(key, folder), json.dumps(titles, ensure_ascii=False).encode())


def entry_path(key: str, folder: Path) -> Path:
    """Where the catalogue of ``key`` is kept."""
    return folder / f"catalogue-{key}.json"


def titles_path(key: str, folder: Path) -> Path:
    """Where the category titles of ``key`` are kept: a small index that lets the wizard draw
    its first frame before the catalogue's models are loaded."""
    return folder / f"titles-{key}.json"


def enabled() -> bool:
    """Whether the cache is used."""
    return os.environ.get(ENV_NO_CACHE, "").strip() in ("", "0")
