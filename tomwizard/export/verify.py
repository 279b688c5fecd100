"""Checking a rendered Word file before anyone relies on it.

docxtpl can produce a file that Word refuses (a stray ``&`` in a footer) or one that opens but
silently lacks text (``<select>`` swallowed as a tag). Neither shows up as an error while
rendering, so every export is checked afterwards (:func:`verify_docx`):

1. the bytes are a zip archive whose members all pass their CRC check, with the two parts every
   Word document has (``[Content_Types].xml`` and ``word/document.xml``);
2. every XML part (``.xml``, ``.rels``) is well-formed;
3. it holds no DTD, no macros or ActiveX controls and no links to outside targets other than
   hyperlinks (:func:`~tomwizard.export.package.unsafe_content`), whatever the template did;
4. python-docx can open the document;
5. every text the template was given to show is visible in the document (:func:`document_text`),
   compared word by word (:func:`~tomwizard.export.text.comparable`), so line breaks, paragraph
   breaks and tabs may differ but no character may be lost.

The checks stop at the first structural failure: there is no point looking for text in a file
that is not a zip archive. Schema validity (what Word accepts beyond well-formed XML) is not
checked; there is no practical OOXML validator for Python.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from io import BytesIO
from typing import Any

from tomwizard.export.package import unsafe_content
from tomwizard.export.text import comparable
from tomwizard.export.words import CHECK
from tomwizard.languages import Language

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_PARAGRAPH = f"{_W}p"
_TEXT = f"{_W}t"
_TABS = frozenset({f"{_W}tab", f"{_W}ptab"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})
_SKIPPED = frozenset(
    {
        # field codes and deleted or moved-away text are not visible
        f"{_W}instrText",
        f"{_W}delText",
        f"{_W}delInstrText",
        f"{_W}del",
        f"{_W}moveFrom",
        # properties: w:pPr holds tab stops (w:tabs/w:tab), which are no text
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}tblPr",
        f"{_W}tblPrEx",
        f"{_W}trPr",
        f"{_W}tcPr",
        f"{_W}sectPr",
        f"{_W}sdtPr",
        f"{_W}sdtEndPr",
        f"{_W}tblGrid",
        # a text box is stored twice (DrawingML and a VML fallback); the first copy counts
        _MC_FALLBACK,
    }
)

MAIN_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
_NUMBERED_PARTS = re.compile(r"word/(header|footer)(\d*)\.xml")
_NOTES = ("word/footnotes.xml", "word/endnotes.xml")
_PIECE_SEPARATORS = re.compile("[\a\n\t]")

MAX_LISTED = 10
"""How many missing texts :func:`verify_docx` names before summing up the rest."""
QUOTE_LENGTH = 80
"""How much of a missing text :func:`verify_docx` quotes."""


class ExportCheckFailed(Exception):
    """The exported Word file is damaged or lacks text it should show."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: list[str] = list(problems)
        super().__init__("\n".join(self.problems))


def check_docx(
    data: bytes, shown: Iterable[str], required: Iterable[str] = (), messages: Language = "en"
) -> None:
    """Raise :class:`ExportCheckFailed` if :func:`verify_docx` finds any problem."""
    problems = verify_docx(data, shown, required, messages)
    if problems:
        raise ExportCheckFailed(problems)


def verify_docx(
    data: bytes, shown: Iterable[str], required: Iterable[str] = (), messages: Language = "en"
) -> list[str]:
    """Problems with the Word file ``data`` (empty if there are none), in ``messages``.

    ``shown`` are the texts the template was given to show, ``required`` further texts the
    document must contain (the template's own headings, say). Each is split at paragraph breaks
    (``\\a``), line breaks and tabs; every piece must occur in the document's visible text.
    """
    unsafe, problems = verify_annex(data, shown, required, messages)
    return [*unsafe, *problems]


def verify_annex(
    data: bytes, shown: Iterable[str], required: Iterable[str] = (), messages: Language = "en"
) -> tuple[list[str], list[str]]:
    """:func:`verify_docx`'s problems in two lists: content the file must not hold (a DTD,
    macros, links to outside targets: the template's doing), then damage and missing text."""
    parts, problems = _read_parts(data, messages)
    if problems:
        return [], problems
    roots, problems = _parse_parts(parts, messages)
    if problems:
        return [], problems
    unsafe = unsafe_content(parts, roots, messages)
    if unsafe:
        return unsafe, []
    problem = _open_with_python_docx(data, messages)
    if problem:
        return [], [problem]
    return [], _missing_texts(_text_of_parts(roots), [*shown, *required], messages)


def document_text(data: bytes) -> str:
    """All visible text of the Word file ``data``, in order: the body (paragraphs, tables, text
    boxes), then headers, footers, footnotes and endnotes.

    Tabs become ``\\t``; line breaks and the end of every paragraph become ``\\n``. Field codes
    and deleted text are left out. Raises :class:`zipfile.BadZipFile`, :class:`KeyError` (no
    ``word/document.xml``) or ``lxml.etree.XMLSyntaxError`` for a damaged file.
    """
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = set(archive.namelist())
        parts = {name: archive.read(name) for name in _text_parts(names)}
    if MAIN_PART not in parts:
        raise KeyError(f"there is no {MAIN_PART} in the file")
    return _text_of_parts({name: _parse(raw) for name, raw in parts.items()})


# --- structure ------------------------------------------------------------------------------


def _read_parts(data: bytes, lang: Language) -> tuple[dict[str, bytes], list[str]]:
    """The archive's members by name, or the problems that make it unreadable."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            broken = archive.testzip()
            if broken is not None:
                return {}, [CHECK("crc", lang, name=broken)]
            parts = {
                info.filename: archive.read(info)
                for info in archive.infolist()
                if not info.is_dir()
            }
    except zipfile.BadZipFile as exc:
        return {}, [CHECK("not_docx", lang, reason=exc)]
    except (zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as exc:
        # zlib.error and EOFError: a member's compressed data is cut off or garbled;
        # RuntimeError: encrypted; NotImplementedError (a RuntimeError): unknown compression
        return {}, [CHECK("damaged", lang, reason=exc)]
    missing = [name for name in (CONTENT_TYPES, MAIN_PART) if name not in parts]
    return parts, [CHECK("no_part", lang, name=name) for name in missing]


def _parse_parts(parts: Mapping[str, bytes], lang: Language) -> tuple[dict[str, Any], list[str]]:
    """Every XML part parsed, or a problem for each that is not well-formed."""
    from lxml import etree

    roots: dict[str, Any] = {}
    problems: list[str] = []
    for name, raw in parts.items():
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            roots[name] = _parse(raw)
        except etree.XMLSyntaxError as exc:
            problems.append(CHECK("xml", lang, name=name, reason=exc.msg))
    return roots, problems


def _parse(raw: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(raw, parser)


def _open_with_python_docx(data: bytes, lang: Language) -> str | None:
    import docx

    try:
        docx.Document(BytesIO(data))
    except Exception as exc:  # whatever goes wrong, the file is unusable; say so, do not crash
        return CHECK("cannot_open", lang, reason=f"{type(exc).__name__}: {exc}")
    return None


# --- text -----------------------------------------------------------------------------------


def _text_parts(names: Iterable[str]) -> list[str]:
    """The parts holding visible text, in reading order."""
    numbered: list[tuple[int, int, str]] = []
    for name in names:
        match = _NUMBERED_PARTS.fullmatch(name)
        if match:
            kind = 0 if match[1] == "header" else 1
            numbered.append((kind, int(match[2] or 0), name))
    present = set(names)
    return [
        *([MAIN_PART] if MAIN_PART in present else []),
        *(name for _, _, name in sorted(numbered)),
        *(name for name in _NOTES if name in present),
    ]


def _text_of_parts(roots: Mapping[str, Any]) -> str:
    return "".join(_text_of(roots[name]) for name in _text_parts(roots))


def _text_of(root: Any) -> str:
    out: list[str] = []
    _collect(root, out, out)
    return "".join(out)


def _paragraph(paragraph: Any) -> str:
    """A paragraph's text and ``\\n``, followed by the paragraphs of text boxes anchored in it
    (so that a text box does not split the paragraph's own text)."""
    own: list[str] = []
    nested: list[str] = []
    _collect(paragraph, own, nested)
    return "".join(own) + "\n" + "".join(nested)


def _collect(element: Any, own: list[str], nested: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        if tag == _TEXT:
            own.append(child.text or "")
        elif tag == _PARAGRAPH:
            nested.append(_paragraph(child))
        elif tag in _TABS:
            own.append("\t")
        elif tag in _BREAKS:
            own.append("\n")
        elif tag not in _SKIPPED:
            _collect(child, own, nested)


def _pieces(texts: Iterable[str]) -> Iterator[str]:
    """The non-empty, comparable pieces of ``texts``, each once, in order of appearance."""
    seen: set[str] = set()
    for text in texts:
        for piece in _PIECE_SEPARATORS.split(text):
            piece = comparable(piece)
            if piece and piece not in seen:
                seen.add(piece)
                yield piece


def _missing_texts(text: str, expected: Iterable[str], lang: Language) -> list[str]:
    haystack = comparable(text)
    # most pieces are a whole line of the document: look those up in a set first
    lines = {comparable(line) for line in _PIECE_SEPARATORS.split(text)}
    missing = [piece for piece in _pieces(expected) if piece not in lines and piece not in haystack]
    problems = [CHECK("missing", lang, text=_quoted(piece)) for piece in missing]
    if len(problems) > MAX_LISTED:
        rest = len(problems) - MAX_LISTED
        problems = [*problems[:MAX_LISTED], CHECK.count("more", lang, rest)]
    return problems


def _quoted(text: str) -> str:
    """As much of ``text`` as a message quotes."""
    if len(text) > QUOTE_LENGTH:
        text = text[: QUOTE_LENGTH - 2].rstrip() + " …"
    return text
