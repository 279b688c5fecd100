"""The question catalogue as pydantic models: what ``questions/*.toml`` may contain.

A catalogue is one ``catalogue.toml`` (id, version, title, languages, the Art. 32 groups and the
order of categories) plus one file per category. A category holds questions; a question has a
``type`` that decides how it is asked and what its answer looks like:

========== ===================================================================
checklist  standard measures to tick, each with an export phrase and parameters
choice     exactly one of several options
multichoice any number of options
bool       yes / no
number     a number with optional unit, minimum, maximum
text       free text (multi-line)
date       a calendar date
table      repeatable records with typed columns (e.g. data centres)
========== ===================================================================

Every text a user sees is a :class:`Text` with German and English versions. Cross references
(conditions, phrase placeholders, unique ids) are checked by :mod:`tomwizard.catalogue.loader`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from tomwizard.languages import LANGUAGES as LANGUAGES
from tomwizard.languages import Language as Language

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
"""A stable identifier: lower-case letters, digits, ``_`` and ``-``; at most 64 characters."""

_QUESTION_REF = r"^([a-z0-9][a-z0-9_-]*\.)?[a-z0-9][a-z0-9_-]*$"
"""``question`` or ``category.question``."""

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]

SdmGoal = Literal[
    "datenminimierung",
    "verfuegbarkeit",
    "integritaet",
    "vertraulichkeit",
    "nichtverkettung",
    "transparenz",
    "intervenierbarkeit",
]
"""The seven Gewährleistungsziele of the Standard-Datenschutzmodell (SDM)."""

ValueType = Literal["number", "text", "choice", "bool", "date"]

Kind = Literal["technical", "organisational"]
"""Whether a measure is technical (done by systems) or organisational (rules, people, processes)."""
KINDS: tuple[Kind, ...] = ("technical", "organisational")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("text must not be empty")
    return value


def _as_list(value: Any) -> Any:
    """Allow a single table where a list of tables is expected (``when = { ... }``)."""
    return [value] if isinstance(value, dict) else value


class Text(_Model):
    """A text the user sees, in every supported language."""

    de: Annotated[str, BeforeValidator(_not_blank)]
    """German text."""
    en: Annotated[str, BeforeValidator(_not_blank)]
    """English text."""

    def get(self, language: Language) -> str:
        """The text in ``language``."""
        return self.de if language == "de" else self.en


class Condition(_Model):
    """Show a question, measure or category only when another answer matches.

    ``question`` names a question of the same category (``"serverraum"``) or of another one
    (``"organisation.serverraum"``). Exactly one test is given.
    """

    question: Annotated[
        str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9_-]*\.)?[a-z0-9][a-z0-9_-]*$")
    ]
    """The question whose answer decides."""
    equals: bool | int | float | str | None = None
    """The answer equals this value (bool, number, or an option id of a choice question)."""
    any_of: list[Id] | None = None
    """A choice answer is one of these options, or a multichoice answer includes one of them."""
    answered: bool | None = None
    """The question has (``true``) or has not (``false``) been answered."""

    def test_count(self) -> int:
        return sum(x is not None for x in (self.equals, self.any_of, self.answered))


When = Annotated[list[Condition], BeforeValidator(_as_list)]


class Option(_Model):
    """One option of a ``choice`` or ``multichoice`` question, or of a choice parameter."""

    id: Id
    label: Text
    """What the user picks."""
    phrase: Text | None = None
    """How the export states this option, if it differs from the label."""
    help: Text | None = None
    """Optional explanation of the option."""
    statement: Text | None = None
    """A complete sentence the annex prints when this option is chosen (e.g. a statement of
    absence: "Es werden keine Datenträger versandt.")."""


class Parameter(_Model):
    """A typed value that belongs to a measure (e.g. minimum password length) or a table column."""

    id: Id
    type: ValueType
    label: Text
    help: Text | None = None
    unit: Text | None = None
    """Unit shown after a number, e.g. "Zeichen" / "characters"."""
    min: float | None = None
    """Smallest allowed number."""
    max: float | None = None
    """Largest allowed number."""
    integer: bool = False
    """Numbers must be whole numbers."""
    options: list[Option] = Field(default_factory=list)
    """The options of a ``choice`` parameter."""
    vocabulary: Id | None = None
    """A ``choice`` parameter takes its options from this shared vocabulary of
    ``catalogue.toml`` (instead of ``options``)."""
    only: list[Id] = Field(default_factory=list)
    """With ``vocabulary``: offer only these of its options (in the vocabulary's order), e.g.
    the intervals that make sense for a training."""
    required: bool = False
    """A value must be given (for table columns: in every row)."""


class Keywords(_Model):
    """Words practitioners use for a measure (abbreviations, everyday terms), per language."""

    de: list[NonEmpty] = Field(default_factory=list)
    en: list[NonEmpty] = Field(default_factory=list)

    def get(self, language: Language) -> list[str]:
        """The words in ``language``."""
        return self.de if language == "de" else self.en


class Measure(_Model):
    """A standard measure of a checklist question."""

    id: Id
    """Stable id, unique within its category."""
    label: Text
    """Short name shown in the checklist."""
    kind: Kind | None = None
    """``technical`` or ``organisational`` (every built-in measure has one)."""
    phrase: Text
    """A complete sentence for the annex; ``{parameter_id}`` inserts a parameter's value and
    ``[...]`` encloses an optional clause that is left out when its values are not given."""
    help: Text
    """What the measure means and why it matters, in plain language."""
    source: list[str] = Field(default_factory=list)
    """References, e.g. "BSI ORP.4.A8", "SDM M51.S04", "Art. 32 Abs. 1 lit. a DSGVO"."""
    parameters: list[Parameter] = Field(default_factory=list)
    when: When = Field(default_factory=list)
    """Ask about this measure only when all conditions hold."""
    keywords: Keywords = Field(default_factory=Keywords)
    """Search words: what practitioners call the measure (e.g. "2FA", "Backup")."""


class _Question(_Model):
    id: Id
    """Stable id, unique within its category."""
    label: Text
    """The question as asked."""
    help: Text
    """What it means and why it matters, in plain language."""
    required: bool = False
    """The document is incomplete without an answer."""
    when: When = Field(default_factory=list)
    """Ask only when all conditions hold; answers given earlier are kept while hidden."""
    phrase: Text | None = None
    """Sentence for the annex; ``{value}`` inserts the answer."""
    source: list[str] = Field(default_factory=list)
    """References for this question."""


class ChecklistQuestion(_Question):
    type: Literal["checklist"]
    measures: Annotated[list[Measure], Field(min_length=1)]


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    options: Annotated[list[Option], Field(min_length=2)]


class MultichoiceQuestion(_Question):
    type: Literal["multichoice"]
    options: Annotated[list[Option], Field(min_length=2)]


class BoolQuestion(_Question):
    type: Literal["bool"]
    phrase_yes: Text | None = None
    """A complete sentence the annex prints when the answer is yes."""
    phrase_no: Text | None = None
    """A complete sentence the annex prints when the answer is no (a statement of absence)."""


class NumberQuestion(_Question):
    type: Literal["number"]
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False


class TextQuestion(_Question):
    type: Literal["text"]


class DateQuestion(_Question):
    type: Literal["date"]


class TableQuestion(_Question):
    type: Literal["table"]
    columns: Annotated[list[Parameter], Field(min_length=1)]
    """The typed columns of each row."""


Question = Annotated[
    ChecklistQuestion
    | ChoiceQuestion
    | MultichoiceQuestion
    | BoolQuestion
    | NumberQuestion
    | TextQuestion
    | DateQuestion
    | TableQuestion,
    Field(discriminator="type"),
]
QUESTION_TYPES = (
    "checklist",
    "choice",
    "multichoice",
    "bool",
    "number",
    "text",
    "date",
    "table",
)


class Category(_Model):
    """One TOM category (e.g. Zutrittskontrolle): a file ``questions/<id>.toml``."""

    id: Id
    title: Text
    purpose: Text
    """One sentence: what the control is for."""
    references: Annotated[list[NonEmpty], Field(min_length=1)]
    """Legal references, e.g. "Art. 32 Abs. 1 lit. b DSGVO", "§ 64 Abs. 3 Nr. 1 BDSG"."""
    sdm_goals: list[SdmGoal] = Field(default_factory=list)
    """SDM Gewährleistungsziele the category serves."""
    help: Text | None = None
    """Longer explanation of the category."""
    group: Id | None = None
    """The Art. 32 group; only needed in user catalogue folders (built-ins are placed by
    ``catalogue.toml``)."""
    when: When = Field(default_factory=list)
    """Ask this category only when all conditions hold."""
    questions: Annotated[list[Question], Field(min_length=1)]


class ExtensionMeasure(Measure):
    """A measure a user catalogue adds to an existing checklist question."""

    question: Id
    """The checklist question (in the extended category) that gets this measure."""


class CategoryExtension(_Model):
    """A user catalogue file that adds questions or measures to an existing category."""

    extends: Id
    """The category to extend."""
    questions: list[Question] = Field(default_factory=list)
    measures: list[ExtensionMeasure] = Field(default_factory=list)


class Group(_Model):
    """An Art. 32 block (e.g. Vertraulichkeit) and the categories it contains, in order."""

    id: Id
    title: Text
    references: list[NonEmpty] = Field(default_factory=list)
    categories: list[Id] = Field(default_factory=list)


class Vocabulary(_Model):
    """A list of options defined once and shared by every ``choice`` parameter that names it
    (e.g. intervals: the same "jährlich" / "annually" everywhere)."""

    id: Id
    label: Text
    options: Annotated[list[Option], Field(min_length=2)]


class CatalogueInfo(_Model):
    """``catalogue.toml``: what the catalogue is and how its categories are ordered."""

    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
    title: Text
    languages: list[Language]
    groups: Annotated[list[Group], Field(min_length=1)]
    vocabularies: list[Vocabulary] = Field(default_factory=list)
    """Shared option lists that ``choice`` parameters name with ``vocabulary``."""
