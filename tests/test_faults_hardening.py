"""Issue 12, "nothing lost, nothing hangs, nothing leaks": failed saves that leave the file and
its backup exactly as they were, files that can only be written in place, long file names, files
of other users (as root) and files that are not regular files (named pipes)."""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.disk.files import ENV_SAVE_IN_PLACE, NAME_MAX, ForeignOwner, NotRegularFile
from tomwizard.disk.storage import DocumentFile, StorageError, load_document, write_atomic
from tomwizard.export.exporter import ExportFailed, export_document
from tomwizard.problems import ProblemsError
from tomwizard.session import EditSession

NAME = "complete.toml"
NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def with_note(document: AnswersDocument, note: str) -> AnswersDocument:
    categories = dict(document.categories)
    categories["organisation"] = categories["organisation"].model_copy(update={"note": note})
    return document.model_copy(update={"categories": categories})


def note_of(path: Path, catalogue: Catalogue) -> str:
    return load_document(path, catalogue).document.categories["organisation"].note


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@contextmanager
def no_hang(seconds: float = 5.0) -> Iterator[None]:
    """Fail instead of hanging (a read of a named pipe blocks until someone writes)."""

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def saved_twice(complete_file: Path, catalogue: Catalogue) -> tuple[DocumentFile, AnswersDocument]:
    """The fixture saved twice: the file says "zwei", its ``.bak`` "eins"."""
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    document = handle.save(with_note(loaded.document, "eins"), catalogue)
    document = handle.save(with_note(document, "zwei"), catalogue)
    return handle, document


# -- 12.2: a failed save leaves the file and the .bak as they were ------------------------------


def fail_rename_of(monkeypatch: pytest.MonkeyPatch, name: str, error: int) -> None:
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == name:
            raise OSError(error, os.strerror(error))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("error", [errno.EBUSY, errno.EXDEV])
def test_a_file_that_cannot_be_replaced_is_left_as_it_was_and_the_message_says_what_to_do(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    error: int,
) -> None:
    """A single file bind-mounted into a container: renaming over it fails with EBUSY."""
    handle, document = saved_twice
    before = snapshot(complete_file.parent)
    fail_rename_of(monkeypatch, NAME, error)
    with pytest.raises(StorageError) as info:
        handle.save(with_note(document, "drei"), catalogue)
    message = str(info.value)
    assert message.startswith(f"cannot save {complete_file}: it cannot be replaced by a new file")
    assert os.strerror(error) in message
    assert f"Set {ENV_SAVE_IN_PLACE}=1 to save by writing into the file instead" in message
    assert snapshot(complete_file.parent) == before
    assert note_of(complete_file.with_name(f"{NAME}.bak"), catalogue) == "eins"

    monkeypatch.setenv(ENV_SAVE_IN_PLACE, "1")
    handle.save(with_note(document, "drei"), catalogue)
    assert note_of(complete_file, catalogue) == "drei"
    assert note_of(complete_file.with_name(f"{NAME}.bak"), catalogue) == "zwei"


def test_saving_in_place_keeps_the_inode_owner_and_mode(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handle, document = saved_twice
    complete_file.chmod(0o640)
    before = complete_file.stat()
    monkeypatch.setenv(ENV_SAVE_IN_PLACE, "1")
    document = handle.save(with_note(document, "drei " * 50), catalogue)  # longer
    handle.save(with_note(document, "vier"), catalogue)  # shorter: the rest is cut off
    after = complete_file.stat()
    assert (after.st_ino, after.st_uid, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_uid,
        0o640,
    )
    assert note_of(complete_file, catalogue) == "vier"
    assert note_of(complete_file.with_name(f"{NAME}.bak"), catalogue) == "drei " * 50
    assert sorted(snapshot(complete_file.parent)) == [NAME, f"{NAME}.bak"]


def test_a_failed_save_in_place_puts_the_file_and_the_backup_back(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handle, document = saved_twice
    before = snapshot(complete_file.parent)
    inode = complete_file.stat().st_ino
    real_fsync = os.fsync
    failures: list[int] = []

    def fsync(fd: int) -> None:  # the disk fills up while the file is written in place
        if os.fstat(fd).st_ino == inode and not failures:
            failures.append(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setenv(ENV_SAVE_IN_PLACE, "1")
    with pytest.raises(StorageError, match=os.strerror(errno.ENOSPC)):
        handle.save(with_note(document, "drei " * 50), catalogue)
    assert failures
    assert snapshot(complete_file.parent) == before
    assert complete_file.stat().st_ino == inode


def test_without_hard_links_the_previous_backup_is_put_back_from_a_copy(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handle, document = saved_twice
    before = snapshot(complete_file.parent)

    def link(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", link)
    fail_rename_of(monkeypatch, NAME, errno.EIO)
    with pytest.raises(StorageError):
        handle.save(with_note(document, "drei"), catalogue)
    assert snapshot(complete_file.parent) == before


# -- 12.6: long file names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem",
    ["t" * 220, "t" * 232, "t" * 233, "t" * 245, "t" * 250, "ä" * 124],
    ids=["225", "237", "238", "250", "255", "253-umlauts"],
)
def test_long_file_names_can_be_saved_with_a_backup(
    tmp_path: Path, catalogue: Catalogue, stem: str
) -> None:
    """Issue 12.6: names of 238 bytes and more made the file unsaveable (its temporary and
    backup names grew beyond 255 bytes)."""
    path = tmp_path / f"{stem}.toml"
    assert len(os.fsencode(path.name)) <= NAME_MAX
    session = EditSession.open(path, catalogue)
    session.save()
    session.set_text("organisation", "note", "zweite Fassung")
    session.save()
    assert note_of(path, catalogue) == "zweite Fassung"
    [backup] = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert "organisation" not in load_document(backup, catalogue).document.categories
    if len(os.fsencode(path.name)) <= NAME_MAX - 4:
        assert backup.name == f"{path.name}.bak"
    else:  # shortened, still recognisable
        assert backup.name.startswith(stem[:100]) and len(os.fsencode(backup.name)) <= NAME_MAX
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup.name])


def test_temporary_names_of_long_file_names_fit_and_stale_ones_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    names: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        names.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    path = tmp_path / ("ö" * 125 + ".toml")  # 255 bytes
    write_atomic(path, b"x")
    assert path.read_bytes() == b"x"
    [temp] = names
    assert len(os.fsencode(temp)) <= NAME_MAX
    os.fsencode(temp).decode("utf-8")  # cut at a character boundary
    stale = tmp_path / temp
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    write_atomic(path, b"y")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# -- 12.7: files of other users, as root --------------------------------------------------------

root_only = pytest.mark.skipif(not IS_ROOT, reason="needs root to give a file to another user")


@root_only
def test_root_does_not_replace_another_users_backup(
    complete_file: Path, catalogue: Catalogue
) -> None:
    backup = complete_file.with_name(f"{NAME}.bak")
    backup.write_bytes(b"someone else's")
    os.chown(backup, NOBODY, NOBODY)
    backup.chmod(0o640)
    before = snapshot(complete_file.parent)
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    with pytest.raises(StorageError) as info:
        handle.save(with_note(loaded.document, "root war hier"), catalogue)
    assert str(info.value).startswith(
        f"cannot save {complete_file}: {backup}: it belongs to another user (nobody, uid {NOBODY})"
    )
    assert snapshot(complete_file.parent) == before
    info_after = backup.stat()
    assert (info_after.st_uid, stat.S_IMODE(info_after.st_mode)) == (NOBODY, 0o640)


@root_only
def test_root_does_not_export_over_another_users_file(
    complete_file: Path, catalogue: Catalogue
) -> None:
    output = complete_file.with_name("anlage.docx")
    output.write_bytes(b"someone else's annex")
    os.chown(output, NOBODY, NOBODY)
    output.chmod(0o644)
    document = load_document(complete_file, catalogue).document
    with pytest.raises(ExportFailed) as info:
        export_document(document, catalogue, output, source=complete_file)
    assert str(info.value).startswith(f"{output}: cannot write the file (it belongs to another")
    assert output.read_bytes() == b"someone else's annex"
    assert (output.stat().st_uid, stat.S_IMODE(output.stat().st_mode)) == (NOBODY, 0o644)


def test_write_atomic_refuses_a_file_of_another_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same check for any user (runs without root): the file's owner is not the writer."""
    path = tmp_path / "out.docx"
    path.write_bytes(b"theirs")
    owner = path.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    with pytest.raises(ForeignOwner, match=rf"belongs to another user \(.*uid {owner}\)"):
        write_atomic(path, b"mine")
    assert path.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


# -- 12.12: named pipes and other files that are not regular files ------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["validate", "export"])
def test_cli_commands_refuse_a_named_pipe_instead_of_hanging(
    fifo: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with no_hang():
        assert main([command, str(fifo)]) == 1
    err = capsys.readouterr().err
    assert (  # the interface language of the tests: German
        f"{fifo}: keine gewöhnliche Datei (eine benannte Pipe); tomwizard liest nur "
        "gewöhnliche Dateien"
    ) in err


def test_editing_a_named_pipe_reports_it_instead_of_hanging(
    fifo: Path, catalogue: Catalogue
) -> None:
    with no_hang(), pytest.raises(ProblemsError) as info:
        EditSession.open(fifo, catalogue)
    assert [str(p) for p in info.value.problems] == [
        f"{fifo}: not a regular file (a named pipe); tomwizard reads only regular files"
    ]


def test_saving_after_the_file_was_replaced_by_a_named_pipe_is_refused(
    complete_file: Path, catalogue: Catalogue
) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.set_text("organisation", "note", "neu")
    complete_file.unlink()
    os.mkfifo(complete_file)
    with no_hang():
        assert session.file.changed_on_disk()
        with pytest.raises(StorageError) as info:
            session.save()
        assert session.pending_recoveries() == []
    assert str(info.value) == (
        f"cannot save {complete_file}: not a regular file (a named pipe); tomwizard only replaces "
        "regular files"
    )
    assert stat.S_ISFIFO(complete_file.stat().st_mode)
    assert [p.name for p in complete_file.parent.iterdir()] == [NAME]


def test_nothing_replaces_a_named_pipe(
    fifo: Path, complete_file: Path, catalogue: Catalogue
) -> None:
    with no_hang():
        with pytest.raises(NotRegularFile):
            write_atomic(fifo, b"x")
        output = fifo.with_name("pipe.docx")
        os.mkfifo(output)
        document = load_document(complete_file, catalogue).document
        with pytest.raises(ExportFailed, match="not a regular file"):
            export_document(document, catalogue, output, source=complete_file)
        backup = complete_file.with_name(f"{NAME}.bak")
        os.mkfifo(backup)
        handle, loaded = DocumentFile.open(complete_file, catalogue)
        with pytest.raises(StorageError, match=f"{backup}: not a regular file"):
            handle.save(with_note(loaded.document, "x"), catalogue)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISFIFO(output.stat().st_mode)
    assert stat.S_ISFIFO(backup.stat().st_mode)
