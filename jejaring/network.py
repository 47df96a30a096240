"""The in-memory view of the network that every analysis works on: scoped, dated, networkx-backed.

A :class:`Network` holds actors, ties and meetings and exposes them as a
``networkx.MultiGraph`` (one edge per tie, keyed by the tie's id). Views are cheap to
derive: :meth:`Network.within` an area, :meth:`Network.at` a day, :meth:`Network.during`
a period or :meth:`Network.quarter`.

>>> from jejaring.model import Village, Tie
>>> a = Village(code="18.02.02.2005", name="Bangun Rejo")
>>> b = Village(code="18.02.02.2007", name="Sido Mulyo")
>>> tie = Tie(kind="kerja sama", source=a.id, target=b.id, since="2024-03-01", until="2025-03-01")
>>> net = Network([a, b], [tie])
>>> net.graph.number_of_edges(), net.at(date(2025, 6, 1)).graph.number_of_edges()
(1, 0)
>>> net.name("18.02.02.2007")
'Sido Mulyo'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from jejaring.bulk import paused_collection
from jejaring.model import Actor, Meeting, Tie
from jejaring.periods import Quarter
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, TieKind

if TYPE_CHECKING:
    from jejaring.store.base import Store

__all__ = ["Network", "ActorRef"]


@dataclass(frozen=True)
class ActorRef:
    """An actor named by id and name: how analyses point at actors in their results."""

    id: str
    name: str


class Network:
    """Actors, ties and meetings seen together, optionally limited to an area and a period.

    ``area`` is the Kemendagri code the view was scoped to (``None``: everything loaded);
    ``start``/``end`` the period it was seen in (``start == end - 1 day`` for a single day).
    Actors outside the area that are tied to actors inside it are kept: they are the
    partners.
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        ties: Iterable[Tie] = (),
        meetings: Iterable[Meeting] | Callable[[], Iterable[Meeting]] = (),
        *,
        area: str | None = None,
        start: date | None = None,
        end: date | None = None,
        base: Network | None = None,
    ) -> None:
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.ties: list[Tie] = [t for t in ties if t.source in self.actors and t.target in self.actors]
        self._meetings = meetings if callable(meetings) else list(meetings)
        self.area = area
        self.start = start
        self.end = end
        self._base = base

    @classmethod
    def from_store(cls, store: Store, *, area: str | None = None) -> Network:
        """Load the network of ``area`` (a Kemendagri code of any level; ``None``: all) from ``store``."""
        with paused_collection():
            return cls._read(store, area)

    @classmethod
    def _read(cls, store: Store, area: str | None) -> Network:
        if area is None:
            reader = getattr(store, "meetings_reader", None)  # the whole country's meetings wait for their first use
            return cls(store.actors(), store.ties(), reader() if reader else store.meetings())
        ties = store.ties(area=area)
        meetings = store.meetings(area=area)
        inside = {a.id: a for a in store.actors(area=area)}
        outside = {t.source for t in ties} | {t.target for t in ties}
        outside |= {i for m in meetings for i in m.attendees} | {m.host for m in meetings if m.host}
        outside -= inside.keys()
        actors = list(inside.values()) + (store.actors(ids=sorted(outside)) if outside else [])
        return cls(actors, ties, meetings, area=area)

    @property
    def meetings(self) -> list[Meeting]:
        """The meetings of the view, sorted by date. A whole store's are read on first use."""
        if callable(self._meetings):
            with paused_collection():
                self._meetings = list(self._meetings())
        return self._meetings

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """Actors as nodes (``kind``, ``name``, ``area_code``), ties as edges keyed by tie id."""
        graph = nx.MultiGraph()
        with paused_collection():
            self._fill(graph)
        return graph

    def _fill(self, graph: nx.MultiGraph) -> None:
        graph.add_nodes_from(
            (a.id, {"kind": a.kind.value, "name": a.name, "area_code": a.area_code}) for a in self.actors.values()
        )
        graph.add_edges_from(
            (t.source, t.target, t.id, {"kind": t.kind.value, "source": t.source, "since": t.since, "until": t.until})
            for t in self.ties
        )

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with ``actor_id`` (``KeyError`` if it is not in this view)."""
        return self.actors[actor_id]

    def name(self, actor_id: str) -> str:
        """Return the actor's name, or its id when it is not in this view."""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def ref(self, actor_id: str) -> ActorRef:
        """The actor as an :class:`ActorRef` (its id as name when it is not in this view)."""
        return ActorRef(actor_id, self.name(actor_id))

    def of_kind(self, *kinds: ActorKind) -> list[Actor]:
        """Actors of the given kinds, sorted by id."""
        return sorted((a for a in self.actors.values() if a.kind in kinds), key=lambda a: a.id)

    def ties_of(self, actor_id: str, *kinds: TieKind) -> list[Tie]:
        """Ties touching ``actor_id`` (of the given kinds; all kinds when none given)."""
        return [
            t
            for t in self.ties
            if actor_id in (t.source, t.target) and (not kinds or t.kind in kinds)
        ]

    def partners(self, actor_id: str, *kinds: TieKind) -> set[str]:
        """Ids of the actors tied to ``actor_id`` (by ties of the given kinds)."""
        return {t.target if t.source == actor_id else t.source for t in self.ties_of(actor_id, *kinds)}

    def within(self, area: str) -> Network:
        """The view of ``area`` (a Kemendagri code): its actors, their ties and partners, its meetings.

        A meeting belongs to the area when it is held in one of its villages or attended by
        one of its actors.
        """
        inside = {i for i, a in self.actors.items() if in_area(a.area_code, area)}
        ties = [t for t in self.ties if t.source in inside or t.target in inside]
        meetings = [
            m
            for m in self.meetings
            if in_area(m.village, area) or any(i in inside for i in m.attendees)
        ]
        keep = inside | {t.source for t in ties} | {t.target for t in ties}
        keep |= {i for m in meetings for i in m.attendees if i in self.actors}
        actors = [a for i, a in self.actors.items() if i in keep]
        base = self._base.within(area) if self._base is not None else None
        return Network(actors, ties, meetings, area=area, start=self.start, end=self.end, base=base)

    def during(self, start: date, end: date) -> Network:
        """The view of the period ``start <= day < end``: ties in force on some day of it, its meetings."""
        ties = [
            t
            for t in self.ties
            if (t.since is None or t.since < end) and (t.until is None or t.until > start)
        ]
        def meetings() -> list[Meeting]:
            return [m for m in self.meetings if start <= m.date < end]

        return Network(self.actors.values(), ties, meetings if callable(self._meetings) else meetings(), area=self.area, start=start, end=end, base=self.undated())

    def undated(self) -> Network:
        """The same area seen over all time: the view this dated view was derived from.

        Analyses that compare periods (a quarter against the one before) start from here.
        """
        return self._base if self._base is not None else self

    def at(self, day: date) -> Network:
        """The view on one day: ties in force that day (``since <= day < until``), meetings held that day."""
        return self.during(day, date.fromordinal(day.toordinal() + 1))

    def quarter(self, quarter: Quarter | str) -> Network:
        """The view of a quarter such as ``"2024Q2"``."""
        q = quarter if isinstance(quarter, Quarter) else Quarter.parse(quarter)
        return self.during(q.start, q.end)

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts of actors by kind, ties by kind and meetings by type (stored codes as keys)."""
        return {
            "actors": dict(sorted(Counter(a.kind.value for a in self.actors.values()).items())),
            "ties": dict(sorted(Counter(t.kind.value for t in self.ties).items())),
            "meetings": dict(sorted(Counter(m.type.value for m in self.meetings).items())),
        }

    def __repr__(self) -> str:
        period = f", {self.start}..{self.end}" if self.start else ""
        area = f" of {self.area}" if self.area else ""
        meetings = "meetings not read yet" if callable(self._meetings) else f"{len(self._meetings)} meetings"
        return f"<Network{area}: {len(self.actors)} actors, {len(self.ties)} ties, {meetings}{period}>"
