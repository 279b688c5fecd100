"""Where ``--format sarif`` puts a finding, as a user runs each command: GitHub code scanning
rejects a whole upload if one result has no location. A change ``diff`` read from standard
input is located in the other, named file (at the same key, else the table holding it); a
finding in no file at all (``validate -``, ``check -``) is a tool execution notification, not
a result; a named file that does not exist keeps its name. Every rule is described in full
(fullDescription and help), in the command's language."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from sarif_log import assert_valid_sarif

from tomwizard.cli import main
from tomwizard.locations import shipped_questions_dir

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
VISITORS = '[categories.zutrittskontrolle.measures.besucherregelung]\nstatus = "implemented"\n\n'
NEW = (
    COMPLETE.replace("mindestlaenge = 12", "mindestlaenge = 14").replace(VISITORS, "")
    + '\n[categories.zugangskontrolle.measures.sperre]\nstatus = "implemented"\n'
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """OLD (the fixture document) and NEW (a parameter changed, a measure removed, one added)
    in the working directory, as in a checked-out repository."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.toml").write_text(COMPLETE, encoding="utf-8")
    (tmp_path / "new.toml").write_text(NEW, encoding="utf-8")
    return tmp_path


def _line(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(list(args))
    log = json.loads(capsys.readouterr().out)
    assert_valid_sarif(log)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"], rule
    return code, log


def _places(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """Each result's rule id → (file URI, start line)."""
    places = {}
    for result in log["runs"][0]["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        places[result["ruleId"]] = (
            physical["artifactLocation"]["uri"],
            physical["region"]["startLine"],
        )
    return places


def _notes(log: dict[str, Any]) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    return notes


def test_diff_both_files_named(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, log = _run(capsys, "diff", "--format", "sarif", "old.toml", "new.toml")
    assert code == 1
    assert _places(log) == {
        "measure-changed": ("new.toml", _line(NEW, "mindestlaenge = 14")),
        "measure-removed": ("old.toml", _line(COMPLETE, VISITORS.splitlines()[0])),
        "measure-added": ("new.toml", _line(NEW, "[categories.zugangskontrolle.measures.sperre]")),
    }
    assert _notes(log) == []


def test_diff_new_from_standard_input_is_located_in_old(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cat new.toml | tomwizard diff --format sarif old.toml -``: a change is at its key in
    OLD; a measure OLD does not have, at the table that would hold it."""
    _stdin(monkeypatch, NEW)
    code, log = _run(capsys, "diff", "--format", "sarif", "old.toml", "-")
    assert code == 1
    first_access_measure = "[categories.zugangskontrolle.measures.passwortrichtlinie]"
    assert _places(log) == {
        "measure-changed": ("old.toml", _line(COMPLETE, "mindestlaenge = 12")),
        "measure-removed": ("old.toml", _line(COMPLETE, VISITORS.splitlines()[0])),
        "measure-added": ("old.toml", _line(COMPLETE, first_access_measure)),
    }
    assert _notes(log) == []


def test_diff_old_from_standard_input_is_located_in_new(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``git show HEAD~1:tom.toml | tomwizard diff --format sarif - tom.toml``: a removal
    (which is in OLD) is at the table in NEW that held it; GitHub annotations alike."""
    _stdin(monkeypatch, COMPLETE)
    code, log = _run(capsys, "diff", "--format", "sarif", "-", "new.toml")
    assert code == 1
    first_entry_measure = "[categories.zutrittskontrolle.measures.schliesssystem]"
    assert _places(log)["measure-removed"] == ("new.toml", _line(NEW, first_entry_measure))
    assert _places(log)["measure-changed"] == ("new.toml", _line(NEW, "mindestlaenge = 14"))
    assert _notes(log) == []
    _stdin(monkeypatch, COMPLETE)
    assert main(["diff", "--format", "github", "-", "new.toml"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("::notice file=new.toml,line=") for line in lines)


def test_diff_removal_with_no_table_left_is_at_line_1(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The history gone, and NEW without any table of it: line 1 of NEW; a category gone,
    at the first table of ``categories``."""
    start, end = COMPLETE.index('[history."1.0"]'), COMPLETE.index("[categories.organisation]")
    first_category = COMPLETE.index("[categories.verfuegbarkeitskontrolle.")
    after = COMPLETE.index("[categories.ueberpruefung.")
    new = COMPLETE[:start] + COMPLETE[end:first_category] + COMPLETE[after:]
    (here / "new.toml").write_text(new, encoding="utf-8")
    _stdin(monkeypatch, COMPLETE)
    code, log = _run(capsys, "diff", "--format", "sarif", "-", "new.toml")
    assert code == 1
    places = {
        (result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["startLine"])
        for result in log["runs"][0]["results"]
    }
    categories = _line(new, "[categories.organisation]")
    assert {line for rule, line in places if rule.startswith("history-")} == {1}
    assert {line for rule, line in places if not rule.startswith("history-")} == {categories}


def test_diff_rules_are_described_in_the_words_language(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, log = _run(capsys, "diff", "--format", "sarif", "--lang", "en", "old.toml", "new.toml")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    removed = rules["measure-removed"]
    assert removed["shortDescription"]["text"] == "Measure removed"
    assert removed["fullDescription"]["text"] == (
        "Measure removed: a change between the old and the new version of the answers file, "
        "as 'tomwizard diff' reports it."
    )
    assert removed["help"]["text"].startswith("A notice, not an error")
    _, log = _run(capsys, "diff", "--format", "sarif", "--lang", "de", "old.toml", "new.toml")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["measure-removed"]["help"]["text"].startswith("Ein Hinweis, kein Fehler")


def test_validate_standard_input_is_a_notification(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tomwizard validate --format sarif -``: no result without a location; the finding is
    kept as a notification, and the exit status still fails."""
    code, log = _run(capsys, "validate", "--format", "sarif", "-", "new.toml")
    assert code == 1
    assert log["runs"][0]["results"] == []
    (note,) = _notes(log)
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("-: ")
    assert note["associatedRule"] == {"id": "file", "index": 0}
    assert note["properties"] == {"file": "-"}
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["fullDescription"]["text"].startswith("Ein Befund, der die Antwortdatei")


def test_validate_missing_file_keeps_its_name(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, log = _run(capsys, "validate", "--format", "sarif", "--lang", "en", "fehlt.toml")
    assert code == 1
    (result,) = log["runs"][0]["results"]
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "fehlt.toml", "uriBaseId": "%SRCROOT%"}}}
    ]
    assert _notes(log) == []
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"] == "Finding about the whole answers file"


def test_validate_key_rules_are_described(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "broken.toml").write_text(
        COMPLETE.replace('status = "final"', 'status = "fertig"'), encoding="utf-8"
    )
    code, log = _run(capsys, "validate", "--format", "sarif", "--lang", "en", "broken.toml")
    assert code == 1
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    status = rules["document.status"]
    assert status["shortDescription"]["text"] == "Finding at document.status"
    assert status["fullDescription"]["text"].startswith(
        "A finding of tomwizard at the key document.status of the answers file"
    )
    assert "tomwizard validate FILE" in status["help"]["text"]
    assert _places(log)["document.status"] == (
        "broken.toml",
        _line(COMPLETE, 'status = "final"'),
    )


def test_check_standard_input_is_a_notification_beside_the_results(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))
    example = Path(__file__).resolve().parent.parent / "examples" / "datenschutz-nord-anhang3.toml"
    (here / "nord.toml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    code, log = _run(capsys, "check", "--format", "sarif", "--lang", "en", "nord.toml", "-")
    assert code == 1
    results = log["runs"][0]["results"]
    assert results and {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results
    } == {"nord.toml"}
    (note,) = _notes(log)
    assert note["associatedRule"]["id"] == "file" and note["properties"]["file"] == "-"
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    mfa = rules["remote-access-without-mfa"]
    assert mfa["fullDescription"]["text"] == mfa["shortDescription"]["text"]
    assert mfa["help"]["text"].startswith(mfa["fullDescription"]["text"] + "\n\nSource: BSI ")
    assert "[silenced.remote-access-without-mfa]" in mfa["help"]["text"]
