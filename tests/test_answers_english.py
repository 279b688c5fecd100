"""English versions of free texts: an English export of a German document prints the English
version of every text that has one, and lists every printed text that has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tomwizard.answers.english import NO_ENGLISH, english_version, untranslated_problems
from tomwizard.answers.model import (
    DEFAULT_TITLE_EN,
    AnswersDocument,
    CategoryAnswers,
    Certification,
    CustomMeasure,
    HistoryEntry,
    MeasureAnswer,
    Provider,
)
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document, new_document

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
TRANSLATED = {
    "document.contract_reference": "Data processing agreement of 1 March 2025",
    'history."1.0".changes': "First version",
    'history."1.1".changes': "Data centre added",
    "categories.organisation.description": "We run accounting software as a service.",
    "categories.organisation.answers.beschreibung": "Operation of the accounting software.",
    "categories.zutrittskontrolle.measures.schliesssystem.note": "Transponders.",
    "categories.zugangskontrolle.custom.notfallzugang.label": "Emergency accounts in a vault",
    "categories.zugangskontrolle.custom.notfallzugang.phrase": "Emergency accounts are sealed.",
}
TABLE_CELLS = [
    f"categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1.{column}"
    for column in ("betreiber", "standort", "zertifizierung")
]


def _complete(catalogue: Catalogue) -> AnswersDocument:
    return load_document(FIXTURE, catalogue).document


def _translate(document: AnswersDocument) -> None:
    """Give every printed text of the complete fixture its English version."""
    details = document.document
    details.contract_reference_en = TRANSLATED["document.contract_reference"]
    document.history["1.0"].changes_en = TRANSLATED['history."1.0".changes']
    document.history["1.1"].changes_en = TRANSLATED['history."1.1".changes']
    organisation = document.categories["organisation"]
    organisation.description_en = TRANSLATED["categories.organisation.description"]
    organisation.answers_en = {
        "beschreibung": TRANSLATED["categories.organisation.answers.beschreibung"]
    }
    document.categories["zutrittskontrolle"].measures["schliesssystem"].note_en = TRANSLATED[
        "categories.zutrittskontrolle.measures.schliesssystem.note"
    ]
    custom = document.categories["zugangskontrolle"].custom["notfallzugang"]
    custom.label_en = TRANSLATED["categories.zugangskontrolle.custom.notfallzugang.label"]
    custom.phrase_en = TRANSLATED["categories.zugangskontrolle.custom.notfallzugang.phrase"]


def test_every_printed_german_text_is_listed(catalogue: Catalogue) -> None:
    """Without English versions, every printed text is listed in document order; the hidden
    text answer without a sentence (ueberpruefung.pruefer) and the reason of a measure hidden
    by the answers are not printed, so not listed."""
    document = _complete(catalogue)
    result = english_version(document, catalogue)
    assert result.keys == [*TRANSLATED, *TABLE_CELLS]
    # nothing changed, and the original is untouched
    assert result.document.document.contract_reference == document.document.contract_reference
    assert result.document is not document


def test_english_versions_replace_the_german_texts(catalogue: Catalogue) -> None:
    document = _complete(catalogue)
    _translate(document)
    german = document.model_copy(deep=True)
    result = english_version(document, catalogue)
    assert result.keys == TABLE_CELLS  # table cells not given in English are listed
    english = result.document
    assert english.document.title == DEFAULT_TITLE_EN
    assert english.document.contract_reference == TRANSLATED["document.contract_reference"]
    assert english.history["1.1"].changes == "Data centre added"
    organisation = english.categories["organisation"]
    assert organisation.description.startswith("We run")
    assert organisation.answers["beschreibung"] == "Operation of the accounting software."
    assert (
        organisation.answers["standorte"] == german.categories["organisation"].answers["standorte"]
    )
    measure = english.categories["zutrittskontrolle"].measures["schliesssystem"]
    assert measure.note == "Transponders."
    custom = english.categories["zugangskontrolle"].custom["notfallzugang"]
    assert (custom.label, custom.phrase) == (
        "Emergency accounts in a vault",
        "Emergency accounts are sealed.",
    )
    assert document == german, "the document itself is not changed"


def test_own_title_needs_an_english_version(catalogue: Catalogue) -> None:
    document = new_document(catalogue)
    document.document.title = "TOM der Muster AG"
    assert english_version(document, catalogue).keys == ["document.title"]
    document.document.title_en = "TOMs of Muster AG"
    result = english_version(document, catalogue)
    assert result.keys == []
    assert result.document.document.title == "TOMs of Muster AG"


def test_english_title_of_the_default_title(catalogue: Catalogue) -> None:
    document = new_document(catalogue)
    result = english_version(document, catalogue)
    assert result.document.document.title == DEFAULT_TITLE_EN
    assert result.untranslated == ()
    document.document.title_en = "Annex: security measures"
    assert english_version(document, catalogue).document.document.title == (
        "Annex: security measures"
    )


def test_parties_providers_and_certificates(catalogue: Catalogue) -> None:
    document = new_document(catalogue)
    document.document.processor.function = "Geschäftsführer"
    document.document.controller.function = "Vorstand"
    document.document.controller.function_en = "Board member"
    document.providers["hoster"] = Provider(
        name="Hoster GmbH",
        service="Betrieb der Server",
        certifications={"iso": Certification(standard="ISO/IEC 27001", scope="Rechenzentrum")},
    )
    document.history["1.0"] = HistoryEntry(changes="Erstfassung", changes_en="")
    result = english_version(document, catalogue)
    assert result.keys == [
        "document.processor.function",
        'history."1.0".changes',
        "providers.hoster.service",
        "providers.hoster.certifications.iso.scope",
    ]
    assert result.document.document.controller.function == "Board member"
    provider = document.providers["hoster"]
    provider.service_en = "Server operation"
    provider.certifications["iso"].scope_en = "Data centre"
    english = english_version(document, catalogue).document.providers["hoster"]
    assert (english.service, english.certifications["iso"].scope) == (
        "Server operation",
        "Data centre",
    )


def test_measures_by_status(catalogue: Catalogue) -> None:
    """The remark is printed whatever the status, the reason only when the measure does not
    apply; an undecided measure prints nothing."""
    document = new_document(catalogue)
    document.categories["organisation"] = CategoryAnswers(answers={"standorte": ["buero"]})
    measures = document.categories.setdefault("zutrittskontrolle", CategoryAnswers()).measures
    measures["schliesssystem"] = MeasureAnswer(note="Transponder", reason="alt")
    measures["besucherregelung"] = MeasureAnswer(status="planned", note="bis Herbst")
    measures["alarmanlage"] = MeasureAnswer(
        status="not_applicable", reason="Kein Gebäude", reason_en="No building", note="siehe"
    )
    keys = english_version(document, catalogue).keys
    base = "categories.zutrittskontrolle.measures"
    assert keys == [f"{base}.besucherregelung.note", f"{base}.alarmanlage.note"]
    english = english_version(document, catalogue).document.categories["zutrittskontrolle"]
    assert english.measures["alarmanlage"].reason == "No building"


def test_custom_measures(catalogue: Catalogue) -> None:
    document = new_document(catalogue)
    custom = document.categories.setdefault("zugangskontrolle", CategoryAnswers()).custom
    custom["a"] = CustomMeasure(label="Tresor", phrase="Ein Tresor.", status="planned")
    custom["b"] = CustomMeasure(label="Unentschieden", note="egal")
    custom["c"] = CustomMeasure(
        label="Nicht nötig", status="not_applicable", reason="Kein Bedarf", note="x", note_en="y"
    )
    base = "categories.zugangskontrolle.custom"
    assert english_version(document, catalogue).keys == [
        f"{base}.a.label",  # the sentence of a planned measure is not printed
        f"{base}.c.label",
        f"{base}.c.reason",
    ]
    english = english_version(document, catalogue).document.categories["zugangskontrolle"]
    assert english.custom["c"].note == "y"


def test_hidden_and_unknown_categories_print_nothing(catalogue: Catalogue) -> None:
    document = _complete(catalogue)
    # without an external data centre, the table of data centres is hidden
    document.categories["organisation"].answers["standorte"] = ["buero"]
    document.categories["gibtsnicht"] = CategoryAnswers(description="Unbekannt")
    keys = english_version(document, catalogue).keys
    assert not [k for k in keys if "rechenzentren" in k or "gibtsnicht" in k]


def test_text_parameters(shipped_catalogue: Catalogue) -> None:
    document = new_document(shipped_catalogue)
    answers = document.categories.setdefault("zugangskontrolle", CategoryAnswers())
    answers.measures["passwortmanager"] = MeasureAnswer(
        status="implemented", parameters={"produkt": "KeePassXC (Firmenlizenz)"}
    )
    answers.measures["pam"] = MeasureAnswer(status="planned", parameters={"produkt": "Teleport"})
    result = english_version(document, shipped_catalogue)
    at = "categories.zugangskontrolle.measures"
    assert result.keys == [f"{at}.passwortmanager.parameters.produkt"]
    answers.measures["passwortmanager"].parameters_en = {"produkt": "KeePassXC (company licence)"}
    result = english_version(document, shipped_catalogue)
    assert result.keys == []
    measure = result.document.categories["zugangskontrolle"].measures["passwortmanager"]
    assert measure.parameters == {"produkt": "KeePassXC (company licence)"}


@pytest.mark.parametrize(("document_lang", "export_lang"), [("en", "en"), ("en", "de")])
def test_english_documents_stay_as_they_are(
    catalogue: Catalogue, document_lang: str, export_lang: str
) -> None:
    document = _complete(catalogue)
    document.document.language = document_lang  # type: ignore[assignment]
    document.document.title = "Eigener Titel"
    document.categories["organisation"].description_en = "English"
    result = english_version(document, catalogue, export_lang)  # type: ignore[arg-type]
    assert result.untranslated == ()
    assert result.document is document


def test_german_export_of_a_german_document(catalogue: Catalogue) -> None:
    document = _complete(catalogue)
    _translate(document)
    result = english_version(document, catalogue, "de")
    assert result.document is document and result.untranslated == ()


def test_warnings_name_file_and_line(catalogue: Catalogue) -> None:
    loaded = load_document(FIXTURE, catalogue)
    result = english_version(loaded.document, catalogue)
    problems = untranslated_problems(result.untranslated, loaded.source, lang="en")
    assert str(problems[0]) == (f"{FIXTURE}:12: document.contract_reference: warning: {NO_ENGLISH}")
    note = next(p for p in problems if p.key.endswith("schliesssystem.note"))
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    assert note.line is not None and lines[note.line - 1].startswith("note = ")
    assert all(p.severity == "warning" for p in problems)
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    without_source = untranslated_problems(result.untranslated, name="x.toml", lang="en")
    assert str(without_source[0]) == f"x.toml: document.contract_reference: warning: {NO_ENGLISH}"
    german = untranslated_problems(result.untranslated, name="x.toml", lang="de")
    assert german[0].text("de") == (
        "x.toml: document.contract_reference: Warnung: keine englische Fassung; der deutsche "
        "Text wird gedruckt"
    )


def test_table_cells_have_english_versions(catalogue: Catalogue) -> None:
    """``answers_en.<table>.<row>.<column>`` holds a text cell's English version; a cell
    without one is printed in German and listed."""
    document = _complete(catalogue)
    _translate(document)
    availability = document.categories["verfuegbarkeitskontrolle"]
    availability.answers_en["rechenzentren"] = {
        "rz1": {"betreiber": "Example Hosting Ltd", "standort": "Frankfurt am Main"}
    }
    german = document.model_copy(deep=True)
    result = english_version(document, catalogue)
    assert result.keys == [TABLE_CELLS[2]]
    row = result.document.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"]["rz1"]
    assert (row["betreiber"], row["standort"]) == ("Example Hosting Ltd", "Frankfurt am Main")
    original = german.categories["verfuegbarkeitskontrolle"].answers["rechenzentren"]["rz1"]
    assert row["zertifizierung"] == original["zertifizierung"]
    assert document == german, "the document itself is not changed"
