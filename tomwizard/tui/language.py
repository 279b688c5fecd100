"""The interface language: what the wizard's own words, the catalogue's labels and help are
shown in. It is the user's setting (``ui_language`` in ``config.toml``, default from the
locale) and separate from the document's language, which decides what the annex says and
which English versions of the user's texts are asked for."""

from __future__ import annotations

from textual._context import active_app

from tomwizard.catalogue.model import Language


def ui_language() -> Language:
    """The running app's interface language (``"de"`` when no wizard app runs, e.g. in a
    widget test without one)."""
    try:
        app = active_app.get()
    except LookupError:
        return "de"
    language = getattr(app, "ui_language", "de")
    return "en" if language == "en" else "de"
