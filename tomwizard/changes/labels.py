"""The fixed words of ``diff``, ``show`` and the change notice, in German and English: the
names of the fields of an answers file, of statuses and of the sections changes are grouped in.

Catalogue text (category titles, measure and parameter labels) comes from the catalogue; these
are only the words for what the file format itself holds.
"""

from __future__ import annotations

from tomwizard.catalogue.model import Language

_FIELDS: dict[str, tuple[str, str]] = {
    # [document]
    "title": ("Titel", "Title"),
    "language": ("Sprache", "Language"),
    "party_terms": ("Bezeichnung der Parteien", "Names of the parties"),
    "annex_word": ("Bezeichnung der Anlage", "Word for the annex"),
    "annex_number": ("Nummer der Anlage", "Annex number"),
    "contract_reference": ("Vertrag", "Contract"),
    "contract_date": ("Vertragsdatum", "Contract date"),
    "version": ("Version", "Version"),
    "date": ("Stand", "Date"),
    "status": ("Status", "Status"),
    "author": ("Erstellt von", "Author"),
    "approved_by": ("Freigegeben von", "Approved by"),
    "next_review": ("Nächste Überprüfung", "Next review"),
    "last_review": ("Letzte Überprüfung", "Last review"),
    "review_interval_months": ("Überprüfungsintervall", "Review interval"),
    "processor_dpo": ("Datenschutzbeauftragte/r", "Data protection officer"),
    # parties and the data protection officer
    "name": ("Name", "Name"),
    "address": ("Anschrift", "Address"),
    "representative": ("Unterzeichnende Person", "Signatory"),
    "function": ("Funktion", "Function"),
    "place": ("Ort", "Place"),
    "sign_date": ("Datum der Unterschrift", "Date of signing"),
    "organisation": ("Organisation", "Organisation"),
    "email": ("E-Mail", "E-mail"),
    "phone": ("Telefon", "Phone"),
    # history
    "changes": ("Änderungen", "Changes"),
    # categories
    "description": ("Beschreibung", "Description"),
    "reviewed": ("Geprüft am", "Reviewed on"),
    # measures and own measures
    "target_date": ("Umsetzung bis", "Target date"),
    "reason": ("Begründung", "Reason"),
    "note": ("Bemerkung", "Remark"),
    "provided_by": ("Umgesetzt durch", "Implemented by"),
    "shared": ("Gemeinsam umgesetzt", "Implemented jointly"),
    "label": ("Bezeichnung", "Label"),
    "phrase": ("Satz für die Anlage", "Sentence for the annex"),
    "kind": ("Art", "Kind"),
    "question": ("Frage", "Question"),
    "parameters": ("Wert", "Value"),
    # providers and certificates
    "role": ("Rolle", "Role"),
    "service": ("Leistung", "Service"),
    "certifications": ("Zertifikat", "Certificate"),
    "standard": ("Standard", "Standard"),
    "issuer": ("Ausgestellt von", "Issuer"),
    "valid_until": ("Gültig bis", "Valid until"),
    "scope": ("Geltungsbereich", "Scope"),
    # upkeep
    "silenced": ("Stummgeschaltete Prüfregel", "Silenced check rule"),
    "since": ("Seit", "Since"),
    "conflicts": ("Konflikt beim Zusammenführen", "Merge conflict"),
}
"""Field names by key; ``*_en`` fields are named after their German twin (see
:func:`field_label`)."""

_CATEGORY_NOTE = ("Interne Notiz", "Internal note")
"""A category's ``note`` is never exported, unlike a measure's remark."""

_WORDS: dict[str, tuple[str, str]] = {
    "english": ("englisch", "English"),
    "implemented": ("umgesetzt", "implemented"),
    "planned": ("geplant", "planned"),
    "not_applicable": ("nicht anwendbar", "not applicable"),
    "open": ("offen", "open"),
    "planned_until": ("geplant bis {date}", "planned by {date}"),
    "reason_given": ("nicht anwendbar, Begründung: {reason}", "not applicable, reason: {reason}"),
    "new": ("neu", "new"),
    "removed": ("entfernt", "removed"),
    "was": ("bisher", "was"),
    "row": ("Eintrag", "entry"),
    "own": ("eigene Maßnahme", "own measure"),
    "technical": ("technisch", "technical"),
    "organisational": ("organisatorisch", "organisational"),
    "de": ("Deutsch", "German"),
    "en": ("Englisch", "English"),
    "months": ("{n} Monate", "{n} months"),
    "month": ("1 Monat", "1 month"),
    "ours": ("behalten", "kept"),
    "theirs": ("andere Seite", "other side"),
    # section headings
    "section.document": ("Dokument", "Document"),
    "section.history": ("Änderungshistorie", "Change history"),
    "section.providers": ("Dienstleister", "Service providers"),
    "section.upkeep": (
        "Prüfregeln und Konflikte (nicht in der Anlage)",
        "Check rules and conflicts (not in the annex)",
    ),
    "section.answers": ("Antworten", "Answers"),
    # kinds of change (SARIF's rule descriptions)
    "scope.document": ("Angabe zum Dokument", "Document detail"),
    "scope.history": ("Eintrag der Änderungshistorie", "Change history entry"),
    "scope.category": ("Angabe zu einer Kategorie", "Category detail"),
    "scope.answer": ("Antwort", "Answer"),
    "scope.measure": ("Maßnahme", "Measure"),
    "scope.custom": ("Eigene Maßnahme", "Own measure"),
    "scope.provider": ("Dienstleister", "Service provider"),
    "scope.upkeep": ("Prüfregel oder Konflikt", "Check rule or conflict"),
    "action.added": ("hinzugefügt", "added"),
    "action.removed": ("entfernt", "removed"),
    "action.changed": ("geändert", "changed"),
    # summaries
    "count.none": ("Keine Änderungen.", "No changes."),
    "count.one": ("1 Änderung", "1 change"),
    "count.many": ("{n} Änderungen", "{n} changes"),
}


def word(key: str, lang: Language) -> str:
    """A fixed word of this package in ``lang``."""
    de, en = _WORDS[key]
    return de if lang == "de" else en


def field_label(field: str, lang: Language, *, category: bool = False) -> str:
    """The name of a field of the answers file (``note`` -> "Bemerkung"); an English version
    is named after its twin ("Bemerkung (englisch)"); ``category``: a category's own field (its
    ``note`` is internal). A field this table lacks is shown by its key."""
    base = field.removesuffix("_en")
    if category and base == "note":
        de, en = _CATEGORY_NOTE
    else:
        de, en = _FIELDS.get(base, (base, base))
    label = de if lang == "de" else en
    if field.endswith("_en") and base != field:
        label = f"{label} ({word('english', lang)})"
    return label


def kind_of_change(scope: str, action: str, lang: Language) -> str:
    """ "Maßnahme hinzugefügt" / "Measure added": what a rule id of ``diff``'s findings means."""
    return f"{word(f'scope.{scope}', lang)} {word(f'action.{action}', lang)}"


def status_word(status: str | None, lang: Language) -> str:
    """A measure's status in words; ``None`` (not decided) is "offen" / "open"."""
    return word(status or "open", lang)


def count(n: int, lang: Language) -> str:
    """ "3 Änderungen" / "3 changes"; "Keine Änderungen." for none."""
    if n == 0:
        return word("count.none", lang)
    if n == 1:
        return word("count.one", lang)
    return word("count.many", lang).format(n=n)
