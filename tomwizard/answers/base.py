"""The building blocks of the answers document's models: text, ids and values as a file holds
them, and the strict base model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)

SCHEMA_VERSION = 1
"""Version of the file format; raised when a change needs migrating old files."""

Status = Literal["implemented", "planned", "not_applicable"]
STATUSES: tuple[Status, ...] = ("implemented", "planned", "not_applicable")


def _normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


Str = Annotated[str, AfterValidator(_normalise_newlines)]
"""A user's text. Line endings are normalised to ``\\n`` (TOML writers cannot keep ``\\r\\n``)."""


def _normalise_value_newlines(value: Any) -> Any:
    """Normalise line endings in the strings of an answer or parameter value (also in lists and
    table rows; keys are left alone). ``Any``-typed values would otherwise keep ``\\r\\n``, which
    tomli-w writes as a bare newline in a multi-line string, so the file would not read back
    unchanged and saving would be refused."""
    if isinstance(value, str):
        return _normalise_newlines(value)
    if isinstance(value, list):
        return [_normalise_value_newlines(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalise_value_newlines(item) for key, item in value.items()}
    return value


Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
"""An id used as a table key: letters, digits, ``_`` and ``-``."""


def _one_line(value: str) -> str:
    if not value or len(value) > 100 or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("a version is one line of at most 100 characters, without control codes")
    return value


VersionKey = Annotated[str, AfterValidator(_one_line)]
"""A document version used as a key of the change history: one line, no control characters.
(Not normalised like text: two versions differing only in a line ending would become one.)"""


def version_key_problem(version: str) -> str | None:
    """Why ``version`` cannot be a key of the change history (:data:`VersionKey`), or None: for
    checking it where it is typed, before it reaches a document that could then not be saved."""
    try:
        _one_line(version)
    except ValueError as exc:
        return str(exc)
    return None


_SCALAR_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "string", "format": "date"},
    ]
}
Scalar = Annotated[Any, AfterValidator(_normalise_value_newlines), WithJsonSchema(_SCALAR_SCHEMA)]
"""A parameter or table-cell value: string, number, boolean or date (checked against the
catalogue, not here)."""
AnswerValue = Annotated[
    Any,
    AfterValidator(_normalise_value_newlines),
    WithJsonSchema(
        {
            "anyOf": [
                *_SCALAR_SCHEMA["anyOf"],
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "description": "table rows keyed by row id",
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": _SCALAR_SCHEMA,
                    },
                },
            ]
        }
    ),
]
"""An answer: its shape depends on the question type in the catalogue."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)
