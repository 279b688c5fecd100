"""Find measures by the words people use for them.

Every measure is indexed with its label, its phrase (placeholders and clause brackets removed),
its help text and its search words (``keywords``), in one language. Matching ignores case,
hyphens, spaces and the spelling of umlauts (``ä`` = ``ae``, ``ß`` = ``ss``), and finds a word
anywhere inside another, so "Faktor" finds "Zwei-Faktor-Authentisierung" and "sicherung" finds
"Datensicherung". A query of several words finds the measures that contain all of them; hits in
the label and search words rank before hits in the phrase and help text, where a term of up to
three letters (an abbreviation) must start a word. A compound in the query that the catalogue
does not spell as one word is split into known word parts ("Notfallwiederherstellung" finds
what mentions both "Notfall" and "Wiederherstellung").

Besides the catalogue, an index can hold the user's own measures and the phrases as filled in
with the user's values (``filled``), so a value someone typed is found too.

:mod:`tomwizard.commands.catalogue` (``tomwizard catalogue --find``) and the wizard's search use
this one index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|[\[\]]")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """``text`` reduced for matching: lower case, umlauts spelt out, accents, spaces and
    punctuation removed ("Zwei-Faktor" -> "zweifaktor")."""
    text = text.casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub("", text)


def _words(text: str) -> list[str]:
    """The folded words of ``text`` (split at spaces only, so "Zwei-Faktor-Authentisierung" stays
    one word and a term never matches across two words)."""
    return [word for word in (fold(w) for w in text.split()) if word]


def _in_word(term: str, word: str) -> bool:
    """A term inside a word of running text; a short term (an abbreviation such as "USV")
    only at the start of a word, so it does not match by accident in the middle of another."""
    return word.startswith(term) if len(term) <= 3 else term in word


@dataclass(frozen=True)
class Hit:
    """A measure that matches a query."""

    category_id: str
    category_title: str
    question_id: str
    measure_id: str
    label: str
    rank: int
    """0: found in the label or search words; 1: only in the phrase or help text."""
    own: bool = False
    """One of the user's own measures (``measure_id`` is its key; no question)."""


@dataclass(frozen=True)
class OwnMeasure:
    """A measure the user wrote, for the index: its category, key, label and phrase."""

    category_id: str
    key: str
    label: str
    phrase: str = ""


@dataclass(frozen=True)
class _Entry:
    hit: Hit
    strong: tuple[str, ...]
    """Folded label and search words."""
    weak: tuple[str, ...]
    """Folded words of the phrase and help text."""


class MeasureIndex:
    """The measures of a catalogue, ready to be searched in one language."""

    def __init__(
        self,
        catalogue: Catalogue,
        lang: Language,
        *,
        filled: Mapping[tuple[str, str], str] | None = None,
        own: Iterable[OwnMeasure] = (),
    ) -> None:
        """``filled`` maps (category id, measure id) to the measure's phrase as filled in with
        the user's values; ``own`` are the user's own measures, found after the catalogue's."""
        self.lang = lang
        self._entries: list[_Entry] = []
        filled = filled or {}
        titles = {c.id: c.title.get(lang) for c in catalogue.categories}
        for category in catalogue.categories:
            title = titles[category.id]
            for question, measure in catalogue.measures(category.id):
                hit = Hit(category.id, title, question.id, measure.id, measure.label.get(lang), 0)
                words = [measure.label.get(lang), *measure.keywords.get(lang)]
                weak = " ".join(
                    (
                        _PLACEHOLDER.sub(" ", measure.phrase.get(lang)),
                        measure.help.get(lang),
                        filled.get((category.id, measure.id), ""),
                    )
                )
                self._add(hit, words, weak)
        for mine in own:
            title = titles.get(mine.category_id, mine.category_id)
            self._add(
                Hit(mine.category_id, title, "", mine.key, mine.label, 0, own=True),
                [mine.label],
                mine.phrase,
            )
        self._vocabulary = {word for entry in self._entries for word in entry.strong + entry.weak}

    def _add(self, hit: Hit, strong: list[str], weak: str) -> None:
        self._entries.append(_Entry(hit, tuple(fold(w) for w in strong), tuple(_words(weak))))

    def _known(self, term: str) -> bool:
        return any(term in word for word in self._vocabulary)

    def _parts(self, term: str) -> list[str]:
        """``term``, or the known word parts of a compound no word contains ("notfall",
        "wiederherstellung"); parts have at least four letters, the longest first part wins."""
        if len(term) < 8 or self._known(term):
            return [term]
        for cut in range(len(term) - 4, 3, -1):
            head = term[:cut]
            if self._known(head):
                tail = self._parts(term[cut:])
                if all(self._known(part) for part in tail):
                    return [head, *tail]
        return [term]

    def find(self, query: str) -> list[Hit]:
        """The measures matching every word of ``query``, best first (catalogue order within
        a rank). An empty query finds nothing."""
        terms = [part for term in _words(query) for part in self._parts(term)]
        if not terms:
            return []
        hits: list[Hit] = []
        for entry in self._entries:
            strong = [any(term in word for word in entry.strong) for term in terms]
            if all(strong):
                hits.append(entry.hit)
            elif all(
                s or any(_in_word(term, word) for word in entry.weak)
                for s, term in zip(strong, terms, strict=True)
            ):
                hits.append(replace(entry.hit, rank=1))
        return sorted(hits, key=lambda hit: hit.rank)
