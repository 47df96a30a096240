"""Export the network: JSON, CSV tables that import again, and GraphML or GEXF for Gephi.

Personal data (people's phone numbers, e-mail addresses, contact names; see
:func:`jejaring.model.personal_fields`) is left out unless ``include_personal=True``.
CSV cells that a spreadsheet would run as a formula are guarded with a leading quote
(:func:`~jejaring.io.cells.neutralise`; text fields always, numbers never), and the
importer takes the quote off again.

>>> import json, tempfile, pathlib
>>> from jejaring.model import parse_actor
>>> village = parse_actor({"kind": "desa", "code": "18.02.02.2005", "name": "Bangun Rejo"})
>>> out = pathlib.Path(tempfile.mkdtemp()) / "network.json"
>>> export([village], out, format="json")[0].name
'network.json'
>>> json.loads(out.read_text("utf-8"))["actors"][0]["code"]
'18.02.02.2005'
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jejaring.errors import JejaringError
from jejaring.io.cells import neutralise
from jejaring.model import ACTOR_TYPES, Meeting, Tie, personal_fields
from jejaring.store.base import RECORD_TYPES, Batch, RecordType, Store

__all__ = ["FORMATS", "LIST_SEPARATOR", "CsvWriter", "export", "collect", "record_fields", "records_to_rows", "graph", "neutralise"]

FORMATS = ("json", "csv", "graphml", "gexf")
LIST_SEPARATOR = "; "
_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")


def collect(source: Store | Batch | Iterable[BaseModel]) -> Batch:
    """All records of a store, a batch as it is, or records sorted into a batch by type."""
    if isinstance(source, Batch):
        return source
    if isinstance(source, Store):
        return Batch(actors=source.actors(), ties=source.ties(), meetings=source.meetings())
    batch = Batch()
    for record in source:
        if isinstance(record, Tie):
            batch.ties.append(record)
        elif isinstance(record, Meeting):
            batch.meetings.append(record)
        else:
            batch.actors.append(record)
    return batch


def record_fields(record_type: RecordType, *, include_personal: bool = False) -> list[str]:
    """The exported fields of ``record_type``, in model order (actors: every kind's fields).

    >>> record_fields("meetings")
    ['id', 'type', 'date', 'title', 'village', 'host', 'attendees', 'notes']
    """
    models = list(ACTOR_TYPES.values()) if record_type == "actors" else [Tie if record_type == "ties" else Meeting]
    names: dict[str, None] = {}
    for model in models:
        hidden = set() if include_personal else personal_fields(model)
        names.update((name, None) for name in model.model_fields if name not in hidden)
    return list(names)


def _scalar(value: Any) -> Any:
    """A value as one cell or graph attribute: lists joined, enums as codes, dates ISO."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(_scalar(item)) for item in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _values(record: BaseModel, include_personal: bool) -> dict[str, Any]:
    """The record's set fields as scalars, personal ones only when asked for."""
    hidden = set() if include_personal else personal_fields(type(record))
    return {
        name: _scalar(value)
        for name in type(record).model_fields
        if name not in hidden and (value := getattr(record, name)) is not None
    }


def records_to_rows(records: Iterable[BaseModel], *, include_personal: bool = False) -> list[dict[str, Any]]:
    """Records as flat dicts of scalar values (missing values left out).

    >>> from jejaring.model import Tie
    >>> records_to_rows([Tie(kind="berbagi", source="a", target="b", resources="air; lahan")])[0]["resources"]
    'land; water'
    """
    return [_values(record, include_personal) for record in records]


def export(
    source: Store | Batch | Iterable[BaseModel], path: str | Path, *, format: str, include_personal: bool = False
) -> list[Path]:
    """Write the records of ``source`` to ``path`` in ``format`` (see :data:`FORMATS`).

    For ``csv``, ``path`` is a directory (written ``actors.csv``, ``ties.csv``,
    ``meetings.csv``) unless it ends in ``.csv``, which makes it a prefix: ``out/kec.csv``
    gives ``out/kec_actors.csv`` and so on. Returns the files written.
    """
    if format not in FORMATS:
        raise JejaringError("export.unknown_format", format=format, choices=", ".join(FORMATS))
    batch, path = collect(source), Path(path)
    if format == "csv":
        return _write_csv(batch, path, include_personal)
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "json":
        document = {kind: [_dump(record, include_personal) for record in getattr(batch, kind)] for kind in RECORD_TYPES}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return [path]
    import networkx as nx

    writer = nx.write_graphml if format == "graphml" else nx.write_gexf
    writer(graph(batch, include_personal=include_personal), path)
    return [path]


def _dump(record: BaseModel, include_personal: bool) -> dict[str, Any]:
    """The record as JSON data under the model's field names; lists stay lists."""
    hidden = set() if include_personal else personal_fields(type(record))
    return record.model_dump(mode="json", exclude=hidden, exclude_none=True)


def _write_csv(batch: Batch, path: Path, include_personal: bool) -> list[Path]:
    with CsvWriter(path, include_personal=include_personal) as writer:
        writer.write(batch)
    return writer.paths


class CsvWriter:
    """Write batches one after another into the three CSV tables, never holding them all.

    ``path`` is a directory (``actors.csv``, ``ties.csv``, ``meetings.csv``) or, ending in
    ``.csv``, a prefix (``out/kec.csv`` gives ``out/kec_actors.csv`` and so on). With
    ``append``, tables already there are added to rather than replaced.

    >>> import tempfile, pathlib
    >>> from jejaring.model import parse_actor
    >>> village = parse_actor({"kind": "desa", "code": "18.02.02.2005", "name": "Bangun Rejo"})
    >>> with CsvWriter(pathlib.Path(tempfile.mkdtemp())) as writer:
    ...     writer.write(Batch(actors=[village]))
    >>> writer.paths[0].read_text("utf-8-sig").splitlines()[1][:28]
    '18.02.02.2005,Bangun Rejo,,,'
    """

    def __init__(self, path: Path, *, include_personal: bool = False, append: bool = False) -> None:
        if path.suffix.lower() == ".csv":
            path.parent.mkdir(parents=True, exist_ok=True)
            targets = {kind: path.with_name(f"{path.stem}_{kind}.csv") for kind in RECORD_TYPES}
        else:
            path.mkdir(parents=True, exist_ok=True)
            targets = {kind: path / f"{kind}.csv" for kind in RECORD_TYPES}
        self.paths = list(targets.values())
        self.include_personal = include_personal
        self._fields = {kind: record_fields(kind, include_personal=include_personal) for kind in RECORD_TYPES}
        adding = {kind: append and target.exists() for kind, target in targets.items()}
        self._handles = {
            kind: target.open("a", encoding="utf-8", newline="") if adding[kind]
            else target.open("w", encoding="utf-8-sig", newline="")
            for kind, target in targets.items()
        }
        self._writers = {kind: csv.writer(handle, lineterminator="\r\n") for kind, handle in self._handles.items()}
        for kind, writer in self._writers.items():
            if not adding[kind]:
                writer.writerow(self._fields[kind])

    def write(self, batch: Batch) -> None:
        """Append the records of ``batch`` to their tables."""
        for kind in RECORD_TYPES:
            fields, writer = self._fields[kind], self._writers[kind]
            for row in records_to_rows(getattr(batch, kind), include_personal=self.include_personal):
                writer.writerow([_cell(row.get(name)) for name in fields])

    def close(self) -> None:
        """Flush and close the three files."""
        for handle in self._handles.values():
            handle.close()

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cell(value: Any) -> str:
    """One CSV cell: numbers as they are, text guarded against formula injection.

    A decimal with three digits after the point gets a fourth, a zero, since ``105.221``
    reads as one hundred and five thousand in Indonesian writing (and on import).

    >>> _cell(105.221), _cell(-4.8231), _cell(1234), _cell("=1+1")
    ('105.2210', '-4.8231', '1234', "'=1+1")
    """
    if value is None:
        return ""
    if isinstance(value, float) and _THOUSANDS.match(str(value)):
        return f"{value}0"
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value), keep_numbers=False)


def graph(source: Store | Batch | Iterable[BaseModel], *, include_personal: bool = False) -> Any:
    """A ``networkx.MultiDiGraph``: actors as nodes (``label`` = name), ties as edges keyed by
    tie id (``label`` = tie kind); attribute values are scalars so Gephi opens the file."""
    import networkx as nx

    batch = collect(source)
    network = nx.MultiDiGraph()
    for actor in batch.actors:
        attributes = _values(actor, include_personal)
        del attributes["id"]
        network.add_node(actor.id, label=actor.name, **attributes)
    for tie in batch.ties:
        attributes = _values(tie, include_personal)
        for name in ("id", "source", "target"):
            del attributes[name]
        network.add_edge(tie.source, tie.target, key=tie.id, label=tie.kind.value, **attributes)
    return network
