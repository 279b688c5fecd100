"""``tomwizard export FILE``: the Word annex (and optionally a PDF) of an answers file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tomwizard.answers.english import untranslated_problems
from tomwizard.answers.progress import missing_required
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report
from tomwizard.export.exporter import ExportFailed, default_output, export_document
from tomwizard.problems import ProblemsError
from tomwizard.storage import load_document

EXIT_CODES = {"template": 3, "check": 4, "output": 1, "pdf": 5}
"""Exit code by kind of failure; 1 is also used for an answers file with errors."""
EXIT_INCOMPLETE_FINAL = 6
"""A document marked final misses required answers (and ``--draft`` was not given)."""


def run_export(
    files: Sequence[Path],
    extra_dirs: Sequence[Path],
    *,
    output: Path | None,
    template: str,
    lang: Language | None,
    pdf: bool,
    jobs: int | None = None,
    draft: bool = False,
) -> int:
    """Export every file (folders stand for the ``*.toml`` files in them); several files are
    exported in parallel by ``jobs`` processes (default: one per core). The exit code is that of
    the first failure, 0 if all succeeded."""
    paths, status = _expand(files)
    if not paths:
        return status
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    options = _Options(output=output, template=template, lang=lang, pdf=pdf, draft=draft)
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        outcomes: Iterable[_Outcome] = (_export_one(path, catalogue, options) for path in paths)
        for outcome in outcomes:
            status = _report(outcome) or status
        return status
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(list(extra_dirs),)
    ) as pool:
        for outcome in pool.map(_export_in_worker, paths, [options] * len(paths)):
            status = _report(outcome) or status
    return status


def _expand(files: Sequence[Path]) -> tuple[list[Path], int]:
    """The answers files to export: files as given, folders replaced by their ``*.toml``."""
    paths: list[Path] = []
    status = 0
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                print(f"{path}: no .toml files in this folder", file=sys.stderr)
                status = 1
            paths.extend(found)
        else:
            paths.append(path)
    return paths, status


@dataclass(frozen=True)
class _Options:
    output: Path | None
    template: str
    lang: Language | None
    pdf: bool
    draft: bool = False


@dataclass(frozen=True)
class _Outcome:
    """What exporting one file printed, and its exit code (collected, so that parallel exports
    print in order)."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    status: int = 0


def _export_one(path: Path, catalogue: Catalogue, options: _Options) -> _Outcome:
    out: list[str] = []
    err: list[str] = []
    try:
        loaded = load_document(path, catalogue)
    except ProblemsError as exc:
        err.extend(str(p) for p in exc.problems)
        err.append(f"{path}: not exported: the file has errors")
        return _Outcome(out, err, 1)
    err.extend(str(p) for p in loaded.warnings)
    missing = missing_required(loaded.document, catalogue, loaded.source)
    final = loaded.document.document.status == "final" and not options.draft
    if missing and final:
        err.extend(str(p) for p in missing)
        err.append(
            f"{path}: not exported: the document is marked final, but {len(missing)} required "
            f"answer{'s are' if len(missing) != 1 else ' is'} missing; complete "
            f"{'them' if len(missing) != 1 else 'it'}, or export a draft with --draft"
        )
        return _Outcome(out, err, EXIT_INCOMPLETE_FINAL)
    if missing:
        err.append(
            f"{path}: note: {len(missing)} required answer{'s are' if len(missing) != 1 else ' is'}"
            f" still missing; the annex is marked as a draft ('tomwizard validate {path}' lists "
            "them)"
        )
    target = options.output or default_output(
        path, options.template, options.lang, loaded.document.document.language
    )
    try:
        result = export_document(
            loaded.document,
            catalogue,
            target,
            template=options.template,
            lang=options.lang,
            pdf=options.pdf,
            source=path,
            draft=options.draft,
        )
    except ExportFailed as exc:
        err.append(f"tomwizard: {exc}")
        if exc.kind == "pdf":
            out.append(f"wrote {target}")
        return _Outcome(out, err, EXIT_CODES[exc.kind])
    err.extend(str(p) for p in untranslated_problems(result.untranslated, loaded.source, str(path)))
    out.append(f"wrote {result.docx}")
    if result.pdf is not None:
        out.append(f"wrote {result.pdf}")
        from tomwizard.export.pdf import template_font_missing

        if template_font_missing():
            err.append(
                f"{result.pdf}: warning: neither Calibri nor Carlito is installed, so the PDF "
                "uses another font and its line and page breaks differ from Word's (install "
                "Carlito, e.g. the package fonts-crosextra-carlito)"
            )
    return _Outcome(out, err)


def _report(outcome: _Outcome) -> int:
    for line in outcome.err:
        print(line, file=sys.stderr)
    for line in outcome.out:
        print(line)
    return outcome.status


_worker_catalogue: Catalogue | None = None


def _start_worker(extra_dirs: list[Path]) -> None:
    """Load the catalogue once per worker process."""
    global _worker_catalogue
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import extra_catalogue_dirs

    _worker_catalogue = load_catalogue(extra_catalogue_dirs(extra_dirs))


def _export_in_worker(path: Path, options: _Options) -> _Outcome:
    assert _worker_catalogue is not None, "worker started without its catalogue"
    try:
        return _export_one(path, _worker_catalogue, options)
    except Exception as exc:  # a bug in one file's export must not hide the others' results
        return _Outcome(err=[f"{path}: internal error ({exc.__class__.__name__}: {exc})"], status=1)
