"""Saving answers files: exact round trips, owner-only modes, refusing to overwrite what changed,
comments, symlinks, failures half-way through, and a property test of dumps/read-back."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tomwizard import __version__
from tomwizard.answers.model import (
    AnswersDocument,
    CatalogueRef,
    CategoryAnswers,
    CustomMeasure,
)
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import (
    FILE_MODE,
    CommentsWouldBeLost,
    ConflictError,
    DocumentFile,
    FileStamp,
    StorageError,
    load_document,
    new_document,
    write_atomic,
)
from tomwizard.schema import ANSWERS_SCHEMA_HEADER

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
HEADER = f"{ANSWERS_SCHEMA_HEADER}\n".encode()
"""The line every saved file starts with (the fixture, written by hand, has none)."""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def open_file(path: Path, catalogue: Catalogue) -> tuple[DocumentFile, AnswersDocument]:
    handle, loaded = DocumentFile.open(path, catalogue)
    return handle, loaded.document


def with_note(document: AnswersDocument, note: str) -> AnswersDocument:
    """``document`` with a changed note, so that a save writes different bytes."""
    categories = dict(document.categories)
    categories["organisation"] = categories["organisation"].model_copy(update={"note": note})
    return document.model_copy(update={"categories": categories})


# -- round trips ----------------------------------------------------------------------------


def test_unchanged_fixture_is_saved_byte_for_byte(
    complete_file: Path, catalogue: Catalogue
) -> None:
    """The fixture predates the schema line: the first save adds that line and nothing else,
    the next one writes the same bytes again."""
    handle, document = open_file(complete_file, catalogue)
    saved = handle.save(document, catalogue)
    assert complete_file.read_bytes() == HEADER + FIXTURE.read_bytes()
    assert saved == document
    assert (complete_file.parent / "complete.toml.bak").read_bytes() == FIXTURE.read_bytes()
    handle.save(saved, catalogue)
    assert complete_file.read_bytes() == HEADER + FIXTURE.read_bytes()


def test_load_save_load_gives_equal_document(complete_file: Path, catalogue: Catalogue) -> None:
    handle, document = open_file(complete_file, catalogue)
    changed = with_note(document, "intern:\nnur für uns")
    handle.save(changed, catalogue)
    again = load_document(complete_file, catalogue)
    assert again.document == changed
    assert again.document != document
    assert again.warnings == ()
    assert 'note = """\nintern:\nnur für uns"""\n' in complete_file.read_text(encoding="utf-8")


def test_saving_twice_gives_identical_bytes(tmp_path: Path, catalogue: Catalogue) -> None:
    document = with_note(
        AnswersDocument.model_validate(tomllib.loads(FIXTURE.read_text(encoding="utf-8"))), "n"
    )
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    DocumentFile.create(first).save(document, catalogue)
    handle = DocumentFile.create(second)
    handle.save(document, catalogue)
    after_one = second.read_bytes()
    handle.save(document, catalogue)
    assert second.read_bytes() == after_one == first.read_bytes()
    assert (tmp_path / "b.toml.bak").read_bytes() == after_one


def test_save_stamps_versions_and_returns_written_document(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    document = new_document(catalogue).model_copy(
        update={
            "tomwizard_version": "0.0.1",
            "catalogue": CatalogueRef(id="tomwizard", version="0"),
        }
    )
    path = tmp_path / "new.toml"
    saved = DocumentFile.create(path).save(document, catalogue)
    assert saved.tomwizard_version == __version__
    assert saved.catalogue == CatalogueRef(id=catalogue.id, version=catalogue.version)
    assert load_document(path, catalogue).document == saved
    assert path.read_text(encoding="utf-8").startswith(
        f"{ANSWERS_SCHEMA_HEADER}\n"
        f'schema_version = 1\ntomwizard_version = "{__version__}"\n\n[catalogue]\n'
        f'id = "tomwizard"\nversion = "{catalogue.version}"\n\n[document]\n'
    )


def test_foreign_catalogue_version_is_not_touched(tmp_path: Path, catalogue: Catalogue) -> None:
    document = new_document(catalogue).model_copy(
        update={"catalogue": CatalogueRef(id="other", version="7")}
    )
    saved = DocumentFile.create(tmp_path / "x.toml").save(document, catalogue)
    assert saved.catalogue == CatalogueRef(id="other", version="7")


# -- file modes and the backup --------------------------------------------------------------


def test_new_file_is_owner_only(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "new.toml"
    handle = DocumentFile.create(path)
    handle.save(new_document(catalogue), catalogue)
    assert mode(path) == FILE_MODE == 0o600
    assert listing(tmp_path) == ["new.toml"]  # nothing to back up, no temp files left
    assert not handle.changed_on_disk()


def test_existing_world_readable_file_becomes_owner_only(
    complete_file: Path, catalogue: Catalogue
) -> None:
    complete_file.chmod(0o644)
    previous = complete_file.read_bytes()
    handle, document = open_file(complete_file, catalogue)
    handle.save(with_note(document, "neu"), catalogue)
    backup = complete_file.with_name("complete.toml.bak")
    assert mode(complete_file) == 0o600
    assert mode(backup) == 0o600
    assert backup.read_bytes() == previous
    assert complete_file.read_bytes() != previous
    assert listing(complete_file.parent) == ["complete.toml", "complete.toml.bak"]


def test_backup_holds_the_version_before_the_last_save(
    complete_file: Path, catalogue: Catalogue
) -> None:
    handle, document = open_file(complete_file, catalogue)
    handle.save(with_note(document, "eins"), catalogue)
    after_first = complete_file.read_bytes()
    handle.save(with_note(document, "zwei"), catalogue)
    assert complete_file.with_name("complete.toml.bak").read_bytes() == after_first
    assert b'note = "zwei"' in complete_file.read_bytes()


def test_write_atomic_creates_owner_only_file_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"old")
    path.chmod(0o666)
    write_atomic(path, b"new\x00bytes")
    assert path.read_bytes() == b"new\x00bytes"
    assert mode(path) == 0o600
    assert listing(tmp_path) == ["f.bin"]


# -- refusing to overwrite ------------------------------------------------------------------


def test_file_changed_after_open_is_not_overwritten(
    complete_file: Path, catalogue: Catalogue
) -> None:
    handle, document = open_file(complete_file, catalogue)
    foreign = FIXTURE.read_bytes().replace(b'groesse = "bis50"', b'groesse = "bis10"')
    complete_file.write_bytes(foreign)
    assert handle.changed_on_disk()
    with pytest.raises(ConflictError) as info:
        handle.save(with_note(document, "mine"), catalogue)
    assert str(info.value) == (
        f"{complete_file} was changed on disk since it was loaded; not overwritten. "
        "Reload it, or save under another name."
    )
    assert complete_file.read_bytes() == foreign
    assert listing(complete_file.parent) == ["complete.toml"]


def test_same_size_change_with_restored_mtime_is_a_conflict(
    complete_file: Path, catalogue: Catalogue
) -> None:
    handle, document = open_file(complete_file, catalogue)
    info = complete_file.stat()
    foreign = FIXTURE.read_bytes().replace(b"bis50", b"bis10")
    assert len(foreign) == info.st_size
    complete_file.write_bytes(foreign)
    os.utime(complete_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(ConflictError):
        handle.save(document, catalogue)
    assert complete_file.read_bytes() == foreign


def test_touch_is_not_a_conflict(complete_file: Path, catalogue: Catalogue) -> None:
    handle, document = open_file(complete_file, catalogue)
    info = complete_file.stat()
    os.utime(complete_file, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    assert not handle.changed_on_disk()
    handle.save(with_note(document, "touched"), catalogue)
    assert b'note = "touched"' in complete_file.read_bytes()
    assert complete_file.with_name("complete.toml.bak").read_bytes() == FIXTURE.read_bytes()


def test_created_file_that_appears_meanwhile_is_not_overwritten(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "new.toml"
    handle = DocumentFile.create(path)
    assert not handle.changed_on_disk()
    path.write_bytes(b"# someone else's\n")
    assert handle.changed_on_disk()
    with pytest.raises(ConflictError) as info:
        handle.save(new_document(catalogue), catalogue)
    assert str(info.value) == (
        f"{path} already exists (created by someone else meanwhile?); not overwritten"
    )
    assert path.read_bytes() == b"# someone else's\n"
    assert listing(tmp_path) == ["new.toml"]


def test_changed_on_disk_cases(complete_file: Path, catalogue: Catalogue) -> None:
    handle, _ = open_file(complete_file, catalogue)
    assert not handle.changed_on_disk()
    complete_file.write_bytes(FIXTURE.read_bytes() + b"\n")
    assert handle.changed_on_disk()
    complete_file.write_bytes(FIXTURE.read_bytes())  # same content again, new mtime
    assert not handle.changed_on_disk()
    complete_file.unlink()
    assert handle.changed_on_disk()


def test_changed_on_disk_is_false_after_own_save(complete_file: Path, catalogue: Catalogue) -> None:
    handle, document = open_file(complete_file, catalogue)
    handle.save(with_note(document, "x"), catalogue)
    assert not handle.changed_on_disk()
    assert handle.stamp == FileStamp.of(complete_file)


def test_file_stamp_matches(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    stamp = FileStamp.of(path)
    assert stamp.size == 3
    assert stamp.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert FileStamp.of(path, b"abc") == stamp
    assert stamp.matches(path)
    os.utime(path, ns=(0, stamp.mtime_ns + 10**9))
    assert stamp.matches(path)  # mtime alone is no change
    path.write_bytes(b"abd")
    assert not stamp.matches(path)
    path.write_bytes(b"abcd")
    assert not stamp.matches(path)


# -- comments -------------------------------------------------------------------------------


def test_comments_need_consent_before_they_are_dropped(
    complete_file: Path, catalogue: Catalogue
) -> None:
    text = "# Stand: April\n" + FIXTURE.read_text(encoding="utf-8")
    complete_file.write_text(text, encoding="utf-8")
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    assert loaded.has_comments
    assert handle.has_comments
    with pytest.raises(CommentsWouldBeLost) as info:
        handle.save(loaded.document, catalogue)
    assert str(info.value) == (
        f"{complete_file} contains comments, which tomwizard cannot keep; "
        "move them into the note fields, or confirm that they may be dropped"
    )
    assert complete_file.read_text(encoding="utf-8") == text
    assert listing(complete_file.parent) == ["complete.toml"]

    handle.save(loaded.document, catalogue, discard_comments=True)
    assert complete_file.read_bytes() == HEADER + FIXTURE.read_bytes()
    assert complete_file.with_name("complete.toml.bak").read_text(encoding="utf-8") == text
    assert not handle.has_comments
    handle.save(with_note(loaded.document, "later"), catalogue)  # no flag needed any more
    assert b'note = "later"' in complete_file.read_bytes()


def test_trailing_comment_counts_but_hash_in_string_does_not(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    head = 'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n'
    plain, commented = tmp_path / "plain.toml", tmp_path / "commented.toml"
    plain.write_text(head + '[document]\ntitle = "TOM # 1"\n', encoding="utf-8")
    commented.write_text(head + '[document]\ntitle = "TOM"  # Titel\n', encoding="utf-8")
    assert not load_document(plain, catalogue).has_comments
    assert load_document(commented, catalogue).has_comments


# -- symlinks -------------------------------------------------------------------------------


def test_save_through_symlink_replaces_target_and_keeps_link(
    complete_file: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    link_dir = tmp_path / "links"
    link_dir.mkdir()
    link = link_dir / "tom.toml"
    link.symlink_to(complete_file)
    handle, document = open_file(link, catalogue)
    handle.save(with_note(document, "via link"), catalogue)
    assert link.is_symlink()
    assert link.resolve() == complete_file.resolve()
    assert b'note = "via link"' in complete_file.read_bytes()
    assert complete_file.with_name("complete.toml.bak").read_bytes() == FIXTURE.read_bytes()
    assert listing(link_dir) == ["tom.toml"]
    assert not handle.changed_on_disk()


# -- failures half-way ----------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["complete.toml", "complete.toml.bak"])
def test_failing_replace_leaves_original_and_no_temp_files(
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    """Also when the file's own rename fails after the new ``.bak`` was put in place: that
    ``.bak`` is taken back (there was none before)."""
    handle, document = open_file(complete_file, catalogue)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == failing:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(StorageError) as info:
        handle.save(with_note(document, "lost"), catalogue)
    assert str(info.value) == f"cannot save {complete_file}: Input/output error"
    assert complete_file.read_bytes() == FIXTURE.read_bytes()
    assert listing(complete_file.parent) == ["complete.toml"]
    assert not handle.changed_on_disk()
    monkeypatch.setattr(os, "replace", real_replace)
    handle.save(with_note(document, "retried"), catalogue)  # the handle is still usable
    assert b'note = "retried"' in complete_file.read_bytes()


def test_disk_full_during_write_is_a_storage_error(
    complete_file: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    handle, document = open_file(complete_file, catalogue)

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StorageError) as info:
        handle.save(with_note(document, "lost"), catalogue)
    assert str(info.value) == f"cannot save {complete_file}: {os.strerror(errno.ENOSPC)}"
    assert complete_file.read_bytes() == FIXTURE.read_bytes()
    assert listing(complete_file.parent) == ["complete.toml"]


def test_write_atomic_cleans_up_after_failed_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"keep")

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError) as info:
        write_atomic(path, b"x" * 100_000)
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"keep"
    assert listing(tmp_path) == ["f.toml"]


def test_read_only_directory_is_a_storage_error(complete_file: Path, catalogue: Catalogue) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    handle, document = open_file(complete_file, catalogue)
    directory = complete_file.parent
    directory.chmod(0o500)
    try:
        with pytest.raises(StorageError) as info:
            handle.save(with_note(document, "x"), catalogue)
        assert str(info.value) == (
            f"cannot save {complete_file}: no permission to write in the folder {directory} "
            "(Permission denied). tomwizard saves by writing a new file there and renaming it "
            "over the old one, so it needs write permission for the folder, not only for the "
            "file. Work on a copy in a folder of your own instead."
        )
        assert complete_file.read_bytes() == FIXTURE.read_bytes()
        assert listing(directory) == ["complete.toml"]
    finally:
        directory.chmod(0o700)


def test_missing_directory_is_a_storage_error(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "gone" / "new.toml"
    with pytest.raises(StorageError) as info:
        DocumentFile.create(path).save(new_document(catalogue), catalogue)
    assert str(info.value) == f"cannot save {path}: No such file or directory"
    assert listing(tmp_path) == []


def test_document_that_would_not_read_back_is_refused(tmp_path: Path, catalogue: Catalogue) -> None:
    # a tuple is written as an array and reads back as a list: not the same document
    answers = CategoryAnswers(answers={"standorte": ("buero",)})
    document = new_document(catalogue).model_copy(update={"categories": {"organisation": answers}})
    path = tmp_path / "x.toml"
    with pytest.raises(StorageError) as info:
        DocumentFile.create(path).save(document, catalogue)
    assert str(info.value) == (
        f"not saved: {path} would not read back unchanged; please report this as a bug"
    )
    assert listing(tmp_path) == []


# -- values that once made saving fail --------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_newlines_in_free_values_are_normalised(
    tmp_path: Path, catalogue: Catalogue, newline: str
) -> None:
    """Answers, parameters and table cells are not ``Str`` fields; a pasted CRLF there used to make
    the round-trip check refuse the save ("would not read back unchanged")."""
    row = {"betreiber": f"A{newline}B", "standort": "F"}
    document = new_document(catalogue).model_copy(
        update={
            "categories": {
                "organisation": CategoryAnswers(
                    answers={"beschreibung": f"eins{newline}zwei", "standorte": ["buero"]}
                ),
                "verfuegbarkeitskontrolle": CategoryAnswers(
                    answers={"rechenzentren": {"rz1": row}},
                    custom={"x": CustomMeasure(label="L", parameters={"p": f"a{newline}b"})},
                ),
            }
        }
    )
    organisation = document.categories["organisation"]
    assert organisation.answers["beschreibung"] == "eins\nzwei"
    path = tmp_path / "x.toml"
    saved = DocumentFile.create(path).save(document, catalogue)
    loaded = load_document(path, catalogue)
    assert loaded.document == saved
    rechenzentren = loaded.document.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"]
    assert rechenzentren == {"rz1": {"betreiber": "A\nB", "standort": "F"}}
    assert b"\r" not in path.read_bytes()


def test_value_toml_cannot_hold_is_a_storage_error(tmp_path: Path, catalogue: Catalogue) -> None:
    document = new_document(catalogue)
    categories = {"organisation": CategoryAnswers(answers={"beschreibung": None})}
    document = document.model_copy(update={"categories": categories})
    path = tmp_path / "none.toml"
    with pytest.raises(StorageError, match="cannot be written as TOML"):
        DocumentFile.create(path).save(document, catalogue)
    assert listing(tmp_path) == []


def test_file_deleted_after_open_is_written_again(
    complete_file: Path, catalogue: Catalogue
) -> None:
    """Documented: nothing is overwritten, so a save recreates a file removed meanwhile."""
    handle, document = open_file(complete_file, catalogue)
    original = complete_file.read_bytes()
    complete_file.unlink()
    assert handle.changed_on_disk()
    handle.save(document, catalogue)
    assert complete_file.read_bytes() == HEADER + original
    assert not (complete_file.parent / "complete.toml.bak").exists()
