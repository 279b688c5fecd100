"""What a rule file may contain, as strict pydantic models.

A rule file is a list of ``[[rule]]`` tables::

    [[rule]]
    id = "password-periodic-change"
    severity = "warning"
    source = "BSI IT-Grundschutz-Kompendium ORP.4.A23"
    message.de = "…"
    message.en = "…"
    when = [
      { measure = "zugangskontrolle.passwortwechsel", status = "implemented" },
      { parameter = "zugangskontrolle.passwortwechsel.intervall", any_of = ["jaehrlich"] },
    ]

The condition language is declarative and bounded: a condition names one thing of the document
(a catalogue ``measure``, a measure's ``parameter`` or a question's ``answer``) and one test, or
combines conditions with ``all``, ``any`` and ``not``. Nothing is evaluated as code and nothing
from a file becomes a regular expression. Which tests fit which thing, and whether the ids exist
in the catalogue, is checked by :mod:`tomwizard.rules.loader`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from tomwizard.report.uri import as_uri

StatusName = Literal["implemented", "planned", "not_applicable", "open"]
"""A measure's status in a condition; ``open`` is a measure not decided yet."""
STATUS_NAMES: tuple[StatusName, ...] = ("implemented", "planned", "not_applicable", "open")
Severity = Literal["error", "warning", "note"]
BuiltinCheck = Literal["planned-overdue", "final-with-planned"]
BUILTIN_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "planned-overdue": ("measure", "target_date"),
    "final-with-planned": ("count", "measures"),
}
"""The ``{name}`` placeholders each built-in check fills into its message (and no others)."""

_SEGMENT = r"[a-z0-9][a-z0-9_-]{0,63}"
MeasureRef = Annotated[str, StringConstraints(pattern=rf"^{_SEGMENT}\.{_SEGMENT}$")]
"""``category.measure``."""
ParameterRef = Annotated[str, StringConstraints(pattern=rf"^{_SEGMENT}\.{_SEGMENT}\.{_SEGMENT}$")]
"""``category.measure.parameter``."""
AnswerRef = Annotated[str, StringConstraints(pattern=rf"^{_SEGMENT}\.{_SEGMENT}$")]
"""``category.question``."""
Value = bool | int | float | str


def _one_line(value: str) -> str:
    if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value):
        raise ValueError("must be one line without control characters")
    return value


def _no_controls(value: str) -> str:
    if any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in value):
        raise ValueError("must not contain control characters")
    return value


Line = Annotated[str, StringConstraints(max_length=300), AfterValidator(_one_line)]

_RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _rule_id(value: str) -> str:
    if not _RULE_ID.fullmatch(value):
        raise ValueError(
            f"{value[:70]!r} is not a valid rule id: use lower-case letters, digits and '-' "
            "(at most 64), starting with a letter or digit"
        )
    return value


RuleId = Annotated[str, AfterValidator(_rule_id)]
"""The same ids as :data:`tomwizard.answers.upkeep.RuleId` (the keys of ``[silenced]``), with
a message that says which characters are allowed."""


def _help_uri(value: str) -> str:
    """An https address with a host, as a URI: SARIF's ``helpUri`` must be one, and every
    report prints the same form (:func:`~tomwizard.report.uri.as_uri`: umlauts, quotes and
    spaces percent-encoded as a browser does, so the page stays the same)."""
    if not value:
        return value
    uri = as_uri(value)
    try:
        host = urlsplit(uri).hostname
    except ValueError:
        host = None
    if not host:
        raise ValueError(
            f"{value[:70]!r} is not a web address: use https://HOST/PATH, "
            "e.g. https://wiki.example.org/Regel_7"
        )
    return uri


HelpUri = Annotated[Line, StringConstraints(pattern=r"^(https://\S+)?$"), AfterValidator(_help_uri)]
"""A page explaining a rule, https only, stored as a URI."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Message(_Model):
    """A rule's message in both languages: what the finding says, claiming no more than the
    condition proves."""

    de: Annotated[
        str, StringConstraints(min_length=1, max_length=1000), AfterValidator(_no_controls)
    ]
    en: Annotated[
        str, StringConstraints(min_length=1, max_length=1000), AfterValidator(_no_controls)
    ]

    def get(self, language: str) -> str:
        return self.de if language == "de" else self.en


class Condition(_Model):
    """One test of the document, or a combination of conditions.

    Exactly one of ``measure``, ``parameter``, ``answer``, ``all``, ``any`` and ``not``; a
    ``measure`` takes ``status`` or ``status_not``; a ``parameter`` or ``answer`` takes one of
    ``equals``, ``any_of``, ``below``, ``above`` or ``answered``. A value the document does not
    have fails every test but ``answered = false`` (and ``status = "open"``).
    """

    measure: MeasureRef | None = None
    parameter: ParameterRef | None = None
    answer: AnswerRef | None = None
    all_: list[Condition] | None = Field(None, alias="all")
    any_: list[Condition] | None = Field(None, alias="any")
    not_: Condition | None = Field(None, alias="not")

    status: StatusName | list[StatusName] | None = None
    """The measure has (one of) this status."""
    status_not: StatusName | list[StatusName] | None = None
    """The measure has none of these."""
    equals: Value | None = None
    """The value equals this (``true`` never equals ``1``)."""
    any_of: list[Value] | None = None
    """The value is one of these (a multiple choice answer: includes one of them)."""
    below: int | float | None = None
    """The value is a number less than this."""
    above: int | float | None = None
    """The value is a number greater than this."""
    answered: bool | None = None
    """The document has (``true``) or lacks (``false``) a value."""

    def subjects(self) -> list[str]:
        """The keys naming what this condition is about (for "exactly one" checks)."""
        named = {
            "measure": self.measure,
            "parameter": self.parameter,
            "answer": self.answer,
            "all": self.all_,
            "any": self.any_,
            "not": self.not_,
        }
        return [key for key, value in named.items() if value is not None]

    def tests(self) -> list[str]:
        """The keys of the tests given."""
        named = {
            "status": self.status,
            "status_not": self.status_not,
            "equals": self.equals,
            "any_of": self.any_of,
            "below": self.below,
            "above": self.above,
            "answered": self.answered,
        }
        return [key for key, value in named.items() if value is not None]


class Rule(_Model):
    """One rule: when its condition holds for a document, ``check`` reports its message."""

    id: RuleId
    """Lower-case letters, digits and ``-``; a document silences the rule by it."""
    message: Message
    source: Line = ""
    """Where the rule comes from, e.g. ``BSI IT-Grundschutz-Kompendium ORP.4.A23``."""
    severity: Severity = "warning"
    help_uri: HelpUri = ""
    """A page explaining the rule (https only; written with umlauts or quotes, stored
    percent-encoded), or empty."""
    when: list[Condition] = Field(default_factory=list)
    """All must hold (an empty list: always, for a built-in check)."""
    builtin: BuiltinCheck | None = None
    """A check the condition language cannot express; one finding per thing it finds."""


class RuleFile(_Model):
    """A file of ``questions/rules/`` or of a catalogue folder's ``rules/``."""

    rule: Annotated[list[Rule], Field(max_length=500)] = Field(default_factory=list)
