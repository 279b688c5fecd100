"""The measures the annex prints, and how a message names them and their dates.

A warning about a measure (``validate``'s upkeep warnings, ``check``'s built-in checks) is
only worth giving for what the annex says: catalogue measures of shown checklists in categories
that apply, and own measures of such a checklist. Their labels and user texts go into one-line
messages, so line breaks and control characters are escaped and long texts cut.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

from tomwizard.answers.model import AnswersDocument, CustomMeasure, MeasureAnswer
from tomwizard.answers.visibility import Visibility, first_checklist
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import ChecklistQuestion, Language

KeyPath = tuple[str | int, ...]
LIMIT = 60
"""Characters of user text in a one-line message."""


def printed_measures(
    document: AnswersDocument,
    catalogue: Catalogue,
    lang: Language,
    visibility: Visibility | None = None,
) -> Iterator[tuple[KeyPath, str, MeasureAnswer]]:
    """Every measure with a state that the annex prints, in catalogue order: its key path, its
    label in ``lang`` (one line) and its state."""
    visibility = visibility or Visibility(document, catalogue)
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
                    yield (*base, "custom", key), custom_label(custom, lang), custom


def custom_label(custom: CustomMeasure, lang: Language) -> str:
    """An own measure's label (its English one for English messages, if given), on one line."""
    label = custom.label_en if lang == "en" and custom.label_en.strip() else custom.label
    return one_line(label)


def date_text(date: dt.date, lang: Language) -> str:
    """A date as the reader writes it: ``15.04.2026`` in German, ``2026-04-15`` in English."""
    return f"{date.day:02}.{date.month:02}.{date.year:04}" if lang == "de" else date.isoformat()


def one_line(text: str, limit: int = LIMIT) -> str:
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
