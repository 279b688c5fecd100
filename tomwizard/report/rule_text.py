"""What the reports say about each rule as such (:class:`~tomwizard.report.finding.RuleText`),
in German and English.

GitHub code scanning shows a rule's ``shortDescription`` and ``fullDescription`` at the top of
an alert and its ``help`` below it; an alert whose rule lacks them shows little more than an id
such as ``categories.zugangskontrolle.answers.bildschirmsperre``. So every rule tomwizard writes
has all three: a check rule says its message, where it comes from and how a document silences
it; the pseudo-rules of ``validate`` (a key path, or ``file``) and of ``diff`` (``measure-
removed``) say in one sentence what kind of finding they group.
"""

from __future__ import annotations

from tomwizard.languages import Language
from tomwizard.report.finding import RuleText
from tomwizard.report.uri import as_uri

FILE_RULE = "file"
"""The rule id of a finding about a whole file (a problem without a key)."""

_WORDS: dict[str, dict[Language, str]] = {
    "file.short": {
        "de": "Befund zur ganzen Antwortdatei",
        "en": "Finding about the whole answers file",
    },
    "file.full": {
        "de": "Ein Befund, der die Antwortdatei als Ganzes betrifft statt eines einzelnen "
        "Schlüssels, etwa eine fehlende oder nicht lesbare Datei oder ungültiges TOML.",
        "en": "A finding about the answers file as a whole rather than one of its keys, such "
        "as a missing or unreadable file or invalid TOML.",
    },
    "key.short": {"de": "Befund bei {key}", "en": "Finding at {key}"},
    "key.full": {
        "de": "Ein Befund von tomwizard beim Schlüssel {key} der Antwortdatei, etwa ein "
        "fehlender, ungültiger oder widersprüchlicher Wert oder eine fällige Überprüfung.",
        "en": "A finding of tomwizard at the key {key} of the answers file, such as a missing, "
        "invalid or contradictory value or a review that is due.",
    },
    "problem.help": {
        "de": "Die Meldung nennt die Zeile und den Grund. Die Antwortdatei im Assistenten "
        "(tomwizard edit DATEI) oder in einem Texteditor berichtigen und mit "
        "'tomwizard validate DATEI' erneut prüfen.",
        "en": "The message gives the line and the reason. Correct the answers file in the "
        "wizard (tomwizard edit FILE) or in a text editor and check it again with "
        "'tomwizard validate FILE'.",
    },
    "change.full": {
        "de": "{kind}: eine Änderung zwischen der alten und der neuen Fassung der "
        "Antwortdatei, wie 'tomwizard diff' sie meldet.",
        "en": "{kind}: a change between the old and the new version of the answers file, as "
        "'tomwizard diff' reports it.",
    },
    "change.help": {
        "de": "Ein Hinweis, kein Fehler: er markiert die Änderung in der Datei, damit sie "
        "geprüft werden kann; 'tomwizard diff ALT NEU' beschreibt alle Änderungen in Worten. "
        "Kam eine Fassung aus der Standardeingabe, steht der Hinweis in der anderen Datei, "
        "beim Schlüssel oder bei der Tabelle, die ihn enthält.",
        "en": "A notice, not an error: it marks the change in the file so that it can be "
        "reviewed; 'tomwizard diff OLD NEW' describes every change in words. If one version "
        "came from standard input, the notice is in the other file, at the key or at the "
        "table that holds it.",
    },
    "check.source": {"de": "Quelle: {source}", "en": "Source: {source}"},
    "check.more": {"de": "Mehr dazu: {uri}", "en": "More: {uri}"},
    "check.silence": {
        "de": "Passt die Regel nicht zu einem Dokument, dort mit Begründung stummschalten: "
        '[silenced.{id}] reason = "…"',
        "en": "If the rule does not fit a document, silence it there with a reason: "
        '[silenced.{id}] reason = "…"',
    },
}


def _say(name: str, lang: Language, **values: str) -> str:
    return _WORDS[name][lang].format(**values)


def problem_rule_text(key: str, lang: Language) -> RuleText:
    """The pseudo-rule of a file problem: its key path (``key``), or ``""`` for the whole
    file (rule id :data:`FILE_RULE`)."""
    if not key or key == FILE_RULE:
        return RuleText(
            _say("file.short", lang), _say("file.full", lang), _say("problem.help", lang)
        )
    return RuleText(
        _say("key.short", lang, key=key),
        _say("key.full", lang, key=key),
        _say("problem.help", lang),
    )


def change_rule_text(kind: str, lang: Language) -> RuleText:
    """The pseudo-rule of a kind of change ``diff`` reports (``kind``: "Maßnahme entfernt")."""
    return RuleText(kind, _say("change.full", lang, kind=kind), _say("change.help", lang))


def check_rule_text(
    rule_id: str, message: str, source: str, help_uri: str, lang: Language
) -> RuleText:
    """A check rule: its ``message`` in ``lang`` (with its ``{placeholders}`` where a built-in
    check fills them in), then its source, its page and how a document silences it."""
    lines = [message, ""]
    if source:
        lines.append(_say("check.source", lang, source=source))
    if help_uri:
        lines.append(_say("check.more", lang, uri=as_uri(help_uri)))
    lines.append(_say("check.silence", lang, id=rule_id))
    return RuleText(message, message, "\n".join(lines))
