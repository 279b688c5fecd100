"""Focus rules: every screen and dialog opens on its first field, and Tab never stops on a
container that shows no mark for it (Textual Pilot)."""

from __future__ import annotations

from pathlib import Path

from test_tui_flows import SIZE, editor, settle
from textual.widgets import Input, OptionList, RadioSet, Select

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.fields_scroll import FieldsScroll


async def test_every_screen_and_dialog_opens_on_its_first_field(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        assert app.focused is not None and main.category_view in app.focused.ancestors
        opened = [
            ("f2", Input, "details: the title"),
            ("f3", OptionList, "review: its list"),
            ("ctrl+e", RadioSet, "export: the style"),
        ]
        for key, kind, what in opened:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.focused, kind), (what, app.focused)
            assert app.focused.screen is app.screen, what
            await pilot.press("escape")
            await settle(pilot)
        # a measure's details: its status; an own measure: its label
        await main.show_category("zutrittskontrolle", "alarmanlage")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, Select) and app.focused.id == "status"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.screen is app.screen


async def test_tab_never_stops_on_a_scrolling_container(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("", "f2"):
            if key:
                await pilot.press(key)
                await settle(pilot)
            seen = set()
            for _ in range(20):
                await pilot.press("tab")
                focused = app.focused
                assert focused is not None
                # a container of fields (a scrolling column, a category) shows no focus mark
                assert not isinstance(focused, (FieldsScroll, CategoryView)), focused
                assert type(focused).__module__ != "textual.containers", focused
                seen.add(focused)
            assert len(seen) > 5, "Tab moves through the fields"


async def test_the_footer_keeps_its_keys_and_order_when_the_focus_moves(
    catalogue: Catalogue, complete_file: Path
) -> None:
    from textual.widgets import Footer, TextArea
    from textual.widgets._footer import FooterKey

    def footer_keys() -> list[str]:
        footer = app.screen.query_one(Footer)
        return [key.key for key in footer.query(FooterKey)]

    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        first = footer_keys()
        assert first[:4] == ["ctrl+s", "ctrl+e", "f3", "ctrl+q"], first
        await main.show_category("zutrittskontrolle", "alarmanlage")  # a checklist's line
        await settle(pilot)
        assert footer_keys() == first, footer_keys()
        main.category_view.query_one("#description", TextArea).focus()  # a text area
        await settle(pilot)
        assert footer_keys() == first, footer_keys()
        main.sidebar.focus()
        await settle(pilot)
        assert footer_keys() == first, footer_keys()


async def test_a_late_start_never_takes_the_focus_back_from_the_category_shown(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """The first question is focused after the first frame; when a key such as F6 came first,
    that focus goes to the category shown then, not back into the hidden first one."""
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        ids = [c.id for c in catalogue.categories]
        await main.show_category(ids[1])
        await settle(pilot)
        focused = app.focused
        assert focused is not None and main.category_view in focused.ancestors
        main._focus_start()  # as the start's callback, coming late
        await settle(pilot)
        assert app.focused is focused
        main.sidebar.focus()  # at the start the sidebar has it: then the first question
        await settle(pilot)
        main._focus_start()
        await settle(pilot)
        assert app.focused is not None and main.category_view in app.focused.ancestors
