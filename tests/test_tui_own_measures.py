"""Own measures (Textual Pilot): their dialog shows only the fields of the status chosen, opens
on its first field, applies with Enter and cancels with Escape; the command palette and ctrl+n
add one to the category shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_tui_answers import (
    activate,
    answers_of,
    cursor_to,
    editor_of,
    form_input,
    goto,
    new_app,
    paste_into,
    pick,
    type_into,
)
from test_tui_language import command_titles, english_settings, footer_words, run_command
from textual.pilot import Pilot
from textual.widgets import Button, Label, OptionList, Select

from tomwizard.answers.model import CustomMeasure
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.own_measure import OwnMeasureDialog

SIZE = (120, 40)
STATUS_FIELDS = ("target_date", "reason", "reason_en")


def dialog(app: TomWizardApp) -> OwnMeasureDialog:
    screen = app.screen
    assert isinstance(screen, OwnMeasureDialog), f"expected the own measure, found {screen!r}"
    return screen


def shown(app: TomWizardApp) -> set[str]:
    """The fields of the dialog shown, of those that depend on the status."""
    return {f for f in STATUS_FIELDS if dialog(app).query_one(f"#f-{f}").display}


async def add_own(pilot: Pilot[None]) -> OwnMeasureDialog:
    """Open the dialog for a new own measure with the list's Add button."""
    app: TomWizardApp = pilot.app  # type: ignore[assignment]
    await activate(pilot, editor_of(app).category_view.query_one("#add-custom"))
    return dialog(app)


async def test_the_dialog_shows_the_fields_of_the_status_chosen(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)  # a German document: English versions asked for too
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        own = await add_own(pilot)
        assert app.focused is form_input(app, "label"), "it opens on its first field"
        title = str(own.query_one(".dialog-title", Label).render())
        assert title == "Eigene Maßnahme hinzufügen – Zugangskontrolle"
        assert shown(app) == set(), "implemented: neither a target date nor a reason"
        status = own.query_one("#f-status #input", Select)

        await pick(pilot, status, "geplant")
        assert shown(app) == {"target_date"}
        await paste_into(pilot, form_input(app, "target_date"), "2026-03-31")
        await pick(pilot, status, "entfällt")
        assert shown(app) == {"reason", "reason_en"}
        await paste_into(pilot, form_input(app, "reason"), "Kein Tresor")
        await pick(pilot, status, "geplant")
        assert shown(app) == {"target_date"}
        # a hidden field keeps what was typed into it
        assert form_input(app, "reason").value == "Kein Tresor"
        assert form_input(app, "target_date").value == "2026-03-31"

        # an invalid text in a field that is hidden then does not hold the dialog up
        await type_into(pilot, form_input(app, "target_date"), "x")
        await pick(pilot, status, "umgesetzt")
        assert shown(app) == set()
        await paste_into(pilot, form_input(app, "label"), "Tresor")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, OwnMeasureDialog)
        # the values of hidden fields are kept, as a checklist measure's are (the annex prints
        # a date only for a planned measure, a reason only for one that does not apply)
        assert answers_of(app, "zugangskontrolle").custom == {
            "eigene-1": CustomMeasure(
                label="Tresor",
                status="implemented",
                target_date=dt.date(2026, 3, 31),
                reason="Kein Tresor",
            )
        }

        # editing one that is planned: its date is shown at once
        listing = editor_of(app).category_view.query_one("#custom-list", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        own = dialog(app)
        assert str(own.query_one(".dialog-title", Label).render()).startswith("Eigene Maßnahme –")
        await pick(pilot, own.query_one("#f-status #input", Select), "geplant")
        await activate(pilot, own.query_one("#apply"))
        assert answers_of(app, "zugangskontrolle").custom["eigene-1"].status == "planned"
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == {"target_date"}


async def test_a_required_field_that_is_shown_must_be_filled(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        own = await add_own(pilot)
        await pick(pilot, own.query_one("#f-status #input", Select), "geplant")
        await type_into(pilot, form_input(app, "target_date"), "31.02.")
        await pilot.press("enter")  # the label is missing, the date invalid: both said
        await pilot.pause()
        error = str(own.query_one("#form-error", Label).render())
        assert "Bezeichnung" in error and "Umsetzung bis" in error
        assert app.screen is own


async def test_enter_applies_escape_cancels(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        await add_own(pilot)
        await pilot.press(*"Tresor")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OwnMeasureDialog)
        assert answers_of(app, "zugangskontrolle").custom == {}

        # Enter on a button presses that button
        own = await add_own(pilot)
        await pilot.press(*"Tresor")
        own.query_one("#cancel", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert answers_of(app, "zugangskontrolle").custom == {}

        # Enter in any field applies; in a choice it opens the choices
        own = await add_own(pilot)
        await pilot.press(*"Tresor")
        await pick(pilot, own.query_one("#f-kind #input", Select), "technisch")
        assert app.screen is own
        form_input(app, "note").focus()
        await pilot.press(*"Im Keller", "enter")
        await pilot.pause()
        assert answers_of(app, "zugangskontrolle").custom == {
            "eigene-1": CustomMeasure(
                label="Tresor", kind="technical", status="implemented", note="Im Keller"
            )
        }


async def test_the_palette_and_ctrl_n_add_one_to_the_category_shown(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Eigene Maßnahme hinzufügen" not in command_titles(app), "no checklist here"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not isinstance(app.screen, OwnMeasureDialog)
        assert any("hat keine Checkliste" in n.message for n in app._notifications)

        await goto(pilot, "zugangskontrolle")
        footer = footer_words(app)
        assert "Eigene Maßnahme" not in footer, "the footer stays as it is"
        await run_command(pilot, app, "Eigene Maßnahme hinzufügen")
        own = dialog(app)
        assert own.category.id == "zugangskontrolle"
        assert app.focused is form_input(app, "label")
        await pilot.press(*"Tresor", "enter")
        await pilot.pause()
        assert [m.label for m in answers_of(app, "zugangskontrolle").custom.values()] == ["Tresor"]

        # ctrl+n, from a measure's line, in another category
        await goto(pilot, "verfuegbarkeitskontrolle")
        await cursor_to(pilot, "backup")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert dialog(app).category.id == "verfuegbarkeitskontrolle"
        await pilot.press(*"Notstrom", "enter")
        await pilot.pause()
        custom = answers_of(app, "verfuegbarkeitskontrolle").custom
        assert [m.label for m in custom.values()] == ["Notstrom"]
        assert footer_words(app) == footer


async def test_the_command_is_in_the_interface_language(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    english_settings()
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        assert "Add own measure" in command_titles(app)
        await run_command(pilot, app, "Add own measure")
        title = str(dialog(app).query_one(".dialog-title", Label).render())
        assert title == "Add own measure – System access control"


async def test_the_dialog_relabels_and_keeps_what_was_typed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        own = await add_own(pilot)
        await pilot.press(*"Tresor")
        await pick(pilot, own.query_one("#f-status #input", Select), "geplant")
        await app.action_switch_ui_language()
        await pilot.pause()
        assert dialog(app) is own
        title = str(own.query_one(".dialog-title", Label).render())
        assert title == "Add own measure – System access control"
        assert form_input(app, "label").value == "Tresor"
        assert shown(app) == {"target_date"}
        assert app.focused is form_input(app, "label")
