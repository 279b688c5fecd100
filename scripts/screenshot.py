"""Make the screenshots of the wizard for the README.

    .venv/bin/python scripts/screenshot.py            # all of them (the list SHOTS)
    .venv/bin/python scripts/screenshot.py --category zugangskontrolle --measure mfa \
        --keys enter --ui de --size 120x40 --output FILE

Opens ``examples/datenschutz-nord-anhang3.toml`` with the shipped catalogue in a headless
terminal with the interface language given, shows a category (optionally with the cursor on a
measure's line), presses the keys given, and writes the screen as SVG. Nothing outside the output
files is written: the wizard's home (recent files, recovery copies, settings) is a temporary
folder, and the document is only read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "datenschutz-nord-anhang3.toml"
OUTPUT = ROOT / "docs" / "images" / "main-screen.svg"
SIZE = (120, 40)
IMAGES = ROOT / "docs" / "images"
SHOTS: list[tuple[str, str | None, tuple[str, ...], str, tuple[int, int], Path]] = [
    # category, measure under the cursor, keys, interface language, size, file
    ("zugangskontrolle", None, (), "de", SIZE, OUTPUT),
    ("zugangskontrolle", "passwortrichtlinie", ("enter",), "de", SIZE, IMAGES / "measure.svg"),
    ("zugangskontrolle", None, ("ctrl+e",), "de", (80, 24), IMAGES / "export-dialog.svg"),
    ("zugangskontrolle", None, (), "en", (80, 24), IMAGES / "main-screen-80x24-en.svg"),
]


async def screenshot(
    category_id: str,
    output: Path,
    measure_id: str | None = None,
    keys: tuple[str, ...] = (),
    size: tuple[int, int] = SIZE,
) -> None:
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import shipped_questions_dir
    from tomwizard.tui.app import TomWizardApp

    catalogue = load_catalogue(builtin=shipped_questions_dir())
    app = TomWizardApp(catalogue, EXAMPLE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        editor = app.editor
        if editor is None:
            raise SystemExit(f"{EXAMPLE.name} did not open (problems or a recovery dialog?)")
        if catalogue.category(category_id) is None:
            raise SystemExit(f"no category {category_id!r} in the shipped catalogue")
        await editor.show_category(category_id, measure_id)
        await pilot.pause()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause(0.3)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        svg = app.export_screenshot(title=f"tomwizard edit {EXAMPLE.name}")
    # Rich names its CSS classes with a random number; a fixed one keeps regenerated files equal
    svg = re.sub(r"\bterminal-\d+-", "terminal-main-", svg)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(svg, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--category", help="category to show (default: all of SHOTS)")
    parser.add_argument("--measure", help="measure to put the cursor on")
    parser.add_argument("--keys", default="", help="keys to press, separated by commas")
    parser.add_argument("--ui", choices=("de", "en"), default="de", help="interface language")
    parser.add_argument("--size", default="120x40", help="COLUMNSxLINES")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the SVG file to write")
    args = parser.parse_args()
    shots = SHOTS
    if args.category:
        columns, lines = (int(n) for n in args.size.split("x"))
        keys = tuple(k for k in args.keys.split(",") if k)
        shots = [(args.category, args.measure, keys, args.ui, (columns, lines), args.output)]
    os.environ.pop("LC_ALL", None)
    for name in ("TOMWIZARD_QUESTIONS", "TOMWIZARD_CATALOGUE"):
        os.environ.pop(name, None)
    for category, measure, keys, ui, size, output in shots:
        with tempfile.TemporaryDirectory(prefix="tomwizard-screenshot-") as home:
            os.environ["TOMWIZARD_HOME"] = home
            os.environ["LC_MESSAGES"] = "de_DE.UTF-8" if ui == "de" else "en_GB.UTF-8"
            asyncio.run(screenshot(category, output, measure, keys, size))
        print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
