"""How the ids of earlier catalogue versions map to today's: ``questions/migrations.toml``.

A catalogue grows: measures move to a better category, two measures that said the same become
one, a parameter gets a clearer id or a shared vocabulary. Answers files written with an older
version must keep opening with nothing lost, so each such change is recorded here, under the
catalogue version that made it, and :mod:`tomwizard.answers.migrate` applies it when a file is
read. See ``docs/catalogue-format.md`` (Migrations).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

_REF = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$"
Ref = Annotated[str, StringConstraints(pattern=_REF)]
"""``category.item`` (or ``category.measure.parameter``)."""
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, populate_by_name=True, defer_build=True
    )


class MeasureMove(_Model):
    """A measure renamed, moved to another category, merged into another, or removed."""

    from_: Ref = Field(alias="from")
    """``category.measure`` as it was."""
    to: Ref | None = None
    """``category.measure`` now; absent when the measure was removed without successor."""
    also: list[Ref] = Field(default_factory=list)
    """Further measures the old one is split into (``category.measure``): they get its status,
    target date and reason (not its parameters or remark, which stay with ``to``)."""
    set: dict[str, Any] = Field(default_factory=dict)
    """Parameter values the moved answer gets (when two measures became one with a parameter
    telling them apart); values the answer already has are kept."""
    note: str = ""
    """Why, for the reader of the file."""


class ParameterRename(_Model):
    """A parameter of a measure renamed (ids after any measure move of the same version)."""

    measure: Ref
    from_: Id = Field(alias="from")
    to: Id


class ValueMap(_Model):
    """An old value of a parameter replaced by a new one (e.g. a number of months that became an
    option of the ``intervall`` vocabulary)."""

    parameter: Ref
    """``category.measure.parameter`` (after renames)."""
    from_: Any = Field(alias="from")
    to: Any


class QuestionMove(_Model):
    """A question renamed or moved to another category."""

    from_: Ref = Field(alias="from")
    to: Ref


class OptionRename(_Model):
    """An option of a choice or multichoice question renamed."""

    question: Ref
    from_: Id = Field(alias="from")
    to: Id


class ProvidersFromTable(_Model):
    """Certificates recorded in the rows of a table question become service providers of the
    document (``[providers]``) — for tables whose certification columns were removed."""

    question: Ref
    """The table question, ``category.question``."""
    name: Id
    """The column holding the provider's name."""
    role: str = "other"
    """The role the providers get (see the answers file's ``providers``)."""
    standard: Id
    """The column holding the certificate's standard."""
    valid_until: Id | None = None
    """The column holding its validity date."""


class Migration(_Model):
    """The changes one catalogue version made, applied in this order: questions, options,
    measures, parameters, values, providers from tables."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
    """The catalogue version that made these changes; files of older versions get them."""
    question: list[QuestionMove] = Field(default_factory=list)
    option: list[OptionRename] = Field(default_factory=list)
    measure: list[MeasureMove] = Field(default_factory=list)
    parameter: list[ParameterRename] = Field(default_factory=list)
    value: list[ValueMap] = Field(default_factory=list)
    providers_from_table: list[ProvidersFromTable] = Field(default_factory=list)


class MigrationsFile(_Model):
    """``questions/migrations.toml``."""

    migration: list[Migration] = Field(default_factory=list)


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.0"`` -> ``(1, 10, 0)``, for comparing versions; not a version: ``()``."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()
