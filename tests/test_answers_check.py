"""Reading answers files: every unusable file is a ProblemsError with exact ``FILE:LINE: key:
message`` lines; wrong values are errors on their line; unknown ids are warnings and are kept;
hidden answers are kept but do not count towards progress."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tomwizard.answers.check import check_document, value_problem
from tomwizard.answers.model import AnswersDocument, CatalogueRef, CategoryAnswers
from tomwizard.answers.progress import CategoryProgress, missing_required, progress
from tomwizard.answers.visibility import Visibility
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Parameter, Text
from tomwizard.disk.storage import DocumentFile, load_document, new_document, parse_document
from tomwizard.problems import ProblemsError
from tomwizard.tomlread.file import MAX_FILE_BYTES, read_toml

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
NAME = "answers.toml"
HEAD = 'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n'
"""Four lines; a body appended to it starts on line 5."""


def problems_of(raw: bytes, catalogue: Catalogue) -> list[str]:
    """The problems ``parse_document`` raises for ``raw`` (fails if it loads), in English
    (the German words: tests/test_messages_language.py)."""
    with pytest.raises(ProblemsError) as info:
        parse_document(raw, NAME, catalogue, "en")
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return [str(p) for p in info.value.problems]


def load_problems(path: Path, catalogue: Catalogue) -> list[str]:
    with pytest.raises(ProblemsError) as info:
        load_document(path, catalogue, "en")
    return [str(p) for p in info.value.problems]


def warnings_of(body: str, catalogue: Catalogue) -> list[str]:
    loaded = parse_document((HEAD + body).encode(), NAME, catalogue, "en")
    assert all(not p.is_error for p in loaded.warnings)
    return [str(p) for p in loaded.warnings]


# -- files that cannot be read at all ---------------------------------------------------------

UNREADABLE = {
    "syntax error": (
        b"schema_version = 1\n\n[catalogue\nid = 1\n",
        [":3: TOML syntax error: Expected ']' at the end of a table declaration"],
    ),
    "value redefined": (
        b'schema_version = 1\ntitle = "a"\n# x\ntitle = "b"\n',
        [":4: TOML syntax error: Cannot overwrite a value"],
    ),
    "missing value at the end": (b"a = 1\r\nb = \r\n", [":2: TOML syntax error: Invalid value"]),
    "unterminated multi-line string": (
        b'a = 1\nb = """abc\n\n',
        [":4: TOML syntax error: Unterminated string"],
    ),
    "NUL in a string": (
        b'a = 1\nb = "x\x00"\n',
        [":2: TOML syntax error: Illegal character '\\x00'"],
    ),
    "invalid UTF-8": (
        b'schema_version = 1\n[catalogue]\nid = "tomwizard"\nversion = "0.1\xff"\n',
        [":4: not valid UTF-8 (byte 0xff); save the file as UTF-8"],
    ),
    "latin-1 umlaut": (
        b'a = 1\n\n[document]\ntitle = "Ma\xdfnahmen"\n',
        [":4: not valid UTF-8 (byte 0xdf); save the file as UTF-8"],
    ),
    "binary garbage": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        [":1: not valid UTF-8 (byte 0x89); save the file as UTF-8"],
    ),
    "all bytes": (bytes(range(256)), [":2: not valid UTF-8 (byte 0x80); save the file as UTF-8"]),
    "empty file": (b"", [":1: catalogue: required key 'catalogue' is missing"]),
    "only a BOM": (b"\xef\xbb\xbf", [":1: catalogue: required key 'catalogue' is missing"]),
    "deeply nested arrays": (
        b"a = " + b"[" * 5000 + b"]" * 5000,
        [": nested too deeply to be read"],
    ),
    "deeply nested inline tables": (
        b"a = " + b"{b=" * 5000 + b"}" * 5000,
        [": nested too deeply to be read"],
    ),
    "integer beyond 4300 digits": (
        b"a = " + b"9" * 5000,
        [
            ": TOML syntax error: integer out of range; TOML integers lie between "
            "-9223372036854775808 and 9223372036854775807"
        ],
    ),
    "integer beyond 64 bits": (
        HEAD.encode() + b"[categories.organisation.answers]\nx = [1, 0x" + b"f" * 4000 + b"]\n",
        [
            ":6: categories.organisation.answers.x[1]: integer out of range; TOML integers lie "
            "between -9223372036854775808 and 9223372036854775807"
        ],
    ),
}


@pytest.mark.parametrize(("raw", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_bytes(raw: bytes, expected: list[str], catalogue: Catalogue) -> None:
    assert problems_of(raw, catalogue) == [NAME + line for line in expected]


@pytest.mark.parametrize(("raw", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_files(
    raw: bytes, expected: list[str], catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(raw)
    assert load_problems(path, catalogue) == [f"{path}{line}" for line in expected]
    with pytest.raises(ProblemsError):
        DocumentFile.open(path, catalogue)


def test_directory(catalogue: Catalogue, tmp_path: Path) -> None:
    assert load_problems(tmp_path, catalogue) == [f"{tmp_path}: is a directory, not a TOML file"]


def test_missing_file(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "answers.toml"
    assert load_problems(path, catalogue) == [f"{path}: no such file"]


def test_path_below_a_file(catalogue: Catalogue, complete_file: Path) -> None:
    path = complete_file / "x.toml"
    assert load_problems(path, catalogue) == [f"{path}: cannot read file: Not a directory"]


def test_unreadable_permissions(catalogue: Catalogue, complete_file: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    complete_file.chmod(0)
    assert load_problems(complete_file, catalogue) == [
        f"{complete_file}: permission denied: cannot read this file"
    ]


def test_file_over_the_size_limit(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    padding = b"# " + b"x" * 1000 + b"\n"
    data = FIXTURE.read_bytes()
    data += padding * ((MAX_FILE_BYTES - len(data)) // len(padding) + 1)
    data = data[: MAX_FILE_BYTES + 1]
    path.write_bytes(data)
    assert load_problems(path, catalogue) == [
        f"{path}: file is larger than 8 MiB; refusing to read it"
    ]


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    limit = 2 * 1024 * 1024
    path = tmp_path / "big.toml"
    path.write_bytes(b"a = 1\n" + b" " * (limit - 6))
    assert read_toml(path, max_bytes=limit).data == {"a": 1}
    path.write_bytes(b"a = 1\n" + b" " * (limit - 5))
    with pytest.raises(ProblemsError) as info:
        read_toml(path, max_bytes=limit)
    assert str(info.value) == f"{path}: file is larger than 2 MiB; refusing to read it"


def test_bom_and_crlf_are_accepted(catalogue: Catalogue) -> None:
    raw = b"\xef\xbb\xbf" + FIXTURE.read_bytes().replace(b"\n", b"\r\n")
    loaded = parse_document(raw, NAME, catalogue)
    expected = AnswersDocument.model_validate(tomllib.loads(FIXTURE.read_text(encoding="utf-8")))
    assert loaded.document == expected
    assert loaded.warnings == ()
    assert not loaded.has_comments


# -- wrong values: errors on their line --------------------------------------------------------

ERRORS = {
    "typo in a key": (
        '[categories.zugangskontrolle.measures.mfa]\nstatsu = "implemented"\n',
        [
            "6: categories.zugangskontrolle.measures.mfa.statsu: "
            "unknown key (not part of the format; check the spelling)"
        ],
    ),
    "unknown top-level key": (
        'titel = "x"\n',
        ["5: catalogue.titel: unknown key (not part of the format; check the spelling)"],
    ),
    "string for a date": (
        '[document]\nlanguage = "de"\ndate = "2025-01-01"\n',
        [
            "7: document.date: expected a TOML date such as 2025-01-31 (without quotes), "
            "found string '2025-01-01'"
        ],
    ),
    "date-time for a date": (
        "[document]\nnext_review = 2025-01-01T10:00:00\n",
        [
            "6: document.next_review: expected a TOML date such as 2025-01-31 (without quotes), "
            "found date-time 2025-01-01 10:00:00"
        ],
    ),
    "unknown document status": (
        '[document]\nstatus = "fertig"\n',
        ["6: document.status: expected 'draft' or 'final', found 'fertig'"],
    ),
    "unknown measure status": (
        '[categories.zugangskontrolle.measures.mfa]\nstatus = "done"\n',
        [
            "6: categories.zugangskontrolle.measures.mfa.status: "
            "expected 'implemented', 'planned' or 'not_applicable', found 'done'"
        ],
    ),
    "number as a string": (
        '[categories.zugangskontrolle.answers]\nbildschirmsperre = "5"\n',
        [
            "6: categories.zugangskontrolle.answers.bildschirmsperre: "
            "expected a number, found string '5'"
        ],
    ),
    "boolean for a number": (
        "[categories.zugangskontrolle.answers]\nbildschirmsperre = true\n",
        [
            "6: categories.zugangskontrolle.answers.bildschirmsperre: "
            "expected a number, found boolean true"
        ],
    ),
    "unknown choice option": (
        '[categories.organisation.answers]\ngroesse = "riesig"\n',
        [
            "6: categories.organisation.answers.groesse: "
            "unknown option 'riesig'; expected one of: bis10, bis50, ueber50"
        ],
    ),
    "multichoice not a list": (
        '[categories.organisation.answers]\nstandorte = "buero"\n',
        [
            "6: categories.organisation.answers.standorte: "
            "expected an array of option ids, found string 'buero'"
        ],
    ),
    "multichoice with an unknown option": (
        '[categories.organisation.answers]\nstandorte = [\n  "buero",\n  "keller",\n]\n',
        [
            "6: categories.organisation.answers.standorte: unknown option 'keller'; "
            "expected one of: buero, homeoffice, serverraum, rechenzentrum, cloud"
        ],
    ),
    "multichoice with a repeated option": (
        '[categories.organisation.answers]\nstandorte = ["buero", "buero"]\n',
        ["6: categories.organisation.answers.standorte: an option is listed twice"],
    ),
    "bool as a string": (
        '[categories.organisation.answers]\nzertifiziert = "ja"\n',
        [
            "6: categories.organisation.answers.zertifiziert: "
            "expected true or false, found string 'ja'"
        ],
    ),
    "text as a number": (
        "[categories.organisation.answers]\nbeschreibung = 3\n",
        [
            "6: categories.organisation.answers.beschreibung: "
            "expected a string in quotes, found integer 3"
        ],
    ),
    "date question as a string": (
        '[categories.ueberpruefung.answers]\nletzte_pruefung = "gestern"\n',
        [
            "6: categories.ueberpruefung.answers.letzte_pruefung: "
            "expected a date such as 2025-01-31 (without quotes), found string 'gestern'"
        ],
    ),
    "number above the maximum": (
        "[categories.zugangskontrolle.answers]\nbildschirmsperre = 500\n",
        ["6: categories.zugangskontrolle.answers.bildschirmsperre: 500 is above the maximum 120"],
    ),
    "number below the minimum": (
        "[categories.zugangskontrolle.answers]\nbildschirmsperre = 0\n",
        ["6: categories.zugangskontrolle.answers.bildschirmsperre: 0 is below the minimum 1"],
    ),
    "parameter below the minimum": (
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "implemented"\nparameters = { mindestlaenge = 4 }\n',
        [
            "7: categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge: "
            "4 is below the minimum 6"
        ],
    ),
    "integer parameter given a fraction": (
        "[categories.zugangskontrolle.measures.sperre.parameters]\nversuche = 12.5\n",
        [
            "6: categories.zugangskontrolle.measures.sperre.parameters.versuche: "
            "expected a whole number, found 12.5"
        ],
    ),
    "integer parameter given nan": (
        "[categories.verfuegbarkeitskontrolle.measures.backup.parameters]\naufbewahrung = nan\n",
        [
            "6: categories.verfuegbarkeitskontrolle.measures.backup.parameters.aufbewahrung: "
            "expected a whole number, found nan"
        ],
    ),
    "choice parameter with an unknown option": (
        '[categories.zugangskontrolle.measures.mfa.parameters]\nbereich = "gaeste"\n',
        [
            "6: categories.zugangskontrolle.measures.mfa.parameters.bereich: "
            "unknown option 'gaeste'; expected one of: admin, alle"
        ],
    ),
    "table cell with a wrong type": (
        "[categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1]\n"
        'betreiber = "Hoster"\nstandort = "Berlin"\ngueltig_bis = "2027-06-30"\n',
        [
            "8: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1.gueltig_bis: "
            "expected a date such as 2025-01-31 (without quotes), found string '2027-06-30'"
        ],
    ),
    "table cell with a number for text": (
        "[categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1]\n"
        'betreiber = 42\nstandort = "Berlin"\n',
        [
            "6: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1.betreiber: "
            "expected a string in quotes, found integer 42"
        ],
    ),
    "table that is not a table": (
        "[categories.verfuegbarkeitskontrolle.answers]\nrechenzentren = 3\n",
        [
            "6: categories.verfuegbarkeitskontrolle.answers.rechenzentren: "
            "expected a table of rows, found integer 3"
        ],
    ),
    "table row that is not a table": (
        '[categories.verfuegbarkeitskontrolle.answers.rechenzentren]\nrz1 = "x"\n',
        [
            "6: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1: "
            "a row must be a table, found string"
        ],
    ),
    "checklist answered like a question": (
        "[categories.zugangskontrolle.answers]\nmassnahmen = true\n",
        [
            "6: categories.zugangskontrolle.answers.massnahmen: 'massnahmen' is a checklist: "
            "record its measures under [categories.zugangskontrolle.measures.<measure id>]"
        ],
    ),
    "custom measure without a label": (
        '[categories.zugangskontrolle.custom.tresor]\nstatus = "implemented"\n',
        ["5: categories.zugangskontrolle.custom.tresor.label: required key 'label' is missing"],
    ),
    "custom measure with an empty label": (
        '[categories.zugangskontrolle.custom.tresor]\nlabel = ""\n',
        ["6: categories.zugangskontrolle.custom.tresor.label: must not be empty"],
    ),
    "custom measure under a question that is no checklist": (
        '[categories.zugangskontrolle.custom.tresor]\nlabel = "Tresor"\n'
        'question = "bildschirmsperre"\n',
        [
            "7: categories.zugangskontrolle.custom.tresor.question: "
            "'zugangskontrolle' has no checklist 'bildschirmsperre'"
        ],
    ),
    "invalid category id": (
        '[categories."Zugang skontrolle"]\nnote = "x"\n',
        [
            "5: categories.\"Zugang skontrolle\": 'Zugang skontrolle' is not a valid id: "
            "use letters, digits, '_' and '-' only (at most 64)"
        ],
    ),
    "invalid parameter id": (
        "[categories.zugangskontrolle.measures.mfa]\n"
        'parameters = { bereich = "admin", "neue Option" = 1 }\n',
        [
            '6: categories.zugangskontrolle.measures.mfa.parameters."neue Option": '
            "'neue Option' is not a valid id: use letters, digits, '_' and '-' only (at most 64)"
        ],
    ),
    "history entry with a wrong date": (
        '[history."1.0"]\ndate = "März"\n',
        [
            '6: history."1.0".date: expected a TOML date such as 2025-01-31 (without quotes), '
            "found string 'März'"
        ],
    ),
}
ERRORS = {name: (HEAD + body, expected) for name, (body, expected) in ERRORS.items()}
ERRORS["schema version zero"] = (
    HEAD.replace("schema_version = 1", "schema_version = 0"),
    ["1: schema_version: expected 1, found 0"],
)
ERRORS["catalogue not a table"] = (
    'schema_version = 1\ncatalogue = "tomwizard"\n',
    ["2: catalogue: expected a table, found string 'tomwizard'"],
)


@pytest.mark.parametrize(("text", "expected"), ERRORS.values(), ids=ERRORS.keys())
def test_errors_point_at_their_line(text: str, expected: list[str], catalogue: Catalogue) -> None:
    assert problems_of(text.encode(), catalogue) == [f"{NAME}:{line}" for line in expected]


def test_every_error_is_reported_in_file_order(catalogue: Catalogue) -> None:
    body = (
        "[categories.organisation.answers]\n"  # 5
        'groesse = "riesig"\n'  # 6
        'zertifiziert = "ja"\n'  # 7
        "[categories.zugangskontrolle.answers]\n"  # 8
        "bildschirmsperre = 500\n"  # 9
        "[categories.zugangskontrolle.measures.mfa]\n"  # 10
        'status = "planned"\n'  # 11: only a warning, not listed among the errors
        "[categories.sonstiges]\n"  # 12: a warning as well
    )
    problems = problems_of((HEAD + body).encode(), catalogue)
    assert problems == [
        f"{NAME}:6: categories.organisation.answers.groesse: unknown option 'riesig'; "
        "expected one of: bis10, bis50, ueber50",
        f"{NAME}:7: categories.organisation.answers.zertifiziert: expected true or false, "
        "found string 'ja'",
        f"{NAME}:9: categories.zugangskontrolle.answers.bildschirmsperre: "
        "500 is above the maximum 120",
        f"{NAME}:11: categories.zugangskontrolle.measures.mfa.status: "
        "warning: planned measure without target_date",
        f"{NAME}:12: categories.sonstiges: warning: unknown category; its answers are kept",
    ]


def test_structure_errors_come_before_catalogue_checks(catalogue: Catalogue) -> None:
    """A file whose structure is wrong is not checked against the catalogue at all."""
    body = '[categories.organisation.answers]\ngroesse = "riesig"\n[document]\nstatus = 1\n'
    assert problems_of((HEAD + body).encode(), catalogue) == [
        f"{NAME}:8: document.status: expected 'draft' or 'final', found 1"
    ]


def test_errors_through_load_document_name_the_path(
    catalogue: Catalogue, complete_file: Path
) -> None:
    text = complete_file.read_text(encoding="utf-8")
    line = text.splitlines().index("bildschirmsperre = 5") + 1
    complete_file.write_text(text.replace("bildschirmsperre = 5", "bildschirmsperre = 5.5"))
    assert load_problems(complete_file, catalogue) == [
        f"{complete_file}:{line}: categories.zugangskontrolle.answers.bildschirmsperre: "
        "expected a whole number, found 5.5"
    ]


def test_newer_schema_version(catalogue: Catalogue) -> None:
    raw = FIXTURE.read_bytes().replace(b"schema_version = 1", b"schema_version = 2")
    assert problems_of(raw + b"\n[future]\nx = 1\n", catalogue) == [
        f"{NAME}:1: schema_version: written by a newer tomwizard (format 2); "
        "this version reads format 1. Please update tomwizard."
    ]


def test_non_integer_schema_version(catalogue: Catalogue) -> None:
    raw = HEAD.replace("schema_version = 1", 'schema_version = "2"').encode()
    assert problems_of(raw, catalogue) == [f"{NAME}:1: schema_version: expected 1, found '2'"]


# -- unknown ids: warnings, and kept -----------------------------------------------------------

WARNINGS = {
    "category": (
        '[categories.sonstiges]\nnote = "eigene Kategorie"\n',
        ["5: categories.sonstiges: warning: unknown category; its answers are kept"],
    ),
    "question": (
        "[categories.organisation.answers]\nmitarbeiter = 12\n",
        [
            "6: categories.organisation.answers.mitarbeiter: "
            "warning: unknown question; the answer is kept"
        ],
    ),
    "measure": (
        '[categories.zugangskontrolle.measures.biometrie]\nstatus = "implemented"\n',
        ["5: categories.zugangskontrolle.measures.biometrie: warning: unknown measure; it is kept"],
    ),
    "parameter": (
        "[categories.zugangskontrolle.measures.mfa]\n"
        'status = "implemented"\nparameters = { bereich = "alle", methode = "totp" }\n',
        [
            "7: categories.zugangskontrolle.measures.mfa.parameters.methode: "
            "warning: unknown parameter; it is kept"
        ],
    ),
    "column": (
        "[categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1]\n"
        'betreiber = "Hoster"\nstandort = "Berlin"\ntier = 3\n',
        [
            "8: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1.tier: "
            "warning: unknown column; the value is kept"
        ],
    ),
    "nan in an unknown question": (
        "[categories.organisation.answers]\nquote = nan\n",
        ["6: categories.organisation.answers.quote: warning: unknown question; the answer is kept"],
    ),
    "catalogue": (
        None,
        [
            "3: catalogue.id: warning: answers were written for catalogue 'eigener', "
            "but 'tomwizard' is loaded"
        ],
    ),
}


@pytest.mark.parametrize(("body", "expected"), WARNINGS.values(), ids=WARNINGS.keys())
def test_unknown_ids_are_warnings_and_survive_a_save(
    body: str | None, expected: list[str], catalogue: Catalogue, tmp_path: Path
) -> None:
    text = HEAD.replace('id = "tomwizard"', 'id = "eigener"') if body is None else HEAD + body
    path = tmp_path / "answers.toml"
    path.write_text(text, encoding="utf-8")
    handle, loaded = DocumentFile.open(path, catalogue, "en")
    assert [str(p) for p in loaded.warnings] == [f"{path}:{line}" for line in expected]
    assert all(p.severity == "warning" for p in loaded.warnings)
    handle.save(loaded.document, catalogue)
    assert _subset(tomllib.loads(text), tomllib.loads(path.read_text(encoding="utf-8")))
    again = load_document(path, catalogue, "en")
    assert [(p.key, p.message, p.severity) for p in again.warnings] == [
        (p.key, p.message, p.severity) for p in loaded.warnings
    ]


def _subset(small: object, big: object) -> bool:
    """Every value of ``small`` is in ``big`` (nan matches nan)."""
    if isinstance(small, dict):
        return isinstance(big, dict) and all(
            k in big and _subset(v, big[k]) for k, v in small.items()
        )
    if isinstance(small, float) and small != small:
        return isinstance(big, float) and big != big
    return small == big and type(small) is type(big)


def test_unknown_values_keep_their_order_after_known_ones(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    body = (
        "[categories.zzz]\n"
        "[categories.organisation.answers]\n"
        "zweite = 2\n"
        "erste = 1\n"
        'groesse = "bis10"\n'
    )
    path = tmp_path / "answers.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    handle, loaded = DocumentFile.open(path, catalogue)
    handle.save(loaded.document, catalogue)
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        '[categories.organisation.answers]\ngroesse = "bis10"\nzweite = 2\nerste = 1\n\n'
        "[categories.zzz]\n"
    )


def test_planned_and_not_applicable_without_details_are_warnings(catalogue: Catalogue) -> None:
    body = (
        "[categories.zugangskontrolle.measures.mfa]\n"  # 5
        'status = "planned"\n'  # 6
        "[categories.zugangskontrolle.measures.sperre]\n"  # 7
        'status = "not_applicable"\n'  # 8
        'reason = "   "\n'  # 9
        "[categories.zugangskontrolle.custom.tresor]\n"  # 10
        'label = "Tresor"\n'  # 11
        'status = "planned"\n'  # 12
        "target_date = 2026-01-01\n"  # 13
    )
    assert warnings_of(body, catalogue) == [
        f"{NAME}:6: categories.zugangskontrolle.measures.mfa.status: "
        "warning: planned measure without target_date",
        f"{NAME}:8: categories.zugangskontrolle.measures.sperre.status: "
        "warning: not_applicable without a reason",
    ]


def test_empty_required_columns_are_warnings(catalogue: Catalogue) -> None:
    """Without a language asked for, the document's (German) words and labels."""
    body = '[categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1]\nbetreiber = " "\n'
    loaded = parse_document((HEAD + body).encode(), NAME, catalogue)
    assert [str(p) for p in loaded.warnings] == [
        f"{NAME}:5: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1: "
        "warning: In welchen Rechenzentren werden die Daten gespeichert? (rz1): „Betreiber“ fehlt",
        f"{NAME}:5: categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1: "
        "warning: In welchen Rechenzentren werden die Daten gespeichert? (rz1): „Standort“ fehlt",
    ]


def test_complete_fixture_has_no_problems(catalogue: Catalogue, complete_file: Path) -> None:
    loaded = load_document(complete_file, catalogue)
    assert loaded.warnings == ()
    assert check_document(loaded.document, catalogue) == []


def test_check_without_source_has_no_lines(catalogue: Catalogue) -> None:
    document = new_document(catalogue).model_copy(
        update={"categories": {"organisation": CategoryAnswers(answers={"groesse": 3})}}
    )
    assert [str(p) for p in check_document(document, catalogue, name="mem", lang="en")] == [
        "mem: categories.organisation.answers.groesse: unknown option 3; "
        "expected one of: bis10, bis50, ueber50"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2.5, None),
        (float("nan"), "expected a finite number, found nan"),
        (float("inf"), "expected a finite number, found inf"),
        (-1, "-1 is below the minimum 0"),
        (True, "expected a number, found boolean true"),
        ("1", "expected a number, found string '1'"),
    ],
)
def test_fractional_number_parameter(value: object, message: str | None) -> None:
    """Numbers that may have fractions still have to be finite (nan passes every range check)."""
    spec = Parameter(id="faktor", type="number", label=Text(de="F", en="F"), min=0)
    assert value_problem(spec, value, "en") == message


# -- visibility and progress ------------------------------------------------------------------


def _fixture_with(old: str, new: str) -> bytes:
    raw = FIXTURE.read_bytes()
    assert old.encode() in raw
    return raw.replace(old.encode(), new.encode())


STANDORTE = 'standorte = [\n    "buero",\n    "homeoffice",\n    "rechenzentrum",\n]'


def test_answers_of_hidden_questions_are_kept_but_not_counted(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(_fixture_with(STANDORTE, 'standorte = [\n    "buero",\n]'))
    handle, loaded = DocumentFile.open(path, catalogue)
    assert loaded.warnings == ()
    rows = loaded.document.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"]
    assert rows["rz1"]["betreiber"] == "Beispiel Hosting GmbH"
    category = catalogue.category("verfuegbarkeitskontrolle")
    assert category is not None
    question = catalogue.question("verfuegbarkeitskontrolle", "rechenzentren")
    assert question is not None
    assert not Visibility(loaded.document, catalogue).question(category, question)
    report = {p.category_id: p for p in progress(loaded.document, catalogue)}
    assert report["verfuegbarkeitskontrolle"] == CategoryProgress(
        "verfuegbarkeitskontrolle", True, 1, 1, 1, 1, ()
    )
    handle.save(loaded.document, catalogue)
    assert b"[categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1]\n" in path.read_bytes()
    assert load_document(path, catalogue).document == loaded.document


def test_hidden_measure_answers_are_kept(catalogue: Catalogue) -> None:
    """usv is shown only with a server room; its answer stays and still marks the checklist."""
    raw = FIXTURE.read_bytes() + (
        b'\n[categories.verfuegbarkeitskontrolle.measures.usv]\nstatus = "implemented"\n'
    )
    loaded = parse_document(raw, NAME, catalogue)
    assert loaded.document.categories["verfuegbarkeitskontrolle"].measures["usv"].status == (
        "implemented"
    )
    category = catalogue.category("verfuegbarkeitskontrolle")
    assert category is not None
    checklist = catalogue.question("verfuegbarkeitskontrolle", "massnahmen")
    assert checklist is not None
    usv = catalogue.measure("verfuegbarkeitskontrolle", "usv")
    assert usv is not None
    assert not Visibility(loaded.document, catalogue).measure(category, checklist, usv)


def test_progress_of_complete_fixture(catalogue: Catalogue, complete_file: Path) -> None:
    document = load_document(complete_file, catalogue).document
    assert progress(document, catalogue) == [
        CategoryProgress("organisation", True, 4, 4, 1, 1, ()),
        CategoryProgress("zutrittskontrolle", True, 1, 1, 1, 1, ()),
        CategoryProgress("zugangskontrolle", True, 2, 2, 1, 1, ()),
        CategoryProgress("verfuegbarkeitskontrolle", True, 2, 2, 1, 1, ()),
        CategoryProgress("ueberpruefung", True, 2, 2, 1, 1, ()),
    ]
    assert all(p.complete for p in progress(document, catalogue))


def test_progress_of_empty_document(catalogue: Catalogue) -> None:
    report = progress(new_document(catalogue), catalogue)
    assert report == [
        CategoryProgress("organisation", True, 0, 4, 0, 1, ("standorte",)),
        CategoryProgress("zutrittskontrolle", False, 0, 0, 0, 0, ()),
        CategoryProgress("zugangskontrolle", True, 0, 2, 0, 1, ("massnahmen",)),
        CategoryProgress("verfuegbarkeitskontrolle", True, 0, 1, 0, 1, ("massnahmen",)),
        CategoryProgress("ueberpruefung", True, 0, 1, 0, 1, ("letzte_pruefung",)),
    ]
    assert [p.complete for p in report] == [False, True, False, False, False]


def test_category_whose_condition_fails_does_not_apply(catalogue: Catalogue) -> None:
    raw = _fixture_with(STANDORTE, 'standorte = ["homeoffice", "cloud"]')
    document = parse_document(raw, NAME, catalogue).document
    category = catalogue.category("zutrittskontrolle")
    assert category is not None
    assert not Visibility(document, catalogue).category(category)
    report = {p.category_id: p for p in progress(document, catalogue)}
    assert report["zutrittskontrolle"] == CategoryProgress(
        "zutrittskontrolle", False, 0, 0, 0, 0, ()
    )
    # cloud keeps the data-centre table shown
    assert report["verfuegbarkeitskontrolle"] == CategoryProgress(
        "verfuegbarkeitskontrolle", True, 2, 2, 1, 1, ()
    )
    # the measures of the excluded category are still in the document
    assert set(document.categories["zutrittskontrolle"].measures) == {
        "schliesssystem",
        "besucherregelung",
        "alarmanlage",
        "serverraum_gesichert",
    }


def test_checklist_answered_by_custom_measure_only(catalogue: Catalogue) -> None:
    document = new_document(catalogue).model_copy(
        update={
            "catalogue": CatalogueRef(id="tomwizard", version="0.1.0"),
            "categories": {
                "zugangskontrolle": CategoryAnswers.model_validate(
                    {"custom": {"tresor": {"label": "Tresor", "status": "implemented"}}}
                )
            },
        }
    )
    report = {p.category_id: p for p in progress(document, catalogue)}
    assert report["zugangskontrolle"] == CategoryProgress("zugangskontrolle", True, 1, 2, 1, 1, ())


def test_dependent_question_appears_when_answered(catalogue: Catalogue) -> None:
    body = "[categories.ueberpruefung.answers]\nletzte_pruefung = 2025-01-01\n"
    document = parse_document((HEAD + body).encode(), NAME, catalogue).document
    report = {p.category_id: p for p in progress(document, catalogue)}
    assert report["ueberpruefung"] == CategoryProgress("ueberpruefung", True, 1, 2, 1, 1, ())


def test_boolean_schema_version(catalogue: Catalogue) -> None:
    raw = HEAD.replace("schema_version = 1", "schema_version = true").encode()
    assert problems_of(raw, catalogue) == [
        f"{NAME}:1: schema_version: expected the format version 1, found true"
    ]


def test_ticked_measure_without_its_required_parameter_is_a_warning(catalogue: Catalogue) -> None:
    body = (
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "implemented"\n'
        "[categories.zugangskontrolle.measures.sperre]\n"
        'status = "not_applicable"\nreason = "Kein Passwort-Login"\n'
    )
    loaded = parse_document((HEAD + body).encode(), NAME, catalogue)
    assert [str(w) for w in loaded.warnings] == [
        f"{NAME}:5: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: "
        "warning: Passwortrichtlinie: „Mindestlänge“ fehlt"
    ]


def test_missing_required_values_are_named_by_label_in_the_document_language(
    catalogue: Catalogue,
) -> None:
    """The key path stays (it is what people grep); the message names labels, not ids."""
    body = (
        '[document]\nlanguage = "en"\n'
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "implemented"\n'
    )
    loaded = parse_document((HEAD + body).encode(), NAME, catalogue)
    assert [str(w) for w in loaded.warnings] == [
        f"{NAME}:7: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: "
        "warning: Password policy: 'Minimum length' has no value"
    ]
    missing = [str(p) for p in missing_required(loaded.document, catalogue, loaded.source)]
    assert (
        f"{NAME}:7: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: "
        + ("Password policy: 'Minimum length' has no value")
        in missing
    )
    assert not any(
        "mindestlaenge" in line.partition(": ")[2].partition(": ")[2] for line in missing
    )
    assert any(line.endswith("has no answer") for line in missing)


def test_missing_required_values_are_named_in_the_language_asked_for(
    catalogue: Catalogue,
) -> None:
    """The commands pass the reader's (interface) language; an English document then gets
    German messages for a German reader."""
    body = (
        '[document]\nlanguage = "en"\n'
        "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
        'status = "implemented"\n'
    )
    document = parse_document((HEAD + body).encode(), NAME, catalogue).document
    wanted = "Passwortrichtlinie: „Mindestlänge“ fehlt"
    assert wanted in [p.message for p in missing_required(document, catalogue, lang="de")]
    assert wanted in [p.message for p in check_document(document, catalogue, lang="de")]
    assert wanted not in [p.message for p in check_document(document, catalogue)]


def test_progress_counts_a_missing_required_parameter(catalogue: Catalogue) -> None:
    """The sidebar's ``!`` and the review use progress(): a category whose only gap is a
    required parameter is not complete."""
    document = new_document(catalogue)
    document.categories["zugangskontrolle"] = CategoryAnswers.model_validate(
        {"measures": {"passwortrichtlinie": {"status": "implemented"}}}
    )
    row = next(r for r in progress(document, catalogue) if r.category_id == "zugangskontrolle")
    assert row.missing == ()
    assert row.missing_parameters == (("massnahmen", "passwortrichtlinie", "mindestlaenge"),)
    assert not row.complete
