"""The wizard killed with SIGKILL in a real terminal loses nothing that was autosaved.

The installed ``tomwizard`` command runs in tmux on a copy of a complete answers file; an answer is
typed, the wizard writes its recovery copy after a few idle seconds, and then the process is
killed with SIGKILL (no chance to clean up). ``tomwizard edit`` on the same file then offers the
recovery copy; restoring it shows the typed answer, ctrl+s writes it into the file.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_terminal import COMMAND, STARTUP_TIMEOUT, STEP_TIMEOUT, Terminal

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.recovery import recovery_path
from tomwizard.storage import load_document
from tomwizard.tui.screens.main import AUTOSAVE_DELAY

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
TYPED = "Nach dem Absturz: Lohnbüro"
"""Short enough for one line of the field, so that it can be found on the screen."""


def test_typed_answer_survives_sigkill_via_the_recovery_copy(
    terminals: Callable[[], Terminal], tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "tom.toml"
    shutil.copy(FIXTURE, path)
    copy = recovery_path(path)  # below TOMWIZARD_HOME, which the wizard in tmux uses too
    assert str(copy).startswith(os.environ["TOMWIZARD_HOME"])

    first = terminals()
    first.start([str(COMMAND), "edit", str(path)])
    first.wait_for(
        lambda s: "Zutrittskontrolle" in s and "Betrieb und Wartung" in s,
        "the first category with the answers of the file",
        timeout=STARTUP_TIMEOUT,
    )
    first.tab_until("Ein bis drei")  # beschreibung (a text area), holds an answer already
    first.keys("F7", "BSpace")  # select all, delete
    first.wait_for(lambda s: "Betrieb und Wartung" not in s, "the emptied field")
    first.type(TYPED)
    first.wait_for(lambda s: TYPED in s, "the typed text")
    first.wait_for(lambda s: "ungespeichert" in s.splitlines()[0], "the unsaved mark")

    # the recovery copy appears after AUTOSAVE_DELAY seconds without input
    deadline = time.monotonic() + AUTOSAVE_DELAY + STEP_TIMEOUT
    while not (copy.exists() and TYPED in copy.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, f"no recovery copy with the typed text at {copy}"
        time.sleep(0.1)

    pid = first.pid()
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # the pid is tomwizard's own, not a shell's around it
        assert b"tomwizard" in cmdline.read_bytes()
    os.kill(pid, signal.SIGKILL)
    assert first.wait_for_exit() == str(128 + signal.SIGKILL)  # the shell saw the kill
    assert path.read_bytes() == FIXTURE.read_bytes()  # nothing was saved into the file
    assert copy.exists()

    second = terminals()
    second.start([str(COMMAND), "edit", str(path)])
    dialog = second.wait_for(
        lambda s: "Wiederherstellung" in s and "Wiederherstellen" in s and "Verwerfen" in s,
        "the recovery dialog",
        timeout=STARTUP_TIMEOUT,
    )
    assert "automatisch gesicherte Fassung" in dialog
    second.keys("Enter")  # the focused first button: Wiederherstellen
    second.wait_for(lambda s: "Wiederherstellung" not in s, "the dialog to close")
    screen = second.wait_for(lambda s: TYPED in s, "the restored text")
    assert "Betrieb und Wartung" not in screen  # the answer in the file is not shown
    second.wait_for(lambda s: "ungespeichert" in s.splitlines()[0], "the unsaved mark")

    second.keys("C-s")
    second.wait_for(lambda s: "— gespeichert" in s.splitlines()[0], "the saved mark")
    second.keys("C-q")
    assert second.wait_for_exit() == "0", second.screen()

    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["categories"]["organisation"]["answers"]["beschreibung"] == TYPED
    document = load_document(path, catalogue).document
    assert document.categories["organisation"].answers["beschreibung"] == TYPED
    # everything else is as it was: only the answer and the version stamp changed
    original = load_document(FIXTURE, catalogue).document
    assert document.categories["zugangskontrolle"] == original.categories["zugangskontrolle"]
    assert path.with_name("tom.toml.bak").read_bytes() == FIXTURE.read_bytes()
    assert not copy.exists(), "saving removes the recovery copy"
