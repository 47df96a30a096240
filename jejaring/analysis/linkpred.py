"""Link-prediction similarity indices computed from neighbour sets.

Five classic indices score how likely two nodes ``u`` and ``v`` that are not yet linked are
to become linked, from their neighbour sets ``N(u)`` and ``N(v)``:

- ``common_neighbours``: ``|N(u) ∩ N(v)|``;
- ``jaccard``: ``|N(u) ∩ N(v)| / |N(u) ∪ N(v)|``, 0 when both nodes are isolated;
- ``preferential_attachment``: ``|N(u)| · |N(v)|``;
- ``adamic_adar``: the sum over common neighbours ``w`` of ``1 / ln |N(w)|``;
- ``resource_allocation``: the sum over common neighbours ``w`` of ``1 / |N(w)|``.

The graph is read as simple and undirected: a self-loop is not a neighbour and parallel
edges of a ``MultiGraph`` count once, so the degree is the number of distinct neighbours.

:func:`pair_scores` scores a given list of pairs; :func:`candidate_scores` scores every node
two hops away from one node, the only nodes with a common neighbour, without ever listing
the non-edges of the whole graph.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("b", "d"), ("c", "d"), ("c", "e")])
>>> pair_scores(g, [("a", "d"), ("b", "e")], indices=["common_neighbours", "jaccard"])
{'common_neighbours': [2, 1], 'jaccard': [1.0, 0.3333333333333333]}
>>> candidate_scores(g, "d", indices=["resource_allocation"])
{'resource_allocation': {'a': 0.5833333333333333, 'e': 0.25}}
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence, Set
from typing import Any

import networkx as nx

__all__ = ["INDICES", "pair_scores", "candidate_scores"]

INDICES: tuple[str, ...] = (
    "common_neighbours",
    "jaccard",
    "preferential_attachment",
    "adamic_adar",
    "resource_allocation",
)


def _check(indices: Sequence[str]) -> None:
    unknown = [name for name in indices if name not in INDICES]
    if unknown:
        raise ValueError(f"unknown index {unknown[0]!r}; choose from {', '.join(INDICES)}")


def _neighbours(adj: Mapping[Hashable, Mapping[Hashable, object]], node: Hashable) -> Set[Hashable]:
    """The distinct neighbours of ``node``, itself excluded, in the graph's order."""
    nbrs = adj[node]
    return {n: None for n in nbrs if n != node}.keys() if node in nbrs else nbrs.keys()


class _Lazy(dict[Hashable, Any]):
    """A per-node value computed on first use and kept."""

    def __init__(self, compute: Callable[[Hashable], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, node: Hashable) -> Any:
        value = self[node] = self._compute(node)
        return value


def _measures(adj: Mapping[Hashable, Mapping[Hashable, object]]) -> tuple[_Lazy, _Lazy, _Lazy]:
    """Degree, Adamic–Adar weight ``1/ln k`` and resource-allocation weight ``1/k`` of each node."""
    degree = _Lazy(lambda n: len(_neighbours(adj, n)))
    return degree, _Lazy(lambda n: 1 / math.log(degree[n])), _Lazy(lambda n: 1 / degree[n])


# Weighted sums use math.fsum: it is exactly rounded, so a score does not depend on the order
# in which the common neighbours are visited, and equal scores tie exactly.


@nx.utils.not_implemented_for("directed")
def pair_scores(
    graph: nx.Graph,
    pairs: Iterable[tuple[Hashable, Hashable]],
    *,
    indices: Sequence[str] = INDICES,
) -> dict[str, list[float]]:
    """Score each pair of distinct nodes by each of ``indices``.

    Returns ``{index: [score of each pair, in the order given]}``; the common neighbours
    of a pair are found once for all the indices asked.

    >>> g = nx.path_graph(4)  # 0 - 1 - 2 - 3
    >>> pair_scores(g, [(0, 2), (0, 3)], indices=["preferential_attachment", "adamic_adar"])
    {'preferential_attachment': [2, 1], 'adamic_adar': [1.4426950408889634, 0.0]}
    """
    _check(indices)
    adj = graph.adj
    pairs = list(pairs)
    for node in {node for pair in pairs for node in pair}:
        if node not in graph:
            raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    sets = _Lazy(lambda n: set(_neighbours(adj, n)))
    _, aa_weight, ra_weight = _measures(adj)
    out: dict[str, list[float]] = {name: [] for name in indices}
    cn = out.get("common_neighbours")
    jac = out.get("jaccard")
    pa = out.get("preferential_attachment")
    aa = out.get("adamic_adar")
    ra = out.get("resource_allocation")
    for u, v in pairs:
        nu, nv = sets[u], sets[v]
        common = nu & nv
        k = len(common)
        if cn is not None:
            cn.append(k)
        if jac is not None:
            union = len(nu) + len(nv) - k
            jac.append(k / union if union else 0.0)
        if pa is not None:
            pa.append(len(nu) * len(nv))
        if aa is not None:
            aa.append(math.fsum(map(aa_weight.__getitem__, common)) if k else 0.0)
        if ra is not None:
            ra.append(math.fsum(map(ra_weight.__getitem__, common)) if k else 0.0)
    return out


@nx.utils.not_implemented_for("directed")
def candidate_scores(
    graph: nx.Graph,
    node: Hashable,
    *,
    indices: Sequence[str] = INDICES,
) -> dict[str, dict[Hashable, float]]:
    """Score every node two hops from ``node`` (a neighbour's neighbour, not a neighbour).

    Returns ``{index: {candidate: score}}`` with the same values :func:`pair_scores`
    gives. Nodes farther away score 0 on every index but ``preferential_attachment``,
    which is given here for the two-hop candidates only. The work is the sum of the
    degrees of ``node``'s neighbours: the rest of the graph is never visited.

    >>> g = nx.star_graph(3)  # hub 0 with leaves 1, 2, 3
    >>> candidate_scores(g, 1, indices=["common_neighbours", "resource_allocation"])
    {'common_neighbours': {2: 1, 3: 1}, 'resource_allocation': {2: 0.3333333333333333, 3: 0.3333333333333333}}
    """
    _check(indices)
    adj = graph.adj
    if node not in graph:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    degree, aa_weight, ra_weight = _measures(adj)
    own = _neighbours(adj, node)
    shared: dict[Hashable, list[Hashable]] = {}  # candidate -> its common neighbours with node
    for w in own:
        for v in _neighbours(adj, w):
            if v != node and v not in own:
                shared.setdefault(v, []).append(w)
    du = len(own)
    every: dict[str, Callable[[], dict[Hashable, float]]] = {
        "common_neighbours": lambda: {v: len(ws) for v, ws in shared.items()},
        "jaccard": lambda: {v: len(ws) / (du + degree[v] - len(ws)) for v, ws in shared.items()},
        "preferential_attachment": lambda: {v: du * degree[v] for v in shared},
        "adamic_adar": lambda: {v: math.fsum(map(aa_weight.__getitem__, ws)) for v, ws in shared.items()},
        "resource_allocation": lambda: {v: math.fsum(map(ra_weight.__getitem__, ws)) for v, ws in shared.items()},
    }
    return {name: every[name]() for name in indices}
