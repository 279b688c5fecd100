"""The change notice as a Word file, made like the annex: the built-in notice template
(``templates/notice/notice.LANG.docx``, built by ``scripts/build_notice_templates.py``) is filled
in the export's sandbox, in a process of its own with time and memory limits
(:func:`tomwizard.export.isolation.render_checked`), and the result must pass the export's
verification: a valid Word file that python-docx opens, holding nothing unsafe, that shows every
text the template printed and every sentence of the notice. Nothing is returned otherwise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tomwizard.changes.notice import Notice, required_texts
from tomwizard.export.exporter import ExportFailed
from tomwizard.export.words import OUTPUT
from tomwizard.languages import Language
from tomwizard.locations import builtin_templates_dir
from tomwizard.wording import Wording

if TYPE_CHECKING:
    from tomwizard.export.variables import ExportContext


_SAY = Wording(
    "changes.notice",
    {
        "incomplete": (
            "{template}: die Änderungsmitteilung enthielte nicht alles, was sie enthalten muss; "
            "es wurde nichts geschrieben",
            "{template}: the change notice would not contain everything it should; nothing was "
            "written",
        ),
    },
)


def notice_template(lang: str) -> Path:
    """The built-in notice template in ``lang``."""
    return builtin_templates_dir() / "notice" / f"notice.{lang}.docx"


def render_notice(
    notice: Notice, created: dt.date | None = None, messages: Language = "en"
) -> bytes:
    """The notice as checked .docx bytes; raises :class:`ExportFailed` (kind ``template`` or
    ``check``, worded in ``messages``) as the export does."""
    from tomwizard.export.isolation import render_checked
    from tomwizard.export.render import TemplateProblem

    context = notice.context
    template = notice_template(context.lang)
    try:
        # the renderer reads only as_dict(), document.title, processor.name and lang, which a
        # notice has as an annex has them
        checked = render_checked(
            template,
            cast("ExportContext", context),
            created,
            list(required_texts(context)),
            messages=messages,
        )
    except TemplateProblem as exc:
        raise ExportFailed("template", str(exc)) from None
    if checked.unsafe:
        message = OUTPUT("unsafe", messages, template=template)
        raise ExportFailed("template", message, checked.unsafe)
    if checked.problems:
        message = _SAY("incomplete", messages, template=template)
        raise ExportFailed("check", message, checked.problems)
    return checked.data
