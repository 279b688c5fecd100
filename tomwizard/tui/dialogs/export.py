"""The questions the wizard asks before it exports: which style, and — for a document marked
final that misses required answers — whether to export it as a draft."""

from __future__ import annotations

from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.problems import Problem
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.texts import t

LISTED = 8
"""Missing answers named in the dialog; the rest are counted."""


def style_dialog(lang: Language, checklist: Path, prose: Path) -> ChoiceDialog:
    """Checklist or prose (each style is written to a file of its own)."""
    return ChoiceDialog(
        t("export.title", lang),
        t("export.message", lang, path=checklist.name, prose=prose.name),
        [
            ("anlage", t("export.anlage", lang)),
            ("prosa", t("export.prosa", lang)),
            ("cancel", t("cancel", lang)),
        ],
    )


def draft_dialog(lang: Language, missing: list[Problem]) -> ChoiceDialog:
    """What a final document misses, and the choice to export it as a draft or not at all."""
    listed = "\n".join(f"• {p.message}" for p in missing[:LISTED])
    more = len(missing) - LISTED
    message = t("export.incomplete", lang, count=len(missing), listed=listed)
    if more > 0:
        message += t("export.incomplete.more", lang, count=more)
    return ChoiceDialog(
        t("export.incomplete.title", lang),
        message,
        [("draft", t("export.as_draft", lang)), ("cancel", t("cancel", lang))],
    )
