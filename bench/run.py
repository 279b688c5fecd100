"""Performance report: tomwizard measured against simple references, side by side.

Run by hand (never as a test), from anywhere; it uses the project's ``.venv``::

    python bench/run.py            # 7 runs per measurement, several minutes
    python bench/run.py --quick    # 3 runs, about a minute or two

Every measurement is a ratio: tomwizard's cost divided by the cost of a reference that does the
least a program of its kind must do, measured in the same run on the same machine. Ratios stay
comparable across machines where absolute times do not. The two sides of a ratio run
alternately (the order swapped every round, after a discarded warm-up), so a noisy neighbour
slows both. Each side's number is the median of its runs.

Python keeps compiled modules, as on a user's machine (``PYTHONDONTWRITEBYTECODE`` is removed
from the environment; the warm-up run writes them). All runs use a temporary
``TOMWIZARD_HOME`` (the user's recent files, recovery copies and cache
are never touched) and the shipped catalogue (``TOMWIZARD_QUESTIONS`` and
``TOMWIZARD_CATALOGUE`` are removed from the environment). A warm-up run first fills the
catalogue cache in that home, so every measurement sees a warm cache, which is the normal case.
Documents are copies of the largest file in ``examples/``.

The measurements:

TUI first frame
    Seconds from starting ``tomwizard edit EXAMPLE`` in a fresh process, attached to a real
    120x40 pseudo-terminal, until the terminal has received the first frame (header with the
    file name, category list); ÷ the same for a minimal Textual app (Header, Static, Footer).
    Target ≤ 1.5. The wizard draws that frame from the catalogue cache's titles index and then
    loads the catalogue's models and the document.
TUI ready for input
    The same starts until the main screen is drawn (its state in the header, its save key in
    the footer): what the user waits for before working. Shown for information.
TUI peak memory
    Peak resident memory (``ru_maxrss`` of that process, from ``os.wait4`` after ctrl+q, which
    is pressed once the app is ready, so everything it loads counts) of the same runs. Linux
    counts the parent's resident memory at ``exec`` in a child's peak, so this script keeps its
    own imports small and fails if a peak is not above its own. Target ≤ 1.3.
key: tick a measure / key: next category
    Time from a key press (sent as a terminal's input is) to the first frame that shows its
    result, in a headless app driven with Textual's Pilot (``App.run_test``, 120x40) in a
    separate process. *space* on the line of an open measure in a checklist: until the session
    holds the new status and the frame shows the line with its ✓; *F6*: until the next
    category's view is the one displayed and every displayed widget of it is mounted and was
    placed by the layout of that frame (the wizard builds the next category while the user
    reads the current one, as it does for every user). The reference is the same key in a
    minimal app: *space* on an unticked Checkbox, *F6* replacing a Static. A frame counts when
    the app composes it (a headless app then skips writing it, so it is turned into terminal
    output here, as for a real terminal); Textual draws at most 60 frames a second, on both
    sides. The time ends when the frame has been turned into terminal output; checking what
    it shows comes after and does not count (on either side). Each process measures both apps
    (the order swapped every run): one warm-up press of each key, then the median of five; the
    wizard ticks a measure and moves on, so its presses go through several categories.
    Targets: tick ≤ 5, next category ≤ 10.
key: a category not built yet
    Enter on a category in the sidebar that has not been shown or built in advance (a jump
    across the list): the same frame as for *F6*, the same reference. Target ≤ 10.
CLI validate
    Wall time of ``tomwizard validate EXAMPLE`` ÷ ``python -c "import tomllib, pydantic"``:
    the least a validator of TOML with pydantic must load. Target ≤ 1.5.
export
    Wall time of ``tomwizard export EXAMPLE -o OUT.docx`` ÷ a fresh process that renders a
    one-paragraph template with docxtpl and saves it. Target ≤ 1.5.
scale: validate / TUI first frame / export
    The same three costs for a generated document ÷ for the example. The document is the
    example with every catalogue measure implemented, all its parameters set and a note of
    about 1 kB, 500 own measures and 200 table rows; it must validate. Target: the cost grows
    at most linearly, i.e. the ratio is at most the size ratio (bytes ÷ bytes), which is shown.
batch export, per document
    ``tomwizard export FOLDER`` with 50 copies of the example (one process per core), divided
    by 50, ÷ ``tomwizard export ONE.toml``. Target ≤ 0.6 (on two cores or more).

How to read the table: *ours* and *reference* show the median and, in brackets, the smallest and
largest run; *ratio* is median ÷ median; *result* says whether the ratio is within the target.
The machine (CPU, cores, load) is printed first: on a busy machine, repeat the run before
believing a missed target. The last line counts the targets met. The exit code is 0 whatever the
ratios are (this is a report); 1 only when a measurement itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from _terminal import (
    COLUMNS,
    LINES,
    TerminalApp,
    TerminalRun,
    minimal_app,
    own_peak_rss,
    run_in_terminal,
    terminal_env,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen
    from textual.widget import Widget

    from tomwizard.catalogue.model import Parameter

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
TOMWIZARD = VENV_BIN / "tomwizard"

RUNS, QUICK_RUNS = 7, 3
COMMAND_TIMEOUT = 600.0
KEY_PRESSES = 5
"""Measured presses of each key per Pilot run (after one warm-up press)."""
KEY_TIMEOUT = 30.0
SETTLE = 0.05
"""Seconds to wait before a key press, after the app became idle (pending frames are drawn)."""
BATCH_SIZE = 50
OWN_MEASURES = 500
TABLE_ROWS = 200
NOTE_SENTENCE = (
    "Die Maßnahme gilt für alle Standorte, Systeme und Beschäftigten; Ausnahmen genehmigt die "
    "Informationssicherheit schriftlich und befristet. "
)
NOTE = NOTE_SENTENCE.strip()
"""About 150 bytes: the note of every measure, so that the generated document is about 10x the
size of the largest example (the issue's scale test)."""

BARE_RENDER = """
import sys
from docxtpl import DocxTemplate
template = DocxTemplate(sys.argv[1])
template.render({"x": "y"})
template.save(sys.argv[2])
"""
BARE_IMPORT = "import tomllib, pydantic"

T = TypeVar("T")


class MeasurementError(Exception):
    """A measurement could not be taken (a command failed, an app did not draw)."""


# -- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """How a side's values are shown."""

    name: str
    factor: float


MS = Unit("ms", 1000.0)
MIB = Unit("MiB", 1 / 2**20)


@dataclass(frozen=True)
class Row:
    """One ratio of the report."""

    name: str
    ours: list[float]
    reference: list[float]
    target: float | None
    """None: shown for information (no target)."""
    unit: Unit
    reference_name: str

    @property
    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.reference)

    @property
    def met(self) -> bool:
        return self.target is not None and self.ratio <= self.target


def _number(value: float) -> str:
    return f"{value:.1f}" if abs(value) < 10 else f"{value:.0f}"


def _side(values: Sequence[float], unit: Unit) -> str:
    median, low, high = (v * unit.factor for v in (statistics.median(values), *_span(values)))
    return f"{_number(median)} {unit.name} ({_number(low)}–{_number(high)})"


def _span(values: Sequence[float]) -> tuple[float, float]:
    return min(values), max(values)


def print_table(rows: Sequence[Row]) -> None:
    """The ratios, one row each, then what each reference was."""
    header = ["measurement", "ours: median (min–max)", "reference: median (min–max)"]
    header += ["ratio", "target", "result"]
    lines = [
        [
            row.name,
            _side(row.ours, row.unit),
            _side(row.reference, row.unit),
            f"{row.ratio:.2f}",
            "—" if row.target is None else f"≤ {row.target:.3g}",
            "—" if row.target is None else "met" if row.met else "MISSED",
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        cells = [
            cell.ljust(width) if i < 3 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    print()
    print("references:")
    for row in rows:
        print(f"  {row.name}: {row.reference_name}")


# -- running things ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Where and how the measurements run."""

    runs: int
    work: Path
    """A temporary directory for copies, outputs and ``TOMWIZARD_HOME``."""
    env: dict[str, str]
    example: Path
    """A copy of the largest example, in ``work``."""


def progress(message: str) -> None:
    """Say what is being measured (on stderr, so that the report stays clean)."""
    print(f"… {message}", file=sys.stderr, flush=True)


def alternate(
    runs: int, ours: Callable[[], T], reference: Callable[[], T]
) -> tuple[list[T], list[T]]:
    """One discarded warm-up round, then ``runs`` rounds of both sides, the order swapped every
    round so that neither side always runs first."""
    ours(), reference()
    mine: list[T] = []
    theirs: list[T] = []
    for round_ in range(runs):
        if round_ % 2:
            theirs.append(reference())
            mine.append(ours())
        else:
            mine.append(ours())
            theirs.append(reference())
    return mine, theirs


def run(args: Sequence[str | Path], ctx: Context) -> subprocess.CompletedProcess[str]:
    """Run a command to its end; a failure is a failed measurement."""
    try:
        result = subprocess.run(
            [str(a) for a in args],
            cwd=ctx.work,
            env=ctx.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise MeasurementError(f"{_shown(args)} took more than {COMMAND_TIMEOUT:.0f} s") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()[-2000:]
        raise MeasurementError(f"{_shown(args)} exited with {result.returncode}:\n{output}")
    return result


def timed(args: Sequence[str | Path], ctx: Context) -> float:
    """Wall time of a whole process, in seconds."""
    start = time.perf_counter()
    run(args, ctx)
    return time.perf_counter() - start


def _shown(args: Sequence[str | Path]) -> str:
    return " ".join(str(a) if len(str(a)) < 80 else "…" for a in args)


def helper(name: str, *args: str | Path) -> list[str | Path]:
    """The command that runs one of this script's helpers (below) with the project's Python."""
    return [PYTHON, Path(__file__).resolve(), "--helper", name, *args]


def wizard_app(document: Path) -> TerminalApp:
    """``tomwizard edit DOCUMENT`` as a user starts it; the first frame shows the file name and
    the category list."""
    markers = [document.name.encode(), b"Zutrittskontrolle", b"Zugangskontrolle"]
    # the main screen: its state in the header and its save key in the footer
    ready = [b"gespeichert", b"Speichern"]
    command = [str(TOMWIZARD), "edit", str(document)]
    return TerminalApp("tomwizard edit", command, markers, ready)


def in_terminal(app: TerminalApp, ctx: Context) -> Callable[[], TerminalRun]:
    def start() -> TerminalRun:
        try:
            return run_in_terminal(app, ctx.env, ctx.work)
        except RuntimeError as exc:
            raise MeasurementError(str(exc)) from None

    return start


# -- the measurements -------------------------------------------------------------------------


def measure_tui(ctx: Context) -> list[Row]:
    """Time to the first frame and peak memory, from the same starts in a pseudo-terminal."""
    progress(f"TUI first frame and peak memory ({ctx.runs} runs per app)")
    wizard, minimal = alternate(
        ctx.runs,
        in_terminal(wizard_app(ctx.example), ctx),
        in_terminal(minimal_app(PYTHON), ctx),
    )
    peaks = [r.peak_rss for r in wizard + minimal]
    if min(peaks) <= own_peak_rss():
        raise MeasurementError(
            "a measured peak memory is not above this script's own peak, so it may be this "
            "script's (Linux counts the parent's memory at exec); keep bench/run.py small"
        )
    reference = "minimal Textual app (Header, Static, Footer) in the same 120x40 pty"
    return [
        Row(
            "TUI first frame",
            [r.first_frame for r in wizard],
            [r.first_frame for r in minimal],
            1.5,
            MS,
            reference,
        ),
        Row(
            "TUI ready for input",
            [r.ready for r in wizard],
            [r.ready for r in minimal],
            None,
            MS,
            reference + "; ours: the main screen with the first category drawn",
        ),
        Row(
            "TUI peak memory",
            [r.peak_rss for r in wizard],
            [r.peak_rss for r in minimal],
            1.3,
            MIB,
            reference + ", ru_maxrss after ctrl+q",
        ),
    ]


def measure_keys(ctx: Context) -> list[Row]:
    """Key press to frame, in Pilot processes that measure both apps, the order swapped every
    run."""
    progress(f"key presses with Pilot ({ctx.runs} processes, {KEY_PRESSES} presses per key)")
    results = ctx.work / "keys.json"
    samples: dict[tuple[str, str], list[float]] = {}
    for index in range(ctx.runs):  # no warm-up process: each discards its first presses
        order = "minimal,wizard" if index % 2 else "wizard,minimal"
        run(helper("keys", ctx.example, results, order), ctx)
        measured: dict[str, dict[str, list[float]]] = json.loads(results.read_text("utf-8"))
        for app, keys in measured.items():
            for key, times in keys.items():
                samples.setdefault((app, key), []).append(statistics.median(times))
    return [
        Row(
            "key: tick a measure",
            samples["wizard", "tick"],
            samples["minimal", "tick"],
            5.0,
            MS,
            "space on a Checkbox of a minimal app (Pilot, same process)",
        ),
        Row(
            "key: next category",
            samples["wizard", "switch"],
            samples["minimal", "switch"],
            10.0,
            MS,
            "F6 replacing a Static in a minimal app (Pilot, same process)",
        ),
        Row(
            "key: a category not built yet",
            samples["wizard", "jump"],
            samples["minimal", "jump"],
            10.0,
            MS,
            "F6 replacing a Static in a minimal app (Pilot, same process)",
        ),
    ]


def measure_validate(ctx: Context) -> list[Row]:
    progress(f"tomwizard validate ({ctx.runs} runs per side)")
    ours, bare = alternate(
        ctx.runs,
        lambda: timed([TOMWIZARD, "validate", ctx.example], ctx),
        lambda: timed([PYTHON, "-c", BARE_IMPORT], ctx),
    )
    return [Row("CLI validate", ours, bare, 1.5, MS, f'python -c "{BARE_IMPORT}"')]


def measure_export(ctx: Context) -> list[Row]:
    progress(f"tomwizard export ({ctx.runs} runs per side)")
    template, rendered = ctx.work / "one-paragraph.docx", ctx.work / "bare.docx"
    run(helper("template", template), ctx)
    out = ctx.work / "export.docx"
    ours, bare = alternate(
        ctx.runs,
        lambda: timed([TOMWIZARD, "export", ctx.example, "-o", out], ctx),
        lambda: timed([PYTHON, "-c", BARE_RENDER, template, rendered], ctx),
    )
    reference = "docxtpl renders and saves a one-paragraph template (fresh process)"
    return [Row("export", ours, bare, 1.5, MS, reference)]


def measure_scale(ctx: Context) -> list[Row]:
    """Validate, open and export a generated large document against the example."""
    large = ctx.work / "large.toml"
    progress("generating the large document")
    run(helper("large-document", ctx.example, large), ctx)
    run([TOMWIZARD, "validate", large], ctx)  # it must be valid, else the timings mean nothing
    size = large.stat().st_size / ctx.example.stat().st_size
    progress(f"scale: validate, TUI first frame, export ({ctx.runs} runs per side)")

    def validate(document: Path) -> Callable[[], float]:
        return lambda: timed([TOMWIZARD, "validate", document], ctx)

    def first_frame(document: Path) -> Callable[[], float]:
        start = in_terminal(wizard_app(document), ctx)
        return lambda: start().first_frame

    def export(document: Path) -> Callable[[], float]:
        out = document.with_suffix(".docx")
        return lambda: timed([TOMWIZARD, "export", document, "-o", out], ctx)

    reference = f"the same for the example (the large document is {size:.1f}× its size)"
    rows = []
    for name, cost in (
        ("validate", validate),
        ("TUI first frame", first_frame),
        ("export", export),
    ):
        ours, example = alternate(ctx.runs, cost(large), cost(ctx.example))
        rows.append(Row(f"scale: {name}", ours, example, size, MS, reference))
    return rows


def measure_batch(ctx: Context) -> list[Row]:
    progress(f"batch export of {BATCH_SIZE} documents ({ctx.runs} runs per side)")
    folder, single = ctx.work / "batch", ctx.work / "single"
    folder.mkdir()
    single.mkdir()
    for number in range(1, BATCH_SIZE + 1):
        shutil.copyfile(ctx.example, folder / f"document-{number:02d}.toml")
    one = shutil.copyfile(ctx.example, single / "document.toml")
    per_document, alone = alternate(
        ctx.runs,
        lambda: timed([TOMWIZARD, "export", folder], ctx) / BATCH_SIZE,
        lambda: timed([TOMWIZARD, "export", one], ctx),
    )
    reference = f"tomwizard export ONE.toml ({os.cpu_count()} cores for the batch)"
    return [Row("batch export, per document", per_document, alone, 0.6, MS, reference)]


MEASUREMENTS: list[Callable[[Context], list[Row]]] = [
    measure_tui,
    measure_keys,
    measure_validate,
    measure_export,
    measure_scale,
    measure_batch,
]


# -- the machine ------------------------------------------------------------------------------


def load_average() -> str:
    """The system's load averages over 1, 5 and 15 minutes."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine(ctx: Context) -> list[str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, KeyError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    versions = run(
        [
            PYTHON,
            "-c",
            "import platform; from importlib.metadata import version as v; "
            "print(platform.python_version(), v('tomwizard'), v('textual'), v('docxtpl'))",
        ],
        ctx,
    ).stdout.split()
    system = platform.platform()
    with contextlib.suppress(OSError, KeyError):
        system += f" ({platform.freedesktop_os_release()['PRETTY_NAME']})"
    return [
        f"machine: {cpu}, {os.cpu_count()} cores",
        f"system:  {system}",
        f"python:  {versions[0]}, tomwizard {versions[1]}, textual {versions[2]}, "
        f"docxtpl {versions[3]}",
    ]


# -- helpers that run in the project's Python. The report itself imports no more than it needs
# (not even asyncio): a child's peak memory is only its own while this process stays small. ----


def helper_template(args: list[str]) -> None:
    """Write a Word template of one paragraph, ``{{ x }}``."""
    from docx import Document

    document = Document()
    document.add_paragraph("{{ x }}")
    document.save(args[0])


def helper_large_document(args: list[str]) -> None:
    """Write the example (``args[0]``) grown to a large document at ``args[1]``: every catalogue
    measure implemented with all parameters and a long note, own measures and table rows dealt
    round-robin to the categories with a checklist and to the table questions."""
    from tomwizard.answers.model import CategoryAnswers
    from tomwizard.answers.serialize import dumps
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.catalogue.model import ChecklistQuestion, TableQuestion
    from tomwizard.disk.storage import load_document
    from tomwizard.locations import shipped_questions_dir

    catalogue = load_catalogue(builtin=shipped_questions_dir())
    document = load_document(Path(args[0]), catalogue).document
    own = _deal(
        OWN_MEASURES,
        [
            c.id
            for c in catalogue.categories
            if any(isinstance(q, ChecklistQuestion) for q in c.questions)
        ],
    )
    rows = _deal(
        TABLE_ROWS,
        [
            (c.id, q.id)
            for c in catalogue.categories
            for q in c.questions
            if isinstance(q, TableQuestion)
        ],
    )
    categories = {}
    for category in catalogue.categories:
        answers = document.categories.get(category.id) or CategoryAnswers()
        categories[category.id] = answers.model_copy(
            update={
                "measures": answers.measures | _all_measures(catalogue, category.id),
                "custom": answers.custom | _own_measures(own.get(category.id, [])),
                "answers": answers.answers | _table_rows(category, answers.answers, rows),
            }
        )
    large = document.model_copy(update={"categories": categories})
    Path(args[1]).write_text(dumps(large, catalogue), encoding="utf-8")


def _deal(count: int, slots: Sequence[T]) -> dict[T, list[int]]:
    """The numbers ``0 .. count-1`` dealt round-robin to ``slots``."""
    return {slot: list(range(index, count, len(slots))) for index, slot in enumerate(slots)}


def _all_measures(catalogue: Any, category_id: str) -> dict[str, Any]:
    """Every measure of the category implemented, with all parameters and a long note."""
    from tomwizard.answers.model import MeasureAnswer

    return {
        measure.id: MeasureAnswer(
            status="implemented",
            parameters={p.id: _valid_value(p, 0) for p in measure.parameters},
            note=NOTE,
        )
        for _question, measure in catalogue.measures(category_id)
    }


def _own_measures(numbers: Sequence[int]) -> dict[str, Any]:
    from tomwizard.answers.model import CustomMeasure

    return {
        f"bench-{number:03d}": CustomMeasure(
            label=f"Zusätzliche Maßnahme {number + 1}",
            phrase=f"Die zusätzliche Maßnahme {number + 1} ist umgesetzt und wird jährlich "
            "auf ihre Wirksamkeit geprüft.",
            status="implemented",
        )
        for number in numbers
    }


def _table_rows(
    category: Any, answers: dict[str, Any], rows: dict[tuple[str, str], list[int]]
) -> dict[str, Any]:
    """The category's table answers with the rows dealt to them added (every cell valid)."""
    from tomwizard.catalogue.model import TableQuestion

    tables = {}
    for question in category.questions:
        numbers = rows.get((category.id, question.id))
        if isinstance(question, TableQuestion) and numbers:
            added = {
                f"bench-{n:03d}": {c.id: _valid_value(c, n) for c in question.columns}
                for n in numbers
            }
            tables[question.id] = dict(answers.get(question.id) or {}) | added
    return tables


def _valid_value(parameter: Parameter, number: int) -> object:
    """A value that ``parameter`` accepts (type, range, options); ``number`` varies it."""
    if parameter.type == "choice":
        return parameter.options[number % len(parameter.options)].id
    if parameter.type == "bool":
        return number % 2 == 0
    if parameter.type == "date":
        return dt.date(2027, 1, 1) + dt.timedelta(days=number)
    if parameter.type == "text":
        return f"{parameter.label.de} {number + 1}"
    low = parameter.min if parameter.min is not None else 1.0
    value = low if parameter.max is None else min(max(low, 1.0), parameter.max)
    return math.ceil(value) if parameter.integer else value


def helper_keys(args: list[str]) -> None:
    """Measure key presses in the wizard and the minimal app (in the order given) with Pilot;
    write ``{app: {key: [seconds, ...]}}`` as JSON to ``args[1]``."""
    import asyncio

    document, out, order = Path(args[0]), Path(args[1]), args[2].split(",")
    measure = {"wizard": _wizard_keys, "minimal": _minimal_keys}
    results = {name: asyncio.run(measure[name](document)) for name in order}
    out.write_text(json.dumps(results), encoding="utf-8")


class FrameWatch:
    """Times a key press until the first frame that shows its result.

    It wraps the app's ``_display``, which receives every frame the app composes. A headless
    app stops there; here the frame is also turned into terminal output, as a real terminal
    would need.
    """

    def __init__(self, app: App[Any]) -> None:
        import asyncio

        self.app = app
        self._display = app._display
        self._shows_result: Callable[[], bool] | None = None
        self._done = asyncio.Event()
        self._end = 0.0
        app._display = self._frame  # type: ignore[method-assign]

    def _frame(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        self._display(screen, renderable)
        if renderable is None:
            return
        if hasattr(renderable, "render_segments"):  # a CompositorUpdate: the usual case
            renderable.render_segments(self.app.console)
        # the frame is out: checking what it shows is this script's work, not the app's (the
        # check walks the widgets of the view, so it would count more against the larger app)
        drawn = time.perf_counter()
        if self._shows_result is not None and self._shows_result():
            self._end = drawn
            self._shows_result = None
            self._done.set()

    async def press(self, pilot: Pilot[Any], key: str, shows_result: Callable[[], bool]) -> float:
        """Seconds from sending ``key`` (as a terminal's input would) until a frame is drawn
        while ``shows_result()`` holds."""
        import asyncio

        from textual import events

        await settle(pilot)
        self._done.clear()
        self._shows_result = shows_result
        driver = self.app._driver
        assert driver is not None
        start = time.perf_counter()
        driver.send_message(events.Key(key, " " if key == "space" else None))
        try:
            await asyncio.wait_for(self._done.wait(), KEY_TIMEOUT)
        except TimeoutError:
            raise MeasurementError(f"no frame showed the result of {key!r}") from None
        return self._end - start


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app is idle and has drawn what was pending."""
    import asyncio

    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await asyncio.sleep(SETTLE)


def laid_out(root: Widget) -> bool:
    """Whether the frame being drawn shows ``root`` complete: it and every descendant that is
    displayed are mounted and were placed by the last layout."""
    placed = root.screen._compositor.widgets
    pending = [root]
    while pending:
        widget = pending.pop()
        if not widget.display:
            continue
        if not widget.is_mounted or widget not in placed:
            return False
        pending.extend(widget.children)
    return True


async def _wizard_keys(document: Path) -> dict[str, list[float]]:
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import extra_catalogue_dirs
    from tomwizard.tui.app import TomWizardApp
    from tomwizard.tui.screens.main import MainScreen

    app = TomWizardApp(load_catalogue(extra_catalogue_dirs()), document)
    times: dict[str, list[float]] = {"tick": [], "switch": [], "jump": []}
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause(0.05)
        screen = app.screen
        if not isinstance(screen, MainScreen):
            shown = [str(n.message) for n in app._notifications]
            raise MeasurementError(f"the wizard did not open {document}: {screen!r} {shown}")
        # no recovery copy during a measurement (the next process would be asked about it)
        screen.autosaver.delay = screen.autosaver.interval = 3600
        watch = FrameWatch(app)
        for _ in range(KEY_PRESSES + 1):
            times["tick"].append(
                await watch.press(pilot, "space", await _tick_target(pilot, screen))
            )
            times["switch"].append(await watch.press(pilot, "f6", _next_category_shown(screen)))
        for _ in range(KEY_PRESSES + 1):
            times["jump"].append(
                await watch.press(pilot, "enter", await _jump_target(pilot, screen))
            )
    return {key: values[1:] for key, values in times.items()}  # without the warm-up press


async def _tick_target(pilot: Pilot[Any], screen: Any) -> Callable[[], bool]:
    """Put the cursor on the line of an open (undecided), listed measure (moving on to the
    next category if there is none); what shows it implemented."""
    from tomwizard.tui.widgets.measure_list import GLYPHS, MeasureList

    session = screen.session
    for _ in session.catalogue.categories:
        view = screen.category_view
        for lines in view.query(MeasureList):
            if not all(node.display for node in lines.ancestors_with_self if node is not view):
                continue
            category = lines.category.id
            for measure_id in lines.shown_ids:
                if session.measure(category, measure_id).status is None:
                    lines.focus_measure(measure_id)
                    await settle(pilot)

                    def ticked(lines: Any = lines, measure_id: str = measure_id) -> bool:
                        prompt = lines.get_option(measure_id).prompt
                        return (
                            session.measure(lines.category.id, measure_id).status == "implemented"
                            and str(prompt).startswith(GLYPHS["implemented"])
                            and laid_out(lines)
                        )

                    return ticked
        await pilot.press("f6")
        await settle(pilot)
    raise MeasurementError("no undecided measure in any category of the example")


async def _jump_target(pilot: Pilot[Any], screen: Any) -> Callable[[], bool]:
    """Put the sidebar's cursor on a category not built yet (Enter then shows it); what shows
    that category."""
    from tomwizard.tui.widgets.category_view import CategoryView
    from tomwizard.tui.widgets.sidebar import CategorySidebar

    sidebar = screen.query_one(CategorySidebar)
    for index in range(sidebar.option_count):
        target = sidebar.get_option_at_index(index).id
        if target and target not in screen.views and screen.session.catalogue.category(target):
            break
    else:
        raise MeasurementError("every category is built already")
    sidebar.focus()
    sidebar.highlighted = index
    await settle(pilot)

    def shown() -> bool:
        views = [view for view in screen.query(CategoryView) if view.display]
        return len(views) == 1 and views[0].category.id == target and laid_out(views[0])

    return shown


def _next_category_shown(screen: Any) -> Callable[[], bool]:
    """What shows the category after the current one: its view displayed, everything of it in
    the visible area mounted and placed."""
    from tomwizard.tui.widgets.category_view import CategoryView

    ids = [c.id for c in screen.session.catalogue.categories]
    expected = ids[(ids.index(screen.category.id) + 1) % len(ids)]

    def shown() -> bool:
        views = [view for view in screen.query(CategoryView) if view.display]
        if len(views) != 1 or views[0].category.id != expected:
            return False
        return laid_out(views[0])

    return shown


async def _minimal_keys(_document: Path) -> dict[str, list[float]]:
    from textual.widgets import Checkbox

    app = _minimal_pilot_app()
    times: dict[str, list[float]] = {"tick": [], "switch": []}
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await settle(pilot)
        watch = FrameWatch(app)
        checkbox = app.query_one("#tick", Checkbox)

        def ticked() -> bool:
            return checkbox.value and laid_out(checkbox)

        for _ in range(KEY_PRESSES + 1):
            checkbox.value = False  # ticked from unticked, as in the wizard
            checkbox.focus()
            times["tick"].append(await watch.press(pilot, "space", ticked))
            old = app.query_one("#page")

            def replaced(old: Widget = old) -> bool:
                pages = app.query("#page")
                return bool(pages) and pages.first() is not old and laid_out(pages.first())

            times["switch"].append(await watch.press(pilot, "f6", replaced))
    times["jump"] = times["switch"]  # the same reference: F6 replacing a Static
    return {key: values[1:] for key, values in times.items()}


def _minimal_pilot_app() -> App[None]:
    """Header, a Checkbox, a Static and Footer; F6 replaces the Static with a new one."""
    from textual.app import App, ComposeResult
    from textual.binding import BindingType
    from textual.widgets import Checkbox, Footer, Header, Static

    class Minimal(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("f6", "next_page", "Next")]
        page = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Checkbox("a measure", id="tick")
            yield Static("page 0", id="page")
            yield Footer()

        async def action_next_page(self) -> None:
            self.page += 1
            await self.query_one("#page").remove()
            await self.mount(Static(f"page {self.page}", id="page"), after="#tick")

    return Minimal()


HELPERS: dict[str, Callable[[list[str]], None]] = {
    "template": helper_template,
    "large-document": helper_large_document,
    "keys": helper_keys,
}


# -- main -------------------------------------------------------------------------------------


def largest_example() -> Path:
    examples = sorted((ROOT / "examples").glob("*.toml"), key=lambda p: p.stat().st_size)
    if not examples:
        raise MeasurementError(f"no examples in {ROOT / 'examples'}")
    return examples[-1]


def report(runs: int, quick: bool) -> list[Row]:
    """Take every measurement and print the report (but not its last line)."""
    for program in (PYTHON, TOMWIZARD):
        if not program.exists():
            raise MeasurementError(f"{program} is missing: pip install -e . into {ROOT / '.venv'}")
    source = largest_example()
    with tempfile.TemporaryDirectory(prefix="tomwizard-bench-") as tmp:
        work = Path(tmp)
        example = shutil.copyfile(source, work / source.name)
        ctx = Context(runs, work, terminal_env(work / "home"), example)
        progress("warm-up: filling the catalogue cache")
        run([TOMWIZARD, "validate", example], ctx)
        heading = machine(ctx)
        load = load_average()
        rows = [row for measure in MEASUREMENTS for row in measure(ctx)]
        heading.append(f"load:    {load} at the start, {load_average()} at the end (1, 5, 15 min)")
    print(f"tomwizard performance report: median of {runs} runs per side", end="")
    print(" (--quick)" if quick else "")
    print("\n".join(heading))
    print(f"example: {source.relative_to(ROOT)} ({source.stat().st_size} bytes, the largest)")
    print("catalogue: the shipped one, its cache warm (a warm-up run filled it; the normal case)")
    print()
    print_table(rows)
    print()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--helper"]:
        HELPERS[argv[1]](argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_RUNS} runs per side instead of {RUNS}"
    )
    args = parser.parse_args(argv)
    runs = QUICK_RUNS if args.quick else RUNS
    try:
        rows = report(runs, args.quick)
    except (MeasurementError, OSError) as exc:
        print(f"bench/run.py: a measurement failed: {exc}", file=sys.stderr)
        return 1
    targeted = [row for row in rows if row.target is not None]
    print(f"{sum(row.met for row in targeted)} of {len(targeted)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
