"""The settings in the wizard: the theme is kept across starts, the keymap remaps bindings by
id, the help panel's default comes from config.toml, and every binding can be remapped."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import tomwizard.tui
from tomwizard import config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.config import Settings
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.widgets.category_view import CategoryView
from tomwizard.tui.widgets.help_panel import GuidePanel

SIZE = (120, 40)


def _bindings() -> list[tuple[str, Binding]]:
    found: list[tuple[str, Binding]] = []
    for module_info in pkgutil.walk_packages(tomwizard.tui.__path__, "tomwizard.tui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, DOMNode):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                assert isinstance(binding, Binding), f"{name}: {binding!r} is not a Binding"
                found.append((f"{module.__name__}.{name}", binding))
    return found


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    bindings = _bindings()
    assert len(bindings) >= 10
    for where, binding in bindings:
        assert binding.id, f"{where}: {binding.key} has no id"
        assert binding.description, f"{where}: {binding.id} has no description"
        assert binding.tooltip, f"{where}: {binding.id} has no tooltip"


async def test_the_theme_chosen_is_restored_at_the_next_start(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme != "nord"
        app.theme = "nord"  # what choosing it in the command palette does
        await pilot.pause()
    assert config.load().theme == "nord"

    again = TomWizardApp(catalogue, complete_file)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_an_unknown_theme_in_the_settings_is_reported_and_ignored(
    catalogue: Catalogue, complete_file: Path
) -> None:
    config.save(Settings(theme="no-such-theme"))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
        assert any("no-such-theme" in str(n.message) for n in app._notifications)


async def test_the_keymap_remaps_a_binding_by_its_id(
    catalogue: Catalogue, complete_file: Path
) -> None:
    config.save(Settings(keymap={"next-category": "f7"}))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        first = main.category.id
        await pilot.press("f6")  # no longer bound
        await pilot.pause()
        assert main.category.id == first
        await pilot.press("f7")
        await pilot.pause()
        assert main.category.id != first
        assert app.screen.query_one(CategoryView).category.id == main.category.id


async def test_a_keymap_id_of_no_binding_is_reported(
    catalogue: Catalogue, complete_file: Path
) -> None:
    config.save(Settings(keymap={"next-categroy": "f7"}))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]

        assert any(": keymap.next-categroy: Warnung: keine Tastenbelegung" in m for m in shown)


async def test_a_broken_settings_file_is_reported_and_the_wizard_starts(
    catalogue: Catalogue, complete_file: Path
) -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("help_panel = \n", encoding="utf-8")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any(f"{path}:1:" in str(n.message) for n in app._notifications)


async def test_the_help_panel_default_comes_from_the_settings(
    catalogue: Catalogue, complete_file: Path
) -> None:
    config.save(Settings(help_panel=False))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(GuidePanel)
        assert not panel.display
        await pilot.press("f1")
        await pilot.pause()
        assert panel.display
