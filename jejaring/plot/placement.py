"""Where each actor sits on a network map, and where the labels go so they do not overlap.

The map is a wheel of radius 1:

- **Villages** on the rim, grouped by kecamatan (a gap between groups; the view's own
  kecamatan first, the others by code), each group in code order, clockwise from the top.
- **A village's own actors** (its kades and institutions) on a small fan just outside it.
- **Organisations** inside the rim, pulled towards the villages they are tied to: along the
  mean direction of those villages, as far out as they agree (an organisation working with one
  village sits near it; an agency working with all of them sits in the middle). An actor tied
  to no village takes the mean place of the organisations it is tied to, else the centre.
  Organisations closer than :data:`MIN_GAP` are pushed apart; the ones starting on the same
  spot are told apart by a small jitter drawn from ``seed``, so a seed gives one picture.
- Actors whose village is not in the view are placed as organisations.

:func:`repel` then moves text labels, in screen space, off each other and off the markers.

>>> from jejaring.model import Ngo, Tie, Village
>>> from jejaring.network import Network
>>> a, b = Village(code="18.02.02.2001", name="A"), Village(code="18.02.02.2002", name="B")
>>> pos = layout(Network([a, b, Ngo(id="lsm", name="LSM")], [Tie(kind="support", source="lsm", target=a.id)]))
>>> [round(v, 2) for v in pos[a.id]], [round(v, 2) for v in pos["lsm"]]
([0.0, 1.0], [0.0, 0.7])
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jejaring.analysis.brokerage import home_village
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

    from jejaring.network import Network

__all__ = ["MIN_GAP", "INNER", "Wheel", "wheel", "layout", "repel"]

MIN_GAP = 0.22
"""The least distance between two organisations (the rim's radius is 1)."""

INNER = 0.7
"""How far out an organisation tied to a single village sits."""

_FAN = 0.15  # the radius of a village's fan of own actors, at most
_FAN_SPREAD = math.radians(150)  # the widest a fan opens


@dataclass(frozen=True)
class Wheel:
    """The layout: positions by actor id, each village's angle (radians), the fan radius, and
    the kecamatan groups in order (code, village codes)."""

    def middle(self, group: int) -> float:
        """The angle (radians) halfway along the villages of group number ``group``."""
        codes = self.groups[group][1]
        return (self.angles[codes[0]] + self.angles[codes[-1]]) / 2

    positions: dict[str, tuple[float, float]]
    angles: dict[str, float]
    fan: float
    groups: tuple[tuple[str, tuple[str, ...]], ...]


def _groups(villages: Sequence[str], area: str | None) -> list[tuple[str, list[str]]]:
    by_kecamatan: dict[str, list[str]] = defaultdict(list)
    for code in sorted(villages):
        by_kecamatan[code.rsplit(".", 1)[0]].append(code)
    order = sorted(by_kecamatan, key=lambda k: (not (area and (in_area(k, area) or in_area(area, k))), k))
    return [(k, by_kecamatan[k]) for k in order]


def _rim(groups: list[tuple[str, list[str]]]) -> dict[str, float]:
    """Angles of the villages: clockwise from the top, one empty slot between groups."""
    slots = sum(len(codes) for _, codes in groups) + (len(groups) if len(groups) > 1 else 0)
    step = 2 * math.pi / max(slots, 1)
    angles, slot = {}, 0
    for _, codes in groups:
        for code in codes:
            angles[code] = math.pi / 2 - slot * step
            slot += 1
        slot += 1 if len(groups) > 1 else 0
    return angles


def _fan(angle: float, count: int, radius: float) -> list[tuple[float, float]]:
    """Offsets of ``count`` points on an arc of ``radius`` opening outwards along ``angle``."""
    if count == 1:
        return [(radius * math.cos(angle), radius * math.sin(angle))]
    spread = min(_FAN_SPREAD, math.radians(24) * (count - 1))
    return [
        (radius * math.cos(a), radius * math.sin(a))
        for a in (angle - spread / 2 + spread * i / (count - 1) for i in range(count))
    ]


def _spread(points: dict[str, list[float]], seed: int, limit: float) -> None:
    """Push points closer than :data:`MIN_GAP` apart (in place), keeping them within ``limit``."""
    import random

    rng = random.Random(seed)
    ids = sorted(points)
    for _ in range(300):
        moved = False
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pa, pb = points[a], points[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                gap = math.hypot(dx, dy)
                if gap >= MIN_GAP:
                    continue
                if gap < 1e-9:
                    turn = rng.uniform(0, 2 * math.pi)
                    dx, dy, gap = math.cos(turn), math.sin(turn), 1.0
                push = (MIN_GAP - gap) / 2 + 1e-4
                pa[0] -= dx / gap * push
                pa[1] -= dy / gap * push
                pb[0] += dx / gap * push
                pb[1] += dy / gap * push
                moved = True
        for p in points.values():
            r = math.hypot(*p)
            if r > limit:
                p[0], p[1] = p[0] * limit / r, p[1] * limit / r
        if not moved:
            break


def wheel(
    net: Network,
    *,
    extra: Mapping[str, str] | None = None,
    links: Iterable[tuple[str, str]] = (),
    seed: int = 0,
) -> Wheel:
    """Lay out ``net`` as described in the module notes.

    ``extra`` adds actors that are not in the view (id to kind code), placed as organisations,
    and ``links`` pairs of ids to count as ties when placing them (suggested ties).
    """
    kinds = {a.id: a.kind.value for a in net.actors.values()} | dict(extra or {})
    villages = sorted(i for i, k in kinds.items() if k == ActorKind.VILLAGE.value)
    groups = _groups(villages, net.area)
    angles = _rim(groups)
    home = {i: v for i, a in net.actors.items() if (v := home_village(a)) in angles and v != i}
    members: dict[str, list[str]] = defaultdict(list)
    for actor_id in sorted(home, key=lambda i: (kinds[i] != ActorKind.VILLAGE_HEAD.value, i)):
        members[home[actor_id]].append(actor_id)
    arc = 2 * math.pi / max(len(angles) + (len(groups) if len(groups) > 1 else 0), 1)
    fan = min(_FAN, 0.75 * arc)
    positions: dict[str, tuple[float, float]] = {}
    for code, angle in angles.items():
        x, y = math.cos(angle), math.sin(angle)
        positions[code] = (x, y)
        for actor_id, (dx, dy) in zip(members[code], _fan(angle, len(members[code]), fan), strict=True):
            positions[actor_id] = (x + dx, y + dy)

    pairs = [(t.source, t.target) for t in net.ties] + list(links)
    free = sorted(i for i in kinds if i not in positions)
    pulls: dict[str, list[float]] = {i: [] for i in free}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        for one, other in ((a, b), (b, a)):
            if one in pulls and other in kinds:
                village = other if other in angles else home.get(other)
                if village is not None:
                    pulls[one].append(angles[village])
                else:
                    neighbours[one].append(other)
    points: dict[str, list[float]] = {}
    for actor_id in free:
        if pulls[actor_id]:
            n = len(pulls[actor_id])
            mx = sum(math.cos(a) for a in pulls[actor_id]) / n
            my = sum(math.sin(a) for a in pulls[actor_id]) / n
            points[actor_id] = [INNER * mx, INNER * my]
    for actor_id in free:
        if actor_id not in points:
            near = [points[o] for o in neighbours[actor_id] if o in points] or [[0.0, 0.0]]
            points[actor_id] = [sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)]
    _spread(points, seed, INNER + MIN_GAP / 2)
    positions.update({i: (p[0], p[1]) for i, p in points.items()})
    return Wheel(positions, angles, fan, tuple((k, tuple(codes)) for k, codes in groups))


def layout(net: Network, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions of every actor of ``net`` on the wheel (see the module notes), by id: usable as
    ``pos`` with ``networkx.draw(net.graph, pos=...)``."""
    return wheel(net, seed=seed).positions


def repel(
    ax: Axes,
    texts: Sequence[Text],
    obstacles: Sequence[tuple[float, float, float]] = (),
    *,
    rounds: int = 200,
) -> None:
    """Move ``texts`` (positioned in data coordinates) off each other and off ``obstacles``
    (``x``, ``y`` in data coordinates and a radius in points), a little at a time, in screen space.

    Each text is also drawn back gently towards where it started, so labels stay near their actor.
    """
    import numpy as np

    if not texts:
        return
    fig = ax.get_figure(root=True)
    ax.apply_aspect()
    to_screen, to_data = ax.transData, ax.transData.inverted()
    boxes = np.array([[*b.p0, *b.p1] for b in (text.get_window_extent() for text in texts)])
    pad = 2.0 * fig.dpi / 72
    boxes += [-pad, -pad, pad, pad]
    start = boxes.copy()
    circles = np.array([[*to_screen.transform((x, y)), r * fig.dpi / 72] for x, y, r in obstacles]).reshape(-1, 3)
    for _ in range(rounds):
        shift = np.zeros((len(texts), 2))
        centres = (boxes[:, :2] + boxes[:, 2:]) / 2
        half = (boxes[:, 2:] - boxes[:, :2]) / 2
        for i in range(len(texts)):
            # overlap with other labels along each axis
            over = half[i] + half - np.abs(centres - centres[i])
            hit = (over[:, 0] > 0) & (over[:, 1] > 0)
            hit[i] = False
            for j in np.flatnonzero(hit):
                axis = 0 if over[j, 0] < over[j, 1] else 1
                sign = 1.0 if centres[i, axis] >= centres[j, axis] else -1.0
                if centres[i, axis] == centres[j, axis]:
                    sign = 1.0 if i > j else -1.0
                shift[i, axis] += sign * over[j, axis] / 2
            # overlap with markers: push out along the line from the marker's centre
            near = np.clip(circles[:, :2], boxes[i, :2], boxes[i, 2:])
            gap = circles[:, :2] - near
            dist = np.hypot(gap[:, 0], gap[:, 1])
            for k in np.flatnonzero(dist < circles[:, 2]):
                away = centres[i] - circles[k, :2]
                length = float(np.hypot(*away)) or 1.0
                shift[i] += away / length * (circles[k, 2] - dist[k] + 0.5)
        if not shift.any():
            break
        shift += 0.02 * (start - boxes)[:, :2]
        boxes[:, :2] += shift
        boxes[:, 2:] += shift
    moved = boxes[:, :2] - start[:, :2]
    for text, delta in zip(texts, moved, strict=True):
        x, y = to_screen.transform(text.get_position()) + delta
        text.set_position(tuple(to_data.transform((x, y))))
