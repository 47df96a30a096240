"""Raw tables as offices make them: CSV (comma, semicolon or tab; UTF-8, UTF-8 with BOM,
UTF-16 as Excel's "Unicode text", or Windows-1252) and XLSX workbooks.

Lines beginning with ``#`` above the header are comments (the templates list allowed values
there), and so is a title in merged cells above the header of a workbook sheet. Every cell
is read as text: Excel dates become ISO dates, whole numbers lose their ``.0``, formulas
give their cached values, a quote guarding a formula-like start (see
:mod:`jejaring.io.cells`) is taken off, and invisible characters are dropped. Rows are
numbered as a spreadsheet or an editor shows them: 1-based, counting comment lines and the
header. Blank rows are skipped.

What cannot be read faithfully is a problem of its row, never guessed at: a cell longer
than :data:`CELL_LIMIT` characters, an error value such as ``#REF!``, a formula whose result
was never saved, merged cells, a quoted cell that never closes, and a last row cut short.

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
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejaring.errors import JejaringError
from jejaring.io.cells import EXCEL_ERRORS, restore, visible
from jejaring.io.problems import Located

__all__ = ["Table", "Row", "read_tables", "read_csv", "read_xlsx", "column_letter", "DELIMITERS", "CELL_LIMIT"]

Row = tuple[int, dict[str, str]]
DELIMITERS = (";", ",", "\t")
CELL_LIMIT = 100_000
"""Most characters a cell may hold (ten times the longest field, notes): a longer cell is
refused with its place named, before it costs time or memory."""

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLD_EXCEL = (".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_BLANK_LINE = "".join(DELIMITERS) + '" \r\n'  # a spreadsheet saves an empty row as ";;;"
_LINE_ENDS = ("\n", "\r")
_OTHER_LINE_ENDS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines ends lines there too
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass
class Table:
    """One table: its file, sheet (``None`` for CSV), header as written, and numbered rows.

    A cell under a blank header, or past the last header, is kept under the key ``""``;
    ``problems`` holds row faults found while reading (such as a row with another delimiter);
    a row with such a fault is left out of ``rows``.
    """

    path: Path
    sheet: str | None
    header: list[str]
    header_row: int
    rows: list[Row] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)

    @functools.cached_property
    def distinct(self) -> int:
        """How many different headers there are."""
        return len(set(self.header))

    @property
    def name(self) -> str:
        """How messages name the table: ``aktor.csv`` or ``templat.xlsx[aktor]``.

        >>> Table(Path("a/templat.xlsx"), "aktor", ["id"], 1).name
        'templat.xlsx[aktor]'
        """
        return f"{self.path.name}[{self.sheet}]" if self.sheet else self.path.name

    def column(self, index: int) -> str:
        """How messages name 0-based column ``index``: its header, else its letter.

        >>> Table(Path("x.csv"), None, ["id", ""], 1).column(1)
        'B'
        """
        header = self.header[index] if index < len(self.header) else ""
        return header or column_letter(index + 1)

    def fault(self, row: int, index: int, key: str, **params: Any) -> None:
        """Record problem ``key`` at ``row`` and 0-based column ``index``."""
        self.problems.append(Located(self.name, row, self.column(index), (key,), params))


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


class _Lines:
    """The lines of a text, counting how many characters have been handed out.

    Lines end at ``\n``, ``\r`` or ``\r\n`` (the csv module's rule). ``str.splitlines``
    splits there too, faster and without the four bytes a character of a ``StringIO`` copy,
    unless the text holds one of the other characters it also takes as a line end.

    >>> list(_Lines("a\\r\\nb\\rc\\x0bd\\n")), list(_Lines("a\\nb"))
    (['a\\r\\n', 'b\\r', 'c\\x0bd\\n'], ['a\\n', 'b'])
    """

    def __init__(self, text: str) -> None:
        if any(other in text for other in _OTHER_LINE_ENDS):
            self._lines = iter(io.StringIO(text, newline=""))
        else:
            self._lines = iter(text.splitlines(keepends=True))
        self.offset = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.offset += len(line)
        return line


def read_csv(path: Path) -> Table:
    """Read a delimited text file; the delimiter is the most frequent of ``; , tab`` in the header."""
    text = _decode(path)
    lines = _Lines(text)
    line_no = 0
    for line in lines:
        line_no += 1
        if line.strip(_BLANK_LINE) and not _is_comment(line):
            break
    else:
        raise JejaringError("import.no_header", file=path.name)
    delimiter = max(DELIMITERS, key=line.count)
    reader = csv.reader(itertools.chain([line], lines), delimiter=delimiter)
    table = Table(path, None, _header(next(reader)), line_no)
    width, consumed = len(table.header), reader.line_num
    last = (lines.offset, line_no + consumed, 0)  # where the last row starts, its number, its cells
    seen = full_rows = 0  # data rows read, and how many of them had a cell under every header
    while True:
        start = lines.offset
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:  # a cell longer than the csv module takes: the rest is not read
            lengths, _ = _scan_row(text, start, delimiter)
            index = max(range(len(lengths)), key=lengths.__getitem__)
            table.fault(line_no + consumed, index, "import.cell_too_long", length=lengths[index], limit=CELL_LIMIT)
            return table
        row_no, consumed = line_no + consumed, reader.line_num
        last = (start, row_no, len(cells))
        joined = "".join(cells)
        if not _as_written(joined):
            cells = [visible(restore(cell)) if cell else cell for cell in cells]
            joined = "".join(cells)
        if not joined.strip():
            continue
        seen += 1
        full_rows += len(cells) >= width
        stray = _other_delimiter(cells, width, delimiter)
        if stray:
            table.fault(row_no, 0, "import.wrong_delimiter", found=_show(stray), expected=_show(delimiter))
            continue
        _add_row(table, row_no, cells, joined)
    start, row_no, found = last
    if _scan_row(text, start, delimiter)[1]:
        _drop_last(table, row_no, found - 1, "import.unclosed_quote")
    elif found < width and seen > 1 and full_rows == seen - 1 and not text.endswith(_LINE_ENDS):
        _drop_last(table, row_no, found - 1, "import.cut_short", found=found, expected=width)
    return table


def _as_written(joined: str) -> bool:
    """True when the cells of a row, ``joined`` into one text, read as written: printable
    (no control, format or line-break character) and without the ``'`` that may guard a
    formula-like start, so that neither :func:`restore` nor :func:`visible` would change a cell.
    One test a row instead of two calls a cell.

    >>> _as_written("xSido Rejo"), _as_written("x'=1"), _as_written("xSu\\u200btrisno"), _as_written("a\\tb")
    (True, False, False, False)
    """
    return joined.isprintable() and "'" not in joined


def _drop_last(table: Table, row_no: int, index: int, key: str, **params: Any) -> None:
    """Report the last row as unreadable (``key``) and leave it out."""
    if table.rows and table.rows[-1][0] == row_no:
        table.rows.pop()
    table.fault(row_no, index, key, **params)


def _scan_row(text: str, start: int, delimiter: str) -> tuple[list[int], bool]:
    """The lengths of the cells of the CSV row beginning at ``start``, and whether the text
    ends inside a quoted cell (as the csv module reads it, quotes doubled inside)."""
    lengths: list[int] = []
    ends = re.compile(f"[{re.escape(delimiter)}\r\n]")
    pos = start
    while True:
        length = 0
        if text.startswith('"', pos):
            pos += 1
            while True:
                close = text.find('"', pos)
                if close < 0:
                    lengths.append(length + len(text) - pos)
                    return lengths, True
                length += close - pos
                pos = close + 1
                if not text.startswith('"', pos):
                    break
                length, pos = length + 1, pos + 1
        match = ends.search(text, pos)
        end = match.start() if match else len(text)
        lengths.append(length + end - pos)
        if match is None or text[end] != delimiter:
            return lengths, False
        pos = end + 1


def read_xlsx(path: Path) -> list[Table]:
    """Read every non-empty sheet of a workbook (cached values of formulas, not formulas)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError, OSError):
        raise JejaringError("import.bad_xlsx", file=path.name) from None
    try:
        with zipfile.ZipFile(path) as archive:
            # openpyxl keeps each read-only sheet's part name in _worksheet_path
            marks = [_sheet_marks(archive, sheet._worksheet_path) for sheet in workbook.worksheets]
        tables = [
            table
            for sheet, (merged, uncached) in zip(workbook.worksheets, marks, strict=True)
            if (table := _sheet_table(path, sheet, merged, uncached)) is not None
        ]
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, SyntaxError):  # damaged parts; ParseError is a SyntaxError
        raise JejaringError("import.bad_xlsx", file=path.name) from None
    finally:
        workbook.close()
    if not tables:
        raise JejaringError("import.no_header", file=path.name)
    return tables


def _sheet_marks(archive: zipfile.ZipFile, part: str) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """The merged ranges of a sheet as (first column, first row, last column, last row), and
    the (row, column) of each formula without a saved result. The sheet's XML is streamed,
    and parsed only when it has merged cells or formulas at all."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    part = part.lstrip("/")
    merged: list[tuple[int, int, int, int]] = []
    uncached: set[tuple[int, int]] = set()
    if not _has_marks(archive, part):
        return merged, uncached
    with archive.open(part) as source:
        for _, element in iterparse(source):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                value = children.get("v")
                if "f" in children and (value is None or not value.text) and element.get("r"):
                    uncached.add(coordinate_to_tuple(element.get("r")))
            elif tag == "mergeCell" and element.get("ref"):
                merged.append(range_boundaries(element.get("ref")))
            if tag in ("row", "mergeCell"):
                element.clear()
    return merged, uncached


def _has_marks(archive: zipfile.ZipFile, part: str) -> bool:
    """True when the sheet's XML mentions merged cells or holds a formula, read a megabyte at a time."""
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(1 << 20):
            window = tail + chunk
            if b"mergeCell" in window or _FORMULA_TAG.search(window):
                return True
            tail = window[-16:]
    return False


def _sheet_table(
    path: Path, sheet: Any, merged: list[tuple[int, int, int, int]], uncached: set[tuple[int, int]]
) -> Table | None:
    """The table of one sheet (``None`` when it is empty); rows touched by merged cells or by
    a formula without a saved result are reported instead of read."""
    sheet.reset_dimensions()  # some writers record a wrong used range; read what is there
    rows: Iterator[tuple[int, list[str]]] = (
        (number, [_text(value) for value in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    for number, values in rows:
        filled = any(value.strip() for value in values)
        if filled and not (_is_comment(values[0]) or _is_title(number, values, merged)):
            break
    else:
        return None
    table = Table(path, sheet.title, _header(values), number)
    width = max(len(table.header), 1)
    covered: set[int] = set()
    for first_col, first_row, last_col, last_row in merged:
        if last_row >= table.header_row and first_col <= width:
            span = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
            table.fault(max(first_row, table.header_row), first_col - 1, "import.merged_cells", range=span)
            covered.update(range(max(first_row, table.header_row), last_row + 1))
    for row, col in sorted(uncached):
        if row > table.header_row and col <= width and row not in covered:
            table.fault(row, col - 1, "import.formula_without_value")
            covered.add(row)
    for number, values in rows:
        if number not in covered and any(value.strip() for value in values):
            _add_row(table, number, values)
    return table


def _is_title(number: int, values: list[str], merged: list[tuple[int, int, int, int]]) -> bool:
    """True for a row whose only text sits in cells merged across columns: a sheet's title."""
    filled = [index + 1 for index, value in enumerate(values) if value.strip()]
    return len(filled) == 1 and any(
        first_row == number and first_col == filled[0] and last_col > first_col
        for first_col, first_row, last_col, _ in merged
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise JejaringError("import.empty", file=path.name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(_ZIP_MAGIC) or b"\x00" in data:
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
    header = [visible(cell).strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    return header


def _add_row(table: Table, row_no: int, values: list[str], joined: str | None = None) -> None:
    """Keep the row unless one of its cells cannot be read faithfully (then report that).
    ``joined``, the cells as one text, spares the cell-by-cell checks of most rows."""
    joined = "".join(values) if joined is None else joined
    fits = len(joined) <= CELL_LIMIT or max(map(len, values)) <= CELL_LIMIT
    if fits and ("#" not in joined or EXCEL_ERRORS.isdisjoint(map(str.strip, values))):  # errors start with #
        table.rows.append((row_no, _cells(table, row_no, values)))
        return
    for index, value in enumerate(values):
        if len(value) > CELL_LIMIT:
            table.fault(row_no, index, "import.cell_too_long", length=len(value), limit=CELL_LIMIT)
        elif value.strip() in EXCEL_ERRORS:
            table.fault(row_no, index, "import.excel_error", value=value.strip())


def _cells(table: Table, row_no: int, values: list[str]) -> dict[str, str]:
    """Map header -> cell (blank when the row is short); cells without a header go under
    ``""`` and are reported there."""
    if len(values) == len(table.header) == table.distinct:  # the common case: a cell under each header
        return dict(zip(table.header, values))
    row = dict.fromkeys(table.header, "")
    if len(values) <= len(row) == len(table.header):  # distinct headers, no extra cells
        row.update(zip(table.header, values))
        return row
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
    if width < 2 or not values[0].strip() or "".join(values[1:]).strip():
        return None
    return next((d for d in DELIMITERS if d != delimiter and d in values[0]), None)


def _show(delimiter: str) -> str:
    return "TAB" if delimiter == "\t" else delimiter


def _text(value: Any) -> str:
    """A cell value as the text a person typed: ISO dates, whole numbers without ``.0``;
    invisible characters dropped."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return visible(str(value))
