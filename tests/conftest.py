"""Fixtures shared by the whole suite: the real Neo4j test server (see tests/neo4j_server/)."""

from neo4j_fixture import neo4j_server  # noqa: F401 - registered for every test module
