"""Measure phrases: placeholders and optional clauses.

A phrase is a sentence for the annex. ``{name}`` inserts the value of the parameter ``name``;
square brackets enclose an **optional clause** that is printed only when every parameter named in
it has a value, and disappears with it otherwise (the brackets are never printed)::

    "Protokolle werden[ {dauer} lang] aufbewahrt."
    -> "Protokolle werden 90 Tage lang aufbewahrt."   (dauer = 90 Tage)
    -> "Protokolle werden aufbewahrt."                (dauer not given)

``{name:one|other}`` prints a word that agrees with the number ``name``: ``one`` for exactly 1,
``other`` for every other number and for no value (``"nach {tage} {tage:Tag|Tagen}"`` ->
"nach 1 Tag", "nach 30 Tagen"). Inside an optional clause it is left out with the clause; outside
one it may stand for an optional number too (``"nach[ {n}] {n:Versuch|Versuchen}"``).

Rules checked by :func:`phrase_problems`: brackets are balanced and not nested, every clause names
at least one parameter, and a parameter that is not required appears only inside a clause, so a
phrase can never print a gap. :func:`render` fills a phrase and tidies the spaces a dropped
clause leaves behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDER_ID = re.compile(r"\{([a-z0-9][a-z0-9_-]*)(?::([^{}|]*)\|([^{}|]*))?\}")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([,.;:!?)])")
_MARK = re.compile("\x00([0-9]+)\x00")


@dataclass(frozen=True)
class Segment:
    """A piece of a phrase: fixed text with placeholders, optional or not."""

    text: str
    optional: bool

    @property
    def names(self) -> list[str]:
        """The parameters this piece names (plural forms ``{n:one|other}`` name ``n``)."""
        return [name.partition(":")[0] for name in PLACEHOLDER.findall(self.text)]


def segments(phrase: str) -> list[Segment]:
    """``phrase`` split into plain and optional pieces (unbalanced brackets are kept as text;
    :func:`phrase_problems` reports them)."""
    parts: list[Segment] = []
    rest = phrase
    while rest:
        start = rest.find("[")
        end = rest.find("]", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            parts.append(Segment(rest, False))
            break
        if start:
            parts.append(Segment(rest[:start], False))
        parts.append(Segment(rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return parts


def syntax_problems(phrase: str) -> list[str]:
    """Problems with the brackets of ``phrase``."""
    depth = 0
    for char in phrase:
        if char == "[":
            if depth:
                return ["optional clauses '[...]' cannot be nested"]
            depth = 1
        elif char == "]":
            if not depth:
                return ["']' without '['"]
            depth = 0
    if depth:
        return ["'[' without ']'"]
    return [
        "an optional clause '[...]' must name a parameter, e.g. '[ für {dauer}]'"
        for segment in segments(phrase)
        if segment.optional and not segment.names
    ]


def phrase_problems(phrase: str, known: Iterable[str], required: Iterable[str]) -> list[str]:
    """Every problem of a measure phrase: bracket syntax, unknown placeholders, and optional
    parameters outside an optional clause."""
    known = set(known)
    required = set(required)
    problems = syntax_problems(phrase)
    if problems:
        return problems
    for segment in segments(phrase):
        bare = set()
        for raw in PLACEHOLDER.findall(segment.text):
            if ":" in raw and not _PLACEHOLDER_ID.fullmatch(f"{{{raw}}}"):
                problems.append(f"write a plural form as {{name:one|other}}, not {{{raw}}}")
            if ":" not in raw:
                bare.add(raw)
        for name in segment.names:
            if name not in known:
                listed = ", ".join(f"{{{n}}}" for n in sorted(known)) or "none"
                problems.append(f"unknown placeholder {{{name}}} (known: {listed})")
            elif not segment.optional and name not in required and name in bare:
                problems.append(
                    f"{{{name}}} is optional: put it inside an optional clause '[...]' "
                    "(or make the parameter required)"
                )
    return problems


def render(
    phrase: str, value: Callable[[str], str], number: Callable[[str], float | None] = lambda _: None
) -> str:
    """``phrase`` with its placeholders filled by ``value(name)``; an optional clause with an
    empty value is left out. A required placeholder without a value is filled with what
    ``value`` returns for it (the caller decides). ``number(name)`` gives the number a plural
    form agrees with."""
    out: list[str] = []
    filled: list[str] = []

    def mark(match: re.Match[str]) -> str:
        name, one, other = match.groups()
        if one is not None:
            # a plural form is fixed text of the phrase: chosen here, tidied with the rest
            return one if number(name) == 1 else (other or "")
        # values are put in after tidying: the user's own spacing is printed as written
        filled.append(values[name])
        return f"\x00{len(filled) - 1}\x00"

    for segment in segments(phrase):
        values = {name: value(name) for name in segment.names}
        if segment.optional and not all(v.strip() for v in values.values()):
            continue
        out.append(_PLACEHOLDER_ID.sub(mark, segment.text))
    return _MARK.sub(lambda m: filled[int(m.group(1))], tidy("".join(out)))


def tidy(text: str) -> str:
    """Collapse the double spaces and the spaces before punctuation that a dropped clause
    leaves behind."""
    text = _SPACES.sub(" ", text)
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).strip()
