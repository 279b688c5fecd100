"""English versions of free texts in the wizard (Textual Pilot): a German document asks for the
English version of every text next to it, saves it, and an English export prints it."""

from __future__ import annotations

from pathlib import Path

from test_tui_answers import (
    SIZE,
    activate,
    close_details,
    form,
    form_input,
    goto,
    measure_of,
    new_app,
    open_details,
    paste,
    paste_into,
    pick,
    session_of,
    set_standorte,
)
from test_tui_flows import click, settle, wait_for_workers
from textual.widgets import Input, Select, TextArea

from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document, new_document
from tomwizard.tui.app import TomWizardApp


async def test_english_remark_and_reason_are_saved(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "buero")
        await goto(pilot, "zutrittskontrolle")
        row = await open_details(pilot, "schliesssystem")
        await pick(pilot, row.query_one("#status", Select), "umgesetzt")
        await paste_into(pilot, row.query_one("#note", Input), "Transponder im Personalbüro")
        await paste_into(pilot, row.query_one("#note-en", Input), "Transponders from HR")
        await pick(pilot, row.query_one("#status", Select), "entfällt")
        await paste_into(pilot, row.query_one("#reason", Input), "Keine Räume")
        await paste_into(pilot, row.query_one("#reason-en", Input), "No premises")
        await close_details(pilot)
        measure = measure_of(app, "zutrittskontrolle", "schliesssystem")
        assert (measure.note_en, measure.reason_en) == ("Transponders from HR", "No premises")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_document(path, catalogue).document
    measure = saved.categories["zutrittskontrolle"].measures["schliesssystem"]
    assert measure.note == "Transponder im Personalbüro"
    assert measure.note_en == "Transponders from HR"
    assert measure.reason_en == "No premises"
    assert 'note_en = "Transponders from HR"' in path.read_text(encoding="utf-8")


async def test_an_english_document_asks_for_no_english_versions(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "english.toml"
    path.write_text(dumps(new_document(catalogue, "en"), catalogue), encoding="utf-8")
    app = TomWizardApp(catalogue, path)
    async with app.run_test(size=SIZE) as pilot:
        await set_standorte(pilot, "buero")
        await goto(pilot, "zutrittskontrolle")
        row = await open_details(pilot, "schliesssystem")
        assert row.query("#note") and not row.query("#note-en")


async def test_english_texts_of_answers_descriptions_and_own_measures(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    app = new_app(catalogue, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#q-beschreibung #text-en", TextArea).focus()
        await paste(pilot, "Operation of the software")
        app.screen.query_one("#description-en", TextArea).focus()
        await paste(pilot, "Our setting")
        await goto(pilot, "zugangskontrolle")
        await activate(pilot, app.screen.query_one("#add-custom"))
        await paste_into(pilot, form_input(app, "label"), "Tresor")
        await paste_into(pilot, form_input(app, "label_en"), "Vault")
        await activate(pilot, form(app).query_one("#apply"))
        organisation = session_of(app).answers("organisation")
        assert organisation.answers_en == {"beschreibung": "Operation of the software"}
        assert organisation.description_en == "Our setting"
        custom = session_of(app).answers("zugangskontrolle").custom
        assert [(c.label, c.label_en) for c in custom.values()] == [("Tresor", "Vault")]


async def test_english_export_lists_the_texts_without_english_version(
    catalogue: Catalogue, complete_file: Path
) -> None:
    import docx

    text = complete_file.read_text(encoding="utf-8")
    text = text.replace(
        'note = "Transponder, Ausgabe im Personalbüro."',
        'note = "Transponder, Ausgabe im Personalbüro."\nnote_en = "Transponders, issued by HR."',
    )
    complete_file.write_text(text, encoding="utf-8")
    target = complete_file.with_name(complete_file.stem + ".en.docx")
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await click(pilot, app, "#lang-en")
        assert app.screen.query_one("#output", Input).value == target.name
        await click(pilot, app, "#export")
        await wait_for_workers(app, pilot)
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert warnings and "10 Texte ohne englische Fassung" in warnings[0]
        assert "document.contract_reference" in warnings[0]
        assert "schliesssystem.note" not in warnings[0]
    annex = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Transponders, issued by HR." in annex
    assert "Ausgabe im Personalbüro" not in annex
