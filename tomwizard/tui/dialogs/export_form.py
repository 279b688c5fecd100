"""The export dialog: style, the annex's language, the file it writes (editable, a name of its
own per style and language) and, before anything is written, the required answers that are
missing (the same rules as ``tomwizard validate``).

A document marked final with missing answers is exported only as a draft, and the dialog says
so on its button. Enter in the file name exports; Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from tomwizard.catalogue.model import Language
from tomwizard.problems import Problem
from tomwizard.tui.dialogs.export import LISTED
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.fields_scroll import FieldsScroll
from tomwizard.tui.widgets.marked_radio import MarkedRadioButton

STYLES = ("anlage", "prosa", "tabelle")


@dataclass(frozen=True)
class ExportRequest:
    """What the user chose: write ``style`` in ``lang`` to ``output`` (as a draft or not)."""

    style: str
    lang: Language
    output: Path
    draft: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Asks how to export ``source``; dismisses with an :class:`ExportRequest` or ``None``.

    ``default_output(style, lang)`` names the file a choice writes by default; ``check(path)``
    says what is wrong with a file name the user typed (``None``: fine)."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close without exporting",
            id="export-cancel",
        ),
        Binding(
            "enter",
            "submit",
            "Export",
            tooltip="Export as chosen (on a button: press it)",
            priority=True,
            id="export-submit",
        ),
    ]

    def __init__(
        self,
        source: Path,
        document_lang: Language,
        default_output: Callable[[str, Language], Path],
        check: Callable[[Path], str | None],
        missing: list[Problem],
        final: bool,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.source = source
        self.document_lang: Language = document_lang
        self.default_output = default_output
        self.check = check
        self.missing = missing
        self.final = final
        self.style = STYLES[0]
        self.lang: Language = document_lang
        self._typed = False
        """Whether the user changed the file name (a new style then keeps it)."""

    @property
    def draft(self) -> bool:
        """A final document with missing answers is exported as a draft."""
        return self.final and bool(self.missing)

    def compose(self) -> ComposeResult:
        ui = ui_language()
        with Vertical(classes="dialog export-dialog"):
            yield Label(t("export.title", ui), classes="dialog-title")
            with FieldsScroll(classes="form-fields"):
                if self.missing:
                    yield Static(self._missing_text(ui), id="missing", classes="export-missing")
                yield Label(t("export.style", ui), classes="field-label")
                with RadioSet(id="style"):
                    for index, style in enumerate(STYLES):
                        yield MarkedRadioButton(t(f"export.{style}", ui), index == 0, id=style)
                if self.document_lang == "de":
                    yield Label(t("export.language", ui), classes="field-label")
                    with RadioSet(id="annex-lang"):
                        yield MarkedRadioButton("Deutsch", True, id="lang-de")
                        yield MarkedRadioButton("English", False, id="lang-en")
                yield Label(t("export.file", ui), classes="field-label")
                yield Input(self._default(), id="output")
                yield Label("", id="output-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                label = t("export.as_draft" if self.draft else "export.go", ui)
                yield Button(label, id="export", variant="primary", compact=True)
                yield Button(t("cancel", ui), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#style", RadioSet).focus()

    def _default(self) -> str:
        """The default file of the choice: its name alone when it is beside the document."""
        path = self.default_output(self.style, self.lang)
        return path.name if path.parent == self.source.parent else str(path)

    def _missing_text(self, ui: Language) -> str:
        listed = "\n".join(f"• {p.message}" for p in self.missing[:LISTED])
        text = t("export.missing", ui, count=len(self.missing), listed=listed)
        if len(self.missing) > LISTED:
            text += t("export.incomplete.more", ui, count=len(self.missing) - LISTED)
        if self.draft:
            text += "\n\n" + t("export.final_as_draft", ui)
        return text

    @on(RadioSet.Changed, "#style")
    def _style(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.style = str(event.pressed.id)
        self._follow_choice()

    @on(RadioSet.Changed, "#annex-lang")
    def _lang(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.lang = "en" if event.pressed.id == "lang-en" else "de"
        self._follow_choice()

    def _follow_choice(self) -> None:
        """Each choice writes a file of its own: the name follows, unless the user typed one."""
        if not self._typed:
            field = self.query_one("#output", Input)
            field.value = self._default()

    @on(Input.Changed, "#output")
    def _output_typed(self, event: Input.Changed) -> None:
        self._typed = event.value != self._default()
        self.query_one("#output-error", Label).update("")

    def _output(self) -> Path | None:
        """The file name typed (relative names beside the document), or ``None`` with the
        reason shown."""
        text = self.query_one("#output", Input).value.strip()
        error_label = self.query_one("#output-error", Label)
        if not text:
            error_label.update(t("export.file_missing", ui_language()))
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.source.parent / path
        error = self.check(path)
        if error is not None:
            error_label.update(error)
            return None
        return path

    def action_submit(self) -> None:
        """Enter: export, wherever the focus is (space picks a style or language); on a
        button, Enter presses that button."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:
            self._export()

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        output = self._output()
        if output is not None:
            self.dismiss(ExportRequest(self.style, self.lang, output, self.draft))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
