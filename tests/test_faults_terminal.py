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

from tomwizard import locations
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.recovery import document_key
from tomwizard.disk.storage import load_document
from tomwizard.tui.autosave import AUTOSAVE_DELAY

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
TYPED = "Nach dem Absturz: Lohnbüro"
"""Short enough for one line of the field, so that it can be found on the screen."""


def copies_of(path: Path) -> list[Path]:
    """The recovery copies of ``path`` (one per session that wrote one)."""
    return sorted(locations.recovery_dir().glob(f"{document_key(path)}.*.toml"))


def holds_typed(path: Path) -> bool:
    return any(TYPED in copy.read_text(encoding="utf-8") for copy in copies_of(path))


def start_and_type(first: Terminal, path: Path) -> None:
    """Open ``path`` in the wizard and type :data:`TYPED` over the description."""
    first.start([str(COMMAND), "edit", str(path)])
    first.wait_for(
        lambda s: "Zutrittskontrolle" in s and "Betrieb und Wartung" in s,
        "the first category with the answers of the file",
        timeout=STARTUP_TIMEOUT,
    )
    first.keys("F1")  # the help panel (hidden below 140 columns) names the focused field
    first.wait_for(lambda s: "Kreuzen Sie alle Orte" in s, "the help of the first question")
    first.tab_until("Ein bis drei")  # beschreibung (a text area), holds an answer already
    first.keys("F7", "BSpace")  # select all, delete
    first.wait_for(lambda s: "Betrieb und Wartung" not in s, "the emptied field")
    first.type(TYPED)
    first.wait_for(lambda s: TYPED in s, "the typed text")
    first.wait_for(lambda s: "ungespeichert" in s.splitlines()[0], "the unsaved mark")


def ended(pid: int) -> bool:
    """Whether process ``pid`` has ended (gone, or a zombie nobody reaped)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rpartition(")")[2].split()[0] == "Z"


def test_typed_answer_survives_sigkill_via_the_recovery_copy(
    terminals: Callable[[], Terminal], tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "tom.toml"
    shutil.copy(FIXTURE, path)
    # below TOMWIZARD_HOME, which the wizard in tmux uses too
    assert str(locations.recovery_dir()).startswith(os.environ["TOMWIZARD_HOME"])

    first = terminals()
    start_and_type(first, path)

    # the recovery copy appears after AUTOSAVE_DELAY seconds without input
    deadline = time.monotonic() + AUTOSAVE_DELAY + STEP_TIMEOUT
    while not holds_typed(path):
        assert time.monotonic() < deadline, "no recovery copy with the typed text"
        time.sleep(0.1)
    [copy] = copies_of(path)

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


def test_closing_the_terminal_writes_the_recovery_copy_at_once(
    terminals: Callable[[], Terminal], tmp_path: Path
) -> None:
    """Issue 12.4: closing the terminal window (the wizard gets SIGHUP) right after typing,
    before the autosave's pause: the wizard writes the recovery copy before it ends."""
    path = tmp_path / "tom.toml"
    shutil.copy(FIXTURE, path)
    first = terminals()
    start_and_type(first, path)
    pid = first.pid()
    assert not holds_typed(path), "autosaved already: the machine is too slow for this test"
    first.kill()  # the tmux server goes, and with it the terminal: SIGHUP
    deadline = time.monotonic() + STEP_TIMEOUT
    while not ended(pid):
        assert time.monotonic() < deadline, "the wizard did not end after SIGHUP"
        time.sleep(0.05)
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert holds_typed(path)

    second = terminals()
    second.start([str(COMMAND), "edit", str(path)])
    second.wait_for(
        lambda s: "Wiederherstellung" in s and "Wiederherstellen" in s,
        "the recovery dialog",
        timeout=STARTUP_TIMEOUT,
    )
    second.keys("Enter")
    second.wait_for(lambda s: TYPED in s, "the restored text")
