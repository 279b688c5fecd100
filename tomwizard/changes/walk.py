"""Helpers of :mod:`tomwizard.changes.compare`: the order in which keys are compared, and
making a :class:`Change` where two values differ."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from tomwizard.changes.model import Change, action_of, is_empty, same


def ordered(known: Iterable[str], old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The keys of ``old`` and ``new``: ``known`` ids first (the catalogue's, in its order),
    then the others in NEW's order, each key only in OLD after the key it followed there (so a
    removed history entry or provider stays where it was). Linear in the number of keys."""
    order = [key for key in known if key in old or key in new]
    listed = set(order)
    rest = [key for key in new if key not in listed]
    in_new = set(rest)
    following: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in old:
        if key in listed:
            continue
        if key in in_new:
            anchor = key
        else:
            following.setdefault(anchor, []).append(key)
    merged = following.get(None, [])
    for key in rest:
        merged.append(key)
        merged.extend(following.get(key, []))
    return order + merged


@dataclass(frozen=True)
class At:
    """Where values are being compared: the change every difference found here starts from."""

    template: Change

    def values(
        self,
        field: str,
        old: Any,
        new: Any,
        *,
        detail: tuple[str, ...] = (),
        where: tuple[str | int, ...] | None = None,
    ) -> Iterator[Change]:
        """A change of ``field`` (and ``detail``) if ``old`` and ``new`` differ; its key path is
        the template's with ``where`` added (default: ``field`` and ``detail``)."""
        if same(old, new) or (is_empty(old) and is_empty(new)):
            return
        path = (*self.template.path, *((field, *detail) if where is None else where))
        yield replace(
            self.template,
            action=action_of(old, new),
            path=path,
            field=field,
            detail=detail,
            old=old,
            new=new,
        )

    def item(self, old: Any, new: Any) -> Change:
        """The whole item added (``old`` None) or removed (``new`` None), as plain data."""
        return replace(
            self.template,
            action="added" if old is None else "removed",
            old=plain(old),
            new=plain(new),
        )


def plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python", exclude_defaults=True)
    return value
