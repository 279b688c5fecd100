"""The checks the condition language cannot express: they need the calendar or look at every
measure. A rule names one with ``builtin = "…"``; its message takes the placeholders listed in
:data:`tomwizard.rules.model.BUILTIN_PLACEHOLDERS`, filled here (as data: a label is never read
as a placeholder or template).

Only measures the annex prints count: shown catalogue measures of shown checklists in categories
that apply, and own measures of such a checklist. Today's date comes from
:func:`tomwizard.clock.today`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from tomwizard import clock
from tomwizard.answers.model import AnswersDocument, CustomMeasure, MeasureAnswer
from tomwizard.answers.visibility import Visibility, first_checklist
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import ChecklistQuestion, Language
from tomwizard.rules.model import BuiltinCheck

KeyPath = tuple[str | int, ...]
Hit = tuple[KeyPath, dict[str, str]]
"""Where a built-in check found something, and the values of its message's placeholders."""
_LISTED = 10
"""At most this many measures are named in one message; the count says how many there are."""


def run_builtin(
    check: BuiltinCheck, document: AnswersDocument, catalogue: Catalogue, lang: Language
) -> list[Hit]:
    """What the built-in ``check`` finds in ``document``."""
    printed = list(_printed_measures(document, catalogue, lang))
    if check == "planned-overdue":
        today = clock.today()
        return [
            (
                (*at, "target_date"),
                {"measure": label, "target_date": _date(state.target_date, lang)},
            )
            for at, label, state in printed
            if state.status == "planned"
            and state.target_date is not None
            and state.target_date < today
        ]
    if document.document.status != "final":
        return []
    planned = [label for _, label, state in printed if state.status == "planned"]
    if not planned:
        return []
    names = ", ".join(planned[:_LISTED]) + (", …" if len(planned) > _LISTED else "")
    return [(("document", "status"), {"count": str(len(planned)), "measures": names})]


def _printed_measures(
    document: AnswersDocument, catalogue: Catalogue, lang: Language
) -> Iterator[tuple[KeyPath, str, MeasureAnswer]]:
    """Every measure with a state that the annex prints: its key, label and state."""
    visibility = Visibility(document, catalogue)
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if answers is None or not visibility.category(category):
            continue
        base: KeyPath = ("categories", category.id)
        default = first_checklist(category)
        for question in category.questions:
            if not isinstance(question, ChecklistQuestion):
                continue
            if not visibility.question(category, question):
                continue
            for measure in question.measures:
                state = answers.measures.get(measure.id)
                if state is not None and visibility.measure(category, question, measure):
                    yield (*base, "measures", measure.id), measure.label.get(lang), state
            for key, custom in answers.custom.items():
                if (custom.question or (default.id if default else None)) == question.id:
                    yield (*base, "custom", key), _custom_label(custom, lang), custom


def fill(message: str, values: dict[str, str]) -> str:
    """``message`` with each ``{name}`` of ``values`` replaced, in one pass (a value containing
    ``{count}`` stays as it is)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), message)


def _custom_label(custom: CustomMeasure, lang: Language) -> str:
    label = custom.label_en if lang == "en" and custom.label_en.strip() else custom.label
    return _one_line(label)


def _one_line(text: str, limit: int = 60) -> str:
    """User text fit for a one-line message: line breaks and other control or format
    characters as escapes, cut to ``limit`` characters."""
    out = []
    for char in text[: limit + 1]:
        if char == "\n":
            out.append("\\n")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    line = "".join(out)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _date(date: dt.date | None, lang: Language) -> str:
    """A date as the reader writes it: ``15.04.2026`` in German, ``2026-04-15`` in English."""
    if date is None:
        return ""
    return f"{date.day:02}.{date.month:02}.{date.year:04}" if lang == "de" else date.isoformat()
