"""Rendering templates: sandbox, escaping, clear messages for broken templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from tomwizard.answers.model import HistoryEntry
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import new_document
from tomwizard.export.context import build_context
from tomwizard.export.render import TemplateProblem, render
from tomwizard.export.variables import ExportContext


@pytest.fixture
def context(catalogue: Catalogue) -> ExportContext:
    document = new_document(catalogue)
    document.document.processor.name = "R&D <select> \"quoted\" 'single' {{ x }} {% if %}"
    document.document.controller.name = "Zeile 1\nZeile 2\n\nAbsatz 2"
    document.history = {"1.0": HistoryEntry(changes="Zeile 1\nZeile 2\n\nAbsatz 2")}
    return build_context(document, catalogue, "de", dt.date(2025, 1, 1))


def _template(tmp_path: Path, *paragraphs: str, header: str = "") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


def _texts(data: bytes, tmp_path: Path) -> list[str]:
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    return [p.text for p in docx.Document(str(out)).paragraphs]


def test_values_are_escaped_and_recorded(context: ExportContext, tmp_path: Path) -> None:
    template = _template(
        tmp_path, "Auftragnehmer: {{ processor.name }}", header="{{ processor.name }}"
    )
    rendered = render(template, context)
    assert _texts(rendered.data, tmp_path) == [
        "Auftragnehmer: R&D <select> \"quoted\" 'single' {{ x }} {% if %}"
    ]
    out = docx.Document(str(tmp_path / "out.docx"))
    assert out.sections[0].header.paragraphs[0].text == context.processor.name
    assert rendered.shown == [context.processor.name, context.processor.name]


def test_line_breaks_and_paragraphs(context: ExportContext, tmp_path: Path) -> None:
    # longer text keeps its paragraphs; a name (inside a sentence, a bullet or a cell) does not
    rendered = render(_template(tmp_path, "{{ history[0].changes }}"), context)
    assert _texts(rendered.data, tmp_path) == ["Zeile 1\nZeile 2", "Absatz 2"]
    rendered = render(_template(tmp_path, "Name: {{ controller.name }}"), context)
    assert _texts(rendered.data, tmp_path) == ["Name: Zeile 1\nZeile 2\nAbsatz 2"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("{{ firma }} {{ datum }}", "unknown template variables: datum, firma"),
        ("{{ document.titel }}", "has no attribute 'titel'"),
        ("{{ n – 1 }}", "unexpected char '–'"),
        ("{% iff x %}", "unknown tag 'iff'"),
        ("{{ cycler.__init__.__globals__ }}", "refused: the template tries to reach Python"),
        ("{{ processor.name.__class__.__mro__ }}", "refused"),
        ("{{ lipsum.__globals__['os'] }}", "refused"),
    ],
)
def test_broken_and_hostile_templates_are_refused(
    context: ExportContext, tmp_path: Path, paragraph: str, expected: str
) -> None:
    template = _template(tmp_path, "Vorher", paragraph)
    with pytest.raises(TemplateProblem) as caught:
        render(template, context)
    message = str(caught.value)
    assert message.startswith(f"{template}: ")
    assert expected in message


def test_syntax_errors_show_the_text_around_them(context: ExportContext, tmp_path: Path) -> None:
    template = _template(tmp_path, "Davor steht dies", "{{ n – 1 }}")
    with pytest.raises(TemplateProblem) as caught:
        render(template, context)
    assert "Davor steht dies" in caught.value.near
    assert "AutoCorrect" in caught.value.message


def test_a_misspelt_attribute_names_its_tag(context: ExportContext, tmp_path: Path) -> None:
    template = _template(tmp_path, "Titel: {{ document.title }}", "Am {{ document.titel }}")
    with pytest.raises(TemplateProblem) as caught:
        render(template, context)
    assert caught.value.near == ["{{ document.titel }}"]
    assert "has no attribute 'titel'" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"not a zip", "not a Word document"), (b"PK\x03\x04broken", "not a Word document")],
)
def test_files_that_are_no_templates(
    context: ExportContext, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(TemplateProblem, match=expected):
        render(path, context)


def test_missing_template_file(context: ExportContext, tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem, match="does not exist"):
        render(tmp_path / "nothing.docx", context)


def test_table_row_loop_outside_a_table(context: ExportContext, tmp_path: Path) -> None:
    template = _template(tmp_path, "{%tr for h in history %}", "{{ h.version }}", "{%tr endfor %}")
    with pytest.raises(TemplateProblem):
        render(template, context)


def test_switch_values_are_spelt_as_the_sdk_expects() -> None:
    """LibreOffice writes w:val="true" on switches the Open XML SDK only accepts as on/off."""
    import io
    import zipfile

    from tomwizard.export.ooxml import normalise_switches

    xml = (
        '<w:document><w:tr><w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="1"/>'
        '</w:trPr></w:tr><w:r><w:rPr><w:b w:val="false"/></w:rPr>'
        '<w:t xml:space="preserve">w:val="true"</w:t></w:r>'
        '<w:docVar w:name="x" w:val="true"/></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    fixed = zipfile.ZipFile(io.BytesIO(normalise_switches(buffer.getvalue())))
    text = fixed.read("word/document.xml").decode()
    assert "<w:cantSplit/>" in text and "<w:tblHeader/>" in text
    assert '<w:b w:val="off"/>' in text
    assert 'w:val="true"</w:t>' in text  # text is text
    assert '<w:docVar w:name="x" w:val="true"/>' in text  # not a switch
    assert fixed.namelist() == ["[Content_Types].xml", "word/document.xml"]
    unchanged = io.BytesIO()
    with zipfile.ZipFile(unchanged, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert normalise_switches(unchanged.getvalue()) == unchanged.getvalue()
