"""The user's settings (config.toml): load, save, update, and broken files."""

from __future__ import annotations

import pytest

from tomwizard import config, locations
from tomwizard.config import ConfigError, Settings, default_ui_language


def test_missing_file_gives_defaults() -> None:
    settings, problems = config.read()
    assert problems == ()
    assert settings.theme is None
    assert settings.help_panel is True
    assert settings.keymap == {}


def test_config_file_is_in_the_config_folder(isolated_home: object) -> None:
    assert config.config_file() == locations.config_dir() / "config.toml"
    assert locations.describe()["settings"] == config.config_file()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "de_CH", "LANG": "en_GB"}, "de"),
        ({}, "en"),
    ],
)
def test_ui_language_defaults_to_the_locale(environ: dict[str, str], expected: str) -> None:
    assert default_ui_language(environ) == expected


def test_save_then_load_round_trips() -> None:
    saved = Settings(theme="nord", ui_language="en", help_panel=False, keymap={"save": "ctrl+w"})
    config.save(saved)
    assert config.read() == (saved, ())
    text = config.config_file().read_text(encoding="utf-8")
    assert 'theme = "nord"' in text
    assert "[keymap]" in text


def test_update_changes_one_setting_and_keeps_the_others() -> None:
    config.save(Settings(theme="nord", ui_language="de", keymap={"save": "ctrl+w"}))
    with config.update() as settings:
        settings.theme = "gruvbox"
    loaded = config.load()
    assert loaded.theme == "gruvbox"
    assert loaded.ui_language == "de"
    assert loaded.keymap == {"save": "ctrl+w"}


def test_save_is_atomic_and_leaves_no_temporary_files() -> None:
    config.save(Settings(theme="nord"))
    config.save(Settings(theme="dracula"))
    assert [p.name for p in config.config_file().parent.iterdir()] == ["config.toml"]


def test_syntax_error_gives_file_and_line_and_defaults() -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "nord"\nhelp_panel = \n', encoding="utf-8")
    settings, problems = config.read()
    assert settings == Settings()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:2: ")


def test_wrong_values_are_reported_with_their_line_and_the_rest_is_used() -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        'theme = "nord"\nui_language = "fr"\nhelp_panel = "yes"\ncolour = 1\n'
        '[keymap]\nsave = "ctrl+w"\nquit = 3\n',
        encoding="utf-8",
    )
    settings, problems = config.read()
    assert settings.theme == "nord"
    assert settings.ui_language == default_ui_language()
    assert settings.help_panel is True
    assert settings.keymap == {"save": "ctrl+w"}
    messages = [str(p) for p in problems]
    assert messages[0].startswith(f"{path}:2: ui_language: ")
    assert messages[1].startswith(f"{path}:3: help_panel: ")
    assert messages[2].startswith(f"{path}:7: keymap.quit: ")
    assert messages[3].startswith(f"{path}:4: colour: warning: unbekannte Einstellung")
    # in the interface language the file sets (the tests' locale is German)
    path.write_text('ui_language = "en"\ncolour = 1\n', encoding="utf-8")
    (problem,) = config.read()[1]
    assert problem.text("en") == (
        f"{path}:2: colour: warning: unknown setting (known: help_panel, keymap, theme, "
        "ui_language)"
    )


def test_keymap_ids_no_binding_has_are_reported_and_kept_in_the_file() -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('[keymap]\nsave = "ctrl+w"\nsavee = "ctrl+e"\n', encoding="utf-8")
    settings, problems = config.read(binding_ids={"save", "quit"})
    assert settings.keymap == {"save": "ctrl+w"}
    assert [str(p) for p in problems] == [
        f"{path}:3: keymap.savee: warning: keine Tastenbelegung hat diese Kennung (bekannt: "
        "quit, save)"
    ]
    assert config.read()[1] == ()  # without the ids, nothing is checked
    with config.update() as settings:  # a change elsewhere keeps the user's line
        settings.theme = "nord"
    assert 'savee = "ctrl+e"' in path.read_text(encoding="utf-8")


def test_a_broken_file_is_not_overwritten_by_update() -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("theme = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.toml:\d+: "), config.update() as settings:
        settings.theme = "nord"
    assert path.read_text(encoding="utf-8") == "theme = [\n"


def test_unreadable_config_is_a_problem_not_a_traceback() -> None:
    config.config_file().mkdir(parents=True)  # a folder where the file should be
    settings, problems = config.read()
    assert settings == Settings()
    assert "ist ein Ordner" in str(problems[0])
