"""Today's date, from one place.

Warnings that depend on the calendar (a review date or a target date that has passed) ask
:func:`today` through this module (``clock.today()``, not an imported copy), so tests set a fixed
day with ``monkeypatch.setattr(clock, "today", ...)`` instead of depending on when they run.
"""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """The local calendar date."""
    return dt.date.today()
