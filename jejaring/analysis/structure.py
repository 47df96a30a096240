"""The structure of the network: its size, the cooperation between villages, central actors,
brokers, single points of failure, communities and its core.

:func:`structure` measures a :class:`~jejaring.network.Network` as it is scoped and dated
and returns plain data (:class:`Structure`) naming every actor by id and name.

Conventions, chosen for planners and documented here once:

- **Whole network.** Centralities, brokers, communities and cores are measured on all the
  actors of the view, the partners outside the area included, with the ties collapsed to one
  undirected link per tied pair (several ties between two actors count once).
- **Cooperation between villages.** Two villages cooperate when a partner tie (partnership,
  resource sharing, support or funding: ``TieKind.partners``, the gap report's rule too) joins
  them *or their own actors* (their kades and institutions): a partnership of two BUM Desa
  links their villages. Peer learning between kades is the kades network's. Ties within one
  village do not count, and meetings are not ties (the coordination analysis reads them). The
  graph holds the villages of the area and the villages outside it they cooperate with.
- **Single points of failure** are cut points and bridges of that village graph. What a
  loss "cuts off" is every village no longer connected to the largest remaining part of its
  component (ties broken by the lowest village code).
- **Eigenvector centrality** is the principal eigenvector of the whole graph, as
  ``networkx.eigenvector_centrality`` converges to: computed component by component so it
  never fails on a disconnected graph; components whose leading eigenvalue is below the
  largest score 0.
- **Brokers** play Gould–Fernandez roles (:mod:`jejaring.analysis.brokerage`) on the ties
  as arcs, directed kinds one way and the others both ways; groups are villages (a village
  with its kades and institutions, every organisation in one group ``outside``) or kinds.
- **Burt's constraint and effective size** are :func:`~jejaring.analysis.brokerage.burt`'s:
  networkx's formulas for unweighted graphs, fast without scipy; isolated actors have none.
- **Betweenness** is exact up to :data:`BETWEENNESS_EXACT_UP_TO` actors; above that it is
  estimated from :data:`BETWEENNESS_SAMPLE` source actors drawn with ``seed``
  (:attr:`Structure.betweenness_sample` says so).
- **Communities** are Louvain's with ``seed``, so the same network gives the same ones.

>>> from jejaring.model import Village, Tie
>>> from jejaring.network import Network
>>> a, b, c = (Village(code=f"18.02.02.200{i}", name=n) for i, n in enumerate("ABC", 1))
>>> s = structure(Network([a, b, c], [Tie(kind="partnership", source=a.id, target=b.id)]))
>>> s.cooperation.density, [v.name for v in s.cooperation.isolates]
(0.3333333333333333, ['C'])
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import networkx as nx

from jejaring.analysis.brokerage import ROLES, GroupBy, actor_groups, brokerage, burt, home_village
from jejaring.network import ActorRef
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, TieKind, Vocabulary

if TYPE_CHECKING:
    from jejaring.network import Network

__all__ = [
    "COOPERATION_TIES",
    "BETWEENNESS_EXACT_UP_TO",
    "BETWEENNESS_SAMPLE",
    "Ranked",
    "Link",
    "CutPoint",
    "Bridge",
    "Cooperation",
    "Community",
    "ActorMeasures",
    "Structure",
    "structure",
    "cooperation_graph",
    "cooperation",
    "simple_graph",
    "eigenvector_centrality",
]

COOPERATION_TIES = frozenset(kind for kind in TieKind if kind.partners)
"""The tie kinds that make two villages cooperate: the partner kinds (see ``TieKind.partners``),
the same rule the gap report uses; peer learning between kades is the kades network's."""

BETWEENNESS_EXACT_UP_TO = 1000
"""Betweenness is exact on networks of at most this many actors."""

BETWEENNESS_SAMPLE = 500
"""On larger networks it is estimated from this many source actors."""


@dataclass(frozen=True)
class Ranked:
    """An actor in a ranking, with its kind (code) and its score."""

    id: str
    name: str
    kind: str
    value: float


@dataclass(frozen=True)
class Link:
    """Two villages that cooperate, and how many ties join them (their own actors' included)."""

    a: ActorRef
    b: ActorRef
    ties: int


@dataclass(frozen=True)
class CutPoint:
    """A village whose loss would split the cooperation, and the villages it would cut off."""

    id: str
    name: str
    cut_off: tuple[ActorRef, ...]


@dataclass(frozen=True)
class Bridge:
    """A link between two villages whose loss would split the cooperation, and who it would cut off."""

    a: ActorRef
    b: ActorRef
    ties: int
    cut_off: tuple[ActorRef, ...]


@dataclass(frozen=True)
class Cooperation:
    """The village-to-village cooperation graph.

    ``villages`` are its nodes (the area's villages and their partners outside it, listed
    again in ``outside``); ``components`` are largest first, isolated villages included.
    """

    villages: tuple[ActorRef, ...]
    outside: tuple[ActorRef, ...]
    links: tuple[Link, ...]
    density: float
    components: tuple[tuple[ActorRef, ...], ...]
    isolates: tuple[ActorRef, ...]
    cut_points: tuple[CutPoint, ...]
    bridges: tuple[Bridge, ...]


@dataclass(frozen=True)
class Community:
    """A Louvain community, numbered from 1 by size; members by degree, then name."""

    number: int
    members: tuple[ActorRef, ...]


@dataclass(frozen=True)
class ActorMeasures:
    """Every per-actor measure: centralities, brokerage roles, Burt's measures, core and community.

    ``village`` is the actor's home village (a village's own code; ``None`` for organisations);
    ``group`` its brokerage group.
    """

    id: str
    name: str
    kind: str
    village: str | None
    village_name: str | None
    group: str
    group_name: str
    degree: int
    degree_centrality: float
    betweenness: float
    eigenvector: float
    constraint: float | None
    effective_size: float | None
    coordinator: int
    gatekeeper: int
    representative: int
    consultant: int
    liaison: int
    brokerage: int
    core: int
    community: int


@dataclass(frozen=True)
class Structure:
    """The structure of a network view; see the module notes for the conventions.

    ``groups`` is how brokerage groups were formed (``village`` or ``kind``); ``top`` how
    long the rankings may be; ``betweenness_sample`` the number of sampled sources (``None``: exact).
    """

    area: str | None
    start: date | None
    end: date | None
    groups: str
    top: int
    seed: int
    actors_by_kind: dict[str, int]
    ties_by_kind: dict[str, int]
    tied_pairs: int
    components: int
    cooperation: Cooperation
    top_degree: tuple[Ranked, ...]
    top_betweenness: tuple[Ranked, ...]
    top_eigenvector: tuple[Ranked, ...]
    brokers: tuple[ActorMeasures, ...]
    communities: tuple[Community, ...]
    modularity: float | None
    main_core: int
    main_core_members: tuple[ActorRef, ...]
    betweenness_sample: int | None
    actors: tuple[ActorMeasures, ...]

    def to_dict(self) -> dict[str, Any]:
        """The whole result as nested dicts and lists, ready for JSON."""
        return asdict(self)


def simple_graph(net: Network) -> nx.Graph:
    """The network as a simple undirected graph: every actor, one link per tied pair."""
    return nx.Graph(net.graph)


def _village_name(net: Network, code: str) -> str:
    """A village's name: from the view, else from the Kemendagri list (a partner's village may
    be known only through its kades), else its code."""
    if code in net.actors:
        return net.name(code)
    from jejaring.gazetteer import gazetteer

    area = gazetteer().get(code)
    return area.name if area else code


def cooperation_graph(net: Network) -> nx.Graph:
    """Villages linked by cooperation ties between them or their own actors (edge ``ties``: how many).

    Nodes carry ``name``; villages outside the area also ``outside=True``.

    >>> from jejaring.model import Village, VillageHead, Tie
    >>> from jejaring.network import Network
    >>> a, b = Village(code="18.02.02.2001", name="A"), Village(code="18.02.02.2002", name="B")
    >>> ka, kb = (VillageHead(id=f"kades-{v.name}", name=f"Pak {v.name}", village=v.id) for v in (a, b))
    >>> g = cooperation_graph(Network([a, b, ka, kb], [Tie(kind="partnership", source=ka.id, target=kb.id)]))
    >>> list(g.edges(data="ties"))
    [('18.02.02.2001', '18.02.02.2002', 1)]
    """
    inside = {a.id for a in net.of_kind(ActorKind.VILLAGE) if in_area(a.id, net.area)}
    graph = nx.Graph()
    graph.add_nodes_from((code, {"name": net.name(code), "outside": False}) for code in sorted(inside))
    for tie in net.ties:
        if tie.kind not in COOPERATION_TIES:
            continue
        a, b = home_village(net.actors[tie.source]), home_village(net.actors[tie.target])
        if a is None or b is None or a == b or (a not in inside and b not in inside):
            continue
        for code in (a, b):
            if code not in graph:
                graph.add_node(code, name=_village_name(net, code), outside=True)
        if graph.has_edge(a, b):
            graph[a][b]["ties"] += 1
        else:
            graph.add_edge(a, b, ties=1)
    return graph


def _named(graph: nx.Graph, nodes: Iterable[Hashable]) -> tuple[ActorRef, ...]:
    ordered = sorted(nodes, key=lambda n: (graph.nodes[n]["name"], n))
    return tuple(ActorRef(n, graph.nodes[n]["name"]) for n in ordered)


def _stranded(graph: nx.Graph, component: set[Hashable]) -> set[Hashable]:
    """The nodes of ``component`` (already cut) outside its largest part, ties going to the lowest id."""
    parts = sorted(nx.connected_components(graph.subgraph(component)), key=lambda p: (-len(p), min(p)))
    return set().union(*parts[1:])


def cooperation(net: Network) -> Cooperation:
    """The cooperation between the villages of ``net``: links, density, components, isolates,
    cut points and bridges."""
    graph = cooperation_graph(net)
    component_of = {n: c for c in nx.connected_components(graph) for n in c}
    cut_points = []
    for village in nx.articulation_points(graph):
        lost = _stranded(graph, component_of[village] - {village})
        cut_points.append(CutPoint(village, graph.nodes[village]["name"], _named(graph, lost)))
    bridges = []
    for a, b in nx.bridges(graph):
        cut = graph.copy()
        cut.remove_edge(a, b)
        lost = _stranded(cut, component_of[a])
        ends = _named(graph, (a, b))
        bridges.append(Bridge(ends[0], ends[1], graph[a][b]["ties"], _named(graph, lost)))
    links = [Link(*_named(graph, (a, b)), ties) for a, b, ties in graph.edges(data="ties")]
    components = sorted((_named(graph, c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0].name))
    return Cooperation(
        villages=_named(graph, graph),
        outside=_named(graph, (n for n, out in graph.nodes(data="outside") if out)),
        links=tuple(sorted(links, key=lambda link: (link.a.name, link.b.name))),
        density=nx.density(graph) if len(graph) > 1 else 0.0,
        components=tuple(components),
        isolates=_named(graph, nx.isolates(graph)),
        cut_points=tuple(sorted(cut_points, key=lambda c: (-len(c.cut_off), c.name))),
        bridges=tuple(sorted(bridges, key=lambda b: (-len(b.cut_off), b.a.name, b.b.name))),
    )


def _leading(graph: nx.Graph, nodes: set[Hashable], max_iter: int, tol: float) -> tuple[dict[Hashable, float], float]:
    """Power iteration with ``A + I`` on one connected component: unit eigenvector and eigenvalue."""
    x = dict.fromkeys(nodes, 1 / math.sqrt(len(nodes)))
    for _ in range(max_iter):
        new = {v: x[v] + sum(x[u] for u in graph[v] if u != v) for v in nodes}
        norm = math.sqrt(sum(value * value for value in new.values()))
        new = {v: value / norm for v, value in new.items()}
        change = sum(abs(new[v] - x[v]) for v in nodes)
        x = new
        if change < len(nodes) * tol:
            break
    eigenvalue = sum(x[v] * sum(x[u] for u in graph[v] if u != v) for v in nodes)
    return x, eigenvalue


def eigenvector_centrality(graph: nx.Graph, *, max_iter: int = 1000, tol: float = 1e-10) -> dict[Hashable, float]:
    """The principal eigenvector of ``graph``, of unit length, that never fails on a disconnected graph.

    Each component is iterated on its own (at most ``max_iter`` times, then its last
    iterate stands); the components with the largest leading eigenvalue share the result as
    power iteration from all ones weighs them, the others score 0.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> {n: round(v, 3) for n, v in eigenvector_centrality(g).items()}
    {'a': 0.5, 'b': 0.707, 'c': 0.5, 'x': 0.0, 'y': 0.0}
    """
    parts = [_leading(graph, nodes, max_iter, tol) for nodes in nx.connected_components(graph)]
    if not parts:
        return {}
    largest = max(eigenvalue for _, eigenvalue in parts)
    scores = dict.fromkeys(graph, 0.0)
    for x, eigenvalue in parts:
        if eigenvalue >= largest - 1e-9 * max(largest, 1.0):
            weight = sum(x.values())
            scores.update({v: weight * value for v, value in x.items()})
    norm = math.sqrt(sum(value * value for value in scores.values()))
    return {v: value / norm for v, value in scores.items()}


def _counts(vocabulary: type[Vocabulary], values: Iterable[Vocabulary]) -> dict[str, int]:
    """How many of each value, in the vocabulary's order, leaving out those absent."""
    counts = Counter(values)
    return {member.value: counts[member] for member in vocabulary if counts[member]}


def _top(graph: nx.Graph, scores: dict[Hashable, float], top: int) -> tuple[Ranked, ...]:
    ranked = sorted((n for n in scores if scores[n] > 0), key=lambda n: (-scores[n], graph.nodes[n]["name"], n))
    return tuple(Ranked(n, graph.nodes[n]["name"], graph.nodes[n]["kind"], scores[n]) for n in ranked[:top])


def _community(graph: nx.Graph, number: int, members: set[Hashable]) -> Community:
    """Community ``number`` with its members by degree, then name."""
    ordered = sorted(members, key=lambda n: (-graph.degree(n), graph.nodes[n]["name"], n))
    return Community(number, tuple(ActorRef(n, graph.nodes[n]["name"]) for n in ordered))


def _communities(graph: nx.Graph, seed: int) -> tuple[list[set[Hashable]], float | None]:
    found = nx.community.louvain_communities(graph, seed=seed)
    found.sort(key=lambda c: (-len(c), min(c)))
    modularity = nx.community.modularity(graph, found) if graph.number_of_edges() else None
    return found, modularity


def structure(net: Network, *, groups: GroupBy = "village", top: int = 10, seed: int = 0) -> Structure:
    """Measure the structure of ``net``: size, cooperation between villages, centralities, brokers,
    single points of failure, communities and k-core.

    ``groups`` forms the brokerage groups: by ``village`` (a village with its kades and
    institutions; organisations together as ``outside``) or by actor ``kind``. ``top`` bounds
    the rankings; ``seed`` fixes Louvain and any betweenness sampling.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    if groups not in ("village", "kind"):
        raise ValueError(f"groups must be 'village' or 'kind', not {groups!r}")
    graph = simple_graph(net)
    sample = min(BETWEENNESS_SAMPLE, len(graph)) if len(graph) > BETWEENNESS_EXACT_UP_TO else None
    degree_centrality = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph, k=sample, seed=seed)
    eigenvector = eigenvector_centrality(graph)
    constraint, effective_size = burt(graph)
    roles = brokerage(net, groups=groups)
    group_of = actor_groups(net, by=groups)
    home = {n: home_village(a) for n, a in net.actors.items()}
    village_names = {n: _village_name(net, code) if code else None for n, code in home.items()}
    core = nx.core_number(graph)
    found, modularity = _communities(graph, seed)
    community_of = {n: i for i, members in enumerate(found, 1) for n in members}
    measures = {
        n: ActorMeasures(
            id=n,
            name=attrs["name"],
            kind=attrs["kind"],
            village=home[n],
            village_name=village_names[n],
            group=group_of[n],
            group_name=village_names[n] if groups == "village" and village_names[n] else group_of[n],
            degree=graph.degree(n),
            degree_centrality=degree_centrality[n],
            betweenness=betweenness[n],
            eigenvector=eigenvector[n],
            constraint=constraint[n],
            effective_size=effective_size[n],
            **{r: roles[n][r] for r in ROLES},
            brokerage=roles[n]["total"],
            core=core[n],
            community=community_of[n],
        )
        for n, attrs in sorted(graph.nodes(data=True))
    }
    brokers = sorted((m for m in measures.values() if m.brokerage), key=lambda m: (-m.brokerage, m.name, m.id))
    main_core = max(core.values(), default=0)
    return Structure(
        area=net.area,
        start=net.start,
        end=net.end,
        groups=groups,
        top=top,
        seed=seed,
        actors_by_kind=_counts(ActorKind, (a.kind for a in net.actors.values())),
        ties_by_kind=_counts(TieKind, (t.kind for t in net.ties)),
        tied_pairs=graph.number_of_edges(),
        components=nx.number_connected_components(graph),
        cooperation=cooperation(net),
        top_degree=_top(graph, dict(graph.degree()), top),
        top_betweenness=_top(graph, betweenness, top),
        top_eigenvector=_top(graph, eigenvector, top),
        brokers=tuple(brokers[:top]),
        communities=tuple(_community(graph, i, members) for i, members in enumerate(found, 1)),
        modularity=modularity,
        main_core=main_core,
        main_core_members=_named(graph, (n for n, k in core.items() if k == main_core)),
        betweenness_sample=sample,
        actors=tuple(measures.values()),
    )
