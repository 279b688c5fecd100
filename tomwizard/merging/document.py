"""Three-way merge of answers documents (what ``tomwizard merge``, the git merge driver, does).

The documents are merged as the plain data their canonical file holds (:func:`to_data`), after
loading has brought each to today's catalogue ids (:mod:`tomwizard.answers.migrate`), so a side
saved with an older catalogue merges with one saved with the newer. A few keys are not the users'
edits and are not merged value by value:

* ``tomwizard_version`` is this tomwizard's and ``catalogue.version`` the newer of both sides
  (both sides' ids are today's after loading): that one side saved with a newer tomwizard is no
  conflict;
* ``[[conflicts]]`` of earlier merges are kept from both sides (once each), unless one side has
  resolved (removed) an entry both had; this merge's conflicts are added.

A provider one side removed while the other still names it (``provided_by``) is kept, from the
side that has it, and recorded as a conflict: the annex must not lose who implements a measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tomwizard import __version__
from tomwizard.answers.model import RESERVED_PROVIDERS, AnswersDocument
from tomwizard.answers.serialize import to_data
from tomwizard.answers.upkeep import Conflict
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.migrations import version_key
from tomwizard.catalogue.model import MultichoiceQuestion
from tomwizard.merging.threeway import MISSING, Path, ThreeWay, toml_text
from tomwizard.problems import format_key_path


@dataclass(frozen=True)
class MergeResult:
    """The merged document and what this merge could not reconcile."""

    document: AnswersDocument
    conflicts: tuple[tuple[Path, Conflict], ...]
    """This merge's conflicts with their key paths (also in ``document.conflicts``)."""
    kept_theirs: frozenset[Path]
    """Keys whose value is ``theirs``'s although it is in conflict: providers ``ours`` removed
    that the merged document still names."""


def merge_documents(
    base: AnswersDocument | None,
    ours: AnswersDocument,
    theirs: AnswersDocument,
    catalogue: Catalogue,
) -> MergeResult:
    """Merge ``ours`` and ``theirs``, both edited from ``base`` (None: no common ancestor).
    Values both sides changed differently keep ``ours`` (see :class:`MergeResult`)."""
    sides = [{} if base is None else to_data(base, catalogue)]
    sides += [to_data(ours, catalogue), to_data(theirs, catalogue)]
    earlier = [side.pop("conflicts", []) for side in sides]
    version = _newest_catalogue_version(ours, theirs, catalogue)
    for side in sides:
        side["tomwizard_version"] = __version__
        if isinstance(side.get("catalogue"), dict):
            side["catalogue"]["version"] = version

    def is_set(path: Path) -> bool:
        return isinstance(catalogue.question(path[1], path[3]), MultichoiceQuestion)

    merger = ThreeWay(is_set)
    merged = merger.merge((), *sides)
    kept_theirs = _keep_named_providers(merged, sides, merger)
    conflicts = _conflict_entries(earlier[0], earlier[1], earlier[2], merger.found)
    if conflicts:
        merged["conflicts"] = conflicts
    document = AnswersDocument.model_validate(merged)
    return MergeResult(document, tuple(merger.found), frozenset(kept_theirs))


def _newest_catalogue_version(
    ours: AnswersDocument, theirs: AnswersDocument, catalogue: Catalogue
) -> str:
    """The newer catalogue version of both sides; the loaded catalogue's if it is newer and the
    sides were migrated to it (same catalogue id)."""
    versions = [ours.catalogue.version, theirs.catalogue.version]
    if ours.catalogue.id == catalogue.id:
        versions.append(catalogue.version)
    return max(versions, key=version_key)


def _conflict_entries(
    base: list[dict[str, str]],
    ours: list[dict[str, str]],
    theirs: list[dict[str, str]],
    found: list[tuple[Path, Conflict]],
) -> list[dict[str, str]]:
    """The conflict entries of earlier merges as a set: an entry both sides have, or one side
    added, stays; one a side removed (resolved) since ``base`` goes. Then this merge's ``found``
    ones; each entry once (compared by hashable keys: a file may hold very many)."""
    was, mine, other = ({_entry_key(e) for e in side} for side in (base, ours, theirs))
    candidates = [
        entry for entry in ours if _entry_key(entry) in other or _entry_key(entry) not in was
    ]
    known = was | mine
    candidates += [entry for entry in theirs if _entry_key(entry) not in known]
    candidates += [conflict.model_dump() for _, conflict in found]
    entries: dict[tuple[str, ...], dict[str, str]] = {}
    for entry in candidates:
        entries.setdefault(_entry_key(entry), entry)
    return list(entries.values())


def _entry_key(entry: dict[str, str]) -> tuple[str, ...]:
    return (entry["key"], entry["base"], entry["ours"], entry["theirs"])


def _keep_named_providers(
    merged: dict[str, Any], sides: list[dict[str, Any]], merger: ThreeWay
) -> set[Path]:
    """Put back providers the merged document names but one side removed; record each as a
    conflict (if the merge did not already). Returns the keys put back from ``theirs``."""
    providers: dict[str, Any] = merged.get("providers", {})
    kept_theirs: set[Path] = set()
    for pid in _named_providers(merged.get("categories", {})):
        if pid in providers or pid in RESERVED_PROVIDERS:
            continue
        base, ours, theirs = (side.get("providers", {}).get(pid, MISSING) for side in sides)
        value = next((v for v in (ours, theirs, base) if v is not MISSING), MISSING)
        if value is MISSING:
            continue  # named by no side's provider table: the check reports it
        providers[pid] = value
        path: Path = ("providers", pid)
        conflict = Conflict(
            key=format_key_path(path),
            base=toml_text(base),
            ours=toml_text(ours),
            theirs=toml_text(theirs),
        )
        if (path, conflict) not in merger.found:
            merger.found.append((path, conflict))
        if ours is MISSING:
            kept_theirs.add(path)
    if providers:
        merged["providers"] = providers
    return kept_theirs


def _named_providers(categories: dict[str, Any]) -> Iterable[str]:
    """Every ``provided_by`` of the categories and their measures, once each, in file order."""
    named: dict[str, None] = {}
    for category in categories.values():
        named.setdefault(category.get("provided_by", ""), None)
        for table in ("measures", "custom"):
            for measure in category.get(table, {}).values():
                named.setdefault(measure.get("provided_by", ""), None)
    named.pop("", None)
    return list(named)
