"""Command palette (ctrl+p): jump to a category or question, or find any measure; mark the
category shown as reviewed.

Measures are found by :mod:`tomwizard.finder` (the catalogue's :class:`MeasureIndex`: word parts
inside German compounds, practice words, filled phrases, the user's own measures); each hit
names its category, its hint is the measure's sentence for the user's values, and choosing it
opens the category with the focus on that measure. Titles and labels are in the interface
language; a hint, the annex's sentence, in the document's.

:class:`WizardPalette` is Textual's palette with its own words in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.widgets.option_list import Option

from tomwizard.catalogue.model import ChecklistQuestion
from tomwizard.catalogue.search import MeasureIndex, fold
from tomwizard.finder import document_index, hint
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import JumpRequested
from tomwizard.tui.texts import t

if TYPE_CHECKING:
    from tomwizard.tui.screens.main import MainScreen

MAX_MEASURES = 40
"""Measure hits shown for one query (the best ones)."""


class CategoryCommands(Provider):
    """Every category and question of the open document's catalogue, and every measure."""

    _index: MeasureIndex | None = None

    def _editor(self) -> MainScreen | None:
        from tomwizard.tui.screens.main import MainScreen

        return next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)

    async def startup(self) -> None:
        editor = self._editor()
        if editor is not None:  # built when the palette opens: the values as they are now
            self._index = document_index(editor.session, ui_language())

    def _targets(self) -> list[tuple[str, str, str, str | None]]:
        """(text shown, help, category id, question id or None) for categories and questions."""
        editor = self._editor()
        if editor is None:
            return []
        lang = ui_language()
        targets: list[tuple[str, str, str, str | None]] = []
        go = t("go_to", lang)
        for category in editor.session.catalogue.categories:
            title = category.title.get(lang)
            targets.append((f"{go}: {title}", category.purpose.get(lang), category.id, None))
            for question in category.questions:
                help_text = ""
                if isinstance(question, ChecklistQuestion):
                    help_text = ", ".join(m.label.get(lang) for m in question.measures[:4])
                targets.append(
                    (f"{title} › {question.label.get(lang)}", help_text, category.id, question.id)
                )
        return targets

    def _jump(self, category_id: str, item_id: str | None) -> None:
        editor = self._editor()
        if editor is not None:
            editor.post_message(JumpRequested(category_id, item_id))

    async def discover(self) -> Hits:
        for text, help_text, category_id, item_id in self._targets():
            if item_id is None:
                yield DiscoveryHit(
                    text, partial(self._jump, category_id, None), help=escape(help_text)
                )

    async def search(self, query: str) -> Hits:
        editor = self._editor()
        if editor is not None and self._index is not None:
            hits = self._index.find(query)[:MAX_MEASURES]
            for position, found in enumerate(hits):
                # the index's order (label and practice words first); Textual's fuzzy scores
                # are about 5 a letter for an exact match: a command typed in full (Keys,
                # Quit) stays above the measures, a loose fuzzy match below them
                score = (4.0 if found.rank == 0 else 3.0) * len(query) - position / 100
                text = f"{found.category_title} › {found.label}"
                yield Hit(
                    score,
                    Content(text),  # plain: a label or value may contain "[" or "$"
                    partial(self._jump, found.category_id, found.measure_id),
                    text=text,
                    help=escape(hint(editor.session, found)) or None,
                )
        matcher = self.matcher(query)
        wanted = fold(query)
        for text, help_text, category_id, item_id in self._targets():
            score = matcher.match(text)
            if item_id is None and wanted and wanted in fold(text):
                score = max(score, 6.0 * len(query))  # a category by its name: first
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._jump, category_id, item_id),
                    help=escape(help_text) or None,
                )


class WizardPalette(CommandPalette):
    """Textual's command palette, saying "No matches found" in the interface language (the
    placeholder is given when it opens)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's (8.x) own, with the text in the interface language."""
        self._stop_no_matches_countdown()
        text = t("palette.no_matches", ui_language())

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(text, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # nothing typed: the palette shows what it has, or nothing
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class ReviewCommands(Provider):
    """The review cycle's commands of the main screen: "Kategorie geprüft" for the category
    shown, and removing its review date when it has one."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from tomwizard.answers.upkeep_check import date_text
        from tomwizard.tui.screens.reviewing import ReviewingScreen

        screen = self.screen
        if not isinstance(screen, ReviewingScreen):
            return []
        lang = ui_language()
        category = screen.category.title.get(lang)
        found: list[tuple[str, str, Callable[[], object]]] = [
            (
                t("command.mark_reviewed", lang),
                t("command.mark_reviewed.help", lang, category=category),
                screen.action_mark_reviewed,
            )
        ]
        reviewed = screen.session.answers(screen.category.id).reviewed
        if reviewed is not None:
            date = date_text(reviewed, lang)
            found.append(
                (
                    t("command.clear_reviewed", lang),
                    t("command.clear_reviewed.help", lang, category=category, date=date),
                    screen.action_clear_reviewed,
                )
            )
        return found

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = fold(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if wanted and wanted in fold(title):  # a word of it: above the measures found
                score = max(score, 6.0 * len(query))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=escape(help_text))
