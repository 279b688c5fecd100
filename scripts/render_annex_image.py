"""Render the first page of an exported annex to docs/images/annex-first-page.png (for README).

    python scripts/render_annex_image.py [--example examples/datenschutz-nord-anhang3.toml]
        [--template anlage] [--lang de] [--page 1]

Exports the example with the shipped catalogue, converts it with LibreOffice and turns the page
into a PNG with pdftoppm (poppler-utils). Needs both programs installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.disk.storage import load_document
from tomwizard.export.exporter import ExportFailed, export_document
from tomwizard.locations import shipped_questions_dir

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--example", type=Path, default=ROOT / "examples" / "datenschutz-nord-anhang3.toml"
    )
    parser.add_argument("--template", default="anlage")
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "images" / "annex-first-page.png"
    )
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    catalogue = load_catalogue(builtin=shipped_questions_dir())
    document = load_document(args.example, catalogue).document
    with tempfile.TemporaryDirectory() as work:
        docx = Path(work) / "annex.docx"
        try:
            result = export_document(
                document,
                catalogue,
                docx,
                template=args.template,
                lang=args.lang,
                pdf=True,
                today=dt.date(2025, 1, 1),
            )
        except ExportFailed as exc:
            print(exc, file=sys.stderr)
            return 1
        assert result.pdf is not None
        prefix = Path(work) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                str(args.page),
                "-l",
                str(args.page),
                "-singlefile",
                str(result.pdf),
                str(prefix),
            ],
            check=True,
            timeout=120,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
