"""The words of the wizard's key bindings (footer description and tooltip), German and
English, by binding id (see :mod:`tomwizard.tui.bindings`)."""

from __future__ import annotations

BINDING_TEXTS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    # binding id: ((German description, tooltip), (English description, tooltip)); the
    # footer shows the description, hovering it the tooltip (see tomwizard.tui.bindings)
    "quit": (
        ("Beenden", "Beenden (fragt vorher, wenn es ungespeicherte Änderungen gibt)"),
        ("Quit", "Quit (asks first if there are unsaved changes)"),
    ),
    "command-palette": (
        ("Befehle", "Die Befehlspalette öffnen"),
        ("palette", "Open the command palette"),
    ),
    "save": (
        ("Speichern", "Das Dokument speichern (atomar, mit Sicherungskopie)"),
        ("Save", "Save the document (atomic, with backup)"),
    ),
    "previous-category": (("Zurück", "Vorherige Kategorie"), ("Previous", "Previous category")),
    "next-category": (("Weiter", "Nächste Kategorie"), ("Next", "Next category")),
    "details": (
        ("Dokument", "Parteien, Daten, Status, Änderungshistorie"),
        ("Document", "Parties, dates, status, history"),
    ),
    "review": (
        ("Prüfen", "Fälliges, Konflikte, Vollständigkeit und fehlende Angaben"),
        ("Review", "What is due, conflicts, completeness and missing answers"),
    ),
    "toggle-help": (
        ("Hilfe", "Den Hilfebereich zeigen oder ausblenden"),
        ("Help", "Show or hide the help panel"),
    ),
    "add-own-measure": (
        ("Eigene Maßnahme", "Eine eigene Maßnahme zur angezeigten Kategorie hinzufügen"),
        ("Own measure", "Add an own measure to the category shown"),
    ),
    "export": (
        ("Export", "Die Word-Anlage (.docx) neben die Antwortdatei schreiben"),
        ("Export", "Write the Word annex (.docx) next to the answers file"),
    ),
    "details-close": (("Zurück", "Zurück zu den Fragen"), ("Back", "Back to the questions")),
    "review-close": (("Schließen", "Zurück zu den Fragen"), ("Close", "Back to the questions")),
    "dialog-cancel": (
        ("Abbrechen", "Schließen, ohne etwas zu wählen"),
        ("Cancel", "Close without choosing"),
    ),
    "form-cancel": (
        ("Abbrechen", "Schließen, ohne zu übernehmen"),
        ("Cancel", "Close without applying"),
    ),
    "retry": (
        ("Erneut versuchen", "Die Datei nach der Korrektur neu einlesen"),
        ("Retry", "Read the file again after fixing it"),
    ),
    "problems-quit": (("Beenden", "tomwizard verlassen"), ("Quit", "Leave tomwizard")),
    "cycle-status": (
        ("Status", "Nächster Status: offen, umgesetzt, geplant, entfällt"),
        ("Status", "Next status: open, implemented, planned, not applicable"),
    ),
    "open-measure": (
        ("Details", "Status, Datum oder Begründung, Werte, Umsetzung und Anmerkung der Maßnahme"),
        ("Details", "Status, date or reason, values, provider and remark of this measure"),
    ),
    "measure-close": (
        ("Schließen", "Zurück zur Checkliste"),
        ("Close", "Back to the checklist"),
    ),
    "export-cancel": (
        ("Abbrechen", "Schließen, ohne zu exportieren"),
        ("Cancel", "Close without exporting"),
    ),
    "export-submit": (
        ("Exportieren", "Wie gewählt exportieren (auf einer Schaltfläche: diese drücken)"),
        ("Export", "Export as chosen (on a button: press it)"),
    ),
}
"""The words of every binding of the wizard, by binding id (the ids of the keymap)."""
