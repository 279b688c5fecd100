"""The review fields of the document details in the wizard (last review, review interval,
checked as typed) and the change-history entry a new document version gets, with Textual's
Pilot. Every test runs on the fixed day ``conftest.TODAY`` (2025-06-01)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_tui_history_review import open_details
from test_tui_review_cycle import SIZE, editor, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.details import DetailsScreen


def messages(app: TomWizardApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- the document details ----------------------------------------------------------------------


async def test_the_review_fields_of_the_details(catalogue: Catalogue, complete_file: Path) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        details = await open_details(pilot, app)
        labels = [str(w.render()) for w in details.query(".field-label").results(Label)]
        assert "Letzte Überprüfung (gesamt)" in labels
        assert "Prüfintervall je Kategorie (Monate)" in labels
        last = details.query_one("#last_review Input", Input)
        interval = details.query_one("#review_interval_months Input", Input)
        assert (last.value, interval.value) == ("", "")

        last.value = "31.02.2025"
        interval.value = "0"
        await settle(pilot)
        document = details.session.document.document
        assert (document.last_review, document.review_interval_months) == (None, None)
        errors = [str(w.render()) for w in details.query(".field-error").results(Label)]
        assert "Bitte ein Datum wie 2025-01-31 oder 31.01.2025 eingeben" in errors
        assert "Mindestens 1" in errors
        for text, message in (("121", "Höchstens 120"), ("1,5", "Bitte eine ganze Zahl eingeben")):
            interval.value = text
            await settle(pilot)
            errors = [str(w.render()) for w in details.query(".field-error").results(Label)]
            assert message in errors
        assert details.session.document.document.review_interval_months is None

        last.value = "03.11.2025"
        interval.value = "12"
        await settle(pilot)
        document = details.session.document.document
        assert document.last_review == dt.date(2025, 11, 3)
        assert document.review_interval_months == 12
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = complete_file.read_text("utf-8")
        assert "last_review = 2025-11-03\nreview_interval_months = 12\n" in text

    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        details = await open_details(pilot, app)
        assert details.query_one("#last_review Input", Input).value == "2025-11-03"
        interval = details.query_one("#review_interval_months Input", Input)
        assert interval.value == "12"
        interval.value = ""  # emptied: no interval
        await settle(pilot)
        assert details.session.document.document.review_interval_months is None


# -- a new version -------------------------------------------------------------------------------


async def edit_version(pilot: Pilot[None], details: DetailsScreen, version: str) -> None:
    """Type ``version`` into the version field and leave it (Tab)."""
    field = details.query_one("#version Input", Input)
    field.focus()
    await settle(pilot)
    field.value = version
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


async def test_a_new_version_gets_one_history_entry(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        details = await open_details(pilot, app)
        session = details.session
        history = session.document.history
        old = {version: entry.model_copy() for version, entry in history.items()}

        # typing alone adds nothing: only leaving the field does
        field = details.query_one("#version Input", Input)
        field.focus()
        field.value = "1.2"
        await settle(pilot)
        assert list(history) == ["1.0", "1.1"]
        await pilot.press("tab")
        await settle(pilot)
        assert list(session.document.history) == ["1.0", "1.1", "1.2"]
        added = session.document.history["1.2"]
        assert (added.date, added.author, added.changes) == (
            dt.date(2025, 4, 15),
            "Erika Muster",
            "",
        )
        assert all(session.document.history[v] == entry for v, entry in old.items())
        assert (
            "Version 1.2: Eintrag in der Änderungshistorie angelegt (15.04.2025); bitte die "
            "Änderungen eintragen." in messages(app)
        )
        table = details.query_one("#history", DataTable)
        assert table.row_count == 3 and table.cursor_row == 2

        # leaving it again without a change adds nothing
        await edit_version(pilot, details, "1.2")
        assert list(session.document.history) == ["1.0", "1.1", "1.2"]

        # a typo corrected: the entry just added (untouched) follows
        await edit_version(pilot, details, "1.3")
        assert list(session.document.history) == ["1.0", "1.1", "1.3"]
        assert session.document.history["1.3"] == added
        assert any("jetzt für Version 1.3 (statt 1.2)" in m for m in messages(app))

        # back to a version that has an entry: the empty one goes, the old one stays
        await edit_version(pilot, details, "1.0")
        assert list(session.document.history) == ["1.0", "1.1"]
        assert all(session.document.history[v] == entry for v, entry in old.items())

        # an entry the user wrote into is never moved nor removed
        await edit_version(pilot, details, "2.0")
        session.document.history["2.0"].changes = "Neue Rechenzentren"
        await edit_version(pilot, details, "2.1")
        await edit_version(pilot, details, "1.1")
        assert list(session.document.history) == ["1.0", "1.1", "2.0"]
        assert session.document.history["2.0"].changes == "Neue Rechenzentren"
        assert session.document.history["1.1"] == old["1.1"]

        # "Add" proposes the version after the latest entry, as before
        await edit_version(pilot, details, "2.2")
        await pilot.press("escape")  # closing settles the version too
        await settle(pilot)
        assert "2.2" in session.document.history


async def test_closing_the_details_records_the_version_typed_last(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        details = await open_details(pilot, app)
        field = details.query_one("#version Input", Input)
        field.focus()
        field.value = "1.5"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        main = editor(app)
        assert list(main.session.document.history) == ["1.0", "1.1", "1.5"]
        assert main.session.dirty
