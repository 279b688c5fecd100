"""``--help`` of every command (description, examples, exit codes, environment) and
``tomwizard completion bash|zsh|fish`` (issue 12, point 21)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tomwizard.cli import main

COMMANDS = [
    [],
    ["edit"],
    ["validate"],
    ["catalogue"],
    ["export"],
    ["template"],
    ["template", "init"],
    ["template", "list"],
    ["schema"],
    ["paths"],
    ["completion"],
    ["serve"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "tomwizard")
def test_every_help_has_a_description_examples_exit_codes_and_environment(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    usage, description, *_ = out.split("\n\n")
    assert usage.startswith(f"usage: tomwizard {' '.join(command)}".rstrip())
    assert description[0].isupper() and description.rstrip().endswith(".")
    examples = out.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0]
    assert examples.lstrip().startswith("tomwizard") or "tomwizard " in examples
    assert "\nexit codes:\n  0  " in out
    assert "\nenvironment:" in out
    # laid out as written (RawDescriptionHelpFormatter), not re-wrapped
    assert "\n  2  wrong usage" in out


def test_edit_help_says_it_needs_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["edit", "--help"])
    out = capsys.readouterr().out
    assert "needs a terminal" in out and "TOMWIZARD_HOME" in out and "NO_COLOR" in out


def script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.fixture
def bash_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    path = tmp_path / "tomwizard.bash"
    path.write_text(script("bash", capsys), encoding="utf-8")
    return path


def complete(script_path: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers for the last of ``words`` (the word being typed)."""
    command = (
        f"source {shlex.quote(str(script_path))}\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_tomwizard\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    # the script asks the installed command for the template names
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=True,
    )
    return sorted(line for line in result.stdout.splitlines() if line)


def test_bash_script_is_valid_bash(bash_script: Path) -> None:
    subprocess.run(["bash", "-n", str(bash_script)], check=True, timeout=30)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["tomwizard", "ex"], ["export"]),
        (["tomwizard", "--catalogue", "sub", "va"], ["validate"]),
        (["tomwizard", "co"], ["completion"]),
        (["tomwizard", "completion", ""], ["bash", "fish", "zsh"]),
        (["tomwizard", "export", "--t"], ["--template"]),
        (["tomwizard", "export", "a.toml", "--la"], ["--lang"]),
        (["tomwizard", "catalogue", "--lang", ""], ["de", "en"]),
        (["tomwizard", "edit", ""], ["a.toml", "sub"]),
        (["tomwizard", "se"], ["serve"]),
        (["tomwizard", "serve", ""], ["a.toml", "sub"]),
        (["tomwizard", "serve", "a.toml", "--"], ["--catalogue", "--help", "--host", "--port"]),
        (["tomwizard", "validate", "a.toml", ""], ["a.toml", "sub"]),
        (["tomwizard", "export", "-o", ""], ["b.docx", "sub"]),
        (["tomwizard", "template", ""], ["init", "list"]),
        (["tomwizard", "template", "init", "--template", ""], ["anlage", "prosa", "tabelle"]),
        (["tomwizard", "template", "init", ""], ["sub"]),
        (["tomwizard", "schema", ""], ["answers", "catalogue", "category"]),
    ],
)
def test_bash_completes_commands_options_values_and_files(
    bash_script: Path, tmp_path: Path, words: list[str], expected: list[str]
) -> None:
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    (work / "a.toml").write_text("", encoding="utf-8")
    (work / "b.docx").write_bytes(b"")
    assert complete(bash_script, words, work) == expected


def test_bash_completes_template_names_with_own_templates_and_docx_files(
    bash_script: Path, tmp_path: Path, isolated_home: Path
) -> None:
    own = isolated_home / "data" / "templates"
    own.mkdir(parents=True)
    shutil.copy(Path(__file__).parent.parent / "templates" / "anlage.de.docx", own / "mine.docx")
    work = tmp_path / "work"
    work.mkdir()
    (work / "firma.docx").write_bytes(b"")
    offered = complete(bash_script, ["tomwizard", "export", "a.toml", "--template", ""], work)
    assert {"anlage", "prosa", "tabelle", "mine", "firma.docx"} <= set(offered)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = script(shell, capsys)
    for word in ("edit", "validate", "export", "template", "anlage", "completion", ".toml"):
        assert word in text
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"tomwizard.{shell}"
    path.write_text(text, encoding="utf-8")
    subprocess.run([shell, "-n", str(path)], check=True, timeout=30)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tomwizard ex", ["export"]),
        ("tomwizard template ", ["init", "list"]),
        ("tomwizard template init --lang ", ["de", "en"]),
        ("tomwizard export --template ", ["anlage", "prosa", "sub/", "tabelle"]),
    ],
)
def test_fish_completes_commands_and_values(
    line: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    folder = tmp_path / "config" / "fish" / "completions"
    folder.mkdir(parents=True)
    (folder / "tomwizard.fish").write_text(script("fish", capsys), encoding="utf-8")
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {folder / 'tomwizard.fish'}; complete -C {line!r}"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=60,
        check=True,
    )
    assert sorted(row.split("\t")[0] for row in result.stdout.splitlines()) == expected
