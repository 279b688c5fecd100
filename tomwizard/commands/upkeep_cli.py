"""The commands that keep a TOM current: their arguments and their dispatch.

``diff`` and ``show`` compare and summarise answers files, ``merge`` is a git merge driver and
``check`` finds outdated or contradictory measures. Like every command, each implementation
module is imported only when its command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

REPORT_FORMATS = ("text", "json", "github", "sarif")
"""Output formats of the commands that report findings (validate, check)."""
DIFF_FORMATS = ("text", "json", "markdown", "docx", "github", "sarif")
"""Output formats of ``diff``: the findings' formats and a change notice (markdown, docx)."""

CommandFactory = Callable[..., argparse.ArgumentParser]


def input_path(text: str) -> Path:
    """A file argument; ``-`` stands for standard input."""
    return Path(text)


def add_upkeep_commands(command: CommandFactory, common: argparse.ArgumentParser) -> None:
    """Add ``diff``, ``show``, ``merge`` and ``check`` to the parser of ``command``."""
    diff = command(
        "diff",
        "show what changed between two answers files, by category and measure",
        "Show the changes between two answers files by category and measure, in catalogue "
        "order: measures added or removed, status, target dates, reasons, values, remarks, own "
        "measures, providers, document details and history. Reordering or reformatting alone "
        "is no change. Either file may be '-' (standard input). --format docx writes a change "
        "notice to the controller.",
        parents=[common],
    )
    diff.add_argument("old", type=input_path, metavar="OLD")
    diff.add_argument("new", type=input_path, metavar="NEW")
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text")
    diff.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write to OUT instead of standard output"
    )
    diff.add_argument(
        "--lang", choices=["de", "en"], help="language of the words (default: NEW's document)"
    )

    show = command(
        "show",
        "print a stable, readable summary of an answers file (for git's textconv)",
        parents=[common],
    )
    show.add_argument("file", type=input_path, metavar="FILE")
    show.add_argument(
        "--lang", choices=["de", "en"], help="language of the words (default: the document's)"
    )
    show.add_argument(
        "--textconv",
        action="store_true",
        help="for git: a file that cannot be read as an answers file is printed as it is, "
        "after its problems, and the exit code stays 0 (so git diff never stops there)",
    )

    merge = command(
        "merge",
        "merge two edits of an answers file (a git merge driver)",
        "Three-way merge of answers files, for git: BASE is the common ancestor, OURS and "
        "THEIRS the two edited versions. The result is written into OURS in canonical form. "
        "Where both sides changed a value differently OURS is kept and the conflict recorded "
        "in the file ([[conflicts]]), shown by validate and the wizard. BASE may be empty "
        "(no common ancestor).",
        parents=[common],
    )
    merge.add_argument("base", type=Path, metavar="BASE")
    merge.add_argument("ours", type=Path, metavar="OURS")
    merge.add_argument("theirs", type=Path, metavar="THEIRS")
    merge.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="the file's name in messages (git's %%P); default: OURS",
    )
    merge.add_argument(
        "--discard-comments",
        action="store_true",
        help="merge files with comments although the result cannot keep them",
    )

    check = command(
        "check",
        "find outdated or contradictory measures (rules kept as data)",
        "Apply the check rules to answers files: periodic password changes, short minimum "
        "lengths, missing second factors, backups without restore tests, unencrypted devices, "
        "planned measures past their date, contradictions between answers. The rules are in "
        "questions/rules/ and in rules/ of every catalogue folder; a document silences a rule "
        'with [silenced.RULE-ID] reason = "...".',
        parents=[common],
    )
    check.add_argument("files", type=Path, nargs="*", metavar="FILE")
    check.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help="text lines (default), json, GitHub annotations or SARIF 2.1.0",
    )
    check.add_argument(
        "--lang",
        choices=["de", "en"],
        help="language of the messages (default: the interface language of the settings)",
    )
    check.add_argument(
        "--list-rules",
        action="store_true",
        help="list the rules (id, severity, message, source) instead of checking files",
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """``--format`` and ``--strict`` of ``validate``."""
    parser.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help="text (default: problems and completeness, for people), or only the findings as "
        "json (with each file's completeness), github (workflow annotations) or sarif",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on warnings too, and on an incomplete document marked final",
    )


def dispatch_upkeep(args: argparse.Namespace, extra: Sequence[Path]) -> int | None:
    """Run ``args.command`` if it is one of this module's; None if it is not."""
    runners: dict[str, Callable[[argparse.Namespace, Sequence[Path]], int]] = {
        "diff": _diff,
        "show": _show,
        "merge": _merge,
        "check": _check,
    }
    runner = runners.get(args.command)
    return None if runner is None else runner(args, extra)


def _diff(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    from tomwizard.commands.diff import run_diff

    return run_diff(args, extra)


def _show(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    from tomwizard.commands.diff import run_show

    return run_show(args, extra)


def _merge(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    from tomwizard.commands.merge import run_merge

    return run_merge(args, extra)


def _check(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    from tomwizard.commands.check import run_check

    return run_check(args, extra)
