"""Who implements a measure, in the annex's words.

A document lists service providers (``[providers.<id>]``); a category or a measure names one of
them, ``controller`` or ``processor`` in ``provided_by`` (``shared = true``: together with the
processor). The annex then says, e.g., "Umgesetzt durch den Rechenzentrumsbetreiber X,
zertifiziert nach ISO/IEC 27001." Only what the user entered is printed: a provider without
certificates gets no certification clause.
"""

from __future__ import annotations

from collections.abc import Callable

from tomwizard.answers.model import (
    PROVIDER_ROLE_NAMES,
    RESERVED_PROVIDERS,
    AnswersDocument,
    Certification,
)
from tomwizard.catalogue.model import Language
from tomwizard.export.formatting import join
from tomwizard.export.text import for_line

ROLES = PROVIDER_ROLE_NAMES

_TEXTS: dict[str, tuple[str, str]] = {
    "by": ("Umgesetzt durch den {who}.", "Implemented by the {who}."),
    "with": ("Umgesetzt gemeinsam mit dem {who}.", "Implemented jointly with the {who}."),
    "category_by": (
        "Die Maßnahmen dieses Abschnitts werden durch den {who} umgesetzt.",
        "The measures in this section are implemented by the {who}.",
    ),
    "category_with": (
        "Die Maßnahmen dieses Abschnitts werden gemeinsam mit dem {who} umgesetzt.",
        "The measures in this section are implemented jointly with the {who}.",
    ),
    "controller": ("Auftraggeber", "controller"),
    "processor": ("Auftragsverarbeiter", "processor"),
    "certified": ("zertifiziert nach {standards}", "certified to {standards}"),
    "until": ("gültig bis {date}", "valid until {date}"),
}


def _t(key: str, lang: Language) -> str:
    de, en = _TEXTS[key]
    return de if lang == "de" else en


def role_name(role: str, lang: Language) -> str:
    """The provider role in words."""
    de, en = ROLES.get(role, ROLES["other"])
    return de if lang == "de" else en


def _who(document: AnswersDocument, provided_by: str, lang: Language) -> str:
    """'Rechenzentrumsbetreiber X, zertifiziert nach A und B' or 'Auftraggeber'."""
    if provided_by in ("controller", "processor"):
        return _t(provided_by, lang)
    provider = document.providers.get(provided_by)
    if provider is None:  # reported by the check; printed as written, never dropped
        return for_line(provided_by)
    who = f"{role_name(provider.role, lang)} {for_line(provider.name)}"
    standards = [for_line(c.standard) for c in provider.certifications.values() if c.standard]
    if standards:
        certified = _t("certified", lang).format(standards=join(standards, lang))
        who = f"{who}, {certified}"
    return who


def provider_sentence(
    document: AnswersDocument,
    provided_by: str | None,
    shared: bool,
    lang: Language,
    *,
    category: bool = False,
    words: Callable[[str], str] = str,
) -> str:
    """The sentence saying who implements a measure (or a category's measures); empty when the
    processor does it alone. ``words`` puts a party's name into the contract's words
    (:meth:`tomwizard.export.terms.Terms.catalogue_text`)."""
    if provided_by is None or provided_by == "processor":
        return ""  # the processor alone (or "jointly with" itself): nothing to add
    key = ("category_" if category else "") + ("with" if shared else "by")
    who = _who(document, provided_by, lang)
    sentence = _t(key, lang).format(who=who)
    if category and "," in who:
        # "durch den X, zertifiziert nach Y, umgesetzt": the inserted clause is closed again
        sentence = sentence.replace(f"{who} ", f"{who}, ")
    return words(sentence) if provided_by in RESERVED_PROVIDERS else sentence


def certification_text(certification: Certification, lang: Language, date: str) -> str:
    """One certificate on one line: 'ISO/IEC 27001, TÜV Rheinland, gültig bis 31.12.2027'."""
    parts = [for_line(certification.standard)]
    if certification.scope.strip():
        parts.append(for_line(certification.scope))
    if certification.issuer.strip():
        parts.append(for_line(certification.issuer))
    if date:
        parts.append(_t("until", lang).format(date=date))
    return ", ".join(parts)
