"""Offline quality of link prediction: hide some edges, score, and see whether they rank high.

The random-split protocol of the link-prediction literature (Lü and Zhou, Physica A 390,
2011; used for the heuristic baselines of Zhang and Chen, NeurIPS 2018): a fraction of the
edges, drawn at random with no care for connectivity, is hidden as the *probe* set; every
index scores pairs on the remaining *training* graph only; then

- **AUC** is the probability that a probe edge scores higher than a pair that is not an
  edge of the network, ties counting one half. It is exact by default (every probe edge
  against every non-edge, by ranking), or estimated from random comparisons;
- **precision** is the share of probe edges among the ``L`` best-scored pairs not in the
  training graph, with ``L`` the number of probe edges.

Both are averaged over several seeded splits, with their sample standard deviation.

Ranking metrics for other protocols are small functions of ``(scores, truth)``:
:func:`auc`, :func:`precision_at_k`, :func:`recall_at_k`, :func:`reciprocal_rank` and
:func:`mrr`. Items with equal scores are taken in random order, and each metric is its
expected value over those orders.

:func:`temporal_evaluation` is the split in time: partner suggestions are made from the
network as it stood before a cut-off date, and judged by the partners each village went
on to gain, against simple baselines.

>>> import networkx as nx
>>> figures = random_split_evaluation(nx.karate_club_graph(), seed=0)  # 78 edges, 7 hidden each time
>>> ra = figures["resource_allocation"]
>>> round(ra.auc, 2), ra.probe_edges, ra.auc_method
(0.7, 7, 'exact')
"""

from __future__ import annotations

import math
import os
import random
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath

from datetime import date, timedelta
from typing import TYPE_CHECKING

import networkx as nx

from jejaring.analysis.linkpred import INDICES, candidate_scores, pair_scores
from jejaring.errors import JejaringError

if TYPE_CHECKING:
    from jejaring.analysis.suggestion_types import Weights
    from jejaring.network import Network

__all__ = [
    "SHIPPED_NETWORKS",
    "Figures",
    "read_edge_list",
    "shipped_network",
    "random_split_evaluation",
    "auc",
    "precision_at_k",
    "recall_at_k",
    "reciprocal_rank",
    "mrr",
    "TEMPORAL_METHODS",
    "TemporalFigures",
    "temporal_evaluation",
]

#: Published networks shipped in ``jejaring/data/linkpred`` (see its README.md), by short name.
SHIPPED_NETWORKS: dict[str, str] = {"usair": "USAir/USAir.txt", "celegans": "Celegans/Celegans.txt"}


@dataclass(frozen=True)
class Figures:
    """How well one index recovers the probe edges, averaged over ``splits`` random splits.

    ``auc_method`` is ``"exact"`` (all probe edges against all ``non_edges``) or
    ``"sampled"`` (``auc_samples`` random comparisons per split). ``precision`` is taken
    over the top ``probe_edges`` pairs. The ``_std`` fields are sample standard deviations
    across the splits (0 for a single split).
    """

    auc: float
    auc_std: float
    precision: float
    precision_std: float
    auc_method: str
    auc_samples: int | None
    splits: int
    probe_edges: int
    non_edges: int


def read_edge_list(path: str | os.PathLike[str] | Traversable) -> nx.Graph:
    """Read a whitespace-separated edge list as a simple undirected graph.

    The first two columns of a line are node ids (kept as text); further columns are
    ignored, as are blank lines and lines starting with ``#`` or ``%``. A self-loop adds
    its node but no edge; repeated and reversed pairs are one edge. The graph is named
    after the file.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = Path(folder, "tiny.txt")
    ...     _ = file.write_text("% a comment\\n1 2 0.5\\n2 1\\n2 3\\n3 3\\n")
    ...     g = read_edge_list(file)
    >>> g.name, sorted(g.edges())
    ('tiny', [('1', '2'), ('2', '3')])
    """
    source = path if isinstance(path, Traversable) else Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise JejaringError("evaluate.no_file", file=str(path)) from None
    except UnicodeDecodeError:
        raise JejaringError("evaluate.not_text", file=str(path)) from None
    graph = nx.Graph(name=PurePath(str(path)).stem)
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith(("#", "%")):
            continue
        if len(fields) < 2:
            raise JejaringError("evaluate.bad_line", file=str(path), line=number, text=line.strip())
        u, v = fields[0], fields[1]
        if u == v:
            graph.add_node(u)
        else:
            graph.add_edge(u, v)
    return graph


def shipped_network(name: str) -> nx.Graph:
    """Read a shipped published network by its short name (``usair`` or ``celegans``).

    >>> print(shipped_network("USAir"))
    Graph named 'USAir' with 332 nodes and 2126 edges
    """
    key = name.strip().lower()
    if key not in SHIPPED_NETWORKS:
        raise JejaringError("evaluate.unknown_network", name=name, choices=", ".join(SHIPPED_NETWORKS))
    folder, file = SHIPPED_NETWORKS[key].split("/")
    return read_edge_list(resources.files("jejaring.data.linkpred") / folder / file)


def random_split_evaluation(
    graph: nx.Graph,
    *,
    indices: Sequence[str] = INDICES,
    probe_fraction: float = 0.1,
    splits: int = 10,
    seed: int = 0,
    auc_samples: int | None = None,
) -> dict[str, Figures]:
    """Evaluate each of ``indices`` on ``splits`` random probe/training splits of ``graph``.

    Each split hides ``floor(probe_fraction × edges)`` edges drawn at random; the scores
    come from the rest alone. AUC is exact unless ``auc_samples`` asks for that many random
    (probe edge, non-edge) comparisons per split. The same ``seed`` gives the same figures,
    and the same probe sets whichever AUC is chosen. Every pair of nodes is looked at, so
    the cost grows with the square of the number of nodes.

    The graph is read as simple and undirected (self-loops and parallel edges dropped).

    >>> g = nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)])  # a triangle with a tail
    >>> figures = random_split_evaluation(g, probe_fraction=0.25, splits=4, seed=7)
    >>> figures["common_neighbours"].probe_edges, figures["common_neighbours"].non_edges
    (1, 2)
    """
    if not 0 < probe_fraction < 1:
        raise ValueError("probe_fraction must lie strictly between 0 and 1")
    if splits < 1 or (auc_samples is not None and auc_samples < 1):
        raise ValueError("splits and auc_samples must be at least 1")
    simple = nx.Graph(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    edges = list(simple.edges())
    probe_count = math.floor(probe_fraction * len(edges))
    if probe_count < 1:
        raise JejaringError("evaluate.too_few_edges", edges=len(edges), percent=f"{probe_fraction * 100:g}%")
    nodes = list(simple)
    adj = simple.adj
    non_edges = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1 :] if v not in adj[u]]
    if not non_edges:
        raise JejaringError("evaluate.no_non_edges")
    aucs: dict[str, list[float]] = {name: [] for name in indices}
    precisions: dict[str, list[float]] = {name: [] for name in indices}
    rng = random.Random(seed)
    for _ in range(splits):
        probe = rng.sample(edges, probe_count)
        draws = random.Random(rng.getrandbits(64))
        training = simple.copy()
        training.remove_edges_from(probe)
        hidden = pair_scores(training, probe, indices=indices)
        absent = pair_scores(training, non_edges, indices=indices)
        if auc_samples is not None:
            picks = [(draws.randrange(probe_count), draws.randrange(len(non_edges))) for _ in range(auc_samples)]
        for name in indices:
            pos, neg = hidden[name], absent[name]
            ordered = sorted(neg)
            if auc_samples is None:
                aucs[name].append(_mann_whitney(pos, ordered))
            else:
                wins = sum(2 if pos[i] > neg[j] else pos[i] == neg[j] for i, j in picks)
                aucs[name].append(wins / (2 * auc_samples))
            precisions[name].append(_hits_at_k(pos, ordered, probe_count) / probe_count)
    return {
        name: Figures(
            auc=statistics.fmean(aucs[name]),
            auc_std=statistics.stdev(aucs[name]) if splits > 1 else 0.0,
            precision=statistics.fmean(precisions[name]),
            precision_std=statistics.stdev(precisions[name]) if splits > 1 else 0.0,
            auc_method="exact" if auc_samples is None else "sampled",
            auc_samples=auc_samples,
            splits=splits,
            probe_edges=probe_count,
            non_edges=len(non_edges),
        )
        for name in indices
    }


def _split(scores: Sequence[float], truth: Sequence[bool]) -> tuple[list[float], list[float]]:
    """The scores of the true items, and the sorted scores of the false ones."""
    positives = [s for s, t in zip(scores, truth, strict=True) if t]
    return positives, sorted(s for s, t in zip(scores, truth, strict=True) if not t)


def _mann_whitney(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """AUC of ``positives`` against the sorted ``negatives``, ties counting one half."""
    if not positives or not negatives:
        raise ValueError("AUC needs at least one true and one false item")
    twice_wins = 0
    for s in positives:
        below = bisect_left(negatives, s)
        twice_wins += 2 * below + bisect_right(negatives, s, below) - below
    return twice_wins / (2 * len(positives) * len(negatives))


def _hits_at_k(positives: Sequence[float], negatives: Sequence[float], k: int) -> float:
    """Expected number of ``positives`` among the ``k`` best scores, the ``negatives`` sorted
    and tied scores taken in random order."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if k >= len(positives) + len(negatives):
        return float(len(positives))
    # The k best scores are among the positives and the k best negatives.
    threshold = sorted([*positives, *negatives[-k:]], reverse=True)[k - 1]
    low, high = bisect_left(negatives, threshold), bisect_right(negatives, threshold)
    hits_above = sum(1 for s in positives if s > threshold)
    hits_tied = sum(1 for s in positives if s == threshold)
    above = hits_above + len(negatives) - high
    return hits_above + (k - above) * hits_tied / (hits_tied + high - low)


def auc(scores: Sequence[float], truth: Sequence[bool]) -> float:
    """Probability that a true item scores above a false one, ties counting one half.

    This is the Mann–Whitney statistic, computed by ranking, so it costs a sort.

    >>> auc([0.9, 0.4, 0.4, 0.1], [True, True, False, False])
    0.875
    """
    return _mann_whitney(*_split(scores, truth))


def precision_at_k(scores: Sequence[float], truth: Sequence[bool], k: int) -> float:
    """Share of true items among the ``k`` best-scored (a list shorter than ``k`` is padded with misses).

    >>> precision_at_k([0.9, 0.5, 0.5, 0.1], [True, True, False, False], 2)
    0.75
    """
    return _hits_at_k(*_split(scores, truth), k) / k


def recall_at_k(scores: Sequence[float], truth: Sequence[bool], k: int) -> float:
    """Share of all true items that are among the ``k`` best-scored.

    >>> recall_at_k([0.9, 0.5, 0.5, 0.1], [True, True, False, True], 2)
    0.5
    """
    positives, negatives = _split(scores, truth)
    if not positives:
        raise ValueError("recall needs at least one true item")
    return _hits_at_k(positives, negatives, k) / len(positives)
def reciprocal_rank(scores: Sequence[float], truth: Sequence[bool]) -> float:
    """One over the rank of the best-scored true item (0 if no item is true).

    >>> reciprocal_rank([3, 2, 2, 1], [False, True, False, False])  # rank 2 or 3: (1/2 + 1/3) / 2
    0.41666666666666663
    """
    best = max((s for s, t in zip(scores, truth, strict=True) if t), default=None)
    if best is None:
        return 0.0
    above = sum(1 for s in scores if s > best)
    tied = sum(1 for s in scores if s == best)
    hits = sum(1 for s, t in zip(scores, truth, strict=True) if t and s == best)
    # The first true item of the tied group sits at its j-th place with probability
    # C(tied - j, hits - 1) / C(tied, hits); p follows that from j = 1 on.
    p, expected = hits / tied, 0.0
    for j in range(1, tied - hits + 2):
        expected += p / (above + j)
        if j < tied:
            p *= (tied - j - hits + 1) / (tied - j)
    return expected


def mrr(queries: Iterable[tuple[Sequence[float], Sequence[bool]]]) -> float:
    """Mean :func:`reciprocal_rank` over several ranked lists, each ``(scores, truth)``.

    >>> mrr([([0.9, 0.1], [True, False]), ([0.9, 0.1], [False, True])])
    0.75
    """
    ranks = [reciprocal_rank(scores, truth) for scores, truth in queries]
    if not ranks:
        raise ValueError("MRR needs at least one ranked list")
    return statistics.fmean(ranks)


# The split in time ---------------------------------------------------------------------------

TEMPORAL_METHODS: tuple[str, ...] = ("suggest", "adamic_adar", "preferential_attachment", "random")
"""The methods :func:`temporal_evaluation` compares: the full suggestion score, then the baselines."""


@dataclass(frozen=True)
class TemporalFigures:
    """How well one method ranked, for each village, the partners it gained after the cut-off.

    ``precision`` and ``recall`` are at ``k``; each figure is the mean over the ``actors``
    evaluated (``auc`` over those with at least one candidate that did not become a partner;
    ``None`` if there is none). ``new_partners`` is the number of (village, new partner)
    pairs ranked; ``candidates`` the number of candidates ranked, summed over the villages.
    """

    precision: float
    recall: float
    mrr: float
    auc: float | None
    k: int
    actors: int
    new_partners: int
    candidates: int


def temporal_evaluation(
    net: Network,
    cutoff: date,
    *,
    area: str | None = None,
    k: int = 10,
    within: str = "kabupaten",
    weights: Weights | None = None,
) -> dict[str, TemporalFigures]:
    """Judge partner suggestions made before ``cutoff`` by the partners gained from it on.

    The network before is the view on the day before ``cutoff``
    (:meth:`~jejaring.network.Network.at`): what a planner would have seen. A village of
    ``area`` (default: the view's area) *gained* a partner when a partner tie
    (:data:`~jejaring.analysis.recommend.LINK_TIES`) between its side and another started
    on or after ``cutoff`` and the two were not partners the day before. Each village that
    gained a partner among its candidates (:func:`~jejaring.analysis.recommend.eligible`,
    ``within`` the same area) has them all ranked by each of :data:`TEMPORAL_METHODS`:

    - ``suggest``: the full score of :func:`~jejaring.analysis.recommend.suggest` (0 for a
      candidate it does not name);
    - ``adamic_adar`` and ``preferential_attachment``: those indices alone in the partner
      graph before the cut-off;
    - ``random``: every candidate tied, so each figure is its expected value over random orders.

    >>> from jejaring.model import Ngo, Tie, Village
    >>> from jejaring.network import Network
    >>> v = [Village(code=f"18.02.02.200{i}", name=f"Desa {i}") for i in (1, 2, 3)]
    >>> lsm = Ngo(id="lsm", name="LSM Tani", area="18.02")
    >>> ties = [Tie(kind="support", source="lsm", target=v[0].id, since="2023-01-01"),
    ...         Tie(kind="support", source="lsm", target=v[1].id, since="2023-01-01"),
    ...         Tie(kind="partnership", source=v[0].id, target=v[1].id, since="2024-03-01")]
    >>> figures = temporal_evaluation(Network([*v, lsm], ties, area="18.02.02"), date(2024, 1, 1), k=1)
    >>> figures["suggest"].precision, figures["random"].precision, figures["random"].actors
    (1.0, 0.5, 2)
    """
    from jejaring.analysis.partner_index import partner_index
    from jejaring.analysis.recommend import LINK_TIES, eligible, side, suggest
    from jejaring.store.base import in_area
    from jejaring.vocab import ActorKind

    if k < 1:
        raise ValueError("k must be at least 1")
    whole = net.undated()
    before = whole.at(cutoff - timedelta(days=1))
    gained: dict[str, set[str]] = {}
    for tie in whole.ties:
        if tie.kind in LINK_TIES and tie.since is not None and tie.since >= cutoff:
            a, b = side(whole, tie.source), side(whole, tie.target)
            if a != b:
                gained.setdefault(a, set()).add(b)
                gained.setdefault(b, set()).add(a)
    graph = partner_index(before).graph  # the partner graph suggestions read
    scope = area if area is not None else net.area
    lists: dict[str, list[tuple[list[float], list[bool]]]] = {name: [] for name in TEMPORAL_METHODS}
    for village in before.of_kind(ActorKind.VILLAGE):
        if village.id not in gained or not in_area(village.id, scope):
            continue
        field = [c.id for c in eligible(before, village.id, within=within)]
        truth = [c in gained[village.id] for c in field]
        if not any(truth):
            continue
        suggested = suggest(before, village.id, top=None, within=within, weights=weights)
        full = {s.candidate.id: s.score for s in suggested}
        inside = village.id in graph
        near = candidate_scores(graph, village.id, indices=["adamic_adar"])["adamic_adar"] if inside else {}
        own = graph.degree(village.id) if inside else 0
        scores = {
            "suggest": [full.get(c, 0.0) for c in field],
            "adamic_adar": [near.get(c, 0.0) for c in field],
            "preferential_attachment": [own * (graph.degree(c) if c in graph else 0) for c in field],
            "random": [0.0] * len(field),
        }
        for name in TEMPORAL_METHODS:
            lists[name].append((scores[name], truth))
    if not lists["random"]:
        raise JejaringError("evaluate.no_new_partners", cutoff=cutoff.isoformat())
    return {name: _temporal_figures(ranked, k) for name, ranked in lists.items()}


def _temporal_figures(ranked: list[tuple[list[float], list[bool]]], k: int) -> TemporalFigures:
    aucs = [auc(scores, truth) for scores, truth in ranked if not all(truth)]
    return TemporalFigures(
        precision=statistics.fmean(precision_at_k(scores, truth, k) for scores, truth in ranked),
        recall=statistics.fmean(recall_at_k(scores, truth, k) for scores, truth in ranked),
        mrr=mrr(ranked),
        auc=statistics.fmean(aucs) if aucs else None,
        k=k,
        actors=len(ranked),
        new_partners=sum(sum(truth) for _, truth in ranked),
        candidates=sum(len(truth) for _, truth in ranked),
    )
