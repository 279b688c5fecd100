"""The upkeep lines of the wizard's review screen, without the screen: what is due comes from
``check_upkeep`` (one rule for validate and the wizard), each conflict is named in words with
where to jump, and a conflict key of any shape is shown safely."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tomwizard import clock
from tomwizard.answers.check import check_document
from tomwizard.answers.upkeep import Conflict
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.disk.storage import load_document
from tomwizard.tui.upkeep_items import UpkeepItem, key_path, upkeep_items


def items_for(
    path: Path, catalogue: Catalogue, keys: list[str], lang: Language = "de"
) -> list[UpkeepItem]:
    document = load_document(path, catalogue).document
    document.conflicts = [Conflict(key=key, ours='"x"', theirs="") for key in keys]
    return upkeep_items(document, catalogue, lang)


@pytest.mark.parametrize(
    ("key", "german", "english", "target"),
    [
        ("document.version", "Dokument › Version", "Document › Version", "details"),
        (
            "document.controller.name",
            "Dokument › Auftraggeber › Name",
            "Document › Controller › Name",
            "details",
        ),
        (
            'history."1.1".changes',
            "Änderungshistorie › Version 1.1 › Änderungen",
            "Change history › Version 1.1 › Changes",
            "details",
        ),
        (
            "categories.zugangskontrolle.measures.mfa.status",
            "Zugangskontrolle › Mehr-Faktor-Authentisierung › Status",
            "System access control › Multi-factor authentication › Status",
            ("zugangskontrolle", "mfa"),
        ),
        (
            "categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge",
            "Zugangskontrolle › Passwortrichtlinie › Mindestlänge",
            "System access control › Password policy › Minimum length",
            ("zugangskontrolle", "passwortrichtlinie"),
        ),
        (
            "categories.zugangskontrolle.custom.notfallzugang.label",
            "Zugangskontrolle › Notfallzugänge im Passwort-Tresor › Bezeichnung",
            "System access control › Notfallzugänge im Passwort-Tresor › Label",
            ("zugangskontrolle", "notfallzugang"),
        ),
        (
            "categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1.standort",
            "Verfügbarkeitskontrolle › In welchen Rechenzentren werden die Daten gespeichert? – "
            "Eintrag rz1",
            "Availability control › In which data centres is the data stored? – entry rz1",
            ("verfuegbarkeitskontrolle", "rechenzentren"),
        ),
        (
            "categories.organisation.note",
            "Organisation und Infrastruktur › Interne Notiz",
            "Organisation and infrastructure › Internal note",
            ("organisation", None),
        ),
        ("categories", "categories", "categories", None),
        ("silenced.x.reason", "silenced.x.reason", "silenced.x.reason", None),
        ("not a key", "not a key", "not a key", None),
    ],
)
def test_a_conflict_is_named_in_words_and_leads_to_its_place(
    catalogue: Catalogue,
    complete_file: Path,
    key: str,
    german: str,
    english: str,
    target: object,
) -> None:
    languages: tuple[tuple[Language, str], ...] = (("de", german), ("en", english))
    for lang, words in languages:
        (item,) = items_for(complete_file, catalogue, [key], lang)
        assert item.kind == "conflict" and item.conflict == 0
        assert item.place == words
        absent = "(nicht vorhanden)" if lang == "de" else "(absent)"
        assert item.text.endswith(
            f'"x", {"andere Seite" if lang == "de" else "other side"} {absent}'
        )
    if target == "details":
        assert item.details and item.category_id is None
    elif target is None:
        assert not item.jumps
    else:
        assert (item.category_id, item.item_id) == target


def test_what_is_due_is_what_validate_warns_about(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 1))
    loaded = load_document(complete_file, catalogue)
    document = loaded.document
    document.document.review_interval_months = 6
    document.conflicts = [Conflict(key="document.version", ours='"1.1"', theirs='"1.2"')]
    items = upkeep_items(document, catalogue, "de")
    warned = check_document(document, catalogue, loaded.source, lang="de")
    assert [i.text for i in items if i.kind != "conflict"] == [
        p.message for p in warned if not p.key.startswith("conflicts")
    ]
    kinds = [(i.kind, i.category_id, i.item_id, i.details) for i in items]
    assert kinds == [
        ("review", None, None, True),  # the next review date
        ("review", "organisation", None, False),
        ("review", "zutrittskontrolle", None, False),
        ("planned", "zutrittskontrolle", "alarmanlage", False),
        ("review", "zugangskontrolle", None, False),
        ("review", "verfuegbarkeitskontrolle", None, False),
        ("review", "ueberpruefung", None, False),
        ("conflict", None, None, True),
    ]


@pytest.mark.parametrize(
    "key",
    [
        "a = 1 #",  # TOML that is more than a key
        "a.b = 2\nc",
        "[a]",
        '"unterminated',
        "x." * 5000 + "y",  # too long to be read as TOML: shown as it is
        "\x1b]0;title\x07",
    ],
)
def test_an_odd_conflict_key_is_shown_safely(
    catalogue: Catalogue, complete_file: Path, key: str
) -> None:
    start = time.monotonic()
    (item,) = items_for(complete_file, catalogue, [key])
    assert time.monotonic() - start < 2
    assert not item.jumps
    assert "\x1b" not in item.text and "\n" not in item.text and "\x07" not in item.text
    assert len(item.place) <= 60


def test_key_path_reads_quoted_parts() -> None:
    assert key_path('history."1.1".changes') == ("history", "1.1", "changes")
    assert key_path("categories.'a b'.note") == ("categories", "a b", "note")
    assert key_path("a = 1 #") == ()
    assert key_path("") == ()
    assert key_path("true") == ("true",)
