"""``tomwizard export`` and ``tomwizard template``: what a user sees, files and exit codes."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import docx
import pytest

from tomwizard.cli import main
from tomwizard.export.templates import REFERENCE_NAME

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The datenschutz nord example in tmp_path, with the shipped catalogue."""
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    target = tmp_path / "tom.toml"
    shutil.copy(EXAMPLES / "datenschutz-nord-anhang3.toml", target)
    return target


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def test_export_writes_the_annex_next_to_the_file(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example)]) == 0
    out = example.with_suffix(".docx")
    assert f"geschrieben: {out}" in capsys.readouterr().out  # the interface is German
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = _text(out)
    assert "datenschutz nord GmbH" in text
    assert "Zutrittskontrolle" in text
    assert not list(example.parent.glob(".*.tmp")), "temporary files left behind"


def test_default_names_keep_styles_and_languages_apart(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o, each style and language gets a file of its own (the example is German)."""
    runs = [[], ["--template", "prosa"], ["--lang", "en"], ["--template", "prosa", "--lang", "en"]]
    for extra in runs:
        assert main(["export", str(example), *extra]) == 0
    stem = example.stem
    names = {f"{stem}.docx", f"{stem}.prosa.docx", f"{stem}.en.docx", f"{stem}.prosa.en.docx"}
    assert {p.name for p in example.parent.glob("*.docx")} == names
    assert "Physical access control" in _text(example.parent / f"{stem}.prosa.en.docx")
    assert "Zutrittskontrolle" in _text(example.parent / f"{stem}.prosa.docx")


@pytest.mark.parametrize("template", ["anlage", "prosa"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_styles_and_languages(example: Path, tmp_path: Path, template: str, lang: str) -> None:
    out = tmp_path / f"{template}-{lang}.docx"
    assert (
        main(["export", str(example), "-o", str(out), "--template", template, "--lang", lang]) == 0
    )
    text = _text(out)
    assert ("Zutrittskontrolle" if lang == "de" else "Physical access control") in text


def test_invalid_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[document\n", encoding="utf-8")
    assert main(["export", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and f"{bad}: nicht exportiert: die Datei enthält Fehler" in err
    assert not bad.with_suffix(".docx").exists()


def test_unknown_template_name(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(example), "--template", "fancy"]) == 3
    assert "unbekannte Vorlage 'fancy'" in capsys.readouterr().err


def test_broken_template_file(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "broken.docx"
    document = docx.Document()
    document.add_paragraph("{{ cycler.__init__.__globals__ }}")
    document.save(str(template))
    assert main(["export", str(example), "--template", str(template)]) == 3
    err = capsys.readouterr().err
    assert str(template) in err and "abgelehnt" in err
    assert not example.with_suffix(".docx").exists()


def test_output_must_be_docx_and_not_the_answers_file(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example), "-o", str(example.with_suffix(".txt"))]) == 1
    assert "muss auf .docx enden" in capsys.readouterr().err
    renamed = example.with_suffix(".docx")
    shutil.copy(example, renamed)
    assert main(["export", str(renamed), "-o", str(renamed)]) == 1
    assert "das ist die Antwortdatei selbst" in capsys.readouterr().err


def test_output_option_needs_one_file(example: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(example), str(example), "-o", "x.docx"])
    assert exit_.value.code == 2


def test_pdf_without_libreoffice(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "")
    assert main(["export", str(example), "--pdf"]) == 5
    captured = capsys.readouterr()
    assert "LibreOffice" in captured.err and "apt-get install" in captured.err
    assert example.with_suffix(".docx").exists(), "the .docx is written even without a PDF"
    assert not example.with_suffix(".pdf").exists()


def test_template_init_and_use(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    assert main(["template", "init", str(folder), "--template", "prosa", "--lang", "en"]) == 0
    copy = folder / "prosa.en.docx"
    assert copy.exists() and (folder / REFERENCE_NAME).exists()
    captured = capsys.readouterr()
    assert "document.contract_reference" not in captured.err
    assert captured.out.splitlines()[:3] == [  # an English template, a German reader
        f"geschrieben: {copy}",
        f"geschrieben: {folder / REFERENCE_NAME}",
        f"{copy} in Word oder LibreOffice öffnen, Formatvorlagen und Texte ändern, die Tags "
        "{{ ... }} und {% ... %} unverändert lassen, dann exportieren mit:",
    ]
    reference = (folder / REFERENCE_NAME).read_text(encoding="utf-8")
    assert "| `contract_reference` |" in reference
    # a second init keeps the user's work
    assert main(["template", "init", str(folder), "--template", "prosa", "--lang", "en"]) == 1
    assert capsys.readouterr().err == (
        f"tomwizard: {copy}: existiert bereits; einen anderen Ordner wählen oder mit --force "
        "ersetzen\n"
    )
    assert (
        main(["template", "init", str(folder), "--template", "prosa", "--lang", "en", "--force"])
        == 0
    )
    out = tmp_path / "own.docx"
    assert main(["export", str(example), "--template", str(copy), "-o", str(out)]) == 0


def test_template_by_name_from_the_user_folder(
    example: Path, isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tomwizard.locations import user_templates_dir

    folder = user_templates_dir()
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("Eigene Vorlage für {{ processor.name }}")
    document.save(str(folder / "hausstil.de.docx"))
    assert main(["template", "list"]) == 0
    out = capsys.readouterr().out
    assert "hausstil" in out
    assert (
        out.splitlines()[-1]
        == f"(eigene Vorlagen: NAME.de.docx oder NAME.docx in {folder} ablegen)"
    )
    annex = tmp_path / "haus.docx"
    assert main(["export", str(example), "--template", "hausstil", "-o", str(annex)]) == 0
    assert _text(annex) == "Eigene Vorlage für datenschutz nord GmbH"


def test_lost_text_fails_the_export_and_writes_nothing(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If rendering ever loses text (as docxtpl does silently with unescaped '<'), the check
    notices, nothing is written, and the exit code says so."""
    from tomwizard.export import render as render_module

    real = render_module.render

    def losing(template: Path, context: object, *rest: object) -> render_module.Rendered:
        rendered = real(template, context, *rest)  # type: ignore[arg-type]
        return render_module.Rendered(rendered.data, [*rendered.shown, "a < b went missing"])

    monkeypatch.setattr(render_module, "render", losing)
    out = example.with_suffix(".docx")
    assert main(["export", str(example)]) == 4
    err = capsys.readouterr().err
    assert "im Dokument fehlt der Text „a < b went missing“" in err
    assert "es wurde nichts geschrieben" in err
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_exports_every_file_in_order(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    jobs: str,
) -> None:
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    folder = tmp_path / "batch"
    folder.mkdir()
    names = ["a.toml", "b.toml", "c.toml"]
    shutil.copy(EXAMPLES / "alfaview-anlage1.toml", folder / names[0])
    (folder / names[1]).write_text("schema_version = 1\n[document\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "datenschutz-nord-anhang3.toml", folder / names[2])
    (folder / "notes.txt").write_text("not an answers file", encoding="utf-8")
    assert main(["export", str(folder), "--jobs", jobs]) == 1
    captured = capfd.readouterr()
    assert captured.out.splitlines() == [
        f"geschrieben: {folder / 'a.docx'}",
        f"geschrieben: {folder / 'c.docx'}",
    ]
    assert f"{folder / 'b.toml'}: nicht exportiert" in captured.err
    assert captured.err.splitlines()[-1] == "2 von 3 Dateien exportiert; 1 fehlgeschlagen"
    assert "datenschutz nord GmbH" in _text(folder / "c.docx")
    assert not (folder / "b.docx").exists()


def test_two_files_whose_annexes_would_have_one_name_are_both_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A German tom.toml and an English tom.en.toml both become tom.en.docx with --lang en:
    neither is exported (one would replace the other), the third file is."""
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    folder = tmp_path / "batch"
    folder.mkdir()
    german = EXAMPLES / "datenschutz-nord-anhang3.toml"
    shutil.copy(german, folder / "tom.toml")
    text = german.read_text(encoding="utf-8")
    assert 'language = "de"' in text
    (folder / "tom.en.toml").write_text(
        text.replace('language = "de"', 'language = "en"', 1), encoding="utf-8"
    )
    shutil.copy(EXAMPLES / "alfaview-anlage1.toml", folder / "other.toml")
    assert main(["export", str(folder), "--lang", "en", "--draft", "--jobs", "1"]) == 1
    captured = capfd.readouterr()
    target = folder / "tom.en.docx"
    assert captured.out.splitlines() == [f"geschrieben: {folder / 'other.en.docx'}"]
    err = captured.err.splitlines()
    for path, other in [("tom.en.toml", "tom.toml"), ("tom.toml", "tom.en.toml")]:
        assert (
            f"{folder / path}: nicht exportiert: die Anlage würde nach {target} geschrieben, "
            f"ebenso wie die von {folder / other}; eine davon einzeln mit -o DATEI exportieren"
        ) in err
    assert err[-1] == "1 von 3 Dateien exportiert; 2 fehlgeschlagen"
    assert not target.exists()
    # one at a time, each to a file of its own: both are written
    assert main(["export", str(folder / "tom.toml"), "--lang", "en", "--draft"]) == 0
    assert main(["export", str(folder / "tom.en.toml"), "-o", str(tmp_path / "b.docx")]) == 0


def test_a_file_named_twice_is_exported_once(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example.parent), str(example)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"geschrieben: {example.with_suffix('.docx')}"]


def test_output_option_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(tmp_path), "-o", "x.docx"])
    assert exit_.value.code == 2


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"{tmp_path}: keine .toml-Dateien in diesem Ordner\n"


def test_an_incomplete_final_document_is_refused_with_exit_6(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example misses required answers its seed does not give; marked final, it is not
    exported: every missing answer is listed with its line, nothing is written."""
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace('status = "draft"', 'status = "final"', 1), encoding="utf-8")
    assert main(["export", str(example)]) == 6
    err = capsys.readouterr().err
    assert "nicht exportiert: das Dokument ist als endgültig markiert" in err and "--draft" in err
    missing = [line for line in err.splitlines() if line.endswith("“ fehlt")]
    assert missing and all(line.startswith(f"{example}:") for line in missing)
    assert all(line.split(":")[1].isdigit() for line in missing)  # FILE:LINE: key: message
    assert not list(example.parent.glob("*.docx"))


def test_problem_lines_name_labels_in_the_interface_language(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The German example with English settings: what it misses is named in English."""
    from tomwizard import config

    config.save(config.Settings(ui_language="en"))
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace('status = "draft"', 'status = "final"', 1), encoding="utf-8")
    assert main(["export", str(example)]) == 6
    err = capsys.readouterr().err
    missing = [
        line for line in err.splitlines() if line.endswith(("has no answer", "has no value"))
    ]
    assert missing and all(line.startswith(f"{example}:") for line in missing)
    assert "fehlt" not in err
    refusal = f"{example}: not exported: the document is marked final, but {len(missing)} "
    assert err.splitlines()[-1].startswith(refusal + "required answers are missing")


def test_draft_exports_an_incomplete_final_document_marked_as_draft(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace('status = "draft"', 'status = "final"', 1), encoding="utf-8")
    assert main(["export", str(example), "--draft"]) == 0
    assert "die Anlage ist als Entwurf gekennzeichnet" in capsys.readouterr().err
    out = example.with_suffix(".docx")
    assert "ENTWURF" in _text(out)
    header = "\n".join(
        p.text for s in docx.Document(str(out)).sections for p in s.header.paragraphs
    )
    assert "Entwurf" in header or "ENTWURF" in header
    # the answers file itself still says final
    assert 'status = "final"' in example.read_text(encoding="utf-8")


def test_a_complete_final_document_is_exported_as_final(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once every required answer is given (here by answering them in the file), a final
    document exports without a draft mark."""
    from tomwizard.answers.progress import missing_required
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.session import EditSession

    catalogue = load_catalogue()
    session = EditSession.open(example, catalogue)
    for _ in range(6):  # an answer can show further required questions
        for problem in missing_required(session.document, catalogue):
            _, cid, _, qid = problem.key.split(".")
            question = catalogue.question(cid, qid)
            assert question is not None
            options = [o.id for o in getattr(question, "options", [])]
            if question.type == "checklist":
                measure = next(m for q, m in catalogue.measures(cid) if q.id == qid and not m.when)
                session.update_measure(cid, measure.id, status="implemented")
            elif question.type in ("choice", "multichoice"):
                session.set_answer(
                    cid, qid, options[0] if question.type == "choice" else options[:1]
                )
            else:
                session.set_answer(cid, qid, {"bool": False}.get(question.type, "Angabe"))
    assert not missing_required(session.document, catalogue)
    session.document.document.status = "final"
    session.save()
    assert main(["export", str(example)]) == 0, capsys.readouterr().err
    assert "ENTWURF" not in _text(example.with_suffix(".docx"))


def test_the_annex_says_what_it_is_and_opens_in_current_word_mode(example: Path) -> None:
    """Core properties name the annex, its author (the processor) and its date; the file opens
    in the layout mode of Word 2013 and later and carries no Word 2010 leftovers."""
    import zipfile

    assert main(["export", str(example)]) == 0
    out = example.with_suffix(".docx")
    props = docx.Document(str(out)).core_properties
    assert props.title == "Technische und organisatorische Maßnahmen nach Art. 32 DSGVO"
    assert props.author == "datenschutz nord GmbH"
    assert props.created is not None and props.created.date().isoformat() == "2023-06-27"
    archive = zipfile.ZipFile(out)
    assert not [n for n in archive.namelist() if "stylesWithEffects" in n]
    assert "stylesWithEffects" not in archive.read("[Content_Types].xml").decode()
    settings = archive.read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode"' in settings
    assert 'compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in (
        settings
    )


def test_english_export_of_a_german_document_prints_the_english_versions(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A remark with an English version is printed in English; one without is printed in
    German and named as a warning with its line; the export still succeeds."""
    german = "Von innen lassen sich die Eingangstüren per Klinke öffnen."
    english = "The entrance doors can be opened from inside by the handle."
    lines = example.read_text(encoding="utf-8").splitlines()
    # the example has English remarks; this test brings its own
    text = "\n".join(line for line in lines if not line.startswith("note_en = ")) + "\n"
    text = text.replace(f'note = "{german}"', f'note = "{german}"\nnote_en = "{english}"')
    example.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    only_german = lines.index('note = "Gilt für den Schulungsraum des LMS privacy train."') + 1
    out = tmp_path / "annex.en.docx"
    assert main(["export", str(example), "--lang", "en", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    annex = _text(out)
    assert english in annex and german not in annex
    assert "Gilt für den Schulungsraum des LMS privacy train." in annex
    assert (
        f"{example}:{only_german}: categories.zugangskontrolle.measures.app_deeplink.note: "
        "Warnung: keine englische Fassung; der deutsche Text wird gedruckt"  # the reader's words
    ) in err.splitlines()
    assert "tueren_verschlossen.note" not in err
    # the German export of the same file prints the German remark, without warnings
    assert main(["export", str(example), "-o", str(tmp_path / "annex.docx")]) == 0
    assert "keine englische Fassung" not in capsys.readouterr().err
    assert german in _text(tmp_path / "annex.docx")


@pytest.mark.parametrize(
    ("variable", "lost"),
    [
        ("{{ m.note_sentence }}", "Von innen lassen sich die Eingangstüren per Klinke öffnen."),
        ("{{ statement }}", "Die Daten des Verantwortlichen werden ausschließlich in"),
        ("{{ category.provider }}", "Die Maßnahmen dieses Abschnitts werden durch den Hoster"),
        ("{{ paragraph }}", "Bereitstellung der Software-as-a-Service-Produkte"),
    ],
)
def test_a_builtin_template_that_drops_a_user_text_fails_the_export(
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    lost: str,
) -> None:
    """Remarks, statements (of absence too), provider sentences and the scope must reach the
    annex: a checklist template that leaves one of them out fails the export's own check."""
    import zipfile

    from tomwizard.export import exporter
    from tomwizard.export.templates import TemplateChoice
    from tomwizard.locations import builtin_templates_dir

    broken = tmp_path / "anlage.de.docx"
    with (
        zipfile.ZipFile(builtin_templates_dir() / "anlage.de.docx") as source,
        zipfile.ZipFile(broken, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                assert variable.encode() in data
                data = data.replace(variable.encode(), b"")
            target.writestr(item, data)
    monkeypatch.setattr(
        exporter, "resolve_template", lambda *_: TemplateChoice(path=broken, builtin="anlage")
    )
    out = tmp_path / "out.docx"
    assert main(["export", str(example), "-o", str(out)]) == 4
    err = capsys.readouterr().err
    assert f"im Dokument fehlt der Text „{lost}" in err
    assert not out.exists()
