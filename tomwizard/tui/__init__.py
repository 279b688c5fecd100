"""The interactive wizard (Textual). Only this package imports Textual.

The wizard is a view over :class:`tomwizard.session.EditSession`: it never reads or writes files
itself, and it imports docxtpl only when the user exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tomwizard.catalogue.catalogue import Catalogue
    from tomwizard.catalogue.lazy import CachedCatalogue


def run_wizard(catalogue: Catalogue | CachedCatalogue, path: Path | None) -> int:
    """Start the wizard on ``path`` (or on the start screen) and return the exit code."""
    from tomwizard.tui.app import TomWizardApp

    app = TomWizardApp(catalogue, path)
    app.run()
    return app.return_code or 0
