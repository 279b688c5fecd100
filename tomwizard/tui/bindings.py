"""The keys' words in the interface language.

A :class:`~textual.binding.Binding`'s description (shown in the footer) and tooltip are fixed
when its class is defined, in English. The app replaces them, by binding id, with those of
:data:`~tomwizard.tui.texts.BINDING_TEXTS` in the interface language: its own when it starts, a
screen's when it is shown, and those of the focused widget and its ancestors whenever the
screen's bindings change (the focus moves), before the footer shows them — so a widget's keys
(a list's) are covered too, whenever it is mounted. The bindings keep their ids and keys, so
the keymap of ``config.toml`` applies as before; a binding without an entry in the table stays
as it is.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tomwizard.languages import Language
from tomwizard.tui.texts import BINDING_TEXTS


def localized(binding: Binding, language: Language) -> Binding:
    """``binding`` with the description and tooltip of its id in ``language``."""
    texts = BINDING_TEXTS.get(binding.id or "")
    if texts is None:
        return binding
    description, tooltip = texts[0 if language == "de" else 1]
    if (binding.description, binding.tooltip) == (description, tooltip):
        return binding
    return replace(binding, description=description, tooltip=tooltip)


def localize_bindings(node: DOMNode, language: Language) -> None:
    """Give ``node``'s own bindings (a screen's, the app's) their words in ``language``; the
    footer shows them after the next :meth:`~textual.dom.DOMNode.refresh_bindings`."""
    key_to_bindings = node._bindings.key_to_bindings
    for key, bindings in key_to_bindings.items():
        key_to_bindings[key] = [localized(binding, language) for binding in bindings]


def localize_focus_chain(screen: Screen[object], language: Language) -> None:
    """The words of every binding the footer of ``screen`` can show now: those of the focused
    widget and its ancestors (up to the screen and the app), or of the screen alone."""
    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else (screen,):
        localize_bindings(node, language)
