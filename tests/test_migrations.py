"""Answers files of catalogue 1.0.0 open under today's catalogue with nothing lost.

``tests/fixtures/catalogue-1.0.0/`` keeps files written with catalogue 1.0.0: the two seed
examples as they were, and ``every-answer.toml`` in which every question, measure and parameter of
that catalogue has a value (with a remark, a reason or a target date). Opening them applies
``questions/migrations.toml``; these tests check that every value is still in the document (at
its new place, mapped to its new value, or kept under its old id), that saving writes the new ids,
and that the saved file opens again without a notice.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tomwizard.answers.migrate import migrate
from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.migrations import MigrationsFile
from tomwizard.disk.storage import load_document
from tomwizard.session import EditSession
from tomwizard.tomlread.file import read_toml
from tomwizard.tomlread.validation import validate_source

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue-1.0.0"
OLD_FILES = sorted(FIXTURES.glob("*.toml"))
ROOT = Path(__file__).parent.parent


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _mapped_values(catalogue: Catalogue) -> set[Any]:
    return {value.from_ for m in catalogue.migrations for value in m.value} | {
        option.from_ for m in catalogue.migrations for option in m.option
    }


def _old(path: Path) -> AnswersDocument:
    return validate_source(AnswersDocument, read_toml(path))


def test_fixtures_are_catalogue_1_0_0() -> None:
    assert {p.name for p in OLD_FILES} >= {
        "alfaview-anlage1.toml",
        "datenschutz-nord-anhang3.toml",
        "every-answer.toml",
    }
    for path in OLD_FILES:
        assert _old(path).catalogue.version == "1.0.0"


def test_the_catalogue_has_moved_on(shipped_catalogue: Catalogue) -> None:
    assert shipped_catalogue.version != "1.0.0"
    assert shipped_catalogue.migrations, "catalogue 2 renamed ids: migrations.toml records them"


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: p.stem)
def test_old_file_opens_with_every_value(path: Path, shipped_catalogue: Catalogue) -> None:
    old = _old(path)
    loaded = load_document(path, shipped_catalogue, "en")  # raises on any error
    new = loaded.document
    # every text, number, date and flag the user entered is still in the document; values a
    # migration maps (e.g. 12 months -> "jaehrlich") are replaced by their new value
    # (a remark of a measure merged into another is appended to that one's remark)
    mapped = _mapped_values(shipped_catalogue)
    new_leaves = _leaves(new.model_dump())
    texts = "\n".join(v for v in new_leaves if isinstance(v, str))
    before = Counter(
        repr(v)
        for v in _leaves(old.model_dump())
        if v not in mapped and not (isinstance(v, str) and v in texts)
    )
    after = Counter(repr(v) for v in new_leaves)
    missing = before - after
    assert not missing, f"values lost in {path.name}: {list(missing)[:10]}"

    # every measure keeps its status (a measure split in two gives both the status)
    def statuses(document: AnswersDocument) -> Counter[str]:
        return Counter(
            str(m.status)
            for c in document.categories.values()
            for m in [*c.measures.values(), *c.custom.values()]
        )

    merged = sum("is merged into" in p.message for p in loaded.warnings)
    assert sum(statuses(new).values()) >= sum(statuses(old).values()) - merged
    assert set(statuses(old)) <= set(statuses(new))
    if path.name == "every-answer.toml":
        assert loaded.migrated
        assert any(p.severity == "notice" for p in loaded.warnings)


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: p.stem)
def test_saving_writes_new_ids_and_reopens_cleanly(
    path: Path, shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    session = EditSession.open(copy, shipped_catalogue)
    session.save()
    text = copy.read_text(encoding="utf-8")
    assert f'version = "{shipped_catalogue.version}"' in text
    for migration in shipped_catalogue.migrations:
        for move in migration.measure:
            old_category, old_measure = move.from_.split(".")
            if move.to is not None and f"[categories.{old_category}.measures.{old_measure}]" in (
                path.read_text(encoding="utf-8")
            ):
                new_category, new_measure = move.to.split(".")
                assert f"[categories.{new_category}.measures.{new_measure}]" in text
    again = load_document(copy, shipped_catalogue)
    assert not again.migrated
    assert not [p for p in again.warnings if p.severity == "notice"]


def test_migrating_a_current_file_changes_nothing(shipped_catalogue: Catalogue) -> None:
    document = _old(FIXTURES / "every-answer.toml")
    document.catalogue.version = shipped_catalogue.version
    migrated, changes = migrate(document, shipped_catalogue, "en")
    assert changes == [] and migrated is document


def test_an_unfit_value_is_kept_under_its_own_key(shipped_catalogue: Catalogue) -> None:
    """A value that fits no longer (no mapping for it) is kept, not dropped or refused."""
    catalogue = shipped_catalogue
    category, measure, spec = next(
        (c.id, m.id, p)
        for c in catalogue.categories
        for _, m in catalogue.measures(c.id)
        for p in m.parameters
        if p.type == "choice"
    )
    document = _old(FIXTURES / "every-answer.toml")
    answers = document.categories.setdefault(category, type(document.categories[category])())
    answers.measures.setdefault(measure, type(next(iter(answers.measures.values())))())
    answers.measures[measure].parameters[spec.id] = dt.date(2020, 1, 1)
    migrated, changes = migrate(document, catalogue, "en")
    kept = migrated.categories[category].measures[measure].parameters
    assert kept.get(f"{spec.id}_v1_0_0") == dt.date(2020, 1, 1)
    assert spec.id not in kept
    assert any("no longer fits" in change.message for change in changes)


def test_migrations_file_is_valid_and_documented() -> None:
    source = read_toml(ROOT / "questions" / "migrations.toml")
    migrations = validate_source(MigrationsFile, source)
    assert [m.version for m in migrations.migration] == sorted(
        (m.version for m in migrations.migration), key=lambda v: tuple(map(int, v.split(".")))
    )
    guide = (ROOT / "docs" / "catalogue-format.md").read_text(encoding="utf-8")
    block = guide.split("## Migrations", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    import tomllib

    MigrationsFile.model_validate(tomllib.loads(block))


def test_certificates_of_the_data_centre_table_become_providers(
    shipped_catalogue: Catalogue,
) -> None:
    """Catalogue 2 keeps certificates in the provider list: the table's certificate columns of a
    1.0.0 file move there (and are printed in the annex's provider section)."""
    loaded = load_document(FIXTURES / "datenschutz-nord-anhang3.toml", shipped_catalogue)
    plutex = loaded.document.providers["plutex"]
    assert plutex.name.startswith("PLUTEX GmbH") and plutex.role == "data_centre"
    assert [c.standard for c in plutex.certifications.values()] == ["ISO/IEC 27001"]
    row = loaded.document.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"]["plutex"]
    assert "zertifizierung" not in row and row["betreiber"] == plutex.name
    # the one warning left is the file's own: its next review date (2024-06-27) has passed
    warnings = [p.key for p in loaded.warnings if p.severity == "warning"]
    assert warnings == ["document.next_review"]
