"""One actor's partners: those it has, and those suggested to it, with their scores and reasons.

:func:`suggestions` draws the actor's side (a village stands for its kades and institutions)
in the middle, its current partners in a column on the left, tied by solid lines, and its
suggested partners in a column on the right, tied by dashed lines, each labelled with its
score and first reason. Groups carry the ``gid`` ``ego-current``, ``ego-suggested`` and
``ego-centre``.

>>> from jejaring.model import Ngo, Village
>>> from jejaring.network import Network
>>> a = Village(code="18.02.02.2001", name="Purwodadi", needs=["air"])
>>> net = Network([a, Ngo(id="lsm", name="LSM Tirta", area="18.02", offers=["air"])])
>>> fig, ax = suggestions(net, "Purwodadi", lang="en")
>>> print(next(t.get_text() for t in ax.texts if t.get_text().startswith("LSM")))
LSM Tirta: score 1.25
offers water and irrigation, which Purwodadi needs
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from jejaring.i18n import current_lang, t
from jejaring.plot.style import KIND_STYLE, SUGGESTED, new_axes, number, period_text, short_name, wrap
from jejaring.vocab import ActorKind, TieKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from jejaring.analysis.suggestion_types import Suggestion
    from jejaring.network import Network

__all__ = ["suggestions"]

_CURRENT = "#555555"  # the lines of current ties


def _tie_kinds(net: Network, unit_of: Callable[[str], str], unit: str) -> dict[str, list[TieKind]]:
    """For each side tied to ``unit``, the kinds of the ties joining them, in vocabulary order."""
    found: dict[str, set[TieKind]] = defaultdict(set)
    for tie in net.ties:
        a, b = unit_of(tie.source), unit_of(tie.target)
        if unit in (a, b) and a != b:
            found[b if a == unit else a].add(tie.kind)
    return {u: [k for k in TieKind if k in kinds] for u, kinds in found.items()}


def _column(labels: Sequence[str]) -> tuple[list[float], int]:
    """Heights in ``[-1, 1]`` for labels stacked top to bottom, each given room for its lines
    (one spare line between two), and the lines in all."""
    rooms = [label.count("\n") + 2 for label in labels]
    total = sum(rooms)
    ys, used = [], 0
    for room in rooms:
        ys.append(1 - 2 * (used + room / 2) / total)
        used += room
    return ys, total


def suggestions(
    net: Network,
    actor: str,
    *,
    found: Sequence[Suggestion] | None = None,
    top: int = 5,
    lang: str | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Draw ``actor``'s side (its village, for a kades or an institution) with its current
    partners on the left, solid, and its suggested partners on the right, dashed, each labelled
    with its score and first reason.

    ``found`` are the suggestions to draw (default: ``suggest(net, actor, top=top)``); current
    partners are the sides joined to it by partner or peer ties, as
    :func:`~jejaring.analysis.recommend.suggest` counts them, each labelled with the kinds of tie.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    from jejaring.analysis.partner_index import LINK_TIES, find_actor, partner_index
    from jejaring.analysis.recommend import suggest

    lang = lang or current_lang()
    asker = find_actor(net, actor)
    ix = partner_index(net)
    unit = ix.unit(asker.id)
    listed = list(found) if found is not None else suggest(net, asker.id, top=top)
    ties = _tie_kinds(net, ix.unit, unit)
    order = {k.value: n for n, k in enumerate(ActorKind)}
    current = sorted(
        (u for u in ix.linked[unit] if u in net.actors),
        key=lambda u: (order[net.actors[u].kind.value], net.name(u)),
    )
    left_labels = [
        f"{wrap(short_name(net.name(u), net.area), 40)}\n{', '.join(k.label(lang) for k in ties[u] if k in LINK_TIES)}"
        for u in current
    ]
    right_labels = [
        "\n".join([t("plot.ego.score", lang=lang, name=short_name(s.candidate.name, net.area),
                     score=number(s.score, lang)), *([wrap(s.reasons[0].text(lang), 56)] if s.reasons else [])])
        for s in listed
    ]
    left, lines_left = _column(left_labels)
    right, lines_right = _column(right_labels)
    fig, ax = new_axes(ax, (14.0, 1.8 + 0.2 * max(lines_left, lines_right, 8)))
    ax.add_collection(LineCollection([[(0, 0), (-1, y)] for y in left], colors=_CURRENT, linewidths=1.6,
                                     zorder=1, gid="ego-current"))
    ax.add_collection(LineCollection([[(0, 0), (1, y)] for y in right], colors=SUGGESTED.colour,
                                     linestyles=SUGGESTED.linestyle, linewidths=SUGGESTED.width, zorder=1,
                                     gid="ego-suggested"))
    centre = KIND_STYLE[net.actors[unit].kind.value]
    ax.scatter([0], [0], s=700, c=centre.colour, marker=centre.marker, edgecolors=centre.edge, zorder=3,
               gid="ego-centre")
    name = net.name(unit) if unit == asker.id else t("plot.ego.side", lang=lang, actor=asker.name,
                                                      village=net.name(unit))
    ax.text(0, 0, wrap(name, 22), ha="center", va="center", fontsize=11, fontweight="bold", color="white", zorder=5,
            bbox={"boxstyle": "round,pad=0.5", "facecolor": centre.colour, "edgecolor": centre.edge})
    columns = (
        (-1.0, [net.actors[u].kind.value for u in current], left, left_labels, "right"),
        (1.0, [s.candidate.kind.value for s in listed], right, right_labels, "left"),
    )
    for x, kinds, ys, labels, ha in columns:
        for kind, y, label in zip(kinds, ys, labels, strict=True):
            style = KIND_STYLE[kind]
            ax.scatter([x], [y], s=160, c=style.colour, marker=style.marker, edgecolors=style.edge, zorder=3)
            ax.text(1.08 * x, y, label, ha=ha, va="center", fontsize=9, linespacing=1.15)
    ax.text(-1, 1.08, t("plot.ego.current", lang=lang, count=len(current)), ha="center", va="bottom",
            fontsize=11, fontweight="bold")
    ax.text(1, 1.08, t("plot.ego.suggested", lang=lang, count=len(listed)), ha="center", va="bottom",
            fontsize=11, fontweight="bold")
    ax.set_xlim(-2.6, 3.1)
    ax.set_ylim(-1.08, 1.22)
    ax.set_axis_off()
    handles = [
        Line2D([], [], color=_CURRENT, linewidth=1.6, label=t("plot.ego.legend_current", lang=lang)),
        Line2D([], [], color=SUGGESTED.colour, linestyle=SUGGESTED.linestyle, linewidth=SUGGESTED.width,
               label=t("plot.ego.legend_suggested", lang=lang)),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=2, frameon=False, fontsize=10)
    title = t("plot.ego.title", lang=lang, actor=net.name(unit))
    ax.set_title(f"{title}\n{period_text(net, lang)}", loc="left", fontsize=13)
    return fig, ax
