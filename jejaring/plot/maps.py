"""The network map: every actor of a scoped, dated view in one picture.

:func:`network` draws the view on the wheel of :mod:`jejaring.plot.placement`: colour and
marker by actor kind, size by a centrality, line style by tie kind, with legends and title in
the chosen language; villages with a high-severity gap can be outlined and suggested ties
drawn dashed.

Every drawn group carries a ``gid`` (``nodes-<kind>``, ``ties-<kind>``, ``ties-suggested``,
``gaps``, ``label-<id>``, ``group-<kecamatan code>``), which SVG output keeps as element ids.

>>> from jejaring.model import Ngo, Tie, Village
>>> from jejaring.network import Network
>>> a, b = Village(code="18.02.02.2001", name="Purwodadi"), Village(code="18.02.02.2002", name="Sido Dadi")
>>> net = Network([a, b, Ngo(id="lsm", name="LSM Tani")], [Tie(kind="support", source="lsm", target=a.id)])
>>> fig, ax = network(net, lang="en")
>>> sorted(c.get_gid() for c in ax.collections)
['nodes-ngo', 'nodes-village', 'ties-support']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jejaring.errors import JejaringError
from jejaring.i18n import current_lang, t
from jejaring.plot.placement import Wheel, repel, wheel
from jejaring.plot.style import (
    GAP_COLOUR,
    KIND_STYLE,
    SIZE_BY,
    SUGGESTED,
    TIE_STYLE,
    new_axes,
    period_text,
    scope_text,
    short_name,
    wrap,
)
from jejaring.vocab import ActorKind, TieKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from jejaring.analysis.gap_types import GapReport
    from jejaring.analysis.plan import Plan
    from jejaring.analysis.suggestion_types import Suggestion
    from jejaring.network import Network

__all__ = ["SIZE_BY", "Proposal", "centrality", "proposals", "network"]

_LABELLED = frozenset({"village", "ngo", "firm", "university", "government"})
_AREA = (14.0, 520.0)  # marker areas (points²) of the least and the most central actor
_LEAST = 70.0  # the least marker area of a labelled actor, so that it stays visible
_DRAW_ORDER = ("membership", "leadership", "support", "coordination", "peer_learning", "funding", "resource_sharing",
               "partnership")  # the ties that place actors first, partnerships on top
_VILLAGES = 24  # villages a map of the default size holds
_LABEL_WIDTH = 26  # characters per line of an organisation's label


@dataclass(frozen=True)
class Proposal:
    """A suggested tie to draw: from ``source`` to ``target`` (kind code and name of the target)."""

    source: str
    target: str
    kind: str
    name: str


def centrality(net: Network, by: str = "degree", *, seed: int = 0) -> dict[str, float]:
    """Each actor's ``degree``, ``betweenness`` or ``eigenvector`` centrality, measured as
    :func:`~jejaring.analysis.structure.structure` measures them (ties collapsed to one link
    per tied pair; betweenness sampled with ``seed`` on large networks).

    >>> from jejaring.model import Village, Tie
    >>> from jejaring.network import Network
    >>> a, b = Village(code="18.02.02.2001", name="A"), Village(code="18.02.02.2002", name="B")
    >>> centrality(Network([a, b], [Tie(kind="partnership", source=a.id, target=b.id)]))
    {'18.02.02.2001': 1.0, '18.02.02.2002': 1.0}
    """
    import networkx as nx

    from jejaring.analysis.structure import (
        BETWEENNESS_EXACT_UP_TO,
        BETWEENNESS_SAMPLE,
        eigenvector_centrality,
        simple_graph,
    )

    if by not in SIZE_BY:
        raise JejaringError("plot.bad_size_by", value=by, choices=", ".join(SIZE_BY))
    graph = simple_graph(net)
    if by == "degree":
        return nx.degree_centrality(graph)
    if by == "eigenvector":
        return eigenvector_centrality(graph)
    sample = min(BETWEENNESS_SAMPLE, len(graph)) if len(graph) > BETWEENNESS_EXACT_UP_TO else None
    return nx.betweenness_centrality(graph, k=sample, seed=seed)


def proposals(net: Network, suggestions: Mapping[str, Sequence[Suggestion]] | Plan | None) -> list[Proposal]:
    """The suggested ties to draw: from ``{actor: suggest(net, actor)}`` (an actor by id or unique
    name) or from a :class:`~jejaring.analysis.plan.Plan` (its new ties)."""
    from jejaring.analysis.partner_index import find_actor
    from jejaring.analysis.plan import Plan

    if suggestions is None:
        return []
    if isinstance(suggestions, Plan):
        found = []
        for step in suggestions.steps:
            tie, target = step.tie, step.tie.target
            if target.id in net.actors:
                kind = net.actors[target.id].kind.value
            else:
                kind = tie.partner_kind.value if target.id == tie.partner.id else ActorKind.VILLAGE_HEAD.value
            found.append(Proposal(tie.source.id, target.id, kind, target.name))
        return found
    return [
        Proposal(find_actor(net, actor).id, s.candidate.id, s.candidate.kind.value, s.candidate.name)
        for actor, listed in suggestions.items()
        for s in listed
    ]


def _segments(net: Network, pos: Mapping[str, tuple[float, float]]) -> dict[str, list[Any]]:
    """One segment per tie, by kind; ties of different kinds between one pair drawn side by side."""
    kinds_of: dict[frozenset[str], list[str]] = defaultdict(list)
    for tie in net.ties:
        pair = frozenset((tie.source, tie.target))
        if tie.kind.value not in kinds_of[pair]:
            kinds_of[pair].append(tie.kind.value)
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for tie in net.ties:
        (x1, y1), (x2, y2) = sorted((pos[tie.source], pos[tie.target]))
        kinds = kinds_of[frozenset((tie.source, tie.target))]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
        off = 0.012 * (kinds.index(tie.kind.value) - (len(kinds) - 1) / 2)
        nx_, ny_ = -(y2 - y1) / length * off, (x2 - x1) / length * off
        by_kind[tie.kind.value].append([(x1 + nx_, y1 + ny_), (x2 + nx_, y2 + ny_)])
    return by_kind


def _rim_label(angle: float, distance: float) -> dict[str, Any]:
    """Where a village's name goes: outside the rim, aligned away from the middle."""
    import math

    c, s = math.cos(angle), math.sin(angle)
    ha = "left" if c > 0.25 else "right" if c < -0.25 else "center"
    va = "bottom" if s > 0.6 else "top" if s < -0.6 else "center"
    return {"x": distance * c, "y": distance * s, "ha": ha, "va": va}


def _group_names(ax: Axes, layout: Wheel) -> list[Text]:
    """Each kecamatan's name, inside the rim by the middle of its villages, aligned away from the rim."""
    import math

    from jejaring.gazetteer import gazetteer

    texts = []
    for group, (code, _) in enumerate(layout.groups):
        known = gazetteer().get(code) is not None
        angle = layout.middle(group)
        c, s = math.cos(angle), math.sin(angle)
        texts.append(ax.text(0.86 * c, 0.86 * s, gazetteer().describe(code).split(", ")[0] if known else code,
                             ha="right" if c > 0.25 else "left" if c < -0.25 else "center",
                             va="top" if s > 0.6 else "bottom" if s < -0.6 else "center",
                             fontsize=10, style="italic", color="#444444", zorder=5, gid=f"group-{code}",
                             bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                                   "alpha": 0.85}))
    return texts


def _legend_handles(
    kinds: Sequence[str], ties: Sequence[str], lang: str, suggested: bool, gaps: bool
) -> tuple[list[Any], list[Any]]:
    """Legend entries of the actor kinds and of the tie kinds drawn, then of the marks added."""
    from matplotlib.lines import Line2D

    actors = [
        Line2D([], [], linestyle="none", marker=KIND_STYLE[k].marker, markersize=10 if k in _LABELLED else 7,
               markerfacecolor=KIND_STYLE[k].colour, markeredgecolor=KIND_STYLE[k].edge,
               label=ActorKind(k).label(lang))
        for k in kinds
    ]
    lines = [
        Line2D([], [], color=TIE_STYLE[k].colour, linestyle=TIE_STYLE[k].linestyle,
               linewidth=max(TIE_STYLE[k].width, 1.2), alpha=TIE_STYLE[k].alpha, label=TieKind(k).label(lang))
        for k in ties
    ]
    if suggested:
        lines.append(Line2D([], [], color=SUGGESTED.colour, linestyle=SUGGESTED.linestyle, linewidth=SUGGESTED.width,
                            label=t("plot.map.suggested", lang=lang)))
    if gaps:
        lines.append(Line2D([], [], linestyle="none", marker="o", markersize=13, markerfacecolor="none",
                            markeredgecolor=GAP_COLOUR, markeredgewidth=2.4, label=t("plot.map.high_gap", lang=lang)))
    return actors, lines


def network(
    net: Network,
    *,
    size_by: str = "degree",
    gaps: GapReport | None = None,
    suggestions: Mapping[str, Sequence[Suggestion]] | Plan | None = None,
    lang: str | None = None,
    ax: Axes | None = None,
    seed: int = 0,
) -> tuple[Figure, Axes]:
    """Draw the map of ``net``: villages by kecamatan on a wheel, each with its kades and
    institutions, organisations inside placed by their ties (see :mod:`jejaring.plot.placement`).

    ``size_by`` is ``degree``, ``betweenness`` or ``eigenvector``; ``gaps`` (a
    :class:`~jejaring.analysis.gap_types.GapReport`) outlines the villages with a high-severity
    gap; ``suggestions`` (``{actor: suggest(net, actor)}`` or a
    :class:`~jejaring.analysis.plan.Plan`) adds the suggested ties, dashed. Villages and
    organisations are labelled; kades and institutions are not. ``lang`` is the language of
    title and legends (default: the current one); ``seed`` fixes the layout and any sampling.
    """
    from matplotlib.collections import LineCollection

    from jejaring.analysis.gap_types import Severity

    lang = lang or current_lang()
    scores = centrality(net, size_by, seed=seed)
    proposed = proposals(net, suggestions)
    extra = {p.target: p.kind for p in proposed if p.target not in net.actors}
    names = {p.target: p.name for p in proposed} | {i: a.name for i, a in net.actors.items()}
    kinds = {i: a.kind.value for i, a in net.actors.items()} | extra
    # suggested ties place only the actors new to the view, so the map keeps its shape
    layout = wheel(net, extra=extra, links=[(p.source, p.target) for p in proposed if p.target in extra], seed=seed)
    pos = layout.positions
    scale = max(1.0, (len(layout.angles) / _VILLAGES) ** 0.5)  # more room for more villages
    fig, ax = new_axes(ax, (15.0 * scale, 11.0 * scale))

    segments = _segments(net, pos)
    tie_kinds = [k.value for k in TieKind if k.value in segments]
    for kind in sorted(tie_kinds, key=_DRAW_ORDER.index):
        style = TIE_STYLE[kind]
        ax.add_collection(LineCollection(segments[kind], colors=style.colour, linestyles=style.linestyle,
                                         linewidths=style.width, alpha=style.alpha, zorder=1, gid=f"ties-{kind}"))
    if proposed:
        ax.add_collection(LineCollection([[pos[p.source], pos[p.target]] for p in proposed], colors=SUGGESTED.colour,
                                         linestyles=SUGGESTED.linestyle, linewidths=SUGGESTED.width, zorder=1.5,
                                         gid="ties-suggested"))

    top = max(scores.values(), default=0.0) or 1.0
    size = {i: _AREA[0] + (_AREA[1] - _AREA[0]) * scores.get(i, 0.0) / top for i in kinds}
    size = {i: max(area, _LEAST) if kinds[i] in _LABELLED else area for i, area in size.items()}
    drawn = [k.value for k in ActorKind if k.value in kinds.values()]
    for kind in drawn:
        ids = sorted(i for i, k in kinds.items() if k == kind)
        style = KIND_STYLE[kind]
        ax.scatter([pos[i][0] for i in ids], [pos[i][1] for i in ids], s=[size[i] for i in ids], c=style.colour,
                   marker=style.marker, edgecolors=style.edge, linewidths=0.8, zorder=style.zorder, gid=f"nodes-{kind}")
    outlined = sorted({g.village.id for g in gaps.gaps if g.severity is Severity.HIGH and g.village
                       and g.village.id in layout.angles} if gaps else set())
    if outlined:
        ax.scatter([pos[i][0] for i in outlined], [pos[i][1] for i in outlined],
                   s=[size[i] * 1.6 + 160 for i in outlined], facecolors="none", edgecolors=GAP_COLOUR, linewidths=2.6,
                   zorder=2.9, gid="gaps")

    reach = 1 + layout.fan
    ax.set_xlim(-reach - 0.5, reach + 0.5)
    ax.set_ylim(-reach - 0.12, reach + 0.12)
    ax.set_aspect("equal")
    ax.set_axis_off()
    actors, lines = _legend_handles(drawn, tie_kinds, lang, bool(proposed), bool(outlined))
    size_name = t(f"plot.size_by.{size_by}", lang=lang)
    first = ax.legend(handles=actors, title=t("plot.map.legend_actors", lang=lang, measure=size_name),
                      loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10, title_fontsize=11,
                      alignment="left")
    ax.add_artist(first)
    first.set_clip_on(False)  # an added artist is clipped to the axes, and so left out of a tight bounding box
    ax.legend(handles=lines, title=t("plot.map.legend_ties", lang=lang), loc="lower left", bbox_to_anchor=(1.0, 0.0),
              frameon=False, fontsize=10, title_fontsize=11, alignment="left", handlelength=3)
    title = t("plot.map.title", lang=lang, area=scope_text(net.area, lang))
    ax.set_title(f"{title}\n{period_text(net, lang)}", loc="left", fontsize=14)

    radius = {i: size[i] ** 0.5 / 2 for i in kinds}  # points
    ax.apply_aspect()
    to_data = ax.transData.inverted()
    per_point = to_data.transform((0, fig.dpi / 72))[1] - to_data.transform((0, 0))[1]
    texts = []
    for code, angle in layout.angles.items():
        spot = _rim_label(angle, 1 + layout.fan + 6 * per_point)
        texts.append(ax.text(spot["x"], spot["y"], names[code], ha=spot["ha"], va=spot["va"], fontsize=10,
                             fontweight="bold", color="#1a1a1a", zorder=5, gid=f"label-{code}"))
    for actor_id in sorted(i for i, k in kinds.items() if k in _LABELLED and i not in layout.angles):
        x, y = pos[actor_id]
        text = wrap(short_name(names[actor_id], net.area), _LABEL_WIDTH)
        texts.append(ax.text(x, y - (radius[actor_id] + 2) * per_point, text, ha="center", va="top", fontsize=8,
                             color="#1a1a1a", zorder=5, gid=f"label-{actor_id}", linespacing=1.0,
                             bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                   "alpha": 0.8}))
    if len(layout.groups) > 1:
        texts += _group_names(ax, layout)
    repel(ax, texts, [(*pos[i], radius[i] + 1) for i in kinds])
    return fig, ax
