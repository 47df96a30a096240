"""Reading raw tables: delimiters, encodings, comments, row numbers, XLSX sheets, bad files."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.io.cells import EXCEL_ERRORS
from jejaring.io.tables import read_csv, read_tables

DATA = Path(__file__).parent / "data" / "import"


def test_windows_1252_file_with_comment_line() -> None:
    (table,) = read_tables(DATA / "aktor_cp1252.csv")
    assert table.sheet is None and table.header_row == 2
    assert table.header == ["id", "jenis", "nama", "kode desa", "catatan"]
    assert [row for row, _ in table.rows] == [3, 4, 5]
    first, _, kades = (cells for _, cells in table.rows)
    assert first["catatan"] == "Posko relawan di Caf\u00e9 Sidasari"
    assert kades["nama"] == "H. Ma\u2019ruf"


def test_utf8_bom_semicolons_and_quoted_lists() -> None:
    (table,) = read_tables(DATA / "ikatan_utf8bom.csv")
    assert table.header[0] == "dari"  # the byte order mark is not part of the header
    assert table.rows[1] == (
        3,
        {
            "dari": "33.01.17.2004",
            "ke": "33.01.17.2001",
            "jenis": "Berbagi Sumber Daya",
            "sejak": "15/07/2023",
            "sampai": "31/12/2025",
            "bidang": "pembangunan",
            "sumber daya": "alat dan mesin pertanian; air/irigasi",
            "peran": "",
        },
    )


def test_tabs_blank_lines_multiline_cells_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "aktor.txt"
    path.write_text(
        '\n# allowed kinds: desa | kades\n"# quoted, as Excel saves a comment with a comma"\n'
        'id\tnama\tcatatan\n\nx1\tA\t"two\nlines"\nx2\tB\t\n\t\t\n',
        encoding="utf-8",
    )
    table = read_csv(path)
    assert table.header_row == 4
    assert table.rows == [
        (6, {"id": "x1", "nama": "A", "catatan": "two\nlines"}),
        (8, {"id": "x2", "nama": "B", "catatan": ""}),
    ]


def test_rows_of_empty_cells_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text(";;;\n# kolom: id, nama\n;;\nid;nama;;\n;;;\nx1;A;;\n", encoding="utf-8")
    table = read_csv(path)
    assert (table.header_row, table.header, table.rows) == (4, ["id", "nama"], [(6, {"id": "x1", "nama": "A"})])


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "rapat.txt"
    path.write_bytes("id\tjudul\r\nr1\tRapat di Caf\u00e9\r\n".encode("utf-16"))
    assert read_csv(path).rows == [(2, {"id": "r1", "judul": "Rapat di Caf\u00e9"})]


def test_formula_guard_quote_is_taken_off(tmp_path: Path) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text("id,nama\nx1,'=HYPERLINK(1)\nx2,'Kampung' Baru\n", encoding="utf-8")
    assert [cells["nama"] for _, cells in read_csv(path).rows] == ["=HYPERLINK(1)", "'Kampung' Baru"]


def test_row_with_another_delimiter_and_cells_without_header(tmp_path: Path) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text("id;nama\nx1,A\nx2;B;;\nx3;C;lebih\n", encoding="utf-8")
    table = read_csv(path)
    assert [row for row, _ in table.rows] == [3, 4]
    with use_lang("en"):
        assert [str(p) for p in table.problems] == [
            'aktor.csv:2:id: This row separates its cells with "," but the header uses ";";'
            " use one separator throughout the file.",
            'aktor.csv:4:C: The value "lebih" is in a column without a header; add a header or remove the value.',
        ]


@pytest.mark.parametrize(
    "name, content, key",
    [
        ("kosong.csv", b"  \r\n", "import.empty"),
        ("biner.csv", b"id,nama\x00\x01\x02", "import.not_text"),
        ("buku.csv", b"PK\x03\x04 a workbook renamed", "import.not_text"),
        ("komentar.csv", b"# only a comment\n\n", "import.no_header"),
        ("lama.xls", b"\xd0\xcf\x11\xe0", "import.old_format"),
        ("rusak.xlsx", b"not a zip file", "import.bad_xlsx"),
        ("aneh.csv", b"id,nama\n\x81\x8d\x8f\x90\x9d\n", "import.not_text"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, name: str, content: bytes, key: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(JejaringError) as caught:
        read_tables(path)
    assert caught.value.key == key
    with use_lang("en"):
        assert f'"{name}"' in str(caught.value)
    with use_lang("id"):
        assert f'"{name}"' in str(caught.value)


def _cache_formula_value(path: Path, formula: str, value: str) -> None:
    """Give a formula the cached value Excel would have stored (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_xlsx_sheets_rows_and_cell_values(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    actors = workbook.active
    actors.title = "aktor"
    actors.append([])
    actors.append(["# jenis: desa | kades"])
    actors.append(["id", "nama", "jumlah penduduk", "lintang", "awal jabatan", "dicatat"])
    actors.append(["18.02.02.2005", "Bangun Rejo", "=1000+234", -4.8, None, None])
    actors.append([None, None])
    actors.append(["kades-1", "Sutrisno", None, None, datetime(2019, 7, 1), datetime(2024, 1, 2, 9, 30)])
    actors.append([7.0, 7.5, date(2024, 2, 29)])
    workbook.create_sheet("kosong")
    ties = workbook.create_sheet("ikatan")
    ties.append(["dari", "ke"])
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    _cache_formula_value(path, "1000+234", "1234")

    first, second = read_tables(path)
    assert (first.name, first.header_row, second.name, second.rows) == ("data.xlsx[aktor]", 3, "data.xlsx[ikatan]", [])
    assert [row for row, _ in first.rows] == [4, 6, 7]
    assert [cells for _, cells in first.rows] == [
        {"id": "18.02.02.2005", "nama": "Bangun Rejo", "jumlah penduduk": "1234", "lintang": "-4.8", "awal jabatan": "", "dicatat": ""},
        {"id": "kades-1", "nama": "Sutrisno", "jumlah penduduk": "", "lintang": "", "awal jabatan": "2019-07-01", "dicatat": "2024-01-02 09:30:00"},
        {"id": "7", "nama": "7.5", "jumlah penduduk": "2024-02-29", "lintang": "", "awal jabatan": "", "dicatat": ""},
    ]


def test_workbook_without_any_header_is_unreadable(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "kosong.xlsx"
    Workbook().save(path)
    with pytest.raises(JejaringError) as caught:
        read_tables(path)
    assert caught.value.key == "import.no_header"


_HEADER = st.lists(st.from_regex(r"[a-z][a-z ]{0,8}[a-z]", fullmatch=True), min_size=2, max_size=5, unique=True)
_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf"), blacklist_characters="'"), max_size=12).filter(
    lambda cell: cell.strip() not in EXCEL_ERRORS  # an Excel error value is refused, as its own test checks
) | st.sampled_from(["-4.82", "=SUM(A1)", "a;b", "x, y", 'say "hi"', "line\nbreak", "\t"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=_HEADER, data=st.data(), delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_any_table_written_as_csv_reads_back(tmp_path: Path, header: list[str], data, delimiter: str, encoding: str) -> None:
    rows = data.draw(st.lists(st.lists(_CELL, min_size=len(header), max_size=len(header)), max_size=6))
    rows = [row for row in rows if sum(bool(cell.strip()) for cell in row) >= 2]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    path = tmp_path / "table.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    table = read_csv(path)
    assert table.header == header
    assert [cells for _, cells in table.rows] == [dict(zip(header, row, strict=True)) for row in rows]
    expected_lines, line = [], 2
    for row in rows:
        expected_lines.append(line)
        line += 1 + sum(cell.count("\n") + cell.count("\r") - cell.count("\r\n") for cell in row)
    assert [number for number, _ in table.rows] == expected_lines


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(codec="ascii") | st.sampled_from("'\u200b\u00e9")), min_size=1, max_size=6))
def test_text_taken_as_written_holds_no_cell_that_cleaning_changes(cells: list[str]) -> None:
    from jejaring.io.cells import restore, visible
    from jejaring.io.tables import _as_written

    if _as_written("".join(cells)):
        assert [visible(restore(cell)) for cell in cells] == cells


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab;\"\r\n\x0b\u2028") | st.characters()))
def test_lines_end_where_the_csv_module_ends_them(text: str) -> None:
    from jejaring.io.tables import _Lines

    assert list(_Lines(text)) == list(io.StringIO(text, newline=""))
