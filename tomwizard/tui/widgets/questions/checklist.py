"""Checklist questions: the measures to tick."""

from __future__ import annotations

from textual.app import ComposeResult

from tomwizard.catalogue.model import ChecklistQuestion
from tomwizard.tui.widgets.measure_row import MeasureRow
from tomwizard.tui.widgets.questions.base import QuestionView


class ChecklistView(QuestionView):
    """The measures of a checklist; measures whose conditions fail are hidden, not removed."""

    def body(self) -> ComposeResult:
        assert isinstance(self.question, ChecklistQuestion)
        for measure in self.question.measures:
            yield MeasureRow(
                self.category,
                measure,
                self.session.measure(self.category.id, measure.id),
                self.language,
                self.session.document,
            )
