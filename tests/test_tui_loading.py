"""The wizard's first frame: with the catalogue in the cache, ``tomwizard edit FILE`` shows the
file and the categories before the catalogue's models and the document are loaded, then the main
screen; keys typed meanwhile are not lost; a cache entry that went meanwhile is read from the
files, and problems end the wizard with their lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_tui_flows import SIZE, editor, settle
from textual.widgets import OptionList

from tomwizard.catalogue import cache
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.lazy import MAX_TITLES_BYTES, CachedCatalogue, cached_catalogue
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.locations import builtin_questions_dir, cache_dir
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.loading import LoadingScreen
from tomwizard.tui.widgets.titles import fit_title


def _cached() -> CachedCatalogue:
    load_catalogue([])  # fills this test's cache
    cached = cached_catalogue([])
    assert cached is not None
    return cached


def _titles_file() -> Path:
    key = cache.cache_key(builtin_questions_dir(), [])
    assert key is not None
    return cache.titles_path(key, cache_dir())


def test_the_cache_keeps_the_titles_of_every_group_and_category(catalogue: Catalogue) -> None:
    cached = _cached()
    assert [g.group.id for g in cached.groups] == [g.id for g in catalogue.groups]
    for group, titles in zip(catalogue.groups, cached.groups, strict=True):
        assert [c.id for c in titles.categories] == group.categories
        for title in titles.categories:
            category = catalogue.category(title.id)
            assert category is not None
            assert (title.get("de"), title.get("en")) == (
                category.title.get("de"),
                category.title.get("en"),
            )
    assert cached.load() == catalogue


def test_no_cached_catalogue_without_an_entry_or_with_a_broken_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cached_catalogue([]) is None  # nothing cached yet
    _cached()
    titles = _titles_file()
    for broken in (b"{", b'{"id": 1}', b'[{"id": "x", "de": 1, "en": "y", "categories": []}]'):
        titles.write_bytes(broken)
        assert cached_catalogue([]) is None
    titles.write_bytes(b"[" + b" " * MAX_TITLES_BYTES + b"]")
    assert cached_catalogue([]) is None  # too large to be an index: not read
    for entry in cache_dir().iterdir():
        entry.unlink()
    _cached()
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    assert cached_catalogue([]) is None


async def test_the_first_frame_shows_the_file_and_the_categories_then_the_editor(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(_cached(), complete_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen_stack[-1]
        assert isinstance(first, LoadingScreen)
        sidebar = first.query_one("#sidebar", OptionList)
        options = [sidebar.get_option_at_index(i) for i in range(sidebar.option_count)]
        listed = {o.id: str(o.prompt) for o in options if o.id}
        assert list(listed) == [c.id for c in catalogue.categories]
        width = sidebar.content_size.width
        for category in catalogue.categories:  # cut to the width, as the sidebar does
            assert fit_title(category.title.get("de"), width) in listed[category.id]
        assert complete_file.name in str(first.title)
        await settle(pilot)
        main = editor(app)
        assert app.screen is main
        assert main.session.catalogue == catalogue
        assert len(app.screen_stack) == 2  # the loading screen was replaced, not kept below


async def test_keys_typed_while_it_loads_reach_the_editor(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(_cached(), complete_file)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("f6", "f6")  # before the document is open: kept for the editor
        await settle(pilot)
        assert editor(app).category.id == catalogue.categories[2].id


async def test_a_catalogue_with_problems_ends_the_wizard_with_them(
    complete_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cached = _cached()
    problem = Problem("questions/x.toml", 3, "id", "duplicate id")

    def broken(self: CachedCatalogue) -> Catalogue:
        raise ProblemsError([problem])

    monkeypatch.setattr(CachedCatalogue, "load", broken)
    app = TomWizardApp(cached, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert str(problem) in capsys.readouterr().err


def test_the_first_frame_needs_neither_pydantic_nor_the_models() -> None:
    """What the command line and the app import before the first frame (the rest is loaded
    after it, see tomwizard.catalogue.lazy)."""
    code = (
        "import sys, tomwizard.cli, tomwizard.tui.app, tomwizard.tui.screens.loading\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'docxtpl')\n"
        "         or m.startswith(('tomwizard.catalogue.model', 'tomwizard.session'))]\n"
        "print(json.dumps(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


def test_a_cache_entry_stored_before_there_were_indexes_gets_one() -> None:
    _cached()
    _titles_file().unlink()
    assert cached_catalogue([]) is None
    load_catalogue([])  # read from the cache: its index is written
    assert cached_catalogue([]) is not None


def test_loading_reads_the_entry_found_without_hashing_the_files_again(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = _cached()
    hashed: list[object] = []
    key = cache.cache_key

    def counted(*args: Any) -> str | None:
        hashed.append(args)
        return key(*args)

    monkeypatch.setattr(cache, "cache_key", counted)
    assert cached.load() == catalogue
    assert hashed == []  # the key the first frame was found with
    cached.entry.unlink()  # gone meanwhile: read from the files (and cached again)
    assert cached.load() == catalogue
    assert len(hashed) == 1
