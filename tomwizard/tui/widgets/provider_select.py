"""Who implements a measure or a category: the processor, the controller or a service provider,
alone or together with the processor. One select; the value encodes both (``"hoster+shared"``)."""

from __future__ import annotations

from textual.widgets import Select

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.model import Language
from tomwizard.tui.language import ui_language
from tomwizard.tui.texts import t

SHARED = "+shared"
PROCESSOR = "processor"


def encode(provided_by: str | None, shared: bool) -> str:
    """The select value for a ``provided_by`` / ``shared`` pair."""
    if provided_by is None or provided_by == PROCESSOR:
        return PROCESSOR
    return provided_by + (SHARED if shared else "")


def decode(value: object) -> tuple[str | None, bool]:
    """``(provided_by, shared)`` of a select value (the processor alone is ``None``)."""
    if not isinstance(value, str) or value == PROCESSOR:
        return None, False
    if value.endswith(SHARED):
        return value.removesuffix(SHARED), True
    return value, False


def provider_options(document: AnswersDocument, lang: Language) -> list[tuple[str, str]]:
    """(label, value) pairs: the processor, the controller, then every provider; each party
    other than the processor alone or together with the processor."""
    parties = [("controller", t("provider.controller", lang))] + [
        (key, provider.name or key) for key, provider in document.providers.items()
    ]
    options = [(t("provider.processor", lang), PROCESSOR)]
    for key, name in parties:
        options.append((t("provider.by", lang, name=name), key))
        options.append((t("provider.with", lang, name=name), key + SHARED))
    return options


class ProviderSelect(Select[str]):
    """The select; ``refresh_options`` picks up providers added on the details screen. Its
    words are in ``lang`` (``None``: the interface language)."""

    def __init__(
        self,
        document: AnswersDocument,
        lang: Language | None,
        provided_by: str | None,
        shared: bool,
        *,
        id: str | None = None,
    ) -> None:
        self.document = document
        self.lang: Language | None = lang
        value = encode(provided_by, shared)
        options = provider_options(document, lang or ui_language())
        if value not in {v for _, v in options}:  # a provider id the list no longer has
            options.append((value, value))
        super().__init__(options, value=value, allow_blank=False, id=id, classes="provider")

    def refresh_options(self) -> None:
        """Offer the document's current providers, keeping the chosen value."""
        value = self.value
        options = provider_options(self.document, self.lang or ui_language())
        if value not in {v for _, v in options}:
            options.append((str(value), str(value)))
        with self.prevent(Select.Changed):
            self.set_options(options)
            self.value = value
