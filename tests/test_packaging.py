"""The package as users get it: wheel contents, the installed command, import hygiene."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tarfile
import tomllib
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
        "        await pilot.click('#export')\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        print('EXPORTED', 'docxtpl' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    out = _python(code, ROOT).splitlines()
    assert "OPEN False False" in out
    assert "EXPORTED False" in out  # the template is filled in by a process of its own
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
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (as ``python -m build`` does by default)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("tomwizard-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("tomwizard-*.tar.gz")
    return built


def _imported_modules() -> set[str]:
    """The top-level modules the package imports (anywhere in a module, also lazily)."""
    names: set[str] = set()
    for path in (ROOT / "tomwizard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"tomwizard", "__future__"}


def _declared() -> dict[str, str]:
    """The declared dependencies: normalised name → requirement."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = {}
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~; \[]", requirement, maxsplit=1)[0]
        requirements[re.sub(r"[-_.]+", "-", name).lower()] = requirement
    return requirements


def test_every_imported_distribution_is_declared() -> None:
    """What the code imports is a dependency of its own, not something that happens to come
    with docxtpl or Textual (python-docx, lxml, jinja2, rich, …)."""
    declared = _declared()
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module in sorted(_imported_modules()):
        for distribution in distributions.get(module, [module]):
            if re.sub(r"[-_.]+", "-", distribution).lower() not in declared:
                missing.append(f"{module} (from {distribution})")
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    assert declared["jinja2"].replace(" ", "") == "jinja2>=3.1.6"  # the sandbox escape fix


def test_wheel_is_typed_and_says_which_pythons(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    assert "tomwizard/py.typed" in archive.namelist()
    (metadata,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    lines = archive.read(metadata).decode("utf-8").splitlines()
    assert "Classifier: Typing :: Typed" in lines
    assert "Classifier: Programming Language :: Python :: 3.11" in lines
    assert "Requires-Python: >=3.11" in lines
    requires = {line.split(": ", 1)[1] for line in lines if line.startswith("Requires-Dist: ")}
    for requirement in ("jinja2>=3.1.6", "python-docx>=1.1", "rich>=14.2"):
        assert requirement in requires


def test_sdist_holds_what_its_tests_read_and_they_pass(sdist: Path, tmp_path: Path) -> None:
    """The examples, the template script and every test file are in the sdist, and a test
    module reading the examples passes in the unpacked sdist."""
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    for example in (ROOT / "examples").glob("*.toml"):
        assert (unpacked / "examples" / example.name).is_file()
    assert (unpacked / "scripts" / "build_templates.py").is_file()
    assert (unpacked / "tomwizard" / "py.typed").is_file()
    for test in (ROOT / "tests").glob("*.py"):
        assert (unpacked / "tests" / test.name).is_file()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-x",
            "tests/test_shipped_catalogue.py",
        ],
        capture_output=True,
        text=True,
        cwd=unpacked,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout


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
        [
            str(script),
            "validate",
            "--lang",
            "en",
            str(ROOT / "examples" / "datenschutz-nord-anhang3.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=shipped,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert ": valid (catalogue tomwizard " in result.stdout
