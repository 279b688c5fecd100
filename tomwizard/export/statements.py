"""The sentences of a category's answers to its questions other than checklists and tables.

A question's phrase with the answer filled in ("Die Daten werden in {value} verarbeitet."), then
the fixed sentence of a yes/no answer or of each chosen option (statements such as "Es werden
keine Datenträger versandt."). Only questions whose conditions hold, and only answers that have
a value, say anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tomwizard.answers.model import CategoryAnswers
from tomwizard.answers.visibility import Visibility, has_value
from tomwizard.catalogue.model import (
    BoolQuestion,
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    Language,
    MultichoiceQuestion,
    Question,
    TableQuestion,
)
from tomwizard.export.formatting import fill, join, option_text, scalar, sentence


def statements(
    category: Category,
    answers: CategoryAnswers,
    visibility: Visibility,
    lang: Language,
    words: Callable[[str], str],
) -> Iterator[str]:
    """The sentences of ``answers`` in ``lang``; ``words`` puts the contract's terms into a
    catalogue text."""
    for question in category.questions:
        if isinstance(question, ChecklistQuestion | TableQuestion):
            continue
        if not visibility.question(category, question):
            continue
        value = answers.answers.get(question.id)
        if not has_value(question.type, value):
            continue
        if question.phrase is not None:
            text = answer_text(question, value, lang, words)
            if text:
                # the answer may end the sentence: it ends with a full stop either way
                yield sentence(fill(words(question.phrase.get(lang)), {"value": text}))
        if isinstance(question, BoolQuestion) and isinstance(value, bool):
            statement = question.phrase_yes if value else question.phrase_no
            if statement is not None:
                yield words(statement.get(lang))
        if isinstance(question, ChoiceQuestion | MultichoiceQuestion):
            chosen = value if isinstance(value, list) else [value]
            for option in question.options:
                if option.id in chosen and option.statement is not None:
                    yield words(option.statement.get(lang))


def answer_text(question: Question, value: Any, lang: Language, words: Callable[[str], str]) -> str:
    """The answer ``value`` as a phrase's ``{value}`` says it."""
    options = getattr(question, "options", [])
    if question.type == "multichoice" and isinstance(value, list):
        return join([option_text(options, v, lang, True, words) for v in value], lang)
    return scalar(value, question.type, options, lang, phrase=True, inline=False, words=words)
