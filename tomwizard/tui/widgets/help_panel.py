"""The panel that explains the focused question or measure in plain language."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets import Static

from tomwizard.catalogue.model import Language
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t


@dataclass(frozen=True)
class HelpTopic:
    """What the help panel shows for a question, measure or category."""

    title: str
    text: str
    sources: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


class GuidePanel(Static):
    """Shows a :class:`HelpTopic`; updated by the main screen when the focus moves.

    Not called ``HelpPanel`` and not ``#help``: Textual's own help panel (the palette's "Keys")
    is found by that name, and "Keys" would remove this panel instead."""

    def show(self, topic: HelpTopic, language: Language | None = None) -> None:
        """Show ``topic`` (its words as they come) with "Legal references" and "Sources" in
        ``language`` (default: the interface language)."""
        lang = language or ui_language()
        content = Text()
        content.append(topic.title + "\n\n", style="bold")
        content.append(topic.text + "\n")
        if topic.references:
            content.append(f"\n{t('references', lang)}: ", style="italic")
            content.append("; ".join(topic.references) + "\n")
        if topic.sources:
            content.append(f"\n{t('sources', lang)}: ", style="italic")
            content.append("; ".join(topic.sources) + "\n")
        self.update(content)
