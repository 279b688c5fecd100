"""Load an answers file with the shipped catalogue and write it back in canonical form.

    python scripts/normalise_example.py examples/alfaview-anlage1.toml

Prints every problem (and exits 1) instead of writing when the file does not load.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.disk.storage import DocumentFile
from tomwizard.locations import shipped_questions_dir
from tomwizard.problems import ProblemsError


def main(path: Path) -> int:
    catalogue = load_catalogue(builtin=shipped_questions_dir())
    try:
        handle, loaded = DocumentFile.open(path, catalogue)
    except ProblemsError as exc:
        print("\n".join(str(p) for p in exc.problems))
        return 1
    for warning in loaded.warnings:
        print(warning)
    handle.save(loaded.document, catalogue, discard_comments=True)
    (path.parent / (path.name + ".bak")).unlink(missing_ok=True)
    print(f"{path}: written in canonical form")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
