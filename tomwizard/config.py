"""The user's settings: ``config.toml`` in the config folder (see :mod:`tomwizard.locations`).

One small API, after braindrop: :func:`load` (the settings, defaults where the file says
nothing or something unusable), :func:`read` (the same with the problems found), :func:`save`
(atomic) and :func:`update`, a context manager that loads, lets the caller change the settings
and saves them. A broken file never raises: each problem is reported as ``FILE:LINE: key:
message`` and the default is used instead; such a file is not overwritten either, so a typo
never costs the rest of a hand-written configuration.

This module is part of the core and does not import Textual: which themes and binding ids
exist is the interface's business. Problems are worded in the interface language the file
sets (else the locale's), as the wizard shows them.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import tomli_w

from tomwizard import locations
from tomwizard.disk.files import write_atomic
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlread.file import TomlSource, read_toml
from tomwizard.wording import Wording

UiLanguage = Literal["de", "en"]
UI_LANGUAGES: tuple[UiLanguage, ...] = get_args(UiLanguage)
MAX_CONFIG_BYTES = 256 * 1024
"""A settings file larger than this is refused (a real one has a few lines)."""


_SAY = Wording(
    "config",
    {
        "theme": (
            "muss der Name eines Farbschemas sein (ein Text); es gilt das voreingestellte",
            "must be the name of a theme (a text); using the default",
        ),
        "ui_language": (
            'muss "de" oder "en" sein; es gilt die Sprache der Systemeinstellung',
            'must be "de" or "en"; using the language of the locale',
        ),
        "help_panel": (
            "muss true oder false sein; es gilt die Voreinstellung",
            "must be true or false; using the default",
        ),
        "keymap": (
            "muss eine Tabelle sein: [keymap] mit Kennung = Tasten; es gelten die "
            "voreingestellten Tasten",
            "must be a table: [keymap] with binding-id = keys; using the default keys",
        ),
        "keys": (
            'muss Tasten angeben wie "ctrl+w" oder "f7,ctrl+n"; die Taste bleibt, wie sie ist',
            'must be keys such as "ctrl+w" or "f7,ctrl+n"; binding left as it is',
        ),
        "no_binding": (
            "keine Tastenbelegung hat diese Kennung (bekannt: {known})",
            "no key binding has this id (known: {known})",
        ),
        "unknown": (
            "unbekannte Einstellung (bekannt: {known})",
            "unknown setting (known: {known})",
        ),
        "broken": (
            "Einstellungen nicht gespeichert; zuerst {path} berichtigen:",
            "settings not saved, fix {path} first:",
        ),
        "unwritable": (
            "{path}: Einstellungen nicht gespeichert: {reason}",
            "{path}: settings not saved: {reason}",
        ),
    },
)


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


def read(binding_ids: Collection[str] | None = None) -> tuple[Settings, tuple[Problem, ...]]:
    """The settings and every problem with the file; a missing file is not a problem.
    ``binding_ids`` are the ids the keymap may name (the wizard's; None: not checked)."""
    path = config_file()
    if not path.exists() and not path.is_symlink():
        return Settings(), ()
    try:
        source = read_toml(path, max_bytes=MAX_CONFIG_BYTES, lang=default_ui_language())
    except ProblemsError as exc:
        return Settings(), exc.problems
    return _from_source(source, binding_ids)


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
    lang = settings.ui_language
    errors = [p for p in problems if p.is_error]
    if errors:
        lines = "\n".join(p.text(lang) for p in errors)
        raise ConfigError(_SAY("broken", lang, path=config_file()) + "\n" + lines)
    try:
        save(settings)
    except OSError as exc:
        reason = exc.strerror or exc
        raise ConfigError(_SAY("unwritable", lang, path=config_file(), reason=reason)) from None


def _from_source(
    source: TomlSource, binding_ids: Collection[str] | None = None
) -> tuple[Settings, tuple[Problem, ...]]:
    data = source.data
    settings = Settings()
    problems: list[Problem] = []
    language = data.get("ui_language")
    if language in UI_LANGUAGES:
        settings.ui_language = language
    lang = settings.ui_language  # the problems are worded in it

    def wrong(key: tuple[str, ...], message: str) -> None:
        problems.append(source.problem(key, _SAY(message, lang)))

    if language is not None and language not in UI_LANGUAGES:
        wrong(("ui_language",), "ui_language")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            settings.theme = theme.strip()
        else:
            wrong(("theme",), "theme")
    help_panel = data.get("help_panel")
    if help_panel is not None:
        if isinstance(help_panel, bool):
            settings.help_panel = help_panel
        else:
            wrong(("help_panel",), "help_panel")
    keymap = data.get("keymap")
    if keymap is not None:
        if isinstance(keymap, dict):
            for binding_id, keys in keymap.items():
                where = ("keymap", binding_id)
                if binding_ids is not None and binding_id not in binding_ids:
                    message = _SAY("no_binding", lang, known=_listed(binding_ids))
                    problems.append(source.problem(where, message, severity="warning"))
                elif isinstance(keys, str) and all(k.strip() for k in keys.split(",")):
                    settings.keymap[binding_id] = keys.replace(" ", "")
                else:
                    wrong(where, "keys")
        else:
            wrong(("keymap",), "keymap")
    known = {"theme", "ui_language", "help_panel", "keymap"}
    for name in data:
        if name not in known:
            message = _SAY("unknown", lang, known=_listed(known))
            problems.append(source.problem((name,), message, severity="warning"))
    return settings, tuple(problems)


def _listed(names: Collection[str]) -> str:
    return ", ".join(sorted(names))
