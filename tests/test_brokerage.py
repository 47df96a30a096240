"""Gould–Fernandez brokerage and Burt's measures on small hand-drawn graphs, and a brute-force property check.

The hub graph (arcs point right; groups X, Y, Z):

    x1 (X) ─┐         ┌─► c1 (X)
    x3 (X) ─┼─► b (X) ┼─► c2 (Y)
    y1 (Y) ─┘         └─► c3 (Z)
    and x1 ─► c1 directly

Two-paths through b, ends not tied:
    x1→b→c1 closed (x1→c1)       x3→b→c1  X X X  coordinator
    x1→b→c2  X X Y  representative  x3→b→c2  X X Y  representative
    x1→b→c3  X X Z  representative  x3→b→c3  X X Z  representative
    y1→b→c1  Y X X  gatekeeper
    y1→b→c2  Y X Y  consultant
    y1→b→c3  Y X Z  liaison
So b: coordinator 1, gatekeeper 1, representative 4, consultant 1, liaison 1, total 8;
every other node brokers nothing (x1's one onward arc goes to c1 with no way on).
"""

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analysis.brokerage import (
    OUTSIDE,
    ROLES,
    actor_groups,
    brokerage,
    burt,
    directed_graph,
    gould_fernandez,
    role,
)
from jejaring.model import Institution, Ngo, Tie, Village, VillageHead
from jejaring.network import Network

HUB_GROUPS = {"x1": "X", "x3": "X", "y1": "Y", "b": "X", "c1": "X", "c2": "Y", "c3": "Z"}


def hub_graph():
    arcs = [(a, "b") for a in ("x1", "x3", "y1")] + [("b", c) for c in ("c1", "c2", "c3")] + [("x1", "c1")]
    return nx.DiGraph(arcs)


def test_role_of_each_group_pattern():
    assert role("X", "X", "X") == "coordinator"
    assert role("Y", "X", "X") == "gatekeeper"
    assert role("X", "X", "Y") == "representative"
    assert role("X", "Y", "X") == "consultant"
    assert role("X", "Y", "Z") == "liaison"


def test_hub_counts_worked_out_by_hand():
    roles = gould_fernandez(hub_graph(), HUB_GROUPS)
    assert roles["b"] == {
        "coordinator": 1,
        "gatekeeper": 1,
        "representative": 4,
        "consultant": 1,
        "liaison": 1,
        "total": 8,
    }
    assert all(roles[n]["total"] == 0 for n in HUB_GROUPS if n != "b")


def test_a_tie_back_from_c_to_a_does_not_close_the_path():
    """Directed three-cycle a → b → c → a, a and b in group 1, c in group 2. Only c → a exists,
    not a → c, so each node brokers one path:
    b on a→b→c (1 1 2: representative), c on b→c→a (1 2 1: consultant),
    a on c→a→b (2 1 1: gatekeeper)."""
    cycle = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    roles = gould_fernandez(cycle, {"a": 1, "b": 1, "c": 2})
    assert [roles[n]["total"] for n in "abc"] == [1, 1, 1]
    assert roles["b"]["representative"] == roles["c"]["consultant"] == roles["a"]["gatekeeper"] == 1


def test_undirected_path_counts_both_ways_and_a_triangle_none():
    """u – v – w with u and w in one group, v in another: v is consultant twice (u→v→w, w→v→u)."""
    path = gould_fernandez(nx.path_graph(["u", "v", "w"]), {"u": 1, "v": 2, "w": 1})
    assert path["v"]["consultant"] == 2 and path["v"]["total"] == 2
    triangle = gould_fernandez(nx.complete_graph(3), {0: 1, 1: 2, 2: 3})
    assert all(counts["total"] == 0 for counts in triangle.values())


A, B, C = "18.02.02.2001", "18.02.02.2002", "18.02.02.2003"


def small_network():
    """Villages A, B, C; kades kA of A; an NGO.

        kA ──leads──► A ◄══partnership══► B ──shares (one way)──► C
        NGO ──supports──► A                A ◄══shares (both ways)══► C
    """
    actors = [
        Village(code=A, name="A"),
        Village(code=B, name="B"),
        Village(code=C, name="C"),
        VillageHead(id="kA", name="Pak A", village=A),
        Ngo(id="ngo", name="Yayasan", area="18.02"),
    ]
    ties = [
        Tie(kind="leadership", source="kA", target=A),
        Tie(kind="partnership", source=A, target=B),
        Tie(kind="resource_sharing", source=B, target=C, direction="forward"),
        Tie(kind="resource_sharing", source=C, target=A, direction="both"),
        Tie(kind="support", source="ngo", target=A),
    ]
    return Network(actors, ties)


def test_directed_graph_keeps_direction_of_directed_kinds():
    arcs = set(directed_graph(small_network()).edges())
    assert arcs == {("kA", A), (A, B), (B, A), (B, C), (C, A), (A, C), ("ngo", A)}


def test_groups_by_village_and_by_kind():
    net = small_network()
    assert actor_groups(net) == {A: A, B: B, C: C, "kA": A, "ngo": OUTSIDE}
    assert actor_groups(net, by="kind")["kA"] == "village_head"


def test_brokerage_of_a_small_network_by_village():
    """Through A (from kA, B, C, NGO; on to B, C): kA→A→B and kA→A→C represent A's group;
    C→A→B, NGO→A→B and NGO→A→C are liaisons; B→A→C is closed by B→C. Through B only
    A→B→C, closed by A→C; through C only B→C→A, closed by B→A."""
    roles = brokerage(small_network())
    assert roles[A] == {"coordinator": 0, "gatekeeper": 0, "representative": 2, "consultant": 0, "liaison": 3,
                        "total": 5}
    assert all(roles[n]["total"] == 0 for n in (B, C, "kA", "ngo"))


def test_brokerage_of_a_small_network_by_kind():
    """By kind the three villages are one group: kA→A→B, kA→A→C, NGO→A→B, NGO→A→C are
    gatekeeping, C→A→B coordination."""
    roles = brokerage(small_network(), groups="kind")
    assert roles[A]["gatekeeper"] == 4 and roles[A]["coordinator"] == 1 and roles[A]["total"] == 5


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="colour"):
        actor_groups(small_network(), by="colour")


def test_institutions_belong_to_their_village():
    net = Network([Village(code=A, name="A"), Institution(id="bpd", name="BPD A", village=A, type="bpd")])
    assert actor_groups(net)["bpd"] == A


def test_burt_by_hand():
    """v is tied to a, b, c; a and b are tied. Effective size 3 - 2·1/3; constraint
    (1/3 + 1/3·1/2)² twice (a and b, through each other) + (1/3)² (c)."""
    graph = nx.Graph([("v", "a"), ("v", "b"), ("v", "c"), ("a", "b")])
    graph.add_node("alone")
    constraint, size = burt(graph)
    assert size["v"] == pytest.approx(3 - 2 / 3)
    assert constraint["v"] == pytest.approx(2 * 0.25 + 1 / 9)
    assert constraint["alone"] is None and size["alone"] is None


@st.composite
def grouped_digraphs(draw):
    n = draw(st.integers(min_value=1, max_value=7))
    pairs = [(a, b) for a in range(n) for b in range(n)]  # self-loops included: they never broker
    arcs = draw(st.lists(st.sampled_from(pairs), max_size=30))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(arcs)
    groups = {v: draw(st.integers(min_value=0, max_value=2)) for v in range(n)}
    return graph, groups


def open_two_paths(graph, b):
    """Brute force over every ordered pair of other nodes."""
    return sum(
        1
        for a, c in itertools.permutations(graph.nodes, 2)
        if b not in (a, c) and graph.has_edge(a, b) and graph.has_edge(b, c) and not graph.has_edge(a, c)
    )


@settings(max_examples=200, deadline=None)
@given(grouped_digraphs())
def test_roles_sum_to_the_open_two_paths_through_each_node(case):
    graph, groups = case
    roles = gould_fernandez(graph, groups)
    for b in graph:
        expected = open_two_paths(graph, b)
        assert sum(roles[b][r] for r in ROLES) == roles[b]["total"] == expected


@settings(max_examples=50, deadline=None)
@given(grouped_digraphs())
def test_one_group_makes_coordinators_and_distinct_groups_liaisons(case):
    graph, _ = case
    same = gould_fernandez(graph, dict.fromkeys(graph, "g"))
    apart = gould_fernandez(graph, {v: v for v in graph})
    for b in graph:
        assert same[b]["coordinator"] == same[b]["total"]
        assert apart[b]["liaison"] == apart[b]["total"]
