"""What changed between two versions of an answers file, in the terms of the document rather
than of TOML: measures added and removed, statuses, values, remarks, own measures, providers,
document details and history (:func:`~tomwizard.changes.compare.compare`), and the same in words
for ``tomwizard diff``, ``tomwizard show`` and the change notice to the controller.

Core code: no printing, no Textual; the commands in :mod:`tomwizard.commands.diff` use it.
"""

from __future__ import annotations

from tomwizard.changes.compare import compare
from tomwizard.changes.model import Action, Change, Scope

__all__ = ["Action", "Change", "Scope", "compare"]
