"""Find measures by the words people use for them.

Every measure is indexed with its label, its phrase (placeholders and clause brackets removed),
its help text and its search words (``keywords``), in one language. Matching ignores case,
hyphens, spaces and the spelling of umlauts (``ä`` = ``ae``, ``ß`` = ``ss``), and finds a word
anywhere inside another, so "Faktor" finds "Zwei-Faktor-Authentisierung" and "sicherung" finds
"Datensicherung". A query of several words finds the measures that contain all of them; hits in
the label and search words rank before hits in the phrase and help text, where a term of up to
three letters (an abbreviation) must start a word.

:mod:`tomwizard.commands.catalogue` (``tomwizard catalogue --find``) and the wizard's search use
this one index.
"""

from __future__ import annotations

import re
import unicodedata
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


@dataclass(frozen=True)
class _Entry:
    hit: Hit
    strong: tuple[str, ...]
    """Folded label and search words."""
    weak: tuple[str, ...]
    """Folded words of the phrase and help text."""


class MeasureIndex:
    """The measures of a catalogue, ready to be searched in one language."""

    def __init__(self, catalogue: Catalogue, lang: Language) -> None:
        self.lang = lang
        self._entries: list[_Entry] = []
        for category in catalogue.categories:
            title = category.title.get(lang)
            for question, measure in catalogue.measures(category.id):
                hit = Hit(category.id, title, question.id, measure.id, measure.label.get(lang), 0)
                words = [measure.label.get(lang), *measure.keywords.get(lang)]
                weak = " ".join(
                    (_PLACEHOLDER.sub(" ", measure.phrase.get(lang)), measure.help.get(lang))
                )
                self._entries.append(
                    _Entry(hit, tuple(fold(w) for w in words), tuple(_words(weak)))
                )

    def find(self, query: str) -> list[Hit]:
        """The measures matching every word of ``query``, best first (catalogue order within
        a rank). An empty query finds nothing."""
        terms = _words(query)
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
