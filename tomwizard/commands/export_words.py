"""What ``tomwizard export`` prints about the files it exports, in German and English.

The lines are for the person running the command, in the interface language of the settings
(``--lang`` of ``export`` is the annex's language); the problems of a file and the reasons an
export failed come in the same language from the modules that find them.
"""

from __future__ import annotations

from tomwizard.wording import Wording

SAY = Wording(
    "export",
    {
        "wrote": ("geschrieben: {path}", "wrote {path}"),
        "errors": (
            "{path}: nicht exportiert: die Datei enthält Fehler",
            "{path}: not exported: the file has errors",
        ),
        "final.1": (
            "{path}: nicht exportiert: das Dokument ist als endgültig markiert, aber 1 "
            "Pflichtangabe fehlt; sie ergänzen oder mit --draft als Entwurf exportieren",
            "{path}: not exported: the document is marked final, but 1 required answer is "
            "missing; complete it, or export a draft with --draft",
        ),
        "final.n": (
            "{path}: nicht exportiert: das Dokument ist als endgültig markiert, aber {n} "
            "Pflichtangaben fehlen; sie ergänzen oder mit --draft als Entwurf exportieren",
            "{path}: not exported: the document is marked final, but {n} required answers are "
            "missing; complete them, or export a draft with --draft",
        ),
        "draft.1": (
            "{path}: Hinweis: 1 Pflichtangabe fehlt noch; die Anlage ist als Entwurf "
            "gekennzeichnet („tomwizard validate {path}“ nennt sie)",
            "{path}: note: 1 required answer is still missing; the annex is marked as a draft "
            "('tomwizard validate {path}' lists it)",
        ),
        "draft.n": (
            "{path}: Hinweis: {n} Pflichtangaben fehlen noch; die Anlage ist als Entwurf "
            "gekennzeichnet („tomwizard validate {path}“ nennt sie)",
            "{path}: note: {n} required answers are still missing; the annex is marked as a "
            "draft ('tomwizard validate {path}' lists them)",
        ),
        "font": (
            "{pdf}: Warnung: weder Calibri noch Carlito ist installiert, daher verwendet das PDF "
            "eine andere Schrift, und seine Zeilen- und Seitenumbrüche weichen von Word ab "
            "(Carlito installieren, z. B. das Paket fonts-crosextra-carlito)",
            "{pdf}: warning: neither Calibri nor Carlito is installed, so the PDF uses another "
            "font and its line and page breaks differ from Word's (install Carlito, e.g. the "
            "package fonts-crosextra-carlito)",
        ),
        "summary": (
            "{done} von {total} Dateien exportiert",
            "exported {done} of {total} files",
        ),
        "failed": ("; {failed} fehlgeschlagen", "; {failed} failed"),
        "clash": (
            "{path}: nicht exportiert: die Anlage würde nach {target} geschrieben, ebenso wie die "
            "von {others}; eine davon einzeln mit -o DATEI exportieren",
            "{path}: not exported: its annex would be written to {target}, as that of "
            "{others}; export one of them on its own with -o FILE",
        ),
        "empty": (
            "{path}: keine .toml-Dateien in diesem Ordner",
            "{path}: no .toml files in this folder",
        ),
        "ended": (
            "{path}: nicht exportiert: der Exportprozess endete unerwartet",
            "{path}: not exported: the export process ended unexpectedly",
        ),
        "internal": (
            "{path}: interner Fehler ({error})",
            "{path}: internal error ({error})",
        ),
    },
)
