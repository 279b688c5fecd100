"""Comparing two answers documents by meaning, not by text.

Both documents are compared as loaded (validated, ids of older catalogue versions migrated), so
the order of tables and keys, quoting, spacing, comments and the version of tomwizard or of the
catalogue that saved them are no change. An entry that holds nothing (a measure without status
or values) counts as absent. Changes come in the order of the annex: document details, history,
the categories in catalogue order (each: its own fields, the answers in question order, the
measures in catalogue order, then ids the catalogue does not know, then own measures), the
service providers, then what is never exported (silenced rules, merge conflicts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from tomwizard.answers.model import (
    AnswersDocument,
    CategoryAnswers,
    CustomMeasure,
    DocumentDetails,
    HistoryEntry,
    MeasureAnswer,
    Provider,
)
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Category, TableQuestion
from tomwizard.changes.model import Change, action_of, is_empty, same

_CATEGORY_FIELDS = ("description", "description_en", "note", "provided_by", "shared", "reviewed")
_MEASURE_FIELDS = ("target_date", "reason", "reason_en", "note", "note_en", "provided_by", "shared")
_CUSTOM_FIELDS = ("label", "label_en", "phrase", "phrase_en", "kind", "question")
_PROVIDER_FIELDS = ("name", "role", "service", "service_en")
_QUALIFIERS = {"planned": "target_date", "not_applicable": "reason"}
"""The field that goes with a status (and is reported with it when the status changes)."""


def compare(old: AnswersDocument, new: AnswersDocument, catalogue: Catalogue) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the annex (see the module)."""
    changes: list[Change] = []
    changes.extend(_document(old.document, new.document))
    changes.extend(_history(old, new))
    for category_id in _ordered(
        [c.id for c in catalogue.categories], old.categories, new.categories
    ):
        before = old.categories.get(category_id) or CategoryAnswers()
        after = new.categories.get(category_id) or CategoryAnswers()
        changes.extend(_category(category_id, before, after, catalogue.category(category_id)))
    changes.extend(_providers(old, new))
    changes.extend(_upkeep(old, new))
    return changes


def _ordered(known: Iterable[str], old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
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
class _At:
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
            old=_plain(old),
            new=_plain(new),
        )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python", exclude_defaults=True)
    return value


def _document(old: DocumentDetails, new: DocumentDetails) -> Iterator[Change]:
    at = _At(Change("document", "changed", ("document",)))
    for name in DocumentDetails.model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if isinstance(before, BaseModel):
            for part in type(before).model_fields:
                yield from at.values(
                    name, getattr(before, part), getattr(after, part), detail=(part,)
                )
        else:
            yield from at.values(name, before, after)


def _history(old: AnswersDocument, new: AnswersDocument) -> Iterator[Change]:
    for version in _ordered((), old.history, new.history):
        before, after = old.history.get(version), new.history.get(version)
        at = _At(Change("history", "changed", ("history", version), item=version))
        if before is None or after is None:
            yield at.item(before, after)
            continue
        for name in HistoryEntry.model_fields:
            yield from at.values(name, getattr(before, name), getattr(after, name))


def _category(
    category_id: str, old: CategoryAnswers, new: CategoryAnswers, category: Category | None
) -> Iterator[Change]:
    path = ("categories", category_id)
    at = _At(Change("category", "changed", path, category=category_id))
    for name in _CATEGORY_FIELDS:
        yield from at.values(name, getattr(old, name), getattr(new, name))
    questions = [q.id for q in category.questions] if category else []
    columns = {
        q.id: [c.id for c in q.columns]
        for q in (category.questions if category else [])
        if isinstance(q, TableQuestion)
    }
    for field in ("answers", "answers_en"):
        before, after = getattr(old, field), getattr(new, field)
        for question_id in _ordered(questions, before, after):
            answer = _At(
                Change(
                    "answer",
                    "changed",
                    (*path, field, question_id),
                    category=category_id,
                    item=question_id,
                    field=field,
                )
            )
            yield from _answer(
                answer,
                field,
                before.get(question_id),
                after.get(question_id),
                columns.get(question_id, []),
            )
    known = [
        m.id for q in (category.questions if category else []) for m in getattr(q, "measures", [])
    ]
    parameters = {
        m.id: [p.id for p in m.parameters]
        for q in (category.questions if category else [])
        for m in getattr(q, "measures", [])
    }
    for measure_id in _ordered(known, old.measures, new.measures):
        yield from _measure(
            Change(
                "measure",
                "changed",
                (*path, "measures", measure_id),
                category=category_id,
                item=measure_id,
            ),
            old.measures.get(measure_id),
            new.measures.get(measure_id),
            parameters.get(measure_id, []),
        )
    for custom_id in _ordered((), old.custom, new.custom):
        yield from _measure(
            Change(
                "custom",
                "changed",
                (*path, "custom", custom_id),
                category=category_id,
                item=custom_id,
            ),
            old.custom.get(custom_id),
            new.custom.get(custom_id),
            [],
        )


def _answer(at: _At, field: str, old: Any, new: Any, columns: list[str]) -> Iterator[Change]:
    """An answer; a table's (dicts of rows) row by row and cell by cell."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        yield from at.values(field, old, new, where=())
        return
    for row in _ordered((), old, new):
        before, after = old.get(row), new.get(row)
        if not (isinstance(before, dict) and isinstance(after, dict)):
            yield from at.values(field, before, after, detail=(row,), where=(row,))
            continue
        for column in _ordered(columns, before, after):
            yield from at.values(
                field,
                before.get(column),
                after.get(column),
                detail=(row, column),
                where=(row, column),
            )


def _present(state: MeasureAnswer | None) -> MeasureAnswer | None:
    """``state``, or None when it holds nothing (the same as no entry)."""
    if state is None or (type(state) is MeasureAnswer and state == MeasureAnswer()):
        return None
    return state


def _measure(
    template: Change, old: MeasureAnswer | None, new: MeasureAnswer | None, parameters: list[str]
) -> Iterator[Change]:
    old, new = _present(old), _present(new)
    at = _At(template)
    if old is None and new is None:
        return
    if old is None or new is None:
        yield at.item(old, new)
        return
    folded: set[str] = set()
    if old.status != new.status:
        folded = {"target_date", "reason"}
        yield replace(
            template,
            action=action_of(old.status, new.status),
            path=(*template.path, "status"),
            field="status",
            old=status_value(old),
            new=status_value(new),
        )
    if isinstance(old, CustomMeasure) and isinstance(new, CustomMeasure):
        for name in _CUSTOM_FIELDS:
            yield from at.values(name, getattr(old, name), getattr(new, name))
    for name in _MEASURE_FIELDS:
        if name not in folded:
            yield from at.values(name, getattr(old, name), getattr(new, name))
    for field in ("parameters", "parameters_en"):
        before, after = getattr(old, field), getattr(new, field)
        for parameter in _ordered(parameters, before, after):
            yield from at.values(
                field, before.get(parameter), after.get(parameter), detail=(parameter,)
            )


def status_value(state: MeasureAnswer) -> dict[str, Any]:
    """A measure's status with the target date (planned) or reason (not applicable) that goes
    with it, when given."""
    value: dict[str, Any] = {"status": state.status}
    qualifier = _QUALIFIERS.get(state.status or "")
    if qualifier is not None and not is_empty(getattr(state, qualifier)):
        value[qualifier] = getattr(state, qualifier)
    return value


def _providers(old: AnswersDocument, new: AnswersDocument) -> Iterator[Change]:
    for provider_id in _ordered((), old.providers, new.providers):
        before, after = old.providers.get(provider_id), new.providers.get(provider_id)
        at = _At(Change("provider", "changed", ("providers", provider_id), item=provider_id))
        if before is None or after is None:
            yield at.item(before, after)
            continue
        yield from _provider(at, before, after)


def _provider(at: _At, old: Provider, new: Provider) -> Iterator[Change]:
    for name in _PROVIDER_FIELDS:
        yield from at.values(name, getattr(old, name), getattr(new, name))
    for key in _ordered((), old.certifications, new.certifications):
        before, after = old.certifications.get(key), new.certifications.get(key)
        if before is None or after is None:
            yield from at.values("certifications", _plain(before), _plain(after), detail=(key,))
            continue
        for name in type(before).model_fields:
            yield from at.values(
                "certifications", getattr(before, name), getattr(after, name), detail=(key, name)
            )


def _upkeep(old: AnswersDocument, new: AnswersDocument) -> Iterator[Change]:
    for rule in _ordered((), old.silenced, new.silenced):
        before, after = old.silenced.get(rule), new.silenced.get(rule)
        at = _At(Change("upkeep", "changed", ("silenced", rule), item=rule, field="silenced"))
        if before is None or after is None:
            yield replace(at.item(before, after), field="silenced")
            continue
        for name in type(before).model_fields:
            yield from at.values(
                "silenced",
                getattr(before, name),
                getattr(after, name),
                detail=(name,),
                where=(name,),
            )
    before_keys = {c.key: (i, c) for i, c in enumerate(old.conflicts)}
    after_keys = {c.key: (i, c) for i, c in enumerate(new.conflicts)}
    for key in _ordered((), before_keys, after_keys):
        found_old, found_new = before_keys.get(key), after_keys.get(key)
        index = (found_new or found_old or (0, None))[0]
        at = _At(Change("upkeep", "changed", ("conflicts", index), item=key, field="conflicts"))
        a = _plain(found_old[1]) if found_old else None
        b = _plain(found_new[1]) if found_new else None
        if a is None or b is None:
            yield replace(at.item(a, b), field="conflicts")
        elif not same(a, b):
            yield replace(at.item(a, b), action="changed", old=a, new=b)
