"""The contract's own words for the parties and the annex.

A contract calls its parties Auftraggeber/Auftragnehmer, Verantwortlicher/Auftragsverarbeiter or
Kunde/Anbieter (controller/processor or customer/provider in English) and its annexes "Anlage"
or "Anhang". The annex must use the same words throughout, so

* the templates get every form they need as variables (:class:`tomwizard.export.variables.
  TermsInfo`: "der Verantwortliche", "des Verantwortlichen", "diesem Anhang", ...), and
* the catalogue's texts, which name the parties "Auftraggeber" and "Auftragsverarbeiter"
  ("controller" and "processor"), are rewritten by :meth:`Terms.catalogue_text`: the article or
  determiner before the noun tells its case, and a declension table gives the target form.
  Generic uses ("weitere Auftragsverarbeiter", "on behalf of controllers") have no determiner
  the table knows and stay as they are. Only catalogue text is rewritten, never user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tomwizard.catalogue.model import Language
from tomwizard.export.variables import TermsInfo, WordForms

Slot = str
"""nom: after "der"; gen: "des …s"; obl: after a dative/accusative determiner; bare: without
article (nominative); dat_bare: after "von"/"zwischen"; gen_pl: after "anderer"; dat_pl:
"anderen …n"; pl: after "mehrere"."""


@dataclass(frozen=True)
class Noun:
    """A German party noun with its forms by slot."""

    forms: dict[Slot, str]

    @classmethod
    def strong(cls, stem: str) -> Noun:
        """A noun like "Auftraggeber": genitive -s, dative plural -n, otherwise unchanged."""
        slots = ("nom", "obl", "bare", "dat_bare", "gen_pl", "pl")
        return cls({**dict.fromkeys(slots, stem), "gen": stem + "s", "dat_pl": stem + "n"})


AUFTRAGGEBER = Noun.strong("Auftraggeber")
AUFTRAGNEHMER = Noun.strong("Auftragnehmer")
AUFTRAGSVERARBEITER = Noun.strong("Auftragsverarbeiter")
ANBIETER = Noun.strong("Anbieter")
VERANTWORTLICHER = Noun(
    {
        "nom": "Verantwortliche",
        "gen": "Verantwortlichen",
        "obl": "Verantwortlichen",
        "bare": "Verantwortlicher",
        "dat_bare": "Verantwortlichem",
        "gen_pl": "Verantwortlicher",
        "dat_pl": "Verantwortlichen",
        "pl": "Verantwortliche",
    }
)
KUNDE = Noun(
    {
        "nom": "Kunde",
        "gen": "Kunden",
        "obl": "Kunden",
        "bare": "Kunde",
        "dat_bare": "Kunde",
        "gen_pl": "Kunden",
        "dat_pl": "Kunden",
        "pl": "Kunden",
    }
)

GERMAN: dict[str, tuple[Noun, Noun]] = {
    "auftraggeber": (AUFTRAGGEBER, AUFTRAGNEHMER),
    "verantwortlicher": (VERANTWORTLICHER, AUFTRAGSVERARBEITER),
    "kunde": (KUNDE, ANBIETER),
}
ENGLISH: dict[str, tuple[str, str]] = {
    "auftraggeber": ("controller", "processor"),
    "verantwortlicher": ("controller", "processor"),
    "kunde": ("customer", "provider"),
}
GDPR_ROLES = {"de": ("Verantwortlicher", "Auftragsverarbeiter"), "en": ("controller", "processor")}
"""The GDPR's own names, added in parentheses to a party heading that uses other words."""

_DE_SLOTS: dict[str, Slot] = {
    "der": "nom",
    "des": "gen",
    "dem": "obl",
    "den": "obl",
    "vom": "obl",
    "beim": "obl",
    "zum": "obl",
    "diesem": "obl",
    "diesen": "obl",
    "jedem": "obl",
    "jeden": "obl",
    "einem": "obl",
    "einen": "obl",
    "dieses": "gen",
    "jedes": "gen",
    "eines": "gen",
    "ein": "bare",
    "von": "dat_bare",
    "zwischen": "dat_bare",
    "anderer": "gen_pl",
    "verschiedener": "gen_pl",
    "aller": "gen_pl",
    "anderen": "dat_pl",
    "mehrere": "pl",
    "andere": "pl",
}
_DE = re.compile(
    r"(?<![\w-])(?:(?P<det>" + "|".join(sorted(_DE_SLOTS, key=len, reverse=True)) + r"|und|oder)"
    r"\s+)?(?P<noun>Auftraggeber|Auftragsverarbeiter)(?P<end>s|n)?(?![\w-])",
    re.IGNORECASE,
)
_EN_DETS = ("the", "this", "that", "each", "per", "of", "other", "different", "several")
_EN = re.compile(
    r"(?<![\w-])(?:(?P<det>" + "|".join(_EN_DETS) + r"|and|or)\s+)?"
    r"(?P<noun>controller|processor)(?P<end>'s|s'|s)?(?![\w-])",
    re.IGNORECASE,
)


class Terms:
    """The party words of one document in one language."""

    def __init__(self, parties: str, lang: Language) -> None:
        self.parties = parties
        self.lang = lang

    def catalogue_text(self, text: str) -> str:
        """A catalogue text with its party nouns in the contract's words."""
        return _rewrite(text, self.parties, self.lang)


@lru_cache(maxsize=8192)
def _rewrite(text: str, parties: str, lang: Language) -> str:
    if lang == "de":
        return _rewrite_de(text, GERMAN[parties])
    return _rewrite_en(text, ENGLISH[parties])


def _rewrite_de(text: str, nouns: tuple[Noun, Noun]) -> str:
    if nouns == (AUFTRAGGEBER, AUFTRAGSVERARBEITER):
        return text
    previous: tuple[int, Slot] | None = None
    out: list[str] = []
    last = 0
    for match in _DE.finditer(text):
        det = match.group("det")
        end = (match.group("end") or "").lower()
        slot: Slot | None
        if end == "s":
            slot = "gen"
        elif end == "n":
            slot = "dat_pl"
        elif det is None:
            slot = "bare" if match.start() == 0 else None
        elif det.lower() in ("und", "oder"):
            # the second of a pair ("zwischen Auftraggeber und Auftragsverarbeiter"): same case
            slot = previous[1] if previous and previous[0] == match.start() else None
        else:
            slot = _DE_SLOTS[det.lower()]
        if slot is None:
            continue
        noun = nouns[0] if match.group("noun").lower() == "auftraggeber" else nouns[1]
        start = match.start("noun")
        out.append(text[last:start])
        out.append(noun.forms[slot])
        last = match.end()
        previous = (match.end() + 1, slot)  # where a following "und"/"oder" would start
    out.append(text[last:])
    return "".join(out)


def _rewrite_en(text: str, words: tuple[str, str]) -> str:
    if words == ("controller", "processor"):
        return text
    previous_end = -1
    out: list[str] = []
    last = 0
    for match in _EN.finditer(text):
        det = (match.group("det") or "").lower()
        end = match.group("end") or ""
        plural = end.lower() in ("s", "s'")
        if det in ("and", "or"):
            keep = previous_end + 1 != match.start()
        elif det == "":
            keep = match.start() != 0
        elif det == "of":
            keep = plural  # "on behalf of controllers" is generic
        else:
            keep = False
        if keep:
            continue
        noun = match.group("noun")
        word = words[0] if noun.lower() == "controller" else words[1]
        if noun[0].isupper():
            word = word[0].upper() + word[1:]
        out.append(text[last : match.start("noun")])
        out.append(word + end)
        last = match.end()
        previous_end = match.end()
    out.append(text[last:])
    return "".join(out)


# -- the template variables ---------------------------------------------------------------------

_ANNEX_DE: dict[str, tuple[str, str, str, str]] = {
    # word -> nominative, genitive, dative, accusative with "dies-"
    "Anlage": ("diese Anlage", "dieser Anlage", "dieser Anlage", "diese Anlage"),
    "Anhang": ("dieser Anhang", "dieses Anhangs", "diesem Anhang", "diesen Anhang"),
}


def terms_info(parties: str, annex_word: str, lang: Language) -> TermsInfo:
    """The forms of the contract's words the templates use."""
    controller_role, processor_role = GDPR_ROLES[lang]
    if lang == "de":
        controller, processor = GERMAN[parties]
        nom, gen, dat, acc = _ANNEX_DE[annex_word]
        annex = WordForms(annex_word, annex_word, nom, _cap(nom), gen, dat, acc)
        return TermsInfo(
            controller=_german(controller, controller_role),
            processor=_german(processor, processor_role),
            annex=annex,
        )
    controller_word, processor_word = ENGLISH[parties]
    this = f"this {annex_word.lower()}"
    return TermsInfo(
        controller=_english(controller_word, controller_role),
        processor=_english(processor_word, processor_role),
        annex=WordForms(annex_word, annex_word, this, _cap(this), f"{this}'s", this, this),
    )


def _german(noun: Noun, role: str) -> WordForms:
    label = noun.forms["bare"]
    heading = label if label == role else f"{label} ({role})"
    return WordForms(
        label=label,
        heading=heading,
        nom=f"der {noun.forms['nom']}",
        nom_cap=f"Der {noun.forms['nom']}",
        gen=f"des {noun.forms['gen']}",
        dat=f"dem {noun.forms['obl']}",
        acc=f"den {noun.forms['obl']}",
    )


def _english(noun: str, role: str) -> WordForms:
    label = _cap(noun)
    heading = label if noun == role else f"{label} ({role})"
    return WordForms(
        label=label,
        heading=heading,
        nom=f"the {noun}",
        nom_cap=f"The {noun}",
        gen=f"the {noun}'s",
        dat=f"the {noun}",
        acc=f"the {noun}",
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
