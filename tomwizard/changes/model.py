"""A change between two answers documents, as plain frozen data.

A :class:`Change` says *where* (the kind of thing and its ids, and the TOML key path in the
file), *what* (``field``: the status, a parameter, the remark, …; empty when the whole item was
added or removed) and the values before and after. Values are the document's own (dates stay
dates, numbers numbers); the words for them are made later, in the reader's language
(:mod:`tomwizard.changes.words`), so the same changes serve text, JSON and the change notice.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Literal

from tomwizard.problems import format_key_path

Scope = Literal[
    "document", "history", "category", "answer", "measure", "custom", "provider", "upkeep"
]
"""What kind of thing changed:

- ``document``: ``[document]`` (title, contract, version, parties, data protection officer, …);
- ``history``: an entry of the change history (``item`` is the version);
- ``category``: a category's own fields (description, provider, review date);
- ``answer``: the answer to a question that is no checklist (``item`` is the question);
- ``measure``: a checklist measure (``item`` is the measure id);
- ``custom``: an own measure (``item`` is its id);
- ``provider``: a service provider (``item`` is its id);
- ``upkeep``: silenced check rules and recorded merge conflicts (never in the annex).
"""
SCOPES: tuple[Scope, ...] = (
    "document",
    "history",
    "category",
    "answer",
    "measure",
    "custom",
    "provider",
    "upkeep",
)

Action = Literal["added", "removed", "changed"]
"""``added``: there was nothing (no entry, no value, empty text); ``removed``: there is nothing
now; ``changed``: one value replaced by another."""


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW."""

    scope: Scope
    action: Action
    path: tuple[str | int, ...]
    """The TOML key path of what changed (in NEW; in OLD for something removed), for line
    numbers: ``("categories", "zugangskontrolle", "measures", "mfa", "status")``."""
    category: str = ""
    """The category id (scopes category, answer, measure, custom); else empty."""
    item: str = ""
    """The measure, own measure, question, provider or rule id, or the history version."""
    field: str = ""
    """What of the item changed (``status``, ``target_date``, ``reason``, ``parameters``,
    ``note``, ``label``, ``certifications``, a document field such as ``controller``, …); empty
    when the item itself was added or removed."""
    detail: tuple[str, ...] = ()
    """Below the field: a parameter id, a table row (and column), a certification id (and its
    field), a party's field."""
    old: Any = None
    """The value before: for an item added or removed, the item as plain data (a dict); for a
    status, a dict with ``status`` and, where they belong to it, ``target_date`` or ``reason``."""
    new: Any = None
    """The value after, like :attr:`old`."""

    @property
    def key(self) -> str:
        """The key path as TOML spells it (``categories.zugang.measures.mfa.status``)."""
        return format_key_path(self.path)


def is_empty(value: Any) -> bool:
    """Whether ``value`` counts as nothing: absent, empty text, an empty table or list.
    ``false`` and ``0`` are values."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    if isinstance(value, dict | list | tuple):
        return len(value) == 0
    return False


def same(a: Any, b: Any) -> bool:
    """Whether two values of a document mean the same: ``12`` and ``12.0`` do, ``true`` and
    ``1`` do not (Python's ``==`` says they do), a date and a date-time do not, NaN equals NaN,
    and lists of texts (the options of a multiple choice) are compared without their order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return a == b
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        if all(isinstance(x, str) for x in (*a, *b)):
            return sorted(a) == sorted(b)
        return all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def action_of(old: Any, new: Any) -> Action:
    """``added``, ``removed`` or ``changed`` for two values that differ."""
    if is_empty(old):
        return "added"
    if is_empty(new):
        return "removed"
    return "changed"
