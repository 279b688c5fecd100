"""The user's own measures in a category: added, edited and removed in a form dialog."""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from tomwizard.answers.model import CustomMeasure
from tomwizard.catalogue.model import Category, Language, Parameter, Text
from tomwizard.catalogue.model import Option as CatalogueOption
from tomwizard.session import EditSession
from tomwizard.tui.dialogs.form import FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.messages import CustomMeasureEdited
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.help_panel import HelpTopic
from tomwizard.tui.widgets.measure_list import STATUSES


def _text(key: str) -> Text:
    return Text(de=t(key, "de"), en=t(key, "en"))


def custom_measure_fields(english: bool = False) -> list[Parameter]:
    """The form fields of a custom measure; with ``english`` (a German document) also the
    English versions of its texts."""
    fields = [
        Parameter(id="label", type="text", label=_text("custom.label"), required=True),
        Parameter(id="phrase", type="text", label=_text("custom.phrase")),
        Parameter(
            id="kind",
            type="choice",
            label=_text("custom.kind"),
            options=[
                CatalogueOption(id=k, label=_text(f"kind.{k}"))
                for k in ("technical", "organisational")
            ],
        ),
        Parameter(
            id="status",
            type="choice",
            label=Text(de="Status", en="Status"),
            options=[CatalogueOption(id=s, label=_text(f"status.{s}")) for s in STATUSES],
        ),
        Parameter(id="target_date", type="date", label=_text("target_date")),
        Parameter(id="reason", type="text", label=_text("reason")),
        Parameter(id="note", type="text", label=_text("note")),
    ]
    if english:
        fields += [
            Parameter(id=f"{key}_en", type="text", label=_text(f"{label}.en"))
            for key, label in (
                ("label", "custom.label"),
                ("phrase", "custom.phrase"),
                ("reason", "reason"),
                ("note", "note"),
            )
        ]
    return fields


class CustomMeasuresView(Vertical):
    """Lists a category's own measures with buttons to add, edit and remove them (its words in
    the interface language; a German document asks for the English versions too)."""

    def __init__(self, session: EditSession, category: Category) -> None:
        super().__init__(id="custom-measures", classes="custom-measures")
        self.session = session
        self.category = category

    @property
    def language(self) -> Language:
        """The document's language."""
        return self.session.language

    @property
    def help_topic(self) -> HelpTopic:
        lang = ui_language()
        return HelpTopic(t("custom.title", lang), t("custom.help", lang))

    def compose(self) -> ComposeResult:
        lang = ui_language()
        yield Label(t("custom.title", lang), classes="question-label")
        yield OptionList(id="custom-list")
        yield Label(t("custom.none", lang), id="custom-none", classes="muted")
        with Horizontal(classes="row-buttons"):
            yield Button(t("add", lang), id="add-custom")
            yield Button(t("edit", lang), id="edit-custom")
            yield Button(t("remove", lang), id="remove-custom")

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the custom measures as they are in the session."""
        lang = ui_language()
        found = self.query("#custom-list").results(OptionList)
        listing = next(iter(found), None)
        if listing is None:  # being removed (the app ends while the view is built)
            return
        listing.clear_options()
        custom = self.session.answers(self.category.id).custom
        for key, measure in custom.items():
            status = t(f"status.{measure.status}", lang) if measure.status else "—"
            # plain Text: a label like "Tresor [Keller]" is the user's text, not markup
            listing.add_option(Option(RichText(f"{measure.label}  [{status}]"), id=key))
        listing.display = bool(custom)
        self.query_one("#custom-none").display = not custom

    def _edit(self, key: str, values: dict[str, Any]) -> None:
        def done(result: dict[str, Any] | None) -> None:
            if result is not None:
                measure = CustomMeasure.model_validate(result, strict=False)
                self.post_message(CustomMeasureEdited(self.category.id, key, measure))

        self.app.push_screen(
            FormDialog(
                t("custom.title", ui_language()),
                custom_measure_fields(english=self.language == "de"),
                values,
            ),
            done,
        )

    def _highlighted_key(self) -> str | None:
        listing = self.query_one("#custom-list", OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    @on(Button.Pressed, "#add-custom")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self._edit(self.session.new_custom_key(self.category.id), {"status": "implemented"})

    @on(Button.Pressed, "#edit-custom")
    def _change(self, event: Button.Pressed) -> None:
        event.stop()
        key = self._highlighted_key()
        if key is not None:
            current = self.session.answers(self.category.id).custom[key]
            self._edit(key, current.model_dump(exclude_none=True))

    @on(OptionList.OptionSelected, "#custom-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        if key is not None:
            current = self.session.answers(self.category.id).custom[key]
            self._edit(key, current.model_dump(exclude_none=True))

    @on(Button.Pressed, "#remove-custom")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        key = self._highlighted_key()
        if key is not None:
            self.post_message(CustomMeasureEdited(self.category.id, key, None))
