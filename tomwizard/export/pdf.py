"""Turning the exported Word file into a PDF with LibreOffice, if it is installed.

The PDF is a convenience: the Word file is the export, and it is written before a PDF is
attempted. LibreOffice is run headless with a profile of its own in a fresh temporary folder,
so it neither clashes with a LibreOffice the user has open nor with a conversion running at the
same time, and it is stopped (with everything it started) when it takes too long.

LibreOffice exits with 0 even when it could not load the document, so success is judged by the
result alone: a non-empty PDF file where it was asked to write one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tomwizard.disk.storage import write_atomic
from tomwizard.export.words import number
from tomwizard.languages import Language
from tomwizard.locations import PathError, expand_user
from tomwizard.wording import Wording

ENVIRONMENT_VARIABLE = "TOMWIZARD_SOFFICE"
"""The LibreOffice program to use. Set but empty, or naming no program, means: not installed."""

_MACOS_APP = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")

_SAY = Wording(
    "export.pdf",
    {
        "no_pdf": ("Es wurde kein PDF erstellt: {reason}", "No PDF was made: {reason}"),
        "not_installed": (
            "LibreOffice ist nicht installiert.\n{hint}",
            "LibreOffice is not installed.\n{hint}",
        ),
        "hint": (
            "Die Word-Datei wurde trotzdem geschrieben. Für ein PDF LibreOffice installieren "
            "und erneut exportieren:\n"
            "  Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui   "
            "(oder libreoffice-writer)\n"
            "  Fedora:        sudo dnf install libreoffice-writer\n"
            "  macOS:         brew install --cask libreoffice\n"
            "  Windows:       herunterladen von https://www.libreoffice.org/download/\n"
            "Findet tomwizard ein installiertes LibreOffice nicht, TOMWIZARD_SOFFICE auf den "
            "Pfad seines Programms soffice setzen.",
            "The Word file was written anyway. To get a PDF as well, install LibreOffice and "
            "export again:\n"
            "  Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui   "
            "(or libreoffice-writer)\n"
            "  Fedora:        sudo dnf install libreoffice-writer\n"
            "  macOS:         brew install --cask libreoffice\n"
            "  Windows:       download it from https://www.libreoffice.org/download/\n"
            "If LibreOffice is installed somewhere tomwizard does not look, set "
            "TOMWIZARD_SOFFICE to the path\nof its soffice program.",
        ),
        "no_docx": ("{docx} existiert nicht.", "{docx} does not exist."),
        "cannot_write": (
            "{pdf} lässt sich nicht schreiben: {reason}",
            "cannot write {pdf}: {reason}",
        ),
        "not_started": (
            "LibreOffice ({program}) ließ sich nicht starten: {reason}",
            "LibreOffice ({program}) could not be started: {reason}",
        ),
        "timeout": (
            "LibreOffice brauchte länger als {seconds} s und wurde abgebrochen. Die Word-Datei "
            "wurde trotzdem geschrieben.",
            "LibreOffice took longer than {seconds} s and was stopped. The Word file was "
            "written anyway.",
        ),
        "failed": (
            "LibreOffice konnte {name} nicht umwandeln.",
            "LibreOffice could not convert {name}.",
        ),
        "said": (" Seine Ausgabe:\n{quoted}", " It said:\n{quoted}"),
        "silent": (" Es nannte keinen Grund.", " It gave no reason."),
        "anyway": (
            "Die Word-Datei wurde trotzdem geschrieben.",
            "The Word file was written anyway.",
        ),
    },
)
"""Why no PDF was made: the user reads it, in the interface's language."""

INSTALL_HINT = _SAY("hint", "en")
"""How to install LibreOffice (in English; :func:`convert_to_pdf` says it in its ``messages``)."""


def _no_pdf(lang: Language, key: str, **values: object) -> PdfError:
    return PdfError.because(_SAY(key, lang, **values), lang)


_OUTPUT_LINES = 10
"""How many of LibreOffice's last output lines a failure message quotes."""


class PdfError(Exception):
    """No PDF could be made; the message says why, in words meant for the user. ``reason`` is
    the message without its first words ("No PDF was made"), for a caller that says so itself
    (the export: "… was written, but no PDF: REASON")."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message

    @classmethod
    def because(cls, reason: str, lang: Language) -> PdfError:
        """The error "No PDF was made: ``reason``", in ``lang``."""
        return cls(_SAY("no_pdf", lang, reason=reason), reason)


def find_office(messages: Language = "en") -> str | None:
    """The LibreOffice program (``soffice``) to run, or None if it is not installed; raises
    :class:`PdfError` (in ``messages``) when ``TOMWIZARD_SOFFICE`` names a path that cannot be
    expanded."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured is not None:
        if not configured.strip():
            return None
        try:
            program = expand_user(configured, ENVIRONMENT_VARIABLE, messages)
        except PathError as exc:
            raise PdfError.because(str(exc), messages) from None
        return shutil.which(str(program))
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "darwin" and _MACOS_APP.is_file():
        return str(_MACOS_APP)
    if sys.platform == "win32":
        for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
            folder = os.environ.get(variable)
            candidate = Path(folder, "LibreOffice", "program", "soffice.exe") if folder else None
            if candidate is not None and candidate.is_file():
                return str(candidate)
    return None


TEMPLATE_FONTS = ("Calibri", "Carlito")
"""The built-in templates' font and its metric-compatible free twin: with either installed, a
PDF keeps Word's line and page breaks."""


def template_font_missing(timeout: float = 10) -> bool:
    """True when fontconfig is there and knows neither of :data:`TEMPLATE_FONTS` (without
    ``fc-list`` nothing can be said, and nothing is claimed)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    families = result.stdout
    return result.returncode == 0 and not any(font in families for font in TEMPLATE_FONTS)


def convert_to_pdf(
    docx: Path, pdf: Path, timeout: float = 120, *, messages: Language = "en"
) -> Path:
    """Convert the Word file ``docx`` into ``pdf`` (replaced atomically, mode 0600).

    Returns ``pdf``. Raises :class:`PdfError` (worded in ``messages``) if LibreOffice is not
    installed, takes longer than ``timeout`` seconds, or does not produce a PDF.
    """
    lang = messages
    office = find_office(lang)
    if office is None:
        raise _no_pdf(lang, "not_installed", hint=_SAY("hint", lang))
    if not docx.is_file():
        raise _no_pdf(lang, "no_docx", docx=docx)
    with tempfile.TemporaryDirectory(
        prefix="tomwizard-pdf-", ignore_cleanup_errors=True
    ) as work_name:
        work = Path(work_name)
        profile = work / "profile"
        outdir = work / "out"
        profile.mkdir()
        outdir.mkdir()
        command = [
            office,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(docx.absolute()),
        ]
        output = _run(command, timeout, work, {**os.environ, "HOME": str(work)}, lang)
        data = _read_pdf(outdir / f"{docx.stem}.pdf")
        if data is None:
            raise PdfError.because(_failure(docx, output, lang), lang)
        try:
            write_atomic(pdf, data)
        except OSError as exc:
            raise _no_pdf(lang, "cannot_write", pdf=pdf, reason=exc.strerror or exc) from exc
    return pdf


def _run(command: list[str], timeout: float, cwd: Path, env: dict[str, str], lang: Language) -> str:
    """Run LibreOffice in a process group of its own; its combined output."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        reason = exc.strerror or exc
        raise _no_pdf(lang, "not_started", program=command[0], reason=reason) from exc
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise _no_pdf(lang, "timeout", seconds=number(timeout, lang)) from None
    except BaseException:  # Ctrl+C while waiting: do not leave LibreOffice running
        _stop(process)
        raise
    return _decode(stdout) + _decode(stderr)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and everything it started, and reap it."""
    # the group is killed while its leader is not yet reaped, so its id cannot have been reused
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    try:
        # a program that left the group may still hold the pipes open: do not wait for it
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        process.wait()


def _read_pdf(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.startswith(b"%PDF") else None


def _decode(output: bytes | None) -> str:
    return (output or b"").decode(errors="replace")


def _failure(docx: Path, output: str, lang: Language) -> str:
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    message = _SAY("failed", lang, name=docx.name)
    if lines:
        quoted = "\n".join(f"  {line}" for line in lines[-_OUTPUT_LINES:])
        message += _SAY("said", lang, quoted=quoted)
    else:
        message += _SAY("silent", lang)
    return message + "\n" + _SAY("anyway", lang)
