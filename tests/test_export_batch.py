"""A batch export survives worker processes that die (issue 12, 13).

The export of single files is replaced by a stand-in (the workers are forked, so they inherit
it): files named ``exit-*`` end their process with ``os._exit``, ``kill-*`` with SIGKILL, the
others "export" instantly.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from tomwizard.cli import main
from tomwizard.commands import export

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stand-in reaches forked workers only"
)


def stand_in(path: Path, catalogue: Any, options: Any) -> export._Outcome:
    if path.name.startswith("exit-"):
        os._exit(3)
    if path.name.startswith("kill-"):
        os.kill(os.getpid(), signal.SIGKILL)
    return export._Outcome(out=[f"wrote {path.with_suffix('.docx')}"])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(export, "_export_one", stand_in)
    folder = tmp_path / "batch"
    folder.mkdir()
    return folder


def names(folder: Path, *names: str) -> list[Path]:
    for name in names:
        (folder / name).write_text("", encoding="utf-8")
    return sorted(folder / name for name in names)


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_dying_workers_are_reported_and_the_others_exported(
    folder: Path, capfd: pytest.CaptureFixture[str], jobs: str
) -> None:
    files = names(folder, *(f"f{i:02}.toml" for i in range(12)), "exit-a.toml", "kill-b.toml")
    assert main(["export", str(folder), "--jobs", jobs]) == 1
    captured = capfd.readouterr()
    good = [path for path in files if path.name.startswith("f")]
    assert captured.out.splitlines() == [f"wrote {path.with_suffix('.docx')}" for path in good]
    err = captured.err.splitlines()
    assert err == [  # the interface is German
        f"{folder / 'exit-a.toml'}: nicht exportiert: der Exportprozess endete unerwartet",
        f"{folder / 'kill-b.toml'}: nicht exportiert: der Exportprozess endete unerwartet",
        "12 von 14 Dateien exportiert; 2 fehlgeschlagen",
    ]


def test_every_worker_dying(folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    names(folder, "exit-1.toml", "exit-2.toml", "kill-3.toml")
    assert main(["export", str(folder), "--jobs", "2"]) == 1
    err = capfd.readouterr().err.splitlines()
    assert len(err) == 4 and all("endete unerwartet" in line for line in err[:3])
    assert err[-1] == "0 von 3 Dateien exportiert; 3 fehlgeschlagen"


def test_summary_when_all_succeed(folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    names(folder, "a.toml", "b.toml", "c.toml")
    assert main(["export", str(folder), "--jobs", "2"]) == 0
    captured = capfd.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert captured.err.splitlines() == ["3 von 3 Dateien exportiert"]


def test_an_english_interface_hears_of_dying_workers_in_english(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from tomwizard import config

    config.save(config.Settings(ui_language="en"))
    names(folder, "a.toml", "kill-b.toml")
    assert main(["export", str(folder), "--jobs", "2"]) == 1
    assert capfd.readouterr().err.splitlines() == [
        f"{folder / 'kill-b.toml'}: not exported: the export process ended unexpectedly",
        "exported 1 of 2 files; 1 failed",
    ]
