"""The Neo4j test server is real: Neo4j 5.26 community, behind a password, reached by the
official driver over Bolt.

Every test here uses the session's one server (tests/neo4j_fixture.py), and leaves the
database as it found it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import neo4j
import pytest
from neo4j.exceptions import AuthError
from neo4j_fixture import Neo4jServer


@pytest.fixture
def driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:  # noqa: F811
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        yield driver


def test_server_is_neo4j_5_26_community(driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    [kernel] = [record.data() for record in records]
    assert kernel["name"] == "Neo4j Kernel"
    assert kernel["edition"] == "community"
    assert [version.rsplit(".", 1)[0] for version in kernel["versions"]] == ["5.26"]
    assert driver.get_server_info().agent == f"Neo4j/{kernel['versions'][0]}"


def test_a_node_written_with_parameters_reads_back_unchanged(driver: neo4j.Driver) -> None:
    """One village written in one transaction, read back in another, then removed.

    The values travel as parameters, so the quote and the comma in the name need no
    escaping, and the date comes back as a date, not as text.
    """
    village = {
        "id": "18.02.02.2001",
        "name": "Sido Mulyo, 'Kampung Baru'",
        "sectors": ["pertanian", "perikanan"],
        "population": 2481,
        "since": dt.date(2024, 4, 1),
    }
    driver.execute_query(
        "CREATE (v:TestVillage {id: $id, name: $name, sectors: $sectors, "
        "population: $population, since: $since})",
        village,
    )
    try:
        records, _, _ = driver.execute_query(
            "MATCH (v:TestVillage {id: $id}) RETURN v {.*} AS village", id=village["id"]
        )
        assert len(records) == 1
        read = records[0]["village"]
        assert read["since"].to_native() == village["since"]
        assert {**read, "since": village["since"]} == village
    finally:
        removed, _, _ = driver.execute_query(
            "MATCH (v:TestVillage {id: $id}) DELETE v RETURN count(v) AS n", id=village["id"]
        )
    assert removed[0]["n"] == 1


def test_a_wrong_password_is_refused(neo4j_server: Neo4jServer) -> None:  # noqa: F811
    wrong = (neo4j_server.user, neo4j_server.password + "-not")
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=wrong) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()
