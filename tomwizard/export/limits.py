"""The limits an export runs under, in one place (README "Reliability" lists them).

A template is a program written by someone else: it can loop for ever, allocate gigabytes or come
as a small file that unpacks to gigabytes. Rendering therefore runs in a process of its own
(:mod:`tomwizard.export.isolation`) that is killed when it takes too long, whose address space is
limited, and whose output is limited while it is produced; the template's parts are measured
before docxtpl reads them (:mod:`tomwizard.export.package`). Each limit is far above what a real
annex needs: the largest document the benchmark builds (every measure of the catalogue, 500 own
measures, 200 table rows) renders in under a second to about 1 MiB.
"""

from __future__ import annotations

MIB = 1024 * 1024

RENDER_TIMEOUT = 30.0
"""Seconds a template may take to render and be checked (in its own process); then the process
is killed and the export fails with exit code 3."""

RENDER_MEMORY = 1024 * MIB
"""Address space the rendering process may add to what it has when it starts (enforced with
``RLIMIT_AS`` where the system has it: Linux and the BSDs)."""

MAX_OUTPUT_SIZE = 64 * MIB
"""Uncompressed size of the rendered document: of the text each template part renders to, while
it is rendered, and of all parts of the finished file together."""

MAX_TEMPLATE_SIZE = 64 * MIB
"""The template: its file, and all of its parts together, uncompressed."""

MAX_TEMPLATE_PART_SIZE = 32 * MIB
"""One part (file inside the .docx) of the template, uncompressed."""

MAX_TEMPLATE_PARTS = 10_000
"""Parts (files inside the .docx) of a template."""
