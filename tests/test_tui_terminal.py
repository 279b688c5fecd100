"""End to end in a real terminal: the installed ``tomwizard`` command inside tmux.

The Pilot tests drive the app in-process; this one proves the whole path a user takes: the
console script starts, Textual draws into a real terminal (tmux), keys typed there reach the
widgets (including a non-ASCII character), ctrl+s writes the file, ctrl+e writes the Word annex,
ctrl+q ends the process with exit code 0, and the answers are in the TOML and the annex on disk.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.export.verify import document_text
from tomwizard.storage import load_document

pytestmark = pytest.mark.slow

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).parent / "tomwizard"
STARTUP_TIMEOUT = 30.0
STEP_TIMEOUT = 10.0


class ScreenTimeout(AssertionError):
    """The expected text did not appear in time."""


class Terminal:
    """One tmux server of its own (``tmux -L``), with one 120x40 window."""

    def __init__(self, socket: str, folder: Path, env: dict[str, str]) -> None:
        assert TMUX is not None
        config = folder / "tmux.conf"
        # keep the pane after tomwizard exits, so that its last screen can still be shown
        config.write_text("set -g remain-on-exit on\nset -g status off\n", encoding="utf-8")
        self.base = [TMUX, "-L", socket, "-f", str(config)]
        self.status_file = folder / "exit-status"
        self.socket_path: Path | None = None
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [*self.base, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: list[str]) -> None:
        line = f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.status_file))}"
        self.tmux("new-session", "-d", "-s", "wizard", "-x", "120", "-y", "40", line)
        self.socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "wizard")

    def pane(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "wizard", fmt).strip()

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "wizard", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "wizard", "-l", text)

    def wait_for(
        self, condition: Callable[[str], bool], what: str, timeout: float = STEP_TIMEOUT
    ) -> str:
        """Poll the screen until ``condition`` holds; fail with the last screen if it never
        does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            status = self.exit_status()
            if status is not None:
                raise AssertionError(
                    f"tomwizard exited ({status}) while waiting for {what}:\n{self.screen()}"
                )
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise ScreenTimeout(f"timed out waiting for {what}; the screen shows:\n{screen}")

    def exit_status(self) -> str | None:
        """tomwizard's exit status once it has exited (tmux's own ``pane_dead_status`` is
        sometimes lost when the process ends, so the command writes it to a file)."""
        text = self.status_file.read_text() if self.status_file.exists() else ""
        return text.strip() if text.endswith("\n") else None

    def wait_for_exit(self, timeout: float = STEP_TIMEOUT) -> str:
        """Wait until tomwizard has exited; return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.exit_status()
            if status is not None:
                return status
            time.sleep(0.1)
        raise AssertionError(f"tomwizard did not exit; the screen shows:\n{self.screen()}")

    def tab_until(self, text: str, tries: int = 6) -> None:
        """Press Tab until ``text`` (from the help of the focused question) is on screen."""
        for _ in range(tries):
            self.keys("Tab")
            try:
                self.wait_for(lambda s: text in s, repr(text), timeout=2.0)
                return
            except ScreenTimeout:
                continue
        raise AssertionError(f"Tab never reached the field whose help says {text!r}")

    def kill(self) -> None:
        """Stop this tmux server and remove its socket (tmux leaves the file behind)."""
        subprocess.run([*self.base, "kill-server"], env=self.env, capture_output=True, check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed (apt-get install tmux; .ci/run installs it)")
    assert COMMAND.exists(), f"the console script is not installed: {COMMAND}"
    folder = tmp_path / "tmux"
    folder.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TMUX", "TMUX_PANE") and not key.startswith("LC_")
    }
    env["LANG"] = "C.UTF-8"  # tmux passes non-ASCII keys only to a UTF-8 client
    env["TOMWIZARD_DEBUG"] = "1"  # a crash shows its traceback in the captured screen
    terminal = Terminal(f"tomwizard-test-{os.getpid()}-{uuid.uuid4().hex[:8]}", folder, env)
    try:
        yield terminal
    finally:
        terminal.kill()


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
