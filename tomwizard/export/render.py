"""Rendering a Word template with docxtpl, safely.

docxtpl's defaults are unsafe for our purpose (see ``docs/templates.md``): it runs templates in
an unsandboxed Jinja environment without escaping, so a ``<`` in an answer silently loses text
and a template can call into Python. Here every template is rendered in a
:class:`~jinja2.sandbox.SandboxedEnvironment` with autoescape and ``StrictUndefined``, unknown
variables are reported before rendering, and every text the template outputs is recorded so
that :mod:`tomwizard.export.verify` can prove it reached the document.

docxtpl (and with it python-docx and Jinja) is imported only when rendering, so that the
wizard starts without it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from tomwizard.export.ooxml import normalise_switches
from tomwizard.export.variables import ExportContext


class TemplateProblem(Exception):
    """The template cannot be used: the message names the template and what is wrong."""

    def __init__(self, template: Path, message: str, near: Iterable[str] = ()) -> None:
        self.template = template
        self.message = message
        self.near = [line.strip() for line in near if line.strip()]
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.template}: {self.message}"
        if self.near:
            text += "\n  near: " + "\n        ".join(_shorten(line) for line in self.near)
        return text


@dataclass(frozen=True)
class Rendered:
    """A rendered document and the texts its template put into it."""

    data: bytes
    """The .docx file."""
    shown: list[str]
    """Every value the template output with ``{{ ... }}``, in order."""


def _properties(document: Any, context: ExportContext, created: dt.date | None) -> None:
    props = document.docx.core_properties
    props.title = context.document.title[:255]
    props.author = context.processor.name.replace("\n", " ")[:255]
    props.last_modified_by = ""
    props.comments = ""
    props.language = "de-DE" if context.lang == "de" else "en-GB"
    if created is not None:
        moment = dt.datetime.combine(created, dt.time(), tzinfo=dt.UTC)
        props.created = moment
        props.modified = moment


def _shorten(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render(template: Path, context: ExportContext, created: dt.date | None = None) -> Rendered:
    """Render ``template`` with ``context``; raise :class:`TemplateProblem` if it cannot be.
    The file's properties say what the annex is: title, author (the processor) and, as
    created, the document's date."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment
    from lxml.etree import XMLSyntaxError

    shown: list[str] = []

    def record(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, str | int | float):
            shown.append(str(value))
        return value

    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=record)
    variables = context.as_dict()
    try:
        document = DocxTemplate(template)
        document.init_docx()
    except FileNotFoundError:
        raise TemplateProblem(template, "the template file does not exist") from None
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise TemplateProblem(
            template, f"not a Word document (.docx) that can be opened ({_reason(exc)})"
        ) from None

    try:
        unknown = document.get_undeclared_template_variables(env, variables)
    except TemplateSyntaxError:
        unknown = set()  # rendering below reports it with the surrounding text
    unknown -= set(env.globals)  # range, cycler, ...: the sandbox guards their use
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TemplateProblem(
            template,
            f"unknown template variable{'s' if len(unknown) > 1 else ''}: {names} "
            f"(available: {', '.join(variables)}; see docs/templates.md)",
        )

    try:
        document.render(variables, jinja_env=env, autoescape=True)
        _properties(document, context, created)
        buffer = BytesIO()
        document.save(buffer)
    except SecurityError as exc:
        raise TemplateProblem(
            template,
            "refused: the template tries to reach Python internals "
            f"({exc}); templates may only use the documented variables",
            _near(exc),
        ) from None
    except UndefinedError as exc:
        message = (exc.message or "").replace("tomwizard.export.variables.", "")
        raise TemplateProblem(
            template,
            f"{message} (the variables are listed in docs/templates.md)",
            _near(exc) or _tags_naming(template, message),
        ) from None
    except TemplateSyntaxError as exc:
        message = re.sub(r" at \d+$", "", exc.message or "")
        raise TemplateProblem(
            template,
            f"template error: {message} (check the tag's spelling; Word's AutoCorrect may have "
            "replaced a dash or quote inside it)",
            _near(exc),
        ) from None
    except JinjaError as exc:
        raise TemplateProblem(template, f"template error: {exc.message}", _near(exc)) from None
    except XMLSyntaxError as exc:
        raise TemplateProblem(
            template, f"the filled-in template is not a valid Word document ({exc})"
        ) from None
    except Exception as exc:  # docxtpl's own errors (e.g. a {%tr %} outside a table row)
        raise TemplateProblem(template, f"cannot fill in the template ({_reason(exc)})") from None
    return Rendered(data=normalise_switches(buffer.getvalue()), shown=shown)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or "no details"
    return f"{exc.__class__.__name__}: {_shorten(text, 200)}"


_TAG = re.compile(r"\{[{%].*?[}%]\}")
_UNDEFINED_NAME = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def _tags_naming(template: Path, message: str) -> list[str]:
    """The template's tags that use the name an ``UndefinedError`` complains about (Jinja does
    not say where an undefined attribute was used)."""
    from tomwizard.export.verify import document_text

    match = _UNDEFINED_NAME.search(message)
    if match is None:
        return []
    name = match.group(1) or match.group(2)
    try:
        text = document_text(template.read_bytes())
    except Exception:  # the template rendered, so this should not fail; the message stays
        return []
    word = re.compile(rf"\b{re.escape(name)}\b")
    return [tag for tag in _TAG.findall(text) if word.search(tag)][:5]


def _near(exc: BaseException) -> list[str]:
    """The text around a template error, as docxtpl attaches it (XML tags removed)."""
    lines = getattr(exc, "docx_context", None) or []
    return [re.sub(r"\s+", " ", line) for line in lines]
