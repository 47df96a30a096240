"""Raw tables as offices make them: CSV (comma, semicolon or tab; UTF-8, UTF-8 with BOM,
UTF-16 as Excel's "Unicode text", or Windows-1252) and XLSX workbooks.

Lines beginning with ``#`` above the header are comments (the templates list allowed values
there). Every cell is read as text: Excel dates become ISO dates, whole numbers lose their
``.0``, formulas give their cached values, and a quote guarding a formula-like start (see
:mod:`jejaring.io.cells`) is taken off. Rows are numbered as a spreadsheet or an editor shows
them: 1-based, counting comment lines and the header. Blank rows are skipped.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "aktor.csv"
>>> _ = path.write_bytes(b"# jenis: desa | kades\\nkode;nama\\n18.02.02.2005;Bangun Rejo\\n")
>>> table = read_tables(path)[0]
>>> table.header, table.rows
(['kode', 'nama'], [(3, {'kode': '18.02.02.2005', 'nama': 'Bangun Rejo'})])
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejaring.errors import JejaringError
from jejaring.io.cells import restore
from jejaring.io.problems import Located

__all__ = ["Table", "Row", "read_tables", "read_csv", "read_xlsx", "column_letter", "DELIMITERS"]

Row = tuple[int, dict[str, str]]
DELIMITERS = (";", ",", "\t")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLD_EXCEL = (".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_BLANK_LINE = "".join(DELIMITERS) + '" \r\n'  # a spreadsheet saves an empty row as ";;;"


@dataclass
class Table:
    """One table: its file, sheet (``None`` for CSV), header as written, and numbered rows.

    A cell under a blank header, or past the last header, is kept under the key ``""``;
    ``problems`` holds row faults found while reading (such as a row with another delimiter).
    """

    path: Path
    sheet: str | None
    header: list[str]
    header_row: int
    rows: list[Row] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)

    @property
    def name(self) -> str:
        """How messages name the table: ``aktor.csv`` or ``templat.xlsx[aktor]``.

        >>> Table(Path("a/templat.xlsx"), "aktor", ["id"], 1).name
        'templat.xlsx[aktor]'
        """
        return f"{self.path.name}[{self.sheet}]" if self.sheet else self.path.name


def column_letter(index: int) -> str:
    """The spreadsheet letter of 1-based column ``index``.

    >>> column_letter(1), column_letter(27)
    ('A', 'AA')
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_tables(path: Path) -> list[Table]:
    """Read the tables of a CSV file (one) or an XLSX workbook (one per non-empty sheet).

    Raises :class:`~jejaring.errors.JejaringError` naming the file when it cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _OLD_EXCEL:
        raise JejaringError("import.old_format", file=path.name)
    if suffix in _XLSX_SUFFIXES:
        return read_xlsx(path)
    return [read_csv(path)]


def read_csv(path: Path) -> Table:
    """Read a delimited text file; the delimiter is the most frequent of ``; , tab`` in the header."""
    text = _decode(path)
    stream = io.StringIO(text, newline="")
    line_no = 0
    for line in stream:
        line_no += 1
        if line.strip(_BLANK_LINE) and not _is_comment(line):
            break
    else:
        raise JejaringError("import.no_header", file=path.name)
    delimiter = max(DELIMITERS, key=line.count)
    reader = csv.reader(itertools.chain([line], stream), delimiter=delimiter)
    table = Table(path, None, _header(next(reader)), line_no)
    consumed = reader.line_num
    for cells in reader:
        row_no, consumed = line_no + consumed, reader.line_num
        values = [restore(cell) for cell in cells]
        if not any(value.strip() for value in values):
            continue
        stray = _other_delimiter(values, len(table.header), delimiter)
        if stray:
            table.problems.append(
                Located(
                    table.name,
                    row_no,
                    table.header[0],
                    ("import.wrong_delimiter",),
                    {"found": _show(stray), "expected": _show(delimiter)},
                )
            )
            continue
        table.rows.append((row_no, _cells(table, row_no, values)))
    return table


def read_xlsx(path: Path) -> list[Table]:
    """Read every non-empty sheet of a workbook (cached values of formulas, not formulas)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        raise JejaringError("import.bad_xlsx", file=path.name) from None
    try:
        tables = [table for sheet in workbook.worksheets if (table := _sheet_table(path, sheet)) is not None]
    finally:
        workbook.close()
    if not tables:
        raise JejaringError("import.no_header", file=path.name)
    return tables


def _sheet_table(path: Path, sheet: Any) -> Table | None:
    sheet.reset_dimensions()  # some writers record a wrong used range; read what is there
    rows: Iterator[tuple[int, list[str]]] = (
        (number, [_text(value) for value in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    for number, values in rows:
        if any(value.strip() for value in values) and not _is_comment(values[0]):
            break
    else:
        return None
    table = Table(path, sheet.title, _header(values), number)
    for number, values in rows:
        if any(value.strip() for value in values):
            table.rows.append((number, _cells(table, number, values)))
    return table


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise JejaringError("import.empty", file=path.name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(_ZIP_MAGIC) or b"\x00" in data[:4096]:
        raise JejaringError("import.not_text", file=path.name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise JejaringError("import.not_text", file=path.name)


def _is_comment(cell: str) -> bool:
    return cell.lstrip().lstrip('"').startswith("#")


def _header(cells: Iterable[str]) -> list[str]:
    header = [cell.strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    return header


def _cells(table: Table, row_no: int, values: list[str]) -> dict[str, str]:
    """Map header -> cell (blank when the row is short); cells without a header go under
    ``""`` and are reported there."""
    row = dict.fromkeys(table.header, "")
    for index, value in enumerate(values):
        key = table.header[index] if index < len(table.header) else ""
        if key or value.strip():
            row[key] = row.get(key) or value
        if not key and value.strip():
            table.problems.append(
                Located(table.name, row_no, column_letter(index + 1), ("import.cell_without_header",), {"value": value.strip()})
            )
    return row


def _other_delimiter(values: list[str], width: int, delimiter: str) -> str | None:
    """The delimiter a row used instead of the header's, when it ran all its cells into one."""
    if width < 2 or sum(bool(value.strip()) for value in values) != 1 or not values[0].strip():
        return None
    return next((d for d in DELIMITERS if d != delimiter and d in values[0]), None)


def _show(delimiter: str) -> str:
    return "TAB" if delimiter == "\t" else delimiter


def _text(value: Any) -> str:
    """A cell value as the text a person typed: ISO dates, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
