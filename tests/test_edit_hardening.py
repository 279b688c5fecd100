"""Clear messages instead of tracebacks around ``tomwizard edit`` (issue 12, 14): file names that
are not UTF-8, unusable paths, an unwritable state directory, a hand-edited recent.json and
change-history versions too long to be saved."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, OptionList

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.disk import recent
from tomwizard.disk.storage import load_document
from tomwizard.session import EditSession
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.start import StartScreen

SIZE = (120, 40)
FIXTURES = Path(__file__).parent / "fixtures"


def state_file(home: Path) -> Path:
    return home / "state" / "recent.json"


# -- recent files -------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_remembered(tmp_path: Path, isolated_home: Path) -> None:
    name = tmp_path / os.fsdecode(b"caf\xe9.toml")  # Latin-1: a lone surrogate in Python
    assert recent.remember(name) is None
    assert recent.recent_files() == [name]
    assert json.loads(state_file(isolated_home).read_text(encoding="utf-8")) == [str(name)]


def test_an_unwritable_state_directory_gives_a_message(
    tmp_path: Path, isolated_home: Path, catalogue: Catalogue
) -> None:
    isolated_home.mkdir(exist_ok=True)
    (isolated_home / "state").write_text("a file where the folder should be", encoding="utf-8")
    message = recent.remember(tmp_path / "a.toml")
    assert message is not None and "recent documents could not be updated" in message
    session = EditSession.new(tmp_path / "a.toml", catalogue)
    session.save()  # succeeds: the recent list is no part of saving
    assert not session.dirty and (tmp_path / "a.toml").exists()


def test_a_hand_edited_recent_list_is_read_defensively(tmp_path: Path, isolated_home: Path) -> None:
    target = state_file(isolated_home)
    target.parent.mkdir(parents=True)
    entries = ["/a/b.toml", "/a//b.toml", "/a/./b.toml", "/c\0.toml", 1, None, {}, ["x"], "", "c"]
    target.write_text(json.dumps(entries), encoding="utf-8")
    assert recent.recent_files() == [Path("/a/b.toml"), Path("c")]
    target.write_bytes(b'["\xff"]')
    assert recent.recent_files() == []
    target.write_text("[" * 100_000, encoding="utf-8")
    assert recent.recent_files() == []


async def test_the_start_screen_with_a_hand_edited_recent_list(
    catalogue: Catalogue, isolated_home: Path
) -> None:
    target = state_file(isolated_home)
    target.parent.mkdir(parents=True)
    entries = ["/a/b.toml", "/a//b.toml", "/a/./b.toml", "/n\0ul.toml", 7, "/other.toml"]
    target.write_text(json.dumps(entries), encoding="utf-8")
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        listing = app.screen.query_one("#recent", OptionList)
        shown = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert shown == ["/a/b.toml", "/other.toml"]


# -- opening unusable paths ---------------------------------------------------------------------


async def open_and_expect_problem(catalogue: Catalogue, path: Path) -> str:
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen), app.screen
        [problem] = app.screen.problems
        assert problem.file == str(path)
        return problem.message


async def test_a_name_over_255_bytes(catalogue: Catalogue, tmp_path: Path) -> None:
    message = await open_and_expect_problem(catalogue, tmp_path / ("x" * 300 + ".toml"))
    assert "zu lang" in message  # the interface's words


async def test_a_folder_that_cannot_be_searched(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = tmp_path / "locked" / "a.toml"
    real = Path.exists

    def exists(self: Path, *args: object, **kwargs: object) -> bool:
        if self == hidden:  # what stat() says below a folder without x permission
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "exists", exists)  # tests run as root, who may search anything
    message = await open_and_expect_problem(catalogue, hidden)
    assert "nicht durchsucht werden" in message


async def test_opening_with_an_unwritable_state_directory(
    catalogue: Catalogue, complete_file: Path, isolated_home: Path
) -> None:
    isolated_home.mkdir(exist_ok=True)
    (isolated_home / "state").write_text("not a folder", encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("recent documents" in str(n.message) for n in app._notifications)


# -- change-history versions --------------------------------------------------------------------


def test_a_long_version_in_a_file_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    text = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
    long = "v" * 101
    path.write_text(text.replace('[history."1.1"]', f'[history."{long}"]', 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(f'[history."{long}"]') + 1
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}: history.{long}: eine Version ist eine Zeile von höchstens 100" in err


async def test_the_history_form_refuses_a_long_version(
    catalogue: Catalogue, complete_file: Path, tmp_path: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        app.screen.query_one("#add-history", Button).press()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        version = form.query_one("#f-version #input", Input)
        version.value = "v" * 101
        await pilot.pause()
        form.query_one("#apply", Button).press()
        await pilot.pause()
        assert app.screen is form  # still open, with the reason
        assert "100" in str(form.query_one("#form-error", Label).render())
        version.value = "2.0"
        await pilot.pause()
        form.query_one("#apply", Button).press()
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert app.editor is not None
        session = app.editor.session
        assert "2.0" in session.document.history
        session.save()
    assert "2.0" in load_document(complete_file, catalogue).document.history
