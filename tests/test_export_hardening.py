"""Exports that must not harm: outputs never over inputs, templates under time, memory and size
limits, no DTDs, macros or outside links in a template or an annex, paths with ``~user`` that
cannot be expanded, and catalogue texts as safe as user texts."""

from __future__ import annotations

import os
import shutil
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tomwizard import config
from tomwizard.cli import main
from tomwizard.export import isolation, limits
from tomwizard.export.render import TemplateProblem, render
from tomwizard.export.verify import verify_annex, verify_docx

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "catalogues" / "minimal"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's"
)


@pytest.fixture(autouse=True)
def english_interface() -> None:
    """The commands' messages in English, as the tests below quote them (test_export_words.py
    shows them in German)."""
    config.save(config.Settings(ui_language="en"))


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


# -- 9: time, memory and output size --------------------------------------------------------


def test_a_template_that_runs_for_ever_is_stopped(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "RENDER_TIMEOUT", 2.0)
    template = _template(
        tmp_path / "loop.docx",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    )
    started = time.monotonic()
    assert _export(answers, "--template", str(template)) == 3
    assert time.monotonic() - started < 20
    assert "took longer than 2 s and was stopped" in capsys.readouterr().err
    assert not isolation._running, "the rendering process is gone"
    assert not answers.with_suffix(".mine.docx").exists()


@linux_only
def test_a_template_that_allocates_gigabytes_fails_with_exit_3(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path / "big.docx", "{{ 'x' * 2000000000 }}")
    assert _export(answers, "--template", str(template)) == 3
    assert "needs more memory than allowed" in capsys.readouterr().err


def test_a_template_whose_output_grows_too_large_fails_with_exit_3(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_OUTPUT_SIZE", 2**20)
    template = _template(
        tmp_path / "long.docx", "{% for i in range(3000) %}{{ 'x' * 1000 }}{% endfor %}"
    )
    assert _export(answers, "--template", str(template)) == 3
    assert "larger than the 1 MiB allowed" in capsys.readouterr().err


def test_deep_nesting_is_the_template_s_failure(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RecursionError (and MemoryError) are template failures (exit 3), not internal errors,
    also when rendering in this process."""
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.disk.storage import new_document
    from tomwizard.export.context import build_context

    template = _template(tmp_path / "deep.docx", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}")
    catalogue = load_catalogue(builtin=MINIMAL)
    with pytest.raises(TemplateProblem, match="nests too deeply"):
        render(template, build_context(new_document(catalogue), catalogue, "de"))
    assert _export(answers, "--template", str(template)) == 3
    assert "nests too deeply" in capsys.readouterr().err


async def test_quitting_the_wizard_stops_a_running_export(
    answers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import user_templates_dir
    from tomwizard.tui.app import TomWizardApp

    monkeypatch.setattr(limits, "RENDER_TIMEOUT", 300.0)
    user_templates_dir().mkdir(parents=True)
    _template(
        user_templates_dir() / "anlage.de.docx",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    )
    app = TomWizardApp(load_catalogue(builtin=MINIMAL), answers)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.click("#export")  # the export dialog: Checkliste, German, the default file
        for _ in range(100):  # the export's process has started
            await pilot.pause(0.1)
            if isolation._running:
                break
        assert isolation._running, [n.message for n in app._notifications]
        processes = list(isolation._running)
        stopping = time.monotonic()
        app.exit()
    while any(child.exitcode is None for child in processes):
        assert time.monotonic() - stopping < 15, "the rendering process still runs"
        time.sleep(0.1)
    assert all(child.stopped for child in processes)
    assert not answers.with_suffix(".docx").exists()


# -- 10: size of a template's parts ---------------------------------------------------------


def _with_part(template: Path, name: str, data: bytes) -> Path:
    """``template`` with ``data`` as a part the document refers to (as an image)."""

    def change(parts: dict[str, bytes]) -> None:
        parts[f"word/{name}"] = data
        _add_relationship(
            parts,
            "word/_rels/document.xml.rels",
            f'<Relationship Id="rIdPart{len(parts)}" Type="{REL}/image" Target="{name}"/>',
        )

    return _rewrite(template, change)


def _understate(data: bytearray, name: str, size: int) -> None:
    """Make the zip archive ``data`` claim that its part ``name`` unpacks to ``size`` bytes, in
    the part's local header and in its central directory entry."""
    end = data.rfind(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little")
    while data[offset : offset + 4] == b"PK\x01\x02":
        lengths = [
            int.from_bytes(data[offset + i : offset + i + 2], "little") for i in (28, 30, 32)
        ]
        if data[offset + 46 : offset + 46 + lengths[0]] == name.encode():
            local = int.from_bytes(data[offset + 42 : offset + 46], "little")
            data[offset + 24 : offset + 28] = size.to_bytes(4, "little")
            data[local + 22 : local + 26] = size.to_bytes(4, "little")
            return
        offset += 46 + sum(lengths)
    raise AssertionError(f"{name} not in the archive")


def test_a_template_part_that_unpacks_too_large_is_refused(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _with_part(_template(tmp_path / "bomb.docx"), "media/a.png", bytes(40 * 2**20))
    assert template.stat().st_size < 2**20
    assert _export(answers, "--template", str(template)) == 3
    err = capsys.readouterr().err
    assert "word/media/a.png would unpack to 40.0 MiB; at most 32 MiB" in err


def test_a_template_that_unpacks_too_large_altogether_is_refused(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path / "bombs.docx")
    for index in range(3):
        _with_part(template, f"media/{index}.png", bytes(30 * 2**20))
    assert _export(answers, "--template", str(template)) == 3
    assert "all parts together would unpack to" in capsys.readouterr().err


def test_a_template_that_understates_its_sizes_gains_nothing(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The archive says 100 bytes; the part unpacks to 40 MiB."""
    template = _with_part(_template(tmp_path / "liar.docx"), "media/a.png", bytes(40 * 2**20))
    data = bytearray(template.read_bytes())
    _understate(data, "word/media/a.png", 100)
    template.write_bytes(bytes(data))
    with zipfile.ZipFile(template) as archive:
        assert archive.getinfo("word/media/a.png").file_size == 100
    assert _export(answers, "--template", str(template)) == 3
    assert str(template) in capsys.readouterr().err


# -- 18: DTDs, macros, outside links --------------------------------------------------------

FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE w:footnotes [<!ENTITY x SYSTEM "http://example.invalid/x">]>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="0"><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:footnote></w:footnotes>'
)


def _dtd_in_footnotes(parts: dict[str, bytes]) -> None:
    parts["word/footnotes.xml"] = FOOTNOTES.encode()
    _add_content_type(
        parts,
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/>',
    )
    _add_relationship(
        parts,
        "word/_rels/document.xml.rels",
        f'<Relationship Id="rId90" Type="{REL}/footnotes" Target="footnotes.xml"/>',
    )


def _macros(parts: dict[str, bytes]) -> None:
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    _add_content_type(
        parts, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    )
    _add_relationship(
        parts,
        "word/_rels/document.xml.rels",
        '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/>',
    )


def _attached_template(parts: dict[str, bytes]) -> None:
    _add_relationship(
        parts,
        "word/_rels/settings.xml.rels",
        f'<Relationship Id="rId1" Type="{REL}/attachedTemplate" '
        'Target="http://example.invalid/normal.dotm" TargetMode="External"/>',
    )
    _add_content_type(
        parts,
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>',
    )


def _linked_image(parts: dict[str, bytes]) -> None:
    _add_relationship(
        parts,
        "word/_rels/document.xml.rels",
        f'<Relationship Id="rId92" Type="{REL}/image" Target="http://example.invalid/a.png" '
        'TargetMode="External"/>',
    )


def _in_body(parts: dict[str, bytes], xml: str) -> None:
    body = parts["word/document.xml"]
    parts["word/document.xml"] = body.replace(b"<w:sectPr", xml.encode() + b"<w:sectPr", 1)


def _include_picture_field(parts: dict[str, bytes]) -> None:
    """A complex field whose instruction is split over runs, as Word writes it, inside a
    harmless outer field."""
    run = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'.format
    text = '<w:r><w:instrText xml:space="preserve">{}</w:instrText></w:r>'.format
    _in_body(
        parts,
        "<w:p>"
        + run("begin")
        + text(" QUOTE ")
        + run("begin")
        + text(" INCLUDEPIC")
        + text('TURE "http://example.invalid/x.png" \\d ')
        + run("separate")
        + run("end")
        + run("separate")
        + "<w:r><w:t>x</w:t></w:r>"
        + run("end")
        + "</w:p>",
    )


def _include_text_field(parts: dict[str, bytes]) -> None:
    _in_body(
        parts,
        '<w:p><w:fldSimple w:instr=" includetext  &quot;C:\\secret.docx&quot; ">'
        "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>",
    )


def _page_field(parts: dict[str, bytes]) -> None:
    _in_body(
        parts, '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_dtd_in_footnotes, "word/footnotes.xml: a DTD (<!DOCTYPE …>) is not allowed"),
        (_macros, "word/vbaProject.bin: macros or ActiveX controls"),
        (_attached_template, "a link to an outside attachedTemplate"),
        (_linked_image, "a link to an outside image (http://example.invalid/a.png)"),
        (
            _include_picture_field,
            "word/document.xml: a field that brings in content from outside the file "
            '(INCLUDEPICTURE "http://example.invalid/x.png" \\d) is not allowed',
        ),
        (_include_text_field, '(INCLUDETEXT "C:\\secret.docx") is not allowed'),
    ],
    ids=["dtd", "macros", "attached-template", "linked-image", "includepicture", "includetext"],
)
def test_dangerous_template_content_is_refused(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, bytes]], None],
    expected: str,
) -> None:
    template = _rewrite(_template(tmp_path / "bad.docx"), change)
    assert _export(answers, "--template", str(template)) == 3
    err = capsys.readouterr().err
    assert expected in err and "refused" in err
    assert not list(tmp_path.glob("tom*.docx"))


def test_hyperlinks_may_point_outside(answers: Path, tmp_path: Path) -> None:
    def hyperlink(parts: dict[str, bytes]) -> None:
        _add_relationship(
            parts,
            "word/_rels/document.xml.rels",
            f'<Relationship Id="rId93" Type="{REL}/hyperlink" Target="https://example.org/" '
            'TargetMode="External"/>',
        )

    template = _rewrite(_template(tmp_path / "link.docx"), hyperlink)
    assert _export(answers, "--template", str(template), "-o", str(tmp_path / "out.docx")) == 0


def test_fields_that_fetch_nothing_are_kept(answers: Path, tmp_path: Path) -> None:
    template = _rewrite(_template(tmp_path / "page.docx"), _page_field)
    out = tmp_path / "out.docx"
    assert _export(answers, "--template", str(template), "-o", str(out)) == 0
    with zipfile.ZipFile(out) as archive:
        assert b'w:instr=" PAGE "' in archive.read("word/document.xml")


def test_the_annex_is_checked_for_dangerous_content_too(tmp_path: Path) -> None:
    """Whatever a template does, the check of the rendered file refuses what it must not hold."""
    for change, expected in [
        (_dtd_in_footnotes, "DTD"),
        (_macros, "macros"),
        (_linked_image, "outside image"),
        (_include_picture_field, "INCLUDEPICTURE"),
    ]:
        data = _rewrite(_template(tmp_path / "out.docx", "Text"), change).read_bytes()
        unsafe, problems = verify_annex(data, ["Text"])
        assert unsafe and expected in unsafe[0] and not problems
        assert any(expected in problem for problem in verify_docx(data, ["Text"]))


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
