"""The checklist as one line per measure: density, glyphs, keys, focus and the details panel
(Textual Pilot, the shipped catalogue where the numbers of the issue are about it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from test_tui_answers import close_details, cycle, editor_of, goto, line_of, open_details
from textual.widgets import Select

from tomwizard.answers.model import MeasureAnswer
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.measure import MeasureDialog
from tomwizard.tui.widgets.measure_list import GLYPHS, MeasureList, measure_line, next_status


def visible_lines(app: TomWizardApp) -> int:
    """How many measure lines of the category shown are inside its visible area."""
    view = editor_of(app).category_view
    top, bottom = view.region.y, view.region.bottom
    count = 0
    for lines in view.query(MeasureList):
        if not lines.display:
            continue
        for index in range(lines.option_count):
            y = lines.region.y + index - lines.scroll_offset.y
            count += top <= y < bottom
    return count


async def test_twenty_measures_of_zugangskontrolle_are_visible_at_120x40(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await goto(pilot, "zugangskontrolle")
        await pilot.pause()
        assert visible_lines(app) >= 20
        # one line each: no measure takes more than a line
        for lines in editor_of(app).category_view.query(MeasureList):
            assert lines.size.height == lines.option_count


def test_glyphs_differ_without_colour_and_space_cycles_through_every_status() -> None:
    assert len(set(GLYPHS.values())) == 4
    seen: list[str | None] = [None]
    for _ in range(4):
        seen.append(next_status(seen[-1]))
    assert seen == [None, "implemented", "planned", "not_applicable", None]


def test_a_line_shows_values_in_the_document_language_and_names_missing_ones(
    shipped_catalogue: Catalogue,
) -> None:
    measure = shipped_catalogue.measure("zugangskontrolle", "passwortrichtlinie")
    assert measure is not None
    length = next(p for p in measure.parameters if p.unit is not None)
    line = measure_line(measure, MeasureAnswer(status="implemented"), "de", "de").plain
    assert line == "✓ Passwortrichtlinie", "no values, nothing after the label"
    answer = MeasureAnswer(status="implemented", parameters={length.id: 12})
    line = measure_line(measure, answer, "en", "de").plain
    assert line.startswith("✓ Password policy — ")
    assert f"{length.label.de}: 12 Zeichen" in line, "values as the German annex writes them"
    assert "{" not in line
    # a required value that is missing is named (a catalogue of one's own may require it)
    required = measure.model_copy(
        update={"parameters": [length.model_copy(update={"required": True})]}
    )
    line = measure_line(required, MeasureAnswer(status="planned"), "de", "de").plain
    assert line == f"◷ Passwortrichtlinie — ! fehlt: {length.label.de}"
    # not applicable needs no values
    line = measure_line(required, MeasureAnswer(status="not_applicable"), "de", "de").plain
    assert line == "– Passwortrichtlinie"


async def test_opening_and_switching_a_category_focuses_its_first_question(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        main = editor_of(app)
        first = main.category_view.query(".question").first()
        assert app.focused is not None and first in app.focused.ancestors_with_self
        for _ in range(3):
            await pilot.press("f6")
            await pilot.pause()
            view = main.category_view
            shown = [q for q in view.query(".question") if q.display]
            assert app.focused is not None and view in app.focused.ancestors
            if shown:  # (Zutrittskontrolle asks nothing until the places are known)
                assert shown[0] in app.focused.ancestors_with_self, main.category.id
        # typing goes into the category, never lost in the sidebar
        await goto(pilot, "zugangskontrolle")
        await pilot.press("space")
        await pilot.pause()
        lines = main.category_view.query(MeasureList).first()
        first_measure = lines.shown_ids[0]
        assert main.session.measure("zugangskontrolle", first_measure).status == "implemented"


async def test_details_panel_at_80x24_focuses_status_and_tab_scrolls_to_each_field(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await goto(pilot, "zugangskontrolle")
        await cycle(pilot, "passwortrichtlinie", times=2)  # planned
        assert line_of(app, "passwortrichtlinie").startswith("◷ ")
        details = await open_details(pilot, "passwortrichtlinie")
        assert app.focused is details.query_one("#status", Select)
        fields = details.query_one(".panel-fields")
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None and focused.screen is details
            if fields in focused.ancestors:
                region = focused.region
                assert fields.region.contains_region(region), (focused, region, fields.region)
        await close_details(pilot)
        assert not isinstance(app.screen, MeasureDialog)


async def test_the_sidebar_draws_the_highlight_only_on_the_category_shown(
    shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    """Moving the highlight redraws only the lines it leaves and reaches: what the sidebar
    draws (its cached lines included) highlights exactly the category shown."""
    app = TomWizardApp(shipped_catalogue, tmp_path / "tom.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = editor_of(app)
        sidebar = main.sidebar
        for _ in range(3):
            await pilot.press("f6")
            await pilot.pause()
            strips = sidebar.render_lines(sidebar.size.region)
            backgrounds = [
                {s.style.bgcolor for s in strip if s.style and s.text.strip()} for strip in strips
            ]
            counts = Counter(color for line in backgrounds for color in line)
            rare = {color for color, n in counts.items() if n < len(backgrounds) / 2}
            marked = [y for y, line in enumerate(backgrounds) if line & rare]
            title = main.category.title.get(app.ui_language)[:8]
            assert len(marked) == 1, marked
            assert title in strips[marked[0]].text
