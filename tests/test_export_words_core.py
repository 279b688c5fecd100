"""Why an export failed, in the language the caller passes down: the limits of a template, the
parts of a Word file, the check of the annex, the PDF and a path with ``~user`` in German (the
English words are quoted by the other export tests)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tomwizard.export.package import PackageProblem, read_parts, unsafe_content
from tomwizard.export.pdf import PdfError, convert_to_pdf
from tomwizard.export.render import OutputTooLarge, TemplateProblem, exhausted
from tomwizard.export.verify import verify_docx
from tomwizard.locations import PathError, expand_user


def test_limits_of_a_template_in_german() -> None:
    assert exhausted(RecursionError(), "de") == (
        "die Vorlage ist zu tief verschachtelt, um ausgefüllt zu werden (RecursionError)"
    )
    assert exhausted(MemoryError(), "de") == (
        "die Vorlage braucht mehr Speicher als erlaubt (1024 MiB; baut sie sehr lange Texte auf?)"
    )
    too_large = OutputTooLarge(int(70.5 * 2**20))
    assert too_large.text("de") == (
        "die ausgefüllte Vorlage wäre größer (70,5 MiB) als die erlaubten 64 MiB (läuft eine "
        "Schleife zu oft?)"
    )
    assert str(too_large) == too_large.text("en")
    assert "larger (70.5 MiB) than the 64 MiB allowed" in str(too_large)
    problem = TemplateProblem(Path("t.docx"), "kaputt", ["{{ a }", "{{ b }"], "de")
    assert str(problem) == "t.docx: kaputt\n  bei: {{ a }\n       {{ b }"


def test_the_package_of_a_word_file_in_german() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(3):
            archive.writestr(f"word/media/{index}.png", bytes(400 * 1024))
    data = buffer.getvalue()
    with pytest.raises(PackageProblem, match=r"^die Datei hat 3 Teile \(Dateien in der \.docx\)"):
        read_parts(data, max_part=2**20, max_total=2**20, max_parts=2, messages="de")
    with pytest.raises(PackageProblem) as caught:
        read_parts(data, max_part=2**20, max_total=2**20, max_parts=9, messages="de")
    assert str(caught.value) == (
        "alle Teile zusammen: entpackt 1,2 MiB, erlaubt sind höchstens 1 MiB (ist es wirklich "
        "eine Word-Vorlage? Bilder lassen sich in Word mit „Bilder komprimieren“ verkleinern)"
    )
    with pytest.raises(PackageProblem, match=r"^kein Word-Dokument"):
        read_parts(b"kein zip", max_part=1, max_total=1, max_parts=1, messages="de")
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="r1" Type="http://x/attachedTemplate" Target="http://evil/t.dotm" '
        b'TargetMode="External"/></Relationships>'
    )
    parts = {"word/_rels/settings.xml.rels": rels, "word/a.xml": b"<!DOCTYPE a []><a/>"}
    assert unsafe_content(parts, messages="de") == [
        "word/_rels/settings.xml.rels: ein Verweis auf ein Ziel außerhalb der Datei "
        "(attachedTemplate: http://evil/t.dotm) ist nicht erlaubt: Word oder LibreOffice würden "
        "es beim Öffnen oder Umwandeln der Anlage abrufen; es stattdessen einbetten (nur "
        "Hyperlinks dürfen nach außen zeigen)",
        "word/a.xml: eine DTD (<!DOCTYPE …>) ist in einer Word-Datei nicht erlaubt: sie kann ein "
        "Programm, das die Datei liest, Dateien oder Adressen abrufen lassen; sie entfernen",
    ]


def test_the_check_of_the_annex_in_german(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Vorhanden")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    missing = [f"Text {i}" for i in range(12)]
    problems = verify_docx(data, ["Vorhanden", *missing], messages="de")
    assert problems[0] == "im Dokument fehlt der Text „Text 0“"
    assert problems[-1] == "… und 2 weitere fehlende Texte"
    assert verify_docx(data, missing[:11], messages="de")[-1] == "… und 1 weiterer fehlender Text"
    assert verify_docx(data, missing[:11])[-1] == "… and 1 more missing text"
    assert verify_docx(b"kein zip", [], messages="de")[0].startswith(
        "die Datei ist keine gültige Word-Datei (.docx): "
    )


def test_pdf_problems_in_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf", messages="de")
    assert str(caught.value).startswith(
        "Es wurde kein PDF erstellt: LibreOffice ist nicht installiert.\n"
    )
    assert caught.value.reason.startswith("LibreOffice ist nicht installiert.")
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "~tomwizard-no-such-user/soffice")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf", messages="de")
    assert str(caught.value) == (
        "Es wurde kein PDF erstellt: TOMWIZARD_SOFFICE: ~tomwizard-no-such-user/soffice: "
        "'~tomwizard-no-such-user' lässt sich nicht auflösen: es gibt keinen Benutzer "
        "'tomwizard-no-such-user' auf diesem System"
    )


def test_a_path_with_an_unknown_user() -> None:
    with pytest.raises(PathError, match="lässt sich nicht auflösen: es gibt keinen Benutzer"):
        expand_user("~tomwizard-no-such-user/x", "--template", "de")
    with pytest.raises(PathError, match=r"cannot expand .* there is no user"):
        expand_user("~tomwizard-no-such-user/x", "--template")
