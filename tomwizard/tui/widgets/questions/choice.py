"""Yes/no and single-choice questions as radio buttons (``●`` marks the one chosen)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import RadioSet

from tomwizard.catalogue.model import ChoiceQuestion
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import AnswerChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.marked_radio import MarkedRadioButton
from tomwizard.tui.widgets.questions.base import QuestionView


class ChoiceView(QuestionView):
    """A ``bool`` question (Ja/Nein) or a ``choice`` question (one option)."""

    def _choices(self) -> list[tuple[Any, str]]:
        lang = ui_language()
        if isinstance(self.question, ChoiceQuestion):
            return [(o.id, o.label.get(lang)) for o in self.question.options]
        return [(True, t("yes", lang)), (False, t("no", lang))]

    def body(self) -> ComposeResult:
        current = self.session.answers(self.category.id).answers.get(self.question.id)
        with RadioSet(id="choices"):
            for value, label in self._choices():
                selected = current is value if isinstance(value, bool) else current == value
                # the choice is seen without colour too (NO_COLOR, a monochrome terminal)
                yield MarkedRadioButton(Content(label), value=selected)

    @on(RadioSet.Changed, "#choices")
    def _picked(self, event: RadioSet.Changed) -> None:
        event.stop()
        value = self._choices()[event.index][0]
        self.post_message(AnswerChanged(self.category.id, self.question.id, value))
