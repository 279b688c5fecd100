"""End to end in a real terminal: the installed ``tomwizard`` command inside tmux.

The Pilot tests drive the app in-process; this one proves the whole path a user takes: the
console script starts, Textual draws into a real terminal (tmux), keys typed there reach the
widgets (including a non-ASCII character), ctrl+s writes the file, ctrl+e writes the Word annex,
ctrl+q ends the process with exit code 0, and the answers are in the TOML and the annex on disk.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_terminal import COMMAND, STARTUP_TIMEOUT, Terminal

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document
from tomwizard.export.verify import document_text

pytestmark = pytest.mark.slow


@pytest.fixture
def terminal(terminals: Callable[[], Terminal]) -> Terminal:
    return terminals()


def test_answers_typed_in_a_real_terminal_are_saved(
    terminal: Terminal, tmp_path: Path, catalogue: Catalogue
) -> None:
    # TOMWIZARD_HOME and TOMWIZARD_QUESTIONS come from the autouse fixture via the environment
    assert os.environ["TOMWIZARD_QUESTIONS"].endswith("minimal")
    path = tmp_path / "neu.toml"
    terminal.start([str(COMMAND), "edit", str(path)])

    terminal.wait_for(
        lambda s: "Zutrittskontrolle" in s and "Regelmäßige Überpr" in s,
        "the category list",
        timeout=STARTUP_TIMEOUT,
    )
    assert "neu.toml" in terminal.screen().splitlines()[0]
    terminal.keys("F1")  # the help panel (hidden below 140 columns) names the focused field
    terminal.wait_for(lambda s: "Kreuzen Sie alle Orte" in s, "the help of the first question")

    terminal.tab_until("Kreuzen Sie alle Orte")  # standorte (multiple choice)
    terminal.keys("Space")  # the first option: Eigene Büroräume
    terminal.tab_until("Eine grobe Größenordnung")  # groesse (one choice)
    terminal.keys("Down", "Space")  # the second option: 11 bis 50
    terminal.tab_until("Zum Beispiel ISO/IEC")  # zertifiziert (yes/no)
    terminal.keys("Space")  # Ja
    terminal.tab_until("Ein bis drei")  # beschreibung (text)
    terminal.type("Lohnabrechnung für Kunden")
    terminal.wait_for(lambda s: "Lohnabrechnung für Kunden" in s, "the typed text")
    terminal.wait_for(lambda s: "ungespeichert" in s.splitlines()[0], "the unsaved mark")

    terminal.keys("C-s")
    title = terminal.wait_for(
        lambda s: "— gespeichert" in s.splitlines()[0], "the saved mark in the title"
    ).splitlines()[0]
    assert "ungespeichert" not in title

    terminal.keys("C-e")  # export: style, language and file; Enter exports "Checkliste"
    terminal.wait_for(lambda s: "Word-Anlage exportieren" in s, "the export dialog")
    terminal.keys("Enter")
    terminal.wait_for(
        lambda s: "Anlage geschrieben" in s, "the export notification", timeout=STARTUP_TIMEOUT
    )

    terminal.keys("C-q")
    assert terminal.wait_for_exit() == "0", terminal.screen()

    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["categories"]["organisation"]["answers"] == {
        "standorte": ["buero"],
        "groesse": "bis50",
        "zertifiziert": True,
        "beschreibung": "Lohnabrechnung für Kunden",
    }
    document = load_document(path, catalogue).document
    assert document.categories["organisation"].answers["beschreibung"] == (
        "Lohnabrechnung für Kunden"
    )
    annex = path.with_suffix(".docx")
    assert annex.exists(), "ctrl+e wrote no annex"
    assert "Lohnabrechnung für Kunden" in document_text(annex.read_bytes())


def test_a_checklist_at_80x24_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path, catalogue: Catalogue
) -> None:
    """At 80x24: the footer shows save, export, review and quit; a measure is decided with
    space on its line, its details open with Enter (a remark typed there), Escape returns;
    the file and the annex have it."""
    path = tmp_path / "klein.toml"
    terminal.start([str(COMMAND), "edit", str(path)], size=(80, 24))
    screen = terminal.wait_for(lambda s: "Organisation" in s, "the first category")
    footer = screen.rstrip("\n").splitlines()[-1]
    for word in ("Speichern", "Export", "Prüfen", "Beenden"):
        assert word in footer, footer
    time.sleep(0.5)  # as a person does: the first question has the focus before the first key
    terminal.keys("Space")  # the first question is focused: Eigene Büroräume
    terminal.keys("F6")  # Zutrittskontrolle: a checklist
    terminal.wait_for(lambda s: "· Schließsystem" in s, "the measure's line")
    terminal.keys("Space")
    terminal.wait_for(lambda s: "✓ Schließsystem" in s, "the implemented mark")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Anmerkung" in s, "the measure's details")
    time.sleep(0.5)  # as a person does: the panel has its focus before the next key
    terminal.keys("Tab")  # from the status (focused) to the remark: this measure has no values
    terminal.type("Transponder für alle")
    terminal.wait_for(lambda s: "Transponder für alle" in s, "the typed remark")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "✓ Schließsystem" in s and "Anmerkung" not in s, "the list")
    terminal.keys("C-s")
    terminal.wait_for(lambda s: "— gespeichert" in s.splitlines()[0], "the saved mark")
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == "0", terminal.screen()
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    measure = raw["categories"]["zutrittskontrolle"]["measures"]["schliesssystem"]
    assert measure["status"] == "implemented"
    assert measure["note"] == "Transponder für alle"
