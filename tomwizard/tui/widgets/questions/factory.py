"""The factory that picks a question's widget by its type.

It is a module of its own, apart from :mod:`.base`: the widgets import the base class, the
factory imports the widgets, so the package has no import circle (and no import inside a
function to break one)."""

from __future__ import annotations

from tomwizard.catalogue.model import Category, Question
from tomwizard.session import EditSession
from tomwizard.tui.widgets.questions.base import QuestionView
from tomwizard.tui.widgets.questions.checklist import ChecklistView
from tomwizard.tui.widgets.questions.choice import ChoiceView
from tomwizard.tui.widgets.questions.field_question import FieldQuestionView
from tomwizard.tui.widgets.questions.multichoice import MultichoiceView
from tomwizard.tui.widgets.questions.table import TableView
from tomwizard.tui.widgets.questions.text import TextView

VIEWS: dict[str, type[QuestionView]] = {
    "checklist": ChecklistView,
    "choice": ChoiceView,
    "bool": ChoiceView,
    "multichoice": MultichoiceView,
    "number": FieldQuestionView,
    "date": FieldQuestionView,
    "text": TextView,
    "table": TableView,
}
"""The widget of each question type."""


def question_view(session: EditSession, category: Category, question: Question) -> QuestionView:
    """The widget for ``question``, chosen by its type."""
    return VIEWS[question.type](session, category, question)
