"""Several processes on one SQLite workspace: importers and readers at once neither corrupt
it nor fail with a raw "database is locked"; a writer waits its turn, or says in one
sentence that the workspace is busy.

Three importers bring overlapping NGOs (the same ids under other names) while two readers
list the NGOs over and over. The store must end as one of the six serial orders of the
imports leaves it, and every listing must show the state after some of the imports, each
whole.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jejaring.io.importer import read_batch
from jejaring.store import SqliteStore

CLI = [sys.executable, "-c", "from jejaring_cli.main import main; main()", "--lang", "en"]
PER_FILE = 600
FILES = {"a": 0, "b": PER_FILE // 2, "c": PER_FILE}  # first NGO number of each file: each overlaps the next


def write_files(folder: Path, name: str, first: int) -> list[Path]:
    """NGOs ``first`` .. ``first + PER_FILE - 1`` named after the file, each with a tie to a village."""
    numbers = range(first, first + PER_FILE)
    actors = ["id;jenis;nama;kode wilayah"] + [f"lsm-{n:05d};LSM;LSM {n} dari {name};18.02.02" for n in numbers]
    ties = ["dari;ke;jenis;sejak"]
    ties += [f"lsm-{n:05d};18.02.02.20{1 + n % 17:02d};pendampingan;01/02/2024" for n in numbers]
    paths = [folder / f"aktor_{name}.csv", folder / f"ikatan_{name}.csv"]
    for path, lines in zip(paths, (actors, ties), strict=True):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def names(batch_actors) -> dict[str, str]:
    return {actor.id: actor.name for actor in batch_actors}


def reachable(imports: dict[str, dict[str, str]]) -> tuple[set[frozenset], dict[tuple[str, ...], frozenset]]:
    """Every state some imports leave, one after another, and the final state of each order."""
    states, finals = {frozenset()}, {}
    for order in itertools.permutations(imports):
        state: dict[str, str] = {}
        for step in order:
            state.update(imports[step])
            states.add(frozenset(state.items()))
        finals[order] = frozenset(state.items())
    return states, finals


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    subprocess.run([*CLI, "init", str(folder), "--kecamatan", "18.02.02"], check=True, stdout=subprocess.DEVNULL)
    return folder


def test_three_importers_and_two_readers_at_once(workspace: Path, tmp_path: Path) -> None:
    paths = {name: write_files(tmp_path, name, first) for name, first in FILES.items()}
    imports = {name: names(read_batch(files)[0].actors) for name, files in paths.items()}
    states, finals = reachable(imports)

    importers = {
        name: subprocess.Popen(
            [*CLI, "import", *map(str, files), "-w", str(workspace)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, files in paths.items()
    }
    seen: list[tuple[int, str, str]] = []

    def read_until_done() -> None:
        while True:
            done = all(process.poll() is not None for process in importers.values())
            listing = subprocess.run(
                [*CLI, "ls", "actors", "--kind", "ngo", "--format", "json", "-w", str(workspace)],
                capture_output=True,
                text=True,
            )
            seen.append((listing.returncode, listing.stdout, listing.stderr))
            if done:
                return

    readers = [threading.Thread(target=read_until_done) for _ in range(2)]
    for reader in readers:
        reader.start()
    results = {name: (process.wait(timeout=120), *process.communicate()) for name, process in importers.items()}
    for reader in readers:
        reader.join(timeout=120)

    finished = [name for name, (code, _, _) in results.items() if code == 0]
    for name, (code, _, error) in results.items():
        assert "database is locked" not in error
        if code != 0:  # the only acceptable failure: one sentence saying the workspace is busy
            assert error.strip() == f"Error: The workspace {workspace.resolve() / 'jejaring.sqlite'} is busy: another" \
                " jejaring command is writing to it. Wait until it has finished and try again.", name
    assert finished, results

    with sqlite3.connect(workspace / "jejaring.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with SqliteStore(workspace / "jejaring.sqlite") as store:
        final = frozenset(names(store.actors(kinds=["ngo"])).items())
        assert len(store.ties(kinds=["support"])) == len(set().union(*(imports[name] for name in finished)))
    orders = [order for order, state in finals.items() if state == final]
    assert orders and set(orders[0]) == set(finished)

    assert len(seen) >= 4
    for code, output, error in seen:
        assert code == 0 and error == "", error
        listed = frozenset((record["id"], record["name"]) for record in json.loads(output))
        assert listed in states


def test_a_writer_held_too_long_makes_the_next_one_say_busy(workspace: Path, tmp_path: Path) -> None:
    """Another process holds the write lock past the wait (shortened here to half a second):
    the import says the workspace is busy and changes nothing; a listing still works."""
    store = workspace / "jejaring.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(store)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    sheet = tmp_path / "aktor.csv"
    sheet.write_text("id;jenis;nama\nlsm-baru;LSM;LSM Baru\n", encoding="utf-8")
    short_wait = "import jejaring.store.sqlite as s; s.BUSY_TIMEOUT_S = 0.5; from jejaring_cli.main import main; main()"
    importer = subprocess.run(
        [sys.executable, "-c", short_wait, "--lang", "id", "import", str(sheet), "-w", str(workspace)],
        capture_output=True,
        text=True,
    )
    listing = subprocess.run(
        [*CLI, "ls", "actors", "--format", "json", "-w", str(workspace)], capture_output=True, text=True
    )
    holder.communicate("release\n", timeout=30)
    assert importer.returncode == 1
    assert importer.stderr.strip() == (
        f"Kesalahan: Ruang kerja {store.resolve()} sedang sibuk: perintah jejaring lain sedang menulis ke sana."
        " Tunggu sampai selesai, lalu coba lagi."
    )
    assert listing.returncode == 0 and len(json.loads(listing.stdout)) == 17
    with SqliteStore(store) as opened:
        assert opened.actor("lsm-baru") is None


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""
