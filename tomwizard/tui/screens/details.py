"""The document-details screen: parties, data protection officer, dates, status, history,
service providers. Its words are in the interface language; the English versions of texts are
asked for in a German document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, TextArea

from tomwizard.answers.history import proposed_version
from tomwizard.answers.model import HistoryEntry, version_key_problem
from tomwizard.answers.upkeep_check import date_text
from tomwizard.answers.values import format_value
from tomwizard.catalogue.model import Language, Parameter, Text
from tomwizard.session import EditSession
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.screens.details_fields import (
    CHOICES,
    DATES,
    NUMBERS,
    WORDS,
    FieldPath,
    field_spec,
    fields_of,
)
from tomwizard.tui.texts import t
from tomwizard.tui.version_bump import Bumped, VersionBump
from tomwizard.tui.widgets.fields_scroll import FieldsScroll
from tomwizard.tui.widgets.providers_table import ProviderEdited, ProvidersTable
from tomwizard.tui.widgets.value_field import ValueField


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
        self.version_bump = VersionBump(session)
        """Adds the history entry of a new version once its field is left."""

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
        return node.lower() if path in WORDS else node

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Header()
        with FieldsScroll(id="details-form"):
            yield Label(t("details.title", lang), classes="category-title")
            for path, kind, de, en in fields_of(self.language):
                if kind == "multiline":
                    yield Label(de if lang == "de" else en, classes="field-label")
                    yield TextArea(self._get(path), id="-".join(path), classes="address")
                else:
                    yield ValueField(
                        field_spec(path, kind, de, en), self._get(path), id="-".join(path)
                    )
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
        if value is None and (path in CHOICES or path[0] in ("title", "version")):
            return  # these always have a value; an emptied field keeps the last one
        if value is None and path[-1] not in DATES and path not in NUMBERS:
            value = ""
        if path in WORDS:
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

    @on(events.DescendantBlur, "#version Input")
    @on(Input.Submitted, "#version Input")
    def _version_left(self) -> None:
        self._settle_version()

    def _settle_version(self) -> None:
        """A new version got its history entry (or the one just added followed it): say so."""
        bumped = self.version_bump.settle()
        if bumped is None:
            return
        self._mark_changed()
        self._show_history()
        if bumped.kind != "withdrawn":
            table = self.query_one("#history", DataTable)
            table.move_cursor(row=table.get_row_index(bumped.version))
        self.notify(_bumped_text(bumped), markup=False)

    def action_close(self) -> None:
        self._settle_version()
        self.dismiss(self.changed)


def _bumped_text(bumped: Bumped) -> str:
    lang = ui_language()
    if bumped.kind == "recorded":
        date = date_text(bumped.date, lang) if bumped.date else ""
        return t("details.version_recorded", lang, version=bumped.version, date=date)
    if bumped.kind == "moved":
        return t("details.version_moved", lang, version=bumped.version, previous=bumped.previous)
    return t("details.version_withdrawn", lang, version=bumped.version)
