"""``tomwizard validate FILE...``: problems with line numbers, or a completeness summary."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tomwizard.answers.progress import CategoryProgress, progress
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, print_problems, reader_language
from tomwizard.problems import ProblemsError
from tomwizard.storage import LoadedDocument, load_document

_HEADINGS = {
    "de": ("Kategorie", "beantwortet", "Pflicht", "entfällt", "fehlt"),
    "en": ("Category", "answered", "required", "n/a", "missing"),
}


def run_validate(
    files: Sequence[Path],
    extra_dirs: Sequence[Path],
    lang: Language | None,
    *,
    output_format: str = "text",
    strict: bool = False,
) -> int:
    """Validate every file; exit 1 if any has errors. The summary and the messages that name
    the catalogue's labels are in ``lang`` (default: the interface language of the settings)."""
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    lang = lang or reader_language()
    status = 0
    for path in files:
        try:
            loaded = load_document(path, catalogue, lang)
        except ProblemsError as exc:
            print_problems(exc.problems)
            errors = sum(p.is_error for p in exc.problems)
            print(f"{path}: invalid ({errors} error{'s' if errors != 1 else ''})", file=sys.stderr)
            status = 1
            continue
        print_problems(loaded.warnings)
        _summary(path, loaded, catalogue, lang)
    return status


def _summary(path: Path, loaded: LoadedDocument, catalogue: Catalogue, lang: Language) -> None:
    rows = progress(loaded.document, catalogue)
    heading, answered, required, hidden, missing = _HEADINGS[lang]
    counts = Counter(p.severity for p in loaded.warnings)
    note = "".join(
        f", {n} {kind}{'s' if n != 1 else ''}"
        for kind in ("warning", "notice")
        if (n := counts[kind])
    )
    print(f"{path}: valid (catalogue {catalogue.id} {catalogue.version}{note})")
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
        if gaps := _gaps(catalogue, row, lang):
            line += f"  {missing}: {'; '.join(gaps)}"
        print(line)
    total = sum(r.required for r in rows)
    done = sum(r.required_answered for r in rows)
    print(f"  {'':<{width}}  {'':>11}  {f'{done}/{total}':>8}")


def _gaps(catalogue: Catalogue, row: CategoryProgress, lang: Language) -> list[str]:
    """What the category still lacks, by label: required questions without an answer and
    required parameters without a value ("Measure – Parameter")."""
    gaps = []
    for qid in row.missing:
        question = catalogue.question(row.category_id, qid)
        gaps.append(question.label.get(lang) if question else qid)
    for _, mid, pid in row.missing_parameters:
        measure = catalogue.measure(row.category_id, mid)
        spec = next((p for p in measure.parameters if p.id == pid), None) if measure else None
        if measure is None or spec is None:
            continue
        gaps.append(f"{measure.label.get(lang)} – {spec.label.get(lang)}")
    return gaps


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
