"""Spreadsheets of a synthetic network written on several cores are the ones a single
process writes, byte for byte, and they hold what the generator made."""

from __future__ import annotations

from pathlib import Path

import pytest

from jejaring import synth, synth_files
from jejaring.errors import JejaringError
from jejaring.io.export import CsvWriter
from jejaring.io.importer import read_batch

PROVINCES = ["19", "34"]  # Kepulauan Bangka Belitung and DI Yogyakarta: two small provinces


def test_parallel_parts_join_into_what_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with CsvWriter(tmp_path / "one", include_personal=True) as writer:
        for code in PROVINCES:
            for batch in synth.generate_area(code, seed=5, quarters=1):
                writer.write(batch)
    monkeypatch.setattr(synth_files, "parts_of", lambda code: PROVINCES)
    heard: list[int] = []
    totals = synth_files.write_spreadsheets(tmp_path / "two", None, seed=5, quarters=1, workers=2, on_villages=heard.append)
    for name in ("actors.csv", "ties.csv", "meetings.csv"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == ["actors.csv", "meetings.csv", "ties.csv"]
    batch, _ = read_batch(sorted((tmp_path / "two").glob("*.csv")))
    assert totals.villages == sum(heard) == sum(a.kind.value == "village" for a in batch.actors)
    assert sum(totals.actors.values()) == len(batch.actors) and sum(totals.ties.values()) == len(batch.ties)
    assert totals.meetings == len(batch.meetings)
    assert totals.attendance == sum(len(m.attendees) for m in batch.meetings)


def test_a_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth_files, "parts_of", lambda code: ["19", "99"])  # 99 is no province
    with pytest.raises(JejaringError):
        synth_files.write_spreadsheets(tmp_path / "out", None, seed=5, quarters=1, workers=2)
    assert list(tmp_path.iterdir()) == []
