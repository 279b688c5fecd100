"""The answers document: what a user's ``*.toml`` file holds.

Everything is keyed by stable ids (TOML tables, never arrays of inline tables) so that files diff
well in git and stay easy to edit by hand::

    schema_version = 1
    tomwizard_version = "0.1.0"

    [catalogue]
    id = "tomwizard"
    version = "0.1.0"

    [document]
    title = "Technische und organisatorische Maßnahmen"
    status = "draft"
    ...

    [history."1.0"]
    date = 2025-03-01
    changes = "Erstfassung"

    [categories.zugangskontrolle.answers]
    bildschirmsperre = 5

    [categories.zugangskontrolle.measures.passwortrichtlinie]
    status = "implemented"
    parameters = { mindestlaenge = 12 }

    [categories.zugangskontrolle.custom.tresor]
    label = "Passwort-Tresor für Notfallzugänge"
    status = "implemented"

Answers are stored whatever the catalogue says today: values of hidden questions and ids the
catalogue no longer knows are kept (and reported by :mod:`tomwizard.answers.check`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, field_validator

from tomwizard import __version__
from tomwizard.answers.base import (
    SCHEMA_VERSION,
    STATUSES,
    AnswerValue,
    Key,
    Scalar,
    Status,
    Str,
    VersionKey,
    _Model,
    _normalise_newlines,
    version_key_problem,
)
from tomwizard.answers.upkeep import Conflict, RuleId, Silenced

__all__ = [
    "SCHEMA_VERSION",
    "STATUSES",
    "AnswerValue",
    "Key",
    "Scalar",
    "Status",
    "Str",
    "VersionKey",
    "version_key_problem",
]
"""Names of :mod:`tomwizard.answers.base` that callers import from here (the module's own
classes are public anyway)."""


class CatalogueRef(_Model):
    """The catalogue the answers were given against."""

    id: Str = Field(description="Catalogue id, e.g. 'tomwizard'.")
    version: Str = Field(description="Catalogue version the answers were last saved with.")


class Party(_Model):
    """A contracting party."""

    name: Str = Field("", description="Name of the organisation.")
    address: Str = Field("", description="Postal address; several lines allowed.")
    representative: Str = Field("", description="Who signs for the party (name).")
    function: Str = Field("", description="The signatory's function, e.g. 'Geschäftsführer'.")
    function_en: Str = Field("", description="English version of the function.")
    place: Str = Field("", description="Place of signing, if known.")
    sign_date: dt.date | None = Field(None, description="Date of signing, if known.")


class DataProtectionOfficer(_Model):
    """The processor's data protection officer."""

    name: Str = Field("", description="Name (person or external service).")
    organisation: Str = Field("", description="Organisation of an external officer.")
    email: Str = ""
    phone: Str = ""
    address: Str = Field("", description="Postal address; several lines allowed.")


DEFAULT_TITLE = "Technische und organisatorische Maßnahmen"
DEFAULT_TITLE_EN = "Technical and organisational measures"
PartyTerms = Literal["auftraggeber", "verantwortlicher", "kunde"]
PARTY_TERMS: tuple[PartyTerms, ...] = ("auftraggeber", "verantwortlicher", "kunde")


class DocumentDetails(_Model):
    """What the annex says about itself."""

    title: Str = Field(DEFAULT_TITLE, description="Title of the annex.")
    title_en: Str = Field("", description="English title (English exports of a German title).")
    language: Literal["de", "en"] = Field("de", description="Language of the annex.")
    party_terms: PartyTerms = Field(
        "auftraggeber",
        description="The contract's words for the parties: 'auftraggeber' (Auftraggeber/"
        "Auftragnehmer), 'verantwortlicher' (Verantwortlicher/Auftragsverarbeiter) or 'kunde' "
        "(Kunde/Anbieter); in English controller/processor, or customer/provider for 'kunde'.",
    )
    annex_word: Literal["Anlage", "Anhang"] = Field(
        "Anlage", description="What the contract calls its annexes in German."
    )
    annex_word_en: Literal["Annex", "Appendix"] = Field(
        "Annex", description="What the contract calls its annexes in English."
    )
    annex_number: Str = Field("", description="Number of the annex, e.g. '1' for 'Anlage 1'.")
    contract_reference: Str = Field(
        "", description="Title of the data processing agreement this annex belongs to."
    )
    contract_reference_en: Str = Field("", description="English version of the contract title.")
    contract_date: dt.date | None = Field(None, description="Date of that agreement.")
    version: Str = Field("1.0", description="Version of this document.")
    date: dt.date | None = Field(None, description="Date of this version.")
    status: Literal["draft", "final"] = Field("draft", description="'draft' or 'final'.")
    author: Str = ""
    approved_by: Str = ""
    next_review: dt.date | None = Field(None, description="When the measures are next reviewed.")
    last_review: dt.date | None = Field(
        None, description="When the measures were last reviewed as a whole."
    )
    review_interval_months: int | None = Field(
        None,
        ge=1,
        le=120,
        description="How often each category is reviewed, in months (validate warns when one "
        "was not reviewed for longer).",
    )
    controller: Party = Field(default_factory=Party, description="The controller (Auftraggeber).")
    processor: Party = Field(default_factory=Party, description="The processor (Auftragnehmer).")
    processor_dpo: DataProtectionOfficer = Field(
        default_factory=DataProtectionOfficer,
        description="The processor's data protection officer.",
    )


ProviderRole = Literal[
    "hoster", "data_centre", "cloud", "email", "software", "support", "disposal", "other"
]
PROVIDER_ROLES: tuple[ProviderRole, ...] = (
    "hoster",
    "data_centre",
    "cloud",
    "email",
    "software",
    "support",
    "disposal",
    "other",
)
PROVIDER_ROLE_NAMES: dict[str, tuple[str, str]] = {
    "hoster": ("Hoster", "hosting provider"),
    "data_centre": ("Rechenzentrumsbetreiber", "data centre operator"),
    "cloud": ("Cloud-Anbieter", "cloud provider"),
    "email": ("E-Mail-Anbieter", "e-mail provider"),
    "software": ("Softwareanbieter", "software provider"),
    "support": ("Support-Dienstleister", "support provider"),
    "disposal": ("Entsorgungsdienstleister", "disposal provider"),
    "other": ("Dienstleister", "service provider"),
}
"""The roles in words, German and English (German nouns all masculine: "den"/"dem" fit)."""
RESERVED_PROVIDERS = ("processor", "controller")
"""Values of ``provided_by`` that name a party of the contract instead of a provider."""


class Certification(_Model):
    """A certificate or attestation a service provider holds."""

    standard: Str = Field(description="e.g. 'ISO/IEC 27001', 'BSI C5 Typ 2', 'SOC 2 Type II'.")
    issuer: Str = Field("", description="Who issued it (certification body, auditor).")
    valid_until: dt.date | None = Field(None, description="Last day of validity.")
    scope: Str = Field("", description="What the certificate covers, if not everything.")
    scope_en: Str = Field("", description="English version of the scope.")


class Provider(_Model):
    """A service provider whose measures the annex names (hoster, data-centre operator, ...)."""

    name: Str = Field(description="Name of the provider.")
    role: ProviderRole = Field(
        "other",
        description="hoster, data_centre, cloud, email, software, support, disposal or other.",
    )
    service: Str = Field("", description="What the provider does for the processing.")
    service_en: Str = Field("", description="English version of the service.")
    certifications: dict[Key, Certification] = Field(
        default_factory=dict, description="Certificates by an id of your choice."
    )


class HistoryEntry(_Model):
    """One entry of the change history; the table key is the document version."""

    date: dt.date | None = None
    author: Str = ""
    changes: Str = Field("", description="What changed in this version.")
    changes_en: Str = Field("", description="English version of the changes.")


class MeasureAnswer(_Model):
    """The state of one catalogue measure."""

    status: Status | None = Field(
        None, description="implemented, planned or not_applicable; absent = not decided yet."
    )
    target_date: dt.date | None = Field(None, description="For planned measures: by when.")
    reason: Str = Field("", description="For not_applicable: why the measure does not apply.")
    reason_en: Str = Field("", description="English version of the reason.")
    parameters: dict[Key, Scalar] = Field(
        default_factory=dict, description="Parameter values by parameter id."
    )
    note: Str = Field(
        "", description="A remark printed with the measure in the annex (e.g. its scope)."
    )
    note_en: Str = Field("", description="English version of the remark.")
    parameters_en: dict[Key, Str] = Field(
        default_factory=dict, description="English versions of text parameter values."
    )
    provided_by: Key | None = Field(
        None,
        description="Who implements the measure: a provider id, 'controller', or 'processor' "
        "(the default; overrides a category's provider).",
    )
    shared: bool = Field(
        False, description="The processor implements it together with provided_by."
    )


class CustomMeasure(MeasureAnswer):
    """A measure the catalogue lacks, written by the user."""

    # the length is checked on the str itself: on ``Str`` pydantic would report an empty label
    # as "Value should have at least 1 item after validation"
    label: Annotated[str, StringConstraints(min_length=1), AfterValidator(_normalise_newlines)] = (
        Field(description="Short name of the measure.")
    )
    label_en: Str = Field("", description="English version of the label.")
    phrase: Str = Field("", description="Sentence for the annex; the label is used if empty.")
    phrase_en: Str = Field("", description="English version of the sentence.")
    kind: Literal["technical", "organisational"] | None = Field(
        None, description="technical or organisational."
    )
    question: Key | None = Field(
        None, description="The checklist question it belongs to; the category's first if absent."
    )


class CategoryAnswers(_Model):
    """Everything answered in one category."""

    description: Str = Field("", description="Free text describing the category's measures.")
    description_en: Str = Field("", description="English version of the description.")
    note: Str = Field("", description="Internal note; never exported.")
    answers: dict[Key, AnswerValue] = Field(
        default_factory=dict, description="Answers by question id."
    )
    answers_en: dict[Key, Str | dict[Key, dict[Key, Str]]] = Field(
        default_factory=dict,
        description="English versions of text answers by question id; for a table, the "
        "English text cells by row id and column id.",
    )
    measures: dict[Key, MeasureAnswer] = Field(
        default_factory=dict, description="Checklist measures by measure id."
    )
    custom: dict[Key, CustomMeasure] = Field(
        default_factory=dict, description="Own measures by an id of your choice."
    )
    provided_by: Key | None = Field(
        None, description="Who implements the category's measures unless a measure says else."
    )
    shared: bool = Field(False, description="Implemented together with provided_by.")
    reviewed: dt.date | None = Field(
        None,
        description="When the category was last reviewed ('Kategorie geprüft'); never exported.",
    )


class AnswersDocument(_Model):
    """A tomwizard answers file."""

    model_config = ConfigDict(
        title="tomwizard answers file",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    schema_version: Literal[1] = Field(1, description="File format version.")

    @field_validator("schema_version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):  # Literal[1] would accept true
            raise ValueError(f"expected the format version 1, found {str(value).lower()}")
        return value

    tomwizard_version: Str = Field(__version__, description="tomwizard version that wrote it.")
    catalogue: CatalogueRef
    document: DocumentDetails = Field(default_factory=DocumentDetails)
    history: dict[VersionKey, HistoryEntry] = Field(
        default_factory=dict, description="Change history by document version."
    )
    providers: dict[Key, Provider] = Field(
        default_factory=dict,
        description="Service providers by an id of your choice; measures name them in provided_by.",
    )
    categories: dict[Key, CategoryAnswers] = Field(
        default_factory=dict, description="Answers by category id."
    )
    silenced: dict[RuleId, Silenced] = Field(
        default_factory=dict,
        description="Rules of 'tomwizard check' that do not apply to this document, by rule id, "
        "each with its reason.",
    )
    conflicts: list[Conflict] = Field(
        default_factory=list,
        description="Values a merge could not reconcile (the file keeps 'ours'); remove an entry "
        "once decided.",
    )
