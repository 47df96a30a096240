"""The Neo4j server stops in the middle of a push: the push says so in one sentence naming the
server (never the password) and that running it again finishes the copy; once the server is
back with its data, the same push completes it, with nothing lost and nothing doubled.

The test runs a server of its own (``scripts/neo4j-test-server.sh``), not the session's shared
one, because it stops it: ``stop --keep`` ends the server and keeps its database, ``restart``
starts it again on the same port with that database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from neo4j_fixture import DEFAULT_PASSWORD, SCRIPT

import jejaring.workspace
from jejaring.store.neo4j import Neo4jStore
from jejaring.synth import generate_area

PASSWORD = DEFAULT_PASSWORD + "-faults"
CLI = [sys.executable, "-c", "from jejaring_cli.main import main; main()", "--lang", "en"]
SHORT_RETRY = (  # the driver retries for 30 s before giving up on a lost server; 1 s is enough here
    "import jejaring.store.neo4j as s; s.RETRY_S = 1.0; from jejaring_cli.main import main; main()"
)
BATCH = 150  # records per batch: the kabupaten's 8,800 records go in some 60 batches


def script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], env={**os.environ, "NEO4J_PASSWORD": PASSWORD}, capture_output=True, text=True
    )


@pytest.fixture
def server() -> Iterator[str]:
    """A server of this test's own, stopped (and its database deleted) at the end whatever happens."""
    if os.environ.get("JEJARING_SKIP_NEO4J") == "1" and not os.environ.get("CI"):
        pytest.skip("JEJARING_SKIP_NEO4J=1: the tests that need Neo4j are skipped")
    started = script("start")
    assert started.returncode == 0, started.stderr
    url = started.stdout.split()[-1]
    try:
        yield url
    finally:
        script("stop", url)


@pytest.fixture
def kabupaten(tmp_path: Path) -> Path:
    """A SQLite workspace holding the synthetic Kabupaten Lampung Utara (18.02), seed 1."""
    folder = tmp_path / "ws"
    with jejaring.workspace.init(folder, kecamatan="18.02.02", templates=False) as ws:
        for part in generate_area("18.02", seed=1):
            ws.store.write(part)
    return folder


def stored_actors(url: str) -> int:
    with neo4j.GraphDatabase.driver(url, auth=("neo4j", PASSWORD)) as driver:
        return driver.execute_query("MATCH (a:Actor) RETURN count(a) AS n").records[0]["n"]


def test_a_push_cut_off_by_a_stopped_server_is_finished_by_running_it_again(server: str, kabupaten: Path) -> None:
    push = ["push", "--to", server, "-w", str(kabupaten), "--batch-size", str(BATCH)]
    env = {**os.environ, "NEO4J_PASSWORD": PASSWORD}
    process = subprocess.Popen([sys.executable, "-c", SHORT_RETRY, "--lang", "en", *push], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while stored_actors(server) < 2 * BATCH:  # at least two batches are in
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        stopped = script("stop", "--keep", server)
        assert stopped.returncode == 0, stopped.stderr
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1, (out, err)
    assert PASSWORD not in out + err
    lines = err.strip().splitlines()  # nothing from the driver: just jejaring's two sentences
    assert lines[0].endswith(
        "run the same command again to finish the copy: records are written by id, so nothing is duplicated."
    )
    assert int(lines[0].split()[0]) >= 2  # batches written before the failure
    assert lines[1:] == [
        f"Error: The connection to the Neo4j server at {server} was lost and the unfinished change was not kept;"
        " check the server, then try again."
    ]

    restarted = script("restart", server)
    assert restarted.returncode == 0, restarted.stderr
    assert restarted.stdout.split()[-1] == server
    again = subprocess.run([*CLI, *push], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr

    with jejaring.workspace.open(kabupaten) as ws, Neo4jStore(server, auth=("neo4j", PASSWORD)) as shared:
        source = ws.store
        assert shared.actors() == source.actors()
        assert shared.ties() == source.ties()
        assert shared.meetings() == source.meetings()
        counts = shared.counts()
        assert counts["ties"] == len(source.ties()) and counts["meetings"] == len(source.meetings())
        assert sum(n for kind, n in counts.items() if kind not in ("ties", "meetings")) == len(source.actors())
