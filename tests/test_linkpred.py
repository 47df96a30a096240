"""The five link-prediction indices, by hand on a small graph and against networkx's own."""

from __future__ import annotations

import math
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analysis.linkpred import INDICES, candidate_scores, pair_scores

HAND = """
        a
       / \\
      b - c - e
       \\ /
        d
"""
EDGES = [("a", "b"), ("a", "c"), ("b", "c"), ("b", "d"), ("c", "d"), ("c", "e")]
# Degrees: a 2, b 3, c 4, d 2, e 1. The pairs that are not edges, with their common neighbours:
# a-d share b and c; a-e, b-e and d-e share c only.
PAIRS = [("a", "d"), ("a", "e"), ("b", "e"), ("d", "e")]
BY_HAND = {
    "common_neighbours": [2, 1, 1, 1],
    "jaccard": [Fraction(2, 2), Fraction(1, 2), Fraction(1, 3), Fraction(1, 2)],  # |N(u) ∪ N(v)| = 2, 2, 3, 2
    "preferential_attachment": [2 * 2, 2 * 1, 3 * 1, 2 * 1],
    "adamic_adar": [1 / math.log(3) + 1 / math.log(4), 1 / math.log(4), 1 / math.log(4), 1 / math.log(4)],
    "resource_allocation": [Fraction(1, 3) + Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4)],
}


@pytest.fixture
def hand() -> nx.Graph:
    return nx.Graph(EDGES)


@pytest.mark.parametrize("index", INDICES)
def test_each_index_on_the_hand_drawn_graph(hand, index):
    scores = pair_scores(hand, PAIRS, indices=[index])
    assert list(scores) == [index]
    assert scores[index] == pytest.approx([float(x) for x in BY_HAND[index]], rel=1e-15)


def test_counts_are_whole_numbers(hand):
    scores = pair_scores(hand, PAIRS, indices=["common_neighbours", "preferential_attachment"])
    assert scores == {"common_neighbours": [2, 1, 1, 1], "preferential_attachment": [4, 2, 3, 2]}


def test_candidates_are_the_nodes_two_hops_away(hand):
    # From a: its neighbours are b and c; their other neighbours are d (via b and c) and e (via c).
    scores = candidate_scores(hand, "a")
    assert scores["common_neighbours"] == {"d": 2, "e": 1}
    assert scores["resource_allocation"] == pytest.approx({"d": 7 / 12, "e": 1 / 4})
    assert scores["jaccard"] == pytest.approx({"d": 1.0, "e": 0.5})
    assert scores["preferential_attachment"] == {"d": 4, "e": 2}
    # From e (degree 1): a, b and d, each through c.
    from_e = candidate_scores(hand, "e", indices=["jaccard"])
    assert from_e == {"jaccard": pytest.approx({"a": 1 / 2, "b": 1 / 3, "d": 1 / 2})}
    # c is linked to everyone: no candidate at all.
    assert candidate_scores(hand, "c") == {name: {} for name in INDICES}


def test_isolated_nodes_score_nothing():
    g = nx.Graph([(1, 2)])
    g.add_nodes_from([3, 4])
    assert pair_scores(g, [(3, 4), (1, 3)]) == {
        "common_neighbours": [0, 0],
        "jaccard": [0.0, 0.0],
        "preferential_attachment": [0, 0],
        "adamic_adar": [0.0, 0.0],
        "resource_allocation": [0.0, 0.0],
    }
    assert candidate_scores(g, 3) == {name: {} for name in INDICES}


def test_a_self_loop_is_not_a_neighbour(hand):
    # With a loop on b, b is still not a common neighbour of a and b, and b keeps degree 3.
    looped = hand.copy()
    looped.add_edge("b", "b")
    scores = pair_scores(looped, [("a", "b")], indices=["common_neighbours", "preferential_attachment"])
    assert scores == {"common_neighbours": [1], "preferential_attachment": [2 * 3]}
    assert pair_scores(looped, PAIRS) == pair_scores(hand, PAIRS)
    assert candidate_scores(looped, "a") == candidate_scores(hand, "a")


def test_parallel_edges_count_once(hand):
    multi = nx.MultiGraph([*EDGES, ("a", "b"), ("c", "e")])
    assert pair_scores(multi, PAIRS) == pair_scores(hand, PAIRS)
    assert candidate_scores(multi, "a") == candidate_scores(hand, "a")


def test_equal_sums_tie_exactly():
    """u and v share 1, 2, 3 of degrees 2, 3, 6; x and y share 4, 5, 6 of degrees 6, 3, 2.

    Resource allocation is 1/2 + 1/3 + 1/6 = 1 for both pairs. Added up in the order met,
    (1/2 + 1/3) + 1/6 and (1/6 + 1/3) + 1/2 differ in the last bit of a float, and ties
    matter to AUC; the scores must be exactly 1.
    """
    g = nx.Graph()
    for ends, shared in ((("u", "v"), (1, 2, 3)), (("x", "y"), (6, 5, 4))):
        for w, leaves in zip(shared, (0, 1, 4), strict=True):
            g.add_edges_from((end, w) for end in ends)
            g.add_edges_from((w, f"leaf-{w}-{i}") for i in range(leaves))
    assert [g.degree(w) for w in (1, 2, 3, 4, 5, 6)] == [2, 3, 6, 6, 3, 2]
    scores = pair_scores(g, [("u", "v"), ("x", "y")], indices=["resource_allocation"])
    assert scores == {"resource_allocation": [1.0, 1.0]}
    assert candidate_scores(g, "u", indices=["resource_allocation"])["resource_allocation"]["v"] == 1.0


def test_refusals(hand):
    with pytest.raises(nx.NodeNotFound):
        pair_scores(hand, [("a", "z")])
    with pytest.raises(nx.NodeNotFound):
        candidate_scores(hand, "z")
    with pytest.raises(ValueError, match="katz"):
        pair_scores(hand, PAIRS, indices=["katz"])
    with pytest.raises(nx.NetworkXNotImplemented):
        pair_scores(nx.DiGraph(EDGES), PAIRS)


graphs = st.builds(
    nx.gnp_random_graph,
    n=st.integers(min_value=2, max_value=24),
    p=st.floats(min_value=0.05, max_value=0.9),
    seed=st.integers(min_value=0, max_value=10_000),
)


@settings(max_examples=60, deadline=None)
@given(graphs)
def test_pairs_agree_with_networkx(g):
    pairs = [(u, v) for u in g for v in g if u < v]
    ours = pair_scores(g, pairs)
    assert ours["common_neighbours"] == [len(list(nx.common_neighbors(g, u, v))) for u, v in pairs]
    assert ours["jaccard"] == pytest.approx([p for _, _, p in nx.jaccard_coefficient(g, pairs)])
    assert ours["preferential_attachment"] == [p for _, _, p in nx.preferential_attachment(g, pairs)]
    assert ours["adamic_adar"] == pytest.approx([p for _, _, p in nx.adamic_adar_index(g, pairs)])
    assert ours["resource_allocation"] == pytest.approx([p for _, _, p in nx.resource_allocation_index(g, pairs)])


@settings(max_examples=60, deadline=None)
@given(graphs)
def test_candidates_are_the_pairs_at_distance_two(g):
    for node in g:
        distance = nx.single_source_shortest_path_length(g, node, cutoff=2)
        two_hops = [v for v, d in distance.items() if d == 2]
        candidates = candidate_scores(g, node)
        pairs = pair_scores(g, [(node, v) for v in two_hops])
        for name in INDICES:
            assert set(candidates[name]) == set(two_hops)
            assert [candidates[name][v] for v in two_hops] == pairs[name]  # the very same floats
