"""Print every measure phrase of the shipped catalogue as the annex would say it.

    python scripts/render_phrases.py [CATEGORY ...] [--lang de|en]

For each measure: the sentence with no parameter values, with every option of every choice
parameter, and with the smallest and largest numbers; so a catalogue author reads what a signer
reads. Sentences with a brace, a bracket, doubled punctuation or no final full stop are marked
with ``!!``.
"""

from __future__ import annotations

import argparse
import datetime as dt

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.catalogue.model import Language, Measure, Parameter
from tomwizard.export.context import render_measure_phrase

SUSPICIOUS = ("{", "}", "[", "]", "..", ",,", " ,", " .", "  ", ",.", ".,")


def variants(measure: Measure) -> list[dict[str, object]]:
    """Parameter values to try: none, then each option / boundary of each parameter in turn,
    then all parameters at once."""
    out: list[dict[str, object]] = [{}]
    full: dict[str, object] = {}
    for parameter in measure.parameters:
        for value in sample_values(parameter):
            out.append({parameter.id: value})
            full.setdefault(parameter.id, value)
    if len(measure.parameters) > 1:
        out.append(full)
    return out


def sample_values(parameter: Parameter) -> list[object]:
    if parameter.type == "choice":
        return [option.id for option in parameter.options]
    if parameter.type == "number":
        low = parameter.min if parameter.min is not None else 1
        high = parameter.max if parameter.max is not None else 1000
        values = [low, high, 2] if low <= 2 <= high else [low, high]
        return [int(v) if parameter.integer else v for v in values]
    if parameter.type == "date":
        return [dt.date(2027, 3, 31)]
    if parameter.type == "bool":
        return [True, False]
    return ["Beispieltext"]


def problems(sentence: str) -> bool:
    return any(s in sentence for s in SUSPICIOUS) or not sentence.endswith((".", "!", "?"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("categories", nargs="*")
    parser.add_argument("--lang", choices=["de", "en"], default=None)
    args = parser.parse_args()
    catalogue = load_catalogue()
    languages: list[Language] = [args.lang] if args.lang else ["de", "en"]
    bad = 0
    for category in catalogue.categories:
        if args.categories and category.id not in args.categories:
            continue
        for _, measure in catalogue.measures(category.id):
            print(f"{category.id}.{measure.id}")
            for lang in languages:
                seen: set[str] = set()
                for values in variants(measure):
                    sentence = render_measure_phrase(measure, values, lang)
                    if sentence in seen:
                        continue
                    seen.add(sentence)
                    mark = "!!" if problems(sentence) else "  "
                    bad += mark == "!!"
                    print(f"  {mark} {lang}: {sentence}")
    print(f"{bad} suspicious sentences")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
