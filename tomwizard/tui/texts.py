"""The wizard's own words (buttons, titles, messages) in German and English.

Catalogue texts come from the catalogue; this table holds only what the interface itself says.
"""

from __future__ import annotations

from tomwizard.languages import Language
from tomwizard.tui.texts_bindings import BINDING_TEXTS
from tomwizard.tui.texts_review import REVIEW_BINDING_TEXTS, REVIEW_TEXTS

__all__ = ["BINDING_TEXTS", "t"]

_TEXTS: dict[str, tuple[str, str]] = {
    "saved": ("gespeichert", "saved"),
    "unsaved": ("ungespeichert", "unsaved"),
    "catalogue_broken": (
        "tomwizard: der Fragenkatalog hat Fehler:",
        "tomwizard: the question catalogue has errors:",
    ),
    "loading": ("wird geöffnet …", "opening …"),
    "new_file": ("neu", "new"),
    "save": ("Speichern", "Save"),
    "saved_to": ("Gespeichert: {path}", "Saved: {path}"),
    "details": ("Dokument", "Document"),
    "review": ("Prüfen", "Review"),
    "help": ("Hilfe", "Help"),
    "quit": ("Beenden", "Quit"),
    "close": ("Schließen", "Close"),
    "cancel": ("Abbrechen", "Cancel"),
    "yes": ("Ja", "Yes"),
    "no": ("Nein", "No"),
    "add": ("Hinzufügen", "Add"),
    "edit": ("Bearbeiten", "Edit"),
    "remove": ("Entfernen", "Remove"),
    "apply": ("Übernehmen", "Apply"),
    "status.implemented": ("umgesetzt", "implemented"),
    "status.planned": ("geplant", "planned"),
    "status.not_applicable": ("entfällt", "not applicable"),
    "target_date": ("Umsetzung bis (JJJJ-MM-TT)", "Target date (YYYY-MM-DD)"),
    "reason": ("Begründung", "Reason"),
    "status": ("Status", "Status"),
    "status.open": ("offen", "open"),
    "line.missing": ("fehlt: {names}", "missing: {names}"),
    "list.keys": (
        "Leertaste: Status ändern (· offen, ✓ umgesetzt, ◷ geplant, – entfällt) · Enter: Details",
        "Space: change status (· open, ✓ implemented, ◷ planned, – not applicable)"
        " · Enter: details",
    ),
    "custom.kind": ("Art der Maßnahme", "Kind of measure"),
    "kind.technical": ("technisch", "technical"),
    "kind.organisational": ("organisatorisch", "organisational"),
    "provider.label": ("Umgesetzt durch", "Implemented by"),
    "provider.category": (
        "Umgesetzt durch (gilt für alle Maßnahmen dieser Kategorie)",
        "Implemented by (applies to every measure of this category)",
    ),
    "provider.processor": ("Auftragnehmer selbst", "the processor itself"),
    "provider.controller": ("Auftraggeber", "the controller"),
    "provider.by": ("durch {name}", "by {name}"),
    "provider.with": ("gemeinsam mit {name}", "jointly with {name}"),
    "details.providers": ("Dienstleister", "Service providers"),
    "details.certification": ("Zertifikat hinzufügen", "Add certificate"),
    "details.edit": ("Bearbeiten", "Edit"),
    "note": ("Anmerkung (erscheint in der Anlage)", "Remark (appears in the annex)"),
    "custom.title": ("Eigene Maßnahmen", "Own measures"),
    "custom.label": ("Bezeichnung", "Name"),
    "custom.phrase": (
        "Satz für die Anlage (leer: Bezeichnung)",
        "Sentence for the annex (empty: name)",
    ),
    "custom.none": ("Keine eigenen Maßnahmen.", "No own measures."),
    "custom.add_title": (
        "Eigene Maßnahme hinzufügen – {category}",
        "Add own measure – {category}",
    ),
    "custom.edit_title": ("Eigene Maßnahme – {category}", "Own measure – {category}"),
    "custom.no_checklist": (
        "{category} hat keine Checkliste; eigene Maßnahmen gehören zu den Kategorien mit "
        "Maßnahmen.",
        "{category} has no checklist; own measures belong to the categories with measures.",
    ),
    "description": (
        "Beschreibung dieser Kategorie (erscheint in der Anlage)",
        "Description of this category (appears in the annex)",
    ),
    "invalid.number": ("Bitte eine Zahl eingeben", "Please enter a number"),
    "invalid.integer": ("Bitte eine ganze Zahl eingeben", "Please enter a whole number"),
    "invalid.min": ("Mindestens {value}", "At least {value}"),
    "invalid.max": ("Höchstens {value}", "At most {value}"),
    "invalid.date": (
        "Bitte ein Datum wie 2025-01-31 oder 31.01.2025 eingeben",
        "Please enter a date such as 2025-01-31 or 31.01.2025",
    ),
    "invalid.required": ("Pflichtfeld", "Required"),
    "start.title": ("tomwizard — TOM-Anlage erstellen", "tomwizard — build your TOM annex"),
    "start.path": ("Datei (Pfad)", "File (path)"),
    "start.open": ("Öffnen", "Open"),
    "start.recent": ("Zuletzt geöffnet", "Recently opened"),
    "start.language": ("Sprache des Dokuments", "Document language"),
    "start.no_recent": ("Noch keine Dokumente geöffnet.", "No documents opened yet."),
    "start.need_path": ("Bitte einen Dateinamen angeben.", "Please give a file name."),
    "start.bad_path": (
        "Dieser Pfad kann nicht verwendet werden: {error}",
        "This path cannot be used: {error}",
    ),
    "problems.title": ("{path} kann nicht geöffnet werden", "{path} cannot be opened"),
    "problems.hint": (
        "Korrigieren Sie die Datei in einem Editor und wählen Sie dann „Erneut versuchen“.",
        "Fix the file in an editor, then choose 'Retry'.",
    ),
    "problems.retry": ("Erneut versuchen", "Retry"),
    "problems.still": ("Die Datei enthält weiterhin Fehler.", "The file still has problems."),
    "quit.title": ("Ungespeicherte Änderungen", "Unsaved changes"),
    "quit.message": (
        "Das Dokument hat ungespeicherte Änderungen. Vor dem Beenden speichern?",
        "The document has unsaved changes. Save before quitting?",
    ),
    "quit.save": ("Speichern und beenden", "Save and quit"),
    "quit.discard": ("Ohne Speichern beenden", "Quit without saving"),
    "recovery.title": ("Wiederherstellung", "Recovery"),
    "recovery.message": (
        "Für {path} gibt es eine automatisch gesicherte Fassung vom {when}, die sich von der "
        "Datei unterscheidet. Sie stammt aus einer Sitzung, die nicht regulär beendet wurde.",
        "There is an autosaved version of {path} from {when} that differs from the file. It "
        "comes from a session that did not end normally.",
    ),
    "recovery.count": (
        "Fassung {index} von {count}, die neueste zuerst; Escape behält sie für später.",
        "Version {index} of {count}, newest first; Escape keeps it for later.",
    ),
    "autosave_failed": (
        "Automatische Sicherung fehlgeschlagen, ungespeicherte Änderungen sind nicht gesichert: "
        "{error}",
        "Autosave failed, unsaved changes are not backed up: {error}",
    ),
    "recovery.restore": ("Wiederherstellen", "Restore"),
    "recovery.discard": ("Verwerfen", "Discard"),
    "conflict.title": ("Datei wurde geändert", "File changed on disk"),
    "conflict.message": (
        "{path} wurde seit dem Öffnen von außen geändert. Überschreiben (die Fassung auf der "
        "Platte bleibt als .bak erhalten), neu laden (Ihre Änderungen gehen verloren) oder "
        "abbrechen?",
        "{path} was changed by someone else since it was opened. Overwrite it (the version on "
        "disk is kept as .bak), reload it (your changes are lost) or cancel?",
    ),
    "conflict.overwrite": ("Überschreiben", "Overwrite"),
    "conflict.reload": ("Neu laden", "Reload"),
    "reload_failed": (
        "Nicht neu geladen, die Datei auf der Platte hat Fehler (Ihre Änderungen bleiben):\n"
        "{problems}",
        "Not reloaded, the file on disk has problems (your changes are kept):\n{problems}",
    ),
    "comments.title": ("Kommentare in der Datei", "Comments in the file"),
    "comments.message": (
        "{path} enthält Kommentare (#). tomwizard kann sie nicht erhalten; nutzen Sie künftig "
        "die Notizfelder. Trotzdem speichern und die Kommentare entfernen?",
        "{path} contains comments (#). tomwizard cannot keep them; please use the note fields "
        "instead. Save anyway and remove the comments?",
    ),
    "save_failed": ("Nicht gespeichert: {error}", "Not saved: {error}"),
    "review.title": ("Vollständigkeit", "Completeness"),
    "review.complete": (
        "Alle Pflichtangaben sind beantwortet.",
        "All required questions are answered.",
    ),
    "review.missing": (
        "Fehlende Pflichtangaben (Enter springt hin):",
        "Missing required answers (Enter jumps there):",
    ),
    "review.not_applicable": ("entfällt", "n/a"),
    "details.title": ("Angaben zum Dokument", "Document details"),
    "details.history": ("Änderungshistorie", "Change history"),
    "details.version": ("Version", "Version"),
    "details.changes": ("Änderungen", "Changes"),
    "sources": ("Quellen", "Sources"),
    "export.title": ("Word-Anlage exportieren", "Export the Word annex"),
    "export.replace.title": ("Datei ersetzen?", "Replace the file?"),
    "export.replace": (
        "{path} gibt es schon. Durch die neue Anlage ersetzen?",
        "{path} exists already. Replace it with the new annex?",
    ),
    "export.replace.yes": ("Ersetzen", "Replace"),
    "export.incomplete.more": ("\n… und {count} weitere", "\n… and {count} more"),
    "export.as_draft": ("Als Entwurf exportieren", "Export as draft"),
    "export.go": ("Exportieren", "Export"),
    "export.style": ("Stil", "Style"),
    "export.language": ("Sprache der Anlage", "Language of the annex"),
    "export.file": (
        "Datei (ohne Ordner: neben dem Dokument)",
        "File (without a folder: beside the document)",
    ),
    "export.file_missing": ("Bitte einen Dateinamen angeben", "Please enter a file name"),
    "export.problem.suffix": (
        "Der Dateiname muss auf .docx enden",
        "The file name must end in .docx",
    ),
    "export.problem.is_folder": ("Das ist ein Ordner", "That is a folder"),
    "export.problem.folder_missing": (
        "Diesen Ordner gibt es nicht",
        "That folder does not exist",
    ),
    "export.problem.is_source": (
        "Das ist die Antwortdatei selbst",
        "That is the answers file itself",
    ),
    "export.missing": (
        "Fehlende Pflichtangaben ({count}):\n{listed}",
        "Required answers missing ({count}):\n{listed}",
    ),
    "export.final_as_draft": (
        "Das Dokument ist als final markiert; die Anlage wird deshalb als Entwurf geschrieben.",
        "The document is marked final, so the annex is written as a draft.",
    ),
    "export.anlage": ("Checkliste", "Checklist"),
    "export.prosa": ("Fließtext", "Prose"),
    "export.tabelle": ("Tabelle", "Table"),
    "export.untranslated": (
        "{count} Texte ohne englische Fassung, in der Anlage deutsch gedruckt:\n{listed}",
        "{count} texts have no English version and are printed in German:\n{listed}",
    ),
    "note.en": (
        "Anmerkung, englische Fassung (für englische Anlagen)",
        "Remark, English version (for English annexes)",
    ),
    "reason.en": ("Begründung, englische Fassung", "Reason, English version"),
    "value.en": ("{label}, englische Fassung", "{label}, English version"),
    "custom.label.en": ("Bezeichnung, englische Fassung", "Name, English version"),
    "custom.phrase.en": ("Satz für die Anlage, englische Fassung", "Sentence, English version"),
    "description.en": (
        "Beschreibung, englische Fassung (für englische Anlagen)",
        "Description, English version (for English annexes)",
    ),
    "answer.en": (
        "Antwort, englische Fassung (für englische Anlagen)",
        "Answer, English version (for English annexes)",
    ),
    "export.running": ("Die Anlage wird erstellt …", "Writing the annex …"),
    "export.done": ("Anlage geschrieben: {path}", "Annex written: {path}"),
    "export.failed": ("Export fehlgeschlagen: {error}", "Export failed: {error}"),
    "references": ("Rechtsgrundlagen", "Legal references"),
    "settings.title": ("Einstellungen", "Settings"),
    "settings.no_theme": (
        "{path}: theme: kein Farbschema {theme!r}; es gilt das voreingestellte",
        "{path}: theme: no theme {theme!r}; using the default",
    ),
    "language.name.de": ("Deutsch", "German"),
    "language.name.en": ("Englisch", "English"),
    "document_language.switched": ("Sprache des Dokuments: {name}", "Document language: {name}"),
    "ui_language.switched": ("Oberflächensprache: Deutsch", "Interface language: English"),
    "ui_language.not_saved": (
        "Oberflächensprache nur für diese Sitzung geändert: {error}",
        "Interface language changed for this session only: {error}",
    ),
    "go_to": ("Gehe zu", "Go to"),
    "palette.placeholder": (
        "Befehle, Kategorien und Maßnahmen suchen …",
        "Search for commands, categories and measures…",
    ),
    "palette.themes": ("Farbschema suchen …", "Search for themes…"),
    "palette.no_matches": ("Keine Treffer", "No matches found"),
    # the command palette's commands: (title, help)
    "command.save": ("Speichern", "Save"),
    "command.save.help": ("Das Dokument speichern (ctrl+s)", "Save the document (ctrl+s)"),
    "command.review": ("Prüfen", "Review"),
    "command.review.help": (
        "Fälliges, Konflikte beim Zusammenführen, Vollständigkeit und fehlende Angaben (F3)",
        "What is due, merge conflicts, completeness and missing answers (F3)",
    ),
    "command.export": ("Word-Anlage exportieren", "Export Word annex"),
    "command.export.help": (
        "Die Anlage (.docx) neben die Datei schreiben (ctrl+e)",
        "Write the annex (.docx) next to the file (ctrl+e)",
    ),
    "command.details": ("Angaben zum Dokument", "Document details"),
    "command.details.help": (
        "Parteien, Daten, Status, Änderungshistorie (F2)",
        "Parties, dates, status, history (F2)",
    ),
    "command.add_own_measure": ("Eigene Maßnahme hinzufügen", "Add own measure"),
    "command.add_own_measure.help": (
        "Eine Maßnahme, die der Katalog nicht kennt, in {category} aufnehmen (ctrl+n)",
        "Add a measure the catalogue does not have to {category} (ctrl+n)",
    ),
    "command.document_language": ("Sprache des Dokuments: {name}", "Document language: {name}"),
    "command.document_language.help": (
        "Die Anlage in dieser Sprache schreiben; die Oberfläche bleibt, wie sie ist",
        "Write the annex in this language; the interface stays as it is",
    ),
    # named in the language it switches to, so that it is found without reading the other one
    "command.ui_language": ("Oberflächensprache: Deutsch", "Interface language: English"),
    "command.ui_language.help": (
        "Die Oberfläche auf Deutsch zeigen; das Dokument behält seine Sprache",
        "Show the interface in English; the document keeps its language",
    ),
    "command.theme": ("Farbschema", "Theme"),
    "command.theme.help": ("Das Farbschema wechseln", "Change the current theme"),
    "command.quit": ("Beenden", "Quit"),
    "command.quit.help": (
        "tomwizard beenden (fragt vorher, wenn es ungespeicherte Änderungen gibt)",
        "Quit tomwizard (asks first if there are unsaved changes)",
    ),
    "command.keys": ("Tasten", "Keys"),
    "command.keys.help": (
        "Hilfe zum Feld mit dem Fokus und eine Übersicht der Tasten zeigen",
        "Show help for the focused widget and a summary of available keys",
    ),
    "command.keys.hide": (
        "Die Übersicht der Tasten wieder ausblenden",
        "Hide the keys and widget help panel",
    ),
    "command.maximize": ("Maximieren", "Maximize"),
    "command.maximize.help": (
        "Das Feld mit dem Fokus auf den ganzen Bildschirm vergrößern",
        "Maximize the focused widget",
    ),
    "command.minimize": ("Verkleinern", "Minimize"),
    "command.minimize.help": (
        "Das maximierte Feld wieder in normaler Größe zeigen",
        "Minimize the widget and restore to normal size",
    ),
    "command.screenshot": ("Bildschirmfoto", "Screenshot"),
    "command.screenshot.help": (
        "Ein Bildschirmfoto (SVG) des aktuellen Bildschirms speichern",
        "Save an SVG 'screenshot' of the current screen",
    ),
    "details.date": ("Datum", "Date"),
    "details.author": ("Autor", "Author"),
    "details.changes.en": ("Änderungen, englische Fassung", "Changes, English version"),
    "details.version_invalid": (
        "Version: eine Zeile mit höchstens 100 Zeichen, ohne Steuerzeichen",
        "Version: one line of at most 100 characters, without control codes",
    ),
    "details.version_exists": (
        "Version {version} steht schon in der Änderungshistorie; zum Ändern den Eintrag "
        "wählen und „Bearbeiten“",
        "Version {version} is already in the change history; to change it, select its entry "
        "and choose Edit",
    ),
    "providers.name": ("Name", "Name"),
    "providers.role": ("Rolle", "Role"),
    "providers.service": ("Leistung", "Service"),
    "providers.certificates": ("Zertifikate", "Certificates"),
    "custom.help": (
        "Maßnahmen, die der Katalog nicht kennt. Sie erscheinen in der Anlage wie die "
        "Katalogmaßnahmen; nutzen Sie sie nur, wenn keine Katalogmaßnahme passt.",
        "Measures the catalogue does not have. They appear in the annex like catalogue "
        "measures; use them only when no catalogue measure fits.",
    ),
    "answer": ("Antwort", "Answer"),
    "date_placeholder": ("JJJJ-MM-TT", "YYYY-MM-DD"),
}

_TEXTS.update(REVIEW_TEXTS)
BINDING_TEXTS.update(REVIEW_BINDING_TEXTS)


def t(key: str, language: Language, **values: object) -> str:
    """The interface text ``key`` in ``language``, with ``{placeholders}`` filled in."""
    german, english = _TEXTS[key]
    text = german if language == "de" else english
    return text.format(**values) if values else text
