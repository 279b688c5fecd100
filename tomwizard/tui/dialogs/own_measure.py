"""The dialog of an own measure (one the catalogue lacks) of a category: name, sentence for the
annex, kind, status and remark; the target date only while it is planned, the reason only
while it does not apply (switching the status shows or hides them at once). A German document
asks for the English version of each text, below it.

Opened from the category's list of own measures (*Add*, *Edit*, Enter on one) and, for the
category shown, from the command palette or ctrl+n (``MainScreen.action_add_own_measure``).
"""

from __future__ import annotations

from typing import Any

from tomwizard.catalogue.model import Category, Parameter, Text
from tomwizard.catalogue.model import Option as CatalogueOption
from tomwizard.tui.dialogs.form import Applies, FormDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t
from tomwizard.tui.widgets.measure_list import STATUSES


def _text(key: str) -> Text:
    return Text(de=t(key, "de"), en=t(key, "en"))


def _planned(values: dict[str, Any]) -> bool:
    return values.get("status") == "planned"


def _not_applicable(values: dict[str, Any]) -> bool:
    return values.get("status") == "not_applicable"


APPLIES: dict[str, Applies] = {
    "target_date": _planned,
    "reason": _not_applicable,
    "reason_en": _not_applicable,
}
"""The fields that apply to one status only. What was typed into them stays when the status
changes and is kept in the file, as a checklist measure's are (the annex prints a target date
only for a planned measure, a reason only for one that does not apply)."""


def own_measure_fields(english: bool = False) -> list[Parameter]:
    """The fields of an own measure; with ``english`` (a German document) each text is followed
    by the field for its English version."""

    def text(field_id: str, key: str, required: bool = False) -> list[Parameter]:
        field = Parameter(id=field_id, type="text", label=_text(key), required=required)
        if not english:
            return [field]
        return [field, Parameter(id=f"{field_id}_en", type="text", label=_text(f"{key}.en"))]

    return [
        *text("label", "custom.label", required=True),
        *text("phrase", "custom.phrase"),
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
            label=_text("status"),
            options=[CatalogueOption(id=s, label=_text(f"status.{s}")) for s in STATUSES],
        ),
        Parameter(id="target_date", type="date", label=_text("target_date")),
        *text("reason", "reason"),
        *text("note", "note"),
    ]


class OwnMeasureDialog(FormDialog):
    """Adds (``adding``) or edits an own measure of ``category`` starting from ``values``;
    dismisses with the measure's values, or ``None`` when cancelled."""

    def __init__(
        self, category: Category, values: dict[str, Any], *, english: bool, adding: bool
    ) -> None:
        self.category = category
        self.adding = adding
        super().__init__(self._title(), own_measure_fields(english), values, applies=APPLIES)

    def _title(self) -> str:
        lang = ui_language()
        key = "custom.add_title" if self.adding else "custom.edit_title"
        return t(key, lang, category=self.category.title.get(lang))

    async def relabel(self) -> None:
        self.title_text = self._title()
        await super().relabel()
