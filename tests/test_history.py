"""The version proposed for a new change-history entry."""

from __future__ import annotations

import pytest

from tomwizard.answers.history import next_version, proposed_version


@pytest.mark.parametrize(
    ("version", "after"),
    [
        ("1.0", "1.1"),
        ("2.9", "2.10"),
        ("3", "4"),
        ("1.2.9", "1.2.10"),
        (" 1.0 ", "1.1"),
        ("Entwurf", ""),
        ("1.0-rc1", ""),
        ("v2", ""),
        ("", ""),
    ],
)
def test_next_version_counts_the_last_number(version: str, after: str) -> None:
    assert next_version(version) == after


def test_proposed_version() -> None:
    assert proposed_version("1.0", []) == "1.0", "the first entry records the document's version"
    assert proposed_version("1.0", ["1.0"]) == "1.1"
    assert proposed_version("1.1", ["1.0", "1.1"]) == "1.2"
    assert proposed_version("2.0", ["1.0", "1.1"]) == "2.0", "a later document version"
    assert proposed_version("1.0", ["1.0", "2.9"]) == "2.10"
    assert proposed_version("1.0", ["Entwurf"]) == "1.0"
    assert proposed_version("Entwurf 2", ["Entwurf"]) == "", "nothing to count on"
    assert proposed_version("Entwurf", ["Entwurf"]) == ""
