"""Properties of import and export over generated data (hypothesis):

- any sequence of valid imports, exported as CSV or JSON and imported into a fresh store,
  gives the same store (and without personal data, the same store less that data);
- any import with one invalid row, and any write naming an unknown actor, leaves the SQLite
  file byte for byte as it was.

The generated records live in Kecamatan Bangun Rejo (18.02.02), whose 17 villages are always
in the store; their text mixes any printable Unicode with what trips spreadsheets up:
formula starts, quotes, separators.
"""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jejaring.errors import JejaringError
from jejaring.gazetteer import gazetteer
from jejaring.io.cells import EXCEL_ERRORS
from jejaring.io.export import export
from jejaring.io.importer import import_files
from jejaring.io.tables import CELL_LIMIT
from jejaring.model import Meeting, Tie, Village, parse_actor, strip_personal
from jejaring.store import Batch, SqliteStore
from jejaring.vocab import (
    CooperationField,
    DevelopmentStatus,
    Direction,
    FirmOwnership,
    GovernmentLevel,
    InstitutionType,
    MeetingType,
    Resource,
    Role,
    Sector,
    TieKind,
)

VILLAGES = {area.code: area.name for area in gazetteer().villages_of("18.02.02")}
CODES = sorted(VILLAGES)
TRICKY = ["=1+1", "+62 812", "-cmd", "@SUM(A1)", "'=x", "''-1", "Kampung 'Baru'", 'LSM "Tani"', "a;b", "x, y", "1.234"]

_letters = st.characters(blacklist_categories=("Cs", "Cc", "Cf"))
text = (st.text(_letters, min_size=1, max_size=40) | st.sampled_from(TRICKY)).filter(
    lambda s: s.strip() and s.strip() not in EXCEL_ERRORS
)
maybe = st.none() | text
day = st.dates(date(2000, 1, 1), date(2035, 12, 31))
phone = st.none() | st.from_regex(r"\A0[0-9]{3} [0-9]{4} [0-9]{3,4}\Z")
email = st.none() | st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,8}\.(id|org)\Z")
# any float, or one with three decimals, which an Indonesian reader could take for thousands
latitude = st.floats(-11.5, 6.5) | st.integers(-11_500, 6_500).map(lambda n: n / 1000)
longitude = st.floats(94.5, 141.5) | st.integers(94_500, 141_500).map(lambda n: n / 1000)
ACTOR_IDS = [f"{prefix}-{n}" for prefix in ("lsm", "pt", "kades", "bpd", "dinas") for n in range(4)]


def vocab_list(vocab: Any) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(list(vocab)), unique=True, max_size=3)


def place(draw: Any) -> dict[str, Any]:
    """Common actor fields: sectors, needs, offers, coordinates (both or neither), notes."""
    fields: dict[str, Any] = {
        "sectors": draw(vocab_list(Sector)),
        "needs": draw(vocab_list(Resource)),
        "offers": draw(vocab_list(Resource)),
        "notes": draw(maybe),
    }
    if draw(st.booleans()):
        fields.update(latitude=draw(latitude), longitude=draw(longitude))
    return fields


@st.composite
def actor(draw: Any, actor_id: str) -> Any:
    """Any kind of actor but a village under ``actor_id``."""
    kind = draw(st.sampled_from(["ngo", "firm", "university", "government", "village_head", "institution"]))
    fields = {"kind": kind, "id": actor_id, "name": draw(text), **place(draw)}
    if kind == "village_head":
        start = draw(st.none() | day)
        end = draw(st.none() | st.integers(1, 3000).map(lambda n: (start or date(1999, 1, 1)) + timedelta(n)))
        fields.update(village=draw(st.sampled_from(CODES)), term_start=start, term_end=end)
    elif kind == "institution":
        fields.update(village=draw(st.sampled_from(CODES)), type=draw(st.sampled_from(list(InstitutionType))))
    else:
        fields["area"] = draw(st.sampled_from([None, "18", "18.02", "18.02.02"]))
        if kind == "firm":
            fields["ownership"] = draw(st.none() | st.sampled_from(list(FirmOwnership)))
        if kind == "government":
            fields["level"] = draw(st.none() | st.sampled_from(list(GovernmentLevel)))
    if kind != "village_head":
        fields["contact_person"] = draw(maybe)
    fields.update(phone=draw(phone), email=draw(email))
    return parse_actor({k: v for k, v in fields.items() if v is not None})


@st.composite
def village(draw: Any) -> Village:
    code = draw(st.sampled_from(CODES))
    status = draw(st.none() | st.sampled_from(list(DevelopmentStatus)))
    return Village(
        code=code,
        name=VILLAGES[code],
        development_status=status,
        population=draw(st.none() | st.integers(0, 2_000_000)),
        **place(draw),
    )


@st.composite
def batch(draw: Any) -> Batch:
    """A valid import: some actors and villages, ties and meetings among them and the villages."""
    ids = draw(st.lists(st.sampled_from(ACTOR_IDS), unique=True, min_size=1, max_size=5))
    actors = [draw(actor(key)) for key in ids] + draw(st.lists(village(), max_size=2, unique_by=lambda v: v.id))
    ends = st.sampled_from(ids + CODES)
    ties = []
    for n in range(draw(st.integers(1, 4))):
        source, target = draw(st.lists(ends, min_size=2, max_size=2, unique=True))
        since = draw(st.none() | day)
        until = draw(st.none() | st.integers(1, 2000).map(lambda k: (since or date(1999, 1, 1)) + timedelta(k)))
        ties.append(
            Tie(
                id=f"ikatan-{n}",
                kind=draw(st.sampled_from(list(TieKind))),
                source=source,
                target=target,
                since=since,
                until=until,
                field=draw(st.none() | st.sampled_from(list(CooperationField))),
                document_ref=draw(maybe),
                resources=draw(vocab_list(Resource)),
                direction=draw(st.none() | st.sampled_from(list(Direction))),
                role=draw(st.none() | st.sampled_from(list(Role))),
                amount=draw(st.none() | st.integers(0, 10**12)),
                notes=draw(maybe),
            )
        )
    meetings = [
        Meeting(
            id=f"rapat-{n}",
            type=draw(st.sampled_from(list(MeetingType))),
            date=draw(day),
            title=draw(maybe),
            village=draw(st.none() | st.sampled_from(CODES)),
            host=draw(st.none() | ends),
            attendees=draw(st.lists(ends, unique=True, max_size=4)),
            notes=draw(maybe),
        )
        for n in range(draw(st.integers(1, 2)))
    ]
    return Batch(actors=actors, ties=ties, meetings=meetings)


def new_store(path: Path) -> SqliteStore:
    store = SqliteStore(path, create=True)
    store.write(Batch(actors=[Village(code=code, name=name) for code, name in VILLAGES.items()]))
    return store


def contents(store: SqliteStore) -> tuple[list, list, list]:
    return store.actors(), store.ties(), store.meetings()


def load_json(path: Path) -> Batch:
    document = json.loads(path.read_text("utf-8"))
    return Batch(
        actors=[parse_actor(record) for record in document["actors"]],
        ties=[Tie.model_validate(record) for record in document["ties"]],
        meetings=[Meeting.model_validate(record) for record in document["meetings"]],
    )


PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(imports=st.lists(batch(), min_size=1, max_size=3))
def test_export_then_import_gives_the_same_store(imports: list[Batch]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with new_store(work / "a.db") as original:
            for n, records in enumerate(imports):
                import_files(original, export(records, work / f"import-{n}", format="csv", include_personal=True))
            expected = contents(original)
            full = export(original, work / "full", format="csv", include_personal=True)
            public = export(original, work / "public", format="csv")
            (document,) = export(original, work / "network.json", format="json", include_personal=True)
        with SqliteStore(work / "csv.db", create=True) as again:
            import_files(again, full)
            assert contents(again) == expected
        with SqliteStore(work / "json.db", create=True) as again:
            again.write(load_json(document))
            assert contents(again) == expected
        with SqliteStore(work / "public.db", create=True) as again:
            import_files(again, public)
            actors, ties, meetings = expected
            assert contents(again) == ([strip_personal(a) for a in actors], ties, meetings)


CORRUPTIONS = {
    # name: (table, column, value); the value may name the row's own id as {id}
    "no such date": ("meetings", "date", "31/02/2024"),
    "unknown kind": ("actors", "kind", "paguyuban"),
    "id with a space": ("actors", "id", "lsm baru"),
    "empty name": ("actors", "name", ""),
    "latitude off the map": ("actors", "latitude", "99"),
    "too short a phone": ("actors", "phone", "12"),
    "unknown tie end": ("ties", "source", "tidak-ada"),
    "unknown attendee": ("meetings", "attendees", "tidak-ada"),
    "end before start": ("ties", "until", "01/01/1990"),
    "cell too long": ("ties", "notes", "x" * (CELL_LIMIT + 1)),
    "id in other capitals": ("actors", "id", "{ID}"),
    "row given twice": ("actors", None, None),
}


def corrupt(path: Path, column: str | None, value: str | None, row: int) -> None:
    """Set ``column`` of data row ``row`` (wrapped) to ``value``; without a column, repeat the row."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    if column == "name":  # a village without a name gets its official one: corrupt another actor
        candidates = [r for r in rows if r[header.index("kind")] != "village"]
    else:
        candidates = rows
    target = candidates[row % len(candidates)]
    if column is None:
        rows.append(list(target))
    else:
        target[header.index(column)] = value.replace("{ID}", target[header.index("id")].upper())
        companion = {"latitude": ("longitude", "105"), "until": ("since", "01/01/2000")}.get(column)
        if companion:
            target[header.index(companion[0])] = companion[1]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


@PROPERTY
@given(first=batch(), second=batch(), corruption=st.sampled_from(sorted(CORRUPTIONS)), row=st.integers(0, 20))
def test_an_invalid_row_leaves_the_file_byte_for_byte_unchanged(
    first: Batch, second: Batch, corruption: str, row: int
) -> None:
    table, column, value = CORRUPTIONS[corruption]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = work / "store.db"
        with new_store(path) as store:
            import_files(store, export(first, work / "first", format="csv", include_personal=True))
            known = set(store.ids("actors"))
        before = path.read_bytes()  # closing checkpointed the log into the file and removed it
        files = export(second, work / "second", format="csv", include_personal=True)
        if value == "{ID}":  # the row whose id, in capitals, differs from a stored one only so
            second_ids = [a.id for a in second.actors]
            clashes = [key for key in second_ids if key in known and key.upper() != key]
            assume(clashes)
            row = second_ids.index(clashes[0])
        corrupt(next(f for f in files if f.stem == table), column, value, row)
        with SqliteStore(path) as store, pytest.raises(JejaringError):
            import_files(store, files)
        assert not path.with_name("store.db-wal").exists()
        assert path.read_bytes() == before


@PROPERTY
@given(first=batch(), second=batch())
def test_a_write_naming_an_unknown_actor_leaves_the_file_unchanged(first: Batch, second: Batch) -> None:
    """The store checks references inside its transaction, and rolls everything back."""
    second.ties.append(Tie(id="ikatan-hilang", kind="kerja sama", source=CODES[0], target="tidak-ada"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.db"
        with new_store(path) as store:
            store.write(first)
        before = path.read_bytes()
        with SqliteStore(path) as store, pytest.raises(JejaringError) as caught:
            store.write(second)
        assert caught.value.key == "store.unknown_reference"
        assert path.read_bytes() == before
