"""The change notice to the controller: "Mitteilung über Änderungen der technischen und
organisatorischen Maßnahmen" as template variables.

It names the annex it amends in the contract's words (the party terms, "Anlage 1", the
contract), the version it replaces (OLD's) and the new one (NEW's version and date), lists the
changes in plain sentences (:mod:`tomwizard.changes.sentences`), says from when they apply only
when NEW has a date, and leaves signature lines for the processor (its signatory's name and
function filled in; place and date blank, as the document's belong to the annex). It cites no
law and claims nothing the two documents do not say. Every text is ready to print and guarded
like the annex's (:mod:`tomwizard.export.text`); :func:`required_texts` lists what the rendered
file must show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tomwizard.answers.english import english_version
from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.changes.compare import compare
from tomwizard.changes.sentences import Sentences
from tomwizard.changes.words import Wording
from tomwizard.export.formatting import format_date
from tomwizard.export.formatting import word as annex_word
from tomwizard.export.parties import party_info
from tomwizard.export.text import for_line, guard_all
from tomwizard.export.variables import PartyInfo, TermsInfo

TITLE = (
    "Mitteilung über Änderungen der technischen und organisatorischen Maßnahmen",
    "Notice of changes to the technical and organisational measures",
)
_TEXTS: dict[str, tuple[str, str]] = {
    "informs": (
        "{processor} teilt {controller} die folgenden Änderungen der technischen und "
        "organisatorischen Maßnahmen mit, die {where} beschrieben sind.",
        "{processor} informs {controller} of the following changes to the technical and "
        "organisational measures described {where}.",
    ),
    "in_numbered": ("in {annex} „{title}“", "in {annex} “{title}”"),
    "in_Anlage": ("in der Anlage „{title}“", "in the annex “{title}”"),
    "in_Anhang": ("im Anhang „{title}“", "in the annex “{title}”"),
    "contract": (" zum Vertrag „{contract}“", " to the agreement “{contract}”"),
    "contract_date": (" vom {date}", " of {date}"),
    "replaces": (
        "Die Fassung {new} ersetzt die bisherige Fassung {old}.",
        "Version {new} replaces the previous version {old}.",
    ),
    "same_version": (
        "Die geänderte Fassung trägt weiterhin die Versionsnummer {new}.",
        "The amended version still bears the version number {new}.",
    ),
    "of_date": ("{version} vom {date}", "{version} of {date}"),
    "applies": ("Die Änderungen gelten ab dem {date}.", "The changes apply from {date}."),
    "document": ("Angaben zum Dokument", "Document details"),
}


def _t(key: str, lang: Language) -> str:
    de, en = _TEXTS[key]
    return de if lang == "de" else en


@dataclass(frozen=True)
class NoticeDocument:
    """``document``: what the notice says about itself and the annex it amends."""

    title: str
    """The notice's title."""
    annex: str
    """'Anlage 1' / 'Annex 1', or empty without an annex number."""
    annex_title: str
    """The title of the annex (NEW's)."""
    contract_reference: str
    version: str
    """NEW's version."""
    date: str
    """NEW's date, formatted; may be empty."""
    previous_version: str
    previous_date: str
    status: str
    is_draft: bool
    """True while NEW is a draft: the notice is marked as a draft too."""


@dataclass(frozen=True)
class NoticeSection:
    """A heading and its change sentences."""

    title: str
    changes: list[str]


@dataclass(frozen=True)
class NoticeContext:
    """Everything a notice template can use."""

    lang: str
    document: NoticeDocument
    controller: PartyInfo
    processor: PartyInfo
    terms: TermsInfo
    intro: list[str]
    """Who informs whom of changes to which annex, and which version replaces which."""
    sections: list[NoticeSection]
    closing: list[str]
    """From when the changes apply (only when NEW has a date)."""

    def as_dict(self) -> dict[str, Any]:
        """The top-level variables by name (as :meth:`ExportContext.as_dict`)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class Notice:
    """A notice ready to render, and the texts of its documents that have no English
    version (an English notice of a German document)."""

    context: NoticeContext
    untranslated: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.context.sections


def build_notice(
    old: AnswersDocument, new: AnswersDocument, catalogue: Catalogue, lang: Language
) -> Notice:
    """The notice of the changes from ``old`` to ``new`` in ``lang``."""
    old_english = english_version(old, catalogue, lang)
    new_english = english_version(new, catalogue, lang)
    old, new = old_english.document, new_english.document
    changes = compare(old, new, catalogue)
    wording = Wording(catalogue, old, new, lang)
    sections = [
        NoticeSection(
            _t("document", lang) if section.key == "document" else section.title,
            [for_line(text) for text in section.sentences],
        )
        for section in Sentences(wording).sections(changes)
    ]
    context = NoticeContext(
        lang=lang,
        document=_document(old, new, lang),
        controller=party_info(new.document.controller, lang),
        processor=party_info(new.document.processor, lang),
        terms=wording.values.terms,
        intro=[for_line(text) for text in _intro(old, new, wording)],
        sections=sections,
        closing=[for_line(text) for text in _closing(new, lang)],
    )
    missing = dict.fromkeys([*old_english.untranslated, *new_english.untranslated])
    return Notice(guard_all(context), tuple(missing))


def _document(old: AnswersDocument, new: AnswersDocument, lang: Language) -> NoticeDocument:
    details = new.document
    number = details.annex_number.strip()
    word = details.annex_word if lang == "de" else details.annex_word_en
    return NoticeDocument(
        title=TITLE[0] if lang == "de" else TITLE[1],
        annex=f"{word} {for_line(number)}" if number else "",
        annex_title=for_line(details.title),
        contract_reference=for_line(details.contract_reference),
        version=for_line(details.version),
        date=format_date(details.date, lang),
        previous_version=for_line(old.document.version),
        previous_date=format_date(old.document.date, lang),
        status=annex_word(details.status, lang),
        is_draft=details.status == "draft",
    )


def _intro(old: AnswersDocument, new: AnswersDocument, wording: Wording) -> Iterator[str]:
    lang = wording.lang
    details = new.document
    terms = wording.values.terms
    processor = _named(terms.processor.nom_cap, details.processor.name)
    controller = _named(terms.controller.dat, details.controller.name)
    number = details.annex_number.strip()
    title = details.title.strip()
    if number:
        annex = (details.annex_word if lang == "de" else details.annex_word_en) + f" {number}"
        where = _t("in_numbered", lang).format(annex=annex, title=title)
    else:
        where = _t(f"in_{details.annex_word}", lang).format(title=title)
    if details.contract_reference.strip():
        where += _t("contract", lang).format(contract=details.contract_reference.strip())
        if details.contract_date is not None:
            where += _t("contract_date", lang).format(date=format_date(details.contract_date, lang))
    yield _t("informs", lang).format(processor=processor, controller=controller, where=where)
    new_version = _version(details.version, details.date, lang)
    if details.version != old.document.version:
        old_version = _version(old.document.version, old.document.date, lang)
        yield _t("replaces", lang).format(new=new_version, old=old_version)
    else:
        yield _t("same_version", lang).format(new=details.version)


def _named(term: str, name: str) -> str:
    return f"{term} {name.strip()}" if name.strip() else term


def _version(version: str, date: Any, lang: Language) -> str:
    if date is None:
        return version
    return _t("of_date", lang).format(version=version, date=format_date(date, lang))


def _closing(new: AnswersDocument, lang: Language) -> Iterator[str]:
    if new.document.date is not None:
        yield _t("applies", lang).format(date=format_date(new.document.date, lang))


def required_texts(context: NoticeContext) -> Iterator[str]:
    """What the rendered notice must show: its title, introduction, every heading and change
    sentence, the closing, and the processor's name and signatory (place and date of signing
    are left blank: the document's are those of the annex)."""
    yield context.document.title
    yield from context.intro
    for section in context.sections:
        yield section.title
        yield from section.changes
    yield from context.closing
    processor = context.processor
    yield from (processor.name, processor.representative, processor.function)


def notice_sentences(context: NoticeContext) -> list[str]:
    """Every change sentence of the notice, in order (for tests and previews)."""
    return [text for section in context.sections for text in section.changes]
