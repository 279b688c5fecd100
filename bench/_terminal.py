"""Run a Textual app in a real pseudo-terminal, as a user starts it (for bench/run.py).

:func:`run_in_terminal` starts the app in a fresh process attached to a new 120x40 pty, reads
what it draws until all of the app's markers have appeared (its first frame), presses ctrl+q,
keeps reading until the process has ended (so it never blocks on a full terminal), and reaps it
with ``os.wait4``, which returns the process's own resource usage: its peak resident memory.

Linux caveat: a child's ``ru_maxrss`` is at least the parent's resident size at the moment of the
``exec`` (the kernel records the old address space's high-water mark). A peak is therefore only
the child's own when it is above the caller's peak (:func:`own_peak_rss`), so keep the calling
process small.
"""

from __future__ import annotations

import fcntl
import os
import resource
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

COLUMNS, LINES = 120, 40
TIMEOUT = 60.0
"""Seconds an app may take to draw its first frame, or to exit after ctrl+q."""
CTRL_Q = b"\x11"

MINIMAL_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

class Minimal(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("minimal-app-ready")
        yield Footer()

Minimal().run()
"""
"""The reference app: Header, Static, Footer; ``python -c MINIMAL_APP``."""
MINIMAL_MARKERS = [b"minimal-app-ready"]


@dataclass(frozen=True)
class TerminalApp:
    """A command that starts a Textual app, and how to recognise its first frame."""

    name: str
    args: Sequence[str]
    markers: Sequence[bytes]
    """Texts that are all on screen once the first frame has been drawn."""
    ready_markers: Sequence[bytes] = ()
    """Texts that are all on screen once the app is ready for input (none: at its first
    frame). An app that draws a first frame while it still loads is quit only when ready, so
    its peak memory includes what it loaded."""


@dataclass(frozen=True)
class TerminalRun:
    """What one start of an app in a terminal measured."""

    first_frame: float
    """Seconds from just before the process started until its first frame was received."""
    ready: float
    """Seconds until the app was ready for input (see :attr:`TerminalApp.ready_markers`)."""
    peak_rss: int
    """Peak resident memory of the process in bytes (``ru_maxrss``; see the module caveat)."""


def terminal_env(home: Path) -> dict[str, str]:
    """The environment of an app under test: no Textual or tomwizard settings of the caller (so
    the shipped catalogue is used), a common terminal type, a German interface and
    ``TOMWIZARD_HOME`` at ``home`` (no recent files, recovery copies, settings or cache of the
    user's)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL_", "TOMWIZARD_"))
        # PYTHONDONTWRITEBYTECODE: a user's Python keeps compiled modules (this sandbox's
        # setting would make every start compile tomwizard's modules again)
        and key not in ("NO_COLOR", "COLUMNS", "LINES", "LC_ALL", "PYTHONDONTWRITEBYTECODE")
    }
    # a German interface, as the German example is edited (the markers of the first frame)
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_MESSAGES="de_DE.UTF-8",
        TOMWIZARD_HOME=str(home),
    )
    return env


def minimal_app(python: str | Path) -> TerminalApp:
    """The reference app (Header, Static, Footer), run by ``python``."""
    return TerminalApp("minimal Textual app", [str(python), "-c", MINIMAL_APP], MINIMAL_MARKERS)


def own_peak_rss() -> int:
    """Peak resident memory of this process in bytes."""
    return _rss_bytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_in_terminal(app: TerminalApp, env: Mapping[str, str], cwd: Path) -> TerminalRun:
    """Start ``app`` in a fresh pseudo-terminal, wait for its first frame, quit it with ctrl+q."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        list(app.args),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(env),
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    child = _Child(process)
    try:
        first_frame, output = _wait_for(master, child, app, start, app.markers, b"")
        ready = first_frame
        if app.ready_markers:
            ready, _ = _wait_for(master, child, app, start, app.ready_markers, output)
        os.write(master, CTRL_Q)
        usage = _drain_until_exit(master, child, app.name)
    finally:
        child.kill()
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{app.name} exited with {process.returncode} after ctrl+q")
    return TerminalRun(first_frame, ready, _rss_bytes(usage.ru_maxrss))


class _Child:
    """A started process that is reaped here with ``os.wait4`` (never by ``Popen``, which would
    discard its resource usage)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.usage: resource.struct_rusage | None = None

    def reap(self) -> bool:
        """Whether the process has ended (collecting its exit code and usage if it just did)."""
        if self.usage is not None:
            return True
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.usage = usage
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return True

    def kill(self) -> None:
        """End the process group if the process is still running (after a failure)."""
        if self.reap():
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        deadline = time.perf_counter() + 10
        while not self.reap() and time.perf_counter() < deadline:
            time.sleep(0.01)


def _wait_for(
    master: int,
    child: _Child,
    app: TerminalApp,
    start: float,
    markers: Sequence[bytes],
    output: bytes,
) -> tuple[float, bytes]:
    """Read the terminal until all ``markers`` have arrived (in ``output`` read so far and
    what follows); seconds since ``start``, and all output read."""
    if all(marker in output for marker in markers):
        return time.perf_counter() - start, output
    deadline = start + TIMEOUT
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            if child.reap():
                break
            continue
        chunk = _read(master)
        if not chunk:
            break
        output += chunk
        if all(marker in output for marker in markers):
            return time.perf_counter() - start, output
    else:
        raise RuntimeError(f"{app.name}: {markers} not drawn within {TIMEOUT:.0f} s")
    tail = output[-2000:].decode("utf-8", "replace")
    raise RuntimeError(f"{app.name} ended before it drew {markers}:\n{tail}")


def _drain_until_exit(master: int, child: _Child, name: str) -> resource.struct_rusage:
    """Read what the app still writes (so it never blocks) until it has ended; its usage."""
    deadline = time.perf_counter() + TIMEOUT
    terminal_open = True
    while not child.reap():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{name} did not exit within {TIMEOUT:.0f} s of ctrl+q")
        if not terminal_open:
            time.sleep(0.01)
            continue
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready and not _read(master):
            terminal_open = False  # the app closed its side; only the exit is still to come
    assert child.usage is not None
    return child.usage


def _read(master: int) -> bytes:
    """The next output of the terminal; empty once the app has closed it."""
    try:
        return os.read(master, 65536)
    except OSError:  # EIO: no process has the terminal open any more
        return b""


def _rss_bytes(maxrss: int) -> int:
    """``ru_maxrss`` in bytes (kibibytes on Linux, bytes on macOS)."""
    return maxrss if sys.platform == "darwin" else maxrss * 1024
