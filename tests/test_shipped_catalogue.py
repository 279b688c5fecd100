"""The catalogue that ships in ``questions/``: complete, consistent, bilingual, and able to express
both seed annexes (proved by the answers files in ``examples/`` and the mapping in
``examples/README.md``)."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from pydantic import BaseModel

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.visibility import Visibility
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.catalogue.model import (
    LANGUAGES,
    ChecklistQuestion,
    Text,
)
from tomwizard.cli import main
from tomwizard.disk.storage import LoadedDocument, load_document
from tomwizard.locations import shipped_questions_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
ALFAVIEW = EXAMPLES / "alfaview-anlage1.toml"
DSN = EXAMPLES / "datenschutz-nord-anhang3.toml"

GROUPS = [
    "rahmen",
    "vertraulichkeit",
    "pseudonymisierung_verschluesselung",
    "integritaet",
    "verfuegbarkeit",
    "wiederherstellbarkeit",
    "ueberpruefung",
    "technikgestaltung",
    "weitere",
]


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(builtin=shipped_questions_dir())


def _texts(node: object) -> list[Text]:
    found: list[Text] = []
    if isinstance(node, Text):
        return [node]
    if isinstance(node, list | tuple):
        for item in node:
            found += _texts(item)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found += _texts(getattr(node, name))
    return found


def test_structure_follows_art_32(shipped: Catalogue) -> None:
    assert [g.id for g in shipped.groups] == GROUPS
    categories = [c.id for c in shipped.categories]
    assert len(categories) >= 15
    for expected in (
        "zutrittskontrolle",
        "zugangskontrolle",
        "zugriffskontrolle",
        "trennungskontrolle",
        "pseudonymisierung",
        "verschluesselung",
        "weitergabekontrolle",
        "eingabekontrolle",
        "verfuegbarkeitskontrolle",
        "belastbarkeit",
        "wiederherstellbarkeit",
        "auftragskontrolle",
        "incident_response",
        "datenschutzmanagement",
        "protokollierung",
        "loeschung_entsorgung",
    ):
        assert expected in categories
    assert shipped.measure_count() >= 250


def test_every_category_is_described(shipped: Catalogue) -> None:
    for category in shipped.categories:
        assert category.references, category.id
        assert category.sdm_goals or category.id == "organisation", category.id
        assert category.purpose.de.endswith(".") and category.purpose.en.endswith("."), category.id


def test_every_text_exists_in_both_languages(shipped: Catalogue) -> None:
    texts = _texts(shipped.categories)
    assert len(texts) > 1500
    for text in texts:
        for language in LANGUAGES:
            value = text.get(language)
            assert value.strip() == value and value, text


def test_measures_are_complete(shipped: Catalogue) -> None:
    for category in shipped.categories:
        for _, measure in shipped.measures(category.id):
            where = f"{category.id}.{measure.id}"
            assert measure.source, f"{where} has no source reference"
            for language in LANGUAGES:
                phrase = measure.phrase.get(language)
                assert phrase.rstrip().endswith((".", ")")), f"{where}: phrase is no sentence"
                assert len(measure.help.get(language)) >= 30, f"{where}: help too short"


def test_no_duplicate_labels_within_a_category(shipped: Catalogue) -> None:
    for category in shipped.categories:
        for language in LANGUAGES:
            labels = [q.label.get(language).casefold() for q in category.questions]
            labels += [m.label.get(language).casefold() for _, m in shipped.measures(category.id)]
            duplicates = [label for label, n in Counter(labels).items() if n > 1]
            assert not duplicates, (category.id, language, duplicates)


def test_numbers_that_matter_are_typed_parameters(shipped: Catalogue) -> None:
    units = Counter(
        p.unit.de
        for c in shipped.categories
        for _, m in shipped.measures(c.id)
        for p in m.parameters
        if p.type == "number" and p.unit
    )
    assert units["Zeichen"] >= 3  # password lengths: users, administrators, disk encryption
    assert units["Tage"] >= 3  # retention of IP addresses, logs, backups
    choices = {
        p.id
        for c in shipped.categories
        for _, m in shipped.measures(c.id)
        for p in m.parameters
        if p.type == "choice"
    }
    assert len(choices) >= 10


def test_context_questions_hide_what_does_not_apply(shipped: Catalogue) -> None:
    """A small agency without a server room is not asked about one."""
    server_room = [
        (c.id, q.id)
        for c in shipped.categories
        for q in c.questions
        if any(w.any_of and "serverraum" in w.any_of for w in q.when)
    ]
    assert server_room, "no question depends on having a server room"
    conditional = sum(1 for c in shipped.categories for q in c.questions if q.when or c.when) + sum(
        1 for c in shipped.categories for _, m in shipped.measures(c.id) if m.when
    )
    assert conditional >= 20


def test_catalogue_command_lists_the_shipped_catalogue(
    shipped: Catalogue, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    assert main(["catalogue"]) == 0
    out = capsys.readouterr().out
    assert f"{len(shipped.categories)} categories, {shipped.measure_count()} measures" in out
    for category in shipped.categories:
        assert f"  {category.id}: {category.title.de}" in out
    assert main(["catalogue", "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["categories"]] == [c.id for c in shipped.categories]


# -- the seed annexes, expressed with the catalogue -------------------------------------------


def _load(path: Path, shipped: Catalogue) -> LoadedDocument:
    loaded = load_document(path, shipped)
    assert [str(w) for w in loaded.warnings] == []
    return loaded


@pytest.mark.parametrize("path", [ALFAVIEW, DSN], ids=["alfaview", "datenschutz-nord"])
def test_examples_validate_without_warnings(path: Path, shipped: Catalogue) -> None:
    document = _load(path, shipped).document
    details = document.document
    assert details.processor.name and details.processor.address
    assert details.annex_number and details.contract_reference
    # a date only where the seed gives one (alfaview's agreement has none)
    assert details.date is not None or path == ALFAVIEW
    assert document.history
    assert document.catalogue.id == shipped.id and document.catalogue.version == shipped.version


@pytest.mark.parametrize("path", [ALFAVIEW, DSN], ids=["alfaview", "datenschutz-nord"])
def test_everything_ticked_in_the_examples_is_shown(path: Path, shipped: Catalogue) -> None:
    document = _load(path, shipped).document
    visibility = Visibility(document, shipped)
    for cid, answers in document.categories.items():
        category = shipped.category(cid)
        assert category is not None and visibility.category(category), cid
        for mid in answers.measures:
            checklist, measure = next((q, m) for q, m in shipped.measures(cid) if m.id == mid)
            assert visibility.measure(category, checklist, measure), f"{cid}.{mid} is hidden"
        for qid in answers.answers:
            question = shipped.question(cid, qid)
            assert question is not None
            assert visibility.question(category, question), f"{cid}.{qid} is hidden"


def _mapping_rows() -> list[dict[str, str]]:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    section = text.split("## Mapping", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip().lower() for cell in rows[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
        for row in rows[2:]
    ]


def test_mapping_names_answered_catalogue_measures(shipped: Catalogue) -> None:
    documents = {
        "alfaview": _load(ALFAVIEW, shipped).document,
        "datenschutz nord": _load(DSN, shipped).document,
    }
    rows = _mapping_rows()
    assert len(rows) >= 80
    for row in rows:
        document: AnswersDocument = documents[row["seed"]]
        for target in re.findall(r"`([a-z0-9_]+\.[a-z0-9_-]+)`", row["catalogue id"]):
            cid, item = target.split(".")
            category = shipped.category(cid)
            assert category is not None, row
            answers = document.categories.get(cid)
            assert answers is not None, f"{row['seed']}: nothing answered in {cid}"
            if shipped.measure(cid, item) is not None:
                status = answers.measures[item].status if item in answers.measures else None
                assert status in ("implemented", "planned"), f"{row['seed']}: {target} not ticked"
            else:
                assert shipped.question(cid, item) is not None, f"unknown id {target}"
                assert item in answers.answers, f"{row['seed']}: {target} not answered"


def test_mapping_covers_every_checklist_item_of_anlage_1() -> None:
    source = SEEDS / "000_7edd7597682767df.txt"
    if not source.exists():  # the seeds live beside the repository (../shared), as in CI
        pytest.skip(f"seed annex not found at {source}")
    seed = source.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(seed) if line.strip() == "Anlage 1")
    end = next(i for i in range(start, len(seed)) if seed[i].strip() == "Anlage 2")
    bullets = [i + 1 for i in range(start, end) if seed[i].startswith("- ")]
    assert len(bullets) >= 60
    mapped = {
        int(row["line"]) for row in _mapping_rows() if row["seed"] == "alfaview" and row["line"]
    }
    assert not set(bullets) - mapped, f"seed lines without mapping: {sorted(set(bullets) - mapped)}"


def _toml_value(value: object) -> str:
    """A parameter value as the mapping table writes it: ``7``, ``1.5``, ``true``, ``2025-03-01``,
    an option id or a text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.mark.parametrize("path", [ALFAVIEW, DSN], ids=["alfaview", "datenschutz-nord"])
def test_every_parameter_value_has_a_seed_line(path: Path, shipped: Catalogue) -> None:
    """An example states only what its seed states: each parameter value is named in a mapping
    row that points at the seed line saying it."""
    seed = "alfaview" if path == ALFAVIEW else "datenschutz nord"
    rows = [r for r in _mapping_rows() if r["seed"] == seed]
    document = _load(path, shipped).document
    unmapped = []
    for cid, answers in document.categories.items():
        for mid, answer in answers.measures.items():
            for pid, value in answer.parameters.items():
                entry = f"{pid} = {_toml_value(value)}"
                if not any(
                    f"`{cid}.{mid}`" in row["catalogue id"]
                    and entry in row["parameters"]
                    and row["line"].isdigit()
                    for row in rows
                ):
                    unmapped.append(f"{cid}.{mid}: {entry}")
    assert not unmapped, f"values without a seed line: {unmapped}"


def test_examples_assume_nothing() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "assumed" not in readme.casefold() and "annahme" not in readme.casefold()
    for path in (ALFAVIEW, DSN):
        text = path.read_text(encoding="utf-8")
        assert "Annahme" not in text and "assum" not in text.casefold(), path.name


@pytest.mark.parametrize("path", [ALFAVIEW, DSN], ids=["alfaview", "datenschutz-nord"])
def test_examples_are_complete_for_their_status(path: Path, shipped: Catalogue) -> None:
    from tomwizard.answers.progress import progress

    document = _load(path, shipped).document
    if document.document.status == "final":
        missing = [p for p in progress(document, shipped) if p.missing]
        assert not missing, f"{path.name} is final but misses answers in {missing}"


def test_seed_lines_exist() -> None:
    """Every line the mapping names is a non-empty line of its seed."""
    files = {"alfaview": "000_7edd7597682767df.txt", "datenschutz nord": "002_376b56caa6af1728.txt"}
    if not (SEEDS / files["alfaview"]).exists():
        pytest.skip(f"seeds not found at {SEEDS}")
    seeds = {
        name: (SEEDS / file).read_text(encoding="utf-8").splitlines()
        for name, file in files.items()
    }
    for row in _mapping_rows():
        if row["line"]:
            lines = seeds[row["seed"]]
            number = int(row["line"])
            assert 0 < number <= len(lines) and lines[number - 1].strip(), row


def test_custom_measures_are_justified() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in (ALFAVIEW, DSN):
        document = AnswersDocument.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        custom = [(c, key) for c, a in document.categories.items() for key in a.custom]
        assert len(custom) <= 2, custom
        for cid, key in custom:
            assert f"`{cid}.custom.{key}`" in readme, f"{path.name}: {cid}.custom.{key} unexplained"


def test_checklists_are_the_main_question_type(shipped: Catalogue) -> None:
    checklists = sum(
        isinstance(q, ChecklistQuestion) for c in shipped.categories for q in c.questions
    )
    assert checklists >= 30
