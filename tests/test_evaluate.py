"""Offline evaluation: reading edge lists, the random-split protocol, and the ranking metrics."""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import statistics
from datetime import date
from importlib import resources

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analysis.evaluate import (
    SHIPPED_NETWORKS,
    TEMPORAL_METHODS,
    auc,
    mrr,
    precision_at_k,
    random_split_evaluation,
    read_edge_list,
    recall_at_k,
    reciprocal_rank,
    shipped_network,
    temporal_evaluation,
)
from jejaring.analysis.linkpred import INDICES
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Ngo, Tie, Village
from jejaring.network import Network

# --- reading edge lists -------------------------------------------------------------------


def test_read_edge_list(tmp_path):
    file = tmp_path / "villages.txt"
    file.write_text(
        "# source: a survey\n"
        "% another comment style\n"
        "A B 0.5 extra\n"
        "B A\n"  # reversed: the same edge
        "\n"
        "A\tC\n"
        "A B\n"  # repeated
        "D D\n",  # self-loop: D is a node without edges
        encoding="utf-8",
    )
    g = read_edge_list(file)
    assert type(g) is nx.Graph
    assert g.name == "villages"
    assert sorted(g.nodes) == ["A", "B", "C", "D"]
    assert sorted(map(sorted, g.edges)) == [["A", "B"], ["A", "C"]]


def test_a_malformed_line_is_named(tmp_path):
    file = tmp_path / "broken.txt"
    file.write_text("1 2\n2 3\nlonely\n", encoding="utf-8")
    with pytest.raises(JejaringError) as caught:
        read_edge_list(file)
    assert caught.value.key == "evaluate.bad_line"
    assert caught.value.params == {"file": str(file), "line": 3, "text": "lonely"}
    with use_lang("en"):
        expected = f'{file}, line 3: expected two node ids separated by spaces or tabs, found "lonely".'
        assert str(caught.value) == expected
    with use_lang("id"):
        assert str(caught.value).startswith(f"{file}, baris 3:")


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(JejaringError) as caught:
        read_edge_list(tmp_path / "nowhere.txt")
    assert caught.value.key == "evaluate.no_file"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(JejaringError) as caught:
        read_edge_list(binary)
    assert caught.value.key == "evaluate.not_text"


@pytest.mark.parametrize(
    ("name", "nodes", "edges"), [("usair", 332, 2126), ("celegans", 297, 2148), ("USAir", 332, 2126)]
)
def test_shipped_networks(name, nodes, edges):
    g = shipped_network(name)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert nx.is_connected(g)


@pytest.mark.parametrize("name", sorted(SHIPPED_NETWORKS))
def test_shipped_files_are_the_published_bytes(name):
    folder, file = SHIPPED_NETWORKS[name].split("/")
    here = resources.files("jejaring.data.linkpred") / folder
    recorded = re.search(r"^sha256: ([0-9a-f]{64})$", (here / "SOURCE.txt").read_text("utf-8"), re.MULTILINE)
    assert recorded is not None
    assert hashlib.sha256((here / file).read_bytes()).hexdigest() == recorded.group(1)


def test_unknown_shipped_network():
    with pytest.raises(JejaringError) as caught:
        shipped_network("karate")
    assert caught.value.params == {"name": "karate", "choices": "usair, celegans"}


# --- the random-split protocol ------------------------------------------------------------


def two_k4() -> nx.Graph:
    """Two separate cliques a1..a4 and b1..b4: 12 edges, 16 pairs across that are not edges.

    Every edge looks like every other, so every split gives the same figures. Hiding a1-a2
    leaves it two common neighbours (a3, a4, of degree 3), while a pair across has none:
    CN 2, Jaccard 2/2, AA 2/ln 3, RA 2/3 put the probe edge first (AUC 1, precision 1).
    Preferential attachment gives it 2·2 = 4 against 2·3 or 3·3 across: last (AUC 0, precision 0).
    """
    return nx.union(nx.complete_graph(["a1", "a2", "a3", "a4"]), nx.complete_graph(["b1", "b2", "b3", "b4"]))


def test_two_cliques_by_hand():
    figures = random_split_evaluation(two_k4(), splits=4, seed=3)
    assert set(figures) == set(INDICES)
    for name in ("common_neighbours", "jaccard", "adamic_adar", "resource_allocation"):
        assert (figures[name].auc, figures[name].precision) == (1.0, 1.0)
    assert (figures["preferential_attachment"].auc, figures["preferential_attachment"].precision) == (0.0, 0.0)
    f = figures["common_neighbours"]
    assert (f.probe_edges, f.non_edges, f.splits, f.auc_method, f.auc_samples) == (1, 16, 4, "exact", None)
    assert (f.auc_std, f.precision_std) == (0.0, 0.0)


def test_five_cycle_by_hand():
    """Hide 1-2 of the cycle 1-2-3-4-5-1: the path 2-3-4-5-1 is left.

    The probe pair 1-2 has no common neighbour; of the five non-edges, 1-4 (via 5), 2-4
    (via 3) and 3-5 (via 4) have one, 1-3 and 2-5 none. So the probe edge ties with two
    non-edges and loses to three: AUC = (2 · 1/2) / 5 = 0.2, and the single best-scored
    pair is never the probe edge: precision 0. Preferential attachment gives the probe pair
    1·1 against 2 or 4: AUC 0. Every edge of the cycle is alike, so every split agrees.
    """
    figures = random_split_evaluation(nx.cycle_graph([1, 2, 3, 4, 5]), probe_fraction=0.2, splits=3, seed=0)
    assert {name: f.auc for name, f in figures.items()} == pytest.approx(
        {
            "common_neighbours": 0.2,
            "jaccard": 0.2,
            "preferential_attachment": 0.0,
            "adamic_adar": 0.2,
            "resource_allocation": 0.2,
        }
    )
    assert all(f.precision == 0.0 for f in figures.values())


def test_the_graph_is_read_as_simple():
    messy = nx.MultiGraph(two_k4())
    messy.add_edges_from([("a1", "a2"), ("b3", "b3")])
    assert random_split_evaluation(messy, seed=5) == random_split_evaluation(two_k4(), seed=5)


def test_seeded_splits_repeat_and_differ():
    g = nx.karate_club_graph()
    first = random_split_evaluation(g, seed=11, splits=4)
    assert random_split_evaluation(g, seed=11, splits=4) == first
    assert random_split_evaluation(g, seed=12, splits=4) != first


def test_sampled_auc_estimates_the_exact_one():
    g = nx.karate_club_graph()
    exact = random_split_evaluation(g, seed=2, splits=3, indices=["resource_allocation", "jaccard"])
    sampled = random_split_evaluation(
        g, seed=2, splits=3, indices=["resource_allocation", "jaccard"], auc_samples=20_000
    )
    for name, f in sampled.items():
        assert (f.auc_method, f.auc_samples) == ("sampled", 20_000)
        assert f.auc == pytest.approx(exact[name].auc, abs=0.01)
        assert f.precision == exact[name].precision  # the same probe sets whichever AUC


def test_probe_size_and_non_edges_of_usair():
    g = shipped_network("usair")
    f = random_split_evaluation(g, splits=1, indices=["preferential_attachment"])["preferential_attachment"]
    assert f.probe_edges == 212  # floor(10% of 2126)
    assert f.non_edges == 332 * 331 // 2 - 2126


def test_refusals():
    with pytest.raises(JejaringError) as caught:
        random_split_evaluation(nx.path_graph(5))  # 4 edges: 10% of them is none
    assert caught.value.key == "evaluate.too_few_edges"
    assert caught.value.params == {"edges": 4, "percent": "10%"}
    with pytest.raises(JejaringError) as caught:
        random_split_evaluation(nx.complete_graph(6), probe_fraction=0.2)
    assert caught.value.key == "evaluate.no_non_edges"
    with pytest.raises(ValueError):
        random_split_evaluation(two_k4(), probe_fraction=1.0)
    with pytest.raises(ValueError):
        random_split_evaluation(two_k4(), splits=0)
    with pytest.raises(ValueError):
        random_split_evaluation(two_k4(), indices=["katz"])


# --- ranking metrics ------------------------------------------------------------------------


def test_auc_by_hand():
    # 0.9 beats both false items, 0.4 ties one and beats the other: (2 + 1.5) / 4.
    assert auc([0.9, 0.4, 0.4, 0.1], [True, True, False, False]) == 0.875
    assert auc([1, 1, 1], [True, False, False]) == 0.5
    assert auc([3, 2, 1], [True, False, False]) == 1.0
    assert auc([1, 2, 3], [True, False, False]) == 0.0
    with pytest.raises(ValueError):
        auc([1, 2], [True, True])


def test_precision_and_recall_by_hand():
    scores, truth = [0.9, 0.5, 0.5, 0.1], [True, True, False, True]
    # top 1: the 0.9, a hit. top 2: the 0.9 and one of the two 0.5s, a hit half the time.
    assert precision_at_k(scores, truth, 1) == 1.0
    assert precision_at_k(scores, truth, 2) == 0.75
    assert recall_at_k(scores, truth, 2) == 0.5  # 1.5 of the 3 true items
    assert precision_at_k(scores, truth, 3) == pytest.approx(2 / 3)
    assert precision_at_k([5, 1], [True, False], 4) == 0.25  # only one hit among four places
    assert recall_at_k([5, 1], [True, False], 4) == 1.0
    with pytest.raises(ValueError):
        precision_at_k(scores, truth, 0)
    with pytest.raises(ValueError):
        recall_at_k(scores, [False] * 4, 2)


def test_reciprocal_rank_by_hand():
    assert reciprocal_rank([3, 2, 2, 1], [False, True, False, False]) == pytest.approx(5 / 12)  # rank 2 or 3
    assert reciprocal_rank([3, 2, 1], [True, False, True]) == 1.0
    assert reciprocal_rank([3, 2, 1], [False, False, False]) == 0.0
    # Two true among three tied for first place: rank 1 with chance 2/3, else rank 2.
    assert reciprocal_rank([7, 7, 7], [True, True, False]) == pytest.approx(2 / 3 + 1 / 3 / 2)
    assert mrr([([0.9, 0.1], [True, False]), ([0.9, 0.1], [False, True])]) == 0.75
    with pytest.raises(ValueError):
        mrr([])


ranked = st.integers(min_value=2, max_value=7).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(min_value=0, max_value=3), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


def _every_order(scores, truth):
    """Every way of ranking the items, ties broken each possible way: the truth in rank order."""
    items = list(zip(scores, truth, strict=True))
    for order in itertools.permutations(items):
        if all(a[0] >= b[0] for a, b in itertools.pairwise(order)):
            yield [t for _, t in order]


@settings(max_examples=150, deadline=None)
@given(ranked, st.integers(min_value=1, max_value=8))
def test_metrics_are_averages_over_tie_breaks(case, k):
    """Checked against brute force: list every tie-break of the ranking and average."""
    scores, truth = case
    orders = list(_every_order(scores, truth))
    assert precision_at_k(scores, truth, k) == pytest.approx(statistics.fmean(sum(o[:k]) / k for o in orders))
    first = [next((1 / (i + 1) for i, t in enumerate(o) if t), 0.0) for o in orders]
    assert reciprocal_rank(scores, truth) == pytest.approx(statistics.fmean(first))
    if any(truth) and not all(truth):
        pos = [s for s, t in zip(scores, truth, strict=True) if t]
        neg = [s for s, t in zip(scores, truth, strict=True) if not t]
        pairwise = [1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg]
        assert auc(scores, truth) == pytest.approx(statistics.fmean(pairwise))


def test_auc_by_ranking_equals_all_comparisons_on_a_long_list():
    rng = random.Random(4)
    scores = [rng.choice([0, 0, 0, 1, 2, rng.random()]) for _ in range(600)]
    truth = [rng.random() < 0.2 for _ in scores]
    positives = [s for s, t in zip(scores, truth, strict=True) if t]
    negatives = [s for s, t in zip(scores, truth, strict=True) if not t]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    assert auc(scores, truth) == pytest.approx(wins / (len(positives) * len(negatives)))


# --- the split in time ----------------------------------------------------------------------


def over_time() -> Network:
    """Kecamatan 18.02.02, cut-off 1 January 2024:

        before:  LSM L ── A, B;  M (an NGO of the kabupaten) offers water, which A needs
        after:   A ══ B (partnership, March 2024);  M ──support──► A (May 2024);
                 L ──support──► B again (June 2024: already partners, so nothing gained)

    A gained B and M among its candidates B, C, M; B gained A among A, C, M.
    """
    a = Village(code="18.02.02.2001", name="A", needs=["air"])
    b, c = Village(code="18.02.02.2002", name="B"), Village(code="18.02.02.2003", name="C")
    lsm_l = Ngo(id="l", name="LSM L", area="18.02")
    lsm_m = Ngo(id="m", name="LSM M", area="18.02", offers=["air"])
    ties = [
        Tie(kind="support", source="l", target=a.id, since="2023-02-01"),
        Tie(kind="support", source="l", target=b.id, since="2023-02-01"),
        Tie(kind="partnership", source=a.id, target=b.id, since="2024-03-01"),
        Tie(kind="support", source="m", target=a.id, since="2024-05-01"),
        Tie(kind="support", source="l", target=b.id, since="2024-06-01"),
    ]
    return Network([a, b, c, lsm_l, lsm_m], ties, area="18.02.02")


def test_split_in_time_by_hand():
    """For A (B and M gained, C not) and B (A gained, C and M not), k = 1:

    - suggest: A ranks M (1 need met + 0.5 × 0.5) above B (1/2 shared + 0.5 × 1) above C (0);
      B ranks A first (1/2 + 0.5), C and M nothing. Both lists start with a new partner:
      precision 1, recall (1/2 + 1) / 2, MRR 1, AUC 1.
    - Adamic–Adar: A ranks B (1/ln 2) first, then M and C tied at 0: AUC (1 + 1/2) / 2 for A, 1 for B.
    - preferential attachment: degrees before are A 1, B 1, C 0, M 0: the same ranking as Adamic–Adar.
    - random: all tied, so expected values: precision (2/3 + 1/3) / 2; recall (1/3 + 1/3) / 2;
      reciprocal rank 2/3 + 1/3 · 1/2 for A and (1 + 1/2 + 1/3) / 3 for B.
    """
    figures = temporal_evaluation(over_time(), date(2024, 1, 1), k=1)
    assert list(figures) == list(TEMPORAL_METHODS)
    full = figures["suggest"]
    assert (full.precision, full.recall, full.mrr, full.auc) == (1.0, 0.75, 1.0, 1.0)
    assert (full.k, full.actors, full.new_partners, full.candidates) == (1, 2, 3, 6)
    for name in ("adamic_adar", "preferential_attachment"):
        f = figures[name]
        assert (f.precision, f.recall, f.mrr, f.auc) == (1.0, 0.75, 1.0, 0.875)
    rand = figures["random"]
    assert rand.precision == pytest.approx(1 / 2)
    assert rand.recall == pytest.approx(1 / 3)
    assert rand.mrr == pytest.approx((5 / 6 + 11 / 18) / 2)
    assert rand.auc == 0.5


def test_split_in_time_options_and_refusals():
    net = over_time()
    # within the kecamatan, M (an organisation of the kabupaten) still counts: its area contains it
    assert temporal_evaluation(net, date(2024, 1, 1), within="kecamatan")["suggest"].candidates == 6
    # from April, A and B are partners already: A gained M; B only renewed its tie with L
    later = temporal_evaluation(net, date(2024, 4, 1), k=2)
    assert (later["suggest"].actors, later["suggest"].new_partners) == (1, 1)
    with pytest.raises(JejaringError) as caught:
        temporal_evaluation(net, date(2024, 7, 1))
    assert caught.value.key == "evaluate.no_new_partners"
    with pytest.raises(ValueError):
        temporal_evaluation(net, date(2024, 1, 1), k=0)
