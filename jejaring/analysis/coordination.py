"""Quarterly (triwulan) coordination of each village's institutions with its government.

The record is the list of meetings; a quarter is read against the all-time view of the same
area (:meth:`Network.undated`), so a dated and an undated view give the same answers.

Rules, stated once for every function here:

- **Villages in scope**: the villages inside the view's area (all villages loaded when the
  view has none); partners from outside are not reported on.
- **Village government**: a village's :attr:`~InstitutionType.PEMERINTAH_DESA` institution,
  its kades (who heads it) and the village record itself, which stands in for the
  government where there is none on record (a kelurahan's lurah office). Any of them,
  present as host or attendee, puts the village government at a meeting.
- **Institutions** of a village: its institutions other than the village government; they
  are the ones whose attendance is measured.
- **Where a meeting is held**: its ``village``, else the village of its host.
- **A village's coordination meetings**: meetings of the kinds in :data:`VILLAGE_MEETINGS`
  (rapat koordinasi, musdes, musrenbangdes, rapat BPD) held in the village with its
  government present. Forum kades, musrenbang kecamatan and musyawarah antar desa are
  :data:`KECAMATAN_MEETINGS`, reported with the kades who came; a kunjungan kerja is a visit
  between villages and a pelatihan is not coordination, so both are counted only among the
  meetings held.
- **Attendance rate** of an institution: the village's coordination meetings it attended
  (or hosted) divided by all of them in the quarter; ``None`` when the village held none.
- **Tie changes** (of ties touching a village's own actors: the village, its kades, its
  institutions): *new* when the tie starts in the quarter; *lost* when its last day in force
  (the day before ``until``) falls in it; *renewed* when it starts in the quarter within
  :data:`RENEWAL_DAYS` days before or after the end of an earlier tie of the same kind
  between the same pair (same direction for directed kinds). A tie that is renewed is not
  counted as lost; a tie both starting and ending in the quarter counts once each.

>>> from jejaring.model import Institution, Meeting, Village
>>> from jejaring.network import Network
>>> desa = Village(code="18.02.02.2005", name="Bangun Rejo")
>>> pemdes = Institution(id="pemdes", name="Pemerintah Desa", village=desa.id, type="pemerintah desa")
>>> pkk = Institution(id="pkk", name="TP PKK", village=desa.id, type="pkk")
>>> rakor = Meeting(id="r1", type="rakor", date="2024-05-02", village=desa.id, host="pemdes", attendees=["pkk"])
>>> report = coordination(Network([desa, pemdes, pkk], meetings=[rakor]))
>>> report.quarter, report.quarter_source, report.villages[0].coordination_meetings
('2024Q2', 'latest_meeting', 1)
>>> [(a.institution.name, a.rate) for a in attendance_rates(Network([desa, pemdes, pkk], meetings=[rakor]))]
[('TP PKK', 1.0)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from jejaring.model import Institution, Meeting, Tie
from jejaring.network import ActorRef, Network
from jejaring.periods import Quarter
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, InstitutionType, MeetingType

__all__ = [
    "KECAMATAN_MEETINGS",
    "VILLAGE_MEETINGS",
    "RENEWAL_DAYS",
    "LOW_ATTENDANCE",
    "QuarterSource",
    "InstitutionAttendance",
    "VillageCoordination",
    "KecamatanMeeting",
    "TieChange",
    "VillageChange",
    "QuarterChange",
    "CoordinationReport",
    "resolve_quarter",
    "coordination",
    "attendance_rates",
    "absent_institutions",
    "villages_without_bpd",
    "villages_whose_institutions_never_meet",
    "villages_without_meeting",
    "quarter_change",
]

KECAMATAN_MEETINGS = frozenset(
    {MeetingType.FORUM_KADES, MeetingType.MUSRENBANG_KECAMATAN, MeetingType.MUSYAWARAH_ANTAR_DESA}
)
"""Meetings of the kecamatan, between villages, where the kades' attendance is reported."""

VILLAGE_MEETINGS = frozenset(
    t for t in MeetingType if t.coordinating and t not in KECAMATAN_MEETINGS and t is not MeetingType.KUNJUNGAN_KERJA
)
"""The coordinating kinds a village holds for itself: rakor, musdes, musrenbangdes, rapat BPD."""

RENEWAL_DAYS = 90
"""A tie started within this many days of the end of a like tie renews it."""

LOW_ATTENDANCE = 0.5
"""Attendance rates below this are low (a threshold for reports, not for the figures)."""

QuarterSource = Literal["given", "view", "latest_meeting", "today"]
Change = Literal["new", "lost", "renewed"]


@dataclass(frozen=True)
class InstitutionAttendance:
    """How many of its village's coordination meetings an institution attended in a quarter."""

    institution: ActorRef
    type: str
    village: ActorRef
    attended: int
    meetings: int
    rate: float | None


@dataclass(frozen=True)
class VillageCoordination:
    """A village's quarter: meetings held (by meeting type code), coordination meetings, attendance."""

    village: ActorRef
    kelurahan: bool
    meetings_held: int
    meetings_by_type: dict[str, int]
    coordination_meetings: int
    institutions: tuple[InstitutionAttendance, ...]
    institutions_attending: int
    attendance_rate: float | None


@dataclass(frozen=True)
class KecamatanMeeting:
    """A kecamatan-level meeting and the kades of the villages in scope who came."""

    id: str
    type: str
    date: date
    title: str | None
    host: ActorRef | None
    kades_present: int
    kades_total: int
    kades_absent: tuple[ActorRef, ...]
    """The villages whose kades did not come."""


@dataclass(frozen=True)
class TieChange:
    """A tie that started, ended or was renewed in the quarter.

    ``villages`` are the codes of the villages in scope whose actors it touches; ``renews`` is
    the id of the tie it renews.
    """

    tie: str
    kind: str
    source: ActorRef
    target: ActorRef
    since: date | None
    until: date | None
    change: Change
    villages: tuple[str, ...]
    renews: str | None = None


@dataclass(frozen=True)
class VillageChange:
    """A village's quarter against the one before: meetings held and its tie changes."""

    village: ActorRef
    meetings_held: int
    meetings_held_before: int
    coordination_meetings: int
    coordination_meetings_before: int
    ties_new: int
    ties_lost: int
    ties_renewed: int


@dataclass(frozen=True)
class QuarterChange:
    """The change from ``previous`` to ``quarter`` (both like ``"2024Q2"``)."""

    quarter: str
    previous: str
    villages: tuple[VillageChange, ...]
    ties: tuple[TieChange, ...]


@dataclass(frozen=True)
class CoordinationReport:
    """The coordination of the villages in ``area`` in ``quarter``, and why that quarter."""

    area: str | None
    quarter: str
    previous: str
    quarter_source: QuarterSource
    villages: tuple[VillageCoordination, ...]
    kecamatan_meetings: tuple[KecamatanMeeting, ...]
    change: QuarterChange


def resolve_quarter(net: Network, *, quarter: Quarter | str | None = None) -> tuple[Quarter, QuarterSource]:
    """The quarter to report on, and why: the one given, else the view's (the quarter of its
    last day), else the latest with a meeting in scope, else today's.

    >>> resolve_quarter(Network([]), quarter="2024Q2")
    (Quarter(year=2024, number=2), 'given')
    """
    if quarter is not None:
        return (quarter if isinstance(quarter, Quarter) else Quarter.parse(quarter)), "given"
    if net.end is not None:
        return Quarter.of(net.end - timedelta(days=1)), "view"
    days = [m.date for m in net.undated().meetings]
    if days:
        return Quarter.of(max(days)), "latest_meeting"
    return Quarter.of(date.today()), "today"


class _Scope:
    """The villages in scope of the all-time view, who stands for each, and where meetings are held."""

    def __init__(self, net: Network) -> None:
        self.net = whole = net.undated()
        self.villages = [v for v in whole.of_kind(ActorKind.VILLAGE) if in_area(v.id, whole.area)]
        self.government: dict[str, set[str]] = {v.id: {v.id} for v in self.villages}
        self.kades: dict[str, set[str]] = {v.id: set() for v in self.villages}
        self.institutions: dict[str, list[Institution]] = {v.id: [] for v in self.villages}
        self.home: dict[str, str] = {v.id: v.id for v in self.villages}
        for actor in whole.of_kind(ActorKind.INSTITUTION, ActorKind.VILLAGE_HEAD):
            if actor.village not in self.government:
                continue
            self.home[actor.id] = actor.village
            if actor.kind is ActorKind.VILLAGE_HEAD:
                self.kades[actor.village].add(actor.id)
                self.government[actor.village].add(actor.id)
            elif actor.type is InstitutionType.PEMERINTAH_DESA:
                self.government[actor.village].add(actor.id)
            else:
                self.institutions[actor.village].append(actor)

    def ref(self, actor_id: str) -> ActorRef:
        return ActorRef(actor_id, self.net.name(actor_id))

    def meetings(self, quarter: Quarter) -> list[Meeting]:
        return [m for m in self.net.meetings if quarter.start <= m.date < quarter.end]

    def place(self, meeting: Meeting) -> str | None:
        """The village a meeting is held in: its own, else its host's."""
        if meeting.village or meeting.host is None:
            return meeting.village
        host = self.net.actors.get(meeting.host)
        if host is None:
            return None
        return host.id if host.kind is ActorKind.VILLAGE else getattr(host, "village", None)

    def held(self, quarter: Quarter) -> dict[str, list[Meeting]]:
        """Meetings of the quarter by the village in scope they were held in."""
        held: dict[str, list[Meeting]] = {v.id: [] for v in self.villages}
        for meeting in self.meetings(quarter):
            where = self.place(meeting)
            if where in held:
                held[where].append(meeting)
        return held

    def coordination(self, village: str, held: Iterable[Meeting]) -> list[Meeting]:
        """The village's coordination meetings among ``held``: the village kinds, its government present."""
        government = self.government[village]
        return [m for m in held if m.type in VILLAGE_MEETINGS and government & _present(m)]


def _present(meeting: Meeting) -> set[str]:
    return {*meeting.attendees, *([meeting.host] if meeting.host else [])}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _attendance(scope: _Scope, quarter: Quarter) -> dict[str, list[InstitutionAttendance]]:
    held = scope.held(quarter)
    result = {}
    for village in scope.villages:
        meetings = [_present(m) for m in scope.coordination(village.id, held[village.id])]
        rows = []
        for inst in scope.institutions[village.id]:
            attended = sum(inst.id in present for present in meetings)
            rows.append(
                InstitutionAttendance(
                    institution=ActorRef(inst.id, inst.name),
                    type=inst.type.value,
                    village=ActorRef(village.id, village.name),
                    attended=attended,
                    meetings=len(meetings),
                    rate=_rate(attended, len(meetings)),
                )
            )
        result[village.id] = rows
    return result


def attendance_rates(net: Network, *, quarter: Quarter | str | None = None) -> list[InstitutionAttendance]:
    """Each institution's attendance of its village's coordination meetings in the quarter (gap 4b).

    The quarter is chosen as by :func:`resolve_quarter`. Sorted by village, then institution id.
    """
    q, _ = resolve_quarter(net, quarter=quarter)
    return [a for rows in _attendance(_Scope(net), q).values() for a in rows]


def absent_institutions(net: Network, *, quarter: Quarter | str | None = None) -> list[InstitutionAttendance]:
    """Institutions that attended none of their village's coordination meetings in the quarter (gap 3a).

    Those of a village that held no such meeting are included too; their ``meetings`` is 0.
    """
    return [a for a in attendance_rates(net, quarter=quarter) if a.attended == 0]


def villages_without_bpd(net: Network) -> list[ActorRef]:
    """Desa in scope (not kelurahan, which have none) with no BPD on record (gap 3b).

    >>> from jejaring.model import Village
    >>> villages_without_bpd(Network([Village(code="18.02.02.2005", name="Bangun Rejo")]))
    [ActorRef(id='18.02.02.2005', name='Bangun Rejo')]
    """
    scope = _Scope(net)
    with_bpd = {
        a.village for a in scope.net.of_kind(ActorKind.INSTITUTION) if a.type is InstitutionType.BPD
    }
    return [ActorRef(v.id, v.name) for v in scope.villages if not v.is_kelurahan and v.id not in with_bpd]


def villages_whose_institutions_never_meet(
    net: Network, *, quarter: Quarter | str | None = None
) -> list[ActorRef]:
    """Villages with two or more institutions no two of which attended one coordinating meeting
    (of any kind but training, held anywhere) in the quarter (gap 3c).
    """
    q, _ = resolve_quarter(net, quarter=quarter)
    scope = _Scope(net)
    village_of = {inst.id: v for v, insts in scope.institutions.items() for inst in insts}
    met = set()
    for meeting in scope.meetings(q):
        if meeting.type.coordinating:
            count = Counter(village_of[i] for i in _present(meeting) if i in village_of)
            met.update(v for v, n in count.items() if n >= 2)
    return [
        ActorRef(v.id, v.name)
        for v in scope.villages
        if len(scope.institutions[v.id]) >= 2 and v.id not in met
    ]


def villages_without_meeting(net: Network, *, quarter: Quarter | str | None = None) -> list[ActorRef]:
    """Villages in scope that held no coordination meeting with their government in the quarter (gap 4a)."""
    q, _ = resolve_quarter(net, quarter=quarter)
    scope = _Scope(net)
    held = scope.held(q)
    return [ActorRef(v.id, v.name) for v in scope.villages if not scope.coordination(v.id, held[v.id])]


def _pair(tie: Tie) -> tuple[str, str, str]:
    ends = (tie.source, tie.target) if tie.kind.directed else tuple(sorted((tie.source, tie.target)))
    return (tie.kind.value, *ends)


def _follows(later: Tie, earlier: Tie) -> bool:
    """True when ``later`` starts within :data:`RENEWAL_DAYS` of the end of ``earlier``, after it began."""
    if later is earlier or later.since is None or earlier.until is None:
        return False
    began_before = earlier.since is None or earlier.since < later.since
    return began_before and abs((later.since - earlier.until).days) <= RENEWAL_DAYS


def _tie_changes(scope: _Scope, quarter: Quarter) -> list[TieChange]:
    ties = [t for t in scope.net.ties if t.source in scope.home or t.target in scope.home]
    alike: dict[tuple[str, str, str], list[Tie]] = defaultdict(list)
    for tie in ties:
        alike[_pair(tie)].append(tie)
    changes = []
    for tie in ties:
        others = alike[_pair(tie)]
        events: list[tuple[Change, str | None]] = []
        if tie.since is not None and quarter.start <= tie.since < quarter.end:
            renewed = next((o for o in others if _follows(tie, o)), None)
            events.append(("renewed", renewed.id) if renewed else ("new", None))
        ends_now = tie.until is not None and quarter.start < tie.until <= quarter.end
        if ends_now and not any(_follows(o, tie) for o in others):
            events.append(("lost", None))
        villages = tuple(sorted({scope.home[end] for end in (tie.source, tie.target) if end in scope.home}))
        for change, renews in events:
            changes.append(
                TieChange(
                    tie=tie.id,
                    kind=tie.kind.value,
                    source=scope.ref(tie.source),
                    target=scope.ref(tie.target),
                    since=tie.since,
                    until=tie.until,
                    change=change,
                    villages=villages,
                    renews=renews,
                )
            )
    order = {"new": 0, "renewed": 1, "lost": 2}
    return sorted(changes, key=lambda c: (order[c.change], c.kind, c.tie))


def _quarter_change(scope: _Scope, quarter: Quarter) -> QuarterChange:
    now, before = scope.held(quarter), scope.held(quarter.previous())
    ties = _tie_changes(scope, quarter)
    counts: Counter[tuple[str, str]] = Counter((v, c.change) for c in ties for v in c.villages)
    villages = tuple(
        VillageChange(
            village=ActorRef(v.id, v.name),
            meetings_held=len(now[v.id]),
            meetings_held_before=len(before[v.id]),
            coordination_meetings=len(scope.coordination(v.id, now[v.id])),
            coordination_meetings_before=len(scope.coordination(v.id, before[v.id])),
            ties_new=counts[v.id, "new"],
            ties_lost=counts[v.id, "lost"],
            ties_renewed=counts[v.id, "renewed"],
        )
        for v in scope.villages
    )
    return QuarterChange(str(quarter), str(quarter.previous()), villages, tuple(ties))


def quarter_change(net: Network, *, quarter: Quarter | str | None = None) -> QuarterChange:
    """The quarter against the one before, per village: meetings held, coordination meetings,
    ties new, lost and renewed; and the list of those tie changes (gap 4c)."""
    q, _ = resolve_quarter(net, quarter=quarter)
    return _quarter_change(_Scope(net), q)


def _kecamatan_meetings(scope: _Scope, quarter: Quarter) -> tuple[KecamatanMeeting, ...]:
    with_kades = [v for v in scope.villages if scope.kades[v.id]]
    rows = []
    for m in scope.meetings(quarter):
        if not (m.type in KECAMATAN_MEETINGS or (m.type.coordinating and scope.place(m) is None)):
            continue
        present = _present(m)
        absent = tuple(ActorRef(v.id, v.name) for v in with_kades if not scope.kades[v.id] & present)
        host = scope.ref(m.host) if m.host else None
        rows.append(
            KecamatanMeeting(
                m.id, m.type.value, m.date, m.title, host, len(with_kades) - len(absent), len(with_kades), absent
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.date, r.id)))


def coordination(net: Network, *, quarter: Quarter | str | None = None) -> CoordinationReport:
    """The quarterly coordination report of the villages in scope (the quarter as :func:`resolve_quarter`
    chooses it, named in the report with the reason).
    """
    q, source = resolve_quarter(net, quarter=quarter)
    scope = _Scope(net)
    held = scope.held(q)
    attendance = _attendance(scope, q)
    villages = []
    for v in scope.villages:
        rows = attendance[v.id]
        meetings = len(scope.coordination(v.id, held[v.id]))
        villages.append(
            VillageCoordination(
                village=ActorRef(v.id, v.name),
                kelurahan=v.is_kelurahan,
                meetings_held=len(held[v.id]),
                meetings_by_type=dict(sorted(Counter(m.type.value for m in held[v.id]).items())),
                coordination_meetings=meetings,
                institutions=tuple(rows),
                institutions_attending=sum(a.attended > 0 for a in rows),
                attendance_rate=_rate(sum(a.attended for a in rows), len(rows) * meetings),
            )
        )
    return CoordinationReport(
        area=scope.net.area,
        quarter=str(q),
        previous=str(q.previous()),
        quarter_source=source,
        villages=tuple(villages),
        kecamatan_meetings=_kecamatan_meetings(scope, q),
        change=_quarter_change(scope, q),
    )
