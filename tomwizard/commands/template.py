"""``tomwizard template init DIR`` and ``tomwizard template list``."""

from __future__ import annotations

import sys
from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.export.templates import (
    TemplateNotFound,
    available_templates,
    init_template,
    resolve_template,
)
from tomwizard.locations import user_templates_dir


def run_template_init(directory: Path, name: str, lang: Language, *, force: bool) -> int:
    """Copy a built-in template and the variable reference into ``directory``."""
    try:
        written = init_template(directory, name, lang, force=force)
    except (TemplateNotFound, FileExistsError) as exc:
        print(f"tomwizard: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"tomwizard: {exc.filename or directory}: {exc.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(
        f"Open {written[0]} in Word or LibreOffice, change styles and texts, keep the "
        "{{ ... }} and {% ... %} tags intact, then export with:\n"
        f"  tomwizard export FILE --template {written[0]}"
    )
    return 0


def run_template_list(lang: Language) -> int:
    """Print the template names and the files they stand for."""
    for name in available_templates():
        try:
            where = str(resolve_template(name, lang).path)
        except TemplateNotFound:
            where = f"(no file for language {lang})"
        print(f"{name:12} {where}")
    print(f"(own templates: put NAME.{lang}.docx or NAME.docx into {user_templates_dir()})")
    return 0
