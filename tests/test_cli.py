"""The command line: exit codes, messages and output of validate, schema, paths, edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tomwizard import __version__
from tomwizard.cli import main
from tomwizard.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "tomwizard", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=os.environ.copy(),
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"tomwizard {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("validate", "catalogue", "schema", "edit", "paths", "--catalogue"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["frobnicate"], ["catalogue", "--lang", "fr"], ["schema", "nonsense"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: tomwizard" in capsys.readouterr().err


def test_validate_complete_document(
    complete_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(complete_file)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[0] == f"{complete_file}: gültig (Katalog tomwizard 0.1.0)"
    assert lines[1].split() == ["Kategorie", "beantwortet", "Pflicht"]
    assert lines[2].split()[-2:] == ["4/4", "1/1"]
    assert "Zutrittskontrolle" in lines[3]
    assert lines[-1].split() == ["5/5"]


def test_validate_summary_in_english_and_missing_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "partial.toml"
    path.write_text(
        '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n\n'
        "[categories.organisation.answers]\n"
        'standorte = ["homeoffice"]\n',
        encoding="utf-8",
    )
    assert main(["validate", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Category" in out and "answered" in out and "required" in out
    access = next(line for line in out.splitlines() if "Physical access control" in line)
    assert access.split()[-1] == "n/a"
    system = next(line for line in out.splitlines() if "System access control" in line)
    assert system.split()[3:5] == ["0/2", "0/1"]
    assert system.endswith("  missing: How do staff sign in to the systems?")


def test_validate_reports_every_error_with_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n\n'
        "[document]\n"
        'date = "2025-01-01"\n'
        'statsu = "final"\n\n'
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "done"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:6: document.date: erwartet ein TOML-Datum wie 2025-01-31 (ohne "
        "Anführungszeichen), gefunden: Zeichenkette '2025-01-01'",
        f"{path}:7: document.statsu: unbekannter Schlüssel (nicht Teil des Formats; "
        "Schreibweise prüfen)",
        f"{path}:10: categories.zugangskontrolle.measures.passwortrichtlinie.status: "
        "erwartet 'implemented', 'planned' oder 'not_applicable', gefunden: 'done'",
        f"{path}: ungültig (3 Fehler)",
    ]
    assert main(["validate", "--lang", "en", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:6: document.date: expected a TOML date such as 2025-01-31 (without quotes), "
        "found string '2025-01-01'",
        f"{path}:7: document.statsu: unknown key (not part of the format; check the spelling)",
        f"{path}:10: categories.zugangskontrolle.measures.passwortrichtlinie.status: "
        "expected 'implemented', 'planned' or 'not_applicable', found 'done'",
        f"{path}: invalid (3 errors)",
    ]


def test_validate_catalogue_type_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "types.toml"
    path.write_text(
        '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n\n'
        "[categories.zugangskontrolle.answers]\n"
        'bildschirmsperre = "5"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{path}:6: categories.zugangskontrolle.answers.bildschirmsperre: "
        "erwartet eine Zahl, gefunden: Zeichenkette '5'"
    )


def test_validate_several_files_fails_if_any_fails(
    complete_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["validate", str(complete_file), str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"{complete_file}: gültig" in captured.out
    assert f"{missing}: Datei nicht gefunden" in captured.err
    assert f"{missing}: ungültig (1 Fehler)" in captured.err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02\xff\xfe binary", "kein gültiges UTF-8 (Byte 0xff)"),
        (b'[catalogue]\nid = "x\xe4"\n', ":2: kein gültiges UTF-8 (Byte 0xe4)"),
        (b"a = [" * 3000, "TOML-Syntaxfehler"),
        (b"key = = 1\n", ":1: TOML-Syntaxfehler: ungültiger Wert"),
        (b"", "Pflichtschlüssel 'catalogue' fehlt"),
    ],
)
def test_validate_bad_input_never_tracebacks(content: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "input.toml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert result.stderr.startswith(str(path))


def test_validate_directory_and_huge_file(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path}: ist ein Ordner, keine TOML-Datei" in result.stderr
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# " + b"x" * (9 * 1024 * 1024))
    result = run("validate", str(huge))
    assert result.returncode == 1
    assert "größer als 8 MiB" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["answers", "category", "catalogue"])
def test_committed_schema_matches_models(kind: str) -> None:
    committed = ROOT / "docs" / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (  # type: ignore[arg-type]
        f"docs/schema/{kind}.schema.json is stale; run: tomwizard schema {kind} > {committed}"
    )


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "tomwizard answers file"
    assert schema["additionalProperties"] is False
    assert "categories" in schema["properties"]


def test_paths_follow_tomwizard_home(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["paths"]) == 0
    out = capsys.readouterr().out
    assert f"recovery copies:         {isolated_home / 'state' / 'recovery'}" in out
    assert "questions:               " in out
    assert f"user catalogue:          {isolated_home / 'data' / 'catalogue'}" in out


def test_edit_with_a_broken_catalogue_reports_it_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tomwizard.cli.has_terminal", lambda: True)
    broken = tmp_path / "mine"
    broken.mkdir()
    (broken / "x.toml").write_text("id = 3\n", encoding="utf-8")
    assert main(["edit", str(tmp_path / "doc.toml"), "--catalogue", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "the question catalogue has errors" in err  # for its authors: in English
    assert f"{broken / 'x.toml'}:1: id:" in err


@pytest.mark.parametrize("argv", [["edit", "doc.toml"], []])
@pytest.mark.parametrize("stdin", ["devnull", "pipe", "terminal"])
def test_the_wizard_without_a_terminal_refuses_at_once(
    argv: list[str], stdin: str, tmp_path: Path
) -> None:
    """``tomwizard edit x.toml < /dev/null`` or in a pipe spun at full CPU forever; now it
    exits with 2 and says what to use instead. (Textual also needs stderr to be a terminal:
    here it is a pipe, so a terminal on stdin alone is refused too.)"""
    import pty

    main_fd, terminal = pty.openpty()
    feeds: dict[str, dict[str, Any]] = {
        "devnull": {"stdin": subprocess.DEVNULL},
        "pipe": {"input": "q\n"},
        "terminal": {"stdin": terminal},
    }
    feed = feeds[stdin]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tomwizard", *argv],
            **feed,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
            env=os.environ.copy(),
        )
    finally:
        os.close(main_fd)
        os.close(terminal)
    assert result.returncode == 2
    assert result.stderr == (
        "tomwizard: tomwizard edit needs a terminal; use validate/export for scripts\n"
    )
    assert result.stdout == ""
    assert not (tmp_path / "doc.toml").exists()


def test_validate_summary_names_a_missing_required_parameter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "partial.toml"
    path.write_text(
        '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n\n'
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "implemented"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert (
        f"{path}:5: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: "
        + ("Warnung: Passwortrichtlinie: „Mindestlänge“ fehlt")
        in captured.err.splitlines()
    )
    access = next(line for line in captured.out.splitlines() if "Zugangskontrolle" in line)
    assert access.endswith("  fehlt: Passwortrichtlinie – Mindestlänge")


PARTIAL = (
    '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n\n'
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "implemented"\n'
)
"""A German document whose ticked password policy misses its required minimum length."""


def test_validate_prints_in_the_interface_language_of_the_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not in the document's language: a German document, English settings, English output;
    --lang still decides for one run. The FILE:LINE: key: message form stays."""
    from tomwizard import config

    path = tmp_path / "partial.toml"
    path.write_text(PARTIAL, encoding="utf-8")
    config.save(config.Settings(ui_language="en"))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert (
        f"{path}:5: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: "
        "warning: Password policy: 'Minimum length' has no value"
    ) in captured.err.splitlines()
    assert captured.out.splitlines()[1].split() == ["Category", "answered", "required"]
    access = next(line for line in captured.out.splitlines() if "System access control" in line)
    assert access.endswith("  missing: Password policy – Minimum length")

    assert main(["validate", "--lang", "de", str(path)]) == 0
    captured = capsys.readouterr()
    assert "Warnung: Passwortrichtlinie: „Mindestlänge“ fehlt" in captured.err
    assert "Kategorie" in captured.out


def test_validate_language_comes_from_the_locale_without_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "partial.toml"
    path.write_text(PARTIAL, encoding="utf-8")
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")
    assert main(["validate", str(path)]) == 0
    assert "'Minimum length' has no value" in capsys.readouterr().err
    monkeypatch.setenv("LC_MESSAGES", "de_AT.UTF-8")
    assert main(["validate", str(path)]) == 0
    assert "„Mindestlänge“ fehlt" in capsys.readouterr().err
