"""Hostile and broken input: the corpus in tests/hostile/ (each case and its exact message in
tests/hostile/expected.toml), and inputs too large to keep in the repository, made here:
100,000 rows, and cells of 10 MB."""

from __future__ import annotations

import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from jejaring.errors import JejaringError
from jejaring.gazetteer import gazetteer
from jejaring.i18n import use_lang
from jejaring.io.importer import ImportFailed, import_files
from jejaring.io.tables import CELL_LIMIT
from jejaring.model import Village
from jejaring.store import Batch, SqliteStore

CORPUS = Path(__file__).parent / "hostile"
CASES = tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))
OUTCOMES = ("error", "problems", "records")


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store holding the 17 villages of Kecamatan Bangun Rejo, as `jejaring init` makes it."""
    villages = [Village(code=area.code, name=area.name) for area in gazetteer().villages_of("18.02.02")]
    with SqliteStore(tmp_path / "store.db", create=True) as opened:
        opened.write(Batch(actors=villages))
        yield opened


def snapshot(store: SqliteStore) -> tuple[list, list, list]:
    return store.actors(), store.ties(), store.meetings()


def stored(store: SqliteStore, record_id: str):
    return (
        store.actor(record_id)
        or next(iter(store.ties(ids=[record_id])), None)
        or next(iter(store.meetings(ids=[record_id])), None)
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(store: SqliteStore, name: str) -> None:
    case = CASES[name]
    for before in case.get("before", []):
        import_files(store, [CORPUS / before])
    paths = [CORPUS / file for file in case["files"]]
    unchanged = snapshot(store)
    with use_lang(case.get("lang", "en")):
        if "error" in case:
            with pytest.raises(JejaringError) as caught:
                import_files(store, paths)
            assert not isinstance(caught.value, ImportFailed)
            assert str(caught.value) == case["error"]
        elif "problems" in case:
            with pytest.raises(ImportFailed) as caught:
                import_files(store, paths)
            assert [str(problem) for problem in caught.value.problems] == case["problems"]
        else:
            import_files(store, paths)
    if "records" not in case:
        assert snapshot(store) == unchanged
    for record_id, fields in case.get("records", {}).items():
        record = stored(store, record_id)
        assert record is not None, record_id
        dumped = record.model_dump(mode="json")
        assert {field: dumped[field] for field in fields} == fields, record_id


def test_every_case_says_what_it_holds_and_expects_one_outcome() -> None:
    for name, case in CASES.items():
        assert case.get("about") and case.get("files"), name
        assert sum(outcome in case for outcome in OUTCOMES) == 1, name


def test_every_file_of_the_corpus_is_used() -> None:
    used = {file for case in CASES.values() for file in case["files"] + case.get("before", [])}
    assert used == {path.name for path in CORPUS.iterdir()} - {"expected.toml"}


def ngo_rows(count: int, *, bad_row: int | None = None) -> str:
    """An actors table of ``count`` NGOs; spreadsheet row ``bad_row`` has an id with a space."""
    lines = ["id;jenis;nama;kode wilayah;sektor;catatan"]
    for row in range(2, count + 2):
        key = f"lsm {row:06d}" if row == bad_row else f"lsm-{row:06d}"
        lines.append(f"{key};LSM;Lembaga Swadaya Nomor {row};18.02.02;pertanian, peternakan;catatan baris {row}")
    return "\n".join(lines) + "\n"


def test_a_hundred_thousand_rows_import_and_a_bad_row_near_the_end_is_named(
    store: SqliteStore, tmp_path: Path, record_property
) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text(ngo_rows(100_000, bad_row=99_999), encoding="utf-8")
    with use_lang("en"), pytest.raises(ImportFailed) as caught:
        import_files(store, [path])
    with use_lang("en"):
        assert [str(problem) for problem in caught.value.problems] == [
            'aktor.csv:99999:id: "lsm 099999" is not a valid id; use letters, digits and . _ : - without spaces,'
            " e.g. lsm-bina-desa."
        ]
    assert store.counts()["ngo"] == 0

    path.write_text(ngo_rows(100_000), encoding="utf-8")
    started = time.perf_counter()
    changes = import_files(store, [path])
    record_property("seconds_for_100000_rows", round(time.perf_counter() - started, 1))
    assert changes.added["actors"] == store.counts()["ngo"] == 100_000
    assert store.actor("lsm-100001").name == "Lembaga Swadaya Nomor 100001"


@pytest.mark.parametrize(
    ("column", "length"),
    [("catatan", 10 * 1024 * 1024), ("nama", CELL_LIMIT + 1)],
    ids=["10 MB of notes", "one character too many"],
)
def test_an_overlong_csv_cell_is_refused_by_its_place(
    store: SqliteStore, tmp_path: Path, column: str, length: int
) -> None:
    """Past the csv module's own limit (131,072) or just past ours, the message is the same."""
    cells = {"nama": "LSM Panjang", "catatan": "pendek"} | {column: "x" * length}
    path = tmp_path / "aktor.csv"
    rows = ["id;jenis;nama;catatan", "lsm-1;LSM;LSM Satu;", f'lsm-2;LSM;{cells["nama"]};"{cells["catatan"]}"', "lsm-3;LSM;LSM Tiga;"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with use_lang("en"), pytest.raises(ImportFailed) as caught:
        import_files(store, [path])
    with use_lang("en"):
        assert [str(problem) for problem in caught.value.problems] == [
            f"aktor.csv:3:{column}: This cell holds {length} characters, more than the {CELL_LIMIT} a cell may hold;"
            " shorten it."
        ]
    assert store.counts()["ngo"] == 0


def test_a_cell_at_the_limit_is_read_and_judged_by_its_field(store: SqliteStore, tmp_path: Path) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text(f"id;jenis;nama;catatan\nlsm-1;LSM;LSM Satu;{'x' * CELL_LIMIT}\n", encoding="utf-8")
    with use_lang("en"), pytest.raises(ImportFailed) as caught:
        import_files(store, [path])
    with use_lang("en"):
        assert [str(problem) for problem in caught.value.problems] == [
            "aktor.csv:2:catatan: The text is too long; at most 10000 characters are allowed."
        ]


def test_an_overlong_workbook_cell_is_refused_by_its_place(store: SqliteStore, tmp_path: Path) -> None:
    """Excel stops a cell at 32,767 characters, but other programs write what they like."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "aktor"
    sheet.append(["id", "jenis", "nama", "catatan"])
    sheet.append(["lsm-1", "LSM", "LSM Satu", "LONG-CELL"])
    path = tmp_path / "besar.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet_part = "xl/worksheets/sheet1.xml"  # openpyxl writes text inline
    parts[sheet_part] = parts[sheet_part].replace(b"LONG-CELL", b"x" * (10 * 1024 * 1024))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with use_lang("id"), pytest.raises(ImportFailed) as caught:
        import_files(store, [path])
    with use_lang("id"):
        assert [str(problem) for problem in caught.value.problems] == [
            f"besar.xlsx[aktor]:2:catatan: Sel ini berisi {10 * 1024 * 1024} karakter, melebihi batas {CELL_LIMIT}"
            " karakter per sel; persingkat isinya."
        ]
