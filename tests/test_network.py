"""The Network view: scoping by area, by day and by quarter, on a network small enough to check by hand.

    Bangun Rejo (18.02.02.2005) --partnership 2024-- Sido Mulyo (18.02.02.2007)
    Bangun Rejo --support since 2023-- Yayasan Tani (NGO, area 18.02)
    Sido Mulyo --resource sharing 2024Q2 only-- Metro kelurahan (18.72.01.1001, another kabupaten)
    Purwodadi (18.02.02.2001): no ties
"""

from datetime import date

import networkx as nx
import pytest

from jejaring.model import Meeting, Ngo, Tie, Village
from jejaring.network import Network
from jejaring.vocab import ActorKind, TieKind

BR, SM, PW, METRO = "18.02.02.2005", "18.02.02.2007", "18.02.02.2001", "18.72.01.1001"


@pytest.fixture
def net():
    actors = [
        Village(code=BR, name="Bangun Rejo"),
        Village(code=SM, name="Sido Mulyo"),
        Village(code=PW, name="Purwodadi"),
        Village(code=METRO, name="Metro"),
        Ngo(id="ngo-tani", name="Yayasan Tani", area="18.02"),
    ]
    ties = [
        Tie(id="t1", kind="partnership", source=BR, target=SM, since="2024-01-01", until="2025-01-01"),
        Tie(id="t2", kind="support", source="ngo-tani", target=BR, since="2023-06-01"),
        Tie(id="t3", kind="resource_sharing", source=SM, target=METRO, since="2024-04-01", until="2024-07-01"),
    ]
    meetings = [
        Meeting(id="m1", type="rakor", date="2024-02-10", village=BR, attendees=[BR, SM]),
        Meeting(id="m2", type="musdes", date="2024-05-10", village=METRO, attendees=[METRO]),
    ]
    return Network(actors, ties, meetings)


def test_graph_has_one_edge_per_tie(net):
    assert net.graph.number_of_nodes() == 5
    assert sorted(k for _, _, k in net.graph.edges(keys=True)) == ["t1", "t2", "t3"]
    assert net.graph.nodes[BR]["kind"] == "village" and net.graph.nodes["ngo-tani"]["name"] == "Yayasan Tani"
    assert nx.number_connected_components(net.graph) == 2  # Purwodadi is alone


def test_at_a_day_keeps_ties_in_force(net):
    assert {t.id for t in net.at(date(2024, 3, 1)).ties} == {"t1", "t2"}
    assert {t.id for t in net.at(date(2024, 4, 1)).ties} == {"t1", "t2", "t3"}
    assert {t.id for t in net.at(date(2024, 7, 1)).ties} == {"t1", "t2"}
    assert {t.id for t in net.at(date(2025, 1, 1)).ties} == {"t2"}
    assert {t.id for t in net.at(date(2023, 1, 1)).ties} == set()
    assert len(net.at(date(2024, 3, 1)).actors) == 5  # actors stay; only ties are dated


def test_quarter_keeps_ties_overlapping_it_and_its_meetings(net):
    q1 = net.quarter("2024Q1")
    assert {t.id for t in q1.ties} == {"t1", "t2"} and [m.id for m in q1.meetings] == ["m1"]
    q2 = net.quarter("2024Q2")
    assert {t.id for t in q2.ties} == {"t1", "t2", "t3"} and [m.id for m in q2.meetings] == ["m2"]
    assert (q2.start, q2.end) == (date(2024, 4, 1), date(2024, 7, 1))


def test_within_a_kecamatan_keeps_its_partners_from_outside(net):
    view = net.within("18.02.02")
    assert set(view.actors) == {BR, SM, PW, "ngo-tani", METRO}
    assert [m.id for m in view.meetings] == ["m1"]
    metro = net.within("18.72")
    assert set(metro.actors) == {METRO, SM} and {t.id for t in metro.ties} == {"t3"}
    assert [m.id for m in metro.meetings] == ["m2"]


def test_partners_and_names(net):
    assert net.partners(BR) == {SM, "ngo-tani"}
    assert net.partners(BR, TieKind.PARTNERSHIP) == {SM}
    assert net.name(SM) == "Sido Mulyo" and net.name("unknown") == "unknown"
    assert [a.id for a in net.of_kind(ActorKind.VILLAGE)] == [PW, BR, SM, METRO]


def test_ties_to_actors_outside_the_view_are_dropped():
    lone = Network([Village(code=BR, name="Bangun Rejo")], [Tie(kind="partnership", source=BR, target=SM)])
    assert lone.ties == [] and lone.graph.number_of_edges() == 0


def test_summary(net):
    assert net.summary() == {
        "actors": {"ngo": 1, "village": 4},
        "ties": {"partnership": 1, "resource_sharing": 1, "support": 1},
        "meetings": {"coordination_meeting": 1, "village_deliberation": 1},
    }


def test_a_dated_view_remembers_the_whole_history(net):
    q2 = net.quarter("2024Q2")
    assert q2.undated() is net and net.undated() is net
    assert q2.quarter("2024Q1").undated() is net
    assert [m.id for m in q2.within("18.02.02").undated().meetings] == ["m1"]


def test_a_whole_store_reads_its_meetings_on_first_use(net, tmp_path):
    """Opened whole from SQLite, the network holds actors and ties at once and reads its
    meetings when first asked, even after the store is closed; a dated view waits too."""
    from jejaring.store import Batch
    from jejaring.store.sqlite import SqliteStore

    with SqliteStore(tmp_path / "s.sqlite", create=True) as store:
        store.write(Batch(list(net.actors.values()), net.ties, net.meetings))
        whole = Network.from_store(store)
        scoped = Network.from_store(store, area="18.02.02")
    assert "meetings not read yet" in repr(whole)
    quarter = whole.quarter("2024Q2")
    assert "meetings not read yet" in repr(quarter)
    assert quarter.meetings == net.quarter("2024Q2").meetings != []
    assert whole.meetings == net.meetings and "2 meetings" in repr(whole)
    assert scoped.meetings == net.within("18.02.02").meetings  # a scoped read is at once
