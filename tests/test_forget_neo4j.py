"""``jejaring forget PERSON -w bolt://...`` on the real Neo4j 5.26 community server: the person's
data leaves the graph, and the command says plainly that the server's own files still hold old
copies, which is true: a community server offers a client no checkpoint, no way to prune its
transaction logs and no way to wipe the free records of its store files (checked below on the
test server's data directory, ``.cache/neo4j-5.26/servers/PORT/data``).

The graph of the test::

    kades-9001  Sutrisno Wiryo  0812 7000 1234  sutrisno.wiryo@example.id  (kades of Bangun Rejo)
    lsm-9001 ─ support ─> 18.02.02.2005, noting "Disepakati dengan Pak Sutrisno Wiryo, telp. 081270001234"
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import neo4j
import pytest
from click.testing import CliRunner
from neo4j_fixture import SCRIPT, Neo4jServer

from jejaring.i18n import use_lang
from jejaring.model import Tie, parse_actor
from jejaring.privacy import PLACEHOLDER
from jejaring.store import Batch
from jejaring.store.neo4j import Neo4jStore
from jejaring_cli import privacy as cli_privacy
from jejaring_cli.app import JejaringGroup

NAME, PHONE, EMAIL = "Sutrisno Wiryo", "0812 7000 1234", "sutrisno.wiryo@example.id"
NOTE = f"Disepakati dengan Pak {NAME}, telp. 081270001234, surel {EMAIL}; rapat tiap bulan di balai desa."
MARKERS = (NAME, "081270001234", EMAIL)  # the ones stored as plain text (in the note) on disk


def batch() -> Batch:
    kades = parse_actor(
        {"kind": "kades", "id": "kades-9001", "name": NAME, "village": "18.02.02.2005", "phone": PHONE, "email": EMAIL}
    )
    village = parse_actor({"kind": "desa", "id": "18.02.02.2005", "name": "Bangun Rejo"})
    ngo = parse_actor({"kind": "ngo", "id": "lsm-9001", "name": "LSM Tani Maju"})
    tie = Tie(id="ikatan-9001", kind="support", source="lsm-9001", target="18.02.02.2005", notes=NOTE)
    return Batch(actors=[village, kades, ngo], ties=[tie])


@pytest.fixture
def driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


def in_graph(driver: neo4j.Driver) -> set[str]:
    """The values some property of some node or relationship holds (within a string or a list)."""
    texts = driver.execute_query(
        "CALL () { MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p } "
        "UNWIND keys(p) AS key RETURN toString(p[key]) AS text"
    ).records
    return {value for value in (*MARKERS, PHONE) for record in texts if value.lower() in record["text"].lower()}


def on_disk(url: str) -> dict[str, set[str]]:
    """Which of the server's files hold which values, byte for byte; only for a server of this cache."""
    data = SCRIPT.parent.parent / ".cache" / "neo4j-5.26" / "servers" / str(urlsplit(url).port) / "data"
    if not data.is_dir():
        pytest.skip(f"the server at {url} was not started from this tree's cache, so its files cannot be read")
    found: dict[str, set[str]] = {}
    for value in MARKERS:
        hits = subprocess.run(["grep", "-rlaF", value, str(data)], capture_output=True, text=True).stdout.split()
        for path in hits:
            found.setdefault(Path(path).relative_to(data).as_posix(), set()).add(value)
    return found


def test_forget_clears_the_graph_and_says_the_server_keeps_old_copies(
    neo4j_server: Neo4jServer, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
        store.write(batch())
    assert in_graph(driver) == {*MARKERS, PHONE}
    logs = {path for path, values in on_disk(neo4j_server.url).items() if values == set(MARKERS)}
    assert any(path.startswith("transactions/neo4j/neostore.transaction.db") for path in logs)

    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    group = JejaringGroup(commands={"forget": cli_privacy.forget_command})
    with use_lang("en"):
        result = CliRunner().invoke(group, ["forget", "kades-9001", "-w", neo4j_server.url, "--yes"])
    assert result.exit_code == 1, result.output
    assert neo4j_server.password not in result.output
    assert result.output.splitlines()[-1] == (
        f"Error: The records are changed on {neo4j_server.url}, but the Neo4j server keeps old copies of the"
        " values on its disk, in its transaction logs and in the free space of its store files, where no"
        " client can erase them; ask the server's administrator to rebuild the database (jejaring pull --all"
        " into a new workspace, delete the database, then jejaring push) to finish removing them."
    )

    assert in_graph(driver) == set()
    with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
        assert store.actor("kades-9001").name == PLACEHOLDER
        (tie,) = store.ties()
        assert tie.notes == NOTE.replace(NAME, PLACEHOLDER).replace("081270001234", PLACEHOLDER).replace(
            EMAIL, PLACEHOLDER
        )
        assert store.setting("forgotten:kades-9001") is not None
    still = {path for path, values in on_disk(neo4j_server.url).items() if values == set(MARKERS)}
    assert still & logs  # what the message says: the logs still hold the old note
