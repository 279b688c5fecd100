"""The list of categories, grouped by Art. 32 block, with each category's completion and
whether it is due for review."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tomwizard.answers.progress import CategoryProgress
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.help_panel import HelpTopic
from tomwizard.tui.widgets.titles import fit_title

MISSING = "!"
"""The mark of a category with missing required answers or values."""
DUE = "↻"
"""The mark of a category due for review (a shape of its own: no colour needed to tell it from
:data:`MISSING`, which it gives way to when both hold)."""


class CategorySidebar(OptionList):
    """Categories with "answered/shown" counts; ``!`` marks missing required answers and
    parameters (what :func:`~tomwizard.answers.progress.missing_required` reports), ``↻`` a
    category due for review (:func:`~tomwizard.answers.upkeep_check.categories_due`). The
    titles are in ``language``; ``None``: in the interface language, also after it changes."""

    @dataclass
    class Chosen(Message):
        """The user picked a category."""

        category_id: str

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """As OptionList's, but moving it redraws only the lines it leaves and reaches: a category
    switch would otherwise draw every line of the sidebar again."""

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        lines: dict[int, int] | None = getattr(self, "_index_to_line", None)
        heights: dict[int, int] | None = getattr(self, "_heights", None)
        if lines is None or heights is None:  # a later Textual keeps them elsewhere
            self.refresh()
            return
        for index in (old, new):
            if index is not None and index in lines and index in heights:
                self.refresh_lines(lines[index], heights[index])

    def __init__(self, catalogue: Catalogue, language: Language | None = None) -> None:
        super().__init__(id="sidebar")
        self.catalogue = catalogue
        self.language: Language | None = language
        self._built_language: Language | None = None
        self._last_rows: list[CategoryProgress] = []
        self._last_due: Collection[str] = frozenset()

    @property
    def help_topic(self) -> HelpTopic:
        """The legend of the marks, in the help panel while the list has the focus."""
        lang = ui_language()
        return HelpTopic(t("sidebar.title", lang), t("sidebar.legend", lang))

    def show_progress(
        self, rows: list[CategoryProgress], due: Collection[str] = frozenset()
    ) -> None:
        """Show the current completion of every category, and which are ``due`` for review.

        The list is built once (again after a language switch); later calls only replace the
        labels that changed, so the highlight and the scroll position stay where the user left
        them (rebuilding would scroll the list back to the highlighted category on every edit).
        """
        self._last_rows, self._last_due = rows, due
        by_id = {row.category_id: row for row in rows}
        lang = self.titles_language
        if self._built_language != lang or not self.option_count:
            self._build(by_id, due)
            return
        for index in range(self.option_count):
            option = self.get_option_at_index(index)
            category = self.catalogue.category(option.id) if option.id else None
            if category is None:
                continue
            title = self._fit(category.title.get(lang))
            label = self._label(title, by_id.get(category.id), category.id in due)
            if option.prompt != label:
                self.replace_option_prompt_at_index(index, label)

    @property
    def titles_language(self) -> Language:
        """The language the titles are shown in."""
        return self.language or ui_language()

    def _fit(self, title: str) -> str:
        """``title`` cut to what fits beside the completion figures (no wrapped labels)."""
        return fit_title(title, self.content_size.width)

    def on_resize(self) -> None:
        self._built_language = None  # labels depend on the width: rebuild on the next update
        self.show_progress(self._last_rows, self._last_due)

    def _build(self, by_id: dict[str, CategoryProgress], due: Collection[str]) -> None:
        highlighted = self.highlighted
        lang = self.titles_language
        self.clear_options()
        for group in self.catalogue.groups:
            self.add_option(Option(Text(group.title.get(lang), style="bold"), disabled=True))
            for cid in group.categories:
                category = self.catalogue.category(cid)
                assert category is not None
                self.add_option(
                    Option(
                        self._label(
                            self._fit(category.title.get(lang)), by_id.get(cid), cid in due
                        ),
                        id=cid,
                    )
                )
        self._built_language = lang
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    @staticmethod
    def _label(title: str, row: CategoryProgress | None, due: bool = False) -> Text:
        """``" 3/5 ! Title"``: completion first so that it stays visible when a long title is
        cut to the sidebar's width; ``–`` for a category that does not apply; ``↻`` in place
        of the blank for one due for review. When something is missing as well, ``!`` keeps
        the mark's column and ``↻`` leads the title (``" 3/5 ! ↻ Title"``): both are seen."""
        label = Text(no_wrap=True, overflow="ellipsis")
        if row is None:
            progress, mark = "", " "
        elif not row.applies:
            progress, mark = "–", " "
        else:
            progress, mark = f"{row.answered}/{row.shown}", " " if row.complete else MISSING
        if mark == " " and due:
            mark = DUE
        label.append(f"{progress:>5} ", style="dim")
        label.append(mark, style="bold")
        if due and mark == MISSING:
            label.append(f" {DUE}", style="bold")
        label.append(f" {title}")
        return label

    def select_category(self, category_id: str) -> None:
        """Highlight ``category_id`` without sending :class:`Chosen`."""
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == category_id:
                self.highlighted = index
                return

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
