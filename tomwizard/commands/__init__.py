"""Implementations of the command-line commands (no Textual, no docxtpl)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tomwizard.languages import Language
from tomwizard.problems import Problem, ProblemsError

if TYPE_CHECKING:  # the CLI imports this package for every command, also the wizard's
    from tomwizard.catalogue.catalogue import Catalogue


def reader_language() -> Language:
    """The language the commands print their words in: the interface language of the
    settings (``ui_language`` in ``config.toml``; by default from the locale). A settings file
    with errors is not reported here (the wizard does); its defaults count."""
    from tomwizard import config

    return config.read()[0].ui_language


def print_problems(problems: Iterable[Problem], lang: Language) -> None:
    """Print problems to stderr, one ``FILE:LINE: key: message`` per line, the severity words
    (``warning``/``Warnung``) in ``lang``."""
    for problem in problems:
        print(problem.text(lang), file=sys.stderr)


def load_catalogue_or_report(extra_dirs: Sequence[Path]) -> Catalogue | None:
    """The catalogue, or None after printing why it cannot be loaded: in English, as the
    catalogue's problems are worded, since they are for its authors (``docs/catalogue-format.md``
    shows them so)."""
    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.locations import extra_catalogue_dirs

    try:
        return load_catalogue(extra_catalogue_dirs(extra_dirs))
    except ProblemsError as exc:
        print("tomwizard: the question catalogue has errors:", file=sys.stderr)
        print_problems(exc.problems, "en")
        return None
