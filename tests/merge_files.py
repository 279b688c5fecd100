"""Answers files for the merge tests: the complete fixture as data, edits of it, and three
files (BASE, OURS, THEIRS) merged by ``tomwizard merge``."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from tomwizard.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
ZUGANG = ("categories", "zugangskontrolle")
LENGTH_KEY = "categories.zugangskontrolle.measures.passwortrichtlinie.parameters.mindestlaenge"

Data = dict[str, Any]
Edit = Callable[[Data], None]


def base_data() -> Data:
    return tomllib.loads(FIXTURE.read_text(encoding="utf-8"))


def edited(data: Data, *edits: Edit) -> Data:
    data = copy.deepcopy(data)
    for edit in edits:
        edit(data)
    return data


def zugang(data: Data) -> Data:
    result: Data = data["categories"]["zugangskontrolle"]
    return result


def set_length(value: int) -> Edit:
    def edit(data: Data) -> None:
        zugang(data)["measures"]["passwortrichtlinie"]["parameters"]["mindestlaenge"] = value

    return edit


class Merge:
    """Three files in a folder and the merge of them."""

    def __init__(self, folder: Path) -> None:
        self.base = folder / "base.toml"
        self.ours = folder / "ours.toml"
        self.theirs = folder / "theirs.toml"

    def write(self, base: Data | str | None, ours: Data | str, theirs: Data | str) -> None:
        for path, data in ((self.base, base), (self.ours, ours), (self.theirs, theirs)):
            if data is not None:
                text = data if isinstance(data, str) else tomli_w.dumps(data)
                path.write_text(text, encoding="utf-8")

    def run(self, *extra: str) -> int:
        return main(["merge", str(self.base), str(self.ours), str(self.theirs), *extra])

    def result(self) -> Data:
        return tomllib.loads(self.ours.read_text(encoding="utf-8"))


def date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)
