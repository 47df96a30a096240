"""A real Neo4j 5.26 community server for the tests: the session-scoped ``neo4j_server``.

The fixture starts a server of its own with ``scripts/neo4j-test-server.sh start`` (which
installs the server's jars first if needed; see tests/neo4j_server/README.md) and stops
it when the session ends, or uses one already running:

- ``JEJARING_TEST_NEO4J_URL`` (say ``bolt://127.0.0.1:7687``) names a running server,
  with ``NEO4J_USER`` (default ``neo4j``) and ``NEO4J_PASSWORD``;
- ``NEO4J_PASSWORD`` also sets the password of the server the fixture starts
  (default ``jejaring-test``);
- ``JEJARING_SKIP_NEO4J=1`` skips the tests that need the server, on a developer's
  machine only: under CI (``CI`` set) the fixture refuses it, so CI always proves the
  real server. A server that cannot start fails those tests; it never skips them.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

__all__ = ["Neo4jServer", "neo4j_server"]

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-test-server.sh"
DEFAULT_PASSWORD = "jejaring-test"


class Neo4jServer(NamedTuple):
    """Where the test server listens and who may log in.

    >>> server = Neo4jServer("bolt://127.0.0.1:7687", "neo4j", "jejaring-test")
    >>> server.auth
    ('neo4j', 'jejaring-test')
    """

    url: str
    user: str
    password: str

    @property
    def auth(self) -> tuple[str, str]:
        """The (user, password) pair the driver takes as ``auth``."""
        return (self.user, self.password)


def _script(*args: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        env={**os.environ, "NEO4J_PASSWORD": password},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A Neo4j server for the whole test session, started here unless one is named."""
    if os.environ.get("JEJARING_SKIP_NEO4J") == "1":
        if os.environ.get("CI"):
            pytest.fail("JEJARING_SKIP_NEO4J=1 is refused under CI", pytrace=False)
        pytest.skip("JEJARING_SKIP_NEO4J=1: the tests that need Neo4j are skipped")
    password = os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD)
    named = os.environ.get("JEJARING_TEST_NEO4J_URL")
    if named:
        yield Neo4jServer(named, os.environ.get("NEO4J_USER", "neo4j"), password)
        return
    started = _script("start", password=password)
    if started.returncode != 0:
        pytest.fail(f"the Neo4j test server did not start:\n{started.stderr}", pytrace=False)
    url = started.stdout.split()[-1]
    try:
        yield Neo4jServer(url, "neo4j", password)
    finally:
        stopped = _script("stop", url, password=password)
        if stopped.returncode != 0:
            pytest.fail(f"the Neo4j test server at {url} did not stop:\n{stopped.stderr}")
