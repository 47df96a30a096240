"""Charts of the gap report and of coordination over time.

:func:`gap_matrix` draws the coverage matrix of the gap report (villages × kinds of partner) as a
heatmap of counts, each zero cell hatched and marked as a gap. :func:`quarters` draws, for every
quarter with data, the meetings held, the coordination figures and the ties in force, as three
panels over one time axis; :func:`quarter_series` returns the figures it draws.

Rules of the quarterly figures, read from the all-time view of the area
(:meth:`~jejaring.network.Network.undated`), quarter by quarter:

- **meetings**: the meetings on record in the view held in the quarter; **coordination
  meetings** those that are a village's coordination meetings
  (:mod:`jejaring.analysis.coordination`), the rest are other meetings;
- **attendance rate**: the institutions' attendance of their villages' coordination meetings,
  pooled over the villages that held any (attended / could have attended); **villages meeting**:
  the share of villages in scope that held at least one coordination meeting;
- **ties in force**: ties in force on some day of the quarter, by kind, leaving out membership
  and leadership (which place actors in their village rather than join partners);
- **quarters with data**: from the first to the last quarter with a meeting on record; without
  meetings, from the first to the last quarter in which a tie starts.

>>> from jejaring.analysis.gap_types import CoverageMatrix, PartnerKind
>>> from jejaring.network import ActorRef
>>> m = CoverageMatrix((ActorRef("18.02.02.2001", "Purwodadi"),), (PartnerKind.NGO, PartnerKind.FIRM), ((2, 0),))
>>> fig, ax = gap_matrix(m, lang="en")
>>> ax.images[0].get_array().tolist(), [p.get_gid() for p in ax.patches]
([[2, 0]], ['gap-cell'])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jejaring.errors import JejaringError
from jejaring.i18n import current_lang, t
from jejaring.periods import Quarter
from jejaring.plot.style import GAP_COLOUR, TIE_STYLE, new_axes, percent, period_text, scope_text, wrap
from jejaring.vocab import TieKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from jejaring.analysis.gap_types import CoverageMatrix, GapReport
    from jejaring.network import Network

__all__ = ["PLACING_TIES", "QuarterFigures", "quarter_span", "quarter_series", "gap_matrix", "quarters"]

PLACING_TIES = frozenset({TieKind.MEMBERSHIP, TieKind.LEADERSHIP})
"""Tie kinds left out of the ties in force: they place actors, they do not join partners."""

_COORDINATION, _OTHER = "#0072B2", "#A6CEE3"
_RATE, _SHARE = "#D55E00", "#009E73"


@dataclass(frozen=True)
class QuarterFigures:
    """One quarter's figures (see the module notes); ``attendance_rate`` is ``None`` when no
    village held a coordination meeting."""

    quarter: Quarter
    meetings: int
    coordination_meetings: int
    villages: int
    villages_meeting: int
    attendance_rate: float | None
    ties: dict[str, int] = field(default_factory=dict)

    @property
    def other_meetings(self) -> int:
        """Meetings held that are not a village's coordination meeting."""
        return self.meetings - self.coordination_meetings

    @property
    def meeting_share(self) -> float | None:
        """The share of villages that held a coordination meeting (``None`` with no village)."""
        return self.villages_meeting / self.villages if self.villages else None


def quarter_span(net: Network) -> list[Quarter]:
    """The quarters with data in the all-time view of ``net`` (see the module notes), in order."""
    whole = net.undated()
    days = [m.date for m in whole.meetings] or [tie.since for tie in whole.ties if tie.since is not None]
    if not days:
        raise JejaringError("plot.no_quarters")
    span, last = [Quarter.of(min(days))], Quarter.of(max(days))
    while span[-1] < last:
        span.append(span[-1].next())
    return span


def quarter_series(net: Network, *, span: Sequence[Quarter | str] | None = None) -> list[QuarterFigures]:
    """The figures :func:`quarters` draws, one per quarter of ``span`` (default: :func:`quarter_span`)."""
    from jejaring.analysis.coordination import coordination

    whole = net.undated()
    chosen = [q if isinstance(q, Quarter) else Quarter.parse(q) for q in span] if span else quarter_span(net)
    found = []
    for q in chosen:
        report = coordination(whole, quarter=q)
        rows = [row for v in report.villages for row in v.institutions if row.meetings]
        could = sum(row.meetings for row in rows)
        in_force = Counter(tie.kind for tie in whole.quarter(q).ties if tie.kind not in PLACING_TIES)
        found.append(
            QuarterFigures(
                quarter=q,
                meetings=sum(q.start <= m.date < q.end for m in whole.meetings),
                coordination_meetings=sum(v.coordination_meetings for v in report.villages),
                villages=len(report.villages),
                villages_meeting=sum(v.coordination_meetings > 0 for v in report.villages),
                attendance_rate=sum(row.attended for row in rows) / could if could else None,
                ties={k.value: in_force[k] for k in TieKind if in_force[k]},
            )
        )
    return found


def _matrix(data: GapReport | Network | CoverageMatrix, lang: str) -> tuple[CoverageMatrix, str | None]:
    """The coverage matrix of ``data``, and its area and period in words where known."""
    from jejaring.analysis.gap_types import CoverageMatrix, GapReport
    from jejaring.analysis.gaps import coverage_matrix

    if isinstance(data, CoverageMatrix):
        return data, None
    if isinstance(data, GapReport):
        return data.coverage, f"{data.scope(lang)} · {data.period(lang)}"
    return coverage_matrix(data), f"{scope_text(data.area, lang)} · {period_text(data, lang)}"


def gap_matrix(
    report_or_net: GapReport | Network | CoverageMatrix,
    *,
    lang: str | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Draw the coverage matrix (villages × kinds of partner) as a heatmap of partner counts.

    Takes a :class:`~jejaring.analysis.gap_types.GapReport`, a network (its
    :func:`~jejaring.analysis.gaps.coverage_matrix`) or the matrix itself. Every cell shows its
    count; a zero, a coverage gap, is hatched in the gap colour and explained in the legend.
    A matrix without villages raises ``plot.no_villages``.
    """
    import numpy as np
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.ticker import MaxNLocator

    lang = lang or current_lang()
    matrix, where = _matrix(report_or_net, lang)
    if not matrix.villages:
        raise JejaringError("plot.no_villages")
    counts = np.array(matrix.counts, dtype=int).reshape(len(matrix.villages), len(matrix.kinds))
    fig, ax = new_axes(ax, (3.0 + 1.3 * len(matrix.kinds), 2.2 + 0.36 * len(matrix.villages)))
    top = max(int(counts.max(initial=0)), 1)
    image = ax.imshow(counts, cmap="Blues", vmin=0, vmax=top, aspect="auto", gid="coverage")
    for (i, j), n in np.ndenumerate(counts):
        if n == 0:
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor=GAP_COLOUR, hatch="///",
                                   linewidth=0, gid="gap-cell"))
        dark = n > 0.6 * top
        ax.text(j, i, str(n), ha="center", va="center", fontsize=10, fontweight="bold" if n == 0 else "normal",
                color=GAP_COLOUR if n == 0 else "white" if dark else "black",
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"} if n == 0 else None)
    ax.set_xticks(range(len(matrix.kinds)), [wrap(k.label(lang), 14) for k in matrix.kinds])
    ax.set_yticks(range(len(matrix.villages)), [v.name for v in matrix.villages])
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.set_xticks(np.arange(-0.5, len(matrix.kinds)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(matrix.villages)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    bar = fig.colorbar(image, ax=ax, fraction=0.05, pad=0.03)
    bar.set_label(t("plot.gaps.count", lang=lang))
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    gap = Patch(facecolor="white", edgecolor=GAP_COLOUR, hatch="///", label=t("plot.gaps.zero", lang=lang))
    ax.legend(handles=[gap], loc="upper left", bbox_to_anchor=(0.0, 0.0), frameon=False, fontsize=10)
    title = t("plot.gaps.title", lang=lang)
    ax.set_title(f"{title}\n{where}" if where else title, loc="left", fontsize=13, pad=12)
    return fig, ax


def _tick(q: Quarter, lang: str) -> str:
    """The quarter's label on two lines: "Triwulan II" over "2024"."""
    head, _, year = q.label(lang).rpartition(" ")
    return f"{head}\n{year}"


def quarters(
    net: Network,
    *,
    span: Sequence[Quarter | str] | None = None,
    lang: str | None = None,
    ax: Sequence[Axes] | None = None,
) -> tuple[Figure, tuple[Axes, Axes, Axes]]:
    """Draw, per quarter, the meetings held, the coordination rates and the ties in force: three
    panels over one time axis (see the module notes for what each figure counts).

    ``span`` chooses the quarters (default: every quarter with data); ``ax`` is three axes to
    draw on, top to bottom (default: a new figure, titled with the area). The quarter of a dated
    view is shaded.
    """
    import numpy as np

    from jejaring.analysis.coordination import LOW_ATTENDANCE

    lang = lang or current_lang()
    series = quarter_series(net, span=span)
    if ax is None:
        fig, first = new_axes(None, (10.0, 9.5))
        fig.delaxes(first)
        axes = tuple(fig.subplots(3, 1, sharex=True, gridspec_kw={"hspace": 0.35}))
    else:
        axes = tuple(ax)
        if len(axes) != 3:
            raise ValueError("quarters draws on three axes")
        fig = axes[0].get_figure(root=True)
    meetings, rates, ties = axes
    x = np.arange(len(series))
    labels = [_tick(f.quarter, lang) for f in series]

    meetings.bar(x, [f.coordination_meetings for f in series], color=_COORDINATION,
                         label=t("plot.quarters.coordination_meetings", lang=lang))
    other = meetings.bar(x, [f.other_meetings for f in series], bottom=[f.coordination_meetings for f in series],
                         color=_OTHER, label=t("plot.quarters.other_meetings", lang=lang))
    meetings.bar_label(other, labels=[str(f.meetings) for f in series], padding=2, fontsize=9)
    meetings.set_ylabel(t("plot.quarters.meetings_axis", lang=lang))
    meetings.set_title(t("plot.quarters.meetings_title", lang=lang), loc="left", fontsize=11)
    meetings.margins(y=0.15)

    rate = [np.nan if f.attendance_rate is None else 100 * f.attendance_rate for f in series]
    share = [np.nan if f.meeting_share is None else 100 * f.meeting_share for f in series]
    rates.plot(x, rate, marker="o", color=_RATE, linewidth=2, label=t("plot.quarters.attendance", lang=lang),
               gid="attendance")
    rates.plot(x, share, marker="s", color=_SHARE, linewidth=2, linestyle=(0, (4, 2)),
               label=t("plot.quarters.villages_meeting", lang=lang), gid="villages-meeting")
    rates.axhline(100 * LOW_ATTENDANCE, color="#777777", linewidth=1, linestyle=":",
                  label=t("plot.quarters.threshold", lang=lang, rate=percent(LOW_ATTENDANCE)), gid="threshold")
    for xi, value in zip(x, rate, strict=True):
        if not np.isnan(value):
            rates.annotate(f"{value:.0f}%", (xi, value), textcoords="offset points", xytext=(0, 7), ha="center",
                           fontsize=9, color=_RATE)
    rates.set_ylim(0, 109)
    rates.set_ylabel("%")
    rates.set_title(t("plot.quarters.rates_title", lang=lang), loc="left", fontsize=11)

    kinds = [k.value for k in TieKind if any(k.value in f.ties for f in series)]
    bottom = np.zeros(len(series))
    for kind in kinds:
        heights = np.array([f.ties.get(kind, 0) for f in series])
        ties.bar(x, heights, bottom=bottom, color=TIE_STYLE[kind].colour, label=TieKind(kind).label(lang),
                 edgecolor="white", linewidth=0.5)
        bottom += heights
    ties.set_ylabel(t("plot.quarters.ties_axis", lang=lang))
    ties.set_title(t("plot.quarters.ties_title", lang=lang), loc="left", fontsize=11)
    ties.margins(y=0.1)
    ties.set_xticks(x, labels)

    shown = [f.quarter for f in series]
    view = Quarter.of(net.start) if net.start is not None else None
    for panel in axes:
        if view in shown:
            panel.axvspan(shown.index(view) - 0.5, shown.index(view) + 0.5, color="#F0E442", alpha=0.3, zorder=0,
                          gid="view-quarter", label=t("plot.quarters.view", lang=lang) if panel is meetings else None)
        panel.spines[["top", "right"]].set_visible(False)
        panel.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    if ax is None:
        fig.suptitle(t("plot.quarters.title", lang=lang, area=scope_text(net.area, lang)), x=0.02, ha="left",
                     fontsize=13)
        fig.subplots_adjust(top=0.91)
    return fig, axes
