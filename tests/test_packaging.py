"""The package as users get it: wheel contents, the installed command, import hygiene."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _python(code: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env or os.environ.copy(),
        timeout=60,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "tests/fixtures/complete.toml"],
        ["catalogue"],
        ["schema"],
        ["paths"],
        ["--version"],
    ],
)
def test_commands_do_not_import_textual_or_docxtpl(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from tomwizard.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'docxtpl', 'docx', 'jinja2', 'rich'))\n"
        "print('HEAVY:', heavy)\n"
    )
    out = _python(code, ROOT)
    assert out.splitlines()[-1] == "HEAVY: []"


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "tests/fixtures/complete.toml", "-o", "{tmp}/out.docx"],
        ["template", "list"],
        ["template", "init", "{tmp}/copy"],
    ],
)
def test_export_and_template_commands_do_not_import_textual(
    argv: list[str], tmp_path: Path
) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    code = (
        "import sys\n"
        "from tomwizard.cli import main\n"
        f"code = main({argv!r})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('EXIT', code, 'HEAVY:', heavy)\n"
    )
    out = _python(code, ROOT)
    assert out.splitlines()[-1] == "EXIT 0 HEAVY: []"


def test_the_wizard_imports_docxtpl_only_when_it_exports(tmp_path: Path) -> None:
    target = tmp_path / "doc.toml"
    target.write_bytes((ROOT / "tests" / "fixtures" / "complete.toml").read_bytes())
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tomwizard.catalogue.loader import load_catalogue\n"
        "from tomwizard.locations import builtin_questions_dir\n"
        "from tomwizard.tui.app import TomWizardApp\n"
        "async def main():\n"
        "    catalogue = load_catalogue(builtin=builtin_questions_dir())\n"
        f"    app = TomWizardApp(catalogue, Path({str(target)!r}))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print('OPEN', 'docxtpl' in sys.modules, 'jinja2' in sys.modules)\n"
        "        await pilot.press('ctrl+e')\n"
        "        await pilot.pause()\n"
        "        await pilot.click('#anlage')\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        print('EXPORTED', 'docxtpl' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    out = _python(code, ROOT).splitlines()
    assert "OPEN False False" in out
    assert "EXPORTED True" in out
    assert target.with_suffix(".docx").exists()


def test_core_modules_do_not_import_textual() -> None:
    """Every module outside ``tomwizard.tui`` imports without Textual (found on disk, so that
    walking packages does not import the wizard's own packages)."""
    code = (
        "import sys, importlib, pathlib\n"
        "root = pathlib.Path('tomwizard')\n"
        "for path in sorted(root.rglob('*.py')):\n"
        "    parts = path.with_suffix('').parts\n"
        "    if 'tui' in parts or parts[-1] == '__main__':\n"
        "        continue\n"
        "    name = '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)\n"
        "    importlib.import_module(name)\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    assert _python(code, ROOT).strip() == "CLEAN"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("tomwizard-*.whl")
    return built


def test_wheel_ships_questions_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    questions = sorted(p.name for p in (ROOT / "questions").glob("*.toml"))
    assert questions, "the repository has no questions/*.toml"
    for name in questions:
        assert f"tomwizard/questions/{name}" in names
    templates = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_file())
    for name in templates:
        assert f"tomwizard/templates/{name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_finds_its_data_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    shipped = {k: v for k, v in env.items() if k != "TOMWIZARD_QUESTIONS"}
    code = (
        "import tomwizard.locations as l, tomwizard.cli as c\n"
        "print(l.builtin_questions_dir())\n"
        "raise SystemExit(c.main(['catalogue']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=shipped,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == str(target / "tomwizard" / "questions")
    assert "Zugangskontrolle" in result.stdout
    script = target / "bin" / "tomwizard"
    assert script.exists()
    result = subprocess.run(
        [str(script), "validate", str(ROOT / "examples" / "datenschutz-nord-anhang3.toml")],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=shipped,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
