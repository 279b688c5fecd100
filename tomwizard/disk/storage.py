"""Reading and saving answers files without ever losing what a user wrote.

Saving (:meth:`DocumentFile.save`):

1. serialise the document, parse the text again and validate it; refuse if it would not read
   back exactly as it is in memory;
2. refuse if the file changed on disk since it was loaded (size, mtime and content hash), or if
   it contains comments and the caller has not agreed to drop them (tomli-w cannot write them);
   tomwizard's own ``#:schema`` line at the top is no such comment (:func:`has_user_comments`);
3. refuse if the file belongs to another user: replacing it would make it the saver's, mode 0600,
   and lock its owner out;
4. write the new text and the previous version to temporary files in the same directory
   (mode 0600), flush and fsync them; only then ``os.replace`` the previous version over
   ``<name>.bak`` and the new text over the file, and fsync the directory. A failure while writing
   (disk full, no permission for the folder) leaves the file and the ``.bak`` as they were and no
   temporary file behind.

A process killed half-way leaves the complete old or the complete new file, never a mix, and a
complete ``.bak``; at most temporary files ``.<name>.XXXXXXXX.tmp`` stay behind: nothing reads them,
and the next save of that file removes them once they are older than :data:`STALE_TEMP_AGE`.

A symlink is followed: the file it points to is replaced, the link stays, and the ``.bak`` and
the temporary files are written next to the file the link points to. Saving needs write permission
for that folder, not only for the file. Answers files describe an organisation's defences, so every
file tomwizard writes is owner-only (0600), also when an existing file had wider permissions.
"""

from __future__ import annotations

import hashlib
import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from tomwizard import __version__
from tomwizard.answers.check import check_document
from tomwizard.answers.migrate import migrate
from tomwizard.answers.model import (
    DEFAULT_TITLE,
    DEFAULT_TITLE_EN,
    SCHEMA_VERSION,
    AnswersDocument,
    CatalogueRef,
    DocumentDetails,
)
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk.files import (
    ENV_SAVE_IN_PLACE,
    MustWriteInPlace,
    NotRegularFile,
    backup_path,
    check_replaceable,
    read_regular,
    replace_with_backup,
    user_name,
)
from tomwizard.disk.files import FILE_MODE as FILE_MODE  # re-exported: used from here elsewhere
from tomwizard.disk.files import STALE_TEMP_AGE as STALE_TEMP_AGE
from tomwizard.disk.files import write_atomic as write_atomic
from tomwizard.problems import Problem, ProblemsError
from tomwizard.schema import ANSWERS_SCHEMA_HEADER, FORMER_ANSWERS_SCHEMA_HEADERS
from tomwizard.tomlread.file import TomlSource, parse_toml, read_toml
from tomwizard.tomlread.spans import scan
from tomwizard.tomlread.validation import validate_source
from tomwizard.wording import Wording

_SAY = Wording(
    "storage",
    {
        "newer": (
            "von einem neueren tomwizard geschrieben (Format {version}); diese Version liest "
            "Format {supported}. Bitte tomwizard aktualisieren.",
            "written by a newer tomwizard (format {version}); this version reads "
            "format {supported}. Please update tomwizard.",
        ),
    },
)


class StorageError(Exception):
    """A save was refused or failed; the message says why, in plain words."""


class ConflictError(StorageError):
    """The file on disk is not the one that was loaded."""


class CommentsWouldBeLost(StorageError):
    """The file has comments, which saving would remove."""


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when it was read or written."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path, content: bytes | None = None) -> FileStamp:
        """Stamp of ``path``; pass ``content`` if it was just read, to avoid reading twice."""
        info = path.stat()
        data = read_regular(path) if content is None else content
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def matches(self, path: Path) -> bool:
        """Whether ``path`` still has this content (a changed mtime alone is not a change)."""
        info = path.stat()
        if info.st_size != self.size:
            return False
        if info.st_mtime_ns == self.mtime_ns:
            return True
        return hashlib.sha256(read_regular(path)).hexdigest() == self.sha256


@dataclass(frozen=True)
class LoadedDocument:
    """An answers file as read: the document plus what is needed to save it safely."""

    document: AnswersDocument
    warnings: tuple[Problem, ...]
    """Things kept but worth knowing (unknown ids, planned measures without a date, ...)."""
    has_comments: bool
    migrated: bool = False
    """Ids of an older catalogue version were updated; saving writes the new ones."""
    source: TomlSource | None = None
    """The file as read (for line numbers of later reports)."""


def new_document(catalogue: Catalogue, language: Literal["de", "en"] = "de") -> AnswersDocument:
    """An empty document for ``catalogue``."""
    title = DEFAULT_TITLE if language == "de" else DEFAULT_TITLE_EN
    return AnswersDocument(
        catalogue=CatalogueRef(id=catalogue.id, version=catalogue.version),
        document=DocumentDetails(title=title, language=language),
    )


def parse_document(
    raw: bytes, name: str, catalogue: Catalogue, lang: Language | None = None
) -> LoadedDocument:
    """Parse and check answers-file bytes; raise :class:`ProblemsError` if there are errors
    (``lang``: see :func:`load_document`)."""
    return _check_source(parse_toml(raw, name, lang=lang or "en"), catalogue, lang)


def _check_source(
    source: TomlSource, catalogue: Catalogue, lang: Language | None = None
) -> LoadedDocument:
    """Validate a parsed answers file against the models and the catalogue (``lang``: see
    :func:`load_document`)."""
    version = source.data.get("schema_version")
    said: Language = lang or "en"
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = _SAY("newer", said, version=version, supported=SCHEMA_VERSION)
        raise ProblemsError([source.problem(("schema_version",), message)])
    document = validate_source(AnswersDocument, source, lang=said)
    document, changes = migrate(document, catalogue, lang or document.document.language)
    notices = [source.problem(change.path, change.message, "notice") for change in changes]
    problems = sorted(
        [*notices, *check_document(document, catalogue, source, lang=lang)],
        key=lambda p: p.line or 0,
    )
    if any(p.is_error for p in problems):
        raise ProblemsError(problems)
    return LoadedDocument(
        document, tuple(problems), has_user_comments(source), migrated=bool(changes), source=source
    )


_OWN_HEADERS = frozenset((ANSWERS_SCHEMA_HEADER, *FORMER_ANSWERS_SCHEMA_HEADERS))


def has_user_comments(source: TomlSource) -> bool:
    """Whether the file has comments that saving would drop: any comment except tomwizard's
    own ``#:schema`` line, and that only as the very first line, exactly as tomwizard writes it
    (an edited or moved one is the user's)."""
    text = source.text.removeprefix("\ufeff")
    first, _, rest = text.partition("\n")
    if first.removesuffix("\r") not in _OWN_HEADERS:
        return source.spans.has_comments
    return "#" in rest and scan(rest).has_comments


class DocumentFile:
    """An answers file on disk, and what it looked like when it was loaded or last saved."""

    def __init__(self, path: Path, stamp: FileStamp | None, has_comments: bool = False) -> None:
        self.path = path
        self.stamp = stamp
        """``None`` while the file has not been written yet."""
        self.has_comments = has_comments

    @classmethod
    def open(
        cls, path: Path, catalogue: Catalogue, lang: Language | None = None
    ) -> tuple[DocumentFile, LoadedDocument]:
        """Read ``path``; raise :class:`ProblemsError` if it cannot be used (``lang``: see
        :func:`load_document`)."""
        source = read_toml(path, lang=lang or "en")
        loaded = _check_source(source, catalogue, lang)
        return cls(path, FileStamp.of(path, source.raw), loaded.has_comments), loaded

    @classmethod
    def create(cls, path: Path) -> DocumentFile:
        """A file that does not exist yet; saving refuses if one appears meanwhile."""
        return cls(path, None)

    def changed_on_disk(self) -> bool:
        """Whether someone else changed, created or removed the file since we read it."""
        target = self._target()
        if self.stamp is None:
            return target.exists()
        try:
            return not self.stamp.matches(target)
        except OSError:  # removed, or replaced by something that is not a file
            return True

    def _target(self) -> Path:
        return Path(os.path.realpath(self.path))

    def save(
        self, document: AnswersDocument, catalogue: Catalogue, *, discard_comments: bool = False
    ) -> AnswersDocument:
        """Save ``document`` atomically; return the document as written (versions updated)."""
        if self.has_comments and not discard_comments:
            raise CommentsWouldBeLost(
                f"{self.path} contains comments, which tomwizard cannot keep; "
                "move them into the note fields, or confirm that they may be dropped"
            )
        document = _stamped(document, catalogue)
        try:
            text = dumps(document, catalogue)
            data = text.encode("utf-8")
        except (TypeError, ValueError) as exc:  # e.g. None or a lone surrogate from code
            raise StorageError(f"not saved: {self.path} cannot be written as TOML: {exc}") from None
        except RecursionError:  # only from code: files nested this deep are refused on load
            raise StorageError(
                f"not saved: {self.path} cannot be written as TOML: a value is nested too deeply"
            ) from None
        _verify_round_trip(text, document, self.path)
        target = self._target()
        try:
            previous = _read_previous(target)
            owner = target.stat().st_uid if previous is not None else None
        except NotRegularFile as exc:
            raise StorageError(
                f"cannot save {self.path}: {exc.strerror}; tomwizard only replaces regular files"
            ) from None
        except OSError as exc:
            raise StorageError(f"cannot read {self.path} before saving: {_reason(exc)}") from None
        self._check_unchanged(target, previous)
        if owner is not None and hasattr(os, "geteuid") and owner != os.geteuid():
            raise StorageError(
                f"cannot save {self.path}: it belongs to another user ({user_name(owner)}); "
                "saving would make it yours and readable only by you. Work on a copy of your own "
                "instead."
            )
        backup = backup_path(target)
        if previous is not None:
            try:
                check_replaceable(backup)
            except OSError as exc:
                raise StorageError(f"cannot save {self.path}: {backup}: {exc.strerror}") from None
        in_place = os.environ.get(ENV_SAVE_IN_PLACE, "").strip() not in ("", "0")
        try:
            replace_with_backup(target, data, previous, in_place=in_place)
            self.stamp = FileStamp.of(target, data)
        except MustWriteInPlace as exc:
            raise StorageError(
                f"cannot save {self.path}: it cannot be replaced by a new file ({exc.strerror}), "
                "probably because it is a single file mounted into a container or a file system "
                f"of its own; the file and {backup.name} are unchanged. Set "
                f"{ENV_SAVE_IN_PLACE}=1 to save by writing into the file instead (not "
                f"crash-safe; {backup.name} keeps the previous version)."
            ) from None
        except OSError as exc:
            raise StorageError(f"cannot save {self.path}: {_reason(exc, target)}") from None
        self.has_comments = False
        return document

    def _check_unchanged(self, target: Path, previous: bytes | None) -> None:
        if self.stamp is None and previous is not None:
            raise ConflictError(
                f"{self.path} already exists (created by someone else meanwhile?); not overwritten"
            )
        if self.stamp is not None and previous is not None:
            same = hashlib.sha256(previous).hexdigest() == self.stamp.sha256
            if not same:
                raise ConflictError(
                    f"{self.path} was changed on disk since it was loaded; not overwritten. "
                    "Reload it, or save under another name."
                )


def _stamped(document: AnswersDocument, catalogue: Catalogue) -> AnswersDocument:
    update: dict[str, object] = {"tomwizard_version": __version__}
    if document.catalogue.id == catalogue.id:
        update["catalogue"] = CatalogueRef(id=catalogue.id, version=catalogue.version)
    return document.model_copy(update=update)


def _verify_round_trip(text: str, document: AnswersDocument, path: Path) -> None:
    try:
        again = AnswersDocument.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise StorageError(
            f"not saved: {path} would not read back ({exc.__class__.__name__}); "
            "please report this as a bug"
        ) from None
    if again != document and not _same(again.model_dump(), document.model_dump()):
        raise StorageError(
            f"not saved: {path} would not read back unchanged; please report this as a bug"
        )


def _same(a: object, b: object) -> bool:
    """Equality of dumped documents in which NaN equals NaN: ``nan`` is valid TOML, is kept like
    any other value of an unknown key, and reads back as NaN (which ``==`` calls different)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _read_previous(target: Path) -> bytes | None:
    """The content of the file about to be replaced, ``None`` if there is none yet."""
    try:
        return read_regular(target)
    except FileNotFoundError:
        return None


def _reason(exc: OSError, target: Path | None = None) -> str:
    reason = exc.strerror or str(exc)
    folder = None if target is None else target.parent
    if (
        folder is not None
        and isinstance(exc, PermissionError)
        and not os.access(folder, os.W_OK | os.X_OK)
    ):
        return (
            f"no permission to write in the folder {folder} ({reason}). tomwizard saves by "
            "writing a new file there and renaming it over the old one, so it needs write "
            "permission for the folder, not only for the file. Work on a copy in a folder of "
            "your own instead."
        )
    return reason


def load_document(path: Path, catalogue: Catalogue, lang: Language | None = None) -> LoadedDocument:
    """Read and check an answers file (no saving intended).

    The problems are worded in ``lang``, the reader's language (the interface language, or a
    command's ``--lang``), and so are the catalogue labels they name. Without one, the
    problems found once the document is read are in the document's language, those that keep
    it from being read (TOML syntax, the file's structure) in English."""
    return _check_source(read_toml(path, lang=lang or "en"), catalogue, lang)
