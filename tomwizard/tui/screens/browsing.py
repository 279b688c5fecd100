"""Moving between categories: the base of the main screen (after saving and exporting).

A category's view is built the first time it is needed and kept (hidden) afterwards; the next
and the previous category are built in advance while the user reads, so F5 and F6 only show a
view that exists. A view built in advance is also drawn in advance, off-screen
(:mod:`tomwizard.tui.render_ahead`), so showing it costs little more than its layout. Showing
a category focuses its first question (or the item asked for).
"""

from __future__ import annotations

import asyncio
from functools import partial

from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from tomwizard.catalogue.model import Category
from tomwizard.session import EditSession
from tomwizard.tui import heap
from tomwizard.tui.render_ahead import render_ahead, stage, unstage
from tomwizard.tui.screens.saving import SavingScreen
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.help_panel import GuidePanel
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.sidebar import CategorySidebar

PREFETCH_DELAY = 0.05
"""Seconds after a category is shown before its neighbours' views are built."""
FINISH_TIMEOUT = 5.0
"""Seconds the app waits at its end for views being built."""


class BrowsingScreen(SavingScreen):
    """Shows one category of ``session`` at a time in ``panes``, beside ``sidebar``."""

    session: EditSession
    category: Category
    sidebar: CategorySidebar
    guide: GuidePanel
    panes: Horizontal
    views: dict[str, CategoryView]
    _prefetch_timers: list[Timer]
    _mounting: set[asyncio.Future[None]]
    _staged: set[CategoryView]
    _prefetch_deferred: bool

    def _show_help(self, widget: Widget) -> None:
        """Hook: show the help of ``widget`` (the main screen's help panel)."""
        raise NotImplementedError

    async def show_category(self, category_id: str, focus_item: str | None = None) -> None:
        """Show ``category_id`` in the centre and focus its first question, or ``focus_item``.

        A category's view is built the first time it is shown and kept (hidden) afterwards, so
        coming back to it is instant and it stays where the user left it."""
        category = self.session.catalogue.category(category_id)
        if category is None:
            return
        old = self.views.get(self.category.id)
        self.category = category
        new = self.views.get(category_id)
        if old is not None and old is not new:
            old.display = False
        if new in self._staged:  # being drawn in advance: shown as it is now
            self._staged.discard(new)
            unstage(new)
        if new is None:
            new = self.views[category_id] = CategoryView(self.session, category)
            await self._building(self.panes.mount(new, after=self.sidebar))
        else:
            new.apply_visibility()  # answers elsewhere may have changed what applies here
            # the shown view comes first after the sidebar: Tab goes there, and a query of
            # the screen finds its widgets before those of the hidden views
            self.panes.move_child(new, after=self.sidebar)
            new.display = True
        self.sidebar.select_category(category_id)
        self._show_help(new)
        if focus_item:
            self.call_after_refresh(self._focus_item, focus_item)
        else:
            new.focus_first()
        # the neighbours once this category is drawn: building them first would delay it
        self.call_after_refresh(self._schedule_prefetch)

    def _schedule_prefetch(self) -> None:
        """Build the next and the previous category's views while the user reads this one
        (hidden, one per timer tick so keys are handled in between): F5 and F6 then only
        show a view that exists."""
        ids = [c.id for c in self.session.catalogue.categories]
        index = ids.index(self.category.id)
        neighbours = [ids[(index + 1) % len(ids)], ids[(index - 1) % len(ids)]]
        for timer in self._prefetch_timers:  # those for the category before: not needed now
            timer.stop()
        self._prefetch_timers = [
            self.set_timer(PREFETCH_DELAY * delay, partial(self._prefetch, category_id))
            for delay, category_id in enumerate(neighbours, start=1)
        ]

    async def _prefetch(self, category_id: str) -> None:
        category = self.session.catalogue.category(category_id)
        if category is None or category_id in self.views or not self.is_attached:
            return
        if not self.is_active:  # a dialog is open: nothing is built under it
            self._prefetch_deferred = True  # but once it closes (on_screen_resume)
            return
        view = self.views[category_id] = CategoryView(self.session, category)
        view.display = False
        await self._building(self.panes.mount(view, before=self.guide))
        self._draw_ahead(view)

    def _draw_ahead(self, view: CategoryView) -> None:
        """Lay ``view`` out off-screen at the size of the view shown, and once that layout is
        done, draw its lines there and hide it again (see :mod:`tomwizard.tui.render_ahead`)."""
        shown = self.views.get(self.category.id)
        if shown is None or shown is view or not shown.display or view.display:
            return
        if not self.is_active:  # a dialog opened while it was built: it is drawn when shown
            return
        size = shown.region.size
        if not size:
            return
        stage(view, size)
        self._staged.add(view)
        self.call_after_refresh(self.set_timer, PREFETCH_DELAY, partial(self._drawn_ahead, view))

    def _drawn_ahead(self, view: CategoryView) -> None:
        if view not in self._staged:  # shown (or dropped) meanwhile
            return
        self._staged.discard(view)
        render_ahead(view)
        unstage(view)
        heap.keep()  # the view lives as long as the screen

    def on_screen_resume(self) -> None:
        """Back from a dialog: build the neighbours it kept from being built."""
        if self._prefetch_deferred:
            self._prefetch_deferred = False
            self._schedule_prefetch()

    async def _building(self, mounting: AwaitMount) -> None:
        """Await ``mounting``, known to :meth:`finish_building` meanwhile."""
        task = asyncio.ensure_future(mounting)
        self._mounting.add(task)
        try:
            await task
        finally:
            self._mounting.discard(task)

    async def finish_building(self) -> None:
        """Stop building views in advance and wait (at most a few seconds) for those being
        built: the app calls this before it ends, so no widget is removed half mounted."""
        for timer in self._prefetch_timers:
            timer.stop()
        self._prefetch_timers.clear()
        if self._mounting:
            await asyncio.wait(list(self._mounting), timeout=FINISH_TIMEOUT)

    @property
    def category_view(self) -> CategoryView:
        """The view of the category shown."""
        return self.views[self.category.id]

    async def drop_category_views(self) -> None:
        """Forget every built view (the document or its language changed), then show the
        current category again."""
        views = list(self.views.values())
        self.views.clear()
        self._staged.clear()
        heap.release()  # the views become garbage
        for view in views:
            await view.remove()
        await self.show_category(self.category.id)

    def _focus_item(self, item_id: str) -> None:
        view = self.category_view
        for lines in view.query(MeasureList):
            if lines.focus_measure(item_id):
                return
        found = view.query(f"#q-{item_id}")
        if found:
            target = found.first()
            focusable = next((w for w in target.query("*") if w.focusable), None)
            if focusable is not None:
                focusable.focus(scroll_visible=False)
            # one scroll, at once, with the item at the top: the same view every time
            target.scroll_visible(animate=False, top=True)
            return
        for listing in view.query("#custom-list").results(OptionList):  # an own measure
            try:
                listing.highlighted = listing.get_option_index(item_id)
            except OptionDoesNotExist:
                return
            listing.focus(scroll_visible=False)
            listing.scroll_visible(animate=False, top=True)
