"""The structure of a network: hand-checked on five villages, checked against networkx on the demo.

The hand-built kecamatan (villages A–E, kades kA and kD, institutions BPD A and BUM Desa B,
an NGO):

     D ── kD ── kA ── A ──── B ── C ── NGO          E (no ties)
                      │      │
                    BPD A ── BUM B

    ties: kA leads A, kD leads D, kA peer-learns with kD, BPD A and BUM B are members of
    their villages and partner each other, A partners B, B shares with C (one way), the NGO
    supports C.

Between villages: A–B (twice: A's and B's own partnership, and their institutions'),
A–D (through their kades), B–C; E cooperates with nobody:

     D ── A ══ B ── C        E
"""

import networkx as nx
import pytest

from jejaring import synth
from jejaring.analysis import structure as structure_module
from jejaring.analysis.brokerage import home_village
from jejaring.analysis.structure import (
    COOPERATION_TIES,
    cooperation,
    cooperation_graph,
    eigenvector_centrality,
    simple_graph,
    structure,
)
from jejaring.model import Institution, Ngo, Tie, Village, VillageHead
from jejaring.network import Network

A, B, C, D, E = (f"18.02.02.200{i}" for i in range(1, 6))


@pytest.fixture
def net():
    actors = [
        *(Village(code=code, name=name) for code, name in zip((A, B, C, D, E), "ABCDE", strict=True)),
        VillageHead(id="kA", name="Pak A", village=A),
        VillageHead(id="kD", name="Pak D", village=D),
        Institution(id="bpdA", name="BPD A", village=A, type="bpd"),
        Institution(id="bumB", name="BUM B", village=B, type="bum_desa"),
        Ngo(id="ngo", name="Yayasan", area="18.02"),
    ]
    ties = [
        Tie(kind="leadership", source="kA", target=A),
        Tie(kind="leadership", source="kD", target=D),
        Tie(kind="partnership", source="kA", target="kD"),
        Tie(kind="membership", source="bpdA", target=A),
        Tie(kind="membership", source="bumB", target=B),
        Tie(kind="partnership", source="bumB", target="bpdA"),
        Tie(kind="partnership", source=A, target=B),
        Tie(kind="resource_sharing", source=B, target=C),
        Tie(kind="support", source="ngo", target=C),
    ]
    return Network(actors, ties, area="18.02.02")


def names(named):
    return [n.name for n in named]


def test_size_by_kind(net):
    s = structure(net)
    assert s.actors_by_kind == {"village": 5, "village_head": 2, "institution": 2, "ngo": 1}
    assert s.ties_by_kind == {
        "partnership": 3,
        "resource_sharing": 1,
        "leadership": 2,
        "membership": 2,
        "support": 1,
    }
    assert s.tied_pairs == 9 and s.components == 2  # E is alone


def test_cooperation_graph_counts_ties_of_villages_own_actors(net):
    graph = cooperation_graph(net)
    assert sorted(graph.edges(data="ties")) == [(A, B, 2), (A, D, 1), (B, C, 1)]
    assert set(graph) == {A, B, C, D, E}


def test_cooperation_density_components_and_isolates(net):
    coop = cooperation(net)
    assert coop.density == pytest.approx(3 / 10)  # 3 of the 10 pairs of five villages
    assert [names(c) for c in coop.components] == [["A", "B", "C", "D"], ["E"]]
    assert names(coop.isolates) == ["E"] and coop.outside == ()
    links = [(link.a.name, link.b.name, link.ties) for link in coop.links]
    assert links == [("A", "B", 2), ("A", "D", 1), ("B", "C", 1)]


def test_cut_points_and_bridges_name_who_is_cut_off(net):
    """Without A, D is cut off from B and C; without B, C is cut off. Every link is a bridge;
    cutting A–B leaves two halves of two, and the half without the lowest code (A) is cut off."""
    coop = cooperation(net)
    assert [(c.name, names(c.cut_off)) for c in coop.cut_points] == [("A", ["D"]), ("B", ["C"])]
    assert [(b.a.name, b.b.name, names(b.cut_off)) for b in coop.bridges] == [
        ("A", "B", ["B", "C"]),
        ("A", "D", ["D"]),
        ("B", "C", ["C"]),
    ]


def test_partner_villages_outside_the_area_are_named_from_the_village_list():
    """A kades of Purwosari (18.02.03.2001, another kecamatan) learns from A's kades; Purwosari's
    own record is not in the view, so its name comes from the Kemendagri list."""
    actors = [
        Village(code=A, name="A"),
        VillageHead(id="kA", name="Pak A", village=A),
        VillageHead(id="kP", name="Pak P", village="18.02.03.2001"),
    ]
    ties = [Tie(kind="partnership", source="kA", target="kP"), Tie(kind="leadership", source="kA", target=A)]
    coop = cooperation(Network(actors, ties, area="18.02.02"))
    assert names(coop.outside) == ["Purwosari"] and len(coop.links) == 1 and coop.density == 1.0


def test_ties_within_a_village_and_other_kinds_do_not_make_cooperation(net):
    """A's kades leading A, B's BUM Desa belonging to B, the NGO supporting C: none link villages."""
    graph = cooperation_graph(net)
    assert not graph.has_edge(A, A) and graph.degree(C) == 1


def test_degree_and_betweenness_by_hand(net):
    """C is the NGO's only way to the 7 other actors of its component: betweenness 7 of the
    36 pairs among the other nine actors. A and B have three partners each."""
    s = structure(net)
    by_id = {m.id: m for m in s.actors}
    assert by_id[C].betweenness == pytest.approx(7 / 36)
    assert by_id["ngo"].betweenness == 0 and by_id[E].degree == 0
    assert [(r.name, r.value) for r in s.top_degree[:2]] == [("A", 3), ("B", 3)]
    assert E not in {r.id for r in s.top_degree}  # no partners: not ranked


def test_eigenvector_is_zero_off_the_main_component_and_an_eigenvector_on_it(net):
    graph = simple_graph(net)
    scores = eigenvector_centrality(graph)
    assert scores[E] == 0
    assert sum(v * v for v in scores.values()) == pytest.approx(1)
    eigenvalue = sum(scores[u] for u in graph[A]) / scores[A]
    for v in graph:
        if v != E:
            assert sum(scores[u] for u in graph[v]) == pytest.approx(eigenvalue * scores[v], abs=1e-9)
    expected = nx.eigenvector_centrality(graph, max_iter=5000, tol=1e-12)
    assert scores == pytest.approx(expected, abs=1e-6)


def test_eigenvector_of_components_with_equal_eigenvalues_is_shared_as_power_iteration_shares_it():
    """A triangle and a square are both 2-regular (leading eigenvalue 2): power iteration from
    all ones keeps every node equal, so each of the seven scores 1/√7."""
    graph = nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(4))
    scores = eigenvector_centrality(graph)
    assert scores == pytest.approx(dict.fromkeys(graph, 7**-0.5))
    assert scores == pytest.approx(nx.eigenvector_centrality(graph))
    assert eigenvector_centrality(nx.empty_graph(4)) == pytest.approx(dict.fromkeys(range(4), 0.5))


def test_brokers_ranked_with_roles(net):
    """Through B: A→B→C (liaison), BUM B→B→A and BUM B→B→C (representative). Through A:
    BPD A→A→B and kA→A→B (representative). Four actors broker one gatekeeping path each:
    kD→kA→A, kA→kD→D, BUM B→BPD A→A, BPD A→BUM B→B."""
    s = structure(net)
    assert [(m.name, m.brokerage) for m in s.brokers] == [
        ("B", 3),
        ("A", 2),
        ("BPD A", 1),
        ("BUM B", 1),
        ("Pak A", 1),
        ("Pak D", 1),
    ]
    b = s.brokers[0]
    assert (b.liaison, b.representative, b.group, b.group_name) == (1, 2, B, "B")
    assert all(m.gatekeeper == 1 for m in s.brokers[2:])


def test_core_and_communities(net):
    """A, B, BUM B and BPD A form a cycle: the main core, k = 2."""
    s = structure(net)
    assert s.main_core == 2 and names(s.main_core_members) == ["A", "B", "BPD A", "BUM B"]
    members = [m.id for c in s.communities for m in c.members]
    assert sorted(members) == sorted(net.actors)
    assert [len(c.members) for c in s.communities] == sorted((len(c.members) for c in s.communities), reverse=True)


def test_same_seed_same_result_and_plain_data(net):
    assert structure(net, seed=7) == structure(net, seed=7)
    data = structure(net).to_dict()
    assert list(data["cooperation"]["isolates"]) == [{"id": E, "name": "E"}]
    assert data["actors"][0]["id"] == A


def test_top_bounds_the_rankings(net):
    s = structure(net, top=2)
    assert len(s.top_degree) == len(s.top_betweenness) == len(s.brokers) == 2
    with pytest.raises(ValueError):
        structure(net, top=0)
    with pytest.raises(ValueError, match="colour"):
        structure(net, groups="colour")


def test_large_networks_sample_betweenness(net, monkeypatch):
    monkeypatch.setattr(structure_module, "BETWEENNESS_EXACT_UP_TO", 5)
    monkeypatch.setattr(structure_module, "BETWEENNESS_SAMPLE", 4)
    s = structure(net, seed=3)
    assert s.betweenness_sample == 4
    expected = nx.betweenness_centrality(simple_graph(net), k=4, seed=3)
    assert {m.id: m.betweenness for m in s.actors} == pytest.approx(expected)


def test_empty_network():
    s = structure(Network([]))
    assert s.actors == () and s.modularity is None and s.cooperation.density == 0.0


# The demo kecamatan, against networkx's own functions.


@pytest.fixture(scope="module")
def demo():
    batch = synth.demo()
    net = Network(batch.actors, batch.ties, batch.meetings, area=synth.DEMO_KECAMATAN).quarter("2024Q2")
    return net, nx.Graph(net.graph), structure(net, seed=11)


def test_demo_centralities_match_networkx(demo):
    _, graph, s = demo
    measures = {m.id: m for m in s.actors}
    assert set(measures) == set(graph) and s.betweenness_sample is None
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    eigenvector = nx.eigenvector_centrality(graph, max_iter=5000, tol=1e-12)
    for n, m in measures.items():
        assert m.degree == graph.degree(n)
        assert m.degree_centrality == pytest.approx(degree[n])
        assert m.betweenness == pytest.approx(betweenness[n])
        assert m.eigenvector == pytest.approx(eigenvector[n], abs=1e-6)


def test_demo_burt_measures_match_networkx(demo):
    _, graph, s = demo
    constraint, size = nx.constraint(graph), nx.effective_size(graph)
    for m in s.actors:
        if graph.degree(m.id) == 0:
            assert m.constraint is None and m.effective_size is None
        else:
            assert m.constraint == pytest.approx(constraint[m.id])
            assert m.effective_size == pytest.approx(size[m.id])


def test_demo_components_cores_and_communities_match_networkx(demo):
    _, graph, s = demo
    assert s.components == nx.number_connected_components(graph)
    assert {m.id: m.core for m in s.actors} == nx.core_number(graph)
    assert {m.id for m in s.main_core_members} == set(nx.k_core(graph))
    louvain = nx.community.louvain_communities(graph, seed=11)
    assert {frozenset(m.id for m in c.members) for c in s.communities} == {frozenset(c) for c in louvain}
    assert s.modularity == pytest.approx(nx.community.modularity(graph, louvain))
    community = {m.id: m.community for m in s.actors}
    assert all(community[m.id] == c.number for c in s.communities for m in c.members)


def test_demo_cooperation_matches_an_independent_village_graph(demo):
    """Rebuild the village graph straight from the ties and compare what networkx finds in it."""
    net, _, s = demo
    home = {i: home_village(a) for i, a in net.actors.items()}
    villages = nx.Graph()
    inside = [a.id for a in net.actors.values() if a.kind == "village" and a.id.startswith(f"{net.area}.")]
    villages.add_nodes_from(inside)
    villages.add_edges_from(
        (home[t.source], home[t.target])
        for t in net.ties
        if t.kind in COOPERATION_TIES and home[t.source] and home[t.target] and home[t.source] != home[t.target]
    )
    coop = s.cooperation
    assert {v.id for v in coop.villages} == set(villages)
    assert len(coop.links) == villages.number_of_edges()
    assert coop.density == pytest.approx(nx.density(villages))
    assert {frozenset(v.id for v in c) for c in coop.components} == {
        frozenset(c) for c in nx.connected_components(villages)
    }
    assert {v.id for v in coop.isolates} == set(nx.isolates(villages))
    assert {c.id for c in coop.cut_points} == set(nx.articulation_points(villages))
    assert {frozenset((b.a.id, b.b.id)) for b in coop.bridges} == {frozenset(e) for e in nx.bridges(villages)}


def test_demo_groups_by_kind(demo):
    net, _, _ = demo
    s = structure(net, groups="kind")
    assert {m.group for m in s.actors} == {a.kind.value for a in net.actors.values()}
    assert all(m.group_name == m.kind for m in s.actors)
