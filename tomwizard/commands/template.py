"""``tomwizard template init DIR`` and ``tomwizard template list``.

What they print is in the reader's language (the interface language of the settings); ``--lang``
chooses the language of the template, as with ``export``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.commands import reader_language
from tomwizard.export.templates import (
    TemplateNotFound,
    available_templates,
    init_template,
    resolve_template,
)
from tomwizard.locations import user_templates_dir
from tomwizard.wording import Wording

_SAY = Wording(
    "template",
    {
        "wrote": ("geschrieben: {path}", "wrote {path}"),
        "next": (
            "{path} in Word oder LibreOffice öffnen, Formatvorlagen und Texte ändern, die Tags "
            "{{{{ ... }}}} und {{% ... %}} unverändert lassen, dann exportieren mit:\n"
            "  tomwizard export DATEI --template {path}",
            "Open {path} in Word or LibreOffice, change styles and texts, keep the {{{{ ... }}}} "
            "and {{% ... %}} tags intact, then export with:\n"
            "  tomwizard export FILE --template {path}",
        ),
        "no_file": ("(keine Datei für die Sprache {lang})", "(no file for language {lang})"),
        "own": (
            "(eigene Vorlagen: NAME.{lang}.docx oder NAME.docx in {folder} ablegen)",
            "(own templates: put NAME.{lang}.docx or NAME.docx into {folder})",
        ),
    },
)


def run_template_init(directory: Path, name: str, lang: Language, *, force: bool) -> int:
    """Copy a built-in template and the variable reference into ``directory``."""
    said = reader_language()
    try:
        written = init_template(directory, name, lang, force=force, messages=said)
    except (TemplateNotFound, FileExistsError) as exc:
        print(f"tomwizard: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"tomwizard: {exc.filename or directory}: {exc.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(_SAY("wrote", said, path=path))
    print(_SAY("next", said, path=written[0]))
    return 0


def run_template_list(lang: Language) -> int:
    """Print the template names and the files they stand for."""
    said = reader_language()
    for name in available_templates():
        try:
            where = str(resolve_template(name, lang).path)
        except TemplateNotFound:
            where = _SAY("no_file", said, lang=lang)
        print(f"{name:12} {where}")
    print(_SAY("own", said, lang=lang, folder=user_templates_dir()))
    return 0
