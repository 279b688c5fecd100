"""What the export says when it cannot write an annex, in German and English.

The messages name the user's own file, folder or Word template and say what to do, so they are
read by that user, in the language of the interface (``messages``, passed down from the command
or the wizard; ``--lang`` of ``export`` is the annex's language, not this one). The exceptions
(:class:`~tomwizard.export.exporter.ExportFailed`,
:class:`~tomwizard.export.render.TemplateProblem`, …) stay as they are; only their text is worded
here. Technical details quoted inside a message (Jinja's syntax errors, the operating system's
reason, LibreOffice's output) stay as those programs said them.
"""

from __future__ import annotations

from tomwizard.languages import Language
from tomwizard.wording import Wording

OUTPUT = Wording(
    "export.output",
    {
        "suffix": (
            "{output}: die Ausgabedatei muss auf .docx enden",
            "{output}: the output file must end in .docx",
        ),
        "is_folder": ("{output}: ist ein Ordner", "{output}: is a folder"),
        "folder_missing": (
            "{folder}: der Ordner existiert nicht",
            "{folder}: the folder does not exist",
        ),
        "itself": (
            "{output}: das ist {what} selbst; der Export würde sie überschreiben, daher wurde "
            "nichts geschrieben (mit -o einen anderen Namen für die Ausgabe wählen)",
            "{output}: that is {what} itself; the export would overwrite it, so nothing was "
            "written (choose another output name with -o)",
        ),
        "answers_file": ("die Antwortdatei", "the answers file"),
        "template": ("die Vorlage", "the template"),
        "input": ("eine der Eingabedateien", "an input file"),
        "cannot_write": (
            "{output}: die Datei kann nicht geschrieben werden ({reason})",
            "{output}: cannot write the file ({reason})",
        ),
        "unsafe": (
            "{template}: die ausgefüllte Vorlage enthält Inhalte, die nicht erlaubt sind; es "
            "wurde nichts geschrieben",
            "{template}: the filled-in template holds content that is not allowed; nothing was "
            "written",
        ),
        "incomplete": (
            "{template}: das exportierte Dokument enthielte nicht alles, was es enthalten muss; "
            "es wurde nichts geschrieben",
            "{template}: the exported document would not contain everything it should; nothing "
            "was written",
        ),
        "no_pdf": (
            "{docx} wurde geschrieben, aber kein PDF: {reason}",
            "{docx} was written, but no PDF: {reason}",
        ),
    },
)
"""The output file, and what the check of the filled-in template found (``exporter``)."""

TEMPLATE = Wording(
    "export.template",
    {
        "missing": ("die Vorlagendatei existiert nicht", "the template file does not exist"),
        "unknown": (
            "unbekannte Vorlage {name}: eine von {names} verwenden oder den Pfad einer "
            ".docx-Datei angeben",
            "unknown template {name}: use one of {names}, or the path of a .docx file",
        ),
        "unknown_builtin": (
            "unbekannte Vorlage {name}: eine von {names} verwenden",
            "unknown template {name}: use one of {names}",
        ),
        "exists": (
            "{path}: existiert bereits; einen anderen Ordner wählen oder mit --force ersetzen",
            "{path}: already exists; choose another folder or use --force to replace it",
        ),
        "near": ("bei", "near"),
        "not_docx": (
            "kein Word-Dokument (.docx), das sich öffnen lässt ({reason})",
            "not a Word document (.docx) that can be opened ({reason})",
        ),
        "unknown_variables.1": (
            "unbekannte Vorlagenvariable: {names} (verfügbar: {available}; siehe "
            "docs/templates.md)",
            "unknown template variable: {names} (available: {available}; see docs/templates.md)",
        ),
        "unknown_variables.n": (
            "unbekannte Vorlagenvariablen: {names} (verfügbar: {available}; siehe "
            "docs/templates.md)",
            "unknown template variables: {names} (available: {available}; see docs/templates.md)",
        ),
        "internals": (
            "abgelehnt: die Vorlage versucht, auf Interna von Python zuzugreifen ({detail}); "
            "Vorlagen dürfen nur die dokumentierten Variablen verwenden",
            "refused: the template tries to reach Python internals ({detail}); templates may "
            "only use the documented variables",
        ),
        "undefined": (
            "{message} (die Variablen stehen in docs/templates.md)",
            "{message} (the variables are listed in docs/templates.md)",
        ),
        "undefined_name": ("'{name}' ist nicht definiert", "'{name}' is undefined"),
        "no_attribute": (
            "'{owner}' hat kein Attribut '{name}'",
            "'{owner}' has no attribute '{name}'",
        ),
        "syntax": (
            "Fehler in der Vorlage: {message} (die Schreibweise des Tags prüfen; die "
            "AutoKorrektur von Word hat darin vielleicht einen Strich oder ein "
            "Anführungszeichen ersetzt)",
            "template error: {message} (check the tag's spelling; Word's AutoCorrect may have "
            "replaced a dash or quote inside it)",
        ),
        "error": ("Fehler in der Vorlage: {message}", "template error: {message}"),
        "invalid_result": (
            "die ausgefüllte Vorlage ist kein gültiges Word-Dokument ({reason})",
            "the filled-in template is not a valid Word document ({reason})",
        ),
        "cannot_fill": (
            "die Vorlage lässt sich nicht ausfüllen ({reason})",
            "cannot fill in the template ({reason})",
        ),
        "cannot_read": (
            "die Vorlage lässt sich nicht lesen ({reason})",
            "cannot read the template ({reason})",
        ),
        "too_large": (
            "die Vorlagendatei ist größer als {limit} MiB, weit mehr, als eine Word-Vorlage "
            "braucht",
            "the template file is larger than {limit} MiB, far more than a Word template needs",
        ),
        "refused": ("abgelehnt: {reasons}", "refused: {reasons}"),
        "output_too_large": (
            "die ausgefüllte Vorlage wäre größer{amount} als die erlaubten {limit} MiB (läuft "
            "eine Schleife zu oft?)",
            "the filled-in template would be larger{amount} than the {limit} MiB allowed (does "
            "a loop run too often?)",
        ),
        "recursion": (
            "die Vorlage ist zu tief verschachtelt, um ausgefüllt zu werden (RecursionError)",
            "the template nests too deeply to be filled in (RecursionError)",
        ),
        "memory": (
            "die Vorlage braucht mehr Speicher als erlaubt ({limit} MiB; baut sie sehr lange "
            "Texte auf?)",
            "the template needs more memory than allowed ({limit} MiB; does it build very long "
            "texts?)",
        ),
        "no_process": (
            "der Prozess zum Ausfüllen der Vorlage lässt sich nicht starten ({reason})",
            "cannot start a process to fill in the template ({reason})",
        ),
        "timeout": (
            "das Ausfüllen der Vorlage dauerte länger als {seconds} s und wurde abgebrochen "
            "(läuft eine Schleife zu oft?)",
            "filling in the template took longer than {seconds} s and was stopped (does a loop "
            "run too often?)",
        ),
        "stopped": ("der Export wurde abgebrochen", "the export was stopped"),
        "no_result": (
            "der Prozess, der die Vorlage ausfüllt, endete ohne Ergebnis (Exit-Code {code}); "
            "vermutlich brauchte er mehr Speicher als die erlaubten {limit} MiB",
            "the process filling in the template ended without a result (exit code {code}); it "
            "probably needed more memory than the {limit} MiB allowed",
        ),
    },
)
"""A Word template that cannot be found or filled in (``templates``, ``render``,
``isolation``)."""

PACKAGE = Wording(
    "export.package",
    {
        "parts": (
            "die Datei hat {count} Teile (Dateien in der .docx); erlaubt sind höchstens {limit}",
            "it has {count} parts (files inside the .docx); at most {limit} are allowed",
        ),
        "too_large": (
            "{what}: entpackt {size}, erlaubt sind höchstens {limit} MiB (ist es wirklich eine "
            "Word-Vorlage? Bilder lassen sich in Word mit „Bilder komprimieren“ verkleinern)",
            "{what} would unpack to {size}; at most {limit} MiB are allowed (is it really a Word "
            "template? images can be made smaller in Word: File > Compress Pictures)",
        ),
        "all_parts": ("alle Teile zusammen", "all parts together"),
        "huge": ("mehr als 1 TiB", "more than 1 TiB"),
        "cannot_unpack": (
            "die Datei lässt sich nicht entpacken ({reason})",
            "the file cannot be unpacked ({reason})",
        ),
        "damaged": (
            "die Datei ist beschädigt und lässt sich nicht entpacken ({reason})",
            "the file is damaged and cannot be unpacked ({reason})",
        ),
        "macros": (
            "{name}: Makros oder ActiveX-Steuerelemente ({kind}) sind nicht erlaubt; die Vorlage "
            "als Word-Dokument (.docx) speichern, nicht als .docm",
            "{name}: macros or ActiveX controls ({kind}) are not allowed; save the template as "
            "a Word document (.docx), not .docm",
        ),
        "dtd": (
            "{name}: eine DTD (<!DOCTYPE …>) ist in einer Word-Datei nicht erlaubt: sie kann "
            "ein Programm, das die Datei liest, Dateien oder Adressen abrufen lassen; sie "
            "entfernen",
            "{name}: a DTD (<!DOCTYPE …>) is not allowed in a Word file: it can make a reader "
            "fetch files or addresses; remove it",
        ),
        "field": (
            "{name}: ein Feld, das Inhalte von außerhalb der Datei holt ({field} {target}), ist "
            "nicht erlaubt: Word würde sie beim Öffnen oder Aktualisieren der Anlage abrufen, "
            "und die Anlage zeigte, was niemand angegeben hat; es entfernen oder den Inhalt "
            "einbetten",
            "{name}: a field that brings in content from outside the file ({field} {target}) "
            "is not allowed: Word would fetch it when the annex is opened or its fields are "
            "updated, and the annex would show what nobody stated; remove it, or embed the "
            "content instead",
        ),
        "external": (
            "{name}: ein Verweis auf ein Ziel außerhalb der Datei ({what}: {target}) ist nicht "
            "erlaubt: Word oder LibreOffice würden es beim Öffnen oder Umwandeln der Anlage "
            "abrufen; es stattdessen einbetten (nur Hyperlinks dürfen nach außen zeigen)",
            "{name}: a link to an outside {what} ({target}) is not allowed: Word or LibreOffice "
            "would fetch it when the annex is opened or converted; embed it instead (only "
            "hyperlinks may point outside)",
        ),
    },
)
"""What a Word file (a template, the filled-in annex) may not hold (``package``)."""

CHECK = Wording(
    "export.check",
    {
        "crc": (
            "die Datei ist beschädigt: {name} besteht die Prüfsummenprüfung (CRC) nicht",
            "the file is damaged: {name} fails its checksum (CRC) test",
        ),
        "not_docx": (
            "die Datei ist keine gültige Word-Datei (.docx): {reason}",
            "the file is not a valid Word (.docx) file: {reason}",
        ),
        "damaged": (
            "die Datei ist beschädigt und lässt sich nicht entpacken: {reason}",
            "the file is damaged and cannot be unpacked: {reason}",
        ),
        "no_part": (
            "die Datei ist kein Word-Dokument: ihr fehlt {name}",
            "the file is not a Word document: it has no {name}",
        ),
        "xml": (
            "{name} ist kein wohlgeformtes XML: {reason}",
            "{name} is not well-formed XML: {reason}",
        ),
        "cannot_open": (
            "das Dokument lässt sich nicht öffnen (python-docx: {reason})",
            "the document cannot be opened (python-docx: {reason})",
        ),
        "missing": (
            "im Dokument fehlt der Text „{text}“",
            'text missing from the document: "{text}"',
        ),
        "more.1": ("… und 1 weiterer fehlender Text", "… and 1 more missing text"),
        "more.n": ("… und {n} weitere fehlende Texte", "… and {n} more missing texts"),
    },
)
"""What the check of an exported Word file finds (``verify``)."""


def number(value: float, lang: Language, digits: int | None = None) -> str:
    """``value`` for a message: ``30``, ``2.5``, or with ``digits`` decimals; with a decimal
    comma in German (``2,5``)."""
    text = f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    return text.replace(".", ",") if lang == "de" else text


def mib(size: float, lang: Language, digits: int | None = None) -> str:
    """``size`` bytes as MiB for a message (:func:`number`)."""
    return number(size / 2**20, lang, digits)
