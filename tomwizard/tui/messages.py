"""Messages the wizard's widgets send up to the main screen, which applies them to the session.

Widgets never change the session themselves ("attributes down, messages up").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from textual.message import Message

from tomwizard.answers.model import CustomMeasure


@dataclass
class AnswerChanged(Message):
    """A question got a new answer (``None``: the answer was removed)."""

    category_id: str
    question_id: str
    value: Any


@dataclass
class MeasureChanged(Message):
    """Fields of a checklist measure changed (see ``EditSession.update_measure``)."""

    category_id: str
    measure_id: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class CustomMeasureEdited(Message):
    """A custom measure was added or edited (``measure``) or removed (``None``)."""

    category_id: str
    key: str
    measure: CustomMeasure | None


@dataclass
class TableRowEdited(Message):
    """A table row was added or edited (``cells``) or removed (``None``)."""

    category_id: str
    question_id: str
    row_id: str
    cells: dict[str, Any] | None


@dataclass
class CategoryTextChanged(Message):
    """A category's free-text description (or its English version) or note changed."""

    category_id: str
    field_name: Literal["description", "description_en", "note"]
    text: str


@dataclass
class EnglishAnswerChanged(Message):
    """The English version of a text answer changed (``""``: removed)."""

    category_id: str
    question_id: str
    text: str


@dataclass
class CategoryProviderChanged(Message):
    """Who implements a category's measures changed (``None``: the processor)."""

    category_id: str
    provided_by: str | None
    shared: bool


@dataclass
class JumpRequested(Message):
    """Show a category and, if given, focus one of its questions or measures."""

    category_id: str
    item_id: str | None = None


@dataclass
class AnnexExported(Message):
    """The export worker wrote the Word annex (and the PDF, if one was asked for)."""

    path: Path
    untranslated: list[str] = field(default_factory=list)
    """Key paths of texts an English export printed in German (no English version)."""


@dataclass
class AnnexExportFailed(Message):
    """The export worker could not write the annex; ``error`` says why in plain words."""

    error: str
