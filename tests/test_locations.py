"""All user-level paths come from tomwizard.locations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tomwizard import locations


def test_home_override_puts_everything_below_it(isolated_home: Path) -> None:
    assert locations.config_dir() == isolated_home / "config"
    assert locations.user_catalogue_dir() == isolated_home / "data" / "catalogue"
    assert locations.user_templates_dir() == isolated_home / "data" / "templates"
    assert locations.recovery_dir() == isolated_home / "state" / "recovery"
    assert locations.recent_files_path() == isolated_home / "state" / "recent.json"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout on Linux only")
def test_without_override_platform_directories_are_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TOMWIZARD_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    assert locations.config_dir() == tmp_path / "xdg-config" / "tomwizard"
    assert locations.user_catalogue_dir() == tmp_path / "xdg-data" / "tomwizard" / "catalogue"
    assert locations.recovery_dir() == tmp_path / "xdg-state" / "tomwizard" / "recovery"


def test_builtin_data_is_found() -> None:
    assert (locations.builtin_questions_dir() / "catalogue.toml").is_file()
    assert locations.builtin_templates_dir().is_dir()


def test_extra_catalogue_dirs_order_and_duplicates(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    automatic = locations.user_catalogue_dir()
    automatic.mkdir(parents=True)
    a, b = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("TOMWIZARD_CATALOGUE", f"{a}{os.pathsep}{b}{os.pathsep}")
    assert locations.extra_catalogue_dirs([b, tmp_path / "c"]) == [automatic, a, b, tmp_path / "c"]
