"""PDF conversion with LibreOffice: finding it, failing clearly, and one real conversion."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import docx
import pytest

from tomwizard.export.pdf import INSTALL_HINT, PdfError, convert_to_pdf, find_office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake programs are shell scripts")


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary-files folder of the test's own, to see that conversions leave nothing."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("The measures below protect personal data at rest and in transit.")
    path = tmp_path / "annex.docx"
    document.save(str(path))
    return path


def fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """A stand-in for ``soffice``: a shell script that logs its arguments, then runs ``body``
    with ``$outdir`` and ``$source`` set."""
    log = tmp_path / "office.log"
    script = tmp_path / "fake-soffice"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{log}"\n'
        f'echo "HOME=$HOME" >> "{log}"\n'
        'outdir=""; source=""\n'
        "while [ $# -gt 0 ]; do\n"
        '  case "$1" in --outdir) outdir="$2"; shift ;; *) source="$1" ;; esac\n'
        "  shift\n"
        "done\n" + textwrap.dedent(body),
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("TOMWIZARD_SOFFICE", str(script))
    return log


def test_not_installed(
    monkeypatch: pytest.MonkeyPatch, word_file: Path, tmp_path: Path, private_temp: Path
) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", "")
    assert find_office() is None
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(word_file, tmp_path / "annex.pdf")
    message = str(caught.value)
    assert "LibreOffice is not installed" in message
    assert INSTALL_HINT in message
    assert "apt-get install libreoffice-writer" in message
    assert "brew install --cask libreoffice" in message
    assert not (tmp_path / "annex.pdf").exists()
    assert list(private_temp.iterdir()) == []


def test_configured_program_that_does_not_exist(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TOMWIZARD_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert find_office() is None


def test_configured_program_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_office(tmp_path, monkeypatch, "exit 0\n")
    assert find_office() == str(tmp_path / "fake-soffice")


def test_exit_0_without_a_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, word_file: Path, private_temp: Path
) -> None:
    fake_office(
        tmp_path,
        monkeypatch,
        """\
        echo "Error: source file could not be loaded" >&2
        exit 0
        """,
    )
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(word_file, tmp_path / "annex.pdf")
    message = str(caught.value)
    assert "No PDF was made" in message
    assert "Error: source file could not be loaded" in message
    assert not (tmp_path / "annex.pdf").exists()
    assert list(private_temp.iterdir()) == []


def test_empty_pdf_is_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, word_file: Path
) -> None:
    fake_office(tmp_path, monkeypatch, ': > "$outdir/$(basename "$source" .docx).pdf"\n')
    with pytest.raises(PdfError, match=r"No PDF was made.*gave no reason"):
        convert_to_pdf(word_file, tmp_path / "annex.pdf")
    assert not (tmp_path / "annex.pdf").exists()


def process_gone(pid: int) -> bool:
    """Whether ``pid`` has ended (a zombie waiting for its parent counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/stat")
    try:
        return status.read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def test_timeout_stops_the_program_and_its_children(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, word_file: Path, private_temp: Path
) -> None:
    pids = tmp_path / "pids"
    fake_office(
        tmp_path,
        monkeypatch,
        f"""\
        sleep 60 &
        echo $! > "{pids}"
        echo $$ >> "{pids}"
        wait
        """,
    )
    started = time.monotonic()
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(word_file, tmp_path / "annex.pdf", timeout=1)
    assert time.monotonic() - started < 10
    assert "took longer than 1 s" in str(caught.value)
    started_pids = [int(line) for line in pids.read_text().split()]
    assert len(started_pids) == 2
    deadline = time.monotonic() + 5
    while not all(process_gone(pid) for pid in started_pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(process_gone(pid) for pid in started_pids)
    assert not (tmp_path / "annex.pdf").exists()
    assert list(private_temp.iterdir()) == []


def test_success(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, word_file: Path, private_temp: Path
) -> None:
    log = fake_office(
        tmp_path,
        monkeypatch,
        """\
        printf '%%PDF-1.4 fake\\n' > "$outdir/$(basename "$source" .docx).pdf"
        echo "convert $source"
        """,
    )
    target_dir = tmp_path / "out"
    target_dir.mkdir()
    target = target_dir / "Annex TOM.pdf"
    target.write_bytes(b"old")
    assert convert_to_pdf(word_file, target) == target
    assert target.read_bytes() == b"%PDF-1.4 fake\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target_dir.iterdir()) == ["Annex TOM.pdf"]  # no temp file left
    assert list(private_temp.iterdir()) == []

    arguments = log.read_text().splitlines()
    assert arguments[:3] == ["--headless", "--norestore", "--nolockcheck"]
    profile = next(a for a in arguments if a.startswith("-env:UserInstallation="))
    assert profile.startswith(f"-env:UserInstallation={private_temp.as_uri()}/")
    assert arguments[4:6] == ["--convert-to", "pdf:writer_pdf_Export"]
    assert arguments[-2] == str(word_file)
    home = arguments[-1].removeprefix("HOME=")
    assert home.startswith(str(private_temp))
    assert not Path(home).exists()


def test_missing_word_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_office(tmp_path, monkeypatch, "exit 0\n")
    with pytest.raises(PdfError, match="does not exist"):
        convert_to_pdf(tmp_path / "missing.docx", tmp_path / "missing.pdf")


@pytest.mark.slow
def test_real_conversion(tmp_path: Path, word_file: Path, private_temp: Path) -> None:
    if find_office() is None:
        pytest.skip("LibreOffice is not installed")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = tmp_path / "annex.pdf"
    convert_to_pdf(word_file, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = subprocess.run(
        [pdftotext, str(target), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "The measures below protect personal data at rest and in transit." in " ".join(
        text.split()
    )
    assert list(private_temp.iterdir()) == []


@pytest.mark.slow
def test_real_conversion_of_a_damaged_file(tmp_path: Path, word_file: Path) -> None:
    """LibreOffice exits with 0 when it cannot load the file; that must still be a failure."""
    if find_office() is None:
        pytest.skip("LibreOffice is not installed")
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(word_file.read_bytes()[:3000])
    with pytest.raises(PdfError, match="could not be loaded"):
        convert_to_pdf(damaged, tmp_path / "damaged.pdf")
    assert not (tmp_path / "damaged.pdf").exists()


@pytest.mark.parametrize(
    ("families", "warned"),
    [("DejaVu Sans\nLiberation Serif\n", True), ("DejaVu Sans\nCarlito\n", False)],
)
def test_pdf_export_warns_without_the_templates_font(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    families: str,
    warned: bool,
) -> None:
    """Without Calibri or Carlito LibreOffice substitutes another font, and the PDF's line and
    page breaks are not Word's: `export --pdf` says so (and still succeeds)."""
    from tomwizard.cli import main

    fake_office(
        tmp_path,
        monkeypatch,
        """\
        printf '%%PDF-1.4 fake\\n' > "$outdir/$(basename "$source" .docx).pdf"
        """,
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fc_list = bin_dir / "fc-list"
    fc_list.write_text(f"#!/bin/sh\nprintf '{families}'\n", encoding="utf-8")
    fc_list.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    example = Path(__file__).parent.parent / "examples" / "alfaview-anlage1.toml"
    assert main(["export", str(example), "-o", str(tmp_path / "a.docx"), "--pdf"]) == 0
    err = capsys.readouterr().err
    warning = f"{tmp_path / 'a.pdf'}: Warnung: weder Calibri noch Carlito ist installiert"
    assert (warning in err) == warned  # in the interface's language, German here
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.4 fake\n"
