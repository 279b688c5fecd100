"""Write an answers document as stable, readable TOML.

The layout is fixed so that the same data always gives the same bytes: the ``#:schema`` line
(:data:`~tomwizard.schema.ANSWERS_SCHEMA_HEADER`, so that editors using taplo check hand edits
against the JSON Schema), header keys, then
``[catalogue]``, ``[document]``, the merge's ``[[conflicts]]``, ``[history]``, ``[providers]``,
the ``[silenced]`` check rules and the categories in catalogue order. Inside a category,
questions, measures and parameters follow the catalogue too; ids the catalogue does not know
come last, in the order they were read. Empty values are left out (they read back as their
defaults), long texts become multi-line strings and dates stay native TOML dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import tomli_w

from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.schema import ANSWERS_SCHEMA_HEADER

_V = TypeVar("_V")


def dumps(document: AnswersDocument, catalogue: Catalogue) -> str:
    """The TOML text of ``document``, ordered like ``catalogue``, below the schema line."""
    body = tomli_w.dumps(to_data(document, catalogue), multiline_strings=True)
    return f"{ANSWERS_SCHEMA_HEADER}\n{body}"


def to_data(document: AnswersDocument, catalogue: Catalogue) -> dict[str, Any]:
    """The document as plain, ordered TOML data."""
    data: dict[str, Any] = {
        "schema_version": document.schema_version,
        "tomwizard_version": document.tomwizard_version,
        "catalogue": document.catalogue.model_dump(),
        "document": _details(document),
    }
    if document.conflicts:  # early in the file, where a hand editor sees them
        data["conflicts"] = [conflict.model_dump() for conflict in document.conflicts]
    if document.history:
        data["history"] = {
            version: entry.model_dump(exclude_defaults=True)
            for version, entry in document.history.items()
        }
    if document.providers:
        data["providers"] = {
            key: provider.model_dump(exclude_defaults=True)
            for key, provider in document.providers.items()
        }
    if document.silenced:
        data["silenced"] = {
            rule: silenced.model_dump(exclude_defaults=True)
            for rule, silenced in document.silenced.items()
        }
    order = [c.id for c in catalogue.categories]
    categories = {
        cid: _category(cid, answers, catalogue)
        for cid, answers in _ordered(document.categories, order)
    }
    if categories:
        data["categories"] = categories
    return data


_QUIET_DETAILS = {
    "title_en": "",
    "party_terms": "auftraggeber",
    "annex_word": "Anlage",
    "annex_word_en": "Annex",
    "contract_reference_en": "",
}
"""Document keys written only when they differ from their default (added after files existed
with every other key written out)."""
_QUIET_PARTY = ("function", "function_en", "place")


def _details(document: AnswersDocument) -> dict[str, Any]:
    data = document.document.model_dump(exclude_none=True)
    for key, default in _QUIET_DETAILS.items():
        if data.get(key) == default:
            del data[key]
    for party in ("controller", "processor"):
        for key in _QUIET_PARTY:
            if not data[party].get(key):
                del data[party][key]
    return data


def _category(cid: str, answers: CategoryAnswers, catalogue: Catalogue) -> dict[str, Any]:
    category = catalogue.category(cid)
    out: dict[str, Any] = answers.model_dump(
        include={"description", "description_en", "note", "provided_by", "shared", "reviewed"},
        exclude_defaults=True,
    )
    question_order = [q.id for q in category.questions] if category else []
    if answers.answers:
        out["answers"] = dict(_ordered(answers.answers, question_order))
    if answers.answers_en:
        out["answers_en"] = dict(_ordered(answers.answers_en, question_order))
    if answers.measures:
        measure_order = [m.id for _, m in catalogue.measures(cid)]
        out["measures"] = {
            mid: _measure(cid, mid, measure, catalogue)
            for mid, measure in _ordered(answers.measures, measure_order)
        }
    if answers.custom:
        out["custom"] = {
            key: custom.model_dump(exclude_defaults=True) for key, custom in answers.custom.items()
        }
    return out


def _measure(cid: str, mid: str, answer: MeasureAnswer, catalogue: Catalogue) -> dict[str, Any]:
    out = answer.model_dump(exclude_defaults=True, exclude={"parameters", "parameters_en"})
    measure = catalogue.measure(cid, mid)
    order = [p.id for p in measure.parameters] if measure else []
    if answer.parameters:
        out["parameters"] = dict(_ordered(answer.parameters, order))
    if answer.parameters_en:
        out["parameters_en"] = dict(_ordered(answer.parameters_en, order))
    # keep the documented key order
    keys = [
        "status",
        "target_date",
        "reason",
        "reason_en",
        "parameters",
        "parameters_en",
        "note",
        "note_en",
        "provided_by",
        "shared",
    ]
    return {key: out[key] for key in keys if key in out}


def _ordered(items: Mapping[str, _V], order: Iterable[str]) -> list[tuple[str, _V]]:
    """``items`` in catalogue ``order``; unknown keys after, in their own order."""
    known = [(key, items[key]) for key in order if key in items]
    seen = {key for key, _ in known}
    return known + [(key, value) for key, value in items.items() if key not in seen]
