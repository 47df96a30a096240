"""Column headers in Indonesian or English, mapped to the model's field names, and what
kind of records a table holds.

Headers match ignoring case, spaces, hyphens, underscores and dots; the field name itself
is always accepted. Each column has its template header in both languages plus aliases.

>>> from pathlib import Path
>>> from jejaring.io.tables import Table
>>> layout = read_layout(Table(Path("data.csv"), None, ["Kode Desa", "Nama", "Jenis"], 1))
>>> layout.record_type, layout.fields
('actors', {'Kode Desa': 'village', 'Nama': 'name', 'Jenis': 'kind'})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from jejaring.i18n import current_lang
from jejaring.io.problems import Located
from jejaring.io.tables import Table, column_letter
from jejaring.store.base import RecordType
from jejaring.vocab import normalize_label

__all__ = ["Column", "COLUMNS", "REQUIRED", "Layout", "read_layout", "record_type_of", "header_of", "lookup"]


@dataclass(frozen=True)
class Column:
    """A column: the model ``field``, its template headers in Indonesian and English, aliases."""

    field: str
    header_id: str
    header_en: str
    aliases: tuple[str, ...] = ()

    def header(self, lang: str) -> str:
        """The template header in ``lang``."""
        return self.header_id if lang == "id" else self.header_en


_NOTES = Column("notes", "catatan", "notes", ("keterangan", "note"))

COLUMNS: dict[RecordType, tuple[Column, ...]] = {
    "actors": (
        Column("id", "id", "id", ("kode id",)),
        Column("kind", "jenis", "kind", ("jenis aktor", "actor kind")),
        Column("name", "nama", "name"),
        Column("code", "kode", "code", ("kode kemendagri", "kemendagri code")),
        Column("village", "kode desa", "village", ("desa", "village code")),
        Column("type", "jenis lembaga", "type", ("institution type", "tipe")),
        Column("sectors", "sektor", "sectors", ("potensi", "potensi desa", "sector")),
        Column("needs", "kebutuhan", "needs"),
        Column("offers", "penawaran", "offers", ("tawaran",)),
        Column("development_status", "status desa", "development status", ("status", "status idm")),
        Column("status_scheme", "skema status", "status scheme", ("skema",)),
        Column("status_year", "tahun status", "status year"),
        Column("population", "jumlah penduduk", "population", ("penduduk",)),
        Column("latitude", "lintang", "latitude", ("lat",)),
        Column("longitude", "bujur", "longitude", ("lon", "lng")),
        Column("term_start", "awal jabatan", "term start", ("mulai menjabat",)),
        Column("term_end", "akhir jabatan", "term end"),
        Column("area", "kode wilayah", "area", ("wilayah", "area code")),
        Column("level", "tingkat", "level"),
        Column("ownership", "kepemilikan", "ownership"),
        Column("contact_person", "narahubung", "contact person", ("kontak",)),
        Column("phone", "telepon", "phone", ("no hp", "hp", "nomor hp", "telp")),
        Column("email", "surel", "email"),
        _NOTES,
    ),
    "ties": (
        Column("id", "id", "id", ("kode id",)),
        Column("kind", "jenis", "kind", ("jenis ikatan", "tie kind")),
        Column("source", "dari", "source", ("sumber", "asal", "from")),
        Column("target", "ke", "target", ("tujuan", "mitra", "to")),
        Column("since", "sejak", "since", ("mulai", "tanggal mulai", "start")),
        Column("until", "sampai", "until", ("hingga", "berakhir", "tanggal selesai", "end")),
        Column("field", "bidang", "field"),
        Column("document", "dokumen", "document", ("jenis dokumen", "document type")),
        Column("document_ref", "nomor dokumen", "document ref", ("document number",)),
        Column("resources", "sumber daya", "resources"),
        Column("direction", "arah", "direction"),
        Column("role", "peran", "role", ("jabatan",)),
        Column("amount", "nilai", "amount", ("jumlah dana",)),
        _NOTES,
    ),
    "meetings": (
        Column("id", "id", "id", ("kode id", "kode rapat")),
        Column("type", "jenis rapat", "type", ("jenis", "meeting type")),
        Column("date", "tanggal", "date"),
        Column("title", "judul", "title", ("acara",)),
        Column("village", "kode desa", "village", ("desa",)),
        Column("host", "penyelenggara", "host"),
        Column("attendees", "peserta", "attendees", ("hadir",)),
        _NOTES,
    ),
}

# Each entry is satisfied by any one of its fields. An actors table without a kind column
# is a list of villages, so it needs their codes (in a code or a village column).
REQUIRED: dict[RecordType, tuple[tuple[str, ...], ...]] = {
    "actors": (("kind", "code", "village"), ("id", "code", "village")),
    "ties": (("kind",), ("source",), ("target",)),
    "meetings": (("id",), ("type",), ("date",)),
}

_NAMES: dict[RecordType, frozenset[str]] = {
    "actors": frozenset({"aktor", "actor", "actors", "aktors"}),
    "ties": frozenset({"ikatan", "ties", "tie", "relasi", "relations", "hubungan"}),
    "meetings": frozenset({"rapat", "meeting", "meetings", "pertemuan"}),
}


@cache
def lookup(record_type: RecordType) -> dict[str, str]:
    """Every accepted header of ``record_type`` (folded) mapped to its field.

    >>> lookup("ties")["tanggalmulai"], lookup("meetings")["peserta"]
    ('since', 'attendees')
    """
    table: dict[str, str] = {}
    for column in COLUMNS[record_type]:
        for spelling in (column.field, column.header_id, column.header_en, *column.aliases):
            table[normalize_label(spelling)] = column.field
    return table


def header_of(record_type: RecordType, field_name: str, lang: str | None = None) -> str:
    """The template header of ``field_name`` in ``lang`` (default: the current language).

    >>> header_of("ties", "since", "id"), header_of("ties", "since", "en")
    ('sejak', 'since')
    """
    column = next(c for c in COLUMNS[record_type] if c.field == field_name)
    return column.header(lang or current_lang())


def record_type_of(table: Table) -> RecordType | None:
    """What ``table`` holds: named by its sheet or file name (``aktor``, ``ikatan``, ``rapat``
    or English), else told by its headers; ``None`` when neither says.

    >>> from pathlib import Path
    >>> record_type_of(Table(Path("x.csv"), None, ["dari", "ke", "jenis"], 1))
    'ties'
    """
    words = set(re.split(r"[^a-z0-9]+", (table.sheet or table.path.stem).casefold()))
    named = [kind for kind, names in _NAMES.items() if words & names]
    if len(named) == 1:
        return named[0]
    fields = {record_type: {lookup(record_type).get(normalize_label(h)) for h in table.header} for record_type in COLUMNS}
    if fields["meetings"] & {"attendees", "date"}:
        return "meetings"
    if fields["ties"] & {"source", "target"}:
        return "ties"
    if fields["actors"] & {"kind", "code", "name"}:
        return "actors"
    return None


@dataclass
class Layout:
    """How a table's columns map to fields: ``fields`` maps each header as written to a field."""

    record_type: RecordType
    fields: dict[str, str] = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)

    @cached_property
    def columns(self) -> dict[str, str]:
        """Field -> the header as written (read once the layout is complete; do not change it)."""
        return {name: header for header, name in self.fields.items()}

    def header_for(self, field_name: str) -> str | None:
        """The header as written of ``field_name``, or ``None`` when the table lacks it."""
        return next((header for header, name in self.fields.items() if name == field_name), None)


def read_layout(table: Table, record_type: RecordType | None = None) -> Layout | None:
    """Map the headers of ``table`` (of ``record_type``, else :func:`record_type_of`) to fields.

    Unknown and repeated columns (a header written twice is named by its letters), and
    missing required ones, are problems at the header row. Returns ``None`` when the kind
    of records cannot be told.
    """
    record_type = record_type or record_type_of(table)
    if record_type is None:
        return None
    layout = Layout(record_type)
    known = lookup(record_type)
    first: dict[str, str] = {}
    places: dict[str, int] = {}
    for index, header in enumerate(table.header, start=1):
        if not header:
            continue
        name = known.get(normalize_label(header))
        if name is None:
            accepted = ", ".join(column.header(current_lang()) for column in COLUMNS[record_type])
            layout.problems.append(_at(table, header, "import.unknown_column", column=header, accepted=accepted))
        elif first.get(name) == header:
            letters = {"first": column_letter(places[name]), "second": column_letter(index)}
            layout.problems.append(_at(table, header, "import.same_column", column=header, **letters))
        elif name in first:
            layout.problems.append(_at(table, header, "import.duplicate_column", column=header, first=first[name]))
        else:
            first[name], places[name] = header, index
            layout.fields[header] = name
    for options in REQUIRED[record_type]:
        if not any(name in first for name in options):
            missing = header_of(record_type, options[0])
            layout.problems.append(_at(table, missing, "import.missing_column", column=missing))
    return layout


def _at(table: Table, where: str, key: str, **params: str) -> Located:
    return Located(table.name, table.header_row, where, (key,), params)
