"""How complete a document is: answered and required questions per category."""

from __future__ import annotations

from dataclasses import dataclass

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.visibility import Visibility, is_answered
from tomwizard.catalogue.catalogue import Catalogue


@dataclass(frozen=True)
class CategoryProgress:
    """Completion of one category; hidden questions do not count."""

    category_id: str
    applies: bool
    """False when the category's own conditions exclude it."""
    answered: int
    """Shown questions that have an answer."""
    shown: int
    """Questions shown with the current answers."""
    required_answered: int
    required: int
    missing: tuple[str, ...]
    """Ids of required questions still without an answer."""

    @property
    def complete(self) -> bool:
        return not self.missing


def progress(document: AnswersDocument, catalogue: Catalogue) -> list[CategoryProgress]:
    """Progress of every catalogue category, in catalogue order."""
    visibility = Visibility(document, catalogue)
    result = []
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if not visibility.category(category):
            result.append(CategoryProgress(category.id, False, 0, 0, 0, 0, ()))
            continue
        shown = [q for q in category.questions if visibility.question(category, q)]
        done = {q.id for q in shown if is_answered(category, q, answers)}
        required = [q for q in shown if q.required]
        missing = tuple(q.id for q in required if q.id not in done)
        result.append(
            CategoryProgress(
                category.id,
                True,
                len(done),
                len(shown),
                len(required) - len(missing),
                len(required),
                missing,
            )
        )
    return result
