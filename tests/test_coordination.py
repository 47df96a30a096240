"""Quarterly coordination on three villages small enough to check by hand, then the demo recounted.

    Desa Bangun Rejo (A, 18.02.02.2005): pemdes-a, kades-a; BPD, PKK, LPM
    Desa Sido Mulyo  (B, 18.02.02.2007): pemdes-b, kades-b; PKK, Karang Taruna (no BPD)
    Kelurahan Metro  (C, 18.72.01.1001): no village government on record; PKK, Posyandu
    camat (kecamatan office), ngo, firm

    2024Q1  m1  rakor A      host pemdes-a  kades-a, BPD-a, PKK-a
            m2  rakor B      host pemdes-b  kades-b, PKK-b, KT-b
            m3  rakor C      host C         PKK-c, Posyandu-c
            m4  forum kades  host camat     kades-a, kades-b
    2024Q2  m5  rakor A      host pemdes-a  kades-a, PKK-a
            m6  musdes A     host BPD-a     pemdes-a, kades-a, PKK-a
            m7  rapat BPD A  host BPD-a     (no government: not coordination)
            m11 kunker to A  host pemdes-a  kades-a, kades-b (a visit: held, not coordination)
            m8  training at B  host ngo     PKK-b, KT-b, LPM-a (not coordinating)
            m9  rakor, no village given, host C: PKK-c (placed in C by its host)
            m10 musrenbang kecamatan  host camat  kades-a

    Ties: t1 partnership A-B 2022-04-01..2024-04-01, renewed by t2 B-A 2024-05-01..2026-05-01
          t3 funding firm->B 2023-06-15..2024-06-15 (ends in Q2)
          t4 support ngo->C since 2024-04-20 (new in Q2)
          t5 resource sharing A->B 2023-01-01..2024-01-15 (ends in Q1); t6 B->A since 2024-02-01
             (the other direction: new, not a renewal)
          t7 peer learning kades-a-kades-b 2024-06-01..2024-07-01 (new and ended in Q2)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from jejaring import synth
from jejaring.analysis.coordination import (
    ActorRef,
    attendance_rates,
    absent_institutions,
    coordination,
    quarter_change,
    resolve_quarter,
    villages_whose_institutions_never_meet,
    villages_without_bpd,
    villages_without_meeting,
)
from jejaring.model import Firm, Government, Institution, Meeting, Ngo, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.periods import Quarter
from jejaring.vocab import ActorKind, InstitutionType, MeetingType

A, B, C = "18.02.02.2005", "18.02.02.2007", "18.72.01.1001"


def _inst(key: str, village: str, kind: str) -> Institution:
    return Institution(id=key, name=key.upper(), village=village, type=kind)


@pytest.fixture(scope="module")
def net() -> Network:
    actors = [
        Village(code=A, name="Bangun Rejo"),
        Village(code=B, name="Sido Mulyo"),
        Village(code=C, name="Metro"),
        VillageHead(id="kades-a", name="Kades A", village=A),
        VillageHead(id="kades-b", name="Kades B", village=B),
        _inst("pemdes-a", A, "pemerintah desa"),
        _inst("bpd-a", A, "bpd"),
        _inst("pkk-a", A, "pkk"),
        _inst("lpm-a", A, "lpm"),
        _inst("pemdes-b", B, "pemerintah desa"),
        _inst("pkk-b", B, "pkk"),
        _inst("kt-b", B, "karang taruna"),
        _inst("pkk-c", C, "pkk"),
        _inst("posyandu-c", C, "posyandu"),
        Government(id="camat", name="Kantor Camat", area="18.02.02"),
        Ngo(id="ngo", name="Yayasan Tani", area="18.02"),
        Firm(id="firm", name="PT Agro", area="18.02"),
    ]
    meetings = [
        Meeting(id="m1", type="rakor", date="2024-02-05", village=A, host="pemdes-a",
                attendees=["pemdes-a", "kades-a", "bpd-a", "pkk-a"]),
        Meeting(id="m2", type="rakor", date="2024-02-07", village=B, host="pemdes-b",
                attendees=["kades-b", "pkk-b", "kt-b"]),
        Meeting(id="m3", type="rakor", date="2024-03-01", village=C, host=C, attendees=["pkk-c", "posyandu-c"]),
        Meeting(id="m4", type="forum kades", date="2024-03-20", host="camat", attendees=["camat", "kades-a", "kades-b"]),
        Meeting(id="m5", type="rakor", date="2024-04-10", village=A, host="pemdes-a",
                attendees=["pemdes-a", "kades-a", "pkk-a"]),
        Meeting(id="m6", type="musdes", date="2024-05-15", village=A, host="bpd-a",
                attendees=["bpd-a", "pemdes-a", "kades-a", "pkk-a"]),
        Meeting(id="m7", type="rapat bpd", date="2024-06-01", village=A, host="bpd-a", attendees=["bpd-a"]),
        Meeting(id="m11", type="kunjungan kerja", date="2024-05-02", village=A, host="pemdes-a",
                attendees=["pemdes-a", "kades-a", "kades-b"]),
        Meeting(id="m8", type="pelatihan", date="2024-05-20", village=B, host="ngo",
                attendees=["ngo", "pkk-b", "kt-b", "lpm-a"]),
        Meeting(id="m9", type="rakor", date="2024-06-10", host=C, attendees=["pkk-c"]),
        Meeting(id="m10", type="musrenbang kecamatan", date="2024-06-20", host="camat", attendees=["camat", "kades-a"]),
    ]
    ties = [
        Tie(id="t1", kind="partnership", source=A, target=B, since="2022-04-01", until="2024-04-01"),
        Tie(id="t2", kind="partnership", source=B, target=A, since="2024-05-01", until="2026-05-01"),
        Tie(id="t3", kind="funding", source="firm", target=B, since="2023-06-15", until="2024-06-15"),
        Tie(id="t4", kind="support", source="ngo", target=C, since="2024-04-20"),
        Tie(id="t5", kind="resource_sharing", source=A, target=B, since="2023-01-01", until="2024-01-15"),
        Tie(id="t6", kind="resource_sharing", source=B, target=A, since="2024-02-01"),
        Tie(id="t7", kind="peer_learning", source="kades-a", target="kades-b", since="2024-06-01", until="2024-07-01"),
        Tie(id="t8", kind="membership", source="pkk-a", target=A),
    ]
    return Network(actors, ties, meetings)


def _rates(rows):
    return {a.institution.id: (a.attended, a.meetings, a.rate) for a in rows}


def test_quarter_is_the_given_one_else_the_views_else_the_latest_with_meetings(net):
    assert resolve_quarter(net, quarter="2024Q1") == (Quarter(2024, 1), "given")
    assert resolve_quarter(net.quarter("2024Q1")) == (Quarter(2024, 1), "view")
    assert resolve_quarter(net.at(date(2024, 5, 1))) == (Quarter(2024, 2), "view")
    assert resolve_quarter(net) == (Quarter(2024, 2), "latest_meeting")  # m10 on 2024-06-20
    assert resolve_quarter(Network([]))[1] == "today"


def test_attendance_rates_count_only_the_villages_own_coordination_meetings(net):
    # Q2: A's coordination meetings are m5 and m6 (m7 has no government, m11 is a visit);
    # B held only a training; C's rakor m9 is placed in C by its host.
    assert _rates(attendance_rates(net, quarter="2024Q2")) == {
        "bpd-a": (1, 2, 0.5),
        "lpm-a": (0, 2, 0.0),
        "pkk-a": (2, 2, 1.0),
        "kt-b": (0, 0, None),
        "pkk-b": (0, 0, None),
        "pkk-c": (1, 1, 1.0),
        "posyandu-c": (0, 1, 0.0),
    }
    q1 = _rates(attendance_rates(net, quarter="2024Q1"))
    assert q1["lpm-a"] == (0, 1, 0.0) and q1["kt-b"] == (1, 1, 1.0) and q1["posyandu-c"] == (1, 1, 1.0)


def test_the_village_government_is_not_among_the_institutions_measured(net):
    measured = {a.institution.id for a in attendance_rates(net, quarter="2024Q2")}
    assert "pemdes-a" not in measured and "pemdes-b" not in measured


def test_absent_institutions(net):
    absent = absent_institutions(net, quarter="2024Q2")
    assert [(a.institution.id, a.meetings) for a in absent] == [
        ("lpm-a", 2), ("kt-b", 0), ("pkk-b", 0), ("posyandu-c", 1)
    ]
    assert [a.institution.id for a in absent_institutions(net, quarter="2024Q1")] == ["lpm-a"]


def test_villages_without_bpd_are_desa_only(net):
    # B has no BPD; C is a kelurahan, which has none by law.
    assert villages_without_bpd(net) == [ActorRef(B, "Sido Mulyo")]


def test_villages_whose_institutions_never_meet(net):
    # Q2: A's BPD and PKK met at m6; B's PKK and Karang Taruna met only at a training;
    # C's PKK and Posyandu never sat together.
    assert villages_whose_institutions_never_meet(net, quarter="2024Q2") == [
        ActorRef(B, "Sido Mulyo"), ActorRef(C, "Metro")
    ]
    assert villages_whose_institutions_never_meet(net, quarter="2024Q1") == []


def test_villages_without_meeting(net):
    assert villages_without_meeting(net, quarter="2024Q2") == [ActorRef(B, "Sido Mulyo")]
    assert villages_without_meeting(net, quarter="2024Q1") == []
    assert villages_without_meeting(net, quarter="2024Q3") == [
        ActorRef(A, "Bangun Rejo"), ActorRef(B, "Sido Mulyo"), ActorRef(C, "Metro")
    ]


def test_quarter_change_ties_new_lost_renewed(net):
    change = quarter_change(net, quarter="2024Q2")
    assert (change.quarter, change.previous) == ("2024Q2", "2024Q1")
    assert [(c.change, c.tie, c.renews) for c in change.ties] == [
        ("new", "t7", None),  # by change, then kind (peer_learning before support), then id
        ("new", "t4", None),
        ("renewed", "t2", "t1"),
        ("lost", "t3", None),
        ("lost", "t7", None),
    ]
    assert change.ties[2].villages == (A, B) and change.ties[3].villages == (B,)
    # Q1: t5 ended and t6 (the other direction) is new; t1 ended too but was renewed within 90 days.
    assert [(c.change, c.tie) for c in quarter_change(net, quarter="2024Q1").ties] == [("new", "t6"), ("lost", "t5")]


def test_quarter_change_per_village(net):
    rows = {v.village.id: v for v in quarter_change(net, quarter="2024Q2").villages}
    a, b, c = rows[A], rows[B], rows[C]
    assert (a.meetings_held, a.meetings_held_before) == (4, 1)  # m5, m6, m7, m11 against m1
    assert (a.coordination_meetings, a.coordination_meetings_before) == (2, 1)
    assert (b.meetings_held, b.coordination_meetings, b.coordination_meetings_before) == (1, 0, 1)
    assert (a.ties_new, a.ties_renewed, a.ties_lost) == (1, 1, 1)  # t7, t2, t7
    assert (b.ties_new, b.ties_renewed, b.ties_lost) == (1, 1, 2)  # t7, t2, t3 and t7
    assert (c.ties_new, c.ties_renewed, c.ties_lost) == (1, 0, 0)  # t4


def test_report_per_village_and_kecamatan_meetings(net):
    report = coordination(net, quarter="2024Q2")
    assert (report.quarter, report.previous, report.quarter_source) == ("2024Q2", "2024Q1", "given")
    a, b, c = report.villages
    assert a.meetings_by_type == {"bpd_meeting": 1, "coordination_meeting": 1, "village_deliberation": 1, "work_visit": 1}
    assert (a.coordination_meetings, a.institutions_attending, len(a.institutions), a.attendance_rate) == (2, 2, 3, 0.5)
    assert (b.meetings_by_type, b.coordination_meetings, b.attendance_rate) == ({"training": 1}, 0, None)
    assert (c.kelurahan, c.coordination_meetings, c.institutions_attending, c.attendance_rate) == (True, 1, 1, 0.5)
    # Only kecamatan meeting of Q2: m10, one of the two kades (C is a kelurahan) came.
    [m10] = report.kecamatan_meetings
    assert (m10.id, m10.kades_present, m10.kades_total, m10.kades_absent) == ("m10", 1, 2, (ActorRef(B, "Sido Mulyo"),))
    assert [(m.id, m.kades_present) for m in coordination(net, quarter="2024Q1").kecamatan_meetings] == [("m4", 2)]


def test_a_dated_view_gives_the_same_answers_as_the_undated_one(net):
    q2 = net.quarter("2024Q2")
    dated, undated = coordination(q2), coordination(net, quarter="2024Q2")
    assert (dated.quarter_source, undated.quarter_source) == ("view", "given")
    assert replace(dated, quarter_source="given") == undated
    assert quarter_change(q2, quarter="2024Q1") == quarter_change(net, quarter="2024Q1")
    assert absent_institutions(net.at(date(2024, 5, 1))) == absent_institutions(net, quarter="2024Q2")


def test_only_villages_of_the_area_are_reported(net):
    report = coordination(net.within("18.02.02"), quarter="2024Q2")
    assert [v.village.id for v in report.villages] == [A, B]
    assert villages_without_bpd(net.within("18.72")) == []


# The demo, recounted straight from the generated records.

@pytest.fixture(scope="module")
def demo():
    batch = synth.demo()
    return batch, Network(batch.actors, batch.ties, batch.meetings).within(synth.DEMO_KECAMATAN)


QUARTERS = [Quarter(2024, n) for n in range(1, 5)]


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_demo_report_matches_a_recount_of_the_meetings(demo, quarter):
    batch, net = demo
    kinds = {a.id: a for a in batch.actors}
    report = coordination(net, quarter=quarter)
    in_quarter = [m for m in batch.meetings if quarter.start <= m.date < quarter.end]
    village_kinds = {MeetingType.RAPAT_KOORDINASI, MeetingType.MUSDES, MeetingType.MUSRENBANGDES, MeetingType.RAPAT_BPD}
    for row in report.villages:
        code = row.village.id
        here = [m for m in in_quarter if m.village == code]
        assert row.meetings_held == len(here)
        assert row.meetings_by_type == dict(Counter(m.type.value for m in here))
        own = [m for m in here if m.type in village_kinds]  # in the demo the government is at each
        assert row.coordination_meetings == len(own)
        institutions = sorted(
            a.id for a in batch.actors
            if a.kind is ActorKind.INSTITUTION and a.village == code and a.type is not InstitutionType.PEMERINTAH_DESA
        )
        assert [a.institution.id for a in row.institutions] == institutions
        for a in row.institutions:
            assert a.attended == sum(a.institution.id in m.attendees or m.host == a.institution.id for m in own)
    heads = {a.village: a.id for a in batch.actors if a.kind is ActorKind.VILLAGE_HEAD}
    forums = [m for m in in_quarter if m.village is None]
    assert [m.id for m in report.kecamatan_meetings] == [m.id for m in sorted(forums, key=lambda m: (m.date, m.id))]
    for row in report.kecamatan_meetings:
        meeting = next(m for m in forums if m.id == row.id)
        assert row.kades_present == sum(h in meeting.attendees for h in heads.values())
        assert row.kades_total == len(heads) == sum(k.kind is ActorKind.VILLAGE_HEAD for k in kinds.values())


def test_demo_missing_rakor_and_missing_bpd(demo):
    batch, net = demo
    villages = [a.id for a in batch.actors if a.kind is ActorKind.VILLAGE]
    for quarter in QUARTERS:
        held = {m.village for m in batch.meetings if m.type is MeetingType.RAPAT_KOORDINASI
                and quarter.start <= m.date < quarter.end}
        assert [v.id for v in villages_without_meeting(net, quarter=quarter)] == [v for v in villages if v not in held]
    assert sum(len(villages_without_meeting(net, quarter=q)) for q in QUARTERS) == 1  # the deliberate miss
    with_bpd = {a.village for a in batch.actors if a.kind is ActorKind.INSTITUTION and a.type is InstitutionType.BPD}
    assert [v.id for v in villages_without_bpd(net)] == [v for v in villages if v not in with_bpd]


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_demo_institutions_never_meeting_against_a_networkx_projection(demo, quarter):
    """Institutions meet when the bipartite meeting-attendee graph projects an edge between them."""
    batch, net = demo
    graph = nx.Graph()
    for m in batch.meetings:
        if m.type.coordinating and quarter.start <= m.date < quarter.end:
            graph.add_edges_from((m.id, i) for i in {*m.attendees, m.host})
    institutions = {
        a.id: a.village for a in batch.actors
        if a.kind is ActorKind.INSTITUTION and a.type is not InstitutionType.PEMERINTAH_DESA
    }
    met = nx.bipartite.projected_graph(graph, [i for i in institutions if i in graph])
    expected = []
    for village in sorted({*institutions.values()}):
        own = [i for i, v in institutions.items() if v == village]
        if len(own) >= 2 and met.subgraph(own).number_of_edges() == 0:
            expected.append(village)
    assert [v.id for v in villages_whose_institutions_never_meet(net, quarter=quarter)] == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_demo_tie_changes_match_the_tie_dates(demo, quarter):
    """The demo renews no tie within 2024, so new ties are those starting and lost ones those ending."""
    batch, net = demo
    villages = {a.id for a in batch.actors if a.kind is ActorKind.VILLAGE}
    own = villages | {a.id for a in batch.actors if getattr(a, "village", None) in villages}
    ties = [t for t in batch.ties if t.source in own or t.target in own]
    change = quarter_change(net, quarter=quarter)
    new = sorted(t.id for t in ties if t.since and quarter.start <= t.since < quarter.end)
    lost = sorted(t.id for t in ties if t.until and quarter.start < t.until <= quarter.end)
    assert sorted(c.tie for c in change.ties if c.change == "new") == new
    assert sorted(c.tie for c in change.ties if c.change == "lost") == lost
    assert [c for c in change.ties if c.change == "renewed"] == []
