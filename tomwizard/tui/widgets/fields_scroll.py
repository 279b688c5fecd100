"""A scrolling column of fields that is not itself a stop of Tab.

Textual's ``VerticalScroll`` takes the focus (to scroll with the keys) and shows no mark for it,
so the first Tab would land on an invisible container. Here the fields take the focus, and the
column scrolls to the focused one.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class FieldsScroll(VerticalScroll, can_focus=False):
    """A ``VerticalScroll`` that Tab passes over (its fields are focused instead)."""
