"""The core of the wizard's review cycle: EditSession marks a category reviewed and clears it,
removes a decided merge conflict and adds the history entry of a new version;
``categories_due`` names the categories the sidebar marks, by the rule of ``validate``.

Every test runs on the fixed day ``conftest.TODAY`` (2025-06-01) unless it sets another one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tomwizard import clock
from tomwizard.answers.check import check_document
from tomwizard.answers.model import HistoryEntry
from tomwizard.answers.upkeep import Conflict
from tomwizard.answers.upkeep_check import categories_due
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document, parse_document
from tomwizard.session import EditSession

TODAY = dt.date(2025, 6, 1)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that ``before`` does not have (the file is written in a fixed
    order, so an edit shows as the lines it adds)."""
    old = before.splitlines()
    return [line for line in after.splitlines() if line not in old]


def test_marking_a_category_reviewed_writes_only_its_date(
    catalogue: Catalogue, complete_file: Path
) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.save()  # as the app writes it (the schema line first)
    before = complete_file.read_text("utf-8")
    assert session.mark_reviewed("zugangskontrolle") == TODAY
    assert session.dirty and session.revision == 1
    session.save()
    after = complete_file.read_text("utf-8")
    assert changed_lines(before, after) == [
        "[categories.zugangskontrolle]",
        "reviewed = 2025-06-01",
    ]
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == []
    loaded = load_document(complete_file, catalogue).document
    assert loaded.categories["zugangskontrolle"].reviewed == TODAY


def test_marking_a_category_without_answers_creates_only_its_date(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = EditSession.new(tmp_path / "neu.toml", catalogue)
    session.save()
    before = session.path.read_text("utf-8")
    session.mark_reviewed("zutrittskontrolle", dt.date(2025, 3, 4))
    session.save()
    added = changed_lines(before, session.path.read_text("utf-8"))
    assert added == ["[categories.zutrittskontrolle]", "reviewed = 2025-03-04"]


def test_marking_again_on_the_same_day_changes_nothing(
    catalogue: Catalogue, complete_file: Path
) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.mark_reviewed("zugangskontrolle")
    session.save()
    session.mark_reviewed("zugangskontrolle")
    assert not session.dirty
    session.mark_reviewed("zugangskontrolle", dt.date(2025, 6, 2))
    assert session.dirty
    assert session.answers("zugangskontrolle").reviewed == dt.date(2025, 6, 2)


def test_the_day_comes_from_the_clock(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 2, 28))
    session = EditSession.open(complete_file, catalogue)
    assert session.mark_reviewed("organisation") == dt.date(2027, 2, 28)


def test_clearing_the_review_date(catalogue: Catalogue, complete_file: Path) -> None:
    session = EditSession.open(complete_file, catalogue)
    session.save()
    before = complete_file.read_text("utf-8")
    assert session.clear_reviewed("zugangskontrolle") is False
    assert session.clear_reviewed("no-such-category") is False
    assert not session.dirty
    session.mark_reviewed("zugangskontrolle")
    assert session.clear_reviewed("zugangskontrolle") is True
    assert session.answers("zugangskontrolle").reviewed is None
    session.save()
    assert complete_file.read_text("utf-8") == before


def with_conflicts(path: Path) -> None:
    text = path.read_text("utf-8").replace(
        "\n[history.",
        '\n[[conflicts]]\nkey = "document.version"\nbase = \'"1.0"\'\nours = \'"1.1"\'\n'
        "theirs = '\"1.2\"'\n\n"
        '[[conflicts]]\nkey = "categories.zugangskontrolle.measures.mfa.status"\n'
        "ours = '\"implemented\"'\ntheirs = '\"planned\"'\n\n[history.",
        1,
    )
    path.write_text(text, encoding="utf-8")


def test_a_decided_conflict_is_removed(catalogue: Catalogue, complete_file: Path) -> None:
    with_conflicts(complete_file)
    session = EditSession.open(complete_file, catalogue)
    assert [c.key for c in session.document.conflicts] == [
        "document.version",
        "categories.zugangskontrolle.measures.mfa.status",
    ]
    removed = session.remove_conflict(0)
    assert removed == Conflict(key="document.version", base='"1.0"', ours='"1.1"', theirs='"1.2"')
    assert session.dirty
    session.save()
    loaded = load_document(complete_file, catalogue).document
    assert [c.key for c in loaded.conflicts] == ["categories.zugangskontrolle.measures.mfa.status"]
    assert loaded.document.version == "1.1", "the value itself is the user's to edit"
    with pytest.raises(IndexError):
        session.remove_conflict(1)
    session.remove_conflict(0)
    session.save()
    assert "conflicts" not in complete_file.read_text("utf-8")


def test_a_new_version_gets_an_entry_without_text(
    catalogue: Catalogue, complete_file: Path
) -> None:
    session = EditSession.open(complete_file, catalogue)
    entry = session.record_version("1.2")
    assert entry == HistoryEntry(date=dt.date(2025, 4, 15), author="Erika Muster")
    assert list(session.document.history) == ["1.0", "1.1", "1.2"]
    assert session.document.history["1.2"].changes == ""
    assert session.dirty


def test_an_existing_version_is_never_replaced(catalogue: Catalogue, complete_file: Path) -> None:
    session = EditSession.open(complete_file, catalogue)
    history = dict(session.document.history)
    assert session.record_version("1.1") is None
    assert session.record_version("1.0") is None
    assert session.document.history == history
    assert not session.dirty


@pytest.mark.parametrize("version", ["", "1.2\n1.3", "1.\x1b2"])
def test_a_version_the_history_cannot_hold_gets_no_entry(
    catalogue: Catalogue, complete_file: Path, version: str
) -> None:
    session = EditSession.open(complete_file, catalogue)
    assert session.record_version(version) is None
    assert list(session.document.history) == ["1.0", "1.1"]


def test_without_a_document_date_the_entry_is_dated_today(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = EditSession.new(tmp_path / "neu.toml", catalogue)
    assert session.document.document.date is None
    entry = session.record_version("1.0")
    assert entry is not None and entry.date == TODAY
    session.save()
    text = session.path.read_text("utf-8")
    assert '[history."1.0"]\ndate = 2025-06-01\n' in text
    assert "changes" not in text


# -- categories due for review ------------------------------------------------------------------

HEAD = 'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n'
BODY = """
[document]
date = 2024-01-10
review_interval_months = 12

[categories.organisation]
reviewed = 2025-05-01

[categories.organisation.answers]
standorte = ["buero"]

[categories.zugangskontrolle]
reviewed = 2025-02-01

[categories.zugangskontrolle.measures.passwortrichtlinie]
status = "implemented"
parameters = { mindestlaenge = 12 }

[categories.zutrittskontrolle.measures.schliesssystem]
status = "implemented"

[categories.ueberpruefung]
reviewed = 2020-01-01
"""


def due(body: str, catalogue: Catalogue) -> set[str]:
    document = parse_document((HEAD + body).encode(), "x.toml", catalogue).document
    return categories_due(document, catalogue)


def test_categories_due_are_those_validate_warns_about(catalogue: Catalogue) -> None:
    """zutrittskontrolle: never reviewed, the document's date more than 12 months ago;
    organisation and zugangskontrolle: reviewed recently; ueberpruefung: reviewed long ago but
    nothing answered (nothing to review)."""
    assert due(BODY, catalogue) == {"zutrittskontrolle"}
    document = parse_document((HEAD + BODY).encode(), "x.toml", catalogue)
    warned = [
        p.key
        for p in check_document(document.document, catalogue, document.source, lang="de")
        if p.key.startswith("categories.")
    ]
    assert warned == ["categories.zutrittskontrolle"]


def test_categories_due_follow_the_day(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 2, 1))
    assert due(BODY, catalogue) == {"zutrittskontrolle"}
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 2, 2))
    assert due(BODY, catalogue) == {"zutrittskontrolle", "zugangskontrolle"}
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 2))
    assert due(BODY, catalogue) == {"organisation", "zutrittskontrolle", "zugangskontrolle"}
    monkeypatch.setattr(clock, "today", lambda: dt.date(2024, 2, 1))
    assert due(BODY, catalogue) == set()


def test_no_interval_nothing_due(catalogue: Catalogue) -> None:
    assert due(BODY.replace("review_interval_months = 12\n", ""), catalogue) == set()


# -- what reaches the annex ---------------------------------------------------------------------


def annex_lines(session: EditSession, tmp_path: Path, style: str) -> list[str]:
    """The text of the annex ``session``'s document exports to, line by line."""
    from tomwizard.export.exporter import export_document
    from tomwizard.export.verify import document_text

    out = tmp_path / f"annex-{style}.docx"
    export_document(session.snapshot(), session.catalogue, out, template=style, today=TODAY)
    return document_text(out.read_bytes()).splitlines()


@pytest.mark.parametrize("style", ["anlage", "prosa", "tabelle"])
def test_review_dates_and_conflicts_never_reach_the_annex(
    catalogue: Catalogue, complete_file: Path, tmp_path: Path, style: str
) -> None:
    with_conflicts(complete_file)
    session = EditSession.open(complete_file, catalogue)
    before = annex_lines(session, tmp_path, style)
    for category in catalogue.categories:
        session.mark_reviewed(category.id, dt.date(2025, 5, 20))
    session.remove_conflict(0)
    assert annex_lines(session, tmp_path, style) == before
    assert not any("20.05.2025" in line for line in before)


@pytest.mark.parametrize("style", ["anlage", "prosa", "tabelle"])
def test_a_new_version_adds_its_row_and_no_words(
    catalogue: Catalogue, complete_file: Path, tmp_path: Path, style: str
) -> None:
    """The entry of a new version prints its version, date and author; without a text it
    prints no text at all (no empty sentence, nothing made up)."""
    session = EditSession.open(complete_file, catalogue)
    before = annex_lines(session, tmp_path, style)
    session.record_version("1.2")
    after = annex_lines(session, tmp_path, style)
    added = Counter(after) - Counter(before)
    assert added == Counter(["1.2", "15.04.2025", "Erika Muster", ""])
    assert Counter(before) - Counter(after) == Counter()
    row = after.index("1.2")  # a row of the history table, its cell "Änderungen" left empty
    assert after[row : row + 4] == ["1.2", "15.04.2025", "Erika Muster", ""]
