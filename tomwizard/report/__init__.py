"""Findings of the commands that judge files (``validate``, ``check``, ``diff``) and how they
are printed: as ``FILE:LINE: id: message (source)`` lines for people, and as JSON, GitHub
workflow commands or SARIF 2.1.0 for CI.

One :class:`Finding` type for all of them, so that every command offers the same formats with
the same meaning; the renderers live in :mod:`tomwizard.report.render` (text, JSON, GitHub) and
:mod:`tomwizard.report.sarif`.
"""

from __future__ import annotations

from tomwizard.report.finding import FORMATS, Finding, FindingSeverity, ReportFormat, RuleText
from tomwizard.report.render import render

__all__ = ["FORMATS", "Finding", "FindingSeverity", "ReportFormat", "RuleText", "render"]
