"""The checks the condition language cannot express: they need the calendar or look at every
measure. A rule names one with ``builtin = "…"``; its message takes the placeholders listed in
:data:`tomwizard.rules.model.BUILTIN_PLACEHOLDERS`, filled here (as data: a label is never read
as a placeholder or template).

Only measures the annex prints count: shown catalogue measures of shown checklists in categories
that apply, and own measures of such a checklist. Today's date comes from
:func:`tomwizard.clock.today`.
"""

from __future__ import annotations

import re

from tomwizard import clock
from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.printed import date_text, printed_measures
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.rules.model import BuiltinCheck

KeyPath = tuple[str | int, ...]
Hit = tuple[KeyPath, dict[str, str]]
"""Where a built-in check found something, and the values of its message's placeholders."""
_LISTED = 10
"""At most this many measures are named in one message; the count says how many there are."""


def run_builtin(
    check: BuiltinCheck, document: AnswersDocument, catalogue: Catalogue, lang: Language
) -> list[Hit]:
    """What the built-in ``check`` finds in ``document``."""
    printed = list(printed_measures(document, catalogue, lang))
    if check == "planned-overdue":
        today = clock.today()
        return [
            (
                (*at, "target_date"),
                {"measure": label, "target_date": date_text(state.target_date, lang)},
            )
            for at, label, state in printed
            if state.status == "planned"
            and state.target_date is not None
            and state.target_date < today
        ]
    if document.document.status != "final":
        return []
    planned = [label for _, label, state in printed if state.status == "planned"]
    if not planned:
        return []
    names = ", ".join(planned[:_LISTED]) + (", …" if len(planned) > _LISTED else "")
    return [(("document", "status"), {"count": str(len(planned)), "measures": names})]


def fill(message: str, values: dict[str, str]) -> str:
    """``message`` with each ``{name}`` of ``values`` replaced, in one pass (a value containing
    ``{count}`` stays as it is)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), message)
