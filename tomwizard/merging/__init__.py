"""Three-way merge of answers files: the core of ``tomwizard merge``, git's merge driver.

:mod:`.threeway` merges plain TOML data key path by key path; :mod:`.document` applies it to
answers documents (versions, earlier conflicts, providers still named)."""

from __future__ import annotations

from tomwizard.merging.document import MergeResult, merge_documents

__all__ = ["MergeResult", "merge_documents"]
