"""What :mod:`tomwizard.answers.migrate` says it changed, in German and English (the notices
``validate`` and the wizard show for a file of an older catalogue version)."""

from __future__ import annotations

from tomwizard.wording import Wording

SAY = Wording(
    "answers.migrate",
    {
        "since": ("Katalog {version}: {message}", "catalogue {version}: {message}"),
        "question_taken": (
            "nicht nach {to} verschoben, dort steht schon eine Antwort; beibehalten",
            "not moved to {to}, which already has an answer; kept",
        ),
        "question": ("Frage {old} ist jetzt {new}", "question {old} is now {new}"),
        "option": ("Option {old} ist jetzt {new}", "option {old} is now {new}"),
        "removed": (
            "Maßnahme {old} wurde entfernt{why}; ihre Antwort bleibt erhalten",
            "measure {old} was removed{why}; its answer is kept",
        ),
        "gets": ("Maßnahme {old} erhält {added}", "measure {old} gets {added}"),
        "not_merged": (
            "nicht mit {to} zusammengeführt, das einen anderen Status hat; beibehalten",
            "not merged into {to}, which has another status; kept",
        ),
        "merged": (
            "Maßnahme {old} wurde mit {new} zusammengeführt",
            "measure {old} is merged into {new}",
        ),
        "measure": ("Maßnahme {old} ist jetzt {new}", "measure {old} is now {new}"),
        "also": ("aus Maßnahme {old} wurde auch {new}", "measure {old} also became {new}"),
        "parameter_taken": (
            "nicht in {to} umbenannt, das schon einen Wert hat; beibehalten",
            "not renamed to {to}, which has a value; kept",
        ),
        "parameter": ("Parameter {old} heißt jetzt {new}", "parameter {old} is now {new}"),
        "value": ("Wert {old} ist jetzt {new}", "value {old} is now {new}"),
        "certificate": (
            "das Zertifikat von {name} steht jetzt unter [providers.{key}]",
            "the certificate of {name} is now in [providers.{key}]",
        ),
        "unfit": (
            "der Wert passt nicht mehr zu {parameter}; er bleibt als {kept} erhalten",
            "the value no longer fits {parameter}; it is kept as {kept}",
        ),
    },
)
