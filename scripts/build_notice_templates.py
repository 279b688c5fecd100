"""Build the change notice templates in ``templates/notice/`` with python-docx.

    python scripts/build_notice_templates.py            # (re)write templates/notice/*.docx
    python scripts/build_notice_templates.py --check    # exit 1 if the committed files are outdated
    python scripts/build_notice_templates.py --output DIR

``notice.de.docx`` and ``notice.en.docx`` are the docxtpl templates of ``tomwizard diff
--format docx``: the "Mitteilung über Änderungen der technischen und organisatorischen
Maßnahmen" to the controller. They use the styles, page set-up and deterministic output of the
annex templates (``scripts/build_templates.py``); their variables are the fields of
:class:`tomwizard.changes.notice.NoticeContext`. Every sentence is made by tomwizard
(:mod:`tomwizard.changes.notice`); the templates hold only headings, labels and layout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_templates as base  # the annex templates' builder, beside this file

OUTPUT = base.TEMPLATES / "notice"
LANGS = base.LANGS
same_content = base.same_content


@dataclass(frozen=True)
class NoticeWords:
    """What the notice templates say in their own words, in one language."""

    header: str
    concerns: str
    contract: str
    previous: str
    new: str
    of: str
    changes: str
    for_processor: str


GERMAN = NoticeWords(
    header="Änderungsmitteilung",
    concerns="Betrifft",
    contract="Vertrag",
    previous="Bisherige Fassung",
    new="Neue Fassung",
    of="vom",
    changes="Änderungen",
    for_processor="Für {{ terms.processor.acc }}",
)
ENGLISH = NoticeWords(
    header="Notice of changes",
    concerns="Concerns",
    contract="Agreement",
    previous="Previous version",
    new="New version",
    of="of",
    changes="Changes",
    for_processor="For {{ terms.processor.acc }}",
)
WORDS = {"de": GERMAN, "en": ENGLISH}


def _header(b: base.Builder, words: NoticeWords) -> None:
    """The running header names the notice and the annex (the annex builder's names the
    annex alone); the footer (version, date, page X of Y) stays as it is."""
    section = b.doc.sections[0]
    paragraph = section.header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    base._add_runs(
        paragraph,
        [words.header + "{% if document.annex %} · {{ document.annex }}{% endif %}", "\t"],
    )
    b._draft_mark(paragraph)


def _title_block(b: base.Builder, words: NoticeWords) -> None:
    w = b.w
    b.para("{{ document.title }}", style="Title")
    b.tag("if document.is_draft")
    b.para(w.draft_notice, style=w.notice_style)
    b.tag("endif")
    table = b.table([4.6, base.TEXT_WIDTH - 4.6])
    rows = [
        (
            words.concerns,
            "{% if document.annex %}{{ document.annex }}: {% endif %}{{ document.annex_title }}",
            None,
        ),
        (words.contract, "{{ document.contract_reference }}", "document.contract_reference"),
        (
            words.previous,
            "{{ document.previous_version }}{% if document.previous_date %} "
            + words.of
            + " {{ document.previous_date }}{% endif %}",
            None,
        ),
        (
            words.new,
            "{{ document.version }}{% if document.date %} "
            + words.of
            + " {{ document.date }}{% endif %}",
            None,
        ),
    ]
    for label, value, condition in rows:
        if condition:
            b.tag_row(table, f"if {condition}")
        row = b.row(table, [(label, "b"), value])
        base._shade(row.cells[0], base.SHADE)
        if condition:
            b.tag_row(table, "endif")
    b.para("").paragraph_format.space_after = Pt(0)


def _body(b: base.Builder, words: NoticeWords) -> None:
    b.tag("for p in intro")
    b.para("{{ p }}")
    b.tag("endfor")
    b.heading(words.changes, 1)
    b.tag("for s in sections")
    b.heading("{{ s.title }}", 2)
    b.tag("for c in s.changes")
    b.para("{{ c }}", style="List Bullet")
    b.tag("endfor")
    b.tag("endfor")
    b.tag("for p in closing")
    b.para("{{ p }}").paragraph_format.space_before = Pt(6)
    b.tag("endfor")


def _signature(b: base.Builder, words: NoticeWords) -> None:
    """Labelled lines for the processor's signature (as the annex's signature block, one
    column): the signatory's name and function as the document gives them."""
    w = b.w
    label, field = 2.4, 6.1
    table = b.doc.add_table(rows=0, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, (label, field), strict=True):
        column.width = Cm(width)
    top = table.add_row()
    base._cant_split(top)
    cell = top.cells[0].merge(top.cells[1])
    paragraph = cell.paragraphs[0]
    paragraph.style = b.doc.styles[w.table_heading_style]
    paragraph.paragraph_format.space_before = Pt(18)
    paragraph.paragraph_format.keep_with_next = True
    base._add_runs(paragraph, [words.for_processor])
    name = cell.add_paragraph(style=w.table_style)
    base._add_runs(name, ["{{ processor.name }}"])
    name.paragraph_format.keep_with_next = True
    # place and date stay blank: the document's are those of signing the annex, not this
    lines = [
        (w.place, "", 1.0),
        (w.sign_date, "", 1.0),
        (w.name, "{{ processor.representative }}", 1.0),
        (w.position, "{{ processor.function }}", 1.0),
        (w.signature, "", 2.0),
    ]
    for text, value, height in lines:
        row = b.row(table, [text, value])
        row.height = Cm(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for index, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            cell.paragraphs[0].paragraph_format.keep_with_next = True
            if index == 1:
                base._cell_borders(cell, bottom="single")
    end = b.para("")
    end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.keep_with_next = False
    base._tiny_mark(end)


def build(lang: base.Lang) -> bytes:
    """The notice template in ``lang`` as .docx bytes (the same bytes on every run)."""
    words = WORDS[lang]
    b = base.Builder("anlage", lang)
    _header(b, words)
    _title_block(b, words)
    _body(b, words)
    _signature(b, words)
    return b.to_bytes()


def _targets(output_dir: Path) -> Iterator[tuple[base.Lang, Path]]:
    for lang in LANGS:
        yield lang, output_dir / f"notice.{lang}.docx"


def build_all(output_dir: Path) -> list[Path]:
    """Write both notice templates into ``output_dir``; return their paths."""
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, path in _targets(output_dir):
        path.write_bytes(build(lang))
        written.append(path)
    return written


def outdated(output_dir: Path) -> list[Path]:
    """The notice templates in ``output_dir`` that are missing or differ from what
    :func:`build` makes."""
    return [
        path
        for lang, path in _targets(output_dir)
        if not path.is_file() or not base.same_content(path.read_bytes(), build(lang))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    return base.command_line(
        argv,
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        default_output=OUTPUT,
        outdated=outdated,
        build_all=build_all,
        script="build_notice_templates.py",
    )


if __name__ == "__main__":
    sys.exit(main())
