"""Where collaboration is missing around each village, and why: the collaboration-gap report.

Each kind of gap has its own function taking a :class:`~jejaring.network.Network` (a dated
view: ties count while in force) and returning :class:`~jejaring.analysis.gap_types.Gap`
items; :func:`gaps` runs them all into a :class:`~jejaring.analysis.gap_types.GapReport`,
most severe first. Coordination gaps (types 3 and 4) come from
:mod:`jejaring.analysis.coordination`.

Rules, stated once:

- **Villages in scope** are those inside the view's area; partners from outside are named
  but not reported on.
- **A village's side** is the village, its kades and its institutions: a BUM Desa's
  partnership with a firm is the village's tie to a firm. Ties inside one side do not count.
- **Partner ties** are :data:`PARTNER_TIES` (partnership, resource sharing, support,
  funding); membership and leadership place actors, they do not partner them; coordination
  and peer learning are contact, judged under the kades and coordination gaps.
- **Neighbours** are two villages within :data:`NEIGHBOUR_KM` km when both have
  coordinates, else two villages of the same kecamatan (the official list has no
  coordinates; Permendagri 96/2017 sets inter-village cooperation within a kecamatan first).
- **Kades peers** are kades joined by a :data:`PEER_TIES` tie. Meetings do not count:
  every kades of a kecamatan sits in the same forum kades, which says nothing of who learns
  from whom. A village of **low status** is at or below :data:`LOW_STATUS` (tertinggal).
- **Severity**, per gap (the reason key in brackets):

  ========  =================================================================================
  high      a desa without a BPD (``no_bpd``); a village without a coordination meeting in the
            quarter (``no_meeting``); a village with no partner of any kind (``no_partner``);
            a need nobody in the scope offers (``unmet_need_nowhere``); a kades of a
            low-status village with no peer (``kades_isolated_low``)
  medium    a village lacking three or more kinds of partner (``coverage``); a need its
            partners do not offer but others in the scope do (``unmet_need``); institutions
            absent from every coordination meeting (``absent_institutions``); institutions
            that never meet each other (``institutions_never_meet``); attendance below a
            quarter (``low_attendance``); ties lost against the previous quarter
            (``ties_lost``); a village in no inter-village cooperation (``no_inter_village``);
            an isolated kades (``kades_isolated``); a low-status kades with no higher-status
            peer (``kades_no_mentor``); a partnership expired with nothing in its place
            (``expired``); a village reached only through one broker (``single_broker``)
  low       a village lacking one or two kinds of partner; attendance below
            :data:`~jejaring.analysis.coordination.LOW_ATTENDANCE`; fewer coordination
            meetings than the quarter before (``fewer_meetings``); an expired partnership
            whose pair still has another partner tie; neighbours that match and have no
            tie (``neighbour_match``: an opportunity)
  ========  =================================================================================

>>> from jejaring.model import Ngo, Tie, Village
>>> a = Village(code="18.02.02.2001", name="Purwodadi", needs=["air"])
>>> b = Village(code="18.02.02.2002", name="Sido Dadi", offers=["air"])
>>> lsm = Ngo(id="lsm", name="LSM Tani", offers=["pelatihan"])
>>> report = gaps(Network([a, b, lsm], [Tie(kind="support", source="lsm", target=a.id)], area="18.02.02"))
>>> for gap in report.of_type(GapType.UNMET_NEED):
...     print(gap.reason("en"))
...     print(gap.action("en"))
Purwodadi needs water and irrigation, but none of its partners (1) offers it; in the area it is offered by Sido Dadi.
Approach Sido Dadi about water and irrigation.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property

import networkx as nx

from jejaring.analysis.brokerage import home_village
from jejaring.analysis import coordination as coord
from jejaring.analysis.gap_types import (
    ActorRef,
    CoverageMatrix,
    Gap,
    GapReport,
    GapType,
    Message,
    PartnerKind,
    Severity,
    sort_key,
)
from jejaring.model import Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.periods import Quarter
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, DevelopmentStatus, Sector, TieKind

__all__ = [
    "PARTNER_TIES",
    "PEER_TIES",
    "LOW_STATUS",
    "NEIGHBOUR_KM",
    "TOP_PAIRS",
    "COMPLEMENTARY_SECTORS",
    "coverage_matrix",
    "coverage_gaps",
    "unmet_needs",
    "intra_village_gaps",
    "quarterly_gaps",
    "neighbours",
    "isolated_villages",
    "neighbour_pairs",
    "kades_gaps",
    "expired_partnerships",
    "partner_graph",
    "single_brokers",
    "gaps",
]

PARTNER_TIES = frozenset(kind for kind in TieKind if kind.partners)
"""The tie kinds that make two actors partners."""

PEER_TIES = frozenset({TieKind.PEER_LEARNING, TieKind.PARTNERSHIP, TieKind.COORDINATION})
"""The tie kinds that make two kades peers."""

LOW_STATUS = DevelopmentStatus.TERTINGGAL
"""Villages at or below this development status need someone to learn from."""

NEIGHBOUR_KM = 5.0
"""Villages with coordinates are neighbours within this distance."""

TOP_PAIRS = 10
"""How many neighbour pairs :func:`neighbour_pairs` lists by default, the best-matched first."""

_S = Sector
COMPLEMENTARY_SECTORS: frozenset[frozenset[Sector]] = frozenset(
    frozenset(pair)
    for pair in (
        (_S.PERTANIAN, _S.PETERNAKAN),  # fodder and manure
        (_S.PERTANIAN, _S.PERDAGANGAN),  # producers and traders
        (_S.PERTANIAN, _S.UMKM),  # crops and their processing
        (_S.PERKEBUNAN, _S.UMKM),
        (_S.PERKEBUNAN, _S.PERDAGANGAN),
        (_S.PETERNAKAN, _S.PERDAGANGAN),
        (_S.PERIKANAN, _S.PERDAGANGAN),
        (_S.PERIKANAN, _S.UMKM),
        (_S.KEHUTANAN, _S.UMKM),
        (_S.KEHUTANAN, _S.WISATA),
        (_S.WISATA, _S.UMKM),
        (_S.WISATA, _S.PERDAGANGAN),
        (_S.LINGKUNGAN, _S.WISATA),
    )
)
"""Pairs of sectors in which two villages complement each other (a producer and its buyer or processor)."""

_PARTNER_KIND = {
    ActorKind.NGO: PartnerKind.NGO,
    ActorKind.FIRM: PartnerKind.FIRM,
    ActorKind.UNIVERSITY: PartnerKind.UNIVERSITY,
    ActorKind.GOVERNMENT: PartnerKind.GOVERNMENT,
    ActorKind.VILLAGE: PartnerKind.VILLAGE,
}
_NAMED = 3  # names listed in a reason before "and N more"


class _View:
    """The villages in scope, each actor's side, and the partner links between sides."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.home = {i: village for i, a in net.actors.items() if (village := home_village(a)) is not None}
        self.villages: list[Village] = [v for v in net.of_kind(ActorKind.VILLAGE) if in_area(v.id, net.area)]
        self.links: dict[str, dict[str, list[Tie]]] = defaultdict(lambda: defaultdict(list))
        for tie in net.ties:
            a, b = self.unit(tie.source), self.unit(tie.target)
            if tie.kind in PARTNER_TIES and a != b:
                self.links[a][b].append(tie)
                self.links[b][a].append(tie)
        self.last_day = net.end - timedelta(days=1) if net.end else date.today()

    def unit(self, actor_id: str) -> str:
        """The village an actor stands for, or the actor itself when it is an organisation."""
        return self.home.get(actor_id, actor_id)

    def kind(self, unit: str) -> PartnerKind | None:
        actor = self.net.actors.get(unit)
        return _PARTNER_KIND.get(actor.kind) if actor else None

    @cached_property
    def reach(self) -> Counter[str]:
        """How many villages in scope each unit is a partner of."""
        return Counter(unit for v in self.villages for unit in self.links[v.id])

    @cached_property
    def units(self) -> list[str]:
        """Villages and organisations, the ones partnering the most villages in scope first."""
        found = [a.id for a in self.net.actors.values() if a.kind in _PARTNER_KIND]
        return sorted(found, key=lambda u: (-self.reach[u], self.net.name(u)))


def _village_ref(village: Village) -> ActorRef:
    return ActorRef(village.id, village.name)


def _names(refs: list[ActorRef]) -> list[str] | Message:
    """The names, or the first few and "N more"."""
    names = [r.name for r in refs]
    if len(names) <= _NAMED + 1:
        return names
    return Message("gaps.names_more", {"names": names[:_NAMED], "count": len(names) - _NAMED})


# 1. Coverage -------------------------------------------------------------------------------


def coverage_matrix(net: Network) -> CoverageMatrix:
    """Villages in scope × partner kinds: how many partners of each kind each village has.

    A partner of kind ``village`` is another village (or its kades or institution).
    """
    view = _View(net)
    kinds = tuple(PartnerKind)
    rows = []
    for village in view.villages:
        count = Counter(view.kind(unit) for unit in view.links[village.id])
        rows.append(tuple(count[kind] for kind in kinds))
    return CoverageMatrix(tuple(_village_ref(v) for v in view.villages), kinds, tuple(rows))


def coverage_gaps(net: Network) -> list[Gap]:
    """For each village in scope, the kinds of partner it has none of (gap 1).

    The action names, for each missing kind of organisation, the one in the view that
    partners the most villages in scope.
    """
    view = _View(net)
    matrix = coverage_matrix(net)
    best = {}  # per kind of organisation, the one partnering the most villages in scope
    for unit in reversed(view.units):
        if view.reach[unit] and view.kind(unit) is not PartnerKind.VILLAGE:
            best[view.kind(unit)] = unit
    found = []
    for village in view.villages:
        missing = matrix.missing(village.id)
        if not missing:
            continue
        candidates = [
            Message("gaps.action.candidate", {"name": view.net.name(best[k]), "kind": k, "count": view.reach[best[k]]})
            for k in missing
            if k in best
        ]
        if len(missing) == len(matrix.kinds):
            why, severity = Message("gaps.reason.no_partner", {"village": village.name}), Severity.HIGH
        else:
            why = Message("gaps.reason.coverage", {"village": village.name, "kinds": missing})
            severity = Severity.MEDIUM if len(missing) >= 3 else Severity.LOW
        todo = Message("gaps.action.approach", {"candidates": candidates}) if candidates else None
        found.append(Gap(GapType.COVERAGE, severity, _village_ref(village), (), why, todo, len(missing)))
    return found


# 2. Unmet needs ----------------------------------------------------------------------------


def unmet_needs(net: Network) -> list[Gap]:
    """Needs of each village in scope that none of its current partners offers (gap 2).

    A partner meets a need when a tie with it carries that resource or it offers it. The
    reason names who else in the view offers it (villages and organisations, the ones that
    partner the most villages in scope first); the action suggests the first.
    """
    view = _View(net)
    found = []
    for village in view.villages:
        partners = view.links[village.id]
        ends = {end for ties in partners.values() for t in ties for end in (t.source, t.target)}
        ends = {e for e in ends | set(partners) if view.unit(e) != village.id and e in view.net.actors}
        offered = {r for e in ends for r in view.net.actors[e].offers}
        offered |= {r for ties in partners.values() for t in ties for r in t.resources}
        for need in village.needs:
            if need in offered:
                continue
            refs = [
                view.net.ref(u)
                for u in view.units
                if need in view.net.actors[u].offers and u not in partners and u != village.id
            ]
            params = {"village": village.name, "need": need, "partners": len(partners)}
            if refs:
                why = Message("gaps.reason.unmet_need", {**params, "suppliers": _names(refs)})
                todo = Message("gaps.action.ask_supplier", {"supplier": refs[0].name, "need": need})
                severity = Severity.MEDIUM
            else:
                why = Message("gaps.reason.unmet_need_nowhere", params)
                todo, severity = Message("gaps.action.look_beyond", {"need": need}), Severity.HIGH
            found.append(Gap(GapType.UNMET_NEED, severity, _village_ref(village), tuple(refs), why, todo))
    return found


# 3 and 4. Coordination, from jejaring.analysis.coordination -------------------------------


def _quarter(net: Network, quarter: Quarter | str | None) -> tuple[Quarter, coord.QuarterSource]:
    """The quarter coordination is judged on, chosen as :func:`~jejaring.analysis.coordination.resolve_quarter`
    does, except that a one-day view whose quarter has no meeting on record yet (not reported
    yet, or still to come) falls back to the latest quarter with meetings before that day.
    """
    chosen, source = coord.resolve_quarter(net, quarter=quarter)
    one_day = net.start is not None and net.end == net.start + timedelta(days=1)
    if source == "view" and one_day:
        days = [m.date for m in net.undated().meetings if m.date < chosen.end]
        if days and max(days) < chosen.start:
            return Quarter.of(max(days)), "latest_meeting"
    return chosen, source


def intra_village_gaps(net: Network, *, quarter: Quarter | str | None = None) -> list[Gap]:
    """Coordination gaps inside each village (gap 3): a desa without a BPD; institutions that took
    part in none of the village government's coordination meetings of the quarter (where it held
    any); a village whose institutions never met each other in the quarter.
    """
    q, _ = _quarter(net, quarter)
    found = []
    for village in coord.villages_without_bpd(net):
        why, todo = (Message(f"gaps.{k}", {"village": village.name}) for k in ("reason.no_bpd", "action.form_bpd"))
        found.append(Gap(GapType.INTRA_VILLAGE, Severity.HIGH, village, (), why, todo))
    absent: dict[ActorRef, list[coord.InstitutionAttendance]] = defaultdict(list)
    for row in coord.absent_institutions(net, quarter=q):
        if row.meetings:
            absent[row.village].append(row)
    for village, rows in absent.items():
        names = [row.institution.name for row in rows]
        params = {"village": village.name, "institutions": names, "meetings": rows[0].meetings, "quarter": q}
        todo = Message("gaps.action.invite", {"institutions": names})
        actors = tuple(row.institution for row in rows)
        why = Message("gaps.reason.absent_institutions", params)
        found.append(Gap(GapType.INTRA_VILLAGE, Severity.MEDIUM, village, actors, why, todo, len(rows)))
    for village in coord.villages_whose_institutions_never_meet(net, quarter=q):
        why = Message("gaps.reason.institutions_never_meet", {"village": village.name, "quarter": q})
        todo = Message("gaps.action.joint_meeting", {"village": village.name})
        found.append(Gap(GapType.INTRA_VILLAGE, Severity.MEDIUM, village, (), why, todo))
    return found


def quarterly_gaps(net: Network, *, quarter: Quarter | str | None = None) -> list[Gap]:
    """Quarterly coordination gaps (gap 4): villages without a coordination meeting in the quarter;
    villages whose institutions' attendance at them was below
    :data:`~jejaring.analysis.coordination.LOW_ATTENDANCE`; ties lost in the quarter; and, as
    one gap for the scope, the villages holding fewer coordination meetings than the quarter before.
    """
    q, _ = _quarter(net, quarter)
    view = _View(net)
    found = []
    for village in coord.villages_without_meeting(net, quarter=q):
        why = Message("gaps.reason.no_meeting", {"village": village.name, "quarter": q})
        todo = Message("gaps.action.hold_rakor", {"village": village.name})
        found.append(Gap(GapType.QUARTERLY, Severity.HIGH, village, (), why, todo))
    rows_of: dict[ActorRef, list[coord.InstitutionAttendance]] = defaultdict(list)
    for row in coord.attendance_rates(net, quarter=q):
        if row.meetings:
            rows_of[row.village].append(row)
    for village, rows in rows_of.items():
        rate = sum(r.attended for r in rows) / sum(r.meetings for r in rows)
        if rate < coord.LOW_ATTENDANCE:
            params = {"village": village.name, "rate": rate, "meetings": rows[0].meetings, "quarter": q,
                      "threshold": coord.LOW_ATTENDANCE}
            severity = Severity.MEDIUM if rate < coord.LOW_ATTENDANCE / 2 else Severity.LOW
            low = tuple(r.institution for r in rows if (r.rate or 0) < coord.LOW_ATTENDANCE)
            found.append(Gap(GapType.QUARTERLY, severity, village, low,
                             Message("gaps.reason.low_attendance", params), None, 1 - rate))
    change = coord.quarter_change(net, quarter=q)
    fewer = []
    for row in change.villages:
        village = row.village
        lost = [
            c for c in change.ties
            if c.change == "lost" and village.id in c.villages and view.unit(c.source.id) != view.unit(c.target.id)
        ]
        partners = [c.target if view.unit(c.source.id) == village.id else c.source for c in lost]
        if lost:
            items = [Message("gaps.tie", {"kind": TieKind(c.kind), "partner": p.name}) for c, p in zip(lost, partners)]
            why = Message("gaps.reason.ties_lost", {"village": village.name, "quarter": q, "ties": items})
            actors = tuple(sorted(set(partners), key=lambda a: a.name))
            found.append(Gap(GapType.QUARTERLY, Severity.MEDIUM, village, actors, why, None, len(lost)))
        if 0 < row.coordination_meetings < row.coordination_meetings_before:
            fewer.append(row)
    if fewer:
        groups: dict[tuple[int, int], list[str]] = defaultdict(list)
        for r in fewer:
            groups[r.coordination_meetings, r.coordination_meetings_before].append(r.village.name)
        items = [Message("gaps.fewer_group", {"villages": names, "count": now, "before": before})
                 for (now, before), names in sorted(groups.items())]
        params = {"count": len(fewer), "quarter": q, "previous": Quarter.parse(change.previous), "groups": items}
        found.append(Gap(GapType.QUARTERLY, Severity.LOW, None, tuple(r.village for r in fewer),
                         Message("gaps.reason.fewer_meetings", params)))
    return found


# 5. Inter-village --------------------------------------------------------------------------


def _near(a: Village, b: Village, km: float) -> bool:
    """Within ``km`` (haversine) when both have coordinates, else in the same kecamatan."""
    if None in (a.latitude, b.latitude):
        return a.code.rsplit(".", 1)[0] == b.code.rsplit(".", 1)[0]
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) <= km


def neighbours(net: Network, *, km: float = NEIGHBOUR_KM) -> dict[str, list[str]]:
    """Each village of the view and its neighbouring villages (see the module's rules), by code.

    >>> from jejaring.model import Village
    >>> a, b, c = (Village(code=c, name=c) for c in ("18.02.02.2001", "18.02.02.2002", "18.02.03.2001"))
    >>> neighbours(Network([a, b, c]))["18.02.02.2001"]
    ['18.02.02.2002']
    """
    villages = net.of_kind(ActorKind.VILLAGE)
    by_kecamatan: dict[str, list[Village]] = defaultdict(list)
    cells: dict[tuple[int, int], list[Village]] = defaultdict(list)
    size = km / _KM_PER_DEGREE  # a cell is at least km wide anywhere in Indonesia
    for v in villages:
        by_kecamatan[_kecamatan(v)].append(v)
        if v.latitude is not None:
            cells[_cell(v, size)].append(v)
    found = {}
    for a in villages:  # a pair without coordinates is near only within a kecamatan
        candidates = {b.id: b for b in by_kecamatan[_kecamatan(a)]}
        if a.latitude is not None:
            x, y = _cell(a, size)
            candidates.update((b.id, b) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for b in cells[x + dx, y + dy])
        found[a.id] = sorted(key for key, b in candidates.items() if key != a.id and _near(a, b, km))
    return found


_KM_PER_DEGREE = 100.0  # fewer than on any meridian or on any parallel south of 25 degrees


def _kecamatan(village: Village) -> str:
    return village.code.rsplit(".", 1)[0]


def _cell(village: Village, size: float) -> tuple[int, int]:
    return math.floor(village.latitude / size), math.floor(village.longitude / size)  # type: ignore[operator]


def _match(a: Village, b: Village) -> tuple[list[Message], float]:
    """What two villages have for each other, as reason clauses, and its strength: one per
    need met by the other's offer, a half per complementary pair of sectors."""
    clauses, strength = [], 0.0
    for giver, taker in ((b, a), (a, b)):
        gets = [r for r in taker.needs if r in giver.offers]
        if gets:
            clauses.append(Message("gaps.match.offer", {"giver": giver.name, "taker": taker.name, "resources": gets}))
            strength += len(gets)
    pairs = [
        Message("gaps.match.sector_pair", {"first": x, "second": y})
        for x in a.sectors
        for y in b.sectors
        if frozenset((x, y)) in COMPLEMENTARY_SECTORS and not (x in b.sectors and y in a.sectors)
    ]
    if pairs:
        clauses.append(Message("gaps.match.sectors", {"pairs": pairs}))
        strength += 0.5 * len(pairs)
    return clauses, strength


def _best_neighbour(view: _View, village: Village, near: list[str], skip: Iterable[str] = ()) -> Message | None:
    """A suggestion to start with the neighbour that matches ``village`` best."""
    scored = []
    for code in near:
        other = view.net.actors.get(code)
        if isinstance(other, Village) and code not in skip:
            clauses, strength = _match(village, other)
            if strength:
                scored.append((-strength, other.name, clauses))
    if not scored:
        return None
    _, name, clauses = min(scored, key=lambda s: s[:2])
    return Message("gaps.action.start_with", {"partner": name, "matches": clauses})


def isolated_villages(net: Network, *, km: float = NEIGHBOUR_KM) -> list[Gap]:
    """Villages in scope with no partner tie to any other village (gap 5a); the action names the
    best-matched neighbour."""
    view = _View(net)
    near = neighbours(net, km=km)
    found = []
    for village in view.villages:
        if any(view.kind(unit) is PartnerKind.VILLAGE for unit in view.links[village.id]):
            continue
        todo = _best_neighbour(view, village, near[village.id])
        if todo is None and near[village.id]:
            todo = Message("gaps.action.meet_neighbours", {"village": village.name})
        why = Message("gaps.reason.no_inter_village", {"village": village.name})
        found.append(Gap(GapType.INTER_VILLAGE, Severity.MEDIUM, _village_ref(village), (), why, todo))
    return found


def neighbour_pairs(net: Network, *, km: float = NEIGHBOUR_KM, top: int | None = TOP_PAIRS) -> list[Gap]:
    """Neighbouring villages (one at least in scope) with no partner tie although one offers what
    the other needs or their sectors complement each other (gap 5b): the ``top`` best-matched
    (all when ``None``), strongest first.
    """
    view = _View(net)
    inside = {v.id for v in view.villages}
    found = []
    for code, near in neighbours(net, km=km).items():
        for other in near:
            if code > other or not {code, other} & inside or other in view.links[code]:
                continue
            a, b = view.net.actors[code], view.net.actors[other]
            clauses, strength = _match(a, b)
            if strength:
                why = Message("gaps.reason.neighbour_match", {"a": a.name, "b": b.name, "matches": clauses})
                todo = Message("gaps.action.pair", {"a": a.name, "b": b.name})
                found.append(Gap(GapType.INTER_VILLAGE, Severity.LOW, None, (view.net.ref(code), view.net.ref(other)),
                                 why, todo, strength))
    found.sort(key=sort_key)
    return found if top is None else found[:top]


# 6. Kades ----------------------------------------------------------------------------------


def kades_gaps(net: Network, *, km: float = NEIGHBOUR_KM) -> list[Gap]:
    """Kades of villages in scope with no peer, or, when their village's status is low, with no
    peer from a village of higher status (gap 6). Kades whose term has ended by the view's last
    day are left out. The action names the kades of a neighbouring village to learn with: for a
    low-status village one of higher status, else one of at least the same status where there
    is one; among those the one with the most peers.
    """
    view = _View(net)
    day = view.last_day
    heads: dict[str, VillageHead] = {
        h.id: h
        for h in net.of_kind(ActorKind.VILLAGE_HEAD)
        if (h.term_start is None or h.term_start <= day) and (h.term_end is None or day < h.term_end)
    }
    peers: dict[str, set[str]] = {h: set() for h in heads}
    for tie in net.ties:
        if tie.kind in PEER_TIES and tie.source in heads and tie.target in heads:
            peers[tie.source].add(tie.target)
            peers[tie.target].add(tie.source)
    rank = {}  # -1 where the village's status is unknown
    for h, head in heads.items():
        village = net.actors.get(head.village)
        status = village.development_status if isinstance(village, Village) else None
        rank[h] = status.rank if status is not None else -1
    near = neighbours(net, km=km)
    found = []
    for village in view.villages:
        for head in (h for h in heads.values() if h.village == village.id):
            own, mine = village.development_status, peers[head.id]
            low = own is not None and own <= LOW_STATUS
            if mine and (not low or any(rank[p] > own.rank for p in mine)):
                continue
            params = {"kades": head.name, "village": village.name, "status": own}
            if mine:
                key, severity = "kades_no_mentor", Severity.MEDIUM
                params["peers"] = sorted(heads[p].name for p in mine)
            else:
                key, severity = ("kades_isolated_low", Severity.HIGH) if low else ("kades_isolated", Severity.MEDIUM)
            pool = [
                h for h in heads
                if heads[h].village in near.get(village.id, ()) and peers[h] and h not in mine
                and (not low or rank[h] > own.rank)
            ]
            todo, actors = None, (view.net.ref(head.id),)
            if pool:
                mentor = max(pool, key=lambda h: (rank[h] >= rank[head.id], len(peers[h]), rank[h], heads[h].name))
                home = net.actors[heads[mentor].village]
                todo = Message("gaps.action.mentor" if low else "gaps.action.peer", {
                    "kades": head.name, "mentor": heads[mentor].name, "village": home.name,
                    "status": home.development_status, "peers": len(peers[mentor]),
                })
                actors += (view.net.ref(mentor),)
            found.append(Gap(GapType.KADES, severity, _village_ref(village), actors,
                             Message(f"gaps.reason.{key}", params), todo))
    return found


# 7. Fragility ------------------------------------------------------------------------------


def expired_partnerships(net: Network) -> list[Gap]:
    """Partnerships of villages in scope that ended by the view's last day with no partnership
    between the same two sides running past their end (gap 7a), the most recent first.
    Medium when the two sides have no partner tie left in the view, low otherwise.
    """
    view = _View(net)
    inside = {v.id for v in view.villages}
    by_pair: dict[frozenset[str], list[Tie]] = defaultdict(list)
    for tie in net.undated().ties:
        pair = frozenset((view.unit(tie.source), view.unit(tie.target)))
        if tie.kind is TieKind.PARTNERSHIP and len(pair) == 2 and pair & inside:
            by_pair[pair].append(tie)
    found = []
    for pair, ties in by_pair.items():
        for tie in ties:
            if tie.until is None or tie.until > view.last_day:
                continue
            if any(o is not tie and (o.until is None or o.until > tie.until) for o in ties):
                continue
            a, b = sorted(pair, key=lambda u: (u not in inside, u))
            params = {"a": net.name(tie.source), "b": net.name(tie.target), "until": tie.until, "field": tie.field}
            why = Message("gaps.reason.expired_field" if tie.field else "gaps.reason.expired", params)
            todo = Message("gaps.action.renew", {"a": params["a"], "b": params["b"]})
            severity = Severity.LOW if view.links[a].get(b) else Severity.MEDIUM
            actors = (view.net.ref(tie.source), view.net.ref(tie.target))
            weight = (tie.until - view.last_day).days / 365  # the most recent first
            found.append(Gap(GapType.FRAGILITY, severity, view.net.ref(a), actors, why, todo, weight))
    return found


def partner_graph(net: Network) -> nx.Graph:
    """Villages (each standing for its side) and organisations, joined by partner and peer ties.

    Support and funding from government agencies are left out: the kecamatan office and the
    dinas supervise and fund every desa by mandate, which would join every village to every
    other and hide who actually cooperates with whom.
    """
    view = _View(net)
    graph = nx.Graph()
    graph.add_nodes_from(v.id for v in view.villages)
    for tie in net.ties:
        from_government = net.actors[tie.source].kind is ActorKind.GOVERNMENT
        mandate = from_government and tie.kind in (TieKind.SUPPORT, TieKind.FUNDING)
        if tie.kind in PARTNER_TIES | PEER_TIES and not mandate:
            a, b = view.unit(tie.source), view.unit(tie.target)
            if a != b:
                graph.add_edge(a, b)
    return graph


def single_brokers(net: Network, *, km: float = NEIGHBOUR_KM) -> list[Gap]:
    """Villages in scope whose every path to the other villages of the view
    passes through one actor, which the gap names (gap 7b): in the :func:`partner_graph`, an
    articulation point whose removal leaves the village with no other village.
    """
    view = _View(net)
    graph = partner_graph(net)
    villages = {n for n in graph if view.kind(n) is PartnerKind.VILLAGE}
    component = {n: frozenset(c) for c in nx.connected_components(graph) for n in c}
    brokers: dict[str, list[str]] = defaultdict(list)
    for cut in nx.articulation_points(graph):
        rest = graph.subgraph(n for n in component[cut] if n != cut)
        for part in nx.connected_components(rest):
            alone = part & villages
            if len(alone) == 1:
                (village,) = alone
                if component[cut] & villages - {village, cut}:
                    brokers[village].append(cut)
    near = neighbours(net, km=km)
    found = []
    for village in view.villages:
        if village.id not in brokers:
            continue
        cuts = sorted(brokers[village.id], key=lambda n: (nx.shortest_path_length(graph, village.id, n), net.name(n)))
        refs = tuple(view.net.ref(n) for n in cuts)
        why = Message("gaps.reason.single_broker", {"village": village.name, "brokers": [r.name for r in refs]})
        todo = _best_neighbour(view, village, near[village.id], skip=cuts)
        found.append(Gap(GapType.FRAGILITY, Severity.MEDIUM, _village_ref(village), refs, why, todo))
    return found


# The report --------------------------------------------------------------------------------


def gaps(
    net: Network, *, quarter: Quarter | str | None = None, top: int | None = None, km: float = NEIGHBOUR_KM
) -> GapReport:
    """Every collaboration gap of the villages in the view's scope, most severe first.

    ``quarter`` is the quarter coordination is judged on (default: the view's; for a
    one-day view whose quarter has no meeting on record yet, the latest with meetings).
    ``top`` keeps at most that many gaps of each type (the most severe, then the strongest);
    without it every gap is kept but neighbour pairs, kept to the :data:`TOP_PAIRS` best.
    ``km`` is the neighbour distance.
    """
    q, source = _quarter(net, quarter)
    recorded = bool(net.undated().meetings)  # without any, coordination cannot be judged
    pairs = neighbour_pairs(net, km=km, top=None)
    shown_pairs = pairs[: TOP_PAIRS if top is None else top]
    found = {
        GapType.COVERAGE: coverage_gaps(net),
        GapType.UNMET_NEED: unmet_needs(net),
        GapType.INTRA_VILLAGE: [g for g in intra_village_gaps(net, quarter=q) if recorded or g.code == "no_bpd"],
        GapType.QUARTERLY: quarterly_gaps(net, quarter=q) if recorded else [],
        GapType.INTER_VILLAGE: isolated_villages(net, km=km) + shown_pairs,
        GapType.KADES: kades_gaps(net, km=km),
        GapType.FRAGILITY: expired_partnerships(net) + single_brokers(net, km=km),
    }
    kept: list[Gap] = []
    omitted: dict[GapType, Counter[Severity]] = {}
    for kind, listed in found.items():
        listed.sort(key=sort_key)
        shown = listed if top is None else listed[:top]
        kept += shown
        omitted[kind] = Counter(g.severity for g in listed[len(shown):])
    omitted[GapType.INTER_VILLAGE].update(g.severity for g in pairs[len(shown_pairs):])
    kept.sort(key=lambda g: (g.severity.rank, list(GapType).index(g.type), *sort_key(g)[1:]))
    return GapReport(
        area=net.area,
        start=net.start,
        end=net.end,
        quarter=q if recorded else None,
        quarter_source=source if recorded else None,
        gaps=tuple(kept),
        coverage=coverage_matrix(net),
        omitted=omitted,
    )
