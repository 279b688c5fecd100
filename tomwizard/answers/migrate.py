"""Bring an answers document written with an older catalogue version up to today's ids.

:func:`migrate` applies every migration of the catalogue (:mod:`tomwizard.catalogue.migrations`)
that is newer than the version recorded in the file, and says what it changed. Nothing is lost:

* an answer whose new place is already taken stays where it was (it is then reported as an
  unknown id and kept in the file);
* a measure removed without successor keeps its answers under the old id;
* a parameter value that no longer fits its parameter (a number where a vocabulary option is now
  expected and no mapping covers it) moves to a key of its own, ``<parameter>_v<old version>``,
  where it is kept and reported.

The next save writes the document under the new ids (and the new catalogue version).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tomwizard.answers.migrate_words import SAY
from tomwizard.answers.model import (
    AnswersDocument,
    CategoryAnswers,
    Certification,
    MeasureAnswer,
    Provider,
)
from tomwizard.answers.value_check import value_problem
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.migrations import Migration, version_key
from tomwizard.languages import Language

KeyPath = tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One thing :func:`migrate` changed, at the key where the file had it."""

    path: KeyPath
    message: str


def migrate(
    document: AnswersDocument, catalogue: Catalogue, lang: Language
) -> tuple[AnswersDocument, list[Change]]:
    """``document`` with the ids of later catalogue versions, and what changed, in ``lang``
    (empty when the file is current or of another catalogue)."""
    if document.catalogue.id != catalogue.id:
        return document, []
    written = version_key(document.catalogue.version)
    due = [m for m in catalogue.migrations if version_key(m.version) > written]
    if not due:
        return document, []
    migrated = document.model_copy(deep=True)
    changes: list[Change] = []
    for migration in due:
        _Migrator(migrated, migration, changes, lang).run()
    _park_unfit_values(migrated, catalogue, document.catalogue.version, changes, lang)
    return migrated, changes


class _Migrator:
    def __init__(
        self,
        document: AnswersDocument,
        migration: Migration,
        changes: list[Change],
        lang: Language,
    ):
        self.document = document
        self.migration = migration
        self.changes = changes
        self.lang: Language = lang

    def note(self, path: KeyPath, key: str, /, **values: object) -> None:
        """Record a change at ``path``: the message ``key`` of :data:`SAY` with ``values``."""
        message = SAY(key, self.lang, **values)
        since = SAY("since", self.lang, version=self.migration.version, message=message)
        self.changes.append(Change(path, since))

    def category(self, category_id: str) -> CategoryAnswers:
        return self.document.categories.setdefault(category_id, CategoryAnswers())

    def run(self) -> None:
        self._questions()
        self._options()
        self._measures()
        self._parameters()
        self._values()
        self._providers_from_tables()

    def _questions(self) -> None:
        for move in self.migration.question:
            old_c, old_q = move.from_.split(".", 1)
            new_c, new_q = move.to.split(".", 1)
            source = self.document.categories.get(old_c)
            if source is None or old_q not in source.answers:
                continue
            path = ("categories", old_c, "answers", old_q)
            target = self.category(new_c)
            if new_q in target.answers:
                self.note(path, "question_taken", to=move.to)
                continue
            target.answers[new_q] = source.answers.pop(old_q)
            self.note(path, "question", old=move.from_, new=move.to)

    def _options(self) -> None:
        for rename in self.migration.option:
            cid, qid = rename.question.split(".", 1)
            answers = self.document.categories.get(cid)
            value = answers.answers.get(qid) if answers else None
            if answers is None or value is None:
                continue
            path = ("categories", cid, "answers", qid)
            if value == rename.from_:
                answers.answers[qid] = rename.to
            elif isinstance(value, list) and rename.from_ in value:
                answers.answers[qid] = [rename.to if v == rename.from_ else v for v in value]
            else:
                continue
            self.note(path, "option", old=repr(rename.from_), new=repr(rename.to))

    def _measures(self) -> None:
        for move in self.migration.measure:
            old_c, old_m = move.from_.split(".", 1)
            source = self.document.categories.get(old_c)
            if source is None or old_m not in source.measures:
                continue
            path = ("categories", old_c, "measures", old_m)
            if move.to is None:
                why = f" ({move.note})" if move.note else ""
                self.note(path, "removed", old=move.from_, why=why)
                continue
            new_c, new_m = move.to.split(".", 1)
            target = self.category(new_c)
            if move.to == move.from_:  # the measure stays; it only gets parameter values
                answer = source.measures[old_m]
                added = {k: v for k, v in move.set.items() if k not in answer.parameters}
                answer.parameters.update(added)
                if added:
                    self.note(path, "gets", old=move.from_, added=added)
                continue
            if new_m in target.measures and not self._merge(
                source.measures[old_m], target.measures[new_m], move.set
            ):
                self.note(path, "not_merged", to=move.to)
                continue
            if new_m in target.measures:
                source.measures.pop(old_m)
                self.note(path, "merged", old=move.from_, new=move.to)
                continue
            answer = source.measures.pop(old_m)
            for key, value in move.set.items():
                answer.parameters.setdefault(key, value)
            target.measures[new_m] = answer
            self.note(path, "measure", old=move.from_, new=move.to)
            for ref in move.also:
                also_c, also_m = ref.split(".", 1)
                split = self.category(also_c)
                if also_m in split.measures:
                    continue
                split.measures[also_m] = MeasureAnswer(
                    status=answer.status, target_date=answer.target_date, reason=answer.reason
                )
                self.note(path, "also", old=move.from_, new=ref)

    @staticmethod
    def _merge(old: MeasureAnswer, into: MeasureAnswer, values: dict[str, object]) -> bool:
        """Merge ``old`` into an answer of the same status: its remark is appended, its
        parameters fill gaps. False (nothing changed) when the statuses differ or a parameter
        would be overwritten."""
        if old.status != into.status:
            return False
        parameters = {**values, **old.parameters}
        if any(into.parameters.get(k, v) != v for k, v in parameters.items()):
            return False
        for key, value in parameters.items():
            into.parameters.setdefault(key, value)
        if old.note.strip() and old.note.strip() not in into.note:
            into.note = f"{into.note.rstrip()}\n{old.note.strip()}".strip()
        if old.reason.strip() and old.reason.strip() not in into.reason:
            into.reason = f"{into.reason.rstrip()}\n{old.reason.strip()}".strip()
        into.target_date = into.target_date or old.target_date
        return True

    def _parameters(self) -> None:
        for rename in self.migration.parameter:
            cid, mid = rename.measure.split(".", 1)
            answers = self.document.categories.get(cid)
            answer = answers.measures.get(mid) if answers else None
            if answer is None or rename.from_ not in answer.parameters:
                continue
            path = ("categories", cid, "measures", mid, "parameters", rename.from_)
            if rename.to in answer.parameters:
                self.note(path, "parameter_taken", to=repr(rename.to))
                continue
            answer.parameters[rename.to] = answer.parameters.pop(rename.from_)
            self.note(path, "parameter", old=repr(rename.from_), new=repr(rename.to))

    def _values(self) -> None:
        for mapping in self.migration.value:
            cid, mid, pid = mapping.parameter.split(".", 2)
            answers = self.document.categories.get(cid)
            answer = answers.measures.get(mid) if answers else None
            if answer is None or pid not in answer.parameters:
                continue
            value = answer.parameters[pid]
            if type(value) is not type(mapping.from_) and not (
                _number(value) and _number(mapping.from_)
            ):
                continue
            if value != mapping.from_:
                continue
            answer.parameters[pid] = mapping.to
            path = ("categories", cid, "measures", mid, "parameters", pid)
            self.note(path, "value", old=repr(value), new=repr(mapping.to))

    def _providers_from_tables(self) -> None:
        for spec in self.migration.providers_from_table:
            cid, qid = spec.question.split(".", 1)
            answers = self.document.categories.get(cid)
            rows = answers.answers.get(qid) if answers else None
            if not isinstance(rows, dict):
                continue
            moved = (spec.standard, spec.valid_until)
            for row_id, row in rows.items():
                if not isinstance(row, dict) or not any(row.get(c) for c in moved if c):
                    continue
                key = re.sub(r"[^A-Za-z0-9_-]", "-", str(row_id))[:64] or "anbieter"
                if key in self.document.providers:
                    continue
                valid = row.get(spec.valid_until) if spec.valid_until else None
                certificate = Certification(
                    standard=str(row.get(spec.standard) or ""),
                    valid_until=valid if isinstance(valid, dt.date) else None,
                )
                self.document.providers[key] = Provider.model_validate(
                    {
                        "name": str(row.get(spec.name) or row_id),
                        "role": spec.role,
                        "certifications": {"z1": certificate.model_dump()},
                    },
                    strict=False,
                )
                for column in moved:
                    if column and not (
                        column == spec.valid_until
                        and valid is not None
                        and not isinstance(valid, dt.date)
                    ):
                        row.pop(column, None)
                self.note(
                    ("categories", cid, "answers", qid, str(row_id)),
                    "certificate",
                    name=row.get(spec.name) or row_id,
                    key=key,
                )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _park_unfit_values(
    document: AnswersDocument,
    catalogue: Catalogue,
    version: str,
    changes: list[Change],
    lang: Language,
) -> None:
    """Move parameter values that no longer fit their parameter to a key of their own."""
    suffix = "_v" + "_".join(part for part in version.split(".") if part.isdigit())
    for cid, answers in document.categories.items():
        for mid, answer in answers.measures.items():
            measure = catalogue.measure(cid, mid)
            if measure is None:
                continue
            specs = {p.id: p for p in measure.parameters}
            for pid in list(answer.parameters):
                spec = specs.get(pid)
                if spec is None or value_problem(spec, answer.parameters[pid], lang) is None:
                    continue
                kept = f"{pid}{suffix}"[:64]
                if kept in answer.parameters:
                    continue
                answer.parameters[kept] = answer.parameters.pop(pid)
                changes.append(
                    Change(
                        ("categories", cid, "measures", mid, "parameters", pid),
                        SAY("unfit", lang, parameter=repr(pid), kept=repr(kept)),
                    )
                )
