"""Keeping Python's cyclic garbage collector out of the way of keys.

The wizard holds a large graph of objects that lives as long as it runs: the modules of
Textual, pydantic and Rich, the catalogue's models, the document, the category views. Every
so often Python's collector walks all of them (a "generation 2" collection, 80–90 ms here),
and when that happens during a key press, the user waits for it. :func:`keep` moves every
object that exists into the collector's permanent generation (:func:`gc.freeze`), which later
collections do not walk; :func:`release` gives them back (:func:`gc.unfreeze`), so that what
becomes garbage later (views dropped, the screen closed) is collected again.

The main screen keeps its objects once it has drawn its first category (after one full
collection, so no garbage is kept) and again after each view it builds in advance, and releases
them when it drops its views or closes.
"""

from __future__ import annotations

import gc


def keep(collect: bool = False) -> None:
    """Leave every object that exists now out of future collections; ``collect`` first
    frees what is garbage already (one full collection)."""
    if collect:
        gc.collect()
    gc.freeze()


def release() -> None:
    """Let collections walk every object again."""
    gc.unfreeze()
