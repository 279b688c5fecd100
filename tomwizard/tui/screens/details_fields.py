"""The fields of the document-details screen: what each edits in ``[document]``, its type and
its label in German and English, the choices of the choice fields and the limits of the number
fields. Data only; :mod:`tomwizard.tui.screens.details` builds the form from it."""

from __future__ import annotations

from typing import Any

from tomwizard.catalogue.model import Language, Option, Parameter, Text

FieldPath = tuple[str, ...]

FIELDS: list[tuple[FieldPath, str, str, str]] = [
    # (path in DocumentDetails, type, German label, English label)
    (("title",), "text", "Titel der Anlage", "Title of the annex"),
    (
        ("party_terms",),
        "choice",
        "Bezeichnung der Parteien im Vertrag",
        "The contract's party words",
    ),
    (("annex_word",), "choice", "Anlage oder Anhang", "German word for the annex"),
    (("annex_word_en",), "choice", "Englisch: Annex oder Appendix", "English word for the annex"),
    (("annex_number",), "text", "Nummer der Anlage", "Annex number"),
    (("contract_reference",), "text", "Vertrag (Titel)", "Contract (title)"),
    (("contract_date",), "date", "Vertragsdatum", "Contract date"),
    (("version",), "text", "Version des Dokuments", "Document version"),
    (("date",), "date", "Datum dieser Version", "Date of this version"),
    (("status",), "choice", "Status", "Status"),
    (("author",), "text", "Verfasst von", "Author"),
    (("approved_by",), "text", "Freigegeben von", "Approved by"),
    (("next_review",), "date", "Nächste Überprüfung", "Next review"),
    (("last_review",), "date", "Letzte Überprüfung (gesamt)", "Last review (as a whole)"),
    (
        ("review_interval_months",),
        "number",
        "Prüfintervall je Kategorie",
        "Review interval per category",
    ),
    (("controller", "name"), "text", "Auftraggeber (Verantwortlicher)", "Controller"),
    (("controller", "address"), "multiline", "Anschrift des Auftraggebers", "Controller's address"),
    (("controller", "representative"), "text", "Unterzeichnet von (Name)", "Signed by (name)"),
    (("controller", "function"), "text", "Funktion", "Function"),
    (("controller", "place"), "text", "Ort der Unterschrift", "Place of signing"),
    (("controller", "sign_date"), "date", "Datum der Unterschrift", "Date of signing"),
    (("processor", "name"), "text", "Auftragnehmer (Auftragsverarbeiter)", "Processor"),
    (("processor", "address"), "multiline", "Anschrift des Auftragnehmers", "Processor's address"),
    (("processor", "representative"), "text", "Unterzeichnet von (Name)", "Signed by (name)"),
    (("processor", "function"), "text", "Funktion", "Function"),
    (("processor", "place"), "text", "Ort der Unterschrift", "Place of signing"),
    (("processor", "sign_date"), "date", "Datum der Unterschrift", "Date of signing"),
    (("processor_dpo", "name"), "text", "Datenschutzbeauftragte/r", "Data protection officer"),
    (("processor_dpo", "organisation"), "text", "Organisation (extern)", "Organisation (external)"),
    (("processor_dpo", "email"), "text", "E-Mail", "E-mail"),
    (("processor_dpo", "phone"), "text", "Telefon", "Phone"),
    (("processor_dpo", "address"), "multiline", "Anschrift", "Address"),
]

ENGLISH: dict[FieldPath, tuple[FieldPath, str, str, str]] = {
    # fields asked for in a German document, after the field they translate
    ("title",): (
        ("title_en",),
        "text",
        "Titel, englische Fassung (leer: Standardtitel)",
        "Title, English version (empty: the standard title)",
    ),
    ("contract_reference",): (
        ("contract_reference_en",),
        "text",
        "Vertrag, englische Fassung",
        "Contract, English version",
    ),
    ("controller", "function"): (
        ("controller", "function_en"),
        "text",
        "Funktion, englische Fassung",
        "Function, English version",
    ),
    ("processor", "function"): (
        ("processor", "function_en"),
        "text",
        "Funktion, englische Fassung",
        "Function, English version",
    ),
}


def fields_of(document_language: Language) -> list[tuple[FieldPath, str, str, str]]:
    """The fields of the form; in a German document with the English versions."""
    fields: list[tuple[FieldPath, str, str, str]] = []
    for field in FIELDS:
        fields.append(field)
        if document_language == "de" and field[0] in ENGLISH:
            fields.append(ENGLISH[field[0]])
    return fields


def _options(*choices: tuple[str, str, str]) -> list[Option]:
    return [Option(id=i, label=Text(de=de, en=en)) for i, de, en in choices]


CHOICES: dict[FieldPath, list[Option]] = {
    ("status",): _options(
        ("draft", "Entwurf", "draft"), ("final", "final (freigegeben)", "final (approved)")
    ),
    ("party_terms",): _options(
        (
            "auftraggeber",
            "Auftraggeber / Auftragnehmer",
            "Auftraggeber/Auftragnehmer (controller/processor)",
        ),
        (
            "verantwortlicher",
            "Verantwortlicher / Auftragsverarbeiter",
            "Verantwortlicher/Auftragsverarbeiter (controller/processor)",
        ),
        ("kunde", "Kunde / Anbieter", "Kunde/Anbieter (customer/provider)"),
    ),
    # option ids are lower case; the document holds the words ("Anhang")
    ("annex_word",): _options(("anlage", "Anlage", "Anlage"), ("anhang", "Anhang", "Anhang")),
    ("annex_word_en",): _options(("annex", "Annex", "Annex"), ("appendix", "Appendix", "Appendix")),
}
"""The choices of the choice fields; they always have a value."""
WORDS = (("annex_word",), ("annex_word_en",))
"""Choice fields whose document value is the option's word ("Anhang"), not its id."""
DATES = ("contract_date", "date", "next_review", "last_review", "sign_date")
"""Date fields (by their last key): emptied, they hold no date rather than an empty text."""
NUMBERS: dict[FieldPath, dict[str, Any]] = {
    # as DocumentDetails allows them: checked as typed, never stored out of range
    ("review_interval_months",): {
        "integer": True,
        "min": 1,
        "max": 120,
        "unit": Text(de="Monate", en="months"),
    },
}
"""Number fields and their limits (emptied, they hold no number)."""


def field_spec(path: FieldPath, kind: str, de: str, en: str) -> Parameter:
    """A field of the table as the parameter a :class:`ValueField` edits."""
    return Parameter(
        id="-".join(path),
        type="text" if kind == "multiline" else kind,  # type: ignore[arg-type]
        label=Text(de=de, en=en),
        options=CHOICES.get(path, []),
        **NUMBERS.get(path, {}),
    )
