"""Filling in a template in a process of its own, with a time and a memory limit.

A template can loop for ever (``{% for i in range(99999) %}{% for j in range(99999) %}``) or
allocate gigabytes (``{{ 'x' * 2000000000 }}``); the sandbox stops neither. So
:func:`render_checked` renders and checks the annex in a child process:

- it waits at most :data:`~tomwizard.export.limits.RENDER_TIMEOUT` seconds for the result, then
  kills the child (which also has a CPU-time limit, so it ends even if this process is killed);
- the child limits its own address space (``RLIMIT_AS``, where the system has it) to what it has
  at the start plus :data:`~tomwizard.export.limits.RENDER_MEMORY`, so a template that
  allocates too much fails with ``MemoryError`` instead of exhausting the machine;
- :func:`stop_renders` kills every child still running: the wizard calls it when it quits, so
  quitting never waits for an export.

A single-threaded process (the command line) forks the child, which costs a few milliseconds; a
process with threads (the wizard) starts a fresh interpreter instead, since forking a process
with threads can deadlock the child. Everything the template gives back is checked in the child
too (:func:`tomwizard.export.verify.verify_annex`), so a huge or deeply nested result cannot hurt
the caller either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tomwizard.export import limits
from tomwizard.export.render import TemplateProblem, exhausted
from tomwizard.export.variables import ExportContext
from tomwizard.export.words import TEMPLATE, mib, number
from tomwizard.languages import Language


@dataclass(frozen=True)
class Checked:
    """A rendered annex and what the check found in it."""

    data: bytes
    """The .docx file."""
    unsafe: list[str] = field(default_factory=list)
    """Content the annex must not hold (DTDs, macros, links to outside targets)."""
    problems: list[str] = field(default_factory=list)
    """Damage and missing text (:func:`tomwizard.export.verify.verify_docx`)."""


@dataclass(frozen=True)
class _Job:
    template: Path
    context: ExportContext
    created: dt.date | None
    required: list[str]
    memory: int
    cpu_seconds: int
    settings: dict[str, Any]
    """The limits as the caller has them (a fresh interpreter would not see changed ones)."""
    messages: Language = "en"
    """The language of what the child says about the template and the annex."""


class _Child:
    """A running child process, started by forking or as a fresh interpreter."""

    def __init__(self, job: _Job) -> None:
        self.forked = _can_fork()
        self.stopped = False
        if self.forked:
            import multiprocessing

            from tomwizard.export.render import load_libraries

            load_libraries()  # once here, not in every child (a batch forks one per file)
            mp = multiprocessing.get_context("fork")
            self.receiver, sender = mp.Pipe(duplex=False)
            self.process: Any = mp.Process(target=_child, args=(sender, job), name="tomwizard")
            self.process.start()
            sender.close()
        else:
            # a fresh interpreter with this one's import path; what it prints goes nowhere
            command = [sys.executable, "-c", _BOOTSTRAP]
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self.payload = pickle.dumps(sys.path) + pickle.dumps(job)

    def result(self, timeout: float) -> tuple[str, Any]:
        """What the child sent; raises TimeoutError, or EOFError when it ended without."""
        if self.forked:
            if not self.receiver.poll(timeout):
                raise TimeoutError
            try:
                result: tuple[str, Any] = self.receiver.recv()
            except OSError:
                raise EOFError from None
            return result
        try:
            out, _ = self.process.communicate(self.payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TimeoutError from None
        except OSError:  # the child ended before it read what it was sent
            raise EOFError from None
        try:
            result = pickle.loads(out)
        except Exception:  # nothing, or cut off
            raise EOFError from None
        return result

    @property
    def exitcode(self) -> int | None:
        code: int | None = self.process.exitcode if self.forked else self.process.poll()
        return code

    def kill(self) -> None:
        """Kill the child if it still runs (from any thread: the waiting one then sees it)."""
        with contextlib.suppress(OSError, ValueError):
            if self.exitcode is None:
                self.process.kill()

    def stop(self) -> None:
        """Kill the child (if it still runs) and reap it; only by the thread that started it."""
        self.kill()
        with contextlib.suppress(OSError, ValueError):
            if self.forked:
                self.process.join(5)
                self.receiver.close()
            else:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(5)
                for stream in (self.process.stdin, self.process.stdout):
                    if stream is not None:
                        with contextlib.suppress(OSError):
                            stream.close()


_BOOTSTRAP = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from tomwizard.export.isolation import child_main; child_main()"
)
_running: set[_Child] = set()
_lock = threading.Lock()


def render_checked(
    template: Path,
    context: ExportContext,
    created: dt.date | None = None,
    required: Sequence[str] = (),
    *,
    messages: Language = "en",
) -> Checked:
    """Render ``template`` with ``context`` and check the result, in a child process under the
    limits of :mod:`tomwizard.export.limits`. Raises :class:`TemplateProblem` when the template
    cannot be used, takes too long or needs too much memory, and ``RuntimeError`` for a bug;
    what is wrong (also in :class:`Checked`) is said in ``messages``."""

    def problem(key: str, **values: object) -> TemplateProblem:
        return TemplateProblem(template, TEMPLATE(key, messages, **values), lang=messages)

    timeout = limits.RENDER_TIMEOUT
    job = _Job(
        template,
        context,
        created,
        list(required),
        limits.RENDER_MEMORY,
        math.ceil(timeout) + 2,
        {name: getattr(limits, name) for name in dir(limits) if name.isupper()},
        messages,
    )
    try:
        child = _Child(job)
    except (OSError, ValueError) as exc:
        raise problem("no_process", reason=exc) from None
    with _lock:
        _running.add(child)
    try:
        kind, payload = child.result(timeout)
    except TimeoutError:
        raise problem("timeout", seconds=number(timeout, messages)) from None
    except EOFError:
        child.stop()
        if child.stopped:
            raise problem("stopped") from None
        limit = mib(limits.RENDER_MEMORY, messages)
        raise problem("no_result", code=child.exitcode, limit=limit) from None
    finally:
        child.stop()
        with _lock:
            _running.discard(child)
    if kind == "template":
        path, message, near = payload
        raise TemplateProblem(Path(path), message, near, messages)
    if kind == "internal":
        raise RuntimeError(payload)
    assert isinstance(payload, Checked)
    return payload


def stop_renders() -> None:
    """Kill every rendering process still running (their exports fail with "stopped")."""
    with _lock:
        children = list(_running)
    for child in children:
        child.stopped = True
        child.kill()


def _can_fork() -> bool:
    """Whether forking is safe and cheap here: on Linux, in a process without other threads
    that is no daemon (a daemon may not have child processes)."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        return False
    methods = multiprocessing.get_all_start_methods()
    return sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1


# --- in the child ---------------------------------------------------------------------------


def _child(connection: Connection | _PipeWriter, job: _Job) -> None:
    _quiet()
    for name, value in job.settings.items():
        setattr(limits, name, value)
    _limit(job.memory, job.cpu_seconds)
    result: tuple[str, Any]
    try:
        result = ("ok", _work(job))
    except TemplateProblem as exc:
        result = ("template", (str(exc.template), exc.message, exc.near))
    except (MemoryError, RecursionError) as exc:
        result = ("template", (str(job.template), exhausted(exc, job.messages), []))
    except BaseException as exc:  # a bug: reported as such by the caller
        result = ("internal", f"{type(exc).__name__}: {exc}")
    try:
        connection.send(result)
    except MemoryError:
        message = exhausted(MemoryError(), job.messages)
        connection.send(("template", (str(job.template), message, [])))
    connection.close()


def child_main() -> None:
    """The fresh interpreter's side: the job from stdin, the result to stdout."""
    job = pickle.load(sys.stdin.buffer)
    out = os.fdopen(os.dup(1), "wb")  # kept: _child points stdout itself at nothing
    _child(_PipeWriter(out), job)


class _PipeWriter:
    """Sends the result down a byte stream, as :class:`Connection` does down a pipe."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def send(self, value: Any) -> None:
        self.stream.write(pickle.dumps(value))
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def _work(job: _Job) -> Checked:
    from tomwizard.export.render import render
    from tomwizard.export.verify import verify_annex

    rendered = render(job.template, job.context, job.created, job.messages)
    unsafe, problems = verify_annex(rendered.data, rendered.shown, job.required, job.messages)
    return Checked(rendered.data, unsafe, problems)


def _quiet() -> None:
    """Nothing the child prints may reach the terminal (the wizard draws on it)."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)


def _limit(memory: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return
    with contextlib.suppress(ValueError, OSError, AttributeError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(ValueError, OSError, AttributeError):
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = cpu_seconds if hard == resource.RLIM_INFINITY else min(cpu_seconds, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    current = _address_space()
    if current is None:
        return
    with contextlib.suppress(ValueError, OSError, AttributeError):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = current + memory
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """This process's address space in bytes (Linux), or None where it cannot be known."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")
