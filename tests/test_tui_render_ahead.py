"""Views built in advance are drawn in advance, off-screen, and the collector stays out of the
way (tomwizard.tui.render_ahead, tomwizard.tui.heap; Textual Pilot, the shipped catalogue)."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_flows import SIZE, editor
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.render_ahead import STAGING_RULES, render_ahead, stage, unstage
from tomwizard.tui.screens import browsing
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.widgets.category_view import CategoryView


async def ready(pilot: Pilot[None]) -> MainScreen:
    """The main screen once its first category is shown and its neighbours are built and
    drawn in advance (timers of a few tens of milliseconds)."""
    await pilot.pause()
    await pilot.pause(0.4)
    app = pilot.app
    assert isinstance(app, TomWizardApp)
    return editor(app)


def next_id(main: MainScreen) -> str:
    ids = [c.id for c in main.session.catalogue.categories]
    return ids[(ids.index(main.category.id) + 1) % len(ids)]


def count_new_lines(view: Widget) -> Counter[Widget]:
    """Counts, per widget inside ``view``, the lines it renders from now on (a line kept
    from before is not rendered again)."""
    counts: Counter[Widget] = Counter()
    for widget in view.walk_children(Widget):
        original = widget.render_line

        def spy(
            y: int, widget: Widget = widget, original: Callable[[int], Strip] = original
        ) -> Strip:
            counts[widget] += 1
            return original(y)

        widget.render_line = spy  # type: ignore[method-assign]
    return counts


def is_unstaged(view: CategoryView) -> bool:
    return (
        not view.display
        and view.can_focus_children
        and not any(view.styles.inline.has_rule(rule) for rule in STAGING_RULES)
    )


async def test_the_next_category_is_shown_from_lines_drawn_in_advance(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        view = main.views[next_id(main)]
        assert is_unstaged(view)  # built, drawn and hidden again
        counts = count_new_lines(view)
        await pilot.press("f6")
        await pilot.pause()
        assert main.category_view is view and view.display
        assert app.focused is not None and view in app.focused.ancestors
        # only the field that took the focus (its look changed) draws lines anew
        redrawn = {w for w, n in counts.items() if n and w is not app.focused}
        assert not redrawn, redrawn
        assert sum(counts.values()) <= app.focused.region.height


async def test_a_view_being_drawn_in_advance_is_off_screen_and_out_of_reach(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        shown = main.category_view
        before = {w: w.region for w in shown.walk_children(Widget, with_self=True)}
        view = main.views[next_id(main)]
        stage(view, shown.region.size)
        await pilot.pause()
        assert view.display
        assert view.region.size == shown.region.size
        assert view.region.y >= app.screen.size.height  # below the last line: never seen
        assert {w: w.region for w in shown.walk_children(Widget, with_self=True)} == before
        reachable = set(app.screen.focus_chain)
        assert not [w for w in view.walk_children(Widget) if w in reachable]
        assert render_ahead(view) > 0
        unstage(view)
        await pilot.pause()
        assert is_unstaged(view)
        assert render_ahead(view) == 0  # not laid out: nothing to draw


async def test_showing_a_view_while_it_is_drawn_in_advance_shows_it_in_place(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        view = main.views[next_id(main)]
        main._draw_ahead(view)  # staged: laid out off-screen from the next refresh on
        assert view.display and not view.can_focus_children
        await main.show_category(view.category.id)  # F6 before it was drawn
        await pilot.pause()
        await pilot.pause(0.4)  # the drawing it was staged for comes and leaves it alone
        assert main.category_view is view and view.display and view.can_focus_children
        assert not any(view.styles.inline.has_rule(rule) for rule in STAGING_RULES)
        assert view.region.x >= main.sidebar.region.right
        assert view.region.bottom <= app.screen.size.height
        assert app.focused is not None and view in app.focused.ancestors


async def test_the_collector_skips_the_wizards_objects_while_it_runs(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # given back: what the app leaves is collected


async def test_nothing_is_built_under_a_dialog_and_the_neighbours_follow_when_it_closes(
    shipped_catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        monkeypatch.setattr(browsing, "PREFETCH_DELAY", 0.3)  # the dialog opens first
        ids = [c.id for c in shipped_catalogue.categories]
        target = ids[len(ids) // 2]
        await main.show_category(target)
        await pilot.press("f2")  # the document's details, before the neighbours are built
        await pilot.pause(0.4)
        assert app.screen is not main
        built = set(main.views)
        assert next_id(main) not in built  # nothing built while the user is in the dialog
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause(0.9)
        assert app.screen is main
        assert next_id(main) in main.views and is_unstaged(main.views[next_id(main)])
