"""Answering every question type through the wizard's widgets (Textual Pilot).

Each test starts a new document (``TomWizardApp(catalogue, tmp_path / "new.toml")``), works the
widgets with keys and clicks, and checks what reached the session (``app.editor.session``) and,
for saving, the file on disk.
"""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    DataTable,
    Footer,
    Input,
    Label,
    OptionList,
    RadioButton,
    Select,
    SelectionList,
    TextArea,
)
from textual.widgets._footer import FooterKey

from tomwizard.answers.model import CategoryAnswers, CustomMeasure, MeasureAnswer
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.catalogue.model import QUESTION_TYPES
from tomwizard.disk.storage import load_document
from tomwizard.session import EditSession
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.dialogs.measure import MeasureDialog
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.help_panel import GuidePanel
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.questions.factory import VIEWS
from tomwizard.tui.widgets.sidebar import CategorySidebar

MINIMAL_CATALOGUE = Path(__file__).parent / "fixtures" / "catalogues" / "minimal"

SIZE = (120, 40)

# ---- helpers ---------------------------------------------------------------------------------


def new_app(catalogue: Catalogue, tmp_path: Path) -> TomWizardApp:
    """The wizard on a document that does not exist yet."""
    return TomWizardApp(catalogue, tmp_path / "new.toml")


def editor_of(app: TomWizardApp) -> MainScreen:
    editor = app.editor
    assert editor is not None, "the main screen is not open"
    return editor


def session_of(app: TomWizardApp) -> EditSession:
    return editor_of(app).session


def answers_of(app: TomWizardApp, category_id: str) -> CategoryAnswers:
    return session_of(app).answers(category_id)


def measure_of(app: TomWizardApp, category_id: str, measure_id: str) -> MeasureAnswer:
    return session_of(app).measure(category_id, measure_id)


async def goto(pilot: Pilot[None], category_id: str) -> None:
    """Show a category by moving the sidebar's cursor to it and pressing Enter."""
    sidebar = pilot.app.screen.query_one(CategorySidebar)
    sidebar.focus()
    sidebar.highlighted = next(
        i for i in range(sidebar.option_count) if sidebar.get_option_at_index(i).id == category_id
    )
    await pilot.press("enter")
    await pilot.pause()
    assert editor_of(pilot.app).category.id == category_id  # type: ignore[arg-type]


async def click(pilot: Pilot[None], widget: Widget) -> None:
    """Click ``widget`` after scrolling it into view."""
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    assert await pilot.click(widget), f"{widget!r} was not clicked"
    await pilot.pause()


async def activate(pilot: Pilot[None], widget: Widget) -> None:
    """Press a button (Enter) or toggle a checkbox (Space) from the keyboard."""
    for _ in range(10):  # a button ignores presses during its 0.2 s press effect
        if not widget.has_class("-active"):
            break
        await pilot.pause(0.05)
    widget.focus()
    await pilot.press("space" if isinstance(widget, Checkbox) else "enter")
    await pilot.pause()


async def type_into(pilot: Pilot[None], field: Input, text: str) -> None:
    """Replace the text of ``field`` by selecting it all and typing ``text`` key by key (the
    first key replaces the selection, so the field is never empty on the way)."""
    field.focus()
    field.action_select_all()
    await pilot.press(*(text or ["backspace"]))


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste ``text`` as the terminal does: the app hands it to the focused widget."""
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def paste_into(pilot: Pilot[None], field: Input, text: str) -> None:
    """Replace the text of ``field`` by pasting ``text`` (quicker than typing long texts)."""
    field.focus()
    field.action_select_all()
    if text:
        await paste(pilot, text)
    else:
        await pilot.press("backspace")


async def pick(pilot: Pilot[None], select: Select[str], label: str) -> None:
    """Choose the option shown as ``label`` in ``select`` with the keyboard: Enter opens the
    menu on the current option, arrows move, Enter picks."""
    select.focus()
    await pilot.press("enter")
    overlay = pilot.app.screen.focused
    assert isinstance(overlay, OptionList), "the select's menu did not open"
    target = next(
        index
        for index in range(overlay.option_count)
        if str(overlay.get_option_at_index(index).prompt) == label
    )
    moves = target - (overlay.highlighted or 0)
    await pilot.press(*(["down"] * moves + ["up"] * -moves), "enter")
    await pilot.pause()


async def toggle_option(pilot: Pilot[None], options: SelectionList[str], value: str) -> None:
    """Tick or untick the option ``value`` of a selection list: move to it, press Space."""
    options.focus()
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).value == value
    )
    await pilot.press("space")


async def set_standorte(pilot: Pilot[None], *values: str) -> None:
    """Answer ``organisation.standorte`` with exactly ``values`` (shown category: organisation)."""
    options = pilot.app.screen.query_one("#q-standorte SelectionList", SelectionList)
    for option_value in ("buero", "homeoffice", "serverraum", "rechenzentrum", "cloud"):
        if (option_value in options.selected) != (option_value in values):
            await toggle_option(pilot, options, option_value)


def rendered(widget: Widget) -> str:
    """The text ``widget`` and the widgets in it show on screen, line by line."""
    lines: list[str] = []
    for shown in [widget, *widget.query("*")]:
        if shown.display and shown.region:
            lines.extend(shown.render_line(y).text for y in range(shown.outer_size.height))
    return "\n".join(lines)


def error_text(field: Widget) -> str:
    """The error message a ValueField shows."""
    return str(field.query_one(".field-error", Label).content)


def sidebar_label(app: TomWizardApp, category_id: str) -> str:
    sidebar = app.screen.query_one(CategorySidebar)
    for index in range(sidebar.option_count):
        option = sidebar.get_option_at_index(index)
        if option.id == category_id:
            prompt = option.prompt
            plain = prompt.plain if isinstance(prompt, Text) else str(prompt)
            # the sidebar shows "  0/4 ! Title"; answer as "Title  0/4 !"
            progress, mark, title = plain[:5].strip(), plain[6], plain[8:]
            return f"{title}  {progress} {mark}".rstrip()
    raise AssertionError(f"{category_id} is not in the sidebar")


def help_text(app: TomWizardApp) -> str:
    content = app.screen.query_one(GuidePanel).content
    return content.plain if isinstance(content, Text) else str(content)


def form(app: TomWizardApp) -> FormDialog:
    screen = app.screen
    assert isinstance(screen, FormDialog), f"expected the form dialog, found {screen!r}"
    return screen


def form_input(app: TomWizardApp, field_id: str) -> Input:
    return form(app).query_one(f"#f-{field_id} #input", Input)


def listing(app: TomWizardApp, measure_id: str) -> MeasureList:
    """The checklist line list (of the category shown) that lists ``measure_id``."""
    for found in editor_of(app).category_view.query(MeasureList):
        if measure_id in found.shown_ids:
            return found
    raise AssertionError(f"{measure_id} is not listed in the category shown")


def listed(app: TomWizardApp, measure_id: str) -> bool:
    """Whether ``measure_id`` has a line in the category shown."""
    return any(
        measure_id in found.shown_ids for found in editor_of(app).category_view.query(MeasureList)
    )


def line_of(app: TomWizardApp, measure_id: str) -> str:
    """The text of the line of ``measure_id``."""
    found = listing(app, measure_id)
    prompt = found.get_option(measure_id).prompt
    return prompt.plain if hasattr(prompt, "plain") else str(prompt)


async def cursor_to(pilot: Pilot[None], measure_id: str) -> MeasureList:
    """Focus the line of ``measure_id``."""
    found = listing(pilot.app, measure_id)  # type: ignore[arg-type]
    assert found.focus_measure(measure_id)
    await pilot.pause()
    return found


async def cycle(pilot: Pilot[None], measure_id: str, times: int = 1) -> None:
    """Press space ``times`` on the line of ``measure_id`` (open -> implemented -> planned ->
    not applicable -> open)."""
    await cursor_to(pilot, measure_id)
    for _ in range(times):
        await pilot.press("space")
    await pilot.pause()


async def open_details(pilot: Pilot[None], measure_id: str) -> MeasureDialog:
    """Enter on the line of ``measure_id``: its details panel, with the status focused."""
    await cursor_to(pilot, measure_id)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeasureDialog), f"expected the measure's details, found {screen!r}"
    assert screen.measure.id == measure_id
    return screen


async def close_details(pilot: Pilot[None]) -> None:
    assert isinstance(pilot.app.screen, MeasureDialog)
    await pilot.press("escape")
    await pilot.pause()


# ---- opening ---------------------------------------------------------------------------------


async def test_new_document_opens_on_the_first_category_unsaved(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = editor_of(app)
        assert editor.category.id == "organisation"
        assert session_of(app).dirty
        assert session_of(app).document.categories == {}
        assert editor.sub_title == "● neu, ungespeichert"
        assert app.screen.query_one("#q-standorte").display
    assert not (tmp_path / "new.toml").exists(), "a new document is written only on save"


# ---- question types --------------------------------------------------------------------------


def test_the_question_widgets_import_in_any_order() -> None:
    """The factory is a module of its own: the base class module does not know the widgets, and
    any module of the package imports first without an import circle."""
    from tomwizard.tui.widgets.questions import base, factory

    assert not hasattr(base, "question_view")
    assert set(factory.VIEWS) == set(QUESTION_TYPES)
    package = Path(factory.__file__).parent
    for module in sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__"):
        name = f"tomwizard.tui.widgets.questions.{module}"
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True
        )
        assert done.returncode == 0, f"{name}: {done.stderr}"


async def test_every_question_is_shown_with_the_widget_of_its_type(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for category in catalogue.categories:
            await editor_of(app).show_category(category.id)
            await pilot.pause()
            view = editor_of(app).category_view
            for question in category.questions:
                widget = view.query_one(f"#q-{question.id}")
                assert type(widget) is VIEWS[question.type], question.id


async def test_multichoice_keeps_catalogue_order_and_empty_removes_the_answer(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one("#q-standorte SelectionList", SelectionList)
        await toggle_option(pilot, options, "cloud")
        assert answers_of(app, "organisation").answers["standorte"] == ["cloud"]
        await toggle_option(pilot, options, "buero")
        assert answers_of(app, "organisation").answers["standorte"] == ["buero", "cloud"]
        await toggle_option(pilot, options, "cloud")
        await toggle_option(pilot, options, "buero")
        assert "standorte" not in answers_of(app, "organisation").answers


async def test_choice_and_bool_are_radio_sets(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        groesse = list(app.screen.query("#q-groesse RadioButton").results(RadioButton))
        assert [str(b.label) for b in groesse] == ["bis 10", "11 bis 50", "mehr als 50"]
        await click(pilot, groesse[1])
        assert answers_of(app, "organisation").answers["groesse"] == "bis50"
        await click(pilot, groesse[2])
        assert answers_of(app, "organisation").answers["groesse"] == "ueber50"

        yes, no = app.screen.query("#q-zertifiziert RadioButton").results(RadioButton)
        assert (str(yes.label), str(no.label)) == ("Ja", "Nein")
        await click(pilot, no)
        value = answers_of(app, "organisation").answers["zertifiziert"]
        assert value is False
        # keyboard: the radio set moves its cursor with up/down and picks with space
        radio_set = app.screen.query_one("#q-zertifiziert RadioSet")
        radio_set.focus()
        await pilot.press("up", "space")
        await pilot.pause()
        assert answers_of(app, "organisation").answers["zertifiziert"] is True
        # the choice is seen without colour: a mark on the chosen button only
        assert (rendered(yes)[:3], rendered(no)[:3]) == ("▐●▌", "▐ ▌")
        assert [rendered(b)[:3] for b in groesse] == ["▐ ▌", "▐ ▌", "▐●▌"]


async def test_number_is_validated_as_you_type(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        field = app.screen.query_one("#q-bildschirmsperre #field")
        entry = field.query_one("#input", Input)

        await type_into(pilot, entry, "abc")
        assert error_text(field) == "Bitte eine Zahl eingeben"
        assert field.has_class("-invalid")
        assert "bildschirmsperre" not in answers_of(app, "zugangskontrolle").answers

        await type_into(pilot, entry, "15")
        assert error_text(field) == ""
        assert not field.has_class("-invalid")
        stored = answers_of(app, "zugangskontrolle").answers["bildschirmsperre"]
        assert stored == 15 and type(stored) is int

        # validated key by key: an invalid text is never stored, the last valid value stays
        # (for "121" that is the 12 typed on the way)
        for text, message, kept in [
            ("0", "Mindestens 1", 15),
            ("121", "Höchstens 120", 12),
            ("7,5", "Bitte eine ganze Zahl eingeben", 7),
            ("x", "Bitte eine Zahl eingeben", 7),
        ]:
            await type_into(pilot, entry, text)
            assert error_text(field) == message, text
            assert field.has_class("-invalid"), text
            assert answers_of(app, "zugangskontrolle").answers["bildschirmsperre"] == kept, text

        await type_into(pilot, entry, "120")
        assert answers_of(app, "zugangskontrolle").answers["bildschirmsperre"] == 120
        await type_into(pilot, entry, "")
        assert "bildschirmsperre" not in answers_of(app, "zugangskontrolle").answers


async def test_text_is_a_multi_line_text_area(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        area = app.screen.query_one("#q-beschreibung TextArea", TextArea)
        area.focus()
        await pilot.press(*"Eins", "enter", *"Zwei")
        await pilot.pause()
        assert answers_of(app, "organisation").answers["beschreibung"] == "Eins\nZwei"
        area.select_all()
        await pilot.press("backspace", "space", "enter")
        await pilot.pause()
        assert "beschreibung" not in answers_of(app, "organisation").answers, (
            "blank text is no answer"
        )


async def test_date_accepts_iso_and_german_dates(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "ueberpruefung")
        field = app.screen.query_one("#q-letzte_pruefung #field")
        entry = field.query_one("#input", Input)

        await paste_into(pilot, entry, "2025-02-10")
        assert answers_of(app, "ueberpruefung").answers["letzte_pruefung"] == dt.date(2025, 2, 10)
        await type_into(pilot, entry, "03.04.2025")
        assert answers_of(app, "ueberpruefung").answers["letzte_pruefung"] == dt.date(2025, 4, 3)
        assert error_text(field) == ""

        for text in ("31.02.2025", "morgen"):
            await paste_into(pilot, entry, text)
            assert error_text(field).startswith("Bitte ein Datum wie 2025-01-31"), text
            assert field.has_class("-invalid")
            assert answers_of(app, "ueberpruefung").answers["letzte_pruefung"] == dt.date(
                2025, 4, 3
            ), text


async def test_table_rows_are_added_edited_and_removed_in_a_form(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "rechenzentrum")
        await goto(pilot, "verfuegbarkeitskontrolle")
        view = app.screen.query_one("#q-rechenzentren")
        table = view.query_one("#rows", DataTable)
        assert view.display and not table.display, "no rows yet: the empty table is hidden"

        # add: a required column left empty keeps the dialog open with an error
        await click(pilot, view.query_one("#add-row"))
        await paste_into(pilot, form_input(app, "betreiber"), "Hoster [Nord] [/x]")
        await activate(pilot, form(app).query_one("#apply"))
        dialog = form(app)
        assert "Pflichtfeld" in str(dialog.query_one("#form-error", Label).content)
        assert "Standort" in str(dialog.query_one("#form-error", Label).content)
        assert "rechenzentren" not in answers_of(app, "verfuegbarkeitskontrolle").answers
        await paste_into(pilot, form_input(app, "standort"), "Frankfurt am Main")
        await type_into(pilot, form_input(app, "gueltig_bis"), "x")
        await activate(pilot, form(app).query_one("#apply"))
        error = str(form(app).query_one("#form-error", Label).content)
        assert "Zertifikat gültig bis" in error, "an invalid field keeps the dialog open"
        assert "Standort" not in error
        await paste_into(pilot, form_input(app, "gueltig_bis"), "30.06.2027")
        await activate(pilot, form(app).query_one("#apply"))
        assert not isinstance(app.screen, FormDialog)
        rows = answers_of(app, "verfuegbarkeitskontrolle").answers["rechenzentren"]
        assert rows == {
            "zeile-1": {
                "betreiber": "Hoster [Nord] [/x]",
                "standort": "Frankfurt am Main",
                "gueltig_bis": dt.date(2027, 6, 30),
            }
        }
        assert table.display and table.row_count == 1
        await pilot.pause()  # rendered: brackets typed by the user are text, not markup
        assert str(table.get_cell_at(Coordinate(0, 0))) == "Hoster [Nord] [/x]"
        assert "Hoster [Nord] [/x]" in rendered(table)

        # edit: the dialog starts with the row's values
        table.move_cursor(row=0)
        await activate(pilot, view.query_one("#edit-row"))
        assert form_input(app, "betreiber").value == "Hoster [Nord] [/x]"
        assert form_input(app, "gueltig_bis").value == "2027-06-30"
        await paste_into(pilot, form_input(app, "zertifizierung"), "ISO/IEC 27001")
        await type_into(pilot, form_input(app, "gueltig_bis"), "")
        await activate(pilot, form(app).query_one("#apply"))
        rows = answers_of(app, "verfuegbarkeitskontrolle").answers["rechenzentren"]
        assert rows == {
            "zeile-1": {
                "betreiber": "Hoster [Nord] [/x]",
                "standort": "Frankfurt am Main",
                "zertifizierung": "ISO/IEC 27001",
            }
        }

        # cancel changes nothing
        await activate(pilot, view.query_one("#add-row"))
        await paste_into(pilot, form_input(app, "betreiber"), "Verworfen")
        await activate(pilot, form(app).query_one("#cancel"))
        assert len(answers_of(app, "verfuegbarkeitskontrolle").answers["rechenzentren"]) == 1

        # a second row, then remove the first
        await activate(pilot, view.query_one("#add-row"))
        await paste_into(pilot, form_input(app, "betreiber"), "Cloud AG")
        await paste_into(pilot, form_input(app, "standort"), "Berlin")
        await activate(pilot, form(app).query_one("#apply"))
        rows = answers_of(app, "verfuegbarkeitskontrolle").answers["rechenzentren"]
        assert list(rows) == ["zeile-1", "zeile-2"]
        assert table.row_count == 2
        table.move_cursor(row=0)
        await activate(pilot, view.query_one("#remove-row"))
        rows = answers_of(app, "verfuegbarkeitskontrolle").answers["rechenzentren"]
        assert rows == {"zeile-2": {"betreiber": "Cloud AG", "standort": "Berlin"}}
        assert table.row_count == 1
        await activate(pilot, view.query_one("#remove-row"))
        assert "rechenzentren" not in answers_of(app, "verfuegbarkeitskontrolle").answers
        assert not table.display


async def test_checklist_measure_tick_status_parameters_and_note(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "buero", "serverraum")
        await goto(pilot, "zutrittskontrolle")
        # one line per measure: a glyph for its status, its label
        assert line_of(app, "schliesssystem").startswith("· ")

        # space: open -> implemented -> planned -> not applicable -> open
        await cycle(pilot, "schliesssystem")
        assert measure_of(app, "zutrittskontrolle", "schliesssystem").status == "implemented"
        assert line_of(app, "schliesssystem").startswith("✓ ")
        await pilot.press("space")
        assert measure_of(app, "zutrittskontrolle", "schliesssystem").status == "planned"
        assert line_of(app, "schliesssystem").startswith("◷ ")

        # Enter: the details of this one measure, the status focused; planned shows the
        # target date (German date) and not the reason
        details = await open_details(pilot, "schliesssystem")
        assert app.focused is details.query_one("#status", Select)
        target = details.query_one("#target-date")
        assert target.display and not details.query_one("#reason").display
        await paste_into(pilot, target.query_one("#input", Input), "30.09.2025")
        measure = measure_of(app, "zutrittskontrolle", "schliesssystem")
        assert measure.target_date == dt.date(2025, 9, 30)
        await paste_into(pilot, target.query_one("#input", Input), "30.13.2025")
        assert error_text(target).startswith("Bitte ein Datum")
        measure = measure_of(app, "zutrittskontrolle", "schliesssystem")
        assert measure.target_date == dt.date(2025, 9, 30)

        # not applicable: the reason is shown and stored; the target date hides
        await pick(pilot, details.query_one("#status", Select), "entfällt")
        assert measure_of(app, "zutrittskontrolle", "schliesssystem").status == "not_applicable"
        assert details.query_one("#reason").display and not target.display
        await paste_into(pilot, details.query_one("#reason", Input), "Keine eigenen Räume")
        assert measure_of(app, "zutrittskontrolle", "schliesssystem").reason == (
            "Keine eigenen Räume"
        )
        # the line follows while the panel is open; Escape returns to it
        assert line_of(app, "schliesssystem").startswith("– ")
        await close_details(pilot)
        found = listing(app, "schliesssystem")
        assert app.focused is found and found.highlighted_measure is not None
        assert found.highlighted_measure.id == "schliesssystem"

        # a number parameter: invalid input is not stored, a valid one is
        await cycle(pilot, "serverraum_gesichert")
        details = await open_details(pilot, "serverraum_gesichert")
        anzahl = details.query_one("#p-anzahl")
        await type_into(pilot, anzahl.query_one("#input", Input), "0")
        assert error_text(anzahl) == "Mindestens 1"
        assert (
            "anzahl" not in measure_of(app, "zutrittskontrolle", "serverraum_gesichert").parameters
        )
        await type_into(pilot, anzahl.query_one("#input", Input), "3")
        assert measure_of(app, "zutrittskontrolle", "serverraum_gesichert").parameters == {
            "anzahl": 3
        }
        await type_into(pilot, anzahl.query_one("#input", Input), "drei")
        assert error_text(anzahl) == "Bitte eine Zahl eingeben"
        assert measure_of(app, "zutrittskontrolle", "serverraum_gesichert").parameters == {
            "anzahl": 3
        }
        await type_into(pilot, anzahl.query_one("#input", Input), "4")
        await paste_into(pilot, details.query_one("#note", Input), "Zwei Schlüssel")
        await close_details(pilot)
        # the line shows the value, labelled, in muted text after the label
        assert "4" in line_of(app, "serverraum_gesichert").split(" — ", 1)[1]

        # a choice parameter
        await cycle(pilot, "alarmanlage")
        details = await open_details(pilot, "alarmanlage")
        await pick(pilot, details.query_one("#p-empfaenger #input", Select), "einen Wachdienst")
        assert measure_of(app, "zutrittskontrolle", "alarmanlage").parameters == {
            "empfaenger": "wachdienst"
        }
        await close_details(pilot)

        # back to open (three more presses) keeps parameters and note
        await cycle(pilot, "serverraum_gesichert", times=3)
        measure = measure_of(app, "zutrittskontrolle", "serverraum_gesichert")
        assert measure.status is None
        assert measure.parameters == {"anzahl": 4}
        assert measure.note == "Zwei Schlüssel"
        assert line_of(app, "serverraum_gesichert").startswith("· ")
        # deciding it again brings back what was typed
        await pilot.press("space")
        measure = measure_of(app, "zutrittskontrolle", "serverraum_gesichert")
        assert measure.status == "implemented"
        details = await open_details(pilot, "serverraum_gesichert")
        assert details.query_one("#p-anzahl #input", Input).value == "4"


async def test_arrows_move_through_the_checklists_of_a_category_as_one_list(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "zugangskontrolle")
        lists = [
            found for found in editor_of(app).category_view.query(MeasureList) if found.option_count
        ]
        assert len(lists) >= 2, "Zugangskontrolle has several checklists"
        first, second = lists[0], lists[1]
        await cursor_to(pilot, first.shown_ids[-1])
        await pilot.press("down")
        assert app.focused is second and second.highlighted == 0
        await pilot.press("up")
        assert app.focused is first and first.highlighted == first.option_count - 1


async def test_custom_measures_are_added_edited_and_removed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "zugangskontrolle")
        view = app.screen.query_one("#custom-measures")
        listing = view.query_one("#custom-list", OptionList)
        assert not listing.display and view.query_one("#custom-none").display

        # add: the label is required
        await activate(pilot, view.query_one("#add-custom"))
        await activate(pilot, form(app).query_one("#apply"))
        assert "Bezeichnung" in str(form(app).query_one("#form-error", Label).content)
        await paste_into(pilot, form_input(app, "label"), "Tresor [Keller] [/x]")
        await paste_into(pilot, form_input(app, "phrase"), "Notfallzugänge liegen im Tresor.")
        await activate(pilot, form(app).query_one("#apply"))
        custom = answers_of(app, "zugangskontrolle").custom
        assert custom == {
            "eigene-1": CustomMeasure(
                label="Tresor [Keller] [/x]",
                phrase="Notfallzugänge liegen im Tresor.",
                status="implemented",
            )
        }
        assert listing.display and listing.option_count == 1
        await pilot.pause()  # rendered: the label is the user's text, not markup
        assert "Tresor [Keller] [/x]  [umgesetzt]" in rendered(listing)

        # edit: planned with a target date
        listing.highlighted = 0
        await activate(pilot, view.query_one("#edit-custom"))
        assert form_input(app, "label").value == "Tresor [Keller] [/x]"
        await pick(pilot, form(app).query_one("#f-status #input", Select), "geplant")
        await paste_into(pilot, form_input(app, "target_date"), "2025-12-31")
        await paste_into(pilot, form_input(app, "note"), "Tresor bestellt")
        await activate(pilot, form(app).query_one("#apply"))
        measure = answers_of(app, "zugangskontrolle").custom["eigene-1"]
        assert measure.status == "planned"
        assert measure.target_date == dt.date(2025, 12, 31)
        assert measure.note == "Tresor bestellt"
        assert measure.phrase == "Notfallzugänge liegen im Tresor."
        await pilot.pause()
        assert "Tresor [Keller] [/x]  [geplant]" in rendered(listing)

        # a second one gets its own key; remove the first
        await activate(pilot, view.query_one("#add-custom"))
        await paste_into(pilot, form_input(app, "label"), "Zweite")
        await activate(pilot, form(app).query_one("#apply"))
        assert list(answers_of(app, "zugangskontrolle").custom) == ["eigene-1", "eigene-2"]
        listing.highlighted = 0
        await activate(pilot, view.query_one("#remove-custom"))
        assert list(answers_of(app, "zugangskontrolle").custom) == ["eigene-2"]
        assert listing.option_count == 1


async def test_category_description(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        area = app.screen.query_one("#description", TextArea)
        area.focus()
        await pilot.press(*"Wir", "enter", *"Dienst")
        await pilot.pause()
        assert answers_of(app, "organisation").description == "Wir\nDienst"
        # it survives leaving and coming back to the category
        await goto(pilot, "zugangskontrolle")
        await goto(pilot, "organisation")
        area = app.screen.query_one("#description", TextArea)
        assert area.text == "Wir\nDienst"


# ---- conditions ------------------------------------------------------------------------------


async def test_hidden_measure_keeps_its_answer(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "buero", "serverraum")
        await goto(pilot, "zutrittskontrolle")
        assert listed(app, "serverraum_gesichert")
        await cycle(pilot, "serverraum_gesichert")
        details = await open_details(pilot, "serverraum_gesichert")
        await type_into(pilot, details.query_one("#p-anzahl #input", Input), "2")
        await close_details(pilot)

        await goto(pilot, "organisation")
        await set_standorte(pilot, "buero")
        await goto(pilot, "zutrittskontrolle")
        assert not listed(app, "serverraum_gesichert"), "without a server room it is not listed"
        assert listed(app, "schliesssystem") and listed(app, "besucherregelung")
        kept = measure_of(app, "zutrittskontrolle", "serverraum_gesichert")
        assert kept.status == "implemented" and kept.parameters == {"anzahl": 2}

        await goto(pilot, "organisation")
        await set_standorte(pilot, "buero", "serverraum")
        await goto(pilot, "zutrittskontrolle")
        assert listed(app, "serverraum_gesichert")
        assert line_of(app, "serverraum_gesichert").startswith("✓ ")
        details = await open_details(pilot, "serverraum_gesichert")
        assert details.query_one("#p-anzahl #input", Input).value == "2"


async def test_table_shown_only_with_data_centre_or_cloud(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "verfuegbarkeitskontrolle")
        assert not app.screen.query_one("#q-rechenzentren").display, "no place chosen yet"
        # (rechenzentrum is shown in the table test)
        for standorte, shown in [(("cloud",), True), (("buero", "serverraum"), False)]:
            await goto(pilot, "organisation")
            await set_standorte(pilot, *standorte)
            await goto(pilot, "verfuegbarkeitskontrolle")
            assert app.screen.query_one("#q-rechenzentren").display is shown, standorte
        # hidden measures of the same category follow the same answer
        assert listed(app, "usv") and listed(app, "backup")


async def test_follow_up_question_appears_once_the_date_is_answered(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "ueberpruefung")
        pruefer = app.screen.query_one("#q-pruefer")
        assert not pruefer.display
        entry = app.screen.query_one("#q-letzte_pruefung #input", Input)
        await paste_into(pilot, entry, "2025-02")
        assert not pruefer.display, "an invalid date is no answer"
        await paste_into(pilot, entry, "2025-02-10")
        assert pruefer.display
        area = pruefer.query_one(TextArea)
        area.focus()
        await pilot.press(*"DSB")
        await pilot.pause()
        assert answers_of(app, "ueberpruefung").answers["pruefer"] == "DSB"
        await type_into(pilot, entry, "")
        assert not pruefer.display
        assert answers_of(app, "ueberpruefung").answers["pruefer"] == "DSB", (
            "a hidden answer is kept"
        )


# ---- sidebar and help ------------------------------------------------------------------------


async def test_sidebar_shows_progress_and_missing_required(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert sidebar_label(app, "organisation").endswith("0/4 !")
        assert sidebar_label(app, "zutrittskontrolle").endswith("–"), "no place chosen yet"
        assert sidebar_label(app, "ueberpruefung").endswith("0/1 !")
        assert sidebar_label(app, "zugangskontrolle").endswith("0/2 !")

        await set_standorte(pilot, "buero")
        assert sidebar_label(app, "organisation").endswith("1/4")
        assert sidebar_label(app, "zutrittskontrolle").endswith("0/1 !")
        radio = app.screen.query("#q-groesse RadioButton").results(RadioButton)
        await click(pilot, next(iter(radio)))
        assert sidebar_label(app, "organisation").endswith("2/4")

        await goto(pilot, "ueberpruefung")
        await paste_into(
            pilot, app.screen.query_one("#q-letzte_pruefung #input", Input), "1.1.2025"
        )
        assert sidebar_label(app, "ueberpruefung").endswith("1/2"), "pruefer now shown"

        await goto(pilot, "zugangskontrolle")
        await type_into(pilot, app.screen.query_one("#q-bildschirmsperre #input", Input), "5")
        assert sidebar_label(app, "zugangskontrolle").endswith("1/2 !")
        await cycle(pilot, "mfa")
        assert sidebar_label(app, "zugangskontrolle").endswith("2/2")


async def test_sidebar_keeps_its_scroll_position_when_answers_change(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(CategorySidebar)
        await set_standorte(pilot, "buero")
        assert sidebar.max_scroll_y > 0, "the list must scroll for this test"
        sidebar.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        bottom = sidebar.scroll_offset
        assert bottom.y > 0
        # answer a question with the keyboard (1/4 -> 2/4: the labels keep their length)
        app.screen.query_one("#q-groesse RadioSet").focus()
        await pilot.press("space")
        await pilot.pause()
        assert answers_of(app, "organisation").answers["groesse"] == "bis10"
        assert sidebar_label(app, "organisation").endswith("2/4")
        assert sidebar.scroll_offset == bottom, "an answer must not scroll the sidebar"
        highlighted = sidebar.highlighted
        assert highlighted is not None
        assert sidebar.get_option_at_index(highlighted).id == "organisation"

        # switching the interface language rebuilds the list in the other language
        await app.action_switch_ui_language()
        await pilot.pause()
        label = sidebar_label(app, "organisation")  # cut to the sidebar's width
        assert label.startswith("Organisation") and label.endswith("2/4"), label
        assert str(sidebar.get_option_at_index(0).prompt) == "Scope and setting"


async def test_help_panel_follows_the_focus(catalogue: Catalogue, tmp_path: Path) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # opening a document focuses the first question, and its help is shown
        assert app.focused is app.screen.query_one("#q-standorte SelectionList")
        assert help_text(app).startswith("Wo werden die Daten des Auftraggebers verarbeitet?")
        # a field of the category itself shows the category's help
        app.screen.query_one("#description", TextArea).focus()
        await pilot.pause()
        text = help_text(app)
        assert text.startswith("Organisation und Infrastruktur")
        assert "Rechtsgrundlagen: Art. 32 Abs. 1 DSGVO" in text

        app.screen.query_one("#q-groesse RadioSet").focus()
        await pilot.pause()
        assert "Eine grobe Größenordnung genügt." in help_text(app)

        await set_standorte(pilot, "buero")
        await goto(pilot, "zutrittskontrolle")
        await cursor_to(pilot, "alarmanlage")
        text = help_text(app)
        assert text.startswith("Alarmanlage")
        assert "Eine Alarmanlage meldet Einbruchsversuche" in text
        assert "Quellen: BSI INF.1.A9" in text

        # the measure's details show its help too
        details = await open_details(pilot, "alarmanlage")
        assert "Eine Alarmanlage meldet Einbruchsversuche" in rendered(details)
        await close_details(pilot)

        # the help follows the cursor from line to line
        await cursor_to(pilot, "schliesssystem")
        assert "Quellen: BSI INF.1.A7" in help_text(app)
        assert "INF.1.A9" not in help_text(app)


# ---- saving ----------------------------------------------------------------------------------


async def test_save_and_reopen_gives_the_same_document(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "new.toml"
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "buero", "rechenzentrum")
        groesse = list(app.screen.query("#q-groesse RadioButton").results(RadioButton))
        await click(pilot, groesse[0])
        zertifiziert = list(app.screen.query("#q-zertifiziert RadioButton").results(RadioButton))
        await click(pilot, zertifiziert[1])
        area = app.screen.query_one("#q-beschreibung TextArea", TextArea)
        area.focus()
        await paste(pilot, "Eins\nZwei")

        await goto(pilot, "zutrittskontrolle")
        details = await open_details(pilot, "alarmanlage")
        await pick(pilot, details.query_one("#status", Select), "geplant")
        await paste_into(pilot, details.query_one("#target-date #input", Input), "30.09.2025")
        await pick(pilot, details.query_one("#p-empfaenger #input", Select), "die Geschäftsführung")
        await paste_into(pilot, details.query_one("#note", Input), "Angebot liegt vor")
        await close_details(pilot)

        await goto(pilot, "verfuegbarkeitskontrolle")
        await activate(pilot, app.screen.query_one("#add-row"))
        await paste_into(pilot, form_input(app, "betreiber"), "Hoster")
        await paste_into(pilot, form_input(app, "standort"), "Nürnberg")
        await paste_into(pilot, form_input(app, "gueltig_bis"), "2027-06-30")
        await activate(pilot, form(app).query_one("#apply"))

        await goto(pilot, "ueberpruefung")
        await paste_into(
            pilot, app.screen.query_one("#q-letzte_pruefung #input", Input), "10.02.2025"
        )
        area = app.screen.query_one("#description", TextArea)
        area.focus()
        await paste(pilot, "Jährlich")

        assert not path.exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.exists()
        session = session_of(app)
        assert not session.dirty
        assert editor_of(app).sub_title == "gespeichert"
        saved = session.document

    assert path.read_bytes() == dumps(saved, catalogue).encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_document(path, catalogue).document == saved
    organisation = saved.categories["organisation"].answers
    assert organisation == {
        "standorte": ["buero", "rechenzentrum"],
        "groesse": "bis10",
        "zertifiziert": False,
        "beschreibung": "Eins\nZwei",
    }
    assert saved.categories["zutrittskontrolle"].measures["alarmanlage"] == MeasureAnswer(
        status="planned",
        target_date=dt.date(2025, 9, 30),
        parameters={"empfaenger": "intern"},
        note="Angebot liegt vor",
    )
    assert saved.categories["ueberpruefung"].description == "Jährlich"

    again = TomWizardApp(catalogue, path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reopened = session_of(again)
        assert not reopened.dirty
        assert reopened.document == saved
        # the widgets show what was saved
        options = again.screen.query_one("#q-standorte SelectionList", SelectionList)
        assert options.selected == ["buero", "rechenzentrum"]
        await goto(pilot, "zutrittskontrolle")
        assert line_of(again, "alarmanlage").startswith("◷ Alarmanlage")
        details = await open_details(pilot, "alarmanlage")
        assert details.query_one("#status", Select).value == "planned"
        assert details.query_one("#target-date #input", Input).value == "2025-09-30"
        assert details.query_one("#target-date").display
        await close_details(pilot)
        # nothing changed by opening and looking
        assert reopened.document == saved
        assert not reopened.dirty


async def test_catalogue_texts_with_brackets_are_shown_as_text(tmp_path: Path) -> None:
    """Square brackets in catalogue texts are text, not markup (a "[/x]" would otherwise stop
    the app with a MarkupError)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(MINIMAL_CATALOGUE, folder)
    replacements = {
        "organisation.toml": [
            ('label.de = "Wie viele Personen', 'label.de = "[/x] Wie viele Personen'),
            ('label.de = "bis 10"', 'label.de = "bis 10 [klein]"'),
            ('label.de = "Eigene Büroräume"', 'label.de = "Eigene Büroräume [/b]"'),
            ('title.de = "Organisation und', 'title.de = "[/o] Organisation und'),
            ('purpose.de = "Legt fest', 'purpose.de = "[i]Legt fest'),
        ],
        "zutrittskontrolle.toml": [
            ('label.de = "Alarmanlage"', 'label.de = "Alarmanlage [/x]"'),
            ('label.de = "Alarm geht an"', 'label.de = "Alarm [an] geht an"'),
            ('label.de = "einen Wachdienst"', 'label.de = "einen [/i] Wachdienst"'),
        ],
        "verfuegbarkeitskontrolle.toml": [('label.de = "Betreiber"', 'label.de = "[b]Betreiber"')],
    }
    for name, pairs in replacements.items():
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        (folder / name).write_text(text, encoding="utf-8")
    app = TomWizardApp(load_catalogue(builtin=folder), tmp_path / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CategoryView)
        assert "[/o] Organisation und Infrastruktur" in rendered(view.query_one(".category-title"))
        assert "[i]Legt fest" in rendered(view.query_one(".category-purpose"))
        assert "[/x] Wie viele Personen" in rendered(app.screen.query_one("#q-groesse"))
        assert "bis 10 [klein]" in rendered(app.screen.query_one("#q-groesse"))
        assert "Eigene Büroräume [/b]" in rendered(app.screen.query_one("#q-standorte"))
        await set_standorte(pilot, "buero", "cloud")
        await goto(pilot, "zutrittskontrolle")
        await cycle(pilot, "alarmanlage")
        assert "Alarmanlage [/x]" in rendered(listing(app, "alarmanlage"))
        details = await open_details(pilot, "alarmanlage")
        assert "Alarmanlage [/x]" in rendered(details)
        assert "Alarm [an] geht an" in rendered(details)
        await pick(
            pilot, details.query_one("#p-empfaenger #input", Select), "einen [/i] Wachdienst"
        )
        await close_details(pilot)
        assert "einen [/i] Wachdienst" in line_of(app, "alarmanlage")
        assert measure_of(app, "zutrittskontrolle", "alarmanlage").parameters == {
            "empfaenger": "wachdienst"
        }
        await goto(pilot, "verfuegbarkeitskontrolle")
        await activate(pilot, app.screen.query_one("#add-row"))
        assert "[b]Betreiber *" in rendered(form(app))
        await activate(pilot, form(app).query_one("#apply"))
        assert "[b]Betreiber" in rendered(form(app).query_one("#form-error"))
        await paste_into(pilot, form_input(app, "betreiber"), "B")
        await paste_into(pilot, form_input(app, "standort"), "S")
        await activate(pilot, form(app).query_one("#apply"))
        assert "[b]Betreiber" in rendered(app.screen.query_one("#q-rechenzentren #rows"))


# ---- small terminal --------------------------------------------------------------------------


async def test_small_terminal_renders_with_the_save_binding(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.has_class("-narrow")
        assert not screen.query_one(GuidePanel).display, "help is on demand at 80 columns"
        footer = screen.query_one(Footer)
        keys = {key.key: key for key in footer.query(FooterKey)}
        assert "ctrl+s" in keys, "the footer lists the save binding"
        save = keys["ctrl+s"]
        assert save.description == "Speichern"
        region = save.region
        assert region.width > 0 and region.right <= 80 and region.y == 23, region
        assert "Speichern" in app.export_screenshot()
        # save, export, review and quit all fit, in this order
        shown = [keys[key] for key in ("ctrl+s", "ctrl+e", "f3", "ctrl+q")]
        assert all(key.region.width > 0 and key.region.right <= 80 for key in shown)
        assert [key.region.x for key in shown] == sorted(key.region.x for key in shown)
        await pilot.press("f1")
        await pilot.pause()
        assert screen.query_one(GuidePanel).display
