"""The kecamatan report: one file a planner can e-mail, in HTML or PDF, Bahasa Indonesia by default.

``jj.report.write(ws, "laporan.html")`` writes the summary and key findings, the network map, the
gap report, quarterly coordination, partner suggestions and the partnership plan of a
workspace's kecamatan (or of any :class:`~jejaring.network.Network`). People's names and
contact details are left out unless ``include_contacts=True``.

>>> import tempfile, pathlib
>>> import jejaring as jj
>>> from jejaring.model import Village
>>> net = jj.Network([Village(code="18.02.02.2005", name="Bangun Rejo")], area="18.02.02")
>>> path = write(net, pathlib.Path(tempfile.mkdtemp()) / "laporan.html")
>>> 'id="kesenjangan"' in path.read_text("utf-8")
True
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jejaring.errors import JejaringError
from jejaring.model import Actor
from jejaring.network import Network
from jejaring.periods import Quarter
from jejaring.report.document import Document
from jejaring.report.sections import build

__all__ = ["FORMATS", "write", "build", "render", "Document"]

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
"""The file suffixes the report can be written as, and the format each means."""


def render(doc: Document, fmt: str) -> bytes:
    """The document as the bytes of an ``html`` or ``pdf`` file."""
    if fmt == "pdf":
        from jejaring.report.pdf import to_pdf

        return to_pdf(doc)
    from jejaring.report.html import to_html

    return to_html(doc).encode("utf-8")


def _network(source: Any, area: str | None, at: date | None, quarter: Quarter | str | None) -> tuple[Network, list]:
    """The view to report on and the organisations the plan may propose."""
    if isinstance(source, Network):
        return source, []
    from jejaring.vocab import ActorKind

    kecamatan = source.kecamatan
    net = source.network(area=area or (kecamatan.code if kecamatan else None))
    if quarter is not None:
        net = net.quarter(quarter)
    else:
        net = net.at(at or date.today())
    kinds = [ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT]
    return net, source.store.actors(kinds=kinds)


def write(
    source: Any,
    path: str | Path,
    *,
    lang: str = "id",
    include_contacts: bool = False,
    budget: int = 5,
    top: int = 3,
    villages: int = 3,
    quarter: Quarter | str | None = None,
    at: date | None = None,
    area: str | None = None,
    partners: Sequence[Actor] | None = None,
) -> Path:
    """Write the report on ``source`` (a :class:`~jejaring.workspace.Workspace` or a
    :class:`~jejaring.network.Network`) to ``path``, as HTML or PDF by its suffix; return the path.

    For a workspace the view is its kecamatan (or ``area``, a Kemendagri code) with the ties in
    force on ``at`` (default today), or over ``quarter``; the plan may then also propose the
    workspace's organisations not yet tied here. A network is reported as it is; ``partners``
    are organisations the plan may propose though they have no tie in the view. ``budget``
    bounds the plan, ``top`` the suggestions for each of the ``villages`` villages with the
    most severe gaps. The file is replaced whole, or not at all.
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise JejaringError("report.bad_suffix", path=str(target), suffixes=", ".join(FORMATS))
    if not target.parent.is_dir():
        raise JejaringError("report.no_folder", path=str(target), folder=str(target.parent))
    net, found = _network(source, area, at, quarter)
    doc = build(net, lang=lang, include_contacts=include_contacts, budget=budget, top=top, villages=villages,
                quarter=quarter, partners=found if partners is None else partners)
    data = render(doc, fmt)
    handle, staging = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(staging, 0o644)
        os.replace(staging, target)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return target

