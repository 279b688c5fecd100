"""Where a widget is on screen: whether it is displayed, and scrolling a part of it into view
(shared by the category view and the checklist's line lists)."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def displayed(widget: Widget, root: Widget | None = None) -> bool:
    """Whether ``widget`` and its containers (up to ``root``, if given) are displayed."""
    node: Widget | None = widget
    while node is not None and node is not root:
        if not node.display:
            return False
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return True


def scroll_region_visible(widget: Widget, region: Region, *, top: bool = False) -> None:
    """Scroll the containers around ``widget`` so that ``region`` (in the coordinates of
    ``widget``'s parent, like :attr:`Widget.virtual_region`) is visible; Textual's
    ``scroll_to_widget`` for a part of a widget."""
    node = widget
    while isinstance(node.parent, Widget) and region:
        container = node.parent
        offset = container.scroll_to_region(region, animate=False, top=top, immediate=True)
        region = region.translate(-offset).translate(container.virtual_region.offset)
        node = container
