"""The ``Store`` contract every backend (SQLite, Neo4j) fulfils, and the values it trades in.

A store keeps actors, ties and meetings, upserts them by id in all-or-nothing batches, and
answers scoped queries so that a kecamatan can be read without loading the whole country.

>>> changes = Changes()
>>> changes.count("actors", "added", 3)
>>> changes.total("added"), changes.is_empty()
(3, False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol, TypeVar, runtime_checkable

from jejaring.model import Actor, Meeting, Tie
from jejaring.vocab import ActorKind, MeetingType, TieKind

__all__ = [
    "Batch", "Changes", "Store", "RecordType", "Outcome", "RECORD_TYPES",
    "in_area", "last_by_id", "named_actors", "references",
]

_Keyed = TypeVar("_Keyed", Actor, Tie, Meeting)
RecordType = Literal["actors", "ties", "meetings"]
Outcome = Literal["added", "updated", "unchanged"]
RECORD_TYPES: tuple[RecordType, ...] = ("actors", "ties", "meetings")


def in_area(code: str | None, area: str | None) -> bool:
    """True when Kemendagri ``code`` lies inside ``area`` (a code of any level; ``None`` is everywhere).

    >>> in_area("18.02.02.2005", "18.02"), in_area("18.02.02.2005", "18.0"), in_area(None, "18")
    (True, False, False)
    """
    if area is None:
        return True
    return code is not None and (code == area or code.startswith(area + "."))


def last_by_id(records: Iterable[_Keyed]) -> list[_Keyed]:
    """``records`` with one per id, the last given, in the order of their ids' first appearance.

    >>> [t.since.year for t in last_by_id([Tie(id="t", kind="kerja sama", source="a", target="b", since=f"01/01/{y}")
    ...                                     for y in (2023, 2024)])]
    [2024]
    """
    return list({record.id: record for record in records}.values())


def named_actors(ties: Iterable[Tie], meetings: Iterable[Meeting]) -> set[str]:
    """Every actor id that ``ties`` and ``meetings`` name: ends, villages, hosts, attendees.

    >>> tie = Tie(kind="kerja sama", source="a", target="b")
    >>> meeting = Meeting(id="m", type="musdes", date="2024-01-05", host="c", attendees="a; d")
    >>> sorted(named_actors([tie], [meeting]))
    ['a', 'b', 'c', 'd']
    """
    named: set[str] = set()
    for tie in ties:
        named.add(tie.source)
        named.add(tie.target)
    for meeting in meetings:
        named.update(meeting.attendees)
        named.add(meeting.village)  # type: ignore[arg-type]
        named.add(meeting.host)  # type: ignore[arg-type]
    named.discard(None)  # type: ignore[arg-type]
    return named


def references(ties: Iterable[Tie], meetings: Iterable[Meeting]) -> Iterator[tuple[str, str]]:
    """(record id, actor id) for every actor a tie or meeting names, in the order given."""
    for tie in ties:
        yield tie.id, tie.source
        yield tie.id, tie.target
    for meeting in meetings:
        for actor in (meeting.village, meeting.host, *meeting.attendees):
            if actor is not None:
                yield meeting.id, actor


@dataclass
class Batch:
    """Records to write together: all of them or none."""

    actors: list[Actor] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.actors) + len(self.ties) + len(self.meetings)

    def extend(self, other: Batch) -> None:
        """Append the records of ``other``."""
        self.actors.extend(other.actors)
        self.ties.extend(other.ties)
        self.meetings.extend(other.meetings)


@dataclass
class Changes:
    """What a write did: per record type, how many records were added, updated or unchanged."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def count(self, record_type: RecordType, outcome: Outcome, n: int = 1) -> None:
        """Record ``n`` more records of ``record_type`` with ``outcome``."""
        getattr(self, outcome)[record_type] += n

    def total(self, outcome: Outcome) -> int:
        """Records of every type with ``outcome``."""
        return sum(getattr(self, outcome).values())

    def is_empty(self) -> bool:
        """True when nothing was added or updated."""
        return self.total("added") == 0 and self.total("updated") == 0


@runtime_checkable
class Store(Protocol):
    """A place the network lives. Reads return validated model records; writes are upserts by id."""

    url: str

    def write(self, batch: Batch) -> Changes:
        """Upsert every record of ``batch`` by id in one transaction; on any error write nothing.

        A record equal to the stored one counts as unchanged. Ties and meetings may name actors
        that are in the batch or already stored; a reference to an unknown actor is an error.
        """
        ...

    def actor(self, actor_id: str) -> Actor | None:
        """Return the actor with ``actor_id``, or ``None``."""
        ...

    def actors(
        self,
        *,
        kinds: Iterable[ActorKind] | None = None,
        area: str | None = None,
        ids: Iterable[str] | None = None,
        name: str | None = None,
    ) -> list[Actor]:
        """Return actors sorted by id, filtered by kind, area (code prefix), ids, and name.

        ``name`` matches case-, accent- and space-insensitively, as a substring.
        """
        ...

    def ties(
        self,
        *,
        kinds: Iterable[TieKind] | None = None,
        area: str | None = None,
        actor: str | None = None,
        at: date | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Tie]:
        """Return ties sorted by id: of these kinds, touching an actor in ``area`` or ``actor``
        itself, and in force on day ``at``."""
        ...

    def meetings(
        self,
        *,
        types: Iterable[MeetingType] | None = None,
        area: str | None = None,
        attendee: str | None = None,
        start: date | None = None,
        end: date | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Meeting]:
        """Return meetings sorted by (date, id): of these types, held in ``area`` (host village)
        or attended by an actor of ``area``, attended by ``attendee``, with
        ``start <= date < end``."""
        ...

    def ids(self, record_type: RecordType) -> list[str]:
        """Return every stored id of ``record_type`` (``actors``, ``ties`` or ``meetings``), sorted.

        Lets an import compare ids (such as ids differing only in capitals) without loading
        whole records.
        """
        ...

    def forget(self, batch: Batch, *, settings: dict[str, str]) -> Changes:
        """Overwrite stored records with ``batch`` (copies from which a person's data was
        removed) and store ``settings`` (the note of what was forgotten, never the values) in
        one transaction; then remove the overwritten values from everything the store keeps
        (free pages, journals, transaction logs) as far as the store can.

        Every record of ``batch`` must already be stored, else ``store.not_stored`` and nothing
        changes. When old copies cannot be purged yet, the records are changed and an error
        says what remains and how to finish.
        """
        ...

    def counts(self) -> dict[str, int]:
        """Number of stored actors by kind (``village``, ...) plus ``ties`` and ``meetings``."""
        ...

    def setting(self, key: str) -> str | None:
        """Return a workspace setting (e.g. ``kecamatan``), or ``None``."""
        ...

    def settings(self, prefix: str) -> dict[str, str]:
        """Every workspace setting whose key starts with ``prefix``, by key."""
        ...

    def set_settings(self, values: dict[str, str]) -> None:
        """Store workspace settings in one transaction."""
        ...

    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""
        ...

    def __enter__(self) -> Store:
        """Use the store in a ``with`` block; it is closed at the end."""
        ...

    def __exit__(self, *exc_info: object) -> None:
        """Close the store."""
        ...

