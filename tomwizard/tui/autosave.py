"""Autosave: when the main screen writes the session's recovery copy.

After :data:`AUTOSAVE_DELAY` seconds without an edit, and at the latest :data:`AUTOSAVE_INTERVAL`
seconds after the first edit not yet in a copy (typing without a pause never goes unsaved for
longer), the copy is written in a worker thread. :meth:`Autosaver.write_now` writes it at once,
in the calling thread (the app calls it when the terminal is closed or the process is told to
end). A copy that cannot be written is reported in a notification, never swallowed.
"""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t

if TYPE_CHECKING:
    from textual.screen import Screen

    from tomwizard.session import EditSession

AUTOSAVE_DELAY = 3.0
"""Seconds of inactivity after which a recovery copy is written."""
AUTOSAVE_INTERVAL = 10.0
"""Seconds after which a recovery copy is written even while edits continue without a pause."""


class Autosaver:
    """Writes ``session``'s recovery copy for ``screen`` (which owns the timers and workers)."""

    def __init__(self, screen: Screen[None], session: EditSession) -> None:
        self.screen = screen
        self.session = session
        self.delay = AUTOSAVE_DELAY
        self.interval = AUTOSAVE_INTERVAL
        self._idle: Timer | None = None
        self._deadline: Timer | None = None
        self._last_error: str | None = None
        """The failure shown last: the same one is not shown again until a copy was written."""

    def changed(self) -> None:
        """An edit was made: (re)start the idle timer; start the interval if not running."""
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.screen.set_timer(self.delay, self._due)
        if self._deadline is None:
            self._deadline = self.screen.set_timer(self.interval, self._due)

    def _due(self) -> None:
        self._stop_timers()
        if self.session.dirty:
            self.screen.run_worker(
                partial(self._write_in_thread, asyncio.get_running_loop()),
                thread=True,
                exclusive=True,
                group="autosave",
                exit_on_error=False,
            )

    def _stop_timers(self) -> None:
        for timer in (self._idle, self._deadline):
            if timer is not None:
                timer.stop()
        self._idle = self._deadline = None

    def _write_in_thread(self, loop: asyncio.AbstractEventLoop) -> None:
        error = self._write()
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            loop.call_soon_threadsafe(self._report, error)  # without waiting for it

    def write_now(self) -> str | None:
        """Write the copy now if there are unsaved changes; the error message if that failed."""
        self._stop_timers()
        error = self._write() if self.session.dirty else None
        self._report(error)
        return error

    def _write(self) -> str | None:
        try:
            self.session.autosave()
        except Exception as exc:  # disk full, no permission, a bug: say so in any case
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            name = getattr(exc, "filename", None)
            return f"{name}: {reason}" if name else f"{exc.__class__.__name__}: {reason}"
        return None

    def _report(self, error: str | None) -> None:
        if error is not None and error != self._last_error:
            self.screen.notify(
                t("autosave_failed", ui_language(self.screen), error=error),
                severity="error",
                timeout=15,
                markup=False,
            )
        self._last_error = error
