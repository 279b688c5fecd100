"""``tomwizard merge BASE OURS THEIRS [PATH]``: git's merge driver for answers files.

Git calls it with three temporary files (``%O %A %B``) and takes what it leaves in OURS (``%A``)
as the result; ``%P``, the file's name in the repository, names it in messages. Exit codes as git
reads them: 0 merged cleanly, 1 merged with conflicts (recorded in the file, which keeps ours
there), 2 nothing merged — an input is unreadable or invalid, or would lose its comments — and
OURS untouched, so git reports a conflict and the user merges by hand.

OURS is replaced atomically (mode 0600) but without the ``.bak`` an interactive save leaves:
git's temporary file lies in the working tree, where a backup would stay behind as an untracked
file; git itself keeps every side of the merge.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, print_problems, reader_language
from tomwizard.disk.files import read_regular, write_atomic
from tomwizard.disk.storage import LoadedDocument, parse_document
from tomwizard.merging import MergeResult, merge_documents
from tomwizard.merging.threeway import same
from tomwizard.problems import Problem, ProblemsError
from tomwizard.report.render import printable
from tomwizard.tomlread.file import read_toml
from tomwizard.tomlread.spans import scan
from tomwizard.wording import Wording

EXIT_MERGED, EXIT_CONFLICTS, EXIT_NOT_MERGED = 0, 1, 2

_SAY = Wording(
    "merge",
    {
        "kept": (
            "unsere Version behalten ({ours}), ihre Version: {theirs}",
            "kept ours ({ours}), theirs had {theirs}",
        ),
        "kept_theirs": (
            "Dienstleister behalten, weil Maßnahmen ihn nennen ({theirs}); unsere Version hatte "
            "ihn entfernt",
            "kept theirs ({theirs}) as measures name this provider; ours had removed it",
        ),
        "removed": ("entfernt", "removed"),
        "summary.1": (
            "{name}: 1 Konflikt in [[conflicts]] vermerkt, dort gilt vorerst unsere Version. "
            "Den Wert entscheiden, danach seinen [[conflicts]]-Eintrag löschen.",
            "{name}: 1 conflict recorded in [[conflicts]]; the file keeps ours there for now. "
            "Decide the value, then delete its [[conflicts]] entry.",
        ),
        "summary.n": (
            "{name}: {n} Konflikte in [[conflicts]] vermerkt, dort gilt vorerst unsere Version. "
            "Jeden Wert entscheiden, danach seinen [[conflicts]]-Eintrag löschen.",
            "{name}: {n} conflicts recorded in [[conflicts]]; the file keeps ours there for "
            "now. Decide each value, then delete its [[conflicts]] entry.",
        ),
        "comments": (
            "enthält Kommentare, die das Zusammenführen nicht übernehmen kann (das Ergebnis "
            "wird in der kanonischen Form geschrieben); Kommentare in die Notizfelder "
            "übertragen oder mit --discard-comments zusammenführen",
            "contains comments, which a merge cannot keep (the result is written in canonical "
            "form); move them into the note fields, or merge with --discard-comments",
        ),
        "untouched": (
            "{name}: nicht zusammengeführt, unsere Version ist unverändert",
            "{name}: not merged; ours is unchanged",
        ),
        "merged_invalid": (
            "das Ergebnis wäre ungültig; bitte als Fehler melden",
            "the result would be invalid; please report this as a bug",
        ),
        "changed": (
            "wurde während des Zusammenführens geändert",
            "was changed while merging",
        ),
        "write": ("kann nicht geschrieben werden: {reason}", "cannot be written: {reason}"),
    },
)
_SHOWN = 60
"""Characters of a value shown in a conflict's line (the file holds all of it)."""


def run_merge(args: argparse.Namespace, extra_dirs: Sequence[Path]) -> int:
    """Merge ``args.theirs`` into ``args.ours`` (both edited from ``args.base``)."""
    lang = reader_language()
    name = str(args.path or args.ours)
    labels = (f"{name} (BASE)", name, f"{name} (THEIRS)") if args.path else (None, None, None)
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return _not_merged(lang, name)
    sides: list[LoadedDocument | None] = []
    problems: list[Problem] = []
    for index, path in enumerate((args.base, args.ours, args.theirs)):
        try:
            sides.append(_read(path, labels[index], catalogue, lang, may_be_empty=index == 0))
        except ProblemsError as exc:  # every side's problems at once
            problems += exc.problems
    if problems:
        print_problems(problems, lang)
        return _not_merged(lang, name)
    base, ours, theirs = sides
    assert ours is not None and theirs is not None
    commented = [side for side in (ours, theirs) if side.has_comments]
    if commented and not args.discard_comments:
        comments = [Problem(_name(side), None, "", _SAY("comments", lang)) for side in commented]
        print_problems(comments, lang)
        return _not_merged(lang, name)
    ancestor = None if base is None else base.document
    try:
        result = merge_documents(ancestor, ours.document, theirs.document, catalogue)
    except ValidationError:  # a combination no side had: never expected
        print_problems([Problem(name, None, "", _SAY("merged_invalid", lang))], lang)
        return _not_merged(lang, name)
    text = dumps(result.document, catalogue)
    problem = _written_problem(args.ours, ours, result.document, text, name, catalogue, lang)
    if problem is not None:
        print_problems([problem], lang)
        return _not_merged(lang, name)
    if not result.conflicts:
        return EXIT_MERGED
    print_problems(_conflict_lines(result, text, name, lang), lang)
    print(_SAY.count("summary", lang, len(result.conflicts), name=name), file=sys.stderr)
    return EXIT_CONFLICTS


def _read(
    path: Path,
    label: str | None,
    catalogue: Catalogue,
    lang: Language,
    *,
    may_be_empty: bool = False,
) -> LoadedDocument | None:
    """``path`` loaded and checked, problems (in ``lang``) naming it ``label`` (default: its
    path); None for an ancestor that is missing or empty (git passes an empty file when there
    is none)."""
    if may_be_empty and (path == Path(os.devnull) or not os.path.lexists(path)):
        return None
    try:
        source = read_toml(path, lang=lang)
        if may_be_empty and not source.data:
            return None
        return parse_document(source.raw, label or str(path), catalogue, lang)
    except ProblemsError as exc:
        if label is None:
            raise
        named = [
            dataclasses.replace(p, file=label) if p.file == str(path) else p for p in exc.problems
        ]
        raise ProblemsError(named) from None


def _name(loaded: LoadedDocument) -> str:
    return loaded.source.name if loaded.source is not None else ""


def _written_problem(
    path: Path,
    ours: LoadedDocument,
    merged: AnswersDocument,
    text: str,
    name: str,
    catalogue: Catalogue,
    lang: Language,
) -> Problem | None:
    """Write ``text``, the TOML of ``merged``, over OURS once it reads back as ``merged``
    (without errors) and OURS is still what was read; the reason why not as a problem, else
    None."""
    try:
        again = parse_document(text.encode("utf-8"), name, catalogue, lang).document
    except ProblemsError as exc:
        print_problems(exc.problems, lang)
        again = None
    if again is None or not same(again.model_dump(), merged.model_dump()):
        return Problem(name, None, "", _SAY("merged_invalid", lang))
    target = Path(os.path.realpath(path))
    try:
        read = ours.source.raw if ours.source is not None else None
        unchanged = read is not None and read_regular(target, len(read) + 1) == read
        if not unchanged:
            return Problem(name, None, "", _SAY("changed", lang))
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        return Problem(name, None, "", _SAY("write", lang, reason=exc.strerror or exc))
    return None


def _conflict_lines(result: MergeResult, text: str, name: str, lang: Language) -> list[Problem]:
    """One ``NAME:LINE: key: message`` per conflict, at the key's line in the merged file."""
    spans = scan(text)
    lines = []
    for path, conflict in result.conflicts:
        key = "kept_theirs" if path in result.kept_theirs else "kept"
        message = _SAY(
            key, lang, ours=_shown(conflict.ours, lang), theirs=_shown(conflict.theirs, lang)
        )
        lines.append(Problem(name, spans.line_of(path), printable(conflict.key), message))
    return lines


def _shown(value: str, lang: Language) -> str:
    """A conflict's TOML value for a terminal line: shortened, without control codes."""
    if not value:
        return _SAY("removed", lang)
    value = printable(value)
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def _not_merged(lang: Language, name: str) -> int:
    print(_SAY("untouched", lang, name=name), file=sys.stderr)
    return EXIT_NOT_MERGED
