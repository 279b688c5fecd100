"""``tomwizard diff OLD NEW`` and ``tomwizard show FILE``.

``diff`` exits like diff(1): 0 when the files mean the same, 1 when they differ, 2 for trouble
(a usage error, a file that cannot be read or has errors, the catalogue). Either file may be
``-`` for standard input (read with the size limit of every answers file, shown as
``<stdin>``), so ``git show HEAD~1:tom.toml | tomwizard diff - tom.toml`` works. ``-o OUT``
writes atomically, owner-only (0600), never over OLD or NEW. ``--format docx`` writes the change
notice to the controller (:mod:`tomwizard.changes.notice`), checked like an export (exit 3 for a
template that cannot be used, 4 when text would be missing).

``show`` prints the listing of :mod:`tomwizard.changes.summary`, for git's ``textconv``.

``--lang`` chooses the language of the words (the changes, the listing); without it they are in
the document's language, and what the commands say about the files (problems, why nothing was
written) is in the interface language of the settings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, print_problems, reader_language
from tomwizard.disk.storage import LoadedDocument, load_document, parse_document
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlread.file import MAX_FILE_BYTES
from tomwizard.wording import Wording

if TYPE_CHECKING:
    from tomwizard.changes.render import Compared

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2
STDIN = "<stdin>"

_SAY = Wording(
    "diff",
    {
        "stdin_twice": (
            "tomwizard diff: nur eines von OLD und NEW kann '-' (die Standardeingabe) sein",
            "tomwizard diff: only one of OLD and NEW can be '-' (standard input)",
        ),
        "docx_needs_output": (
            "tomwizard diff: --format docx braucht -o OUT (eine .docx-Datei)",
            "tomwizard diff: --format docx needs -o OUT (a .docx file)",
        ),
        "stdin_unreadable": (
            "die Standardeingabe lässt sich nicht lesen: {reason}",
            "cannot read standard input: {reason}",
        ),
        "stdin_too_large": (
            "größer als {limit} MiB; wird nicht gelesen",
            "larger than {limit} MiB; refusing to read it",
        ),
        "is_folder": ("tomwizard: {path}: ist ein Ordner", "tomwizard: {path}: is a folder"),
        "cannot_write": (
            "tomwizard: {path}: die Datei kann nicht geschrieben werden ({reason})",
            "tomwizard: {path}: cannot write the file ({reason})",
        ),
        "unchanged": (
            "tomwizard diff: nichts, was die Anlage druckt, hat sich geändert; keine "
            "Änderungsmitteilung geschrieben",
            "tomwizard diff: nothing the annex prints has changed; no change notice written",
        ),
        "notice_suffix": (
            "tomwizard: {path}: die Änderungsmitteilung muss auf .docx enden",
            "tomwizard: {path}: the change notice must end in .docx",
        ),
        "notice_written": (
            "{path}: Änderungsmitteilung geschrieben",
            "{path}: change notice written",
        ),
    },
)


def read_input(path: Path, catalogue: Catalogue, lang: Language | None = None) -> LoadedDocument:
    """The answers file ``path`` (``-``: standard input, at most :data:`MAX_FILE_BYTES`);
    raises :class:`ProblemsError` (worded in ``lang``, default English) when it cannot be
    used."""
    if str(path) != "-":
        return load_document(path, catalogue, lang)
    said: Language = lang or "en"
    try:
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:
        message = _SAY("stdin_unreadable", said, reason=exc)
        raise ProblemsError.single(STDIN, message) from None
    if len(raw) > MAX_FILE_BYTES:
        message = _SAY("stdin_too_large", said, limit=MAX_FILE_BYTES // 2**20)
        raise ProblemsError.single(STDIN, message)
    return parse_document(raw, STDIN, catalogue, lang)


def _load_both(
    args: argparse.Namespace, catalogue: Catalogue
) -> tuple[LoadedDocument, LoadedDocument] | None:
    loaded: list[LoadedDocument] = []
    problems: list[Problem] = []
    messages: Language = args.lang or reader_language()
    for path in (args.old, args.new):
        try:
            loaded.append(read_input(path, catalogue, messages))
        except ProblemsError as exc:
            problems.extend(exc.problems)
    if problems:
        print_problems(problems, messages)
        return None
    return loaded[0], loaded[1]


def _name(path: Path) -> str:
    return STDIN if str(path) == "-" else str(path)


def run_diff(args: argparse.Namespace, extra_dirs: Sequence[Path]) -> int:
    """Compare OLD and NEW; print or write the changes in ``args.format``."""
    from tomwizard.changes import compare
    from tomwizard.changes.render import Compared, Side
    from tomwizard.changes.words import Wording

    messages: Language = args.lang or reader_language()
    if str(args.old) == "-" and str(args.new) == "-":
        print(_SAY("stdin_twice", messages), file=sys.stderr)
        return EXIT_TROUBLE
    if args.format == "docx" and args.output is None and sys.stdout.isatty():
        print(_SAY("docx_needs_output", messages), file=sys.stderr)
        return EXIT_TROUBLE
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return EXIT_TROUBLE
    both = _load_both(args, catalogue)
    if both is None:
        return EXIT_TROUBLE
    old, new = both
    lang: Language = args.lang or new.document.document.language
    changes = compare(old.document, new.document, catalogue)
    if args.format == "docx":
        status = _notice(args, catalogue, old, new, lang, messages)
        return status or (EXIT_DIFFERENT if changes else EXIT_SAME)
    sides = [
        Side(_name(path), loaded.document, loaded.source.spans if loaded.source else None)
        for path, loaded in ((args.old, old), (args.new, new))
    ]
    compared = Compared(
        sides[0], sides[1], changes, Wording(catalogue, old.document, new.document, lang)
    )
    status = _emit(args, _formatted(compared, args.format), messages)
    if status:
        return status
    return EXIT_DIFFERENT if changes else EXIT_SAME


def _formatted(compared: Compared, fmt: str) -> str:
    from tomwizard import __version__
    from tomwizard.changes import render
    from tomwizard.report import render as report

    if fmt == "json":
        return render.render_json(compared)
    if fmt == "markdown":
        return render.render_markdown(compared)
    if fmt == "github":
        return report(render.findings(compared, STDIN), "github", __version__)
    if fmt == "sarif":
        return report(
            render.findings(compared, STDIN),
            "sarif",
            __version__,
            descriptions=render.rule_descriptions(compared),
        )
    return render.render_text(compared)


def _emit(args: argparse.Namespace, text: str, messages: Language) -> int:
    """Print ``text``, or write it to ``-o OUT``; a trouble exit code if that fails."""
    if args.output is None:
        sys.stdout.write(text)
        return 0
    return write_output(args.output, text.encode("utf-8"), (args.old, args.new), messages)


def write_output(
    output: Path, data: bytes, inputs: Sequence[Path], messages: Language = "en"
) -> int:
    """Write ``data`` to ``output`` atomically (0600), never over one of ``inputs``; why not
    is printed in ``messages``."""
    from tomwizard.disk.storage import write_atomic
    from tomwizard.export.exporter import ExportFailed, check_paths
    from tomwizard.export.words import OUTPUT

    what = OUTPUT("input", messages)
    try:
        check_paths([output], {path: what for path in inputs if str(path) != "-"}, messages)
    except ExportFailed as exc:
        print(f"tomwizard: {exc.message}", file=sys.stderr)
        return EXIT_TROUBLE
    if output.is_dir():
        print(_SAY("is_folder", messages, path=output), file=sys.stderr)
        return EXIT_TROUBLE
    try:
        write_atomic(output, data)
    except OSError as exc:
        reason = exc.strerror or exc
        print(_SAY("cannot_write", messages, path=output, reason=reason), file=sys.stderr)
        return EXIT_TROUBLE
    return 0


EXIT_CODES = {"template": 3, "check": 4}
"""Exit codes of a change notice that cannot be made, as ``export`` has them."""


def _notice(
    args: argparse.Namespace,
    catalogue: Catalogue,
    old: LoadedDocument,
    new: LoadedDocument,
    lang: Language,
    messages: Language,
) -> int:
    """Write the change notice in ``lang`` (none when nothing the annex prints changed),
    saying what happened in ``messages``; a trouble exit code, or 0."""
    from tomwizard.answers.english import untranslated_problems
    from tomwizard.changes.notice import build_notice
    from tomwizard.changes.notice_docx import render_notice
    from tomwizard.export.exporter import ExportFailed

    notice = build_notice(old.document, new.document, catalogue, lang)
    if notice.empty:
        print(_SAY("unchanged", messages), file=sys.stderr)
        return 0
    if notice.untranslated:
        untranslated = untranslated_problems(
            notice.untranslated, new.source, _name(args.new), lang=messages
        )
        print_problems(untranslated, messages)
    if args.output is not None and args.output.suffix.lower() != ".docx":
        print(_SAY("notice_suffix", messages, path=args.output), file=sys.stderr)
        return EXIT_TROUBLE
    try:
        data = render_notice(notice, new.document.document.date, messages)
    except ExportFailed as exc:
        print(f"tomwizard: {exc}", file=sys.stderr)
        return EXIT_CODES.get(exc.kind, EXIT_TROUBLE)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        status = write_output(args.output, data, (args.old, args.new), messages)
        if status:
            return status
        print(_SAY("notice_written", messages, path=args.output), file=sys.stderr)
    return 0


def run_show(args: argparse.Namespace, extra_dirs: Sequence[Path]) -> int:
    """Print the readable listing of one answers file."""
    from tomwizard.changes.summary import render_summary

    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    messages: Language = args.lang or reader_language()
    try:
        loaded = read_input(args.file, catalogue, messages)
    except ProblemsError as exc:
        if getattr(args, "textconv", False):
            return _show_raw(args.file, exc.problems, messages)
        print_problems(exc.problems, messages)
        return 1
    lang: Language = args.lang or loaded.document.document.language
    sys.stdout.write(render_summary(loaded.document, catalogue, lang))
    return 0


def _show_raw(path: Path, problems: Sequence[Problem], lang: Language) -> int:
    """``show --textconv`` of a file that is no valid answers file: its problems as lines
    starting with ``#``, then its text as it is (control codes escaped); exit 0, so that git
    shows this version instead of stopping."""
    from tomwizard.disk.files import read_regular
    from tomwizard.report.render import printable

    lines = [f"# {printable(problem.text(lang))}" for problem in problems]
    if str(path) != "-":  # standard input was read already
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            raw = b""
        lines.append(printable(raw.decode("utf-8", "replace"), keep_newlines=True).rstrip("\n"))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
