"""``tomwizard check`` as a user runs it: exit codes, the report formats (JSON and SARIF
against their schemas), silencing with a reason, rules from the user's and other catalogue
folders, and problems of rule files and answers files as ``FILE:LINE: key: message``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sarif_log import assert_valid_sarif

from tomwizard.cli import main
from tomwizard.disk.storage import DocumentFile
from tomwizard.locations import shipped_questions_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "datenschutz-nord-anhang3.toml"
FINDINGS_SCHEMA = ROOT / "docs" / "schema" / "findings.schema.json"
HEADER = 'schema_version = 1\n\n[catalogue]\nid = "tomwizard"\nversion = "2.0.0"\n\n'
PERIODIC = (
    HEADER
    + "[categories.zugangskontrolle.measures.passwortwechsel]\n"
    + 'status = "implemented"\n'
    + 'parameters = { intervall = "jaehrlich" }\n'
)


@pytest.fixture(autouse=True)
def shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped catalogue and its rules (the suite's default is a small fixture catalogue)."""
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that is ``text``."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_findings_as_lines_and_exit_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tom = write(tmp_path / "tom.toml", PERIODIC)
    code, out, err = check(capsys, str(tom))
    assert code == 1
    assert out == (
        f"{tom}:8: password-periodic-change: Warnung: Die Regeln für den Passwortwechsel "
        "verlangen einen Wechsel in festem Turnus. Rein zeitgesteuerte Wechsel sollen vermieden "
        "werden (BSI), NIST rät von Wechseln ohne Anlass ab; gewechselt wird bei Verdacht auf "
        "Kompromittierung. Das Intervall leer lassen oder „anlassbezogen“ wählen. (BSI "
        "IT-Grundschutz-Kompendium ORP.4.A23; NIST SP 800-63B (Rev. 3) 5.1.1.2)\n"
    )
    assert err == f"{tom}: 1 Befund\n"
    quiet = write(tmp_path / "quiet.toml", PERIODIC.replace("jaehrlich", "anlassbezogen"))
    assert check(capsys, str(quiet)) == (0, "", f"{quiet}: keine Befunde\n")
    code, out, _ = check(capsys, "--lang", "en", str(tom), str(quiet))
    assert code == 1 and out.startswith(f"{tom}:8: password-periodic-change: warning: The rules")


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert "mindestens eine Datei" in err


def test_json_and_sarif_validate_against_their_schemas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "nord.toml")
    write(tmp_path / "tom.toml", PERIODIC)
    code, out, err = check(capsys, "--format", "json", "nord.toml", "tom.toml")
    assert code == 1 and err == ""  # no summary lines beside machine-readable output
    items = json.loads(out)
    jsonschema.validate(items, _json(FINDINGS_SCHEMA))
    assert [(i["file"], i["rule"]) for i in items] == [
        ("nord.toml", "remote-access-without-mfa"),
        ("nord.toml", "tls-minimum-version-missing"),
        ("nord.toml", "backup-without-restore-test"),
        ("tom.toml", "password-periodic-change"),
    ]
    assert items[1]["severity"] == "note" and items[1]["source"] == "BSI TR-02102-2"
    assert items[3]["key"] == "categories.zugangskontrolle.measures.passwortwechsel.status"

    code, out, _ = check(capsys, "--format", "sarif", "nord.toml", "tom.toml")
    log = json.loads(out)
    assert_valid_sarif(log)
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == [i["rule"] for i in items]
    assert run["tool"]["driver"]["rules"][3]["shortDescription"]["text"].startswith(
        "Die Regeln für den Passwortwechsel"
    )
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "nord.toml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": _line_of(EXAMPLE, "fernzugriff = true")},
    }
    assert [r["level"] for r in run["results"]] == ["warning", "note", "warning", "warning"]


def test_github_annotations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tom = write(tmp_path / "tom.toml", PERIODIC)
    code, out, err = check(capsys, "--format", "github", "--lang", "en", str(tom))
    assert code == 1 and err == ""
    assert out.startswith(f"::warning file={tom},line=8,title=password-periodic-change::The ")
    assert out.count("\n") == 1


def test_silenced_rule_gives_no_finding_and_its_reason_stays(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tom = write(
        tmp_path / "tom.toml",
        PERIODIC + '\n[silenced.password-periodic-change]\nreason = "Kein Leak-Abgleich möglich"\n',
    )
    assert check(capsys, str(tom)) == (
        0,
        "",
        f"{tom}: keine Befunde (1 Regel für dieses Dokument stummgeschaltet)\n",
    )
    # saving (as the wizard does) keeps the reason
    from tomwizard.catalogue.loader import load_catalogue

    catalogue = load_catalogue()
    handle, loaded = DocumentFile.open(tom, catalogue)
    handle.save(loaded.document, catalogue)
    assert 'reason = "Kein Leak-Abgleich möglich"' in tom.read_text(encoding="utf-8")
    assert check(capsys, str(tom))[0] == 0


def test_silencing_an_unknown_rule_is_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = HEADER + '[silenced.password-periodic-chnage]\nreason = "Tippfehler"\n'
    tom = write(tmp_path / "tom.toml", text)
    code, out, _ = check(capsys, str(tom))
    assert code == 1
    assert out.startswith(f"{tom}:7: silenced-unknown-rule: Warnung: Keine Regel heißt ")
    assert "„password-periodic-chnage“" in out


def test_rules_from_the_user_folder_and_catalogue_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_home: Path
) -> None:
    own = """[[rule]]
id = "no-screen-lock"
severity = "error"
source = "Hausregel 7"
help_uri = "https://intranet.example/regeln/7"
message.de = "Keine automatische Bildschirmsperre angegeben."
message.en = "No automatic screen lock stated."
when = [{ measure = "zugangskontrolle.bildschirmsperre", status_not = "implemented" }]
"""
    user_rules = isolated_home / "data" / "catalogue" / "rules"
    user_rules.mkdir(parents=True)
    write(user_rules / "haus.toml", own)
    tom = write(tmp_path / "tom.toml", HEADER)
    code, out, _ = check(capsys, "--format", "json", str(tom))
    assert code == 1
    (item,) = json.loads(out)
    assert item["rule"] == "no-screen-lock" and item["severity"] == "error"
    assert item["help_uri"] == "https://intranet.example/regeln/7"
    assert item["line"] == 1  # the document does not have the measure at all
    shutil.rmtree(user_rules)

    folder = tmp_path / "katalog"
    (folder / "rules").mkdir(parents=True)
    write(folder / "rules" / "haus.toml", own.replace("no-screen-lock", "folder-rule"))
    code, out, _ = check(capsys, "--catalogue", str(folder), str(tom))
    assert code == 1 and ": folder-rule: Keine automatische Bildschirmsperre" in out
    code, out, _ = check(capsys, "--list-rules", "--catalogue", str(folder))
    assert code == 0
    assert (
        "folder-rule [error]: Keine automatische Bildschirmsperre angegeben. (Hausregel 7)" in out
    )


BAD_RULES = [
    (
        'when = [{ measure = "zugangskontrolle.gibtsnicht", status = "implemented" }]',
        "rule[0].when[0].measure: category 'zugangskontrolle' has no measure 'gibtsnicht'",
    ),
    (
        'when = [{ measure = "nirgends.mfa", status = "implemented" }]',
        "rule[0].when[0].measure: the catalogue has no category 'nirgends'",
    ),
    (
        'when = [{ parameter = "zugangskontrolle.mfa.stufe", answered = true }]',
        "rule[0].when[0].parameter: measure zugangskontrolle.mfa has no parameter 'stufe'",
    ),
    (
        'when = [{ parameter = "zugangskontrolle.mfa.bereich", equals = "niemand" }]',
        "rule[0].when[0].equals: parameter zugangskontrolle.mfa.bereich: 'niemand' is not one",
    ),
    (
        'when = [{ parameter = "zugangskontrolle.mfa.bereich", below = 3 }]',
        "rule[0].when[0].below: parameter zugangskontrolle.mfa.bereich is of type choice",
    ),
    (
        'when = [{ answer = "zugangskontrolle.passwoerter", answered = true }]',
        "rule[0].when[0].answer: zugangskontrolle.passwoerter is a checklist",
    ),
    (
        'when = [{ measure = "zugangskontrolle.mfa", answer = "organisation.papier" }]',
        "rule[0].when[0]: name exactly one of measure, parameter, answer, all, any, not",
    ),
    (
        'when = [{ measure = "zugangskontrolle.mfa", equals = true }]',
        "rule[0].when[0]: a measure condition takes exactly one of: status, status_not",
    ),
    ('when = [{ measure = "zugangskontrolle.mfa", status = "done" }]', "rule[0].when[0].status"),
    ("when = [{ any = [] }]", "rule[0].when[0].any: 'any' needs at least one condition"),
    (
        'when = [{ measure = "zugangskontrolle.mfa", status_not = [] }]',
        "rule[0].when[0].status_not: needs at least one status",
    ),
    ("when = []", "rule[0].when: a rule needs 'when' (its condition) or 'builtin'"),
    (
        'when = [{ answer = "organisation.papier", equals = true }]\nfrobnicate = 1',
        "rule[0].frobnicate",
    ),
    ('builtin = "planned-overdue"\nsource = "a\\u0007b"', "rule[0].source"),
]


@pytest.mark.parametrize(("body", "expected"), BAD_RULES)
def test_rule_file_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str, expected: str
) -> None:
    folder = tmp_path / "katalog"
    (folder / "rules").mkdir(parents=True)
    rule_file = write(
        folder / "rules" / "bad.toml",
        f'# own rules\n[[rule]]\nid = "bad"\nmessage = {{ de = "d", en = "e" }}\n{body}\n',
    )
    tom = write(tmp_path / "tom.toml", HEADER)
    code, out, err = check(capsys, "--catalogue", str(folder), str(tom))
    assert (code, out) == (1, "")
    first, problem, *_ = err.splitlines()
    assert first == "tomwizard: die Prüfregeln haben Fehler:"
    assert problem.startswith(f"{rule_file}:")
    line = int(problem.split(":")[1])
    assert line >= 2
    assert expected in problem


def test_rule_file_limits_and_duplicates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "katalog"
    (folder / "rules").mkdir(parents=True)
    deep = '{ measure = "zugangskontrolle.mfa", status = "open" }'
    for _ in range(7):
        deep = f"{{ not = {deep} }}"
    write(
        folder / "rules" / "a.toml",
        '[[rule]]\nid = "planned-overdue"\nbuiltin = "planned-overdue"\n'
        'message = { de = "{measure} {count}", en = "{measure}" }\n'
        f'[[rule]]\nid = "deep"\nmessage = {{ de = "d", en = "e" }}\nwhen = [{deep}]\n',
    )
    write(folder / "rules" / "b.toml", "[[rule]\n")
    write(folder / "rules" / "notes.txt", "not a rule file")
    tom = write(tmp_path / "tom.toml", HEADER)
    code, _, err = check(capsys, "--catalogue", str(folder), str(tom))
    assert code == 1
    assert "rule[0].message.de: unknown placeholder {count}: the built-in check " in err
    assert "rule[0].id: rule 'planned-overdue' is already defined in " in err
    assert "rule[1].when[0].not.not.not.not.not.not: conditions nested more than 6 " in err
    assert f"{folder / 'rules' / 'b.toml'}:1: TOML syntax error" in err
    assert "notes.txt" not in err


def test_unreadable_answers_file_is_reported_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.toml", HEADER + '[document]\nstatus = "fertig"\n')
    code, out, err = check(capsys, str(broken))
    assert code == 1
    assert out.startswith(f"{broken}:8: document.status: ")
    assert err == f"{broken}: nicht lesbar, nicht geprüft\n"
    code, out, _ = check(capsys, "--format", "sarif", str(broken), str(tmp_path / "missing.toml"))
    log = json.loads(out)
    assert_valid_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["document.status", "file"]


def test_check_as_installed(tmp_path: Path) -> None:
    """The real command in a subprocess, on the examples, in English."""
    env = {**os.environ, "TOMWIZARD_QUESTIONS": str(shipped_questions_dir())}
    result = subprocess.run(
        [sys.executable, "-m", "tomwizard", "check", "--lang", "en", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "remote-access-without-mfa",
        "tls-minimum-version-missing",
        "backup-without-restore-test",
    ]
    line = _line_of(EXAMPLE, "fernzugriff = true")
    assert lines[0].startswith(f"{EXAMPLE}:{line}: remote-access-without-mfa: warning: Staff can")
    assert result.stderr == f"{EXAMPLE}: 3 findings\n"


def test_pre_commit_hooks_run_the_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The hooks of ``.pre-commit-hooks.yaml`` (a flat list pre-commit reads) name commands
    that exist and fail on a file with findings, pass on a clean one."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line.startswith("- id: "):
            current = hooks.setdefault(line.removeprefix("- id: "), {})
        elif line.startswith("  ") and ": " in line and not line.lstrip().startswith("#"):
            key, _, value = line.strip().partition(": ")
            current[key] = value
    assert set(hooks) == {"tomwizard-validate", "tomwizard-check"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["files"] == r"\.toml$"
        assert hook["types"] == "[toml]"
    assert hooks["tomwizard-validate"]["entry"] == "tomwizard validate --strict"
    assert hooks["tomwizard-check"]["entry"] == "tomwizard check"

    findings = write(tmp_path / "tom.toml", PERIODIC)
    clean = write(tmp_path / "clean.toml", PERIODIC.replace("jaehrlich", "anlassbezogen"))
    entry = hooks["tomwizard-check"]["entry"].split()[1:]
    assert main([*entry, str(findings), str(clean)]) == 1
    assert main([*entry, str(clean)]) == 0
    entry = hooks["tomwizard-validate"]["entry"].split()[1:]
    assert main([*entry, str(clean)]) == 0
    assert main([*entry, str(ROOT / "pyproject.toml")]) == 1  # why users set `files:`
    capsys.readouterr()
