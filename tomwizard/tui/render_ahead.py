"""Drawing a hidden view before it is shown, so that showing it costs little more than layout.

Textual renders a widget's lines when they first become visible and keeps them (per widget, per
line) while the widget's size stays the same, also while it is hidden. A category's view built
in advance (:mod:`tomwizard.tui.screens.browsing`) has never been visible, so its first showing
would render every line of it: about a third of what F6 costs. :func:`stage` lays such a view
out once at the size it will be shown in, as an overlay outside the screen (so nothing on screen
moves and nothing of it is seen, and its fields cannot take the focus); after that layout,
:func:`render_ahead` renders the lines that will be visible, and :func:`unstage` hides the view
again and takes the staging styles back. Only public Textual API is used: a view's own styles,
``Widget.region`` and the Line API's ``render_lines``.
"""

from __future__ import annotations

from textual.geometry import Region, Size
from textual.widget import Widget

STAGING_RULES = ("overlay", "position", "offset", "width", "height")
"""The style rules :func:`stage` sets on the view (inline) and :func:`unstage` clears."""


def stage(view: Widget, size: Size) -> None:
    """Lay ``view`` (hidden) out at ``size`` below the screen's last line from the next
    refresh on, without moving anything else."""
    styles = view.styles
    styles.overlay = "screen"  # not part of its container's layout: nothing else moves
    styles.position = "absolute"
    styles.offset = (0, view.screen.size.height + 1)
    styles.width = size.width
    styles.height = size.height
    view.can_focus_children = False  # Tab never lands in a view that is not to be seen
    view.display = True


def unstage(view: Widget) -> None:
    """Hide ``view`` again, with its own styles as before :func:`stage`."""
    view.display = False
    for rule in STAGING_RULES:
        view.styles.clear_rule(rule)
    view.can_focus_children = True


def render_ahead(view: Widget) -> int:
    """Render the lines of ``view``'s widgets that its visible area (at its current scroll
    position) shows, into their caches; how many widgets were rendered. Nothing is drawn on
    the screen. A widget not laid out (hidden, or ``view`` not staged yet) is skipped."""
    area = view.scrollable_content_region
    rendered = 0
    if not area:
        return rendered
    for widget in view.walk_children(Widget):
        region = widget.region
        visible = region.intersection(area)
        if visible:
            widget.render_lines(Region(visible.x - region.x, visible.y - region.y, *visible.size))
            rendered += 1
    return rendered
