"""Real exports, checked as a user would: both seed examples with both built-in templates in both
languages, opened with python-docx, converted by LibreOffice and read back from the PDF; golden
text files catch unintended changes; hostile values in every field come out verbatim.

The LibreOffice checks skip when LibreOffice or pdftotext is missing (``.ci/run`` installs both).
Run with ``TOMWIZARD_UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from ooxml import assert_valid_ooxml

from tomwizard.answers.english import english_version
from tomwizard.answers.model import AnswersDocument, CustomMeasure, HistoryEntry
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk.storage import load_document
from tomwizard.export.context import build_context
from tomwizard.export.exporter import export_document
from tomwizard.export.pdf import convert_to_pdf, find_office
from tomwizard.export.text import comparable, for_document
from tomwizard.export.variables import ExportContext
from tomwizard.export.verify import document_text

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2025, 1, 1)
SEEDS = ["alfaview-anlage1", "datenschutz-nord-anhang3"]
STYLES = ["anlage", "prosa", "tabelle"]
LANGUAGES: list[Language] = ["de", "en"]

needs_office = pytest.mark.skipif(
    find_office() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and pdftotext are needed (apt-get install libreoffice-writer-nogui "
    "poppler-utils)",
)

SIGNATURE = {
    "de": ["Ort", "Datum", "Name", "Funktion", "Unterschrift"],
    "en": ["Place", "Date", "Name", "Position", "Signature"],
}


def _seed(name: str, catalogue: Catalogue) -> AnswersDocument:
    document = load_document(EXAMPLES / f"{name}.toml", catalogue).document
    # the seeds have no own measures; a user's annex usually does
    category = document.categories["zugangskontrolle"]
    category.custom["tresor"] = CustomMeasure(
        label="Passwort-Tresor für Notfallzugänge",
        phrase="Notfallkennwörter liegen versiegelt in einem Tresor.",
        status="implemented",
    )
    category.custom["token"] = CustomMeasure(
        label="Hardware-Token für alle", status="planned", target_date=dt.date(2026, 6, 30)
    )
    return document


def _pdf_text(docx_path: Path, tmp_path: Path) -> str:
    pdf = convert_to_pdf(docx_path, tmp_path / (docx_path.stem + ".pdf"))
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def _expected(context: ExportContext, style: str) -> list[str]:
    """What the annex must show: every implemented measure (with its parameters), every own
    measure, the planned ones, the parties and the signature block."""
    texts = [context.processor.name, context.controller.name, *SIGNATURE[context.lang]]
    for group in context.groups:
        for category in group.categories:
            texts.append(category.title)
            for measure in category.implemented:
                if style == "prosa":
                    texts.append(measure.text)
                else:
                    texts.extend([measure.label, measure.details])
                    texts.extend(p.value for p in measure.parameters)
    texts.extend(m.label for m in context.planned)
    return [t for t in texts if t]


def _squeeze(text: str) -> str:
    """``text`` without whitespace and hyphens: pdftotext joins lines and drops or keeps the
    hyphen of a word broken at a line end ('Browser-' + 'Fingerprinting')."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", comparable(text))


def _missing(expected: list[str], text: str) -> list[str]:
    haystack = _squeeze(text)
    return [
        piece
        for item in expected
        for piece in item.replace("\a", "\n").split("\n")
        if _squeeze(piece) and _squeeze(piece) not in haystack
    ]


def _export_seed(
    catalogue: Catalogue, tmp_path: Path, seed: str, style: str, lang: Language
) -> tuple[Path, ExportContext]:
    """Export a seed example (with own measures added); the .docx and what it was made from."""
    document = _seed(seed, catalogue)
    out = tmp_path / "annex.docx"
    export_document(document, catalogue, out, template=style, lang=lang, today=TODAY)
    assert_valid_ooxml(out)
    printed = english_version(document, catalogue, lang).document
    return out, build_context(printed, catalogue, lang, TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_example_export_matches_golden_text(
    shipped_catalogue: Catalogue, tmp_path: Path, seed: str, style: str, lang: Language
) -> None:
    out, context = _export_seed(shipped_catalogue, tmp_path, seed, style, lang)
    opened = docx.Document(str(out))  # python-docx opens it
    assert opened.paragraphs
    text = document_text(out.read_bytes())
    assert _missing(_expected(context, style), text) == []
    golden = GOLDEN / f"{seed}.{style}.{lang}.txt"
    if os.environ.get("TOMWIZARD_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} missing; run with TOMWIZARD_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), (
        f"the export differs from {golden.name}; if intended, rerun with TOMWIZARD_UPDATE_GOLDEN=1"
    )


@needs_office
@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_example_survives_libreoffice(
    shipped_catalogue: Catalogue, tmp_path: Path, seed: str, style: str, lang: Language
) -> None:
    out, context = _export_seed(shipped_catalogue, tmp_path, seed, style, lang)
    pdf_text = _pdf_text(out, tmp_path)
    assert _missing(_expected(context, style), pdf_text) == []
    assert ("Seite 1 von" if lang == "de" else "Page 1 of") in pdf_text


# -- hostile values ---------------------------------------------------------------------------

HOSTILE = [
    "R&D <select> \"quoted\" 'single' > & <",
    "{{ x }} {% if %} {%p endif %} {# c #} {_{ y }_}",
    "control\x00\x01\x07\x08\x0b\x0c\x1b\x7f characters",
    "emoji 🔐🧑‍💻 and ✓ ☒",
    "right-to-left: שלום עולם مرحبا",
    "line 1\nline 2\r\nline 3\n\nnew paragraph",
    "",
]


def _fill_every_field(document: AnswersDocument, catalogue: Catalogue, value: str) -> None:
    """Put ``value`` into every free-text field of ``document`` (ids and option ids stay)."""
    details = document.document
    for party in (details.controller, details.processor):
        party.name = party.address = party.representative = value
    dpo = details.processor_dpo
    dpo.name = dpo.organisation = dpo.email = dpo.phone = dpo.address = value
    details.title = details.contract_reference = details.author = details.approved_by = value
    details.annex_number = details.version = value
    document.history = {"1.0": HistoryEntry(changes=value, author=value)}
    for category_id, category in document.categories.items():
        category.description = value
        for measure_id, measure in category.measures.items():
            measure.note = value
            if measure.status == "not_applicable":
                measure.reason = value
            spec = catalogue.measure(category_id, measure_id)
            for parameter in spec.parameters if spec else []:
                if parameter.type == "text" and value:
                    measure.parameters[parameter.id] = value
        for question_id, answer in list(category.answers.items()):
            question = catalogue.question(category_id, question_id)
            if question is None:
                continue
            if question.type == "text":
                category.answers[question_id] = value
            elif question.type == "table" and isinstance(answer, dict):
                columns = [c.id for c in getattr(question, "columns", []) if c.type == "text"]
                for row in answer.values():
                    for column in columns:
                        row[column] = value
        category.custom["hostile"] = CustomMeasure(
            label=value or "-", phrase=value, note=value, status="implemented"
        )


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_come_out_verbatim(
    shipped_catalogue: Catalogue, tmp_path: Path, style: str, value: str
) -> None:
    document = load_document(EXAMPLES / "datenschutz-nord-anhang3.toml", shipped_catalogue).document
    _fill_every_field(document, shipped_catalogue, value)
    out = tmp_path / "hostile.docx"
    export_document(document, shipped_catalogue, out, template=style, today=TODAY)
    assert_valid_ooxml(out)
    text = document_text(out.read_bytes())
    docx.Document(str(out))
    shown = for_document(value)
    pieces = [comparable(p) for p in shown.replace("\a", "\n").split("\n") if comparable(p)]
    normalised = comparable(text)
    for piece in pieces:
        # every field holds the value: it appears many times, never mangled
        assert normalised.count(piece) >= 10, piece


def test_a_100_kb_answer_is_exported_whole(shipped_catalogue: Catalogue, tmp_path: Path) -> None:
    document = load_document(EXAMPLES / "alfaview-anlage1.toml", shipped_catalogue).document
    long_text = " ".join(f"Wort{i}" for i in range(15_000))  # ~100 kB
    assert len(long_text) > 100_000
    document.categories["zugangskontrolle"].description = long_text
    out = tmp_path / "long.docx"
    export_document(document, shipped_catalogue, out, today=TODAY)
    assert long_text in document_text(out.read_bytes())


@needs_office
@pytest.mark.slow
def test_libreoffice_opens_an_annex_full_of_hostile_values(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    document = load_document(EXAMPLES / "datenschutz-nord-anhang3.toml", shipped_catalogue).document
    _fill_every_field(document, shipped_catalogue, " | ".join(HOSTILE))
    out = tmp_path / "hostile.docx"
    export_document(document, shipped_catalogue, out, template="anlage", today=TODAY)
    assert_valid_ooxml(out)
    pdf_text = _pdf_text(out, tmp_path)
    assert "R&D <select>" in pdf_text
    assert "{{ x }} {% if %}" in pdf_text


@pytest.mark.parametrize("style", STYLES)
def test_planned_and_not_applicable_measures_are_never_shown_as_implemented(
    shipped_catalogue: Catalogue, tmp_path: Path, style: str
) -> None:
    from tomwizard.answers.model import MeasureAnswer

    document = load_document(EXAMPLES / "alfaview-anlage1.toml", shipped_catalogue).document
    zugang = document.categories["zugangskontrolle"]
    zugang.measures["standardpasswoerter"] = MeasureAnswer(
        status="not_applicable", reason="Es gibt keine Geräte mit Werkspasswörtern."
    )
    zugang.measures["persoenliche_kennungen"] = MeasureAnswer(
        status="planned", target_date=dt.date(2026, 3, 31)
    )
    out = tmp_path / "annex.docx"
    export_document(document, shipped_catalogue, out, template=style, today=TODAY)
    text = comparable(document_text(out.read_bytes()))
    for measure_id in ("standardpasswoerter", "persoenliche_kennungen"):
        measure = shipped_catalogue.measure("zugangskontrolle", measure_id)
        assert measure is not None
        # the sentence stating that the measure is in place must not appear
        assert comparable(measure.phrase.de) not in text
    assert "Persönliche Benutzerkennungen" in text and "31.03.2026" in text  # planned section
    # every style lists what does not apply, with its reason
    assert "Es gibt keine Geräte mit Werkspasswörtern." in text


@needs_office
@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
def test_a_template_saved_again_by_an_office_suite_still_exports(
    shipped_catalogue: Catalogue, tmp_path: Path, style: str
) -> None:
    """What a user does to restyle a template: open it in an office suite and save it. The
    suite rewrites every part (runs split differently, its own styles and settings); the tags
    must survive and the export must still pass its own check."""
    from tomwizard.locations import builtin_templates_dir

    office = find_office()
    assert office is not None
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            office,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "resaved"),
            str(builtin_templates_dir() / f"{style}.de.docx"),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    resaved = tmp_path / "resaved" / f"{style}.de.docx"
    assert resaved.stat().st_size > 0
    document = _seed("datenschutz-nord-anhang3", shipped_catalogue)
    out = tmp_path / "annex.docx"
    export_document(document, shipped_catalogue, out, template=str(resaved), today=TODAY)
    assert_valid_ooxml(out)
    context = build_context(document, shipped_catalogue, "de", TODAY)
    assert _missing(_expected(context, style), document_text(out.read_bytes())) == []
