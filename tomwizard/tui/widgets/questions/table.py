"""Table questions: rows with typed columns, added, edited and removed in a form dialog."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable

from tomwizard.answers.values import format_value
from tomwizard.catalogue.model import TableQuestion
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import TableRowEdited
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.questions.base import QuestionView


class TableView(QuestionView):
    """A ``table`` question such as the data centres in use."""

    @property
    def table_question(self) -> TableQuestion:
        assert isinstance(self.question, TableQuestion)
        return self.question

    def body(self) -> ComposeResult:
        lang = ui_language()
        table: DataTable[Text] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        # cells and headers as plain Text: DataTable reads strings as markup, and a cell such as
        # "[/x]" typed by the user would stop the app with a MarkupError
        table.add_columns(*[Text(c.label.get(lang)) for c in self.table_question.columns])
        yield table
        with Horizontal(classes="row-buttons"):
            yield Button(t("add", lang), id="add-row")
            yield Button(t("edit", lang), id="edit-row")
            yield Button(t("remove", lang), id="remove-row")

    def on_mount(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Show the rows as they are in the session."""
        table = self.query_one("#rows", DataTable)
        table.clear()
        rows = self.session.table_rows(self.category.id, self.question.id)
        for row_id, cells in rows.items():
            table.add_row(
                *[self._cell(column.id, cells) for column in self.table_question.columns],
                key=row_id,
            )
        table.display = bool(rows)

    def _cell(self, column_id: str, cells: dict[str, Any]) -> Text:
        column = next(c for c in self.table_question.columns if c.id == column_id)
        value = cells.get(column_id)
        if column.type == "choice":
            option = next((o for o in column.options if o.id == value), None)
            return Text(option.label.get(ui_language()) if option else format_value(value))
        return Text(format_value(value))

    def _selected_row(self) -> str | None:
        table = self.query_one("#rows", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def _edit(self, row_id: str, values: dict[str, Any]) -> None:
        def done(result: dict[str, Any] | None) -> None:
            if result is not None:
                self.post_message(
                    TableRowEdited(self.category.id, self.question.id, row_id, result)
                )

        self.app.push_screen(
            FormDialog(
                self.question.label.get(ui_language()), list(self.table_question.columns), values
            ),
            done,
        )

    @on(Button.Pressed, "#add-row")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self._edit(self.session.new_row_id(self.category.id, self.question.id), {})

    @on(Button.Pressed, "#edit-row")
    def _change(self, event: Button.Pressed) -> None:
        event.stop()
        row_id = self._selected_row()
        if row_id is not None:
            rows = self.session.table_rows(self.category.id, self.question.id)
            self._edit(row_id, rows.get(row_id, {}))

    @on(DataTable.RowSelected, "#rows")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row_id = str(event.row_key.value)
        rows = self.session.table_rows(self.category.id, self.question.id)
        self._edit(row_id, rows.get(row_id, {}))

    @on(Button.Pressed, "#remove-row")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row_id = self._selected_row()
        if row_id is not None:
            self.post_message(TableRowEdited(self.category.id, self.question.id, row_id, None))
