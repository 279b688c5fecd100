"""Snapshot tests of the wizard's screens (pytest-textual-snapshot).

Each test renders a screen headless and compares the SVG with the accepted one in
``tests/__snapshots__/test_tui_snapshots/``. After a deliberate change of the layout, look at the
new pictures and accept them with::

    .venv/bin/python -m pytest tests/test_tui_snapshots.py -n 0 --snapshot-update

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
    the title and purpose of Zutrittskontrolle, the keys line (Leertaste … Enter: Details) and
    the checklist as one line per measure: "✓ Schließsystem", "✓ Besucher…", "◷ Alarmanlage —
    Alarm geht an: einen Wachdienst", open ones with "·"; the first line highlighted (focused);
    no help panel below 140 columns; the footer with ^s Speichern, ^e Export, f3 Prüfen,
    ^q Beenden, f2 Dokument, f6 Weiter, f1 Hilfe."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=WIDE,
        run_before=steps("zutrittskontrolle"),
    )


def test_main_screen_checklist_narrow(
    snap_compare: SnapCompare, catalogue: Catalogue, document: Path
) -> None:
    """You should see the same category at 80x24 in the narrow layout: the sidebar beside the
    checklist's lines (cut with "…" where too long), and a footer that ends with ^q Beenden
    within 80 columns."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=NARROW,
        run_before=steps("zutrittskontrolle"),
    )


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_main_screen_checklist_english_interface(
    snap_compare: SnapCompare,
    catalogue: Catalogue,
    document: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """You should see the same German document with an English interface: "saved" in the
    title, English category names, the English keys line (Space: change status …) and English
    measure labels ("✓ Locking system …"), while the values stay as the German annex prints
    them ("einen Wachdienst"); the footer says Save, Export, Review, Quit (within 80 columns at
    80x24)."""
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=size,
        run_before=steps("zutrittskontrolle"),
    )


def test_planned_measure_details_panel(
    snap_compare: SnapCompare, catalogue: Catalogue, document: Path
) -> None:
    """You should see the details of "Alarmanlage" in a panel at the right, over the dimmed
    checklist: the title "◷ Alarmanlage", Status "geplant" (focused), "Umsetzung bis
    (JJJJ-MM-TT)" with 2025-09-30, "Alarm geht an" set to "einen Wachdienst", the remark and
    its English version (empty), "Umgesetzt durch", the measure's help text, and a Schließen
    button at the bottom; no reason field (it is not "entfällt")."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=WIDE,
        run_before=steps("zutrittskontrolle", "alarmanlage", "enter"),
    )


def test_export_dialog(snap_compare: SnapCompare, catalogue: Catalogue, document: Path) -> None:
    """You should see "Word-Anlage exportieren": Stil with ● Checkliste, Fließtext, Tabelle;
    Sprache der Anlage with ● Deutsch, English; the file "complete.docx"; and the buttons
    Exportieren and Abbrechen — all within 80x24; nothing is missing, so no list."""
    assert snap_compare(
        TomWizardApp(catalogue, document),
        terminal_size=NARROW,
        run_before=steps(None, None, "ctrl+e"),
    )


def test_review_screen(snap_compare: SnapCompare, catalogue: Catalogue, document: Path) -> None:
    """You should see the "Vollständigkeit" dialog over the main screen (category Organisation):
    "Alle Pflichtangaben sind beantwortet." and one line per category with answered/shown and
    (required answered/required), e.g. "Zutrittskontrolle  1/1  (1/1)", no line with "!" since
    the document is complete, and "esc Schließen" below the list."""
    assert snap_compare(
        TomWizardApp(catalogue, document), terminal_size=WIDE, run_before=steps(None, None, "f3")
    )


def test_details_screen(snap_compare: SnapCompare, catalogue: Catalogue, document: Path) -> None:
    """You should see "Angaben zum Dokument" with one labelled field a line: the title
    "Technische und organisatorische Maßnahmen", annex number 1, the contract reference, the
    contract date 2025-03-01, version 1.1, the date 2025-04-15, status "final (freigegeben)" and
    the label "Verfasst von" at the bottom; "esc Zurück" in the footer."""
    assert snap_compare(
        TomWizardApp(catalogue, document), terminal_size=WIDE, run_before=steps(None, None, "f2")
    )
