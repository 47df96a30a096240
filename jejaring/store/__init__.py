"""Stores of the network: the embedded SQLite default and the shared Neo4j store.

:func:`open_store` picks the store from its address: a file path or ``sqlite:///`` URL opens
a :class:`SqliteStore`; ``bolt://`` and ``neo4j://`` URLs name a Neo4j server.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     created = open_store(Path(folder) / "bangun-rejo.db", create=True)
...     created.close()
...     store = open_store(created.url)  # sqlite:///.../bangun-rejo.db
...     store.counts()["ties"]
...     store.close()
0
"""

from __future__ import annotations

import re
from pathlib import Path

from jejaring.errors import JejaringError
from jejaring.store.base import Batch, Changes, Store
from jejaring.store.sqlite import SqliteStore, path_from_url

__all__ = ["Store", "Batch", "Changes", "open_store", "SqliteStore", "NEO4J_SCHEMES"]

NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_CREDENTIALS = re.compile(r"(?<=://)[^/@]*@")


def open_store(url_or_path: str | Path, *, create: bool = False) -> Store:
    """Open the store at a file path, ``sqlite:///`` URL or Neo4j URL (``create`` makes a new file).

    A ``bolt://`` or ``neo4j://`` URL opens a :class:`~jejaring.store.neo4j.Neo4jStore`, which
    logs in with ``NEO4J_USER``/``NEO4J_PASSWORD`` or the entry for the URL in its config file.
    """
    if isinstance(url_or_path, Path):
        return SqliteStore(url_or_path, create=create)
    text = url_or_path.strip()
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else None
    if scheme is None:
        return SqliteStore(text, create=create)
    if scheme == "sqlite":
        return SqliteStore(path_from_url(text), create=create)
    if scheme in NEO4J_SCHEMES:
        from jejaring.store.neo4j import Neo4jStore

        return Neo4jStore(text)  # the login comes from the environment or the config file
    raise JejaringError("store.unknown_url", url=_CREDENTIALS.sub("", text))  # never echo a password
