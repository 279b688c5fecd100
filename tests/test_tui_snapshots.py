"""Snapshot tests of the wizard's screens (pytest-textual-snapshot).

Each test renders a screen headless and compares the SVG with the accepted one in
``tests/__snapshots__/test_tui_snapshots/``. After a deliberate change of the layout, look at the
new pictures and accept them with::

    .venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update

A failing run writes ``snapshot_report.html`` with the old and the new picture side by side.

The pictures are deterministic: the document is always a copy named ``complete.toml`` (the title
shows only the file name), the home directory is the empty one from ``conftest.py`` (no recent
files, no recovery copies), the catalogue is the minimal fixture catalogue, and no screen shows
the clock. The extra pins Textual exactly, because a new Textual version may move pixels.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.main import MainScreen

FIXTURES = Path(__file__).parent / "fixtures"
WIDE = (120, 40)
NARROW = (80, 24)

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


class SnapCompare(Protocol):
    def __call__(
        self,
        app: TomWizardApp,
        press: tuple[str, ...] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: RunBefore | None = None,
    ) -> bool: ...


@pytest.fixture
def document(tmp_path: Path) -> Path:
    """``tests/fixtures/complete.toml`` copied to a fixed name in a folder of its own."""
    folder = tmp_path / "snapshot"
    folder.mkdir()
    target = folder / "complete.toml"
    shutil.copy(FIXTURES / "complete.toml", target)
    return target


def _editor(pilot: Pilot[Any]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, TomWizardApp)
    editor = app.editor
    assert editor is not None, "the document did not open"
    return editor


def steady_cursors(pilot: Pilot[Any]) -> None:
    """Stop the cursors of text fields from blinking: a picture taken 0.5 s later on a slow
    machine would otherwise differ."""
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False


def steps(category_id: str | None = None, item_id: str | None = None, *keys: str) -> RunBefore:
    """Show ``category_id`` (focusing ``item_id`` if given), then press ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        if category_id is not None:
            await _editor(pilot).show_category(category_id, item_id)
            await pilot.pause()
            await pilot.pause()  # the focus and scroll of item_id run after a refresh
        await pilot.press(*keys)
        await pilot.pause()
        steady_cursors(pilot)

    return run_before


def test_start_screen(snap_compare: SnapCompare, catalogue: Catalogue) -> None:
    """You should see the start screen "tomwizard — TOM-Anlage erstellen": a path field with the
    placeholder anlage-tom.toml and an "Öffnen" button beside it, the document's language (●
    Deutsch, English without a mark), "Zuletzt geöffnet" with "Noch keine Dokumente geöffnet.",
    and ^q Beenden and ^p Befehle in the footer."""
    assert snap_compare(TomWizardApp(catalogue, None), terminal_size=WIDE, run_before=steps())


def test_main_screen_checklist_wide(
    snap_compare: SnapCompare, catalogue: Catalogue, document: Path
) -> None:
    """You should see the title "tomwizard — complete.toml — gespeichert"; on the left the
    categories under their Art. 32 groups with counts ("Zutrittskontrolle  1/1"); in the centre
    the title and purpose of Zutrittskontrolle, the checklist question marked "*", Schließsystem
    ticked "umgesetzt" with its note "Transponder, …", Besucher ticked "umgesetzt", Alarmanlage
    ticked "geplant" with the label of its target date at the bottom edge; on the right the help
    panel with the category's purpose and legal references; the key bindings in the footer."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=WIDE,
        run_before=steps("zutrittskontrolle"),
    )


def test_main_screen_checklist_narrow(
    snap_compare: SnapCompare, catalogue: Catalogue, document: Path
) -> None:
    """You should see the same category at 80x24 in the narrow layout: no help panel, the
    sidebar (category names wrap onto a second line) beside the checklist, Schließsystem ticked
    with status and note, and the footer with ^s Save, f5, f6, f2, f3, f1."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=NARROW,
        run_before=steps("zutrittskontrolle"),
    )


def test_planned_measure_shows_target_date(
    snap_compare: SnapCompare, catalogue: Catalogue, document: Path
) -> None:
    """You should see the checklist scrolled to "Alarmanlage": ticked, status "geplant", below it
    "Umsetzung bis (JJJJ-MM-TT)" with 2025-09-30, then "Alarm geht an" set to "einen
    Wachdienst", an empty note, the empty custom measures with their buttons and the category
    description; the help panel shows the alarm measure's help and "Quellen: BSI INF.1.A9",
    since its checkbox has the focus."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=WIDE,
        run_before=steps("zutrittskontrolle", "alarmanlage"),
    )


def test_review_screen(snap_compare: SnapCompare, catalogue: Catalogue, document: Path) -> None:
    """You should see the "Vollständigkeit" dialog over the main screen (category Organisation):
    "Alle Pflichtangaben sind beantwortet." and one line per category with answered/shown and
    (required answered/required), e.g. "Zutrittskontrolle  1/1  (1/1)", no line with "!" since
    the document is complete, and "esc Close" below the list."""
    assert snap_compare(
        TomWizardApp(catalogue, document), terminal_size=WIDE, run_before=steps(None, None, "f3")
    )


def test_details_screen(snap_compare: SnapCompare, catalogue: Catalogue, document: Path) -> None:
    """You should see "Angaben zum Dokument" with one labelled field a line: the title
    "Technische und organisatorische Maßnahmen", annex number 1, the contract reference, the
    contract date 2025-03-01, version 1.1, the date 2025-04-15, status "final (freigegeben)" and
    the label "Verfasst von" at the bottom; "esc Back" in the footer."""
    assert snap_compare(
        TomWizardApp(catalogue, document), terminal_size=WIDE, run_before=steps(None, None, "f2")
    )
