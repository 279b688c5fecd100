"""A real terminal for end-to-end tests: the installed ``tomwizard`` command inside tmux.

Each :class:`Terminal` is a tmux server of its own (``tmux -L``) running one command in a 120x40
window; the command writes its process id and, when it ends, its exit status to files (tmux's
own ``pane_dead_status`` is sometimes lost when the process ends). Tests get terminals from the
``terminals`` fixture in ``conftest.py``, which stops them all at the end.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).parent / "tomwizard"
"""The console script installed into the test environment."""
STARTUP_TIMEOUT = 30.0
STEP_TIMEOUT = 10.0


class ScreenTimeout(AssertionError):
    """The expected text did not appear in time."""


class Terminal:
    """One tmux server of its own running one command in a window (120x40 unless told)."""

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

    def start(self, command: list[str], size: tuple[int, int] = (120, 40)) -> None:
        # the shell writes its pid and then becomes the command (exec): that pid is tomwizard's
        inner = f"echo $$ > {shlex.quote(str(self.pid_file))}; exec {shlex.join(command)}"
        line = f"sh -c {shlex.quote(inner)}; echo $? > {shlex.quote(str(self.status_file))}"
        columns, lines = size
        self.tmux("new-session", "-d", "-s", "wizard", "-x", str(columns), "-y", str(lines), line)
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
        """Press Tab until ``text`` (from the help of the focused question) is on screen (no
        Tab when it is there already: the focused field is the one)."""
        if text in self.screen():
            return
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


def terminal_env() -> dict[str, str]:
    """The environment for the command: the test's (TOMWIZARD_HOME, TOMWIZARD_QUESTIONS from the
    autouse fixture), without tmux's own variables and a size from the caller, with a UTF-8
    locale (tmux passes non-ASCII keys only to a UTF-8 client), the tests' interface language
    (German, see conftest.py) and tracebacks shown on screen if the wizard crashes."""
    env = {
        key: value
        for key, value in os.environ.items()
        # COLUMNS and LINES (set when the tests run in parallel workers) would override the
        # size of the tmux window for Textual
        if key not in ("TMUX", "TMUX_PANE", "COLUMNS", "LINES") and not key.startswith("LC_")
    }
    env["LANG"] = "C.UTF-8"
    env["LC_MESSAGES"] = os.environ.get("LC_MESSAGES", "de_DE.UTF-8")
    env["TOMWIZARD_DEBUG"] = "1"
    return env
