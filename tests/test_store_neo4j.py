"""The Neo4j store on the real Neo4j 5.26 test server: the shared contract, the graph layout
the named queries rely on, and clear failures.

Every test here starts from an empty database and leaves it empty.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j_fixture import Neo4jServer
from store_contract import (
    BANGUN_REJO,
    CAMAT,
    KADES,
    PURWODADI,
    SIDO_MULYO,
    StoreContract,
    contents,
    expect_error,
    ids,
    sample,
)

import jejaring.store.neo4j as neo4j_store
from jejaring.errors import JejaringError
from jejaring.model import Meeting, Ngo, Tie, parse_actor
from jejaring.store import Batch, open_store
from jejaring.store.neo4j import Neo4jStore, config_path, credentials, shown_url
from jejaring.store.neo4j_schema import ACTOR_LABELS, SCHEMA, TIE_TYPES
from jejaring.vocab import ActorKind, TieKind


def wipe(driver: neo4j.Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture
def driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """A driver of our own to look at the graph, on a database emptied before and after."""
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        wipe(driver)
        yield driver
        wipe(driver)


@pytest.fixture
def store(neo4j_server: Neo4jServer, driver: neo4j.Driver) -> Iterator[Neo4jStore]:
    with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
        yield store


class TestNeo4jStore(StoreContract):
    pass


def query(driver: neo4j.Driver, text: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(text, params)
    return [record.data() for record in records]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the layout the named queries rely on -------------------------------------------------


def test_actors_are_nodes_with_two_labels_and_plain_properties(store: Neo4jStore, driver: neo4j.Driver) -> None:
    store.write(sample())
    labels = query(driver, "MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels ORDER BY id")
    assert {row["id"]: sorted(row["labels"]) for row in labels}[KADES] == ["Actor", "VillageHead"]
    kinds = query(driver, "MATCH (a:Actor) RETURN a.kind AS kind, labels(a) AS labels")
    by_kind = {row["kind"]: sorted(row["labels"]) for row in kinds}
    assert by_kind == {kind.value: sorted(["Actor", label]) for kind, label in ACTOR_LABELS.items()}
    [village] = query(driver, "MATCH (v:Actor:Village {id: $id}) RETURN properties(v) AS p", id=BANGUN_REJO)
    p = village["p"]
    assert (p["code"], p["kind"], p["area_code"], p["name_key"]) == (BANGUN_REJO, "village", BANGUN_REJO, "bangunrejo")
    assert (p["sectors"], p["needs"], p["offers"]) == (["food_crops", "livestock"], ["water", "market_access"],
                                                       ["farm_machinery"])
    assert (p["development_status"], p["status_scheme"], p["status_year"], p["population"]) == (
        "advanced", "idm", 2023, 5123)
    assert p["latitude"] == -4.8123456789012 and isinstance(p["latitude"], float)
    [kades] = query(driver, "MATCH (k:VillageHead {id: $id}) RETURN properties(k) AS p", id=KADES)
    assert kades["p"]["term_start"] == neo4j.time.Date(2022, 5, 10)
    assert kades["p"]["area_code"] == BANGUN_REJO and kades["p"]["village"] == BANGUN_REJO
    [firm] = query(driver, "MATCH (f:Firm) RETURN properties(f) AS p")
    assert "area" not in firm["p"] and "area_code" not in firm["p"] and "sectors" not in firm["p"]
    assert firm["p"]["ownership"] == "private"


def test_ties_are_relationships_typed_by_kind(store: Neo4jStore, driver: neo4j.Driver) -> None:
    store.write(sample())
    rows = query(driver, "MATCH (s:Actor)-[r]->(t:Actor) RETURN type(r) AS type, r.id AS id, s.id AS s, t.id AS t, "
                         "properties(r) AS p ORDER BY id")
    assert [(row["id"], row["type"]) for row in rows] == [
        ("t-alsintan", "RESOURCE_SHARING"), ("t-bpd", "MEMBERSHIP"), ("t-camat", "COORDINATION"), ("t-csr", "FUNDING"),
        ("t-kades", "LEADERSHIP"), ("t-kerjasama", "PARTNERSHIP"), ("t-kkn", "SUPPORT"), ("t-lsm", "SUPPORT"),
        ("t-pkk", "MEMBERSHIP")]
    assert all((row["p"]["source"], row["p"]["target"]) == (row["s"], row["t"]) for row in rows)
    sharing = rows[0]["p"]
    assert sharing["kind"] == "resource_sharing" and sharing["resources"] == ["farm_machinery", "vehicles"]
    assert (sharing["since"], sharing["until"]) == (neo4j.time.Date(2023, 1, 1), neo4j.time.Date(2024, 1, 1))
    assert sharing["direction"] == "forward" and "field" not in sharing
    assert set(TIE_TYPES.values()) == {kind.value.upper() for kind in TieKind}


def test_meetings_are_nodes_linked_to_attendees_village_and_host(store: Neo4jStore, driver: neo4j.Driver) -> None:
    r"""The rakor of the sample, drawn::

        camat --HOSTED--> (m-rakor) --HELD_IN--> Bangun Rejo
        camat, kades, BPD, Sido Mulyo --ATTENDED--> (m-rakor)
    """
    store.write(sample())
    [rakor] = query(driver, "MATCH (m:Meeting {id: 'm-rakor'}) RETURN properties(m) AS p")
    assert rakor["p"]["attendees"] == [CAMAT, KADES, "bpd-18.02.02.2005", SIDO_MULYO]
    assert (rakor["p"]["type"], rakor["p"]["date"]) == ("coordination_meeting", neo4j.time.Date(2024, 2, 15))
    attended = query(driver, "MATCH (a:Actor)-[:ATTENDED]->(:Meeting {id: 'm-rakor'}) RETURN a.id AS id ORDER BY id")
    assert [row["id"] for row in attended] == sorted(rakor["p"]["attendees"])
    held = query(driver, "MATCH (:Meeting {id: 'm-rakor'})-[:HELD_IN]->(v:Actor:Village) RETURN v.id AS id")
    hosted = query(driver, "MATCH (h:Actor)-[:HOSTED]->(:Meeting {id: 'm-rakor'}) RETURN h.id AS id")
    assert held == [{"id": BANGUN_REJO}] and hosted == [{"id": CAMAT}]
    totals = query(driver, "MATCH ()-[r:ATTENDED|HELD_IN|HOSTED]->() "
                           "RETURN type(r) AS type, count(*) AS n ORDER BY type")
    assert totals == [{"type": "ATTENDED", "n": 4 + 4 + 2}, {"type": "HELD_IN", "n": 2}, {"type": "HOSTED", "n": 3}]


def test_an_updated_meeting_moves_its_relationships(store: Neo4jStore, driver: neo4j.Driver) -> None:
    store.write(sample())
    moved = store.meetings(ids=["m-rakor"])[0].model_copy(update={"village": SIDO_MULYO, "host": None,
                                                                 "attendees": [KADES]})
    store.write(Batch(meetings=[moved]))
    rows = query(driver, "MATCH (m:Meeting {id: 'm-rakor'})-[r]-(a:Actor) "
                         "RETURN type(r) AS type, a.id AS id ORDER BY type")
    assert rows == [{"type": "ATTENDED", "id": KADES}, {"type": "HELD_IN", "id": SIDO_MULYO}]


def test_settings_are_setting_nodes(store: Neo4jStore, driver: neo4j.Driver) -> None:
    store.set_settings({"kecamatan": "18.02.02"})
    store.set_settings({"kecamatan": "18.02.03"})
    assert query(driver, "MATCH (s:Setting) RETURN s.key AS key, s.value AS value") == [
        {"key": "kecamatan", "value": "18.02.03"}]


def test_constraints_and_indexes_exist_once_after_opening_twice(
    neo4j_server: Neo4jServer, driver: neo4j.Driver
) -> None:
    for _ in range(2):
        Neo4jStore(neo4j_server.url, auth=neo4j_server.auth).close()
    constraints = query(driver, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")
    ours = {row["name"]: row for row in constraints if row["name"].startswith("jejaring_")}
    assert (ours["jejaring_actor_id"]["type"], ours["jejaring_actor_id"]["labelsOrTypes"]) == ("UNIQUENESS", ["Actor"])
    assert ours["jejaring_setting_key"]["properties"] == ["key"]
    tie_constraints = {row["labelsOrTypes"][0] for row in ours.values() if row["type"] == "RELATIONSHIP_UNIQUENESS"}
    assert tie_constraints == set(TIE_TYPES.values())
    shown = query(driver, "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state")
    indexes = {row["name"]: row for row in shown}
    assert set(SCHEMA) <= set(indexes)
    assert all(indexes[name]["state"] == "ONLINE" for name in SCHEMA)
    assert (indexes["jejaring_actor_name_key_text"]["type"], indexes["jejaring_meeting_date"]["properties"]) == (
        "TEXT", ["date"])
    assert sum(name.startswith("jejaring_") for name in indexes) == len(SCHEMA)


# -- writes -------------------------------------------------------------------------------


def test_a_tie_id_lives_under_one_type_only(store: Neo4jStore, driver: neo4j.Driver) -> None:
    store.write(sample())
    tie = store.ties(ids=["t-kerjasama"])[0]
    moved = tie.model_copy(update={"kind": TieKind.FUNDING, "source": CAMAT, "target": BANGUN_REJO})
    changes = store.write(Batch(ties=[moved]))
    assert changes.updated["ties"] == 1
    rows = query(driver, "MATCH (s)-[r {id: 't-kerjasama'}]->(t) RETURN type(r) AS type, s.id AS s, t.id AS t")
    assert rows == [{"type": "FUNDING", "s": CAMAT, "t": BANGUN_REJO}]
    assert store.counts()["ties"] == 9


def test_an_actor_changing_kind_changes_its_label(store: Neo4jStore, driver: neo4j.Driver) -> None:
    ngo = parse_actor({"kind": "lsm", "id": "mitra-x", "name": "Mitra X", "area": "18.02"})
    firm = parse_actor({"kind": "perusahaan", "id": "mitra-x", "name": "Mitra X", "area": "18.02"})
    store.write(Batch(actors=[ngo]))
    assert store.write(Batch(actors=[firm])).updated["actors"] == 1
    labels = query(driver, "MATCH (a:Actor {id: 'mitra-x'}) RETURN labels(a) AS labels")
    assert labels == [{"labels": ["Actor", "Firm"]}]
    assert store.actor("mitra-x") == firm and store.counts()["ngo"] == 0


def test_large_batches_go_in_several_statements_of_one_transaction(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_store, "ROWS", 2)
    changes = store.write(sample())
    assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (11, 9, 3)
    assert store.actors() == sorted(sample().actors, key=lambda a: a.id)
    assert store.write(sample()).is_empty()


SAMPLE_PARTS = [(5, 0, 0), (5, 0, 0), (1, 0, 0), (0, 5, 0), (0, 0, 1), (0, 4, 0), (0, 0, 1), (0, 0, 1)]
"""The sample in parts of at most 5 rows (its meetings of 4, 4 and 2 attendees weigh 5, 5 and 3):
the actors, then tie parts alternating with meeting parts."""


def test_parts_put_actors_first_and_weigh_attendees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_store, "PART", 5)
    batch = sample()
    phases = neo4j_store._phases(batch.actors, batch.ties, batch.meetings)
    assert [[tuple(map(len, part)) for part in phase] for phase in phases] == [SAMPLE_PARTS[:3], SAMPLE_PARTS[3:]]
    parts = [part for phase in phases for part in phase]
    assert [[record for part in parts for record in part[n]] for n in range(3)] == [
        batch.actors, batch.ties, batch.meetings]
    monkeypatch.setattr(neo4j_store, "PART", 2)  # a meeting larger than a part goes alone
    assert neo4j_store._phases([], [], batch.meetings) == [[([], [], [m]) for m in batch.meetings]]


Part = tuple[list[Any], list[Tie], list[Meeting]]
WRITE = neo4j_store.Neo4jStore._write


def watching_transactions(
    monkeypatch: pytest.MonkeyPatch, fails: Callable[[Part], bool] = lambda _: False
) -> list[Part]:
    """Record the parts the store writes, each in a transaction of its own; a part for which
    ``fails`` is true fails on the server after its statements ran."""
    parts: list[Part] = []

    def body(self: Neo4jStore, tx: Any, *part: Any) -> Any:
        parts.append(part)
        changes = WRITE(self, tx, *part)
        if fails(part):
            tx.run("RETURN 1 / $zero", zero=0).consume()
        return changes

    monkeypatch.setattr(neo4j_store.Neo4jStore, "_write", body)
    return parts


def holds(meeting_id: str) -> Callable[[Part], bool]:
    return lambda part: meeting_id in [meeting.id for meeting in part[2]]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_larger_than_a_part_is_written_in_parts_exactly(
    store: Neo4jStore, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    store.write(sample())
    whole = contents(store)
    wipe(driver)
    monkeypatch.setattr(neo4j_store, "PART", 5)
    monkeypatch.setattr(neo4j_store, "ROWS", 2)
    monkeypatch.setattr(neo4j_store, "WORKERS", workers)
    parts = watching_transactions(monkeypatch)
    changes = store.write(sample())
    assert sorted(tuple(map(len, part)) for part in parts) == sorted(SAMPLE_PARTS)
    assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (11, 9, 3)
    assert changes.total("updated") == changes.total("unchanged") == 0
    assert contents(store) == whole

    again = store.write(sample())
    assert (again.unchanged["actors"], again.unchanged["ties"], again.unchanged["meetings"]) == (11, 9, 3)
    assert again.is_empty()
    batch = sample()
    batch.actors[3] = batch.actors[3].model_copy(update={"population": 12500})
    batch.ties[8] = batch.ties[8].model_copy(update={"kind": TieKind.SUPPORT})
    batch.meetings[1] = batch.meetings[1].model_copy(update={"attendees": [PURWODADI]})
    changed = store.write(batch)
    assert (changed.updated["actors"], changed.updated["ties"], changed.updated["meetings"]) == (1, 1, 1)
    assert (changed.unchanged["actors"], changed.unchanged["ties"], changed.unchanged["meetings"]) == (10, 8, 2)
    assert store.actors() == sorted(batch.actors, key=lambda a: a.id)
    assert store.ties() == sorted(batch.ties, key=lambda t: t.id)
    assert store.meetings() == batch.meetings and store.counts()["ties"] == 9


def test_a_write_cut_off_after_some_parts_keeps_them_and_writing_again_finishes_it(
    store: Neo4jStore, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One part at a time, the fifth of eight fails (the first meeting): the actors and the first
    five ties stay written, the error says so, and writing the same batch again leaves what one
    uninterrupted write leaves."""
    store.write(sample())
    whole = contents(store)
    wipe(driver)
    monkeypatch.setattr(neo4j_store, "PART", 5)
    monkeypatch.setattr(neo4j_store, "WORKERS", 1)
    parts = watching_transactions(monkeypatch, fails=holds("m-rakor"))
    with pytest.raises(JejaringError) as info:
        store.write(sample())
    expect_error(info, "neo4j.cut_off", url=store.url, written=4, parts=8)
    assert len(parts) == 5
    assert isinstance(info.value.__cause__, JejaringError) and info.value.__cause__.key == "neo4j.rejected"
    assert str(info.value.__cause__) in str(info.value)
    assert len(store.actors()) == 11 and ids(store.ties()) == sorted(t.id for t in sample().ties[:5])
    assert store.meetings() == []

    watching_transactions(monkeypatch)
    rerun = store.write(sample())
    assert (rerun.unchanged["actors"], rerun.unchanged["ties"]) == (11, 5)
    assert (rerun.added["ties"], rerun.added["meetings"], rerun.total("updated")) == (4, 3, 0)
    assert contents(store) == whole


def test_parts_written_side_by_side_stop_at_a_failure_and_writing_again_finishes_them(
    store: Neo4jStore, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(sample())
    whole = contents(store)
    wipe(driver)
    monkeypatch.setattr(neo4j_store, "PART", 5)
    monkeypatch.setattr(neo4j_store, "WORKERS", 2)
    watching_transactions(monkeypatch, fails=holds("m-mad"))
    with pytest.raises(JejaringError) as info:
        store.write(sample())
    assert info.value.key == "neo4j.cut_off" and info.value.params["parts"] == 8
    assert 3 <= info.value.params["written"] < 8  # every actor part, and the parts beside the failed one
    assert len(store.actors()) == 11 and "m-mad" not in ids(store.meetings())
    watching_transactions(monkeypatch)
    store.write(sample())
    assert contents(store) == whole


def test_a_failing_first_part_says_what_failed_and_writes_nothing(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_store, "PART", 5)
    monkeypatch.setattr(neo4j_store, "WORKERS", 1)
    watching_transactions(monkeypatch, fails=lambda part: KADES in [actor.id for actor in part[0]])
    with pytest.raises(JejaringError) as info:
        store.write(sample())
    expect_error(info, "neo4j.rejected", url=store.url)
    assert store.counts() == {kind.value: 0 for kind in ActorKind} | {"ties": 0, "meetings": 0}


def test_a_batch_of_many_parts_naming_an_unknown_actor_writes_no_part(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_store, "PART", 5)
    parts = watching_transactions(monkeypatch)
    batch = sample()
    batch.meetings.append(Meeting(id="m-ghost", type="musdes", date="2024-05-01", attendees=[BANGUN_REJO, "ghost"]))
    with pytest.raises(JejaringError) as info:
        store.write(batch)
    expect_error(info, "store.unknown_reference", record="m-ghost", actor="ghost")
    assert parts == [] and store.actors() == []


def test_a_failure_after_some_statements_writes_nothing(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The meetings' last statement fails on the server after actors and ties were sent: all is rolled back."""
    store.write(Batch(actors=sample().actors[:2]))
    before = contents(store)
    original = neo4j_store.Neo4jStore._write_meetings

    def failing(self: Neo4jStore, tx: Any, *args: Any) -> None:
        original(self, tx, *args)
        tx.run("RETURN 1 / $zero", zero=0).consume()

    monkeypatch.setattr(neo4j_store.Neo4jStore, "_write_meetings", failing)
    with pytest.raises(JejaringError) as info:
        store.write(sample())
    expect_error(info, "neo4j.rejected", url=store.url)
    monkeypatch.undo()
    assert contents(store) == before


def test_writes_take_hostile_ids_in_lists_as_parameters(store: Neo4jStore) -> None:
    meeting = Meeting(id="m-1", type="rakor", date="2024-05-01", attendees=[BANGUN_REJO])
    store.write(Batch(actors=sample().actors[:1], meetings=[meeting]))
    assert store.meetings(attendee="x'}) MATCH (n) DETACH DELETE n //") == []
    assert store.ties(area="18' OR true //", at=date(2024, 1, 1)) == []
    assert store.counts()["meetings"] == 1


# -- opening, logging in and failing clearly ----------------------------------------------


def test_open_store_opens_a_neo4j_url_with_the_environment_login(
    neo4j_server: Neo4jServer, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    with open_store(f"  {neo4j_server.url}  ") as store:
        assert isinstance(store, Neo4jStore) and store.url == neo4j_server.url
        assert repr(store) == f"Neo4jStore({neo4j_server.url!r})"
        store.write(Batch(actors=sample().actors[:1]))
        assert store.counts()["village"] == 1


def test_the_login_file_gives_the_password_per_address(
    neo4j_server: Neo4jServer, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    logins = tmp_path / "neo4j.toml"
    logins.write_text(
        f'["bolt://elsewhere.example:7687"]\npassword = "other"\n\n'
        f'["{neo4j_server.url}/"]\nuser = "{neo4j_server.user}"\npassword = "{neo4j_server.password}"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("JEJARING_NEO4J_CONFIG", str(logins))
    assert credentials(neo4j_server.url) == neo4j_server.auth
    with open_store(neo4j_server.url) as store:
        assert store.counts()["ties"] == 0


def test_login_sources_in_order(tmp_path: Path) -> None:
    logins = tmp_path / "neo4j.toml"
    logins.write_text('["bolt://db.example:7687"]\npassword = "from-file"\n', encoding="utf-8")
    env = {"JEJARING_NEO4J_CONFIG": str(logins)}
    assert credentials("bolt://db.example:7687", environ=env) == ("neo4j", "from-file")
    assert credentials("bolt://db.example:7688", environ=env) is None
    both = env | {"NEO4J_USER": "planner", "NEO4J_PASSWORD": "from-env"}
    assert credentials("bolt://db.example:7687", environ=both) == ("planner", "from-env")
    assert credentials("bolt://db.example:7687", environ={"HOME": str(tmp_path)}) is None
    assert config_path({"XDG_CONFIG_HOME": "/cfg"}) == Path("/cfg/jejaring/neo4j.toml")


@pytest.mark.parametrize(
    ("text", "key"),
    [('["bolt://db.example:7687"\npassword = "x"\n', "neo4j.bad_config"),
     ('["bolt://db.example:7687"]\nuser = "planner"\n', "neo4j.bad_entry"),
     ('"bolt://db.example:7687" = "rahasia"\n', "neo4j.bad_entry")],
    ids=["not-toml", "no-password", "not-a-table"],
)
def test_a_broken_login_file_is_named(tmp_path: Path, text: str, key: str) -> None:
    logins = tmp_path / "neo4j.toml"
    logins.write_text(text, encoding="utf-8")
    with pytest.raises(JejaringError) as info:
        credentials("bolt://db.example:7687", environ={"JEJARING_NEO4J_CONFIG": str(logins)})
    expect_error(info, key, path=str(logins))
    assert "rahasia" not in str(info.value)


def test_a_closed_port_is_one_sentence_with_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"bolt://127.0.0.1:{free_port()}"
    monkeypatch.setenv("NEO4J_PASSWORD", "never-shown-1234")
    with pytest.raises(JejaringError) as info:
        open_store(url)
    expect_error(info, "neo4j.unreachable", url=url)
    assert url in str(info.value) and "never-shown-1234" not in str(info.value)


def test_a_wrong_password_is_refused_without_showing_it(neo4j_server: Neo4jServer, driver: neo4j.Driver) -> None:
    """One failed login (the server locks the user after three in a row), then a good one."""
    wrong = neo4j_server.password + "-salah"
    with pytest.raises(JejaringError) as info:
        Neo4jStore(neo4j_server.url, auth=(neo4j_server.user, wrong))
    expect_error(info, "neo4j.auth_failed", url=neo4j_server.url, user=neo4j_server.user)
    assert wrong not in str(info.value) and neo4j_server.password not in str(info.value)
    with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
        assert store.counts()["meetings"] == 0


@pytest.mark.parametrize(
    ("url", "key", "shown"),
    [
        ("bolt://jejaring:s3cret@db.example:7687", "neo4j.credentials_in_url", "bolt://db.example:7687"),
        ("neo4j+s://:s3cret@db.example", "neo4j.credentials_in_url", "neo4j+s://db.example"),
        ("bolt://db.example:port", "neo4j.bad_url", "bolt://db.example:port"),
        ("bolt://:7687", "neo4j.bad_url", "bolt://:7687"),
    ],
)
def test_bad_addresses_are_refused_before_connecting(url: str, key: str, shown: str) -> None:
    with pytest.raises(JejaringError) as info:
        open_store(url)
    expect_error(info, key, url=shown)
    assert "s3cret" not in str(info.value) and shown_url(url) == shown


def test_without_the_driver_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "neo4j", None)
    with pytest.raises(JejaringError) as info:
        open_store("bolt://db.example:7687")
    expect_error(info, "neo4j.driver_missing", url="bolt://db.example:7687")
    assert 'pip install "jejaring[neo4j]"' in str(info.value)


def test_importing_jejaring_and_the_store_module_leaves_the_driver_unloaded() -> None:
    code = "import sys, jejaring, jejaring.store, jejaring.store.neo4j, jejaring.sync; print('neo4j' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_kinds_tables_cover_the_vocabulary() -> None:
    assert set(ACTOR_LABELS) == set(ActorKind) and set(TIE_TYPES) == set(TieKind)
    assert Tie(kind="belajar bersama", source="a", target="b").kind.value.upper() == TIE_TYPES[TieKind.PEER_LEARNING]


def test_no_statement_draws_a_notification_from_the_server(store: Neo4jStore, caplog: pytest.LogCaptureFixture) -> None:
    """Deprecated syntax, cartesian products and the like are reported by the server as
    notifications, which the driver logs: every statement the store runs must draw none."""
    caplog.set_level(logging.INFO, logger="neo4j.notifications")
    store.write(sample())
    moved = store.ties(ids=["t-kerjasama"])[0].model_copy(update={"kind": TieKind.FUNDING})
    store.write(Batch(actors=sample().actors, ties=[moved], meetings=sample().meetings[:1]))
    store.set_settings({"kecamatan": "18.02.02"})
    store.setting("kecamatan"), store.counts(), store.actor(KADES)
    store.actors(kinds=[ActorKind.VILLAGE], area="18.02", ids=[BANGUN_REJO], name="bangun")
    day = date(2024, 6, 1)
    for area in (None, "18.02"):
        for actor in (None, BANGUN_REJO):
            store.ties(kinds=[TieKind.SUPPORT], area=area, actor=actor, at=day, ids=["t-lsm"])
            store.meetings(types=None, area=area, attendee=actor, start=day, end=day, ids=["m-mad"])
    notified = [record.getMessage() for record in caplog.records if record.name.startswith("neo4j.notifications")]
    assert notified == []


def test_forget_overwrites_records_and_says_the_logs_keep_old_values(store: Neo4jStore, driver: neo4j.Driver) -> None:
    batch = sample()
    store.write(batch)
    kept = batch.actors[0]
    changed = kept.model_copy(update={"notes": "(dihapus atas permintaan)"})
    with pytest.raises(JejaringError) as info:
        store.forget(Batch(actors=[changed]), settings={"forgotten:" + kept.id: "2026-11-22 notes"})
    assert info.value.key == "neo4j.purge_incomplete" and "jejaring-test" not in str(info.value)
    assert store.actor(kept.id) == changed and store.setting("forgotten:" + kept.id) == "2026-11-22 notes"
    unknown = Ngo(id="ngo-never-stored", name="X")
    with pytest.raises(JejaringError) as refused:
        store.forget(Batch(actors=[unknown]), settings={"forgotten:x": "y"})
    assert refused.value.key == "store.not_stored" and store.setting("forgotten:x") is None
