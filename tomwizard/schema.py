"""JSON Schemas of tomwizard's file formats, generated from the pydantic models.

Editors with TOML support (for example VS Code with "Even Better TOML", or any editor using
taplo) validate hand edits against them. Committed copies live in ``docs/schema/``; a test fails
when they drift. Each schema has a stable ``$id`` (:func:`schema_url`), and every answers file
tomwizard saves starts with ``#:schema`` and that address (:data:`ANSWERS_SCHEMA_HEADER`), the
directive taplo reads.
"""

from __future__ import annotations

import json
from typing import Any, Literal

SchemaKind = Literal["answers", "category", "catalogue"]

SCHEMA_BASE_URL = "https://tomwizard.invalid/schema"
"""Where the schemas of ``docs/schema/`` are published. One constant: its schemas' ``$id`` and
the header line of every saved answers file are made from it, so changing it means running
``tomwizard schema KIND > docs/schema/KIND.schema.json`` for each kind and saving the examples
again (and listing the old header in :data:`FORMER_ANSWERS_SCHEMA_HEADERS`)."""


def schema_url(kind: SchemaKind) -> str:
    """The stable address (``$id``) of a schema: the same for every version of tomwizard that
    writes format 1 files."""
    return f"{SCHEMA_BASE_URL}/{kind}.schema.json"


ANSWERS_SCHEMA_HEADER = f"#:schema {schema_url('answers')}"
"""The first line of every answers file tomwizard writes: taplo's schema directive. It is
tomwizard's own line, rewritten on every save, and so not a comment of the user's that saving
would drop."""
FORMER_ANSWERS_SCHEMA_HEADERS: tuple[str, ...] = ()
"""Header lines earlier versions wrote (still tomwizard's own, replaced on the next save)."""


def schema(kind: SchemaKind) -> dict[str, Any]:
    """The JSON Schema of one file format, its ``$id`` first."""
    if kind == "answers":
        from tomwizard.answers.model import AnswersDocument

        generated = AnswersDocument.model_json_schema(mode="validation")
    else:
        from tomwizard.catalogue.model import CatalogueInfo, Category

        model = Category if kind == "category" else CatalogueInfo
        generated = model.model_json_schema(mode="validation")
    return {"$id": schema_url(kind), **generated}


def schema_text(kind: SchemaKind) -> str:
    """The schema as stable, pretty-printed JSON."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
