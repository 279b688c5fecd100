"""The review cycle on the main screen: "Kategorie geprüft" (F4, the palette), the categories due
for review marked in the sidebar and named in the category's view, and the review screen (F3)
with what is due and the conflicts a merge left.

A review date is the user's note that a category was checked; the annex never prints it. What is
due is computed once per update of the sidebar, by the rule ``validate`` applies
(:func:`~tomwizard.answers.upkeep_check.categories_due`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.css.query import NoMatches

from tomwizard.answers.upkeep_check import categories_due, check_upkeep, date_text
from tomwizard.tui.language import ui_language
from tomwizard.tui.screens.browsing import BrowsingScreen
from tomwizard.tui.texts import t

if TYPE_CHECKING:
    from tomwizard.tui.commands import ReviewCommands


def _review_commands() -> type[ReviewCommands]:
    """The palette's commands of the review cycle (imported when the palette opens)."""
    from tomwizard.tui.commands import ReviewCommands

    return ReviewCommands


class ReviewingScreen(BrowsingScreen):
    """The main screen's part of the review cycle (see the module's docstring)."""

    COMMANDS = {_review_commands}

    BINDINGS = [
        Binding(
            "f4",
            "mark_reviewed",
            "Reviewed",
            tooltip="Record that the category shown was reviewed today",
            priority=True,
            show=False,  # the footer stays as it is at 80x24 (the palette offers it too)
            id="mark-reviewed",
        ),
    ]

    due: frozenset[str] = frozenset()
    """The categories due for review, as of the last update of the sidebar."""

    def refresh_progress(self) -> None:
        """Update the completion shown in the sidebar, which categories are due for review
        (there and in the view shown)."""
        self.due = frozenset(categories_due(self.session.document, self.session.catalogue))
        self.sidebar.show_progress(self.session.progress(), self.due)
        self._show_review()

    def _show_review(self) -> None:
        view = self.views.get(self.category.id)
        if view is None:
            return
        with contextlib.suppress(NoMatches):  # not composed yet: it shows the date when it is
            view.show_review(self.category.id in self.due)

    async def show_category(self, category_id: str, focus_item: str | None = None) -> None:
        await super().show_category(category_id, focus_item)
        self._show_review()

    def announce_upkeep(self) -> None:
        """Say once, when the document is opened, how much is due and how many merge
        conflicts wait for a decision (F3 lists them); nothing when there is neither."""
        document = self.session.document
        found = check_upkeep(document, self.session.catalogue, "de")
        conflicts = len(document.conflicts)
        due = len(found) - conflicts
        if not found:
            return
        lang = ui_language()
        parts = [t("upkeep.due", lang, n=due)] if due else []
        if conflicts:
            parts.append(t("upkeep.conflicts", lang, n=conflicts))
        what = "; ".join(parts)
        self.notify(
            t("upkeep.open", lang, what=what[:1].upper() + what[1:]),
            severity="warning" if conflicts else "information",
            timeout=10,
            markup=False,
        )

    def action_mark_reviewed(self) -> None:
        """Record today as the review date of the category shown; a notification says so."""
        lang = ui_language()
        title = self.category.title.get(lang)
        before = self.session.answers(self.category.id).reviewed
        day = self.session.mark_reviewed(self.category.id)
        when = date_text(day, lang)
        if before == day:
            self.notify(t("reviewed.again", lang, category=title, date=when), markup=False)
            return
        self._edited()
        self.notify(t("reviewed.done", lang, category=title, date=when), markup=False)

    def action_clear_reviewed(self) -> None:
        """Remove the review date of the category shown (the palette offers it when there is
        one)."""
        if self.session.clear_reviewed(self.category.id):
            lang = ui_language()
            title = self.category.title.get(lang)
            self._edited()
            self.notify(t("reviewed.cleared", lang, category=title), markup=False)

    def action_review(self) -> None:
        """The review screen; choosing a line shows its place (a category, the document
        details)."""
        from tomwizard.tui.screens.review import DetailsJump, ReviewScreen, ReviewTarget

        def done(target: ReviewTarget) -> None:
            if isinstance(target, DetailsJump):
                self.call_later(self.action_details)
            elif target is not None:
                self.call_later(self.show_category, *target)

        self.app.push_screen(ReviewScreen(self.session, on_change=self._edited), done)

    def action_details(self) -> None:
        """Hook: the document details (the main screen's)."""
        raise NotImplementedError
