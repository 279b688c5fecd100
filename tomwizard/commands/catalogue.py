"""``tomwizard catalogue``: the categories and questions, as text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    ChecklistQuestion,
    ChoiceQuestion,
    Condition,
    Language,
    MultichoiceQuestion,
    NumberQuestion,
    Parameter,
    TableQuestion,
)
from tomwizard.commands import load_catalogue_or_report


def run_catalogue(
    extra_dirs: Sequence[Path], lang: Language, *, as_json: bool, find: str | None = None
) -> int:
    """Print the catalogue, or (``find``) the measures matching a search."""
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    if find is not None:
        return _find(catalogue, lang, find, as_json=as_json)
    if as_json:
        print(json.dumps(catalogue.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print("\n".join(catalogue_lines(catalogue, lang)))
    return 0


def _find(catalogue: Catalogue, lang: Language, query: str, *, as_json: bool) -> int:
    """Print the measures matching ``query``: exit 0 with hits, 1 without."""
    from tomwizard.catalogue.search import MeasureIndex

    hits = MeasureIndex(catalogue, lang).find(query)
    if as_json:
        rows = [
            {
                "category": h.category_id,
                "question": h.question_id,
                "measure": h.measure_id,
                "label": h.label,
            }
            for h in hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max((len(f"{h.category_id}.{h.measure_id}") for h in hits), default=0)
        for h in hits:
            key = f"{h.category_id}.{h.measure_id}"
            print(f"{key:<{width}}  {h.label}  ({h.category_title})")
    if not hits:
        nothing = "keine Maßnahme gefunden" if lang == "de" else "no measure found"
        print(f"tomwizard: {nothing}: {query}", file=sys.stderr)
    return 0 if hits else 1


def catalogue_lines(catalogue: Catalogue, lang: Language) -> list[str]:
    """A readable outline of the catalogue."""
    measures = catalogue.measure_count()
    lines = [
        f"{catalogue.title.get(lang)}",
        f"{catalogue.id} {catalogue.version}: {len(catalogue.categories)} categories, "
        f"{measures} measures",
    ]
    by_id = {c.id: c for c in catalogue.categories}
    for group in catalogue.groups:
        refs = f"  ({'; '.join(group.references)})" if group.references else ""
        lines += ["", f"{group.title.get(lang)}{refs}"]
        for cid in group.categories:
            category = by_id[cid]
            lines.append(f"  {category.id}: {category.title.get(lang)}{_when(category.when)}")
            for question in category.questions:
                flags = " required" if question.required else ""
                lines.append(
                    f"    {question.id} [{question.type}{flags}] "
                    f"{question.label.get(lang)}{_when(question.when)}"
                )
                if isinstance(question, ChoiceQuestion | MultichoiceQuestion):
                    options = ", ".join(f"{o.id}={o.label.get(lang)}" for o in question.options)
                    lines.append(f"      options: {options}")
                if isinstance(question, NumberQuestion) and question.unit:
                    lines.append(f"      unit: {question.unit.get(lang)}")
                if isinstance(question, TableQuestion):
                    for column in question.columns:
                        lines.append(f"      | {_parameter(column, lang)}")
                if isinstance(question, ChecklistQuestion):
                    for measure in question.measures:
                        kind = {"technical": " [T]", "organisational": " [O]"}.get(
                            measure.kind or "", ""
                        )
                        lines.append(
                            f"      - {measure.id}{kind}: {measure.label.get(lang)}"
                            f"{_when(measure.when)}"
                        )
                        for parameter in measure.parameters:
                            lines.append(f"          {_parameter(parameter, lang)}")
    return lines


def _parameter(parameter: Parameter, lang: Language) -> str:
    unit = f" ({parameter.unit.get(lang)})" if parameter.unit else ""
    return f"{parameter.id} [{parameter.type}]: {parameter.label.get(lang)}{unit}"


def _when(conditions: Sequence[Condition]) -> str:
    if not conditions:
        return ""
    parts = []
    for c in conditions:
        if c.any_of is not None:
            parts.append(f"{c.question} in {', '.join(c.any_of)}")
        elif c.answered is not None:
            parts.append(f"{c.question} {'answered' if c.answered else 'unanswered'}")
        else:
            value = str(c.equals).lower() if isinstance(c.equals, bool) else c.equals
            parts.append(f"{c.question} = {value}")
    return f"  (when {' and '.join(parts)})"
