"""Exports that must not harm: outputs never over inputs, templates under time, memory and size
limits, no DTDs, macros or outside links in a template or an annex, paths with ``~user`` that
cannot be expanded, and catalogue texts as safe as user texts."""

from __future__ import annotations

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
