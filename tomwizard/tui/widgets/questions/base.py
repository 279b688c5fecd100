"""The common frame of every question (the factory that picks the widget by type is in
:mod:`.factory`).

The catalogue's words (labels, options, help) are shown in the interface language; the
document's language decides whether English versions of the user's texts are asked for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from tomwizard.catalogue.model import Category, Language, Question
from tomwizard.session import EditSession
from tomwizard.tui.language import ui_language
from tomwizard.tui.widgets.help_panel import HelpTopic


class QuestionView(Vertical):
    """A question: its label and, below it, the widget for its type (from :meth:`body`)."""

    def __init__(self, session: EditSession, category: Category, question: Question) -> None:
        super().__init__(id=f"q-{question.id}", classes=f"question question-{question.type}")
        self.session = session
        self.category = category
        self.question = question

    @property
    def language(self) -> Language:
        """The document's language (a German document asks for English versions too)."""
        return self.session.language

    @property
    def help_topic(self) -> HelpTopic:
        q, lang = self.question, ui_language()
        return HelpTopic(q.label.get(lang), q.help.get(lang), list(q.source))

    def compose(self) -> ComposeResult:
        marker = " *" if self.question.required else ""
        yield Label(
            self.question.label.get(ui_language()) + marker,
            classes="question-label",
            markup=False,
        )
        yield from self.body()

    def body(self) -> ComposeResult:
        """The widgets for the answer; subclasses provide them."""
        yield from ()
