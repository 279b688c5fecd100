"""JSON Schemas of tomwizard's file formats, generated from the pydantic models.

Editors with TOML support (for example VS Code with "Even Better TOML") validate hand edits
against them. Committed copies live in ``docs/schema/``; a test fails when they drift.
"""

from __future__ import annotations

import json
from typing import Any, Literal

SchemaKind = Literal["answers", "category", "catalogue"]


def schema(kind: SchemaKind) -> dict[str, Any]:
    """The JSON Schema of one file format."""
    if kind == "answers":
        from tomwizard.answers.model import AnswersDocument

        return AnswersDocument.model_json_schema(mode="validation")
    from tomwizard.catalogue.model import CatalogueInfo, Category

    model = Category if kind == "category" else CatalogueInfo
    return model.model_json_schema(mode="validation")


def schema_text(kind: SchemaKind) -> str:
    """The schema as stable, pretty-printed JSON."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
