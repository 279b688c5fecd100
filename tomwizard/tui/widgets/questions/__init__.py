"""One widget per question type, built from the catalogue (see :func:`question_view`)."""

from tomwizard.tui.widgets.questions.base import QuestionView
from tomwizard.tui.widgets.questions.factory import question_view

__all__ = ["QuestionView", "question_view"]
