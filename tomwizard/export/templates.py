"""Finding Word templates, and giving users a copy of one to restyle.

A template is named (``anlage``, ``prosa``, ``tabelle`` or the name of a file ``NAME.LANG.docx`` /
``NAME.docx`` in the user templates folder) or given as a path to a ``.docx`` file. Files in the
user templates folder come first, so a user can replace a built-in template by a restyled copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.export.variables import variable_reference
from tomwizard.export.words import TEMPLATE
from tomwizard.locations import PathError, builtin_templates_dir, expand_user, user_templates_dir

BUILTIN_TEMPLATES = ("anlage", "prosa", "tabelle")
"""The shipped styles: a checklist annex and a prose annex."""
DEFAULT_TEMPLATE = "anlage"


class TemplateNotFound(Exception):
    """No template of that name or path exists; the message lists what is available."""


@dataclass(frozen=True)
class TemplateChoice:
    """A template file and whether it is one of ours (whose content is known)."""

    path: Path
    builtin: str | None
    """``anlage``, ``prosa`` or ``tabelle`` for a shipped template, else None."""


def _is_path(spec: str) -> bool:
    return spec.lower().endswith(".docx") or "/" in spec or "\\" in spec


def resolve_template(spec: str, lang: Language, messages: Language = "en") -> TemplateChoice:
    """The template file for ``spec`` (a name or a path) in ``lang``; why there is none is
    said in ``messages``."""
    if _is_path(spec):
        try:
            path = expand_user(spec, "--template", messages)
        except PathError as exc:
            raise TemplateNotFound(str(exc)) from None
        if not path.is_file():
            raise TemplateNotFound(f"{path}: {TEMPLATE('missing', messages)}")
        return TemplateChoice(path, None)
    for candidate in (f"{spec}.{lang}.docx", f"{spec}.docx"):
        path = user_templates_dir() / candidate
        if path.is_file():
            return TemplateChoice(path, None)
    if spec in BUILTIN_TEMPLATES:
        return TemplateChoice(builtin_templates_dir() / f"{spec}.{lang}.docx", spec)
    names = ", ".join(available_templates())
    raise TemplateNotFound(TEMPLATE("unknown", messages, name=repr(spec), names=names))


def available_templates() -> list[str]:
    """Template names: the built-in ones, then those in the user templates folder."""
    names = list(BUILTIN_TEMPLATES)
    folder = user_templates_dir()
    if folder.is_dir():
        for path in sorted(folder.glob("*.docx")):
            name = path.name.removesuffix(".docx").removesuffix(".de").removesuffix(".en")
            if name not in names and not name.startswith((".", "~$")):
                names.append(name)
    return names


REFERENCE_NAME = "template-variables.md"


def init_template(
    directory: Path, name: str, lang: Language, force: bool = False, messages: Language = "en"
) -> list[Path]:
    """Copy the built-in template ``name`` in ``lang`` and the variable reference into
    ``directory``; return the files written. Existing files are kept unless ``force``; what
    stops the copy is said in ``messages``."""
    from tomwizard.disk.storage import write_atomic

    if name not in BUILTIN_TEMPLATES:
        names = ", ".join(BUILTIN_TEMPLATES)
        raise TemplateNotFound(TEMPLATE("unknown_builtin", messages, name=repr(name), names=names))
    source = builtin_templates_dir() / f"{name}.{lang}.docx"
    targets = {
        directory / source.name: source.read_bytes(),
        directory / REFERENCE_NAME: reference_document().encode("utf-8"),
    }
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        raise FileExistsError(TEMPLATE("exists", messages, path=existing[0]))
    directory.mkdir(parents=True, exist_ok=True)
    for path, data in targets.items():
        write_atomic(path, data)
    return list(targets)


def reference_document() -> str:
    """The variable reference handed out with a template copy."""
    return (
        "# Variables available to tomwizard templates\n\n"
        "Write `{{ document.title }}` to print a value, `{%p for m in category.implemented %}` "
        "… `{%p endfor %}` (each tag alone in its own paragraph) to repeat paragraphs, and "
        "`{%tr for row in history %}` … `{%tr endfor %}` (each in its own table row) to repeat "
        "table rows. Type tags with a space after `{{`/`{%` and before `}}`/`%}`, and switch off "
        "Word's AutoCorrect for dashes and quotes inside tags. All texts are ready to print: "
        "dates and numbers are formatted, and line breaks in answers are kept. The full guide "
        "is docs/templates.md in the tomwizard repository.\n\n" + variable_reference()
    )
