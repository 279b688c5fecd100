"""The wizard killed with SIGKILL in a real terminal loses nothing that was autosaved.

The installed ``tomwizard`` command runs in tmux on a copy of a complete answers file; an answer is
typed, the wizard writes its recovery copy after a few idle seconds, and then the process is
killed with SIGKILL (no chance to clean up). ``tomwizard edit`` on the same file then offers the
recovery copy; restoring it shows the typed answer, ctrl+s writes it into the file.

The tmux harness is a trimmed copy of the one in ``test_tui_terminal.py`` (the tests folder is no
package, so it cannot be imported from there).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.recovery import recovery_path
from tomwizard.storage import load_document
from tomwizard.tui.screens.main import AUTOSAVE_DELAY

pytestmark = pytest.mark.slow

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).parent / "tomwizard"
FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
STARTUP_TIMEOUT = 30.0
STEP_TIMEOUT = 10.0
TYPED = "Nach dem Absturz: Lohnbüro"
"""Short enough for one line of the field, so that it can be found on the screen."""


class ScreenTimeout(AssertionError):
    """The expected text did not appear in time."""


class Terminal:
    """One tmux server of its own (``tmux -L``) running one command in a 120x40 window; the
    command writes its process id and, when it ends, its exit status to files."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        assert TMUX is not None
        folder.mkdir()
        config = folder / "tmux.conf"
        config.write_text("set -g remain-on-exit on\nset -g status off\n", encoding="utf-8")
        socket = f"tomwizard-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.base = [TMUX, "-L", socket, "-f", str(config)]
        self.pid_file = folder / "pid"
        self.status_file = folder / "exit-status"
        self.socket_path: Path | None = None
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: list[str]) -> None:
        # the shell writes its pid and then becomes the command (exec): that pid is tomwizard's
        inner = f"echo $$ > {shlex.quote(str(self.pid_file))}; exec {shlex.join(command)}"
        line = f"sh -c {shlex.quote(inner)}; echo $? > {shlex.quote(str(self.status_file))}"
        self.tmux("new-session", "-d", "-s", "wizard", "-x", "120", "-y", "40", line)
        self.socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def pid(self) -> int:
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            text = self.pid_file.read_text() if self.pid_file.exists() else ""
            if text.endswith("\n"):
                return int(text)
            time.sleep(0.05)
        raise AssertionError("the command never wrote its pid")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "wizard")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "wizard", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "wizard", "-l", text)

    def exit_status(self) -> str | None:
        text = self.status_file.read_text() if self.status_file.exists() else ""
        return text.strip() if text.endswith("\n") else None

    def wait_for(
        self, condition: Callable[[str], bool], what: str, timeout: float = STEP_TIMEOUT
    ) -> str:
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

    def wait_for_exit(self, timeout: float = STEP_TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.exit_status()
            if status is not None:
                return status
            time.sleep(0.1)
        raise AssertionError(f"tomwizard did not exit; the screen shows:\n{self.screen()}")

    def tab_until(self, text: str, tries: int = 8) -> None:
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
        subprocess.run([*self.base, "kill-server"], env=self.env, capture_output=True, check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[Callable[[], Terminal]]:
    """Makes terminals (one per start of the wizard); all are stopped at the end."""
    if TMUX is None:
        pytest.skip("tmux is not installed (apt-get install tmux; .ci/run installs it)")
    assert COMMAND.exists(), f"the console script is not installed: {COMMAND}"
    # os.environ carries TOMWIZARD_HOME and TOMWIZARD_QUESTIONS of the autouse fixture
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TMUX", "TMUX_PANE") and not key.startswith("LC_")
    }
    env["LANG"] = "C.UTF-8"  # tmux passes non-ASCII keys only to a UTF-8 client
    env["TOMWIZARD_DEBUG"] = "1"  # a crash shows its traceback in the captured screen
    started: list[Terminal] = []

    def make() -> Terminal:
        terminal = Terminal(tmp_path / f"tmux-{len(started)}", env)
        started.append(terminal)
        return terminal

    try:
        yield make
    finally:
        for terminal in started:
            terminal.kill()


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
