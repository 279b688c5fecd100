"""``tomwizard export FILE``: the Word annex (and optionally a PDF) of an answers file.

What it prints about the files is in the reader's language (the interface language of the
settings): ``--lang`` is the language of the annex, which need not be the reader's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from tomwizard.answers.english import untranslated_problems
from tomwizard.answers.progress import missing_required
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import Language
from tomwizard.commands import load_catalogue_or_report, reader_language
from tomwizard.commands.export_words import SAY as _SAY
from tomwizard.disk.storage import load_document
from tomwizard.export.exporter import ExportFailed, default_output, export_document
from tomwizard.problems import ProblemsError
from tomwizard.tomlread.file import read_toml

EXIT_CODES = {"template": 3, "check": 4, "output": 1, "pdf": 5}
"""Exit code by kind of failure; 1 is also used for an answers file with errors."""
EXIT_INCOMPLETE_FINAL = 6
"""A document marked final misses required answers (and ``--draft`` was not given)."""


def run_export(
    files: Sequence[Path],
    extra_dirs: Sequence[Path],
    *,
    output: Path | None,
    template: str,
    lang: Language | None,
    pdf: bool,
    jobs: int | None = None,
    draft: bool = False,
    messages: Language | None = None,
) -> int:
    """Export every file (folders stand for the ``*.toml`` files in them); several files are
    exported in parallel by ``jobs`` processes (default: one per core). The exit code is that of
    a failure, 0 if all succeeded. Each file's result is printed (and flushed) as soon as it and
    those before it are done; with several files a summary line ends the output. What is
    printed, and the catalogue's labels in problems, is in ``messages`` (default: the interface
    language of the settings)."""
    said = messages or reader_language()
    paths, status = _expand(files, said)
    if not paths:
        return status
    catalogue = load_catalogue_or_report(extra_dirs)
    if catalogue is None:
        return 1
    options = _Options(
        output=output,
        template=template,
        lang=lang,
        pdf=pdf,
        draft=draft,
        inputs=tuple(paths),
        messages=said,
    )
    total = len(paths)
    clashes = shared_targets(paths, options)
    for path, (target, others) in clashes.items():
        names = ", ".join(str(other) for other in others)
        print(_SAY("clash", said, path=path, target=target, others=names), file=sys.stderr)
        status = 1
    paths = [path for path in paths if path not in clashes]
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    outcomes: Iterable[_Outcome]
    if not paths:
        outcomes = ()
    elif workers <= 1:
        outcomes = (_export_one(path, catalogue, options) for path in paths)
    else:
        outcomes = _export_parallel(paths, options, list(extra_dirs), workers)
    failed = len(clashes)
    for outcome in outcomes:
        status = _report(outcome) or status
        failed += outcome.status != 0
    if total > 1:
        summary = _SAY("summary", said, done=total - failed, total=total)
        if failed:
            summary += _SAY("failed", said, failed=failed)
        print(summary, file=sys.stderr, flush=True)
    return status


def _export_parallel(
    paths: Sequence[Path], options: _Options, extra_dirs: list[Path], workers: int
) -> Iterator[_Outcome]:
    """The outcome of every file, in order, exported by a pool of ``workers`` processes.

    A worker process that dies (killed by a signal, ``os._exit``, out of memory) breaks the
    whole pool: every unfinished file then fails with :class:`BrokenProcessPool`, whichever
    worker died. So the first file that failed like that is exported again alone, in a pool of
    its own: if that one dies too, the file is reported as not exported; the files after it that
    had not finished go to a new pool."""
    finished: dict[int, _Outcome] = {}
    start = 0  # the first file whose outcome was not yet given
    while start < len(paths):
        todo = [i for i in range(start, len(paths)) if i not in finished]
        broken = None
        with _pool(min(workers, len(todo)), extra_dirs) as pool:
            futures = {i: pool.submit(_export_in_worker, paths[i], options) for i in todo}
            for index in range(start, len(paths)):
                if index in finished:
                    outcome = finished.pop(index)
                else:
                    try:
                        outcome = futures[index].result()
                    except BrokenProcessPool:
                        broken = index
                        break
                start = index + 1
                yield outcome
            if broken is not None:  # keep what finished before the pool broke
                for index, future in futures.items():
                    done = future.done() and not future.cancelled()
                    if index > broken and done and future.exception() is None:
                        finished[index] = future.result()
        if broken is not None:
            yield _export_alone(paths[broken], options, extra_dirs)
            start = broken + 1


def _export_alone(path: Path, options: _Options, extra_dirs: list[Path]) -> _Outcome:
    """Export ``path`` in a worker of its own; report it if that worker dies too."""
    with _pool(1, extra_dirs) as pool:
        try:
            return pool.submit(_export_in_worker, path, options).result()
        except BrokenProcessPool:
            return _Outcome(err=[_SAY("ended", _said(options), path=path)], status=1)


def _pool(workers: int, extra_dirs: list[Path]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(extra_dirs,)
    )


def _expand(files: Sequence[Path], lang: Language) -> tuple[list[Path], int]:
    """The answers files to export: files as given, folders replaced by their ``*.toml``; a
    file named twice (also as part of a folder) once."""
    paths: list[Path] = []
    seen: set[str] = set()
    status = 0
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                print(_SAY("empty", lang, path=path), file=sys.stderr)
                status = 1
        else:
            found = [path]
        for one in found:
            if (real := os.path.realpath(one)) not in seen:
                seen.add(real)
                paths.append(one)
    return paths, status


def shared_targets(paths: Sequence[Path], options: _Options) -> dict[Path, tuple[Path, list[Path]]]:
    """The answers files whose annexes would be written to the same file, each with that file
    and the others: none of them is exported, so that no annex replaces another one of the
    same run. With ``--lang`` a name says the language only when it is not the document's, so
    ``tom.toml`` (German) and ``tom.en.toml`` (English) would both become ``tom.en.docx``. A file
    that cannot be read, and a target that is one of the answers files, are left to the
    export, which reports them (and writes nothing)."""
    inputs = {os.path.realpath(path) for path in paths}
    by_target: dict[str, list[Path]] = {}
    targets: dict[str, Path] = {}
    for path in paths:
        target = _planned_target(path, options)
        if target is not None and (key := os.path.realpath(target)) not in inputs:
            targets[key] = target
            by_target.setdefault(key, []).append(path)
    return {
        path: (targets[key], [other for other in group if other is not path])
        for key, group in by_target.items()
        if len(group) > 1
        for path in group
    }


def _planned_target(path: Path, options: _Options) -> Path | None:
    """Where the annex of ``path`` will be written (None: the file cannot be read)."""
    if options.output is not None:
        return options.output
    document_lang: Language | None = None
    if options.lang is not None:  # only then the name depends on the document's language
        try:
            data = read_toml(path).data
        except ProblemsError:
            return None
        document = data.get("document")
        language = document.get("language") if isinstance(document, dict) else None
        document_lang = "en" if language == "en" else "de"  # the model's default is German
    return default_output(path, options.template, options.lang, document_lang)


@dataclass(frozen=True)
class _Options:
    output: Path | None
    template: str
    lang: Language | None
    pdf: bool
    draft: bool = False
    inputs: tuple[Path, ...] = ()
    """Every answers file of the run: no export may be written over one of them."""
    messages: Language | None = None
    """The language of what is printed and of the catalogue's labels in problems (``None``:
    the interface language of the settings)."""


def _said(options: _Options) -> Language:
    return options.messages or reader_language()


@dataclass(frozen=True)
class _Outcome:
    """What exporting one file printed, and its exit code (collected, so that parallel exports
    print in order)."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    status: int = 0


def _export_one(path: Path, catalogue: Catalogue, options: _Options) -> _Outcome:
    out: list[str] = []
    err: list[str] = []
    said = _said(options)
    try:
        loaded = load_document(path, catalogue, said)
    except ProblemsError as exc:
        err.extend(p.text(said) for p in exc.problems)
        err.append(_SAY("errors", said, path=path))
        return _Outcome(out, err, 1)
    err.extend(p.text(said) for p in loaded.warnings)
    missing = missing_required(loaded.document, catalogue, loaded.source, said)
    final = loaded.document.document.status == "final" and not options.draft
    if missing and final:
        err.extend(p.text(said) for p in missing)
        err.append(_SAY.count("final", said, len(missing), path=path))
        return _Outcome(out, err, EXIT_INCOMPLETE_FINAL)
    if missing:
        err.append(_SAY.count("draft", said, len(missing), path=path))
    target = options.output or default_output(
        path, options.template, options.lang, loaded.document.document.language
    )
    try:
        result = export_document(
            loaded.document,
            catalogue,
            target,
            template=options.template,
            lang=options.lang,
            pdf=options.pdf,
            source=path,
            draft=options.draft,
            inputs=options.inputs,
            messages=said,
        )
    except ExportFailed as exc:
        err.append(f"tomwizard: {exc}")
        if exc.kind == "pdf":
            out.append(_SAY("wrote", said, path=target))
        return _Outcome(out, err, EXIT_CODES[exc.kind])
    untranslated = untranslated_problems(result.untranslated, loaded.source, str(path), lang=said)
    err.extend(p.text(said) for p in untranslated)
    out.append(_SAY("wrote", said, path=result.docx))
    if result.pdf is not None:
        out.append(_SAY("wrote", said, path=result.pdf))
        from tomwizard.export.pdf import template_font_missing

        if template_font_missing():
            err.append(_SAY("font", said, pdf=result.pdf))
    return _Outcome(out, err)


def _report(outcome: _Outcome) -> int:
    for line in outcome.err:
        print(line, file=sys.stderr, flush=True)
    for line in outcome.out:
        print(line, flush=True)
    return outcome.status


_worker_catalogue: Catalogue | None = None


def _start_worker(extra_dirs: list[Path]) -> None:
    """Load the catalogue once per worker process."""
    global _worker_catalogue
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import extra_catalogue_dirs

    _worker_catalogue = load_catalogue(extra_catalogue_dirs(extra_dirs))


def _export_in_worker(path: Path, options: _Options) -> _Outcome:
    assert _worker_catalogue is not None, "worker started without its catalogue"
    try:
        return _export_one(path, _worker_catalogue, options)
    except Exception as exc:  # a bug in one file's export must not hide the others' results
        error = f"{exc.__class__.__name__}: {exc}"
        return _Outcome(err=[_SAY("internal", _said(options), path=path, error=error)], status=1)
