"""Keys that would make parsing explode are refused before the TOML is parsed (issue 12, 8).

tomllib needs time and memory quadratic in the parts of a dotted key (with its table header);
such files are refused by a linear pass over the text. Parsing them is made to fail loudly here,
so a refusal that came from parsing (or after it) would not pass.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tomwizard.cli import main
from tomwizard.problems import ProblemsError
from tomwizard.tomlread.file import MAX_NESTING, parse_toml, read_toml
from tomwizard.tomlread.guard import key_too_long

LIMIT = f"key of more than {MAX_NESTING} parts"
MARK = "# hostile\n"
"""Files starting with this must never reach the parser."""


@pytest.fixture(autouse=True)
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    real = tomllib.loads

    def loads(text: str, **kwargs: Any) -> dict[str, Any]:
        if text.startswith(MARK):
            raise AssertionError("the file was parsed")
        data: dict[str, Any] = real(text, **kwargs)
        return data

    monkeypatch.setattr("tomwizard.tomlread.file.tomllib.loads", loads)


def refused(text: str) -> tuple[int | None, str]:
    with pytest.raises(ProblemsError) as caught:
        parse_toml((MARK + text).encode(), "f.toml")
    [problem] = caught.value.problems
    return problem.line, f"{problem.key}: {problem.message}" if problem.key else problem.message


def test_a_key_of_100000_parts_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "dotted.toml"
    path.write_text(MARK + 'title = "x"\n' + "a" + ".a" * 100_000 + " = 1\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_toml(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.key) == (3, ".".join(["a"] * (MAX_NESTING + 1)))
    assert problem.message.startswith(LIMIT) and "not read" in problem.message


def test_validate_reports_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dotted.toml"
    path.write_text(MARK + "[a.b]\n" + ".".join(["x"] * 40) + " = 1\n", encoding="utf-8")
    assert main(["validate", "--lang", "en", str(path)]) == 1
    key = ".".join(["a", "b", *["x"] * (MAX_NESTING - 1)])
    assert f"{path}:3: {key}: {LIMIT}" in capsys.readouterr().err


def test_table_header_and_dotted_key_count_together() -> None:
    header = "[" + ".".join(["t"] * 20) + "]\n"
    fine = "".join(f"{'.'.join(['k'] * 11)}.v{i} = 1\n" for i in range(5_000))  # 20 + 12
    line, message = refused(header + fine + "k" + ".k" * 12 + " = 1\n")  # 20 + 13
    assert line == 5_003 and message.startswith(".".join(["t"] * 20 + ["k"] * 13) + ": " + LIMIT)
    arrays = "[[" + ".".join(["t"] * 30) + "]]\nx = 1\n"
    assert key_too_long(arrays + "y.z = 1\n", MAX_NESTING, "en") is None
    found = key_too_long(arrays + "y.z.w = 1\n", MAX_NESTING, "en")
    assert found is not None and found[0] == 3 and found[2].startswith(LIMIT)
    assert found[1] == ["t"] * 30 + ["y", "z", "w"]


def test_headers_and_keys_at_the_limit_are_parsed() -> None:
    header = "[" + ".".join(["t"] * 20) + "]\n"
    text = header + "".join(f"{'.'.join(['k'] * 11)}.v{i} = 1\n" for i in range(100))
    table = parse_toml(text.encode(), "f.toml").data
    for _ in range(20):
        table = table["t"]
    for _ in range(11):
        table = table["k"]
    assert len(table) == 100


def test_a_very_long_line_of_dotted_keys_is_refused() -> None:
    inline = "x = {" + ", ".join(f"k{i} = 1" for i in range(50_000)) + ", " + "a." * 50_000
    line, message = refused('n = "x"\n' + inline + "b = 1}\n")
    assert line == 3 and message.startswith(".".join(["a"] * (MAX_NESTING + 1)) + ": " + LIMIT)


def test_long_lines_and_dots_in_strings_and_comments_do_not_count() -> None:
    dots = "a." * 100_000
    text = (
        f'[section]\nvalue = "{dots}"\nliteral = \'{dots}\'\n# {dots}\n"{dots}" = 1\n'
        f'multi = """\n{dots}\n\\"""\n{dots}\n"""\n'
        f"more = '''\n{dots}\n''''\n"
        "[other]\nnumbers = [1.5, 2.5, 1979-05-27T07:32:00.999]\n"
        'key.with."quoted.dots".x = 1\n'
    )
    data = parse_toml(text.encode(), "f.toml").data
    assert data["section"]["value"] == data["section"]["literal"] == dots
    assert data["section"]["multi"] == f'{dots}\n"""\n{dots}\n'
    assert data["section"]["more"] == dots + "\n'"
    assert data["other"]["key"]["with"]["quoted.dots"] == {"x": 1}


def test_quoted_parts_are_reported_decoded() -> None:
    key = '"a.b".\'c\'."\\u00e9"' + ".x" * 40
    assert refused(key + " = 1\n")[1].startswith('"a.b".c."é".x.x')


def test_a_dotted_key_after_a_multiline_string_still_counts() -> None:
    assert refused('a = """\nx.y\n"""\n' + "k" + ".k" * 40 + " = 1\n")[0] == 5
    assert refused("a = '''\nx.y''''\n" + "k" + ".k" * 40 + " = 1\n")[0] == 4
