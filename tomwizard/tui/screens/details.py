"""The document-details screen: parties, data protection officer, dates, status, history,
service providers. Its words are in the interface language; the English versions of texts are
asked for in a German document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Label, TextArea

from tomwizard.answers.history import proposed_version
from tomwizard.answers.model import HistoryEntry, version_key_problem
from tomwizard.answers.values import format_value
from tomwizard.catalogue.model import Language, Option, Parameter, Text
from tomwizard.session import EditSession
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.fields_scroll import FieldsScroll
from tomwizard.tui.widgets.providers_table import ProviderEdited, ProvidersTable
from tomwizard.tui.widgets.value_field import ValueField

FieldPath = tuple[str, ...]

_FIELDS: list[tuple[FieldPath, str, str, str]] = [
    # (path in DocumentDetails, type, German label, English label)
    (("title",), "text", "Titel der Anlage", "Title of the annex"),
    (
        ("party_terms",),
        "choice",
        "Bezeichnung der Parteien im Vertrag",
        "The contract's party words",
    ),
    (("annex_word",), "choice", "Anlage oder Anhang", "German word for the annex"),
    (("annex_word_en",), "choice", "Englisch: Annex oder Appendix", "English word for the annex"),
    (("annex_number",), "text", "Nummer der Anlage", "Annex number"),
    (("contract_reference",), "text", "Vertrag (Titel)", "Contract (title)"),
    (("contract_date",), "date", "Vertragsdatum", "Contract date"),
    (("version",), "text", "Version des Dokuments", "Document version"),
    (("date",), "date", "Datum dieser Version", "Date of this version"),
    (("status",), "choice", "Status", "Status"),
    (("author",), "text", "Verfasst von", "Author"),
    (("approved_by",), "text", "Freigegeben von", "Approved by"),
    (("next_review",), "date", "Nächste Überprüfung", "Next review"),
    (("controller", "name"), "text", "Auftraggeber (Verantwortlicher)", "Controller"),
    (("controller", "address"), "multiline", "Anschrift des Auftraggebers", "Controller's address"),
    (("controller", "representative"), "text", "Unterzeichnet von (Name)", "Signed by (name)"),
    (("controller", "function"), "text", "Funktion", "Function"),
    (("controller", "place"), "text", "Ort der Unterschrift", "Place of signing"),
    (("controller", "sign_date"), "date", "Datum der Unterschrift", "Date of signing"),
    (("processor", "name"), "text", "Auftragnehmer (Auftragsverarbeiter)", "Processor"),
    (("processor", "address"), "multiline", "Anschrift des Auftragnehmers", "Processor's address"),
    (("processor", "representative"), "text", "Unterzeichnet von (Name)", "Signed by (name)"),
    (("processor", "function"), "text", "Funktion", "Function"),
    (("processor", "place"), "text", "Ort der Unterschrift", "Place of signing"),
    (("processor", "sign_date"), "date", "Datum der Unterschrift", "Date of signing"),
    (("processor_dpo", "name"), "text", "Datenschutzbeauftragte/r", "Data protection officer"),
    (("processor_dpo", "organisation"), "text", "Organisation (extern)", "Organisation (external)"),
    (("processor_dpo", "email"), "text", "E-Mail", "E-mail"),
    (("processor_dpo", "phone"), "text", "Telefon", "Phone"),
    (("processor_dpo", "address"), "multiline", "Anschrift", "Address"),
]

_ENGLISH: dict[FieldPath, tuple[FieldPath, str, str, str]] = {
    # fields asked for in a German document, after the field they translate
    ("title",): (
        ("title_en",),
        "text",
        "Titel, englische Fassung (leer: Standardtitel)",
        "Title, English version (empty: the standard title)",
    ),
    ("contract_reference",): (
        ("contract_reference_en",),
        "text",
        "Vertrag, englische Fassung",
        "Contract, English version",
    ),
    ("controller", "function"): (
        ("controller", "function_en"),
        "text",
        "Funktion, englische Fassung",
        "Function, English version",
    ),
    ("processor", "function"): (
        ("processor", "function_en"),
        "text",
        "Funktion, englische Fassung",
        "Function, English version",
    ),
}


def _fields(document_language: Language) -> list[tuple[FieldPath, str, str, str]]:
    """The fields of the form; in a German document with the English versions."""
    fields: list[tuple[FieldPath, str, str, str]] = []
    for field in _FIELDS:
        fields.append(field)
        if document_language == "de" and field[0] in _ENGLISH:
            fields.append(_ENGLISH[field[0]])
    return fields


def _options(*choices: tuple[str, str, str]) -> list[Option]:
    return [Option(id=i, label=Text(de=de, en=en)) for i, de, en in choices]


_CHOICES: dict[FieldPath, list[Option]] = {
    ("status",): _options(
        ("draft", "Entwurf", "draft"), ("final", "final (freigegeben)", "final (approved)")
    ),
    ("party_terms",): _options(
        (
            "auftraggeber",
            "Auftraggeber / Auftragnehmer",
            "Auftraggeber/Auftragnehmer (controller/processor)",
        ),
        (
            "verantwortlicher",
            "Verantwortlicher / Auftragsverarbeiter",
            "Verantwortlicher/Auftragsverarbeiter (controller/processor)",
        ),
        ("kunde", "Kunde / Anbieter", "Kunde/Anbieter (customer/provider)"),
    ),
    # option ids are lower case; the document holds the words ("Anhang")
    ("annex_word",): _options(("anlage", "Anlage", "Anlage"), ("anhang", "Anhang", "Anhang")),
    ("annex_word_en",): _options(("annex", "Annex", "Annex"), ("appendix", "Appendix", "Appendix")),
}
"""The choices of the choice fields; they always have a value."""
_WORDS = (("annex_word",), ("annex_word_en",))
_DATES = ("contract_date", "date", "next_review", "sign_date")


def _spec(path: FieldPath, kind: str, de: str, en: str) -> Parameter:
    return Parameter(
        id="-".join(path),
        type="text" if kind == "multiline" else kind,  # type: ignore[arg-type]
        label=Text(de=de, en=en),
        options=_CHOICES.get(path, []),
    )


class DetailsScreen(Screen[bool]):
    """Edits the document details live; dismisses with ``True`` if anything changed."""

    BINDINGS = [
        Binding("escape,f2", "close", "Back", tooltip="Back to the questions", id="details-close")
    ]

    def __init__(self, session: EditSession, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(id="details")
        self.session = session
        self.changed = False
        self.on_change = on_change
        """Called after every change (the main screen marks the document unsaved and schedules
        an autosave, so details typed here are in the recovery copy too)."""

    def _mark_changed(self) -> None:
        self.changed = True
        if self.on_change is not None:
            self.on_change()

    @property
    def language(self) -> Language:
        """The document's language (a German one is asked for English versions too)."""
        return self.session.language

    def _get(self, path: FieldPath) -> Any:
        node: Any = self.session.document.document
        for step in path:
            node = getattr(node, step)
        return node.lower() if path in _WORDS else node

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Header()
        with FieldsScroll(id="details-form"):
            yield Label(t("details.title", lang), classes="category-title")
            for path, kind, de, en in _fields(self.language):
                if kind == "multiline":
                    yield Label(de if lang == "de" else en, classes="field-label")
                    yield TextArea(self._get(path), id="-".join(path), classes="address")
                else:
                    yield ValueField(_spec(path, kind, de, en), self._get(path), id="-".join(path))
            yield Label(t("details.history", lang), classes="question-label")
            table: DataTable[str] = DataTable(id="history", cursor_type="row")
            table.add_columns(
                t("details.version", lang),
                t("details.date", lang),
                t("details.author", lang),
                t("details.changes", lang),
            )
            yield table
            with Horizontal(classes="row-buttons"):
                yield Button(t("add", lang), id="add-history")
                yield Button(t("details.edit", lang), id="edit-history")
                yield Button(t("remove", lang), id="remove-history")
            yield ProvidersTable(self.session.document)
        yield Footer()

    def on_mount(self) -> None:
        self._show_history()

    async def relabel(self) -> None:
        """The words in the interface language again (the fields are built anew from the
        document, which holds everything typed)."""
        await self.recompose()
        self._show_history()

    def _show_history(self) -> None:
        table = self.query_one("#history", DataTable)
        table.clear()
        for version, entry in self.session.document.history.items():
            table.add_row(
                version, format_value(entry.date), entry.author, entry.changes, key=version
            )

    def _set(self, path: FieldPath, value: Any) -> None:
        details = self.session.document.document
        if value is None and (path in _CHOICES or path[0] in ("title", "version")):
            return  # these always have a value; an emptied field keeps the last one
        if value is None and path[-1] not in _DATES:
            value = ""
        if path in _WORDS:
            value = str(value).capitalize()
        if len(path) == 1:
            fields = {path[0]: value}
        else:
            fields = {path[0]: getattr(details, path[0]).model_copy(update={path[1]: value})}
        updated = details.model_copy(update=fields)
        if updated != details:
            self.session.set_details(updated)
            self._mark_changed()

    @on(ValueField.Changed)
    def _field(self, event: ValueField.Changed) -> None:
        event.stop()
        self._set(tuple(event.field.field_id.split("-")), event.value)

    @on(TextArea.Changed, ".address")
    def _address(self, event: TextArea.Changed) -> None:
        event.stop()
        assert event.text_area.id is not None
        self._set(tuple(event.text_area.id.split("-")), event.text_area.text)

    @on(Button.Pressed, "#add-history")
    def _add_history(self) -> None:
        self._history_form(None)

    @on(Button.Pressed, "#edit-history")
    def _edit_history(self) -> None:
        version = self._selected_version()
        if version is not None:
            self._history_form(version)

    @on(DataTable.RowSelected, "#history")
    def _history_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an entry (or a click on the highlighted one) opens it in the form."""
        event.stop()
        if event.row_key.value is not None:
            self._history_form(str(event.row_key.value))

    def _selected_version(self) -> str | None:
        table = self.query_one("#history", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None and key in self.session.document.history else None

    def _history_form(self, editing: str | None) -> None:
        """The form for a new entry (``editing`` None: the next version proposed) or for the
        entry of version ``editing``. A version that already has an entry is refused in the
        form: an entry is never replaced silently."""

        def label(key: str) -> Text:
            return Text(de=t(key, "de"), en=t(key, "en"))

        specs = [
            Parameter(id="version", type="text", required=True, label=label("details.version")),
            Parameter(id="date", type="date", label=label("details.date")),
            Parameter(id="author", type="text", label=label("details.author")),
            Parameter(id="changes", type="text", label=label("details.changes")),
        ]
        if self.language == "de":
            specs.append(Parameter(id="changes_en", type="text", label=label("details.changes.en")))
        history = self.session.document.history
        details = self.session.document.document
        start: dict[str, Any]
        if editing is None:
            version = proposed_version(details.version, list(history))
            start = {"version": version, "date": details.date, "author": details.author}
        else:
            start = {"version": editing, **history[editing].model_dump()}

        def check(values: dict[str, Any]) -> str | None:
            """A version the change history cannot hold, or one it holds already, is refused
            here, not when saving."""
            version = str(values.get("version", ""))
            if version_key_problem(version) is not None:
                return t("details.version_invalid", ui_language())
            if version != editing and version in self.session.document.history:
                return t("details.version_exists", ui_language(), version=version)
            return None

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            version = str(values.pop("version"))
            entry = HistoryEntry.model_validate(values, strict=False)
            self.session.set_history(version, entry, replacing=editing)
            self._mark_changed()
            self._show_history()
            table = self.query_one("#history", DataTable)
            table.move_cursor(row=table.get_row_index(version))

        dialog = FormDialog(t("details.history", ui_language()), specs, start, check=check)
        self.app.push_screen(dialog, done)

    @on(Button.Pressed, "#remove-history")
    def _remove_history(self) -> None:
        version = self._selected_version()
        if version is not None:
            self.session.set_history(version, None)
            self._mark_changed()
            self._show_history()

    @on(ProviderEdited)
    def _provider(self, event: ProviderEdited) -> None:
        event.stop()
        key = event.key
        if event.provider is not None and not key:
            key = self.session.new_provider_key(event.provider.name)
        self.session.set_provider(key, event.provider)
        self._mark_changed()
        self.query_one(ProvidersTable).show()

    def action_close(self) -> None:
        self.dismiss(self.changed)
