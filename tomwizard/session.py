"""An open document being edited: the one place where answers change.

The wizard (and any other front end) edits through :class:`EditSession`: it never touches files,
the TOML format or pydantic internals. Every change marks the session dirty; :meth:`save` writes
through :class:`~tomwizard.disk.storage.DocumentFile` (atomic, conflict-checked), :meth:`autosave`
writes a recovery copy to the user state directory.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, Literal

from tomwizard.answers.model import (
    RESERVED_PROVIDERS,
    AnswersDocument,
    CategoryAnswers,
    CustomMeasure,
    DocumentDetails,
    HistoryEntry,
    MeasureAnswer,
    Provider,
)
from tomwizard.answers.progress import CategoryProgress, progress
from tomwizard.answers.serialize import dumps
from tomwizard.answers.visibility import Visibility
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk import recent, recovery
from tomwizard.disk.storage import DocumentFile, FileStamp, new_document, parse_document
from tomwizard.problems import Problem
from tomwizard.session_upkeep import UpkeepEdits


class EditSession(UpkeepEdits):
    """One document open for editing (the edits of its upkeep, review dates, conflicts and the
    history entry of a new version, are in :class:`~tomwizard.session_upkeep.UpkeepEdits`)."""

    def __init__(
        self,
        catalogue: Catalogue,
        document: AnswersDocument,
        file: DocumentFile,
        warnings: tuple[Problem, ...] = (),
    ) -> None:
        self.catalogue = catalogue
        self.document = document
        self.file = file
        self.warnings = warnings
        """What loading reported but kept (unknown ids, ...)."""
        self.dirty = False
        """Changed since the last save."""
        self.revision = 0
        """Counts changes; lets a front end tell whether an autosave is still current."""
        self._recovery = recovery.RecoverySlot()
        """This session's recovery copy (named after the session: other sessions on the same
        file have their own)."""

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        catalogue: Catalogue,
        language: Language = "de",
        *,
        messages: Language | None = None,
    ) -> EditSession:
        """Open ``path``, or start a new document there if it does not exist yet (in
        ``language``).

        Raises :class:`~tomwizard.problems.ProblemsError` if the file cannot be used. Its
        problems and the warnings kept are worded in ``messages`` (the interface language;
        see :func:`~tomwizard.disk.storage.load_document`).
        """
        if not path.exists():
            return cls.new(path, catalogue, language)
        handle, loaded = DocumentFile.open(path, catalogue, messages)
        session = cls(catalogue, loaded.document, handle, loaded.warnings)
        session.dirty = loaded.migrated  # the new ids are written by the next save
        return session

    @classmethod
    def new(cls, path: Path, catalogue: Catalogue, language: Language = "de") -> EditSession:
        """A new, empty document that will be saved to ``path``."""
        document = new_document(catalogue, language)
        session = cls(catalogue, document, DocumentFile.create(path))
        session.dirty = True
        return session

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def language(self) -> Language:
        return self.document.document.language

    @property
    def has_comments(self) -> bool:
        """The file has comments that the next save would drop."""
        return self.file.has_comments

    # -- reading ----------------------------------------------------------------------------

    def answers(self, category_id: str) -> CategoryAnswers:
        """The answers of a category (empty if nothing is answered yet)."""
        return self.document.categories.get(category_id) or CategoryAnswers()

    def snapshot(self) -> AnswersDocument:
        """A copy of the document as it is now, for work in another thread (the export)."""
        return self.document.model_copy(deep=True)

    def visibility(self) -> Visibility:
        """What is shown with the current answers."""
        return Visibility(self.document, self.catalogue)

    def progress(self) -> list[CategoryProgress]:
        """Completion per category."""
        return progress(self.document, self.catalogue)

    # -- changing ---------------------------------------------------------------------------

    def _changed(self) -> None:
        self.dirty = True
        self.revision += 1

    def _category(self, category_id: str) -> CategoryAnswers:
        answers = self.document.categories.get(category_id)
        if answers is None:
            answers = CategoryAnswers()
            self.document.categories[category_id] = answers
        return answers

    def set_answer(self, category_id: str, question_id: str, value: Any) -> None:
        """Answer a question; ``None`` removes the answer."""
        answers = self._category(category_id)
        if value is None:
            answers.answers.pop(question_id, None)
        else:
            answers.answers[question_id] = value
        self._changed()

    def measure(self, category_id: str, measure_id: str) -> MeasureAnswer:
        """The state of a checklist measure (a fresh, undecided one if there is none)."""
        return self.answers(category_id).measures.get(measure_id) or MeasureAnswer()

    def update_measure(self, category_id: str, measure_id: str, **changes: Any) -> None:
        """Change fields of a measure (``status``, ``target_date``, ``reason``, ``note``,
        ``parameters``, the English versions ``reason_en``, ``note_en``, ``parameters_en``).
        Parameters are merged; a parameter set to ``None`` is removed. Nothing else is ever
        dropped: unticking keeps parameters and notes."""
        current = self.measure(category_id, measure_id)
        merged: dict[str, dict[str, Any]] = {}
        for name in ("parameters", "parameters_en"):
            values = dict(getattr(current, name))
            for key, value in (changes.pop(name, None) or {}).items():
                if value is None:
                    values.pop(key, None)
                else:
                    values[key] = value
            merged[name] = values
        updated = current.model_copy(update={**changes, **merged})
        self._category(category_id).measures[measure_id] = MeasureAnswer.model_validate(
            updated.model_dump()
        )
        self._changed()

    def new_custom_key(self, category_id: str) -> str:
        """A free key for a new custom measure."""
        existing = self.answers(category_id).custom
        number = len(existing) + 1
        while f"eigene-{number}" in existing:
            number += 1
        return f"eigene-{number}"

    def set_custom(self, category_id: str, key: str, measure: CustomMeasure) -> None:
        """Add or replace a custom measure."""
        self._category(category_id).custom[key] = CustomMeasure.model_validate(measure.model_dump())
        self._changed()

    def remove_custom(self, category_id: str, key: str) -> None:
        """Remove a custom measure."""
        self._category(category_id).custom.pop(key, None)
        self._changed()

    def table_rows(self, category_id: str, question_id: str) -> dict[str, dict[str, Any]]:
        """The rows of a table question (row id -> cells)."""
        value = self.answers(category_id).answers.get(question_id)
        return dict(value) if isinstance(value, dict) else {}

    def new_row_id(self, category_id: str, question_id: str) -> str:
        """A free row id for a table question."""
        rows = self.table_rows(category_id, question_id)
        number = len(rows) + 1
        while f"zeile-{number}" in rows:
            number += 1
        return f"zeile-{number}"

    def set_row(
        self, category_id: str, question_id: str, row_id: str, cells: dict[str, Any]
    ) -> None:
        """Add or replace a table row; empty cells are left out."""
        rows = self.table_rows(category_id, question_id)
        rows[row_id] = {k: v for k, v in cells.items() if v is not None and v != ""}
        self.set_answer(category_id, question_id, rows)

    def remove_row(self, category_id: str, question_id: str, row_id: str) -> None:
        """Remove a table row (the answer disappears with the last row)."""
        rows = self.table_rows(category_id, question_id)
        rows.pop(row_id, None)
        self.set_answer(category_id, question_id, rows or None)

    def set_text(
        self,
        category_id: str,
        field: Literal["description", "description_en", "note"],
        text: str,
    ) -> None:
        """Set a category's free-text description (or its English version) or internal note."""
        setattr(self._category(category_id), field, text)
        self._changed()

    def set_answer_en(self, category_id: str, question_id: str, text: str) -> None:
        """Set the English version of a text answer; an empty one is removed."""
        answers = self._category(category_id)
        if text.strip():
            answers.answers_en[question_id] = text
        else:
            answers.answers_en.pop(question_id, None)
        self._changed()

    def set_provider(self, key: str, provider: Provider | None) -> None:
        """Add, replace or (``None``) remove a service provider. A removed provider stays named
        where measures use it until they name another (the check reports it)."""
        if provider is None:
            self.document.providers.pop(key, None)
        else:
            self.document.providers[key] = Provider.model_validate(provider.model_dump())
        self._changed()

    def new_provider_key(self, name: str) -> str:
        """An unused provider id derived from ``name`` ("Hetzner Online GmbH" -> "hetzner")."""
        base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:24].strip("-")
        base = base.split("-")[0] if base else "anbieter"
        if base in RESERVED_PROVIDERS:
            base = f"{base}-1"
        key, n = base, 1
        while key in self.document.providers:
            n += 1
            key = f"{base}-{n}"
        return key

    def set_category_provider(
        self, category_id: str, provided_by: str | None, shared: bool
    ) -> None:
        """Who implements a category's measures (``None``: the processor)."""
        answers = self._category(category_id)
        answers.provided_by = provided_by
        answers.shared = shared and provided_by is not None
        self._changed()

    def set_details(self, details: DocumentDetails) -> None:
        """Replace the document details (parties, dates, status, ...)."""
        self.document.document = DocumentDetails.model_validate(details.model_dump())
        self._changed()

    def set_history(
        self, version: str, entry: HistoryEntry | None, replacing: str | None = None
    ) -> None:
        """Add, replace or (with ``None``) remove a change-history entry; with ``replacing``
        the entry of that version is replaced in its place (its version may change)."""
        if entry is None:
            self.document.history.pop(version, None)
        else:
            entry = HistoryEntry.model_validate(entry.model_dump())
            if replacing is not None and replacing in self.document.history:
                history = self.document.history
                self.document.history = {
                    (version if key == replacing else key): (entry if key == replacing else old)
                    for key, old in history.items()
                    if key == replacing or key != version
                }
            else:
                self.document.history[version] = entry
        self._changed()

    def set_language(self, language: Language) -> None:
        """Switch the language of the document (and of the questions shown)."""
        self.document.document.language = language
        self._changed()

    # -- saving -----------------------------------------------------------------------------

    def save(self, *, discard_comments: bool = False) -> None:
        """Save to the document's file; see :meth:`DocumentFile.save` for what can be refused."""
        self.file.path.parent.mkdir(parents=True, exist_ok=True)
        self.document = self.file.save(
            self.document, self.catalogue, discard_comments=discard_comments
        )
        self.dirty = False
        with contextlib.suppress(OSError):  # saved all the same; the copy is offered later
            self._recovery.discard()
        recent.remember(self.path)

    def save_as(self, path: Path, *, discard_comments: bool = False) -> None:
        """Save to another file (which must not exist yet) and continue editing that one."""
        previous = self.file
        self.file = DocumentFile.create(path)
        self.file.has_comments = previous.has_comments
        try:
            self.save(discard_comments=discard_comments)
        except Exception:
            self.file = previous
            raise

    def accept_disk_version_as_base(self) -> None:
        """After a conflict: take the file as it is now on disk as the version being replaced,
        so that the next :meth:`save` overwrites it deliberately (a ``.bak`` keeps it)."""
        if self.path.exists():
            self.file.stamp = FileStamp.of(self.path)
        else:
            self.file.stamp = None

    def reload(self, messages: Language | None = None) -> None:
        """Discard the changes in memory and read the file again (problems in ``messages``,
        as for :meth:`open`)."""
        handle, loaded = DocumentFile.open(self.path, self.catalogue, messages)
        self.file, self.document, self.warnings = handle, loaded.document, loaded.warnings
        self.revision += 1
        self.dirty = False

    def autosave(self) -> Path:
        """Write this session's recovery copy of the current state (never the document's own
        file); raises ``OSError`` if that fails."""
        path = self._recovery.write(self.path, dumps(self.document, self.catalogue))
        if not self.dirty:  # saved while the copy was being written (autosave runs in a thread)
            self._recovery.discard()
        return path

    def close(self) -> None:
        """End editing without saving: a recovery copy stays, to be offered at the next start
        (as when the process ends); the lock that marked the session as running is released."""
        self._recovery.release()

    def pending_recoveries(self) -> list[recovery.RecoveryCopy]:
        """Recovery copies that differ from the file, left by sessions that did not end
        cleanly (newest first)."""
        return recovery.find_recovery(self.path)

    def pending_recovery(self) -> recovery.RecoveryCopy | None:
        """The newest of :meth:`pending_recoveries`, if any."""
        return next(iter(self.pending_recoveries()), None)

    def restore(self, copy: recovery.RecoveryCopy) -> None:
        """Continue with the recovered state (unsaved until the next :meth:`save`); the copy is
        removed once this session has written its own, or saved."""
        loaded = parse_document(copy.text.encode("utf-8"), str(copy.path), self.catalogue)
        self.document = loaded.document
        self._recovery.adopt(copy.path)
        self._changed()

    def discard_recovery(self, copy: recovery.RecoveryCopy | None = None) -> None:
        """Forget ``copy``, or (without one) this session's own recovery copy."""
        if copy is None:
            self._recovery.discard()
        else:
            recovery.discard_copy(copy.path)
