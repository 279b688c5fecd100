"""Category titles cut to the sidebar's width (no wrapped labels), for the sidebar and the
first frame's skeleton of it."""

from __future__ import annotations

PROGRESS_WIDTH = 11
"""Columns before a title in the sidebar: the completion figures, the mark and the gaps."""


def fit_title(title: str, content_width: int) -> str:
    """``title`` cut with an ellipsis to what fits beside the completion figures of a sidebar
    whose content is ``content_width`` columns wide (0: not laid out yet, 40 columns)."""
    room = content_width - PROGRESS_WIDTH if content_width else 40
    room = max(room, 8)
    return title if len(title) <= room else title[: room - 1] + "…"
