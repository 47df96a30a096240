"""Crash safety: ``jejaring import`` killed with SIGKILL at random moments leaves a store that
opens, passes SQLite's integrity and foreign-key checks, and holds either all of the import
or none of it.

One import runs to the end first: it gives the store as it must be afterwards, and the
moment its write starts (the write-ahead log begins to grow). Then each trial copies the
fresh workspace, starts the same import, and kills it at a moment drawn from a seeded
generator: a third of the trials while the rows are still being read and checked, the rest
after the write has started, at a random delay of up to twice what the write took.

The imports run with a small page cache (64 KiB instead of 64 MiB), so that SQLite writes
pages to the log while the transaction is still open, as it does for imports larger than
its cache: kills then also land between the first page written and the commit.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

KILLS = 28
PARALLEL = 4
SEED = 20240501
ACTORS = 3000
SMALL_CACHE = "import jejaring.store.sqlite as s; s.CACHE_SIZE = -64; from jejaring_cli.main import main; main()"
CLI = [sys.executable, "-c", SMALL_CACHE, "--lang", "en"]
TABLES = (("actors", "id"), ("ties", "id"), ("meetings", "id"), ("meeting_attendees", "meeting_id, actor_id"))


@dataclass(frozen=True)
class Timing:
    write: float  # seconds from start until the log grows
    end: float  # seconds from start until the process exits


def import_files(folder: Path) -> list[Path]:
    """NGOs, a support tie from each to a village, and meetings they attend."""
    actors = ["id;jenis;nama;kode wilayah;catatan"]
    actors += [f"lsm-{n:05d};LSM;Lembaga Swadaya {n};18.02.02;catatan {n}" for n in range(ACTORS)]
    ties = ["dari;ke;jenis;sejak"]
    ties += [f"lsm-{n:05d};18.02.02.20{1 + n % 17:02d};pendampingan;01/01/2024" for n in range(ACTORS)]
    meetings = ["id;jenis rapat;tanggal;kode desa;peserta"]
    meetings += [
        f"rapat-{n:04d};rakor;{1 + n % 28:02d}/03/2024;18.02.02.2005;"
        + ", ".join(f"lsm-{(n * 7 + k) % ACTORS:05d}" for k in range(5))
        for n in range(ACTORS // 10)
    ]
    paths = []
    for name, lines in (("aktor.csv", actors), ("ikatan.csv", ties), ("rapat.csv", meetings)):
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run_import(
    workspace: Path, files: list[Path], kill_at: float | None = None, *, from_write: bool = False
) -> tuple[Timing | None, bool]:
    """Run the import to its end, or kill it ``kill_at`` seconds after it started (after its
    write started, with ``from_write``). Returns the timing of a whole run, and whether it was killed."""
    log = workspace / "jejaring.sqlite-wal"
    start = time.perf_counter()
    process = subprocess.Popen([*CLI, "import", *map(str, files), "-w", str(workspace)], stdout=subprocess.DEVNULL)
    write = None
    while process.poll() is None:
        now = time.perf_counter() - start
        if write is None and log.exists() and log.stat().st_size > 0:
            write = now
        origin = write if from_write else 0.0
        if kill_at is not None and origin is not None and now >= origin + kill_at:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return None, True
        time.sleep(0.001)
    assert kill_at is not None or process.returncode == 0
    return Timing(write or 0.0, time.perf_counter() - start), False


def digest(path: Path) -> tuple[str, str, list]:
    """Check the file as SQLite sees it, and fingerprint everything it holds."""
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        content = hashlib.sha256()
        for table, order in TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                content.update(repr(row).encode())
        return integrity, content.hexdigest(), foreign
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "ws"
    subprocess.run([*CLI, "init", str(folder), "--kecamatan", "18.02.02"], check=True, stdout=subprocess.DEVNULL)
    return folder


def test_killed_imports_leave_all_or_nothing(fresh: Path, tmp_path: Path) -> None:
    files = import_files(tmp_path)
    _, none, _ = digest(fresh / "jejaring.sqlite")
    reference = tmp_path / "reference"
    shutil.copytree(fresh, reference)
    timing, _ = run_import(reference, files)
    _, everything, _ = digest(reference / "jejaring.sqlite")
    assert timing is not None and everything != none

    rng = random.Random(SEED)
    window = max(timing.end - timing.write, 0.05)
    plans = [(rng.uniform(0.2, timing.write), False) for _ in range(KILLS // 3)]
    plans += [(rng.uniform(0, 2 * window), True) for _ in range(KILLS - len(plans))]

    def trial(n: int) -> tuple[bool, str, str, list]:
        workspace = tmp_path / f"trial-{n}"
        shutil.copytree(fresh, workspace)
        kill_at, from_write = plans[n]
        _, killed = run_import(workspace, files, kill_at, from_write=from_write)
        return (killed, *digest(workspace / "jejaring.sqlite"))

    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(trial, range(KILLS)))
    outcomes = []
    for killed, integrity, content, foreign in results:
        assert integrity == "ok" and foreign == []
        assert content in (none, everything)
        outcomes.append((killed, "all" if content == everything else "none"))
    assert sum(killed for killed, _ in outcomes) >= 20  # the others had finished already
    print(f"\n{KILLS} trials, reference import {timing.end:.2f} s (write from {timing.write:.2f} s):", outcomes)
