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
import statistics
import sys
import tempfile
from pathlib import Path

from _terminal import COLUMNS, LINES, TerminalApp, minimal_app, run_in_terminal, terminal_env

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.3

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
        # the shipped catalogue, and a home of its own (no recent files, no recovery copies)
        env = terminal_env(Path(tmp) / "home")
        apps = [
            TerminalApp(
                "tomwizard edit",
                [sys.executable, "-c", WIZARD, str(report), str(document)],
                [document.name.encode(), b"Zutrittskontrolle", b"Zugangskontrolle"],
            ),
            minimal_app(sys.executable),
        ]
        times: dict[str, list[float]] = {app.name: [] for app in apps}
        for app in apps:  # warm-up: bytecode caches, file system caches
            run_in_terminal(app, env, ROOT)
        for _ in range(args.runs):
            for app in apps:
                times[app.name].append(run_in_terminal(app, env, ROOT).first_frame)
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
