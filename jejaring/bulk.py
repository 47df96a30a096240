"""Building millions of records at once without the cyclic garbage collector in the way.

Python's collector runs every few hundred new container objects and, now and then, walks
every object alive; while a country's records are being made (none of which refer back to
each other in a cycle) those walks are pure overhead, a quarter of the time or more. Reading
a store or an import pauses the collector; reference counting still frees everything.

>>> import gc
>>> with paused_collection():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collection"]


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (it stays off if it was off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
