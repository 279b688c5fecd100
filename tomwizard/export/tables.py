"""Tables of the annex as :class:`TableInfo`: catalogue table questions, the change history and
the service providers.

A column that is empty in every row is left out, so the annex never shows a column of blank
cells (an unused "Bemerkung" or "Bearbeitet von"). Templates print any of them the same way:
a header from ``columns`` and a row per entry of ``cells``.
"""

from __future__ import annotations

from collections.abc import Sequence

from tomwizard.catalogue.model import Language
from tomwizard.export.variables import HistoryInfo, ProviderInfo, TableInfo

_HEADINGS: dict[str, tuple[str, str]] = {
    "version": ("Version", "Version"),
    "date": ("Datum", "Date"),
    "author": ("Bearbeitet von", "Changed by"),
    "changes": ("Änderungen", "Changes"),
    "name": ("Name", "Name"),
    "role": ("Rolle", "Role"),
    "service": ("Leistung", "Service"),
    "certifications": ("Zertifizierungen", "Certifications"),
}


def table_info(
    table_id: str,
    title: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[dict[str, str]],
) -> TableInfo | None:
    """A table of ``rows`` (column id -> text) under ``columns`` (id, heading), without the
    columns that are empty in every row; ``None`` without rows."""
    if not rows:
        return None
    kept = [(cid, heading) for cid, heading in columns if any(r.get(cid, "") for r in rows)]
    full = [{cid: row.get(cid, "") for cid, _ in columns} for row in rows]
    return TableInfo(
        id=table_id,
        title=title,
        columns=[heading for _, heading in kept],
        rows=full,
        cells=[[row[cid] for cid, _ in kept] for row in full],
    )


def _columns(ids: Sequence[str], lang: Language) -> list[tuple[str, str]]:
    return [(cid, _HEADINGS[cid][0 if lang == "de" else 1]) for cid in ids]


def history_table(history: Sequence[HistoryInfo], lang: Language) -> TableInfo | None:
    """The change history as a table."""
    rows = [
        {"version": h.version, "date": h.date, "author": h.author, "changes": h.changes}
        for h in history
    ]
    columns = _columns(("version", "date", "author", "changes"), lang)
    return table_info("history", "", columns, rows)


def providers_table(providers: Sequence[ProviderInfo], lang: Language) -> TableInfo | None:
    """The service providers as a table (certificates joined by "; ")."""
    rows = [
        {
            "name": p.name,
            "role": p.role,
            "service": p.service,
            "certifications": "; ".join(c.text for c in p.certifications),
        }
        for p in providers
    ]
    columns = _columns(("name", "role", "service", "certifications"), lang)
    return table_info("providers", "", columns, rows)
