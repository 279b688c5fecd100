"""Exports that must not harm: outputs never over inputs, templates under time, memory and size
limits, no DTDs, macros or outside links in a template or an annex, paths with ``~user`` that
cannot be expanded, and catalogue texts as safe as user texts."""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tomwizard.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "catalogues" / "minimal"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's"
)


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A complete document (minimal catalogue) in tmp_path."""
    target = tmp_path / "tom.toml"
    shutil.copy(FIXTURES / "complete.toml", target)
    return target


def _template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs or ("{{ document.title }}",):
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """``path`` (a .docx) with its parts changed in place by ``change``."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _add_relationship(parts: dict[str, bytes], rels: str, xml: str) -> None:
    base = parts.get(rels) or (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
    )
    parts[rels] = base.replace(b"</Relationships>", xml.encode() + b"</Relationships>")


def _add_content_type(parts: dict[str, bytes], xml: str) -> None:
    name = "[Content_Types].xml"
    parts[name] = parts[name].replace(b"</Types>", xml.encode() + b"</Types>")


def _export(answers: Path, *extra: str) -> int:
    return main(["export", str(answers), *extra])


# -- 3: no output over an input -------------------------------------------------------------


def test_a_pdf_is_never_written_over_the_answers_file(
    answers: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tomwizard export x.pdf --pdf``: the PDF would go where the answers are."""
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "")
    named_pdf = answers.with_suffix(".pdf")
    answers.rename(named_pdf)
    before = named_pdf.read_bytes()
    assert _export(named_pdf, "--pdf") == 1
    err = capsys.readouterr().err
    assert f"{named_pdf}: that is the answers file itself" in err
    assert named_pdf.read_bytes() == before
    assert not named_pdf.with_suffix(".docx").exists(), "nothing is written, not even the .docx"


def test_outputs_are_compared_resolved_with_every_input(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path / "mine.docx")
    template_bytes = template.read_bytes()
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.docx"
    link.symlink_to(answers)
    hard = tmp_path / "hard.docx"
    os.link(answers, hard)
    cases = [
        (
            ["-o", str(tmp_path / "sub" / ".." / "mine.docx"), "--template", str(template)],
            "the template",
        ),
        (["-o", str(link)], "the answers file"),
        (["-o", str(hard)], "the answers file"),
    ]
    before = answers.read_bytes()
    for extra, what in cases:
        assert _export(answers, *extra) == 1, extra
        assert f"that is {what} itself" in capsys.readouterr().err
    assert template.read_bytes() == template_bytes
    assert answers.read_bytes() == before


def test_a_batch_never_writes_over_another_file_of_the_batch(
    answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export tom.toml tom.docx``: the first file's annex would be the second answers file."""
    other = answers.with_suffix(".docx")
    shutil.copy(answers, other)
    before = other.read_bytes()
    assert main(["export", "-j", "1", str(answers), str(other)]) == 1
    assert f"{other}: that is the answers file itself" in capsys.readouterr().err
    assert other.read_bytes() == before


# -- 15: ~user that cannot be expanded ------------------------------------------------------

NO_USER = "~tomwizard-no-such-user"


def test_a_template_path_with_an_unknown_user(
    answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(answers, "--template", f"{NO_USER}/t.docx") == 3
    err = capsys.readouterr().err
    assert "--template" in err and "there is no user 'tomwizard-no-such-user'" in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    "variable", ["TOMWIZARD_HOME", "TOMWIZARD_QUESTIONS", "TOMWIZARD_CATALOGUE"]
)
def test_environment_paths_with_an_unknown_user(
    answers: Path,
    variable: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(variable, f"{NO_USER}/folder")
    assert main(["validate", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"tomwizard: {variable}: {NO_USER}/folder: cannot expand" in err
    assert "internal error" not in err


def test_soffice_path_with_an_unknown_user(
    answers: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", f"{NO_USER}/soffice")
    assert _export(answers, "--pdf") == 5
    err = capsys.readouterr().err
    assert "TOMWIZARD_SOFFICE" in err and "there is no user" in err
    assert answers.with_suffix(".docx").exists()


async def test_the_start_screen_says_when_a_path_cannot_be_expanded() -> None:
    from textual.widgets import Input, Label

    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.tui.app import TomWizardApp
    from tomwizard.tui.screens.start import StartScreen

    app = TomWizardApp(load_catalogue(builtin=MINIMAL))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        field.value = f"{NO_USER}/tom.toml"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        shown = str(app.screen.query_one("#start-error", Label).render())
        assert "there is no user 'tomwizard-no-such-user'" in shown


# -- 19: catalogue texts are guarded like user texts ----------------------------------------


def test_a_catalogue_label_with_docxtpl_delimiters_is_printed_verbatim(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, catalogue)
    label = "Schließsystem {_{ x }_} und {_% if y %_}"
    path = catalogue / "zutrittskontrolle.toml"
    text = path.read_text(encoding="utf-8")
    assert 'label.de = "Schließsystem mit Schlüsselverwaltung"' in text
    path.write_text(
        text.replace("Schließsystem mit Schlüsselverwaltung", label, 1), encoding="utf-8"
    )
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(catalogue))
    out = tmp_path / "out.docx"
    assert _export(answers, "-o", str(out)) == 0
    shown = "\n".join(p.text for p in docx.Document(str(out)).paragraphs).replace("\u2060", "")
    assert label in shown
