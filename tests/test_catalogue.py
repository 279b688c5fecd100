"""The question catalogue: the built-in files, broken catalogues (every problem reported as
``FILE:LINE: key.path: message``, all at once, never a traceback), user catalogue folders, the
``catalogue`` command, and the examples in docs/catalogue-format.md.

Broken catalogues are copies of ``questions/`` edited by text replacement. Their expected line
numbers are computed from the edited text (the line a unique snippet starts on), independently of
the loader, so the tests keep working when the built-in wording changes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pydantic import BaseModel

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.catalogue.model import (
    LANGUAGES,
    QUESTION_TYPES,
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    Condition,
    MultichoiceQuestion,
    TableQuestion,
    Text,
)
from tomwizard.cli import main
from tomwizard.locations import builtin_questions_dir, extra_catalogue_dirs, user_catalogue_dir
from tomwizard.problems import ProblemsError

FIXTURES = Path(__file__).parent / "fixtures" / "catalogues"
USER_CATEGORY = FIXTURES / "user_category"
USER_EXTENSION = FIXTURES / "user_extension"
USER_ERRORS = FIXTURES / "user_errors"
DOC = Path(__file__).parent.parent / "docs" / "catalogue-format.md"

GROUPS = "rahmen, vertraulichkeit, verfuegbarkeit, ueberpruefung"
UNKNOWN_KEY = "unknown key (not part of the format; check the spelling)"
CYCLE = "conditions form a cycle (a question depends on itself)"

# -- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    """A private copy of the built-in catalogue, to break."""
    target = tmp_path / "questions"
    shutil.copytree(builtin_questions_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the only occurrence of ``old`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, snippet: str) -> int:
    """The 1-based line on which the only occurrence of ``snippet`` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(snippet) == 1, f"{snippet!r} occurs {text.count(snippet)} times"
    return text[: text.index(snippet)].count("\n") + 1


def at(path: Path, snippet: str, rest: str) -> str:
    """The expected problem line: ``FILE:LINE: rest`` with LINE where ``snippet`` starts."""
    return f"{path}:{line_of(path, snippet)}: {rest}"


def problems(extra_dirs: Sequence[Path] = (), builtin: Path | None = None) -> list[str]:
    """Every problem of a catalogue that must fail to load (any other exception fails)."""
    with pytest.raises(ProblemsError) as info:
        load_catalogue(list(extra_dirs), builtin=builtin)
    return [str(problem) for problem in info.value.problems]


def walk(item: object) -> Iterator[BaseModel]:
    """Every pydantic model inside ``item`` (depth first, including ``item``)."""
    if isinstance(item, BaseModel):
        yield item
        for name in type(item).model_fields:
            yield from walk(getattr(item, name))
    elif isinstance(item, list | tuple):
        for element in item:
            yield from walk(element)


def conditions(category: Category) -> Iterator[Condition]:
    """Every condition of a category, its questions and its measures."""
    yield from category.when
    for question in category.questions:
        yield from question.when
        if isinstance(question, ChecklistQuestion):
            for measure in question.measures:
                yield from measure.when


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- the built-in catalogue ------------------------------------------------------------------


def test_builtin_catalogue_loads(catalogue: Catalogue) -> None:
    assert catalogue.id == "tomwizard"
    assert catalogue.languages == ["de", "en"]
    assert [g.id for g in catalogue.groups] == GROUPS.split(", ")
    assert [c.id for c in catalogue.categories] == [
        cid for group in catalogue.groups for cid in group.categories
    ]
    files = sorted(p.stem for p in builtin_questions_dir().glob("*.toml"))
    assert sorted([c.id for c in catalogue.categories] + ["catalogue"]) == files
    for category in catalogue.categories:
        assert catalogue.sources[category.id] == str(
            builtin_questions_dir() / f"{category.id}.toml"
        )
    assert catalogue.measure_count() == sum(
        1 for c in catalogue.categories for _ in catalogue.measures(c.id)
    )
    assert catalogue.measure_count() >= 10


def test_builtin_ids_are_unique(catalogue: Catalogue) -> None:
    def unique(ids: list[str]) -> None:
        assert len(ids) == len(set(ids)), ids

    unique([g.id for g in catalogue.groups])
    unique([c.id for c in catalogue.categories])
    for category in catalogue.categories:
        unique([q.id for q in category.questions])
        unique([m.id for _, m in catalogue.measures(category.id)])
        for question in category.questions:
            if isinstance(question, ChoiceQuestion | MultichoiceQuestion):
                unique([o.id for o in question.options])
            if isinstance(question, TableQuestion):
                unique([c.id for c in question.columns])
            if isinstance(question, ChecklistQuestion):
                for measure in question.measures:
                    unique([p.id for p in measure.parameters])
                    for parameter in measure.parameters:
                        unique([o.id for o in parameter.options])


def test_builtin_texts_have_german_and_english(catalogue: Catalogue) -> None:
    texts = [m for m in walk(catalogue) if isinstance(m, Text)]

    def raw_texts(node: object) -> int:
        if isinstance(node, dict):
            return ("de" in node or "en" in node) + sum(raw_texts(v) for v in node.values())
        return sum(raw_texts(v) for v in node) if isinstance(node, list) else 0

    files = builtin_questions_dir().glob("*.toml")
    raw = sum(raw_texts(tomllib.loads(f.read_text(encoding="utf-8"))) for f in files)
    # every table with a language in the files became a Text; the catalogue keeps them all
    assert len(texts) == raw > 50
    for text in texts:
        assert text.de.strip() and text.en.strip(), text


def test_builtin_uses_every_question_type(catalogue: Catalogue) -> None:
    used = {q.type for c in catalogue.categories for q in c.questions}
    assert used == set(QUESTION_TYPES)
    assert len(QUESTION_TYPES) == 8


def test_builtin_conditions_resolve(catalogue: Catalogue) -> None:
    count = 0
    for category in catalogue.categories:
        for condition in conditions(category):
            count += 1
            cid, _, qid = condition.question.rpartition(".")
            target = catalogue.question(cid or category.id, qid)
            assert target is not None, condition
            assert condition.test_count() == 1
            if condition.any_of is not None:
                assert isinstance(target, ChoiceQuestion | MultichoiceQuestion)
                assert set(condition.any_of) <= {o.id for o in target.options}
    assert count >= 5


def test_builtin_phrase_placeholders_name_parameters(catalogue: Catalogue) -> None:
    for category in catalogue.categories:
        for _, measure in catalogue.measures(category.id):
            names = {p.id for p in measure.parameters}
            for language in LANGUAGES:
                assert set(re.findall(r"\{(\w*)\}", measure.phrase.get(language))) == names
        for question in category.questions:
            if question.phrase:
                for language in LANGUAGES:
                    assert set(re.findall(r"\{(\w*)\}", question.phrase.get(language))) <= {"value"}


def test_an_unchanged_copy_loads(questions: Path) -> None:
    copy = load_catalogue(builtin=questions)
    assert copy.categories == load_catalogue().categories
    assert copy.sources["organisation"] == str(questions / "organisation.toml")


# -- broken catalogue files ------------------------------------------------------------------


def test_toml_syntax_error(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, 'id = "mfa"', 'id = "mfa')
    # the broken file is reported once; "has no file" would be wrong: the file exists
    assert problems(builtin=questions) == [
        at(file, 'id = "mfa\n', "TOML syntax error: Illegal character '\\n'")
    ]


def test_unknown_key_is_reported_on_its_line(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, '  label.de = "Mehr-Faktor', '  lable.de = "Mehr-Faktor')
    edit(file, '  label.en = "Multi-factor', '  lable.en = "Multi-factor')
    assert problems(builtin=questions) == [
        at(
            file,
            '  [[questions.measures]]\n  id = "mfa"',
            "questions[0].measures[1].label: required key 'label' is missing",
        ),
        at(file, "lable.de", f"questions[0].measures[1].lable: {UNKNOWN_KEY}"),
    ]


def test_missing_english_text(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, '  label.en = "Password policy"\n', "")
    edit(file, 'title.en = "System access control"\n', "")
    assert problems(builtin=questions) == [
        at(file, "title.de", "title.en: required key 'en' is missing"),
        at(
            file,
            '  label.de = "Passwortrichtlinie"',
            "questions[0].measures[0].label.en: required key 'en' is missing",
        ),
    ]


def test_blank_text(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, 'label.en = "Who reviews the measures?"', 'label.en = "  "')
    assert problems(builtin=questions) == [
        at(file, 'label.en = "  "', "questions[1].label.en: text must not be empty")
    ]


def test_unknown_question_type(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, 'type = "number"\ninteger = true\nmin = 1\nmax = 120', 'type = "slider"\nmin = 1')
    tags = ", ".join(f"'{t}'" for t in QUESTION_TYPES)
    assert problems(builtin=questions) == [
        at(file, 'type = "slider"', f"questions[1].type: expected one of {tags}, found 'slider'")
    ]


def test_missing_question_type(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, 'type = "text"\n', "")
    assert problems(builtin=questions) == [
        at(
            file,
            '[[questions]]\nid = "pruefer"',
            "questions[1].type: required key 'type' is missing",
        )
    ]


def test_duplicate_question_id(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, 'id = "pruefer"', 'id = "letzte_pruefung"')
    # the second question's condition tests the first one: that is no cycle
    assert problems(builtin=questions) == [
        at(file, 'id = "letzte_pruefung"\ntype = "text"', "questions[1].id: duplicate question id")
    ]


def test_duplicate_measure_id_in_one_checklist(questions: Path) -> None:
    file = questions / "zutrittskontrolle.toml"
    edit(file, 'id = "alarmanlage"', 'id = "schliesssystem"')
    # reported at the second measure, not at the first one
    assert problems(builtin=questions) == [
        at(
            file,
            'id = "schliesssystem"\n  label.de = "Alarmanlage"',
            "questions[0].measures[2].id: duplicate measure id in this category",
        )
    ]


def test_duplicate_measure_id_across_checklists(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    append(
        file,
        (
            '\n[[questions]]\nid = "konten"\ntype = "checklist"\n'
            'label = { de = "Konten", en = "Accounts" }\nhelp = { de = "H", en = "H" }\n'
            '  [[questions.measures]]\n  id = "mfa"\n'
            '  label = { de = "Zweiter Faktor", en = "Second factor" }\n'
            '  phrase = { de = "P", en = "P" }\n  help = { de = "H", en = "H" }\n'
        ),
    )
    assert problems(builtin=questions) == [
        at(
            file,
            'id = "mfa"\n  label = {',
            "questions[2].measures[0].id: duplicate measure id in this category",
        )
    ]


def test_duplicate_option_parameter_and_column_ids(questions: Path) -> None:
    organisation = questions / "organisation.toml"
    edit(organisation, 'id = "bis50"', 'id = "bis10"')
    zugang = questions / "zugangskontrolle.toml"
    edit(zugang, 'id = "alle"', 'id = "admin"')
    verfuegbarkeit = questions / "verfuegbarkeitskontrolle.toml"
    edit(verfuegbarkeit, 'id = "standort"', 'id = "betreiber"')
    edit(verfuegbarkeit, 'id = "aufbewahrung"', 'id = "intervall"')
    assert problems(builtin=questions) == [
        # cross checks run in catalogue order: organisation, ..., zugangskontrolle, verfuegbarkeit
        at(
            organisation,
            'id = "bis10"\n  label.de = "11 bis 50"',
            "questions[1].options[1].id: duplicate option id",
        ),
        at(
            zugang,
            'id = "admin"\n      label.de = "alle',
            "questions[0].measures[1].parameters[0].options[1].id: duplicate option id",
        ),
        at(
            verfuegbarkeit,
            'id = "betreiber"\n  type = "text"\n  required = true\n  label.de = "St',
            "questions[0].columns[1].id: duplicate column id",
        ),
        at(
            verfuegbarkeit,
            'id = "intervall"\n    type = "number"',
            "questions[1].measures[0].parameters[1].id: duplicate parameter id",
        ),
        # the phrase still names the renamed parameter: reported in both languages
        at(
            verfuegbarkeit,
            'phrase.de = "Die Daten werden',
            (
                "questions[1].measures[0].phrase.de: unknown placeholder {aufbewahrung} "
                "(known: {intervall})"
            ),
        ),
        at(
            verfuegbarkeit,
            'phrase.en = "Data is backed up',
            (
                "questions[1].measures[0].phrase.en: unknown placeholder {aufbewahrung} "
                "(known: {intervall})"
            ),
        ),
    ]


def test_condition_on_a_question_that_does_not_exist(questions: Path) -> None:
    review = questions / "ueberpruefung.toml"
    edit(review, 'question = "letzte_pruefung"', 'question = "gibtsnicht"')
    access = questions / "zutrittskontrolle.toml"
    edit(
        access,
        'question = "organisation.standorte", any_of = ["buero", "serverraum"]',
        'question = "organisatoin.standorte", any_of = ["buero"]',
    )
    assert problems(builtin=questions) == [
        at(
            access,
            "organisatoin",
            "when[0].question: refers to a question that does not exist: organisatoin.standorte",
        ),
        at(
            review,
            "gibtsnicht",
            (
                "questions[1].when[0].question: refers to a question that does not exist: "
                "ueberpruefung.gibtsnicht"
            ),
        ),
    ]


def test_any_of_with_an_unknown_option(questions: Path) -> None:
    file = questions / "zutrittskontrolle.toml"
    edit(file, 'any_of = ["buero"] }', 'any_of = ["buero", "keller", "garage"] }')
    assert problems(builtin=questions) == [
        at(file, '"keller"', "questions[0].measures[1].when[0]: unknown option(s): keller, garage")
    ]


def test_any_of_on_a_question_without_options(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, "answered = true", 'any_of = ["x"]')
    assert problems(builtin=questions) == [
        at(
            file,
            "any_of",
            "questions[1].when[0]: 'any_of' needs a choice or multichoice question, not date",
        )
    ]


@pytest.mark.parametrize(
    ("target", "equals", "message"),
    [
        ("organisation.zertifiziert", '"ja"', "'equals' must be true or false"),
        ("organisation.groesse", '"riesig"', "'equals' must be one of: bis10, bis50, ueber50"),
        ("organisation.groesse", "true", "'equals' must be one of: bis10, bis50, ueber50"),
        ("zugangskontrolle.bildschirmsperre", '"5"', "'equals' must be a number"),
        ("zugangskontrolle.bildschirmsperre", "false", "'equals' must be a number"),
        ("organisation.beschreibung", "3", "'equals' must be a string"),
        (
            "organisation.standorte",
            '"buero"',
            "'equals' cannot test a multichoice question; use 'any_of' or 'answered'",
        ),
        (
            "letzte_pruefung",
            '"2025-01-01"',
            "'equals' cannot test a date question; use 'any_of' or 'answered'",
        ),
        (
            "verfuegbarkeitskontrolle.rechenzentren",
            '"x"',
            "'equals' cannot test a table question; use 'any_of' or 'answered'",
        ),
    ],
)
def test_equals_with_the_wrong_type(
    questions: Path, target: str, equals: str, message: str
) -> None:
    file = questions / "ueberpruefung.toml"
    edit(
        file,
        'question = "letzte_pruefung", answered = true',
        f'question = "{target}", equals = {equals}',
    )
    assert problems(builtin=questions) == [at(file, "equals", f"questions[1].when[0]: {message}")]


@pytest.mark.parametrize(
    ("target", "equals"),
    [
        ("organisation.zertifiziert", "false"),
        ("organisation.groesse", '"bis50"'),
        ("zugangskontrolle.bildschirmsperre", "5"),
        ("zugangskontrolle.bildschirmsperre", "2.5"),
        ("organisation.beschreibung", '"Lohnbuchhaltung"'),
    ],
)
def test_equals_with_the_right_type(questions: Path, target: str, equals: str) -> None:
    file = questions / "ueberpruefung.toml"
    edit(
        file,
        'question = "letzte_pruefung", answered = true',
        f'question = "{target}", equals = {equals}',
    )
    loaded = load_catalogue(builtin=questions)
    question = loaded.question("ueberpruefung", "pruefer")
    assert question is not None
    assert question.when[0].equals == tomllib.loads(f"v = {equals}")["v"]


def test_two_tests_or_none_in_one_condition(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, "answered = true }", 'answered = true, equals = "x" }')
    zugang = questions / "zugangskontrolle.toml"
    edit(
        zugang,
        'unit.de = "Minuten"',
        (
            'when = [{ question = "organisation.zertifiziert", equals = true },\n'
            '        { question = "organisation.zertifiziert" }]\nunit.de = "Minuten"'
        ),
    )
    message = "give exactly one of 'equals', 'any_of', 'answered'"
    assert problems(builtin=questions) == [
        at(
            zugang, '{ question = "organisation.zertifiziert" }', f"questions[1].when[1]: {message}"
        ),
        at(file, '"x"', f"questions[1].when[0]: {message}"),
    ]


def test_condition_cycle_in_one_category(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(
        file,
        'phrase.en = "The measures were last reviewed on {value}."\n',
        (
            'phrase.en = "The measures were last reviewed on {value}."\n'
            'when = { question = "pruefer", answered = true }\n'
        ),
    )
    assert problems(builtin=questions) == [
        at(file, 'when = { question = "pruefer"', f"questions[0].when: {CYCLE}")
    ]


def test_condition_cycle_across_categories(questions: Path) -> None:
    organisation = questions / "organisation.toml"
    edit(
        organisation,
        'type = "bool"\n',
        'type = "bool"\nwhen = { question = "ueberpruefung.pruefer", answered = true }\n',
    )
    # organisation.zertifiziert -> ueberpruefung.pruefer -> letzte_pruefung -> pruefer:
    # the cycle is reported at a question that is part of it, not at zertifiziert
    review = questions / "ueberpruefung.toml"
    edit(
        review,
        "required = true\n",
        'required = true\nwhen = { question = "pruefer", answered = false }\n',
    )
    assert problems(builtin=questions) == [
        at(review, 'when = { question = "letzte_pruefung"', f"questions[1].when: {CYCLE}")
    ]


def test_category_condition_on_its_own_question_is_a_cycle(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(
        file,
        'sdm_goals = ["transparenz", "intervenierbarkeit"]\n',
        (
            'sdm_goals = ["transparenz", "intervenierbarkeit"]\n'
            'when = { question = "letzte_pruefung", answered = true }\n'
        ),
    )
    assert problems(builtin=questions) == [
        at(file, '[[questions]]\nid = "letzte_pruefung"', f"questions[0].when: {CYCLE}")
    ]


def test_phrase_placeholder_without_parameter(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, "mindestens {mindestlaenge}", "mindestens {laenge}")
    edit(file, "Bildschirme sperren sich nach {value}", "Bildschirme sperren sich nach {wert}")
    assert problems(builtin=questions) == [
        at(
            file,
            "{laenge}",
            (
                "questions[0].measures[0].phrase.de: unknown placeholder {laenge} "
                "(known: {mindestlaenge})"
            ),
        ),
        at(file, "{wert}", "questions[1].phrase.de: unknown placeholder {wert} (known: {value})"),
    ]


def test_min_larger_than_max(questions: Path) -> None:
    file = questions / "zugangskontrolle.toml"
    edit(file, "min = 1\nmax = 120", "min = 121\nmax = 120")
    edit(file, "min = 6", "min = 200")
    assert problems(builtin=questions) == [
        at(file, "min = 200", "questions[0].measures[0].parameters[0].min: min is larger than max"),
        at(file, "min = 121", "questions[1].min: min is larger than max"),
    ]


def test_parameter_type_rules(questions: Path) -> None:
    file = questions / "zutrittskontrolle.toml"
    edit(
        file,
        (
            '      [[questions.measures.parameters.options]]\n      id = "intern"\n'
            '      label.de = "die Geschäftsführung"\n      label.en = "the management"\n'
        ),
        "",
    )
    edit(file, 'id = "anzahl"\n    type = "number"', 'id = "anzahl"\n    type = "text"')
    assert problems(builtin=questions) == [
        at(
            file,
            'type = "choice"\n    label.de = "Alarm geht an"',
            "questions[0].measures[2].parameters[0].type: a choice needs 2+ options",
        ),
        at(
            file,
            'type = "text"\n    integer',
            (
                "questions[0].measures[3].parameters[0].type: "
                "unit, min, max and integer apply to numbers only"
            ),
        ),
    ]


def test_category_id_differs_from_file_name(questions: Path) -> None:
    file = questions / "ueberpruefung.toml"
    edit(file, 'id = "ueberpruefung"', 'id = "review"')
    # one problem: the file exists, and the category is listed under its file name
    assert problems(builtin=questions) == [
        at(file, 'id = "review"', "id: must match the file name 'ueberpruefung'")
    ]


def test_category_file_not_listed_in_catalogue_toml(questions: Path) -> None:
    (questions / "extra.toml").write_text(
        (questions / "ueberpruefung.toml")
        .read_text(encoding="utf-8")
        .replace('id = "ueberpruefung"', '\nid = "extra"'),
        encoding="utf-8",
    )
    assert problems(builtin=questions) == [
        f"{questions / 'extra.toml'}:2: id: category is not listed in any group of catalogue.toml"
    ]


def test_listed_category_without_file(questions: Path) -> None:
    (questions / "ueberpruefung.toml").unlink()
    info = questions / "catalogue.toml"
    edit(
        info,
        'categories = ["zutrittskontrolle", "zugangskontrolle"]',
        (
            'categories = [\n  "zutrittskontrolle",\n  "zugangskontrolle",\n'
            '  "zugriffskontrolle",\n]'
        ),
    )
    assert problems(builtin=questions) == [
        at(
            info,
            '"zugriffskontrolle"',
            (
                "groups[1].categories[2]: category 'zugriffskontrolle' has no file "
                "zugriffskontrolle.toml"
            ),
        ),
        at(
            info,
            'categories = ["ueberpruefung"]',
            "groups[3].categories[0]: category 'ueberpruefung' has no file ueberpruefung.toml",
        ),
    ]


def test_catalogue_toml_checks(questions: Path) -> None:
    info = questions / "catalogue.toml"
    edit(info, 'languages = ["de", "en"]', 'languages = ["de"]')
    edit(info, 'id = "verfuegbarkeit"', 'id = "vertraulichkeit"')
    edit(info, 'categories = ["ueberpruefung"]', 'categories = ["ueberpruefung", "organisation" ]')
    assert problems(builtin=questions) == [
        at(info, "languages", "languages: must list exactly de, en"),
        at(
            info,
            'id = "vertraulichkeit"\ntitle.de = "Verfügbarkeit',
            "groups[2].id: duplicate group id",
        ),
        at(
            info,
            '"organisation" ]',
            "groups[3].categories[1]: category 'organisation' listed twice",
        ),
    ]


def test_broken_catalogue_toml_stops_early(questions: Path) -> None:
    info = questions / "catalogue.toml"
    edit(info, 'version = "0.1.0"', 'version = "eins"\nlanguages = ["de", "fr"]')
    edit(info, 'languages = ["de", "en"]\n', "")
    edit(questions / "organisation.toml", 'type = "bool"', 'type = "boolean"')
    # without catalogue.toml there is no order to check the categories against
    assert problems(builtin=questions) == [
        at(info, "version", "version: 'eins' does not have the expected form ^\\d+(\\.\\d+)*$"),
        at(info, '"fr"', "languages[1]: expected 'de' or 'en', found 'fr'"),
    ]


def test_missing_catalogue_toml(questions: Path) -> None:
    (questions / "catalogue.toml").unlink()
    assert problems(builtin=questions) == [f"{questions / 'catalogue.toml'}: no such file"]


def test_all_problems_are_reported_together(questions: Path) -> None:
    info = questions / "catalogue.toml"
    edit(info, 'languages = ["de", "en"]', 'languages = ["en"]')
    organisation = questions / "organisation.toml"
    edit(organisation, 'sdm_goals = ["transparenz"]', 'sdm_goals = ["transparenz"]\nfarbe = "rot"')
    edit(organisation, 'label.en = "Own server room"\n', "")
    access = questions / "zugangskontrolle.toml"
    edit(
        access,
        'phrase.en = "A second factor is required[ for {bereich}]."',
        'phrase.en = "A second factor is required[ for {scope}]."',
    )
    edit(access, "max = 128", "max = 5")
    edit(
        questions / "verfuegbarkeitskontrolle.toml",
        '[[questions]]\nid = "massnahmen"',
        '[[questions]\nid = "massnahmen"',
    )
    review = questions / "ueberpruefung.toml"
    edit(review, "answered = true", 'any_of = ["ja"]')
    problem_list = problems(builtin=questions)
    assert problem_list == [
        at(info, "languages", "languages: must list exactly de, en"),
        # organisation.toml does not match the format: reported, then left out
        at(organisation, "farbe", f"farbe: {UNKNOWN_KEY}"),
        at(
            organisation,
            'label.de = "Eigener Serverraum"',
            "questions[0].options[2].label.en: required key 'en' is missing",
        ),
        at(
            questions / "verfuegbarkeitskontrolle.toml",
            "[[questions]\n",
            "TOML syntax error: Expected ']]' at the end of an array declaration",
        ),
        # the cross checks of the files that could be read; conditions that test questions of
        # the broken organisation.toml (zutrittskontrolle has three) are not reported as well
        at(access, "min = 6", "questions[0].measures[0].parameters[0].min: min is larger than max"),
        at(
            access,
            "{scope}",
            "questions[0].measures[1].phrase.en: unknown placeholder {scope} (known: {bereich})",
        ),
        at(
            review,
            "any_of",
            "questions[1].when[0]: 'any_of' needs a choice or multichoice question, not date",
        ),
    ]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe garbage", b"id = 5\n", b"[[questions]]\n[questions]\n", b"questions = 3\n", b""],
)
def test_garbage_category_file_never_tracebacks(questions: Path, content: bytes) -> None:
    file = questions / "ueberpruefung.toml"
    file.write_bytes(content)
    found = problems(builtin=questions)
    assert found
    assert all(line.startswith(f"{file}") for line in found), found


# -- user catalogue folders -------------------------------------------------------------------


def test_user_category_is_appended_to_its_group() -> None:
    loaded = load_catalogue([USER_CATEGORY])
    confidentiality = next(g for g in loaded.groups if g.id == "vertraulichkeit")
    assert confidentiality.categories == [
        "zutrittskontrolle",
        "zugangskontrolle",
        "datentraegerkontrolle",
    ]
    ids = [c.id for c in loaded.categories]
    assert ids.index("datentraegerkontrolle") == ids.index("zugangskontrolle") + 1
    assert loaded.group_of("datentraegerkontrolle") == confidentiality
    category = loaded.category("datentraegerkontrolle")
    assert category is not None
    assert category.group == "vertraulichkeit"
    assert [m.id for _, m in loaded.measures("datentraegerkontrolle")] == [
        "verschluesselung",
        "vernichtung",
    ]
    assert loaded.sources["datentraegerkontrolle"] == str(
        USER_CATEGORY / "datentraegerkontrolle.toml"
    )
    assert loaded.measure_count() == load_catalogue().measure_count() + 2


def test_user_categories_keep_folder_and_file_order(tmp_path: Path) -> None:
    source = (USER_CATEGORY / "datentraegerkontrolle.toml").read_text(encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, ["b_kat", "a_kat"]), (second, ["0_kat"])):
        folder.mkdir()
        for name in names:
            (folder / f"{name}.toml").write_text(
                source.replace('id = "datentraegerkontrolle"', f'id = "{name}"'), encoding="utf-8"
            )
    loaded = load_catalogue([first, second])
    confidentiality = next(g for g in loaded.groups if g.id == "vertraulichkeit")
    assert confidentiality.categories[2:] == ["a_kat", "b_kat", "0_kat"]


def test_user_extension_adds_measures_and_questions() -> None:
    builtin = load_catalogue()
    loaded = load_catalogue([USER_EXTENSION])
    assert [c.id for c in loaded.categories] == [c.id for c in builtin.categories]
    category = loaded.category("zugangskontrolle")
    assert category is not None
    assert [q.id for q in category.questions] == ["massnahmen", "bildschirmsperre", "fernzugriff"]
    assert [(q.id, m.id) for q, m in loaded.measures("zugangskontrolle")] == [
        ("massnahmen", "passwortrichtlinie"),
        ("massnahmen", "mfa"),
        ("massnahmen", "sperre"),
        ("massnahmen", "passwortmanager"),
        ("fernzugriff", "vpn"),
    ]
    manager = loaded.measure("zugangskontrolle", "passwortmanager")
    assert manager is not None
    assert [p.id for p in manager.parameters] == ["produkt"]
    assert manager.phrase.en == "Staff keep their passwords in a password manager[ ({produkt})]."
    remote = loaded.question("zugangskontrolle", "fernzugriff")
    assert remote is not None
    assert remote.when[0].question == "organisation.standorte"
    assert loaded.sources["zugangskontrolle"] == (
        f"{builtin_questions_dir() / 'zugangskontrolle.toml'} + "
        f"{USER_EXTENSION / 'zugangskontrolle_mehr.toml'}"
    )
    # the built-in catalogue itself is untouched
    assert builtin.measure("zugangskontrolle", "passwortmanager") is None


def test_extension_measure_for_a_question_of_the_same_extension(tmp_path: Path) -> None:
    text = (USER_EXTENSION / "zugangskontrolle_mehr.toml").read_text(encoding="utf-8")
    (tmp_path / "ext.toml").write_text(
        text.replace('question = "massnahmen"', 'question = "fernzugriff"'), encoding="utf-8"
    )
    loaded = load_catalogue([tmp_path])
    assert [m.id for q, m in loaded.measures("zugangskontrolle") if q.id == "fernzugriff"] == [
        "vpn",
        "passwortmanager",
    ]


def test_user_category_and_its_extension_in_two_folders(tmp_path: Path) -> None:
    extension = tmp_path / "ext"
    extension.mkdir()
    (extension / "mehr.toml").write_text(
        'extends = "datentraegerkontrolle"\n\n[[measures]]\nquestion = "massnahmen"\n'
        'id = "inventar"\nlabel = { de = "Inventar", en = "Inventory" }\n'
        'phrase = { de = "Es gibt ein Inventar.", en = "There is an inventory." }\n'
        'help = { de = "H", en = "H" }\nwhen = { question = "usb_erlaubt", answered = true }\n',
        encoding="utf-8",
    )
    loaded = load_catalogue([USER_CATEGORY, extension])
    assert [m.id for _, m in loaded.measures("datentraegerkontrolle")][-1] == "inventar"
    # an extension must come after the category it extends
    assert problems([extension, USER_CATEGORY]) == [
        f"{extension / 'mehr.toml'}:1: extends: no category 'datentraegerkontrolle' to extend"
    ]


def test_user_folder_errors_name_the_user_file_and_line() -> None:
    builtin_access = builtin_questions_dir() / "zutrittskontrolle.toml"
    assert problems([USER_ERRORS]) == [
        f"{USER_ERRORS / 'a_unknown_group.toml'}:2: group: unknown group; known: {GROUPS}",
        f"{USER_ERRORS / 'b_missing_group.toml'}:2: id: a user category needs "
        f"'group = \"<group id>\"' (one of: {GROUPS}), or 'extends' to extend a category",
        f"{USER_ERRORS / 'c_extends_unknown.toml'}:2: extends: "
        "no category 'zugriffskontrolle' to extend",
        f"{USER_ERRORS / 'd_measure_not_checklist.toml'}:5: measures[0].question: "
        "'zugangskontrolle' has no checklist question 'bildschirmsperre'",
        f"{USER_ERRORS / 'e_duplicate_category.toml'}:3: id: "
        f"category 'zutrittskontrolle' already defined in {builtin_access}",
        f"{USER_ERRORS / 'f_measure_clash.toml'}:8: measures[0].id: "
        "duplicate measure id in this category",
    ]


def test_user_question_clashing_with_a_builtin_one(tmp_path: Path) -> None:
    file = tmp_path / "ext.toml"
    file.write_text(
        'extends = "zugangskontrolle"\n\n[[questions]]\nid = "bildschirmsperre"\ntype = "bool"\n'
        'label = { de = "Sperre?", en = "Lock?" }\nhelp = { de = "H", en = "H" }\n'
        '\n[[questions]]\nid = "audit"\ntype = "checklist"\n'
        'label = { de = "Audit", en = "Audit" }\nhelp = { de = "H", en = "H" }\n'
        '  [[questions.measures]]\n  id = "sperre"\n  label = { de = "S", en = "S" }\n'
        '  phrase = { de = "{x}", en = "S" }\n  help = { de = "H", en = "H" }\n',
        encoding="utf-8",
    )
    assert problems([tmp_path]) == [
        f"{file}:4: questions[0].id: duplicate question id",
        f"{file}:15: questions[1].measures[0].id: duplicate measure id in this category",
        f"{file}:17: questions[1].measures[0].phrase.de: unknown placeholder {{x}} (known: none)",
    ]


def test_a_value_no_union_member_accepts_is_one_problem(tmp_path: Path) -> None:
    file = tmp_path / "ext.toml"
    file.write_text(
        'extends = "organisation"\n\n[[questions]]\nid = "q"\ntype = "bool"\n'
        'label = { de = "F", en = "Q" }\nhelp = { de = "H", en = "H" }\n'
        'when = { question = "zertifiziert", equals = 2025-01-01 }\n',
        encoding="utf-8",
    )
    assert problems([tmp_path]) == [
        f"{file}:8: questions[0].when.equals: expected true or false, a whole number, a number "
        "or a string, found date 2025-01-01"
    ]


def test_user_category_file_with_format_errors(tmp_path: Path) -> None:
    file = tmp_path / "kaputt.toml"
    file.write_text(
        (USER_CATEGORY / "datentraegerkontrolle.toml")
        .read_text(encoding="utf-8")
        .replace('group = "vertraulichkeit"', 'group = "Vertraulichkeit"')
        .replace('  label.en = "Encrypted removable media"\n', ""),
        encoding="utf-8",
    )
    assert problems([tmp_path]) == [
        f"{file}:3: group: 'Vertraulichkeit' is not a valid id: use lower-case letters, digits, "
        "'_' and '-', starting with a letter or digit",
        f"{file}:30: questions[1].measures[0].label.en: required key 'en' is missing",
    ]


def test_conditions_on_a_broken_file_are_not_reported_too(tmp_path: Path) -> None:
    source = (USER_CATEGORY / "datentraegerkontrolle.toml").read_text(encoding="utf-8")
    broken = tmp_path / "a.toml"
    broken.write_text(source.replace("references = [", "referenzen = ["), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        'extends = "zugangskontrolle"\n\n[[questions]]\nid = "usb"\ntype = "text"\n'
        'label = { de = "F", en = "Q" }\nhelp = { de = "H", en = "H" }\n'
        'when = { question = "datentraegerkontrolle.usb_erlaubt", equals = true }\n',
        encoding="utf-8",
    )
    assert problems([tmp_path]) == [
        f"{broken}:1: references: required key 'references' is missing",
        f"{broken}:8: referenzen: {UNKNOWN_KEY}",
    ]


def test_extension_with_unknown_keys(tmp_path: Path) -> None:
    file = tmp_path / "ext.toml"
    file.write_text('extends = "zugangskontrolle"\ngroup = "rahmen"\ntitle.de = "x"\n')
    assert problems([tmp_path]) == [
        f"{file}:2: group: {UNKNOWN_KEY}",
        f"{file}:3: title: {UNKNOWN_KEY}",
    ]


def test_user_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nirgends"
    a_file = tmp_path / "datei.toml"
    a_file.write_text("")
    assert problems([missing, a_file]) == [
        f"{missing}: catalogue folder does not exist",
        f"{a_file}: is not a folder",
    ]


def test_builtin_and_user_problems_are_reported_together(questions: Path) -> None:
    edit(questions / "zugangskontrolle.toml", "min = 6", "min = 600")
    assert problems([USER_ERRORS, USER_EXTENSION], builtin=questions)[-2:] == [
        at(
            questions / "zugangskontrolle.toml",
            "min = 600",
            "questions[0].measures[0].parameters[0].min: min is larger than max",
        ),
        f"{USER_ERRORS / 'f_measure_clash.toml'}:8: measures[0].id: "
        "duplicate measure id in this category",
    ]


# -- where user folders come from --------------------------------------------------------------


def test_environment_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert extra_catalogue_dirs() == []
    monkeypatch.setenv("TOMWIZARD_CATALOGUE", f"{USER_CATEGORY}{os.pathsep}{USER_EXTENSION}")
    dirs = extra_catalogue_dirs()
    assert dirs == [USER_CATEGORY, USER_EXTENSION]
    loaded = load_catalogue(dirs)
    assert loaded.category("datentraegerkontrolle") is not None
    assert loaded.measure("zugangskontrolle", "passwortmanager") is not None
    # a folder named again on the command line is loaded once
    assert extra_catalogue_dirs([USER_CATEGORY, tmp_path]) == [
        USER_CATEGORY,
        USER_EXTENSION,
        tmp_path,
    ]


def test_environment_variable_with_a_missing_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "fehlt"
    monkeypatch.setenv("TOMWIZARD_CATALOGUE", f"{os.pathsep}{missing}{os.pathsep}")
    assert extra_catalogue_dirs() == [missing]
    assert problems(extra_catalogue_dirs()) == [f"{missing}: catalogue folder does not exist"]


def test_automatic_user_folder(isolated_home: Path, tmp_path: Path) -> None:
    automatic = isolated_home / "data" / "catalogue"
    assert user_catalogue_dir() == automatic
    assert extra_catalogue_dirs() == []  # absent: no error
    shutil.copytree(USER_CATEGORY, automatic)
    assert extra_catalogue_dirs() == [automatic]
    assert extra_catalogue_dirs([tmp_path]) == [automatic, tmp_path]
    loaded = load_catalogue(extra_catalogue_dirs())
    assert loaded.sources["datentraegerkontrolle"] == str(automatic / "datentraegerkontrolle.toml")


# -- the catalogue command ---------------------------------------------------------------------


def test_cli_catalogue_outline(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalogue"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == [
        "Technische und organisatorische Maßnahmen nach Art. 32 DSGVO",
        f"tomwizard 0.1.0: {len(catalogue.categories)} categories, "
        f"{catalogue.measure_count()} measures",
    ]
    assert "Vertraulichkeit  (Art. 32 Abs. 1 lit. b DSGVO)" in lines
    assert "  zugangskontrolle: Zugangskontrolle" in lines
    assert (
        "  zutrittskontrolle: Zutrittskontrolle  (when organisation.standorte in buero, serverraum)"
    ) in lines
    assert (
        "    massnahmen [checklist required] Wie melden sich Beschäftigte an den Systemen an?"
        in lines
    )
    assert "      - mfa: Mehr-Faktor-Authentisierung" in lines
    assert "          mindestlaenge [number]: Mindestlänge (Zeichen)" in lines
    assert "    pruefer [text] Wer prüft die Maßnahmen?  (when letzte_pruefung answered)" in lines
    for category in catalogue.categories:
        assert f"  {category.id}: {category.title.de}" in out


def test_cli_catalogue_in_english(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalogue", "--lang", "en"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Technical and organisational measures under Art. 32 GDPR"
    assert "  zugangskontrolle: System access control" in lines
    assert "      - mfa: Multi-factor authentication" in lines
    assert "      options: bis10=up to 10, bis50=11 to 50, ueber50=more than 50" in lines
    assert "      | gueltig_bis [date]: Certificate valid until" in lines
    assert "Zugangskontrolle" not in out


def test_cli_catalogue_json(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalogue", "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["id"], data["version"], data["languages"]) == ("tomwizard", "0.1.0", ["de", "en"])
    assert [g["id"] for g in data["groups"]] == GROUPS.split(", ")
    assert [c["id"] for c in data["categories"]] == [c.id for c in catalogue.categories]
    by_id = {c["id"]: c for c in data["categories"]}
    access = by_id["zugangskontrolle"]
    assert access["title"] == {"de": "Zugangskontrolle", "en": "System access control"}
    checklist = next(q for q in access["questions"] if q["type"] == "checklist")
    assert [m["id"] for m in checklist["measures"]] == ["passwortrichtlinie", "mfa", "sperre"]
    assert checklist["measures"][0]["parameters"][0]["min"] == 6
    assert by_id["zutrittskontrolle"]["when"] == [
        {
            "question": "organisation.standorte",
            "equals": None,
            "any_of": ["buero", "serverraum"],
            "answered": None,
        }
    ]
    assert set(data["sources"]) == {c.id for c in catalogue.categories}
    # the JSON is the catalogue, complete: it validates back into the same model
    assert Catalogue.model_validate(data) == catalogue


def test_cli_catalogue_with_user_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        ["catalogue", "--catalogue", str(USER_CATEGORY), "--catalogue", str(USER_EXTENSION)],
        capsys,
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    new = lines.index("  datentraegerkontrolle: Datenträgerkontrolle")
    assert lines.index("  zugangskontrolle: Zugangskontrolle") < new
    assert lines.index("Verfügbarkeit und Belastbarkeit  (Art. 32 Abs. 1 lit. b DSGVO)") > new
    assert lines[new + 1] == "    usb_erlaubt [bool] Dürfen Beschäftigte USB-Speicher benutzen?"
    assert (
        "      - verschluesselung: Verschlüsselte mobile Datenträger  (when usb_erlaubt = true)"
        in lines
    )
    assert "      - passwortmanager: Passwortmanager" in lines
    assert (
        "    fernzugriff [checklist] Wie ist der Fernzugriff gesichert?  "
        "(when organisation.standorte in homeoffice)"
    ) in lines


def test_cli_catalogue_option_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["--catalogue", str(USER_CATEGORY), "catalogue", "--json"], capsys)
    assert code == 0
    assert "datentraegerkontrolle" in [c["id"] for c in json.loads(out)["categories"]]
    # both places count: the option after the command does not replace the one before it
    argv = ["--catalogue", str(USER_CATEGORY), "catalogue", "--catalogue", str(USER_EXTENSION)]
    code, out, _ = run_cli([*argv, "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert "datentraegerkontrolle" in [c["id"] for c in data["categories"]]
    assert data["sources"]["zugangskontrolle"].endswith("zugangskontrolle_mehr.toml")


def test_cli_catalogue_from_environment_and_automatic_folder(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(USER_CATEGORY, isolated_home / "data" / "catalogue")
    monkeypatch.setenv("TOMWIZARD_CATALOGUE", str(USER_EXTENSION))
    code, out, _ = run_cli(["catalogue", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert "datentraegerkontrolle" in [c["id"] for c in data["categories"]]
    assert data["sources"]["zugangskontrolle"].endswith("zugangskontrolle_mehr.toml")


def test_cli_broken_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalogue", "--catalogue", str(USER_ERRORS)], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "tomwizard: the question catalogue has errors:",
        *problems([USER_ERRORS]),
    ]
    assert "Traceback" not in err


def test_cli_missing_catalogue_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalogue", "--json", "--catalogue", str(tmp_path / "x")], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[1:] == [f"{tmp_path / 'x'}: catalogue folder does not exist"]


# -- docs/catalogue-format.md ----------------------------------------------------------------


def doc_blocks(language: str) -> list[str]:
    """The fenced code blocks of one language in the format documentation."""
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_doc_worked_examples_are_the_fixtures() -> None:
    text = DOC.read_text(encoding="utf-8")
    examples = re.findall(r"<!-- example: (\S+) -->\n```toml\n(.*?)^```$", text, re.M | re.S)
    assert [name for name, _ in examples] == [
        "user_category/datentraegerkontrolle.toml",
        "user_extension/zugangskontrolle_mehr.toml",
    ]
    for name, block in examples:
        assert block == (FIXTURES / name).read_text(encoding="utf-8"), name


def test_doc_error_example_is_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- example output: tomwizard (.*?) -->\n```text\n(.*?)^```$", text, re.M | re.S
    )
    assert match
    monkeypatch.chdir(FIXTURES)
    code, _, err = run_cli(match.group(1).split(), capsys)
    assert code == 1
    assert err == match.group(2)


def test_doc_question_examples_load(tmp_path: Path) -> None:
    examples = [b for b in doc_blocks("toml") if b.startswith("[[questions]]\nid =")]
    header = (
        'id = "beispiele"\ngroup = "rahmen"\ntitle = { de = "B", en = "E" }\n'
        'purpose = { de = "B", en = "E" }\nreferences = ["Art. 32 DSGVO"]\n\n'
    )
    (tmp_path / "beispiele.toml").write_text(header + "\n".join(examples), encoding="utf-8")
    loaded = load_catalogue([tmp_path])
    category = loaded.category("beispiele")
    assert category is not None
    assert {q.type for q in category.questions} == set(QUESTION_TYPES)


def test_doc_condition_examples_load(tmp_path: Path) -> None:
    blocks = [
        b
        for b in doc_blocks("toml")
        if "question = " in b and "[[questions]]" not in b and "[[migration" not in b
    ]
    statements = [s for b in blocks for s in b.split("\n\n")]
    assert len(statements) == 3
    question = (
        '\n[[questions]]\nid = "q{index}"\ntype = "bool"\nlabel = {{ de = "F", en = "Q" }}\n'
        'help = {{ de = "H", en = "H" }}\n{when}\n'
    )
    body = "".join(question.format(index=i, when=s) for i, s in enumerate(statements))
    (tmp_path / "ext.toml").write_text('extends = "organisation"\n' + body, encoding="utf-8")
    organisation = load_catalogue([tmp_path]).category("organisation")
    assert organisation is not None
    assert [len(q.when) for q in organisation.questions[-3:]] == [1, 2, 2]


def test_doc_catalogue_toml_example_is_valid() -> None:
    from tomwizard.catalogue.model import CatalogueInfo

    block = next(b for b in doc_blocks("toml") if b.startswith('id = "tomwizard"'))
    info = CatalogueInfo.model_validate(tomllib.loads(block))
    assert info.groups[0].categories == ["zutrittskontrolle", "zugangskontrolle"]


def test_doc_names_every_key_of_the_models() -> None:
    from tomwizard.catalogue.model import (
        CatalogueInfo,
        CategoryExtension,
        ExtensionMeasure,
        Group,
        NumberQuestion,
        Option,
        Parameter,
    )

    text = DOC.read_text(encoding="utf-8")
    models: list[type[BaseModel]] = [
        CatalogueInfo,
        Group,
        Category,
        ChecklistQuestion,
        ChoiceQuestion,
        NumberQuestion,
        TableQuestion,
        ExtensionMeasure,
        Parameter,
        Option,
        Condition,
        Text,
        CategoryExtension,
    ]
    for model in models:
        for name in model.model_fields:
            assert f"`{name}" in text or f"`[[{name}]]`" in text, f"{model.__name__}.{name}"
    for goal in ("datenminimierung", "nichtverkettung", "intervenierbarkeit"):
        assert f"`{goal}`" in text
    for command in ("tomwizard schema category", "tomwizard schema catalogue", "tomwizard paths"):
        assert command in text
    for path in ("schema/category.schema.json", "schema/catalogue.schema.json"):
        assert (DOC.parent / path).is_file()


# -- placement rules -------------------------------------------------------------------------


def test_languages_listed_twice(questions: Path) -> None:
    info = questions / "catalogue.toml"
    edit(info, 'languages = ["de", "en"]', 'languages = ["de", "en", "en"]')
    assert problems(builtin=questions) == [
        at(info, "languages", "languages: must list exactly de, en")
    ]


def test_group_in_a_builtin_file_must_match_catalogue_toml(questions: Path) -> None:
    path = questions / "zugangskontrolle.toml"
    edit(path, 'id = "zugangskontrolle"\n', 'id = "zugangskontrolle"\ngroup = "rahmen"\n')
    assert problems(builtin=questions) == [
        at(
            path,
            'group = "rahmen"',
            "group: built-in categories are placed by catalogue.toml; remove 'group' or make "
            "it match",
        )
    ]
    edit(path, 'group = "rahmen"', 'group = "vertraulichkeit"')
    group = load_catalogue(builtin=questions).group_of("zugangskontrolle")
    assert group is not None and group.id == "vertraulichkeit"


def test_catalogue_toml_in_a_user_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(USER_CATEGORY, folder)
    shutil.copy(builtin_questions_dir() / "catalogue.toml", folder / "catalogue.toml")
    assert problems([folder]) == [
        f"{folder / 'catalogue.toml'}: a user catalogue folder holds category files only; its "
        "catalogue.toml is not used — rename it, or give its categories a 'group'"
    ]
