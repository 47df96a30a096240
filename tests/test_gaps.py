"""The collaboration-gap report, one gap type at a time, each on a network small enough to check
by hand (drawn in the test's docstring); the structural ones also against networkx.

Villages are in Kecamatan Bangun Rejo (18.02.02) unless drawn otherwise; ``══`` is a tie,
``──►`` a directed one; "at 1 June 2024" views are used unless a quarter is named.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from jejaring import synth
from jejaring.analysis.gap_types import GapType, Message, PartnerKind, Severity
from jejaring.analysis.gaps import (
    PARTNER_TIES,
    coverage_gaps,
    coverage_matrix,
    partner_graph,
    expired_partnerships,
    gaps,
    intra_village_gaps,
    isolated_villages,
    kades_gaps,
    neighbour_pairs,
    neighbours,
    quarterly_gaps,
    single_brokers,
    unmet_needs,
)
from jejaring.i18n import use_lang
from jejaring.model import Firm, Government, Institution, Meeting, Ngo, Tie, University, Village, VillageHead
from jejaring.network import Network
from jejaring.periods import Quarter
from jejaring.vocab import ActorKind, TieKind

KEC = "18.02.02"
DAY = date(2024, 6, 1)


def desa(n: int, name: str, **extra) -> Village:
    return Village(code=f"{KEC}.{2000 + n}", name=name, **extra)


def code(n: int) -> str:
    return f"{KEC}.{2000 + n}"


def inst(key: str, n: int, kind: str) -> Institution:
    return Institution(id=key, name=key, village=code(n), type=kind)


def tie(kind: str, source: str, target: str, since: str | None = None, until: str | None = None, **extra) -> Tie:
    return Tie(kind=kind, source=source, target=target, since=since, until=until, **extra)


def by_village(found):
    return {g.village.name: g for g in found}


# 1. Coverage -------------------------------------------------------------------------------


@pytest.fixture
def coverage_net():
    """
        Desa A ── BUM Desa A ══partnership══ PT Maju (firm)
        Desa A ◄──support── LSM Tani (NGO)
        Kades A ══resource sharing══ Desa B
        PKK B ──membership──► Desa B                  (inside B's side: no partner)
        Kantor Camat (government) ──support──► Desa C
        Universitas ══partnership 2022-2023══ Desa C  (over by June 2024)
        Desa D: nothing
    """
    actors = [
        desa(1, "A"), desa(2, "B"), desa(3, "C"), desa(4, "D"),
        inst("bumdes-a", 1, "bum desa"), inst("pkk-b", 2, "pkk"),
        VillageHead(id="kades-a", name="Kades A", village=code(1)),
        Firm(id="pt-maju", name="PT Maju"), Ngo(id="lsm", name="LSM Tani"),
        Government(id="camat", name="Kantor Camat"), University(id="univ", name="Universitas"),
    ]
    ties = [
        tie("partnership", "bumdes-a", "pt-maju", "2023-01-01"),
        tie("support", "lsm", code(1)),
        tie("resource_sharing", "kades-a", code(2)),
        tie("membership", "pkk-b", code(2)),
        tie("support", "camat", code(3)),
        tie("partnership", "univ", code(3), "2022-01-01", "2023-01-01"),
    ]
    return Network(actors, ties, area=KEC).at(DAY)


def test_coverage_matrix_counts_partners_of_a_village_and_its_side(coverage_net):
    matrix = coverage_matrix(coverage_net)
    assert [v.name for v in matrix.villages] == ["A", "B", "C", "D"]
    assert matrix.kinds == tuple(PartnerKind)  # ngo, firm, university, government, village
    assert matrix.counts == ((1, 1, 0, 0, 1), (0, 0, 0, 0, 1), (0, 0, 0, 1, 0), (0, 0, 0, 0, 0))
    assert matrix.missing(code(1)) == [PartnerKind.UNIVERSITY, PartnerKind.GOVERNMENT]


def test_coverage_matrix_agrees_with_a_networkx_contraction(coverage_net):
    """Contract each village's side in the networkx graph, then count neighbours by kind."""
    graph = coverage_net.graph
    side = {n: (coverage_net.actors[n].village if d["kind"] in ("village_head", "institution") else n)
            for n, d in graph.nodes(data=True)}
    contracted = nx.Graph()
    contracted.add_nodes_from(set(side.values()))
    for u, v, data in graph.edges(data=True):
        if TieKind(data["kind"]) in PARTNER_TIES and side[u] != side[v]:
            contracted.add_edge(side[u], side[v])
    matrix = coverage_matrix(coverage_net)
    for village, row in zip(matrix.villages, matrix.counts, strict=True):
        kinds = [graph.nodes[n]["kind"] for n in contracted[village.id]]
        assert row == tuple(kinds.count(k.value) for k in matrix.kinds)


def test_coverage_gaps_name_missing_kinds_severity_and_who_to_approach(coverage_net):
    found = by_village(coverage_gaps(coverage_net))
    assert {name: g.severity for name, g in found.items()} == {
        "A": Severity.LOW, "B": Severity.MEDIUM, "C": Severity.MEDIUM, "D": Severity.HIGH,
    }
    assert found["D"].code == "no_partner"
    assert found["A"].reason("en") == "A has no partner of these kinds: university, government agency."
    # The university's partnership is over: nobody to suggest for that kind.
    assert found["A"].action("en") == "Approach Kantor Camat (government agency, already works with 1 village(s) here)."
    assert "LSM Tani (LSM/ormas" in found["B"].action("id") and "PT Maju (perusahaan" in found["B"].action("id")


# 2. Unmet needs ----------------------------------------------------------------------------


def test_unmet_needs_and_who_offers_them():
    """
        Desa A needs water, market access, funds
          LSM Tani ──support carrying funds──► Desa A             funds: carried by the tie
          PT Pasar (offers market access) ══resource sharing══ BUM Desa A
                                                                  market access: a partner offers it
          water: no partner of A offers it; Desa B (offers water) and Dinas PU (offers water) do
        Desa B (offers water) ══resource sharing══ Desa C
        Desa C needs vehicles: nobody offers them
    """
    actors = [
        desa(1, "A", needs=["air", "pasar", "dana"]), desa(2, "B", offers=["air"]), desa(3, "C", needs=["kendaraan"]),
        inst("bumdes-a", 1, "bum desa"), Ngo(id="lsm", name="LSM Tani", offers=["pelatihan"]),
        Firm(id="pt-pasar", name="PT Pasar", offers=["pasar"]), Government(id="pu", name="Dinas PU", offers=["air"]),
    ]
    ties = [
        tie("support", "lsm", code(1), resources=["dana"]),
        tie("resource_sharing", "pt-pasar", "bumdes-a"),
        tie("resource_sharing", code(2), code(3)),
    ]
    found = by_village(unmet_needs(Network(actors, ties, area=KEC).at(DAY)))
    assert set(found) == {"A", "C"}
    a, c = found["A"], found["C"]
    assert a.severity is Severity.MEDIUM and [r.name for r in a.actors] == ["B", "Dinas PU"]  # B partners C
    assert a.reason("en") == (
        "A needs water and irrigation, but none of its partners (2) offers it; "
        "in the area it is offered by B, Dinas PU."
    )
    assert a.action("id") == "Jajaki B untuk kebutuhan air/irigasi."
    assert c.severity is Severity.HIGH and c.code == "unmet_need_nowhere" and c.actors == ()


# 3. Coordination within villages -----------------------------------------------------------


def test_intra_village_gaps():
    """
        Desa A: pemdes A, BPD A, PKK A, Karang Taruna A
            rakor 2 May (pemdes A hosts; BPD A, PKK A come)      → Karang Taruna A absent
        Desa B: pemdes B, PKK B, no BPD                          → no BPD
            rakor 3 May (pemdes B hosts; PKK B comes)
        Kelurahan C: PKK C (a kelurahan has no BPD: no gap)
            rakor 6 May (the kelurahan hosts; PKK C comes)
        Desa D: pemdes D, BPD D, PKK D, LPM D
            rakor 7 May (pemdes D hosts; PKK D comes)            → BPD D and LPM D absent
            training 20 May (BPD D and LPM D come)               → not coordination: they never meet
    """
    kel = Village(code=f"{KEC}.1003", name="C")
    actors = [
        desa(1, "A"), desa(2, "B"), kel, desa(4, "D"),
        inst("pemdes-a", 1, "pemdes"), inst("bpd-a", 1, "bpd"), inst("pkk-a", 1, "pkk"),
        inst("kt-a", 1, "karang taruna"),
        inst("pemdes-b", 2, "pemdes"), inst("pkk-b", 2, "pkk"),
        Institution(id="pkk-c", name="pkk-c", village=kel.code, type="pkk"),
        inst("pemdes-d", 4, "pemdes"), inst("bpd-d", 4, "bpd"), inst("pkk-d", 4, "pkk"), inst("lpm-d", 4, "lpm"),
        Ngo(id="lsm", name="LSM Tani"),
    ]
    meetings = [
        Meeting(id="r-a", type="rakor", date="2024-05-02", village=code(1), host="pemdes-a",
                attendees=["bpd-a", "pkk-a"]),
        Meeting(id="r-b", type="rakor", date="2024-05-03", village=code(2), host="pemdes-b", attendees=["pkk-b"]),
        Meeting(id="r-c", type="rakor", date="2024-05-06", village=kel.code, host=kel.code, attendees=["pkk-c"]),
        Meeting(id="r-d", type="rakor", date="2024-05-07", village=code(4), host="pemdes-d", attendees=["pkk-d"]),
        Meeting(id="t-d", type="pelatihan", date="2024-05-20", village=code(4), host="lsm",
                attendees=["bpd-d", "lpm-d"]),
    ]
    found = intra_village_gaps(Network(actors, meetings=meetings, area=KEC), quarter="2024Q2")
    summary = sorted((g.code, g.village.name, g.severity.value, tuple(a.name for a in g.actors)) for g in found)
    assert summary == [
        ("absent_institutions", "A", "medium", ("kt-a",)),
        ("absent_institutions", "D", "medium", ("bpd-d", "lpm-d")),
        ("institutions_never_meet", "D", "medium", ()),
        ("no_bpd", "B", "high", ()),
    ]
    absent_d = next(g for g in found if g.code == "absent_institutions" and g.village.name == "D")
    assert absent_d.reason("en") == (
        "In D, bpd-d, lpm-d took part in no coordination meeting with the village government in Q2 2024 (1 held)."
    )
    assert "Triwulan II 2024" in absent_d.reason("id")


# 4. Quarterly coordination -----------------------------------------------------------------


def test_quarterly_gaps():
    """
        Desa A: pemdes A, PKK A, Karang Taruna A, LPM A, Posyandu A
            Q1: rakor 10 Jan and 14 Feb (all four institutions come); Q2: rakor 2 May (PKK A only)
            → attendance in Q2 1 of 4 = 25 % (low); 1 coordination meeting against 2 (fewer)
            LSM Tani ══partnership 2023-01-01 .. 2024-05-01══ Desa A   → lost in Q2
        Desa B: pemdes B, PKK B
            Q1: rakor 5 March; Q2: none                          → no meeting (high)
    """
    a_inst = ["pkk-a", "kt-a", "lpm-a", "pos-a"]
    actors = [
        desa(1, "A"), desa(2, "B"), inst("pemdes-a", 1, "pemdes"), inst("pkk-a", 1, "pkk"),
        inst("kt-a", 1, "karang taruna"), inst("lpm-a", 1, "lpm"), inst("pos-a", 1, "posyandu"),
        inst("pemdes-b", 2, "pemdes"), inst("pkk-b", 2, "pkk"), Ngo(id="lsm", name="LSM Tani"),
    ]
    meetings = [
        Meeting(id="a1", type="rakor", date="2024-01-10", village=code(1), host="pemdes-a", attendees=a_inst),
        Meeting(id="a2", type="rakor", date="2024-02-14", village=code(1), host="pemdes-a", attendees=a_inst),
        Meeting(id="a3", type="rakor", date="2024-05-02", village=code(1), host="pemdes-a", attendees=["pkk-a"]),
        Meeting(id="b1", type="rakor", date="2024-03-05", village=code(2), host="pemdes-b", attendees=["pkk-b"]),
    ]
    ties = [tie("partnership", "lsm", code(1), "2023-01-01", "2024-05-01"), tie("membership", "pkk-a", code(1))]
    found = quarterly_gaps(Network(actors, ties, meetings, area=KEC), quarter=Quarter(2024, 2))
    by_code = {g.code: g for g in found}
    assert sorted(by_code) == ["fewer_meetings", "low_attendance", "no_meeting", "ties_lost"]
    assert by_code["no_meeting"].village.name == "B" and by_code["no_meeting"].severity is Severity.HIGH
    low = by_code["low_attendance"]
    assert low.severity is Severity.LOW and {a.name for a in low.actors} == {"kt-a", "lpm-a", "pos-a"}
    assert low.reason("en") == (
        "In A, institutions attended 25% of the coordination meetings with the village government in Q2 2024 "
        "(1 held), below 50%."
    )
    lost = by_code["ties_lost"]
    assert lost.severity is Severity.MEDIUM and [a.name for a in lost.actors] == ["LSM Tani"]
    assert lost.reason("en") == "A lost these ties in Q2 2024: partnership with LSM Tani."
    fewer = by_code["fewer_meetings"]
    assert fewer.village is None and [a.name for a in fewer.actors] == ["A"]
    assert fewer.reason("en").endswith("(1): A (1 instead of 2).")


# 5. Inter-village --------------------------------------------------------------------------


@pytest.fixture
def villages_net():
    """
        A (food crops; needs farm machinery; offers land)
        B (small industry; offers farm machinery; needs land) ══resource sharing══ C (trade)
        C (trade and services)
        D in Kecamatan 18.02.03 (needs farm machinery, offers land): not a neighbour of B

        matches: A-B 1 + 1 (machinery, land) + 0.5 (food crops with small industry) = 2.5
                 A-C 0.5 (food crops with trade); B-C tied already
    """
    actors = [
        desa(1, "A", sectors=["pertanian"], needs=["alsintan"], offers=["lahan"]),
        desa(2, "B", sectors=["umkm"], needs=["lahan"], offers=["alsintan"]),
        desa(3, "C", sectors=["perdagangan"]),
        Village(code="18.02.03.2001", name="D", needs=["alsintan"], offers=["lahan"]),
    ]
    return Network(actors, [tie("resource_sharing", code(2), code(3))], area=KEC).at(DAY)


def test_neighbours_by_kecamatan_or_by_distance():
    near = [Village(code=f"{KEC}.2001", name="E", latitude=-4.80, longitude=105.20),
            Village(code=f"{KEC}.2002", name="F", latitude=-4.89, longitude=105.20),  # 10 km south of E
            Village(code="18.02.03.2001", name="G", latitude=-4.80, longitude=105.218),  # 2 km east of E
            Village(code=f"{KEC}.2003", name="H")]  # no coordinates: the kecamatan decides
    found = neighbours(Network(near))
    assert found[f"{KEC}.2001"] == [f"{KEC}.2003", "18.02.03.2001"]
    assert found[f"{KEC}.2002"] == [f"{KEC}.2003"]
    assert found["18.02.03.2001"] == [f"{KEC}.2001"]


def test_neighbours_equal_every_pair_compared():
    """The grid and kecamatan buckets find exactly the pairs a comparison of all pairs finds."""
    import random

    from jejaring.analysis.gaps import _near

    rng = random.Random(3)
    villages = []
    for i in range(300):
        located = rng.random() < 0.7
        where = {"latitude": rng.uniform(-5.0, -4.7), "longitude": rng.uniform(105.0, 105.3)} if located else {}
        villages.append(Village(code=f"18.02.{rng.randint(1, 6):02d}.{2001 + i}", name=f"V{i}", **where))
    found = neighbours(Network(villages))
    for a in villages:
        assert found[a.id] == sorted(b.id for b in villages if b.id != a.id and _near(a, b, 5.0))
    assert sum(map(len, found.values())) > 300  # the test exercises many pairs


def test_isolated_villages_with_their_best_neighbour(villages_net):
    (gap,) = isolated_villages(villages_net)
    assert gap.village.name == "A" and gap.severity is Severity.MEDIUM
    assert gap.action("en") == (
        "Start with neighbour B: B offers farm machinery, which A needs; A offers land, which B needs; "
        "their sectors complement each other (food crops with small industry)."
    )


def test_neighbour_pairs_ranked_by_match_and_bounded(villages_net):
    found = neighbour_pairs(villages_net, top=None)
    assert [(tuple(a.name for a in g.actors), g.weight) for g in found] == [(("A", "B"), 2.5), (("A", "C"), 0.5)]
    assert all(g.severity is Severity.LOW and g.village is None for g in found)
    assert [tuple(a.name for a in g.actors) for g in neighbour_pairs(villages_net, top=1)] == [("A", "B")]
    assert found[1].reason("id") == (
        "A dan C bertetangga tetapi belum terhubung, padahal sektor keduanya saling melengkapi "
        "(pertanian dengan perdagangan dan jasa)."
    )


# 6. Kades ----------------------------------------------------------------------------------


def test_kades_gaps():
    """
        A maju            Kades A ══peer learning══ Kades B    B tertinggal       → B learns from higher: fine
        C tertinggal      Kades C ══peer learning══ Kades D    D sangat tertinggal
                          → C learns only with lower (no mentor); D learns with higher C: fine
        E berkembang      Kades E: no peer (co-attends a forum kades with A: meetings do not count)
        F tertinggal      Kades F: no peer                                         → high
        A's former kades (term 2010-2018) is not counted
    """
    statuses = {1: "maju", 2: "tertinggal", 3: "tertinggal", 4: "sangat tertinggal", 5: "berkembang", 6: "tertinggal"}
    actors = [desa(n, "ABCDEF"[n - 1], development_status=s) for n, s in statuses.items()]
    actors += [VillageHead(id=f"k{n}", name=f"Kades {'ABCDEF'[n - 1]}", village=code(n)) for n in statuses]
    actors.append(
        VillageHead(id="k1-old", name="Old Kades A", village=code(1), term_start="2010-01-01", term_end="2018-01-01")
    )
    ties = [tie("peer_learning", "k1", "k2"), tie("peer_learning", "k3", "k4")]
    forum = Meeting(id="f", type="forum kades", date="2024-06-01", attendees=["k1", "k5"])
    found = by_village(kades_gaps(Network(actors, ties, [forum], area=KEC).at(DAY)))
    assert {n: (g.code, g.severity.value) for n, g in found.items()} == {
        "C": ("kades_no_mentor", "medium"),
        "E": ("kades_isolated", "medium"),
        "F": ("kades_isolated_low", "high"),
    }
    assert all([a.name for a in g.actors] == [f"Kades {n}", "Kades A"] for n, g in found.items())
    assert found["C"].reason("en") == (
        "Kades C, kades of C (underdeveloped), learns only with kades of villages of the same or lower status "
        "(Kades D)."
    )
    assert found["F"].action("en") == (
        "Link Kades F with Kades A, kades of A (advanced), who already learns with 1 kades, e.g. on a kunjungan kerja."
    )


# 7. Fragility ------------------------------------------------------------------------------


def test_expired_partnerships():
    """
        A ══partnership 2020-2022══ B                       expired, nothing since      → medium
        A ══partnership 2020-2022══ C, renewed 2022-2026    renewed                     → none
        B ══partnership 2021-2023══ LSM, LSM ──support──► B still  expired, other tie   → low
        A ══partnership 2023-2025══ D                       in force                    → none
        BUM Desa C ══partnership 2020-2021══ C              inside one side             → none
    """
    actors = [desa(1, "A"), desa(2, "B"), desa(3, "C"), desa(4, "D"), inst("bumdes-c", 3, "bum desa"),
              Ngo(id="lsm", name="LSM Tani")]
    ties = [
        tie("partnership", code(1), code(2), "2020-01-01", "2022-01-01", field="pembangunan"),
        tie("partnership", code(1), code(3), "2020-01-01", "2022-01-01"),
        tie("partnership", code(1), code(3), "2022-01-01", "2026-01-01"),
        tie("partnership", code(2), "lsm", "2021-01-01", "2023-01-01"),
        tie("support", "lsm", code(2), "2021-01-01"),
        tie("partnership", code(1), code(4), "2023-01-01", "2025-01-01"),
        tie("partnership", "bumdes-c", code(3), "2020-01-01", "2021-01-01"),
    ]
    found = expired_partnerships(Network(actors, ties, area=KEC).at(DAY))
    assert sorted((tuple(a.name for a in g.actors), g.severity.value) for g in found) == [
        (("A", "B"), "medium"), (("B", "LSM Tani"), "low"),
    ]
    ab = next(g for g in found if g.severity is Severity.MEDIUM)
    assert ab.reason("en") == "The partnership in development between A and B ended on 2022-01-01 and was not renewed."


@pytest.fixture
def broker_net():
    """
        A ══ LSM ══ B ══ C          Kantor Camat ──support──► every village (left out: a mandate)
                    ╚═══ D

        A reaches the others only through LSM and B; C and D only through B.
    """
    actors = [desa(n, "ABCD"[n - 1]) for n in range(1, 5)]
    actors += [Ngo(id="lsm", name="LSM Tani"), Government(id="camat", name="Kantor Camat")]
    ties = [
        tie("partnership", "lsm", code(1)), tie("support", "lsm", code(2)),
        tie("resource_sharing", code(2), code(3)), tie("partnership", code(2), code(4)),
        *(tie("support", "camat", code(n)) for n in range(1, 5)),
    ]
    return Network(actors, ties, area=KEC).at(DAY)


def test_single_brokers(broker_net):
    found = by_village(single_brokers(broker_net))
    assert {n: [a.name for a in g.actors] for n, g in found.items()} == {
        "A": ["LSM Tani", "B"], "C": ["B"], "D": ["B"],
    }
    assert found["A"].reason("en") == (
        "Every link from A to the other villages runs through LSM Tani, B; if that link fails, A is cut off."
    )
    assert "camat" not in partner_graph(broker_net)


def _brute_force_brokers(graph: nx.Graph, villages: set[str]) -> dict[str, set[str]]:
    """For each village, every node whose removal leaves it with no path to any other village it reached."""
    found: dict[str, set[str]] = {}
    for v in villages:
        reached = nx.node_connected_component(graph, v) & villages - {v}
        for cut in set(graph) - {v}:
            rest = graph.subgraph(set(graph) - {cut})
            if reached - {cut} and not nx.node_connected_component(rest, v) & villages - {v}:
                found.setdefault(v, set()).add(cut)
    return found


@pytest.mark.parametrize("view", ["2024Q2", "2024-12-31"])
def test_single_brokers_on_the_demo_agree_with_brute_force(demo_net, view):
    net = demo_net.quarter(view) if "Q" in view else demo_net.at(date.fromisoformat(view))
    graph = partner_graph(net)
    villages = {n for n in graph if net.actors[n].kind is ActorKind.VILLAGE}
    expected = _brute_force_brokers(graph, villages)
    found = {g.village.id: {a.id for a in g.actors} for g in single_brokers(net)}
    assert found == {v: cuts for v, cuts in expected.items() if v.startswith(KEC)}
    assert set(nx.articulation_points(graph)) >= {c for cuts in found.values() for c in cuts}


# The report --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_net() -> Network:
    batch = synth.demo()
    return Network(batch.actors, batch.ties, batch.meetings, area=KEC)


def test_report_of_the_demo_finds_its_deliberate_gaps(demo_net):
    report = gaps(demo_net.at(date(2024, 12, 31)))
    assert (report.area, report.start) == (KEC, date(2024, 12, 31))
    assert (report.quarter, report.quarter_source) == (Quarter(2024, 4), "view")
    assert {g.type for g in report.gaps} == set(GapType)
    ranks = [g.severity.rank for g in report.gaps]
    assert ranks == sorted(ranks)
    # Independent of the gap code: desa with no BPD, villages with no rakor in the quarter.
    desa_codes = {a.id for a in demo_net.of_kind(ActorKind.VILLAGE) if not a.is_kelurahan}
    with_bpd = {a.village for a in demo_net.of_kind(ActorKind.INSTITUTION) if a.type.value == "bpd"}
    assert {g.village.id for g in report.gaps if g.code == "no_bpd"} == desa_codes - with_bpd
    q4 = Quarter(2024, 4)
    rakor = [m for m in demo_net.meetings if m.type.value == "coordination_meeting"]
    held = {m.village for m in rakor if q4.start <= m.date < q4.end}
    villages = {a.id for a in demo_net.of_kind(ActorKind.VILLAGE)}
    assert {g.village.id for g in report.gaps if g.code == "no_meeting"} == villages - held
    assert any(g.code.startswith("expired") for g in report.gaps)
    assert any(g.code == "kades_isolated" for g in report.gaps)


def test_top_keeps_the_most_severe_of_each_type_and_counts_the_rest(demo_net):
    view = demo_net.at(date(2024, 12, 31))
    full, short = gaps(view, top=None), gaps(view, top=2)
    for kind in GapType:
        listed = full.of_type(kind)
        pairs = [g for g in listed if g.code == "neighbour_match"]
        assert len(pairs) <= 10  # neighbour pairs are bounded even without top
        assert short.of_type(kind) == listed[:2]
        assert short.left_out(kind) == len(listed) - len(short.of_type(kind)) + full.left_out(kind)
    assert full.left_out(GapType.INTER_VILLAGE) == len(neighbour_pairs(view, top=None)) - 10
    assert full.only(severity=Severity.MEDIUM).left_out(GapType.INTER_VILLAGE) == 0  # the pairs left out are low


def test_a_day_with_no_meetings_on_record_falls_back_to_the_latest_quarter_with_meetings(demo_net):
    report = gaps(demo_net.at(date(2026, 3, 1)))
    assert (report.quarter, report.quarter_source) == (Quarter(2024, 4), "latest_meeting")
    given = gaps(demo_net.at(date(2026, 3, 1)), quarter="2024Q2")
    assert (given.quarter, given.quarter_source) == (Quarter(2024, 2), "given")


def test_without_any_meeting_only_the_bpd_is_judged_of_coordination():
    actors = [desa(1, "A"), inst("pemdes-a", 1, "pemdes"), inst("pkk-a", 1, "pkk")]
    report = gaps(Network(actors, area=KEC).at(DAY))
    assert report.quarter is None and report.of_type(GapType.QUARTERLY) == []
    assert [g.code for g in report.of_type(GapType.INTRA_VILLAGE)] == ["no_bpd"]


def test_report_filters_and_data(broker_net):
    report = gaps(broker_net)
    medium_up = report.only(severity=Severity.MEDIUM)
    assert medium_up.gaps and all(g.severity is not Severity.LOW for g in medium_up.gaps)
    fragile = report.only(types=[GapType.FRAGILITY])
    assert {g.type for g in fragile.gaps} == {GapType.FRAGILITY}
    data = report.to_dict("id")
    assert data["scope"] == "Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung"
    assert data["period"] == "per 2024-06-01" and data["coverage"]["kinds"] == [k.value for k in PartnerKind]
    first = data["gaps"][0]
    assert set(first) >= {"type", "severity", "village", "actors", "reason", "action", "reason_key", "params"}
    assert first["reason"] == report.gaps[0].reason("id")


def test_messages_render_vocabulary_quarters_rates_and_lists_in_either_language():
    message = Message("gaps.reason.low_attendance", {
        "village": "A", "rate": 0.25, "meetings": 2, "quarter": Quarter(2024, 3), "threshold": 0.5,
    })
    assert "Triwulan III 2024" in message.render("id") and "25%" in message.render("en")
    assert message.to_dict()["params"]["quarter"] == "2024Q3"
    with use_lang("en"):
        assert Message("gaps.tie", {"kind": TieKind.FUNDING, "partner": "PT X"}).render() == "funding with PT X"
