"""The wizard's flows, driven with Textual's Pilot: the start screen, opening documents, the
details and review screens, the command palette, navigation, autosave and recovery, quitting with
unsaved changes, conflicts on disk, comments in the file and files that cannot be opened."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    OptionList,
    RadioButton,
    Select,
    Static,
    TextArea,
)

from tomwizard import locations
from tomwizard.answers.model import DocumentDetails
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk import recent, recovery
from tomwizard.disk.storage import load_document
from tomwizard.schema import ANSWERS_SCHEMA_HEADER
from tomwizard.session import EditSession
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.dialogs.export_form import ExportDialog
from tomwizard.tui.dialogs.measure import MeasureDialog
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.review import ReviewScreen
from tomwizard.tui.screens.start import StartScreen
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.sidebar import CategorySidebar

SIZE = (120, 40)
ORIGINAL = "Betrieb und Wartung der Buchhaltungssoftware für den Auftraggeber."
"""The description of the processing in complete.toml."""


# -- helpers --------------------------------------------------------------------------------


async def settle(pilot: Pilot[None]) -> None:
    """Let queued messages, call_later and call_after_refresh callbacks run."""
    await pilot.pause()


async def type_into(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Focus ``widget`` (an Input or TextArea), select all of it and type ``text`` over it, as a
    user does (the old text counts until the first key; ``""`` deletes it). After the first key
    the rest arrives as a terminal paste, which keeps the tests quick."""
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        await pilot.press("ctrl+shift+a")
    else:
        assert isinstance(widget, TextArea)
        widget.select_all()
    await pilot.press(text[0] if text else "backspace")
    if rest := text[1:]:
        widget.app.post_message(events.Paste(rest))  # the driver sends pastes to the app
    await pilot.pause()


async def click(pilot: Pilot[None], app: TomWizardApp, selector: str) -> None:
    """Scroll ``selector`` (on the current screen) into view and click it."""
    widget = app.screen.query_one(selector)
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(widget)


def shows(app: TomWizardApp, screen: Screen[Any]) -> bool:
    """Whether ``screen`` is the current screen."""
    current: Screen[Any] = app.screen
    return current is screen


def editor(app: TomWizardApp) -> MainScreen:
    main = app.editor
    assert main is not None, f"no main screen; stack: {app.screen_stack}"
    return main


def field_input(app: TomWizardApp, field_id: str) -> Input:
    return app.screen.query_one(f"#{field_id} #input", Input)


def choice_dialog(app: TomWizardApp) -> ChoiceDialog:
    assert isinstance(app.screen, ChoiceDialog), f"expected a dialog, got {app.screen}"
    return app.screen


def category_title(app: TomWizardApp) -> str:
    view = editor(app).query_one(CategoryView)
    return str(view.query_one(".category-title").render())


def bildschirmsperre(app: TomWizardApp) -> object:
    return editor(app).session.answers("zugangskontrolle").answers.get("bildschirmsperre")


def beschreibung(app: TomWizardApp) -> object:
    return editor(app).session.answers("organisation").answers.get("beschreibung")


async def set_beschreibung(pilot: Pilot[None], app: TomWizardApp, text: str) -> None:
    """Type a description of the processing (a question of the first category, shown on open)."""
    main = editor(app)
    assert main.category.id == "organisation"
    await type_into(pilot, main.query_one("#q-beschreibung #text", TextArea), text)


async def set_bildschirmsperre(pilot: Pilot[None], app: TomWizardApp, minutes: str) -> None:
    """Go from the first category to system access (F6 twice) and type a screen-lock time."""
    main = editor(app)
    assert main.category.id == "organisation"
    await pilot.press("f6", "f6")
    await settle(pilot)
    assert main.category.id == "zugangskontrolle"
    await type_into(pilot, main.query_one("#q-bildschirmsperre #input", Input), minutes)


# -- start screen ---------------------------------------------------------------------------


async def test_start_screen_without_recent_files_says_so(catalogue: Catalogue) -> None:
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert not app.screen.query("#recent")
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert "Noch keine Dokumente geöffnet." in texts


async def test_start_screen_lists_recent_files_and_opens_one(
    catalogue: Catalogue, complete_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_bytes(complete_file.read_bytes())
    recent.remember(complete_file)
    recent.remember(other)  # newest first
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one("#recent", OptionList)
        shown = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert shown == [str(other.absolute()), str(complete_file.absolute())]
        listing.focus()
        await pilot.press("down", "enter")  # the second entry: complete.toml
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.session.path == complete_file.absolute()
        assert main.session.answers("organisation").answers["groesse"] == "bis50"
        assert not main.session.dirty


async def test_start_screen_typed_path_creates_a_new_document(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative path keeps the typing quick
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # nothing typed yet: asks for a name
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert "Dateinamen" in str(app.screen.query_one("#start-error").render())
        await type_into(pilot, app.screen.query_one("#path", Input), "neu")
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.session.path.absolute() == tmp_path / "neu.toml"
        assert main.session.dirty and main.session.language == "de"
        assert "Organisation und Infrastruktur" in category_title(app)
        assert not (tmp_path / "neu.toml").exists()  # nothing written before saving
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not main.session.dirty
        loaded = load_document(tmp_path / "neu.toml", catalogue)
        assert loaded.document.document.language == "de"
        assert recent.recent_files()[0] == (tmp_path / "neu.toml").absolute()


async def test_start_screen_typed_path_opens_an_existing_document(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(complete_file.parent)
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#path", Input), "complete")
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert main.session.path.absolute() == complete_file
        assert main.session.answers("organisation").answers["groesse"] == "bis50"
        assert not main.session.dirty


async def test_start_screen_english_makes_an_english_document(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """English on the start screen is the document's language; the interface stays German
    (its language is a setting, see test_tui_language.py)."""
    monkeypatch.chdir(tmp_path)
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        english = [b for b in app.screen.query(RadioButton) if "English" in str(b.label)]
        await pilot.click(english[0])
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#path", Input), "en.toml")
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert main.session.language == "en"
        assert main.session.document.document.title == "Technical and organisational measures"
        assert app.ui_language == "de"
        assert app.screen.active_bindings["ctrl+s"].binding.description == "Speichern"


async def test_opening_an_existing_file_shows_the_main_screen_directly(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert not any(isinstance(s, StartScreen) for s in app.screen_stack)
        assert main.session.path == complete_file
        assert not main.session.dirty
        assert main.title == "tomwizard — complete.toml"
        assert "gespeichert" in str(main.sub_title) and "●" not in str(main.sub_title)
        assert main.category.id == "organisation"
        assert recent.recent_files()[0] == complete_file.absolute()


# -- document details (F2) ------------------------------------------------------------------


async def test_details_screen_edits_every_kind_of_field_and_they_survive_saving(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailsScreen)

        def details() -> DocumentDetails:
            return editor(app).session.document.document

        # text fields, top level and nested
        await type_into(pilot, field_input(app, "annex_number"), "2b")
        await type_into(pilot, field_input(app, "processor_dpo-email"), "d@x.de")
        assert details().annex_number == "2b"
        assert details().processor_dpo.email == "d@x.de"
        # a title emptied keeps its last value (it must never be empty)
        await type_into(pilot, field_input(app, "title"), "")
        assert details().title == "Technische und organisatorische Maßnahmen"

        # dates: German or ISO input; an invalid one is shown and never stored
        await type_into(pilot, field_input(app, "contract_date"), "31.12.2024")
        assert details().contract_date == dt.date(2024, 12, 31)
        await type_into(pilot, field_input(app, "next_review"), "2026-13-01")
        field = screen.query_one("#next_review")
        assert field.has_class("-invalid")
        assert "Datum" in str(field.query_one(".field-error").render())
        assert details().next_review == dt.date(2026, 4, 15)
        await type_into(pilot, field_input(app, "next_review"), "2026-06-30")
        assert not field.has_class("-invalid")
        assert details().next_review == dt.date(2026, 6, 30)

        # the status select: final -> draft
        select = screen.query_one("#status #input", Select)
        select.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert select.value == "draft"
        assert details().status == "draft"

        # the contract's words for the parties and the annex, and a signatory
        terms = screen.query_one("#party_terms #input", Select)
        terms.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert details().party_terms == "verantwortlicher"
        await type_into(pilot, field_input(app, "processor-function"), "Geschäftsführerin")
        await type_into(pilot, field_input(app, "processor-place"), "Hamburg")
        await type_into(pilot, field_input(app, "processor-sign_date"), "01.04.2025")
        signatory = details().processor
        assert (signatory.function, signatory.place) == ("Geschäftsführerin", "Hamburg")
        assert signatory.sign_date == dt.date(2025, 4, 1)

        # multi-line addresses
        await type_into(pilot, screen.query_one("#controller-address", TextArea), "Weg 1")
        await pilot.press("enter", "O", "r", "t")
        assert details().controller.address == "Weg 1\nOrt"
        assert details().processor.address == "Hafenweg 7\n20457 Hamburg"

        # history: add 2.0, remove 1.0
        await click(pilot, app, "#add-history")
        await settle(pilot)
        await type_into(pilot, field_input(app, "f-version"), "2.0")
        await type_into(pilot, field_input(app, "f-changes"), "neu")
        await click(pilot, app, "#apply")
        await settle(pilot)
        assert shows(app, screen)
        history = editor(app).session.document.history
        assert list(history) == ["1.0", "1.1", "2.0"]
        assert history["2.0"].changes == "neu"
        assert history["2.0"].date == dt.date(2025, 4, 15)  # prefilled from the document
        assert history["2.0"].author == "Erika Muster"
        table = screen.query_one("#history", DataTable)
        assert table.row_count == 3
        table.focus()
        await pilot.press("ctrl+home")  # the cursor is on the new entry
        await click(pilot, app, "#remove-history")
        await settle(pilot)
        assert list(editor(app).session.document.history) == ["1.1", "2.0"]
        assert table.row_count == 2

        await pilot.press("escape")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.session.dirty and "●" in str(main.sub_title)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not main.session.dirty

    saved = load_document(complete_file, catalogue).document
    assert saved.document.annex_number == "2b"
    assert saved.document.processor_dpo.email == "d@x.de"
    assert saved.document.contract_date == dt.date(2024, 12, 31)
    assert saved.document.next_review == dt.date(2026, 6, 30)
    assert saved.document.status == "draft"
    assert saved.document.controller.address == "Weg 1\nOrt"
    assert saved.document.party_terms == "verantwortlicher"
    assert saved.document.processor.place == "Hamburg"
    assert saved.document.processor.sign_date == dt.date(2025, 4, 1)
    assert list(saved.history) == ["1.1", "2.0"]


# -- review (F3) ----------------------------------------------------------------------------


def on_measure(app: TomWizardApp, measure_id: str) -> bool:
    """Whether the focus is on the line of ``measure_id`` in its checklist."""
    from tomwizard.tui.widgets.measure_list import MeasureList

    focused = app.focused
    if not isinstance(focused, MeasureList) or focused.highlighted_measure is None:
        return False
    return focused.highlighted_measure.id == measure_id


def focused_in(app: TomWizardApp, selector: str) -> bool:
    """Whether the focused widget is ``selector`` or inside it."""
    node = app.focused
    targets = set(app.screen.query(selector))
    while node is not None:
        if node in targets:
            return True
        node = node.parent  # type: ignore[assignment]
    return False


async def test_review_lists_missing_answers_and_enter_jumps_there(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(catalogue, tmp_path / "neu.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        listing = review.query_one("#review-list", OptionList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        missing = [i for i in ids if i and not i.endswith("/")]
        assert missing == [
            "organisation/standorte",
            "zugangskontrolle/massnahmen",
            "verfuegbarkeitskontrolle/massnahmen",
            "ueberpruefung/letzte_pruefung",
        ]
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(len(ids))]
        assert "    ! Wann wurden die Maßnahmen zuletzt überprüft?" in prompts
        assert any("Zutrittskontrolle" in p and "entfällt" in p for p in prompts)
        assert app.focused is listing
        await pilot.press("end")
        assert listing.highlighted == ids.index("ueberpruefung/letzte_pruefung")
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.category.id == "ueberpruefung"
        assert main.query_one(CategorySidebar).highlighted is not None
        sidebar = main.query_one(CategorySidebar)
        assert sidebar.get_option_at_index(sidebar.highlighted or 0).id == "ueberpruefung"
        assert focused_in(app, "#q-letzte_pruefung")
        assert isinstance(app.focused, Input)

        # a checklist: the line of its first measure gets the focus
        await pilot.press("f3")
        await settle(pilot)
        listing = app.screen.query_one("#review-list", OptionList)
        listing.highlighted = ids.index("zugangskontrolle/massnahmen")
        await pilot.press("enter")
        await settle(pilot)
        assert main.category.id == "zugangskontrolle"
        assert on_measure(app, "passwortrichtlinie")

        # Escape closes the review without jumping
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert shows(app, main) and main.category.id == "zugangskontrolle"


async def test_review_of_a_complete_document_says_so(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        texts = [str(label.render()) for label in app.screen.query(Static)]
        assert "Alle Pflichtangaben sind beantwortet." in texts
        listing = app.screen.query_one("#review-list", OptionList)
        assert all(
            (listing.get_option_at_index(i).id or "").endswith("/")
            for i in range(listing.option_count)
        )


# -- command palette (ctrl+p) ---------------------------------------------------------------


async def wait_until(pilot: Pilot[None], condition: Callable[[], object], tries: int = 40) -> None:
    """Pause until ``condition()`` holds (for background work such as palette searches)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def palette(pilot: Pilot[None], app: TomWizardApp, query: str) -> list[str]:
    """Open the command palette, type ``query`` and return the hits it shows, best first."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    await type_into(pilot, app.screen.query_one(Input), query)
    results = app.screen.query_one(OptionList)

    def shown() -> list[str]:
        return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

    await wait_until(pilot, lambda: any(query.lower() in s.lower() for s in shown()))
    await settle(pilot)
    return shown()


async def test_palette_jumps_to_a_category_by_name(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await palette(pilot, app, "Verfügbarkeitskontrolle")
        assert "Verfügbarkeitskontrolle" in hits[0]
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.category.id == "verfuegbarkeitskontrolle"
        assert "Verfügbarkeitskontrolle" in category_title(app)


async def test_palette_finds_a_measure_by_its_label(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await palette(pilot, app, "Alarmanlage")
        assert "Zutrittskontrolle › Alarmanlage" in hits[0]
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert main.category.id == "zutrittskontrolle"
        assert on_measure(app, "alarmanlage")


async def test_palette_switch_language(catalogue: Catalogue, complete_file: Path) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        hits = await palette(pilot, app, "Sprache des Dokuments")
        assert hits[0].startswith("Sprache des Dokuments: Englisch")
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert main.session.language == "en"
        assert main.session.dirty
        assert main.category.id == "zutrittskontrolle"  # stays where it was
        messages = [str(n.message) for n in app._notifications]
        assert "Sprache des Dokuments: Englisch" in messages
        # the interface stays German (its own setting); the document asks no English versions
        assert "Zutrittskontrolle" in category_title(app)
        sidebar = main.query_one(CategorySidebar)
        labels = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert "Vertraulichkeit" in labels
        from tomwizard.tui.widgets.measure_list import MeasureList

        lines = main.category_view.query_one(MeasureList)
        prompt = lines.get_option("schliesssystem").prompt
        assert "Schließsystem" in str(prompt)
        assert "ungespeichert" in str(main.sub_title)
        assert not main.category_view.query("#description-en")


# -- navigation -----------------------------------------------------------------------------


async def test_f5_f6_step_through_the_categories(catalogue: Catalogue, complete_file: Path) -> None:
    order = [c.id for c in catalogue.categories]
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        sidebar = main.query_one(CategorySidebar)
        seen = []
        for key in ("f5", "f6", "f6"):  # wraps around both ways
            await pilot.press(key)
            await settle(pilot)
            seen.append(main.category.id)
            highlighted = sidebar.get_option_at_index(sidebar.highlighted or 0).id
            assert highlighted == main.category.id
        assert seen == [order[-1], order[0], order[1]]
        assert "Zutrittskontrolle" in category_title(app)
        # one view shown; those seen before are kept (hidden), so coming back is instant
        shown = [view for view in main.query(CategoryView) if view.display]
        assert [view.category.id for view in shown] == [main.category.id]
        kept = {view.category.id: view for view in main.query(CategoryView)}
        assert {order[-1], order[0], order[1]} <= set(kept)
        await pilot.press("f5")
        await settle(pilot)
        assert main.category_view is kept[order[0]]
        assert not main.session.dirty  # looking around changes nothing


async def test_clicking_a_sidebar_entry_shows_that_category(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        sidebar = main.query_one(CategorySidebar)
        target = next(
            i
            for i in range(sidebar.option_count)
            if sidebar.get_option_at_index(i).id == "zugangskontrolle"
        )
        region = sidebar.content_region
        line = next(
            y
            for y in range(region.y, region.bottom)
            if app.screen.get_style_at(region.x + 3, y).meta.get("option") == target
        )
        await pilot.click(offset=(region.x + 3, line))
        await settle(pilot)
        assert main.category.id == "zugangskontrolle"
        assert "Zugangskontrolle" in category_title(app)
        assert main.query_one("#q-bildschirmsperre #input", Input).value == "5"


# -- autosave and recovery ------------------------------------------------------------------


async def test_autosave_writes_a_recovery_copy_and_leaves_the_file_alone(
    catalogue: Catalogue, complete_file: Path
) -> None:
    before = complete_file.read_bytes()
    mtime = complete_file.stat().st_mtime_ns
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        main.autosaver.delay = 0.05
        await pilot.pause(0.2)
        assert not recovery_copies(complete_file)  # nothing changed, nothing autosaved
        await set_bildschirmsperre(pilot, app, "9")
        assert bildschirmsperre(app) == 9
        await wait_until(pilot, lambda: bool(recovery_copies(complete_file)))
        [copy] = recovery_copies(complete_file)
        assert complete_file.read_bytes() == before
        assert complete_file.stat().st_mtime_ns == mtime
        assert not complete_file.with_name("complete.toml.bak").exists()
        assert "bildschirmsperre = 9" in copy.read_text(encoding="utf-8")
        assert main.session.dirty
        # saving normally removes the recovery copy
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not copy.exists()
        assert (
            load_document(complete_file, catalogue)
            .document.categories["zugangskontrolle"]
            .answers["bildschirmsperre"]
            == 9
        )


def recovery_copies(path: Path) -> list[Path]:
    """The recovery copies of ``path`` on disk, of any session."""
    key = recovery.document_key(path)
    return sorted(locations.recovery_dir().glob(f"{key}.*.toml"))


def leave_recovery_copy(
    catalogue: Catalogue, path: Path, minutes: int, session: str = "4242-dead", later: int = 60
) -> Path:
    """A recovery copy of ``path`` left by a ``session`` that ended without saving, written
    ``later`` seconds after the file, in which the screen locks after ``minutes``."""
    edit = EditSession.open(path, catalogue)
    edit.set_answer("zugangskontrolle", "bildschirmsperre", minutes)
    copy = recovery.write_recovery(path, dumps(edit.document, catalogue), session)
    stamp = path.stat().st_mtime + later
    os.utime(copy, (stamp, stamp))
    return copy


@pytest.mark.parametrize("start_screen", [False, True], ids=["path", "start-screen"])
async def test_recovery_restore_brings_back_the_autosaved_answers(
    catalogue: Catalogue, complete_file: Path, start_screen: bool
) -> None:
    leave_recovery_copy(catalogue, complete_file, 42)
    recent.remember(complete_file)
    app = TomWizardApp(catalogue, None if start_screen else complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if start_screen:
            listing = app.screen.query_one("#recent", OptionList)
            listing.focus()
            await pilot.press("enter")
            await settle(pilot)
        dialog = choice_dialog(app)
        assert str(complete_file) in str(dialog.query_one(".dialog-message").render())
        await click(pilot, app, "#restore")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.session.dirty
        assert "●" in str(main.sub_title)
        assert bildschirmsperre(app) == 42
        assert not any(isinstance(s, StartScreen | ChoiceDialog) for s in app.screen_stack)
        await pilot.press("f6", "f6")
        await settle(pilot)
        assert main.category.id == "zugangskontrolle"
        assert main.query_one("#q-bildschirmsperre #input", Input).value == "42"
    # restoring alone writes nothing
    on_disk = load_document(complete_file, catalogue).document
    assert on_disk.categories["zugangskontrolle"].answers["bildschirmsperre"] == 5


async def test_recovery_discard_deletes_the_copy_and_keeps_the_file(
    catalogue: Catalogue, complete_file: Path
) -> None:
    copy = leave_recovery_copy(catalogue, complete_file, 42)
    before = complete_file.read_bytes()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        choice_dialog(app)
        await click(pilot, app, "#discard")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert not copy.exists()
        assert bildschirmsperre(app) == 5
        assert not main.session.dirty
    assert complete_file.read_bytes() == before


async def test_a_recovery_copy_equal_to_the_file_is_not_offered(
    catalogue: Catalogue, complete_file: Path
) -> None:
    copy = leave_recovery_copy(catalogue, complete_file, 5)  # the file's own answer
    copy.write_bytes(complete_file.read_bytes())
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shows(app, editor(app))
        assert bildschirmsperre(app) == 5
    assert not copy.exists()  # it held nothing the file does not


# -- quitting -------------------------------------------------------------------------------


async def test_quit_without_changes_does_not_ask(catalogue: Catalogue, complete_file: Path) -> None:
    before = complete_file.read_bytes()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code == 0
        assert not any(isinstance(s, ChoiceDialog) for s in app.screen_stack)
    assert complete_file.read_bytes() == before


async def test_quit_from_the_start_screen(catalogue: Catalogue) -> None:
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code == 0


async def test_quit_with_unsaved_changes_asks_and_cancel_keeps_editing(
    catalogue: Catalogue, complete_file: Path
) -> None:
    before = complete_file.read_bytes()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Neu")
        for cancel in ("#cancel", "escape"):
            await pilot.press("ctrl+q")
            await settle(pilot)
            dialog = choice_dialog(app)
            assert "ungespeicherte" in str(dialog.query_one(".dialog-message").render())
            if cancel == "escape":
                await pilot.press("escape")
            else:
                await click(pilot, app, cancel)
            await settle(pilot)
            assert app.return_code is None
            assert shows(app, editor(app))
            assert editor(app).session.dirty
            assert beschreibung(app) == "Neu"
    assert complete_file.read_bytes() == before


@pytest.mark.parametrize("choice", ["discard", "save"])
async def test_quit_with_unsaved_changes_discard_or_save(
    catalogue: Catalogue, complete_file: Path, choice: str
) -> None:
    before = complete_file.read_bytes()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Neu")
        await pilot.press("ctrl+q")
        await settle(pilot)
        choice_dialog(app)
        await click(pilot, app, f"#{choice}")
        await settle(pilot)
        assert app.return_code == 0
    if choice == "save":
        saved = load_document(complete_file, catalogue).document
        assert saved.categories["organisation"].answers["beschreibung"] == "Neu"
        assert not recovery_copies(complete_file)
    else:
        assert complete_file.read_bytes() == before


# -- the file changed on disk ---------------------------------------------------------------


async def change_on_disk_and_save(pilot: Pilot[None], app: TomWizardApp, path: Path) -> bytes:
    """Change the description in the wizard, let someone else change it in ``path``, then press
    ctrl+s: the conflict dialog must appear. Returns what the other writer put on disk."""
    await set_beschreibung(pilot, app, "Neu")
    text = path.read_text(encoding="utf-8")
    theirs = text.replace(ORIGINAL, "Anders").encode("utf-8")
    path.write_bytes(theirs)
    await pilot.press("ctrl+s")
    await settle(pilot)
    dialog = choice_dialog(app)
    assert "von außen geändert" in str(dialog.query_one(".dialog-message").render())
    return theirs


async def test_conflict_cancel_keeps_the_disk_version_and_overwrite_replaces_it(
    catalogue: Catalogue, complete_file: Path
) -> None:
    backup = complete_file.with_name("complete.toml.bak")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theirs = await change_on_disk_and_save(pilot, app, complete_file)
        await click(pilot, app, "#cancel")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert complete_file.read_bytes() == theirs
        assert main.session.dirty and beschreibung(app) == "Neu"
        assert not backup.exists()

        await pilot.press("ctrl+s")  # still in conflict: asks again
        await settle(pilot)
        choice_dialog(app)
        await click(pilot, app, "#overwrite")
        await settle(pilot)
        assert shows(app, main) and not main.session.dirty
        saved = load_document(complete_file, catalogue).document
        assert saved.categories["organisation"].answers["beschreibung"] == "Neu"
        assert backup.read_bytes() == theirs


async def test_conflict_reload_shows_the_disk_version(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theirs = await change_on_disk_and_save(pilot, app, complete_file)
        await click(pilot, app, "#reload")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert complete_file.read_bytes() == theirs
        assert not main.session.dirty and "●" not in str(main.sub_title)
        assert beschreibung(app) == "Anders"
        assert main.category.id == "organisation"
        assert main.query_one("#q-beschreibung #text", TextArea).text == "Anders"
        # the reloaded file is the base now: saving again needs no overwrite
        await set_beschreibung(pilot, app, "Neuer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shows(app, main) and not main.session.dirty
        saved = load_document(complete_file, catalogue).document
        assert saved.categories["organisation"].answers["beschreibung"] == "Neuer"


async def test_conflict_reload_of_a_broken_disk_version_keeps_the_changes(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Neu")
        complete_file.write_text("kaputt = ", encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        choice_dialog(app)
        await click(pilot, app, "#reload")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert main.session.dirty and beschreibung(app) == "Neu"
        assert any(f"{complete_file}:1: TOML-Syntaxfehler" in n.message for n in app._notifications)
    assert complete_file.read_text(encoding="utf-8") == "kaputt = "


# -- comments in the file -------------------------------------------------------------------


def with_comment(path: Path) -> bytes:
    """Put a comment into ``path``; returns its new bytes."""
    text = "# Anlage 1 zum AV-Vertrag\n" + path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


async def test_comments_are_only_dropped_after_asking(
    catalogue: Catalogue, complete_file: Path
) -> None:
    before = with_comment(complete_file)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Neu")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = choice_dialog(app)
        assert "Kommentare" in str(dialog.query_one(".dialog-message").render())
        await click(pilot, app, "#cancel")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main) and main.session.dirty
        assert complete_file.read_bytes() == before

        await pilot.press("ctrl+s")
        await settle(pilot)
        choice_dialog(app)
        await click(pilot, app, "#save")
        await settle(pilot)
        assert shows(app, main) and not main.session.dirty
        header, _, text = complete_file.read_text(encoding="utf-8").partition("\n")
        assert header == ANSWERS_SCHEMA_HEADER and "#" not in text  # tomwizard's line only
        assert 'beschreibung = "Neu"' in text

        # only the first save asks
        await set_beschreibung(pilot, app, "Neuer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shows(app, main) and not main.session.dirty
        assert 'beschreibung = "Neuer"' in complete_file.read_text(encoding="utf-8")


async def test_save_and_quit_asks_about_comments_first(
    catalogue: Catalogue, complete_file: Path
) -> None:
    with_comment(complete_file)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Neu")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await click(pilot, app, "#save")
        await settle(pilot)
        assert "Kommentare" in str(choice_dialog(app).query_one(".dialog-message").render())
        assert app.return_code is None
        await click(pilot, app, "#save")
        await settle(pilot)
        assert app.return_code == 0
    header, _, text = complete_file.read_text(encoding="utf-8").partition("\n")
    assert header == ANSWERS_SCHEMA_HEADER and "#" not in text  # tomwizard's line only
    assert 'beschreibung = "Neu"' in text


# -- files that cannot be opened ------------------------------------------------------------


def problem_lines(app: TomWizardApp) -> list[str]:
    assert isinstance(app.screen, ProblemsScreen), f"expected problems, got {app.screen}"
    return str(app.screen.query_one("#problem-lines", Static).render()).splitlines()


@pytest.mark.parametrize("broken", ["syntax", "types", "answer-type", "markup"])
async def test_a_broken_file_shows_its_problems_and_retry_opens_it_once_fixed(
    catalogue: Catalogue, complete_file: Path, broken: str
) -> None:
    good = complete_file.read_text(encoding="utf-8")
    if broken == "syntax":
        bad = good.replace("bildschirmsperre = 5", "bildschirmsperre = ")
        expected = [f"{complete_file}:86: TOML-Syntaxfehler: ungültiger Wert"]
    elif broken == "types":
        bad = good.replace('status = "final"', "status = 3").replace(
            'version = "1.1"', "version = 1.1"
        )
        expected = [
            f"{complete_file}:14: document.version: erwartet eine Zeichenkette, gefunden: "
            "Gleitkommazahl 1.1",
            f"{complete_file}:16: document.status: erwartet 'draft' oder 'final', gefunden: 3",
        ]
    elif broken == "answer-type":
        bad = good.replace("bildschirmsperre = 5", 'bildschirmsperre = "fünf"')
        expected = [
            f"{complete_file}:86: categories.zugangskontrolle.answers.bildschirmsperre: "
            "erwartet eine Zahl, gefunden: Zeichenkette 'fünf'",
        ]
    else:  # text that looks like console markup is shown as it is, not interpreted
        bad = good.replace("bildschirmsperre = 5", 'bildschirmsperre = "[/x] [b]fünf"')
        expected = [
            f"{complete_file}:86: categories.zugangskontrolle.answers.bildschirmsperre: "
            "erwartet eine Zahl, gefunden: Zeichenkette '[/x] [b]fünf'",
        ]
    complete_file.write_text(bad, encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sorted(problem_lines(app)) == expected
        assert app.editor is None
        # retrying while it is still broken shows the problems again
        await pilot.press("r")
        await settle(pilot)
        assert sorted(problem_lines(app)) == expected
        complete_file.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert app.screen_stack[1:] == [main]  # no problems screen left behind
        assert bildschirmsperre(app) == 5
        assert not main.session.dirty
    assert complete_file.read_text(encoding="utf-8") == good


async def test_a_broken_file_chosen_on_the_start_screen(
    catalogue: Catalogue, complete_file: Path
) -> None:
    good = complete_file.read_text(encoding="utf-8")
    complete_file.write_text(good.replace('version = "1.1"', "version = 1.1"), encoding="utf-8")
    recent.remember(complete_file)
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#recent", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot)
        lines = problem_lines(app)
        assert lines == [
            f"{complete_file.absolute()}:14: document.version: erwartet eine Zeichenkette, "
            "gefunden: Gleitkommazahl 1.1"
        ]
        complete_file.write_text(good, encoding="utf-8")
        await click(pilot, app, "#retry")
        await settle(pilot)
        main = editor(app)
        assert shows(app, main)
        assert not any(isinstance(s, StartScreen | ProblemsScreen) for s in app.screen_stack)
        assert main.session.document.document.version == "1.1"


async def test_quit_from_the_problems_screen(catalogue: Catalogue, complete_file: Path) -> None:
    complete_file.write_text("kaputt = ", encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert problem_lines(app)
        await pilot.press("q")
        await settle(pilot)
        assert app.return_code == 0
    assert complete_file.read_text(encoding="utf-8") == "kaputt = "


# -- key bindings ---------------------------------------------------------------------------


def test_every_binding_has_a_description_and_a_tooltip() -> None:
    classes: list[type] = [
        TomWizardApp,
        MainScreen,
        StartScreen,
        DetailsScreen,
        ReviewScreen,
        ProblemsScreen,
        ChoiceDialog,
        ExportDialog,
        MeasureDialog,
        MeasureList,
    ]
    for cls in classes:
        bindings = cls.__dict__["BINDINGS"]
        assert bindings, cls
        for binding in bindings:
            assert isinstance(binding, Binding), (cls, binding)
            assert binding.description.strip(), (cls, binding.key)
            assert binding.tooltip.strip(), (cls, binding.key)


async def test_the_main_screen_shows_every_binding_with_its_description(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        active = app.screen.active_bindings
        for key in ("ctrl+s", "ctrl+e", "f5", "f6", "f2", "f3", "f1", "ctrl+q"):
            assert active[key].binding.description, key
        # below 140 columns the help starts hidden (the checklist gets the room); F1 toggles
        assert not editor(app).query_one("#guide").display
        await pilot.press("f1")
        await settle(pilot)
        assert editor(app).query_one("#guide").display
        await pilot.press("f1")
        await settle(pilot)
        assert not editor(app).query_one("#guide").display


async def test_details_typed_on_the_details_screen_reach_the_recovery_copy(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """Details are autosaved while the details screen is still open, and marked unsaved."""
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        main.autosaver.delay = 0.05
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, DetailsScreen)
        await type_into(pilot, field_input(app, "annex_number"), "7")
        assert main.session.dirty
        assert (main.sub_title or "").startswith("●")
        await wait_until(pilot, lambda: bool(recovery_copies(complete_file)))
        [copy] = recovery_copies(complete_file)
        assert 'annex_number = "7"' in copy.read_text(encoding="utf-8")
        assert isinstance(app.screen, DetailsScreen)  # still open


# -- export ---------------------------------------------------------------------------------


async def wait_for_workers(app: TomWizardApp, pilot: Pilot[None]) -> None:
    """Wait until the export worker has finished and its message has been handled."""
    await app.workers.wait_for_complete()
    await settle(pilot)


def export_dialog(app: TomWizardApp) -> ExportDialog:
    screen = app.screen
    assert isinstance(screen, ExportDialog), f"expected the export dialog, found {screen!r}"
    return screen


def output_field(app: TomWizardApp) -> Input:
    return export_dialog(app).query_one("#output", Input)


@pytest.mark.parametrize("style", ["anlage", "prosa", "tabelle"])
async def test_export_writes_the_annex_of_what_is_on_screen(
    catalogue: Catalogue, complete_file: Path, style: str
) -> None:
    import docx

    before = complete_file.read_bytes()
    # one file per style: the checklist keeps the plain name, the others get theirs
    name = complete_file.stem + ("" if style == "anlage" else f".{style}") + ".docx"
    target = complete_file.with_name(name)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_beschreibung(pilot, app, "Ungespeichert & <neu>")
        await pilot.press("ctrl+e")
        await settle(pilot)
        dialog = export_dialog(app)
        assert app.focused is dialog.query_one("#style")
        assert not dialog.query("#missing"), "nothing is missing"
        await click(pilot, app, f"#{style}")
        assert output_field(app).value == target.name
        await click(pilot, app, "#export")
        await wait_for_workers(app, pilot)
        assert shows(app, editor(app))
        messages = [str(n.message) for n in app._notifications]
        assert any(f"Anlage geschrieben: {target}" in m for m in messages), messages
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Ungespeichert & <neu>" in text
    assert complete_file.read_bytes() == before, "exporting does not save the answers file"


async def test_export_file_name_is_editable_and_checked(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        # English: a name of its own
        await click(pilot, app, "#lang-en")
        assert output_field(app).value == f"{complete_file.stem}.en.docx"
        # wrong names are refused in words, nothing is written
        for typed, reason in [
            ("anlage.txt", "auf .docx enden"),
            ("fehlt/anlage.docx", "Ordner gibt es nicht"),
            ("", "Dateinamen angeben"),
        ]:
            await type_into(pilot, output_field(app), typed)
            await pilot.press("enter")
            await settle(pilot)
            error = str(export_dialog(app).query_one("#output-error", Label).render())
            assert reason in error, (typed, error)
        # a name typed stays when the style changes; Enter exports
        await type_into(pilot, output_field(app), "kunde-x.docx")
        await click(pilot, app, "#prosa")
        assert output_field(app).value == "kunde-x.docx"
        output_field(app).focus()
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert shows(app, editor(app))
    written = complete_file.with_name("kunde-x.docx")
    assert written.read_bytes().startswith(b"PK")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


async def test_export_of_an_incomplete_final_document_offers_a_draft(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """A final document with a required answer missing: the dialog lists what is missing
    before anything is written and exports only as a draft (the rule of the command line)."""
    import docx

    target = complete_file.with_suffix(".docx")
    text = complete_file.read_text(encoding="utf-8")
    # the backup interval is a required value
    complete_file.write_text(text.replace('intervall = "taeglich"\n', ""), encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        dialog = export_dialog(app)
        message = str(dialog.query_one("#missing").render())
        assert "Regelmäßige Datensicherung: „Häufigkeit“ fehlt" in message
        assert "final" in message and "Entwurf" in message
        assert "Als Entwurf exportieren" in str(dialog.query_one("#export", Button).label)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert not target.exists()
        await pilot.press("ctrl+e")
        await settle(pilot)
        await click(pilot, app, "#export")
        await wait_for_workers(app, pilot)
        assert shows(app, editor(app))
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "ENTWURF" in text


async def test_export_asks_before_replacing_a_file(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """The dialog fits 80x24; a file that exists is replaced only when confirmed."""
    target = complete_file.with_suffix(".docx")
    target.write_bytes(b"an annex someone edited by hand")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert output_field(app).value == target.name
        for button in ("#export", "#cancel"):
            region = app.screen.query_one(button).region
            assert region.right <= 80 and region.bottom <= 24, button
        # Tab reaches the file name, scrolled into view
        for _ in range(3):
            await pilot.press("tab")
            await settle(pilot)
            if app.focused is output_field(app):
                break
        assert app.focused is output_field(app)
        fields = export_dialog(app).query_one(".form-fields")
        assert fields.region.contains_region(output_field(app).region)
        await click(pilot, app, "#export")
        await settle(pilot)
        dialog = choice_dialog(app)
        assert "Datei ersetzen?" in str(dialog.query_one(".dialog-title").render())
        await click(pilot, app, "#cancel")
        await wait_for_workers(app, pilot)
        assert target.read_bytes() == b"an annex someone edited by hand"
        await pilot.press("ctrl+e")
        await settle(pilot)
        await click(pilot, app, "#export")
        await settle(pilot)
        await click(pilot, app, "#replace")
        await wait_for_workers(app, pilot)
        assert shows(app, editor(app))
    assert target.read_bytes().startswith(b"PK")


async def test_export_cancel_writes_nothing(catalogue: Catalogue, complete_file: Path) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert shows(app, editor(app))
    assert not complete_file.with_suffix(".docx").exists()


async def test_export_failure_is_reported_and_editing_goes_on(
    catalogue: Catalogue, complete_file: Path, isolated_home: Path
) -> None:
    from tomwizard.locations import user_templates_dir

    # a restyled 'anlage' in the user folder replaces the built-in one; this one is broken
    user_templates_dir().mkdir(parents=True)
    (user_templates_dir() / "anlage.de.docx").write_bytes(b"not a word file")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await click(pilot, app, "#export")
        await wait_for_workers(app, pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "Export fehlgeschlagen" in errors[0].message
        assert "kein Word-Dokument (.docx), das sich öffnen lässt" in errors[0].message
        assert shows(app, editor(app))
    assert not complete_file.with_suffix(".docx").exists()
