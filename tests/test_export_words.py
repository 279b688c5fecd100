"""What export, diff and merge print about files is in the reader's language: every kind of line
in German (the suite's interface) and in English (``ui_language = "en"``, or diff's ``--lang``),
with real plurals; ``--lang`` of export changes the annex's language, never the messages'; why an
export failed (the output, the template, its limits and contents, the check of the annex, the
PDF) is worded in the language the caller passes down, also inside the rendering process."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from tomwizard import config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.commands import export
from tomwizard.export import limits
from tomwizard.export.exporter import ExportFailed, check_paths
from tomwizard.languages import Language

FIXTURES = Path(__file__).parent / "fixtures"


def english() -> None:
    config.save(config.Settings(ui_language="en"))


@pytest.fixture
def tom(tmp_path: Path) -> Path:
    """A complete document marked final (minimal catalogue)."""
    target = tmp_path / "tom.toml"
    shutil.copy(FIXTURES / "complete.toml", target)
    return target


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def _template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _without(path: Path, *keys: str) -> None:
    """Remove the answers ``keys`` (``standorte``: a multi-line array) from ``path``."""
    text = path.read_text(encoding="utf-8")
    for key in keys:
        text = re.sub(rf"(?ms)^{key} = (\[.*?\]|[^\n]*)\n", "", text)
    path.write_text(text, encoding="utf-8")


# -- export's own lines ------------------------------------------------------------------------


def test_written(tom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tom.with_suffix(".docx")
    assert _run(capsys, "export", str(tom)) == (0, [f"geschrieben: {out}"], [])
    english()
    assert _run(capsys, "export", str(tom)) == (0, [f"wrote {out}"], [])


def test_lang_is_the_annex_language_not_the_messages(
    tom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An English annex for a German reader: the lines stay German, the annex is English."""
    _without(tom, "letzte_pruefung")
    code, out, err = _run(capsys, "export", str(tom), "--lang", "en", "--draft")
    assert code == 0 and out == [f"geschrieben: {tom.with_name('tom.en.docx')}"]
    assert err[0].startswith(f"{tom}: Hinweis: 1 Pflichtangabe fehlt noch")
    assert "Warnung: keine englische Fassung; der deutsche Text wird gedruckt" in err[1]
    annex = "\n".join(p.text for p in docx.Document(out[0][13:]).paragraphs)
    assert "Technical and organisational measures" in annex and "Maßnahmen" not in annex


def test_a_file_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[document\n", encoding="utf-8")
    assert _run(capsys, "export", str(bad))[2] == [
        f"{bad}:2: TOML-Syntaxfehler: ']' am Ende der Tabellenüberschrift erwartet",
        f"{bad}: nicht exportiert: die Datei enthält Fehler",
    ]
    english()
    assert _run(capsys, "export", str(bad))[2] == [
        f"{bad}:2: TOML syntax error: Expected ']' at the end of a table declaration",
        f"{bad}: not exported: the file has errors",
    ]


def test_a_final_document_missing_one_or_more_required_answers(
    tom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _without(tom, "letzte_pruefung")
    code, out, err = _run(capsys, "export", str(tom))
    assert (code, out) == (6, [])
    assert err[-1] == (
        f"{tom}: nicht exportiert: das Dokument ist als endgültig markiert, aber 1 Pflichtangabe "
        "fehlt; sie ergänzen oder mit --draft als Entwurf exportieren"
    )
    _without(tom, "standorte")
    _, _, err = _run(capsys, "export", str(tom))
    n = sum(line.endswith("fehlt") for line in err)
    assert n > 1 and err[-1] == (
        f"{tom}: nicht exportiert: das Dokument ist als endgültig markiert, aber {n} "
        "Pflichtangaben fehlen; sie ergänzen oder mit --draft als Entwurf exportieren"
    )
    english()
    _, _, err = _run(capsys, "export", str(tom))
    assert err[-1] == (
        f"{tom}: not exported: the document is marked final, but {n} required answers are "
        "missing; complete them, or export a draft with --draft"
    )


def test_the_draft_note(tom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _without(tom, "letzte_pruefung")
    code, _, err = _run(capsys, "export", str(tom), "--draft")
    assert code == 0 and err == [
        f"{tom}: Hinweis: 1 Pflichtangabe fehlt noch; die Anlage ist als Entwurf gekennzeichnet "
        f"(„tomwizard validate {tom}“ nennt sie)"
    ]
    english()
    _without(tom, "standorte")
    _, _, err = _run(capsys, "export", str(tom), "--draft")
    assert re.fullmatch(
        rf"{re.escape(str(tom))}: note: \d+ required answers are still missing; the annex is "
        rf"marked as a draft \('tomwizard validate {re.escape(str(tom))}' lists them\)",
        err[0],
    )


def test_the_summary_of_several_files_and_an_empty_folder(
    tom: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(tom, folder / "a.toml")
    (folder / "b.toml").write_text("[x\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    args = ("export", str(folder), str(empty), "--jobs", "1")
    code, out, err = _run(capsys, *args)
    assert (code, out) == (1, [f"geschrieben: {folder / 'a.docx'}"])
    assert err[0] == f"{empty}: keine .toml-Dateien in diesem Ordner"
    assert err[-1] == "1 von 2 Dateien exportiert; 1 fehlgeschlagen"
    english()
    code, out, err = _run(capsys, *args)
    assert out == [f"wrote {folder / 'a.docx'}"]
    assert err[0] == f"{empty}: no .toml files in this folder"
    assert err[-1] == "exported 1 of 2 files; 1 failed"
    (folder / "b.toml").unlink()
    shutil.copy(tom, folder / "c.toml")
    assert _run(capsys, "export", str(folder), "--jobs", "1")[2] == ["exported 2 of 2 files"]


def test_the_font_warning_of_a_pdf(
    tom: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tomwizard.export import exporter, pdf

    monkeypatch.setattr(exporter, "_to_pdf", lambda docx, _: docx.with_suffix(".pdf"))
    monkeypatch.setattr(pdf, "template_font_missing", lambda: True)
    out = tom.with_suffix(".pdf")
    code, lines, err = _run(capsys, "export", str(tom), "--pdf")
    assert code == 0 and lines[-1] == f"geschrieben: {out}"
    assert err == [
        f"{out}: Warnung: weder Calibri noch Carlito ist installiert, daher verwendet das PDF eine "
        "andere Schrift, und seine Zeilen- und Seitenumbrüche weichen von Word ab (Carlito "
        "installieren, z. B. das Paket fonts-crosextra-carlito)"
    ]
    english()
    _, lines, err = _run(capsys, "export", str(tom), "--pdf")
    assert lines[-1] == f"wrote {out}"
    assert err[0].startswith(f"{out}: warning: neither Calibri nor Carlito is installed")


def test_no_pdf_without_libreoffice(
    tom: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "")
    written = tom.with_suffix(".docx")
    code, out, err = _run(capsys, "export", str(tom), "--pdf")
    assert (code, out) == (5, [f"geschrieben: {written}"])
    assert err[:2] == [
        f"tomwizard: {written} wurde geschrieben, aber kein PDF: LibreOffice ist nicht "
        "installiert.",
        "Die Word-Datei wurde trotzdem geschrieben. Für ein PDF LibreOffice installieren und "
        "erneut exportieren:",
    ]
    assert "(oder libreoffice-writer)" in err[2] and "TOMWIZARD_SOFFICE" in err[-1]
    english()
    _, _, err = _run(capsys, "export", str(tom), "--pdf")
    assert err[0] == f"tomwizard: {written} was written, but no PDF: LibreOffice is not installed."


def test_an_internal_error_in_a_worker(
    tom: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> export._Outcome:
        raise ValueError("kaputt")

    monkeypatch.setattr(export, "_export_one", broken)
    monkeypatch.setattr(export, "_worker_catalogue", catalogue)
    said: dict[Language, str] = {"de": "interner Fehler", "en": "internal error"}
    for lang, words in said.items():
        options = export._Options(None, "anlage", None, False, messages=lang)
        outcome = export._export_in_worker(tom, options)
        assert outcome.err == [f"{tom}: {words} (ValueError: kaputt)"] and outcome.status == 1


# -- why an export failed ----------------------------------------------------------------------


def test_the_output(tom: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "x.txt": "{p}: die Ausgabedatei muss auf .docx enden",
        "missing/x.docx": "{f}: der Ordner existiert nicht",
    }
    for name, expected in cases.items():
        path = tmp_path / name
        code, _, err = _run(capsys, "export", str(tom), "-o", str(path))
        assert (code, err) == (1, ["tomwizard: " + expected.format(p=path, f=path.parent)])
    (tmp_path / "folder.docx").mkdir()
    _, _, err = _run(capsys, "export", str(tom), "-o", str(tmp_path / "folder.docx"))
    assert err == [f"tomwizard: {tmp_path / 'folder.docx'}: ist ein Ordner"]
    named = tmp_path / "tom.docx"
    shutil.copy(tom, named)
    _, _, err = _run(capsys, "export", str(named), "-o", str(named))
    assert err == [
        f"tomwizard: {named}: das ist die Antwortdatei selbst; der Export würde sie "
        "überschreiben, daher wurde nichts geschrieben (mit -o einen anderen Namen für die "
        "Ausgabe wählen)"
    ]
    template = _template(tmp_path / "t.docx", "{{ document.title }}")
    with pytest.raises(ExportFailed) as caught:
        check_paths([template], {template: "die Vorlage"}, "de")
    assert caught.value.message.startswith(f"{template}: das ist die Vorlage selbst")
    english()
    _, _, err = _run(capsys, "export", str(named), "-o", str(named))
    assert err[0].startswith(f"tomwizard: {named}: that is the answers file itself")


TEMPLATES = {
    "unknown": (
        "{{ unbekannt }}",
        "unbekannte Vorlagenvariable: unbekannt (verfügbar: lang, document,",
        "unknown template variable: unbekannt (available: lang, document,",
    ),
    "attribute": (
        "{{ document.titel }}",
        "'DocumentInfo object' hat kein Attribut 'titel' (die Variablen stehen in "
        "docs/templates.md)\n  bei: {{ document.titel }}",
        "'DocumentInfo object' has no attribute 'titel' (the variables are listed in "
        "docs/templates.md)\n  near: {{ document.titel }}",
    ),
    "syntax": (
        "{{ document.title }",
        "Fehler in der Vorlage: unexpected '}' (die Schreibweise des Tags prüfen; die "
        "AutoKorrektur von Word hat darin vielleicht einen Strich oder ein Anführungszeichen "
        "ersetzt)\n  bei: {{ document.title }",
        "template error: unexpected '}' (check the tag's spelling; Word's AutoCorrect may have "
        "replaced a dash or quote inside it)\n  near: {{ document.title }",
    ),
    "internals": (
        "{{ cycler.__init__.__globals__ }}",
        "abgelehnt: die Vorlage versucht, auf Interna von Python zuzugreifen (",
        "refused: the template tries to reach Python internals (",
    ),
}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_a_template_that_cannot_be_filled_in(
    kind: str, tom: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, german, english_text = TEMPLATES[kind]
    template = _template(tmp_path / f"{kind}.docx", text)
    args = ("export", str(tom), "--template", str(template))
    code, out, err = _run(capsys, *args)
    assert (code, out) == (3, [])
    assert "\n".join(err).startswith(f"tomwizard: {template}: {german}")
    english()
    assert "\n".join(_run(capsys, *args)[2]).startswith(f"tomwizard: {template}: {english_text}")


def test_a_template_that_is_missing_unknown_or_unsafe(
    tom: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "fehlt.docx"
    assert _run(capsys, "export", str(tom), "--template", str(missing))[2] == [
        f"tomwizard: {missing}: die Vorlagendatei existiert nicht"
    ]
    assert _run(capsys, "export", str(tom), "--template", "fancy")[2] == [
        "tomwizard: unbekannte Vorlage 'fancy': eine von anlage, prosa, tabelle verwenden oder "
        "den Pfad einer .docx-Datei angeben"
    ]
    macro = _template(tmp_path / "makro.docx", "{{ document.title }}")
    with zipfile.ZipFile(macro, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\0")
    err = _run(capsys, "export", str(tom), "--template", str(macro))[2]
    assert err == [
        f"tomwizard: {macro}: abgelehnt: word/vbaProject.bin: Makros oder "
        "ActiveX-Steuerelemente (vbaProject) sind nicht erlaubt; die Vorlage als Word-Dokument "
        "(.docx) speichern, nicht als .docm"
    ]
    english()
    err = _run(capsys, "export", str(tom), "--template", str(macro))[2]
    assert err[0].startswith(f"tomwizard: {macro}: refused: word/vbaProject.bin: macros")


def test_a_template_that_runs_too_long_is_named_in_german(
    tom: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(limits, "RENDER_TIMEOUT", 1.5)
    text = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    template = _template(tmp_path / "loop.docx", text)
    assert _run(capsys, "export", str(tom), "--template", str(template))[2] == [
        f"tomwizard: {template}: das Ausfüllen der Vorlage dauerte länger als 1,5 s und wurde "
        "abgebrochen (läuft eine Schleife zu oft?)"
    ]
