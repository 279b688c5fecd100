"""Free-text questions: a multi-line text area."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import TextArea

from tomwizard.tui.messages import AnswerChanged
from tomwizard.tui.widgets.questions.base import QuestionView


class TextView(QuestionView):
    """A ``text`` question; Tab leaves the area, so keyboard users are never trapped."""

    def body(self) -> ComposeResult:
        value = self.session.answers(self.category.id).answers.get(self.question.id)
        yield TextArea(value if isinstance(value, str) else "", id="text", soft_wrap=True)

    @on(TextArea.Changed, "#text")
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self.post_message(
            AnswerChanged(self.category.id, self.question.id, text if text.strip() else None)
        )
