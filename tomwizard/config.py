"""The user's settings: ``config.toml`` in the config folder (see :mod:`tomwizard.locations`).

One small API, after braindrop: :func:`load` (the settings, defaults where the file says
nothing or something unusable), :func:`read` (the same with the problems found), :func:`save`
(atomic) and :func:`update`, a context manager that loads, lets the caller change the settings
and saves them. A broken file never raises: each problem is reported as ``FILE:LINE: key:
message`` and the default is used instead; such a file is not overwritten either, so a typo
never costs the rest of a hand-written configuration.

This module is part of the core and does not import Textual: which themes and binding ids
exist is the interface's business.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import tomli_w

from tomwizard import locations
from tomwizard.disk.files import write_atomic
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlread.file import TomlSource, read_toml

UiLanguage = Literal["de", "en"]
UI_LANGUAGES: tuple[UiLanguage, ...] = get_args(UiLanguage)
MAX_CONFIG_BYTES = 256 * 1024
"""A settings file larger than this is refused (a real one has a few lines)."""


def default_ui_language(environ: Mapping[str, str] | None = None) -> UiLanguage:
    """``"de"`` if the locale is German (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, the
    first one set decides, as in POSIX), else ``"en"``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


@dataclass
class Settings:
    """What ``config.toml`` holds."""

    theme: str | None = None
    """The Textual theme chosen in the command palette; ``None``: Textual's default."""
    ui_language: UiLanguage = field(default_factory=default_ui_language)
    """Language of the interface (not of the document): ``"de"`` or ``"en"``."""
    help_panel: bool = True
    """Whether the help panel is shown when a document opens (F1 toggles it)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (``"ctrl+w"``, or several separated by commas)."""

    def to_toml(self) -> dict[str, Any]:
        """The settings as TOML data (a theme of ``None`` is left out)."""
        data: dict[str, Any] = {}
        if self.theme is not None:
            data["theme"] = self.theme
        data["ui_language"] = self.ui_language
        data["help_panel"] = self.help_panel
        data["keymap"] = dict(self.keymap)
        return data


def config_file() -> Path:
    """Where the settings are kept."""
    return locations.config_file_path()


def read() -> tuple[Settings, tuple[Problem, ...]]:
    """The settings and every problem with the file; a missing file is not a problem."""
    path = config_file()
    if not path.exists() and not path.is_symlink():
        return Settings(), ()
    try:
        source = read_toml(path, max_bytes=MAX_CONFIG_BYTES)
    except ProblemsError as exc:
        return Settings(), exc.problems
    return _from_source(source)


def load() -> Settings:
    """The settings; defaults for whatever the file does not give (or gives wrongly)."""
    return read()[0]


def save(settings: Settings) -> None:
    """Write ``settings`` atomically (the folder is created if needed). Raises OSError."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(path, tomli_w.dumps(settings.to_toml()).encode("utf-8"))


class ConfigError(Exception):
    """The settings could not be saved; the message says why (with FILE:LINE if the file
    has errors, which are then left for the user to fix rather than overwritten)."""


@contextmanager
def update() -> Iterator[Settings]:
    """Load the settings, let the caller change them, save them when the block ends.

    Raises :class:`ConfigError` (after the block) if the file has errors or cannot be
    written; nothing is written then."""
    settings, problems = read()
    yield settings
    errors = [p for p in problems if p.is_error]
    if errors:
        lines = "\n".join(str(p) for p in errors)
        raise ConfigError(f"settings not saved, fix {config_file()} first:\n{lines}")
    try:
        save(settings)
    except OSError as exc:
        raise ConfigError(f"{config_file()}: settings not saved: {exc.strerror or exc}") from None


def _from_source(source: TomlSource) -> tuple[Settings, tuple[Problem, ...]]:
    data = source.data
    settings = Settings()
    problems: list[Problem] = []

    def wrong(key: tuple[str, ...], message: str) -> None:
        problems.append(source.problem(key, f"{message}; using the default"))

    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            settings.theme = theme.strip()
        else:
            wrong(("theme",), "must be the name of a theme (a text)")
    language = data.get("ui_language")
    if language is not None:
        if language in UI_LANGUAGES:
            settings.ui_language = language
        else:
            wrong(("ui_language",), 'must be "de" or "en"')
    help_panel = data.get("help_panel")
    if help_panel is not None:
        if isinstance(help_panel, bool):
            settings.help_panel = help_panel
        else:
            wrong(("help_panel",), "must be true or false")
    keymap = data.get("keymap")
    if keymap is not None:
        if isinstance(keymap, dict):
            for binding_id, keys in keymap.items():
                if isinstance(keys, str) and all(k.strip() for k in keys.split(",")):
                    settings.keymap[binding_id] = keys.replace(" ", "")
                else:
                    problems.append(
                        source.problem(
                            ("keymap", binding_id),
                            'must be keys such as "ctrl+w" or "f7,ctrl+n"; binding left as it is',
                        )
                    )
        else:
            wrong(("keymap",), "must be a table: [keymap] with binding-id = keys")
    known = {"theme", "ui_language", "help_panel", "keymap"}
    for key in data:
        if key not in known:
            problems.append(
                source.problem(
                    (key,),
                    f"unknown setting (known: {', '.join(sorted(known))})",
                    severity="warning",
                )
            )
    return settings, tuple(problems)
