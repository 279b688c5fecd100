"""The template variables: what a template sees, as frozen dataclasses.

:mod:`tomwizard.export.context` fills them. Their field descriptions are the reference of
template variables: ``docs/templates.md`` and the file ``tomwizard template init`` writes are
generated from them (:func:`variable_reference`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def _doc(text: str) -> Any:
    return field(metadata={"doc": text})


def _docd(text: str, default: Any) -> Any:
    return field(default=default, metadata={"doc": text})


# -- the variables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInfo:
    """``document``: what the annex says about itself."""

    title: str = _doc("Title of the annex.")
    annex: str = _doc("'Anlage 3' / 'Annex 3', or empty when no annex number is given.")
    annex_number: str = _doc("The annex number alone, e.g. '3'.")
    contract_reference: str = _doc("The data processing agreement this annex belongs to.")
    contract_date: str = _doc("Date of that agreement, formatted; empty if not given.")
    version: str = _doc("Version of this document.")
    date: str = _doc("Date of this version, formatted; empty if not given.")
    status: str = _doc("'Entwurf'/'Draft' or 'Endfassung'/'Final'.")
    is_draft: bool = _doc("True while the status is draft.")
    author: str = _doc("Who wrote the document.")
    approved_by: str = _doc("Who approved it.")
    next_review: str = _doc("When the measures are next reviewed, formatted; may be empty.")


@dataclass(frozen=True)
class PartyInfo:
    """``controller`` and ``processor``: a contracting party."""

    name: str = _doc("Name of the organisation.")
    address: str = _doc("Postal address (line breaks kept).")
    representative: str = _doc("Who signs for the party; empty if not given.")
    function: str = _doc("The signatory's function; empty if not given.")
    place: str = _doc("Place of signing; empty if not given.")
    sign_date: str = _doc("Date of signing, formatted; empty if not given.")
    given: bool = _doc("True if the name, the address or the representative is filled in.")


@dataclass(frozen=True)
class WordForms:
    """``terms.controller``, ``terms.processor`` and ``terms.annex``: a word of the contract in
    the forms a sentence needs. German forms carry their article ("des Auftraggebers"),
    English ones "the" ("the controller's")."""

    label: str = _doc("The word alone, capitalised: 'Auftraggeber', 'Anhang', 'Customer'.")
    heading: str = _doc(
        "For a column heading: the word, with the GDPR role in parentheses when it differs "
        "('Auftraggeber (Verantwortlicher)')."
    )
    nom: str = _doc("Nominative: 'der Auftraggeber', 'dieser Anhang', 'the controller'.")
    nom_cap: str = _doc("The same at the start of a sentence: 'Der Auftraggeber'.")
    gen: str = _doc("Genitive: 'des Auftraggebers', 'dieses Anhangs', \"the controller's\".")
    dat: str = _doc("Dative: 'dem Auftraggeber', 'diesem Anhang', 'the controller'.")
    acc: str = _doc("Accusative: 'den Auftraggeber', 'diesen Anhang', 'the controller'.")


@dataclass(frozen=True)
class TermsInfo:
    """``terms``: the contract's words for the parties and the annex (document settings
    ``party_terms``, ``annex_word``, ``annex_word_en``). Every fixed text of a template should
    use them."""

    controller: WordForms = _doc("The controller: Auftraggeber, Verantwortlicher or Kunde.")
    processor: WordForms = _doc("The processor: Auftragnehmer, Auftragsverarbeiter or Anbieter.")
    annex: WordForms = _doc("This annex: 'diese Anlage', 'dieser Anhang', 'this annex'.")


@dataclass(frozen=True)
class OfficerInfo:
    """``dpo``: the processor's data protection officer."""

    name: str = _doc("Name (person or external service).")
    organisation: str = _doc("Organisation of an external officer.")
    email: str = _doc("E-mail address.")
    phone: str = _doc("Telephone number.")
    address: str = _doc("Postal address (line breaks kept).")
    contact: str = _doc("Name, organisation, e-mail and phone joined by commas, for one line.")
    given: bool = _doc("True if any of the fields is filled in.")


@dataclass(frozen=True)
class HistoryInfo:
    """An entry of ``history``, the change history (in file order)."""

    version: str = _doc("Document version.")
    date: str = _doc("Date, formatted; may be empty.")
    author: str = _doc("Who made the change.")
    changes: str = _doc("What changed.")


@dataclass(frozen=True)
class ParameterInfo:
    """An entry of ``measure.parameters``: a parameter with its value."""

    label: str = _doc("Name of the parameter, e.g. 'Mindestlänge'.")
    value: str = _doc("Value with its unit, e.g. '12 Zeichen'.")


@dataclass(frozen=True)
class MeasureInfo:
    """A measure (catalogue or own) in ``category.implemented``, ``category.planned``,
    ``category.not_applicable`` and the document-wide ``planned`` / ``not_applicable`` lists."""

    id: str = _doc("Id of the measure.")
    label: str = _doc("Short name, e.g. 'Passwortrichtlinie'.")
    text: str = _doc("Complete sentence for the annex, parameters filled in.")
    summary: str = _doc(
        "Short name with its parameters, e.g. 'Passwortrichtlinie – Mindestlänge: 12 Zeichen'."
    )
    parameters: list[ParameterInfo] = _doc("The parameters that have a value.")
    details: str = _doc(
        "The parameters as one line, e.g. 'Mindestlänge: 12 Zeichen; Zeichenklassen: drei'; "
        "empty without parameters."
    )
    note: str = _doc("The remark entered for this measure; may be empty.")
    note_sentence: str = _doc("The remark as a sentence of its own (with a final full stop).")
    target_date: str = _doc("For planned measures: by when, formatted; may be empty.")
    reason: str = _doc("For measures that do not apply: why.")
    reason_sentence: str = _doc("The reason as a sentence of its own (with a final full stop).")
    custom: bool = _doc("True for a measure the user wrote (not from the catalogue).")
    status: str = _doc("'implemented', 'planned', 'not_applicable' or '' (undecided).")
    category: str = _doc("Title of the category the measure belongs to.")
    category_number: str = _doc(
        "Number of that category, e.g. '2.1'; empty when the category has no section of its own."
    )
    kind: str = _doc("'technical', 'organisational' or '' (an own measure without a kind).")
    provider: str = _doc(
        "Who implements the measure, as a sentence ('Umgesetzt durch den Hoster X.'), when "
        "it differs from the category's provider; empty otherwise."
    )


@dataclass(frozen=True)
class CertificationInfo:
    """An entry of ``provider.certifications``."""

    standard: str = _doc("e.g. 'ISO/IEC 27001'.")
    issuer: str = _doc("Who issued it; may be empty.")
    valid_until: str = _doc("Last day of validity, formatted; may be empty.")
    scope: str = _doc("What it covers; may be empty.")
    text: str = _doc("All of it as one line, e.g. 'ISO/IEC 27001 (TÜV Rheinland, bis 2027)'.")


@dataclass(frozen=True)
class ProviderInfo:
    """An entry of ``providers``: a service provider the annex names."""

    id: str = _doc("Id of the provider in the answers file.")
    name: str = _doc("Name.")
    role: str = _doc("Role in words, e.g. 'Rechenzentrumsbetreiber' / 'data centre operator'.")
    service: str = _doc("What the provider does for the processing; may be empty.")
    certifications: list[CertificationInfo] = _doc("Its certificates.")


@dataclass(frozen=True)
class TableInfo:
    """A table question's answer: in ``category.tables``, ``data_centres``, ``certifications``."""

    id: str = _doc("'category.question', e.g. 'verfuegbarkeitskontrolle.rechenzentren'.")
    title: str = _doc("The question as asked in the wizard.")
    columns: list[str] = _doc(
        "Column headings, in order, without the columns that are empty in every row."
    )
    rows: list[dict[str, str]] = _doc(
        "Rows: each maps a column id (e.g. 'betreiber') to its formatted text ('' if empty); "
        "every column of the question, also the left-out ones."
    )
    cells: list[list[str]] = _doc("The rows as lists of texts, one per entry of ``columns``.")


@dataclass(frozen=True)
class KindRowInfo:
    """An entry of ``category.kind_rows``: one line of a two-column table "technical |
    organisational"."""

    technical: MeasureInfo | None = _doc("A technical measure, or none when that column ends.")
    organisational: MeasureInfo | None = _doc("An organisational measure, or none.")


@dataclass(frozen=True)
class CategoryInfo:
    """An entry of ``group.categories``: one TOM category with everything answered in it."""

    id: str = _doc("Id, e.g. 'zutrittskontrolle'.")
    number: str = _doc("Section number, e.g. '2.1'.")
    title: str = _doc("Title, e.g. 'Zutrittskontrolle'.")
    purpose: str = _doc("One sentence: what the control is for.")
    references: str = _doc("Legal references joined by '; '.")
    description: str = _doc("The user's free-text description of the category; may be empty.")
    statements: list[str] = _doc("Sentences from the answers to the category's other questions.")
    implemented: list[MeasureInfo] = _doc("Implemented measures (catalogue and own), in order.")
    technical: list[MeasureInfo] = _doc("The implemented measures of kind 'technical'.")
    organisational: list[MeasureInfo] = _doc("The implemented measures of kind 'organisational'.")
    unkinded: list[MeasureInfo] = _doc("Implemented own measures without a kind.")
    kind_rows: list[KindRowInfo] = _doc(
        "``technical`` and ``organisational`` side by side, for a two-column table."
    )
    planned: list[MeasureInfo] = _doc("Planned measures.")
    not_applicable: list[MeasureInfo] = _doc("Measures marked as not applicable, with reasons.")
    tables: list[TableInfo] = _doc("Answered table questions of the category.")
    provider: str = _doc(
        "Who implements the category's measures, as a sentence, when a provider, the "
        "controller or both parties are named for the whole category; empty otherwise."
    )
    own_heading: bool = _doc(
        "False when the category is the only one of its group and has the group's title: "
        "the group's heading stands for both (and ``number`` is the group's)."
    )
    empty: bool = _doc(
        "Always false: a category with nothing implemented, described or stated is left out "
        "of ``groups`` (its planned and not applicable measures are still listed)."
    )


@dataclass(frozen=True)
class GroupInfo:
    """An entry of ``groups``: an Art. 32 block (e.g. Vertraulichkeit) with its categories."""

    id: str = _doc("Id, e.g. 'vertraulichkeit'.")
    number: str = _doc("Section number, e.g. '2'.")
    title: str = _doc("Title, e.g. 'Vertraulichkeit'.")
    references: str = _doc("Legal references joined by '; '.")
    categories: list[CategoryInfo] = _doc("Its categories that apply, in catalogue order.")


@dataclass(frozen=True)
class ExportContext:
    """Everything a template can use. Top-level variables are the fields of this class."""

    lang: str = _doc("Language of the export: 'de' or 'en'.")
    document: DocumentInfo = _doc("The annex's own details.")
    controller: PartyInfo = _doc("The controller (Auftraggeber).")
    processor: PartyInfo = _doc("The processor (Auftragnehmer).")
    dpo: OfficerInfo = _doc("The processor's data protection officer.")
    terms: TermsInfo = _doc("The contract's words for the parties and the annex.")
    history: list[HistoryInfo] = _doc("The change history.")
    history_table: TableInfo | None = _doc(
        "The change history as a table (columns that are empty throughout left out); none "
        "without history."
    )
    scope: list[str] = _doc(
        "Paragraphs describing the processing: descriptions and answers of the categories "
        "without measures (e.g. 'Rahmenbedingungen')."
    )
    groups: list[GroupInfo] = _doc("The measures, grouped by the Art. 32 structure.")
    planned: list[MeasureInfo] = _doc("All planned measures of the document, in order.")
    not_applicable: list[MeasureInfo] = _doc("All measures marked as not applicable.")
    providers: list[ProviderInfo] = _doc("The service providers of the document, in order.")
    providers_table: TableInfo | None = _doc(
        "The service providers as a table (name, role, service, certifications; empty "
        "columns left out); none without providers."
    )
    planned_dated: bool = _doc("True if any planned measure has a target date.")
    data_centres: TableInfo | None = _doc("The data centres table, or none if not answered.")
    certifications: TableInfo | None = _doc("The certificates table, or none if not answered.")
    catalogue: str = _doc("Catalogue id and version, e.g. 'tomwizard 1.0.0'.")
    generated: str = _doc("Date of the export, formatted.")

    def as_dict(self) -> dict[str, Any]:
        """The top-level variables by name (objects stay objects, for attribute access)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


# -- the reference ----------------------------------------------------------------------------


def variable_reference() -> str:
    """Every template variable with its description, as Markdown (for docs and ``template
    init``)."""
    lines: list[str] = []
    seen: set[type] = set()

    def describe(cls: type, heading: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        lines.extend([f"### {heading}", "", (cls.__doc__ or "").strip(), ""])
        nested: list[tuple[type, str]] = []
        lines.extend(["| Variable | Type | Meaning |", "| --- | --- | --- |"])
        for item in dataclasses.fields(cls):
            kind = str(item.type).replace(" | None", " or none")
            lines.append(f"| `{item.name}` | {kind} | {item.metadata.get('doc', '')} |")
            for candidate in _CLASSES:
                if candidate.__name__ in kind:
                    nested.append((candidate, candidate.__name__))
        lines.append("")
        for candidate, name in nested:
            describe(candidate, name)

    describe(ExportContext, "Top-level variables")
    return "\n".join(lines)


_CLASSES: tuple[type, ...] = (
    DocumentInfo,
    PartyInfo,
    TermsInfo,
    WordForms,
    OfficerInfo,
    HistoryInfo,
    GroupInfo,
    CategoryInfo,
    MeasureInfo,
    ParameterInfo,
    TableInfo,
    KindRowInfo,
    ProviderInfo,
    CertificationInfo,
)
