"""The shared store: a Neo4j 5 server holding many kecamatan, as a kabupaten or province keeps it.

It needs Neo4j 5.23 or later (the statements use scoped ``CALL () { ... }`` subqueries) and
is tested on 5.26 community edition, with the official ``neo4j`` driver.

**Graph layout** (the named queries in ``queries/`` are written against it):

- An actor is a node ``(:Actor:<Kind>)``, ``<Kind>`` one of ``Village``, ``VillageHead``,
  ``Institution``, ``Ngo``, ``Firm``, ``University``, ``Government``
  (:data:`~jejaring.store.neo4j_schema.ACTOR_LABELS`). Its properties are the record's fields
  under their model names: vocabulary values as their codes (``kind: "village"``,
  ``development_status: "advanced"``), lists of them as lists of codes
  (``sectors: ["food_crops", "livestock"]``), dates as Neo4j ``date``, numbers as integers or
  floats. Two more are derived for queries: ``area_code`` (the Kemendagri code of the actor's
  area: a village's own code, the village of a kades or institution, an organisation's
  ``area``) and ``name_key`` (:func:`jejaring.vocab.normalize_label` of the name). A village
  also has ``code``, equal to its ``id``. Only actors carry a kind label, so ``(v:Village)``
  alone finds villages.
- A tie is a relationship from its ``source`` to its ``target`` actor whose type is the tie
  kind's code upper-cased: ``PARTNERSHIP``, ``RESOURCE_SHARING``, ``COORDINATION``,
  ``LEADERSHIP``, ``MEMBERSHIP``, ``SUPPORT``, ``FUNDING``, ``PEER_LEARNING``. It carries every
  field of the tie: ``id``, ``kind``, ``source``, ``target``, ``since`` and ``until`` (dates;
  in force from ``since`` up to, not including, ``until``), ``field``, ``document``,
  ``document_ref``, ``resources`` (list of codes), ``direction``, ``role``, ``amount``, ``notes``.
- A meeting is a node ``(:Meeting)`` with its fields ``id``, ``type`` (code), ``date``,
  ``title``, ``village``, ``host``, ``notes`` and ``attendees``, the ordered list of actor ids
  that is read back. For queries it also has ``(:Actor)-[:ATTENDED]->(:Meeting)`` for every
  attendee, ``(:Meeting)-[:HELD_IN]->(:Actor:Village)`` when it has a village and
  ``(:Actor)-[:HOSTED]->(:Meeting)`` when it has a host.
- A workspace setting is a node ``(:Setting {key, value})``.
- The one node ``(:JejaringLock {name: "ties"})`` is not data: writers of ties lock it (below).
- An absent value is an absent property: there are no nulls and no empty lists, so write
  ``coalesce(v.needs, [])`` where a list may be missing.

**Schema**, created on opening when missing (``IF NOT EXISTS``, so several clients may race):
uniqueness constraints on ``Actor.id``, ``Meeting.id``, ``Setting.key`` and on the ``id`` of
each of the eight tie types; range indexes on ``Actor.area_code``, ``Actor.kind``,
``Actor.name_key``, ``Meeting.date`` and ``Meeting.village``; a text index on
``Actor.name_key`` for the ``CONTAINS`` of a name search. A constraint guards one type only,
so the write keeps a tie id unique across all of them: in the transaction that writes a tie it
looks the id up under every tie type and deletes the relationship holding it before creating
the new one, so a tie whose kind or ends change moves instead of doubling. Writers of ties take
turns on a lock node, ``(:JejaringLock {name: "ties"})`` (with a uniqueness constraint on
``name``), held from the lookup to the commit, so two clients giving one id to ties of different
kinds at once cannot both create it.

**Concurrent writers** end as if their transactions had run one after another: ``MERGE`` under
the uniqueness constraints never doubles an id (a clash or deadlock is a transient error that
the driver retries), and a stored actor or meeting is read under its write lock (taken in id
order), so one found unchanged, and therefore not written, stays so until the commit. The same
read locks the index entry of an id it does not find, until the commit, so the actors and
meetings found missing are created with ``CREATE`` (no second index lookup): another writer
looking the id up waits, then finds the node.

**Writing**: a batch of at most :data:`PART` rows (a record is a row, and a meeting one more
per attendee) is one managed transaction (``session.execute_write``, which retries transient
errors), written whole or not at all: a reference to an unknown actor is refused before
anything is written, and any failure rolls everything back. It sends ``UNWIND`` statements of
at most :data:`ROWS` rows; the actors it writes or names are read once for their element ids,
by which ties and meetings then find their ends. The server keeps an open transaction's
changes in its heap until the commit (a part of :data:`PART` rows takes up to some 120 MB; the
server refuses a transaction beyond ``dbms.memory.transaction.total.max``, 70 % of its heap),
so a larger batch is checked whole first, then written in parts of at most :data:`PART`
rows, each its own transaction, :data:`WORKERS` at a time: first the actors, then, once
all of them are in, the ties and meetings. No part ever names an actor that is not stored.
A part that fails lets the parts under way finish and starts no other; those written stay,
``neo4j.cut_off`` says how many, and writing the same batch again finishes the write without
duplicates (records are upserted by id). :mod:`jejaring.sync` copies a store in batches the
same way, actors before ties before meetings.

**Logging in**: the user and password come from ``NEO4J_USER`` (default ``neo4j``) and
``NEO4J_PASSWORD``, else from a TOML file (``JEJARING_NEO4J_CONFIG``, default
``~/.config/jejaring/neo4j.toml`` or under ``XDG_CONFIG_HOME``) with one table per server
address (``user`` may be left out for ``neo4j``)::

    ["bolt://db.example:7687"]
    user = "perencana"
    password = "..."

They never come from the command line, and an address carrying them is refused. Every failure
(no driver, server down or unreachable, login refused, request refused) is a
:class:`~jejaring.errors.JejaringError` naming the address, never the password.

>>> from jejaring.i18n import use_lang
>>> with use_lang("en"):
...     try:
...         Neo4jStore("bolt://127.0.0.1:1", auth=("neo4j", "secret"))  # nothing listens there
...     except JejaringError as error:
...         print(str(error).split(";")[0])
Cannot reach the Neo4j server at bolt://127.0.0.1:1
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from itertools import zip_longest
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

from jejaring.bulk import paused_collection
from jejaring.errors import JejaringError
from jejaring.model import Actor, Meeting, Tie
from jejaring.store import NEO4J_SCHEMES
from jejaring.store.base import Batch, Changes, Outcome, RecordType, last_by_id, named_actors, references
from jejaring.store.neo4j_schema import (
    ACTOR,
    ACTOR_LABELS,
    ALL_IDS,
    COUNTS,
    CREATE_ACTORS,
    CREATE_MEETINGS,
    CREATE_TIES,
    DELETE_TIES,
    KNOWN_ACTORS,
    SCHEMA,
    SET_SETTINGS,
    SETTING,
    SETTINGS,
    STORED_ACTORS,
    STORED_IDS,
    STORED_MEETINGS,
    TIE_COUNTS,
    TIE_LOCK,
    TIE_TYPES,
    UPSERT_ACTORS,
    WRITE_MEETINGS,
    actor_from,
    actor_properties,
    actors_query,
    meeting_from,
    meeting_properties,
    meetings_query,
    native_properties,
    stored_ties,
    tie_from,
    tie_properties,
    ties_query,
)
from jejaring.vocab import ActorKind, MeetingType, TieKind, normalize_label

__all__ = ["Neo4jStore", "ROWS", "PART", "WORKERS", "CONFIG_ENV", "config_path", "credentials", "shown_url"]

ROWS = 10_000  # rows per UNWIND statement (a meeting is one, and one more per attendee)
PART = 20_000  # rows of one transaction of a large write (see Neo4jStore.write)
WORKERS = 2  # transactions of a large write under way at once
CONFIG_ENV = "JEJARING_NEO4J_CONFIG"
CONNECT_TIMEOUT_S = 15.0
RETRY_S = 30.0  # how long a managed transaction is retried after transient errors or a lost server
INDEX_WAIT_S = 300
_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"
_SCHEMA_RACE = frozenset(
    f"Neo.ClientError.Schema.{name}"
    for name in ("EquivalentSchemaRuleAlreadyExists", "ConstraintAlreadyExists", "IndexAlreadyExists")
)

_T = TypeVar("_T")


def shown_url(url: str) -> str:
    """The address without any user name or password in it, fit to print.

    >>> shown_url("bolt://jejaring:s3cret@db.example:7687")
    'bolt://db.example:7687'
    """
    parts = urlsplit(url.strip())
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The TOML file holding logins per server address.

    >>> config_path({"JEJARING_NEO4J_CONFIG": "/etc/jejaring/neo4j.toml"}).as_posix()
    '/etc/jejaring/neo4j.toml'
    """
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "jejaring" / "neo4j.toml"


def _key(url: str) -> str:
    parts = urlsplit(url.strip())
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl().rstrip("/")


def credentials(url: str, *, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The (user, password) to log in to ``url`` with: ``NEO4J_USER``/``NEO4J_PASSWORD``, else
    the entry for ``url`` in :func:`config_path`, else ``None``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     logins = Path(folder) / "neo4j.toml"
    ...     _ = logins.write_text('["bolt://db.example:7687"]\\nuser = "perencana"\\npassword = "rahasia"\\n')
    ...     credentials("bolt://DB.example:7687/", environ={"JEJARING_NEO4J_CONFIG": str(logins)})
    ('perencana', 'rahasia')
    >>> credentials("bolt://db.example:7687", environ={"NEO4J_PASSWORD": "lain"})
    ('neo4j', 'lain')
    """
    env = os.environ if environ is None else environ
    if env.get("NEO4J_PASSWORD"):
        return env.get("NEO4J_USER") or "neo4j", env["NEO4J_PASSWORD"]
    path = config_path(env)
    if not path.is_file():
        return None
    try:
        logins = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise JejaringError("neo4j.bad_config", path=str(path), reason=str(exc)) from None
    wanted = _key(url)
    entry = next((value for name, value in logins.items() if _key(name) == wanted), None)
    if entry is None:
        return None
    user = entry.get("user", "neo4j") if isinstance(entry, dict) else None
    password = entry.get("password") if isinstance(entry, dict) else None
    if not (isinstance(user, str) and isinstance(password, str) and password):
        raise JejaringError("neo4j.bad_entry", path=str(path), url=shown_url(url))
    return user, password


def _checked_url(url: str) -> str:
    """``url`` stripped, if it names a Neo4j server without credentials; else a clear error."""
    text = url.strip()
    parts = urlsplit(text)
    if "@" in parts.netloc:
        raise JejaringError("neo4j.credentials_in_url", url=shown_url(text), config=str(config_path()))
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme.lower() not in NEO4J_SCHEMES or not parts.hostname or not port_ok:
        raise JejaringError("neo4j.bad_url", url=text)
    return text


class Neo4jStore:
    """A :class:`~jejaring.store.base.Store` on a Neo4j 5 server at a ``bolt://`` or ``neo4j://`` URL.

    ``auth`` is the (user, password) pair; by default :func:`credentials` finds it. ``database``
    names the Neo4j database (default: the server's default one).
    """

    def __init__(self, url: str, *, auth: tuple[str, str] | None = None, database: str | None = None) -> None:
        self.url = _checked_url(url)
        self.database = database
        try:
            import neo4j
        except ImportError:
            raise JejaringError("neo4j.driver_missing", url=self.url) from None
        self._auth = auth if auth is not None else credentials(self.url)
        from jejaring import __version__

        # The driver logs its retries and the server's notices as warnings; without a handler of
        # its own they would reach the terminal beside jejaring's one-sentence messages.
        logger = logging.getLogger("neo4j")
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())

        with self._guard(opening=True):
            self._driver = neo4j.GraphDatabase.driver(
                self.url,
                auth=self._auth,
                user_agent=f"jejaring/{__version__}",
                connection_timeout=CONNECT_TIMEOUT_S,
                max_transaction_retry_time=RETRY_S,
            )
            try:
                self._driver.verify_connectivity()
                self._ensure_schema()
            except BaseException:
                self._driver.close()
                raise

    def __repr__(self) -> str:
        return f"Neo4jStore({self.url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections; the store is unusable afterwards."""
        self._driver.close()

    # -- talking to the server -----------------------------------------------------------

    @contextmanager
    def _guard(self, *, opening: bool = False) -> Iterator[None]:
        """Turn the driver's failures into one sentence naming the server (never the password)."""
        from neo4j import exceptions as neo

        try:
            yield
        except neo.AuthError as exc:
            if self._auth is None:
                raise JejaringError("neo4j.no_credentials", url=self.url, config=str(config_path())) from exc
            raise JejaringError(
                "neo4j.auth_failed", url=self.url, user=self._auth[0], config=str(config_path())
            ) from exc
        except neo.ClientError as exc:
            if exc.code == _RATE_LIMIT:
                raise JejaringError("neo4j.locked", url=self.url) from exc
            raise JejaringError("neo4j.rejected", url=self.url, reason=self._reason(exc)) from exc
        except neo.IncompleteCommit as exc:
            raise JejaringError("neo4j.uncertain", url=self.url) from exc
        except (neo.ServiceUnavailable, neo.SessionExpired, neo.ConnectionAcquisitionTimeoutError) as exc:
            raise JejaringError("neo4j.unreachable" if opening else "neo4j.lost", url=self.url) from exc
        except neo.ConfigurationError as exc:
            raise JejaringError("neo4j.bad_url", url=self.url) from exc
        except neo.Neo4jError as exc:  # a database error, or a transient one still failing after the retries
            raise JejaringError("neo4j.failed", url=self.url, reason=self._reason(exc)) from exc

    def _reason(self, error: Any) -> str:
        """The server's own words about a failure, with the password blanked out should it appear."""
        reason = str(getattr(error, "message", None) or getattr(error, "code", None) or type(error).__name__)
        if self._auth is not None and self._auth[1]:
            reason = reason.replace(self._auth[1], "***")
        return reason

    def _session(self) -> Any:
        return self._driver.session(
            database=self.database, bookmark_manager=self._driver.execute_query_bookmark_manager
        )

    def _read(self, query: str, **params: Any) -> list[Any]:
        from neo4j import RoutingControl

        with self._guard():
            records, _, _ = self._driver.execute_query(
                query, params, routing_=RoutingControl.READ, database_=self.database
            )
        return records

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes that are missing, then wait until they are online.

        ``IF NOT EXISTS`` does not cover a client creating the same one at the same moment: the
        server then refuses the later statement, which is taken as done.
        """
        from neo4j import exceptions as neo

        [existing] = self._read("SHOW INDEXES YIELD name RETURN collect(name) AS names")
        missing = [statement for name, statement in SCHEMA.items() if name not in existing["names"]]
        for statement in missing:
            try:
                self._driver.execute_query(statement, database_=self.database)
            except neo.ClientError as exc:  # another client created it in the meantime
                if exc.code not in _SCHEMA_RACE:
                    raise
        if missing:
            self._driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_S, database_=self.database)

    # -- writing -------------------------------------------------------------------------

    def write(self, batch: Batch) -> Changes:
        """Upsert ``batch``: actors, then ties, then meetings.

        A batch of at most :data:`PART` rows (a record is a row, and a meeting one more per
        attendee) is one transaction, written whole or not at all. A larger one is checked whole
        first, so that a reference to an unknown actor writes nothing, then written in parts of
        at most :data:`PART` rows, each one transaction, :data:`WORKERS` at a time: the actors
        first, then, once every actor is in, the ties and meetings. A part that fails lets the
        parts under way finish, starts no other, and raises ``neo4j.cut_off`` saying how many
        parts were written; those stay, and writing the same batch again finishes the write,
        counting what is in already as unchanged. A record given twice counts once, and the
        last one given wins.
        """
        actors, ties, meetings = last_by_id(batch.actors), last_by_id(batch.ties), last_by_id(batch.meetings)
        with paused_collection():
            if len(actors) + len(ties) + sum(map(_meeting_rows, meetings)) <= PART:
                return self._transaction(actors, ties, meetings)
            return self._write_in_parts(actors, ties, meetings)

    def _transaction(self, actors: list[Actor], ties: list[Tie], meetings: list[Meeting]) -> Changes:
        """Upsert the records in one transaction of a session of their own."""
        with self._guard(), self._session() as session:
            return session.execute_write(self._write, actors, ties, meetings)

    def _write_in_parts(self, actors: list[Actor], ties: list[Tie], meetings: list[Meeting]) -> Changes:
        """Check the references of the records, then upsert them in parts (see :meth:`write`)."""
        with self._guard(), self._session() as session:
            session.execute_read(self._check_references, {actor.id for actor in actors}, ties, meetings)
        phases = _phases(actors, ties, meetings)
        changes, written, failed = Changes(), 0, None
        pool = ThreadPoolExecutor(WORKERS)
        try:
            for phase in phases:
                waiting, running = iter(phase), set()
                while True:
                    while failed is None and len(running) < WORKERS and (part := next(waiting, None)):
                        running.add(pool.submit(self._transaction, *part))
                    if not running:
                        break
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        if future.exception() is None:
                            _add_changes(changes, future.result())
                            written += 1
                        elif failed is None:
                            failed = future.exception()
                if failed is not None:
                    break
        finally:
            pool.shutdown()
        if failed is None:
            return changes
        if not written or not isinstance(failed, JejaringError):
            raise failed
        parts = sum(map(len, phases))
        raise JejaringError("neo4j.cut_off", url=self.url, written=written, parts=parts, error=str(failed)) from failed

    def _write(self, tx: Any, actors: list[Actor], ties: list[Tie], meetings: list[Meeting]) -> Changes:
        """The body of a write transaction (run again from the start if the driver retries it)."""
        changes = Changes()
        elements = self._check_references(tx, {actor.id for actor in actors}, ties, meetings)
        elements |= self._write_actors(tx, actors, changes)
        self._write_ties(tx, ties, elements, changes)
        self._write_meetings(tx, meetings, elements, changes)
        return changes

    def _check_references(
        self, tx: Any, given: set[str], ties: list[Tie], meetings: list[Meeting]
    ) -> dict[str, str]:
        """The element ids of the stored actors that are named but not ``given``, by id; raise
        ``store.unknown_reference`` for the first actor named but neither given nor stored."""
        named = named_actors(ties, meetings) - given
        if not named:
            return {}
        stored = _stored(tx, KNOWN_ACTORS, sorted(named))
        unknown = named - stored.keys()
        if unknown:
            record, actor = next(pair for pair in references(ties, meetings) if pair[1] in unknown)
            raise JejaringError("store.unknown_reference", path=self.url, record=record, actor=actor)
        return {key: found[0]["element"] for key, found in stored.items()}

    def _write_actors(self, tx: Any, actors: list[Actor], changes: Changes) -> dict[str, str]:
        """Write the new and changed actors; return the element ids of all of them, by id."""
        stored = _stored(tx, STORED_ACTORS, sorted(actor.id for actor in actors))  # locks in one order
        elements = {key: found[0]["element"] for key, found in stored.items()}
        rows: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
        for actor in actors:
            label, properties = ACTOR_LABELS[actor.kind], actor_properties(actor)
            found = [(sorted(r["labels"]), native_properties(r["props"])) for r in stored.get(actor.id, [])]
            if _counted(changes, "actors", found, (sorted(["Actor", label]), properties)):
                rows[label, bool(found)].append(properties)
        for (label, stored_before), group in rows.items():
            statement = UPSERT_ACTORS[label] if stored_before else CREATE_ACTORS[label]
            for chunk in _portions(group, ROWS):
                [written] = tx.run(statement, rows=chunk)
                elements.update((actor["id"], actor["element"]) for actor in written["found"])
        return elements

    def _write_ties(self, tx: Any, ties: list[Tie], elements: Mapping[str, str], changes: Changes) -> None:
        """Write the new and changed ties; one with a new kind or new ends replaces the old relationship.

        Under the lock, a tie id can only be stored under a type that has relationships already,
        so only those types are searched (none in an empty store).
        """
        if not ties:
            return
        tx.run(TIE_LOCK).consume()
        [counts] = list(tx.run(TIE_COUNTS))
        used = [rel_type for rel_type in TIE_TYPES.values() if counts[rel_type]]
        stored = _stored(tx, stored_ties(used), [tie.id for tie in ties]) if used else {}
        doomed: dict[str, list[str]] = defaultdict(list)
        created: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for tie in ties:
            rel_type, properties = TIE_TYPES[tie.kind], tie_properties(tie)
            found = [
                (r["type"], r["source"], r["target"], native_properties(r["props"])) for r in stored.get(tie.id, [])
            ]
            if _counted(changes, "ties", found, (rel_type, tie.source, tie.target, properties)):
                for old_type in {old[0] for old in found}:
                    doomed[old_type].append(tie.id)
                created[rel_type].append(
                    {"properties": properties, "source": elements[tie.source], "target": elements[tie.target]}
                )
        for rel_type, ids in doomed.items():
            for chunk in _portions(ids, ROWS):
                tx.run(DELETE_TIES[rel_type], ids=chunk).consume()
        for rel_type, group in created.items():
            for chunk in _portions(group, ROWS):
                tx.run(CREATE_TIES[rel_type], rows=chunk).consume()

    def _write_meetings(
        self, tx: Any, meetings: list[Meeting], elements: Mapping[str, str], changes: Changes
    ) -> None:
        stored = _stored(tx, STORED_MEETINGS, sorted(meeting.id for meeting in meetings))
        rows: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for meeting in meetings:
            properties = meeting_properties(meeting)
            found = [native_properties(r["props"]) for r in stored.get(meeting.id, [])]
            if _counted(changes, "meetings", found, properties):
                rows[bool(found)].append({
                    "properties": properties,
                    "attendees": [elements[attendee] for attendee in meeting.attendees],
                    "village": elements.get(meeting.village),
                    "host": elements.get(meeting.host),
                })
        for stored_before, group in rows.items():
            statement = WRITE_MEETINGS if stored_before else CREATE_MEETINGS
            for chunk in _portions(group, ROWS, _meeting_rows):
                tx.run(statement, rows=chunk).consume()

    def set_settings(self, values: dict[str, str]) -> None:
        """Store workspace settings in one transaction."""
        rows = [{"key": key, "value": value} for key, value in values.items()]

        def work(tx: Any) -> None:
            tx.run(SET_SETTINGS, rows=rows).consume()

        with self._guard(), self._session() as session:
            session.execute_write(work)

    def forget(self, batch: Batch, *, settings: dict[str, str]) -> Changes:
        """Overwrite stored records with ``batch`` and store ``settings``, in one transaction.

        Every record must be stored already (``store.not_stored``). The server keeps old copies
        of the values on its disk: in its transaction logs (the commit itself records the values
        it overwrites) and in the freed records of its store files, which it marks unused without
        wiping. Neo4j 5 community offers a client no way to erase them (no ``db.checkpoint``, no
        ``dbms.setConfigValue``; pruning the logs also needs a rotation), so after writing,
        ``neo4j.purge_incomplete`` says so, naming the server, and tells its administrator how to
        finish: rebuild the database from a pulled copy.
        """
        actors, ties, meetings = last_by_id(batch.actors), last_by_id(batch.ties), last_by_id(batch.meetings)
        rows = [{"key": key, "value": value} for key, value in settings.items()]

        def work(tx: Any) -> Changes:
            for record_type, records in (("actors", actors), ("ties", ties), ("meetings", meetings)):
                wanted = [record.id for record in records]
                found = set(_stored(tx, STORED_IDS[record_type], wanted))
                missing = [key for key in wanted if key not in found]
                if missing:
                    raise JejaringError("store.not_stored", path=self.url, record=missing[0])
            changes = self._write(tx, actors, ties, meetings)
            tx.run(SET_SETTINGS, rows=rows).consume()
            return changes

        with self._guard(), self._session() as session:
            session.execute_write(work)
        raise JejaringError("neo4j.purge_incomplete", url=shown_url(self.url))

    # -- reading -------------------------------------------------------------------------

    def ids(self, record_type: RecordType) -> list[str]:
        """Every stored id of ``record_type`` (``actors``, ``ties`` or ``meetings``), sorted."""
        [record] = self._read(ALL_IDS[record_type])
        return record["ids"]

    def actor(self, actor_id: str) -> Actor | None:
        """Return the actor with ``actor_id``, or ``None``."""
        records = self._read(ACTOR, id=actor_id)
        return actor_from(records[0]["props"]) if records else None

    def actors(
        self,
        *,
        kinds: Iterable[ActorKind] | None = None,
        area: str | None = None,
        ids: Iterable[str] | None = None,
        name: str | None = None,
    ) -> list[Actor]:
        """Return actors sorted by id, filtered by kind, area (code prefix), ids, and name."""
        query, params = actors_query(
            kinds=None if kinds is None else [ActorKind.parse(kind).value for kind in kinds],
            area=area,
            ids=None if ids is None else sorted(set(ids)),
            name_key=None if name is None else normalize_label(name),
        )
        return [actor_from(record["props"]) for record in self._read(query, **params)]

    def ties(
        self,
        *,
        kinds: Iterable[TieKind] | None = None,
        area: str | None = None,
        actor: str | None = None,
        at: date | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Tie]:
        """Return ties sorted by id: of ``kinds``, touching ``area`` or ``actor``, in force on ``at``."""
        chosen = TIE_TYPES.values() if kinds is None else [TIE_TYPES[TieKind.parse(kind)] for kind in kinds]
        if not chosen:
            return []
        query, params = ties_query(
            types=list(chosen), area=area, actor=actor, at=at, ids=None if ids is None else sorted(set(ids))
        )
        return [tie_from(record["props"]) for record in self._read(query, **params)]

    def meetings(
        self,
        *,
        types: Iterable[MeetingType] | None = None,
        area: str | None = None,
        attendee: str | None = None,
        start: date | None = None,
        end: date | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Meeting]:
        """Return meetings sorted by (date, id): of ``types``, held in or attended from ``area``,
        attended by ``attendee``, with ``start <= date < end``."""
        query, params = meetings_query(
            types=None if types is None else [MeetingType.parse(kind).value for kind in types],
            area=area,
            attendee=attendee,
            start=start,
            end=end,
            ids=None if ids is None else sorted(set(ids)),
        )
        return [meeting_from(record["props"]) for record in self._read(query, **params)]

    def counts(self) -> dict[str, int]:
        """Number of stored actors of every kind (zero included) plus ``ties`` and ``meetings``."""
        [record] = self._read(COUNTS)
        return dict(record)

    def setting(self, key: str) -> str | None:
        """Return a workspace setting, or ``None``."""
        records = self._read(SETTING, key=key)
        return records[0]["value"] if records else None

    def settings(self, prefix: str) -> dict[str, str]:
        """Every workspace setting whose key starts with ``prefix``, by key."""
        return {record["key"]: record["value"] for record in self._read(SETTINGS, prefix=prefix)}


class _Rows(list):  # type: ignore[type-arg]
    """The rows or ids of one statement. The driver formats every statement's parameters for its
    debug log even when nothing logs them, which for thousands of rows takes as long as sending
    them; this list is written there as its length."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _portions(items: Iterable[_T], limit: int, rows: Callable[[_T], int] = lambda _: 1) -> Iterator[_Rows]:
    """``items`` in order, in lists of at most ``limit`` rows (``rows(item)`` each; a larger item alone)."""
    portion = _Rows()
    size = 0
    for item in items:
        n = rows(item)
        if portion and size + n > limit:
            yield portion
            portion, size = _Rows(), 0
        portion.append(item)
        size += n
    if portion:
        yield portion


def _meeting_rows(record: Meeting | Mapping[str, Any]) -> int:
    """A meeting's rows: one, and one per attendee (a record or its row of :data:`WRITE_MEETINGS`)."""
    attendees = record["attendees"] if isinstance(record, Mapping) else record.attendees
    return 1 + len(attendees)


def _phases(actors: list[Actor], ties: list[Tie], meetings: list[Meeting]) -> list[list[tuple[list[Any], ...]]]:
    """The parts of a large write, each at most :data:`PART` rows, as (actors, ties, meetings), in
    two phases: the actors, then the ties and meetings, which name actors only. Tie parts take
    turns on the ties' lock, so they alternate with meeting parts to run beside them."""
    actor_parts = [(part, [], []) for part in _portions(actors, PART)]
    tie_parts = [([], part, []) for part in _portions(ties, PART)]
    meeting_parts = [([], [], part) for part in _portions(meetings, PART, _meeting_rows)]
    named = [part for pair in zip_longest(tie_parts, meeting_parts) for part in pair if part is not None]
    return [phase for phase in (actor_parts, named) if phase]


def _stored(tx: Any, query: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The maps ``query`` finds for ``ids`` (passed as ``$ids``, a portion at a time), by id."""
    stored: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for portion in _portions(ids, ROWS):
        [record] = tx.run(query, ids=portion)
        for found in record["found"]:
            stored[found["id"]].append(found)
    return stored


def _add_changes(total: Changes, more: Changes) -> None:
    for outcome in ("added", "updated", "unchanged"):
        getattr(total, outcome).update(getattr(more, outcome))


def _counted(changes: Changes, record_type: RecordType, found: list[Any], wanted: Any) -> bool:
    """Count the outcome of writing ``wanted`` where ``found`` is stored; True when it must be written."""
    outcome: Outcome = "added" if not found else "unchanged" if found == [wanted] else "updated"
    changes.count(record_type, outcome)
    return outcome != "unchanged"
