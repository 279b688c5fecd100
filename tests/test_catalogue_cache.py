"""The cache of the validated catalogue: used when the files are unchanged, never when not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tomwizard.catalogue import cache
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.locations import cache_dir
from tomwizard.problems import ProblemsError

MINIMAL_CATALOGUE = Path(__file__).parent / "fixtures" / "catalogues" / "minimal"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(MINIMAL_CATALOGUE, target)
    return target


def _entries() -> list[Path]:
    return sorted(cache_dir().glob("catalogue-*.json"))


def test_second_load_comes_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_catalogue(builtin=folder)
    assert len(_entries()) == 1
    calls: list[object] = []
    monkeypatch.setattr("tomwizard.catalogue.loader._Loader.load", lambda *a: calls.append(a))
    second = load_catalogue(builtin=folder)
    assert calls == [] and second == first


def test_a_changed_file_is_read_again(folder: Path) -> None:
    load_catalogue(builtin=folder)
    path = next(p for p in folder.glob("*.toml") if p.name != "catalogue.toml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title.de = "', 'title.de = "Neu: ', 1), encoding="utf-8")
    changed = load_catalogue(builtin=folder)
    assert any(c.title.de.startswith("Neu: ") for c in changed.categories)
    assert len(_entries()) == 2


def test_a_broken_file_is_reported_even_after_a_good_load(folder: Path) -> None:
    load_catalogue(builtin=folder)
    path = next(p for p in folder.glob("*.toml") if p.name != "catalogue.toml")
    path.write_text("id = [", encoding="utf-8")
    with pytest.raises(ProblemsError):
        load_catalogue(builtin=folder)
    with pytest.raises(ProblemsError):  # nothing was cached for the broken state
        load_catalogue(builtin=folder)


def test_a_corrupt_cache_entry_is_ignored_and_replaced(folder: Path) -> None:
    good = load_catalogue(builtin=folder)
    (entry,) = _entries()
    entry.write_text('{"id": "tampered"', encoding="utf-8")
    assert load_catalogue(builtin=folder) == good
    assert entry.read_text(encoding="utf-8").startswith("{")
    assert load_catalogue(builtin=folder) == good


def test_the_cache_can_be_switched_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    load_catalogue(builtin=folder)
    assert _entries() == []


def test_cache_entries_are_owner_only(folder: Path) -> None:
    load_catalogue(builtin=folder)
    (entry,) = _entries()
    assert entry.stat().st_mode & 0o777 == 0o600
