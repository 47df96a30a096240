"""Which k new ties would close the most collaboration gaps: a greedy plan for the kecamatan forum.

**Objective.** A plan is scored by what the network would look like with its ties added,
each term read exactly as the gap report (:mod:`jejaring.analysis.gaps`) reads it::

    score = need    × Σ needs met, each (village, need) pair × the village's status factor
          + connect × villages in inter-village cooperation (not listed as isolated)
          + kind    × (village, kind of organisation) cells with a partner: NGO, firm,
                      university, government (the "other village" column is ``connect``)
          + peer    × kades with a peer to learn with (a low-status village's kades: a peer
                      from a village of higher status), counting kades in office
          + broker  × villages reached through a single broker before the plan, given a
                      second path by it
          + renew   × expired partnerships renewed

The status factor is ``1 + status × (steps below berkembang)``: with the default
``status=0.25`` a need of a sangat tertinggal village counts 1.5, tertinggal 1.25, berkembang 1
(also when the status is unknown), maju 0.75, mandiri 0.5. The weights are a :class:`Weights`;
by default every other term weighs 1, so a plan's gain is the number of gaps it closes, a
need weighed by its village's status.

**Candidates.** A new tie joins a village in scope (its side: the village, its kades or an
institution) to a partner, and is proposed only when it closes a gap: an organisation of a kind
the village lacks; a village or organisation offering a need none of its partners meets; for
a village in no inter-village cooperation, a neighbouring village that matches it (one offers
what the other needs, or their sectors complement each other; every neighbour when none
matches); for a kades with a gap, the kades of a neighbouring village of the same or higher
status (higher for a low-status village); for a village with a single broker, another
neighbouring village or an organisation already tied to another village; for an expired
partnership, its renewal. Ties already in force are never proposed; one organisation may be
proposed to several villages, each a tie of its own. Organisations come from the view and from
``partners`` (e.g. every organisation of the workspace); of the latter only those within reach
of the village: an organisation whose area holds the village or, unless it is a government
office (which works only in its own area), lies in the village's kabupaten.

**Greedy.** Each step adds the candidate with the largest gain in score, recomputing every
gain after each step (a tie closing a need may also fill a partner kind); equal gains go to a
partner within reach, then to the one already working with more villages in scope (a kades:
learning with more kades), then to the village whose sectors complement more, then by ids.
The plan stops early when no candidate gains. All terms but ``broker`` are weighted coverage
functions of the chosen ties, hence monotone and submodular, so the greedy plan gains at least
``1 - 1/e`` of what the best plan of its size gains when ``broker`` weighs 0 (Nemhauser,
Wolsey and Fisher 1978). The ``broker`` term is monotone but not submodular: two ties may
together give a second path that neither gives alone, and greedy may miss such a pair.

>>> from jejaring.model import Ngo, Village
>>> from jejaring.network import Network
>>> a = Village(code="18.02.02.2001", name="Purwodadi", needs=["air"], development_status="tertinggal")
>>> b = Village(code="18.02.02.2002", name="Sido Dadi", offers=["air"])
>>> result = plan(Network([a, b, Ngo(id="lsm", name="LSM Tani")], area="18.02.02"), budget=2)
>>> for step in result.steps:
...     print(step.number, step.tie.describe().render("en"), step.gain)
...     for item in step.closes:
...         print("  ", item.why.render("en"))
1 Purwodadi ↔ Sido Dadi (other village) 3.25
   water and irrigation for Purwodadi, offered by Sido Dadi
   Purwodadi joins inter-village cooperation
   Sido Dadi joins inter-village cooperation
2 Purwodadi ↔ LSM Tani (NGO) 1.0
   Purwodadi gets its first NGO partner
>>> result.before.total, result.after.total
(0.0, 4.25)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any

import networkx as nx

from jejaring.analysis.gap_types import ActorRef, GapType, Message, PartnerKind
from jejaring.analysis.gaps import (
    COMPLEMENTARY_SECTORS,
    LOW_STATUS,
    NEIGHBOUR_KM,
    PARTNER_TIES,
    PEER_TIES,
    coverage_matrix,
    expired_partnerships,
    isolated_villages,
    kades_gaps,
    neighbours,
    partner_graph,
    single_brokers,
    unmet_needs,
)
from jejaring.errors import JejaringError
from jejaring.model import Actor, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, CooperationField, DevelopmentStatus, Resource, Sector, TieKind, Vocabulary

__all__ = ["STATUS_MAX", "Term", "Weights", "NewTie", "Closure", "Step", "Score", "Plan", "candidates", "plan"]


class Term(Vocabulary):
    """The terms of the plan's objective, each closing one kind of gap."""

    NEED = ("need", "kebutuhan terpenuhi", "needs met")
    CONNECT = ("connect", "desa dalam kerja sama antar desa", "villages in inter-village cooperation")
    KIND = ("kind", "jenis mitra terisi", "partner kinds filled")
    PEER = ("peer", "kepala desa dengan rekan belajar", "kades with a peer")
    BROKER = ("broker", "desa rapuh dengan jalur kedua", "fragile villages with a second path")
    RENEW = ("renew", "kerja sama berakhir yang diperpanjang", "expired partnerships renewed")

    @property
    def gap_type(self) -> GapType:
        """The type of gap in the report that the term closes."""
        return _GAP_TYPE[self]


_GAP_TYPE = {
    Term.NEED: GapType.UNMET_NEED,
    Term.CONNECT: GapType.INTER_VILLAGE,
    Term.KIND: GapType.COVERAGE,
    Term.PEER: GapType.KADES,
    Term.BROKER: GapType.FRAGILITY,
    Term.RENEW: GapType.FRAGILITY,
}
_ORG_KINDS = {
    ActorKind.NGO: PartnerKind.NGO,
    ActorKind.FIRM: PartnerKind.FIRM,
    ActorKind.UNIVERSITY: PartnerKind.UNIVERSITY,
    ActorKind.GOVERNMENT: PartnerKind.GOVERNMENT,
}
_MIDDLE = DevelopmentStatus.BERKEMBANG
STATUS_MAX = 0.5
"""The largest ``status`` weight: at it a need of a mandiri village counts nothing."""


@dataclass(frozen=True)
class Weights:
    """The weight of each term of the objective, and ``status``: how much more a need of a
    lower-status village counts (its factor is ``1 + status × steps below berkembang``, so
    ``status`` is at most 0.5, where the needs of a mandiri village count nothing).

    >>> Weights.parse("need=2, connect=3")
    Weights(need=2.0, connect=3.0, kind=1.0, peer=1.0, broker=1.0, renew=1.0, status=0.25)
    >>> Weights().factor(DevelopmentStatus.SANGAT_TERTINGGAL), Weights().factor(DevelopmentStatus.MANDIRI)
    (1.5, 0.5)
    """

    need: float = 1.0
    connect: float = 1.0
    kind: float = 1.0
    peer: float = 1.0
    broker: float = 1.0
    renew: float = 1.0
    status: float = 0.25

    def __post_init__(self) -> None:
        for name in self.names():
            value = getattr(self, name)
            number = isinstance(value, int | float)
            if not (number and math.isfinite(value) and value >= 0):
                raise JejaringError("plan.bad_weight", name=name, value=f"{value:g}" if number else value)
            object.__setattr__(self, name, float(value))
        if self.status > STATUS_MAX:
            raise JejaringError("plan.bad_status", value=f"{self.status:g}", most=STATUS_MAX)

    @classmethod
    def names(cls) -> list[str]:
        """The weights' names: the terms, then ``status``."""
        return [f.name for f in fields(cls)]

    @classmethod
    def parse(cls, text: str) -> Weights:
        """Read ``name=value`` pairs separated by commas; weights not named keep their defaults."""
        given: dict[str, float] = {}
        for part in (p.strip() for p in text.split(",")):
            name, sep, value = (s.strip() for s in part.partition("="))
            if not sep or not name:
                raise JejaringError("plan.bad_weights", text=text)
            if name not in cls.names():
                raise JejaringError("plan.unknown_weight", name=name, choices=", ".join(cls.names()))
            try:
                given[name] = float(value)
            except ValueError:
                raise JejaringError("plan.bad_weight", name=name, value=value) from None
        return cls(**given)

    def of(self, term: Term) -> float:
        """The weight of ``term``."""
        return getattr(self, term.value)

    def factor(self, status: DevelopmentStatus | None) -> float:
        """How much a need of a village of this development status counts."""
        steps = _MIDDLE.rank - (status or _MIDDLE).rank
        return 1.0 + self.status * steps

    def to_dict(self) -> dict[str, float]:
        """``{"need": 1.0, ...}``."""
        return asdict(self)


@dataclass(frozen=True)
class NewTie:
    """A proposed tie: a partnership, or peer learning between two kades.

    ``village`` is the village in scope it serves and ``source`` the actor on its side (the
    village, its kades or an institution); ``partner`` is the other side (an organisation or a
    village, of kind ``partner_kind``) and ``target`` the actor there. For two villages in
    scope, ``village`` is the first by code. ``renews`` is the id of the expired partnership
    it renews (ended on ``until``), if any. ``sectors`` are the pairs of sectors in which two
    villages complement each other (as the gap report matches neighbours).
    """

    kind: TieKind
    source: ActorRef
    target: ActorRef
    village: ActorRef
    partner: ActorRef
    partner_kind: ActorKind
    within_reach: bool = True
    renews: str | None = None
    until: date | None = None
    field: CooperationField | None = None
    kelurahan: bool = False
    sectors: tuple[tuple[Sector, Sector], ...] = ()

    def describe(self) -> Message:
        """The tie in words, e.g. ``Purwodadi ↔ LSM Tani (NGO)``."""
        if self.kind is TieKind.PEER_LEARNING:
            return Message("plan.tie.peer", {"kades": self.source.name, "village": self.village.name,
                                             "partner": self.target.name, "other": self.partner.name})
        kind = _ORG_KINDS.get(self.partner_kind, PartnerKind.VILLAGE)
        return Message("plan.tie.new", {"village": _side(self.village, self.source),
                                        "partner": _side(self.partner, self.target), "kind": kind})

    def affinity(self) -> Message | None:
        """How two villages complement each other, in words; ``None`` when they do not."""
        if not self.sectors:
            return None
        pairs = [Message("gaps.match.sector_pair", {"first": a, "second": b}) for a, b in self.sectors]
        return Message("gaps.match.sectors", {"pairs": pairs})

    def action(self) -> Message:
        """How to make the tie: the forum that agrees it and the document that sets it."""
        if self.kind is TieKind.PEER_LEARNING:
            return Message("plan.how.peer", {"kades": self.source.name, "partner": self.target.name})
        if self.renews:
            return Message("plan.how.renew", {"a": self.source.name, "b": self.target.name, "until": self.until})
        if self.kelurahan:
            return Message("plan.how.kelurahan", {"partner": self.partner.name})
        if self.partner_kind is ActorKind.VILLAGE:
            return Message("plan.how.village", {"village": self.village.name, "partner": self.partner.name})
        return Message("plan.how.third_party", {"village": self.village.name, "partner": self.partner.name})

    def record(self) -> Tie:
        """The proposal as a :class:`~jejaring.model.Tie` (undated), e.g. to see the network after it."""
        return Tie(kind=self.kind, source=self.source.id, target=self.target.id, field=self.field)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The tie as JSON-ready data, described in ``lang``."""
        return {
            "kind": str(self.kind),
            "source": asdict(self.source),
            "target": asdict(self.target),
            "village": asdict(self.village),
            "partner": asdict(self.partner),
            "partner_kind": str(self.partner_kind),
            "within_reach": self.within_reach,
            "renews": self.renews,
            "sectors": [[str(a), str(b)] for a, b in self.sectors],
            "text": self.describe().render(lang),
            "action": self.action().render(lang),
        }


@dataclass(frozen=True)
class Closure:
    """One gap a tie closes: the ``term`` it adds to, the village concerned, what exactly
    (``subject``: a need or partner kind code, a kades id, an expired tie id, or the village's
    brokers), the reason in words and the ``gain`` in score."""

    term: Term
    village: ActorRef
    subject: str
    why: Message
    gain: float

    @property
    def gap_type(self) -> GapType:
        """The type of gap closed."""
        return self.term.gap_type

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The closure as JSON-ready data, in ``lang``."""
        return {
            "term": str(self.term),
            "gap_type": str(self.gap_type),
            "village": asdict(self.village),
            "subject": self.subject,
            "gain": self.gain,
            "text": self.why.render(lang),
        }


@dataclass(frozen=True)
class Step:
    """One step of the plan: the tie added, what it closes, and the score after it."""

    number: int
    tie: NewTie
    closes: tuple[Closure, ...]
    total: float

    @property
    def gain(self) -> float:
        """How much the tie adds to the score."""
        return sum(c.gain for c in self.closes)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The step as JSON-ready data, in ``lang``."""
        return {"number": self.number, "tie": self.tie.to_dict(lang), "gain": self.gain, "total": self.total,
                "closes": [c.to_dict(lang) for c in self.closes]}


@dataclass(frozen=True)
class Score:
    """The objective's terms: ``counts`` of what is covered out of ``possible``, and their
    weighted ``values`` (needs: each weighted by its village's status factor)."""

    counts: Mapping[Term, int] = field(hash=False)
    possible: Mapping[Term, int] = field(hash=False)
    values: Mapping[Term, float] = field(hash=False)

    @property
    def total(self) -> float:
        """The score: the sum of the terms' values."""
        return sum(self.values.values())

    def to_dict(self) -> dict[str, Any]:
        """``{"total": ..., "terms": {term: {"count", "possible", "value"}}}``."""
        return {"total": self.total, "terms": {
            str(k): {"count": self.counts[k], "possible": self.possible[k], "value": self.values[k]} for k in Term
        }}


@dataclass(frozen=True)
class Plan:
    """The greedy plan: up to ``budget`` new ties, the score before and after, and the steps."""

    area: str | None
    start: date | None
    end: date | None
    budget: int
    weights: Weights
    candidates: int
    before: Score
    after: Score
    steps: tuple[Step, ...]

    @property
    def gain(self) -> float:
        """How much the plan adds to the score."""
        return self.after.total - self.before.total

    def records(self) -> list[Tie]:
        """The plan's ties as :class:`~jejaring.model.Tie` records, in the order of the steps."""
        return [step.tie.record() for step in self.steps]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The plan as JSON-ready data, texts in ``lang``."""
        return {
            "area": self.area,
            "start": self.start.isoformat() if self.start else None,
            "end": (self.end - timedelta(days=1)).isoformat() if self.end else None,
            "budget": self.budget,
            "weights": self.weights.to_dict(),
            "candidates": self.candidates,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "gain": self.gain,
            "steps": [step.to_dict(lang) for step in self.steps],
        }


def _side(unit: ActorRef, actor: ActorRef) -> str:
    """A side of a tie by name, with the actor that signs for it when that is not the unit itself."""
    return unit.name if unit.id == actor.id else f"{unit.name} ({actor.name})"


def _fragile(graph: nx.Graph, village: str, villages: set[str]) -> bool:
    """True when one actor stands between ``village`` and every other village of its component
    (the gap report's single broker)."""
    component = nx.node_connected_component(graph, village)
    part = graph.subgraph(component)
    for cut in nx.articulation_points(part):
        if cut == village or not (component & villages) - {village, cut}:
            continue
        side = nx.node_connected_component(part.subgraph(component - {cut}), village)
        if not (side & villages) - {village}:
            return True
    return False


class _State:
    """The gaps still open, kept up to date as ties are added."""

    def __init__(self, net: Network, partners: Iterable[Actor], km: float) -> None:
        self.net = net
        self.actors: dict[str, Actor] = dict(net.actors)
        self.extra: set[str] = set()
        for actor in partners:
            if actor.kind in _ORG_KINDS and actor.id not in self.actors:
                self.actors[actor.id] = actor
                self.extra.add(actor.id)
        self.home = {a.id: a.village for a in net.of_kind(ActorKind.VILLAGE_HEAD, ActorKind.INSTITUTION)}
        self.villages: list[Village] = [v for v in net.of_kind(ActorKind.VILLAGE) if in_area(v.id, net.area)]
        self.inside = {v.id for v in self.villages}
        self.links: dict[str, set[str]] = defaultdict(set)
        self.peers: set[frozenset[str]] = set()
        for tie in net.ties:
            a, b = self.unit(tie.source), self.unit(tie.target)
            if tie.kind in PARTNER_TIES and a != b:
                self.links[a].add(b)
                self.links[b].add(a)
            if tie.kind in PEER_TIES:
                self.peers.add(frozenset((tie.source, tie.target)))
        day = net.end - timedelta(days=1) if net.end else date.today()
        self.heads: list[VillageHead] = [
            h for h in net.of_kind(ActorKind.VILLAGE_HEAD)
            if (h.term_start is None or h.term_start <= day) and (h.term_end is None or day < h.term_end)
        ]
        self.near = neighbours(net, km=km)
        self.open_needs: dict[str, set[Resource]] = defaultdict(set)
        for gap in unmet_needs(net):
            self.open_needs[gap.village.id].add(gap.why.params["need"])
        matrix = coverage_matrix(net)
        self.open_kinds = {v.id: set(matrix.missing(v.id)) - {PartnerKind.VILLAGE} for v in self.villages}
        self.isolated = {gap.village.id for gap in isolated_villages(net, km=km)}
        self.kades_open: dict[str, int] = {}  # kades id -> the least status rank of a peer closing its gap
        for gap in kades_gaps(net, km=km):
            status = self.status(gap.village.id)
            low = status is not None and status <= LOW_STATUS
            self.kades_open[gap.actors[0].id] = status.rank + 1 if low else -1
        self.fragile = {gap.village.id: gap.actors for gap in single_brokers(net, km=km)}
        self.graph = nx.Graph(partner_graph(net))
        self.village_ids = {v.id for v in net.of_kind(ActorKind.VILLAGE)}
        self.expired: dict[frozenset[str], list[tuple[Tie, ActorRef]]] = defaultdict(list)
        for gap in expired_partnerships(net):
            a, b = (ref.id for ref in gap.actors)
            until = gap.why.params["until"]
            tie = next(t for t in net.undated().ties
                       if t.kind is TieKind.PARTNERSHIP and (t.source, t.target) == (a, b) and t.until == until)
            self.expired[frozenset((self.unit(a), self.unit(b)))].append((tie, gap.village))
        self.possible = {Term.BROKER: len(self.fragile), Term.RENEW: sum(map(len, self.expired.values()))}
        self.closed = dict.fromkeys((Term.BROKER, Term.RENEW), 0)
        self.standing = {u: len(self.links[u] & self.inside) for u in self.actors}
        self.standing |= {h.id: sum(h.id in pair for pair in self.peers) for h in self.heads}

    def unit(self, actor_id: str) -> str:
        return self.home.get(actor_id, actor_id)

    def ref(self, actor_id: str) -> ActorRef:
        """The actor by id and name (a village outside the view, known only by its code, by its code)."""
        actor = self.actors.get(actor_id)
        return ActorRef(actor_id, actor.name if actor else actor_id)

    def status(self, village_id: str) -> DevelopmentStatus | None:
        village = self.actors.get(village_id)
        return village.development_status if isinstance(village, Village) else None

    def rank(self, kades_id: str) -> int:
        status = self.status(self.unit(kades_id))
        return status.rank if status is not None else -1

    def reach(self, village_id: str, actor: Actor) -> bool:
        """True when ``actor`` works where the village is (see the module's rules)."""
        kabupaten = ".".join(village_id.split(".")[:2])
        if actor.kind is ActorKind.VILLAGE:
            return in_area(actor.id, kabupaten)
        area = actor.area_code
        if area is None or in_area(village_id, area):
            return True
        return actor.kind is not ActorKind.GOVERNMENT and in_area(area, kabupaten)

    def closes(self, tie: NewTie, weights: Weights) -> list[Closure]:
        """The gaps the tie would close now, with their gains."""
        a, b = tie.source.id, tie.target.id
        ua, ub = self.unit(a), self.unit(b)
        found = []
        if tie.kind is TieKind.PARTNERSHIP:
            for side, end, other in ((ua, b, ub), (ub, a, ua)):
                if side in self.inside:
                    found += self._partner_closes(side, end, other, weights)
            for old, village in self.expired.get(frozenset((ua, ub)), ()):
                why = Message("plan.closes.renew", {"a": self.actors[old.source].name,
                                                    "b": self.actors[old.target].name, "until": old.until})
                found.append(Closure(Term.RENEW, village, old.id, why, weights.renew))
        else:
            for head, other in ((a, b), (b, a)):
                if head in self.kades_open and self.rank(other) >= self.kades_open[head]:
                    home, low = self.unit(head), self.kades_open[head] >= 0
                    params = {"kades": self.actors[head].name, "village": self.actors[home].name}
                    if low:
                        params |= {"status": self.status(home), "other": self.status(self.unit(other))}
                    why = Message("plan.closes.mentor" if low else "plan.closes.peer", params)
                    found.append(Closure(Term.PEER, self.ref(home), head, why, weights.peer))
        for village in self._second_paths(ua, ub):
            brokers = self.fragile[village]
            why = Message("plan.closes.broker", {"village": self.actors[village].name,
                                                 "brokers": [r.name for r in brokers]})
            found.append(Closure(Term.BROKER, self.ref(village), ";".join(r.id for r in brokers), why,
                                 weights.broker))
        return found

    def _partner_closes(self, side: str, end: str, other: str, weights: Weights) -> list[Closure]:
        """What a partnership with ``other`` (signed by ``end``) closes for the village ``side``."""
        found = []
        village, by, unit = self.ref(side), self.ref(other), self.actors.get(other)
        offers = set(self.actors[end].offers) | set(unit.offers if unit else ())
        for need in sorted(self.open_needs[side] & offers, key=list(Resource).index):
            why = Message("plan.closes.need", {"need": need, "village": village.name, "by": by.name})
            found.append(Closure(Term.NEED, village, need.value, why, weights.need * weights.factor(self.status(side))))
        kind = _ORG_KINDS.get(unit.kind) if unit else None
        if unit is not None and unit.kind is ActorKind.VILLAGE and side in self.isolated:
            why = Message("plan.closes.connect", {"village": village.name})
            found.append(Closure(Term.CONNECT, village, side, why, weights.connect))
        elif kind in self.open_kinds[side]:
            why = Message("plan.closes.kind", {"village": village.name, "kind": kind})
            found.append(Closure(Term.KIND, village, kind.value, why, weights.kind))
        return found

    def _second_paths(self, ua: str, ub: str) -> list[str]:
        """The fragile villages an edge between ``ua`` and ``ub`` would give a second path."""
        if not self.fragile or self.graph.has_edge(ua, ub):
            return []
        new = [n for n in (ua, ub) if n not in self.graph]
        self.graph.add_edge(ua, ub)
        try:
            return [v for v in sorted(self.fragile) if not _fragile(self.graph, v, self.village_ids)]
        finally:
            self.graph.remove_edge(ua, ub)
            self.graph.remove_nodes_from(new)

    def apply(self, tie: NewTie, closes: list[Closure]) -> None:
        """Add the tie: close what it closes."""
        ua, ub = self.unit(tie.source.id), self.unit(tie.target.id)
        self.graph.add_edge(ua, ub)
        if tie.kind is TieKind.PARTNERSHIP:
            self.links[ua].add(ub)
            self.links[ub].add(ua)
            self.expired.pop(frozenset((ua, ub)), None)
        else:
            self.peers.add(frozenset((tie.source.id, tie.target.id)))
        for item in closes:
            village = item.village.id
            if item.term is Term.NEED:
                self.open_needs[village].discard(Resource(item.subject))
            elif item.term is Term.KIND:
                self.open_kinds[village].discard(PartnerKind(item.subject))
            elif item.term is Term.CONNECT:
                self.isolated.discard(village)
            elif item.term is Term.PEER:
                del self.kades_open[item.subject]
            elif item.term is Term.BROKER:
                del self.fragile[village]
            if item.term in self.closed:
                self.closed[item.term] += 1

    def score(self, weights: Weights) -> Score:
        """The objective for the network as it stands."""
        needs = [(v, need) for v in self.villages for need in v.needs]
        met = [v for v, need in needs if need not in self.open_needs[v.id]]
        heads = {h.id for h in self.heads if h.village in self.inside}
        possible = {Term.NEED: len(needs), Term.CONNECT: len(self.villages), Term.KIND: 4 * len(self.villages),
                    Term.PEER: len(heads), **self.possible}
        counts = {Term.NEED: len(met), Term.CONNECT: len(self.villages) - len(self.isolated),
                  Term.KIND: possible[Term.KIND] - sum(map(len, self.open_kinds.values())),
                  Term.PEER: len(heads - self.kades_open.keys()), **self.closed}
        values = {term: weights.of(term) * counts[term] for term in Term}
        values[Term.NEED] = sum(weights.need * weights.factor(v.development_status) for v in met)
        return Score({t: counts[t] for t in Term}, {t: possible[t] for t in Term}, values)


def _sectors(a: Actor, b: Actor) -> tuple[tuple[Sector, Sector], ...]:
    """The pairs of sectors in which two villages complement each other (a pair both share is not)."""
    if not (isinstance(a, Village) and isinstance(b, Village)):
        return ()
    return tuple((x, y) for x in a.sectors for y in b.sectors
                 if frozenset((x, y)) in COMPLEMENTARY_SECTORS and not (x in b.sectors and y in a.sectors))


def _matches(a: Village, b: Village) -> bool:
    """One offers what the other needs, or their sectors complement each other."""
    return bool(set(a.needs) & set(b.offers) or set(b.needs) & set(a.offers) or _sectors(a, b))


def _candidates(state: _State) -> list[NewTie]:
    found: dict[tuple[TieKind, frozenset[str]], NewTie] = {}

    def propose(source: str, target: str, kind: TieKind = TieKind.PARTNERSHIP, old: Tie | None = None) -> None:
        village, partner = state.unit(source), state.unit(target)
        key = (kind, frozenset((source, target) if kind is TieKind.PEER_LEARNING else (village, partner)))
        if key in found:
            return
        actor = state.actors.get(partner) or state.actors[target]
        kelurahan = any(isinstance(state.actors.get(u), Village) and state.actors[u].is_kelurahan
                        for u in (village, partner))
        found[key] = NewTie(
            kind, state.ref(source), state.ref(target), state.ref(village), state.ref(partner), actor.kind,
            state.reach(village, actor), old.id if old else None, old.until if old else None,
            old.field if old else None, kelurahan,
            _sectors(state.actors[village], actor) if kind is TieKind.PARTNERSHIP else (),
        )

    for olds in sorted(state.expired.values(), key=lambda olds: olds[0][0].id):
        old, village = olds[0]
        ends = (old.source, old.target) if state.unit(old.source) == village.id else (old.target, old.source)
        propose(*ends, old=old)
    organisations = [a for a in state.actors.values() if a.kind in _ORG_KINDS]
    villages = state.net.of_kind(ActorKind.VILLAGE)
    for v in state.villages:
        linked = state.links[v.id] | {v.id}
        needs, kinds = state.open_needs[v.id], state.open_kinds[v.id]
        brokers = {r.id for r in state.fragile.get(v.id, ())}
        for org in organisations:
            if org.id in linked or org.id in state.extra and not state.reach(v.id, org):
                continue
            second = v.id in state.fragile and org.id in state.graph and org.id not in brokers and any(
                n in state.village_ids and n != v.id for n in state.graph[org.id])
            if _ORG_KINDS[org.kind] in kinds or needs & set(org.offers) or second:
                propose(v.id, org.id)
        near = [w for w in villages if w.id in state.near[v.id] and w.id not in linked]
        matching = [w for w in near if _matches(v, w)] or near
        for w in villages:
            if w.id in linked:
                continue
            if (needs & set(w.offers) or v.id in state.isolated and w in matching
                    or v.id in state.fragile and w in near and w.id not in brokers):
                first, second = sorted((v.id, w.id), key=lambda x: (x not in state.inside, x))
                propose(first, second)
    heads = {h.id: h for h in state.heads}
    for head in (heads[h] for h in sorted(state.kades_open)):
        for other in heads.values():
            if (other.village in state.near.get(head.village, ()) and frozenset((head.id, other.id)) not in state.peers
                    and state.rank(other.id) >= state.kades_open[head.id]):
                propose(head.id, other.id, TieKind.PEER_LEARNING)
    return sorted(found.values(), key=lambda c: (c.village.id, c.partner.id, c.kind.value, c.target.id))


def candidates(net: Network, *, partners: Iterable[Actor] = (), km: float = NEIGHBOUR_KM) -> list[NewTie]:
    """Every new tie that would close at least one gap of the view's villages (see the module's
    rules), by village and partner; ``partners`` adds organisations not yet in the view.

    >>> from jejaring.model import Village
    >>> a = Village(code="18.02.02.2001", name="Purwodadi", needs=["air"])
    >>> b = Village(code="18.02.02.2002", name="Sido Dadi", offers=["air"])
    >>> [c.describe().render("en") for c in candidates(Network([a, b], area="18.02.02"))]
    ['Purwodadi ↔ Sido Dadi (other village)']
    """
    return _candidates(_State(net, partners, km))


def plan(
    net: Network,
    *,
    budget: int = 5,
    weights: Weights | None = None,
    partners: Iterable[Actor] = (),
    km: float = NEIGHBOUR_KM,
) -> Plan:
    """Choose up to ``budget`` new ties, one at a time, each closing the most gaps of the view's
    villages by the objective of :class:`Weights` (see the module's docstring).

    ``partners`` are organisations that may be proposed though they have no tie in the view yet
    (e.g. the kabupaten's dinas); ``km`` is the neighbour distance of the gap report.
    """
    if budget < 0:
        raise JejaringError("plan.bad_budget", budget=budget)
    weights = weights or Weights()
    state = _State(net, partners, km)
    pool = _candidates(state)
    considered = len(pool)
    before = state.score(weights)
    total = before.total
    steps: list[Step] = []
    for number in range(1, budget + 1):
        best: tuple[tuple[Any, ...], NewTie, list[Closure]] | None = None
        for tie in pool:
            closes = state.closes(tie, weights)
            gain = round(sum(c.gain for c in closes), 9)
            if gain > 0:
                key = (-gain, not tie.within_reach, -state.standing.get(tie.target.id, 0), -len(tie.sectors),
                       tie.village.id, tie.partner.id, tie.target.id)
                if best is None or key < best[0]:
                    best = (key, tie, closes)
        if best is None:
            break
        _, tie, closes = best
        state.apply(tie, closes)
        pool.remove(tie)
        total += sum(c.gain for c in closes)
        steps.append(Step(number, tie, tuple(closes), total))
    return Plan(net.area, net.start, net.end, budget, weights, considered, before, state.score(weights), tuple(steps))
