"""``tomwizard show``: a stable, readable listing of an answers file, for people and for git's
``textconv`` (tested in a real repository: ``git diff`` and ``git log -p`` show measures)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.changes.summary import render_summary
from tomwizard.cli import main
from tomwizard.disk.storage import parse_document

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
BASE: dict[str, Any] = tomllib.loads(COMPLETE)


def _show(data: dict[str, Any], catalogue: Catalogue, lang: str = "de") -> str:
    document = parse_document(tomli_w.dumps(data).encode(), "x.toml", catalogue).document
    return render_summary(document, catalogue, lang)  # type: ignore[arg-type]


def test_listing_of_a_document(complete_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(complete_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Technische und organisatorische Maßnahmen\n"
        "Anlage 1 · Version 1.1 · Stand 15.04.2025 · Endfassung\n"
        "\n"
        "Dokument\n"
    )
    assert "  Auftraggeber – Anschrift: Musterstraße 1\n      12345 Musterstadt\n" in out
    assert (
        "Änderungshistorie\n"
        "  Version 1.0\n"
        "      Stand: 01.03.2025\n"
        "      Erstellt von: Erika Muster\n"
        "      Änderungen: Erstfassung\n"
    ) in out
    assert (
        "Zutrittskontrolle\n"
        "  ✓ Schließsystem mit Schlüsselverwaltung — umgesetzt\n"
        "      Die Räume sind mit einem Schließsystem gesichert; die Ausgabe von Schlüsseln "
        "wird dokumentiert.\n"
        "      Bemerkung: Transponder, Ausgabe im Personalbüro.\n"
        "  ✓ Besucher nur in Begleitung — umgesetzt\n"
    ) in out
    assert (
        "  ◷ Alarmanlage — geplant bis 30.09.2025\n      Alarm geht an: einen Wachdienst\n" in out
    )
    assert (
        "  – Serverraum gesondert verschlossen — nicht anwendbar, Begründung: Kein eigener "
        "Serverraum; Server stehen im Rechenzentrum.\n"
    ) in out
    assert (
        "  ✓ Passwortrichtlinie — umgesetzt\n"
        "      Passwörter müssen mindestens 12 Zeichen lang sein.\n"
        "      Mindestlänge: 12 Zeichen\n"
    ) in out
    assert (
        "  ✓ Notfallzugänge im Passwort-Tresor (eigene Maßnahme) — umgesetzt\n"
        "      Notfallzugänge liegen versiegelt in einem Passwort-Tresor.\n"
    ) in out
    assert "  Nach wie vielen Minuten Inaktivität sperrt sich der Bildschirm?: 5 Minuten\n" in out
    assert (
        "    [rz1] Betreiber: Beispiel Hosting GmbH, Standort: Frankfurt am Main, "
        "Zertifizierung: ISO/IEC 27001, Zertifikat gültig bis: 30.06.2027\n"
    ) in out
    # categories in catalogue order
    order = ["Organisation", "Zutrittskontrolle", "Zugangskontrolle", "Verfügbarkeitskontrolle"]
    positions = [out.index(f"\n{title}") for title in order]
    assert positions == sorted(positions)


def test_english(complete_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--lang", "en", str(complete_file)]) == 0
    out = capsys.readouterr().out
    assert "Annex 1 · Version 1.1 · Date 15 April 2025 · Final\n" in out
    assert "  ✓ Password policy — implemented\n" in out
    assert "      Passwords must be at least 12 characters long.\n" in out
    assert "  ◷ Intruder alarm — planned by 30 September 2025\n" in out
    assert "  Controller – Address: Musterstraße 1\n" in out


def test_the_same_document_gives_the_same_listing(catalogue: Catalogue) -> None:
    reordered = dict(reversed(list(BASE.items())))
    reordered["categories"] = dict(reversed(list(BASE["categories"].items())))
    first = _show(BASE, catalogue)
    assert _show(reordered, catalogue) == first
    assert (
        render_summary(
            parse_document(COMPLETE.encode(), "y.toml", catalogue).document, catalogue, "de"
        )
        == first
    )


EDITS: list[Callable[[dict[str, Any]], None]] = [
    lambda d: d["document"].update(version="1.2"),
    lambda d: d["document"]["controller"].update(function_en="Managing director"),
    lambda d: d["history"]["1.1"].update(changes_en="Data centre added"),
    lambda d: d["categories"]["organisation"].update(note="intern"),
    lambda d: d["categories"]["organisation"].update(reviewed=dt.date(2025, 5, 1)),
    lambda d: d["categories"]["organisation"]["answers"].update(groesse="ueber50"),
    lambda d: (
        d["categories"]["organisation"]
        .setdefault("answers_en", {})
        .update(beschreibung="Operation")
    ),
    lambda d: d["categories"]["zugangskontrolle"]["measures"]["mfa"].update(note_en="Admins"),
    lambda d: d["categories"]["zugangskontrolle"]["measures"]["mfa"].update(shared=True),
    lambda d: d["categories"]["zutrittskontrolle"]["measures"]["alarmanlage"].update(
        target_date=dt.date(2026, 1, 1)
    ),
    lambda d: d["categories"]["zutrittskontrolle"]["measures"]["serverraum_gesichert"].update(
        reason_en="No server room"
    ),
    lambda d: d["categories"]["zugangskontrolle"]["measures"]["passwortrichtlinie"][
        "parameters"
    ].update(mindestlaenge=14),
    lambda d: d["categories"]["zugangskontrolle"]["custom"]["notfallzugang"].update(
        phrase="Anders."
    ),
    lambda d: d["categories"]["verfuegbarkeitskontrolle"]["answers"]["rechenzentren"]["rz1"].update(
        standort="Offenbach"
    ),
    lambda d: d.update(
        providers={"rz": {"name": "RZ", "certifications": {"c": {"standard": "X"}}}}
    ),
    lambda d: d.update(silenced={"password-rotation": {"reason": "Vorgabe"}}),
    lambda d: d.update(conflicts=[{"key": "document.version", "ours": '"1"', "theirs": '"2"'}]),
]


@pytest.mark.parametrize("edit", EDITS)
def test_every_change_of_meaning_changes_the_listing(
    catalogue: Catalogue, edit: Callable[[dict[str, Any]], None]
) -> None:
    changed = copy.deepcopy(BASE)
    edit(changed)
    assert _show(changed, catalogue) != _show(BASE, catalogue)


def test_control_codes_are_escaped(catalogue: Catalogue) -> None:
    data = copy.deepcopy(BASE)
    data["categories"]["zutrittskontrolle"]["measures"]["schliesssystem"]["note"] = (
        "a\x1b[2Jb\u202ec"
    )
    out = _show(data, catalogue)
    assert "\x1b" not in out and "\u202e" not in out
    assert "Bemerkung: a\\x1b[2Jb\\u202ec" in out


def test_stdin(
    complete_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(complete_file.read_bytes())))
    assert main(["show", "-"]) == 0
    assert "Passwortrichtlinie" in capsys.readouterr().out


def test_a_file_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(COMPLETE.replace('status = "final"', 'status = "fertig"'), encoding="utf-8")
    assert main(["show", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{bad}:" in captured.err and "document.status" in captured.err
    # for git: the problems and the text as it is, exit 0
    assert main(["show", "--textconv", str(bad)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {bad}:")
    assert 'status = "fertig"' in out


# -- git textconv ----------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_PAGER": "cat", "PAGER": "cat", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True, timeout=60
    )
    return result.stdout


@pytest.mark.slow
def test_git_diff_and_log_show_measures(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "Test")
    show = f"{sys.executable} -m tomwizard show --textconv"
    _git(repo, "config", "diff.tomwizard.textconv", show)
    (repo / ".gitattributes").write_text("*.toml diff=tomwizard\n", encoding="utf-8")
    (repo / "tom.toml").write_text(COMPLETE, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    changed = copy.deepcopy(BASE)
    changed["categories"]["zugangskontrolle"]["measures"]["passwortrichtlinie"]["parameters"][
        "mindestlaenge"
    ] = 14
    (repo / "tom.toml").write_text(tomli_w.dumps(changed), encoding="utf-8")  # reformatted too
    diff = _git(repo, "diff")
    changed_lines = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed_lines == [
        "-      Passwörter müssen mindestens 12 Zeichen lang sein.",
        "-      Mindestlänge: 12 Zeichen",
        "+      Passwörter müssen mindestens 14 Zeichen lang sein.",
        "+      Mindestlänge: 14 Zeichen",
    ]
    _git(repo, "commit", "-q", "-am", "longer passwords")
    log = _git(repo, "log", "-p")
    assert "+      Mindestlänge: 14 Zeichen" in log
    assert "+  ✓ Passwortrichtlinie — umgesetzt" in log  # the first commit, as a listing
    assert "[categories." not in log  # measures, not TOML
