"""Text from an answers file never reaches the terminal as control codes.

A title, note or file name can contain ESC, C1 or other control characters — an OSC sequence
(``ESC ] 0 ; … BEL``) would rename the terminal window, ``OSC 52`` write the clipboard, others
clear the screen. Rich and Textual strip only BEL, BS, VT, FF and CR and pass ESC through, so
the wizard makes such characters visible in ONE place that every widget's output passes: the
line filter :class:`InertFilter`, which :class:`~tomwizard.tui.app.TomWizardApp` chains
after Textual's own filters (:class:`ChainedFilter`). It covers labels, inputs and text areas,
tables, option lists, titles, notifications and dialogs alike, and it leaves the values
themselves untouched (an ``Input`` still holds, and a save still writes, exactly what the file
had).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""C0 controls (ESC among them), DEL and C1 controls."""

_VISIBLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},  # ␀ … ␛ (ESC) … ␟
    0x7F: "\u2421",  # ␡
    **{code: "\ufffd" for code in range(0x80, 0xA0)},  # C1 has no control pictures
}


def inert(text: str) -> str:
    """``text`` with every control character replaced by a visible sign of one cell
    (``ESC`` → ``␛``, ``DEL`` → ``␡``, C1 → ``�``)."""
    return text.translate(_VISIBLE) if _CONTROL.search(text) else text


class InertFilter(LineFilter):
    """Show control characters in rendered lines as visible signs.

    Textual measures a control character as zero cells wide; its visible sign takes one, so
    the line would grow. The filter gives the extra cells back from trailing blanks of the
    line's segments (the padding before a border), and crops the line only when it has none.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(control is None and _CONTROL.search(text) for text, _, control in segments):
            return segments
        width = sum(cell_len(text) for text, _, control in segments if control is None)
        line: list[Segment] = []
        for segment in segments:
            text, style, control = segment
            line.append(segment if control is not None else Segment(inert(text), style))
        return _fit(line, width)


def _fit(line: list[Segment], width: int) -> list[Segment]:
    """``line`` made ``width`` cells wide again: trailing blanks of segments go first (from the
    right), then the end of the line."""
    excess = sum(cell_len(text) for text, _, control in line if control is None) - width
    for index in range(len(line) - 1, -1, -1):
        if excess <= 0:
            break
        text, style, control = line[index]
        if control is not None:
            continue
        blanks = len(text) - len(text.rstrip(" "))
        take = min(blanks, excess)
        if take:
            line[index] = Segment(text[: len(text) - take], style)
            excess -= take
    line = [segment for segment in line if segment.text or segment.control is not None]
    if excess > 0:
        line = Segment.adjust_line_length(line, width, pad=False)
    return line


class ChainedFilter(LineFilter):
    """Several line filters applied as one.

    Textual makes a new :class:`~textual.strip.Strip` (with its caches) for every line each
    filter passes through, even when the filter changes nothing; a chain of Textual's filters
    and :class:`InertFilter` costs one per line. ``filters`` are applied in their order."""

    def __init__(self, filters: tuple[LineFilter, ...]) -> None:
        super().__init__()
        self.filters = filters

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        for line_filter in self.filters:
            segments = line_filter.apply(segments, background)
        return segments
