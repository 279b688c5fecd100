"""The review cycle and merge conflicts in the wizard, with Textual's Pilot: "Kategorie geprüft"
(F4, the palette), the sidebar's mark of categories due for review, the review screen's due
lines and conflicts ("Entschieden" removes one). The details' review fields and the history
entry of a new version are in ``test_tui_review_details.py``.

Every test runs on the fixed day ``conftest.TODAY`` (2025-06-01) unless it sets another one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.table import Table
from rich.text import Text
from test_tui_history_review import open_details
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from tomwizard import clock, config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.config import Settings
from tomwizard.disk.storage import load_document
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.screens.review import ReviewScreen
from tomwizard.tui.widgets.help_panel import GuidePanel
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.sidebar import CategorySidebar

SIZE = (120, 40)
TODAY = dt.date(2025, 6, 1)


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


def editor(app: TomWizardApp) -> MainScreen:
    main = app.editor
    assert main is not None and app.screen is main, f"expected the main screen, got {app.screen}"
    return main


def on_measure(app: TomWizardApp, measure_id: str) -> bool:
    """Whether the focus is on the line of ``measure_id`` in its checklist."""
    focused = app.focused
    if not isinstance(focused, MeasureList) or focused.highlighted_measure is None:
        return False
    return focused.highlighted_measure.id == measure_id


def messages(app: TomWizardApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def sidebar_plain(app: TomWizardApp, category_id: str) -> str:
    """The sidebar line of ``category_id`` as text."""
    sidebar = editor(app).query_one(CategorySidebar)
    for index in range(sidebar.option_count):
        option = sidebar.get_option_at_index(index)
        if option.id == category_id:
            prompt = option.prompt
            return prompt.plain if isinstance(prompt, Text) else str(prompt)
    raise AssertionError(f"{category_id} is not in the sidebar")


def sidebar_mark(app: TomWizardApp, category_id: str) -> str:
    return sidebar_plain(app, category_id)[6]


def review_line(app: TomWizardApp) -> Label:
    main = editor(app)
    return main.category_view.query_one("#category-reviewed", Label)


def line_text(label: Label) -> str:
    return str(label.render()) if label.display else ""


def review_date(path: Path, category_id: str, date: str) -> None:
    """Give ``category_id`` (a table of the file at ``path``) the review date ``date``."""
    header = f"[categories.{category_id}]\n"
    content = path.read_text("utf-8")
    assert header in content
    path.write_text(content.replace(header, f"{header}reviewed = {date}\n", 1), "utf-8")


def insert_before_history(path: Path, text: str) -> None:
    content = path.read_text("utf-8")
    path.write_text(content.replace("\n[history.", f"\n{text}\n[history.", 1), encoding="utf-8")


def set_document(path: Path, lines: str) -> None:
    """Add ``lines`` to ``[document]`` of the file at ``path``."""
    content = path.read_text("utf-8")
    path.write_text(content.replace("\n[document]\n", f"\n[document]\n{lines}", 1), "utf-8")


# -- Kategorie geprüft ----------------------------------------------------------------------------


async def test_f4_records_the_review_date_and_nothing_else(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        await main.show_category("zugangskontrolle")
        await settle(pilot)
        main.save()  # as the wizard writes it (the schema line first)
        await settle(pilot)
        before = complete_file.read_text("utf-8")
        assert line_text(review_line(app)) == ""

        await pilot.press("f4")
        await settle(pilot)
        assert main.session.answers("zugangskontrolle").reviewed == TODAY
        assert "„Zugangskontrolle“ als geprüft vermerkt: 01.06.2025" in messages(app)
        assert line_text(review_line(app)) == "Zuletzt geprüft am 01.06.2025"
        assert main.session.dirty and str(main.sub_title).startswith("●")
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = complete_file.read_text("utf-8").splitlines()
        assert [line for line in after if line not in before.splitlines()] == [
            "[categories.zugangskontrolle]",
            "reviewed = 2025-06-01",
        ]
        assert [line for line in before.splitlines() if line not in after] == []

        # again on the same day: said, nothing changed
        await pilot.press("f4")
        await settle(pilot)
        assert not main.session.dirty
        assert "„Zugangskontrolle“ ist schon als am 01.06.2025 geprüft vermerkt." in messages(app)


async def test_the_palette_records_and_removes_the_review_date(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)

        async def run(command: str) -> list[str]:
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)
            app.screen.query_one(Input).value = command
            results = app.screen.query_one(OptionList)
            for _ in range(40):
                await pilot.pause(0.02)
                shown = [
                    str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
                ]
                if any(command in line for line in shown):
                    break
            hit = next(i for i, line in enumerate(shown) if line.startswith(command))
            results.highlighted = hit
            await pilot.press("enter")
            await settle(pilot)
            return shown

        shown = await run("Kategorie geprüft")
        assert shown[0].startswith("Kategorie geprüft\n"), "above the measures found"
        assert "Organisation und Infrastruktur heute geprüft" in shown[0]
        assert main.session.answers("organisation").reviewed == TODAY
        assert line_text(review_line(app)) == "Zuletzt geprüft am 01.06.2025"

        await run("Prüfvermerk entfernen")
        assert main.session.answers("organisation").reviewed is None
        assert "Prüfvermerk von „Organisation und Infrastruktur“ entfernt." in messages(app)
        assert line_text(review_line(app)) == ""


async def test_the_review_line_in_english(catalogue: Catalogue, complete_file: Path) -> None:
    config.save(Settings(ui_language="en"))
    review_date(complete_file, "organisation", "2024-11-03")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert line_text(review_line(app)) == "Last reviewed on 2024-11-03"
        await pilot.press("f4")
        await settle(pilot)
        assert "'Organisation and infrastructure' recorded as reviewed: 2025-06-01" in messages(app)


# -- the sidebar ------------------------------------------------------------------------------


async def test_the_sidebar_marks_categories_due_for_review(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interval 12 months, the document dated 2025-04-15: nothing is due on 2025-06-01; on
    2026-05-01 every answered category is, until it is marked reviewed."""
    set_document(complete_file, "review_interval_months = 12\n")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sidebar_mark(app, "zugangskontrolle") == " "
        assert editor(app).due == frozenset()

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 1))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        marks = {c.id: sidebar_mark(app, c.id) for c in catalogue.categories}
        assert marks == {
            "organisation": "↻",
            "zutrittskontrolle": "↻",
            "zugangskontrolle": "↻",
            "verfuegbarkeitskontrolle": "↻",
            "ueberpruefung": "↻",
        }
        assert line_text(review_line(app)) == "Noch nicht geprüft – Überprüfung fällig"
        await main.show_category("zugangskontrolle")
        await settle(pilot)
        assert line_text(review_line(app)) == "Noch nicht geprüft – Überprüfung fällig"
        await pilot.press("f4")
        await settle(pilot)
        assert sidebar_mark(app, "zugangskontrolle") == " "
        assert sidebar_mark(app, "organisation") == "↻"
        assert line_text(review_line(app)) == "Zuletzt geprüft am 01.05.2026"

        # missing and due: "!" in the mark's column, "↻" before the title
        main.session.update_measure(
            "verfuegbarkeitskontrolle", "backup", parameters={"intervall": None}
        )
        main.refresh_progress()
        await settle(pilot)
        assert sidebar_mark(app, "verfuegbarkeitskontrolle") == "!"
        assert sidebar_plain(app, "verfuegbarkeitskontrolle")[7:10] == " ↻ "
        assert sidebar_plain(app, "zutrittskontrolle")[6:8] == "↻ "  # due alone: no second
        await pilot.press("ctrl+s")
        await settle(pilot)

    # a year later the category reviewed is due again
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 5, 2))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sidebar_mark(app, "zugangskontrolle") == "↻"
        await editor(app).show_category("zugangskontrolle")
        await settle(pilot)
        assert line_text(review_line(app)) == "Zuletzt geprüft am 01.05.2026 – Überprüfung fällig"


async def test_the_sidebar_explains_its_marks(catalogue: Catalogue, complete_file: Path) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        main.guide.display = True
        main.sidebar.focus()
        await settle(pilot)
        shown = str(main.query_one(GuidePanel).render())
        assert "Kategorien" in shown
        assert "! – Pflichtangaben oder Pflichtwerte fehlen" in shown
        assert "↻ – Überprüfung fällig" in shown


async def test_the_interval_set_in_the_details_marks_at_once(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 9, 1))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sidebar_mark(app, "organisation") == " "
        details = await open_details(pilot, app)
        details.query_one("#review_interval_months Input", Input).value = "3"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert sidebar_mark(app, "organisation") == "↻"
        assert line_text(review_line(app)) == "Noch nicht geprüft – Überprüfung fällig"


# -- the review screen --------------------------------------------------------------------------

CONFLICTS = """[[conflicts]]
key = "categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge"
base = "10"
ours = "12"
theirs = "14"

[[conflicts]]
key = "document.version"
base = '"1.0"'
ours = '"1.1"'
theirs = '"1.2"'

[[conflicts]]
key = "odd key that names nothing"
theirs = "1"
"""


def listing_of(app: TomWizardApp) -> tuple[OptionList, list[str]]:
    screen = app.screen
    assert isinstance(screen, ReviewScreen), f"expected the review, got {screen}"
    listing = screen.query_one("#review-list", OptionList)
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return listing, [prompt_text(o.prompt) for o in options]


def prompt_text(prompt: object) -> str:
    """A line of the list as text (an upkeep line is a grid: its sign, then its text)."""
    if isinstance(prompt, Table):
        return " ".join(str(column._cells[0]) for column in prompt.columns)
    return str(prompt)


async def open_review(pilot: Pilot[None], app: TomWizardApp) -> None:
    await pilot.press("f3")
    await settle(pilot)


async def test_the_review_lists_what_is_due_and_every_conflict(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 2025-10-01 the planned alarm (by 2025-09-30) is overdue; with the next review on
    2025-07-01 and an interval of 3 months, the review is due too."""
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 10, 1))
    text = complete_file.read_text("utf-8").replace("next_review = 2026-04-15", "")
    complete_file.write_text(text, encoding="utf-8")
    set_document(complete_file, "next_review = 2025-07-01\nreview_interval_months = 3\n")
    insert_before_history(complete_file, CONFLICTS)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_review(pilot, app)
        listing, lines = listing_of(app)
        upkeep = lines[: lines.index("Vollständigkeit: alle Pflichtangaben beantwortet") + 1]
        assert upkeep == [
            "Fällig",
            "    ↻ Die nächste Überprüfung war am 01.07.2025 fällig; die Maßnahmen überprüfen "
            "und ein neues Datum eintragen",
            "    ↻ Organisation und Infrastruktur: noch nie geprüft, und das Datum des "
            "Dokuments (15.04.2025) liegt mehr als 3 Monate zurück (Prüfintervall); die "
            "Kategorie prüfen und das Datum eintragen",
            upkeep[3],
            "    ◷ Alarmanlage: geplant bis 30.09.2025, der Termin ist überschritten; die "
            "Maßnahme umsetzen oder einen neuen Zieltermin eintragen",
            *upkeep[5:8],
            "Konflikte beim Zusammenführen (merge) – nach der Entscheidung „Entschieden“",
            "    ⇄ Zugangskontrolle › Passwortrichtlinie › Mindestlänge: behalten 12, andere "
            "Seite 14",
            '    ⇄ Dokument › Version: behalten "1.1", andere Seite "1.2"',
            "    ⇄ odd key that names nothing: behalten (nicht vorhanden), andere Seite 1",
            "Vollständigkeit: alle Pflichtangaben beantwortet",
        ]
        assert upkeep[3].startswith("    ↻ Zutrittskontrolle: noch nie geprüft")
        assert [line[:20] for line in upkeep[5:8]] == [
            "    ↻ Zugangskontrol",
            "    ↻ Verfügbarkeits",
            "    ↻ Regelmäßige Üb",
        ]
        assert listing.highlighted == 1, "the first line that can be chosen"
        assert "Fällig und zu entscheiden, dann die Vollständigkeit (Enter springt hin):" in [
            str(label.render()) for label in app.screen.query(Label)
        ]

        # Enter on the planned measure: its line in its category
        listing.highlighted = 4
        await pilot.press("enter")
        await settle(pilot)
        main = editor(app)
        assert main.category.id == "zutrittskontrolle"
        assert on_measure(app, "alarmanlage")

        # Enter on the next review date: the document details
        await open_review(pilot, app)
        listing, lines = listing_of(app)
        listing.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("escape")
        await settle(pilot)

        # Enter on a conflict: where its value is
        await open_review(pilot, app)
        listing, lines = listing_of(app)
        listing.highlighted = lines.index(next(x for x in lines if "Mindestlänge" in x))
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).category.id == "zugangskontrolle"
        assert on_measure(app, "passwortrichtlinie")

        # a conflict whose key names nothing leads nowhere: the review stays
        await open_review(pilot, app)
        listing, lines = listing_of(app)
        listing.highlighted = lines.index(next(x for x in lines if "odd key" in x))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_opening_says_what_is_due_and_how_many_conflicts(
    catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert messages(app) == [], "nothing due, no conflict: nothing said"

    without_conflicts = complete_file.read_text("utf-8")
    insert_before_history(complete_file, CONFLICTS)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 10, 1))  # the alarm is overdue
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert messages(app) == [
            "Fällig: 1; Konflikte beim Zusammenführen: 3 – F3 zeigt, was zu tun ist."
        ]
        assert [n.severity for n in app._notifications] == ["warning"]

    config.save(Settings(ui_language="en"))
    complete_file.write_text(without_conflicts, encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert messages(app) == ["Due: 1 – F3 shows what to do."]


async def test_decided_removes_the_conflict_entry(
    catalogue: Catalogue, complete_file: Path
) -> None:
    insert_before_history(complete_file, CONFLICTS)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = editor(app)
        await open_review(pilot, app)
        review = app.screen
        listing, lines = listing_of(app)
        assert (
            lines[0]
            == "Konflikte beim Zusammenführen (merge) – nach der Entscheidung „Entschieden“"
        )
        assert listing.highlighted == 1

        # "d" on a line that is no conflict does nothing
        listing.highlighted = lines.index("Vollständigkeit: alle Pflichtangaben beantwortet") + 1
        await settle(pilot)
        assert review.check_action("decided", ()) is False
        await pilot.press("d")
        await settle(pilot)
        assert len(main.session.document.conflicts) == 3 and not main.session.dirty

        listing.highlighted = 2  # document.version
        await settle(pilot)
        assert review.check_action("decided", ()) is True
        await pilot.press("d")
        await settle(pilot)
        assert [c.key for c in main.session.document.conflicts] == [
            "categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge",
            "odd key that names nothing",
        ]
        assert main.session.document.document.version == "1.1", "the value stays"
        assert (
            "Konflikt bei Dokument › Version als entschieden entfernt; der Wert bleibt, wie er ist."
            in messages(app)
        )
        assert app.screen is review
        listing, lines = listing_of(app)
        assert not any("Version" in line for line in lines)
        assert listing.highlighted == 2 and app.focused is listing
        await pilot.press("d", "d")
        await settle(pilot)
        assert main.session.document.conflicts == []
        listing, lines = listing_of(app)
        assert lines[0].startswith("Organisation"), "no upkeep lines left"
        await pilot.press("escape")
        await settle(pilot)
        assert main.session.dirty and str(main.sub_title).startswith("●")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_document(complete_file, catalogue).document.conflicts == []
    assert "[[conflicts]]" not in complete_file.read_text("utf-8")


async def test_the_review_in_english(catalogue: Catalogue, complete_file: Path) -> None:
    config.save(Settings(ui_language="en"))
    insert_before_history(complete_file, CONFLICTS)
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_review(pilot, app)
        _, lines = listing_of(app)
        assert lines[:5] == [
            "Merge conflicts – once decided, choose 'Decided'",
            "    ⇄ System access control › Password policy › Minimum length: kept 12, other "
            "side 14",
            '    ⇄ Document › Version: kept "1.1", other side "1.2"',
            "    ⇄ odd key that names nothing: kept (absent), other side 1",
            "Completeness: all required questions answered",
        ]
