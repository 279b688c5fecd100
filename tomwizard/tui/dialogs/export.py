"""The questions the wizard asks before it exports: which style (for a German document also
in English), whether to replace a file that exists, and — for a document marked final that
misses required answers — whether to export it as a draft; afterwards, which texts an English
export printed in German."""

from __future__ import annotations

from pathlib import Path

from tomwizard.catalogue.model import Language
from tomwizard.problems import Problem
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.texts import t

LISTED = 8
"""Missing answers named in the dialog; the rest are counted."""


STYLES = ("anlage", "prosa", "tabelle")


def style_dialog(
    lang: Language, source: Path, outputs: dict[str, Path], english: bool
) -> ChoiceDialog:
    """Which style (each is written to a file of its own, named in the message); with
    ``english`` (a German document) also each style in English: the choice's id then ends in
    ``-en``. ``outputs`` maps ``style`` and ``style-en`` to the file each choice writes."""
    german = " · ".join(outputs[style].name for style in STYLES)
    files = f"  {german}"
    if english:
        files += "\n  (EN) " + " · ".join(outputs[f"{style}-en"].name for style in STYLES)
    message = t("export.message", lang, source=source.name, files=files)
    choices = [(style, t(f"export.{style}", lang)) for style in STYLES]
    if english:
        choices += [(f"{style}-en", t(f"export.{style}-en", lang)) for style in STYLES]
    choices.append(("cancel", t("cancel", lang)))
    return ChoiceDialog(t("export.title", lang), message, choices, columns=len(STYLES))


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
