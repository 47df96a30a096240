"""The embedded default store: one SQLite file per workspace.

Each record is kept whole as JSON next to the columns the queries filter on; foreign keys
make sure every tie, meeting host, meeting village and attendee names a stored actor. The
schema version lives in ``PRAGMA user_version`` and the file is migrated forward on opening.

Several processes may use one file at once: readers never wait, and a writer waits up to
:data:`BUSY_TIMEOUT_S` seconds for another to finish before saying the store is busy
(``store.busy``). :meth:`SqliteStore.forget` rewrites the whole file afterwards, so that the
values it replaced survive neither in free pages nor in the write-ahead log.

>>> import tempfile
>>> from jejaring.model import parse_actor
>>> village = parse_actor({"kind": "desa", "code": "18.02.02.2005", "name": "Bangun Rejo"})
>>> with tempfile.TemporaryDirectory() as folder:
...     with SqliteStore(Path(folder) / "lampung.db", create=True) as store:
...         changes = store.write(Batch(actors=[village]))
...         changes.added["actors"], store.actors(name="BANGUNREJO") == [village]
(1, True)
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, Protocol, Self, TypeVar

from pydantic import BaseModel
from pydantic_core import from_json

from jejaring.errors import JejaringError
from jejaring.model import ACTOR_TYPES, Actor, Meeting, Tie, parse_date, rebuild
from jejaring.store.base import (
    RECORD_TYPES, Batch, Changes, Outcome, RecordType, last_by_id, named_actors, references
)
from jejaring.vocab import ActorKind, MeetingType, TieKind, normalize_label

__all__ = ["SqliteStore", "MIGRATIONS", "SCHEMA_VERSION", "APPLICATION_ID", "path_from_url"]

APPLICATION_ID = 0x4A4A5247  # "JJRG" in the file header marks a jejaring store
BUSY_TIMEOUT_S = 10.0  # how long a writer waits for another before the store is called busy
CACHE_SIZE = -65_536  # PRAGMA cache_size in KiB when negative: 64 MiB keeps big imports fast
BIG_WRITE = 100_000  # records from which a write gets the bigger page cache
BIG_CACHE_SIZE = -1_048_576  # 1 GiB of page cache for such a write
CHUNK = 500  # ids per ``IN (...)`` query, well below SQLite's limit on bound variables

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            area_code TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX actors_kind ON actors (kind)",
        "CREATE INDEX actors_area ON actors (area_code)",
        """CREATE TABLE ties (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            source TEXT NOT NULL REFERENCES actors (id),
            target TEXT NOT NULL REFERENCES actors (id),
            since TEXT,
            until TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX ties_source ON ties (source)",
        "CREATE INDEX ties_target ON ties (target)",
        "CREATE INDEX ties_kind ON ties (kind)",
        """CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            date TEXT NOT NULL,
            village TEXT REFERENCES actors (id),
            host TEXT REFERENCES actors (id),
            data TEXT NOT NULL
        )""",
        "CREATE INDEX meetings_date ON meetings (date)",
        "CREATE INDEX meetings_village ON meetings (village)",
        "CREATE INDEX meetings_host ON meetings (host)",
        """CREATE TABLE meeting_attendees (
            meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL REFERENCES actors (id),
            PRIMARY KEY (meeting_id, actor_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX meeting_attendees_actor ON meeting_attendees (actor_id)",
    ),
)
"""Schema steps in order; step ``n`` (1-based) brings a file from version ``n - 1`` to ``n``."""

SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS: dict[RecordType, tuple[str, ...]] = {
    "actors": ("id", "kind", "name", "name_key", "area_code", "data"),
    "ties": ("id", "kind", "source", "target", "since", "until", "data"),
    "meetings": ("id", "type", "date", "village", "host", "data"),
}
_UPSERT = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in cols[1:])}"
    for table, cols in _COLUMNS.items()
}
_AREA = "({0} = ? OR ({0} > ? AND {0} < ?))"  # code equal to the area or below it ("18.02." .. "18.02/")
_ACTORS_IN_AREA = "SELECT id FROM actors WHERE " + _AREA.format("area_code")
_PARSE_ACTOR: dict[str, Callable[[str], Any]] = {
    kind.value: functools.partial(lambda cls, text: rebuild(cls, from_json(text)), cls)
    for kind, cls in ACTOR_TYPES.items()
}
_DRIVE = re.compile(r"^[A-Za-z]:")


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_P = ParamSpec("_P")
_T = TypeVar("_T")
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def _busy(error: sqlite3.Error) -> bool:
    """True when SQLite gave up waiting for a lock another connection holds."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _BUSY_CODES


def _reading(method: Callable[Concatenate[SqliteStore, _P], _T]) -> Callable[Concatenate[SqliteStore, _P], _T]:
    """Turn SQLite errors of a read into ``store.busy`` or ``store.read_failed``."""

    @functools.wraps(method)
    def read(self: SqliteStore, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._failure(exc, "store.read_failed") from exc

    return read


def path_from_url(url: str) -> Path:
    """Return the file a ``sqlite:///`` URL names; the URL holds an absolute path.

    >>> path_from_url("sqlite:///srv/jejaring/lampung.db").as_posix()
    '/srv/jejaring/lampung.db'
    """
    if not url.startswith("sqlite:///"):
        raise JejaringError("store.unknown_url", url=url)
    rest = url.removeprefix("sqlite:///")
    return Path(rest if _DRIVE.match(rest) else "/" + rest)


class SqliteStore:
    """A :class:`~jejaring.store.base.Store` in one SQLite file (``create=True`` makes a new one)."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path).expanduser().resolve()
        self.url = "sqlite:///" + self.path.as_posix().lstrip("/")
        if not create and not self.path.exists():
            raise JejaringError("store.missing", path=str(self.path))
        try:
            self._conn = sqlite3.connect(
                self.path.as_uri() + ("?mode=rwc" if create else "?mode=rw"),
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
            )
        except sqlite3.Error as exc:
            raise JejaringError("store.cannot_open", path=str(self.path), reason=str(exc)) from exc
        try:
            self._check_file(create)
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute(f"PRAGMA cache_size = {CACHE_SIZE:d}")
            self._migrate()
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._failure(exc, "store.cannot_open") from exc
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteStore({self.url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- opening -------------------------------------------------------------------------

    def _check_file(self, create: bool) -> None:
        """Refuse files that are not jejaring stores, or are from a newer jejaring."""
        try:
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
            version = self._version()
            empty = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise
            raise JejaringError("store.not_jejaring", path=str(self.path)) from exc
        fresh = create and app_id == 0 and version == 0 and empty
        if app_id != APPLICATION_ID and not fresh:
            raise JejaringError("store.not_jejaring", path=str(self.path))
        if version > SCHEMA_VERSION:
            raise JejaringError(
                "store.too_new", path=str(self.path), version=version, supported=SCHEMA_VERSION
            )

    def _version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        """Apply the missing schema steps, each in its own transaction."""
        for version, statements in enumerate(MIGRATIONS, start=1):
            if self._version() >= version:
                continue
            with self._transaction():
                if self._version() >= version:  # another process got there first
                    continue
                for statement in statements:
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {version:d}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Hold the write lock for the block; commit at its end, roll back on any error."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._failure(exc, "store.write_failed") from exc
            raise

    def _failure(self, error: sqlite3.Error, key: str) -> JejaringError:
        """The error to tell: the store is busy, else ``key`` with SQLite's reason."""
        if _busy(error):
            return JejaringError("store.busy", path=str(self.path))
        return JejaringError(key, path=str(self.path), reason=str(error))

    # -- writing -------------------------------------------------------------------------

    def write(self, batch: Batch) -> Changes:
        """Upsert ``batch`` in one transaction: actors, then ties, then meetings.

        A record given twice counts once, and the last one given wins.
        """
        changes = Changes()
        big = len(batch) >= BIG_WRITE
        if big:
            # the indexes of a country-sized write stay in memory instead of spilling to the log;
            # SQLite's own check of each row's references is left out (a quarter of the write):
            # _upsert checks every reference itself, inside the same transaction
            self._conn.execute(f"PRAGMA cache_size = {BIG_CACHE_SIZE:d}")
            self._conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._transaction():
                self._upsert(batch, changes)
        finally:
            if big:
                self._conn.execute(f"PRAGMA cache_size = {CACHE_SIZE:d}")
                self._conn.execute("PRAGMA foreign_keys = ON")
        return changes

    def forget(self, batch: Batch, *, settings: dict[str, str]) -> Changes:
        """Overwrite stored records with ``batch`` (copies without a person's data) and store
        ``settings`` (the note of what was forgotten) in one transaction; then rewrite the file
        (``VACUUM``) and empty the write-ahead log, so that the overwritten values survive
        nowhere in the store's files.

        Every record of ``batch`` must be stored already (``store.not_stored``). When another
        connection keeps reading an old state, the records are changed but the log cannot be
        emptied: ``store.purge_incomplete`` says so.
        """
        changes = Changes()
        secure = self._conn.execute("PRAGMA secure_delete").fetchone()[0]
        self._conn.execute("PRAGMA secure_delete = ON")  # overwritten cells are zeroed at once
        try:
            with self._transaction():
                for record_type in RECORD_TYPES:
                    wanted = [record.id for record in getattr(batch, record_type)]
                    found = {row[0] for row in self._rows_by_id(f"SELECT id FROM {record_type}", wanted)}
                    missing = [key for key in wanted if key not in found]
                    if missing:
                        raise JejaringError("store.not_stored", path=str(self.path), record=missing[0])
                self._upsert(batch, changes)
                self._save_settings(settings)
            self._purge()
        finally:
            self._conn.execute(f"PRAGMA secure_delete = {int(secure):d}")
        return changes

    def _purge(self) -> None:
        """Rebuild the file from its live records and truncate the write-ahead log to nothing."""
        try:
            self._conn.execute("PRAGMA temp_store = MEMORY")  # the rebuild's scratch copy stays off disk
            self._conn.execute("VACUUM")
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as exc:
            raise self._failure(exc, "store.write_failed") from exc
        finally:
            self._conn.execute("PRAGMA temp_store = DEFAULT")
        if busy:
            raise JejaringError("store.purge_incomplete", path=str(self.path))

    def _upsert(self, batch: Batch, changes: Changes) -> None:
        """Write ``batch`` inside the open transaction: actors, then ties, then meetings."""
        actors = last_by_id(batch.actors)
        ties = last_by_id(batch.ties)
        meetings = last_by_id(batch.meetings)
        self._check_references({actor.id for actor in actors}, ties, meetings)
        self._sync("actors", [_actor_row(actor) for actor in actors], changes)
        self._sync("ties", [_tie_row(tie) for tie in ties], changes)
        written = self._sync("meetings", [_meeting_row(meeting) for meeting in meetings], changes)
        self._conn.executemany("DELETE FROM meeting_attendees WHERE meeting_id = ?", ((key,) for key in written))
        # in key order: a country's 7 million rows go in three times faster than in meeting order;
        # made in that order (meetings by id, each one's attendees sorted) rather than sorted whole
        attendance = [
            (m.id, actor) for m in sorted(meetings, key=_by_id) if m.id in written for actor in sorted(m.attendees)
        ]
        self._conn.executemany("INSERT INTO meeting_attendees (meeting_id, actor_id) VALUES (?, ?)", attendance)

    def _check_references(self, batch_actors: set[str], ties: list[Tie], meetings: list[Meeting]) -> None:
        """Raise ``store.unknown_reference`` for the first actor named but neither given nor stored."""
        named = named_actors(ties, meetings) - batch_actors
        missing = named.difference(row[0] for row in self._rows_by_id("SELECT id FROM actors", named))
        if missing:
            record, actor = next((r, a) for r, a in references(ties, meetings) if a in missing)
            raise JejaringError("store.unknown_reference", path=str(self.path), record=record, actor=actor)

    def _sync(self, table: RecordType, rows: list[tuple[Any, ...]], changes: Changes) -> set[str]:
        """Upsert the rows whose JSON differs from the stored one; count outcomes; return their ids."""
        at_most = f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)"  # counts no further than needed
        if self._conn.execute(at_most, (len(rows) + 1,)).fetchone()[0] <= len(rows):
            # no more stored than written (a first import): one pass over the table beats looking
            # up each id, most of them absent
            stored = dict(self._conn.execute(f"SELECT id, data FROM {table}"))
        else:
            stored = dict(self._rows_by_id(f"SELECT id, data FROM {table}", [row[0] for row in rows]))
        written = [row for row in rows if stored.get(row[0]) != row[-1]]
        added = sum(1 for row in written if row[0] not in stored)
        outcomes: dict[Outcome, int] = {
            "added": added,
            "updated": len(written) - added,
            "unchanged": len(rows) - len(written),
        }
        for outcome, n in outcomes.items():
            if n:
                changes.count(table, outcome, n)
        written.sort()  # in id order the primary-key index grows at its end instead of all over
        self._conn.executemany(_UPSERT[table], written)
        return {row[0] for row in written}

    def set_settings(self, values: dict[str, str]) -> None:
        """Store workspace settings in one transaction."""
        with self._transaction():
            self._save_settings(values)

    def _save_settings(self, values: dict[str, str]) -> None:
        self._conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            values.items(),
        )

    # -- reading -------------------------------------------------------------------------

    @_reading
    def ids(self, record_type: RecordType) -> list[str]:
        """Every stored id of ``record_type`` (``actors``, ``ties`` or ``meetings``), sorted."""
        if record_type not in RECORD_TYPES:
            raise ValueError(f"no record type {record_type!r}")
        return [row[0] for row in self._conn.execute(f"SELECT id FROM {record_type} ORDER BY id")]

    @_reading
    def actor(self, actor_id: str) -> Actor | None:
        """Return the actor with ``actor_id``, or ``None``."""
        row = self._conn.execute("SELECT kind, data FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return None if row is None else _PARSE_ACTOR[row[0]](row[1])

    @_reading
    def actors(
        self,
        *,
        kinds: Iterable[ActorKind] | None = None,
        area: str | None = None,
        ids: Iterable[str] | None = None,
        name: str | None = None,
    ) -> list[Actor]:
        """Return actors sorted by id, filtered by kind, area (code prefix), ids, and name."""
        where = _Where()
        if kinds is not None:
            where.within("kind", [ActorKind.parse(kind).value for kind in kinds])
        if area is not None:
            where.add(_AREA.format("area_code"), *_area_bounds(area))
        if name is not None:
            where.add("instr(name_key, ?) > 0", normalize_label(name))
        rows = self._select("SELECT id, kind, data FROM actors", where, ids, ("id",))
        return [_PARSE_ACTOR[kind](data) for _, kind, data in rows]

    @_reading
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
        where = _Where()
        if kinds is not None:
            where.within("kind", [TieKind.parse(kind).value for kind in kinds])
        if area is not None:
            bounds = _area_bounds(area)
            where.add(f"(source IN ({_ACTORS_IN_AREA}) OR target IN ({_ACTORS_IN_AREA}))", *bounds, *bounds)
        if actor is not None:
            where.add("(source = ? OR target = ?)", actor, actor)
        if at is not None:
            day = _day(at)
            where.add("(since IS NULL OR since <= ?) AND (until IS NULL OR until > ?)", day, day)
        rows = self._select("SELECT id, data FROM ties", where, ids, ("id",))
        return [rebuild(Tie, from_json(data)) for _, data in rows]

    @_reading
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
        where = _Where()
        if types is not None:
            where.within("type", [MeetingType.parse(kind).value for kind in types])
        if area is not None:
            bounds = _area_bounds(area)
            where.add(
                f"({_AREA.format('village')} OR id IN (SELECT meeting_id FROM meeting_attendees"
                f" WHERE actor_id IN ({_ACTORS_IN_AREA})))",
                *bounds,
                *bounds,
            )
        if attendee is not None:
            where.add("id IN (SELECT meeting_id FROM meeting_attendees WHERE actor_id = ?)", attendee)
        if start is not None:
            where.add("date >= ?", _day(start))
        if end is not None:
            where.add("date < ?", _day(end))
        rows = self._select("SELECT id, data FROM meetings", where, ids, ())  # sorted here: cheaper than in SQL
        meetings = [rebuild(Meeting, from_json(data)) for _, data in rows]
        meetings.sort(key=lambda meeting: (meeting.date, meeting.id))
        return meetings

    def meetings_reader(self) -> Callable[[], list[Meeting]]:
        """A function that reads every meeting when called, through a connection of its own:
        it still works after this store is closed. :meth:`Network.from_store` uses it to put
        off reading a whole country's meetings until an analysis needs them."""
        path = self.path

        def read() -> list[Meeting]:
            with SqliteStore(path) as store:
                return store.meetings()

        return read

    @_reading
    def counts(self) -> dict[str, int]:
        """Number of stored actors of every kind (zero included) plus ``ties`` and ``meetings``."""
        result = {kind.value: 0 for kind in ActorKind}
        result.update(self._conn.execute("SELECT kind, count(*) FROM actors GROUP BY kind").fetchall())
        for table in ("ties", "meetings"):
            result[table] = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return result

    @_reading
    def setting(self, key: str) -> str | None:
        """Return a workspace setting, or ``None``."""
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    @_reading
    def settings(self, prefix: str) -> dict[str, str]:
        """Every workspace setting whose key starts with ``prefix``, by key."""
        rows = self._conn.execute("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix))
        return dict(rows.fetchall())

    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""
        self._conn.close()

    def _rows_by_id(self, select: str, ids: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """Run ``select`` restricted to ``ids``, a chunk of ids at a time."""
        for chunk in _chunks(list(ids)):
            yield from self._conn.execute(f"{select} WHERE id IN ({_marks(len(chunk))})", chunk)

    def _select(
        self, select: str, where: _Where, ids: Iterable[str] | None, order: tuple[str, ...]
    ) -> Iterable[tuple[Any, ...]]:
        """Run ``select`` with ``where`` (and ``ids``, chunked), sorted by the leading ``order``
        columns (none: in no particular order). The rows of a whole table stream from the cursor."""
        if ids is None:
            sql = f"{select}{where.sql()}" + (f" ORDER BY {', '.join(order)}" if order else "")
            return self._conn.execute(sql, where.params)
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(sorted(set(ids))):
            chunked = where.copy()
            chunked.within("id", chunk)
            rows.extend(self._conn.execute(f"{select}{chunked.sql()}", chunked.params))
        return sorted(rows, key=lambda row: row[: len(order)]) if order else rows


class _Where:
    """SQL conditions joined by ``AND``, with their parameters in order."""

    def __init__(self, clauses: Sequence[str] = (), params: Sequence[Any] = ()) -> None:
        self.clauses = list(clauses)
        self.params = list(params)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def within(self, column: str, values: Sequence[Any]) -> None:
        self.add(f"{column} IN ({_marks(len(values))})", *values)

    def copy(self) -> _Where:
        return _Where(self.clauses, self.params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _area_bounds(area: str) -> tuple[str, str, str]:
    """Parameters of ``_AREA``: the code itself, and the open range of codes below it."""
    return area, area + ".", area + "/"


def _day(value: date) -> str:
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError("a day is needed")
    return parsed.isoformat()


def _by_id(record: _Identified) -> str:
    return record.id


def _json(record: BaseModel) -> str:
    return record.model_dump_json(exclude_none=True)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _actor_row(actor: Actor) -> tuple[Any, ...]:
    name_key = normalize_label(actor.name)
    return (actor.id, actor.kind.value, actor.name, name_key, actor.area_code, _json(actor))


def _tie_row(tie: Tie) -> tuple[Any, ...]:
    return (tie.id, tie.kind.value, tie.source, tie.target, _iso(tie.since), _iso(tie.until), _json(tie))


def _meeting_row(meeting: Meeting) -> tuple[Any, ...]:
    day = meeting.date.isoformat()
    return (meeting.id, meeting.type.value, day, meeting.village, meeting.host, _json(meeting))
