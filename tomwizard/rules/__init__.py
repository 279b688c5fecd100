"""The rules of ``tomwizard check``: outdated or contradictory measures, kept as data.

Rule files (``questions/rules/*.toml`` and ``rules/*.toml`` in every extra catalogue folder)
hold ``[[rule]]`` tables: an id, a message in German and English, a source, a severity and a
declarative condition on the answers (:mod:`.model`), or one of the built-in checks that need
the calendar or the document's state (:mod:`.builtin`). :mod:`.loader` reads and cross-checks
them against the catalogue, :mod:`.engine` applies them to a document.
"""
