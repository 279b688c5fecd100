"""``tomwizard export FILE``: the Word annex (and optionally a PDF) of an answers file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from tomwizard.answers.progress import progress
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, print_problems
from tomwizard.export.exporter import ExportFailed, default_output, export_document
from tomwizard.problems import ProblemsError
from tomwizard.storage import load_document

EXIT_CODES = {"template": 3, "check": 4, "output": 1, "pdf": 5}
"""Exit code by kind of failure; 1 is also used for an answers file with errors."""


def run_export(
    files: Sequence[Path],
    extra_dirs: Sequence[Path],
    *,
    output: Path | None,
    template: str,
    lang: Language | None,
    pdf: bool,
) -> int:
    """Export every file; the exit code of the first failure (0 if all succeeded)."""
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    status = 0
    for path in files:
        try:
            loaded = load_document(path, catalogue)
        except ProblemsError as exc:
            print_problems(exc.problems)
            print(f"{path}: not exported: the file has errors", file=sys.stderr)
            status = status or 1
            continue
        print_problems(loaded.warnings)
        missing = sum(len(row.missing) for row in progress(loaded.document, catalogue))
        if missing:
            print(
                f"{path}: note: {missing} required question{'s are' if missing != 1 else ' is'} "
                f"still unanswered ('tomwizard validate {path}' lists them)",
                file=sys.stderr,
            )
        target = output or default_output(path)
        try:
            result = export_document(
                loaded.document,
                catalogue,
                target,
                template=template,
                lang=lang,
                pdf=pdf,
                source=path,
            )
        except ExportFailed as exc:
            print(f"tomwizard: {exc}", file=sys.stderr)
            if exc.kind == "pdf":
                print(f"wrote {target}")
            status = status or EXIT_CODES[exc.kind]
            continue
        print(f"wrote {result.docx}")
        if result.pdf is not None:
            print(f"wrote {result.pdf}")
    return status
