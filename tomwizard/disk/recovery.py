"""Recovery copies: what the wizard autosaves while a document is open.

A recovery copy is written to the user state directory (``tomwizard paths`` shows it), never next
to or over the user's own file. Every editing session has copies of its own, named
``<key>.<session>.toml``: the key is a hash of the document's resolved path (the same file opened
through a symlink or ``../`` has the same key, and the name does not grow with the file name);
the session is the process id and a random part. So two sessions on one file never delete or
overwrite each other's copy.

While a session has a copy, it holds a lock on ``<key>.<session>.lock`` (``flock``; the system
releases it when the process ends, also when it is killed). When a document is opened,
:func:`find_recovery` offers every copy of a session that is not running any more and differs
from the file; copies equal to the file are removed. Saving the document, or discarding, removes
the session's own copy and the copies it restored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import weakref
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tomwizard import locations
from tomwizard.disk.files import read_regular, write_atomic

_SUFFIX = ".toml"
_LOCK = ".lock"


def document_key(document: Path) -> str:
    """The part of recovery names that stands for ``document``: a hash of its resolved path."""
    resolved = os.path.realpath(document)
    return hashlib.sha256(os.fsencode(resolved)).hexdigest()[:24]


def new_session_id() -> str:
    """A name part no other session uses: the process id and a random part."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def recovery_path(document: Path, session: str) -> Path:
    """Where the recovery copy of ``document`` written by ``session`` lives."""
    return locations.recovery_dir() / f"{document_key(document)}.{session}{_SUFFIX}"


def _legacy_path(document: Path) -> Path:
    """Where tomwizard 0.x kept the one recovery copy of ``document``."""
    absolute = document.absolute()
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return locations.recovery_dir() / f"{digest}-{absolute.name}"


@dataclass(frozen=True)
class RecoveryCopy:
    """An autosaved copy that holds more than the file on disk."""

    path: Path
    """Where the copy is."""
    text: str
    """The TOML text of the copy."""
    modified: float
    """When it was written (seconds since the epoch)."""


def write_recovery(document: Path, text: str, session: str) -> Path:
    """Store ``text`` as ``session``'s recovery copy of ``document`` (atomically, mode 0600).
    Sessions use :class:`RecoverySlot`, which also holds the lock that marks them running."""
    target = recovery_path(document, session)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(target, text.encode("utf-8"))
    return target


def find_recovery(document: Path) -> list[RecoveryCopy]:
    """The recovery copies of ``document`` left by sessions that are not running any more and
    that differ from the file, newest first. Copies equal to the file are removed."""
    folder = locations.recovery_dir()
    key = document_key(document)
    try:
        current: str | None = read_regular(document).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    candidates = [p for p in _listing(folder) if p.name.startswith(f"{key}.")]
    found: list[RecoveryCopy] = []
    for path in [*candidates, _legacy_path(document)]:
        if path.name.endswith(_LOCK):
            if not path.with_name(path.name.removesuffix(_LOCK) + _SUFFIX).exists():
                _remove_if_dead(path)  # left by a session whose copy is gone
            continue
        lock = path.with_name(path.name.removesuffix(_SUFFIX) + _LOCK)
        if _is_locked(lock):
            continue  # the session is still running: its copy is its own
        try:
            modified = path.stat().st_mtime
            text = read_regular(path).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text == current:
            with contextlib.suppress(OSError):  # best effort: it holds nothing the file does not
                discard_copy(path)
        else:
            found.append(RecoveryCopy(path, text, modified))
    return sorted(found, key=lambda copy: copy.modified, reverse=True)


def discard_copy(copy: Path) -> None:
    """Remove a recovery copy (and the lock file of its session)."""
    with contextlib.suppress(FileNotFoundError):
        copy.unlink()
    if copy.name.endswith(_SUFFIX):
        _remove_if_dead(copy.with_name(copy.name.removesuffix(_SUFFIX) + _LOCK))


class RecoverySlot:
    """One session's recovery copy: written under the session's own name while the session holds
    its lock, removed with the copies the session restored from."""

    def __init__(self, session: str | None = None) -> None:
        self.session = session or new_session_id()
        self.path: Path | None = None
        """The copy written last (``None`` if there is none)."""
        self._lock_fd: int | None = None
        self._unlock = weakref.finalize(self, lambda: None)
        self._adopted: list[Path] = []
        self._busy = threading.RLock()
        """Autosaves run in a worker thread, the signal handler and saving in the main one."""

    def write(self, document: Path, text: str) -> Path:
        """Write the recovery copy of ``document``; raises ``OSError`` if that fails."""
        with self._busy:
            return self._write(document, text)

    def _write(self, document: Path, text: str) -> Path:
        target = recovery_path(document, self.session)
        if self.path is not None and self.path != target:  # saved under another name
            self.discard()
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self._lock_fd is None:
            self._lock_fd = _lock(target.with_name(target.name.removesuffix(_SUFFIX) + _LOCK))
            if self._lock_fd is not None:  # closed when the session is gone, at the latest
                self._unlock = weakref.finalize(self, partial(os.close, self._lock_fd))
        self.path = write_recovery(document, text, self.session)
        for adopted in self._adopted:  # this copy holds what they held
            discard_copy(adopted)
        self._adopted.clear()
        return self.path

    def adopt(self, copy: Path) -> None:
        """``copy`` (another session's) was restored: remove it once this one has a copy."""
        self._adopted.append(copy)

    def release(self) -> None:
        """End the session without saving: its copy stays, to be offered at the next start (as
        when the process ends)."""
        with self._busy:
            self._release()

    def _release(self) -> None:
        if self._lock_fd is not None:
            self._unlock()  # closes it, once
            self._lock_fd = None

    def discard(self) -> None:
        """Remove this session's copy, the copies it restored, and its lock."""
        with self._busy:
            self._discard()

    def _discard(self) -> None:
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            with contextlib.suppress(FileNotFoundError):
                self.path.with_name(self.path.name.removesuffix(_SUFFIX) + _LOCK).unlink()
            self.path = None
        self._release()
        for adopted in self._adopted:
            discard_copy(adopted)
        self._adopted.clear()


def _listing(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def _lock(path: Path) -> int | None:
    """An open, locked descriptor of ``path``; ``None`` where there are no such locks."""
    try:
        import fcntl
    except ImportError:  # Windows: copies of running sessions are offered too
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    return fd


def _is_locked(path: Path) -> bool:
    """Whether a running session holds the lock ``path``."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the lock just taken
    return False


def _remove_if_dead(lock: Path) -> None:
    if not _is_locked(lock):
        with contextlib.suppress(OSError):  # an empty file left behind at worst
            lock.unlink()
