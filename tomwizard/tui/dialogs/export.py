"""The questions the wizard asks around an export: whether to replace a file that exists and
which texts an English export printed in German (the export dialog itself, with style,
language, file name and what is missing, is :mod:`tomwizard.tui.dialogs.export_form`)."""

from __future__ import annotations

from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.texts import t

LISTED = 8
"""Texts named in a message (missing answers, untranslated texts); the rest are counted."""


def replace_dialog(lang: Language, path: Path) -> ChoiceDialog:
    """The output file exists already: replace it, or not."""
    return ChoiceDialog(
        t("export.replace.title", lang),
        t("export.replace", lang, path=str(path)),
        [("replace", t("export.replace.yes", lang)), ("cancel", t("cancel", lang))],
    )


def untranslated_message(lang: Language, keys: list[str]) -> str:
    """Which texts an English export printed in German (they have no English version)."""
    listed = "\n".join(f"• {key}" for key in keys[:LISTED])
    message = t("export.untranslated", lang, count=len(keys), listed=listed)
    if len(keys) > LISTED:
        message += t("export.incomplete.more", lang, count=len(keys) - LISTED)
    return message
