"""Reading and replacing files without losing, hanging or leaking anything.

- Only regular files are read or replaced: a named pipe would block a read forever, a device
  would never end, and ``os.replace`` over ``/dev/null`` would destroy it. :func:`read_regular`
  checks with ``stat`` before opening, opens with ``O_NONBLOCK`` and checks again with ``fstat``;
  :func:`check_replaceable` refuses a non-regular file before anything is written.
- Files of other users are never replaced, also not by root: replacing would make them the
  writer's, mode 0600 (:class:`ForeignOwner`).
- Every file is written to a temporary file in the same folder (mode 0600), flushed and fsynced,
  then renamed over the old one. Temporary names (``.<name>.XXXXXXXX.tmp``) and the backup name
  (``<name>.bak``) are shortened for long names (a part of the name and a hash), so that they
  never exceed ``NAME_MAX`` (255 bytes).
- :func:`replace_with_backup` leaves the file and the ``.bak`` exactly as they were when it fails.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
import tempfile
import time
from pathlib import Path

NAME_MAX = 255
"""Longest file name in bytes on the file systems tomwizard is used on."""
FILE_MODE = 0o600
STALE_TEMP_AGE = 60.0
"""Seconds after which a temporary file of a save that never finished (the process was killed) is
removed by the next save of the same file; younger ones may belong to a save still running."""
ENV_SAVE_IN_PLACE = "TOMWIZARD_SAVE_IN_PLACE"
"""Set to 1 to save answers files by writing into them instead of renaming a new file over them:
for files that cannot be replaced (a single file bind-mounted into a container)."""

_RANDOM = "abcdefghijklmnopqrstuvwxyz0123456789_"  # the characters mkstemp uses
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """A named pipe, device, socket or folder where a regular file is expected."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({_kind(mode)})", str(path))
        self.mode = mode
        """The file's ``st_mode`` (what it is: a pipe, a device, ...)."""


class ForeignOwner(OSError):
    """The file belongs to another user; replacing it would make it the writer's."""

    def __init__(self, path: Path, uid: int) -> None:
        self.uid = uid
        super().__init__(
            errno.EPERM,
            f"it belongs to another user ({user_name(uid)}); replacing it would make it yours "
            "and readable only by you. Remove or move it, or choose another name",
            str(path),
        )


class MustWriteInPlace(OSError):
    """The file cannot be replaced by renaming (``EBUSY``/``EXDEV``: a single bind-mounted
    file); only writing into it would work."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def user_name(uid: int) -> str:
    """``name, uid N`` where the name is known, else ``uid N``."""
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name}, uid {uid}"
    except (ImportError, KeyError):
        return f"uid {uid}"


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


# -- reading ------------------------------------------------------------------------------------


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); raises :class:`NotRegularFile`
    for anything else, without opening devices or blocking on a named pipe."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, info.st_mode)
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)  # replaced between stat and open?
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        return handle.read() if limit is None else handle.read(limit)


def check_replaceable(path: Path) -> os.stat_result | None:
    """Refuse to replace ``path`` if it is not a regular file (or a symlink, which is replaced
    itself) or belongs to another user; its ``lstat`` if it exists, else ``None``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise NotRegularFile(path, info.st_mode)
    uid = _euid()
    if uid is not None and info.st_uid != uid:
        raise ForeignOwner(path, info.st_uid)
    return info


# -- names --------------------------------------------------------------------------------------


def _shortened(name: str, room: int) -> str:
    """``name`` if it fits ``room`` bytes, else its start and a hash of all of it (``room``
    bytes, cut at a character boundary)."""
    raw = os.fsencode(name)
    if len(raw) <= room:
        return name
    cut = raw[: room - 9]
    while cut and cut[-1] & 0xC0 == 0x80:  # inside a UTF-8 sequence
        cut = cut[:-1]
    if cut and cut[-1] >= 0xC0:  # the lead byte of the sequence just removed
        cut = cut[:-1]
    return os.fsdecode(cut) + "~" + hashlib.sha256(raw).hexdigest()[:8]


def backup_path(target: Path) -> Path:
    """``<name>.bak`` next to ``target``; for a name too long for that, a shortened one."""
    return target.with_name(_shortened(target.name, NAME_MAX - 4) + ".bak")


def _temp_prefix(path: Path) -> str:
    return "." + _shortened(path.name, NAME_MAX - len(".." + "X" * 8 + ".tmp")) + "."


def _temp_name(path: Path) -> Path:
    """A new name for a temporary file of ``path`` (not created)."""
    random = "".join(secrets.choice(_RANDOM) for _ in range(8))
    return path.with_name(f"{_temp_prefix(path)}{random}.tmp")


# -- writing ------------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the file gets mode 0600 (from mkstemp).

    Refuses (:class:`NotRegularFile`, :class:`ForeignOwner`) to replace anything but a regular
    file or symlink of the writer's own."""
    check_replaceable(path)
    temp = _write_temp(path, data)
    try:
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(path.parent)
    _remove_stale_temps(path)


def replace_with_backup(
    target: Path, data: bytes, previous: bytes | None, *, in_place: bool = False
) -> None:
    """Write ``data`` to ``target`` and ``previous`` (the file's content, if it exists) to its
    ``.bak``. Everything is written to temporary files first. The ``.bak`` is renamed into place
    before the file, so that a crash in between leaves the old file and its copy; the old
    ``.bak`` is kept under a temporary name (a hard link) until the file is in place, and put back
    if that fails: a failed save leaves the file and the ``.bak`` exactly as they were.

    ``in_place`` writes into ``target`` instead of renaming over it (its inode, owner and mode
    stay; not atomic), and writes ``previous`` back if that fails. A rename refused with
    ``EBUSY`` or ``EXDEV`` raises :class:`MustWriteInPlace`."""
    backup = backup_path(target)
    new_file = new_backup = old_backup = None
    try:
        if not in_place or previous is None:
            new_file = _write_temp(target, data)
        if previous is None:
            assert new_file is not None
            _rename_into_place(new_file, target)
            new_file = None
        else:
            new_backup = _write_temp(backup, previous)
            old_backup = _keep(backup)
            new_backup.replace(backup)
            new_backup = None
            try:
                if new_file is None:
                    _write_in_place(target, data, previous)
                else:
                    _rename_into_place(new_file, target)
                    new_file = None
            except BaseException as exc:
                _put_back(backup, old_backup, exc)
                old_backup = None  # back in place, or kept where the note says
                raise
    finally:
        for temp in (new_file, new_backup, old_backup):
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
    _fsync_directory(target.parent)
    _remove_stale_temps(target)
    _remove_stale_temps(backup)


def _rename_into_place(temp: Path, target: Path) -> None:
    try:
        temp.replace(target)
    except OSError as exc:
        if exc.errno in (errno.EBUSY, errno.EXDEV):
            raise MustWriteInPlace(exc.errno, exc.strerror, str(target)) from exc
        raise


def _keep(backup: Path) -> Path | None:
    """The current ``backup`` under a temporary name (a hard link; a copy where the file system
    has none), or ``None`` if there is none."""
    try:
        info = os.lstat(backup)
    except FileNotFoundError:
        return None
    for _ in range(100):
        name = _temp_name(backup)
        try:
            os.link(backup, name, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            break  # no hard links on this file system: copy it
        return name
    if stat.S_ISLNK(info.st_mode):
        name = _temp_name(backup)
        name.symlink_to(backup.readlink())
        return name
    copy = _write_temp(backup, read_regular(backup))
    copy.chmod(stat.S_IMODE(info.st_mode))
    return copy


def _put_back(backup: Path, old_backup: Path | None, cause: BaseException) -> None:
    """Undo the rename of the new ``.bak`` after the file could not be written."""
    try:
        if old_backup is None:
            backup.unlink()
        else:
            old_backup.replace(backup)
    except OSError as exc:
        kept = "" if old_backup is None else f"; the previous backup is in {old_backup}"
        cause.add_note(f"{backup} could not be put back: {exc.strerror or exc}{kept}")


def _write_in_place(target: Path, data: bytes, previous: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | _O_NONBLOCK | _O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(target, info.st_mode)
        try:
            _overwrite(fd, data)
        except BaseException:
            with contextlib.suppress(OSError):
                _overwrite(fd, previous)
            raise
    finally:
        os.close(fd)


def _overwrite(fd: int, data: bytes) -> None:
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        offset += os.pwrite(fd, view[offset:], offset)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _write_temp(path: Path, data: bytes) -> Path:
    """A new file next to ``path`` (mode 0600) holding ``data``, flushed to disk."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            temp.chmod(FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files of ``path`` left by a save that was killed half-way: only regular
    files of our own with exactly the names :func:`_write_temp` gives, older than
    :data:`STALE_TEMP_AGE`. Best effort: a file that cannot be removed stays."""
    pattern = re.compile(rf"{re.escape(_temp_prefix(path))}[a-z0-9_]{{8}}\.tmp")
    uid = _euid()
    limit = time.time() - STALE_TEMP_AGE
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and (uid is None or info.st_uid == uid)
                and info.st_mtime < limit
            ):
                Path(entry.path).unlink()


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
