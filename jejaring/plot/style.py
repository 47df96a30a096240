"""Colours, markers and line styles of every jejaring figure, and the plumbing they share.

Colours are Okabe and Ito's palette (*Color Universal Design*, 2008), told apart with the
common colour-vision deficiencies; every actor kind also has its own marker and every tie
kind its own line style, so nothing rests on colour alone. Figures are made on a
:class:`matplotlib.figure.Figure` with an Agg canvas: no pyplot, no display, nothing global.

This module imports nothing heavy, so the command line can read :data:`FORMATS` and
:data:`SIZE_BY` without loading matplotlib.

>>> KIND_STYLE["village"].marker, TIE_STYLE["partnership"].linestyle
('o', '-')
>>> number(1.25, "id"), number(1.25, "en"), percent(0.5)
('1,25', '1.25', '50%')
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jejaring.i18n import current_lang, t

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from jejaring.network import Network

__all__ = [
    "FORMATS",
    "SIZE_BY",
    "GAP_COLOUR",
    "NodeStyle",
    "LineStyle",
    "KIND_STYLE",
    "TIE_STYLE",
    "SUGGESTED",
    "new_axes",
    "save",
    "output_format",
    "scope_text",
    "period_text",
    "wrap",
    "short_name",
    "number",
    "percent",
]

FORMATS = ("png", "svg", "pdf")
"""The file formats a figure is saved in, chosen by the file's extension."""

SIZE_BY = ("degree", "betweenness", "eigenvector")
"""The centralities a network map can size its nodes by."""

# Okabe–Ito
_BLUE, _SKY, _GREEN, _ORANGE = "#0072B2", "#56B4E9", "#009E73", "#E69F00"
_YELLOW, _VERMILLION, _PURPLE, _GREY, _BLACK = "#F0E442", "#D55E00", "#CC79A7", "#999999", "#000000"

GAP_COLOUR = _VERMILLION
"""Marks gaps: the outline of a village with a high-severity gap, a matrix cell with no partner."""


@dataclass(frozen=True)
class NodeStyle:
    """How actors of one kind are drawn: fill, outline, marker and z-order."""

    colour: str
    edge: str
    marker: str
    zorder: float


@dataclass(frozen=True)
class LineStyle:
    """How ties of one kind are drawn."""

    colour: str
    linestyle: Any
    width: float
    alpha: float = 1.0


KIND_STYLE: dict[str, NodeStyle] = {
    "village": NodeStyle(_BLUE, "white", "o", 3.0),
    "village_head": NodeStyle(_SKY, "#1f4e79", "^", 2.5),
    "institution": NodeStyle("#D9D9D9", "#6E6E6E", "o", 2.0),
    "ngo": NodeStyle(_GREEN, "white", "s", 3.2),
    "firm": NodeStyle(_ORANGE, "#5a3d00", "D", 3.2),
    "university": NodeStyle(_PURPLE, "white", "p", 3.2),
    "government": NodeStyle(_YELLOW, "#555555", "h", 3.2),
}
"""Node style by actor kind (stored code)."""

TIE_STYLE: dict[str, LineStyle] = {
    "partnership": LineStyle(_BLUE, "-", 2.4),
    "resource_sharing": LineStyle(_GREEN, "-", 2.0),
    "funding": LineStyle(_ORANGE, "-", 2.0),
    "support": LineStyle(_PURPLE, "-", 1.0, 0.65),
    "coordination": LineStyle(_BLACK, (0, (1, 1.5)), 1.2, 0.8),
    "peer_learning": LineStyle(_SKY, (0, (1, 1)), 1.8),
    "leadership": LineStyle(_GREY, "-", 0.8, 0.8),
    "membership": LineStyle("#C8C8C8", "-", 0.6, 0.8),
}
"""Line style by tie kind (stored code); dashes are kept for suggested ties."""

SUGGESTED = LineStyle(_VERMILLION, (0, (5, 3)), 2.2)
"""A suggested tie: dashed."""


def new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: ``ax`` and its figure, else a new figure of ``size`` inches."""
    if ax is not None:
        return ax.get_figure(root=True), ax
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def output_format(path: str | Path) -> str:
    """The format named by the file's extension; raise ``plot.bad_format`` for any other.

    >>> output_format("peta.PNG")
    'png'
    """
    from jejaring.errors import JejaringError

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise JejaringError("plot.bad_format", path=str(path), formats=", ".join(FORMATS))
    return suffix


def save(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Write ``fig`` to ``path`` as PNG, SVG or PDF (by the extension), trimmed to what is drawn."""
    out = Path(path)
    fmt = output_format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = {"pil_kwargs": {"optimize": True}} if fmt == "png" else {}
    fig.savefig(out, format=fmt, dpi=dpi, bbox_inches="tight", pad_inches=0.15, facecolor="white", **extra)
    return out


def scope_text(area: str | None, lang: str | None = None) -> str:
    """The area in words ("Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung")."""
    if area is None:
        return t("plot.everywhere", lang=lang)
    from jejaring.gazetteer import gazetteer

    return gazetteer().describe(area) if gazetteer().get(area) else area


def period_text(net: Network, lang: str | None = None) -> str:
    """When the view's ties are in force, in words: on a day, in a quarter, between two days, or ever."""
    from jejaring.periods import Quarter

    lang = lang or current_lang()
    if net.start is None or net.end is None:
        return t("plot.period.all_time", lang=lang)
    last = net.end - timedelta(days=1)
    if last == net.start:
        return t("plot.period.on_day", lang=lang, day=net.start.isoformat())
    quarter = Quarter.of(net.start)
    if (quarter.start, quarter.end) == (net.start, net.end):
        return t("plot.period.in_quarter", lang=lang, quarter=quarter.label(lang))
    return t("plot.period.between", lang=lang, start=net.start.isoformat(), end=last.isoformat())


def wrap(text: str, width: int = 24) -> str:
    """``text`` broken into lines of at most ``width`` characters (longer words kept whole).

    >>> wrap("Dinas Pemberdayaan Masyarakat dan Desa", 20)
    'Dinas Pemberdayaan\\nMasyarakat dan Desa'
    """
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def short_name(name: str, area: str | None) -> str:
    """``name`` without an ending that repeats the kabupaten or province of ``area``, which a
    figure's title already names (never cut to nothing).

    >>> short_name("Dinas Pariwisata Kabupaten Lampung Tengah", "18.02.02")
    'Dinas Pariwisata'
    """
    from jejaring.gazetteer import gazetteer

    if area is None or gazetteer().get(area) is None:
        return name
    for a in gazetteer().lineage(area)[:2]:
        suffix = f" {a.name}" if a.level == "regency" else f" Provinsi {a.name}"
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def number(value: float, lang: str | None = None, digits: int = 2) -> str:
    """A decimal number as the language writes it (a decimal comma in Indonesian)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if (lang or current_lang()) == "id" else text


def percent(value: float) -> str:
    """A rate as a whole percentage."""
    return f"{value:.0%}"
