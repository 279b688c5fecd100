"""``tomwizard validate FILE...``: problems with line numbers, or a completeness summary.

The text format is for people: problems and warnings on standard error, the summary per file on
standard output. ``--format json|github|sarif`` is for CI: only the findings (JSON also the
completeness of each file, :mod:`tomwizard.commands.validate_report`) on standard output.
``--strict`` makes warnings fail the run, and a document marked final that lacks required
answers (the rule the export applies).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tomwizard import __version__
from tomwizard.answers.progress import missing_required, progress
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, print_problems, reader_language
from tomwizard.commands.validate_report import FileResult, gap_labels, render_results
from tomwizard.disk.storage import LoadedDocument, load_document
from tomwizard.problems import Problem, ProblemsError
from tomwizard.report import ReportFormat
from tomwizard.wording import Wording

_HEADINGS = {
    "de": ("Kategorie", "beantwortet", "Pflicht", "entfällt", "fehlt"),
    "en": ("Category", "answered", "required", "n/a", "missing"),
}
_SAY = Wording(
    "validate",
    {
        "invalid.1": ("{path}: ungültig (1 Fehler)", "{path}: invalid (1 error)"),
        "invalid.n": ("{path}: ungültig ({n} Fehler)", "{path}: invalid ({n} errors)"),
        "valid": (
            "{path}: gültig (Katalog {catalogue}{counts})",
            "{path}: valid (catalogue {catalogue}{counts})",
        ),
        "warning.1": (", 1 Warnung", ", 1 warning"),
        "warning.n": (", {n} Warnungen", ", {n} warnings"),
        "notice.1": (", 1 Hinweis", ", 1 notice"),
        "notice.n": (", {n} Hinweise", ", {n} notices"),
        "strict": ("{path}: --strict nicht bestanden: ", "{path}: fails --strict: "),
        "strict_warnings.1": ("1 Warnung", "1 warning"),
        "strict_warnings.n": ("{n} Warnungen", "{n} warnings"),
        "strict_gaps.1": (
            "als endgültig markiert, aber 1 Pflichtangabe fehlt",
            "marked final, but 1 required answer is missing",
        ),
        "strict_gaps.n": (
            "als endgültig markiert, aber {n} Pflichtangaben fehlen",
            "marked final, but {n} required answers are missing",
        ),
    },
)


def run_validate(
    files: Sequence[Path],
    extra_dirs: Sequence[Path],
    lang: Language | None,
    *,
    output_format: ReportFormat = "text",
    strict: bool = False,
) -> int:
    """Validate every file; exit 1 if any has errors (with ``strict``: also warnings, or a
    final document missing required answers). The summary and the messages that name the
    catalogue's labels are in ``lang`` (default: the interface language of the settings)."""
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    lang = lang or reader_language()
    text = output_format == "text"
    status = 0
    results: list[FileResult] = []
    for path in files:
        try:
            loaded = load_document(path, catalogue, lang)
        except ProblemsError as exc:
            results.append(FileResult(path, exc.problems))
            status = 1
            if text:
                print_problems(exc.problems, lang)
                errors = sum(p.is_error for p in exc.problems)
                print(_SAY.count("invalid", lang, errors, path=path), file=sys.stderr)
            continue
        gaps = strict_gaps(loaded, catalogue, lang) if strict else []
        warnings = sum(p.severity == "warning" for p in loaded.warnings)
        failed = strict and bool(warnings or gaps)
        results.append(FileResult(path, (*loaded.warnings, *gaps), loaded))
        status = max(status, int(failed))
        if text:
            print_problems(loaded.warnings, lang)
            _summary(path, loaded, catalogue, lang)
            if failed:
                print_problems(gaps, lang)
                print(_strict_line(path, warnings, len(gaps), lang), file=sys.stderr)
    if not text:
        sys.stdout.write(render_results(results, output_format, catalogue, lang, __version__))
    return status


def strict_gaps(loaded: LoadedDocument, catalogue: Catalogue, lang: Language) -> list[Problem]:
    """What ``--strict`` adds as errors: the required answers and values a document marked
    final lacks (see :func:`~tomwizard.answers.progress.missing_required`), except those a
    warning names already (a required value of a decided measure)."""
    if loaded.document.document.status != "final":
        return []
    seen = {(p.line, p.key, p.message) for p in loaded.warnings}
    missing = missing_required(loaded.document, catalogue, loaded.source, lang)
    return [p for p in missing if (p.line, p.key, p.message) not in seen]


def _strict_line(path: Path, warnings: int, gaps: int, lang: Language) -> str:
    reasons = [_SAY.count("strict_warnings", lang, warnings)] if warnings else []
    if gaps:
        reasons.append(_SAY.count("strict_gaps", lang, gaps))
    return _SAY("strict", lang, path=path) + "; ".join(reasons)


def _summary(path: Path, loaded: LoadedDocument, catalogue: Catalogue, lang: Language) -> None:
    rows = progress(loaded.document, catalogue)
    heading, answered, required, hidden, missing = _HEADINGS[lang]
    counts = Counter(p.severity for p in loaded.warnings)
    note = "".join(
        _SAY.count(kind, lang, n) for kind in ("warning", "notice") if (n := counts[kind])
    )
    which = f"{catalogue.id} {catalogue.version}"
    print(_SAY("valid", lang, path=path, catalogue=which, counts=note))
    titles = {c.id: _fit(c.title.get(lang), 40) for c in catalogue.categories}
    width = max(len(heading), *(len(t) for t in titles.values()))
    print(f"  {heading:<{width}}  {answered:>11}  {required:>8}")
    for row in rows:
        title = titles[row.category_id]
        if not row.applies:
            print(f"  {title:<{width}}  {hidden:>11}")
            continue
        line = (
            f"  {title:<{width}}  {f'{row.answered}/{row.shown}':>11}  "
            f"{f'{row.required_answered}/{row.required}':>8}"
        )
        if gaps := gap_labels(catalogue, row, lang):
            line += f"  {missing}: {'; '.join(gaps)}"
        print(line)
    total = sum(r.required for r in rows)
    done = sum(r.required_answered for r in rows)
    print(f"  {'':<{width}}  {'':>11}  {f'{done}/{total}':>8}")


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
