"""The interface language: what the wizard's own words, the catalogue's labels and help are
shown in. It is the user's setting (``ui_language`` in ``config.toml``, default from the
locale) and separate from the document's language, which decides what the annex says and
which English versions of the user's texts are asked for."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual._context import NoActiveAppError, active_app
from textual.message_pump import MessagePump

from tomwizard.languages import Language


def ui_language(node: MessagePump | None = None) -> Language:
    """The running app's interface language (``"de"`` when no wizard app runs, e.g. in a
    widget test without one). ``node``: read it from that node's app, for code that runs
    outside the app's context (a thread's result, a signal handler)."""
    try:
        app = active_app.get() if node is None else node.app
    except (LookupError, NoActiveAppError):
        return "de"
    language = getattr(app, "ui_language", "de")
    return "en" if language == "en" else "de"


@runtime_checkable
class Relabels(Protocol):
    """A screen that shows its words again in the interface language when it changes (the
    app calls :meth:`relabel` on every screen on the stack that has it)."""

    async def relabel(self) -> None: ...
