"""Tables of the sentences tomwizard's core says about a user's file, in German and English.

What ``validate``, the wizard's problems screen and the other commands report about a file is
read by people whose interface may be German while the document is English, or the other way
round, so every such sentence exists in both languages and is chosen by the caller's ``lang``
(the interface language, or ``--lang``). The sentences are kept as templates in a
:class:`Wording` per module: a test walks :data:`TABLES` and checks that every template has both
languages with the same placeholders, so no message can be added in one language only.

Values are filled in with :meth:`str.format`: a value (a key the user typed, a label) is data
and is never read as a template itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from tomwizard.languages import Language

TABLES: list[Wording] = []
"""Every table of the modules imported so far (for the test that walks them)."""


class Wording:
    """A module's message templates: ``key -> (German, English)``."""

    def __init__(self, name: str, texts: Mapping[str, tuple[str, str]]) -> None:
        self.name = name
        self.texts = dict(texts)
        TABLES.append(self)

    def __call__(self, key: str, lang: Language, /, **values: object) -> str:
        """The template ``key`` in ``lang``, with ``values`` filled in."""
        german, english = self.texts[key]
        return (german if lang == "de" else english).format(**values)

    def count(self, key: str, lang: Language, n: int, /, **values: object) -> str:
        """``key.1`` for one, else ``key.n`` (the singular and plural forms), with ``n``."""
        return self(f"{key}.{'1' if n == 1 else 'n'}", lang, n=n, **values)
