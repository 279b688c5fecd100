"""The built-in Word templates in ``templates/``: exactly what ``scripts/build_templates.py``
builds, and renderable in the export's sandbox with every kind of document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import io
import re
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from tomwizard.answers.model import AnswersDocument, CatalogueRef
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.disk.storage import load_document, new_document
from tomwizard.export.context import build_context
from tomwizard.export.exporter import required_texts
from tomwizard.export.variables import ExportContext
from tomwizard.locations import shipped_questions_dir

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_templates.py"
TEMPLATES = ROOT / "templates"
EXAMPLES = ROOT / "examples"
KINDS = ("anlage", "prosa", "tabelle")
LANGS = ("de", "en")
NAMES = [f"{kind}.{lang}.docx" for kind in KINDS for lang in LANGS]
TODAY = dt.date(2025, 1, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def script() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("build_templates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(builtin=shipped_questions_dir())


@pytest.fixture(scope="module")
def documents(shipped: Catalogue) -> dict[str, AnswersDocument]:
    return {
        "datenschutz-nord": load_document(
            EXAMPLES / "datenschutz-nord-anhang3.toml", shipped
        ).document,
        "alfaview": load_document(EXAMPLES / "alfaview-anlage1.toml", shipped).document,
        "new": new_document(shipped),
        "bare": AnswersDocument(catalogue=CatalogueRef(id="tomwizard", version="1.0.0")),
        "mixed": _mixed(
            load_document(EXAMPLES / "datenschutz-nord-anhang3.toml", shipped).document
        ),
    }


def _mixed(base: AnswersDocument) -> AnswersDocument:
    """An example with planned, not applicable and own measures, a draft, and text that needs
    escaping."""
    data = base.model_dump()
    details = data["document"]
    details["status"] = "draft"
    details["controller"] = {
        "name": "Müller & Söhne <GmbH>",
        "address": "Hauptstraße 1\n12345 Musterstadt",
        "representative": "Erika Mustermann",
    }
    details["processor"]["representative"] = "Max Beispiel"
    access = data["categories"]["zutrittskontrolle"]
    access["measures"]["schliessanlage"] = {
        "status": "planned",
        "target_date": dt.date(2025, 6, 30),
    }
    access["measures"]["closed_shop"] = {
        "status": "not_applicable",
        "reason": "Kein Standort mit Publikumsverkehr",
    }
    access["custom"] = {
        "tresor": {
            "label": "Tresor für Datenträger",
            "phrase": "Datenträger liegen in einem Tresor <Klasse I>.",
            "status": "implemented",
            "note": "Schlüssel beim Empfang & in der IT",
        }
    }
    return AnswersDocument.model_validate(data)


def _render(path: Path, context: ExportContext) -> bytes:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    template = DocxTemplate(path)
    template.render(context.as_dict(), jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _part_text(data: bytes, name: str) -> str:
    """The text of one part, a line per paragraph (tabs and line breaks as spaces)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(name))
    lines = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
            pieces.append(node.text or "" if node.tag == f"{W}t" else " ")
        lines.append("".join(pieces))
    return "\n".join(lines)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\a", " ")).strip()


def _words_of(script: ModuleType, name: str) -> Any:
    return script.WORDS[name.split(".")[1]]


# -- reproducible ------------------------------------------------------------------------------


def test_committed_templates_are_what_the_script_builds(script: ModuleType, tmp_path: Path) -> None:
    written = script.build_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(NAMES)
    assert sorted(p.name for p in TEMPLATES.glob("*.docx")) == sorted(NAMES)
    for name in NAMES:
        built, committed = (tmp_path / name).read_bytes(), (TEMPLATES / name).read_bytes()
        assert script.same_content(built, committed), (
            f"templates/{name} is outdated: run python scripts/build_templates.py"
        )


def test_check_names_the_files_that_differ(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert script.main(["--check", "--output", str(TEMPLATES)]) == 0
    for name in NAMES:
        shutil.copy(TEMPLATES / name, tmp_path / name)
    (tmp_path / "prosa.en.docx").write_bytes(b"not a template")
    (tmp_path / "anlage.de.docx").unlink()
    assert script.main(["--check", "--output", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "prosa.en.docx" in err
    assert "anlage.de.docx" in err
    assert "anlage.en.docx" not in err


def test_zip_entries_carry_no_build_time() -> None:
    for name in NAMES:
        with zipfile.ZipFile(TEMPLATES / name) as archive:
            infos = archive.infolist()
            core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
        assert "2025-01-01T00:00:00Z" in core
        assert "python-docx" not in core
        assert "{{" not in core and "{%" not in core


# -- well-formed templates ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_templates_use_only_context_variables(name: str) -> None:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    used = DocxTemplate(TEMPLATES / name).get_undeclared_template_variables(env)
    fields = {f.name for f in dataclasses.fields(ExportContext)}
    assert used
    assert used <= fields


@pytest.mark.parametrize("name", NAMES)
def test_templates_have_real_styles_and_page_set_up(script: ModuleType, name: str) -> None:
    document = Document(str(TEMPLATES / name))
    words = _words_of(script, name)
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Normal", words.small_style} <= used
    if name.startswith("anlage"):
        assert "List Bullet" in used
    assert any(t.style is not None and t.style.name == "Table Grid" for t in document.tables)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.title == words.doc_title
    assert document.core_properties.author == ""
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert words.page in footer
    header = section.header._element.xml
    assert "document.title" in header


# -- rendering ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("which", ["datenschutz-nord", "alfaview", "new", "bare", "mixed"])
def test_templates_render_every_document(
    script: ModuleType,
    shipped: Catalogue,
    documents: dict[str, AnswersDocument],
    name: str,
    lang: str,
    which: str,
) -> None:
    kind = name.split(".")[0]
    words = _words_of(script, name)
    context = build_context(documents[which], shipped, lang, today=TODAY)  # type: ignore[arg-type]
    data = _render(TEMPLATES / name, context)

    document = Document(io.BytesIO(data))  # python-docx can open it
    assert document.paragraphs
    body = _part_text(data, "word/document.xml")
    flat = _words(body)
    lines = {_words(line) for line in body.splitlines()}
    assert "{{" not in body and "{%" not in body

    # everything the export requires of a built-in template (parties, measures, tables, ...)
    missing = [
        text
        for text in required_texts(context, kind)
        if text and _words(text) not in flat and _words(text) not in lines
    ]
    assert not missing
    for label in (words.place, words.sign_date, words.name, words.position, words.signature):
        assert label in lines
    assert words.signatures in lines
    # sections without content are left out: no heading over nothing, no "nothing planned"
    assert (words.planned in lines) == bool(context.planned)
    assert (words.history in lines) == bool(context.history)
    assert (words.not_applicable in lines) == bool(context.not_applicable)

    measures = [m for g in context.groups for c in g.categories for m in c.implemented]
    if measures:
        first = measures[0]
        assert _words(first.text if kind == "prosa" else first.label) in flat
        assert context.processor.name in flat
    else:
        # no heading without content: an annex with nothing documented has no category sections
        assert not context.groups

    footers = [_part_text(data, n) for n in ("word/footer1.xml", "word/footer2.xml")]
    assert all(words.page in footer for footer in footers)
    header = _part_text(data, "word/header1.xml")
    assert context.document.title in header
    assert (words.draft in header) == context.document.is_draft
    assert (words.draft_notice in lines) == context.document.is_draft


@pytest.mark.parametrize("name", NAMES)
def test_measures_by_status(
    script: ModuleType, shipped: Catalogue, documents: dict[str, AnswersDocument], name: str
) -> None:
    """Implemented measures (own ones too) as such; planned ones with their date; measures that
    do not apply only in the anlage's own section, never as implemented."""
    kind, lang = name.split(".")[:2]
    words = _words_of(script, name)
    context = build_context(documents["mixed"], shipped, lang, today=TODAY)  # type: ignore[arg-type]
    document = Document(io.BytesIO(_render(TEMPLATES / name, context)))
    paragraphs = [_words(p.text) for p in document.paragraphs]
    bullets = [
        _words(p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name == "List Bullet"
    ]
    rows = [[_words(c.text) for c in row.cells] for t in document.tables for row in t.rows]
    flat = " ".join(paragraphs + [cell for row in rows for cell in row])

    access = context.groups[0].categories[0]
    own = next(m for m in access.implemented if m.custom)
    implemented = [m for g in context.groups for c in g.categories for m in c.implemented]
    if kind == "anlage":
        # the remark is a sentence of its own, on its own line under the label
        assert f"{own.label} {own.note_sentence}" in bullets
        assert len(bullets) == len(implemented)
    elif kind == "tabelle":
        cells = [cell for row in rows for cell in row]
        # an own measure without a kind is listed below the table
        assert f"{own.label} {own.note_sentence}" in (bullets if not own.kind else cells)
        kinded = [m for m in implemented if m.kind]
        assert len(bullets) == len(implemented) - len(kinded)
    else:
        assert not bullets
        assert f"{own.text} {own.note_sentence}" in paragraphs
    assert "Müller & Söhne <GmbH>" in flat

    [planned] = context.planned
    assert planned.target_date
    assert [
        _words(" ".join(t for t in (planned.label, planned.details, planned.note_sentence) if t)),
        f"{planned.category_number} {planned.category}",
        planned.target_date,
    ] in rows
    assert not any(b.startswith(planned.label) for b in bullets)
    assert planned.text not in paragraphs

    [not_applicable] = context.not_applicable
    assert not any(b.startswith(not_applicable.label) for b in bullets)
    assert not_applicable.text not in flat
    # every style lists the measures that do not apply, with their reasons (and remarks)
    assert words.not_applicable in paragraphs
    reason = " ".join(
        t for t in (not_applicable.reason_sentence, not_applicable.note_sentence) if t
    )
    assert [
        not_applicable.label,
        f"{not_applicable.category_number} {not_applicable.category}".strip(),
        reason,
    ] in rows
