"""Would a signer accept the annex unchanged? Both seed examples in every built-in style and both
languages, and a document that ticks every measure, read the way the person who signs them
does: no placeholder, no brace, no "nothing documented" sentence, no heading over nothing, no
column of blank cells, no Part-3 BDSG citation, the contract's own words, every user text,
English throughout in English, and a draft marked exactly when it is one. Every file is also
checked with the Open XML SDK validator."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from ooxml import assert_valid_ooxml

from tomwizard.answers.english import english_version
from tomwizard.answers.model import AnswersDocument, CategoryAnswers, MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk.storage import load_document, new_document
from tomwizard.export.context import build_context
from tomwizard.export.exporter import export_document
from tomwizard.export.text import comparable
from tomwizard.export.variables import ExportContext
from tomwizard.export.verify import document_text

EXAMPLES = Path(__file__).parent.parent / "examples"
SEEDS = ["alfaview-anlage1", "datenschutz-nord-anhang3"]
STYLES = ["anlage", "prosa", "tabelle"]
LANGUAGES: list[Language] = ["de", "en"]
TODAY = dt.date(2025, 1, 1)

UNACCEPTABLE = re.compile(
    r"\[[^\]]{0,60}(?:fehlt|missing)[^\]]{0,20}\]"  # a placeholder for a missing value
    r"|[{}]"  # template syntax or an unfilled phrase
    r"|keine umgesetzten|no implemented measures|keine weiteren Maßnahmen in Planung"
    r"|no further measures are planned|noch keine Änderungen|no changes to this annex"
    r"|§ ?(?:64|22)(?: Abs\.[^;,)]*)? BDSG"  # law that does not apply to a processor's TOM
    r"|\(\s*\)|\([^()]*\([^()]*\)[^()]*\)"  # empty or nested parentheses
)
GERMAN = re.compile(
    r"[äöüÄÖÜß]|\b(?:der|die|das|und|oder|werden|wird|nicht|mit|für|Maßnahmen?|Auftraggeber\w*"
    r"|Auftragnehmer\w*|Anlage|Anhang|Seite|Entwurf)\b"
)


def _export(
    document: AnswersDocument, catalogue: Catalogue, tmp_path: Path, style: str, lang: Language
) -> tuple[bytes, ExportContext]:
    out = tmp_path / f"{style}.{lang}.docx"
    export_document(document, catalogue, out, template=style, lang=lang, today=TODAY)
    assert_valid_ooxml(out)
    printed = english_version(document, catalogue, lang).document
    return out.read_bytes(), build_context(printed, catalogue, lang, TODAY)


def _blocks(data: bytes) -> list[tuple[str, str]]:
    """The body as (kind, text): ``heading1``, ``heading2``, ``text`` or ``table``."""
    document = docx.Document(io.BytesIO(data))
    blocks: list[tuple[str, str]] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            style = paragraph.style.name if paragraph.style is not None else ""
            if style.startswith("Heading"):
                blocks.append((f"heading{style[-1]}", text))
            elif text:
                blocks.append(("text", text))
        elif tag == "tbl":
            blocks.append(("table", ""))
    return blocks


def _empty_sections(blocks: list[tuple[str, str]]) -> list[str]:
    """Headings followed by nothing but an equal or higher heading (or the end)."""
    empty = []
    for index, (kind, text) in enumerate(blocks):
        if not kind.startswith("heading"):
            continue
        level = int(kind[-1])
        following = blocks[index + 1 : index + 2]
        if not following:
            empty.append(text)
        elif following[0][0].startswith("heading") and int(following[0][0][-1]) <= level:
            empty.append(text)
    return empty


def _blank_columns(data: bytes) -> list[str]:
    """Tables (by their header) with a column whose body cells are all empty."""
    found = []
    for table in docx.Document(io.BytesIO(data)).tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if len(rows) < 2 or len(set(rows[0])) < len(rows[0]):
            continue  # a layout table (the signature block), not a data table
        for column, heading in enumerate(rows[0]):
            if heading and all(not row[column] for row in rows[1:] if column < len(row)):
                found.append(heading)
    return found


def _header_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    parts = [section.header, section.first_page_header]
    return " ".join(p.text for part in parts for p in part.paragraphs)


def _check_signable(data: bytes, context: ExportContext, lang: Language) -> None:
    text = comparable(document_text(data))
    assert UNACCEPTABLE.findall(text) == []
    blocks = _blocks(data)
    assert _empty_sections(blocks) == []
    headings = [text for kind, text in blocks if kind.startswith("heading")]
    # no "5 Wiederherstellbarkeit" directly followed by "5.1 Wiederherstellbarkeit"
    titles = [h.split("\t", 1)[-1] for h in headings]
    assert not any(a == b for a, b in itertools.pairwise(titles))
    assert _blank_columns(data) == []
    draft = "ENTWURF" if lang == "de" else "DRAFT"
    assert (draft in _header_text(data)) == context.document.is_draft
    assert (draft in text) == context.document.is_draft
    # every remark, reason and provider sentence, as the signer reads it
    measures = [m for g in context.groups for c in g.categories for m in c.implemented]
    for measure in [*measures, *context.planned, *context.not_applicable]:
        for said in (measure.note_sentence, measure.reason_sentence, measure.provider):
            assert comparable(said) in text
    for group in context.groups:
        for category in group.categories:
            for said in (category.provider, category.description, *category.statements):
                assert comparable(said) in text
    for paragraph in context.scope:
        assert comparable(paragraph) in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_examples_are_signable(
    shipped_catalogue: Catalogue, tmp_path: Path, seed: str, style: str, lang: Language
) -> None:
    document = load_document(EXAMPLES / f"{seed}.toml", shipped_catalogue).document
    data, context = _export(document, shipped_catalogue, tmp_path, style, lang)
    _check_signable(data, context, lang)
    text = comparable(document_text(data))
    annex = document.document.annex_word if lang == "de" else document.document.annex_word_en
    assert f"{annex} {document.document.annex_number}" in text
    if lang == "en":
        # the examples hold an English version of each of their texts (addresses stay as
        # they are)
        for party in (context.controller, context.processor):
            text = text.replace(comparable(party.address), "")
        assert GERMAN.findall(text) == []


@pytest.mark.parametrize("style", STYLES)
def test_the_contracts_words_are_used_throughout(
    shipped_catalogue: Catalogue, tmp_path: Path, style: str
) -> None:
    """datenschutz nord's contract says Verantwortlicher/Auftragsverarbeiter and "Anhang": no
    Auftraggeber, Auftragnehmer or Anlage anywhere in its annex."""
    document = load_document(EXAMPLES / "datenschutz-nord-anhang3.toml", shipped_catalogue)
    assert document.document.document.party_terms == "verantwortlicher"
    data, _ = _export(document.document, shipped_catalogue, tmp_path, style, "de")
    text = comparable(document_text(data))
    assert re.findall(r"\b(?:Auftraggeber\w*|Auftragnehmer\w*|Anlage)\b", text) == []
    assert "des Verantwortlichen" in text and "Anhang 3" in text
    document.document.document.party_terms = "kunde"
    data, context = _export(document.document, shipped_catalogue, tmp_path, style, "en")
    text = comparable(document_text(data))
    for measure in (m for g in context.groups for c in g.categories for m in c.implemented):
        text = text.replace(comparable(measure.note_sentence), "")  # the user's own words
    assert "the customer" in text and not re.search(r"\bthe controller\b", text)


def _every_measure(catalogue: Catalogue, status: str = "implemented") -> AnswersDocument:
    """Every measure of the catalogue ticked, every choice answered with its first option,
    numbers at their minimum, yes/no questions answered yes, and no free text at all."""
    document = new_document(catalogue, "en")
    document.document.annex_number = "1"
    document.document.version = "1.0"
    document.document.processor.name = "ACME"
    document.document.controller.name = "Contoso"
    for category in catalogue.categories:
        answers = CategoryAnswers()
        for question in category.questions:
            options = getattr(question, "options", [])
            if question.type == "choice" and options:
                answers.answers[question.id] = options[0].id
            elif question.type == "multichoice" and options:
                answers.answers[question.id] = [options[0].id]
            elif question.type == "bool":
                answers.answers[question.id] = True
            for measure in getattr(question, "measures", []):
                state = MeasureAnswer(status=status)  # type: ignore[arg-type]
                for spec in measure.parameters:
                    if spec.type == "choice" and spec.options:
                        state.parameters[spec.id] = spec.options[0].id
                    elif spec.type == "number":
                        state.parameters[spec.id] = int(spec.min if spec.min is not None else 1)
                    elif spec.type == "bool":
                        state.parameters[spec.id] = True
                answers.measures[measure.id] = state
        document.categories[category.id] = answers
    return document


@pytest.mark.parametrize("style", STYLES)
def test_an_english_annex_has_no_german_fixed_text(
    shipped_catalogue: Catalogue, tmp_path: Path, style: str
) -> None:
    """Every measure, statement and fixed text of an English annex is English (a document
    without free text, so that everything printed comes from the catalogue or the template)."""
    document = _every_measure(shipped_catalogue)
    data, context = _export(document, shipped_catalogue, tmp_path, style, "en")
    _check_signable(data, context, "en")
    text = comparable(document_text(data))
    assert sorted(set(GERMAN.findall(text))) == []
    assert "GDPR" in text and "DSGVO" not in text and "Abs." not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_complete_final_document_is_signable_and_not_marked_as_draft(
    shipped_catalogue: Catalogue, tmp_path: Path, lang: Language
) -> None:
    document = _every_measure(shipped_catalogue)
    document.document.status = "final"
    for style in STYLES:
        data, context = _export(document, shipped_catalogue, tmp_path, style, lang)
        assert not context.document.is_draft
        _check_signable(data, context, lang)
