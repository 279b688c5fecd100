"""What a document records about its upkeep rather than its measures: the rules of
``tomwizard check`` silenced for it, and the values a three-way merge could not reconcile.
Neither is ever exported to the annex."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from tomwizard.answers.base import Str, _Model

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
"""The id of a check rule: lower-case letters, digits and ``-``."""


class Silenced(_Model):
    """A check rule that does not apply to this document, and why (the reason stays in the
    file, for the next reviewer)."""

    reason: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Why the rule's finding is accepted for this document."
    )
    since: Str = Field("", description="Who decided it and when, if wanted.")


class Conflict(_Model):
    """A value both sides of a merge changed differently: the document keeps ``ours``; the
    user decides and removes the entry (``tomwizard validate`` and the wizard show it)."""

    key: Str = Field(description="Where the value is, as a dotted TOML key.")
    base: Str = Field("", description="The value before both changes (TOML), '' if absent.")
    ours: Str = Field("", description="The value kept (TOML), '' if removed.")
    theirs: Str = Field("", description="The other side's value (TOML), '' if removed.")
