"""Warnings about a document's upkeep: what the calendar or a merge left to do.

A TOM annex is a promise that holds only while someone keeps it current, so :func:`check_upkeep`
warns when the next review date (``document.next_review``) has passed, when a category that
applies and has answers was not reviewed within ``document.review_interval_months``, when a
planned measure the annex prints is past its ``target_date``, and for every ``[[conflicts]]``
entry a merge left to decide. These are warnings, never errors: the file stays valid and
exportable (``validate --strict`` fails on them). Today's date comes from
:func:`tomwizard.clock.today`. Reviewing a category only silences its warning; the annex does not
print it.
"""

from __future__ import annotations

import calendar
import datetime as dt

from tomwizard import clock
from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer
from tomwizard.answers.printed import date_text, one_line, printed_measures
from tomwizard.answers.visibility import Visibility, is_answered
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Category, Language

KeyPath = tuple[str | int, ...]
Finding = tuple[KeyPath, str]
"""Where (a key path of the file) and what, in words of the reader's language."""

_TEXTS: dict[str, tuple[str, str]] = {
    "next_review": (
        "Die nächste Überprüfung war am {date} fällig; die Maßnahmen überprüfen und ein neues "
        "Datum eintragen",
        "the next review was due on {date}; review the measures and set a new date",
    ),
    "reviewed": (
        "{title}: zuletzt am {date} geprüft, vor mehr als {months} Monaten (Prüfintervall); "
        "die Kategorie prüfen und das Datum eintragen",
        "{title}: last reviewed on {date}, more than {months} months ago (review interval); "
        "review the category and record the date",
    ),
    "last_review": (
        "{title}: nicht einzeln geprüft, und die letzte Überprüfung des Dokuments ({date}) liegt "
        "mehr als {months} Monate zurück (Prüfintervall); die Kategorie prüfen und das Datum "
        "eintragen",
        "{title}: not reviewed on its own, and the document's last review ({date}) is more "
        "than {months} months ago (review interval); review the category and record the date",
    ),
    "document_date": (
        "{title}: noch nie geprüft, und das Datum des Dokuments ({date}) liegt mehr als {months} "
        "Monate zurück (Prüfintervall); die Kategorie prüfen und das Datum eintragen",
        "{title}: never reviewed, and the document's date ({date}) is more than {months} months "
        "ago (review interval); review the category and record the date",
    ),
    "never": (
        "{title}: noch nie geprüft (Prüfintervall {months} Monate); die Kategorie prüfen und "
        "das Datum eintragen",
        "{title}: never reviewed (review interval {months} months); review the category and "
        "record the date",
    ),
    "target_date": (
        "{label}: geplant bis {date}, der Termin ist überschritten; die Maßnahme umsetzen oder "
        "einen neuen Zieltermin eintragen",
        "{label}: planned by {date}, which has passed; implement the measure or set a new "
        "target date",
    ),
    "conflict": (
        "Konflikt beim Zusammenführen (merge) bei {key}: behalten wurde {ours}, die andere "
        "Seite hatte {theirs}; entscheiden und den Eintrag entfernen",
        "merge conflict at {key}: kept {ours}, the other side had {theirs}; decide and remove "
        "the entry",
    ),
    "absent": ("(nicht vorhanden)", "(absent)"),
}


def check_upkeep(document: AnswersDocument, catalogue: Catalogue, lang: Language) -> list[Finding]:
    """The upkeep warnings of ``document``, in ``lang`` (see the module's docstring)."""
    today = clock.today()
    found: list[Finding] = []
    details = document.document
    if details.next_review is not None and details.next_review < today:
        found.append(
            (
                ("document", "next_review"),
                _say(lang, "next_review", date=date_text(details.next_review, lang)),
            )
        )
    visibility = Visibility(document, catalogue)
    overdue: dict[str, list[Finding]] = {}
    for at, label, state in printed_measures(document, catalogue, lang, visibility):
        if _overdue(state, today):
            assert state.target_date is not None
            message = _target(lang, label, state.target_date)
            overdue.setdefault(str(at[1]), []).append(((*at, "target_date"), message))
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if answers is None or not visibility.category(category):
            continue
        found += _review_due(document, category, answers, visibility, lang, today)
        found += overdue.get(category.id, [])
    for index, conflict in enumerate(document.conflicts):
        absent = _say(lang, "absent")
        message = _say(
            lang,
            "conflict",
            key=one_line(conflict.key),
            ours=one_line(conflict.ours) or absent,
            theirs=one_line(conflict.theirs) or absent,
        )
        found.append((("conflicts", index), message))
    return found


def categories_due(
    document: AnswersDocument, catalogue: Catalogue, visibility: Visibility | None = None
) -> set[str]:
    """The ids of the categories due for review (what :func:`check_upkeep` warns about, by the
    same rule): the wizard marks them in its list of categories. Costs nothing without a
    review interval; ``visibility`` may be one already built for ``document``."""
    if document.document.review_interval_months is None:
        return set()
    today = clock.today()
    shown = visibility or Visibility(document, catalogue)
    due: set[str] = set()
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if answers is None or not shown.category(category):
            continue
        if _review_reference(document, category, answers, shown, today) is not None:
            due.add(category.id)
    return due


def _review_reference(
    document: AnswersDocument,
    category: Category,
    answers: CategoryAnswers,
    visibility: Visibility,
    today: dt.date,
) -> tuple[str, dt.date | None] | None:
    """Why the category is due for review, or ``None`` when it is not: it has answers and its
    last review (its own, else the document's last review, else the document's date; which
    one is the kind returned with the date) is more than the interval ago, or there is none."""
    months = document.document.review_interval_months
    if months is None:
        return None
    shown = (q for q in category.questions if visibility.question(category, q))
    if not any(is_answered(category, q, answers) for q in shown):
        return None
    references = (
        ("reviewed", answers.reviewed),
        ("last_review", document.document.last_review),
        ("document_date", document.document.date),
    )
    kind, since = next(((k, d) for k, d in references if d is not None), ("never", None))
    if since is not None and add_months(since, months) >= today:
        return None
    return kind, since


def _review_due(
    document: AnswersDocument,
    category: Category,
    answers: CategoryAnswers,
    visibility: Visibility,
    lang: Language,
    today: dt.date,
) -> list[Finding]:
    """A warning when the category is due for review (see :func:`_review_reference`)."""
    reference = _review_reference(document, category, answers, visibility, today)
    if reference is None:
        return []
    kind, since = reference
    base: KeyPath = ("categories", category.id)
    at = (*base, "reviewed") if answers.reviewed is not None else base
    date = date_text(since, lang) if since is not None else ""
    title = category.title.get(lang)
    months = document.document.review_interval_months
    return [(at, _say(lang, kind, title=title, date=date, months=months))]


def _overdue(state: MeasureAnswer | None, today: dt.date) -> bool:
    return (
        state is not None
        and state.status == "planned"
        and state.target_date is not None
        and state.target_date < today
    )


def _target(lang: Language, label: str, date: dt.date) -> str:
    return _say(lang, "target_date", label=label, date=date_text(date, lang))


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus ``months`` calendar months; the 31st becomes the last day of a shorter
    month (2025-01-31 plus one month is 2025-02-28)."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def _say(lang: Language, text: str, **values: object) -> str:
    german, english = _TEXTS[text]
    return (german if lang == "de" else english).format(**values)


__all__ = ["KeyPath", "categories_due", "check_upkeep", "date_text", "one_line"]
"""(``date_text`` and ``one_line`` live in :mod:`tomwizard.answers.printed`; the wizard imports
them from here too.)"""
