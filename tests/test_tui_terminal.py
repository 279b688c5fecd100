"""End to end in a real terminal: the installed ``tomwizard`` command inside tmux.

The Pilot tests drive the app in-process; this one proves the whole path a user takes: the
console script starts, Textual draws into a real terminal (tmux), keys typed there reach the
widgets (including a non-ASCII character), ctrl+s writes the file, ctrl+e writes the Word annex,
ctrl+q ends the process with exit code 0, and the answers are in the TOML and the annex on disk.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_terminal import COMMAND, STARTUP_TIMEOUT, Terminal

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.export.verify import document_text
from tomwizard.storage import load_document

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

    terminal.keys("C-e")  # export: a dialog asks for the style; Enter takes "Checkliste"
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
