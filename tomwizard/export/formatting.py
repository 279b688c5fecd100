"""Values as annex text: dates, numbers, options, units and filled-in measure phrases.

Everything here is pure: a value and the annex language in, ready-to-print text out. Numbers
are shown in natural units (a lock of 1440 minutes prints as "24 Stunden"), a required value
that is missing never prints a placeholder (:func:`render_measure_phrase` falls back to the
measure's label, which says less but nothing untrue; a final document with a missing value is
not exported at all).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from tomwizard.answers.check import has_value
from tomwizard.answers.values import format_number
from tomwizard.catalogue.model import Language, Measure, Option, Parameter
from tomwizard.catalogue.phrase import render
from tomwizard.export.text import for_document, for_line

_WORDS: dict[str, tuple[str, str]] = {
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "and": ("und", "and"),
    "draft": ("Entwurf", "Draft"),
    "final": ("Endfassung", "Final"),
}
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_LARGER_UNITS: dict[str, tuple[int, str, str, str]] = {
    # unit -> (factor, larger unit, singular of the unit, singular of the larger unit)
    "Minuten": (60, "Stunden", "Minute", "Stunde"),
    "minutes": (60, "hours", "minute", "hour"),
    "Sekunden": (60, "Minuten", "Sekunde", "Minute"),
    "seconds": (60, "minutes", "second", "minute"),
}
"""Units whose whole multiples read better in the next larger unit (1440 Minuten -> 24 Stunden)."""

_SINGULAR: dict[str, str] = {
    "Minuten": "Minute",
    "Stunden": "Stunde",
    "Tage": "Tag",
    "Arbeitstage": "Arbeitstag",
    "Monate": "Monat",
    "Versuche": "Versuch",
    "Personen": "Person",
    "Stellen": "Stelle",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "working days": "working day",
    "months": "month",
    "attempts": "attempt",
    "characters": "character",
    "digits or characters": "digit or character",
    "persons": "person",
    "people": "person",
}
"""The singular of the catalogue's units, for a value of 1 ("1 Stunde", not "1 Stunden"); a unit
not listed here is printed as the catalogue gives it."""

_PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9_-]*)\}")
_SENTENCE_END = ".!?…"


def word(key: str, lang: Language) -> str:
    """A fixed word of the export ("ja", "Entwurf", ...) in ``lang``."""
    de, en = _WORDS[key]
    return de if lang == "de" else en


def format_date(value: dt.date | None, lang: Language) -> str:
    """``01.03.2025`` in German, ``1 March 2025`` in English; empty for no date."""
    if value is None:
        return ""
    if lang == "de":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_amount(value: float, lang: Language) -> str:
    """A number without a needless ``.0``, with a decimal comma in German."""
    text = format_number(value)
    return text.replace(".", ",") if lang == "de" else text


def join(items: list[str], lang: Language) -> str:
    """ "a, b und c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('and', lang)} {items[-1]}"


def sentence(text: str) -> str:
    """``text`` as a sentence of its own: a full stop is added unless it already ends like a
    sentence; empty stays empty."""
    text = text.rstrip()
    if not text or text[-1] in _SENTENCE_END:
        return text
    return text + "."


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{name}`` replaced in one pass (values are never re-read)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


Words = Callable[[str], str]
"""Puts catalogue text into the contract's words (:meth:`tomwizard.export.terms.Terms.
catalogue_text`); never applied to user text."""


def option_text(
    options: list[Option], option_id: str, lang: Language, phrase: bool, words: Words = str
) -> str:
    """The option's phrase (inside a sentence) or label; an unknown id as written."""
    for option in options:
        if option.id == option_id:
            if phrase and option.phrase is not None:
                return words(option.phrase.get(lang))
            return words(option.label.get(lang))
    return for_line(option_id)  # an id the catalogue no longer knows: shown as written


def scalar(
    value: Any,
    kind: str,
    options: list[Option],
    lang: Language,
    *,
    phrase: bool,
    inline: bool = True,
    words: Words = str,
) -> str:
    """One value as annex text (without unit); text answers (``inline=False``) keep their
    paragraphs, values inside a sentence or a cell do not."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, int | float):
        return format_amount(value, lang)
    if kind == "choice" and isinstance(value, str):
        return option_text(options, value, lang, phrase, words)
    return for_line(str(value)) if inline else for_document(str(value))


def natural(spec: Parameter, value: Any, lang: Language) -> tuple[Any, str | None]:
    """``value`` in the larger unit when it is a whole multiple of it (with that unit's name),
    else unchanged (with ``None``)."""
    if spec.unit is None or isinstance(value, bool) or not isinstance(value, int | float):
        return value, None
    larger = _LARGER_UNITS.get(spec.unit.get(lang))
    if larger is None or value < larger[0] or value % larger[0]:
        return value, None
    return value // larger[0], larger[1]


def unit_text(unit: str, amount: Any) -> str:
    """``unit`` ("Minuten") in the form that agrees with ``amount``."""
    return _SINGULAR.get(unit, unit) if amount == 1 and not isinstance(amount, bool) else unit


def parameter_value(
    spec: Parameter, value: Any, lang: Language, *, phrase: bool, words: Words = str
) -> str:
    """A parameter's value as text; with its unit unless it stands in a phrase (whose own words
    name the unit)."""
    value, unit = natural(spec, value, lang)
    text = scalar(value, spec.type, spec.options, lang, phrase=phrase, words=words)
    if text and not phrase and spec.unit is not None:
        text = f"{text} {unit_text(unit or spec.unit.get(lang), value)}"
    return text


def _in_larger_units(phrase: str, spec: Parameter, lang: Language) -> str:
    """``phrase`` with the plural form of ``spec`` naming the larger unit."""
    assert spec.unit is not None
    _, larger, one, larger_one = _LARGER_UNITS[spec.unit.get(lang)]
    form = re.compile(r"\{" + re.escape(spec.id) + r":([^{}|]*)\|([^{}|]*)\}")

    def swap(match: re.Match[str]) -> str:
        if match.group(1).lower() != one.lower():
            return match.group(0)  # a form that does not name the unit: left alone
        return (
            f"{{{spec.id}:{_cased(larger_one, match.group(1))}|{_cased(larger, match.group(2))}}}"
        )

    return form.sub(swap, phrase)


def _cased(word_: str, like: str) -> str:
    return word_[0].upper() + word_[1:] if like[:1].isupper() else word_


def render_measure_phrase(
    measure: Measure, values: dict[str, Any], lang: Language, words: Words = str
) -> str:
    """The measure's sentence with its parameter ``values`` filled in, in the contract's
    ``words``; optional clauses whose values are not given are left out
    (:mod:`tomwizard.catalogue.phrase`). A required value that is missing gives the label as a
    sentence: never a placeholder, never a claim the user did not make."""
    specs = {spec.id: spec for spec in measure.parameters}
    text = words(measure.phrase.get(lang))
    if any(spec.required and not has_value(values.get(spec.id)) for spec in measure.parameters):
        return sentence(words(measure.label.get(lang)))
    amounts: dict[str, float | None] = {}
    for spec in measure.parameters:
        value, unit = natural(spec, values.get(spec.id), lang)
        amounts[spec.id] = (
            None if isinstance(value, bool) or not isinstance(value, int | float) else float(value)
        )
        if unit is not None:
            text = _in_larger_units(text, spec, lang)

    def shown(name: str) -> str:
        return parameter_value(specs[name], values.get(name), lang, phrase=True, words=words)

    return render(text, shown, amounts.get)
