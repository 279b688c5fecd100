"""The questions the wizard asks before it exports: which style (for a German document also
in English), and — for a document marked final that misses required answers — whether to export
it as a draft; afterwards, which texts an English export printed in German."""

from __future__ import annotations

from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.problems import Problem
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.texts import t

LISTED = 8
"""Missing answers named in the dialog; the rest are counted."""


def style_dialog(
    lang: Language, checklist: Path, prose: Path, english: Path | None = None
) -> ChoiceDialog:
    """Checklist or prose (each style is written to a file of its own); with ``english`` (the
    checklist's file in English, for a German document) also both in English: the choice's id
    then ends in ``-en``."""
    message = t("export.message", lang, path=checklist.name, prose=prose.name)
    choices = [("anlage", t("export.anlage", lang)), ("prosa", t("export.prosa", lang))]
    if english is not None:
        message += t("export.message.en", lang, english=english.name)
        choices += [(f"{style}-en", t(f"export.{style}-en", lang)) for style in STYLES]
    return ChoiceDialog(t("export.title", lang), message, [*choices, ("cancel", t("cancel", lang))])


STYLES = ("anlage", "prosa")


def untranslated_message(lang: Language, keys: list[str]) -> str:
    """Which texts an English export printed in German (they have no English version)."""
    listed = "\n".join(f"• {key}" for key in keys[:LISTED])
    message = t("export.untranslated", lang, count=len(keys), listed=listed)
    if len(keys) > LISTED:
        message += t("export.incomplete.more", lang, count=len(keys) - LISTED)
    return message


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
