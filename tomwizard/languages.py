"""The languages of documents and of the interface (a module of its own, so that light modules
can name them without loading the catalogue's models)."""

from __future__ import annotations

from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
