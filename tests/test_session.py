"""EditSession, recovery copies and recent files: the core the wizard edits through."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tomwizard.answers.model import CustomMeasure, HistoryEntry
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk import recent, recovery
from tomwizard.disk.storage import ConflictError, load_document
from tomwizard.problems import ProblemsError
from tomwizard.schema import ANSWERS_SCHEMA_HEADER
from tomwizard.session import EditSession


def test_new_document_is_dirty_and_saved_on_first_save(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "sub" / "neu.toml"
    session = EditSession.open(path, catalogue, "en")
    assert session.dirty and session.file.stamp is None
    assert session.language == "en"
    session.save()
    assert not session.dirty
    assert load_document(path, catalogue).document == session.document
    assert recent.recent_files() == [path.absolute()]


def test_every_kind_of_edit_reaches_the_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "doc.toml"
    session = EditSession.new(path, catalogue)
    session.set_answer("organisation", "standorte", ["buero", "rechenzentrum"])
    session.set_answer("zugangskontrolle", "bildschirmsperre", 10)
    session.update_measure(
        "zugangskontrolle",
        "passwortrichtlinie",
        status="implemented",
        parameters={"mindestlaenge": 12},
    )
    session.update_measure("zugangskontrolle", "passwortrichtlinie", note="auch Dienstkonten")
    session.update_measure(
        "zutrittskontrolle", "alarmanlage", status="planned", target_date=dt.date(2026, 1, 31)
    )
    key = session.new_custom_key("zugangskontrolle")
    session.set_custom("zugangskontrolle", key, CustomMeasure(label="Tresor", status="implemented"))
    row = session.new_row_id("verfuegbarkeitskontrolle", "rechenzentren")
    session.set_row(
        "verfuegbarkeitskontrolle",
        "rechenzentren",
        row,
        {"betreiber": "Hoster", "standort": "Berlin", "zertifizierung": ""},
    )
    session.set_text("organisation", "description", "Zwei Zeilen\nText")
    session.set_history("1.0", HistoryEntry(changes="Erstfassung"))
    session.save()
    document = load_document(path, catalogue).document
    zugang = document.categories["zugangskontrolle"]
    assert zugang.measures["passwortrichtlinie"].parameters == {"mindestlaenge": 12}
    assert zugang.measures["passwortrichtlinie"].note == "auch Dienstkonten"
    assert zugang.custom[key].label == "Tresor"
    assert document.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"] == {
        row: {"betreiber": "Hoster", "standort": "Berlin"}
    }
    assert document.categories["zutrittskontrolle"].measures["alarmanlage"].target_date == (
        dt.date(2026, 1, 31)
    )
    assert document.history["1.0"].changes == "Erstfassung"


def test_unticking_keeps_parameters_and_note(tmp_path: Path, catalogue: Catalogue) -> None:
    session = EditSession.new(tmp_path / "d.toml", catalogue)
    session.update_measure(
        "zugangskontrolle", "sperre", status="implemented", parameters={"versuche": 5}, note="x"
    )
    session.update_measure("zugangskontrolle", "sperre", status=None)
    measure = session.measure("zugangskontrolle", "sperre")
    assert measure.status is None and measure.parameters == {"versuche": 5} and measure.note == "x"
    session.update_measure("zugangskontrolle", "sperre", parameters={"versuche": None})
    assert session.measure("zugangskontrolle", "sperre").parameters == {}


def test_removing_rows_and_custom_measures(tmp_path: Path, catalogue: Catalogue) -> None:
    session = EditSession.new(tmp_path / "d.toml", catalogue)
    session.set_row("verfuegbarkeitskontrolle", "rechenzentren", "a", {"betreiber": "X"})
    session.set_row("verfuegbarkeitskontrolle", "rechenzentren", "b", {"betreiber": "Y"})
    assert session.new_row_id("verfuegbarkeitskontrolle", "rechenzentren") == "zeile-3"
    session.remove_row("verfuegbarkeitskontrolle", "rechenzentren", "a")
    assert list(session.table_rows("verfuegbarkeitskontrolle", "rechenzentren")) == ["b"]
    session.remove_row("verfuegbarkeitskontrolle", "rechenzentren", "b")
    assert "rechenzentren" not in session.answers("verfuegbarkeitskontrolle").answers
    session.set_custom("organisation", "eigene-1", CustomMeasure(label="A"))
    session.remove_custom("organisation", "eigene-1")
    assert session.answers("organisation").custom == {}


def test_open_broken_file_raises_problems(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "kaputt.toml"
    path.write_text("[catalogue\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        EditSession.open(path, catalogue)
    assert str(info.value.problems[0]).startswith(f"{path}:1: TOML syntax error")


def test_conflict_then_deliberate_overwrite(complete_file: Path, catalogue: Catalogue) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.set_text("organisation", "note", "meine Änderung")
    theirs = complete_file.read_text(encoding="utf-8").replace("Erika Muster", "Jemand Anderes")
    complete_file.write_text(theirs, encoding="utf-8")
    with pytest.raises(ConflictError):
        session.save()
    assert complete_file.read_text(encoding="utf-8") == theirs
    session.accept_disk_version_as_base()
    session.save()
    assert "meine Änderung" in complete_file.read_text(encoding="utf-8")
    backup = complete_file.with_name("complete.toml.bak")
    assert backup.read_text(encoding="utf-8") == theirs


def test_reload_discards_changes(complete_file: Path, catalogue: Catalogue) -> None:
    session = EditSession.open(complete_file, catalogue)
    original = session.document.model_copy(deep=True)
    session.set_answer("zugangskontrolle", "bildschirmsperre", 99)
    session.reload()
    assert session.document == original and not session.dirty


def test_save_as_continues_with_the_new_file(complete_file: Path, catalogue: Catalogue) -> None:
    session = EditSession.open(complete_file, catalogue)
    copy = complete_file.with_name("kopie.toml")
    session.save_as(copy)
    assert session.path == copy
    assert copy.read_bytes() == f"{ANSWERS_SCHEMA_HEADER}\n".encode() + complete_file.read_bytes()
    with pytest.raises(ConflictError):
        session.save_as(complete_file)
    assert session.path == copy


# -- recovery copies ----------------------------------------------------------------------------


def test_autosave_writes_recovery_copy_not_the_file(
    complete_file: Path, catalogue: Catalogue, isolated_home: Path
) -> None:
    session = EditSession.open(complete_file, catalogue)
    before = complete_file.read_bytes()
    session.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    copy = session.autosave()
    assert copy.parent == isolated_home / "state" / "recovery"
    assert oct(copy.stat().st_mode & 0o777) == oct(0o600)
    assert complete_file.read_bytes() == before
    assert copy.read_text(encoding="utf-8") == dumps(session.document, catalogue)


def bildschirmsperre(session: EditSession) -> object:
    return session.answers("zugangskontrolle").answers["bildschirmsperre"]


def test_pending_recovery_restore_and_discard(complete_file: Path, catalogue: Catalogue) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    session.autosave()
    session.close()  # the first session "crashed": its copy stays
    again = EditSession.open(complete_file, catalogue)
    pending = again.pending_recovery()
    assert pending is not None
    again.restore(pending)
    assert bildschirmsperre(again) == 7
    assert again.dirty
    assert pending.path.exists()  # until this session has a copy of its own, or saved
    again.save()
    assert not pending.path.exists()
    assert EditSession.open(complete_file, catalogue).pending_recovery() is None


def test_a_restored_copy_is_removed_once_the_session_has_its_own(
    complete_file: Path, catalogue: Catalogue
) -> None:
    first = EditSession.open(complete_file, catalogue)
    first.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    first.autosave()
    first.close()
    second = EditSession.open(complete_file, catalogue)
    [pending] = second.pending_recoveries()
    second.restore(pending)
    own = second.autosave()
    assert not pending.path.exists() and own.exists()
    second.close()
    [left] = EditSession.open(complete_file, catalogue).pending_recoveries()
    assert left.path == own and "bildschirmsperre = 7" in left.text


def test_identical_recovery_copies_are_not_offered_and_removed(
    complete_file: Path, catalogue: Catalogue
) -> None:
    session = EditSession.open(complete_file, catalogue)
    copy = session.autosave()  # identical content
    session.close()
    assert session.pending_recovery() is None
    assert not copy.exists()


def test_two_sessions_on_one_file_keep_their_own_recovery_copies(
    complete_file: Path, catalogue: Catalogue
) -> None:
    """Issue 12.1: A's save used to delete B's copy (one copy per file); B then crashed and its
    typing was gone. A copy older than the file (A saved after B's autosave) is offered too."""
    a = EditSession.open(complete_file, catalogue)
    b = EditSession.open(complete_file, catalogue)
    b.set_answer("zugangskontrolle", "bildschirmsperre", 8)
    b_copy = b.autosave()
    a.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    a_copy = a.autosave()
    assert a_copy != b_copy
    os.utime(b_copy, (1, 1))  # written long before A's save
    a.save()
    assert not a_copy.exists()
    assert b_copy.exists()
    b.close()  # killed
    [pending] = EditSession.open(complete_file, catalogue).pending_recoveries()
    assert pending.path == b_copy
    assert "bildschirmsperre = 8" in pending.text


def test_every_copy_that_differs_is_offered_newest_first(
    complete_file: Path, catalogue: Catalogue
) -> None:
    copies = []
    for minutes in (7, 8, 9):
        session = EditSession.open(complete_file, catalogue)
        session.set_answer("zugangskontrolle", "bildschirmsperre", minutes)
        copies.append(session.autosave())
        os.utime(copies[-1], (1000 * minutes, 1000 * minutes))
        session.close()
    pending = EditSession.open(complete_file, catalogue).pending_recoveries()
    assert [copy.path for copy in pending] == copies[::-1]
    opened = EditSession.open(complete_file, catalogue)
    opened.discard_recovery(pending[0])
    assert [copy.path for copy in opened.pending_recoveries()] == copies[1::-1]


def test_the_copy_of_a_running_session_is_not_offered(
    complete_file: Path, catalogue: Catalogue
) -> None:
    running = EditSession.open(complete_file, catalogue)
    running.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    copy = running.autosave()
    assert EditSession.open(complete_file, catalogue).pending_recoveries() == []
    assert copy.exists()
    running.close()
    [pending] = EditSession.open(complete_file, catalogue).pending_recoveries()
    assert pending.path == copy


def test_recovery_is_found_through_a_symlink_and_dotdot(
    complete_file: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    """Issue 12.5: the copy was keyed on the path as typed."""
    links = tmp_path / "links"
    links.mkdir()
    (links / "tom.toml").symlink_to(complete_file)
    session = EditSession.open(links / "tom.toml", catalogue)
    session.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    copy = session.autosave()
    session.close()
    dotted = links / ".." / complete_file.relative_to(tmp_path)
    for path in (complete_file, dotted, Path(os.path.relpath(complete_file))):
        [pending] = EditSession.open(path, catalogue).pending_recoveries()
        assert pending.path == copy


@pytest.mark.parametrize("length", [100, 225, 237, 238, 255])
def test_recovery_names_do_not_grow_with_the_file_name(
    tmp_path: Path, catalogue: Catalogue, length: int
) -> None:
    """Issue 12.6: names of 225 bytes and more made the copy's name too long (and the error was
    swallowed by the wizard)."""
    path = tmp_path / ("t" * (length - 5) + ".toml")
    session = EditSession.open(path, catalogue)
    session.save()
    session.set_answer("zugangskontrolle", "bildschirmsperre", 7)
    copy = session.autosave()
    assert len(copy.name) < 64
    session.close()
    [pending] = EditSession.open(path, catalogue).pending_recoveries()
    assert pending.path == copy


def test_recovery_paths_differ_per_document_and_session(tmp_path: Path) -> None:
    a = recovery.recovery_path(tmp_path / "a" / "x.toml", "1-a")
    b = recovery.recovery_path(tmp_path / "b" / "x.toml", "1-a")
    c = recovery.recovery_path(tmp_path / "a" / "x.toml", "2-b")
    assert len({a, b, c}) == 3
    assert recovery.new_session_id() != recovery.new_session_id()


def test_a_copy_of_tomwizard_0x_is_offered(
    complete_file: Path, catalogue: Catalogue, isolated_home: Path
) -> None:
    """Copies written before copies were per session (one per file, named after the path as
    typed) are still found."""
    legacy = recovery._legacy_path(complete_file)
    legacy.parent.mkdir(parents=True)
    text = complete_file.read_text(encoding="utf-8").replace("= 5", "= 6", 1)
    legacy.write_text(text, encoding="utf-8")
    [pending] = EditSession.open(complete_file, catalogue).pending_recoveries()
    assert pending.path == legacy and pending.text == text


# -- recent files -------------------------------------------------------------------------------


def test_recent_files_newest_first_unique_and_bounded(tmp_path: Path) -> None:
    for index in range(12):
        recent.remember(tmp_path / f"{index}.toml")
    recent.remember(tmp_path / "3.toml")
    files = recent.recent_files()
    assert files[0] == tmp_path / "3.toml"
    assert len(files) == recent.MAX_RECENT == len(set(files))


def test_broken_recent_list_counts_as_empty(isolated_home: Path) -> None:
    target = isolated_home / "state" / "recent.json"
    target.parent.mkdir(parents=True)
    target.write_text("{not json", encoding="utf-8")
    assert recent.recent_files() == []
    target.write_text('{"a": 1}', encoding="utf-8")
    assert recent.recent_files() == []
