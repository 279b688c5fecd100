"""Multiple-choice questions as a selection list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import SelectionList

from tomwizard.catalogue.model import MultichoiceQuestion
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import AnswerChanged
from tomwizard.tui.widgets.questions.base import QuestionView


class MultichoiceView(QuestionView):
    """Tick any number of options; the answer keeps the catalogue's option order."""

    def body(self) -> ComposeResult:
        assert isinstance(self.question, MultichoiceQuestion)
        current = self.session.answers(self.category.id).answers.get(self.question.id) or []
        lang = ui_language()
        yield SelectionList[str](
            *[(Content(o.label.get(lang)), o.id, o.id in current) for o in self.question.options],
            id="options",
        )

    @on(SelectionList.SelectedChanged, "#options")
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        assert isinstance(self.question, MultichoiceQuestion)
        chosen = set(event.selection_list.selected)
        value = [o.id for o in self.question.options if o.id in chosen]
        self.post_message(AnswerChanged(self.category.id, self.question.id, value or None))
