"""Hostile input for the loader and ``tomwizard validate``: never a traceback, always exit 1 with
``FILE:LINE: …`` problems (or exit 0 for a file that really is valid).

Every case is a file handed to the real command-line code, ``tomwizard.cli.main(["validate",
PATH])``; a few go through a subprocess of the installed ``tomwizard`` command, and
:func:`tomwizard.disk.storage.parse_document` and
:func:`~tomwizard.disk.storage.load_document` are fuzzed directly. The case families: random
bytes, random TOML tokens, truncated and mutated copies of the examples (bytes and lines), a
wrong type at every key path, an unknown key at every table, deep nesting, huge strings,
invalid UTF-8, and odd paths (empty file, directory, missing file).

The oracle for every case (:meth:`Validate.check`):

* no traceback and no "internal error" (the catch-all of ``cli.main``), exit code 0 or 1;
* exit 1: nothing on stdout; on stderr one problem per line, ``FILE:LINE: …`` (only problems of
  the whole file, such as "no such file", have no line), each line number within the file, then
  ``FILE: invalid (N errors)`` with N the number of errors printed; a case that changed one key
  path must be reported at that path;
* exit 0: the file really is valid (tomllib and the model accept it), stderr holds only
  warnings, a value the case put in is kept, and the file can be saved and read back unchanged.

The cases come from fixed seeds (``random.Random("family:file:index")``), so a failure
reproduces; its input is kept under pytest's ``tmp_path`` and named in the assertion message.
The normal suite runs about 2,900 files through validate (and 735 inputs through
``parse_document``), in about 15 seconds; ``--fuzz-long`` (or ``TOMWIZARD_FUZZ_LONG=1``) runs
about 25 times as many (every wrong value at every key, every valid file saved). To keep the
normal suite fast, the catalogue is loaded once (not once per case), a wrong type or unknown key
is tried in the seed reduced to the category it is in, and only every fifth valid file is saved.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue import loader
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.disk.storage import (
    DocumentFile,
    LoadedDocument,
    StorageError,
    load_document,
    parse_document,
)
from tomwizard.locations import builtin_questions_dir, shipped_questions_dir
from tomwizard.problems import ProblemsError, format_key_path
from tomwizard.tomlread.file import MAX_FILE_BYTES, MAX_NESTING
from tomwizard.tomlread.validation import toml_type

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "catalogues" / "minimal"
SEEDS: dict[str, tuple[bytes, str]] = {
    "datenschutz-nord-anhang3.toml": (
        (ROOT / "examples" / "datenschutz-nord-anhang3.toml").read_bytes(),
        "shipped",
    ),
    "alfaview-anlage1.toml": (
        (ROOT / "examples" / "alfaview-anlage1.toml").read_bytes(),
        "shipped",
    ),
    "complete.toml": ((ROOT / "tests" / "fixtures" / "complete.toml").read_bytes(), "minimal"),
}
"""The files mutated: the two largest examples (shipped catalogue) and the fixture document that
answers every question of the minimal catalogue (tables, numbers, dates, custom measures)."""

KeyPath = tuple[str | int, ...]
_MISSING = object()

# -- catalogues: loaded once, not once per case ------------------------------------------------

_REAL_LOAD_CATALOGUE = loader.load_catalogue
_CATALOGUES: dict[tuple[tuple[Path, ...], Path], Catalogue] = {}


def _memo_load_catalogue(extra_dirs: Iterable[Path] = (), builtin: Path | None = None) -> Catalogue:
    """``load_catalogue``, remembered per folder: loading the shipped catalogue takes longer than
    validating a file, and it is the same for thousands of cases (a Catalogue is immutable)."""
    key = (tuple(extra_dirs), builtin or builtin_questions_dir())
    if key not in _CATALOGUES:
        _CATALOGUES[key] = _REAL_LOAD_CATALOGUE(key[0], key[1])
    return _CATALOGUES[key]


def catalogue_dir(name: str) -> Path:
    return shipped_questions_dir() if name == "shipped" else MINIMAL


# -- cases --------------------------------------------------------------------------------------


@dataclass
class Case:
    """One input for ``tomwizard validate``."""

    family: str
    what: str
    """How the input was made, in words (enough to make it again)."""
    data: bytes | None
    """The file's content; None for the odd paths, made by ``prepare``."""
    catalogue: str = "shipped"
    at: KeyPath | None = None
    """The key path the case changed: exit 1 must report a problem there (or at a parent key);
    exit 0 must keep ``value`` there."""
    value: Any = _MISSING
    warn_at: bool = False
    """Exit 0 must come with a warning at ``at`` (unknown ids are kept, but never silently)."""
    must_fail: bool = False
    expect: str | None = None
    """A text the output must contain (exit 1)."""
    expect_line: int | None = None
    """The line the first problem must name."""
    save_check: bool = True
    """Exit 0: save the file and read it back (off for values the writer cannot nest as deep)."""
    toml_ok: bool = False
    """The data is known to be TOML that tomllib reads (else it is found out when needed)."""
    prepare: Callable[[Path], Path] | None = None
    """For odd paths: make the path to validate below the given folder."""


@dataclass
class Validate:
    """Runs cases through ``cli.main`` and checks the oracle; collects failures."""

    directory: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    save_every: int = 1
    """Save and read back every n-th file that validates (saving costs more than validating)."""
    failures: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    exit_codes: dict[int, int] = field(default_factory=dict)

    def run(self, case: Case) -> None:
        index = sum(self.counts.values())
        self.counts[case.family] = self.counts.get(case.family, 0) + 1
        self.monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(catalogue_dir(case.catalogue)))
        if case.prepare is not None:
            path = case.prepare(self.directory / f"odd{index}")
        else:
            assert case.data is not None
            path = self.directory / "case.toml"
            path.write_bytes(case.data)
        self.capsys.readouterr()
        try:
            code = main(["validate", "--lang", "en", str(path)])  # the English words parsed
            error: str | None = None
        except (Exception, SystemExit) as exc:  # main must return its exit code, not raise
            code, error = -1, f"main raised {exc.__class__.__name__}: {exc}"
        captured = self.capsys.readouterr()
        self.exit_codes[code] = self.exit_codes.get(code, 0) + 1
        problems = [error] if error else self.check(case, path, code, captured.out, captured.err)
        if problems:
            self.fail(case, path, code, captured.err, problems)

    def check(self, case: Case, path: Path, code: int, out: str, err: str) -> list[str]:
        name = str(path)
        problems: list[str] = []
        if "Traceback" in err or "internal error" in err:
            return [f"internal error / traceback on stderr (exit {code})"]
        if code not in (0, 1):
            return [f"exit code {code}"]
        lines = err.split("\n")
        if lines[-1] != "":
            problems.append("stderr does not end with a newline")
        lines = lines[:-1]
        line_count = None if case.data is None else case.data.count(b"\n") + 1
        parsed = [_parse_problem(name, line) for line in lines]
        if code == 1:
            problems += _check_invalid(case, name, out, lines, parsed, line_count)
        else:
            problems += self._check_valid(case, path, out, lines, parsed)
        return problems

    def _check_valid(
        self,
        case: Case,
        path: Path,
        out: str,
        lines: list[str],
        parsed: list[tuple[int | None, str] | None],
    ) -> list[str]:
        problems: list[str] = []
        if case.must_fail or case.expect:
            problems.append("exit 0 for an input that must be refused")
        if not out.startswith(f"{path}: valid (catalogue "):
            problems.append(f"exit 0 without the summary line: {out[:200]!r}")
        for line, item in zip(lines, parsed, strict=True):
            if item is None or item[0] is None or not _is_warning(item[1]):
                problems.append(f"exit 0, but stderr has a line that is no warning: {line[:300]!r}")
        data = path.read_bytes() if case.data is None else case.data
        try:  # independent of tomwizard's reading: tomllib and the model accept the file
            text = data.decode("utf-8").removeprefix("\ufeff")
            AnswersDocument.model_validate(tomllib.loads(text))
        except Exception as exc:
            problems.append(f"exit 0, but the file is not valid: {exc.__class__.__name__}: {exc}")
            return problems
        catalogue = _memo_load_catalogue((), catalogue_dir(case.catalogue))
        valid = self.exit_codes.get(0, 0)
        save = case.save_check and valid % self.save_every == 0
        try:  # the way the wizard opens a file
            if save:
                handle, loaded = DocumentFile.open(path, catalogue)
            else:
                loaded = parse_document(data, str(path), catalogue)
        except Exception as exc:
            return [*problems, f"valid, but the wizard cannot open it: {exc!r}"]
        if case.at is not None and case.value is not _MISSING:
            kept = _get(loaded.document.model_dump(), case.at)
            if not _contains(kept, case.value):
                problems.append(f"value at {format_key_path(case.at)} lost: {kept!r}")
            if case.warn_at and not _related(parsed, case.at, warning=True):
                problems.append(f"no warning for the unknown key {format_key_path(case.at)}")
        if save:
            problems += _save_and_reload(handle, loaded, catalogue)
        return problems

    def fail(self, case: Case, path: Path, code: int, err: str, problems: list[str]) -> None:
        keep = self.directory / "failures" / f"{len(self.failures)}-{case.family}.toml"
        keep.parent.mkdir(exist_ok=True)
        try:
            shutil.copyfile(path, keep)
        except OSError:
            keep = path
        shown = err if len(err) < 1500 else err[:1500] + "…"
        self.failures.append(
            f"[{case.family}] {case.what}\n  input kept as {keep}\n  exit {code}; "
            + "; ".join(problems)
            + "\n  stderr:\n    "
            + shown.replace("\n", "\n    ")
        )

    def assert_ok(self, minimum: int) -> None:
        total = sum(self.counts.values())
        assert not self.failures, (
            f"{len(self.failures)} of {total} cases failed (exit codes {self.exit_codes}):\n\n"
            + "\n\n".join(self.failures[:8])
            + "\n\nall failed cases:\n"
            + "\n".join(failure.split("\n", 1)[0] for failure in self.failures[:100])
        )
        assert total >= minimum, f"only {total} cases ran: {self.counts}"


_WHOLE_FILE = re.compile(
    r"no such file|is a directory, not a TOML file|permission denied: .*|cannot read file: .*"
    r"|file is larger than .*; refusing to read it|nested too deeply to be read"
    r"|TOML syntax error: integer out of range.*"
    r"|not a regular file \(.*\); tomwizard reads only regular files"
)
"""Problems of a whole file: the only ones without a line number."""


def _parse_problem(name: str, line: str) -> tuple[int | None, str] | None:
    """(line number or None, rest) of a problem line ``FILE[:LINE]: rest``; None if it is not
    one."""
    match = re.fullmatch(rf"{re.escape(name)}(?::(\d+))?: (.*)", line, re.DOTALL)
    if match is None:
        return None
    return (int(match[1]) if match[1] else None), match[2]


def _check_invalid(
    case: Case,
    name: str,
    out: str,
    lines: list[str],
    parsed: list[tuple[int | None, str] | None],
    line_count: int | None,
) -> list[str]:
    problems: list[str] = []
    if out:
        problems.append(f"exit 1 with output on stdout: {out[:200]!r}")
    if not lines:
        return [*problems, "exit 1 without any message"]
    summary = re.fullmatch(rf"{re.escape(name)}: invalid \((\d+) (errors?)\)", lines[-1])
    if summary is None:
        problems.append(f"last line is not the summary: {lines[-1][:300]!r}")
    listed = list(zip(lines[:-1], parsed[:-1], strict=True))
    if not listed:
        problems.append("exit 1 without a problem")
    errors = 0
    for line, item in listed:
        if item is None:
            problems.append(f"not a FILE:LINE: problem line: {line[:300]!r}")
            continue
        number, rest = item
        if not _is_warning(rest):
            errors += 1
        if number is None and not _WHOLE_FILE.fullmatch(rest):
            problems.append(f"problem without a line number: {line[:300]!r}")
        if number is not None and line_count is not None and not 1 <= number <= line_count:
            problems.append(f"line {number} outside the file (1-{line_count}): {line[:300]!r}")
    if summary is not None:
        count = int(summary[1])
        if count != errors or summary[2] != ("error" if count == 1 else "errors") or count < 1:
            problems.append(f"summary says {count} {summary[2]}, {errors} errors were printed")
    if case.expect is not None and case.expect not in "\n".join(lines):
        problems.append(f"expected {case.expect!r} in the output")
    if case.expect_line is not None and listed and (parsed[0] or (None, ""))[0] != case.expect_line:
        problems.append(f"first problem is not on line {case.expect_line}")
    # a problem of the whole file ("nested too deeply" where tomllib's recursion ends, which
    # depends on how deep the stack already is) names no key
    whole_file = any(item is not None and item[0] is None for item in parsed[:-1])
    unrelated = case.at is not None and not _related(parsed, case.at, warning=False)
    if unrelated and not whole_file and (case.toml_ok or _parses(case.data)):
        problems.append(f"no error at {format_key_path(case.at or ())} (or a parent key)")
    return problems


def _parses(data: bytes | None) -> bool:
    """Whether ``data`` is TOML that tomllib reads (so that problems are reported at keys)."""
    if data is None:
        return False
    try:
        tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError included
        return False
    return True


def _is_warning(rest: str) -> bool:
    """Whether the part of a problem line after ``FILE:LINE: `` is a warning (``key: warning:
    message``, or ``warning: message`` without a key)."""
    return rest.startswith("warning: ") or ": warning: " in rest


def _related(parsed: list[tuple[int | None, str] | None], at: KeyPath, *, warning: bool) -> bool:
    """Whether a problem (error or warning) names ``at``, one of its parents or one of its
    children."""
    keys = [format_key_path(at[:end]) for end in range(1, len(at) + 1)]
    for item in parsed:
        if item is None or item[0] is None:
            continue
        rest = item[1]
        if _is_warning(rest) != warning:
            continue
        for key in keys:
            after = rest[len(key) : len(key) + 1] if rest.startswith(key) else ""
            # the key itself or a parent of it, or (for the key itself) a child
            if after == ":" or (key == keys[-1] and after in (".", "[")):
                return True
    return False


def _save_and_reload(
    handle: DocumentFile, loaded: LoadedDocument, catalogue: Catalogue
) -> list[str]:
    """A file that validates can be saved; it reads back as saved, and saving that again would
    write the same bytes."""
    try:
        saved = handle.save(loaded.document, catalogue, discard_comments=True)
        written = handle.path.read_bytes()
        again = load_document(handle.path, catalogue).document
        rewritten = dumps(again, catalogue).encode()
    except Exception as exc:
        return [f"a valid file cannot be saved: {exc.__class__.__name__}: {exc}"]
    problems = []
    if again != saved and not _same(again.model_dump(), saved.model_dump()):
        problems.append("the saved file does not read back as saved")
    if rewritten != written:
        problems.append("saving again would not write the same bytes")
    return problems


def _get(node: Any, path: KeyPath) -> Any:
    for step in path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return _MISSING
    return node


def _contains(kept: Any, value: Any) -> bool:
    """Whether ``kept`` (from the loaded document) holds ``value`` (what the case wrote): equal,
    except that a table read as a model has the model's defaults for keys the case left out."""
    if isinstance(value, dict):
        return isinstance(kept, dict) and all(
            key in kept and _contains(kept[key], item) for key, item in value.items()
        )
    if isinstance(value, list):
        return (
            isinstance(kept, list)
            and len(kept) == len(value)
            and all(_contains(k, v) for k, v in zip(kept, value, strict=True))
        )
    return _same(kept, value)


def _same(a: Any, b: Any) -> bool:
    """Equality in which NaN equals NaN and types must match (1 is not 1.0 or true)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@pytest.fixture
def validate(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fuzz_scale: int,
) -> Validate:
    monkeypatch.delenv("TOMWIZARD_DEBUG", raising=False)
    monkeypatch.setattr(loader, "load_catalogue", _memo_load_catalogue)
    # the normal suite saves a sample of the valid files; the long run saves every one
    return Validate(tmp_path, capsys, monkeypatch, save_every=1 if fuzz_scale > 1 else 5)


# -- the families ----------------------------------------------------------------------------


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(map(str, parts)))


def _seed(*parts: object) -> str:
    """How to make the generator of ``_rng(*parts)`` again, for the failure message."""
    return repr(":".join(map(str, parts)))


def random_bytes_cases(count: int, start: int = 0) -> Iterator[Case]:
    """Uniform random bytes, random ASCII, and random bytes behind a valid start."""
    for index in range(start, start + count):
        rng = _rng("bytes", index)
        size = rng.choice([0, 1, 2, 8, 64, 512, 4096])
        size = rng.randint(0, size)
        kind = index % 3
        if kind == 0:
            data = rng.randbytes(size)
        elif kind == 1:
            data = bytes(rng.choice(b" \t\n\r\"'=[]{}.,#\\abcxyz019-_:+") for _ in range(size))
        else:
            seed = rng.choice(list(SEEDS))
            base = SEEDS[seed][0]
            data = base[: rng.randrange(len(base))] + rng.randbytes(size)
        yield Case("random bytes", f"Random({_seed('bytes', index)}): kind {kind}", data, "minimal")


_TOKENS = [
    "[", "]", "[[", "]]", "{", "}", "=", " = ", ".", ",", '"', "'", '"""', "'''", "\n", "\n",
    " ", "\t", "#", "\\", "\\u00e4", "\\U0001F600", "\\x", "categories", "organisation",
    "answers", "measures", "custom", "parameters", "status", "document", "catalogue", "history",
    "schema_version", "id", "version", "label", "note", "title", "controller", "description",
    "1", "-1", "1.5", "1e400", "nan", "-inf", "true", "false", "0x1F", "0o7", "0b1", "1_000",
    "99999999999999999999", "2025-01-31", "2025-13-45", "12:00:00", "1979-05-27T07:32:00Z",
    '"implemented"', '"planned"', '"x"', "''", '""', "ä", "😀", "\u2028", "\ufeff", "\x00",
    "\r", "\r\n",
]  # fmt: skip


def token_cases(count: int, start: int = 0) -> Iterator[Case]:
    """Random sequences of TOML tokens and key names of the format: mostly syntax errors, some
    valid TOML that the model must refuse or accept."""
    for index in range(start, start + count):
        rng = _rng("tokens", index)
        text = "".join(rng.choice(_TOKENS) for _ in range(rng.randint(0, 60)))
        if index % 4 == 0:  # often start like a real file
            text = 'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "1"\n' + text
        yield Case("TOML tokens", f"Random({_seed('tokens', index)})", text.encode(), "minimal")


def truncation_cases(count: int) -> Iterator[Case]:
    """Each seed cut at random offsets (also inside multi-byte characters) and at line ends."""
    for name, (base, catalogue) in SEEDS.items():
        rng = _rng("truncate", name)
        offsets = {0, 1, len(base) - 1}
        offsets |= {rng.randrange(len(base)) for _ in range(count // 2)}
        newlines = [i for i, byte in enumerate(base) if byte == 0x0A]
        offsets |= {rng.choice(newlines) + rng.choice([0, 1]) for _ in range(count // 2)}
        for offset in sorted(offsets):
            yield Case("truncated", f"{name} cut after {offset} bytes", base[:offset], catalogue)


_INSERTS = [b"[", b"]", b'"', b"'", b"=", b"{", b"}", b",", b".", b"#", b"\\", b"\n", b"[[", b'"""']


def byte_mutation_cases(count: int, start: int = 0) -> Iterator[Case]:
    """1-4 byte edits of each seed: flip a bit, replace, insert a TOML character, delete or
    duplicate a range."""
    for name, (base, catalogue) in SEEDS.items():
        for index in range(start, start + count):
            rng = _rng("bytes-mutate", name, index)
            data = bytearray(base)
            ops = []
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(data))
                op = rng.choice(["flip", "replace", "insert", "insert", "delete", "duplicate"])
                if op == "flip":
                    data[at] ^= 1 << rng.randrange(8)
                elif op == "replace":
                    data[at] = rng.randrange(256)
                elif op == "insert":
                    data[at:at] = rng.choice(_INSERTS)
                elif op == "delete":
                    del data[at : at + rng.randint(1, 40)]
                else:
                    data[at:at] = data[at : at + rng.randint(1, 40)]
                ops.append(f"{op}@{at}")
            what = f"Random({_seed('bytes-mutate', name, index)}) on {name}: {', '.join(ops)}"
            yield Case("byte mutation", what, bytes(data), catalogue)


def line_mutation_cases(count: int, start: int = 0) -> Iterator[Case]:
    """1-3 line edits of each seed: delete, duplicate, swap, move, comment out, indent, split."""
    for name, (base, catalogue) in SEEDS.items():
        for index in range(start, start + count):
            rng = _rng("lines-mutate", name, index)
            lines = base.split(b"\n")
            ops = []
            for _ in range(rng.randint(1, 3)):
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                op = rng.choice(
                    ["delete", "duplicate", "swap", "move", "comment", "indent", "split"]
                )
                if op == "delete":
                    del lines[i]
                elif op == "duplicate":
                    lines.insert(j, lines[i])
                elif op == "swap":
                    lines[i], lines[j] = lines[j], lines[i]
                elif op == "move":
                    lines.insert(j, lines.pop(i))
                elif op == "comment":
                    lines[i] = b"# " + lines[i]
                elif op == "indent":
                    lines[i] = b"    " + lines[i]
                else:
                    cut = rng.randint(0, len(lines[i]))
                    lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
                ops.append(f"{op} {i}/{j}")
            data = b"\n".join(lines)
            what = f"Random({_seed('lines-mutate', name, index)}) on {name}: {', '.join(ops)}"
            yield Case("line mutation", what, data, catalogue)


WRONG_VALUES: dict[str, list[Any]] = {
    "integer": [7, 0, -1, 2**63 - 1, -(2**63)],
    "float": [1.5, -0.0, math.nan, math.inf, -math.inf, 1e308],
    "string": ["x", "", " \t", "zwei\nZeilen", '{{ "x" }}{% if %}', "ä€😀\u202e", "\x00\x1f\x7f"],
    "boolean": [True, False],
    "date": [dt.date(2025, 1, 31), dt.date(1, 1, 1), dt.date(9999, 12, 31)],
    "date-time": [
        dt.datetime(2025, 1, 31, 12, 30),
        dt.datetime(2025, 1, 31, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ],
    "time": [dt.time(12, 30), dt.time(0, 0, 0, 999999)],
    "array": [[], [1, "a"], [[1], {"a": 1}], ["buero", "buero"], [dt.date(2025, 1, 1)]],
    "table": [{}, {"a": 1}, {"status": "implemented"}, {"de": "x", "en": {"x": [1]}}],
}
"""Values of every TOML type (nan and inf where TOML allows them)."""


def key_paths(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every key path below ``node`` (table keys and array indexes) with its value."""
    items: Iterable[tuple[str | int, Any]]
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in list(items):
        yield (*path, key), value
        yield from key_paths(value, (*path, key))


def _parent(data: Any, path: KeyPath) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def _focus(data: dict[str, Any], path: KeyPath) -> tuple[dict[str, Any], str]:
    """The seed's data with only the category ``path`` lies in (none if it lies outside the
    categories), and words saying so: the rest of the file cannot change how the key at ``path``
    is read, and a file a tenth of the size is read ten times as fast. The tables are shared with
    ``data``, not copied."""
    if len(path) >= 2 and path[0] == "categories":
        return {**data, "categories": {path[1]: data["categories"][path[1]]}}, f"only {path[1]}"
    return {k: v for k, v in data.items() if k != "categories"}, "without categories"


def _dumps(data: dict[str, Any]) -> bytes:
    return tomli_w.dumps(data, multiline_strings=True).encode()


def wrong_type_cases(scale: int) -> Iterator[Case]:
    """Every key path of every seed gets a value of another type (with ``scale`` > 1: every
    other-typed value of :data:`WRONG_VALUES`)."""
    for name, (base, catalogue) in SEEDS.items():
        data = tomllib.loads(base.decode())
        for index, (path, original) in enumerate(list(key_paths(data))):
            rng = _rng("wrong-type", name, index)
            kind = toml_type(original, "en")
            values = [v for k, vs in WRONG_VALUES.items() if k != kind for v in vs]
            chosen = values if scale > 1 else [rng.choice(values)]
            focused, kept = _focus(data, path)
            parent = _parent(focused, path)
            for value in chosen:
                parent[path[-1]] = value
                text = _dumps(focused)
                parent[path[-1]] = original
                yield Case(
                    "wrong type",
                    f"{name} ({kept}): {format_key_path(path)} = {value!r} (was {kind})",
                    text,
                    catalogue,
                    at=path,
                    value=value,
                    toml_ok=True,
                )


UNKNOWN_KEYS = ["unbekannt", "Gross_und-1", '"', "a.b", "", " ", "zeile\numbruch", "ä😀", "x" * 65]
"""Key names a file may contain but no format knows: also ones that need quotes in TOML."""


def unknown_key_cases(scale: int) -> Iterator[Case]:
    """An unknown key at every table of every seed: refused where the format is fixed, kept with
    a warning where ids are free (answers, measures, parameters, table rows)."""
    pool = [v for values in WRONG_VALUES.values() for v in values]
    for name, (base, catalogue) in SEEDS.items():
        data = tomllib.loads(base.decode())
        tables = [((), data)] + [(p, v) for p, v in key_paths(data) if isinstance(v, dict)]
        for index, (path, table) in enumerate(tables):
            rng = _rng("unknown-key", name, index)
            count = 1 if scale == 1 else 2 * len(UNKNOWN_KEYS)
            focused, kept = _focus(data, path)
            if path == ("categories",):
                focused["categories"] = {}
            table = _get(focused, path)
            for number in range(count):
                key = UNKNOWN_KEYS[0] if number == 0 else rng.choice(UNKNOWN_KEYS)
                if key in table:
                    continue
                value = rng.choice(pool)
                table[key] = value
                text = _dumps(focused)
                del table[key]
                at = (*path, key)
                yield Case(
                    "unknown key",
                    f"{name} ({kept}): {format_key_path(at)} = {value!r}",
                    text,
                    catalogue,
                    at=at,
                    value=value,
                    # a new version in the history is no unknown key; everywhere else an id
                    # that is not refused must be warned about
                    warn_at=path != ("history",),
                    toml_ok=True,
                    # the writer is checked with every value, not at every table
                    save_check=scale > 1 or index % 4 == 0,
                )


def _nest(kind: str, depth: int) -> str:
    """A value of ``depth`` levels of ``kind``."""
    if kind == "arrays":
        return "[" * depth + "1" + "]" * depth
    if kind == "inline tables":
        return "{ a = " * depth + "1" + " }" * depth
    if kind == "mixed":
        return "[{ a = " * depth + "1" + " }]" * depth
    return "[{ a = " * depth  # unclosed


_NEST_PLACES: dict[str, tuple[str, str, KeyPath]] = {
    # a value nobody checks: kept with a warning (unless it is nested too deeply)
    "unknown answer": ("categories.organisation.answers", "tief", ("categories", "organisation")),
    # unknown parameter of a known measure
    "unknown parameter": (
        "categories.zugangskontrolle.measures.passwortrichtlinie.parameters",
        "tief",
        ("categories", "zugangskontrolle"),
    ),
    # a key of a fixed table: refused
    "document": ("document", "tief", ("document",)),
    "top level": ("", "tief", ()),
}

NEST_DEPTHS = [1, 8, 20, 28, 32, 40, 100, 127, 128, 129, 200, 256, 300, 400, 500, 1000, 5000]
NEST_KINDS = ["arrays", "inline tables", "mixed", "unclosed", "dotted keys", "table headers"]


def nesting_cases(scale: int) -> Iterator[Case]:
    """Values, dotted keys and table headers nested up to thousands of levels deep, at places
    where the value is checked, where it is kept as unknown, and at the top level. A file nested
    more than :data:`~tomwizard.tomlread.file.MAX_NESTING` levels is refused at the line of the
    deep value (or, where tomllib's own recursion ends first, as "nested too deeply")."""
    base = SEEDS["complete.toml"][0].decode()
    depths = NEST_DEPTHS if scale == 1 else sorted({*NEST_DEPTHS, *range(1, 1200, 7)})
    for depth in depths:
        for kind in NEST_KINDS:
            for place, (table, key, parent) in _NEST_PLACES.items():
                if kind == "dotted keys" and depth > 1000:
                    continue  # tomllib takes quadratic time for a long dotted key (seconds)
                if kind == "dotted keys":
                    line = ".".join([key] * depth) + " = 1"
                elif kind != "table headers":
                    line = f"{key} = {_nest(kind, depth)}"
                if kind == "table headers":
                    header = ".".join(p for p in [table, *[key] * depth] if p)
                    text = f"{base}\n[{header}]\nx = 1\n"
                elif table:
                    text = base.replace(f"[{table}]\n", f"[{table}]\n{line}\n", 1)
                    assert line in text, table
                else:
                    text = f"{line}\n{base}"
                levels = depth * (2 if kind == "mixed" else 1)
                too_deep = levels >= MAX_NESTING + 8  # the table's own levels come on top
                refused = kind == "unclosed" or place in ("document", "top level") or too_deep
                yield Case(
                    "deep nesting",
                    f"complete.toml: {kind}, {depth} levels, at {place}",
                    text.encode(),
                    "minimal",
                    at=(*parent, *table.split(".")[len(parent) :], key) if table else (key,),
                    must_fail=refused,
                    # below the limit an unknown id is kept with a warning
                    warn_at=not refused and levels <= MAX_NESTING - 12,
                    expect="nested" if too_deep and kind != "unclosed" else None,
                )


def huge_cases(scale: int) -> Iterator[Case]:
    """Strings of megabytes where text is allowed, as a key, unterminated, as a number; files at
    and beyond the size limit. Only the valid string has 5 MiB in the normal suite."""
    base = SEEDS["complete.toml"][0]
    mib = 1024 * 1024
    size = 5 * mib if scale > 1 else mib
    big = b"x" * size
    empty = b'representative = ""\n'
    assert empty in base
    at = ("document", "controller", "representative")

    def representative(value: bytes) -> bytes:
        return base.replace(empty, b"representative = " + value + b"\n", 1)

    yield Case(
        "huge",
        "5 MiB basic string",
        representative(b'"' + b"x" * 5 * mib + b'"'),
        "minimal",
        at=at,
        value="x" * 5 * mib,
    )
    lines = b"\n".join([b"y" * 99] * (size // 100))
    yield Case(
        "huge",
        f"{size} bytes multi-line literal string",
        representative(b"'''\n" + lines + b"'''"),
        "minimal",
        at=at,
        value=lines.decode(),
    )
    yield Case(
        "huge",
        f"{size} bytes unterminated string",
        representative(b'"' + big),
        "minimal",
        must_fail=True,
        expect="TOML syntax error",
    )
    yield Case(
        "huge", f"{size} bytes key", b'"' + big + b'" = 1\n' + base, "minimal", must_fail=True
    )
    yield Case(
        "huge",
        f"{size} bytes number",
        representative(b"1" * size),
        "minimal",
        must_fail=True,
        expect="integer out of range",
    )
    yield Case(
        "huge",
        f"{size} bytes string in an array",
        representative(b'["' + big + b'"]'),
        "minimal",
        must_fail=True,
        at=at,
    )
    padding = MAX_FILE_BYTES - len(base) - 3
    yield Case(
        "huge",
        "exactly the size limit (a comment)",
        base + b"\n#" + b"c" * padding + b"\n",
        "minimal",
    )
    yield Case(
        "huge",
        "one byte over the size limit",
        base + b"\n#" + b"c" * (padding + 1) + b"\n",
        "minimal",
        must_fail=True,
        expect=f"file is larger than {MAX_FILE_BYTES // mib} MiB; refusing to read it",
    )
    if scale > 1:
        yield Case(
            "huge",
            "5 million lines, then an error",
            b"\n" * size + b"x = \n",
            "minimal",
            must_fail=True,
            expect_line=size + 1,
        )
        yield Case("huge", "a 5 MiB comment", base + b"#" + big + b"\n", "minimal")


_BAD_UTF8 = [
    b"\xff", b"\xfe", b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80", b"\xed\xa0\x80",
    b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82",
    b"\xf0\x9f\x98", b"\xc3", b"\xe4",
]  # fmt: skip


def utf8_cases(count: int, start: int = 0) -> Iterator[Case]:
    """Invalid UTF-8 put into each seed: the problem names the line and the byte."""
    for name, (base, catalogue) in SEEDS.items():
        for index in range(start, start + count):
            rng = _rng("utf8", name, index)
            at = rng.randrange(len(base) + 1)
            bad = rng.choice(_BAD_UTF8)
            data = base[:at] + bad + base[at:]
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                expect = f"not valid UTF-8 (byte 0x{data[exc.start]:02x})"
            else:  # pragma: no cover - every sequence above is invalid
                raise AssertionError(f"{bad!r} is valid UTF-8")
            yield Case(
                "invalid UTF-8",
                f"{name}: {bad!r} inserted at byte {at}",
                data,
                catalogue,
                expect=expect,
                expect_line=line,
            )
    base, catalogue = SEEDS["complete.toml"]
    text = base.decode()
    for encoding in ("utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252"):
        yield Case(
            "invalid UTF-8",
            f"complete.toml saved as {encoding}",
            text.encode(encoding, "replace"),
            catalogue,
            must_fail=True,
        )


def _symlink_loop(directory: Path) -> Path:
    directory.mkdir()
    (directory / "a.toml").symlink_to(directory / "b.toml")
    (directory / "b.toml").symlink_to(directory / "a.toml")
    return directory / "a.toml"


def _unreadable(directory: Path) -> Path:
    directory.mkdir()
    path = directory / "secret.toml"
    path.write_bytes(SEEDS["complete.toml"][0])
    path.chmod(0)
    return path


def _folder(directory: Path) -> Path:
    directory.mkdir()
    return directory


def odd_cases() -> Iterator[Case]:
    """Empty and blank files, byte order marks, line endings, and paths that are no file."""
    base = SEEDS["complete.toml"][0]
    yield Case(
        "odd",
        "empty file",
        b"",
        "minimal",
        must_fail=True,
        expect="required key 'catalogue' is missing",
    )
    yield Case("odd", "only whitespace", b" \n\t\n\n", "minimal", must_fail=True)
    yield Case("odd", "only a byte order mark", b"\xef\xbb\xbf", "minimal", must_fail=True)
    yield Case("odd", "byte order mark and a valid file", b"\xef\xbb\xbf" + base, "minimal")
    yield Case("odd", "two byte order marks", b"\xef\xbb\xbf" * 2 + base, "minimal", must_fail=True)
    yield Case("odd", "CRLF line endings", base.replace(b"\n", b"\r\n"), "minimal")
    yield Case("odd", "CR line endings", base.replace(b"\n", b"\r"), "minimal", must_fail=True)
    yield Case("odd", "NUL bytes", b"\x00" * 100, "minimal", must_fail=True)
    yield Case(
        "odd",
        "schema_version from the future",
        base.replace(b"schema_version = 1", b"schema_version = 99"),
        "minimal",
        at=("schema_version",),
        must_fail=True,
    )
    yield Case(
        "odd",
        "schema_version true",
        base.replace(b"schema_version = 1", b"schema_version = true"),
        "minimal",
        at=("schema_version",),
        must_fail=True,
    )
    yield Case(
        "odd",
        "integer of 5000 digits",
        b"x = " + b"9" * 5000 + b"\n" + base,
        "minimal",
        must_fail=True,
        expect="integer out of range",
    )
    yield Case(
        "odd",
        "integer just beyond 64 bits",
        base + b"\n[categories.organisation.answers.tief]\nx = 9223372036854775808\n",
        "minimal",
        must_fail=True,
        expect="integer out of range",
    )
    yield Case(
        "odd",
        "a directory",
        None,
        "minimal",
        must_fail=True,
        expect="is a directory",
        prepare=_folder,
    )
    yield Case(
        "odd",
        "a missing file",
        None,
        "minimal",
        must_fail=True,
        expect="no such file",
        prepare=lambda d: d / "missing.toml",
    )
    yield Case(
        "odd",
        "a file below a missing folder",
        None,
        "minimal",
        must_fail=True,
        prepare=lambda d: d / "no" / "such" / "x.toml",
    )
    yield Case("odd", "a symlink loop", None, "minimal", must_fail=True, prepare=_symlink_loop)
    yield Case(
        "odd",
        "a broken symlink",
        None,
        "minimal",
        must_fail=True,
        expect="no such file",
        prepare=lambda d: _link(d, d / "gone.toml"),
    )
    yield Case(
        "odd",
        "a path through a file",
        None,
        "minimal",
        must_fail=True,
        prepare=lambda d: _file(d) / "x.toml",
    )
    yield Case(
        "odd",
        "a name with colons and spaces",
        None,
        "minimal",
        prepare=lambda d: _file(d, "a: b:1: c.toml"),
    )
    yield Case(
        "odd",
        "/dev/null",
        None,
        "minimal",
        must_fail=True,
        expect="not a regular file (a device)",
        prepare=lambda d: Path(os.devnull),
    )
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        yield Case(
            "odd",
            "a file without read permission",
            None,
            "minimal",
            must_fail=True,
            expect="permission denied",
            prepare=_unreadable,
        )


def _link(directory: Path, target: Path) -> Path:
    directory.mkdir()
    (directory / "link.toml").symlink_to(target)
    return directory / "link.toml"


def _file(directory: Path, name: str = "file.toml") -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_bytes(SEEDS["complete.toml"][0])
    return path


# -- the tests -------------------------------------------------------------------------------


def test_random_bytes_and_tokens(validate: Validate, fuzz_scale: int) -> None:
    for case in random_bytes_cases(200 * fuzz_scale):
        validate.run(case)
    for case in token_cases(200 * fuzz_scale):
        validate.run(case)
    validate.assert_ok(400 * fuzz_scale)


def test_truncated_examples(validate: Validate, fuzz_scale: int) -> None:
    for case in truncation_cases(70 * fuzz_scale):
        validate.run(case)
    validate.assert_ok(150)


def test_mutated_examples(validate: Validate, fuzz_scale: int) -> None:
    for case in byte_mutation_cases(70 * fuzz_scale):
        validate.run(case)
    for case in line_mutation_cases(70 * fuzz_scale):
        validate.run(case)
    validate.assert_ok(2 * 3 * 70 * fuzz_scale)


def test_wrong_type_at_every_key(validate: Validate, fuzz_scale: int) -> None:
    for case in wrong_type_cases(fuzz_scale):
        validate.run(case)
    validate.assert_ok(800)


def test_unknown_key_in_every_table(validate: Validate, fuzz_scale: int) -> None:
    for case in unknown_key_cases(fuzz_scale):
        validate.run(case)
    validate.assert_ok(400)


def test_deep_nesting(validate: Validate, fuzz_scale: int) -> None:
    for case in nesting_cases(fuzz_scale):
        validate.run(case)
    validate.assert_ok(400)


def test_huge_input(validate: Validate, fuzz_scale: int) -> None:
    for case in huge_cases(fuzz_scale):
        validate.run(case)
    validate.assert_ok(8)


def test_invalid_utf8(validate: Validate, fuzz_scale: int) -> None:
    for case in utf8_cases(30 * fuzz_scale):
        validate.run(case)
    validate.assert_ok(90)


def test_odd_files_and_paths(validate: Validate) -> None:
    try:
        for case in odd_cases():
            validate.run(case)
    finally:  # pytest must be able to remove what the cases left behind
        for path in validate.directory.rglob("secret.toml"):
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    validate.assert_ok(20)


# -- the loader itself: only ProblemsError ---------------------------------------------------


def _loader_inputs(scale: int) -> Iterator[tuple[str, bytes, str]]:
    far = 10**6  # other inputs than the validate tests get
    families: list[Iterable[Case]] = [
        random_bytes_cases(200 * scale, far),
        token_cases(200 * scale, far),
        byte_mutation_cases(50 * scale, far),
        line_mutation_cases(50 * scale, far),
        utf8_cases(10 * scale, far),
    ]
    for family in families:
        for case in family:
            assert case.data is not None
            yield f"[{case.family}] {case.what}", case.data, case.catalogue


def test_parse_document_raises_only_problems(fuzz_scale: int) -> None:
    """``parse_document`` either returns a document or raises ProblemsError with at least one
    error, every problem naming the file and a line within it (or none)."""
    failures: list[str] = []
    count = 0
    for what, data, catalogue_name in _loader_inputs(fuzz_scale):
        count += 1
        catalogue = _memo_load_catalogue((), catalogue_dir(catalogue_name))
        lines = data.count(b"\n") + 1
        try:
            loaded = parse_document(data, "input.toml", catalogue)
        except ProblemsError as exc:
            bad = [
                p
                for p in exc.problems
                if p.file != "input.toml" or (p.line is not None and not 1 <= p.line <= lines)
            ]
            if bad or not any(p.is_error for p in exc.problems):
                failures.append(f"{what}: problems {[str(p) for p in exc.problems][:5]}")
        except Exception as exc:
            failures.append(f"{what}: {exc.__class__.__name__}: {exc}")
        else:
            if not isinstance(loaded, LoadedDocument) or any(p.is_error for p in loaded.warnings):
                failures.append(f"{what}: returned errors as warnings")
    assert not failures, f"{len(failures)} of {count} inputs:\n" + "\n".join(failures[:10])
    assert count >= 700 * fuzz_scale


def test_load_document_raises_only_problems(tmp_path: Path) -> None:
    """Odd paths through ``load_document`` and ``DocumentFile.open`` (the wizard's way in)."""
    catalogue = _memo_load_catalogue((), MINIMAL)
    failures: list[str] = []
    cases = [case for case in odd_cases() if case.prepare is not None]
    try:
        for index, case in enumerate(cases):
            assert case.prepare is not None
            path = case.prepare(tmp_path / f"odd{index}")
            for read in (load_document, DocumentFile.open):
                try:
                    read(path, catalogue)
                except ProblemsError as exc:
                    if not all(p.file == str(path) for p in exc.problems):
                        failures.append(f"{case.what}: {read.__name__} names another file")
                except Exception as exc:
                    failures.append(f"{case.what}: {read.__name__}: {exc!r}")
                else:
                    if case.must_fail:
                        failures.append(f"{case.what}: {read.__name__} accepted it")
    finally:
        for path in tmp_path.rglob("secret.toml"):
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert not failures, "\n".join(failures)


# -- end to end: the installed command ---------------------------------------------------------


def _installed_command() -> str:
    command = shutil.which("tomwizard", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("the tomwizard command is not installed beside this Python")
    return command


@pytest.mark.slow
def test_installed_command_on_hostile_files(tmp_path: Path) -> None:
    """One file of every family through the real program: exit 1, no traceback, and every line
    of output a problem of one of the files, each file ending with its summary. The deepest
    nesting runs here with a fresh interpreter's stack."""
    base = SEEDS["datenschutz-nord-anhang3.toml"][0]
    inputs: dict[str, bytes] = {
        "random.toml": _rng("subprocess").randbytes(3000),
        "truncated.toml": base[: len(base) // 3],
        "mutated.toml": base.replace(b"status", b"sta[tus", 3),
        "wrong-type.toml": base.replace(b'status = "implemented"', b"status = 2025-01-01", 2),
        "unknown-key.toml": base.replace(b"[document]\n", b"[document]\nfarbe = nan\n"),
        "nested-arrays.toml": b"x = " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "nested-tables.toml": b"x = " + b"{a=" * 1000 + b"1" + b"}" * 1000 + b"\n",
        "nested-headers.toml": b"[" + b".".join([b"a"] * 1000) + b"]\n",
        "utf8.toml": base[:500] + b"\xed\xa0\x80" + base[500:],
        "oversize.toml": b"#" * (MAX_FILE_BYTES + 1),
        "empty.toml": b"",
    }
    paths = []
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    paths += [str(tmp_path), str(tmp_path / "missing.toml")]
    env = {k: v for k, v in os.environ.items() if k != "TOMWIZARD_DEBUG"}
    env["TOMWIZARD_QUESTIONS"] = str(shipped_questions_dir())
    result = subprocess.run(
        [_installed_command(), "validate", "--lang", "en", *paths],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    # the longest name first: tmp_path is a prefix of the files in it
    owners = sorted(paths, key=len, reverse=True)
    for line in lines:
        owner = next((p for p in owners if _parse_problem(p, line) is not None), None)
        assert owner is not None, f"not a FILE:LINE: problem line: {line[:300]!r}"
        number, rest = _parse_problem(owner, line) or (None, "")
        assert number is not None or _WHOLE_FILE.fullmatch(rest) or rest.startswith("invalid ("), (
            line
        )
    for path in paths:
        assert any(
            re.fullmatch(rf"{re.escape(path)}: invalid \(\d+ errors?\)", x) for x in lines
        ), path
    assert f"{tmp_path / 'oversize.toml'}: file is larger than 8 MiB; refusing to read it" in lines
    assert any(line.startswith(f"{tmp_path / 'utf8.toml'}:") and "0xed" in line for line in lines)

    valid = tmp_path / "valid.toml"
    valid.write_bytes(base)
    result = subprocess.run(
        [_installed_command(), "validate", str(valid)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{valid}: gültig (Katalog tomwizard ")  # LC_MESSAGES=de
    assert result.stderr == ""


# -- regressions: product bugs the fuzzing found ---------------------------------------------


@pytest.mark.parametrize("kind", ["answer", "parameter"])
def test_deeply_nested_valid_value_can_be_saved(tmp_path: Path, kind: str) -> None:
    catalogue = _memo_load_catalogue((), MINIMAL)
    base = SEEDS["complete.toml"][0].decode()
    table = (
        "[categories.organisation.answers]"
        if kind == "answer"
        else "[categories.zugangskontrolle.measures.passwortrichtlinie.parameters]"
    )
    path = tmp_path / "deep.toml"
    path.write_text(base.replace(f"{table}\n", f"{table}\ntief = {'[' * 300}{']' * 300}\n", 1))
    with pytest.raises(ProblemsError) as refused:  # such a file is refused with its line
        DocumentFile.open(path, catalogue)
    assert "nested more than" in str(refused.value.problems[0])
    # a document built in code can still hold such a value: saving says so, the file stays
    path.write_text(base)
    handle, loaded = DocumentFile.open(path, catalogue)
    deep: object = []
    for _ in range(3000):
        deep = [deep]
    if kind == "answer":
        loaded.document.categories["organisation"].answers["tief"] = deep
    else:
        measure = loaded.document.categories["zugangskontrolle"].measures["passwortrichtlinie"]
        measure.parameters["tief"] = deep
    with pytest.raises(StorageError, match="nested too deeply"):
        handle.save(loaded.document, catalogue)
    assert path.read_text() == base


def test_history_versions_differing_in_line_endings_are_not_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = SEEDS["complete.toml"][0].decode()
    text = base + '\n[history."1.0\\r"]\nchanges = "eins"\n\n[history."1.0\\n"]\nchanges = "zwei"\n'
    path = tmp_path / "history.toml"
    path.write_text(text)
    catalogue = _memo_load_catalogue((), MINIMAL)
    try:
        loaded = load_document(path, catalogue)
    except ProblemsError:
        return  # refusing the file is fine
    changes = sorted(entry.changes for entry in loaded.document.history.values())
    assert ("eins" in changes and "zwei" in changes) or loaded.warnings


@pytest.mark.parametrize("kind", ["dotted key", "table header"])
@pytest.mark.parametrize(
    "table",
    [
        "categories.organisation.answers",
        "categories.zugangskontrolle.measures.passwortrichtlinie.parameters",
    ],
)
def test_deeply_nested_tables_in_answers(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    table: str,
) -> None:
    monkeypatch.delenv("TOMWIZARD_DEBUG", raising=False)
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(MINIMAL))
    base = SEEDS["complete.toml"][0].decode()
    keys = ".".join(["tief"] * 1000)
    if kind == "dotted key":
        text = base.replace(f"[{table}]\n", f"[{table}]\n{keys} = 1\n", 1)
    else:
        text = f"{base}\n[{table}.{keys}]\nx = 1\n"
    path = tmp_path / "deep.toml"
    path.write_text(text)
    code = main(["validate", "--lang", "en", str(path)])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert code in (0, 1)
    if code == 1:
        assert all(_parse_problem(str(path), line) for line in err.splitlines()), err
