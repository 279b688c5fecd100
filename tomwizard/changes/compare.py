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

from collections.abc import Iterator, Mapping
from dataclasses import replace
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
from tomwizard.changes.model import Change, Scope, action_of, is_empty, same
from tomwizard.changes.walk import At, ordered, plain

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
    for category_id in ordered(
        [c.id for c in catalogue.categories], old.categories, new.categories
    ):
        before = old.categories.get(category_id) or CategoryAnswers()
        after = new.categories.get(category_id) or CategoryAnswers()
        changes.extend(_category(category_id, before, after, catalogue.category(category_id)))
    changes.extend(_providers(old, new))
    changes.extend(_upkeep(old, new))
    return changes


def _document(old: DocumentDetails, new: DocumentDetails) -> Iterator[Change]:
    at = At(Change("document", "changed", ("document",)))
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
    for version in ordered((), old.history, new.history):
        before, after = old.history.get(version), new.history.get(version)
        at = At(Change("history", "changed", ("history", version), item=version))
        if before is None or after is None:
            yield at.item(before, after)
            continue
        for name in HistoryEntry.model_fields:
            yield from at.values(name, getattr(before, name), getattr(after, name))


def _category(
    category_id: str, old: CategoryAnswers, new: CategoryAnswers, category: Category | None
) -> Iterator[Change]:
    path = ("categories", category_id)
    at = At(Change("category", "changed", path, category=category_id))
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
        for question_id in ordered(questions, before, after):
            answer = At(
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
    lists: list[tuple[Scope, str, Mapping[str, MeasureAnswer], Mapping[str, MeasureAnswer]]] = [
        ("measure", "measures", old.measures, new.measures),
        ("custom", "custom", old.custom, new.custom),
    ]
    for kind, key, before, after in lists:
        for item_id in ordered(known if kind == "measure" else (), before, after):
            where = (*path, key, item_id)
            yield from _measure(
                Change(kind, "changed", where, category=category_id, item=item_id),
                before.get(item_id),
                after.get(item_id),
                parameters.get(item_id, []) if kind == "measure" else [],
            )


def _answer(at: At, field: str, old: Any, new: Any, columns: list[str]) -> Iterator[Change]:
    """An answer; a table's (dicts of rows) row by row and cell by cell."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        yield from at.values(field, old, new, where=())
        return
    for row in ordered((), old, new):
        before, after = old.get(row), new.get(row)
        if not (isinstance(before, dict) and isinstance(after, dict)):
            yield from at.values(field, before, after, detail=(row,), where=(row,))
            continue
        for column in ordered(columns, before, after):
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
    at = At(template)
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
        for parameter in ordered(parameters, before, after):
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
    for provider_id in ordered((), old.providers, new.providers):
        before, after = old.providers.get(provider_id), new.providers.get(provider_id)
        at = At(Change("provider", "changed", ("providers", provider_id), item=provider_id))
        if before is None or after is None:
            yield at.item(before, after)
            continue
        yield from _provider(at, before, after)


def _provider(at: At, old: Provider, new: Provider) -> Iterator[Change]:
    for name in _PROVIDER_FIELDS:
        yield from at.values(name, getattr(old, name), getattr(new, name))
    for key in ordered((), old.certifications, new.certifications):
        before, after = old.certifications.get(key), new.certifications.get(key)
        if before is None or after is None:
            yield from at.values("certifications", plain(before), plain(after), detail=(key,))
            continue
        for name in type(before).model_fields:
            yield from at.values(
                "certifications", getattr(before, name), getattr(after, name), detail=(key, name)
            )


def _upkeep(old: AnswersDocument, new: AnswersDocument) -> Iterator[Change]:
    for rule in ordered((), old.silenced, new.silenced):
        before, after = old.silenced.get(rule), new.silenced.get(rule)
        at = At(Change("upkeep", "changed", ("silenced", rule), item=rule, field="silenced"))
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
    for key in ordered((), before_keys, after_keys):
        found_old, found_new = before_keys.get(key), after_keys.get(key)
        index = (found_new or found_old or (0, None))[0]
        at = At(Change("upkeep", "changed", ("conflicts", index), item=key, field="conflicts"))
        a = plain(found_old[1]) if found_old else None
        b = plain(found_new[1]) if found_new else None
        if a is None or b is None:
            yield replace(at.item(a, b), field="conflicts")
        elif not same(a, b):
            yield replace(at.item(a, b), action="changed", old=a, new=b)
