"""Three-way merge of plain TOML data, key path by key path.

Git merges text line by line, so two people ticking different measures of one category touch
neighbouring lines and conflict although their changes are independent. Here the two edited
versions (``ours``, ``theirs``) are compared with their common ancestor (``base``) value by value:

* a value changed on one side only takes that side's value;
* changed on both sides to the same value is no conflict;
* changed on both sides differently keeps ``ours`` and is recorded as a :class:`Conflict`.

Tables (TOML dicts) are merged key by key. Where a table stands for one thing that exists or not
(a measure, an own measure, a provider, a certificate, a history entry, a silenced rule, a row of
a table answer: :data:`ENTITIES`), one side removing it while the other changes it is a conflict
of the whole table; every other table is a mere container, whose absence means "empty", so its
keys are merged one by one. Lists are whole values, except the option ids of a multiple-choice
answer (:data:`SET_LISTS`): each option is ticked independently, so a list is merged as a set —
an option ticked or unticked on one side is ticked or unticked in the result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Final

import tomli_w

from tomwizard.answers.upkeep import Conflict
from tomwizard.problems import format_key_path

Path = tuple[str, ...]


class _Missing:
    """The value of a key a side does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

ENTITIES: tuple[Path, ...] = (
    ("history", "*"),
    ("providers", "*"),
    ("providers", "*", "certifications", "*"),
    ("silenced", "*"),
    ("categories", "*", "measures", "*"),
    ("categories", "*", "custom", "*"),
    ("categories", "*", "answers", "*", "*"),
)
"""Tables that are one thing each: removed on one side and changed on the other, they conflict
as a whole (merging their keys would leave a fragment nobody wrote)."""
SET_LISTS: tuple[Path, ...] = (("categories", "*", "answers", "*"),)
"""Where a list of strings is a set of ticked options (the caller decides which of these paths
really is a multiple-choice question: ``is_set``)."""


def matches(path: Path, pattern: Path) -> bool:
    """Whether ``path`` fits ``pattern`` (``*`` matches any one key)."""
    return len(path) == len(pattern) and all(
        p in ("*", k) for k, p in zip(path, pattern, strict=True)
    )


def same(a: Any, b: Any) -> bool:
    """Equality of TOML values: of the same type (``1`` is not ``1.0`` nor ``true``), NaN equal
    to NaN, tables equal whatever their key order."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def toml_text(value: Any) -> str:
    """``value`` as TOML text on one line (a table inline); ``''`` for a missing value."""
    if value is MISSING:
        return ""
    if isinstance(value, dict):
        items = ", ".join(f"{format_key_path([k])} = {toml_text(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_text(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")


class ThreeWay:
    """One merge: call :meth:`merge` on the root tables; :attr:`found` then lists every value
    kept from ``ours`` although ``theirs`` changed it differently, with its key path."""

    def __init__(self, is_set: Callable[[Path], bool] = lambda path: False) -> None:
        self.is_set = is_set
        """Whether the list at a :data:`SET_LISTS` path is a set of option ids."""
        self.found: list[tuple[Path, Conflict]] = []

    def merge(self, path: Path, base: Any, ours: Any, theirs: Any) -> Any:
        """The merged value at ``path`` (:data:`MISSING`: the key is left out)."""
        if same(ours, theirs):
            return ours
        if same(base, ours):
            return theirs
        if same(base, theirs):
            return ours
        tables = self._as_tables(path, base, ours, theirs)
        if tables is not None:
            merged = self._tables(path, *tables)
            return MISSING if not merged and ours is MISSING else merged
        if self._mergeable_sets(path, base, ours, theirs):
            return _set_merge([] if base is MISSING else base, ours, theirs)
        conflict = Conflict(
            key=format_key_path(path),
            base=toml_text(base),
            ours=toml_text(ours),
            theirs=toml_text(theirs),
        )
        self.found.append((path, conflict))
        return ours

    def _as_tables(
        self, path: Path, base: Any, ours: Any, theirs: Any
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
        """The three sides as tables if they are to be merged key by key, else None. A side
        without the key counts as an empty table, unless the table is an entity (removing it
        then conflicts with changing it) or the ancestor had a plain value there."""
        if not all(isinstance(side, dict) or side is MISSING for side in (ours, theirs)):
            return None
        both = isinstance(ours, dict) and isinstance(theirs, dict)
        entity = any(matches(path, pattern) for pattern in ENTITIES)
        if not both and (entity or not (isinstance(base, dict) or base is MISSING)):
            return None
        return _table(base), _table(ours), _table(theirs)

    def _tables(
        self, path: Path, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
    ) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for key in [*ours, *(key for key in theirs if key not in ours)]:
            value = self.merge(
                (*path, key),
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
            )
            if value is not MISSING:
                merged[key] = value
        return merged

    def _mergeable_sets(self, path: Path, base: Any, ours: Any, theirs: Any) -> bool:
        if not any(matches(path, pattern) for pattern in SET_LISTS) or not self.is_set(path):
            return False
        sides = (ours, theirs) if base is MISSING else (base, ours, theirs)
        return all(_string_list(side) for side in sides)


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _string_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(item, str) for item in value)
        and len(set(value)) == len(value)
    )


def _set_merge(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """The options ticked in the result: those both sides have ticked, and those one side
    ticked since ``base``; an option one side unticked and the other left alone is unticked.
    In the order of ``ours``, the options new in ``theirs`` after them."""
    was, mine, other = set(base), set(ours), set(theirs)
    kept = [item for item in ours if item in other or item not in was]
    return kept + [item for item in theirs if item not in was and item not in mine]
