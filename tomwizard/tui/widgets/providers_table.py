"""The document's service providers on the details screen: a table with add, edit, remove and
"add certificate", in the interface language. Edits go up as :class:`ProviderEdited`; the
screen applies them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label

from tomwizard.answers.model import (
    PROVIDER_ROLE_NAMES,
    PROVIDER_ROLES,
    AnswersDocument,
    Certification,
    Provider,
)
from tomwizard.answers.values import format_value
from tomwizard.catalogue.model import Option, Parameter, Text
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t

ROLE_LABELS: dict[str, tuple[str, str]] = {
    **PROVIDER_ROLE_NAMES,
    "other": ("sonstiger Dienstleister", "other service provider"),  # clearer in a list
}


def _text(de: str, en: str) -> Text:
    return Text(de=de, en=en)


PROVIDER_FIELDS = [
    Parameter(id="name", type="text", required=True, label=_text("Name", "Name")),
    Parameter(
        id="role",
        type="choice",
        required=True,
        label=_text("Rolle", "Role"),
        options=[Option(id=role, label=_text(*ROLE_LABELS[role])) for role in PROVIDER_ROLES],
    ),
    Parameter(id="service", type="text", label=_text("Leistung", "Service")),
    Parameter(
        id="service_en",
        type="text",
        label=_text("Leistung, englische Fassung", "Service, English version"),
    ),
]
CERTIFICATE_FIELDS = [
    Parameter(
        id="standard",
        type="text",
        required=True,
        label=_text("Norm oder Testat", "Standard or attestation"),
        help=_text("z. B. ISO/IEC 27001, BSI C5 Typ 2", "e.g. ISO/IEC 27001, SOC 2 Type II"),
    ),
    Parameter(id="issuer", type="text", label=_text("Ausgestellt von", "Issued by")),
    Parameter(id="valid_until", type="date", label=_text("Gültig bis", "Valid until")),
    Parameter(id="scope", type="text", label=_text("Geltungsbereich", "Scope")),
    Parameter(
        id="scope_en",
        type="text",
        label=_text("Geltungsbereich, englische Fassung", "Scope, English version"),
    ),
]


@dataclass
class ProviderEdited(Message):
    """A provider was added or changed (``provider``) or removed (``None``); ``key`` is empty
    for a new one."""

    key: str
    provider: Provider | None


class ProvidersTable(Vertical):
    """Lists the providers with their certificates."""

    def __init__(self, document: AnswersDocument) -> None:
        super().__init__(id="providers")
        self.document = document

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Label(t("details.providers", lang), classes="question-label")
        table: DataTable[str] = DataTable(id="providers-table", cursor_type="row")
        table.add_columns(
            *(t(f"providers.{key}", lang) for key in ("name", "role", "service", "certificates"))
        )
        yield table
        with Horizontal(classes="row-buttons"):
            yield Button(t("add", lang), id="add-provider")
            yield Button(t("details.edit", lang), id="edit-provider")
            yield Button(t("details.certification", lang), id="add-certificate")
            yield Button(t("remove", lang), id="remove-provider")

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Redraw the table from the document."""
        table = self.query_one("#providers-table", DataTable)
        table.clear()
        index = 0 if ui_language() == "de" else 1
        for key, provider in self.document.providers.items():
            certificates = "; ".join(
                c.standard + (f" ({format_value(c.valid_until)})" if c.valid_until else "")
                for c in provider.certifications.values()
            )
            role = ROLE_LABELS.get(provider.role, ROLE_LABELS["other"])[index]
            table.add_row(provider.name, role, provider.service, certificates, key=key)

    def _selected(self) -> str | None:
        table = self.query_one("#providers-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def _form(self, key: str, start: dict[str, Any]) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            old = self.document.providers.get(key)
            certifications = old.certifications if old else {}
            provider = Provider.model_validate(
                {
                    **values,
                    "service": values.get("service") or "",
                    "service_en": values.get("service_en") or "",
                    "certifications": {},
                },
                strict=False,
            )
            provider.certifications = dict(certifications)
            self.post_message(ProviderEdited(key, provider))

        self.app.push_screen(
            FormDialog(t("details.providers", ui_language()), PROVIDER_FIELDS, start), done
        )

    @on(Button.Pressed, "#add-provider")
    def _add(self) -> None:
        self._form("", {"role": "hoster"})

    @on(Button.Pressed, "#edit-provider")
    def _edit(self) -> None:
        key = self._selected()
        if key is not None and key in self.document.providers:
            provider = self.document.providers[key]
            self._form(key, provider.model_dump(include={"name", "role", "service", "service_en"}))

    @on(Button.Pressed, "#add-certificate")
    def _certificate(self) -> None:
        key = self._selected()
        if key is None or key not in self.document.providers:
            return

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            provider = self.document.providers[key].model_copy(deep=True)
            certificate = Certification.model_validate(
                {k: v for k, v in values.items() if v is not None}, strict=False
            )
            number = len(provider.certifications) + 1
            while f"z{number}" in provider.certifications:
                number += 1
            provider.certifications[f"z{number}"] = certificate
            self.post_message(ProviderEdited(key, provider))

        title = t("details.certification", ui_language())
        self.app.push_screen(FormDialog(title, CERTIFICATE_FIELDS, {}), done)

    @on(Button.Pressed, "#remove-provider")
    def _remove(self) -> None:
        key = self._selected()
        if key is not None:
            self.post_message(ProviderEdited(key, None))
