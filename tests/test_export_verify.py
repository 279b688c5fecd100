"""The check of a rendered Word file: its text, its structure, and the texts it must show."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from tomwizard.export.verify import (
    ExportCheckFailed,
    check_docx,
    document_text,
    verify_docx,
)


def save(document: Document, path: Path) -> bytes:
    document.save(str(path))
    return path.read_bytes()


def rewrite(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """``data`` with every member passed through ``change`` (None drops the member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info, content)
    return out.getvalue()


@pytest.fixture
def sample(tmp_path: Path) -> bytes:
    """A document with paragraphs, a line break and a tab, a table with a nested table, and a
    header and footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header text"
    section.footer.paragraphs[0].text = "Footer R&D <x>"
    document.add_heading("Annex: technical measures", level=1)
    paragraph = document.add_paragraph("First line")
    run = paragraph.add_run()
    run.add_break(WD_BREAK.LINE)
    paragraph.add_run("second line\tafter tab")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Cell A1"
    table.cell(0, 1).text = "Cell B1"
    table.cell(1, 0).text = "Cell A2"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested cell"
    document.add_paragraph("Last paragraph")
    return save(document, tmp_path / "sample.docx")


def test_document_text_in_order(sample: bytes) -> None:
    text = document_text(sample)
    expected = [
        "Annex: technical measures\n",
        "First line\nsecond line\tafter tab\n",
        "Cell A1\n",
        "Cell B1\n",
        "Cell A2\n",
        "Nested cell\n",
        "Last paragraph\n",
        "Header text\n",
        "Footer R&D <x>\n",
    ]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} not found after position {position} in {text!r}"
        position = found + len(piece)


def test_document_text_skips_field_codes_and_deleted_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Visible")
    data = save(document, tmp_path / "a.docx")
    extra = (
        b"<w:p>"
        b"<w:r><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r>"
        b"<w:del><w:r><w:delText>Deleted</w:delText></w:r></w:del>"
        b"<w:r><w:t>Kept</w:t></w:r></w:p>"
    )

    def add_paragraph(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        return content.replace(b"<w:sectPr", extra + b"<w:sectPr", 1)

    text = document_text(rewrite(data, add_paragraph))
    assert "Visible\n" in text
    assert "Kept\n" in text
    assert "PAGE" not in text
    assert "Deleted" not in text


def test_document_text_text_box_once_and_after_its_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Anchor")
    data = save(document, tmp_path / "a.docx")
    box = (
        b'<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        b'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        b"<w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        b"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p>"
        b"</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        b'<w:r><w:t xml:space="preserve"> text</w:t></w:r>'
    )

    def add_box(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        return content.replace(b"<w:t>Anchor</w:t></w:r>", b"<w:t>Anchor</w:t></w:r>" + box, 1)

    text = document_text(rewrite(data, add_box))
    assert "Anchor text\nIn the box\n" in text
    assert text.count("In the box") == 1


def test_tab_stops_are_no_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Name")
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(4))
    assert document_text(save(document, tmp_path / "a.docx")) == "Name\n"


def test_passes_when_every_text_is_present(sample: bytes) -> None:
    shown = [
        "Annex: technical measures",
        "First line\nsecond line\tafter tab",
        "Cell A1",
        "Nested cell",
        "Header text",
        "Footer R&D <x>",
    ]
    assert verify_docx(sample, shown, required=["Last paragraph"]) == []
    check_docx(sample, shown)


def test_whitespace_differences_do_not_count(sample: bytes) -> None:
    # a line break in the document, a space in the text, and the other way round
    assert verify_docx(sample, ["First line second line", "Cell  A1", "Cell\nB1"]) == []
    assert verify_docx(sample, ["  ", "\n", "\a\a", ""]) == []


def test_reports_missing_texts(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("R&D only")
    data = save(document, tmp_path / "a.docx")
    special = "R&D <select> \"quoted\" 'single'"
    problems = verify_docx(data, ["R&D only", special], required=["Signature"])
    assert problems == [
        f'text missing from the document: "{special}"',
        'text missing from the document: "Signature"',
    ]
    with pytest.raises(ExportCheckFailed) as caught:
        check_docx(data, [special])
    assert caught.value.problems == [f'text missing from the document: "{special}"']
    assert "R&D <select>" in str(caught.value)


def test_special_characters_present(tmp_path: Path) -> None:
    document = docx.Document()
    special = "R&D <select> \"quoted\" 'single' ☒ 🙂 שלום"
    document.add_paragraph(special)
    assert verify_docx(save(document, tmp_path / "a.docx"), [special]) == []


def test_paragraph_pieces_are_checked_one_by_one(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First paragraph")
    document.add_paragraph("unrelated text in between")
    document.add_paragraph("Second paragraph")
    data = save(document, tmp_path / "a.docx")
    assert verify_docx(data, ["First paragraph\aSecond paragraph"]) == []
    assert verify_docx(data, ["First paragraph\aThird paragraph"]) == [
        'text missing from the document: "Third paragraph"'
    ]


def test_long_and_many_missing_texts_are_shortened(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("nothing to see")
    data = save(document, tmp_path / "a.docx")
    long = "word " * 40
    problems = verify_docx(data, [long, *(f"missing {n}" for n in range(14)), "missing 0"])
    assert len(problems) == 11
    first = problems[0]
    assert first.startswith('text missing from the document: "word word')
    assert first.endswith(' …"')
    assert len(first) < len("text missing from the document: ") + 85
    assert problems[-1] == "… and 5 more missing texts"


def test_many_texts_against_a_large_document(tmp_path: Path) -> None:
    document = docx.Document()
    texts = [f"Measure {n}: access is logged and reviewed every {n} days." for n in range(2000)]
    for text in texts:
        document.add_paragraph(text)
    data = save(document, tmp_path / "large.docx")
    # fragments of paragraphs are found as well; these five are not there
    fragments = [text.split(": ")[1] for text in texts]
    wrong = [f"Measure {n}: access" for n in range(2000, 2005)]
    started = time.perf_counter()
    problems = verify_docx(data, [*texts, *fragments, *wrong])
    assert time.perf_counter() - started < 5
    assert len(problems) == 5


def test_truncated_zip(sample: bytes) -> None:
    problems = verify_docx(sample[: len(sample) // 2], ["Cell A1"])
    assert len(problems) == 1
    assert "not a valid Word (.docx) file" in problems[0]


def test_not_a_zip_at_all() -> None:
    problems = verify_docx(b"just some text", [])
    assert len(problems) == 1
    assert "not a valid Word (.docx) file" in problems[0]


def test_corrupted_member_fails_the_crc_check(sample: bytes) -> None:
    # store word/document.xml uncompressed, then flip one byte of its data
    stored = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as source, zipfile.ZipFile(stored, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    data = bytearray(stored.getvalue())
    position = data.find(b"Nested cell")
    assert position > 0
    data[position] ^= 0x20
    problems = verify_docx(bytes(data), ["Nested cell"])
    assert problems == ["the file is damaged: word/document.xml fails its checksum (CRC) test"]


def test_garbled_compressed_data(sample: bytes) -> None:
    data = bytearray(sample)
    with zipfile.ZipFile(io.BytesIO(sample)) as archive:
        info = archive.getinfo("word/document.xml")
    # the member's data starts after its 30-byte local header, name and extra field
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0xFF
    problems = verify_docx(bytes(data), [])
    assert len(problems) == 1
    assert "damaged" in problems[0]


def test_malformed_document_xml(sample: bytes) -> None:
    def break_xml(name: str, content: bytes) -> bytes:
        if name == "word/document.xml":
            return content.replace(b"</w:body>", b"<w:p></w:body>", 1)
        return content

    problems = verify_docx(rewrite(sample, break_xml), ["Cell A1"])
    assert len(problems) == 1
    assert problems[0].startswith("word/document.xml is not well-formed XML: ")
    assert "line" in problems[0]


def test_malformed_footer_with_an_unescaped_ampersand(sample: bytes) -> None:
    def break_footer(name: str, content: bytes) -> bytes:
        if name.startswith("word/footer"):
            return content.replace(b"R&amp;D", b"R&D", 1)
        return content

    problems = verify_docx(rewrite(sample, break_footer), [])
    assert len(problems) == 1
    assert problems[0].startswith("word/footer")
    assert "EntityRef" in problems[0]


def test_malformed_relationships(sample: bytes) -> None:
    def break_rels(name: str, content: bytes) -> bytes:
        return content[:-20] if name == "word/_rels/document.xml.rels" else content

    problems = verify_docx(rewrite(sample, break_rels), [])
    assert len(problems) == 1
    assert problems[0].startswith("word/_rels/document.xml.rels is not well-formed XML")


def test_zip_without_the_document(sample: bytes) -> None:
    data = rewrite(sample, lambda name, content: None if name == "word/document.xml" else content)
    assert verify_docx(data, ["Cell A1"]) == [
        "the file is not a Word document: it has no word/document.xml"
    ]


def test_any_zip_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert verify_docx(out.getvalue(), []) == [
        "the file is not a Word document: it has no [Content_Types].xml",
        "the file is not a Word document: it has no word/document.xml",
    ]


def test_python_docx_must_open_it(sample: bytes) -> None:
    # well-formed, but the main document's relationship points at a part that is not there
    def drop_styles(name: str, content: bytes) -> bytes | None:
        if name == "word/_rels/document.xml.rels":
            return content.replace(b'Target="styles.xml"', b'Target="gone.xml"')
        return content

    problems = verify_docx(rewrite(sample, drop_styles), [])
    assert len(problems) == 1
    assert problems[0].startswith("the document cannot be opened (python-docx: ")
