"""The wizard's recovery copies (issue 12): every copy of an ended session offered in turn, a
copy written when the terminal is closed (SIGHUP) or the process told to end (SIGTERM), at the
latest every few seconds while typing goes on, and a copy that cannot be written reported."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from test_tui_flows import (
    SIZE,
    bildschirmsperre,
    choice_dialog,
    click,
    editor,
    leave_recovery_copy,
    recovery_copies,
    set_beschreibung,
    settle,
    shows,
    wait_until,
)
from textual.widgets import TextArea

from tomwizard import locations
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp


def dialog_text(app: TomWizardApp) -> str:
    return str(choice_dialog(app).query_one(".dialog-message").render())


async def test_every_copy_is_offered_in_turn_newest_first(
    catalogue: Catalogue, complete_file: Path
) -> None:
    older = leave_recovery_copy(catalogue, complete_file, 42, session="1-a", later=60)
    newer = leave_recovery_copy(catalogue, complete_file, 43, session="2-b", later=120)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Fassung 1 von 2" in dialog_text(app)
        await click(pilot, app, "#discard")
        await settle(pilot)
        assert not newer.exists()
        assert "Fassung 2 von 2" in dialog_text(app)
        await click(pilot, app, "#restore")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert bildschirmsperre(app) == 42
        assert older.exists()  # until the session has a copy of its own, or saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert recovery_copies(complete_file) == []


async def test_a_copy_dismissed_with_escape_stays_for_later(
    catalogue: Catalogue, complete_file: Path
) -> None:
    copy = leave_recovery_copy(catalogue, complete_file, 42)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Escape" not in dialog_text(app)  # only one: no count
        await pilot.press("escape")
        await settle(pilot)
        assert shows(app, editor(app))
        assert bildschirmsperre(app) == 5
    assert copy.exists()


async def test_typing_without_a_pause_is_autosaved_at_the_interval(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """Issue 12.4: the copy was written only after 3 s without input."""
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        main.autosaver.delay = 30.0  # never reached while typing
        main.autosaver.interval = 0.3
        area = main.query_one("#q-beschreibung #text", TextArea)
        area.focus()
        await settle(pilot)
        typed = ""
        for key in "abcdefghijklmnopqrst":  # a key every 0.1 s: no pause
            await pilot.press(key)
            typed += key
            await pilot.pause(0.1)
            if recovery_copies(complete_file):
                break
        assert len(typed) < 20, "no recovery copy while typing went on"
        [copy] = recovery_copies(complete_file)
        assert 'beschreibung = "a' in copy.read_text(encoding="utf-8")
        assert area.text.startswith(typed)
        assert main.session.dirty


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
async def test_closing_the_terminal_writes_the_recovery_copy_then_ends(
    catalogue: Catalogue, complete_file: Path, name: str
) -> None:
    """Issue 12.4: closing the terminal window (SIGHUP) or ``kill`` (SIGTERM) ended the wizard
    at once; what was typed since the last pause was lost."""
    number = getattr(signal, name)
    received: list[int] = []

    def fallback(signum: int, frame: Any) -> None:  # instead of ending the test run
        received.append(signum)

    previous = signal.signal(number, fallback)
    try:
        app = TomWizardApp(catalogue, complete_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            editor(app).autosaver.delay = 60.0
            await set_beschreibung(pilot, app, "Kurz vor dem Schließen getippt")
            assert recovery_copies(complete_file) == []
            os.kill(os.getpid(), number)
            await wait_until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 128 + number
        assert received == []
        [copy] = recovery_copies(complete_file)
        assert "Kurz vor dem Schließen getippt" in copy.read_text(encoding="utf-8")
        assert signal.getsignal(number) is fallback  # put back when the wizard ended
    finally:
        signal.signal(number, previous)


async def test_a_recovery_copy_that_cannot_be_written_is_reported_once(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """Issue 12.6: autosave errors were swallowed by the worker."""
    blocked = locations.recovery_dir()
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("not a folder", encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor(app).autosaver.delay = 0.05

        def errors() -> list[str]:
            return [str(n.message) for n in app._notifications if n.severity == "error"]

        await set_beschreibung(pilot, app, "eins")
        await wait_until(pilot, errors)
        [error] = errors()
        assert error.startswith("Automatische Sicherung fehlgeschlagen")
        assert str(blocked) in error
        await set_beschreibung(pilot, app, "zwei")
        await pilot.pause(0.3)
        assert len(errors()) == 1  # the same failure is not shown again and again
