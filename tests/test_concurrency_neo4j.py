"""Several processes pushing overlapping workspaces to one Neo4j server at once end as one of
the serial orders of the pushes would: no id doubled, no push half-written.

Three workspaces hold NGOs ``lsm-00000`` ... under the same ids with other names, each one
overlapping both others, and for every NGO a tie ``ikatan-<n>`` to a village under the
same id but of another kind in each workspace (support, funding, partnership): a tie id is
unique across kinds only by the store's own care, as no constraint spans relationship types::

    a: lsm-0000..0399  "LSM n dari a"  ikatan-n: support
    b: lsm-0200..0599  "LSM n dari b"  ikatan-n: funding
    c: lsm-0100..0499  "LSM n dari c"  ikatan-n: partnership

Each push fits in one batch, so each is one transaction, and the server must end holding
what one of the six orders of the three pushes, run one after another, leaves.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from neo4j_fixture import Neo4jServer

import jejaring.workspace
from jejaring.model import Tie, parse_actor
from jejaring.store import Batch
from jejaring.sync import batches

CLI = [sys.executable, "-c", "from jejaring_cli.main import main; main()", "--lang", "en"]
PER_WORKSPACE = 400
WORKSPACES = {"a": (0, "support"), "b": (PER_WORKSPACE // 2, "funding"), "c": (PER_WORKSPACE // 4, "partnership")}

State = frozenset[tuple[str, tuple[str, ...]]]


def records(name: str, first: int, kind: str) -> Batch:
    numbers = range(first, first + PER_WORKSPACE)
    actors = [
        parse_actor({"kind": "ngo", "id": f"lsm-{n:05d}", "name": f"LSM {n} dari {name}", "area": "18.02.02"})
        for n in numbers
    ]
    ties = [
        Tie(id=f"ikatan-{n:05d}", kind=kind, source=f"lsm-{n:05d}", target=f"18.02.02.20{1 + n % 17:02d}")
        for n in numbers
    ]
    return Batch(actors=actors, ties=ties)


def state_of(batch: Batch) -> dict[str, tuple[str, ...]]:
    """What a push writes, by id: an NGO's name, a tie's kind and ends."""
    state: dict[str, tuple[str, ...]] = {a.id: (a.name,) for a in batch.actors}
    state |= {t.id: (t.kind.value, t.source, t.target) for t in batch.ties}
    return state


def serial_finals(pushes: dict[str, dict[str, tuple[str, ...]]]) -> dict[tuple[str, ...], State]:
    """The state each order of the pushes leaves, run one after another."""
    finals = {}
    for order in itertools.permutations(pushes):
        state: dict[str, tuple[str, ...]] = {}
        for name in order:
            state.update(pushes[name])
        finals[order] = frozenset(state.items())
    return finals


@pytest.fixture
def driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


def test_three_overlapping_pushes_at_once_end_as_one_serial_order(
    neo4j_server: Neo4jServer, driver: neo4j.Driver, tmp_path: Path
) -> None:
    pushes = {}
    for name, (first, kind) in WORKSPACES.items():
        batch = records(name, first, kind)
        with jejaring.workspace.init(tmp_path / name, kecamatan="18.02.02", templates=False, batch=batch):
            pushes[name] = state_of(batch)
    finals = serial_finals(pushes)
    assert len(set(finals.values())) == 5  # only "a, b, c" and "b, a, c" end alike: c overwrites all

    env = {**os.environ, "NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password}
    processes = {
        name: subprocess.Popen(
            [*CLI, "push", "--to", neo4j_server.url, "-w", str(tmp_path / name)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in WORKSPACES
    }
    try:
        results = {name: (p.wait(timeout=150), *p.communicate()) for name, p in processes.items()}
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    for name, (code, out, err) in results.items():
        assert code == 0 and err == "", (name, out, err)
        assert "in 1 batch(es)" in out

    actors = driver.execute_query(
        "MATCH (a:Ngo) RETURN a.id AS id, a.name AS name, count(*) AS n ORDER BY id"
    ).records
    ties = driver.execute_query(
        "MATCH (s)-[r]->(t:Village) RETURN r.id AS id, r.kind AS kind, type(r) AS type, s.id AS source,"
        " t.id AS target ORDER BY id"
    ).records
    assert len({r["id"] for r in actors}) == len(actors)
    assert len({r["id"] for r in ties}) == len(ties)  # no tie id under two types
    assert all(r["type"] == r["kind"].upper() for r in ties)
    final = frozenset(
        [(r["id"], (r["name"],)) for r in actors] + [(r["id"], (r["kind"], r["source"], r["target"])) for r in ties]
    )
    assert [order for order, state in finals.items() if state == final], "not the result of any serial order"


TIES = 1200
TIE_BATCH = 150


def test_one_tie_id_pushed_under_two_kinds_at_once_is_stored_once(
    neo4j_server: Neo4jServer, driver: neo4j.Driver, tmp_path: Path
) -> None:
    """Two workspaces with the same NGOs, and ties ``ikatan-<n>`` of one kind in the first and
    another in the second, pushed at once in small batches: the tie batches run side by side,
    each looking the ids up before creating them. Every id ends under one type only, and each
    batch of ids comes whole from one workspace (the one whose batch committed last)."""
    kinds = {"a": "support", "b": "funding"}
    ngos = [parse_actor({"kind": "ngo", "id": f"lsm-{n:05d}", "name": f"LSM {n}"}) for n in range(TIES)]
    for name, kind in kinds.items():
        ties = [
            Tie(id=f"ikatan-{n:05d}", kind=kind, source=f"lsm-{n:05d}", target=f"18.02.02.20{1 + n % 17:02d}")
            for n in range(TIES)
        ]
        jejaring.workspace.init(
            tmp_path / name, kecamatan="18.02.02", templates=False, batch=Batch(actors=ngos, ties=ties)
        ).close()
    env = {**os.environ, "NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password}
    processes = [
        subprocess.Popen(
            [*CLI, "push", "--to", neo4j_server.url, "-w", str(tmp_path / name), "--batch-size", str(TIE_BATCH)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in kinds
    ]
    try:
        results = [(p.wait(timeout=150), *p.communicate()) for p in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    assert all(code == 0 and err == "" for code, _, err in results), results

    ties = driver.execute_query("MATCH ()-[r]->(:Village) RETURN r.id AS id, r.kind AS kind").records
    assert len(ties) == TIES and len({r["id"] for r in ties}) == TIES
    kind_of = {r["id"]: r["kind"] for r in ties}
    with jejaring.workspace.open(tmp_path / "a") as ws:
        pushed = [[tie.id for tie in batch.ties] for batch in batches(ws.store, size=TIE_BATCH) if batch.ties]
    assert sum(map(len, pushed)) == TIES
    assert all(len({kind_of[key] for key in batch}) == 1 for batch in pushed)
