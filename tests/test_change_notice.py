"""The change notice (``tomwizard diff --format docx``): its sentences in German and English,
in the contract's words, saying only what the documents say; the Word file through the export's
verification, the Open XML SDK validator and python-docx; the templates as the build script
makes them."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import importlib.util
import io
import stat
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
import tomli_w
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from ooxml import assert_valid_ooxml

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.changes.notice import NoticeContext, build_notice, notice_sentences
from tomwizard.changes.notice_docx import notice_template, render_notice
from tomwizard.cli import main
from tomwizard.disk.storage import parse_document
from tomwizard.export.verify import document_text, verify_docx

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
BASE: dict[str, Any] = tomllib.loads(COMPLETE)
SCRIPT = ROOT / "scripts" / "build_notice_templates.py"


def _document(data: dict[str, Any], catalogue: Catalogue) -> AnswersDocument:
    return parse_document(tomli_w.dumps(data).encode(), "x.toml", catalogue).document


def _v2(data: dict[str, Any]) -> None:
    """Version 1.2: a new customer name, a history entry, a longer password, MFA for everyone
    with a remark, an account lockout, the alarm system installed, visitors no longer
    applicable, the locking system no longer listed, an own measure planned again, an answer,
    an internal note (never printed) and a data centre operator."""
    details = data["document"]
    details.update(version="1.2", date=dt.date(2025, 7, 1))
    details["controller"]["name"] = "Neuer Kunde GmbH"
    data["history"]["1.2"] = {
        "date": dt.date(2025, 7, 1),
        "author": "Erika Muster",
        "changes": "MFA für alle, Sperre eingeführt",
        "changes_en": "MFA for all, lockout introduced",
    }
    access = data["categories"]["zugangskontrolle"]
    access["measures"]["passwortrichtlinie"]["parameters"]["mindestlaenge"] = 14
    access["measures"]["mfa"]["parameters"]["bereich"] = "alle"
    access["measures"]["mfa"].update(note="Per App.", note_en="By app.")
    access["measures"]["sperre"] = {"status": "implemented", "parameters": {"versuche": 5}}
    access["custom"]["notfallzugang"].update(status="planned", target_date=dt.date(2025, 12, 31))
    entry = data["categories"]["zutrittskontrolle"]["measures"]
    entry["alarmanlage"]["status"] = "implemented"
    entry["besucherregelung"] = {
        "status": "not_applicable",
        "reason": "Kein Publikumsverkehr",
        "reason_en": "No public access",
    }
    del entry["schliesssystem"]
    data["categories"]["organisation"]["note"] = "intern"
    data["categories"]["organisation"]["answers"]["groesse"] = "ueber50"
    data["providers"] = {
        "rz": {"name": "Beispiel Hosting GmbH", "role": "data_centre", "service": "Hosting"}
    }


def _edited(edit: Callable[[dict[str, Any]], None], base: dict[str, Any] = BASE) -> dict[str, Any]:
    data = copy.deepcopy(base)
    edit(data)
    return data


def _notice(catalogue: Catalogue, new: dict[str, Any], lang: str = "de") -> NoticeContext:
    notice = build_notice(_document(BASE, catalogue), _document(new, catalogue), catalogue, lang)  # type: ignore[arg-type]
    return notice.context


# -- the sentences ------------------------------------------------------------------------------


def test_german_notice(catalogue: Catalogue) -> None:
    context = _notice(catalogue, _edited(_v2))
    assert context.document.title == (
        "Mitteilung über Änderungen der technischen und organisatorischen Maßnahmen"
    )
    assert context.intro == [
        "Der Auftragnehmer Muster Dienstleister AG teilt dem Auftraggeber Neuer Kunde GmbH die "
        "folgenden Änderungen der technischen und organisatorischen Maßnahmen mit, die in "
        "Anlage 1 „Technische und organisatorische Maßnahmen“ zum Vertrag „Vertrag über die "
        "Auftragsverarbeitung vom 1. März 2025“ vom 01.03.2025 beschrieben sind.",
        "Die Fassung 1.2 vom 01.07.2025 ersetzt die bisherige Fassung 1.1 vom 15.04.2025.",
    ]
    assert [(s.title, s.changes) for s in context.sections] == [
        (
            "Angaben zum Dokument",
            ["Auftraggeber – Name: jetzt „Neuer Kunde GmbH“ (bisher „Beispiel Kunde GmbH“)."],
        ),
        (
            "Änderungshistorie",
            ["Version 1.2 vom 01.07.2025 (Erika Muster): MFA für alle, Sperre eingeführt."],
        ),
        (
            "Organisation und Infrastruktur",
            ["Wie viele Personen arbeiten mit den Daten?: jetzt mehr als 50 (bisher 11 bis 50)."],
        ),
        (
            "Zutrittskontrolle",
            [
                "Schließsystem mit Schlüsselverwaltung: nicht mehr aufgeführt (bisher umgesetzt).",
                "Besucher nur in Begleitung: jetzt nicht anwendbar (bisher umgesetzt). "
                "Begründung: Kein Publikumsverkehr.",
                "Alarmanlage: jetzt umgesetzt (bisher geplant bis 30.09.2025). Eine Alarmanlage "
                "überwacht die Räume außerhalb der Arbeitszeit und alarmiert einen Wachdienst.",
            ],
        ),
        (
            "Zugangskontrolle",
            [
                "Passwortrichtlinie: Passwörter müssen mindestens 14 Zeichen lang sein. Bisher: "
                "Passwörter müssen mindestens 12 Zeichen lang sein.",
                "Mehr-Faktor-Authentisierung – Bemerkung: ergänzt: „Per App.“",
                "Mehr-Faktor-Authentisierung: Ein zweiter Faktor ist für alle Zugänge "
                "erforderlich. Bisher: Ein zweiter Faktor ist für administrative Zugänge "
                "erforderlich.",
                "Kontosperre nach Fehlversuchen: jetzt umgesetzt (bisher nicht aufgeführt). Nach "
                "5 fehlgeschlagenen Anmeldeversuchen wird das Konto gesperrt.",
                "Notfallzugänge im Passwort-Tresor: jetzt geplant bis 31.12.2025 (bisher "
                "umgesetzt).",
            ],
        ),
        (
            "Dienstleister",
            ["Beispiel Hosting GmbH: neu aufgeführt: Rechenzentrumsbetreiber, Hosting."],
        ),
    ]
    assert context.closing == ["Die Änderungen gelten ab dem 01.07.2025."]
    assert context.processor.name == "Muster Dienstleister AG"
    assert context.terms.processor.acc == "den Auftragnehmer"


def test_english_notice_of_a_german_document_uses_the_english_versions(
    catalogue: Catalogue,
) -> None:
    context = _notice(catalogue, _edited(_v2), "en")
    assert (
        context.document.title == "Notice of changes to the technical and organisational measures"
    )
    assert context.intro[0].startswith(
        "The processor Muster Dienstleister AG informs the controller Neuer Kunde GmbH of the "
        "following changes to the technical and organisational measures described in Annex 1 "
    )
    assert (
        context.intro[1]
        == "Version 1.2 of 1 July 2025 replaces the previous version 1.1 of 15 April 2025."
    )
    sentences = notice_sentences(context)
    assert (
        "Version 1.2 of 1 July 2025 (Erika Muster): MFA for all, lockout introduced." in sentences
    )
    assert "Multi-factor authentication – Remark: added: “By app.”" in sentences
    assert (
        "Visitors accompanied at all times: now not applicable (previously implemented). "
        "Reason: No public access."
    ) in sentences
    assert context.closing == ["The changes apply from 1 July 2025."]


def test_what_the_annex_never_prints_is_no_change_of_the_notice(catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["categories"]["organisation"]["note"] = "intern"
        data["categories"]["organisation"]["reviewed"] = dt.date(2025, 5, 1)
        data["document"]["review_interval_months"] = 12
        data["document"]["last_review"] = dt.date(2025, 5, 1)
        data["silenced"] = {"password-rotation": {"reason": "Vorgabe"}}
        measures = data["categories"]["zugangskontrolle"]["measures"]
        measures["mfa"]["note_en"] = "English only"  # not printed in a German notice
        measures["sperre"] = {"note": "noch nicht entschieden"}  # no status: not printed
        data["categories"]["zutrittskontrolle"]["measures"]["alarmanlage"]["reason"] = "x"

    assert _notice(catalogue, _edited(edit)).sections == []


def test_without_a_date_nothing_is_said_about_when_and_a_kept_version_is_named(
    catalogue: Catalogue,
) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["document"]["date"]
        data["categories"]["zugangskontrolle"]["measures"]["mfa"]["parameters"]["bereich"] = "alle"

    context = _notice(catalogue, _edited(edit))
    assert context.closing == []
    assert context.intro[1] == "Die geänderte Fassung trägt weiterhin die Versionsnummer 1.1."
    assert context.document.date == ""


@pytest.mark.parametrize(
    ("terms", "annex", "number", "expected"),
    [
        (
            "verantwortlicher",
            "Anhang",
            "3",
            "Der Auftragsverarbeiter Muster Dienstleister AG teilt dem Verantwortlichen "
            "Neuer Kunde GmbH die folgenden Änderungen der technischen und organisatorischen "
            "Maßnahmen mit, die in Anhang 3 „Technische",
        ),
        (
            "kunde",
            "Anhang",
            "",
            "Der Anbieter Muster Dienstleister AG teilt dem Kunden Neuer Kunde GmbH die "
            "folgenden Änderungen der technischen und organisatorischen Maßnahmen mit, die im "
            "Anhang „Technische",
        ),
        (
            "auftraggeber",
            "Anlage",
            "",
            "Der Auftragnehmer Muster Dienstleister AG teilt dem Auftraggeber Neuer Kunde "
            "GmbH die folgenden Änderungen der technischen und organisatorischen Maßnahmen mit, "
            "die in der Anlage „Technische",
        ),
    ],
)
def test_the_contracts_words(
    catalogue: Catalogue, terms: str, annex: str, number: str, expected: str
) -> None:
    def words(data: dict[str, Any]) -> None:
        data["document"].update(party_terms=terms, annex_word=annex, annex_number=number)

    base = _edited(words)
    new = _edited(_v2, base)
    new["document"].update(party_terms=terms, annex_word=annex, annex_number=number)
    before, after = _document(base, catalogue), _document(new, catalogue)
    context = build_notice(before, after, catalogue, "de").context
    assert context.intro[0].startswith(expected)
    english = build_notice(before, after, catalogue, "en").context
    party = "customer" if terms == "kunde" else "controller"
    assert f" informs the {party} Neuer Kunde GmbH" in english.intro[0]


def test_no_law_is_cited(catalogue: Catalogue) -> None:
    for lang in ("de", "en"):
        context = _notice(catalogue, _edited(_v2), lang)
        own = [*context.intro, *context.closing, context.document.title]
        assert not any(word in text for text in own for word in ("DSGVO", "GDPR", "Art.", "BDSG"))


# -- the Word file ------------------------------------------------------------------------------


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "tom-1.1.toml"
    old.write_text(COMPLETE, encoding="utf-8")
    new = tmp_path / "tom-1.2.toml"

    def v2(data: dict[str, Any]) -> None:
        _v2(data)
        # user text that must be printed as typed, never as markup or template code
        mfa = data["categories"]["zugangskontrolle"]["measures"]["mfa"]
        mfa["note"] = mfa["note_en"] = "R&D <GmbH> {{ x }} {% if y %}"

    new.write_text(tomli_w.dumps(_edited(v2)), encoding="utf-8")
    return old, new


def _paragraphs(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_notice_as_a_word_file(
    versions: tuple[Path, Path],
    tmp_path: Path,
    catalogue: Catalogue,
    lang: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = versions
    out = tmp_path / f"notice.{lang}.docx"
    assert (
        main(["diff", str(old), str(new), "--format", "docx", "-o", str(out), "--lang", lang]) == 1
    )
    written = {"de": "Änderungsmitteilung geschrieben", "en": "change notice written"}
    assert f"{out}: {written[lang]}" in capsys.readouterr().err  # --lang: the messages' too
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert_valid_ooxml(out)
    paragraphs = _paragraphs(out)
    context = build_notice(
        _document(BASE, catalogue),
        parse_document(new.read_bytes(), "n", catalogue).document,
        catalogue,
        lang,  # type: ignore[arg-type]
    ).context
    assert paragraphs[0] == context.document.title
    for text in [*context.intro, *notice_sentences(context), *context.closing]:
        assert text in paragraphs
    note = "R&D <GmbH> {{ x }} {% if y %}"
    assert any(note in p for p in paragraphs)
    paragraphs_with_styles = [
        (p.text, p.style.name if p.style is not None else "")
        for p in docx.Document(str(out)).paragraphs
    ]
    headings = [text for text, style in paragraphs_with_styles if style == "Heading 2"]
    assert headings == [s.title for s in context.sections]
    bullets = [text for text, style in paragraphs_with_styles if style == "List Bullet"]
    assert bullets == notice_sentences(context)
    text = document_text(out.read_bytes())
    processor = "Für den Auftragnehmer" if lang == "de" else "For the processor"
    assert processor in text and "Muster Dienstleister AG" in text
    assert "Max Beispiel, Vorstand" in text  # the processor's signatory
    assert ("Bisherige Fassung" if lang == "de" else "Previous version") in text
    assert "{{" not in text.replace("{{ x }}", "") and "{%p" not in text


def test_verification_of_the_rendered_notice(catalogue: Catalogue) -> None:
    notice = build_notice(
        _document(BASE, catalogue), _document(_edited(_v2), catalogue), catalogue, "de"
    )
    data = render_notice(notice)
    sentences = notice_sentences(notice.context)
    assert verify_docx(data, [], sentences) == []
    problems = verify_docx(data, [], [*sentences, "Ein Satz, der fehlt."])
    assert problems == ['text missing from the document: "Ein Satz, der fehlt."']


def test_lost_text_fails_and_writes_nothing(
    versions: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tomwizard.export import render as render_module

    real = render_module.render

    def losing(template: Path, context: object, *rest: object) -> render_module.Rendered:
        rendered = real(template, context, *rest)  # type: ignore[arg-type]
        return render_module.Rendered(rendered.data, [*rendered.shown, "a < b went missing"])

    monkeypatch.setattr(render_module, "render", losing)
    old, new = versions
    out = tmp_path / "notice.docx"
    assert main(["diff", str(old), str(new), "--format", "docx", "-o", str(out)]) == 4
    err = capsys.readouterr().err
    assert "die Änderungsmitteilung enthielte nicht alles" in err
    assert "im Dokument fehlt der Text „a < b went missing“" in err
    assert not out.exists()


def test_no_notice_when_the_annex_does_not_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.toml"
    old.write_text(COMPLETE, encoding="utf-8")
    new = tmp_path / "new.toml"
    new.write_text(
        COMPLETE.replace('status = "final"', 'status = "final"\nlast_review = 2025-05-01'),
        encoding="utf-8",
    )
    out = tmp_path / "notice.docx"
    assert main(["diff", str(old), str(new), "--format", "docx", "-o", str(out)]) == 1
    assert "keine Änderungsmitteilung geschrieben" in capsys.readouterr().err
    assert not out.exists()
    assert main(["diff", str(old), str(old), "--format", "docx", "-o", str(out)]) == 0
    assert not out.exists()


def test_the_notice_to_standard_output_and_the_output_name(
    versions: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = versions
    assert (
        main(["diff", str(old), str(new), "--format", "docx", "-o", str(tmp_path / "x.txt")]) == 2
    )
    assert "die Änderungsmitteilung muss auf .docx enden" in capsys.readouterr().err
    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer)
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["diff", str(old), str(new), "--format", "docx"]) == 1
    stdout.flush()
    assert buffer.getvalue().startswith(b"PK")
    assert "Mitteilung über Änderungen" in document_text(buffer.getvalue())


def test_untranslated_texts_are_warnings_for_an_english_notice(
    versions: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = versions
    out = tmp_path / "notice.docx"
    assert (
        main(["diff", str(old), str(new), "--format", "docx", "--lang", "en", "-o", str(out)]) == 1
    )
    err = capsys.readouterr().err
    assert f"{new}:" in err and "warning: no English version" in err


# -- the templates --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def script() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("build_notice_templates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_committed_templates_are_what_the_script_builds(script: ModuleType, tmp_path: Path) -> None:
    written = script.build_all(tmp_path)
    assert sorted(p.name for p in written) == ["notice.de.docx", "notice.en.docx"]
    for path in written:
        committed = notice_template(path.name.split(".")[1]).read_bytes()
        assert script.same_content(path.read_bytes(), committed), (
            f"templates/notice/{path.name} is outdated: run scripts/build_notice_templates.py"
        )
    assert script.main(["--check"]) == 0


@pytest.mark.parametrize("lang", ["de", "en"])
def test_templates_use_only_the_notice_variables(lang: str) -> None:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    used = DocxTemplate(notice_template(lang)).get_undeclared_template_variables(env)
    assert used
    assert used <= {f.name for f in dataclasses.fields(NoticeContext)}
