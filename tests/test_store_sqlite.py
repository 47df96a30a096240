"""The SQLite store: the shared contract, plus what only a file-backed store has to get right."""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_contract import BANGUN_REJO, KADES, StoreContract, contents, expect_error, sample

from jejaring.errors import JejaringError
from jejaring.i18n import catalogue, use_lang
from jejaring.model import parse_actor
from jejaring.store import Batch, SqliteStore, open_store
from jejaring.store.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, path_from_url
from jejaring.vocab import normalize_label


class TestSqliteStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SqliteStore]:
        with SqliteStore(tmp_path / "contract.db", create=True) as store:
            yield store


class TestSqliteStoreBigWrites(StoreContract):
    """Every write taken as a country-sized one: bigger cache, SQLite's reference checks off."""

    @pytest.fixture
    def store(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SqliteStore]:
        monkeypatch.setattr("jejaring.store.sqlite.BIG_WRITE", 1)
        with SqliteStore(tmp_path / "contract.db", create=True) as store:
            yield store
        with sqlite3.connect(tmp_path / "contract.db") as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_big_write_turns_the_reference_checks_back_on(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jejaring.store.sqlite.BIG_WRITE", 1)
    with SqliteStore(path, create=True) as store:
        store.write(sample())
        assert pragma(store._conn, "foreign_keys") == 1
        with pytest.raises(JejaringError):
            store.write(Batch(actors=[parse_actor({"kind": "ngo", "id": "x", "name": "X"})], ties=[
                *sample().ties[:1], sample().ties[0].model_copy(update={"id": "t-ghost", "target": "ghost"})]))
        assert pragma(store._conn, "foreign_keys") == 1
        assert store.actor("x") is None


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "bangun-rejo.db"


def pragma(conn: sqlite3.Connection, name: str) -> object:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_pragmas_in_force(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        conn = store._conn
        assert pragma(conn, "foreign_keys") == 1
        assert pragma(conn, "journal_mode") == "wal"
        assert pragma(conn, "synchronous") == 1  # NORMAL
        assert pragma(conn, "busy_timeout") == 10_000
        assert pragma(conn, "application_id") == APPLICATION_ID
        assert pragma(conn, "user_version") == SCHEMA_VERSION


def test_foreign_keys_guard_the_tables_themselves(path: Path) -> None:
    with SqliteStore(path, create=True) as store, pytest.raises(sqlite3.IntegrityError):
        store._conn.execute(
            "INSERT INTO ties (id, kind, source, target, data) VALUES ('t', 'partnership', 'a', 'b', '{}')"
        )


def test_a_version_1_file_is_migrated_forward(path: Path) -> None:
    village = parse_actor({"kind": "desa", "code": BANGUN_REJO, "name": "Bangun Rejo", "population": 5123})
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO actors (id, kind, name, name_key, area_code, data) VALUES (?, ?, ?, ?, ?, ?)",
        (village.id, "village", village.name, normalize_label(village.name), village.code, village.model_dump_json()),
    )
    conn.close()
    with SqliteStore(path) as store:
        assert pragma(store._conn, "user_version") == SCHEMA_VERSION
        assert store.actors(area="18.02.02", name="bangun rejo") == [village]
        changes = store.write(sample())
        assert changes.added["actors"] == 10 and changes.updated["actors"] == 1


def test_a_newer_schema_is_refused(path: Path) -> None:
    SqliteStore(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(JejaringError) as info:
        SqliteStore(path)
    expect_error(info, "store.too_new", path=str(path), version=SCHEMA_VERSION + 1, supported=SCHEMA_VERSION)


def test_a_missing_file_is_refused_and_not_created(path: Path) -> None:
    with pytest.raises(JejaringError) as info:
        SqliteStore(path)
    expect_error(info, "store.missing", path=str(path))
    assert not path.exists()


def test_a_missing_folder_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(JejaringError) as info:
        SqliteStore(tmp_path / "no-such-folder" / "store.db", create=True)
    expect_error(info, "store.cannot_open", path=str(tmp_path / "no-such-folder" / "store.db"))


@pytest.mark.parametrize("create", [False, True])
def test_a_spreadsheet_is_not_a_store(path: Path, create: bool) -> None:
    path.write_text("kode,nama\n18.02.02.2005,Bangun Rejo\n", encoding="utf-8")
    with pytest.raises(JejaringError) as info:
        SqliteStore(path, create=create)
    expect_error(info, "store.not_jejaring", path=str(path))
    assert path.read_text(encoding="utf-8").startswith("kode,nama")


@pytest.mark.parametrize("create", [False, True])
def test_another_programs_database_is_refused_untouched(path: Path, create: bool) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE inventory (item TEXT)")
    conn.close()
    with pytest.raises(JejaringError) as info:
        SqliteStore(path, create=create)
    expect_error(info, "store.not_jejaring", path=str(path))
    conn = sqlite3.connect(path)
    assert (pragma(conn, "journal_mode"), pragma(conn, "user_version")) == ("delete", 0)
    conn.close()


def test_an_empty_file_becomes_a_store_only_when_asked(path: Path) -> None:
    path.touch()
    with pytest.raises(JejaringError) as info:
        SqliteStore(path)
    expect_error(info, "store.not_jejaring", path=str(path))
    with SqliteStore(path, create=True) as store:
        assert store.counts()["ties"] == 0


def test_create_opens_an_existing_store(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        store.write(sample())
    with SqliteStore(path, create=True) as store:
        assert store.counts()["village"] == 4


def test_the_file_survives_close_and_reopen(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        store.write(sample())
        store.set_settings({"kecamatan": "18.02.02"})
        before = contents(store)
    with SqliteStore(path) as store:
        assert contents(store) == before
        assert store.setting("kecamatan") == "18.02.02"


def test_a_locked_file_says_busy_and_writes_nothing(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        store._conn.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(JejaringError) as info:
            store.write(sample())
        expect_error(info, "store.busy", path=str(path))
        with use_lang("en"):
            assert "database is locked" not in str(info.value)
        assert store.counts()["village"] == 0  # reading goes on while another process writes
        other.execute("ROLLBACK")
        other.close()
        assert store.write(sample()).added["actors"] == 11


def test_a_file_held_exclusively_is_busy_when_opened(path: Path, monkeypatch) -> None:
    """Another program holding the file exclusively makes opening wait, then say busy (and
    never call the file "not a jejaring store")."""
    with SqliteStore(path, create=True) as store:
        store.write(sample())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr("jejaring.store.sqlite.BUSY_TIMEOUT_S", 0.05)
    with pytest.raises(JejaringError) as info:
        SqliteStore(path)
    expect_error(info, "store.busy", path=str(path))
    other.execute("COMMIT")
    other.close()
    with SqliteStore(path) as store:
        assert len(store.actors()) == 11


def test_a_damaged_file_says_it_cannot_be_read(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        store.write(sample())
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = store._conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'actors'").fetchone()[0]
        size = store._conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:  # overwrite the actors table's root page with noise
        handle.seek((pages - 1) * size)
        handle.write(b"\xff" * size)
    with SqliteStore(path) as store, pytest.raises(JejaringError) as info:
        store.actors()
    expect_error(info, "store.read_failed", path=str(path))


def test_forget_overwrites_notes_and_refuses_unknown_records(path: Path) -> None:
    batch = sample()
    with SqliteStore(path, create=True) as store:
        store.write(batch)
        kades = next(a for a in batch.actors if a.id == KADES)
        redacted = kades.model_copy(update={"name": "(dihapus atas permintaan)", "phone": None, "email": None})
        changes = store.forget(Batch(actors=[redacted]), settings={"forgotten:" + KADES: '{"on": "2024-05-01"}'})
        assert dict(changes.updated) == {"actors": 1}
        assert store.actor(KADES) == redacted
        assert store.setting("forgotten:" + KADES) == '{"on": "2024-05-01"}'
        stranger = redacted.model_copy(update={"id": "kades-baru"})
        before = contents(store)
        with pytest.raises(JejaringError) as info:
            store.forget(Batch(actors=[stranger]), settings={"forgotten:kades-baru": "{}"})
        expect_error(info, "store.not_stored", path=str(path), record="kades-baru")
        assert contents(store) == before and store.setting("forgotten:kades-baru") is None


def test_forget_says_when_a_reader_keeps_an_old_copy_in_the_log(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        store.write(sample())
        store._conn.execute("PRAGMA busy_timeout = 50")
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM actors").fetchone()  # holds a snapshot open
        kades = store.actor(KADES).model_copy(update={"phone": None})
        with pytest.raises(JejaringError) as info:
            store.forget(Batch(actors=[kades]), settings={})
        expect_error(info, "store.purge_incomplete", path=str(path))
        assert store.actor(KADES).phone is None  # the records are changed all the same
        reader.execute("COMMIT")
        reader.close()
        assert store.forget(Batch(actors=[kades]), settings={}).is_empty()


def test_url_names_the_absolute_path(path: Path) -> None:
    with SqliteStore(path, create=True) as store:
        assert store.url == "sqlite:///" + path.resolve().as_posix().lstrip("/")
        assert path_from_url(store.url) == store.path == path.resolve()
        assert repr(store) == f"SqliteStore({store.url!r})"


def test_open_store_takes_paths_and_urls(path: Path) -> None:
    with open_store(str(path), create=True) as store:
        store.write(Batch(actors=sample().actors[:1]))
        url = store.url
    for address in (path, str(path), url, f"  {url}  "):
        with open_store(address) as store:
            assert isinstance(store, SqliteStore) and store.path == path.resolve()
            assert store.counts()["village"] == 1


@pytest.mark.parametrize(
    ("url", "key", "shown"),
    [
        ("postgres://db.example/jejaring", "store.unknown_url", "postgres://db.example/jejaring"),
        ("sqlite://relative.db", "store.unknown_url", "sqlite://relative.db"),
    ],
)
def test_open_store_refuses_other_addresses(url: str, key: str, shown: str) -> None:
    with pytest.raises(JejaringError) as info:
        open_store(url)
    expect_error(info, key, url=shown)
    assert "s3cret" not in str(info.value)


def test_store_messages_exist_in_both_languages() -> None:
    english = {k: v for k, v in catalogue("en").items() if k.startswith("store.")}
    indonesian = {k: v for k, v in catalogue("id").items() if k.startswith("store.")}
    assert english.keys() == indonesian.keys()
    for key, template in english.items():
        assert sorted(_fields(template)) == sorted(_fields(indonesian[key])), key


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
