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
import unicodedata

from tomwizard import clock
from tomwizard.answers.model import AnswersDocument, CategoryAnswers, CustomMeasure, MeasureAnswer
from tomwizard.answers.visibility import Visibility, first_checklist, is_answered
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Category, ChecklistQuestion, Language

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
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if answers is None or not visibility.category(category):
            continue
        found += _review_due(document, category, answers, visibility, lang, today)
        found += _planned_overdue(category, answers, visibility, catalogue, lang, today)
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


def _planned_overdue(
    category: Category,
    answers: CategoryAnswers,
    visibility: Visibility,
    catalogue: Catalogue,
    lang: Language,
    today: dt.date,
) -> list[Finding]:
    """Planned measures past their target date, among those the annex prints (shown catalogue
    measures and own measures of a shown checklist)."""
    found: list[Finding] = []
    base: KeyPath = ("categories", category.id)
    default = first_checklist(category)
    for question in category.questions:
        if not isinstance(question, ChecklistQuestion):
            continue
        if not visibility.question(category, question):
            continue
        for measure in question.measures:
            state = answers.measures.get(measure.id)
            if _overdue(state, today) and visibility.measure(category, question, measure):
                assert state is not None and state.target_date is not None
                at = (*base, "measures", measure.id, "target_date")
                label = measure.label.get(lang)
                found.append((at, _target(lang, label, state.target_date)))
        for key, custom in answers.custom.items():
            belongs = custom.question or (default.id if default else None)
            if belongs == question.id and _overdue(custom, today):
                assert custom.target_date is not None
                at = (*base, "custom", key, "target_date")
                found.append((at, _target(lang, _custom_label(custom, lang), custom.target_date)))
    return found


def _overdue(state: MeasureAnswer | None, today: dt.date) -> bool:
    return (
        state is not None
        and state.status == "planned"
        and state.target_date is not None
        and state.target_date < today
    )


def _target(lang: Language, label: str, date: dt.date) -> str:
    return _say(lang, "target_date", label=label, date=date_text(date, lang))


def _custom_label(custom: CustomMeasure, lang: Language) -> str:
    """An own measure's label (its English one for English messages, if given), on one line."""
    label = custom.label_en if lang == "en" and custom.label_en.strip() else custom.label
    return one_line(label)


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


def date_text(date: dt.date, lang: Language) -> str:
    """A date as the reader writes it: ``15.04.2026`` in German, ``2026-04-15`` in English."""
    return f"{date.day:02}.{date.month:02}.{date.year:04}" if lang == "de" else date.isoformat()


def _say(lang: Language, text: str, **values: object) -> str:
    german, english = _TEXTS[text]
    return (german if lang == "de" else english).format(**values)


_LIMIT = 60


def one_line(text: str, limit: int = _LIMIT) -> str:
    """User text fit for a one-line message: line breaks as ``\\n``, control and format
    characters (which could move a terminal's cursor or reorder the line) as ``\\uXXXX``, cut
    to ``limit`` characters."""
    out = []
    for char in text[: limit + 1]:  # a value can be long: look at no more than is shown
        if char == "\n":
            out.append("\\n")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    line = "".join(out)
    return line if len(line) <= limit else line[: limit - 1] + "…"
