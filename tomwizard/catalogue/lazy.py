"""A catalogue that is known to be in the cache, with its category titles at hand and its
models loaded on demand.

Importing pydantic and the catalogue's models, and validating the cached catalogue, takes most of
the wizard's start. When the cache holds the catalogue (it was validated when it was stored), the
wizard draws its first frame (the file, the categories) from the small titles index and loads the
rest right after; see :mod:`tomwizard.tui.screens.loading`. Without a cache entry, the catalogue
is loaded before the wizard starts, as always, so its problems are printed like any command's.
This module imports nothing heavy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tomwizard.languages import Language

if TYPE_CHECKING:
    from tomwizard.catalogue.catalogue import Catalogue

MAX_TITLES_BYTES = 256 * 1024
"""A titles index larger than this is not used (it is a few kilobytes)."""


@dataclass(frozen=True)
class Titled:
    """A group's or a category's id and its titles."""

    id: str
    de: str
    en: str

    def get(self, language: Language) -> str:
        return self.de if language == "de" else self.en


@dataclass(frozen=True)
class GroupTitles:
    """A group of the sidebar (an Art. 32 block) and its categories, in their order."""

    group: Titled
    categories: tuple[Titled, ...]


@dataclass(frozen=True)
class CachedCatalogue:
    """The catalogue of ``extra_dirs`` as the cache holds it."""

    extra_dirs: tuple[Path, ...]
    groups: tuple[GroupTitles, ...]
    entry: Path
    """The cache entry (its key was computed from the catalogue files once, when this was
    found: reading and hashing them again is not needed)."""

    def load(self) -> Catalogue:
        """The catalogue: from the cache entry, or, should it have gone or broken meanwhile,
        read from its files (:class:`~tomwizard.problems.ProblemsError` if they have
        problems)."""
        from tomwizard.catalogue import cache
        from tomwizard.catalogue.loader import load_catalogue

        cached = cache.load_entry(self.entry)
        return cached if cached is not None else load_catalogue(self.extra_dirs)


def cached_catalogue(extra_dirs: Sequence[Path]) -> CachedCatalogue | None:
    """The cached catalogue of ``extra_dirs`` (folders as ``load_catalogue`` takes them), or
    None when the cache is off, has no entry for these files, or its index is unusable."""
    from tomwizard.catalogue import cache
    from tomwizard.locations import builtin_questions_dir, cache_dir

    if not cache.enabled():
        return None
    key = cache.cache_key(builtin_questions_dir(), extra_dirs)
    if key is None:
        return None
    folder = cache_dir()
    entry = cache.entry_path(key, folder)
    try:
        if not entry.is_file():
            return None
        with cache.titles_path(key, folder).open("rb") as index:
            raw = index.read(MAX_TITLES_BYTES + 1)
        if len(raw) > MAX_TITLES_BYTES:
            return None
        groups = tuple(
            GroupTitles(_titled(group), tuple(_titled(c) for c in _list(group["categories"])))
            for group in _list(json.loads(raw))
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not any(group.categories for group in groups):
        return None
    return CachedCatalogue(tuple(extra_dirs), groups, entry)


def _list(data: object) -> list[dict[str, object]]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError("not a list of tables")
    return data


def _titled(item: dict[str, object]) -> Titled:
    values = [item[key] for key in ("id", "de", "en")]
    if not all(isinstance(value, str) for value in values):
        raise ValueError("not a title")
    return Titled(*(str(value) for value in values))
