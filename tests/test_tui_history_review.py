"""Wizard 2.0 (issue 13), with Textual's Pilot: the change history on the details screen
(proposed version, duplicates refused, entries edited) and missing required parameters in the
sidebar and the review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, OptionList

from tomwizard.answers.model import HistoryEntry
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.review import ReviewScreen
from tomwizard.tui.widgets.sidebar import CategorySidebar

SIZE = (120, 40)


async def click(pilot: Pilot[None], app: TomWizardApp, selector: str) -> None:
    widget = app.screen.query_one(selector)
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(widget)
    await pilot.pause()


async def open_details(pilot: Pilot[None], app: TomWizardApp) -> DetailsScreen:
    await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, DetailsScreen)
    return app.screen


def shows(app: TomWizardApp, screen: Screen[Any]) -> bool:
    """Whether ``screen`` is the current screen."""
    current: Screen[Any] = app.screen
    return current is screen


def form(app: TomWizardApp) -> FormDialog:
    assert isinstance(app.screen, FormDialog), f"expected the form, got {app.screen}"
    return app.screen


def form_input(app: TomWizardApp, field: str) -> Input:
    return form(app).query_one(f"#f-{field} #input", Input)


def form_error(app: TomWizardApp) -> str:
    return str(form(app).query_one("#form-error", Label).render())


async def apply(pilot: Pilot[None], app: TomWizardApp) -> None:
    form(app).query_one("#apply", Button).press()
    await pilot.pause()


async def set_input(pilot: Pilot[None], widget: Input, text: str) -> None:
    widget.value = text
    await pilot.pause()


async def test_add_change_proposes_the_next_version(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """complete.toml is version 1.1 with entries 1.0 and 1.1: the form proposes 1.2."""
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_details(pilot, app)
        await click(pilot, app, "#add-history")
        assert form_input(app, "version").value == "1.2"
        await set_input(pilot, form_input(app, "changes"), "Backup ergänzt")
        await apply(pilot, app)
        assert shows(app, screen)
        history = screen.session.document.history
        assert list(history) == ["1.0", "1.1", "1.2"]
        assert history["1.2"].changes == "Backup ergänzt"
        table = screen.query_one("#history", DataTable)
        assert table.cursor_row == 2, "the new entry is selected"

        # with 2.9 the latest entry, 2.10 comes next; a version without a number: empty
        await click(pilot, app, "#add-history")
        await set_input(pilot, form_input(app, "version"), "2.9")
        await apply(pilot, app)
        await click(pilot, app, "#add-history")
        assert form_input(app, "version").value == "2.10"
        await pilot.press("escape")
        await pilot.pause()
        for version in list(history):
            screen.session.set_history(version, None)
        screen.session.document.document = screen.session.document.document.model_copy(
            update={"version": "Entwurf"}
        )
        screen.session.set_history("Entwurf", HistoryEntry(changes="erste Fassung"))
        await click(pilot, app, "#add-history")
        assert form_input(app, "version").value == ""


async def test_an_existing_version_is_refused_in_the_form(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_details(pilot, app)
        before = dict(screen.session.document.history)
        await click(pilot, app, "#add-history")
        await set_input(pilot, form_input(app, "version"), "1.0")
        await set_input(pilot, form_input(app, "changes"), "überschrieben?")
        await apply(pilot, app)
        assert isinstance(app.screen, FormDialog), "the form stays open"
        assert "1.0" in form_error(app) and "schon" in form_error(app)
        assert screen.session.document.history == before, "nothing replaced"
        assert not screen.changed
        await set_input(pilot, form_input(app, "version"), "1.5")
        await apply(pilot, app)
        assert shows(app, screen), form_error(app)
        assert list(screen.session.document.history) == ["1.0", "1.1", "1.5"]
        assert screen.session.document.history["1.0"] == before["1.0"]


async def test_an_entry_is_edited_with_enter_or_the_edit_button(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_details(pilot, app)
        history = screen.session.document.history
        first = history["1.0"]
        table = screen.query_one("#history", DataTable)
        table.scroll_visible(animate=False, immediate=True)
        table.focus()
        await pilot.press("home")
        await pilot.press("enter")
        await pilot.pause()
        assert form_input(app, "version").value == "1.0", "prefilled with the entry"
        assert form_input(app, "changes").value == first.changes
        await set_input(pilot, form_input(app, "changes"), "korrigiert")
        await apply(pilot, app)
        assert shows(app, screen)
        history = screen.session.document.history
        assert list(history) == ["1.0", "1.1"]
        assert history["1.0"].changes == "korrigiert"
        assert history["1.0"].date == first.date and history["1.0"].author == first.author
        assert screen.changed

        # the Edit button; a new version number keeps the entry in its place
        table.move_cursor(row=0)
        await click(pilot, app, "#edit-history")
        assert form_input(app, "version").value == "1.0"
        await set_input(pilot, form_input(app, "version"), "1.1")
        await apply(pilot, app)
        assert "1.1" in form_error(app), "renamed onto another entry: refused"
        await set_input(pilot, form_input(app, "version"), "0.9")
        await apply(pilot, app)
        assert list(screen.session.document.history) == ["0.9", "1.1"]
        assert screen.session.document.history["0.9"].changes == "korrigiert"

        # and removed
        table.move_cursor(row=1)
        await click(pilot, app, "#remove-history")
        assert list(screen.session.document.history) == ["0.9"]
        assert table.row_count == 1


def sidebar_mark(app: TomWizardApp, category_id: str) -> str:
    sidebar = app.screen.query_one(CategorySidebar)
    for index in range(sidebar.option_count):
        option = sidebar.get_option_at_index(index)
        if option.id == category_id:
            prompt = option.prompt
            plain = prompt.plain if isinstance(prompt, Text) else str(prompt)
            return plain[6]
    raise AssertionError(f"{category_id} is not in the sidebar")


async def test_a_missing_required_parameter_is_marked_and_reviewed(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """The backup's interval is the only gap of verfuegbarkeitskontrolle."""
    text = complete_file.read_text(encoding="utf-8")
    complete_file.write_text(text.replace('intervall = "taeglich"\n', ""), encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sidebar_mark(app, "verfuegbarkeitskontrolle") == "!"
        assert sidebar_mark(app, "organisation") == " "
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        listing = app.screen.query_one("#review-list", OptionList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        missing = [i for i in ids if i and not i.endswith("/")]
        assert missing == ["verfuegbarkeitskontrolle/massnahmen/backup/intervall"]
        line = listing.get_option_at_index(ids.index(missing[0])).prompt
        assert str(line) == "    ! Regelmäßige Datensicherung – Häufigkeit"
        listing.highlighted = ids.index(missing[0])
        await pilot.press("enter")
        await pilot.pause()
        main = app.editor
        assert main is not None and shows(app, main)
        assert main.category.id == "verfuegbarkeitskontrolle"


async def test_the_review_answers_the_arrow_keys_at_once(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The review opens with its list focused and the first line highlighted: the first key
    moves (it does not merely highlight the first line); Enter jumps to the line."""
    app = TomWizardApp(catalogue, tmp_path / "neu.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        listing = review.query_one("#review-list", OptionList)
        assert app.focused is listing and listing.highlighted == 0
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        target = ids.index("zugangskontrolle/massnahmen")
        await pilot.press(*["down"] * target)
        assert listing.highlighted == target
        await pilot.press("up", "down")
        assert listing.highlighted == target
        await pilot.press("enter")
        await pilot.pause()
        main = app.editor
        assert main is not None and shows(app, main)
        assert main.category.id == "zugangskontrolle"

        # the same after its words changed to the other language
        await pilot.press("f3")
        await pilot.pause()
        await app.action_switch_ui_language()
        await pilot.pause()
        listing = app.screen.query_one("#review-list", OptionList)
        assert app.focused is listing and listing.highlighted == 0
        await pilot.press("down")
        assert listing.highlighted == 1


async def test_a_date_field_survives_editing(catalogue: Catalogue, complete_file: Path) -> None:
    """Editing without touching the date keeps it (the form is prefilled with a date)."""
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_details(pilot, app)
        date = screen.session.document.history["1.1"].date
        assert isinstance(date, dt.date)
        table = screen.query_one("#history", DataTable)
        table.move_cursor(row=1)
        await click(pilot, app, "#edit-history")
        await apply(pilot, app)
        assert screen.session.document.history["1.1"].date == date
