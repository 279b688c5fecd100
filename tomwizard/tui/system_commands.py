"""The palette's system commands: Textual's own in the interface language, and the wizard's
(save, review, export, details, an own measure, the document's and the interface's language)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from tomwizard.languages import Language
from tomwizard.tui.texts import t

if TYPE_CHECKING:
    from tomwizard.tui.app import TomWizardApp

TEXTUAL_COMMANDS = {
    "Theme": "command.theme",
    "Quit": "command.quit",
    "Keys": "command.keys",
    "Maximize": "command.maximize",
    "Minimize": "command.minimize",
    "Screenshot": "command.screenshot",
}
"""Textual's own palette commands by their (English) title, and the key of their words in
:mod:`tomwizard.tui.texts`."""


def wizard_commands(
    app: TomWizardApp, screen: Screen[object], textual_commands: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """``textual_commands`` in the interface language, then the wizard's; the command that
    switches the interface language is named in the language it switches to."""
    lang = app.ui_language
    for command in textual_commands:
        key = TEXTUAL_COMMANDS.get(command.title)
        if key is None:  # one that a later Textual adds: as it comes
            yield command
            continue
        help_key = f"{key}.help"
        if key == "command.keys" and command.callback == app.action_hide_help_panel:
            help_key = "command.keys.hide"
        yield command._replace(title=t(key, lang), help=t(help_key, lang))
    other: Language = "en" if lang == "de" else "de"
    yield SystemCommand(
        t("command.ui_language", other),
        t("command.ui_language.help", other),
        app.action_switch_ui_language,
    )
    editor = app.editor
    if editor is None:
        return
    for key, callback in (
        ("command.save", editor.action_save),
        ("command.review", editor.action_review),
        ("command.export", editor.action_export),
        ("command.details", editor.action_details),
    ):
        yield SystemCommand(t(key, lang), t(f"{key}.help", lang), callback)
    from tomwizard.tui.widgets.custom_measures import has_own_measures

    if screen is editor and has_own_measures(editor.category):
        category = editor.category.title.get(lang)
        yield SystemCommand(
            t("command.add_own_measure", lang),
            t("command.add_own_measure.help", lang, category=category),
            editor.action_add_own_measure,
        )
    switched = "en" if editor.session.language == "de" else "de"
    yield SystemCommand(
        t("command.document_language", lang, name=t(f"language.name.{switched}", lang)),
        t("command.document_language.help", lang),
        editor.action_switch_language,
    )
