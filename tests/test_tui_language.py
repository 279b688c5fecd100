"""The interface language (Textual Pilot): every word of the wizard itself — footer, tooltips,
palette, system commands, notifications, dialogs and screens — follows ``ui_language`` of the
settings, not the document's language; the palette switches it at once and keeps it in
config.toml. The tests run with a German interface (conftest.py); these set English where
they need it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_settings import _bindings
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Footer, Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets._footer import FooterKey

from tomwizard import config
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.config import Settings
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.bindings import localized
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.screens.main import MainScreen
from tomwizard.tui.screens.problems import ProblemsScreen
from tomwizard.tui.screens.review import ReviewScreen
from tomwizard.tui.screens.start import StartScreen
from tomwizard.tui.texts import BINDING_TEXTS

SIZE = (120, 40)
ENGLISH_KEYS = {"Save", "Previous", "Next", "Document", "Review", "Help", "Quit", "palette"}
"""The footer's English words (``Export`` is German too)."""
TEXTUAL_COMMANDS = {"Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot"}


async def wait_until(pilot: Pilot[None], condition: Callable[[], object], tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


def editor(app: TomWizardApp) -> MainScreen:
    main = app.editor
    assert main is not None, f"no main screen; stack: {app.screen_stack}"
    return main


def footer_words(app: TomWizardApp) -> set[str]:
    return {key.description for key in app.screen.query_one(Footer).query(FooterKey)}


def command_titles(app: TomWizardApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def open_palette(pilot: Pilot[None], app: TomWizardApp, query: str = "") -> OptionList:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    if query:
        app.screen.query_one(Input).value = query
    return app.screen.query_one(OptionList)


def prompts(results: OptionList) -> list[str]:
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


def no_matches(results: OptionList) -> str | None:
    """The text of the palette's "no matches" line, if it shows one."""
    for index in range(results.option_count):
        option = results.get_option_at_index(index)
        if option.id == "--no-matches":
            prompt = option.prompt
            return str(getattr(prompt, "renderable", prompt))
    return None


async def run_command(pilot: Pilot[None], app: TomWizardApp, title: str) -> None:
    """Choose the palette's command ``title`` (typed in full)."""
    results = await open_palette(pilot, app, title)
    await wait_until(pilot, lambda: any(p.startswith(title) for p in prompts(results)))
    await pilot.pause(0.1)
    index = next(i for i, p in enumerate(prompts(results)) if p.startswith(title))
    results.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def english_settings() -> None:
    config.save(Settings(ui_language="en"))


# -- the table of binding words ----------------------------------------------------------------


def test_every_binding_has_words_in_both_languages() -> None:
    for where, binding in _bindings():
        assert binding.id in BINDING_TEXTS, f"{where}: no words for {binding.id}"
        german, english = BINDING_TEXTS[binding.id]
        assert all(german) and all(english), binding.id
        assert localized(binding, "de").description == german[0]
        assert localized(binding, "en").tooltip == english[1]
        assert localized(binding, "de").id == binding.id  # the keymap still finds it


# -- a German interface ------------------------------------------------------------------------


async def test_a_german_interface_shows_no_english_words(
    catalogue: Catalogue, complete_file: Path
) -> None:
    config.save(Settings(ui_language="de", theme="no-such-theme"))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        words = footer_words(app)
        assert {"Speichern", "Prüfen", "Beenden"} <= words
        assert not words & ENGLISH_KEYS, words
        for _, active in app.screen.active_bindings.items():
            texts = BINDING_TEXTS.get(active.binding.id or "")
            if texts is not None:
                assert active.tooltip == texts[0][1], active.binding.id
        # a notification of the app's own (the settings name a theme that does not exist)
        notes = [n for n in app._notifications if "no-such-theme" in n.message]
        assert notes and notes[0].title == "Einstellungen"
        assert "kein Farbschema" in notes[0].message

        titles = command_titles(app)
        assert not set(titles) & (TEXTUAL_COMMANDS | {"Save", "Review", "Export Word annex"})
        assert {"Farbschema", "Beenden", "Tasten", "Bildschirmfoto", "Speichern", "Prüfen"} <= set(
            titles
        )
        assert "Sprache des Dokuments: Englisch" in titles
        assert "Interface language: English" in titles  # in the language it switches to

        results = await open_palette(pilot, app)
        assert app.screen.query_one(Input).placeholder.startswith("Befehle, Kategorien")
        await wait_until(pilot, lambda: any(p.startswith("Speichern") for p in prompts(results)))
        assert not any(p.startswith(("Save", "Theme", "Keys")) for p in prompts(results))
        app.screen.query_one(Input).value = "xyzzyq"
        await wait_until(pilot, lambda: no_matches(results) is not None)
        assert no_matches(results) == "Keine Treffer"
        await pilot.press("escape")
        await pilot.pause()

        app.search_themes()  # what the palette's "Farbschema" does
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Farbschema suchen …"
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+s")  # a toast from the main screen
        await pilot.pause()
        assert any(n.message.startswith("Gespeichert: ") for n in app._notifications)


async def test_the_problems_screen_is_german(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[document\n", encoding="utf-8")
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        title = str(screen.query_one(".dialog-title", Label).render())
        assert title.endswith("kann nicht geöffnet werden")
        buttons = {str(b.label) for b in screen.query(Button)}
        assert buttons == {"Erneut versuchen", "Beenden"}
        assert footer_words(app) >= {"Erneut versuchen", "Beenden"}
        assert not footer_words(app) & {"Retry", "Quit"}
        await pilot.press("r")  # still broken
        await pilot.pause()
        assert any(n.message == "Die Datei enthält weiterhin Fehler." for n in app._notifications)


# -- an English interface over a German document -----------------------------------------------


async def test_an_english_interface_over_a_german_document(
    catalogue: Catalogue, complete_file: Path
) -> None:
    """The wizard speaks English, the catalogue's words follow it; the document stays German:
    the annex's sentences (the palette's hints) are German, and English versions of the texts
    are still asked for."""
    english_settings()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = editor(app)
        assert main.session.language == "de"
        assert {"Save", "Review", "Quit"} <= footer_words(app)
        assert "Speichern" not in footer_words(app)
        titles = command_titles(app)
        assert {"Save", "Review", "Export Word annex", "Document details", "Theme", "Keys"} <= set(
            titles
        )
        assert "Document language: English" in titles
        assert "Oberflächensprache: Deutsch" in titles

        question = catalogue.question("organisation", "beschreibung")
        assert question is not None
        label = str(main.query_one("#q-beschreibung .question-label", Label).render())
        assert label.startswith(question.label.en)
        english = main.query("#q-beschreibung Label").results(Label)
        assert any("Answer, English version" in str(w.render()) for w in english)
        assert main.query("#q-beschreibung #text-en")  # a German document: asked for

        results = await open_palette(pilot, app, "Alarm")
        assert app.screen.query_one(Input).placeholder.startswith("Search for commands")
        await wait_until(pilot, lambda: any(" › " in p for p in prompts(results)))
        await pilot.pause(0.1)
        hit = next(p for p in prompts(results) if "Intruder alarm" in p)
        title, _, sentence = hit.partition("\n")
        assert title.startswith("Physical access control › ")
        assert "Alarmanlage" in sentence  # what the (German) annex will say
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f3")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert str(review.query_one(".dialog-title", Label).render()) == "Completeness"
        listing = prompts(review.query_one("#review-list", OptionList))
        assert any("Physical access control" in line for line in listing)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f2")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, DetailsScreen)
        assert str(details.query_one(".category-title", Label).render()) == "Document details"
        labels = [str(w.render()) for w in details.query(".field-label").results(Label)]
        assert "Title of the annex" in labels
        assert any(text.startswith("Title, English version") for text in labels)
        assert {"Back"} <= footer_words(app)


async def test_quit_and_recovery_dialogs_follow_the_interface_language(
    catalogue: Catalogue, complete_file: Path
) -> None:
    english_settings()
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = editor(app)
        main.session.set_answer("organisation", "beschreibung", "Neu")
        await pilot.press("ctrl+q")
        await pilot.pause()
        buttons = {str(b.label) for b in app.screen.query(Button)}
        assert buttons == {"Save and quit", "Quit without saving", "Cancel"}
        escape = app.screen.active_bindings["escape"]
        assert (escape.binding.description, escape.tooltip) == ("Cancel", "Close without choosing")


# -- switching the interface language ------------------------------------------------------------


async def test_the_palette_switches_the_interface_language_and_keeps_it(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")  # the details screen relabels itself too
        await pilot.pause()
        assert "Speichern" not in footer_words(app)  # details: only its own keys and quit
        await run_command(pilot, app, "Interface language: English")
        assert app.ui_language == "en"
        assert config.load().ui_language == "en"
        assert 'ui_language = "en"' in config.config_file().read_text(encoding="utf-8")
        assert any(n.message == "Interface language: English" for n in app._notifications)
        details = app.screen
        assert isinstance(details, DetailsScreen)
        assert str(details.query_one(".category-title", Label).render()) == "Document details"
        assert {"Back", "Quit"} <= footer_words(app)
        await pilot.press("escape")
        await pilot.pause()
        assert {"Save", "Review", "Quit"} <= footer_words(app)
        question = catalogue.question("organisation", "beschreibung")
        assert question is not None
        label = str(editor(app).query_one("#q-beschreibung .question-label", Label).render())
        assert label.startswith(question.label.en)
        assert editor(app).session.language == "de"  # the document's stays
        assert not editor(app).session.dirty

        await run_command(pilot, app, "Oberflächensprache: Deutsch")
        assert str(app.ui_language) == "de"  # str(): mypy holds it to "en" since above
        assert config.load().ui_language == "de"
        assert {"Speichern", "Prüfen", "Beenden"} <= footer_words(app)


async def test_the_document_language_command_is_named_apart(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_command(pilot, app, "Sprache des Dokuments: Englisch")
        assert editor(app).session.language == "en"
        assert app.ui_language == "de"
        assert "Sprache des Dokuments: Deutsch" in command_titles(app)
        assert {"Speichern", "Beenden"} <= footer_words(app)


# -- the start screen ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
async def test_the_start_screen_speaks_the_interface_language_and_proposes_it(
    catalogue: Catalogue, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document's language is chosen visibly: ● marks the choice (not colour alone), the
    interface language first; choosing the other one changes the document, not the words."""
    monkeypatch.chdir(tmp_path)
    config.save(Settings(ui_language="en" if language == "en" else "de"))
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        title = str(screen.query_one("#start-title", Label).render())
        assert title == (
            "tomwizard — build your TOM annex"
            if language == "en"
            else "tomwizard — TOM-Anlage erstellen"
        )
        words = {"Quit", "palette"} if language == "en" else {"Beenden", "Befehle"}
        assert footer_words(app) == words
        buttons = {b.id: b for b in screen.query(RadioButton)}
        chosen = buttons[f"language-{language}"]
        other = buttons["language-de" if language == "en" else "language-en"]
        assert chosen.value and not other.value
        assert "●" in str(chosen.render()) and "●" not in str(other.render())
        await pilot.click(other)
        await pilot.pause()
        assert "●" in str(other.render()) and "●" not in str(chosen.render())
        assert screen.query_one(RadioSet).pressed_button is other
        assert str(screen.query_one("#start-title", Label).render()) == title
        path = screen.query_one("#path", Input)
        path.value = "neu.toml"
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).session.language == ("de" if language == "en" else "en")


async def test_the_start_screen_relabels_and_keeps_what_was_typed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = TomWizardApp(catalogue, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        screen.query_one("#path", Input).value = str(tmp_path / "x.toml")
        await run_command(pilot, app, "Interface language: English")
        assert app.screen is screen
        assert str(screen.query_one("#start-path-label", Label).render()) == "File (path)"
        assert str(screen.query_one("#open", Button).label) == "Open"
        assert screen.query_one("#path", Input).value == str(tmp_path / "x.toml")
        assert screen.query_one("#language-de", RadioButton).value  # chosen before: stays
        assert footer_words(app) == {"Quit", "palette"}


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_focused_widgets_keys_are_in_the_interface_language(
    catalogue: Catalogue, complete_file: Path, language: str
) -> None:
    """A widget's own bindings (the checklist's space and Enter) get their words when it has
    the focus, wherever it was built; the footer shows them."""
    from tomwizard.tui.widgets.measure_list import MeasureList

    config.save(Settings(ui_language="en" if language == "en" else "de"))
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await editor(app).show_category("zutrittskontrolle")
        await pilot.pause()
        app.screen.query_one(MeasureList).focus()
        await pilot.pause()
        enter = app.screen.active_bindings["enter"]
        assert enter.binding.id == "open-measure"
        german, english = BINDING_TEXTS["open-measure"]
        assert enter.tooltip == (english if language == "en" else german)[1]
