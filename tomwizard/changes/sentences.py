"""The changes as plain sentences for the change notice to the controller.

Only what the annex prints counts: a category's internal note, review dates, silenced check
rules and merge conflicts are never in the annex, nor are the English versions of texts (an
English notice of a German document is made from its English versions, as the English annex
is), nor the remark or values of a measure that has no status in either version. Version and
date of the document are said in the notice's introduction, not as a change.

A measure's sentence uses the measure's phrase as the annex prints it ("Mehr-Faktor-
Authentisierung: jetzt umgesetzt (bisher nicht aufgeführt). Ein zweiter Faktor ist für
administrative Zugänge erforderlich."); everything else is "what: jetzt X (bisher Y)". Nothing
is said that the two documents do not say.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tomwizard.answers.model import AnswersDocument, CustomMeasure, MeasureAnswer
from tomwizard.catalogue.model import Language
from tomwizard.changes.compare import status_value
from tomwizard.changes.labels import field_label
from tomwizard.changes.model import Change
from tomwizard.changes.words import Wording
from tomwizard.export.formatting import format_date, render_measure_phrase, sentence
from tomwizard.export.text import comparable

_INTRO_FIELDS = ("version", "date")
_NEVER_EXPORTED = ("last_review", "review_interval_months", "reviewed")
_TEXTS: dict[str, tuple[str, str]] = {
    "now": ("{what}: jetzt {new} (bisher {old})", "{what}: now {new} (previously {old})"),
    "added": ("{what}: ergänzt: {new}", "{what}: added: {new}"),
    "removed": ("{what}: gestrichen (bisher {old})", "{what}: deleted (previously {old})"),
    "listed": ("{what}: neu aufgeführt: {new}", "{what}: newly listed: {new}"),
    "listed_bare": ("{what}: neu aufgeführt", "{what}: newly listed"),
    "unlisted": (
        "{what}: nicht mehr aufgeführt (bisher {old})",
        "{what}: no longer listed (previously {old})",
    ),
    "unlisted_bare": ("{what}: nicht mehr aufgeführt", "{what}: no longer listed"),
    "not_listed": ("nicht aufgeführt", "not listed"),
    "of_date": ("{what} vom {date}", "{what} of {date}"),
    "phrase": ("{what}: {new} Bisher: {old}", "{what}: {new} Previously: {old}"),
}


def _t(key: str, lang: Language) -> str:
    de, en = _TEXTS[key]
    return de if lang == "de" else en


def _sentence(text: str) -> str:
    """``text`` ending as a sentence; a quotation that ends with its own full stop ends it."""
    text = text.rstrip()
    if text[-1:] in ("“", "”") and text[-2:-1] in (".", "!", "?", "…"):
        return text
    return sentence(text)


@dataclass(frozen=True)
class Section:
    """A heading of the notice and the sentences under it."""

    key: str
    title: str
    sentences: list[str]


class Sentences:
    """Makes the sentences of a notice from the changes between two documents (both as the
    notice's language prints them)."""

    def __init__(self, wording: Wording) -> None:
        self.wording = wording
        self.lang = wording.lang
        self.old = wording.old
        self.new = wording.new

    def sections(self, changes: Sequence[Change]) -> list[Section]:
        """The sentences by section, in the order of the changes."""
        sections: dict[str, Section] = {}
        for change, text in self._sentences([c for c in changes if self.printed(c)]):
            key, title = self.wording.section(change)
            sections.setdefault(key, Section(key, title, [])).sentences.append(_sentence(text))
        return list(sections.values())

    # -- what the annex prints -------------------------------------------------------------

    def printed(self, change: Change) -> bool:
        """Whether ``change`` changes what the annex prints."""
        if change.scope == "upkeep" or change.field.endswith("_en"):
            return False
        if change.scope == "document":
            return change.field not in (*_INTRO_FIELDS, *_NEVER_EXPORTED)
        if change.scope == "category":
            return change.field not in ("note", *_NEVER_EXPORTED)
        if change.scope in ("measure", "custom"):
            before, after = self._state(self.old, change), self._state(self.new, change)
            statuses = {s.status for s in (before, after) if s is not None}
            if not statuses - {None}:
                return False
            qualifier = {"target_date": "planned", "reason": "not_applicable"}.get(change.field)
            return qualifier is None or qualifier in statuses
        return True

    @staticmethod
    def _state(document: AnswersDocument, change: Change) -> MeasureAnswer | None:
        answers = document.categories.get(change.category)
        if answers is None:
            return None
        table = answers.custom if change.scope == "custom" else answers.measures
        return table.get(change.item)

    # -- sentences ---------------------------------------------------------------------------

    def _sentences(self, changes: list[Change]) -> Iterator[tuple[Change, str]]:
        # measures whose sentence was given: the changes it shows are not repeated
        phrased: set[tuple[str, str, str]] = set()
        for change in changes:
            key = (change.scope, change.category, change.item)
            if change.scope in ("measure", "custom"):
                if key in phrased and self._in_phrase(change):
                    continue
                said = self._measure(change)
                if said is not None:
                    text, with_phrase = said
                    if with_phrase:
                        phrased.add(key)
                    yield change, text
                    continue
            yield change, self._plain(change)

    def _plain(self, change: Change) -> str:
        wording = self.wording
        if change.scope == "history" and change.action == "added" and not change.field:
            return self._history(change)
        what = wording.subject(change)
        if not wording.is_item(change):
            label = wording.label(change)
            what = f"{what} – {label}" if what and label else (what or label)
        old = self._quoted(change.old, wording.value(change, change.old))
        new = self._quoted(change.new, wording.value(change, change.new))
        if wording.is_item(change):
            key = {"added": "listed", "removed": "unlisted"}.get(change.action, "now")
            if key != "now" and not (new or old):
                key += "_bare"
            return _t(key, self.lang).format(what=what, old=old, new=new)
        return _t(change.action if change.action != "changed" else "now", self.lang).format(
            what=what, old=old, new=new
        )

    def _quoted(self, raw: object, shown: str) -> str:
        """``shown`` in quotation marks when it is the user's own text (it may end with a full
        stop of its own); dates, numbers and options as they are."""
        if not isinstance(raw, str) or not shown or comparable(shown) != comparable(raw):
            return shown
        return f"„{shown}“" if self.lang == "de" else f"“{shown}”"

    def _history(self, change: Change) -> str:
        """A new entry of the change history as it reads there: "Version 1.1 vom 01.02.2026
        (Erika Muster): MFA eingeführt"."""
        entry = self.new.history[change.item]
        what = self.wording.subject(change)
        if entry.date is not None:
            what = _t("of_date", self.lang).format(
                what=what, date=format_date(entry.date, self.lang)
            )
        if entry.author.strip():
            what = f"{what} ({entry.author.strip()})"
        return f"{what}: {entry.changes.strip()}" if entry.changes.strip() else what

    def _status(self, state: MeasureAnswer | None) -> str:
        """A status in a few words: "geplant bis 30.09.2025", "nicht aufgeführt" (a reason is
        said in a sentence of its own)."""
        if state is None or state.status is None:
            return _t("not_listed", self.lang)
        value = status_value(state)
        value.pop("reason", None)
        return self.wording.values.status(value)

    def _reason(self, state: MeasureAnswer | None) -> str:
        if state is None or state.status != "not_applicable" or not state.reason.strip():
            return ""
        return f"{field_label('reason', self.lang)}: {sentence(state.reason.strip())}"

    def _measure(self, change: Change) -> tuple[str, bool] | None:
        """A measure's status change, or its changed sentence, and whether the measure's
        sentence is part of it; None for a change said in plain words."""
        before, after = self._state(self.old, change), self._state(self.new, change)
        what = self.wording.subject(change)
        implemented = after is not None and after.status == "implemented"
        if change.field in ("", "status"):
            listed = after is not None and after.status is not None
            text = _t("now" if listed else "unlisted", self.lang).format(
                what=what, new=self._status(after), old=self._status(before)
            )
            if implemented and after is not None:
                return f"{sentence(text)} {self.phrase(change, after)}", True
            reason = self._reason(after)
            return (f"{sentence(text)} {reason}" if reason else text), False
        if change.field == "parameters" and implemented and after is not None:
            old = self.phrase(change, before) if before is not None else ""
            new = self.phrase(change, after)
            if old != new and self._in_phrase(change):
                return _t("phrase", self.lang).format(what=what, new=new, old=old), True
        return None

    def _in_phrase(self, change: Change) -> bool:
        """Whether the measure's sentence shows ``change`` (its status, or a parameter it
        names)."""
        if change.field in ("", "status"):
            return True
        if change.field != "parameters" or change.scope != "measure":
            return False
        measure = self.wording.measure(change)
        if measure is None:
            return False
        text = measure.phrase.get(self.lang)
        name = change.detail[0]
        return f"{{{name}}}" in text or f"{{{name}:" in text

    def phrase(self, change: Change, state: MeasureAnswer) -> str:
        """The measure's sentence as the annex prints it."""
        if isinstance(state, CustomMeasure):
            return state.phrase.strip() or sentence(state.label)
        measure = self.wording.measure(change)
        if measure is None:
            return sentence(change.item)
        return render_measure_phrase(
            measure, state.parameters, self.lang, self.wording.values.words
        )
