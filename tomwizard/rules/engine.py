"""Apply the rules to one answers document: the findings of ``tomwizard check``.

A rule the document silences (``[silenced.<rule-id>] reason = "…"``) gives no finding; a
silenced id that matches no rule gives a warning of its own (``silenced-unknown-rule``), so that
a typo does not silence nothing while looking as if it silenced something. Each finding points
at the line of the file that made its rule fire (the first key its conditions held on that the
file has), else at the first key the rule names, else at line 1.
"""

from __future__ import annotations

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.problems import format_key_path
from tomwizard.report import Finding
from tomwizard.rules.builtin import fill, run_builtin
from tomwizard.rules.conditions import Evaluation, KeyPath, subject_paths
from tomwizard.rules.loader import LoadedRule, RuleSet
from tomwizard.tomlread.file import TomlSource

UNKNOWN_SILENCED = "silenced-unknown-rule"
_UNKNOWN_TEXT = {
    "de": "Keine Regel heißt „{id}“; die Stummschaltung wirkt nicht (Tippfehler?). Bekannte "
    "Regeln zeigt 'tomwizard check --list-rules'.",
    "en": "No rule is called '{id}'; silencing it has no effect (a typo?). "
    "'tomwizard check --list-rules' shows the known rules.",
}


def check_document_rules(
    document: AnswersDocument,
    source: TomlSource | None,
    name: str,
    rules: RuleSet,
    catalogue: Catalogue,
    lang: Language,
) -> list[Finding]:
    """The findings of every rule that is not silenced, in line order."""
    evaluation = Evaluation(document, catalogue)
    findings: list[Finding] = []
    for loaded in rules.rules:
        if loaded.rule.id in document.silenced:
            continue
        findings.extend(_apply(loaded, evaluation, source, name, lang))
    known = rules.ids()
    for rule_id in document.silenced:
        if rule_id not in known:
            at: KeyPath = ("silenced", rule_id)
            findings.append(
                Finding(
                    name,
                    _line(source, at),
                    UNKNOWN_SILENCED,
                    _UNKNOWN_TEXT[lang].format(id=rule_id),
                    "warning",
                    key=format_key_path(at),
                )
            )
    findings.sort(key=lambda f: f.line or 0)
    return findings


def _apply(
    loaded: LoadedRule,
    evaluation: Evaluation,
    source: TomlSource | None,
    name: str,
    lang: Language,
) -> list[Finding]:
    rule = loaded.rule
    witnesses: list[KeyPath] = []
    if not evaluation.all_hold(rule.when, witnesses):
        return []
    message = rule.message.get(lang)
    if rule.builtin is not None:
        hits = run_builtin(rule.builtin, evaluation.document, evaluation.catalogue, lang)
        return [_finding(loaded, name, source, at, fill(message, values)) for at, values in hits]
    at = _location(source, witnesses, subject_paths(rule.when))
    return [_finding(loaded, name, source, at, message)]


def _finding(
    loaded: LoadedRule, name: str, source: TomlSource | None, at: KeyPath, message: str
) -> Finding:
    rule = loaded.rule
    return Finding(
        name,
        _line(source, at),
        rule.id,
        message,
        rule.severity,
        rule.source,
        rule.help_uri,
        format_key_path(at),
    )


def _location(source: TomlSource | None, witnesses: list[KeyPath], named: list[KeyPath]) -> KeyPath:
    """The first witness the file has, else the first key the rule names."""
    if source is not None:
        for path in witnesses:
            if path in source.spans.lines:
                return path
    return witnesses[0] if witnesses else (named[0] if named else ())


def _line(source: TomlSource | None, at: KeyPath) -> int:
    return source.spans.line_of(at) if source is not None else 1
