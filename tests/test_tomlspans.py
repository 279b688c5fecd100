"""Tests for tomwizard.tomlread.spans: key path -> line scanner for TOML."""

import textwrap
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tomwizard.tomlread.spans import KeyPath, TomlSpans, _Scanner, scan


def doc(text: str) -> str:
    """Dedent a test document and drop the leading newline."""
    return textwrap.dedent(text).lstrip("\n")


def all_paths(data: Any, prefix: KeyPath = ()) -> set[KeyPath]:
    """Every key path of parsed TOML data (tables, keys and array elements)."""
    paths: set[KeyPath] = set()
    children: list[tuple[str | int, Any]] = []
    if isinstance(data, dict):
        children = list(data.items())
    elif isinstance(data, list):
        children = list(enumerate(data))
    for key, value in children:
        path = (*prefix, key)
        paths.add(path)
        paths |= all_paths(value, path)
    return paths


def assert_matches_tomllib(text: str) -> TomlSpans:
    """The scanner must know exactly the key paths tomllib produces."""
    spans = scan(text)
    assert set(spans.lines) == all_paths(tomllib.loads(text))
    return spans


# --- exact line numbers -----------------------------------------------------------------

FULL = doc(
    """
    # leading comment
    version = 1

    title.de = "Titel"
    title.en = "Title"

    [categories.zugang.measures.passwort]
    status = "ja"   # trailing comment
    since = 1979-05-27 07:32:00Z

    [[groups]]
    id = "a"

    [[groups]]
    id = "b"
    tags = ["x", 'y',
        "z"]

    [[groups.items]]
    name = "i0"

    [[groups.items]]
    name = "i1"

    [[groups]]
    id = "c"
    """
)

FULL_LINES: dict[KeyPath, int] = {
    ("version",): 2,
    ("title",): 4,
    ("title", "de"): 4,
    ("title", "en"): 5,
    ("categories",): 7,
    ("categories", "zugang"): 7,
    ("categories", "zugang", "measures"): 7,
    ("categories", "zugang", "measures", "passwort"): 7,
    ("categories", "zugang", "measures", "passwort", "status"): 8,
    ("categories", "zugang", "measures", "passwort", "since"): 9,
    ("groups",): 11,
    ("groups", 0): 11,
    ("groups", 0, "id"): 12,
    ("groups", 1): 14,
    ("groups", 1, "id"): 15,
    ("groups", 1, "tags"): 16,
    ("groups", 1, "tags", 0): 16,
    ("groups", 1, "tags", 1): 16,
    ("groups", 1, "tags", 2): 17,
    ("groups", 1, "items"): 19,
    ("groups", 1, "items", 0): 19,
    ("groups", 1, "items", 0, "name"): 20,
    ("groups", 1, "items", 1): 22,
    ("groups", 1, "items", 1, "name"): 23,
    ("groups", 2): 25,
    ("groups", 2, "id"): 26,
}


def test_full_document_exact_lines() -> None:
    spans = assert_matches_tomllib(FULL)
    assert dict(spans.lines) == FULL_LINES
    assert spans.has_comments


def test_crlf_line_endings() -> None:
    spans = assert_matches_tomllib(FULL.replace("\n", "\r\n"))
    assert dict(spans.lines) == FULL_LINES


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        # headers: bare, quoted with escapes, literal, whitespace around dots
        ('[a."quoted.key".c]\nx = 1', ("a", "quoted.key", "c"), 1),
        ('[a."quoted.key".c]\nx = 1', ("a", "quoted.key", "c", "x"), 2),
        ('\n[ a . "b\\"\\u00e9\\\\" . \'l.it\' ]\nx = 1', ("a", 'b"é\\', "l.it"), 2),
        ('\n[ a . "b\\"\\u00e9\\\\" . \'l.it\' ]\nx = 1', ("a", 'b"é\\', "l.it", "x"), 3),
        ("[a.b]\nx = 1\n[a]\ny = 2", ("a",), 3),  # explicit header beats implicit parent
        ("[a.b]\nx = 1\n[a]\ny = 2", ("a", "y"), 4),
        ("[[ a ]]\n[[a]] # c\nk = 1", ("a", 1, "k"), 3),
        # arrays of tables nested under the last element of the outer array
        ("[[a]]\n[[a.b]]\n[[a]]\n[[a.b]]\n[[a.b]]\nx = 1", ("a", 1, "b", 1, "x"), 6),
        ("[[a]]\n[[a.b]]\n[[a]]\n[[a.b]]\n[[a.b]]\nx = 1", ("a", 1, "b"), 4),
        ("[[a]]\n[a.t]\nx = 1\n[[a]]\n[a.t]\nx = 2", ("a", 1, "t", "x"), 6),
        # dotted keys, also quoted and spaced, inside a table
        ('[t]\n\nname . "de" = "x"\nname.en = "y"', ("t", "name"), 3),
        ('[t]\n\nname . "de" = "x"\nname.en = "y"', ("t", "name", "en"), 4),
        ("[t]\na.b.c = 1", ("t", "a", "b"), 2),
        # inline tables, nested
        ('\nx = { de = "x", en = { a = 1 } }', ("x", "en", "a"), 2),
        ("\nx = {}", ("x",), 2),
        # arrays: nested, multi-line, with comments, arrays of inline tables
        ("a = [[1, 2], [3,\n4]]", ("a", 1, 1), 2),
        ("a = [\n  1, # one\n  # own line\n  2,\n]", ("a", 1), 4),
        ('a = [\n  { id = "x", t = { de = "d" } },\n\n  { id = "y" },\n]', ("a", 0, "t", "de"), 2),
        ('a = [\n  { id = "x", t = { de = "d" } },\n\n  { id = "y" },\n]', ("a", 1, "id"), 4),
        ('a = [\n  """x\ny""", \'\'\'z\n\'\'\',\n  "w"]', ("a", 2), 5),
        # values that must not confuse the scanner
        ('s = "a \\" # not a comment [x] = 1"\nt = 2', ("t",), 2),
        ("s = 'C:\\path\\' # c\nt = 2", ("t",), 2),
        ('s = """\n# no comment\n[x]\nk = "v"\n"""\nt = 2', ("t",), 6),
        ("s = '''\n# no ''comment''\n[x]\n'''\nt = 2", ("t",), 5),
        ('s = """x""""\nt = 2', ("t",), 2),  # one quote before the delimiter
        ('s = """x"""""\nt = 2', ("t",), 2),  # two quotes before the delimiter
        ("s = '''x''''\nt = 2", ("t",), 2),
        ("s = '''x'''''\nt = 2", ("t",), 2),
        ('s = """a\\"""b"""\nt = 2', ("t",), 2),  # escaped quote: no delimiter
        ('s = """a\\\n   b"""\nt = 2', ("t",), 3),  # line-ending backslash
        ('s = ""\nt = 2', ("t",), 2),
        ("s = ''\nt = 2", ("t",), 2),
        ('s = """"""\nt = 2', ("t",), 2),
        # dates, times, numbers
        ("d = 1979-05-27 07:32:00-08:00\ne = 07:32:00\nf = 1979-05-27", ("f",), 3),
        ("a = [1979-05-27 07:32:00, 1e3, -0.5, inf, 0x1F]\nb = true", ("a", 4), 1),
        ("a = [1979-05-27 07:32:00, 1e3, -0.5, inf, 0x1F]\nb = true", ("b",), 2),
        # key forms
        ("y = 1\n'' . x = 2\n\"\".z = 3", ("", "z"), 3),
        ("1234 = 1\n3.14 = 2", ("3", "14"), 2),
    ],
)
def test_line_of_construct(text: str, path: KeyPath, line: int) -> None:
    spans = assert_matches_tomllib(text)
    assert spans.lines[path] == line


def test_leading_bom_is_skipped() -> None:
    """tomllib rejects a BOM, but a caller may forget to strip it."""
    assert scan("\ufeff[t]\na = 1").lines == {("t",): 1, ("t", "a"): 2}


def test_blank_lines_and_comment_lines_count() -> None:
    text = "\n\n# c\n\n[t]\n\n\n# c\nk = 1\n\n"
    spans = assert_matches_tomllib(text)
    assert spans.lines == {("t",): 5, ("t", "k"): 9}


# --- line_of --------------------------------------------------------------------------

LINE_OF_DOC = doc(
    """
    [categories.zugang.measures.passwort]
    status = "ja"

    [[groups]]
    id = "a"
    title = { de = "x" }
    """
)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("categories", "zugang", "measures", "passwort", "status"), 2),
        (("categories", "zugang", "measures", "passwort", "missing"), 1),
        (["groups", 0, "title", "de"], 6),
        (("groups", 0, "title", "en"), 6),
        (("groups", 0, "missing"), 4),
        (("groups", 5, "id"), 4),  # unknown index: the array's line
        (("unknown", "path"), 1),
        ((), 1),
    ],
)
def test_line_of_fallbacks(path: KeyPath, line: int) -> None:
    assert scan(LINE_OF_DOC).line_of(path) == line


def test_line_of_on_empty_document() -> None:
    spans = scan("")
    assert spans.lines == {}
    assert not spans.has_comments
    assert spans.line_of(("a", 0)) == 1


# --- has_comments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1", False),
        ("# only a comment", True),
        ("a = 1 # trailing", True),
        ("a = 1#tight", True),
        ("[t] # header", True),
        ("[[t]] # header", True),
        ("a = [\n  1, # in array\n]", True),
        ("a = [\n  # own line in array\n  1,\n]", True),
        ('a = "# in basic"', False),
        ('a = "\\" # escaped quote"', False),
        ("a = '# in literal'", False),
        ('a = """\n# in multi-line basic\n"""', False),
        ('a = """\n\\""" # still inside\n"""', False),
        ("a = '''\n# in multi-line literal\n'''", False),
        ('"#key" = 1', False),
        ("'#key' = 1", False),
        ('["#t"]\nx = { "#" = "#" }', False),
        ('a = """x""""  # after close', True),
        ("", False),
    ],
)
def test_has_comments(text: str, expected: bool) -> None:
    tomllib.loads(text)  # every case is valid TOML
    assert scan(text).has_comments is expected
    assert scan(text.replace("\n", "\r\n")).has_comments is expected


# --- round trip with tomli_w ----------------------------------------------------------

keys = st.text(max_size=6) | st.sampled_from(["id", "title", "de", "a.b", "x y", "#", "="])
scalars = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.text(alphabet="ab\"'#[]=\\\n ", max_size=20),
    st.dates(),
    st.times(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(keys, children, max_size=3),
        # lists of tables: written as [[array.of.tables]] where possible
        st.lists(st.dictionaries(keys, children, min_size=1, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=5)


def render_key(key: str) -> str:
    """How tomli_w writes `key` (bare or quoted)."""
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def render_value_start(value: Any) -> str:
    """First line of how tomli_w writes the scalar `value`."""
    return tomli_w.dumps({"k": value}, multiline_strings=True)[len("k = ") :].splitlines()[0]


def leaves(data: Any, prefix: KeyPath = ()) -> list[tuple[KeyPath, Any]]:
    """(path, value) of every node of `data`, in any order."""
    items: list[tuple[str | int, Any]] = []
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    result: list[tuple[KeyPath, Any]] = []
    for key, value in items:
        result.append(((*prefix, key), value))
        result.extend(leaves(value, (*prefix, key)))
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans())
def test_round_trip_with_tomli_w(data: dict[str, Any], crlf: bool) -> None:
    text = tomli_w.dumps(data, multiline_strings=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    spans = assert_matches_tomllib(text)
    assert not spans.has_comments
    source_lines = text.split("\n")
    for path, value in leaves(data):
        line = source_lines[spans.lines[path] - 1].strip()
        last = path[-1]
        if isinstance(last, str):
            assert render_key(last) in line, (path, line)
        elif isinstance(value, dict):  # [[array.of.tables]] or inline table
            assert line.startswith(("[[", "{")), (path, line)
        elif isinstance(value, list):
            assert line.startswith("["), (path, line)
        else:
            assert line.startswith(render_value_start(value)), (path, line)


# --- robustness -----------------------------------------------------------------------

TOKENS = [
    *"[]{}\"'\\#=.,\n\r\t 0aZ_-:",
    '"""',
    "'''",
    "[[",
    "]]",
    "\\u00e9",
    "\\U0011ffff",
    "\ufeff",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


def assert_no_crash(text: str) -> None:
    # the internal scanner must cope on its own, not only thanks to scan()'s safety net
    _Scanner(text).run()
    spans = scan(text)
    for path in spans.lines:
        assert spans.line_of(path) >= 1


@settings(max_examples=1000, deadline=None)
@given(st.text() | token_soup)
def test_no_crash_on_garbage(text: str) -> None:
    assert_no_crash(text)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_no_crash_on_mutated_documents(data: st.DataObject) -> None:
    text = FULL
    for _ in range(data.draw(st.integers(1, 5))):
        pos = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(pos, min(len(text), pos + 5)))
        text = text[:pos] + data.draw(token_soup.filter(lambda s: len(s) < 4)) + text[end:]
    assert_no_crash(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 100_000,
        "a = " + "{ b = " * 100_000,
        "a" + ".a" * 100_000 + " = 1",
        "[" + "a." * 100_000 + "a]",
        "[[" * 100_000,
        '"' * 100_000,
        "'" * 100_000,
        "a = " + '"""' + "\\" * 100_001,
        "a = [" + "," * 100_000,
        "\\\n" * 10_000,
    ],
)
def test_no_crash_on_pathological_input(text: str) -> None:
    assert_no_crash(text)


def test_large_document() -> None:
    """About 5 MB: completes (linear time) and keeps counting lines correctly."""
    chunks: list[str] = []
    expected: dict[KeyPath, int] = {}
    size = 0
    line = 1
    index = 0
    while size < 5_000_000:
        block = (
            f"[[groups]]  # group {index}\n"
            f'id = "g{index}"\n'
            f'title = {{ de = "Gruppe {index}", en = "Group {index}" }}\n'
            f'text = """\n# not a comment\n[not.a.table]\n""""\n'
            f"tags = [\n  1, 2,\n  {index},\n]\n\n"
        )
        chunks.append(block)
        expected[("groups", index)] = line
        expected[("groups", index, "title", "en")] = line + 2
        expected[("groups", index, "tags", 2)] = line + 9
        size += len(block)
        line += block.count("\n")
        index += 1
    text = "".join(chunks)
    spans = scan(text)
    assert spans.has_comments
    for path, expected_line in expected.items():
        assert spans.lines[path] == expected_line
    assert len(spans.lines) == index * 10 + 1


def test_multi_line_inline_table_is_tolerated() -> None:
    """TOML 1.1 allows newlines (and comments) in inline tables; TOML 1.0 does not."""
    spans = scan('a = {\n  id = "x", # c\n  t = { de = "d" },\n}\nb = 1')
    assert spans.lines == {
        ("a",): 1,
        ("a", "id"): 2,
        ("a", "t"): 3,
        ("a", "t", "de"): 3,
        ("b",): 5,
    }
    assert spans.has_comments
