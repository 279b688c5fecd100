"""The wizard's words for the review cycle and merge conflicts, in German and English: marking a
category reviewed, what is due, the conflicts a merge left, the review fields of the document
details and the history entry of a new version. Merged into :mod:`tomwizard.tui.texts` (whose
:func:`~tomwizard.tui.texts.t` finds them); kept apart only to keep that table short."""

from __future__ import annotations

REVIEW_TEXTS: dict[str, tuple[str, str]] = {
    # marking a category reviewed (F4, the palette)
    "reviewed.done": (
        "„{category}“ als geprüft vermerkt: {date}",
        "'{category}' recorded as reviewed: {date}",
    ),
    "reviewed.again": (
        "„{category}“ ist schon als am {date} geprüft vermerkt.",
        "'{category}' is already recorded as reviewed on {date}.",
    ),
    "reviewed.cleared": (
        "Prüfvermerk von „{category}“ entfernt.",
        "Review date of '{category}' removed.",
    ),
    "reviewed.line": ("Zuletzt geprüft am {date}", "Last reviewed on {date}"),
    "reviewed.never": ("Noch nicht geprüft", "Not reviewed yet"),
    "reviewed.due": ("Überprüfung fällig", "review due"),
    "command.mark_reviewed": ("Kategorie geprüft", "Category reviewed"),
    "command.mark_reviewed.help": (
        "Vermerken, dass {category} heute geprüft wurde (F4); erscheint nicht in der Anlage",
        "Record that {category} was reviewed today (F4); not printed in the annex",
    ),
    "command.clear_reviewed": ("Prüfvermerk entfernen", "Remove review date"),
    "command.clear_reviewed.help": (
        "Den Vermerk „geprüft am {date}“ von {category} entfernen",
        "Remove the record 'reviewed on {date}' of {category}",
    ),
    # when a document is opened
    "upkeep.due": ("Fällig: {n}", "due: {n}"),
    "upkeep.conflicts": (
        "Konflikte beim Zusammenführen: {n}",
        "merge conflicts: {n}",
    ),
    "upkeep.open": ("{what} – F3 zeigt, was zu tun ist.", "{what} – F3 shows what to do."),
    # the sidebar's legend (its help when it has the focus)
    "sidebar.title": ("Kategorien", "Categories"),
    "sidebar.legend": (
        "Jede Zeile nennt, wie viele der angezeigten Fragen beantwortet sind, dann ein Zeichen:\n"
        "! – Pflichtangaben oder Pflichtwerte fehlen (F3 zeigt, welche)\n"
        "↻ – Überprüfung fällig: seit der letzten Prüfung ist mehr Zeit vergangen, als das "
        "Prüfintervall des Dokuments (F2) vorsieht; nach der Prüfung mit „Kategorie geprüft“ "
        "(F4) vermerken. Fehlt zugleich etwas, steht das ! an seinem Platz und das ↻ vor "
        "dem Namen.\n"
        "– (statt der Zahlen) – die Kategorie entfällt nach Ihren Antworten.",
        "Each line shows how many of the questions shown are answered, then a sign:\n"
        "! – required answers or values are missing (F3 shows which)\n"
        "↻ – review due: the last review is longer ago than the document's review interval "
        "(F2) allows; after reviewing, record it with 'Category reviewed' (F4). If something "
        "is missing as well, the ! keeps its place and the ↻ comes before the name.\n"
        "– (instead of the figures) – the category does not apply, given your answers.",
    ),
    # the review screen (F3)
    "review.upkeep": (
        "Fällig und zu entscheiden, dann die Vollständigkeit (Enter springt hin):",
        "Due and to be decided, then completeness (Enter jumps there):",
    ),
    "review.heading.due": ("Fällig", "Due"),
    "review.heading.conflicts": (
        "Konflikte beim Zusammenführen (merge) – nach der Entscheidung „Entschieden“",
        "Merge conflicts – once decided, choose 'Decided'",
    ),
    "review.heading.complete": (
        "Vollständigkeit: alle Pflichtangaben beantwortet",
        "Completeness: all required questions answered",
    ),
    "review.heading.missing": (
        "Vollständigkeit: Pflichtangaben fehlen",
        "Completeness: required answers missing",
    ),
    "review.conflict": (
        "{where}: behalten {ours}, andere Seite {theirs}",
        "{where}: kept {ours}, other side {theirs}",
    ),
    "review.absent": ("(nicht vorhanden)", "(absent)"),
    "review.history": ("Änderungshistorie", "Change history"),
    "review.decided": (
        "Konflikt bei {where} als entschieden entfernt; der Wert bleibt, wie er ist.",
        "Conflict at {where} removed as decided; the value stays as it is.",
    ),
    # document details (F2)
    "details.version_recorded": (
        "Version {version}: Eintrag in der Änderungshistorie angelegt ({date}); bitte die "
        "Änderungen eintragen.",
        "Version {version}: change history entry added ({date}); please describe the changes.",
    ),
    "details.version_moved": (
        "Der eben angelegte Eintrag der Änderungshistorie gilt jetzt für Version {version} "
        "(statt {previous}).",
        "The change history entry just added is now the one of version {version} (instead "
        "of {previous}).",
    ),
    "details.version_withdrawn": (
        "Der eben angelegte, noch leere Eintrag für Version {version} wurde wieder entfernt.",
        "The entry just added for version {version}, still empty, was removed again.",
    ),
}
"""Interface texts by key: (German, English)."""

REVIEW_BINDING_TEXTS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "mark-reviewed": (
        ("Geprüft", "Vermerken, dass die angezeigte Kategorie heute geprüft wurde"),
        ("Reviewed", "Record that the category shown was reviewed today"),
    ),
    "review-decided": (
        (
            "Entschieden",
            "Den markierten Konflikt als entschieden entfernen (der Wert bleibt, wie er ist)",
        ),
        ("Decided", "Remove the highlighted conflict as decided (the value stays as it is)"),
    ),
}
"""The words of the bindings of the review cycle, as :data:`tomwizard.tui.texts.BINDING_TEXTS`."""
