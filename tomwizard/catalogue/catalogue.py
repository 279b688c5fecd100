"""The assembled catalogue: built-in files plus user extensions, with fast lookups."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from tomwizard.catalogue.migrations import Migration
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Group,
    Measure,
    Question,
    Text,
    Vocabulary,
)


class Catalogue(BaseModel):
    """A validated catalogue; categories in display order, grouped by Art. 32 block."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    version: str
    title: Text
    languages: list[str]
    groups: list[Group]
    """Groups with their final category order (user categories appended)."""
    vocabularies: list[Vocabulary] = []
    """The shared option lists of ``catalogue.toml``."""
    migrations: list[Migration] = []
    """How ids of earlier versions map to today's (``migrations.toml``), oldest first."""
    categories: list[Category]
    """All categories in display order."""
    sources: dict[str, str]
    """Category id -> file it was loaded from (extensions are listed as ``base + ext``)."""

    @cached_property
    def _by_id(self) -> dict[str, Category]:
        return {category.id: category for category in self.categories}

    @cached_property
    def _group_of(self) -> dict[str, Group]:
        return {cid: group for group in self.groups for cid in group.categories}

    def category(self, category_id: str) -> Category | None:
        """The category with this id, if the catalogue has it."""
        return self._by_id.get(category_id)

    def group_of(self, category_id: str) -> Group | None:
        """The Art. 32 group a category belongs to."""
        return self._group_of.get(category_id)

    def question(self, category_id: str, question_id: str) -> Question | None:
        """A question by category and id."""
        category = self.category(category_id)
        if category is None:
            return None
        return next((q for q in category.questions if q.id == question_id), None)

    def measures(self, category_id: str) -> Iterator[tuple[ChecklistQuestion, Measure]]:
        """Every checklist measure of a category, with its question, in catalogue order."""
        category = self.category(category_id)
        if category is None:
            return
        for question in category.questions:
            if isinstance(question, ChecklistQuestion):
                for measure in question.measures:
                    yield question, measure

    def measure(self, category_id: str, measure_id: str) -> Measure | None:
        """A checklist measure by category and id."""
        return next((m for _, m in self.measures(category_id) if m.id == measure_id), None)

    def measure_count(self) -> int:
        """Number of checklist measures in the whole catalogue."""
        return sum(1 for c in self.categories for _ in self.measures(c.id))
