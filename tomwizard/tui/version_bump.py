"""A new document version gets its change-history entry (the document details, F2).

The version is typed one key at a time, so the entry is added only once the user is done with
the field (it loses the focus, Enter, the details close): for a version the history has no
entry for, with the document's date (else today), its author and no text — the user writes
what changed. An entry is never replaced. While the entry added is still untouched, it follows
the version when that is typed again (a typo corrected) and is withdrawn when the version goes
back to one that has an entry. No Textual here; the screen says what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from tomwizard.answers.model import HistoryEntry, version_key_problem
from tomwizard.session import EditSession


@dataclass(frozen=True)
class Bumped:
    """What settling the version did."""

    kind: Literal["recorded", "moved", "withdrawn"]
    version: str
    """The version the entry is for now (``withdrawn``: the one it was for)."""
    previous: str = ""
    """``moved``: the version the entry was for before."""
    date: dt.date | None = None
    """``recorded``: the entry's date."""


class VersionBump:
    """Watches the document version of ``session`` for the details screen."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self.settled = session.document.document.version
        """The version as of the last :meth:`settle`."""
        self.added: tuple[str, HistoryEntry] | None = None
        """The entry this screen added last, as added (version, entry)."""

    def settle(self) -> Bumped | None:
        """Add, move or withdraw the entry for the version as it is now (see the module's
        docstring); ``None`` when nothing was to be done."""
        version = self.session.document.document.version
        if version == self.settled:
            return None
        self.settled = version
        history = self.session.document.history
        if self.added is not None:
            previous, entry = self.added
            if history.get(previous) == entry and previous != version:
                if version in history or not self._valid(version):
                    self.session.set_history(previous, None)
                    self.added = None
                    return Bumped("withdrawn", previous)
                self.session.set_history(version, entry, replacing=previous)
                self.added = (version, self.session.document.history[version].model_copy())
                return Bumped("moved", version, previous)
        added = self.session.record_version(version)
        if added is None:
            return None
        self.added = (version, added.model_copy())  # a copy: edits of the entry show
        return Bumped("recorded", version, date=added.date)

    def _valid(self, version: str) -> bool:
        """Whether ``version`` can have an entry (as :meth:`EditSession.record_version`
        decides)."""
        return bool(version) and version_key_problem(version) is None
