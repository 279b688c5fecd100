"""``tomwizard merge BASE OURS THEIRS``: every case of the three-way merge through the command
— files in, OURS rewritten, exit code and messages."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
import tomli_w
from merge_files import (
    LENGTH_KEY,
    Data,
    Edit,
    Merge,
    base_data,
    date,
    edited,
    set_length,
    zugang,
)

from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.disk.storage import load_document


@pytest.fixture
def merge(tmp_path: Path) -> Merge:
    return Merge(tmp_path)


def test_change_on_one_side_taken_without_conflict(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    base = base_data()
    merge.write(base, edited(base), edited(base, set_length(14)))
    assert merge.run() == 0
    result = merge.result()
    assert zugang(result)["measures"]["passwortrichtlinie"]["parameters"]["mindestlaenge"] == 14
    assert "conflicts" not in result
    assert capsys.readouterr().err == ""


def test_same_change_on_both_sides_is_no_conflict(merge: Merge) -> None:
    base = base_data()
    merge.write(base, edited(base, set_length(16)), edited(base, set_length(16)))
    assert merge.run() == 0
    assert "conflicts" not in merge.result()


def test_different_changes_keep_ours_and_record_the_conflict(
    merge: Merge, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    base = base_data()
    merge.write(base, edited(base, set_length(14)), edited(base, set_length(16)))
    assert merge.run() == 1
    result = merge.result()
    assert zugang(result)["measures"]["passwortrichtlinie"]["parameters"]["mindestlaenge"] == 14
    assert result["conflicts"] == [{"key": LENGTH_KEY, "base": "12", "ours": "14", "theirs": "16"}]
    text = merge.ours.read_text(encoding="utf-8")
    line = text.splitlines().index("mindestlaenge = 14") + 1
    err = capsys.readouterr().err.splitlines()
    assert (
        err[0]
        == f"{merge.ours}:{line}: {LENGTH_KEY}: unsere Version behalten (14), ihre Version: 16"
    )
    assert err[1].startswith(f"{merge.ours}: 1 Konflikt in [[conflicts]] vermerkt")
    # the result is a valid document, and validate shows the conflict
    assert load_document(merge.ours, catalogue).document.conflicts[0].key == LENGTH_KEY
    assert main(["validate", str(merge.ours)]) == 0


def test_messages_in_english_when_the_reader_reads_english(
    merge: Merge, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")
    base = base_data()
    merge.write(base, edited(base, set_length(14)), edited(base, set_length(16)))
    assert merge.run("anlage.toml") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("anlage.toml:")
    assert err[0].endswith(f": {LENGTH_KEY}: kept ours (14), theirs had 16")
    assert err[1].startswith("anlage.toml: 1 conflict recorded in [[conflicts]]")


def test_ticks_of_different_measures_in_one_category_merge_cleanly(merge: Merge) -> None:
    def without_mfa(data: Data) -> None:
        del zugang(data)["measures"]["mfa"]

    def tick(measure: str) -> Edit:
        return lambda data: zugang(data)["measures"].update({measure: {"status": "implemented"}})

    base = edited(base_data(), without_mfa)
    merge.write(base, edited(base, tick("mfa")), edited(base, tick("sperre")))
    assert merge.run() == 0
    measures = zugang(merge.result())["measures"]
    assert list(measures) == ["passwortrichtlinie", "mfa", "sperre"]  # catalogue order
    assert measures["mfa"] == measures["sperre"] == {"status": "implemented"}


def test_removal_on_one_side_is_taken(merge: Merge) -> None:
    def remove_mfa(data: Data) -> None:
        del zugang(data)["measures"]["mfa"]

    base = base_data()
    merge.write(base, edited(base, set_length(14)), edited(base, remove_mfa))
    assert merge.run() == 0
    assert "mfa" not in zugang(merge.result())["measures"]


def test_removal_against_change_keeps_the_removal_and_records_the_table(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    def remove_mfa(data: Data) -> None:
        del zugang(data)["measures"]["mfa"]

    def change_mfa(data: Data) -> None:
        zugang(data)["measures"]["mfa"]["note"] = "Für alle Konten"

    base = base_data()
    merge.write(base, edited(base, remove_mfa), edited(base, change_mfa))
    assert merge.run() == 1
    result = merge.result()
    assert "mfa" not in zugang(result)["measures"]
    assert result["conflicts"] == [
        {
            "key": "categories.zugangskontrolle.measures.mfa",
            "base": '{ status = "implemented", parameters = { bereich = "admin" } }',
            "ours": "",
            "theirs": '{ status = "implemented", parameters = { bereich = "admin" }, '
            'note = "Für alle Konten" }',
        }
    ]
    assert "unsere Version behalten (entfernt), ihre Version: { status" in capsys.readouterr().err


def test_fields_of_one_measure_merge_one_by_one(merge: Merge) -> None:
    def note(data: Data) -> None:
        zugang(data)["measures"]["mfa"]["note"] = "Hardware-Token"

    def planned(data: Data) -> None:
        zugang(data)["measures"]["mfa"].update(status="planned", target_date=date("2027-01-31"))

    base = base_data()
    merge.write(base, edited(base, note), edited(base, planned))
    assert merge.run() == 0
    mfa = zugang(merge.result())["measures"]["mfa"]
    assert mfa["note"] == "Hardware-Token"
    assert mfa["status"] == "planned"
    assert str(mfa["target_date"]) == "2027-01-31"


def test_multiple_choice_merges_as_a_set_of_ticks(merge: Merge) -> None:
    def places(*ids: str) -> Edit:
        return lambda data: data["categories"]["organisation"]["answers"].update(standorte=ids)

    base = edited(base_data(), places("buero", "homeoffice"))
    ours = edited(base, places("buero", "homeoffice", "serverraum"))
    theirs = edited(base, places("homeoffice", "cloud"))  # buero unticked, cloud ticked
    merge.write(base, ours, theirs)
    assert merge.run() == 0
    answers = merge.result()["categories"]["organisation"]["answers"]
    assert answers["standorte"] == ["homeoffice", "serverraum", "cloud"]


def test_history_entries_of_both_sides_are_kept_and_differing_versions_conflict(
    merge: Merge,
) -> None:
    def release(version: str, changes: str) -> Edit:
        def edit(data: Data) -> None:
            data["document"]["version"] = version
            data["history"][version] = {"changes": changes}

        return edit

    base = base_data()
    merge.write(base, edited(base, release("1.2", "MFA")), edited(base, release("1.3", "Backup")))
    assert merge.run() == 1
    result = merge.result()
    assert list(result["history"]) == ["1.0", "1.1", "1.2", "1.3"]
    assert result["document"]["version"] == "1.2"
    assert [c["key"] for c in result["conflicts"]] == ["document.version"]


@pytest.mark.parametrize("ancestor", ["empty", "missing", "comments only", "/dev/null"])
def test_no_common_ancestor_is_an_empty_document(merge: Merge, ancestor: str) -> None:
    base = base_data()
    if ancestor == "/dev/null":
        merge.base = Path(os.devnull)
    elif ancestor != "missing":
        merge.base.write_text("" if ancestor == "empty" else "# nichts\n", encoding="utf-8")
    merge.write(None, edited(base, set_length(14)), edited(base, set_length(16)))
    assert merge.run() == 1
    result = merge.result()
    assert result["conflicts"] == [{"key": LENGTH_KEY, "base": "", "ours": "14", "theirs": "16"}]
    assert result["document"] == tomllib.loads(tomli_w.dumps(base))["document"]


def test_versions_of_the_writers_are_no_conflict(merge: Merge, catalogue: Catalogue) -> None:
    def written_by(version: str) -> Edit:
        return lambda data: data.update(tomwizard_version=version)

    base = base_data()
    merge.write(base, edited(base, written_by("0.0.1")), edited(base, written_by("0.0.2")))
    assert merge.run() == 0
    result = merge.result()
    assert "conflicts" not in result
    assert result["catalogue"]["version"] == catalogue.version


def test_result_is_canonical_owner_only_and_leaves_no_backup(
    merge: Merge, catalogue: Catalogue
) -> None:
    base = base_data()
    merge.write(base, edited(base), edited(base, set_length(14)))
    merge.ours.chmod(0o644)
    assert merge.run() == 0
    assert stat.S_IMODE(merge.ours.stat().st_mode) == 0o600
    assert sorted(p.name for p in merge.ours.parent.iterdir()) == [
        "base.toml",
        "ours.toml",
        "theirs.toml",
    ]
    text = merge.ours.read_text(encoding="utf-8")
    assert text == dumps(load_document(merge.ours, catalogue).document, catalogue)


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("theirs", "theirs.toml:2: TOML-Syntaxfehler"),
        ("ours", "ours.toml:"),
        ("base", "base.toml:"),
    ],
)
def test_invalid_input_leaves_ours_untouched(
    merge: Merge, broken: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = base_data()
    sides: dict[str, Data | str] = {
        "base": base,
        "ours": edited(base, set_length(14)),
        "theirs": edited(base, set_length(16)),
    }
    if broken == "theirs":
        sides["theirs"] = "schema_version = 1\n[catalogue\n"
    else:  # a value the catalogue refuses
        sides[broken] = edited(base, set_length(-3) if broken == "ours" else set_length(2**40))
    merge.write(sides["base"], sides["ours"], sides["theirs"])
    before = merge.ours.read_bytes()
    assert merge.run() == 2
    assert merge.ours.read_bytes() == before
    err = capsys.readouterr().err
    assert expected in err
    assert err.rstrip().endswith("nicht zusammengeführt, unsere Version ist unverändert")


def test_missing_ours_is_reported(merge: Merge, capsys: pytest.CaptureFixture[str]) -> None:
    merge.write(base_data(), base_data(), base_data())
    merge.ours.unlink()
    assert merge.run() == 2
    assert f"{merge.ours}: Datei nicht gefunden" in capsys.readouterr().err
    assert not merge.ours.exists()


def test_comments_are_not_dropped_unless_asked(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    base = base_data()
    merge.write(
        base,
        edited(base),
        "# Wer hat das geändert?\n" + tomli_w.dumps(edited(base, set_length(14))),
    )
    before = merge.ours.read_bytes()
    assert merge.run() == 2
    assert merge.ours.read_bytes() == before
    assert "theirs.toml: enthält Kommentare" in capsys.readouterr().err
    assert merge.run("--discard-comments") == 0
    assert "# Wer" not in merge.ours.read_text(encoding="utf-8")


def test_control_codes_in_values_never_reach_the_terminal(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    def note(text: str) -> Edit:
        return lambda data: zugang(data)["measures"]["mfa"].update(note=text)

    base = base_data()
    merge.write(base, edited(base, note("\x1b[31mrot")), edited(base, note("\u202egrün\x9b")))
    assert merge.run() == 1
    err = capsys.readouterr().err
    assert not any(c in err for c in "\x1b\u202e\x9b")
    assert '"\\u001b[31mrot"' in err  # TOML's escape
    assert '"\\u202egrün\\x9b"' in err  # the terminal's


def test_problems_of_every_side_are_reported_at_once(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    base = base_data()
    merge.write(base, edited(base, set_length(-1)), edited(base, set_length(-2)))
    assert merge.run("anlage.toml") == 2
    err = capsys.readouterr().err
    assert f"anlage.toml:{_line(merge.ours, 'mindestlaenge = -1')}: {LENGTH_KEY}: " in err
    assert f"anlage.toml (THEIRS):{_line(merge.theirs, 'mindestlaenge = -2')}: " in err


def _line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_merge_counts_its_conflicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real plurals: "2 Konflikte", "2 conflicts"."""
    from tomwizard import config

    base = (Path(__file__).parent / "fixtures" / "complete.toml").read_text(encoding="utf-8")
    ours = base.replace("Max Beispiel", "Moritz").replace("Erika Muster", "Erika A")
    theirs = base.replace("Max Beispiel", "Max B").replace("Erika Muster", "Erika B")
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        paths.append(tmp_path / f"{name}.toml")
        paths[-1].write_text(text, encoding="utf-8")
    assert main(["merge", *map(str, paths)]) == 1
    err = capsys.readouterr().err.splitlines()
    n = len(err) - 1
    assert n > 1 and err[-1].startswith(f"{paths[1]}: {n} Konflikte in [[conflicts]] vermerkt")
    paths[1].write_text(ours, encoding="utf-8")
    config.save(config.Settings(ui_language="en"))
    assert main(["merge", *map(str, paths)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(f"{paths[1]}: {n} conflicts recorded in [[conflicts]]")
