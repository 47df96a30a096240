"""Copying between stores: batches in a safe order, area scopes checked by hand on the contract's
sample, and the lossless round trip SQLite → Neo4j → SQLite on the real test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j_fixture import Neo4jServer
from store_contract import (
    BANGUN_REJO,
    BPD,
    CAMAT,
    FIRM,
    KADES,
    LSM,
    METRO,
    PKK,
    PURWODADI,
    SIDO_MULYO,
    UNILA,
    contents,
    sample,
)

from jejaring import synth
from jejaring.network import Network
from jejaring.store import Batch, Changes, SqliteStore, Store
from jejaring.store.neo4j import Neo4jStore
from jejaring.sync import add_changes, batches, copy


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[SqliteStore, SqliteStore]]:
    with SqliteStore(tmp_path / "a.db", create=True) as a, SqliteStore(tmp_path / "b.db", create=True) as b:
        yield a, b


@pytest.fixture
def graph(neo4j_server: Neo4jServer) -> Iterator[Neo4jStore]:
    """A Neo4j store on the test server, empty before and after the test."""
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
            yield store
        driver.execute_query("MATCH (n) DETACH DELETE n")


def ids(records: list[Any]) -> list[str]:
    return [record.id for record in records]


def records(store: Store) -> dict[str, list[Any]]:
    return {"actors": store.actors(), "ties": store.ties(), "meetings": store.meetings()}


class Interrupted(Exception):
    """The connection "fails" while a batch is being written."""


class FailingAfter:
    """A target store whose write number ``n + 1`` fails before writing anything."""

    def __init__(self, store: Store, n: int) -> None:
        self.store, self.left = store, n

    def write(self, batch: Batch) -> Any:
        if self.left == 0:
            raise Interrupted
        self.left -= 1
        return self.store.write(batch)


# -- batches -------------------------------------------------------------------------------


def test_batches_keep_actors_before_ties_before_meetings(stores: tuple[SqliteStore, SqliteStore]) -> None:
    """The sample's 11 actors, 9 ties and 3 meetings in batches of 4: 4 | 4 | 3+1 | 4 | 4 | 3."""
    source, _ = stores
    source.write(sample())
    parts = list(batches(source, size=4))
    assert [(len(b.actors), len(b.ties), len(b.meetings)) for b in parts] == [
        (4, 0, 0), (4, 0, 0), (3, 1, 0), (0, 4, 0), (0, 4, 0), (0, 0, 3)]
    assert sorted(a.id for b in parts for a in b.actors) == ids(source.actors())
    assert sorted(t.id for b in parts for t in b.ties) == ids(source.ties())


def test_a_batch_size_below_one_is_refused(stores: tuple[SqliteStore, SqliteStore]) -> None:
    with pytest.raises(ValueError):
        next(batches(stores[0], size=0))


def test_a_whole_copy_is_identical_and_a_second_one_changes_nothing(stores: tuple[SqliteStore, SqliteStore]) -> None:
    source, target = stores
    source.write(sample())
    changes = copy(source, target, size=5)
    assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (11, 9, 3)
    assert contents(target) == contents(source)
    again = copy(source, target, size=5)
    assert again.is_empty() and again.total("unchanged") == 23


@pytest.mark.parametrize(
    ("area", "actors", "ties", "meetings"),
    [
        # Bangun Rejo: its village, kades and BPD; partners Sido Mulyo (kerja sama) and the LSM;
        # the rakor held there (hosted by the camat) and the musyawarah antar desa it attended,
        # which Purwodadi attended too. Unila, the firm, Metro and the PKK stay out.
        ("18.02.02.2005", [BANGUN_REJO, SIDO_MULYO, PURWODADI, BPD, CAMAT, KADES, LSM],
         ["t-bpd", "t-kades", "t-kerjasama", "t-lsm"], ["m-rakor", "m-mad"]),
        # Metro: the kelurahan, the firm funding it, and the training it attended with Unila.
        ("18.72", [METRO, FIRM, UNILA], ["t-csr"], ["m-kkn"]),
        ("19", [], [], []),
    ],
)
def test_an_area_copy_takes_its_actors_ties_partners_and_meetings(
    stores: tuple[SqliteStore, SqliteStore], area: str, actors: list[str], ties: list[str], meetings: list[str]
) -> None:
    source, target = stores
    source.write(sample())
    copy(source, target, area=area, size=3)
    assert ids(target.actors()) == sorted(actors)
    assert ids(target.ties()) == ties and ids(target.meetings()) == meetings
    view = Network.from_store(source, area=area)
    assert set(view.actors) <= set(ids(target.actors()))
    assert target.ties() == view.ties and target.meetings() == view.meetings


def test_an_interrupted_copy_keeps_whole_batches_and_a_rerun_finishes_it(
    stores: tuple[SqliteStore, SqliteStore],
) -> None:
    source, target = stores
    source.write(sample())
    with pytest.raises(Interrupted):
        copy(source, FailingAfter(target, 3), size=4)  # type: ignore[arg-type]
    assert target.counts()["ties"] == 1 and len(target.actors()) == 11
    rerun = copy(source, target, size=4)
    assert rerun.unchanged["actors"] == 11 and rerun.unchanged["ties"] == 1
    assert (rerun.added["ties"], rerun.added["meetings"]) == (8, 3)
    assert contents(target) == contents(source)


def test_changes_add_up() -> None:
    total, more = Changes(), Changes()
    more.count("actors", "added", 11)
    more.count("ties", "unchanged", 2)
    add_changes(total, more)
    add_changes(total, more)
    assert (total.added["actors"], total.unchanged["ties"], total.total("updated")) == (22, 4, 0)


# -- with the real Neo4j server ---------------------------------------------------------


def test_the_demo_round_trips_through_neo4j_unchanged(
    graph: Neo4jStore, stores: tuple[SqliteStore, SqliteStore]
) -> None:
    source, back = stores
    source.write(synth.demo())
    source.set_settings({"kecamatan": "18.02.02"})
    pushed = copy(source, graph, size=100)
    counts = source.counts()
    actors = sum(n for kind, n in counts.items() if kind not in ("ties", "meetings"))
    assert pushed.added["actors"] == len(source.actors()) == actors
    assert (pushed.added["ties"], pushed.added["meetings"]) == (counts["ties"], counts["meetings"])
    assert graph.counts() == counts and graph.setting("kecamatan") is None
    pulled = copy(graph, back, size=100)
    assert pulled.total("added") == len(synth.demo())
    assert records(back) == records(source)
    assert copy(source, graph, size=100).is_empty()


def test_an_interrupted_push_is_finished_by_a_rerun_without_duplicates(
    graph: Neo4jStore, stores: tuple[SqliteStore, SqliteStore], neo4j_server: Neo4jServer
) -> None:
    source, _ = stores
    source.write(synth.demo())
    with pytest.raises(Interrupted):
        copy(source, FailingAfter(graph, 2), size=150)  # type: ignore[arg-type]
    assert graph.counts()["ties"] == 300 - len(source.actors())  # two whole batches: every actor, some ties
    rerun = copy(source, graph, size=150)
    assert rerun.unchanged["actors"] == len(source.actors()) and rerun.total("updated") == 0
    assert records(graph) == records(source)
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        found, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN count(r) AS n, count(DISTINCT r.id) AS ids")
    assert found[0]["n"] == found[0]["ids"] == len(source.ties())


def test_a_kabupaten_pulled_from_neo4j_matches_the_same_pull_from_sqlite(
    graph: Neo4jStore, stores: tuple[SqliteStore, SqliteStore], tmp_path: Path
) -> None:
    """Two kecamatan of Lampung Tengah and one of Lampung Timur in the shared store; each
    kecamatan pulled from Neo4j equals the same pull from a SQLite copy of the shared store."""
    shared, _ = stores
    for code in ("18.02.02", "18.02.03", "18.07.01"):
        for part in synth.generate_area(code, seed=3, quarters=2):
            shared.write(part)
    copy(shared, graph)
    for area in ("18.02.02", "18.02", "18.07.01"):
        with SqliteStore(tmp_path / f"{area}-neo4j.db", create=True) as a, \
                SqliteStore(tmp_path / f"{area}-sqlite.db", create=True) as b:
            copy(graph, a, area=area, size=700)
            copy(shared, b, area=area, size=700)
            assert records(a) == records(b)
            assert ids(a.actors(area=area)) == ids(shared.actors(area=area))
