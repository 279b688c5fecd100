"""Check category files of the shipped catalogue on their own, while the catalogue grows.

    python scripts/check_category.py questions/zutrittskontrolle.toml [more files...]

Loads ``questions/organisation.toml`` (the context questions every category may refer to) plus
the given files as a temporary catalogue, reports every problem as ``FILE:LINE: key: message``,
and the rules the catalogue tests enforce beyond loading: no duplicate labels within a category,
a source reference on every measure. Prints the number of measures per file when all is well.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.catalogue.model import ChecklistQuestion
from tomwizard.problems import ProblemsError

ROOT = Path(__file__).resolve().parent.parent


def _vocabularies() -> str:
    """The shared vocabularies of the shipped ``catalogue.toml`` (the files may name them)."""
    text = (ROOT / "questions" / "catalogue.toml").read_text(encoding="utf-8")
    start = text.find("[[vocabularies]]")
    return "\n" + text[start:] if start >= 0 else ""


def main(files: list[str]) -> int:
    paths = [Path(f) for f in files]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ids = [p.stem for p in paths if p.stem != "organisation"]
        (folder / "catalogue.toml").write_text(
            'id = "check"\nversion = "0"\ntitle = { de = "Prüfung", en = "Check" }\n'
            'languages = ["de", "en"]\n'
            '[[groups]]\nid = "rahmen"\ntitle = { de = "R", en = "R" }\n'
            'categories = ["organisation"]\n'
            '[[groups]]\nid = "pruefung"\ntitle = { de = "P", en = "P" }\n'
            f"categories = {ids!r}\n".replace("'", '"')
            + _vocabularies(),
            encoding="utf-8",
        )
        shutil.copy(ROOT / "questions" / "organisation.toml", folder / "organisation.toml")
        for path in paths:
            if path.stem != "organisation":
                shutil.copy(path, folder / path.name)
        try:
            catalogue = load_catalogue(builtin=folder)
        except ProblemsError as exc:
            for problem in exc.problems:
                print(str(problem).replace(temp, "questions"))
            return 1
    status = 0
    for category in catalogue.categories:
        labels: dict[str, str] = {}
        count = 0
        for question in category.questions:
            if not isinstance(question, ChecklistQuestion):
                continue
            for measure in question.measures:
                count += 1
                if not measure.source:
                    print(f"{category.id}: measure {measure.id!r} has no source reference")
                for lang in ("de", "en"):
                    key = f"{lang}:{measure.label.get(lang).casefold()}"
                    if key in labels:
                        print(
                            f"{category.id}: duplicate {lang} label in {measure.id!r} and "
                            f"{labels[key]!r}"
                        )
                        status = 1
                    labels[key] = measure.id
        print(f"{category.id}: {len(category.questions)} questions, {count} measures")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
