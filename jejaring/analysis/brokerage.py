"""Brokerage: who stands between whom (Gould–Fernandez roles), and Burt's structural holes.

For every two-path ``a → b → c`` whose ends are not tied directly (no arc ``a → c``, and
``a`` is not ``c``), the middle actor ``b`` brokers. Gould and Fernandez (1989, *Structures
of mediation*, Sociological Methodology 19) name five roles by the groups of the three:

- *coordinator*: all three in one group (``A → A → A``);
- *gatekeeper*: ``b`` and ``c`` share a group, ``a`` is outside it (``B → A → A``);
- *representative*: ``a`` and ``b`` share a group, ``c`` is outside it (``A → A → B``);
- *consultant*: ``a`` and ``c`` share a group, ``b`` is in another (``A → B → A``);
- *liaison*: all three in different groups (``A → B → C``).

Ties keep their direction (:attr:`~jejaring.vocab.TieKind.directed`): a kades leads a
village, a dinas supports it, a firm funds it. Undirected ties (partnership, coordination,
peer learning) and resource sharing that flows both ways count as arcs both ways, so an
undirected path ``a – b – c`` is two two-paths, one each way.

>>> import networkx as nx
>>> g = nx.DiGraph([("a", "b"), ("b", "c")])
>>> gould_fernandez(g, {"a": 1, "b": 2, "c": 2})["b"]["gatekeeper"]
1
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Literal

import networkx as nx

from jejaring.vocab import ActorKind, Direction, TieKind

if TYPE_CHECKING:
    from jejaring.model import Actor
    from jejaring.network import Network

__all__ = [
    "ROLES",
    "OUTSIDE",
    "GroupBy",
    "role",
    "gould_fernandez",
    "directed_graph",
    "home_village",
    "actor_groups",
    "brokerage",
    "burt",
]

ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
"""The five brokerage roles, in the order Gould and Fernandez list them."""

OUTSIDE = "outside"
"""The group of organisations (NGOs, firms, universities, government) when grouping by village."""

GroupBy = Literal["village", "kind"]


def role(a: Hashable, b: Hashable, c: Hashable) -> str:
    """The role of the broker ``b`` on the two-path ``a → b → c``, given the three groups.

    >>> role("x", "x", "x"), role("y", "x", "x"), role("x", "x", "y"), role("x", "y", "x"), role("x", "y", "z")
    ('coordinator', 'gatekeeper', 'representative', 'consultant', 'liaison')
    """
    if a == b == c:
        return "coordinator"
    if a == c:
        return "consultant"
    if b == c:
        return "gatekeeper"
    if a == b:
        return "representative"
    return "liaison"


def gould_fernandez(graph: nx.DiGraph, groups: Mapping[Hashable, Hashable]) -> dict[Hashable, dict[str, int]]:
    """Count, for every node, the open two-paths it brokers in each role, and their ``total``.

    ``groups`` maps every node to its group. An undirected graph is read as arcs both ways.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d"), ("a", "d")])
    >>> roles = gould_fernandez(g, {"a": 1, "b": 1, "c": 1, "d": 2})
    >>> roles["b"]  # a → b → c only: a → d is tied directly
    {'coordinator': 1, 'gatekeeper': 0, 'representative': 0, 'consultant': 0, 'liaison': 0, 'total': 1}
    """
    arcs = graph if graph.is_directed() else graph.to_directed()
    counts: dict[Hashable, dict[str, int]] = {}
    for b in arcs:
        tally = dict.fromkeys(ROLES, 0)
        group_b, onward = groups[b], arcs.succ[b]
        for a in arcs.pred[b]:
            if a == b:
                continue
            group_a, direct = groups[a], arcs.succ[a]
            for c in onward:
                if c != a and c != b and c not in direct:
                    tally[role(group_a, group_b, groups[c])] += 1
        counts[b] = {**tally, "total": sum(tally.values())}
    return counts


def directed_graph(net: Network) -> nx.DiGraph:
    """The ties of ``net`` as arcs: directed kinds from source to target, the others both ways.

    Resource sharing runs both ways when its ``direction`` is ``both``.

    >>> from jejaring.model import Village, Tie
    >>> from jejaring.network import Network
    >>> a, b = Village(code="18.02.02.2001", name="A"), Village(code="18.02.02.2002", name="B")
    >>> one_way = Tie(kind="resource_sharing", source=a.id, target=b.id, direction="forward")
    >>> sorted(directed_graph(Network([a, b], [one_way])).edges())
    [('18.02.02.2001', '18.02.02.2002')]
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(net.actors)
    for tie in net.ties:
        graph.add_edge(tie.source, tie.target)
        both = tie.kind is TieKind.RESOURCE_SHARING and tie.direction is Direction.BOTH
        if not tie.kind.directed or both:
            graph.add_edge(tie.target, tie.source)
    return graph


def home_village(actor: Actor) -> str | None:
    """The code of the village an actor belongs to: a village itself, a kades's or an institution's.

    Organisations (NGOs, firms, universities, government offices) have none.

    >>> from jejaring.model import Institution, Ngo
    >>> home_village(Institution(id="bpd", name="BPD", village="18.02.02.2005", type="bpd"))
    '18.02.02.2005'
    >>> home_village(Ngo(id="ngo", name="Yayasan", area="18.02.02.2005")) is None
    True
    """
    if actor.kind is ActorKind.VILLAGE:
        return actor.code
    if actor.kind in (ActorKind.VILLAGE_HEAD, ActorKind.INSTITUTION):
        return actor.village
    return None


def actor_groups(net: Network, *, by: GroupBy = "village") -> dict[str, str]:
    """The group of every actor: its home village's code (organisations: :data:`OUTSIDE`), or its kind.

    >>> from jejaring.model import Ngo, Village
    >>> from jejaring.network import Network
    >>> net = Network([Village(code="18.02.02.2005", name="Bangun Rejo"), Ngo(id="ngo", name="Yayasan")])
    >>> actor_groups(net), actor_groups(net, by="kind")
    ({'18.02.02.2005': '18.02.02.2005', 'ngo': 'outside'}, {'18.02.02.2005': 'village', 'ngo': 'ngo'})
    """
    if by == "village":
        return {i: home_village(a) or OUTSIDE for i, a in net.actors.items()}
    if by == "kind":
        return {i: a.kind.value for i, a in net.actors.items()}
    raise ValueError(f"groups must be 'village' or 'kind', not {by!r}")


def brokerage(net: Network, *, groups: GroupBy = "village") -> dict[str, dict[str, int]]:
    """Gould–Fernandez roles of every actor of ``net``, with groups by village or by kind.

    >>> from jejaring.model import Village, VillageHead, Tie
    >>> from jejaring.network import Network
    >>> a, b = Village(code="18.02.02.2001", name="A"), Village(code="18.02.02.2002", name="B")
    >>> kades = VillageHead(id="kades-a", name="Pak A", village=a.id)
    >>> ties = [Tie(kind="leadership", source=kades.id, target=a.id),
    ...         Tie(kind="partnership", source=a.id, target=b.id)]
    >>> brokerage(Network([a, b, kades], ties))[a.id]["representative"]  # kades A → A → B
    1
    """
    return gould_fernandez(directed_graph(net), actor_groups(net, by=groups))


def burt(graph: nx.Graph) -> tuple[dict[Hashable, float | None], dict[Hashable, float | None]]:
    """Burt's constraint and effective size of every node of an unweighted simple graph.

    These are ``networkx.constraint`` and ``networkx.effective_size`` for unweighted graphs,
    computed from neighbour sets: without scipy networkx's own take minutes on a kabupaten.
    With ``p = 1/degree``, constraint is ``Σ_j (p_vj + Σ_q p_vq p_qj)²`` over neighbours ``j``
    and their common neighbours ``q``; effective size is ``n - 2t/n`` for ``n`` neighbours
    with ``t`` ties among them. Isolated nodes have neither (``None``).

    >>> constraint, size = burt(nx.star_graph(3))
    >>> constraint[0], size[0], round(constraint[1], 3), size[1]
    (0.3333333333333333, 3.0, 1.0, 1.0)
    """
    near = {v: set(graph[v]) - {v} for v in graph}
    constraint: dict[Hashable, float | None] = {}
    size: dict[Hashable, float | None] = {}
    for v, alters in near.items():
        n = len(alters)
        if not n:
            constraint[v] = size[v] = None
            continue
        shared_ties, total = 0, 0.0
        for j in alters:
            shared = alters & near[j]
            shared_ties += len(shared)
            total += (1 / n + sum(1 / len(near[q]) for q in shared) / n) ** 2
        constraint[v] = total
        size[v] = n - shared_ties / n
    return constraint, size
