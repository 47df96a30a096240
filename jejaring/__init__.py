"""jejaring: the collaboration network around Indonesian villages.

The public API a notebook uses; heavy modules load on first use so the command line starts
fast.

>>> import jejaring as jj
>>> jj.Quarter.parse("2024Q2").label("en")
'Q2 2024'
>>> all(callable(f) for f in (jj.gaps, jj.structure, jj.coordination, jj.suggest, jj.plan))
True
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("jejaring")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

_LAZY = {
    "open": "jejaring.workspace",
    "init": "jejaring.workspace",
    "Workspace": "jejaring.workspace",
    "Network": "jejaring.network",
    "Quarter": "jejaring.periods",
    "open_store": "jejaring.store",
    "JejaringError": "jejaring.errors",
    "ActorRef": "jejaring.network",
    "structure": "jejaring.analysis.structure",
    "gaps": "jejaring.analysis.gaps",
    "coordination": "jejaring.analysis.coordination",
    "suggest": "jejaring.analysis.recommend",
    "plan": "jejaring.analysis.plan",
    "use_lang": "jejaring.i18n",
    "set_lang": "jejaring.i18n",
}

_SUBMODULES = ("plot", "report", "synth")
"""Modules used through their namespace: ``jj.plot.network(net)``, ``jj.report.write(ws, path)``."""

__all__ = ["__version__", *_LAZY, *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    if name in _SUBMODULES:
        return import_module(f"jejaring.{name}")
    raise AttributeError(f"module 'jejaring' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
