"""Checklist questions: the measures to decide, one line each."""

from __future__ import annotations

from textual.app import ComposeResult

from tomwizard.catalogue.model import ChecklistQuestion
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.questions.base import QuestionView


class ChecklistView(QuestionView):
    """The measures of a checklist; measures whose conditions fail are not listed (their
    answers stay in the session)."""

    def body(self) -> ComposeResult:
        assert isinstance(self.question, ChecklistQuestion)
        yield MeasureList(self.session, self.category, self.question)

    @property
    def measure_list(self) -> MeasureList:
        return self.query_one(MeasureList)
