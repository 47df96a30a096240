"""Write a synthetic network as the three spreadsheets ``jejaring import`` reads, on every core.

Provinces are independent in the generator (each kabupaten is seeded by its code, and a
province's organisations come with its first kabupaten), so a country is written province by
province in worker processes, each into files of its own, which are then joined in code
order: the result is byte for byte what one process writing the whole country would give.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "metro"
>>> totals = write_spreadsheets(folder, "18.72", seed=1, quarters=1)
>>> sorted(p.name for p in folder.iterdir()), totals.villages
(['actors.csv', 'meetings.csv', 'ties.csv'], 22)
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from jejaring import synth
from jejaring.gazetteer import gazetteer
from jejaring.io.export import CsvWriter
from jejaring.store.base import RECORD_TYPES, Batch
from jejaring.workspace import staged

__all__ = ["Totals", "write_spreadsheets", "parts_of", "villages_in"]


@dataclass
class Totals:
    """What was generated: actors and ties by kind, meetings, attendance records, villages."""

    actors: Counter[str] = field(default_factory=Counter)
    ties: Counter[str] = field(default_factory=Counter)
    meetings: int = 0
    attendance: int = 0
    villages: int = 0
    batches: int = 0

    def add(self, batch: Batch) -> None:
        """Count the records of ``batch``."""
        self.actors.update(actor.kind.value for actor in batch.actors)
        self.ties.update(tie.kind.value for tie in batch.ties)
        self.meetings += len(batch.meetings)
        self.attendance += sum(len(meeting.attendees) for meeting in batch.meetings)
        self.villages += villages_in(batch)
        self.batches += 1

    def merge(self, other: Totals) -> None:
        """Add the counts of ``other``."""
        self.actors.update(other.actors)
        self.ties.update(other.ties)
        self.meetings += other.meetings
        self.attendance += other.attendance
        self.villages += other.villages
        self.batches += other.batches


def villages_in(batch: Batch) -> int:
    """How many villages ``batch`` brings: what the progress of a synthetic network counts."""
    return sum(actor.kind.value == "village" for actor in batch.actors)


def parts_of(code: str | None) -> list[str | None]:
    """The independent parts the area of ``code`` is generated in: its provinces when it is the
    whole country, else the area itself.

    >>> len(parts_of(None)), parts_of("18.02")
    (38, ['18.02'])
    """
    return [p.code for p in gazetteer().areas("province")] if code is None else [code]


def write_spreadsheets(
    target: Path,
    code: str | None,
    *,
    seed: int,
    quarters: int,
    workers: int | None = None,
    on_villages: Callable[[int], None] | None = None,
) -> Totals:
    """Write the synthetic network of ``code`` (``None``: all Indonesia) as ``actors.csv``,
    ``ties.csv`` and ``meetings.csv`` in the new folder ``target``, with personal fields.

    ``workers`` processes share the parts (default: one per core); ``on_villages(n)`` hears
    of each part's villages once it is written. Nothing is left at ``target`` on failure.
    """
    parts = parts_of(code)
    workers = min(workers or os.cpu_count() or 1, len(parts))
    totals = Totals()
    with staged(target) as staging:
        if workers == 1:
            for part in parts:
                totals.merge(_write_part(part, staging, seed, quarters, on_villages))
            return totals
        pieces = Path(tempfile.mkdtemp(prefix="parts-", dir=staging))
        folders = [pieces / f"{index:03d}" for index in range(len(parts))]
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            running = [pool.submit(_write_part, part, folder, seed, quarters) for part, folder in zip(parts, folders)]
            for future in as_completed(running):
                done = future.result()
                totals.merge(done)
                if on_villages is not None:
                    on_villages(done.villages)
        _join(folders, staging)
        shutil.rmtree(pieces)
    return totals


def _write_part(
    code: str | None, folder: Path, seed: int, quarters: int, on_villages: Callable[[int], None] | None = None
) -> Totals:
    """Write one part's spreadsheets into ``folder`` (appending when it already holds some)."""
    totals = Totals()
    with CsvWriter(folder, include_personal=True, append=True) as writer:
        for batch in synth.generate_area(code, seed=seed, quarters=quarters):
            writer.write(batch)
            totals.add(batch)
            if on_villages is not None:
                on_villages(villages_in(batch))
    return totals


def _join(folders: Sequence[Path], target: Path) -> None:
    """Join the parts' tables in order into ``target``: the first part whole, the others
    without their header line."""
    for kind in RECORD_TYPES:
        with (target / f"{kind}.csv").open("wb") as joined:
            for index, folder in enumerate(folders):
                with (folder / f"{kind}.csv").open("rb") as part:
                    if index:
                        part.readline()  # the header (after the byte-order mark) is written once
                    shutil.copyfileobj(part, joined, length=1 << 20)
