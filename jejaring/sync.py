"""Copy the network from one store to another: push a workspace to a shared Neo4j, pull an area back.

The copy is lossless (every field of every actor, tie and meeting) and goes in batches, each
written whole or not at all: all actors first, then the ties, then the meetings, so that no
batch names an actor the target does not have yet. Writes are upserts by id, so copying
again changes only what differs, and finishes a copy that was cut off without duplicating
anything. Workspace settings stay with their store and are not copied.

>>> import tempfile
>>> from pathlib import Path
>>> from jejaring.store import open_store
>>> from jejaring.synth import demo
>>> with tempfile.TemporaryDirectory() as folder:
...     with open_store(Path(folder) / "a.db", create=True) as a, open_store(Path(folder) / "b.db", create=True) as b:
...         _ = a.write(demo())
...         changes = copy(a, b, area="18.02.02.2005", size=50)
...         again = copy(a, b, area="18.02.02.2005", size=50)
...         b.ties() == a.ties(area="18.02.02.2005"), changes.added["ties"], again.is_empty()
(True, 13, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from jejaring.vocab import ActorKind, MeetingType, TieKind

if TYPE_CHECKING:  # the store modules load pydantic; the command line imports this module early
    from jejaring.store.base import Batch, Changes, RecordType, Store

__all__ = ["BATCH_SIZE", "batches", "copy", "add_changes"]

BATCH_SIZE = 5000
"""Records per batch: one transaction each, small enough for a modest server's memory."""


def _whole(store: Store) -> Iterator[tuple[RecordType, list[Any]]]:
    """Every record of ``store``, read a kind or type at a time to bound what is held at once."""
    for kind in ActorKind:
        yield "actors", store.actors(kinds=[kind])
    for tie_kind in TieKind:
        yield "ties", store.ties(kinds=[tie_kind])
    for meeting_type in MeetingType:
        yield "meetings", store.meetings(types=[meeting_type])


def _area(store: Store, area: str) -> Iterator[tuple[RecordType, list[Any]]]:
    """The records of ``area``: its actors, the ties touching them, the meetings held in the area
    or attended from it, and every actor outside that those ties and meetings name."""
    ties = store.ties(area=area)
    meetings = store.meetings(area=area)
    inside = store.actors(area=area)
    named = {end for tie in ties for end in (tie.source, tie.target)}
    named |= {actor for m in meetings for actor in (m.village, m.host, *m.attendees) if actor is not None}
    named -= {actor.id for actor in inside}
    yield "actors", inside + (store.actors(ids=sorted(named)) if named else [])
    yield "ties", ties
    yield "meetings", meetings


def batches(store: Store, *, area: str | None = None, size: int = BATCH_SIZE) -> Iterator[Batch]:
    """Yield the records of ``store`` (of ``area`` with its partners, a Kemendagri code) in batches
    of at most ``size`` records, each writable once the ones before it are written.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from jejaring.store import open_store
    >>> from jejaring.synth import demo
    >>> with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db", create=True) as store:
    ...     _ = store.write(demo())  # 164 actors, 218 ties, 110 meetings
    ...     [(len(b.actors), len(b.ties), len(b.meetings)) for b in batches(store, size=200)]
    [(164, 36, 0), (0, 182, 18), (0, 0, 92)]
    """
    from jejaring.store.base import Batch

    if size < 1:
        raise ValueError("a batch holds at least one record")
    parts = _whole(store) if area is None else _area(store, area)
    batch = Batch()
    for record_type, records in parts:
        items = iter(records)
        while chunk := list(islice(items, size - len(batch))):
            getattr(batch, record_type).extend(chunk)
            if len(batch) == size:
                yield batch
                batch = Batch()
    if len(batch):
        yield batch


def add_changes(total: Changes, more: Changes) -> None:
    """Add the counts of ``more`` to ``total``.

    >>> from jejaring.store.base import Changes
    >>> total, more = Changes(), Changes()
    >>> more.count("ties", "added", 2)
    >>> add_changes(total, more); add_changes(total, more)
    >>> total.added["ties"]
    4
    """
    for outcome in ("added", "updated", "unchanged"):
        for record_type, n in getattr(more, outcome).items():
            total.count(record_type, outcome, n)


def copy(
    source: Store,
    target: Store,
    *,
    area: str | None = None,
    size: int = BATCH_SIZE,
    include_personal: bool = True,
    on_batch: Callable[[Batch, Changes], None] | None = None,
) -> Changes:
    """Upsert the records of ``source`` (of ``area`` with its partners; everything when ``None``)
    into ``target``, a batch of ``size`` records at a time; return what the writes did.

    With ``include_personal=False`` the actors go without their personal data (phone numbers,
    e-mail addresses, contact persons), as a push to a shared store does by default.
    ``on_batch(batch, changes)`` is called after each batch is written. When a write fails,
    the batches before it stay written; copying again completes the copy.
    """
    from jejaring.model import strip_personal
    from jejaring.store.base import Changes

    total = Changes()
    for batch in batches(source, area=area, size=size):
        if not include_personal:
            batch.actors = [strip_personal(actor) for actor in batch.actors]
        changes = target.write(batch)
        add_changes(total, changes)
        if on_batch is not None:
            on_batch(batch, changes)
    return total
