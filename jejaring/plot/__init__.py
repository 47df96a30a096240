"""Figures of the village network: the network map, the coverage heatmap, the quarterly chart and
a village's suggested partners, each drawn with matplotlib on its own figure.

Every function takes the data first and ``ax=None`` (the axes to draw on; a new figure when
none), and returns ``(fig, ax)``; it never shows the figure. :func:`save` writes PNG, SVG or PDF
by the file's extension. matplotlib is imported when a figure is first drawn.

>>> import jejaring as jj
>>> sorted(name for name in jj.plot.__all__ if not name.isupper())
['gap_matrix', 'layout', 'network', 'quarter_series', 'quarters', 'save', 'suggestions']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "network": "jejaring.plot.maps",
    "suggestions": "jejaring.plot.ego",
    "gap_matrix": "jejaring.plot.charts",
    "quarters": "jejaring.plot.charts",
    "quarter_series": "jejaring.plot.charts",
    "layout": "jejaring.plot.placement",
    "save": "jejaring.plot.style",
    "FORMATS": "jejaring.plot.style",
    "SIZE_BY": "jejaring.plot.style",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'jejaring.plot' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
