"""Number and date questions: a validated input field."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult

from tomwizard.catalogue.model import NumberQuestion, Parameter, Text
from tomwizard.tui.messages import AnswerChanged
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.questions.base import QuestionView
from tomwizard.tui.widgets.value_field import ValueField


class FieldQuestionView(QuestionView):
    """A ``number`` or ``date`` question, validated as the user types."""

    def _spec(self) -> Parameter:
        q = self.question
        unit = q.unit if isinstance(q, NumberQuestion) else None
        blank = Text(de=t("answer", "de"), en=t("answer", "en"))
        if isinstance(q, NumberQuestion):
            return Parameter(
                id=q.id,
                type="number",
                label=unit or blank,
                min=q.min,
                max=q.max,
                integer=q.integer,
            )
        return Parameter(id=q.id, type="date", label=blank)

    def body(self) -> ComposeResult:
        value = self.session.answers(self.category.id).answers.get(self.question.id)
        yield ValueField(self._spec(), value, id="field")

    @on(ValueField.Changed, "#field")
    def _changed(self, event: ValueField.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(self.category.id, self.question.id, event.value))
