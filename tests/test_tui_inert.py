"""Text from an answers file never reaches the terminal as control codes (issue 12, point 17).

A title with ``ESC ] 0 ; … BEL`` would rename the terminal window, ``OSC 52`` write the
clipboard. Rich and Textual strip only BEL, BS, VT, FF and CR; the wizard's line filter shows
the rest (ESC, C0, DEL, C1) as visible signs in every widget. The checks look at what the
wizard draws (the screenshot is made from the same lines the terminal gets).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.geometry import Region
from textual.widgets import DataTable, Input

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk import recent
from tomwizard.disk.storage import load_document
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.inert import ChainedFilter, InertFilter, inert
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.start import StartScreen

SIZE = (160, 60)
EVIL = "\x1b]0;PWNED\x07\x1b]52;c;ZXZpbA==\x1b\\\x9b2J\x7f\x00"
"""A window title, a clipboard write, a C1 'clear screen', DEL and NUL."""
EVIL_TOML = "".join(
    f"\\u{ord(c):04x}" if c == "\\" or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in EVIL
)
"""EVIL in a TOML basic string."""
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and line feed (the SVG has line breaks)."""

TEXTS = [
    "Technische und organisatorische Maßnahmen",  # title (details)
    "Beispiel Kunde GmbH",  # a party (details)
    "Transponder, Ausgabe im Personalbüro.",  # a measure's remark
    "Kein eigener Serverraum",  # a reason
    "Notfallzugänge im Passwort-Tresor",  # an own measure
    "Beispiel Hosting GmbH",  # a table cell
    "Externer Datenschutzbeauftragter",  # a text answer
    "Rechenzentrum ergänzt",  # the change history
    "Betrieb und Wartung",  # a text area
]


def test_inert_makes_control_characters_visible() -> None:
    assert inert("plain Ä €") == "plain Ä €"
    assert inert("a\x1b]0;x\x07b") == "a␛]0;x␇b"
    assert inert("\x00\x7f\x9b\t\n") == "␀␡\ufffd␉␊"
    assert not RAW.search(inert("".join(map(chr, range(0xA0)))))


def test_the_filter_keeps_the_line_width_and_the_terminal_s_own_codes() -> None:
    inert_filter = InertFilter()
    style = Style(bold=True)
    plain = [Segment("abc   ", style), Segment("│")]
    assert inert_filter.apply(plain, Color(0, 0, 0)) is plain
    line = [Segment("a\x1b]0;x\x07b   ", style), Segment("│"), Segment("\x1b[1m", None, [])]
    width = sum(cell_len(s.text) for s in line if not s.control)
    out = inert_filter.apply(line, Color(0, 0, 0))
    assert out[0] == Segment("a␛]0;x␇b ", style)  # the blanks pay for the visible signs
    assert out[1:] == line[1:]  # the border stays; control segments are Textual's own
    assert sum(cell_len(s.text) for s in out if not s.control) == width
    crowded = [Segment("\x1b\x1b\x1bxy")]
    assert inert_filter.apply(crowded, Color(0, 0, 0)) == [Segment("␛␛")]


def test_the_app_chains_textual_s_filters_and_the_inert_one_into_one_stable_filter(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(catalogue, tmp_path / "tom.toml")
    textual_filters = App.get_line_filters(app)
    (chained,) = app.get_line_filters()
    assert isinstance(chained, ChainedFilter)
    assert chained.filters == (*textual_filters, app._inert)  # Textual's first, then ours
    assert app.get_line_filters() == [chained]  # the same object: lines' caches stay valid
    line = [Segment("a\x1b]0;x\x07b   ", Style(color="red"))]
    out = chained.apply(line, Color(0, 0, 0))
    step = line
    for line_filter in chained.filters:
        step = line_filter.apply(step, Color(0, 0, 0))
    assert out == step and out[0].text.startswith("a␛]0;x␇b")


def drawn(app: TomWizardApp) -> str:
    """What the wizard draws now (the screenshot's text); fails if a raw control character is
    in it."""
    svg = app.export_screenshot()
    shot = html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")
    found = RAW.search(shot)
    where = shot[max(found.start() - 80, 0) :][:160] if found else ""
    assert found is None, f"raw {found.group()!r} in {app.screen}: {where!r}"
    return shot


@pytest.fixture
def hostile_file(complete_file: Path) -> Path:
    """complete.toml with the hostile text before each of TEXTS, in a file whose name has it."""
    text = complete_file.read_text(encoding="utf-8")
    for old in TEXTS:
        assert old in text, old
        text = text.replace(old, f"X{EVIL_TOML}{old}")
    text += (
        f'\n[providers.hoster]\nname = "Hosting{EVIL_TOML}AG"\nrole = "data_centre"\n'
        f'\n[providers.hoster.certifications.iso]\nstandard = "ISO{EVIL_TOML}27001"\n'
    )
    target = complete_file.with_name("an\x1b]0;FILE\x07lage.toml")
    target.write_text(text, encoding="utf-8")
    return target


async def test_hostile_text_of_a_document_is_drawn_inert_everywhere(
    catalogue: Catalogue, hostile_file: Path
) -> None:
    document = load_document(hostile_file, catalogue).document
    assert document.document.title.startswith(f"X{EVIL}")  # the file really has the codes
    app = TomWizardApp(catalogue, hostile_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        main = app.editor
        assert main is not None
        assert "an␛]0;FILElage.toml" in drawn(app)  # the title bar with the file name
        seen = drawn(app).count("␛]0;PWNED")
        for _ in range(len(catalogue.categories) - 1):  # every category, with its sidebar
            await pilot.press("f6")
            await pilot.pause()
            seen += drawn(app).count("␛]0;PWNED")
        assert seen >= 4  # the hostile texts in view: answers, remarks, own measure, …

        await pilot.press("f2")  # document details: inputs, parties, history, providers
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        title = screen.query(Input).first()
        assert title.value.startswith(f"X{EVIL}")  # the value itself is kept as it is
        assert "X␛]0;PWNED␇" not in drawn(app)  # BEL is dropped by Rich itself
        assert "X␛]0;PWNED␛]52;c;ZXZpbA==␛\\\ufffd2J␡␀Technische" in drawn(app)
        table = screen.query_one("#providers-table", DataTable)
        lines = table.render_lines(Region(0, 0, *table.size))  # below the fold: its own lines
        rows = "".join(segment.text for line in lines for segment in line)
        assert not RAW.search(rows)
        assert "Hosting␛]0;PWNED" in rows and "ISO␛]0;PWNED" in rows
        await pilot.press("escape")
        await pilot.pause()

        main.save()  # a notification naming the file
        await pilot.pause()
        assert "Gespeichert" in drawn(app)
        await pilot.press("f3")  # review
        await pilot.pause()
        drawn(app)
    again = load_document(hostile_file, catalogue).document
    assert again.document.title == document.document.title  # saved back unchanged


async def test_hostile_file_names_and_problems_are_drawn_inert(
    catalogue: Catalogue, complete_file: Path
) -> None:
    broken = complete_file.with_name("kaputt\x1b]52;c;eA==\x1b\\.toml")
    broken.write_text(
        complete_file.read_text(encoding="utf-8").replace(
            "bildschirmsperre = 5", f'bildschirmsperre = "{EVIL_TOML}"'
        ),
        encoding="utf-8",
    )
    recent.remember(broken)
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "kaputt␛]52;c;eA==␛\\.toml" in drawn(app)
        app.open_document(broken)
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shot = drawn(app)
        assert "kaputt␛]52;c;eA==␛\\.toml" in shot  # title and each problem line
        assert "PWNED" in shot  # the problem quoting the value
