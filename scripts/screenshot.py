"""Make the screenshot of the wizard for the README.

    .venv/bin/python scripts/screenshot.py [--category zugangskontrolle] [--output FILE]

Opens ``examples/datenschutz-nord-anhang3.toml`` with the shipped catalogue in a headless
120x40 terminal, shows a category whose measures are ticked, and writes the screen as SVG to
``docs/images/main-screen.svg``. Nothing outside the output file is written: the wizard's home
(recent files, recovery copies) is a temporary folder, and the document is only read.
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


async def screenshot(category_id: str, output: Path) -> None:
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import shipped_questions_dir
    from tomwizard.tui.app import TomWizardApp

    catalogue = load_catalogue(builtin=shipped_questions_dir())
    app = TomWizardApp(catalogue, EXAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.editor
        if editor is None:
            raise SystemExit(f"{EXAMPLE.name} did not open (problems or a recovery dialog?)")
        if catalogue.category(category_id) is None:
            raise SystemExit(f"no category {category_id!r} in the shipped catalogue")
        await editor.show_category(category_id)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        svg = app.export_screenshot(title=f"tomwizard edit {EXAMPLE.name}")
    # Rich names its CSS classes with a random number; a fixed one keeps regenerated files equal
    svg = re.sub(r"\bterminal-\d+-", "terminal-main-", svg)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(svg, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--category", default="zugangskontrolle", help="category to show")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the SVG file to write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tomwizard-screenshot-") as home:
        os.environ["TOMWIZARD_HOME"] = home
        for name in ("TOMWIZARD_QUESTIONS", "TOMWIZARD_CATALOGUE"):
            os.environ.pop(name, None)
        asyncio.run(screenshot(args.category, args.output))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
