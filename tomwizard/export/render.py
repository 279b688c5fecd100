"""Rendering a Word template with docxtpl, safely.

docxtpl's defaults are unsafe for our purpose (see ``docs/templates.md``): it runs templates in
an unsandboxed Jinja environment without escaping, so a ``<`` in an answer silently loses text
and a template can call into Python. Here every template is rendered in a
:class:`~jinja2.sandbox.SandboxedEnvironment` with autoescape and ``StrictUndefined``, unknown
variables are reported before rendering, and every text the template outputs is recorded so
that :mod:`tomwizard.export.verify` can prove it reached the document.

The template file is read with limits and checked (:mod:`tomwizard.export.package`) before
docxtpl sees it, the text each part renders to is limited while it is produced, and running out
of memory or recursion depth is reported as the template's failure. Time and memory are limited
by running :func:`render` in a process of its own (:mod:`tomwizard.export.isolation`).

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

from tomwizard.export import limits
from tomwizard.export.ooxml import normalise_switches
from tomwizard.export.package import PackageProblem, read_parts, unsafe_content
from tomwizard.export.variables import ExportContext
from tomwizard.export.words import TEMPLATE, mib
from tomwizard.languages import Language


class TemplateProblem(Exception):
    """The template cannot be used: the message names the template and what is wrong, in
    ``lang`` (the reader's language, as the message itself)."""

    def __init__(
        self, template: Path, message: str, near: Iterable[str] = (), lang: Language = "en"
    ) -> None:
        self.template = template
        self.message = message
        self.near = [line.strip() for line in near if line.strip()]
        self.lang = lang
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.template}: {self.message}"
        if self.near:
            label = f"  {TEMPLATE('near', self.lang)}: "
            indent = "\n" + " " * len(label)
            text += "\n" + label + indent.join(_shorten(line) for line in self.near)
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


def load_libraries() -> None:
    """Import what rendering and checking need (docxtpl, python-docx, Jinja, lxml)."""
    import docx  # noqa: F401
    import docxtpl  # noqa: F401
    import jinja2.sandbox  # noqa: F401
    import lxml.etree  # noqa: F401


def render(
    template: Path,
    context: ExportContext,
    created: dt.date | None = None,
    messages: Language = "en",
) -> Rendered:
    """Render ``template`` with ``context``; raise :class:`TemplateProblem` (worded in
    ``messages``) if it cannot be. The file's properties say what the annex is: title, author
    (the processor) and, as created, the document's date."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment
    from lxml.etree import XMLSyntaxError

    shown: list[str] = []

    def problem(message: str, near: Iterable[str] = ()) -> TemplateProblem:
        return TemplateProblem(template, message, near, messages)

    def say(key: str, **values: object) -> str:
        return TEMPLATE(key, messages, **values)

    def record(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, str | int | float):
            shown.append(str(value))
        return value

    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=record)
    env.concat = _limited_concat  # type: ignore[method-assign]
    variables = context.as_dict()
    data = read_template(template, messages)
    try:
        document = DocxTemplate(BytesIO(data))
        document.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise problem(say("not_docx", reason=_reason(exc))) from None

    try:
        unknown = document.get_undeclared_template_variables(env, variables)
    except TemplateSyntaxError:
        unknown = set()  # rendering below reports it with the surrounding text
    except (MemoryError, RecursionError) as exc:
        raise problem(exhausted(exc, messages)) from None
    unknown -= set(env.globals)  # range, cycler, ...: the sandbox guards their use
    if unknown:
        names = ", ".join(sorted(unknown))
        raise problem(
            TEMPLATE.count(
                "unknown_variables",
                messages,
                len(unknown),
                names=names,
                available=", ".join(variables),
            )
        )

    try:
        document.render(variables, jinja_env=env, autoescape=True)
        _properties(document, context, created)
        buffer = BytesIO()
        document.save(buffer)
    except (MemoryError, RecursionError) as exc:
        raise problem(exhausted(exc, messages)) from None
    except OutputTooLarge as exc:
        raise problem(exc.text(messages)) from None
    except SecurityError as exc:
        raise problem(say("internals", detail=exc), _near(exc)) from None
    except UndefinedError as exc:
        message = (exc.message or "").replace("tomwizard.export.variables.", "")
        raise problem(
            say("undefined", message=_undefined(message, messages)),
            _near(exc) or _tags_naming(template, message),
        ) from None
    except TemplateSyntaxError as exc:
        message = re.sub(r" at \d+$", "", exc.message or "")
        raise problem(say("syntax", message=message), _near(exc)) from None
    except JinjaError as exc:
        raise problem(say("error", message=exc.message), _near(exc)) from None
    except XMLSyntaxError as exc:
        raise problem(say("invalid_result", reason=exc)) from None
    except Exception as exc:  # docxtpl's own errors (e.g. a {%tr %} outside a table row)
        raise problem(say("cannot_fill", reason=_reason(exc))) from None
    output = normalise_switches(buffer.getvalue())
    size = _unpacked_size(output)
    if size > limits.MAX_OUTPUT_SIZE:
        raise problem(OutputTooLarge(size).text(messages))
    return Rendered(data=output, shown=shown)


def read_template(template: Path, messages: Language = "en") -> bytes:
    """The template file's bytes, once its size and parts passed the limits of
    :mod:`tomwizard.export.limits` and it holds nothing :func:`unsafe_content` refuses (else
    :class:`TemplateProblem`, worded in ``messages``)."""

    def problem(key: str, **values: object) -> TemplateProblem:
        return TemplateProblem(template, TEMPLATE(key, messages, **values), lang=messages)

    try:
        with template.open("rb") as file:
            data = file.read(limits.MAX_TEMPLATE_SIZE + 1)
    except FileNotFoundError:
        raise problem("missing") from None
    except OSError as exc:
        raise problem("cannot_read", reason=exc.strerror or exc) from None
    if len(data) > limits.MAX_TEMPLATE_SIZE:
        raise problem("too_large", limit=mib(limits.MAX_TEMPLATE_SIZE, messages))
    try:
        parts = read_parts(
            data,
            max_part=limits.MAX_TEMPLATE_PART_SIZE,
            max_total=limits.MAX_TEMPLATE_SIZE,
            max_parts=limits.MAX_TEMPLATE_PARTS,
            messages=messages,
        )
    except PackageProblem as exc:
        raise TemplateProblem(template, str(exc), lang=messages) from None
    except MemoryError as exc:
        raise TemplateProblem(template, exhausted(exc, messages), lang=messages) from None
    unsafe = unsafe_content(parts, messages=messages)
    if unsafe:
        raise problem("refused", reasons="; ".join(unsafe))
    return data


class OutputTooLarge(Exception):
    """The rendered document would be larger than :data:`limits.MAX_OUTPUT_SIZE` (``size``
    bytes, when known); :meth:`text` says so in the reader's language."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size
        super().__init__(self.text("en"))

    def text(self, lang: Language) -> str:
        amount = f" ({mib(self.size, lang, 1)} MiB)" if self.size is not None else ""
        limit = mib(limits.MAX_OUTPUT_SIZE, lang)
        return TEMPLATE("output_too_large", lang, amount=amount, limit=limit)


def _limited_concat(pieces: Iterable[str]) -> str:
    """Jinja's ``concat`` for a whole template part, stopping once the text it renders to grows
    beyond :data:`limits.MAX_OUTPUT_SIZE` characters (before all of it is in memory)."""
    kept: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limits.MAX_OUTPUT_SIZE:
            raise OutputTooLarge()
        kept.append(piece)
    return "".join(kept)


def _unpacked_size(data: bytes) -> int:
    import zipfile

    with zipfile.ZipFile(BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def exhausted(exc: BaseException, lang: Language = "en") -> str:
    """What to say (in ``lang``) when a template ran out of memory or recursion depth."""
    if isinstance(exc, RecursionError):
        return TEMPLATE("recursion", lang)
    return TEMPLATE("memory", lang, limit=mib(limits.RENDER_MEMORY, lang))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or "no details"
    return f"{exc.__class__.__name__}: {_shorten(text, 200)}"


_TAG = re.compile(r"\{[{%].*?[}%]\}")
_UNDEFINED_NAME = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'([^']*)' has no attribute '([^']*)'")
_IS_UNDEFINED = re.compile(r"'([^']*)' is undefined")


def _undefined(message: str, lang: Language) -> str:
    """Jinja's message about an undefined name (``'x' is undefined``, ``'y' has no attribute
    'x'``) in ``lang``; any other message as Jinja says it."""
    if match := _NO_ATTRIBUTE.fullmatch(message):
        return TEMPLATE("no_attribute", lang, owner=match[1], name=match[2])
    if match := _IS_UNDEFINED.fullmatch(message):
        return TEMPLATE("undefined_name", lang, name=match[1])
    return message


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
