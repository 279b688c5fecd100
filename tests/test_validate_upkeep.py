"""Upkeep warnings of ``validate`` (review cycle, overdue target dates, merge conflicts), its
``--strict`` exit codes and its ``--format json|github|sarif`` output.

Every test runs on the fixed day ``conftest.TODAY`` (2025-06-01) unless it sets another one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from tomwizard import clock
from tomwizard.answers.check import check_document
from tomwizard.answers.upkeep_check import add_months
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.cli import main
from tomwizard.disk.storage import load_document, parse_document

NAME = "answers.toml"
HEAD = 'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n'
"""Four lines; a body appended to it starts on line 5."""
PASSWORD = (
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "implemented"\n'
    "parameters = { mindestlaenge = 12 }\n"
)
"""An answered category that always applies (three lines)."""


def warnings_of(body: str, catalogue: Catalogue, lang: Language = "de") -> list[str]:
    """The warnings of HEAD + ``body`` as printed, their words in ``lang``."""
    loaded = parse_document((HEAD + body).encode(), NAME, catalogue)
    problems = check_document(loaded.document, catalogue, loaded.source, lang=lang)
    assert all(p.severity == "warning" for p in problems)
    return [str(p) for p in problems]


# -- next review --------------------------------------------------------------------------------


def test_passed_next_review_warns_on_its_line(catalogue: Catalogue) -> None:
    body = "[document]\nnext_review = 2025-05-31\n"
    assert warnings_of(body, catalogue) == [
        f"{NAME}:6: document.next_review: warning: Die nächste Überprüfung war am 31.05.2025 "
        "fällig; die Maßnahmen überprüfen und ein neues Datum eintragen"
    ]
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:6: document.next_review: warning: the next review was due on 2025-05-31; "
        "review the measures and set a new date"
    ]


@pytest.mark.parametrize("day", ["2025-06-01", "2026-01-01"])
def test_next_review_today_or_later_does_not_warn(catalogue: Catalogue, day: str) -> None:
    assert warnings_of(f"[document]\nnext_review = {day}\n", catalogue) == []


def test_the_day_comes_from_the_clock(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "[document]\nnext_review = 2025-07-01\n"
    assert warnings_of(body, catalogue) == []
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 7, 2))
    assert len(warnings_of(body, catalogue)) == 1


# -- categories within the review interval ------------------------------------------------------


def test_no_interval_no_category_warnings(catalogue: Catalogue) -> None:
    body = "[document]\ndate = 2020-01-01\n" + PASSWORD
    assert warnings_of(body, catalogue) == []


def test_category_reviewed_too_long_ago_warns_at_reviewed(catalogue: Catalogue) -> None:
    body = (
        "[document]\nreview_interval_months = 12\n"
        "[categories.zugangskontrolle]\nreviewed = 2024-05-31\n" + PASSWORD
    )
    assert warnings_of(body, catalogue) == [
        f"{NAME}:8: categories.zugangskontrolle.reviewed: warning: Zugangskontrolle: zuletzt am "
        "31.05.2024 geprüft, vor mehr als 12 Monaten (Prüfintervall); die Kategorie prüfen und "
        "das Datum eintragen"
    ]
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:8: categories.zugangskontrolle.reviewed: warning: System access control: last "
        "reviewed on 2024-05-31, more than 12 months ago (review interval); review the category "
        "and record the date"
    ]


def test_category_reviewed_within_the_interval_does_not_warn(catalogue: Catalogue) -> None:
    """Exactly the interval ago is still in time (due today, not overdue)."""
    body = (
        "[document]\nreview_interval_months = 12\ndate = 2020-01-01\n"
        "[categories.zugangskontrolle]\nreviewed = 2024-06-01\n" + PASSWORD
    )
    assert warnings_of(body, catalogue) == []


def test_own_review_date_wins_over_the_documents(catalogue: Catalogue) -> None:
    body = (
        "[document]\nreview_interval_months = 6\nlast_review = 2024-01-01\n"
        "[categories.zugangskontrolle]\nreviewed = 2025-05-01\n" + PASSWORD
    )
    assert warnings_of(body, catalogue) == []


def test_documents_last_review_counts_for_categories_without_their_own(
    catalogue: Catalogue,
) -> None:
    body = "[document]\nreview_interval_months = 3\nlast_review = 2025-02-28\n" + PASSWORD
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:8: categories.zugangskontrolle: warning: System access control: not reviewed "
        "on its own, and the document's last review (2025-02-28) is more than 3 months ago "
        "(review interval); review the category and record the date"
    ]
    recent = "[document]\nreview_interval_months = 3\nlast_review = 2025-03-01\n" + PASSWORD
    assert warnings_of(recent, catalogue) == []


def test_documents_date_counts_without_any_review(catalogue: Catalogue) -> None:
    body = "[document]\nreview_interval_months = 12\ndate = 2024-04-15\n" + PASSWORD
    assert warnings_of(body, catalogue) == [
        f"{NAME}:8: categories.zugangskontrolle: warning: Zugangskontrolle: noch nie geprüft, "
        "und das Datum des Dokuments (15.04.2024) liegt mehr als 12 Monate zurück "
        "(Prüfintervall); die Kategorie prüfen und das Datum eintragen"
    ]


def test_never_reviewed_and_undated_warns(catalogue: Catalogue) -> None:
    body = "[document]\nreview_interval_months = 12\n" + PASSWORD
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:7: categories.zugangskontrolle: warning: System access control: never reviewed "
        "(review interval 12 months); review the category and record the date"
    ]


def test_only_categories_that_apply_and_have_answers_are_due(catalogue: Catalogue) -> None:
    """Zutrittskontrolle applies only with an office or server room; an empty category table
    and a category with only an internal note have nothing to review."""
    body = (
        "[document]\nreview_interval_months = 12\ndate = 2020-01-01\n"
        "[categories.organisation]\nreviewed = 2025-01-01\n"
        'answers = { standorte = ["homeoffice"] }\n'
        '[categories.zutrittskontrolle.measures.schliesssystem]\nstatus = "implemented"\n'
        '[categories.verfuegbarkeitskontrolle]\nnote = "nur intern"\n'
    )
    assert warnings_of(body, catalogue) == []


def test_add_months_keeps_the_end_of_the_month() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)
    assert add_months(dt.date(2025, 6, 1), 120) == dt.date(2035, 6, 1)
    assert add_months(dt.date(9999, 6, 1), 12) == dt.date.max


# -- planned measures past their target date ------------------------------------------------------


def test_planned_measure_past_its_target_date_warns(catalogue: Catalogue) -> None:
    body = (
        '[categories.zugangskontrolle.measures.mfa]\nstatus = "planned"\ntarget_date = 2025-05-31\n'
    )
    assert warnings_of(body, catalogue) == [
        f"{NAME}:7: categories.zugangskontrolle.measures.mfa.target_date: warning: "
        "Mehr-Faktor-Authentisierung: geplant bis 31.05.2025, der Termin ist überschritten; die "
        "Maßnahme umsetzen oder einen neuen Zieltermin eintragen"
    ]


@pytest.mark.parametrize(
    "state",
    [
        'status = "planned"\ntarget_date = 2025-06-01\n',  # due today
        'status = "implemented"\ntarget_date = 2020-01-01\n',  # done: an old date is kept
        'status = "not_applicable"\nreason = "x"\ntarget_date = 2020-01-01\n',
    ],
)
def test_measure_in_time_or_not_planned_does_not_warn(catalogue: Catalogue, state: str) -> None:
    body = "[categories.zugangskontrolle.measures.mfa]\n" + state
    assert warnings_of(body, catalogue) == []


def test_own_measure_past_its_target_date_warns_with_its_label(catalogue: Catalogue) -> None:
    body = (
        "[categories.zugangskontrolle.custom.tresor]\n"
        'label = "Passwort-Tresor"\nlabel_en = "Password safe"\n'
        'status = "planned"\ntarget_date = 2025-01-01\n'
    )
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:9: categories.zugangskontrolle.custom.tresor.target_date: warning: "
        "Password safe: planned by 2025-01-01, which has passed; implement the measure or set a "
        "new target date"
    ]
    assert "Passwort-Tresor: geplant bis 01.01.2025" in warnings_of(body, catalogue)[0]


def test_hidden_measures_are_not_reported(catalogue: Catalogue) -> None:
    """Only what the annex prints: the server room measure needs a server room, and the whole
    category an office or a server room."""
    planned = 'status = "planned"\ntarget_date = 2025-01-01\n'
    body = (
        '[categories.organisation.answers]\nstandorte = ["buero"]\n'
        "[categories.zutrittskontrolle.measures.serverraum_gesichert]\n"
        + planned
        + '[categories.zutrittskontrolle.custom.pforte]\nlabel = "Pforte"\n'
        + planned
    )
    assert [w.split(": ")[1] for w in warnings_of(body, catalogue)] == [
        "categories.zutrittskontrolle.custom.pforte.target_date"
    ]
    shown = body.replace('["buero"]', '["serverraum"]')
    assert [w.split(": ")[1] for w in warnings_of(shown, catalogue)] == [
        "categories.zutrittskontrolle.measures.serverraum_gesichert.target_date",
        "categories.zutrittskontrolle.custom.pforte.target_date",
    ]
    hidden = body.replace('["buero"]', '["homeoffice"]')
    assert warnings_of(hidden, catalogue) == []


# -- merge conflicts -------------------------------------------------------------------------------


def test_each_conflict_is_a_warning_on_its_entry(catalogue: Catalogue) -> None:
    body = (
        "[[conflicts]]\n"
        'key = "categories.zugangskontrolle.measures.mfa.status"\n'
        "base = '\"planned\"'\nours = '\"implemented\"'\ntheirs = '\"not_applicable\"'\n"
        "\n[[conflicts]]\n"
        'key = "document.title"\nbase = "\'A\'"\nours = "\'B\'"\n'
    )
    assert warnings_of(body, catalogue, "en") == [
        f"{NAME}:5: conflicts[0]: warning: merge conflict at "
        'categories.zugangskontrolle.measures.mfa.status: kept "implemented", the other side '
        'had "not_applicable"; decide and remove the entry',
        f"{NAME}:11: conflicts[1]: warning: merge conflict at document.title: kept 'B', the "
        "other side had (absent); decide and remove the entry",
    ]
    assert warnings_of(body, catalogue)[1] == (
        f"{NAME}:11: conflicts[1]: warning: Konflikt beim Zusammenführen (merge) bei "
        "document.title: behalten wurde 'B', die andere Seite hatte (nicht vorhanden); "
        "entscheiden und den Eintrag entfernen"
    )


def test_conflict_values_cannot_reach_the_terminal_raw(catalogue: Catalogue) -> None:
    """Values are user text: escape sequences and line breaks are shown, long ones cut."""
    body = (
        "[[conflicts]]\n"
        'key = "document.title"\n'
        'ours = "\\u001b[31mrot\\u001b[0m\\nzweite Zeile\\u202e"\n'
        f'theirs = "{"x" * 500}"\n'
    )
    (warning,) = warnings_of(body, catalogue, "en")
    assert "\x1b" not in warning and "\n" not in warning and "\u202e" not in warning
    assert "kept \\u001b[31mrot\\u001b[0m\\nzweite Zeile\\u202e," in warning
    assert f"had {'x' * 59}…;" in warning


def test_a_document_without_any_of_this_has_no_upkeep_warnings(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """The fixture document is current on the tests' day; the same file a year later is not."""
    assert parse_document(complete_file.read_bytes(), NAME, catalogue).warnings == ()


# -- the command: --strict ------------------------------------------------------------------------


def _without(path: Path, line: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert f"{line}\n" in text
    path.write_text(text.replace(f"{line}\n", ""), encoding="utf-8")
    return path


def test_strict_passes_a_complete_document_without_warnings(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(complete_file)]) == 0
    plain = capsys.readouterr()
    assert main(["validate", "--strict", str(complete_file)]) == 0
    assert capsys.readouterr() == plain
    assert plain.err == ""


def test_strict_fails_on_a_warning(
    complete_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 10, 1))  # the alarm: 2025-09-30
    assert main(["validate", str(complete_file)]) == 0
    plain = capsys.readouterr()
    warning = (
        f"{complete_file}:76: categories.zutrittskontrolle.measures.alarmanlage.target_date: "
        "Warnung: Alarmanlage: geplant bis 30.09.2025, der Termin ist überschritten; die "
        "Maßnahme umsetzen oder einen neuen Zieltermin eintragen"
    )
    assert plain.err.splitlines() == [warning]
    assert plain.out.startswith(f"{complete_file}: gültig (Katalog tomwizard 0.1.0, 1 Warnung)\n")
    assert main(["validate", "--strict", str(complete_file)]) == 1
    strict = capsys.readouterr()
    assert strict.out == plain.out  # the summary is the same
    assert strict.err.splitlines() == [
        warning,
        f"{complete_file}: --strict nicht bestanden: 1 Warnung",
    ]
    assert main(["validate", "--strict", "--lang", "en", str(complete_file)]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"{complete_file}: fails --strict: 1 warning"


def test_strict_fails_on_a_final_document_missing_required_answers(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _without(complete_file, "letzte_pruefung = 2025-02-10")
    assert main(["validate", str(complete_file)]) == 0  # valid, only incomplete
    assert capsys.readouterr().err == ""
    assert main(["validate", "--strict", "--lang", "en", str(complete_file)]) == 1
    line = (
        complete_file.read_text(encoding="utf-8")
        .splitlines()
        .index("[categories.ueberpruefung.answers]")
    )
    assert capsys.readouterr().err.splitlines() == [
        f"{complete_file}:{line + 1}: categories.ueberpruefung.answers.letzte_pruefung: "
        "Regular review: 'When were the measures last reviewed?' has no answer",
        f"{complete_file}: fails --strict: marked final, but 1 required answer is missing",
    ]
    draft = complete_file.read_text(encoding="utf-8").replace(
        'status = "final"', 'status = "draft"'
    )
    complete_file.write_text(draft, encoding="utf-8")
    assert main(["validate", "--strict", str(complete_file)]) == 0  # a draft may be incomplete


def test_strict_names_a_missing_value_once(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A required value of a decided measure is a warning already; --strict does not repeat it
    as an error of the final document."""
    _without(complete_file, "mindestlaenge = 12")
    assert main(["validate", "--strict", str(complete_file)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if "Mindestlänge" in line]) == 1
    assert err[-1] == f"{complete_file}: --strict nicht bestanden: 1 Warnung"


def test_conflicts_are_shown_by_validate(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = complete_file.read_text(encoding="utf-8").replace(
        "\n[history.",
        '\n[[conflicts]]\nkey = "document.version"\nbase = \'"1.0"\'\n'
        "ours = '\"1.1\"'\ntheirs = '\"1.2\"'\n\n[history.",
        1,
    )
    complete_file.write_text(text, encoding="utf-8")
    assert main(["validate", "--lang", "en", str(complete_file)]) == 0
    line = text.splitlines().index("[[conflicts]]") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"{complete_file}:{line}: conflicts[0]: warning: merge conflict at document.version: "
        'kept "1.1", the other side had "1.2"; decide and remove the entry'
    ]
    assert main(["validate", "--strict", str(complete_file)]) == 1


# -- the command: --format ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schema"


def _validate_json(data: object) -> None:
    """Check ``data`` against validate.schema.json, which refers to findings.schema.json."""
    validate_schema = json.loads((SCHEMAS / "validate.schema.json").read_text("utf-8"))
    findings = json.loads((SCHEMAS / "findings.schema.json").read_text("utf-8"))
    base = validate_schema["$id"].rpartition("/")[0]
    registry = Registry().with_resources(
        [
            (validate_schema["$id"], Resource.from_contents(validate_schema)),
            (f"{base}/findings.schema.json", Resource.from_contents(findings)),
        ]
    )
    jsonschema.Draft202012Validator(validate_schema, registry=registry).validate(data)


@pytest.fixture
def two_files(complete_file: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A valid file with one warning (a passed target date) and an invalid one, named relative
    to the working directory as CI names them."""
    monkeypatch.chdir(complete_file.parent)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 10, 1))  # the alarm: 2025-09-30
    broken = complete_file.with_name("broken.toml")
    broken.write_text(
        complete_file.read_text("utf-8").replace("bildschirmsperre = 5", 'bildschirmsperre = "5"'),
        encoding="utf-8",
    )
    return Path(complete_file.name), Path(broken.name)


def test_json_has_the_findings_and_each_files_completeness(
    two_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good, broken = two_files
    assert main(["validate", "--format", "json", "--lang", "en", str(good), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    _validate_json(data)
    assert [(f["file"], f["severity"], f["key"]) for f in data["findings"]] == [
        (
            "complete.toml",
            "warning",
            "categories.zutrittskontrolle.measures.alarmanlage.target_date",
        ),
        (
            "broken.toml",
            "warning",
            "categories.zutrittskontrolle.measures.alarmanlage.target_date",
        ),
        ("broken.toml", "error", "categories.zugangskontrolle.answers.bildschirmsperre"),
    ]
    assert data["findings"][0]["message"].startswith("Intruder alarm: planned by 2025-09-30")
    first, second = data["files"]
    assert second == {"file": "broken.toml", "valid": False}
    assert first["valid"] and first["status"] == "final" and first["complete"]
    assert (first["required"], first["required_answered"]) == (5, 5)
    access = next(c for c in first["categories"] if c["id"] == "zugangskontrolle")
    assert access == {
        "id": "zugangskontrolle",
        "title": "System access control",
        "applies": True,
        "answered": 2,
        "shown": 2,
        "required": 1,
        "required_answered": 1,
        "missing": [],
    }


def test_json_of_an_incomplete_final_document_under_strict(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _without(complete_file, "letzte_pruefung = 2025-02-10")
    assert main(["validate", "--format", "json", str(complete_file)]) == 0
    data = json.loads(capsys.readouterr().out)
    _validate_json(data)
    assert data["findings"] == []
    (entry,) = data["files"]
    assert not entry["complete"] and entry["required_answered"] == 4
    review = next(c for c in entry["categories"] if c["id"] == "ueberpruefung")
    assert review["missing"] == ["Wann wurden die Maßnahmen zuletzt überprüft?"]
    assert main(["validate", "--format", "json", "--strict", str(complete_file)]) == 1
    data = json.loads(capsys.readouterr().out)
    _validate_json(data)
    assert [(f["severity"], f["key"]) for f in data["findings"]] == [
        ("error", "categories.ueberpruefung.answers.letzte_pruefung")
    ]


def test_github_prints_only_workflow_commands(
    two_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good, broken = two_files
    assert main(["validate", "--format", "github", str(good), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=complete.toml,line=76,title=categories.zutrittskontrolle.measures."
        "alarmanlage.target_date::Alarmanlage: geplant bis 30.09.2025, der Termin ist "
        "überschritten; die Maßnahme umsetzen oder einen neuen Zieltermin eintragen"
    )
    assert lines[1].startswith("::warning file=broken.toml,line=76,")
    assert lines[2].startswith(
        "::error file=broken.toml,line=86,title=categories.zugangskontrolle.answers."
        "bildschirmsperre::erwartet eine Zahl, gefunden: Zeichenkette '5'"  # the words: German
    )
    assert len(lines) == 3
    assert main(["validate", "--format", "github", str(good)]) == 0
    assert main(["validate", "--format", "github", "--strict", str(good)]) == 1


def test_sarif_is_a_valid_log(
    two_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from sarif_log import assert_valid_sarif

    good, broken = two_files
    assert main(["validate", "--format", "sarif", str(good), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    log = json.loads(out)
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert [
        (r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ] == [
        ("warning", 76),
        ("warning", 76),
        ("error", 86),
    ]
    location = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "complete.toml", "uriBaseId": "%SRCROOT%"}


# -- the wizard ---------------------------------------------------------------------------------


async def test_the_wizard_opens_a_document_with_upkeep_warnings(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warnings do not stop the wizard: the document opens on its main screen, the session
    keeps the warnings, and saving keeps the conflict for the user to decide."""
    from tomwizard.tui.app import TomWizardApp
    from tomwizard.tui.screens.main import MainScreen

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 1))
    text = complete_file.read_text("utf-8").replace(
        "\n[history.", '\n[[conflicts]]\nkey = "document.version"\n\n[history.', 1
    )
    complete_file.write_text(text, encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main_screen = app.screen
        assert isinstance(main_screen, MainScreen)
        keys = [w.key for w in main_screen.session.warnings]
        assert keys == ["document.next_review", "conflicts[0]", *keys[2:]]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not main_screen.session.dirty
    assert load_document(complete_file, catalogue).document.conflicts[0].key == "document.version"
