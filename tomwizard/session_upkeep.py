"""The edits of a document's upkeep, part of :class:`~tomwizard.session.EditSession`: a category
marked as reviewed, a merge conflict decided, the change-history entry of a new version.

None of them changes what the annex promises: a review date and a conflict entry are never
exported, and a history entry added for a new version holds no text until the user writes one
(an empty text prints nothing). They live here, apart from the answers' edits, so that each
module stays small.
"""

from __future__ import annotations

import datetime as dt

from tomwizard import clock
from tomwizard.answers.model import (
    AnswersDocument,
    CategoryAnswers,
    HistoryEntry,
    version_key_problem,
)
from tomwizard.answers.upkeep import Conflict


class UpkeepEdits:
    """Mixed into :class:`~tomwizard.session.EditSession`, which provides the document and
    the bookkeeping of changes."""

    document: AnswersDocument

    def _category(self, category_id: str) -> CategoryAnswers:
        raise NotImplementedError  # EditSession's

    def _changed(self) -> None:
        raise NotImplementedError  # EditSession's

    def mark_reviewed(self, category_id: str, day: dt.date | None = None) -> dt.date:
        """Record that ``category_id`` was reviewed on ``day`` (today by default): its
        ``reviewed`` date, nothing else. Marking it again on the same day changes nothing (the
        document does not become unsaved). Returns the date recorded."""
        day = day or clock.today()
        answers = self._category(category_id)
        if answers.reviewed != day:
            answers.reviewed = day
            self._changed()
        return day

    def clear_reviewed(self, category_id: str) -> bool:
        """Remove the review date of ``category_id``; ``False`` if it had none."""
        answers = self.document.categories.get(category_id)
        if answers is None or answers.reviewed is None:
            return False
        answers.reviewed = None
        self._changed()
        return True

    def remove_conflict(self, index: int) -> Conflict:
        """Remove the ``[[conflicts]]`` entry at ``index`` once the user has decided it (the
        value itself is edited as any other; the entry only says a merge left it open).
        Raises ``IndexError`` for an index the list does not have."""
        conflict = self.document.conflicts.pop(index)
        self._changed()
        return conflict

    def record_version(self, version: str) -> HistoryEntry | None:
        """Add the change-history entry of ``version`` if the history has none (a new version
        was set in the document): dated with the document's date, else today, by the
        document's author, and without text for the user to fill. Returns the entry added, or
        ``None`` when the version has an entry already (never replaced) or cannot be a key of
        the history (empty, several lines, control characters)."""
        if not version or version_key_problem(version) is not None:
            return None
        if version in self.document.history:
            return None
        details = self.document.document
        entry = HistoryEntry(date=details.date or clock.today(), author=details.author)
        self.document.history[version] = entry
        self._changed()
        return entry
