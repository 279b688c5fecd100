"""Startup benchmark: time to the first frame of the wizard against a minimal Textual app.

Run by hand (never as a test), from the repository root::

    .venv/bin/python bench/startup.py [--runs N] [--file examples/datenschutz-nord-anhang3.toml]

Each app runs in a fresh Python process in a real pseudo-terminal of 120x40, exactly as a user
starts it. The time runs from just before the process is started until the terminal has
received the first frame — for the wizard the header with the file name and the category list
of the shipped catalogue (``TOMWIZARD_QUESTIONS`` is unset), for the reference app (Header,
Static, Footer) its text. Then ctrl+q ends the process. Runs alternate between the two apps,
after one discarded warm-up run of each; the table shows the median, min and max, and the ratio
of the medians (target: at most 1.3). It also reports whether the wizard imported docxtpl or
python-docx, which it must not do before an export.

Exit code 0 when the target is met and no Word library was imported, else 1.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.3
COLUMNS, LINES = 120, 40
TIMEOUT = 60.0
CTRL_Q = b"\x11"

WIZARD = """
import atexit, sys
def report():
    found = [name for name in ("docxtpl", "docx") if name in sys.modules]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(",".join(found) + "\\n")
atexit.register(report)
from tomwizard.cli import main
sys.exit(main(["edit", sys.argv[2]]))
"""
"""What the ``tomwizard`` console script runs, plus a note of the Word libraries imported."""

MINIMAL = """
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


@dataclass
class App:
    name: str
    args: list[str]
    markers: list[bytes]
    """Texts that are all on screen once the first frame has been drawn."""


def run_once(app: App, env: dict[str, str]) -> float:
    """Start ``app`` in a fresh pseudo-terminal; seconds until all its markers were drawn."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        app.args,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    output = b""
    elapsed: float | None = None
    try:
        deadline = start + TIMEOUT
        while elapsed is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{app.name}: no first frame within {TIMEOUT:.0f} s")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            output += chunk
            if all(marker in output for marker in app.markers):
                elapsed = time.perf_counter() - start
        if elapsed is None:
            tail = output[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"{app.name} ended before its first frame:\n{tail}")
        os.write(master, CTRL_Q)
        _drain(master, process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{app.name} exited with {process.returncode} after ctrl+q")
    return elapsed


def _drain(master: int, process: subprocess.Popen[bytes]) -> None:
    """Read what the app still writes (so it never blocks) until it has exited."""
    deadline = time.perf_counter() + 10
    while process.poll() is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
    process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per app (default 7)")
    parser.add_argument(
        "--file",
        type=Path,
        default=ROOT / "examples" / "datenschutz-nord-anhang3.toml",
        help="the document the wizard opens",
    )
    args = parser.parse_args()
    document = args.file.resolve()

    with tempfile.TemporaryDirectory(prefix="tomwizard-bench-") as tmp:
        report = Path(tmp) / "imported.txt"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEXTUAL_", "TOMWIZARD_")) and key != "NO_COLOR"
        }
        # the shipped catalogue, and a home of its own (no recent files, no recovery copies)
        env.update(TERM="xterm-256color", LANG="C.UTF-8", TOMWIZARD_HOME=str(Path(tmp) / "home"))
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        apps = [
            App(
                "tomwizard edit",
                [sys.executable, "-c", WIZARD, str(report), str(document)],
                [document.name.encode(), b"Zutrittskontrolle", b"Zugangskontrolle"],
            ),
            App("minimal Textual app", [sys.executable, "-c", MINIMAL], [b"minimal-app-ready"]),
        ]
        times: dict[str, list[float]] = {app.name: [] for app in apps}
        for app in apps:  # warm-up: bytecode caches, file system caches
            run_once(app, env)
        for _ in range(args.runs):
            for app in apps:
                times[app.name].append(run_once(app, env))
        imported = report.read_text(encoding="utf-8").strip()

    wizard, minimal = (statistics.median(times[app.name]) for app in apps)
    ratio = wizard / minimal
    print(f"Time to first frame, {COLUMNS}x{LINES}, {args.runs} runs each (fresh processes)")
    print(
        f"  document: {document.relative_to(ROOT) if document.is_relative_to(ROOT) else document}"
    )
    print()
    print(f"  {'app':<22} {'median':>8} {'min':>8} {'max':>8}")
    for app in apps:
        values = times[app.name]
        print(
            f"  {app.name:<22} {statistics.median(values) * 1000:>6.0f}ms"
            f" {min(values) * 1000:>6.0f}ms {max(values) * 1000:>6.0f}ms"
        )
    print()
    met = ratio <= TARGET_RATIO
    print(
        f"  ratio (median): {ratio:.2f}  (target <= {TARGET_RATIO}: {'met' if met else 'MISSED'})"
    )
    print(f"  docxtpl / python-docx imported: {imported or 'no'}")
    return 0 if met and not imported else 1


if __name__ == "__main__":
    sys.exit(main())
