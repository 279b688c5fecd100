"""Property: every valid answers document round-trips through the file unchanged.

``tests/test_storage.py`` checks ``dumps`` against tomllib and the model for arbitrary documents.
This test goes the whole way a user's file goes, with documents that are *valid* against a
catalogue (so that :func:`~tomwizard.disk.storage.load_document` accepts them): every question type
with a fitting value, every parameter type, table rows, measures in every status, own measures,
and ids the catalogue does not know (kept, with warnings) holding values of every shape.

For each document: :meth:`DocumentFile.save` writes it, :func:`load_document` reads back a
document equal to the one saved, and opening and saving the file again writes the same bytes.

The normal suite runs 100 documents per catalogue (the fixture one and the shipped one);
``--fuzz-long`` (or ``TOMWIZARD_FUZZ_LONG=1``) 25 times as many.
"""

from __future__ import annotations

import math
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tomwizard import __version__
from tomwizard.answers.model import (
    STATUSES,
    AnswersDocument,
    CatalogueRef,
    CategoryAnswers,
    CustomMeasure,
    DataProtectionOfficer,
    DocumentDetails,
    HistoryEntry,
    MeasureAnswer,
    Party,
)
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    ChoiceQuestion,
    MultichoiceQuestion,
    NumberQuestion,
    Option,
    Parameter,
    Question,
    TableQuestion,
)
from tomwizard.disk.storage import DocumentFile, load_document

EXAMPLES_PER_CATALOGUE = 100

# -- text: anything TOML can hold --------------------------------------------------------------

_TRICKY = st.sampled_from(
    ['"""', '"', "'''", "'", "\\", "\\n", "\\u00e4", "\t", "\n", "\r\n", "\r", "#", "=", "[x]",
     "{{ x }}", "{% if %}", "\x00", "\x08", "\x1b", "\x1f", "\x7f", "\x85", "\u2028", "\u2029",
     "\ufeff", "\ufffe", "\U0010ffff", "\u202e", " ", "  ", "ä", "€", "😀", "👩‍👩‍👧"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=8), _TRICKY), max_size=6).map("".join)
"""Any text: every Unicode character but surrogates (control characters included), and the
characters TOML strings must escape or that end a string."""
VERSION = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
"""A document version (a key of the change history): one line, no control characters."""
KEY = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", min_size=1, max_size=64
)
"""An id as the answers file allows it."""
DATE = st.dates()
OPTIONAL_DATE = st.none() | DATE
INT64 = st.integers(-(2**63), 2**63 - 1)
FLOAT = st.floats(allow_nan=False, allow_infinity=False)
SCALAR = st.one_of(TEXT, INT64, FLOAT, st.booleans(), DATE)
"""A value nobody checks (an unknown parameter or column): any TOML scalar."""
ANY_ANSWER = st.one_of(
    SCALAR,
    st.lists(TEXT, max_size=4),
    st.dictionaries(TEXT, st.dictionaries(TEXT, SCALAR, max_size=3), max_size=3),
)
"""An answer to a question the catalogue does not know: any of the answer shapes."""


def _unknown(known: set[str]) -> st.SearchStrategy[str]:
    return KEY.filter(lambda key: key not in known)


def _some(
    strategies: dict[str, st.SearchStrategy[Any]], max_size: int
) -> st.SearchStrategy[dict[str, Any]]:
    """Up to ``max_size`` of the keys, each with a value of its strategy: a whole catalogue's
    worth of answers would make every example slow."""
    if not strategies:
        return st.just({})
    keys = st.lists(st.sampled_from(sorted(strategies)), unique=True, max_size=max_size)
    return keys.flatmap(lambda chosen: st.fixed_dictionaries({k: strategies[k] for k in chosen}))


def _merged(
    known: st.SearchStrategy[dict[str, Any]], unknown: st.SearchStrategy[dict[str, Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(known, unknown).map(lambda parts: {**parts[0], **parts[1]})


# -- values that fit the catalogue ---------------------------------------------------------------


def _number(low: float | None, high: float | None, integer: bool) -> st.SearchStrategy[Any]:
    lowest = -(2**63) if low is None else max(-(2**63), math.ceil(low))
    highest = 2**63 - 1 if high is None else min(2**63 - 1, math.floor(high))
    whole = st.integers(lowest, highest)
    if integer:
        return whole
    return whole | st.floats(low, high, allow_nan=False, allow_infinity=False)


def _choice(options: list[Option]) -> st.SearchStrategy[str]:
    return st.sampled_from([option.id for option in options])


def parameter_value(spec: Parameter) -> st.SearchStrategy[Any]:
    """A value that fits a parameter or table column."""
    if spec.type == "number":
        return _number(spec.min, spec.max, spec.integer)
    if spec.type == "choice":
        return _choice(spec.options)
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "date":
        return DATE
    return TEXT


def answer_value(question: Question) -> st.SearchStrategy[Any]:
    """A value that fits a question (not a checklist: its measures are stored elsewhere)."""
    if isinstance(question, ChoiceQuestion):
        return _choice(question.options)
    if isinstance(question, MultichoiceQuestion):
        return st.lists(_choice(question.options), unique=True)
    if isinstance(question, NumberQuestion):
        return _number(question.min, question.max, question.integer)
    if isinstance(question, TableQuestion):
        return st.dictionaries(TEXT, _row(question.columns), min_size=1, max_size=3)
    if question.type == "bool":
        return st.booleans()
    if question.type == "date":
        return DATE
    return TEXT


def _row(columns: list[Parameter]) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({}, optional={c.id: parameter_value(c) for c in columns})
    return _merged(known, st.dictionaries(_unknown({c.id for c in columns}), SCALAR, max_size=2))


def _state(**parameters: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "status": st.none() | st.sampled_from(STATUSES),
        "target_date": OPTIONAL_DATE,
        "reason": TEXT,
        "note": TEXT,
        **parameters,
    }


def _measure(parameters: list[Parameter]) -> st.SearchStrategy[MeasureAnswer]:
    """A catalogue measure's state: fitting values for its parameters, plus unknown ones."""
    known = st.fixed_dictionaries({}, optional={p.id: parameter_value(p) for p in parameters})
    unknown = st.dictionaries(_unknown({p.id for p in parameters}), SCALAR, max_size=2)
    return st.builds(MeasureAnswer, **_state(parameters=_merged(known, unknown)))


def _custom(checklists: list[str] | None) -> st.SearchStrategy[CustomMeasure]:
    """An own measure; ``checklists`` are the ids it may name (None: any id, the category is
    unknown)."""
    question: st.SearchStrategy[str | None] = st.none()
    if checklists is None:
        question = st.none() | KEY
    elif checklists:
        question = st.none() | st.sampled_from(checklists)
    return st.builds(
        CustomMeasure,
        **_state(parameters=st.dictionaries(KEY, SCALAR, max_size=2)),
        label=TEXT.filter(bool),
        phrase=TEXT,
        question=question,
    )


def known_category(category: Category, catalogue: Catalogue) -> st.SearchStrategy[CategoryAnswers]:
    """Answers to a category of the catalogue: fitting values, plus unknown ids."""
    questions = {
        q.id: answer_value(q) for q in category.questions if not isinstance(q, ChecklistQuestion)
    }
    measures = {m.id: _measure(m.parameters) for _, m in catalogue.measures(category.id)}
    ids = {q.id for q in category.questions} | set(measures)
    checklists = [q.id for q in category.questions if isinstance(q, ChecklistQuestion)]
    return st.builds(
        CategoryAnswers,
        description=TEXT,
        note=TEXT,
        answers=_merged(
            _some(questions, 4), st.dictionaries(_unknown(ids), ANY_ANSWER, max_size=2)
        ),
        measures=_merged(
            _some(measures, 4), st.dictionaries(_unknown(ids), _measure([]), max_size=1)
        ),
        custom=st.dictionaries(KEY, _custom(checklists), max_size=2),
    )


UNKNOWN_CATEGORY = st.builds(
    CategoryAnswers,
    description=TEXT,
    note=TEXT,
    answers=st.dictionaries(KEY, ANY_ANSWER, max_size=3),
    measures=st.dictionaries(KEY, _measure([]), max_size=2),
    custom=st.dictionaries(KEY, _custom(None), max_size=2),
)


def documents(catalogue: Catalogue) -> st.SearchStrategy[AnswersDocument]:
    """Valid answers documents for ``catalogue``: ``load_document`` accepts them (warnings for
    the unknown ids only)."""
    party = st.builds(Party, name=TEXT, address=TEXT, representative=TEXT)
    known = {c.id: known_category(c, catalogue) for c in catalogue.categories}
    categories = _merged(
        _some(known, 3), st.dictionaries(_unknown(set(known)), UNKNOWN_CATEGORY, max_size=1)
    )
    return st.builds(
        AnswersDocument,
        tomwizard_version=TEXT,
        catalogue=st.builds(CatalogueRef, id=st.sampled_from([catalogue.id]) | TEXT, version=TEXT),
        document=st.builds(
            DocumentDetails,
            title=TEXT,
            language=st.sampled_from(["de", "en"]),
            annex_number=TEXT,
            contract_reference=TEXT,
            contract_date=OPTIONAL_DATE,
            version=TEXT,
            date=OPTIONAL_DATE,
            status=st.sampled_from(["draft", "final"]),
            author=TEXT,
            approved_by=TEXT,
            next_review=OPTIONAL_DATE,
            controller=party,
            processor=party,
            processor_dpo=st.builds(
                DataProtectionOfficer,
                name=TEXT,
                organisation=TEXT,
                email=TEXT,
                phone=TEXT,
                address=TEXT,
            ),
        ),
        history=st.dictionaries(
            VERSION,
            st.builds(HistoryEntry, date=OPTIONAL_DATE, author=TEXT, changes=TEXT),
            max_size=3,
        ),
        categories=categories,
    )


# -- the property --------------------------------------------------------------------------------


def _as_saved(document: AnswersDocument, catalogue: Catalogue) -> AnswersDocument:
    """``document`` with what saving stamps on it: tomwizard's version, and the catalogue's
    version when it was written for this catalogue."""
    update: dict[str, Any] = {"tomwizard_version": __version__}
    if document.catalogue.id == catalogue.id:
        update["catalogue"] = CatalogueRef(id=catalogue.id, version=catalogue.version)
    return document.model_copy(update=update)


def check_round_trip(document: AnswersDocument, catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.toml"
        saved = DocumentFile.create(path).save(document, catalogue)
        assert saved == _as_saved(document, catalogue)
        written = path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # the model normalises line endings in every user text: no raw carriage return is written
        assert b"\r" not in written

        loaded = load_document(path, catalogue)  # raises ProblemsError if the file has errors
        assert loaded.document == saved
        assert not any(problem.is_error for problem in loaded.warnings)
        assert not loaded.has_comments

        handle, reopened = DocumentFile.open(path, catalogue)
        assert handle.save(reopened.document, catalogue) == saved
        assert path.read_bytes() == written
        assert (path.parent / "answers.toml.bak").read_bytes() == written


@pytest.mark.parametrize("which", ["catalogue", "shipped_catalogue"])
def test_valid_documents_round_trip_through_the_file(
    which: str, request: pytest.FixtureRequest, fuzz_scale: int
) -> None:
    catalogue: Catalogue = request.getfixturevalue(which)

    @settings(
        max_examples=EXAMPLES_PER_CATALOGUE * fuzz_scale,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(document=documents(catalogue))
    def round_trip(document: AnswersDocument) -> None:
        check_round_trip(document, catalogue)

    round_trip()


def test_the_documents_hold_every_kind_of_value(catalogue: Catalogue) -> None:
    """A strategy that silently produced empty documents would prove nothing. The fixture
    catalogue has every question and parameter type in five categories; with a fixed seed, so
    that a rare kind cannot be missed by chance."""
    seen: set[str] = set()

    @settings(
        max_examples=300,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(document=documents(catalogue))
    def collect(document: AnswersDocument) -> None:
        seen.update(_kinds(document, catalogue))

    collect()
    expected = _expected_kinds(catalogue)
    assert expected <= seen, expected - seen


def _expected_kinds(catalogue: Catalogue) -> set[str]:
    expected = {"own measure", "history", "unknown question", "unknown measure", "table rows"}
    expected |= {"unknown parameter", "unknown category"}
    expected |= {f"status {status}" for status in STATUSES}
    for category in catalogue.categories:
        for question in category.questions:
            if not isinstance(question, ChecklistQuestion):
                expected.add(f"question {question.type}")
        for _, measure in catalogue.measures(category.id):
            expected |= {f"parameter {p.type}" for p in measure.parameters}
    return expected


def _kinds(document: AnswersDocument, catalogue: Catalogue) -> set[str]:
    seen: set[str] = set()
    for cid, answers in document.categories.items():
        if catalogue.category(cid) is None:
            seen.add("unknown category")
            continue
        for qid, value in answers.answers.items():
            question = catalogue.question(cid, qid)
            seen.add(f"question {question.type}" if question else "unknown question")
            if isinstance(question, TableQuestion) and value:
                seen.add("table rows")
        for mid, state in answers.measures.items():
            measure = catalogue.measure(cid, mid)
            if measure is None:
                seen.add("unknown measure")
                continue
            specs = {p.id: p for p in measure.parameters}
            for pid in state.parameters:
                seen.add(f"parameter {specs[pid].type}" if pid in specs else "unknown parameter")
            if state.status:
                seen.add(f"status {state.status}")
        if answers.custom:
            seen.add("own measure")
    if document.history:
        seen.add("history")
    return seen
