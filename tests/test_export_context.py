"""The export context: what templates see, built from the seed examples and edited copies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from tomwizard.answers.model import AnswersDocument, CustomMeasure, MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document
from tomwizard.export import variables
from tomwizard.export.context import build_context
from tomwizard.export.text import comparable, for_document
from tomwizard.export.variables import ExportContext, variable_reference

EXAMPLES = Path(__file__).parent.parent / "examples"

TODAY = dt.date(2025, 1, 1)


def _example(name: str, catalogue: Catalogue) -> AnswersDocument:
    return load_document(EXAMPLES / name, catalogue).document


@pytest.fixture
def dsn(shipped_catalogue: Catalogue) -> AnswersDocument:
    return _example("datenschutz-nord-anhang3.toml", shipped_catalogue)


def _all_strings(value: object) -> list[str]:
    """Every string anywhere in a context (for 'is this shown anywhere?')."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _all_strings(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _all_strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _all_strings(item)]
    return []


def _measure(context: ExportContext, category_id: str, measure_id: str) -> variables.MeasureInfo:
    for group in context.groups:
        for category in group.categories:
            if category.id == category_id:
                for measure in [*category.implemented, *category.planned, *category.not_applicable]:
                    if measure.id == measure_id:
                        return measure
    raise AssertionError(f"{category_id}.{measure_id} not in the context")


def test_seed_example_structure(dsn: AnswersDocument, shipped_catalogue: Catalogue) -> None:
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    assert context.document.annex == "Anhang 3"  # the contract's own word
    assert context.document.contract_date == "27.06.2023"
    assert context.document.status == "Entwurf" and context.document.is_draft
    assert context.processor.name == "datenschutz nord GmbH"
    assert context.processor.address == "Konsul-Smidt-Straße 88\nBremen".replace(
        "Bremen", "28217 Bremen"
    )
    assert context.dpo.given and "dsb@dsn-group.de" in context.dpo.contact
    # the organisation category has no checklist: it describes the processing
    assert any("privacy port" in paragraph for paragraph in context.scope)
    assert all(c.id != "organisation" for g in context.groups for c in g.categories)
    # numbering follows the groups that have categories
    numbers = [(g.number, [c.number for c in g.categories]) for g in context.groups]
    assert numbers[0] == ("1", ["1.1", "1.2", "1.3", "1.4"])
    assert context.data_centres is not None
    assert context.data_centres.rows[0]["betreiber"].startswith("PLUTEX GmbH")
    assert context.data_centres.rows[0]["nutzung"] == "Produktivbetrieb"  # option label
    # certificates are the providers' (the seed names PLUTEX's ISO/IEC 27001)
    plutex = next(p for p in context.providers if p.name.startswith("PLUTEX"))
    assert [c.standard for c in plutex.certifications] == ["ISO/IEC 27001"]
    assert context.generated == "01.01.2025"


def test_measure_text_fills_parameters(dsn: AnswersDocument, shipped_catalogue: Catalogue) -> None:
    dsn.categories["zugangskontrolle"].measures["kontosperre"] = MeasureAnswer(
        status="implemented", parameters={"versuche": 5, "entsperrung": "zeitweise"}
    )
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    lockout = _measure(context, "zugangskontrolle", "kontosperre")
    measure = shipped_catalogue.measure("zugangskontrolle", "kontosperre")
    assert measure is not None
    versuche = next(p for p in measure.parameters if p.id == "versuche")
    entsperrung = next(p for p in measure.parameters if p.id == "entsperrung")
    option = next(o for o in entsperrung.options if o.id == "zeitweise")
    shown = (option.phrase or option.label).de
    assert " 5 " in lockout.text and shown in lockout.text
    assert not re.search(r"[\[\]{}]", lockout.text)
    assert f"{versuche.label.de}: 5" in lockout.summary
    assert [p.label for p in lockout.parameters] == [versuche.label.de, entsperrung.label.de]
    english = build_context(dsn, shipped_catalogue, "en", TODAY)
    text = _measure(english, "zugangskontrolle", "kontosperre").text
    assert " 5 " in text and (option.phrase or option.label).en in text
    assert english.document.contract_date == "27 June 2023"
    assert english.document.annex == "Appendix 3"


def test_optional_values_not_given_drop_their_clause(
    dsn: AnswersDocument, shipped_catalogue: Catalogue
) -> None:
    dsn.categories["zugangskontrolle"].measures["kontosperre"] = MeasureAnswer(status="implemented")
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    text = _measure(context, "zugangskontrolle", "kontosperre").text
    assert text.endswith(".") and not re.search(r"[\[\]{}]|fehlt|\d", text)


def test_statuses_custom_measures_and_notes(
    dsn: AnswersDocument, shipped_catalogue: Catalogue
) -> None:
    zugang = dsn.categories["zugangskontrolle"]
    zugang.measures["kontosperre"] = MeasureAnswer(
        status="planned", target_date=dt.date(2026, 3, 31), parameters={"versuche": 7.5}
    )
    zugang.measures["standardpasswoerter"] = MeasureAnswer(
        status="not_applicable", reason="Keine Geräte mit Werkspasswörtern."
    )
    zugang.custom["tresor"] = CustomMeasure(
        label="Passwort-Tresor", phrase="Notfallpasswörter liegen im Tresor.", status="implemented"
    )
    zugang.custom["idee"] = CustomMeasure(label="Hardware-Token", status="planned")
    zugang.note = "INTERNAL-ONLY"
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    planned = _measure(context, "zugangskontrolle", "kontosperre")
    assert planned.status == "planned" and planned.target_date == "31.03.2026"
    assert "7,5" in planned.text  # German decimal comma
    assert [m.id for m in context.planned] == ["kontosperre", "idee"]
    assert context.planned[0].category == "Zugangskontrolle"
    assert context.planned[0].category_number == "1.2"
    assert [(m.id, m.reason) for m in context.not_applicable] == [
        ("standardpasswoerter", "Keine Geräte mit Werkspasswörtern.")
    ]
    category = next(c for g in context.groups for c in g.categories if c.id == "zugangskontrolle")
    implemented = [m.id for m in category.implemented]
    assert "kontosperre" not in implemented and "standardpasswoerter" not in implemented
    custom = next(m for m in category.implemented if m.id == "tresor")
    assert custom.custom and custom.text == "Notfallpasswörter liegen im Tresor."
    assert custom.summary == "Passwort-Tresor"
    zutritt = dsn.categories["zutrittskontrolle"].measures["schluesselverwaltung"]
    zutritt.note = "Gilt für Schlüssel und Transponder."
    noted = build_context(dsn, shipped_catalogue, "de", TODAY)
    assert _measure(noted, "zutrittskontrolle", "schluesselverwaltung").note == (
        "Gilt für Schlüssel und Transponder."
    )
    assert "INTERNAL-ONLY" not in " ".join(_all_strings(context))


def test_hidden_things_are_not_exported(dsn: AnswersDocument, shipped_catalogue: Catalogue) -> None:
    # no external data centre: the data centre table (which depends on it) disappears
    dsn.categories["organisation"].answers["standorte"] = ["buero"]
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    assert context.data_centres is None
    assert "PLUTEX GmbH, Hermann-Ritter-Straße 110, 28197 Bremen" not in _all_strings(context)


def test_user_text_is_cleaned_and_laid_out(
    dsn: AnswersDocument, shipped_catalogue: Catalogue
) -> None:
    dsn.document.processor.name = "R&D <GmbH>\x01\x0b {{ x }} {_{ y }_}"
    dsn.categories["zugangskontrolle"].description = "Erster Absatz\r\nZeile 2\r\n\r\n\r\nZweiter"
    dsn.categories["zugangskontrolle"].measures["kontosperre"].note = "Eins\n\nZwei"
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    # a remark stands in a bullet or sentence: its blank line becomes a line break
    assert _measure(context, "zugangskontrolle", "kontosperre").note == "Eins\nZwei"
    assert context.processor.name == "R&D <GmbH> {{ x }} {\u2060_{ y }_\u2060}"
    assert comparable(context.processor.name) == "R&D <GmbH> {{ x }} {_{ y }_}"
    category = next(c for g in context.groups for c in g.categories if c.id == "zugangskontrolle")
    assert category.description == "Erster Absatz\nZeile 2\aZweiter"


def test_empty_document(shipped_catalogue: Catalogue) -> None:
    from tomwizard.disk.storage import new_document

    context = build_context(new_document(shipped_catalogue, "en"), shipped_catalogue, "en", TODAY)
    assert context.document.annex == "" and context.document.is_draft
    assert context.scope == [] and context.planned == [] and context.data_centres is None
    assert context.groups == []  # nothing to say: no empty category sections


def test_every_variable_is_documented() -> None:
    reference = variable_reference()
    for cls in (ExportContext, *variables._CLASSES):
        for item in dataclasses.fields(cls):
            assert item.metadata.get("doc"), f"{cls.__name__}.{item.name} has no description"
            assert f"| `{item.name}` |" in reference
        assert f"### {cls.__name__}" in reference or cls is ExportContext


def test_docs_list_every_variable() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    assert variable_reference() in guide, (
        "docs/templates.md is stale; run: python scripts/update_template_docs.py"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("  padded  ", "padded"),
        ("a\n\n\nb", "a\ab"),
        ("bell\x07 and tab\t", "bell and tab"),
        ("\ufffe\uffff", ""),
    ],
)
def test_for_document(text: str, expected: str) -> None:
    assert for_document(text) == expected


def test_english_annex_cites_the_gdpr_in_english(
    dsn: AnswersDocument, shipped_catalogue: Catalogue
) -> None:
    from tomwizard.export.citations import cite

    assert cite("Art. 32 Abs. 1 lit. b DSGVO", "en") == "Art. 32(1)(b) GDPR"
    assert cite("Art. 4 Nr. 5 DSGVO", "en") == "Art. 4(5) GDPR"
    assert cite("Art. 37 bis 39 DSGVO", "en") == "Arts. 37 to 39 GDPR"
    assert cite("Art. 32 Abs. 1 lit. b DSGVO", "de") == "Art. 32 Abs. 1 lit. b DSGVO"
    english = build_context(dsn, shipped_catalogue, "en", TODAY)
    references = [g.references for g in english.groups] + [
        c.references for g in english.groups for c in g.categories
    ]
    assert references and all("GDPR" in r for r in references if r)
    assert not any(re.search(r"DSGVO|Abs\.|lit\.", r) for r in references)


def test_categories_without_content_are_left_out(
    dsn: AnswersDocument, shipped_catalogue: Catalogue
) -> None:
    """No heading without content: a category whose measures are all planned has no section;
    its planned measure is listed, without a section number."""
    from tomwizard.answers.model import CategoryAnswers
    from tomwizard.catalogue.model import ChecklistQuestion

    category, measure = next(
        (c, m)
        for c in shipped_catalogue.categories
        if not c.when and c.id in dsn.categories
        for q in c.questions
        if isinstance(q, ChecklistQuestion) and not q.when
        for m in q.measures
        if not m.when
    )
    dsn.categories[category.id] = CategoryAnswers(
        measures={
            m: MeasureAnswer(status="planned", target_date=dt.date(2026, 1, 1))
            for m in [measure.id]
        }
    )
    context = build_context(dsn, shipped_catalogue, "de", TODAY)
    ids = [c.id for g in context.groups for c in g.categories]
    assert category.id not in ids
    planned = next(m for m in context.planned if m.id == measure.id)
    assert planned.category == category.title.de and planned.category_number == ""
    numbers = [c.number for g in context.groups for c in g.categories]
    assert len(numbers) == len(set(numbers))
    assert not [c for g in context.groups for c in g.categories if c.empty]


@pytest.mark.parametrize(
    ("minutes", "german", "english"),
    [
        (120, "2 Stunden", "2 hours"),
        (60, "1 Stunde", "1 hour"),
        (90, "90 Minuten", "90 minutes"),
        (1, "1 Minute", "1 minute"),
    ],
)
def test_numbers_are_printed_in_natural_units(
    dsn: AnswersDocument, shipped_catalogue: Catalogue, minutes: int, german: str, english: str
) -> None:
    """A whole number of hours given in minutes reads as hours, in the sentence and in the
    checklist's values (2 Stunden, not 120 Minuten)."""
    dsn.categories["zugangskontrolle"].measures["kontosperre"] = MeasureAnswer(
        status="implemented", parameters={"versuche": 5, "sperrdauer": minutes}
    )
    for lang, expected in (("de", german), ("en", english)):
        context = build_context(dsn, shipped_catalogue, lang, TODAY)  # type: ignore[arg-type]
        lockout = _measure(context, "zugangskontrolle", "kontosperre")
        assert f" {expected}" in lockout.text
        assert lockout.details.endswith(f": {expected}")


def test_a_missing_required_value_prints_the_label_never_a_placeholder(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """A draft may lack a required value: the annex then says only the measure's name (less,
    never something untrue, never "[…: fehlt]")."""
    text = complete_file.read_text(encoding="utf-8")
    complete_file.write_text(text.replace('intervall = "taeglich"\n', ""), encoding="utf-8")
    document = load_document(complete_file, catalogue).document
    context = build_context(document, catalogue, "de", TODAY)
    backup = _measure(context, "verfuegbarkeitskontrolle", "backup")
    spec = catalogue.measure("verfuegbarkeitskontrolle", "backup")
    assert spec is not None and any(p.required for p in spec.parameters)
    assert backup.text == f"{spec.label.de}."
    assert "fehlt" not in backup.text and "{" not in backup.text
