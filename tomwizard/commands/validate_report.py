"""``validate --format json|github|sarif``: its problems as findings for CI.

Every problem of every file becomes a :class:`~tomwizard.report.Finding` (its key path is its
rule id), in the order the text format prints them. JSON wraps them with the completeness of
each file, so that a pipeline can tell a valid but incomplete document from a complete one
(``docs/schema/validate.schema.json``); GitHub and SARIF carry the findings alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tomwizard.answers.progress import CategoryProgress, progress
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk.storage import LoadedDocument
from tomwizard.problems import Problem
from tomwizard.report import Finding, ReportFormat, render
from tomwizard.report.render import json_items


@dataclass(frozen=True)
class FileResult:
    """One file as validate saw it: its problems (errors if it could not be used) and, when
    it could, the document."""

    path: Path
    problems: tuple[Problem, ...]
    loaded: LoadedDocument | None = None


def render_results(
    results: Sequence[FileResult],
    output_format: ReportFormat,
    catalogue: Catalogue,
    lang: Language,
    tool_version: str,
) -> str:
    """The findings of ``results`` in ``output_format`` (for JSON with each file's
    completeness; category titles and missing labels in ``lang``)."""
    findings = [Finding.from_problem(p) for result in results for p in result.problems]
    if output_format != "json":
        return render(findings, output_format, tool_version, lang=lang)
    data = {
        "findings": json_items(findings),
        "files": [_file(result, catalogue, lang) for result in results],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # as the findings' JSON: no raw DEL, C1 codes or line separators on a terminal
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _file(result: FileResult, catalogue: Catalogue, lang: Language) -> dict[str, Any]:
    """A file's entry: valid or not, and for a valid one its status and completeness."""
    entry: dict[str, Any] = {"file": str(result.path), "valid": result.loaded is not None}
    if result.loaded is None:
        return entry
    rows = progress(result.loaded.document, catalogue)
    titles = {c.id: c.title.get(lang) for c in catalogue.categories}
    entry.update(
        status=result.loaded.document.document.status,
        complete=all(row.complete for row in rows if row.applies),
        required=sum(row.required for row in rows),
        required_answered=sum(row.required_answered for row in rows),
        categories=[
            {
                "id": row.category_id,
                "title": titles[row.category_id],
                "applies": row.applies,
                "answered": row.answered,
                "shown": row.shown,
                "required": row.required,
                "required_answered": row.required_answered,
                "missing": gap_labels(catalogue, row, lang),
            }
            for row in rows
        ],
    )
    return entry


def gap_labels(catalogue: Catalogue, row: CategoryProgress, lang: Language) -> list[str]:
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
