"""Shared fixtures. Every test runs with its own TOMWIZARD_HOME below tmp_path, so no test
touches the real home directory, with no extra catalogue folders from the environment, with
German as the interface language (see :data:`UI_LOCALE`) and on a fixed day (:data:`TODAY`)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tomwizard import clock
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.loader import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_CATALOGUE = FIXTURES / "catalogues" / "minimal"
"""A small catalogue that exercises every feature of the format. The machinery is tested against
it, so that growing the shipped catalogue in ``questions/`` does not move these tests; tests of
the shipped catalogue load it explicitly (``locations.shipped_questions_dir()``)."""
UI_LOCALE = "de_DE.UTF-8"
"""LC_MESSAGES of every test: the interface language (the wizard's words, what validate prints)
is German unless a test sets ``ui_language`` in config.toml, whatever the machine's locale."""
TODAY = dt.date(2025, 6, 1)
"""``clock.today()`` of every test (in-process): the warnings about passed review and target
dates must not depend on the day the suite runs. The fixture document (complete.toml, dated
2025-04-15, next review 2026-04-15, a measure planned by 2025-09-30) is current on this day."""


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home for what session-scoped fixtures do (loading a catalogue writes its cache), set
    before any of them runs; every test then gets its own home from ``isolated_home``."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOMWIZARD_HOME", str(home))
        yield home


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TOMWIZARD_HOME", str(home))
    monkeypatch.setenv("HOME", str(home / "user"))
    monkeypatch.delenv("TOMWIZARD_CATALOGUE", raising=False)
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(MINIMAL_CATALOGUE))
    if "LC_ALL" in os.environ:  # it would decide the language; LANG keeps its other effects
        monkeypatch.setenv("LANG", os.environ["LC_ALL"])
        monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LC_MESSAGES", UI_LOCALE)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for name in list(os.environ):
        # the user's Textual settings would change what the wizard shows (snapshots, colours);
        # the snapshot plugin's own variables stay
        if (name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT")) or (
            name == "NO_COLOR"
        ):
            monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The minimal fixture catalogue (loaded once; it is immutable)."""
    return load_catalogue(builtin=MINIMAL_CATALOGUE)


@pytest.fixture
def complete_file(tmp_path: Path) -> Path:
    """A copy of a document that answers every question, in tmp_path."""
    target = tmp_path / "complete.toml"
    shutil.copy(FIXTURES / "complete.toml", target)
    return target


@pytest.fixture(scope="session")
def shipped_catalogue() -> Catalogue:
    """The catalogue in ``questions/`` (loaded once; it is immutable)."""
    from tomwizard.locations import shipped_questions_dir

    return load_catalogue(builtin=shipped_questions_dir())


# -- fuzzing: bounded in the normal suite, longer on request ----------------------------------

FUZZ_LONG_FACTOR = 25
"""How many times as many cases the fuzz and property tests run with ``--fuzz-long``."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help=f"run the fuzz and property tests with {FUZZ_LONG_FACTOR} times as many cases "
        "(also TOMWIZARD_FUZZ_LONG=1)",
    )


@pytest.fixture(scope="session")
def fuzz_scale(pytestconfig: pytest.Config) -> int:
    """1 in the normal suite; :data:`FUZZ_LONG_FACTOR` with ``--fuzz-long`` or
    ``TOMWIZARD_FUZZ_LONG=1``."""
    requested = pytestconfig.getoption("--fuzz-long") or os.environ.get(
        "TOMWIZARD_FUZZ_LONG", ""
    ) not in ("", "0")
    return FUZZ_LONG_FACTOR if requested else 1


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[Callable[[], Any]]:
    """Makes real terminals (tmux) running the installed command, one per start of the wizard;
    all are stopped at the end. Skips when tmux is missing."""
    from tmux_terminal import COMMAND, TMUX, Terminal, terminal_env

    if TMUX is None:
        pytest.skip("tmux is not installed (apt-get install tmux; .ci/run installs it)")
    assert COMMAND.exists(), f"the console script is not installed: {COMMAND}"
    env = terminal_env()
    started: list[Terminal] = []

    def make() -> Terminal:
        terminal = Terminal(tmp_path / f"tmux-{len(started)}", env)
        started.append(terminal)
        return terminal

    try:
        yield make
    finally:
        for terminal in started:
            terminal.kill()
