"""What validate, the other commands and the wizard's problems screen say about an answers file
is in the reader's language (``--lang``, else the interface language; the suite's is German),
never English sentences around German labels: every message table has both languages with the
same placeholders, German with its umlauts; validate's lines for every kind of mistake in German
and, with ``--lang en``, in English; the severity words localized in text lines only (the
machine formats keep their ids); the problems screen in either interface language."""

from __future__ import annotations

import importlib
import re
import string
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Static

from tomwizard import config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.config import Settings
from tomwizard.locations import shipped_questions_dir
from tomwizard.problems import Problem
from tomwizard.report.finding import Finding
from tomwizard.report.render import render
from tomwizard.tomlread.words import syntax_error
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.wording import TABLES

MODULES = (
    "tomwizard.problems",
    "tomwizard.tomlread.words",
    "tomwizard.tomlread.guard",
    "tomwizard.tomlread.validation_words",
    "tomwizard.answers.check",
    "tomwizard.answers.value_check",
    "tomwizard.answers.migrate_words",
    "tomwizard.answers.english",
    "tomwizard.disk.storage",
    "tomwizard.commands.validate",
    "tomwizard.locations",
    "tomwizard.export.words",
    "tomwizard.export.pdf",
    "tomwizard.commands.export_words",
    "tomwizard.commands.diff",
    "tomwizard.commands.merge",
    "tomwizard.changes.notice_docx",
    "tomwizard.commands.template",
)
"""Every module with a message table (each registers it in :data:`TABLES` when imported)."""
HEAD = '[catalogue]\nid = "tomwizard"\nversion = "0.1.0"\n'
"""Three lines of the minimal catalogue's documents; a body appended starts on line 4."""
TRANSLITERATED = re.compile(
    r"fuer|ueber|pruef|gueltig|schluessel|moeglich|groess|hoechst|waehl|aender|fuehr|heisst"
    r"|massnahme|muess|koenn|geraet|gewoehnlich|anfuehrung|ausserhalb|ungueltig|haengt",
    re.IGNORECASE,
)
"""German words spelt without their umlauts or ß, as a keyboard without them would."""
ENGLISH_WORDS = {
    "the", "is", "a", "an", "of", "or", "and", "not", "with", "without", "expected", "found",
    "unknown", "missing", "warning", "notice", "file", "value", "key", "invalid", "valid",
}  # fmt: skip
"""Words a German sentence never has outside its placeholders and quoted TOML ids."""


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    for name in MODULES:
        importlib.import_module(name)
    return {table.name: table.texts for table in TABLES}


def _fields(template: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _prose(template: str) -> list[str]:
    """The words of a template outside its placeholders, quotes, TOML keys and dotted keys."""
    text = re.sub(r"\{[^}]*\}|'[^']*'|\[[^\]]*\]|\b\w+_\w+\b|\w+(?:\.\w+)+", " ", template)
    return re.findall(r"[^\W\d_]+", text)


# -- the message tables ------------------------------------------------------------------------


def test_every_module_registers_its_table() -> None:
    assert set(_tables()) >= {
        "problems",
        "tomlfile",
        "tomlguard",
        "validation",
        "answers.check",
        "answers.values",
        "answers.migrate",
        "answers.english",
        "storage",
        "validate",
        "locations",
        "export.output",
        "export.template",
        "export.package",
        "export.check",
        "export.pdf",
        "export",
        "diff",
        "merge",
        "changes.notice",
        "template",
    }


@pytest.mark.parametrize("table", sorted(_tables()))
def test_every_template_exists_in_both_languages_with_the_same_placeholders(table: str) -> None:
    for key, (german, english) in _tables()[table].items():
        where = f"{table}: {key}"
        assert german.strip() and english.strip(), where
        assert _fields(german) == _fields(english), where
        values = {name: "X" for name in _fields(english)}
        assert german.format(**values) and english.format(**values), where
        assert german != english or key in {"kind.array"}, f"{where}: not translated"


@pytest.mark.parametrize("table", sorted(_tables()))
def test_german_templates_are_german_with_umlauts(table: str) -> None:
    for key, (german, _) in _tables()[table].items():
        where = f"{table}: {key}: {german!r}"
        assert not TRANSLITERATED.search(german), where
        assert not {w.lower() for w in _prose(german)} & ENGLISH_WORDS, where


def test_german_has_its_umlauts_at_all() -> None:
    german = " ".join(de for texts in _tables().values() for de, _ in texts.values())
    assert {"ä", "ö", "ü", "ß", "„", "“"} <= set(german)


@pytest.mark.parametrize(
    "text",
    [
        "[a\n",
        "[[a\n",
        "a = 1\na = 2\n",
        "a = \n",
        'a = "x\n',
        "a = [1, 2\n",
        "a = { b = 1\n",
        "a = { b = 1, b = 2 }\n",
        "a = 1 b = 2\n",
        "= 1\n",
        "a = 2025-13-45\n",
        'a = "\\q"\n',
        'a = "\\uD800"\n',
        "a = 1\n[a]\n",
        "a = [1]\n[[a]]\n",
        "[a]\n[a]\n",
        "a = { b = 1 }\n[a.c]\n",
        "a = \x01\n",
    ],
)
def test_tomllib_messages_are_translated(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads(text)
    detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(info.value))
    german = syntax_error(detail, "de")
    assert german.startswith("TOML-Syntaxfehler: ")
    assert german != f"TOML-Syntaxfehler: {detail}", f"{detail!r} is not translated"
    assert syntax_error(detail, "en") == f"TOML syntax error: {detail}"


# -- severity words: localized for people, ids for programs -----------------------------------


def test_problem_lines_have_their_severity_word_in_the_reader_language() -> None:
    warning = Problem("a.toml", 3, "x.y", "Text", "warning")
    notice = Problem("a.toml", None, "", "Text", "notice")
    error = Problem("a.toml", 3, "", "Text")
    assert warning.text("de") == "a.toml:3: x.y: Warnung: Text"
    assert warning.text("en") == str(warning) == "a.toml:3: x.y: warning: Text"
    assert notice.text("de") == "a.toml: Hinweis: Text"
    assert error.text("de") == error.text("en") == "a.toml:3: Text"
    findings = [Finding.from_problem(p) for p in (warning, notice)]
    assert render(findings, "text", "1", lang="de").splitlines() == [
        warning.text("de"),
        notice.text("de"),
    ]
    machine = render(findings, "json", "1") + render(findings, "github", "1")
    assert "Warnung" not in machine and "Hinweis" not in machine
    assert '"severity": "warning"' in machine and "::notice " in machine


# -- validate, in German and English -----------------------------------------------------------

FILES: dict[str, str] = {
    "structure": HEAD + '\n[document]\nstatus = "entwurf"\ndate = "2025-01-31"\nverison = "1.0"\n'
    "review_interval_months = 0\n\n"
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "umgesetzt"\n\n'
    '[categories.zugangskontrolle.custom.tresor]\nlabel = ""\n\n'
    '[silenced.Bad_Id]\nreason = "x"\n',
    "values": HEAD + '\n[providers.processor]\nname = "Wir"\n\n'
    "[categories.organisation.answers]\n"
    'groesse = "bis100"\nzertifiziert = "ja"\nstandorte = ["buero", "buero"]\n\n'
    '[categories.zugangskontrolle.answers]\nbildschirmsperre = "5"\nmassnahmen = true\n\n'
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "implemented"\nprovided_by = "niemand"\nparameters = { mindestlaenge = 2 }\n\n'
    "[categories.zugangskontrolle.measures.mfa]\n"
    'status = "implemented"\nparameters = { bereich = "keiner" }\n\n'
    '[categories.verfuegbarkeitskontrolle.answers]\nrechenzentren = "rz1"\n',
    "warnings": HEAD + "\n[categories.sonstiges.answers]\nx = 1\n\n"
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "planned"\nparameters = { farbe = "blau" }\n\n'
    '[categories.zugangskontrolle.measures.biometrie]\nstatus = "implemented"\n\n'
    '[categories.zugangskontrolle.measures.mfa]\nstatus = "not_applicable"\n',
    "newer": "schema_version = 2\n" + HEAD,
    "format": "schema_version = true\n" + HEAD,
    "syntax": HEAD + "\n[document\n",
}

GERMAN: dict[str, list[str]] = {
    "structure": [
        "{f}:6: document.status: erwartet 'draft' oder 'final', gefunden: 'entwurf'",
        "{f}:7: document.date: erwartet ein TOML-Datum wie 2025-01-31 (ohne Anführungszeichen), "
        "gefunden: Zeichenkette '2025-01-31'",
        "{f}:8: document.verison: unbekannter Schlüssel (nicht Teil des Formats; Schreibweise "
        "prüfen)",
        "{f}:9: document.review_interval_months: erwartet mindestens 1, gefunden: 0",
        "{f}:12: categories.zugangskontrolle.measures.passwortrichtlinie.status: erwartet "
        "'implemented', 'planned' oder 'not_applicable', gefunden: 'umgesetzt'",
        "{f}:15: categories.zugangskontrolle.custom.tresor.label: darf nicht leer sein",
        "{f}:17: silenced.Bad_Id: 'Bad_Id' ist keine gültige id: nur Kleinbuchstaben, Ziffern, "
        "'_' und '-' verwenden, am Anfang ein Buchstabe oder eine Ziffer",
        "{f}: ungültig (7 Fehler)",
    ],
    "values": [
        "{f}:5: providers.processor: 'processor' ist der Vertragspartei vorbehalten; eine andere "
        "id wählen",
        "{f}:9: categories.organisation.answers.groesse: unbekannte Option 'bis100'; erwartet "
        "wird eine von: bis10, bis50, ueber50",
        "{f}:10: categories.organisation.answers.zertifiziert: erwartet true oder false, "
        "gefunden: Zeichenkette 'ja'",
        "{f}:11: categories.organisation.answers.standorte: eine Option ist doppelt aufgeführt",
        "{f}:14: categories.zugangskontrolle.answers.bildschirmsperre: erwartet eine Zahl, "
        "gefunden: Zeichenkette '5'",
        "{f}:15: categories.zugangskontrolle.answers.massnahmen: 'massnahmen' ist eine "
        "Checkliste: ihre Maßnahmen unter [categories.zugangskontrolle.measures.<id der "
        "Maßnahme>] eintragen",
        "{f}:19: categories.zugangskontrolle.measures.passwortrichtlinie.provided_by: kein "
        "Dienstleister 'niemand' in [providers]; bekannt: controller, processor",
        "{f}:20: categories.zugangskontrolle.measures.passwortrichtlinie.parameters."
        "mindestlaenge: 2 liegt unter dem Minimum 6",
        "{f}:24: categories.zugangskontrolle.measures.mfa.parameters.bereich: unbekannte Option "
        "'keiner'; erwartet wird eine von: admin, alle",
        "{f}:27: categories.verfuegbarkeitskontrolle.answers.rechenzentren: erwartet eine "
        "Tabelle von Zeilen, gefunden: Zeichenkette 'rz1'",
        "{f}: ungültig (10 Fehler)",
    ],
    "warnings": [
        "{f}:5: categories.sonstiges: Warnung: unbekannte Kategorie; ihre Antworten bleiben "
        "erhalten",
        "{f}:9: categories.zugangskontrolle.measures.passwortrichtlinie.status: Warnung: "
        "geplante Maßnahme ohne target_date (Zieltermin)",
        "{f}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters.farbe: "
        "Warnung: unbekannter Parameter; er bleibt erhalten",
        "{f}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: Warnung: "
        "Passwortrichtlinie: „Mindestlänge“ fehlt",
        "{f}:12: categories.zugangskontrolle.measures.biometrie: Warnung: unbekannte Maßnahme; "
        "sie bleibt erhalten",
        "{f}:16: categories.zugangskontrolle.measures.mfa.status: Warnung: not_applicable "
        "(entfällt) ohne reason (Begründung)",
    ],
    "newer": [
        "{f}:1: schema_version: von einem neueren tomwizard geschrieben (Format 2); diese "
        "Version liest Format 1. Bitte tomwizard aktualisieren.",
        "{f}: ungültig (1 Fehler)",
    ],
    "format": [
        "{f}:1: schema_version: erwartet die Formatversion 1, gefunden: true",
        "{f}: ungültig (1 Fehler)",
    ],
    "syntax": [
        "{f}:5: TOML-Syntaxfehler: ']' am Ende der Tabellenüberschrift erwartet",
        "{f}: ungültig (1 Fehler)",
    ],
}

ENGLISH: dict[str, list[str]] = {
    "structure": [
        "{f}:6: document.status: expected 'draft' or 'final', found 'entwurf'",
        "{f}:7: document.date: expected a TOML date such as 2025-01-31 (without quotes), "
        "found string '2025-01-31'",
        "{f}:8: document.verison: unknown key (not part of the format; check the spelling)",
        "{f}:9: document.review_interval_months: expected at least 1, found 0",
        "{f}:12: categories.zugangskontrolle.measures.passwortrichtlinie.status: expected "
        "'implemented', 'planned' or 'not_applicable', found 'umgesetzt'",
        "{f}:15: categories.zugangskontrolle.custom.tresor.label: must not be empty",
        "{f}:17: silenced.Bad_Id: 'Bad_Id' is not a valid id: use lower-case letters, digits, "
        "'_' and '-', starting with a letter or digit",
        "{f}: invalid (7 errors)",
    ],
    "values": [
        "{f}:5: providers.processor: 'processor' is reserved for the party of the contract; "
        "choose another id",
        "{f}:9: categories.organisation.answers.groesse: unknown option 'bis100'; expected one "
        "of: bis10, bis50, ueber50",
        "{f}:10: categories.organisation.answers.zertifiziert: expected true or false, found "
        "string 'ja'",
        "{f}:11: categories.organisation.answers.standorte: an option is listed twice",
        "{f}:14: categories.zugangskontrolle.answers.bildschirmsperre: expected a number, found "
        "string '5'",
        "{f}:15: categories.zugangskontrolle.answers.massnahmen: 'massnahmen' is a checklist: "
        "record its measures under [categories.zugangskontrolle.measures.<measure id>]",
        "{f}:19: categories.zugangskontrolle.measures.passwortrichtlinie.provided_by: no "
        "provider 'niemand' in [providers]; known: controller, processor",
        "{f}:20: categories.zugangskontrolle.measures.passwortrichtlinie.parameters."
        "mindestlaenge: 2 is below the minimum 6",
        "{f}:24: categories.zugangskontrolle.measures.mfa.parameters.bereich: unknown option "
        "'keiner'; expected one of: admin, alle",
        "{f}:27: categories.verfuegbarkeitskontrolle.answers.rechenzentren: expected a table of "
        "rows, found string 'rz1'",
        "{f}: invalid (10 errors)",
    ],
    "warnings": [
        "{f}:5: categories.sonstiges: warning: unknown category; its answers are kept",
        "{f}:9: categories.zugangskontrolle.measures.passwortrichtlinie.status: warning: "
        "planned measure without target_date",
        "{f}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters.farbe: "
        "warning: unknown parameter; it is kept",
        "{f}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters: warning: "
        "Password policy: 'Minimum length' has no value",
        "{f}:12: categories.zugangskontrolle.measures.biometrie: warning: unknown measure; it "
        "is kept",
        "{f}:16: categories.zugangskontrolle.measures.mfa.status: warning: not_applicable "
        "without a reason",
    ],
    "newer": [
        "{f}:1: schema_version: written by a newer tomwizard (format 2); this version reads "
        "format 1. Please update tomwizard.",
        "{f}: invalid (1 error)",
    ],
    "format": [
        "{f}:1: schema_version: expected the format version 1, found true",
        "{f}: invalid (1 error)",
    ],
    "syntax": [
        "{f}:5: TOML syntax error: Expected ']' at the end of a table declaration",
        "{f}: invalid (1 error)",
    ],
}


def _validate(
    capsys: pytest.CaptureFixture[str], path: Path, *options: str
) -> tuple[int, list[str], list[str]]:
    code = main(["validate", *options, str(path)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


@pytest.mark.parametrize("kind", sorted(FILES))
def test_validate_speaks_german_to_a_german_interface(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.toml"
    path.write_text(FILES[kind], encoding="utf-8")
    code, out, err = _validate(capsys, path)
    assert err == [line.format(f=path) for line in GERMAN[kind]]
    if kind == "warnings":
        assert code == 0
        assert out[0] == f"{path}: gültig (Katalog tomwizard 0.1.0, 6 Warnungen)"
        assert out[1].split() == ["Kategorie", "beantwortet", "Pflicht"]
    else:
        assert (code, out) == (1, [])


@pytest.mark.parametrize("kind", sorted(FILES))
def test_validate_speaks_english_with_lang_en(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.toml"
    path.write_text(FILES[kind], encoding="utf-8")
    _, out, err = _validate(capsys, path, "--lang", "en")
    assert err == [line.format(f=path) for line in ENGLISH[kind]]
    if kind == "warnings":
        assert out[0] == f"{path}: valid (catalogue tomwizard 0.1.0, 6 warnings)"
        assert out[1].split() == ["Category", "answered", "required"]
    german = {"erwartet", "gefunden", "ungültig", "gültig", "Warnung", "Fehler", "unbekannt"}
    assert not german & set(re.findall(r"\w+", "\n".join(err + out[:1])))


def test_one_warning_one_error_and_files_that_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The singular forms, and the problems of a folder, a missing file and invalid UTF-8."""
    one = tmp_path / "one.toml"
    one.write_text(HEAD + '[categories.sonstiges]\nnote = "x"\n', encoding="utf-8")
    code, out, _ = _validate(capsys, one)
    assert code == 0 and out[0] == f"{one}: gültig (Katalog tomwizard 0.1.0, 1 Warnung)"
    _, out, _ = _validate(capsys, one, "--lang", "en")
    assert out[0] == f"{one}: valid (catalogue tomwizard 0.1.0, 1 warning)"
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(HEAD.encode() + '[document]\ntitle = "Maßnahmen"\n'.encode("latin-1"))
    missing = tmp_path / "missing.toml"
    assert main(["validate", str(tmp_path), str(missing), str(latin1)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path}: ist ein Ordner, keine TOML-Datei",
        f"{tmp_path}: ungültig (1 Fehler)",
        f"{missing}: Datei nicht gefunden",
        f"{missing}: ungültig (1 Fehler)",
        f"{latin1}:5: kein gültiges UTF-8 (Byte 0xdf); die Datei als UTF-8 speichern",
        f"{latin1}: ungültig (1 Fehler)",
    ]


def test_values_tomwizard_cannot_handle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(HEAD + "[categories.organisation.answers]\nx = " + "[" * 40 + "]" * 40)
    big = tmp_path / "big.toml"
    big.write_text(HEAD + "[categories.organisation.answers]\nx = " + "9" * 30 + "\n")
    dotted = tmp_path / "dotted.toml"
    dotted.write_text(HEAD + ".".join(["k"] * 40) + " = 1\n")
    assert main(["validate", str(deep), str(big), str(dotted)]) == 1
    err = capsys.readouterr().err
    assert "mehr als 32 Ebenen tief verschachtelt (Tabellen oder Arrays ineinander)" in err
    assert "Ganzzahl außerhalb des zulässigen Bereichs; TOML-Ganzzahlen liegen zwischen" in err
    assert "Schlüssel aus mehr als 32 Teilen" in err and "die Datei wurde nicht gelesen" in err


def test_migration_notices_in_german_and_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))
    old = Path(__file__).parent / "fixtures" / "catalogue-1.0.0" / "datenschutz-nord-anhang3.toml"
    _, out, err = _validate(capsys, old)
    notices = [line for line in err if ": Hinweis: " in line]
    assert notices and all(": Hinweis: Katalog 2.0.0: " in line for line in notices)
    assert any("Parameter 'zeichenarten' heißt jetzt 'zeichenklassen'" in x for x in notices)
    assert any("Wert 'vier' ist jetzt 'vier_klassen'" in line for line in notices)
    assert re.search(r"Hinweise?\)$", out[0]) and f"{len(notices)} Hinweis" in out[0]
    _, out, err = _validate(capsys, old, "--lang", "en")
    notices = [line for line in err if ": notice: " in line]
    assert notices and all(": notice: catalogue 2.0.0: " in line for line in notices)
    assert any("parameter 'zeichenarten' is now 'zeichenklassen'" in x for x in notices)
    assert out[0].endswith(f"{len(notices)} notices)")


# -- the wizard's problems screen --------------------------------------------------------------

BROKEN = (
    HEAD + "\n[categories.zugangskontrolle.measures.biometrie]\n"
    'status = "implemented"\n\n'
    "[categories.zugangskontrolle.measures.passwortrichtlinie]\n"
    'status = "implemented"\nparameters = { mindestlaenge = 2 }\n'
)
"""An unknown measure (a warning) and a value below its minimum (an error): it cannot be
opened, and the screen lists both."""


def _lines(app: TomWizardApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ProblemsScreen), screen
    return str(screen.query_one("#problem-lines", Static).render()).splitlines()


def _expected(path: Path, lang: str) -> list[str]:
    if lang == "de":
        return [
            f"{path}:5: categories.zugangskontrolle.measures.biometrie: Warnung: unbekannte "
            "Maßnahme; sie bleibt erhalten",
            f"{path}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters."
            "mindestlaenge: 2 liegt unter dem Minimum 6",
        ]
    return [
        f"{path}:5: categories.zugangskontrolle.measures.biometrie: warning: unknown measure; "
        "it is kept",
        f"{path}:10: categories.zugangskontrolle.measures.passwortrichtlinie.parameters."
        "mindestlaenge: 2 is below the minimum 6",
    ]


async def test_the_problems_screen_in_german_then_english(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """In the interface language; switching it shows the problems again in the other one
    (the file is read again: the messages were worded when it was read)."""
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _lines(app) == _expected(path, "de")
        await app.action_switch_ui_language()
        await pilot.pause()
        assert _lines(app) == _expected(path, "en")
        await pilot.press("r")  # still broken: shown again, still in English
        await pilot.pause()
        assert _lines(app) == _expected(path, "en")


async def test_the_problems_screen_of_an_english_interface(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    config.save(Settings(ui_language="en"))
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    missing_folder = tmp_path / ("x" * 300) / "doc.toml"  # a name over 255 bytes
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _lines(app) == _expected(path, "en")
    app = TomWizardApp(catalogue, missing_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _lines(app) == [f"{missing_folder}: " + "the name is too long (a file name has "
                               "at most 255 bytes, a path 4096)"]  # fmt: skip
