"""The lines of the review screen about upkeep: what is due (review dates, planned measures past
their target date) and every merge conflict, each with where to jump.

What is due is what :func:`~tomwizard.answers.upkeep_check.check_upkeep` warns about (the
rules live there, once; ``validate`` prints the same); a conflict is named here in words
("Zugangskontrolle › Zwei-Faktor-Authentisierung › Status") with the value kept and the other
side's, as the file records them. No Textual here: the screen only shows these lines.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any, Literal

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.upkeep import Conflict
from tomwizard.answers.upkeep_check import KeyPath, check_upkeep, one_line
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.changes.labels import field_label
from tomwizard.changes.model import Change
from tomwizard.changes.words import Wording
from tomwizard.tui.texts import t

PLACE_PART = 120
"""Characters of each part of a conflict's place at most (a question's label is long)."""
MAX_KEY = 1000
"""Longer conflict keys are shown as they are, not read as TOML (a dotted key costs time
quadratic in its length to parse)."""


@dataclass(frozen=True)
class UpkeepItem:
    """One line: what is due, or a conflict."""

    kind: Literal["review", "planned", "conflict"]
    text: str
    category_id: str | None = None
    """The category to show (with ``item_id`` focused), if the line is about one."""
    item_id: str | None = None
    details: bool = False
    """The line is about the document details (F2)."""
    conflict: int | None = None
    """The index of the conflict in ``document.conflicts``."""
    place: str = ""
    """A conflict's place in words."""

    @property
    def jumps(self) -> bool:
        """Whether the line leads somewhere."""
        return self.details or self.category_id is not None


def upkeep_items(
    document: AnswersDocument, catalogue: Catalogue, lang: Language
) -> list[UpkeepItem]:
    """What is due, then every conflict, in ``lang`` (the interface's)."""
    items: list[UpkeepItem] = []
    for path, message in check_upkeep(document, catalogue, lang):
        if path and path[0] != "conflicts":  # listed below, each in words of its own
            items.append(_due(path, message))
    wording = Wording(catalogue, document, document, lang)
    for index, conflict in enumerate(document.conflicts):
        items.append(_conflict(index, conflict, wording, lang))
    return items


def _due(path: KeyPath, message: str) -> UpkeepItem:
    message = message[:1].upper() + message[1:]  # validate's words, as a line of their own
    if path[0] == "categories" and len(path) >= 2:
        category_id = str(path[1])
        if len(path) >= 4 and path[2] in ("measures", "custom"):
            return UpkeepItem("planned", message, category_id, str(path[3]))
        return UpkeepItem("review", message, category_id)
    return UpkeepItem("review", message, details=path[0] == "document")


def _conflict(index: int, conflict: Conflict, wording: Wording, lang: Language) -> UpkeepItem:
    path = key_path(conflict.key)
    absent = t("review.absent", lang)
    place = conflict_place(path, conflict.key, wording)
    text = t(
        "review.conflict",
        lang,
        where=place,
        ours=one_line(conflict.ours) or absent,
        theirs=one_line(conflict.theirs) or absent,
    )
    category_id = item_id = None
    details = False
    if path and path[0] == "categories" and len(path) >= 2:
        category_id = path[1]
        if len(path) >= 4 and path[2] in ("measures", "custom", "answers", "answers_en"):
            item_id = path[3]
    elif path and path[0] in ("document", "history", "providers"):
        details = True
    return UpkeepItem("conflict", text, category_id, item_id, details, index, place)


def key_path(key: str) -> tuple[str, ...]:
    """The parts of a dotted TOML key (``history."1.1".changes``); empty when ``key`` is no
    key of one line."""
    if not key or len(key) > MAX_KEY or "\n" in key or "\r" in key:
        return ()
    try:
        node: Any = tomllib.loads(f"{key} = 0")
    except tomllib.TOMLDecodeError:
        return ()
    parts: list[str] = []
    while isinstance(node, dict) and len(node) == 1:
        name, node = next(iter(node.items()))
        parts.append(name)
    return tuple(parts) if node == 0 and not isinstance(node, bool) else ()


def conflict_place(path: tuple[str, ...], key: str, wording: Wording) -> str:
    """Where a conflict is, in words: the section (the document, a category's title, …), the
    thing (a measure's label, a version, a provider's name) and the field; the key itself
    (on one line) where it cannot be named."""
    change = _change(path)
    if change is None:
        return one_line(key)
    _, heading = wording.section(change)
    words = [heading, wording.subject(change), _field_words(change, wording)]
    return " › ".join(one_line(word, PLACE_PART) for word in words if word)


def _change(path: tuple[str, ...]) -> Change | None:
    """``path`` as a :class:`Change` of the diff's kind, which :class:`Wording` names."""
    if len(path) < 2:
        return None
    head, rest = path[0], path[1:]
    if head == "document":
        return Change("document", "changed", path, field=rest[0], detail=rest[1:])
    if head == "history":
        return Change("history", "changed", path, item=rest[0], field=_at(rest, 1))
    if head == "providers":
        return Change(
            "provider", "changed", path, item=rest[0], field=_at(rest, 1), detail=rest[2:]
        )
    if head != "categories":
        return None
    category_id, kind = rest[0], _at(rest, 1)
    if kind in ("measures", "custom") and len(rest) >= 3:
        scope: Literal["measure", "custom"] = "measure" if kind == "measures" else "custom"
        return Change(scope, "changed", path, category_id, rest[2], _at(rest, 3), detail=rest[4:])
    if kind in ("answers", "answers_en") and len(rest) >= 3:
        return Change("answer", "changed", path, category_id, rest[2], kind, detail=rest[3:])
    return Change("category", "changed", path, category_id, field=kind)


def _at(parts: tuple[str, ...], index: int) -> str:
    return parts[index] if index < len(parts) else ""


def _field_words(change: Change, wording: Wording) -> str:
    """The field of ``change`` in words ("Status", "Mindestlänge", "Gültig bis")."""
    lang = wording.lang
    if change.scope == "answer":
        return ""  # the subject names the question (and the row)
    if change.scope == "document":
        return (
            field_label(change.detail[-1], lang)
            if change.detail
            else field_label(change.field, lang)
        )
    if change.scope in ("measure", "custom") and change.field.startswith("parameters"):
        measure = wording.measure(change)
        if change.detail and measure is not None:
            spec = next((p for p in measure.parameters if p.id == change.detail[0]), None)
            if spec is not None:
                return wording.values.words(spec.label.get(lang))
        return field_label(change.field, lang)
    if change.scope == "provider" and change.field == "certifications":
        return field_label(change.detail[1], lang) if len(change.detail) > 1 else ""
    if not change.field:
        return ""
    return field_label(change.field, lang, category=change.scope == "category")
