"""``tomwizard diff``: the semantic comparison of two answers files (every kind of change, no
change, reordering and reformatting are no change) and the command (formats, stdin, exit
codes)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.changes import Change, compare
from tomwizard.cli import main
from tomwizard.disk.storage import parse_document

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
BASE: dict[str, Any] = tomllib.loads(COMPLETE)


def _document(data: dict[str, Any], catalogue: Catalogue) -> AnswersDocument:
    return parse_document(tomli_w.dumps(data).encode(), "x.toml", catalogue).document


def _changes(catalogue: Catalogue, edit: Callable[[dict[str, Any]], None]) -> list[Change]:
    data = copy.deepcopy(BASE)
    edit(data)
    return compare(_document(BASE, catalogue), _document(data, catalogue), catalogue)


def _only(changes: list[Change]) -> Change:
    assert len(changes) == 1, changes
    return changes[0]


# -- no change ---------------------------------------------------------------------------------


def test_a_document_equals_itself(catalogue: Catalogue) -> None:
    document = _document(BASE, catalogue)
    assert compare(document, document, catalogue) == []


def test_reordering_and_reformatting_are_no_change(catalogue: Catalogue) -> None:
    # tables in another order, keys in another order, inline tables, other quoting, comments,
    # the versions of tomwizard and catalogue that saved it
    text = COMPLETE.replace('tomwizard_version = "0.1.0"', 'tomwizard_version = "9.9.9"')
    text = text.replace('version = "0.1.0"', "version = '0.0.9'  # older catalogue")
    blocks = text.split("\n\n")
    head, rest = blocks[0], blocks[1:]
    reordered = "\n\n".join([head, *reversed(rest)])
    reordered = reordered.replace(
        '[categories.zugangskontrolle.measures.mfa]\nstatus = "implemented"',
        '[categories.zugangskontrolle.measures.mfa]\n# a comment\n"status"   =   "implemented"',
    )
    old = parse_document(COMPLETE.encode(), "old.toml", catalogue).document
    new = parse_document(reordered.encode(), "new.toml", catalogue).document
    assert reordered != COMPLETE
    assert compare(old, new, catalogue) == []


def test_an_empty_entry_is_no_entry(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["categories"]["zugangskontrolle"]["measures"]["sperre"] = {}
        data["categories"]["ueberpruefung"]["custom"] = {}
        data["categories"]["leer"] = {}

    assert _changes(catalogue, edit) == []


def test_same_values() -> None:
    from tomwizard.changes.model import same

    assert same(12, 12.0)
    assert not same(True, 1)
    assert not same(0, False)
    assert same(float("nan"), float("nan"))
    assert not same(dt.date(2025, 1, 1), dt.datetime(2025, 1, 1))
    assert same(["a", "b"], ["b", "a"])
    assert not same(["a", "b"], ["a"])
    assert same({"x": 1}, {"x": 1.0})
    assert not same({"x": 1}, {"y": 1})


def test_true_is_not_one(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["categories"]["zugangskontrolle"]["measures"]["sperre"] = {
            "status": "implemented",
            "parameters": {"versuche": 1},
        }

    old = copy.deepcopy(BASE)
    edit(old)
    new = copy.deepcopy(old)
    new["categories"]["zugangskontrolle"]["measures"]["sperre"]["parameters"]["versuche"] = True
    # true is no valid number: compare the models directly, as the model keeps unknown shapes
    before = _document(old, catalogue)
    after = before.model_copy(deep=True)
    after.categories["zugangskontrolle"].measures["sperre"].parameters["versuche"] = True
    change = _only(compare(before, after, catalogue))
    assert (change.old, change.new) == (1, True)


# -- measures ------------------------------------------------------------------------------------


def test_measure_added(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["categories"]["zugangskontrolle"]["measures"]["sperre"] = {
            "status": "implemented",
            "parameters": {"versuche": 5},
        }

    change = _only(_changes(catalogue, edit))
    assert (change.scope, change.action, change.category, change.item) == (
        "measure",
        "added",
        "zugangskontrolle",
        "sperre",
    )
    assert change.field == ""
    assert change.old is None
    assert change.new == {"status": "implemented", "parameters": {"versuche": 5}}
    assert change.path == ("categories", "zugangskontrolle", "measures", "sperre")


def test_measure_removed(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["categories"]["zugangskontrolle"]["measures"]["mfa"]

    change = _only(_changes(catalogue, edit))
    assert (change.scope, change.action, change.item) == ("measure", "removed", "mfa")
    assert change.old == {"status": "implemented", "parameters": {"bereich": "admin"}}
    assert change.new is None


def test_status_changed_with_target_date_and_reason(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        measures = data["categories"]["zutrittskontrolle"]["measures"]
        measures["schliesssystem"].update(status="planned", target_date=dt.date(2026, 3, 31))
        measures["alarmanlage"]["status"] = "implemented"
        measures["besucherregelung"].update(status="not_applicable", reason="Kein Publikum")
        del measures["serverraum_gesichert"]["status"]

    changes = _changes(catalogue, edit)
    assert [(c.item, c.field, c.action) for c in changes] == [
        ("schliesssystem", "status", "changed"),
        ("besucherregelung", "status", "changed"),
        ("alarmanlage", "status", "changed"),
        ("serverraum_gesichert", "status", "removed"),
    ]
    planned, not_applicable, implemented, undecided = changes
    assert planned.old == {"status": "implemented"}
    assert planned.new == {"status": "planned", "target_date": dt.date(2026, 3, 31)}
    assert not_applicable.new == {"status": "not_applicable", "reason": "Kein Publikum"}
    assert implemented.old == {"status": "planned", "target_date": dt.date(2025, 9, 30)}
    assert implemented.new == {"status": "implemented"}
    assert undecided.old["status"] == "not_applicable"
    assert undecided.new == {"status": None}


def test_target_date_and_reason_alone(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        measures = data["categories"]["zutrittskontrolle"]["measures"]
        measures["alarmanlage"]["target_date"] = dt.date(2025, 12, 31)
        measures["serverraum_gesichert"]["reason"] = "Alles im Rechenzentrum."

    first, second = _changes(catalogue, edit)
    assert (first.field, first.old, first.new) == (
        "target_date",
        dt.date(2025, 9, 30),
        dt.date(2025, 12, 31),
    )
    assert first.path[-1] == "target_date"
    assert (second.field, second.action) == ("reason", "changed")


def test_parameters_changed_added_and_removed(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        measures = data["categories"]["zugangskontrolle"]["measures"]
        measures["passwortrichtlinie"]["parameters"]["mindestlaenge"] = 14
        del measures["mfa"]["parameters"]
        data["categories"]["verfuegbarkeitskontrolle"]["measures"]["backup"]["parameters"][
            "aufbewahrung"
        ] = 90

    changes = _changes(catalogue, edit)
    assert [(c.item, c.field, c.detail, c.action, c.old, c.new) for c in changes] == [
        ("passwortrichtlinie", "parameters", ("mindestlaenge",), "changed", 12, 14),
        ("mfa", "parameters", ("bereich",), "removed", "admin", None),
        ("backup", "parameters", ("aufbewahrung",), "changed", 30, 90),
    ]
    assert changes[0].path == (
        "categories",
        "zugangskontrolle",
        "measures",
        "passwortrichtlinie",
        "parameters",
        "mindestlaenge",
    )


def test_remarks_providers_and_english_versions_of_a_measure(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        measure = data["categories"]["zutrittskontrolle"]["measures"]["schliesssystem"]
        measure["note"] = "Transponder, Ausgabe am Empfang."
        measure["note_en"] = "Transponders, issued at reception."
        measure["provided_by"] = "controller"
        measure["shared"] = True

    changes = _changes(catalogue, edit)
    assert [(c.field, c.action) for c in changes] == [
        ("note", "changed"),
        ("note_en", "added"),
        ("provided_by", "added"),
        ("shared", "changed"),
    ]
    assert changes[3].old is False and changes[3].new is True


def test_own_measures(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        custom = data["categories"]["zugangskontrolle"]["custom"]
        custom["notfallzugang"]["label"] = "Notfallzugänge im Tresor"
        custom["notfallzugang"]["status"] = "planned"
        custom["vier_augen"] = {"label": "Vier-Augen-Prinzip", "status": "implemented"}

    changes = _changes(catalogue, edit)
    assert [(c.scope, c.item, c.field, c.action) for c in changes] == [
        ("custom", "notfallzugang", "status", "changed"),
        ("custom", "notfallzugang", "label", "changed"),
        ("custom", "vier_augen", "", "added"),
    ]
    assert changes[2].new == {"label": "Vier-Augen-Prinzip", "status": "implemented"}


def test_measures_in_catalogue_order_unknown_ids_after(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        measures = data["categories"]["zugangskontrolle"]["measures"]
        measures["zzz_unbekannt"] = {"status": "implemented"}
        measures["sperre"] = {"status": "implemented"}
        measures["passwortrichtlinie"]["status"] = "planned"
        data["categories"]["zutrittskontrolle"]["measures"]["besucherregelung"]["status"] = (
            "planned"
        )

    changes = _changes(catalogue, edit)
    # zutrittskontrolle comes before zugangskontrolle in the catalogue
    assert [c.item for c in changes] == [
        "besucherregelung",
        "passwortrichtlinie",
        "sperre",
        "zzz_unbekannt",
    ]


# -- answers, categories -------------------------------------------------------------------------


def test_answers_of_every_kind(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        answers = data["categories"]["organisation"]["answers"]
        answers["standorte"] = ["rechenzentrum", "buero"]  # one less, another order
        answers["groesse"] = "ueber50"
        answers["zertifiziert"] = False
        data["categories"]["zugangskontrolle"]["answers"]["bildschirmsperre"] = 10
        rows = data["categories"]["verfuegbarkeitskontrolle"]["answers"]["rechenzentren"]
        rows["rz1"]["standort"] = "Offenbach"
        rows["rz2"] = {"betreiber": "Zweit-RZ GmbH"}

    changes = _changes(catalogue, edit)
    assert [(c.scope, c.item, c.detail, c.action) for c in changes] == [
        ("answer", "standorte", (), "changed"),
        ("answer", "groesse", (), "changed"),
        ("answer", "zertifiziert", (), "changed"),
        ("answer", "bildschirmsperre", (), "changed"),
        ("answer", "rechenzentren", ("rz1", "standort"), "changed"),
        ("answer", "rechenzentren", ("rz2",), "added"),
    ]
    assert changes[4].path == (
        "categories",
        "verfuegbarkeitskontrolle",
        "answers",
        "rechenzentren",
        "rz1",
        "standort",
    )


def test_multichoice_order_alone_is_no_change(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["categories"]["organisation"]["answers"]["standorte"].reverse()

    assert _changes(catalogue, edit) == []


def test_category_fields(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        organisation = data["categories"]["organisation"]
        organisation["description"] = "Neu."
        organisation["reviewed"] = dt.date(2025, 5, 1)
        data["categories"]["zugangskontrolle"]["provided_by"] = "processor"

    changes = _changes(catalogue, edit)
    assert [(c.scope, c.category, c.field, c.action) for c in changes] == [
        ("category", "organisation", "description", "changed"),
        ("category", "organisation", "reviewed", "added"),
        ("category", "zugangskontrolle", "provided_by", "added"),
    ]


# -- document, history, providers, upkeep ------------------------------------------------------


def test_document_details_and_parties(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        document = data["document"]
        document["version"] = "1.2"
        document["date"] = dt.date(2025, 6, 1)
        document["status"] = "draft"
        document["controller"]["representative"] = "Erika Kunde"
        document["processor_dpo"]["email"] = "neu@example.org"

    changes = _changes(catalogue, edit)
    assert [(c.field, c.detail, c.action) for c in changes] == [
        ("version", (), "changed"),
        ("date", (), "changed"),
        ("status", (), "changed"),
        ("controller", ("representative",), "added"),
        ("processor_dpo", ("email",), "changed"),
    ]
    assert changes[3].path == ("document", "controller", "representative")


def test_history(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["history"]["1.1"]["changes"] = "Rechenzentrum und Backup ergänzt"
        data["history"]["1.2"] = {"date": dt.date(2025, 6, 1), "changes": "MFA für alle"}
        del data["history"]["1.0"]

    changes = _changes(catalogue, edit)
    assert [(c.scope, c.item, c.field, c.action) for c in changes] == [
        ("history", "1.0", "", "removed"),
        ("history", "1.1", "changes", "changed"),
        ("history", "1.2", "", "added"),  # removed entries stay where they were
    ]


def test_providers_and_certifications(catalogue: Catalogue) -> None:
    base = copy.deepcopy(BASE)
    base["providers"] = {
        "rz": {
            "name": "RZ GmbH",
            "role": "data_centre",
            "certifications": {"iso": {"standard": "ISO/IEC 27001"}},
        },
        "alt": {"name": "Alt AG"},
    }
    new = copy.deepcopy(base)
    del new["providers"]["alt"]
    new["providers"]["rz"]["service"] = "Hosting"
    new["providers"]["rz"]["certifications"]["iso"]["valid_until"] = dt.date(2027, 1, 31)
    new["providers"]["rz"]["certifications"]["c5"] = {"standard": "BSI C5"}
    new["providers"]["neu"] = {"name": "Neu KG", "role": "support"}
    changes = compare(_document(base, catalogue), _document(new, catalogue), catalogue)
    assert [(c.item, c.field, c.detail, c.action) for c in changes] == [
        ("rz", "service", (), "added"),
        ("rz", "certifications", ("iso", "valid_until"), "added"),
        ("rz", "certifications", ("c5",), "added"),
        ("alt", "", (), "removed"),
        ("neu", "", (), "added"),
    ]
    assert {c.scope for c in changes} == {"provider"}


def test_silenced_rules_and_conflicts(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["silenced"] = {"password-rotation": {"reason": "Vorgabe des Kunden"}}
        data["conflicts"] = [{"key": "document.version", "ours": '"1.2"', "theirs": '"1.3"'}]

    changes = _changes(catalogue, edit)
    assert [(c.scope, c.field, c.item, c.action) for c in changes] == [
        ("upkeep", "silenced", "password-rotation", "added"),
        ("upkeep", "conflicts", "document.version", "added"),
    ]


# -- the command ---------------------------------------------------------------------------------


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def _edited(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    edit(data)
    return data


def _v2(data: dict[str, Any]) -> None:
    data["document"]["version"] = "1.2"
    measures = data["categories"]["zugangskontrolle"]["measures"]
    measures["passwortrichtlinie"]["parameters"]["mindestlaenge"] = 14
    measures["sperre"] = {"status": "implemented", "parameters": {"versuche": 5}}
    del measures["mfa"]
    alarm = data["categories"]["zutrittskontrolle"]["measures"]["alarmanlage"]
    alarm["status"] = "implemented"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.toml"
    old.write_text(COMPLETE, encoding="utf-8")
    return old, _write(tmp_path / "new.toml", _edited(_v2))


def test_text_output_and_exit_1(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"--- {old} (Version 1.1, 15.04.2025)\n"
        f"+++ {new} (Version 1.2, 15.04.2025)\n"
        "\n"
        "Dokument\n"
        "  ~ Version: 1.1 → 1.2\n"
        "\n"
        "Zutrittskontrolle\n"
        "  ~ Alarmanlage: Status: geplant bis 30.09.2025 → umgesetzt\n"
        "\n"
        "Zugangskontrolle\n"
        "  ~ Passwortrichtlinie: Mindestlänge: 12 Zeichen → 14 Zeichen\n"
        "  - Mehr-Faktor-Authentisierung: entfernt (bisher: umgesetzt; Gilt für: administrative "
        "Zugänge)\n"
        "  + Kontosperre nach Fehlversuchen: neu: umgesetzt; Fehlversuche: 5\n"
        "\n"
        "5 Änderungen\n"
    )


def test_english_words(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    assert main(["diff", "--lang", "en", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert (
        "Physical access control\n  ~ Alarm system: Status: planned by 30 September 2025 → "
        in (out)
        or "  ~ " in out
    )
    assert "Minimum length: 12 characters → 14 characters" in out
    assert "removed (was: implemented; Applies to: administrative accounts)" in out
    assert out.endswith("5 changes\n")


def test_equal_files_print_nothing_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.toml"
    old.write_text(COMPLETE, encoding="utf-8")
    reformatted = _write(tmp_path / "new.toml", BASE)  # tomli-w's layout, not the fixture's
    assert reformatted.read_text(encoding="utf-8") != COMPLETE
    assert main(["diff", str(old), str(reformatted)]) == 0
    assert capsys.readouterr().out == ""


def test_stdin_as_old(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(old.read_bytes())))
    assert main(["diff", "-", str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["file"] == "<stdin>"
    assert len(data["changes"]) == 5


def test_stdin_as_new_with_an_error_names_stdin(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = files
    broken = COMPLETE.replace('status = "final"', 'status = "fertig"')
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(broken.encode())))
    assert main(["diff", str(old), "-"]) == 2
    err = capsys.readouterr().err
    line = broken.splitlines().index('status = "fertig"') + 1
    assert err.startswith(f"<stdin>:{line}: document.status: ")


def test_stdin_is_read_with_the_size_limit(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = files
    monkeypatch.setattr("tomwizard.commands.diff.MAX_FILE_BYTES", 100)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"#" * 1000)))
    assert main(["diff", str(old), "-"]) == 2
    assert "<stdin>: größer als 0 MiB; wird nicht gelesen" in capsys.readouterr().err


def test_both_stdin_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "-", "-"]) == 2
    assert "nur eines von OLD und NEW kann '-'" in capsys.readouterr().err
    assert main(["diff", "-", "-", "--lang", "en"]) == 2
    assert "only one of OLD and NEW can be '-'" in capsys.readouterr().err


def test_unreadable_and_invalid_files_exit_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = files
    assert main(["diff", str(old), str(tmp_path / "missing.toml")]) == 2
    assert f"{tmp_path / 'missing.toml'}: Datei nicht gefunden" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[document\n", encoding="utf-8")
    assert main(["diff", str(bad), str(old)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2: TOML-Syntaxfehler")
    assert main(["diff", "--lang", "en", str(bad), str(old)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2: TOML syntax error")


def test_unknown_format_is_a_usage_error(files: tuple[Path, Path]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["diff", str(files[0]), str(files[1]), "--format", "html"])
    assert exit_.value.code == 2


def test_json_has_lines_keys_and_values(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["old"]["version"], data["new"]["version"]) == ("1.1", "1.2")
    by_key = {c["key"]: c for c in data["changes"]}
    status = by_key["categories.zutrittskontrolle.measures.alarmanlage.status"]
    assert status["old"] == {"status": "planned", "target_date": "2025-09-30"}
    assert status["new"] == {"status": "implemented"}
    new_lines = new.read_text(encoding="utf-8").splitlines()
    assert new_lines[status["line"] - 1] == 'status = "implemented"'
    assert new_lines[status["line"] - 2] == "[categories.zutrittskontrolle.measures.alarmanlage]"
    removed = by_key["categories.zugangskontrolle.measures.mfa"]
    assert removed["file"] == str(old)  # a removal is shown in OLD
    assert COMPLETE.splitlines()[removed["line"] - 1] == (
        "[categories.zugangskontrolle.measures.mfa]"
    )
    assert removed["action"] == "removed" and removed["new"] is None
    length = by_key[
        "categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge"
    ]
    assert (length["old"], length["new"], length["detail"]) == (12, 14, ["mindestlaenge"])
    assert length["text"] == "Mindestlänge: 12 Zeichen → 14 Zeichen"


def test_github_and_sarif(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from sarif_log import assert_valid_sarif

    old, new = files
    assert main(["diff", str(old), str(new), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("::notice file=") for line in lines)
    assert "title=measure-removed::Zugangskontrolle: Mehr-Faktor-Authentisierung" in lines[3]
    assert "old.toml,line=" in lines[3] and "new.toml,line=" in lines[2]  # removed: in OLD
    assert main(["diff", str(old), str(new), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} == {"note"}
    rules = {
        r["id"]: r["shortDescription"]["text"] for r in log["runs"][0]["tool"]["driver"]["rules"]
    }
    assert rules["measure-removed"] == "Maßnahme entfernt"


def test_markdown_shows_user_text_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _write(tmp_path / "old.toml", BASE)

    def edit(data: dict[str, Any]) -> None:
        data["categories"]["zutrittskontrolle"]["measures"]["schliesssystem"]["note"] = (
            "*nicht* fett <b>kein HTML</b> [kein](link)"
        )

    new = _write(tmp_path / "new.toml", _edited(edit))
    assert main(["diff", str(old), str(new), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# Änderungen\n")
    assert "## Zutrittskontrolle" in out
    assert (
        r"- **Schließsystem mit Schlüsselverwaltung**: Bemerkung: Transponder, Ausgabe im "
        r"Personalbüro. → \*nicht\* fett \<b\>kein HTML\</b\> \[kein\](link)" in out
    )


def test_control_codes_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _write(tmp_path / "old.toml", BASE)

    def edit(data: dict[str, Any]) -> None:
        data["categories"]["zutrittskontrolle"]["measures"]["schliesssystem"]["note"] = (
            "rot\x1b[31m\u202eweiter\nzweite Zeile"
        )

    new = _write(tmp_path / "new.toml", _edited(edit))
    for fmt in ("text", "markdown", "json", "github"):
        assert main(["diff", str(old), str(new), "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u202e" not in out, fmt
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "rot\\x1b[31m\\u202eweiter\n      zweite Zeile" in out


def test_output_file_is_written_atomically_and_owner_only(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    out = tmp_path / "changes.md"
    assert main(["diff", str(old), str(new), "--format", "markdown", "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith("# Änderungen")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_output_never_replaces_an_input(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    before = new.read_bytes()
    assert main(["diff", str(old), str(new), "-o", str(new)]) == 2
    assert f"{new}: das ist eine der Eingabedateien selbst" in capsys.readouterr().err
    assert new.read_bytes() == before


# -- every kind of change in words -----------------------------------------------------------------


def _everything(data: dict[str, Any]) -> None:
    """A change of every kind the annex knows, for the words."""
    details = data["document"]
    details["controller"]["representative"] = "Erika Kunde"
    details["review_interval_months"] = 12
    data["history"]["1.2"] = {"date": dt.date(2025, 6, 1), "author": "Max", "changes": "MFA"}
    organisation = data["categories"]["organisation"]
    organisation["answers"]["groesse"] = "ueber50"
    organisation["answers"]["zertifiziert"] = False
    organisation["note"] = "intern"
    data["categories"]["zugangskontrolle"]["answers"]["bildschirmsperre"] = 10
    rows = data["categories"]["verfuegbarkeitskontrolle"]["answers"]["rechenzentren"]
    rows["rz1"]["gueltig_bis"] = dt.date(2028, 6, 30)
    rows["rz2"] = {"betreiber": "Zweit GmbH", "standort": "Berlin"}
    measures = data["categories"]["zutrittskontrolle"]["measures"]
    measures["schliesssystem"]["provided_by"] = "rz"
    measures["alarmanlage"]["target_date"] = dt.date(2025, 12, 31)
    custom = data["categories"]["zugangskontrolle"]["custom"]
    custom["notfallzugang"]["kind"] = "organisational"
    custom["vier_augen"] = {
        "label": "Vier-Augen-Prinzip",
        "status": "planned",
        "target_date": dt.date(2026, 1, 1),
    }
    certifications = data["providers"]["rz"]["certifications"]
    certifications["iso"]["valid_until"] = dt.date(2027, 1, 31)
    certifications["c5"] = {"standard": "BSI C5", "issuer": "PwC"}
    data["providers"]["neu"] = {"name": "Neu KG", "role": "support", "service": "Helpdesk"}
    data["silenced"] = {"password-rotation": {"reason": "Vorgabe des Kunden"}}


WITH_PROVIDER = copy.deepcopy(BASE)
WITH_PROVIDER["providers"] = {
    "rz": {
        "name": "RZ GmbH",
        "role": "data_centre",
        "certifications": {"iso": {"standard": "ISO/IEC 27001"}},
    }
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            [
                "Dokument | Überprüfungsintervall: 12 Monate (neu)",
                "Dokument | Auftraggeber: Unterzeichnende Person: Erika Kunde (neu)",
                "Änderungshistorie | Version 1.2: neu: 01.06.2025, Max, MFA",
                "Organisation und Infrastruktur | Interne Notiz: intern (neu)",
                "Organisation und Infrastruktur | Wie viele Personen arbeiten mit den Daten?: "
                "11 bis 50 → mehr als 50",
                "Organisation und Infrastruktur | Ist das Unternehmen nach einer Sicherheitsnorm "
                "zertifiziert?: ja → nein",
                "Zutrittskontrolle | Schließsystem mit Schlüsselverwaltung: Umgesetzt durch: "
                "RZ GmbH (neu)",
                "Zutrittskontrolle | Alarmanlage: Umsetzung bis: 30.09.2025 → 31.12.2025",
                "Zugangskontrolle | Nach wie vielen Minuten Inaktivität sperrt sich der "
                "Bildschirm?: 5 Minuten → 10 Minuten",
                "Zugangskontrolle | Notfallzugänge im Passwort-Tresor: Art: organisatorisch (neu)",
                "Zugangskontrolle | Vier-Augen-Prinzip: neu: geplant bis 01.01.2026",
                "Verfügbarkeitskontrolle | In welchen Rechenzentren werden die Daten gespeichert? "
                "– Eintrag rz1: Zertifikat gültig bis: 30.06.2027 → 30.06.2028",
                "Verfügbarkeitskontrolle | In welchen Rechenzentren werden die Daten gespeichert? "
                "– Eintrag rz2: neu: Betreiber: Zweit GmbH, Standort: Berlin",
                "Dienstleister | RZ GmbH – Zertifikat ISO/IEC 27001: Gültig bis: 31.01.2027 (neu)",
                "Dienstleister | RZ GmbH – Zertifikat: neu: BSI C5, PwC",
                "Dienstleister | Neu KG: neu: Support-Dienstleister, Helpdesk",
                "Prüfregeln und Konflikte (nicht in der Anlage) | Stummgeschaltete Prüfregel "
                "password-rotation: neu: Begründung: Vorgabe des Kunden",
            ],
        ),
        (
            "en",
            [
                "Document | Review interval: 12 months (new)",
                "Document | Controller: Signatory: Erika Kunde (new)",
                "Change history | Version 1.2: new: 1 June 2025, Max, MFA",
                "Organisation and infrastructure | Internal note: intern (new)",
                "Organisation and infrastructure | How many people work with the data?: "
                "11 to 50 → more than 50",
                "Organisation and infrastructure | Is the organisation certified against a "
                "security standard?: yes → no",
                "Physical access control | Locking system with key management: Implemented by: "
                "RZ GmbH (new)",
                "Physical access control | Intruder alarm: Target date: 30 September 2025 → "
                "31 December 2025",
                "System access control | After how many minutes of inactivity does the screen "
                "lock?: 5 minutes → 10 minutes",
                "System access control | Notfallzugänge im Passwort-Tresor: Kind: organisational "
                "(new)",
                "System access control | Vier-Augen-Prinzip: new: planned by 1 January 2026",
                "Availability control | In which data centres is the data stored? – entry rz1: "
                "Certificate valid until: 30 June 2027 → 30 June 2028",
                "Availability control | In which data centres is the data stored? – entry rz2: "
                "new: Operator: Zweit GmbH, Location: Berlin",
                "Service providers | RZ GmbH – Certificate ISO/IEC 27001: Valid until: "
                "31 January 2027 (new)",
                "Service providers | RZ GmbH – Certificate: new: BSI C5, PwC",
                "Service providers | Neu KG: new: support provider, Helpdesk",
                "Check rules and conflicts (not in the annex) | Silenced check rule "
                "password-rotation: new: Reason: Vorgabe des Kunden",
            ],
        ),
    ],
)
def test_every_kind_of_change_in_words(
    catalogue: Catalogue, lang: str, expected: list[str]
) -> None:
    from tomwizard.changes.words import Wording

    new = copy.deepcopy(WITH_PROVIDER)
    _everything(new)
    before, after = _document(WITH_PROVIDER, catalogue), _document(new, catalogue)
    wording = Wording(catalogue, before, after, lang)  # type: ignore[arg-type]
    lines = []
    for change in compare(before, after, catalogue):
        described = wording.describe(change)
        lines.append(f"{described.heading} | {described.line}")
    assert lines == expected


def test_words_of_removals_and_status_changes(catalogue: Catalogue) -> None:
    from tomwizard.changes.words import Wording

    def edit(data: dict[str, Any]) -> None:
        measures = data["categories"]["zutrittskontrolle"]["measures"]
        measures["besucherregelung"] = {"status": "not_applicable", "reason": "Kein Publikum"}
        del measures["schliesssystem"]["note"]
        del data["categories"]["zugangskontrolle"]["custom"]["notfallzugang"]
        data["document"]["party_terms"] = "verantwortlicher"

    new = _edited(edit)
    before, after = _document(BASE, catalogue), _document(new, catalogue)
    words = Wording(catalogue, before, after, "de")
    assert [words.describe(c).line for c in compare(before, after, catalogue)] == [
        "Bezeichnung der Parteien: Auftraggeber/Auftragnehmer → "
        "Verantwortlicher/Auftragsverarbeiter",
        "Schließsystem mit Schlüsselverwaltung: Bemerkung entfernt (bisher: Transponder, "
        "Ausgabe im Personalbüro.)",
        "Besucher nur in Begleitung: Status: umgesetzt → nicht anwendbar, Begründung: Kein "
        "Publikum",
        "Notfallzugänge im Passwort-Tresor: entfernt (bisher: umgesetzt)",
    ]
    english = Wording(catalogue, before, after, "en")
    assert english.describe(compare(before, after, catalogue)[0]).line == (
        "Names of the parties: controller/processor (Auftraggeber/Auftragnehmer) → "
        "controller/processor (Verantwortlicher/Auftragsverarbeiter)"
    )


def test_diff_lines_follow_the_reader_or_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """diff's own lines in the interface language, or in the language of --lang."""
    from tomwizard import config

    tom = tmp_path / "tom.toml"
    tom.write_text(COMPLETE, encoding="utf-8")
    new = tmp_path / "new.toml"
    new.write_text(COMPLETE.replace("Max Beispiel", "Maxi Beispiel"), encoding="utf-8")

    def err(*args: str) -> list[str]:
        main(list(args))
        return capsys.readouterr().err.splitlines()

    out = tmp_path / "out.txt"
    assert err("diff", str(tom), str(new), "-o", str(tmp_path)) == [
        f"tomwizard: {tmp_path}: ist ein Ordner"
    ]
    notice = ("diff", str(tom), str(new), "--format", "docx", "-o", str(out))
    assert err(*notice) == [f"tomwizard: {out}: die Änderungsmitteilung muss auf .docx enden"]
    assert err(*notice, "--lang", "en")[-1] == (
        f"tomwizard: {out}: the change notice must end in .docx"
    )
    same = ("diff", str(tom), str(tom), "--format", "docx", "-o", str(tmp_path / "n.docx"))
    assert err(*same) == [
        "tomwizard diff: nichts, was die Anlage druckt, hat sich geändert; keine "
        "Änderungsmitteilung geschrieben"
    ]
    config.save(config.Settings(ui_language="en"))
    assert err(*same) == [
        "tomwizard diff: nothing the annex prints has changed; no change notice written"
    ]
    assert err("diff", str(tom), str(new), "-o", str(tom))[0].startswith(
        f"tomwizard: {tom}: that is an input file itself"
    )
