"""``tomwizard check FILE...``: outdated or contradictory measures, by the rules of
``questions/rules/`` and of the catalogue folders' ``rules/``.

The findings go to standard output in the format asked for (text lines ``FILE:LINE: rule-id:
message (source)``, JSON, GitHub workflow commands or SARIF), so they can be redirected as a
whole; in the text format a summary per file goes to standard error. A file that cannot be read
contributes its problems as findings (in every format, so CI shows them too). Exit 0 without
findings, 1 with findings or when the catalogue or the rule files have errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tomwizard import __version__
from tomwizard.commands import load_catalogue_or_report, print_problems, reader_language
from tomwizard.disk.storage import load_document
from tomwizard.languages import Language
from tomwizard.problems import ProblemsError
from tomwizard.report import Finding, ReportFormat, render
from tomwizard.report.render import printable
from tomwizard.rules.engine import check_document_rules
from tomwizard.rules.loader import RuleSet, load_rules, rule_dirs
from tomwizard.wording import Wording

_WORDS = Wording(
    "commands.check",
    {
        "rules": (
            "tomwizard: die Prüfregeln haben Fehler:",
            "tomwizard: the check rules have errors:",
        ),
        "none": ("{path}: keine Befunde", "{path}: no findings"),
        "some.1": ("{path}: 1 Befund", "{path}: 1 finding"),
        "some.n": ("{path}: {n} Befunde", "{path}: {n} findings"),
        "invalid": ("{path}: nicht lesbar, nicht geprüft", "{path}: cannot be read, not checked"),
        "silenced.1": (
            " (1 Regel für dieses Dokument stummgeschaltet)",
            " (1 rule silenced for this document)",
        ),
        "silenced.n": (
            " ({n} Regeln für dieses Dokument stummgeschaltet)",
            " ({n} rules silenced for this document)",
        ),
        "need": (
            "tomwizard check: Fehler: mindestens eine Datei angeben (oder --list-rules)",
            "tomwizard check: error: name at least one FILE (or --list-rules)",
        ),
    },
)


def run_check(args: argparse.Namespace, extra_dirs: Sequence[Path]) -> int:
    """Check every file of ``args.files`` (or list the rules); see the module's docstring."""
    lang: Language = args.lang or reader_language()
    files: list[Path] = list(args.files)
    if not files and not args.list_rules:
        print(_WORDS("need", lang), file=sys.stderr)
        return 2
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    try:
        rules = load_rules(catalogue, rule_dirs(extra_dirs))
    except ProblemsError as exc:
        print(_WORDS("rules", lang), file=sys.stderr)
        print_problems(exc.problems, lang)
        return 1
    if args.list_rules:
        sys.stdout.write(_rule_list(rules, lang, args.format))
        return 0
    findings: list[Finding] = []
    for path in files:
        try:
            loaded = load_document(path, catalogue, lang)
        except ProblemsError as exc:
            findings.extend(Finding.from_problem(p) for p in exc.problems if p.is_error)
            _summary(args.format, _WORDS("invalid", lang, path=path))
            continue
        source = loaded.source
        name = source.name if source is not None else str(path)
        found = check_document_rules(loaded.document, source, name, rules, catalogue, lang)
        findings.extend(found)
        silenced = sum(1 for rule_id in loaded.document.silenced if rule_id in rules.ids())
        summary = (
            _WORDS.count("some", lang, len(found), path=path)
            if found
            else _WORDS("none", lang, path=path)
        )
        if silenced:
            summary += _WORDS.count("silenced", lang, silenced)
        _summary(args.format, summary)
    descriptions = {loaded.rule.id: loaded.rule.message.get(lang) for loaded in rules.rules}
    format_: ReportFormat = args.format
    sys.stdout.write(render(findings, format_, __version__, descriptions=descriptions, lang=lang))
    return 1 if findings else 0


def _summary(output_format: str, line: str) -> None:
    """A line for people, in the text format only (the others are read by programs)."""
    if output_format == "text":
        print(printable(line), file=sys.stderr)


def _rule_list(rules: RuleSet, lang: Language, output_format: str) -> str:
    """The rules as a list (``--list-rules``): text lines, or JSON for the other formats."""
    if output_format != "text":
        items = [
            {
                "id": loaded.rule.id,
                "severity": loaded.rule.severity,
                "message": loaded.rule.message.get(lang),
                "source": loaded.rule.source or None,
                "help_uri": loaded.rule.help_uri or None,
                "builtin": loaded.rule.builtin,
                "file": loaded.file,
                "line": loaded.line,
            }
            for loaded in rules.rules
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for loaded in rules.rules:
        rule = loaded.rule
        source = f" ({rule.source})" if rule.source else ""
        lines.append(printable(f"{rule.id} [{rule.severity}]: {rule.message.get(lang)}{source}"))
    return "".join(line + "\n" for line in lines)
