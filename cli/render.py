"""Print rows as an aligned table, JSON or CSV: the three ``--format`` choices of every listing.

>>> print(table([{"id": "a", "name": "Bangun Rejo"}], [("id", "ID"), ("name", "Nama")]))
ID  Nama
--  -----------
a   Bangun Rejo
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["FORMATS", "table", "to_json", "to_csv", "render", "cell", "changes_report"]

FORMATS = ("table", "json", "csv")
Columns = Sequence[tuple[str, str]]
MAX_WIDTH = 48


def cell(value: Any) -> str:
    """Format one value for a table or CSV cell: lists joined by ``; ``, ``None`` empty.

    >>> cell(["a", "b"]), cell(None), cell(3)
    ('a; b', '', '3')
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def table(rows: Sequence[Mapping[str, Any]], columns: Columns) -> str:
    """Align ``rows`` under the ``(key, header)`` columns; long cells are clipped."""
    grid = [[header for _, header in columns]]
    grid += [[_clip(cell(row.get(key))) for key, _ in columns] for row in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    lines = [grid[0], ["-" * w for w in widths], *grid[1:]]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines)


def changes_report(changes: Any) -> str:
    """One line per record type: how many were added, updated and left unchanged by a write."""
    from jejaring.i18n import t
    from jejaring.store.base import RECORD_TYPES

    return "\n".join(
        t(
            "cli.changes",
            what=t(f"cli.records.{record_type}"),
            added=changes.added[record_type],
            updated=changes.updated[record_type],
            unchanged=changes.unchanged[record_type],
        )
        for record_type in RECORD_TYPES
    )


def to_json(records: Any) -> str:
    """JSON with Indonesian names kept readable (no ``\\u`` escapes)."""
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV of ``rows`` under ``columns``, neutralised against spreadsheet formula injection."""
    from jejaring.io.export import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(cell(row.get(key))) for key in columns])
    return out.getvalue().rstrip("\n")


def render(
    fmt: str,
    *,
    rows: Sequence[Mapping[str, Any]],
    columns: Columns,
    records: Any = None,
) -> str:
    """Render in ``fmt``: the table shows ``columns`` of ``rows``; JSON shows ``records``
    (the full model records, defaulting to ``rows``); CSV shows every key of ``records``."""
    if fmt == "table":
        return table(rows, columns)
    data = rows if records is None else records
    if fmt == "json":
        return to_json(data)
    keys = list(dict.fromkeys(k for record in data for k in record)) or [k for k, _ in columns]
    return to_csv(data, keys)
