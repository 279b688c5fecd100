"""What the wizard shows fits (Textual Pilot): no button is cut off — at 120x40 and 80x24, in a
German and an English interface — and the addresses on the details screen show three lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, TextArea

from tomwizard import config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.config import Settings
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.dialogs.own_measure import OwnMeasureDialog
from tomwizard.tui.screens.details import DetailsScreen

SIZES = [(120, 40), (80, 24)]


def cut_buttons(screen: Screen[object]) -> list[str]:
    """The buttons shown on ``screen`` whose label does not fit: narrower than the label with
    its padding and border, or partly outside a container (which cuts it off)."""
    cut = []
    for button in screen.query(Button):
        region = button.region
        if not region:  # not displayed
            continue
        left, right = region.x, region.right
        for ancestor in button.ancestors:
            if isinstance(ancestor, Widget) and ancestor.region:
                left, right = max(left, ancestor.region.x), min(right, ancestor.region.right)
        label = str(button.label)
        needed = cell_len(label) + button.styles.gutter.width + 2 * button.styles.line_pad
        if region.width < needed or right - left < region.width:
            shown = f"{right - left} of {region.width} columns shown"
            cut.append(f"{button.id} {label!r}: {shown}, the label needs {needed}")
    return cut


async def shows_uncut(pilot: Pilot[None], where: str) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    assert not cut_buttons(screen), f"{where} ({screen!r}): {cut_buttons(screen)}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["de", "en"])
async def test_no_button_is_cut_off(
    catalogue: Catalogue, complete_file: Path, size: tuple[int, int], language: str
) -> None:
    """complete.toml has a data centre: the table's buttons are shown with the own measures'."""
    config.save(Settings(ui_language="en" if language == "en" else "de"))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        main = app.editor
        assert main is not None
        for category in ("zugangskontrolle", "verfuegbarkeitskontrolle"):
            await main.show_category(category)
            await shows_uncut(pilot, category)
        assert main.query_one("#add-row").region and main.query_one("#remove-custom").region
        if size[0] >= 110:  # the help panel beside the category (below 80x24 there is no room)
            await pilot.press("f1")
            await shows_uncut(pilot, "beside the help panel")
            await pilot.press("f1")

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, OwnMeasureDialog)
        await shows_uncut(pilot, "own measure")
        await pilot.press("escape")

        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        await shows_uncut(pilot, "details")
        await pilot.press("escape")
        await pilot.pause()

        main.session.set_answer("organisation", "beschreibung", "geändert")
        await pilot.press("ctrl+q")  # three long answers: save and quit, quit, cancel
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await shows_uncut(pilot, "quit")
        await pilot.press("escape")
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_addresses_show_three_lines(
    catalogue: Catalogue, complete_file: Path, size: tuple[int, int]
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, DetailsScreen)
        areas = list(details.query(".address").results(TextArea))
        assert {area.id for area in areas} == {
            "controller-address",
            "processor-address",
            "processor_dpo-address",
        }
        for area in areas:
            area.text = "Musterfirma GmbH\nHauptstraße 1\n12345 Musterstadt"
            area.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            assert area.content_size.height >= 3, area.id
            assert area.max_scroll_y == 0, f"{area.id}: three lines need scrolling"
            shown = [area.render_line(y).text for y in range(area.outer_size.height)]
            assert any("Musterfirma" in line for line in shown), area.id
            assert any("12345 Musterstadt" in line for line in shown), area.id
