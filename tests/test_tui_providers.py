"""Service providers in the wizard: added with a certificate on the details screen (F2), named for
a whole category and for one measure, saved, and stated in the annex."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_tui_flows import SIZE, click, editor, field_input, settle, shows, type_into
from textual.pilot import Pilot
from textual.widgets import DataTable, Select

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document
from tomwizard.export.context import build_context
from tomwizard.tui.app import TomWizardApp
from tomwizard.tui.screens.details import DetailsScreen
from tomwizard.tui.widgets.measure_list import MeasureList
from tomwizard.tui.widgets.provider_select import ProviderSelect


async def press_button(pilot: Pilot[None], app: TomWizardApp, selector: str) -> None:
    """Focus a button (which scrolls it into view) and press it with Enter."""
    app.screen.query_one(selector).focus()
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_provider_with_certificate_named_for_category_and_measure(
    catalogue: Catalogue, complete_file: Path
) -> None:
    app = TomWizardApp(catalogue, complete_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailsScreen)

        await press_button(pilot, app, "#add-provider")
        await settle(pilot)
        await type_into(pilot, field_input(app, "f-name"), "Hetzner Online GmbH")
        await type_into(pilot, field_input(app, "f-service"), "Rechenzentrum Falkenstein")
        await click(pilot, app, "#apply")
        await settle(pilot)
        assert shows(app, screen)
        providers = editor(app).session.document.providers
        assert list(providers) == ["hetzner"]
        assert providers["hetzner"].role == "hoster"

        table = screen.query_one("#providers-table", DataTable)
        table.focus()
        await press_button(pilot, app, "#add-certificate")
        await settle(pilot)
        await type_into(pilot, field_input(app, "f-standard"), "ISO/IEC 27001")
        await type_into(pilot, field_input(app, "f-valid_until"), "31.12.2027")
        await click(pilot, app, "#apply")
        await settle(pilot)
        certificate = next(
            iter(editor(app).session.document.providers["hetzner"].certifications.values())
        )
        assert certificate.standard == "ISO/IEC 27001"
        assert certificate.valid_until == dt.date(2027, 12, 31)
        assert "ISO/IEC 27001" in str(table.get_row_at(0)[3])

        await pilot.press("escape")
        await settle(pilot)
        main = editor(app)
        await pilot.press("f6")  # Zutrittskontrolle: a category with measures
        await settle(pilot)
        category = main.category.id
        select = main.query_one("#category-provider", ProviderSelect)
        labels = [str(prompt) for prompt, _ in select._options]
        assert any("Hetzner Online GmbH" in label for label in labels)  # added on F2
        select.value = "hetzner"
        await settle(pilot)
        assert main.session.answers(category).provided_by == "hetzner"

        lines = main.category_view.query_one(MeasureList)
        decided_id = next(
            i for i in lines.shown_ids if main.session.measure(category, i).status is not None
        )
        assert lines.focus_measure(decided_id)
        await settle(pilot)
        await pilot.press("enter")  # the details of the measure
        await settle(pilot)
        decided = app.screen.query_one("#measure-provider", ProviderSelect)
        decided.value = "controller+shared"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        measure = main.session.measure(category, decided_id)
        assert (measure.provided_by, measure.shared) == ("controller", True)

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not main.session.dirty

    saved = load_document(complete_file, catalogue).document
    assert saved.providers["hetzner"].name == "Hetzner Online GmbH"
    assert saved.categories[category].provided_by == "hetzner"
    context = build_context(saved, catalogue, "de", dt.date(2026, 1, 1))
    info = next(c for g in context.groups for c in g.categories if c.id == category)
    assert info.provider == (
        "Die Maßnahmen dieses Abschnitts werden durch den Hoster Hetzner Online GmbH, "
        "zertifiziert nach ISO/IEC 27001, umgesetzt."
    )
    assert "Umgesetzt gemeinsam mit dem Auftraggeber." in [m.provider for m in info.implemented]
    assert any(
        p.certifications[0].text.endswith("gültig bis 31.12.2027") for p in context.providers
    )
    assert isinstance(select, Select)
