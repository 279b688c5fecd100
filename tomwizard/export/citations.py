"""Legal citations in the annex's language.

The catalogue cites German style ("Art. 32 Abs. 1 lit. b DSGVO"); an English annex cites the
GDPR as English texts do ("Art. 32(1)(b) GDPR"). Citations of another form are printed as
written.
"""

from __future__ import annotations

import re

from tomwizard.catalogue.model import Language

_ARTICLE = re.compile(
    r"^Art\. (?P<art>\d+)"
    r"(?: Abs\. (?P<abs>\d+))?"
    r"(?: (?:lit\. (?P<lit>[a-z])|Nr\. (?P<nr>\d+)))?"
    r"(?: Satz (?P<satz>\d+))?"
    r" DSGVO$"
)
_RANGE = re.compile(r"^Art\. (?P<first>\d+) bis (?P<last>\d+) DSGVO$")


def cite(reference: str, lang: Language) -> str:
    """``reference`` as an annex in ``lang`` writes it."""
    if lang == "de":
        return reference
    if match := _RANGE.match(reference):
        return f"Arts. {match['first']} to {match['last']} GDPR"
    if match := _ARTICLE.match(reference):
        parts = [f"Art. {match['art']}"]
        parts += [f"({match[key]})" for key in ("abs", "lit", "nr") if match[key]]
        sentence = ", second sentence" if match["satz"] == "2" else ""
        if match["satz"] and match["satz"] != "2":
            sentence = f", sentence {match['satz']}"
        return f"{''.join(parts)}{sentence} GDPR"
    return re.sub(r"\bDSGVO\b", "GDPR", reference)


def cite_all(references: list[str], lang: Language) -> str:
    """The references joined for one line of the annex."""
    return "; ".join(cite(reference, lang) for reference in references)
