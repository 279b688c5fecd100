"""Find anything (ctrl+p): measures by practice words and word parts of German compounds, the
user's own measures and values, hints without placeholders, Enter jumps to the measure; and
Textual's "Keys" command next to the wizard's own help panel (F1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import HelpPanel as KeysPanel
from textual.widgets import Input, OptionList

from tomwizard.answers.model import CustomMeasure
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.finder import document_index, hint
from tomwizard.session import EditSession
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.widgets.help_panel import GuidePanel

SIZE = (120, 40)


def editor(app: TomWizardApp) -> MainScreen:
    main = app.editor
    assert main is not None, f"no main screen; stack: {app.screen_stack}"
    return main


async def wait_until(pilot: Pilot[None], condition: Callable[[], object], tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def palette(pilot: Pilot[None], app: TomWizardApp, query: str) -> list[tuple[str, str]]:
    """Open the palette, type ``query``; the (hit, hint) pairs it shows once measures appear."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    field = app.screen.query_one(Input)
    field.value = query
    results = app.screen.query_one(OptionList)

    def shown() -> list[tuple[str, str]]:
        rows = []
        for i in range(results.option_count):
            hit, _, help_text = str(results.get_option_at_index(i).prompt).partition("\n")
            rows.append((hit, help_text))
        return rows

    await wait_until(pilot, lambda: any(" › " in hit for hit, _ in shown()))
    await pilot.pause(0.1)
    return shown()


def on_measure(app: TomWizardApp, measure_id: str) -> bool:
    """Whether the focus is on the line of ``measure_id`` in its checklist."""
    from tomwizard.tui.widgets.measure_list import MeasureList

    focused = app.focused
    if not isinstance(focused, MeasureList) or focused.highlighted_measure is None:
        return False
    return focused.highlighted_measure.id == measure_id


async def test_practice_words_and_compounds_find_the_measure_and_enter_focuses_it(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    cases = [
        ("Zwei-Faktor", "zugangskontrolle", "mfa", "Zugangskontrolle › Mehr-Faktor"),
        ("AV-Vertrag", "auftragskontrolle", "vertragsgestaltung", "Auftragskontrolle › "),
        ("Backup", "verschluesselung", "backups", "Verschlüsselung › "),
        (
            "Notfallwiederherstellung",
            "wiederherstellbarkeit",
            "notfallunterlagen_offline",
            "Rasche Wiederherstellbarkeit › Notfall",
        ),
    ]
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for query, category_id, measure_id, first in cases:
            hits = await palette(pilot, app, query)
            assert hits[0][0].startswith(first), (query, hits[:3])
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            main = editor(app)
            assert main.category.id == category_id, query
            assert on_measure(app, measure_id), (query, app.focused)


async def test_hints_show_sentences_never_placeholders(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for query in ("Backup", "Passwort", "Protokoll", "Verschlüsselung"):
            hits = await palette(pilot, app, query)
            assert len(hits) >= 5, query
            for hit, help_text in hits[:15]:
                assert "{" not in help_text and "}" not in help_text, (query, hit, help_text)
            await pilot.press("escape")
            await pilot.pause()


def test_filled_values_and_own_measures_are_found(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    session = EditSession.new(tmp_path / "tom.toml", shipped_catalogue)
    category_id, measure, spec = next(
        (c.id, m, p)
        for c in shipped_catalogue.categories
        for _, m in shipped_catalogue.measures(c.id)
        for p in m.parameters
        if p.type == "text" and "{" + p.id in m.phrase.de
    )
    session.update_measure(category_id, measure.id, parameters={spec.id: "Quuxwerk"})
    session.set_custom(
        "verfuegbarkeitskontrolle",
        "eigene_1",
        CustomMeasure(label="Zwillingsserver im Keller", phrase="Ein Zwillingsserver läuft."),
    )
    index = document_index(session)
    found = index.find("Quuxwerk")
    assert [(h.category_id, h.measure_id) for h in found] == [(category_id, measure.id)]
    assert "Quuxwerk" in hint(session, found[0])
    mine = index.find("Zwillings")
    assert mine and mine[0].own and mine[0].measure_id == "eigene_1"
    assert hint(session, mine[0]) == "Ein Zwillingsserver läuft."


async def test_palette_keys_then_f1_keeps_both_help_panels(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = editor(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "Tasten"  # "Keys" in a German interface
        results = app.screen.query_one(OptionList)
        await wait_until(
            pilot,
            lambda: any(
                str(results.get_option_at_index(i).prompt).startswith("Tasten")
                for i in range(results.option_count)
            ),
        )
        await pilot.pause(0.1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: main.query(KeysPanel))  # Textual's own panel
        current: object = app.screen
        assert current is main
        panel = main.query_one(GuidePanel)  # still there
        shown = panel.display
        await pilot.press("f1")
        await pilot.pause()
        assert main.query_one(GuidePanel).display is not shown
        await pilot.press("f1")
        await pilot.pause()
        assert main.query_one(GuidePanel).display is shown
