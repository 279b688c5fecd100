"""Every path tomwizard uses, in one place.

User-level directories come from platformdirs. Setting ``TOMWIZARD_HOME`` puts all of them
below one directory instead (``config/``, ``data/``, ``state/``, ``cache/``): tests use it so they
never touch the real home directory, and it suits portable installations.

The built-in catalogue (``questions/``) and templates (``templates/``) ship inside the package
(``tomwizard/questions``, ``tomwizard/templates`` in the wheel); in a source checkout they are
the top-level folders of the repository.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tomwizard.languages import Language
from tomwizard.wording import Wording

APP_NAME = "tomwizard"
ENV_HOME = "TOMWIZARD_HOME"
"""Put every user-level directory below this directory."""
ENV_QUESTIONS = "TOMWIZARD_QUESTIONS"
"""Use this catalogue folder *instead of* the shipped one (an organisation's own full catalogue;
the tests use a small fixture catalogue this way)."""
ENV_CATALOGUE = "TOMWIZARD_CATALOGUE"
"""Additional catalogue folders, separated by ``os.pathsep`` (``:`` on Linux and macOS)."""

_PACKAGE = Path(__file__).resolve().parent


_SAY = Wording(
    "locations",
    {
        "cannot_expand": (
            "{origin}: {path}: '~{user}' lässt sich nicht auflösen: {reason}",
            "{origin}: {path}: cannot expand '~{user}': {reason}",
        ),
        "no_user": (
            "es gibt keinen Benutzer {user} auf diesem System",
            "there is no user {user} on this system",
        ),
        "no_home": (
            "das Home-Verzeichnis ist unbekannt (HOME ist nicht gesetzt)",
            "the home directory is not known (HOME is not set)",
        ),
    },
)


class PathError(ValueError):
    """A path the user gave cannot be used; the message names where it came from and why."""


def expand_user(value: str | Path, origin: str, lang: Language = "en") -> Path:
    """``value`` as a path with a leading ``~`` or ``~user`` expanded. ``origin`` says where
    the path came from (``TOMWIZARD_HOME``, ``--template``) for the message (in ``lang``) of the
    :class:`PathError` raised when it cannot be expanded: a user that does not exist, or no
    home directory."""
    try:
        return Path(value).expanduser()
    except RuntimeError:  # what pathlib raises for both
        text = str(value)
        user = text[1:].replace("\\", "/").split("/", 1)[0]
        reason = _SAY("no_user", lang, user=repr(user)) if user else _SAY("no_home", lang)
        message = _SAY("cannot_expand", lang, origin=origin, path=text, user=user, reason=reason)
        raise PathError(message) from None


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def shipped_questions_dir() -> Path:
    """The question catalogue that ships with tomwizard."""
    return _bundled("questions")


def builtin_questions_dir() -> Path:
    """The base catalogue: ``TOMWIZARD_QUESTIONS`` if set, else the shipped one."""
    value = os.environ.get(ENV_QUESTIONS, "").strip()
    return expand_user(value, ENV_QUESTIONS) if value else shipped_questions_dir()


def builtin_templates_dir() -> Path:
    """The built-in Word templates."""
    return _bundled("templates")


def _home() -> Path | None:
    value = os.environ.get(ENV_HOME, "").strip()
    return expand_user(value, ENV_HOME) if value else None


def _user_dir(kind: str) -> Path:
    """``TOMWIZARD_HOME/<kind>`` if set, else the platform's user directory of that kind."""
    home = _home()
    if home:
        return home / kind
    import platformdirs

    finder = {
        "config": platformdirs.user_config_path,
        "data": platformdirs.user_data_path,
        "state": platformdirs.user_state_path,
        "cache": platformdirs.user_cache_path,
    }[kind]
    return finder(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """User settings."""
    return _user_dir("config")


def config_file_path() -> Path:
    """The user's settings (``config.toml``: theme, UI language, help panel, keymap)."""
    return config_dir() / "config.toml"


def data_dir() -> Path:
    """User data: own catalogue additions and templates."""
    return _user_dir("data")


def state_dir() -> Path:
    """Recent files and autosave/recovery copies."""
    return _user_dir("state")


def cache_dir() -> Path:
    """Data that can be rebuilt at any time (the validated catalogue)."""
    return _user_dir("cache")


def user_catalogue_dir() -> Path:
    """A catalogue folder that is loaded automatically when it exists."""
    return data_dir() / "catalogue"


def user_templates_dir() -> Path:
    """Where users keep their own Word templates."""
    return data_dir() / "templates"


def recovery_dir() -> Path:
    """Autosave copies of open documents, never the user's own files."""
    return state_dir() / "recovery"


def recent_files_path() -> Path:
    """The list of recently opened documents."""
    return state_dir() / "recent.json"


def extra_catalogue_dirs(from_command_line: Sequence[Path] = ()) -> list[Path]:
    """Additional catalogue folders: the automatic user folder (if present), then
    ``TOMWIZARD_CATALOGUE``, then ``--catalogue`` options, without duplicates."""
    found: list[Path] = []
    automatic = user_catalogue_dir()
    if automatic.is_dir():
        found.append(automatic)
    env = os.environ.get(ENV_CATALOGUE, "")
    found.extend(expand_user(p, ENV_CATALOGUE) for p in env.split(os.pathsep) if p.strip())
    found.extend(from_command_line)
    unique: list[Path] = []
    for path in found:
        if path.resolve() not in {u.resolve() for u in unique}:
            unique.append(path)
    return unique


def describe() -> dict[str, Path]:
    """Named locations, for ``tomwizard paths``."""
    return {
        "questions": builtin_questions_dir(),
        "templates (built-in)": builtin_templates_dir(),
        "config": config_dir(),
        "settings": config_file_path(),
        "user catalogue": user_catalogue_dir(),
        "user templates": user_templates_dir(),
        "recovery copies": recovery_dir(),
        "recent files": recent_files_path(),
        "cache": cache_dir(),
    }
