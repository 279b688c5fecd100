"""Build the built-in Word templates in ``templates/`` with python-docx.

    python scripts/build_templates.py            # (re)write templates/*.docx
    python scripts/build_templates.py --check    # exit 1 if the committed files are outdated
    python scripts/build_templates.py --output DIR

Six docxtpl templates come out of this script: ``anlage`` (checklist: the implemented measures
as bullets with their parameters), ``prosa`` (a paragraph per measure) and ``tabelle``
(technical and organisational measures side by side), each in German and English. The template
variables are the fields of :class:`tomwizard.export.variables.ExportContext`;
``docs/templates.md`` explains the tag rules.

The files are written deterministically, so that a review sees real changes only and the test
suite can prove the committed files are what this script builds: fixed core properties, and the
zip rewritten with fixed timestamps and attributes in python-docx's member order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

Lang = Literal["de", "en"]
Kind = Literal["anlage", "prosa", "tabelle"]
KINDS: tuple[Kind, ...] = ("anlage", "prosa", "tabelle")
LANGS: tuple[Lang, ...] = ("de", "en")

FONT = "Calibri"
"""Word's default font; LibreOffice uses the metric-compatible Carlito where Calibri is missing."""
ACCENT = RGBColor(0x1F, 0x38, 0x64)
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x59, 0x59, 0x59)
DRAFT = RGBColor(0xC0, 0x00, 0x00)
SHADE = "E8EDF4"
"""Background of table header cells and labels."""
RULE = "A6A6A6"
"""Colour of table borders and lines."""

TEXT_WIDTH = 16.0
"""A4 width (21 cm) minus 2.5 cm margins, in cm."""

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_ATTR = 0o100644 << 16


# -- static text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Everything the templates say in their own words, in one language."""

    lang_tag: str
    doc_title: str
    draft: str
    draft_notice: str
    small_style: str
    table_style: str
    table_heading_style: str
    label_style: str
    notice_style: str
    tag_style: str
    page: str
    of: str
    version: str
    as_of: str
    # title block
    contract: str
    contract_date: str
    doc_version: str
    date: str
    status: str
    author: str
    approved_by: str
    next_review: str
    # parties
    parties: str
    controller: str
    processor: str
    represented_by: str
    dpo: str
    # history
    history: str
    # scope
    scope: str
    scope_intro: str
    structure_anlage: str
    structure_prosa: str
    structure_tabelle: str
    structure_planned: str
    technical: str
    organisational: str
    further: str
    # categories
    objective: str
    see_data_centres: str
    see_certifications: str
    # data centres and certifications
    data_centres: str
    data_centres_intro: str
    providers: str
    providers_intro: str
    certifications: str
    certifications_intro: str
    # planned and not applicable
    planned: str
    planned_intro: str
    planned_columns: tuple[str, str, str]
    planned_open: str
    not_applicable: str
    not_applicable_intro: str
    not_applicable_columns: tuple[str, str, str]
    # closing
    signatures: str
    signatures_intro: str
    for_controller: str
    for_processor: str
    place: str
    sign_date: str
    name: str
    position: str
    signature: str


GERMAN = Words(
    lang_tag="de-DE",
    doc_title="Technische und organisatorische Maßnahmen",
    draft="ENTWURF",
    draft_notice="ENTWURF – nicht zur Unterschrift bestimmt",
    small_style="Kleiner Text",
    table_style="Tabellentext",
    table_heading_style="Tabellenkopf",
    label_style="Anlagenbezeichnung",
    notice_style="Entwurfsvermerk",
    tag_style="Vorlagenbefehl",
    page="Seite",
    of="von",
    version="Version",
    as_of="Stand",
    contract="Vertrag",
    contract_date="Vertragsdatum",
    doc_version="Version {{ terms.annex.gen }}",
    date="Stand",
    status="Status",
    author="Erstellt von",
    approved_by="Freigegeben von",
    next_review="Nächste Überprüfung",
    parties="Vertragsparteien",
    controller="{{ terms.controller.heading }}",
    processor="{{ terms.processor.heading }}",
    represented_by="vertreten durch",
    dpo="Datenschutzbeauftragte/r {{ terms.processor.gen }}:",
    history="Änderungshistorie",
    scope="Gegenstand und Geltungsbereich",
    scope_intro=(
        "{{ terms.annex.nom_cap }} gehört zum Vertrag{% if document.contract_reference %} "
        "„{{ document.contract_reference }}“{% else %} über die Auftragsverarbeitung{% endif %}"
        "{% if document.contract_date %} vom {{ document.contract_date }}{% endif %} und "
        "beschreibt die technischen und organisatorischen Maßnahmen nach Art. 32 DSGVO, mit "
        "denen {{ terms.processor.nom }}{% if processor.name %} {{ processor.name }}{% endif %} "
        "die personenbezogenen Daten schützt, die er im Auftrag {{ terms.controller.gen }}"
        "{% if controller.name %} {{ controller.name }}{% endif %} verarbeitet."
    ),
    structure_anlage=(
        "Die Maßnahmen sind nach den Schutzzielen des Art. 32 Abs. 1 DSGVO gegliedert. Je "
        "Kontrollbereich sind das Ziel und die zum Stand dieser Fassung umgesetzten Maßnahmen "
        "aufgeführt."
    ),
    structure_prosa=(
        "Die folgenden Abschnitte folgen den Schutzzielen des Art. 32 Abs. 1 DSGVO und "
        "beschreiben für jeden Kontrollbereich, welche Maßnahmen zum Stand dieser Fassung "
        "umgesetzt sind."
    ),
    structure_tabelle=(
        "Die Maßnahmen sind nach den Schutzzielen des Art. 32 Abs. 1 DSGVO gegliedert. Je "
        "Kontrollbereich stehen das Ziel und die zum Stand dieser Fassung umgesetzten "
        "technischen und organisatorischen Maßnahmen nebeneinander."
    ),
    structure_planned=(
        "Maßnahmen, deren Umsetzung noch aussteht, stehen gesondert im Abschnitt "
        "„Geplante Maßnahmen“."
    ),
    technical="Technische Maßnahmen",
    organisational="Organisatorische Maßnahmen",
    further="Weitere Maßnahmen",
    objective="Ziel:",
    see_data_centres=(
        "Die genutzten Rechenzentren und Cloud-Anbieter sind im Abschnitt "
        "„Rechenzentren und Hosting“ aufgeführt."
    ),
    see_certifications=(
        "Die vorliegenden Zertifizierungen und Testate sind im Abschnitt "
        "„Zertifizierungen und Testate“ aufgeführt."
    ),
    data_centres="Rechenzentren und Hosting",
    data_centres_intro=(
        "Die Daten {{ terms.controller.gen }} werden in den folgenden externen Rechenzentren "
        "oder bei den folgenden Cloud-Anbietern verarbeitet oder gespeichert:"
    ),
    providers="Dienstleister",
    providers_intro=(
        "{{ terms.processor.nom_cap }} setzt die folgenden Dienstleister ein. Wo ein "
        "Dienstleister eine Maßnahme umsetzt, ist dies bei der Maßnahme angegeben."
    ),
    certifications="Zertifizierungen und Testate",
    certifications_intro=(
        "Für die eingesetzten Systeme und Dienste liegen die folgenden Zertifizierungen "
        "oder Prüfberichte vor:"
    ),
    planned="Geplante Maßnahmen",
    planned_intro=(
        "Die folgenden Maßnahmen sind noch nicht umgesetzt. {{ terms.processor.nom_cap }} "
        "beabsichtigt, sie{% if planned_dated %} bis zum jeweils genannten Termin{% endif %} "
        "einzuführen; bis zu ihrer Einführung zählen sie nicht zu den oben beschriebenen "
        "Maßnahmen."
    ),
    planned_columns=("Maßnahme", "Bereich", "Umsetzung bis"),
    planned_open="offen",
    not_applicable="Nicht anwendbare Maßnahmen",
    not_applicable_intro=(
        "Die folgenden Maßnahmen wurden geprüft. Für die Verarbeitung im Auftrag sind sie nicht "
        "einschlägig und werden daher nicht umgesetzt:"
    ),
    not_applicable_columns=("Maßnahme", "Bereich", "Begründung"),
    signatures="Unterschriften",
    signatures_intro="Die Parteien bestätigen {{ terms.annex.acc }} mit ihrer Unterschrift.",
    for_controller="Für {{ terms.controller.acc }}",
    for_processor="Für {{ terms.processor.acc }}",
    place="Ort",
    sign_date="Datum",
    name="Name",
    position="Funktion",
    signature="Unterschrift",
)

ENGLISH = Words(
    lang_tag="en-GB",
    doc_title="Technical and organisational measures",
    draft="DRAFT",
    draft_notice="DRAFT – not for signature",
    small_style="Small Text",
    table_style="Table Text",
    table_heading_style="Table Heading",
    label_style="Annex Label",
    notice_style="Draft Notice",
    tag_style="Template Tag",
    page="Page",
    of="of",
    version="Version",
    as_of="as of",
    contract="Agreement",
    contract_date="Date of the agreement",
    doc_version="Version of {{ terms.annex.nom }}",
    date="Date",
    status="Status",
    author="Prepared by",
    approved_by="Approved by",
    next_review="Next review",
    parties="Parties",
    controller="{{ terms.controller.heading }}",
    processor="{{ terms.processor.heading }}",
    represented_by="represented by",
    dpo="Data protection officer of {{ terms.processor.nom }}:",
    history="Change history",
    scope="Subject matter and scope",
    scope_intro=(
        "{{ terms.annex.nom_cap }} forms part of the {% if document.contract_reference %}"
        "agreement “{{ document.contract_reference }}”{% else %}data processing agreement"
        "{% endif %}{% if document.contract_date %} of {{ document.contract_date }}{% endif %} "
        "and describes the technical and organisational measures under Art. 32 GDPR by which "
        "{{ terms.processor.nom }}{% if processor.name %} {{ processor.name }}{% endif %} "
        "protects the personal data it processes on behalf of {{ terms.controller.acc }}"
        "{% if controller.name %} {{ controller.name }}{% endif %}."
    ),
    structure_anlage=(
        "The measures are arranged by the security objectives of Art. 32(1) GDPR. For each "
        "area, the objective and the measures implemented as of this version are listed."
    ),
    structure_prosa=(
        "The following sections follow the security objectives of Art. 32(1) GDPR and describe, "
        "for each area, the measures implemented as of this version."
    ),
    structure_tabelle=(
        "The measures are arranged by the security objectives of Art. 32(1) GDPR. For each "
        "area, the objective is given, and the technical and organisational measures "
        "implemented as of this version are shown side by side."
    ),
    structure_planned=(
        "Measures that have yet to be implemented are shown separately under “Planned measures”."
    ),
    technical="Technical measures",
    organisational="Organisational measures",
    further="Further measures",
    objective="Objective:",
    see_data_centres=(
        "The data centres and cloud providers used are listed in the section "
        "“Data centres and hosting”."
    ),
    see_certifications=(
        "The certifications and attestations held are listed in the section "
        "“Certifications and attestations”."
    ),
    data_centres="Data centres and hosting",
    data_centres_intro=(
        "{{ terms.controller.gen[:1]|upper }}{{ terms.controller.gen[1:] }} data is processed "
        "or stored in the following external data centres or by the following cloud providers:"
    ),
    providers="Service providers",
    providers_intro=(
        "{{ terms.processor.nom_cap }} uses the following service providers. Where a provider "
        "implements a measure, the measure says so."
    ),
    certifications="Certifications and attestations",
    certifications_intro=(
        "The following certifications or audit reports are held for the systems and services "
        "in use:"
    ),
    planned="Planned measures",
    planned_intro=(
        "The following measures have not been implemented yet. {{ terms.processor.nom_cap }} "
        "intends to introduce them{% if planned_dated %} by the date given for each{% endif %}; "
        "until they are introduced, they are not part of the measures described above."
    ),
    planned_columns=("Measure", "Area", "Target date"),
    planned_open="open",
    not_applicable="Measures not applicable",
    not_applicable_intro=(
        "The following measures were considered. They do not apply to the processing on behalf "
        "of {{ terms.controller.acc }} and are therefore not implemented:"
    ),
    not_applicable_columns=("Measure", "Area", "Reason"),
    signatures="Signatures",
    signatures_intro="By signing, the parties confirm {{ terms.annex.acc }}.",
    for_controller="For {{ terms.controller.acc }}",
    for_processor="For {{ terms.processor.acc }}",
    place="Place",
    sign_date="Date",
    name="Name",
    position="Position",
    signature="Signature",
)

WORDS: dict[Lang, Words] = {"de": GERMAN, "en": ENGLISH}


# -- low-level helpers --------------------------------------------------------------------------

Run = str | tuple[str, str]
"""Text of a run, or (text, format) with format letters ``b`` (bold) and ``i`` (italic)."""


def _element(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _replace(parent: Any, element: Any, successors: Sequence[str]) -> None:
    """Put ``element`` into ``parent`` in schema order, replacing one of the same tag."""
    for old in parent.findall(element.tag):
        parent.remove(old)
    parent.insert_element_before(element, *successors)


_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_TCPR_AFTER_BORDERS = (
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)


def _border(pPr: Any, *sides: str, size: int = 4, color: str = RULE, space: int = 1) -> None:
    borders = _element("w:pBdr")
    for side in sides:
        borders.append(
            _element(f"w:{side}", val="single", sz=str(size), space=str(space), color=color)
        )
    _replace(pPr, borders, _PPR_AFTER_PBDR)


def _explicit_fonts(root: Any, lang_tag: str) -> None:
    """Every font reference in ``root`` names :data:`FONT` itself instead of the theme (theme
    attributes win over explicit ones in Word), and every language is ``lang_tag``."""
    for fonts in root.iter(qn("w:rFonts")):
        for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{name}"), None)
        for name in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{name}"), FONT)
    for lang in root.iter(qn("w:lang")):
        lang.set(qn("w:val"), lang_tag)
        lang.set(qn("w:eastAsia"), lang_tag)
    for color in root.iter(qn("w:color")):
        for name in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{name}"), None)


def _add_runs(paragraph: Paragraph, runs: Sequence[Run]) -> None:
    for item in runs:
        text, fmt = (item, "") if isinstance(item, str) else item
        if not text:
            continue
        run = paragraph.add_run(text)
        if "b" in fmt:
            run.bold = True
        if "i" in fmt:
            run.italic = True


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) showing ``placeholder`` until Word updates it."""
    parts: list[Any] = [
        _element("w:fldChar", fldCharType="begin"),
        _element("w:instrText"),
        _element("w:fldChar", fldCharType="separate"),
        _element("w:t"),
        _element("w:fldChar", fldCharType="end"),
    ]
    parts[1].set(qn("xml:space"), "preserve")
    parts[1].text = f" {instruction} "
    parts[3].text = placeholder
    for part in parts:
        run = paragraph.add_run()
        run._r.append(part)


def _shade(cell: _Cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    _replace(
        tcPr,
        _element("w:shd", val="clear", color="auto", fill=fill),
        _TCPR_AFTER_BORDERS[1:],
    )


def _cell_borders(cell: _Cell, **sides: str) -> None:
    """Borders of one cell: ``bottom="single"`` draws, ``"nil"`` removes."""
    tcPr = cell._tc.get_or_add_tcPr()
    borders = _element("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            value = sides[side]
            attrs = {"val": value}
            if value != "nil":
                attrs.update(sz="6", space="0", color="404040")
            borders.append(_element(f"w:{side}", **attrs))
    _replace(tcPr, borders, _TCPR_AFTER_BORDERS)


def _repeat_header(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(_element("w:tblHeader"))


def _cant_split(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.insert(0, _element("w:cantSplit"))


# -- the document builder -----------------------------------------------------------------------


class Builder:
    """One template under construction: styles, page set-up and content helpers."""

    def __init__(self, kind: Kind, lang: Lang) -> None:
        self.kind = kind
        self.lang = lang
        self.w = WORDS[lang]
        self.doc: DocxDocument = Document()
        self._styles()
        self._page()

    # styles ---------------------------------------------------------------------------------

    def _styles(self) -> None:
        w = self.w
        styles = self.doc.styles
        root = styles.element
        _explicit_fonts(root, w.lang_tag)
        # Word's default paragraph spacing from the template (10 pt after, 1.15 lines) is
        # replaced in Normal; the document defaults stay as they are
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = TEXT
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(6)
        pf.line_spacing = 1.12
        pf.widow_control = True

        title = styles["Title"]
        title.font.size = Pt(22)
        title.font.bold = True
        title.font.color.rgb = ACCENT
        tpPr = title.element.get_or_add_pPr()
        for old in tpPr.findall(qn("w:pBdr")):
            tpPr.remove(old)
        title.paragraph_format.space_before = Pt(0)
        title.paragraph_format.space_after = Pt(12)
        title.paragraph_format.line_spacing = 1.0
        title.paragraph_format.keep_with_next = True

        for level, size, before, after, indent in ((1, 14, 18, 6, 0.9), (2, 11.5, 12, 3, 1.1)):
            heading = styles[f"Heading {level}"]
            heading.font.size = Pt(size)
            heading.font.bold = True
            heading.font.color.rgb = ACCENT
            hf = heading.paragraph_format
            hf.space_before = Pt(before)
            hf.space_after = Pt(after)
            hf.keep_with_next = True
            hf.keep_together = True
            hf.line_spacing = 1.0
            # "1.2<tab>Title": the number hangs, wrapped lines align with the title
            hf.left_indent = Cm(indent)
            hf.first_line_indent = Cm(-indent)
            hf.tab_stops.add_tab_stop(Cm(indent))
            if level == 1:
                _border(heading.element.get_or_add_pPr(), "bottom", size=6, color="8EA2C0")

        bullet = styles["List Bullet"]
        bullet.paragraph_format.space_after = Pt(3)
        bullet.paragraph_format.left_indent = Cm(0.63)
        bullet.paragraph_format.first_line_indent = Cm(-0.63)

        grid = styles["Table Grid"]
        for edge in grid.element.iter(qn("w:tblBorders")):
            for side in edge:
                side.set(qn("w:color"), RULE)
        for margin in grid.element.iter(qn("w:tblCellMar")):
            for side in margin:
                if side.tag in (qn("w:left"), qn("w:right")):
                    side.set(qn("w:w"), "85")

        for name in ("Header", "Footer"):
            style = styles[name]
            style.font.size = Pt(8.5)
            style.font.color.rgb = MUTED
            tabs = style.paragraph_format.tab_stops
            tabs.clear_all()
            tabs.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)

        small = styles.add_style(w.small_style, WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = normal
        small.quick_style = True
        small.font.size = Pt(8.5)
        small.font.color.rgb = MUTED
        small.paragraph_format.space_after = Pt(4)
        small.paragraph_format.keep_with_next = True

        table_text = styles.add_style(w.table_style, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = normal
        table_text.quick_style = True
        table_text.font.size = Pt(9.5)
        tt = table_text.paragraph_format
        tt.space_before = Pt(2)
        tt.space_after = Pt(2)
        tt.line_spacing = 1.0

        table_heading = styles.add_style(w.table_heading_style, WD_STYLE_TYPE.PARAGRAPH)
        table_heading.base_style = table_text
        table_heading.quick_style = True
        table_heading.font.bold = True
        table_heading.font.color.rgb = ACCENT
        table_heading.paragraph_format.keep_with_next = True

        label = styles.add_style(w.label_style, WD_STYLE_TYPE.PARAGRAPH)
        label.base_style = normal
        label.quick_style = True
        label.font.size = Pt(11)
        label.font.bold = True
        label.font.all_caps = True
        label.font.color.rgb = MUTED
        label.paragraph_format.space_after = Pt(4)
        label.paragraph_format.keep_with_next = True

        notice = styles.add_style(w.notice_style, WD_STYLE_TYPE.PARAGRAPH)
        notice.base_style = normal
        notice.quick_style = True
        notice.font.size = Pt(12)
        notice.font.bold = True
        notice.font.color.rgb = DRAFT
        notice.paragraph_format.space_before = Pt(0)
        notice.paragraph_format.space_after = Pt(12)
        _border(
            notice.element.get_or_add_pPr(),
            "top",
            "left",
            "bottom",
            "right",
            size=12,
            color="C00000",
            space=4,
        )
        # paragraphs holding only {%p %} / {%tr %} tags vanish when rendering; in the template
        # they are small and grey, so that the document's own text stands out
        tag = styles.add_style(w.tag_style, WD_STYLE_TYPE.PARAGRAPH)
        tag.base_style = normal
        tag.font.size = Pt(8)
        tag.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)
        tag.paragraph_format.space_before = Pt(0)
        tag.paragraph_format.space_after = Pt(0)
        tag.paragraph_format.keep_with_next = True
        # the new styles' fonts and languages follow the document defaults
        _explicit_fonts(root, w.lang_tag)

    # page -----------------------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Cm(21.0)
        section.page_height = Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = Cm(2.5)
        section.bottom_margin = Cm(2.2)
        section.header_distance = Cm(1.2)
        section.footer_distance = Cm(1.0)
        # the title page has the title already: its header shows only the draft mark
        section.different_first_page_header_footer = True
        w = self.w

        header = section.header.paragraphs[0]
        _add_runs(
            header,
            [
                "{% if document.annex %}{{ document.annex }} · {% endif %}{{ document.title }}",
                "\t",
            ],
        )
        self._draft_mark(header)
        _border(header._p.get_or_add_pPr(), "bottom", color="BFBFBF", space=4)
        first = section.first_page_header.paragraphs[0]
        _add_runs(first, ["\t"])
        self._draft_mark(first)

        for footer in (section.footer, section.first_page_footer):
            p = footer.paragraphs[0]
            _add_runs(
                p,
                [
                    "{% if document.version %}" + w.version + " {{ document.version }}{% endif %}"
                    "{% if document.version and document.date %}, {% endif %}"
                    "{% if document.date %}" + w.as_of + " {{ document.date }}{% endif %}"
                    "\t" + w.page + " ",
                ],
            )
            _field(p, "PAGE", "1")
            _add_runs(p, [f" {w.of} "])
            _field(p, "NUMPAGES", "1")
            _border(p._p.get_or_add_pPr(), "top", color="BFBFBF", space=4)

    def _draft_mark(self, paragraph: Paragraph) -> None:
        run = paragraph.add_run("{% if document.is_draft %}" + self.w.draft + "{% endif %}")
        run.bold = True
        run.font.color.rgb = DRAFT

    # content helpers ------------------------------------------------------------------------

    def para(self, *runs: Run, style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        _add_runs(paragraph, runs)
        return paragraph

    def tag(self, tag: str) -> None:
        """A ``{%p ... %}`` tag, alone in its paragraph as docxtpl requires."""
        self.doc.add_paragraph(f"{{%p {tag} %}}", style=self.w.tag_style)

    def small(self, *runs: Run) -> Paragraph:
        return self.para(*runs, style=self.w.small_style)

    def heading(self, text: str, level: int) -> Paragraph:
        return self.para(text, style=f"Heading {level}")

    def table(self, widths: Sequence[float], header: Sequence[str] | None = None) -> Table:
        """A Table Grid table ``widths`` (cm) wide, with a shaded, repeated header row."""
        table: Table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for look in table._tbl.tblPr.iter(qn("w:tblLook")):
            look.set(qn("w:firstColumn"), "0")
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        if header is not None:
            row = self.row(table, [("", "")] * len(widths))
            _repeat_header(row)
            for cell, text in zip(row.cells, header, strict=True):
                _shade(cell, SHADE)
                cell.paragraphs[0].style = self.doc.styles[self.w.table_heading_style]
                _add_runs(cell.paragraphs[0], [text])
        return table

    def row(self, table: Table, cells: Sequence[Run | Sequence[Run]]) -> Any:
        """A row whose cells hold ``cells`` (a run or runs each) in the table text style."""
        row = table.add_row()  # type: ignore[no-untyped-call]
        _cant_split(row)
        widths = [column.width for column in table.columns]
        for cell, content, width in zip(row.cells, cells, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = self.doc.styles[self.w.table_style]
            runs = [content] if isinstance(content, str | tuple) else list(content)
            _add_runs(paragraph, runs)
        return row

    def tag_row(self, table: Table, tag: str) -> None:
        """A ``{%tr ... %}`` row, one cell across the table; docxtpl removes the row."""
        row = self.row(table, [f"{{%tr {tag} %}}"] + [""] * (len(table.columns) - 1))
        cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        cell.paragraphs[0].style = self.doc.styles[self.w.tag_style]

    # output ---------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        props = self.doc.core_properties
        props.title = self.w.doc_title
        props.author = ""
        props.last_modified_by = ""
        props.comments = ""
        props.language = self.w.lang_tag
        props.revision = 1
        props.created = FIXED_TIME
        props.modified = FIXED_TIME
        _drop_thumbnail(self.doc)
        _drop_styles_with_effects(self.doc)
        _compatibility_mode(self.doc)
        _hyphenate(self.doc)
        buffer = BytesIO()
        self.doc.save(buffer)
        return deterministic_zip(buffer.getvalue())


def _drop_styles_with_effects(doc: DocxDocument) -> None:
    """python-docx's default template carries a Word 2010 ``stylesWithEffects`` part that
    nothing uses; Word 2013 and later do not write it."""
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


def _compatibility_mode(doc: DocxDocument) -> None:
    """Open in the layout mode of Word 2013 and later (15), not as a Word 2010 document."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _drop_thumbnail(doc: DocxDocument) -> None:
    """python-docx's default template carries a thumbnail of an empty page: not ours."""
    rels = doc.part.package.rels
    for rId in [rId for rId, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rId]
        rels._target_parts_by_rId.pop(rId, None)


def _hyphenate(doc: DocxDocument) -> None:
    """Automatic hyphenation: German compounds in narrow table cells need it."""
    settings = doc.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        tab_stop = settings.find(qn("w:defaultTabStop"))
        tab_stop.addnext(_element("w:autoHyphenation"))


def deterministic_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed timestamps and attributes, members in order."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = ZIP_ATTR
            info.create_system = 3
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# -- the template content -----------------------------------------------------------------------


def _title_block(b: Builder) -> None:
    w = b.w
    b.tag("if document.annex")
    b.para("{{ document.annex }}", style=w.label_style)
    b.tag("endif")
    b.para("{{ document.title }}", style="Title")
    b.tag("if document.is_draft")
    b.para(w.draft_notice, style=w.notice_style)
    b.tag("endif")

    table = b.table([4.6, TEXT_WIDTH - 4.6])
    rows: list[tuple[str, str, bool]] = [
        (w.contract, "document.contract_reference", True),
        (w.contract_date, "document.contract_date", True),
        (w.doc_version, "document.version", True),
        (w.date, "document.date", True),
        (w.status, "document.status", False),
        (w.author, "document.author", True),
        (w.approved_by, "document.approved_by", True),
        (w.next_review, "document.next_review", True),
    ]
    for label, variable, optional in rows:
        if optional:
            b.tag_row(table, f"if {variable}")
        row = b.row(table, [(label, "b"), f"{{{{ {variable} }}}}"])
        _shade(row.cells[0], SHADE)
        if optional:
            b.tag_row(table, "endif")


def _parties(b: Builder) -> None:
    """The parties side by side; a party without any details (an annex for many customers)
    gets no empty column, and without any the section is left out."""
    w = b.w

    def cell(party: str) -> list[Run]:
        return [
            (f"{{{{ {party}.name }}}}", "b"),
            f"{{% if {party}.address %}}\n{{{{ {party}.address }}}}{{% endif %}}",
            f"{{% if {party}.representative %}}\n{w.represented_by} "
            f"{{{{ {party}.representative }}}}{{% endif %}}",
        ]

    b.tag("if controller.given or processor.given")
    b.heading(w.parties, 1)
    b.tag("if controller.given and processor.given")
    half = TEXT_WIDTH / 2
    table = b.table([half, half], header=[w.controller, w.processor])
    b.row(table, [cell("controller"), cell("processor")])
    for party, heading in (("controller", w.controller), ("processor", w.processor)):
        b.tag(f"elif {party}.given")
        table = b.table([TEXT_WIDTH], header=[heading])
        b.row(table, [cell(party)])
    b.tag("endif")
    b.tag("endif")
    b.tag("if dpo.given")
    dpo = b.para(
        (w.dpo, "b"),
        " {{ dpo.contact }}{% if dpo.address %}\n{{ dpo.address }}{% endif %}",
    )
    dpo.paragraph_format.space_before = Pt(8)
    b.tag("endif")


def _history(b: Builder) -> None:
    """The change history; left out without entries (a blank section says nothing)."""
    w = b.w
    b.tag("if history_table")
    b.heading(w.history, 1)
    _generic_table(b, "history_table")
    b.tag("endif")


def _scope(b: Builder) -> None:
    w = b.w
    b.heading(w.scope, 1)
    b.para(w.scope_intro)
    b.tag("for paragraph in scope")
    b.para("{{ paragraph }}")
    b.tag("endfor")
    structure = {
        "anlage": w.structure_anlage,
        "prosa": w.structure_prosa,
        "tabelle": w.structure_tabelle,
    }[b.kind]
    b.para(structure + "{% if planned %} " + w.structure_planned + "{% endif %}")


def _category_tables(b: Builder) -> None:
    """The category's answered table questions; the data centres and certifications have
    their own sections, so the category only points there."""
    w = b.w
    b.tag("for t in category.tables")
    b.tag("if data_centres and t.id == data_centres.id")
    b.para(w.see_data_centres)
    b.tag("elif certifications and t.id == certifications.id")
    b.para(w.see_certifications)
    b.tag("else")
    b.small(("{{ t.title }}", "b"))
    _generic_table(b, "t")
    b.tag("endif")
    b.tag("endfor")


def _measure_lines(m: str, *, label: str = "{{ %(m)s.label }}") -> str:
    """A measure in a list or a cell: its label, then on lines of their own its parameters,
    its remark as a sentence and who implements it (never joined into one sentence)."""
    return (
        label + "{%% if %(m)s.details %%}\n{{ %(m)s.details }}{%% endif %%}"
        "{%% if %(m)s.note %%}\n{{ %(m)s.note_sentence }}{%% endif %%}"
        "{%% if %(m)s.provider %%}\n{{ %(m)s.provider }}{%% endif %%}"
    ) % {"m": m}


def _kind_table(b: Builder) -> None:
    """The "tabelle" style: the implemented measures of a category in a table, technical and
    organisational side by side; a column only for a kind that has measures; own measures
    without a kind below it."""
    w = b.w
    half = TEXT_WIDTH / 2
    b.tag("if category.technical and category.organisational")
    table = b.table([half, half], header=[w.technical, w.organisational])
    b.tag_row(table, "for row in category.kind_rows")
    b.row(
        table,
        [
            "{% if row.technical %}" + _measure_lines("row.technical") + "{% endif %}",
            "{% if row.organisational %}" + _measure_lines("row.organisational") + "{% endif %}",
        ],
    )
    b.tag_row(table, "endfor")
    for kind, heading in (("technical", w.technical), ("organisational", w.organisational)):
        b.tag(f"elif category.{kind}")
        table = b.table([TEXT_WIDTH], header=[heading])
        b.tag_row(table, f"for m in category.{kind}")
        b.row(table, [_measure_lines("m")])
        b.tag_row(table, "endfor")
    b.tag("endif")
    b.tag("if category.unkinded")
    caption = b.small((w.further, "b"))
    caption.paragraph_format.space_before = Pt(6)
    b.tag("for m in category.unkinded")
    b.para(_measure_lines("m"), style="List Bullet")
    b.tag("endfor")
    b.tag("endif")


def _measures(b: Builder) -> None:
    w = b.w
    b.tag("for group in groups")
    b.heading("{{ group.number }}\t{{ group.title }}", 1)
    b.tag("if group.references")
    b.small("{{ group.references }}")
    b.tag("endif")
    b.tag("for category in group.categories")
    b.tag("if category.own_heading")
    b.heading("{{ category.number }}\t{{ category.title }}", 2)
    b.tag("endif")
    b.tag("if category.references and category.references != group.references")
    b.small("{{ category.references }}")
    b.tag("endif")
    # the objective and the provider sentence introduce the measures: never alone at a page end
    b.para(
        (w.objective, "b"), " ", ("{{ category.purpose }}", "i")
    ).paragraph_format.keep_with_next = True
    b.tag("if category.provider")
    b.para("{{ category.provider }}").paragraph_format.keep_with_next = True
    b.tag("endif")
    if b.kind == "tabelle":
        _kind_table(b)
    else:
        b.tag("for m in category.implemented")
        if b.kind == "anlage":
            b.para(_measure_lines("m"), style="List Bullet")
        else:
            # the remark continues the paragraph as a sentence of its own
            b.para(
                "{{ m.text }}{% if m.note %} {{ m.note_sentence }}{% endif %}"
                "{% if m.provider %} {{ m.provider }}{% endif %}"
            )
        b.tag("endfor")
    b.tag("for statement in category.statements")
    b.para("{{ statement }}")
    b.tag("endfor")
    b.tag("if category.description")
    b.para("{{ category.description }}")
    b.tag("endif")
    _category_tables(b)
    b.tag("endfor")
    b.tag("endfor")


def _generic_table(b: Builder, table_name: str) -> None:
    """A table whose columns come from the catalogue: one template column repeated per column
    (docxtpl spreads the table width over them)."""
    third = TEXT_WIDTH / 3
    table = b.table([third, third, third])
    columns = "{%tc for column in " + table_name + ".columns %}"
    head = b.row(table, [columns, "{{ column }}", "{%tc endfor %}"])
    _repeat_header(head)
    for cell in head.cells:
        _shade(cell, SHADE)
        cell.paragraphs[0].style = b.doc.styles[b.w.table_heading_style]
    b.tag_row(table, f"for cells in {table_name}.cells")
    b.row(table, ["{%tc for text in cells %}", "{{ text }}", "{%tc endfor %}"])
    b.tag_row(table, "endfor")
    for tc in table._tbl.iter(qn("w:tc")):
        tcPr = tc.tcPr
        if tcPr is not None and tcPr.find(qn("w:tcW")) is not None:
            tcPr.remove(tcPr.find(qn("w:tcW")))


def _data_centres(b: Builder) -> None:
    w = b.w
    b.tag("if data_centres")
    b.heading(w.data_centres, 1)
    b.para(w.data_centres_intro)
    _generic_table(b, "data_centres")
    b.tag("endif")


def _providers(b: Builder) -> None:
    w = b.w
    b.tag("if providers_table")
    b.heading(w.providers, 1)
    b.para(w.providers_intro).paragraph_format.keep_with_next = True
    _generic_table(b, "providers_table")
    b.tag("endif")


def _certifications(b: Builder) -> None:
    w = b.w
    b.tag("if certifications")
    b.heading(w.certifications, 1)
    b.para(w.certifications_intro).paragraph_format.keep_with_next = True
    _generic_table(b, "certifications")
    b.tag("endif")


def _planned(b: Builder) -> None:
    w = b.w
    b.tag("if planned")
    b.heading(w.planned, 1)
    b.para(w.planned_intro).paragraph_format.keep_with_next = True
    table = b.table([8.2, 5.0, TEXT_WIDTH - 13.2], header=list(w.planned_columns))
    b.tag_row(table, "for m in planned")
    b.row(
        table,
        [
            "{{ m.label }}{% if m.details %}\n{{ m.details }}{% endif %}"
            "{% if m.note %}\n{{ m.note_sentence }}{% endif %}",
            "{% if m.category_number %}{{ m.category_number }} {% endif %}{{ m.category }}",
            "{% if m.target_date %}{{ m.target_date }}{% else %}" + w.planned_open + "{% endif %}",
        ],
    )
    b.tag_row(table, "endfor")
    b.tag("endif")


def _not_applicable(b: Builder) -> None:
    w = b.w
    b.tag("if not_applicable")
    b.heading(w.not_applicable, 1)
    b.para(w.not_applicable_intro).paragraph_format.keep_with_next = True
    table = b.table([5.4, 4.4, TEXT_WIDTH - 9.8], header=list(w.not_applicable_columns))
    b.tag_row(table, "for m in not_applicable")
    b.row(
        table,
        [
            "{{ m.label }}",
            "{% if m.category_number %}{{ m.category_number }} {% endif %}{{ m.category }}",
            "{{ m.reason_sentence }}{% if m.reason and m.note %} {% endif %}"
            "{% if m.note %}{{ m.note_sentence }}{% endif %}",
        ],
    )
    b.tag_row(table, "endfor")
    b.tag("endif")


def _tiny_mark(paragraph: Paragraph) -> None:
    """The paragraph mark of an empty paragraph at 1 pt, so it takes (almost) no space."""
    pPr = paragraph._p.get_or_add_pPr()
    rPr = _element("w:rPr")
    rPr.append(_element("w:sz", val="2"))
    rPr.append(_element("w:szCs", val="2"))
    _replace(pPr, rPr, ("w:sectPr", "w:pPrChange"))


def _signatures(b: Builder) -> None:
    """Two columns of labelled lines to fill in by hand, one per party."""
    w = b.w
    heading = b.heading(w.signatures, 1)
    heading.paragraph_format.keep_with_next = True
    intro = b.para(w.signatures_intro)
    intro.paragraph_format.keep_with_next = True
    label, field, gap = 2.4, 5.1, 1.0
    widths = [label, field, gap, label, field]
    table = b.doc.add_table(rows=0, cols=len(widths))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)

    def row(values: Sequence[Run], height: float, line: bool) -> None:
        r = b.row(table, [values[0], values[1], "", values[2], values[3]])
        r.height = Cm(height)
        r.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for index, cell in enumerate(r.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            cell.paragraphs[0].paragraph_format.keep_with_next = True
            if line and index in (1, 4):
                _cell_borders(cell, bottom="single")

    top = table.add_row()
    _cant_split(top)
    for start, who, party in (
        (0, w.for_controller, "controller"),
        (3, w.for_processor, "processor"),
    ):
        cell = top.cells[start].merge(top.cells[start + 1])
        paragraph = cell.paragraphs[0]
        paragraph.style = b.doc.styles[w.table_heading_style]
        paragraph.paragraph_format.keep_with_next = True
        _add_runs(paragraph, [who])
        name = cell.add_paragraph(style=w.table_style)
        _add_runs(name, [f"{{{{ {party}.name }}}}"])
        name.paragraph_format.keep_with_next = True
    row([w.place, "{{ controller.place }}", w.place, "{{ processor.place }}"], 1.0, True)
    row(
        [w.sign_date, "{{ controller.sign_date }}", w.sign_date, "{{ processor.sign_date }}"],
        1.0,
        True,
    )
    row(
        [
            w.name,
            "{{ controller.representative }}",
            w.name,
            "{{ processor.representative }}",
        ],
        1.0,
        True,
    )
    row(
        [w.position, "{{ controller.function }}", w.position, "{{ processor.function }}"], 1.0, True
    )
    row([w.signature, "", w.signature, ""], 2.0, True)
    # the body ends with a paragraph after the table; a tiny one never spills onto a page
    # of its own
    end = b.para("")
    end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.line_spacing = 1.0
    end.paragraph_format.keep_with_next = False
    _tiny_mark(end)


def build(kind: Kind, lang: Lang) -> bytes:
    """The template ``kind`` in ``lang`` as .docx bytes (the same bytes on every run)."""
    b = Builder(kind, lang)
    _title_block(b)
    _parties(b)
    _history(b)
    _scope(b)
    _measures(b)
    _providers(b)
    _data_centres(b)
    _certifications(b)
    _planned(b)
    _not_applicable(b)
    _signatures(b)
    return b.to_bytes()


def _targets(output_dir: Path) -> Iterator[tuple[Kind, Lang, Path]]:
    for kind in KINDS:
        for lang in LANGS:
            yield kind, lang, output_dir / f"{kind}.{lang}.docx"


def build_all(output_dir: Path) -> list[Path]:
    """Write all templates into ``output_dir``; return their paths."""
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, lang, path in _targets(output_dir):
        path.write_bytes(build(kind, lang))
        written.append(path)
    return written


def outdated(output_dir: Path) -> list[Path]:
    """The template files in ``output_dir`` that are missing or differ from what :func:`build`
    makes."""
    return [
        path
        for kind, lang, path in _targets(output_dir)
        if not path.is_file() or not same_content(path.read_bytes(), build(kind, lang))
    ]


def same_content(first: bytes, second: bytes) -> bool:
    """Whether two .docx files hold the same parts with the same bytes, in the same order.

    Identical builds are byte-identical on one machine; comparing the unpacked parts keeps the
    check true where another zlib compresses the same parts differently."""
    if first == second:
        return True
    try:
        with zipfile.ZipFile(BytesIO(first)) as a, zipfile.ZipFile(BytesIO(second)) as b:
            names = a.namelist()
            return names == b.namelist() and all(a.read(n) == b.read(n) for n in names)
    except zipfile.BadZipFile:
        return False


def command_line(
    argv: Sequence[str] | None,
    *,
    description: str | None,
    default_output: Path,
    outdated: Callable[[Path], list[Path]],
    build_all: Callable[[Path], Iterable[Path]],
    script: str,
) -> int:
    """The command line of a template builder: build into ``--output``, or with ``--check``
    only report (exit 1) the files that are missing or differ from what it builds."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--output", type=Path, default=default_output, help="target folder")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in the folder differ from what would be built",
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = outdated(args.output)
        for path in stale:
            problem = "differs from what the script builds" if path.is_file() else "is missing"
            print(f"{path}: {problem}", file=sys.stderr)
        if stale:
            print(f"run: python scripts/{script} (and commit the result)", file=sys.stderr)
            return 1
        return 0
    for written in build_all(args.output):
        print(written)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return command_line(
        argv,
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        default_output=TEMPLATES,
        outdated=outdated,
        build_all=build_all,
        script="build_templates.py",
    )


if __name__ == "__main__":
    sys.exit(main())
