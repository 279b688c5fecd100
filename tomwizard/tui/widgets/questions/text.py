"""Free-text questions: a multi-line text area."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import AnswerChanged, EnglishAnswerChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.questions.base import QuestionView


class TextView(QuestionView):
    """A ``text`` question; Tab leaves the area, so keyboard users are never trapped."""

    def body(self) -> ComposeResult:
        answers = self.session.answers(self.category.id)
        value = answers.answers.get(self.question.id)
        yield TextArea(value if isinstance(value, str) else "", id="text", soft_wrap=True)
        if self.language == "de":  # the English version, for English annexes
            yield Label(t("answer.en", ui_language()), classes="field-label")
            english = answers.answers_en.get(self.question.id, "")
            yield TextArea(
                english if isinstance(english, str) else "", id="text-en", soft_wrap=True
            )

    @on(TextArea.Changed, "#text")
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self.post_message(
            AnswerChanged(self.category.id, self.question.id, text if text.strip() else None)
        )

    @on(TextArea.Changed, "#text-en")
    def _english(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self.post_message(EnglishAnswerChanged(self.category.id, self.question.id, text))
