"""Visibility is evaluated once per question (issue 12, 11).

A user catalogue of 25 questions, each with three conditions on the one before, made every
command evaluate the first question 3**24 times. ``is_answered`` (called once per condition
evaluated) is counted here and fails past a generous linear bound, so an exponential evaluation
fails quickly instead of hanging the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tomwizard.answers import visibility
from tomwizard.answers.visibility import Visibility
from tomwizard.catalogue.loader import load_catalogue
from tomwizard.cli import main
from tomwizard.disk.storage import load_document

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_CATALOGUE = FIXTURES / "catalogues" / "minimal"
QUESTIONS = 25
BOUND = 5_000
"""Far more than a linear evaluation of a few commands needs, far less than 3**24."""


def chain_category(folder: Path, count: int = QUESTIONS, *, backwards: bool = False) -> Path:
    """A user category whose questions each depend three times on the previous one (or, with
    ``backwards``, on the next one)."""
    lines = [
        'id = "kette"',
        'group = "vertraulichkeit"',
        'title.de = "Kette"',
        'title.en = "Chain"',
        'purpose.de = "Bedingungen in einer Kette."',
        'purpose.en = "Conditions in a chain."',
        'references = ["Art. 32 Abs. 1 lit. b DSGVO"]',
        'sdm_goals = ["vertraulichkeit"]',
    ]
    for index in range(count):
        lines += [
            "",
            "[[questions]]",
            f'id = "q{index:04}"',
            'type = "bool"',
            f'label.de = "Frage {index}?"',
            f'label.en = "Question {index}?"',
            'help.de = "Ja oder nein."',
            'help.en = "Yes or no."',
        ]
        if backwards and index < count - 1:
            previous = f"q{index + 1:04}"
        elif not backwards and index:
            previous = f"q{index - 1:04}"
        else:
            previous = ""
        if previous:
            lines.append(
                f'when = [{{ question = "{previous}", equals = true }}, '
                f'{{ question = "{previous}", answered = true }}, '
                f'{{ question = "kette.{previous}", equals = true }}]'
            )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kette.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = visibility.is_answered

    def is_answered(*args: Any) -> bool:
        calls[0] += 1
        if calls[0] > BOUND:
            raise AssertionError("visibility evaluated exponentially often")
        return real(*args)

    monkeypatch.setattr(visibility, "is_answered", is_answered)
    return calls


def answers_file(path: Path, answered: int) -> Path:
    """A complete document that also answers the first ``answered`` chain questions with yes."""
    answers = "".join(f"q{index:04} = true\n" for index in range(answered))
    text = (FIXTURES / "complete.toml").read_text(encoding="utf-8")
    path.write_text(f"{text}\n[categories.kette.answers]\n{answers}", encoding="utf-8")
    return path


def test_chain_of_conditions_evaluated_once_per_question(
    tmp_path: Path, counted: list[int]
) -> None:
    catalogue = load_catalogue([chain_category(tmp_path / "user")], builtin=MINIMAL_CATALOGUE)
    document = load_document(answers_file(tmp_path / "a.toml", 10), catalogue).document
    category = catalogue.category("kette")
    assert category is not None
    shown = Visibility(document, catalogue)
    result = [shown.question(category, q) for q in reversed(category.questions)][::-1]
    # q0 … q10 are shown: q10 because q9 is yes; q11 not, as q10 has no answer
    assert result == [True] * 11 + [False] * (QUESTIONS - 11)
    assert counted[0] <= 3 * QUESTIONS


def test_long_chains_have_no_depth_limit(tmp_path: Path, counted: list[int]) -> None:
    catalogue = load_catalogue(
        [chain_category(tmp_path / "user", 1_200)], builtin=MINIMAL_CATALOGUE
    )
    document = load_document(answers_file(tmp_path / "a.toml", 1_200), catalogue).document
    category = catalogue.category("kette")
    assert category is not None
    shown = Visibility(document, catalogue)
    assert shown.question(category, category.questions[-1])  # evaluated without recursion
    assert all(shown.question(category, q) for q in category.questions)
    assert counted[0] <= 3 * 1_200


def test_validate_and_export_with_a_chain_catalogue(
    tmp_path: Path, counted: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    user = chain_category(tmp_path / "user")
    document = answers_file(tmp_path / "a.toml", QUESTIONS)
    assert main(["--catalogue", str(user), "validate", str(document)]) == 0
    out = tmp_path / "a.docx"
    status = main(["--catalogue", str(user), "export", str(document), "-o", str(out)])
    assert status == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    assert counted[0] < BOUND


def test_a_long_chain_against_the_order_of_the_file_loads(tmp_path: Path) -> None:
    """The catalogue's cycle check walks conditions with a stack of its own: a chain of 1,200
    questions, each depending on the next one, loads (no RecursionError)."""
    folder = chain_category(tmp_path / "user", 1_200, backwards=True)
    catalogue = load_catalogue([folder], builtin=MINIMAL_CATALOGUE)
    assert catalogue.category("kette") is not None
