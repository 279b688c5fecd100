"""Exporting an answers document as a Word annex: the one function the CLI and the wizard call.

context → render (sandboxed) → verify (nothing lost) → write atomically (0600) → optional PDF.
Nothing is written unless the rendered document passed every check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tomwizard.answers.english import KeyPath, english_version
from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.export.context import build_context
from tomwizard.export.templates import DEFAULT_TEMPLATE, TemplateNotFound, resolve_template
from tomwizard.export.variables import ExportContext
from tomwizard.export.words import OUTPUT

FailureKind = Literal["template", "check", "output", "pdf"]


class ExportFailed(Exception):
    """The export did not produce what was asked for; ``message`` says why in plain words, in
    the language the caller asked for (``messages`` of :func:`export_document`)."""

    def __init__(self, kind: FailureKind, message: str, details: list[str] | None = None) -> None:
        self.kind = kind
        self.message = message
        self.details = details or []
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {line}" for line in self.details)])


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    docx: Path
    pdf: Path | None
    template: Path
    lang: Language
    untranslated: tuple[KeyPath, ...] = ()
    """Printed texts of a German document exported in English that have no English version
    (key paths; :func:`tomwizard.answers.english.untranslated_problems` reports them)."""


def default_output(
    source: Path,
    template: str | None = None,
    lang: Language | None = None,
    document_lang: Language | None = None,
) -> Path:
    """Where the annex of ``source`` goes unless told otherwise: beside it, as ``.docx``; the
    name adds the style and the language when they are not the document's defaults
    (``anlage-tom.prosa.docx``, ``anlage-tom.en.docx``), so two exports never overwrite each
    other."""
    parts = [source.stem]
    if template and template != DEFAULT_TEMPLATE:
        style = Path(template).stem if template.endswith(".docx") else template
        parts.append(style.removesuffix(f".{lang}") if lang else style)
    if lang and document_lang and lang != document_lang:
        parts.append(lang)
    return source.with_name(".".join(parts) + ".docx")


def output_exists(output: Path) -> bool:
    """Whether an export to ``output`` would replace a file (the wizard asks first)."""
    return output.exists()


def export_document(
    document: AnswersDocument,
    catalogue: Catalogue,
    output: Path,
    *,
    template: str = DEFAULT_TEMPLATE,
    lang: Language | None = None,
    pdf: bool = False,
    source: Path | None = None,
    today: dt.date | None = None,
    draft: bool = False,
    inputs: Sequence[Path] = (),
    messages: Language = "en",
) -> ExportResult:
    """Write ``document`` as a Word annex to ``output`` (and a PDF beside it if ``pdf``);
    ``draft`` marks it as a draft whatever its status says. No output (the .docx, the PDF) may
    be ``source``, the template or one of ``inputs`` (the other files of a batch). An English
    export of a German document prints the English versions of its free texts (the result lists
    those without one). Why an export failed is said in ``messages`` (the reader's language;
    ``lang`` is the annex's).

    Raises :class:`ExportFailed`; a failed PDF conversion leaves the written .docx in place.
    """
    from tomwizard.disk.storage import write_atomic
    from tomwizard.export.isolation import render_checked
    from tomwizard.export.render import TemplateProblem

    language: Language = lang or document.document.language
    _check_output(output, messages)
    if draft and document.document.status != "draft":
        document = document.model_copy(deep=True)
        document.document.status = "draft"
    english = english_version(document, catalogue, language)
    document = english.document
    try:
        choice = resolve_template(template, language, messages)
    except TemplateNotFound as exc:
        raise ExportFailed("template", str(exc)) from None
    outputs = [output, pdf_output(output)] if pdf else [output]
    answers_file = OUTPUT("answers_file", messages)
    check_paths(
        outputs,
        {
            **{path: answers_file for path in inputs},
            **({source: answers_file} if source else {}),
            choice.path: OUTPUT("template", messages),
        },
        messages,
    )
    context = build_context(document, catalogue, language, today)
    required = list(required_texts(context, choice.builtin)) if choice.builtin else []
    try:
        checked = render_checked(
            choice.path, context, document.document.date, required, messages=messages
        )
    except TemplateProblem as exc:
        raise ExportFailed("template", str(exc)) from None
    if checked.unsafe:
        message = OUTPUT("unsafe", messages, template=choice.path)
        raise ExportFailed("template", message, checked.unsafe)
    if checked.problems:
        message = OUTPUT("incomplete", messages, template=choice.path)
        raise ExportFailed("check", message, checked.problems)
    try:
        write_atomic(output, checked.data)
    except OSError as exc:
        message = OUTPUT("cannot_write", messages, output=output, reason=exc.strerror or exc)
        raise ExportFailed("output", message) from None
    pdf_path = _to_pdf(output, messages) if pdf else None
    return ExportResult(
        docx=output,
        pdf=pdf_path,
        template=choice.path,
        lang=language,
        untranslated=english.untranslated,
    )


def pdf_output(docx: Path) -> Path:
    """Where ``--pdf`` puts the PDF of the annex ``docx``."""
    return docx.with_suffix(".pdf")


def check_paths(
    outputs: Sequence[Path], inputs: Mapping[Path, str], messages: Language = "en"
) -> None:
    """Refuse (:class:`ExportFailed`, kind ``output``) to write any of ``outputs`` over any of
    ``inputs`` (each named by what it is, in ``messages``: "the answers file", "the template").
    Paths are compared resolved (symbolic links, ``..``) and, where both exist, as files (hard
    links, a folder that ignores case)."""
    for output in outputs:
        for path, what in inputs.items():
            if _same_file(output, path):
                message = OUTPUT("itself", messages, output=output, what=what)
                raise ExportFailed("output", message)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a loop of symbolic links: compare as files below
        pass
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


OutputProblem = Literal["suffix", "folder_missing", "is_folder", "is_source"]


def output_problem(output: Path, source: Path | None = None) -> OutputProblem | None:
    """What keeps the annex (of the answers file ``source``, if given) from being written to
    ``output``; ``None``: nothing. The export checks this; the wizard checks a file name the
    user typed with it and names the problem in the interface's language."""
    if output.suffix.lower() != ".docx":
        return "suffix"
    if output.is_dir():
        return "is_folder"
    if not output.parent.is_dir():
        return "folder_missing"
    if source is not None and _same_file(output, source):
        return "is_source"
    return None


def _check_output(output: Path, messages: Language) -> None:
    problem = output_problem(output)
    if problem is not None:
        message = OUTPUT(problem, messages, output=output, folder=output.parent)
        raise ExportFailed("output", message)


def _to_pdf(docx: Path, messages: Language) -> Path:
    from tomwizard.export.pdf import PdfError, convert_to_pdf

    target = pdf_output(docx)
    try:
        return convert_to_pdf(docx, target, messages=messages)
    except PdfError as exc:
        message = OUTPUT("no_pdf", messages, docx=docx, reason=exc.reason)
        raise ExportFailed("pdf", message) from None


def required_texts(context: ExportContext, style: str) -> Iterator[str]:
    """What a built-in template in ``style`` (``anlage``, ``prosa`` or ``tabelle``) must show:
    the document's details, the parties and their signatories, the scope paragraphs and the
    history, every measure that applies with its parameters, remark and provider, every
    category's provider sentence, statements and description, every planned measure with its
    remark, every measure that does not apply with its reason and remark, every provider and
    every table cell. A template that drops one of them fails the export."""
    document = context.document
    yield from (document.title, document.annex, document.contract_reference)
    yield from (document.contract_date, document.version, document.date)
    for party in (context.controller, context.processor):
        yield from (party.name, party.address, party.representative)
        yield from (party.function, party.place, party.sign_date)
    yield from (context.dpo.contact, context.dpo.address)
    yield from context.scope
    if context.history_table is not None:
        yield from (cell for row in context.history_table.cells for cell in row)
    for group in context.groups:
        yield group.title
        for category in group.categories:
            yield from (category.title, category.description, *category.statements)
            yield category.provider
            for measure in category.implemented:
                if style == "prosa":
                    yield measure.text
                else:
                    yield from (measure.label, measure.details)
                yield from (measure.note_sentence, measure.provider)
    if context.providers_table is not None:
        yield from (cell for row in context.providers_table.cells for cell in row)
    for table in (context.data_centres, context.certifications):
        if table is not None:
            yield from (cell for row in table.cells for cell in row)
    for measure in context.planned:
        yield from (measure.label, measure.details, measure.note_sentence, measure.target_date)
    for measure in context.not_applicable:
        yield from (measure.label, measure.reason_sentence, measure.note_sentence)
