"""Blank spreadsheet templates for offices to fill in: three CSV files and one workbook.

Each table lists its allowed values (``#`` lines on top of a CSV, a comment on each header
cell of the workbook) and has one example row. The example rows refer to each other and to
the workspace's first village, so the templates import cleanly as they are: an NGO, its
support tie to the village, and a village deliberation both attended.

>>> import tempfile, pathlib
>>> paths = write_templates(pathlib.Path(tempfile.mkdtemp()), lang="en")
>>> [p.name for p in paths]
['actors.csv', 'ties.csv', 'meetings.csv', 'template.xlsx']
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from jejaring.i18n import t, use_lang
from jejaring.io.columns import COLUMNS
from jejaring.store.base import RECORD_TYPES, RecordType
from jejaring.vocab import (
    ActorKind,
    CooperationField,
    DevelopmentStatus,
    Direction,
    DocumentType,
    FirmOwnership,
    GovernmentLevel,
    InstitutionType,
    MeetingType,
    Resource,
    Role,
    Sector,
    StatusScheme,
    TieKind,
    Vocabulary,
)

__all__ = ["write_templates", "FILE_NAMES", "WORKBOOK_NAMES", "DELIMITER", "EXAMPLE_VILLAGE", "describe_column"]

FILE_NAMES: dict[str, dict[RecordType, str]] = {
    "id": {"actors": "aktor", "ties": "ikatan", "meetings": "rapat"},
    "en": {"actors": "actors", "ties": "ties", "meetings": "meetings"},
}
WORKBOOK_NAMES = {"id": "templat.xlsx", "en": "template.xlsx"}
INSTRUCTIONS_SHEET = {"id": "petunjuk", "en": "instructions"}
# Spreadsheets set to Indonesian use the semicolon as list separator (the comma is the decimal mark).
DELIMITER = {"id": ";", "en": ","}
EXAMPLE_VILLAGE = "18.02.02.2005"

_VOCABULARY: dict[tuple[RecordType, str], type[Vocabulary]] = {
    ("actors", "kind"): ActorKind,
    ("actors", "type"): InstitutionType,
    ("actors", "sectors"): Sector,
    ("actors", "needs"): Resource,
    ("actors", "offers"): Resource,
    ("actors", "development_status"): DevelopmentStatus,
    ("actors", "status_scheme"): StatusScheme,
    ("actors", "level"): GovernmentLevel,
    ("actors", "ownership"): FirmOwnership,
    ("ties", "kind"): TieKind,
    ("ties", "field"): CooperationField,
    ("ties", "document"): DocumentType,
    ("ties", "resources"): Resource,
    ("ties", "direction"): Direction,
    ("ties", "role"): Role,
    ("meetings", "type"): MeetingType,
}
_LISTS = frozenset({"sectors", "needs", "offers", "resources", "attendees"})
_DATES = frozenset({"since", "until", "date", "term_start", "term_end"})


def describe_column(record_type: RecordType, field_name: str, lang: str) -> str:
    """What a column takes, in ``lang``: its allowed values or the form of its values.

    >>> describe_column("ties", "direction", "en")
    'source to target | both ways'
    """
    with use_lang(lang):
        vocabulary = _VOCABULARY.get((record_type, field_name))
        text = " | ".join(m.label(lang) for m in vocabulary) if vocabulary else t(f"templates.hint.{field_name}")
        return text + (f" ({t('templates.hint.list')})" if field_name in _LISTS else "")


def _examples(lang: str, village: str) -> dict[RecordType, dict[str, Any]]:
    """One example row per table, as field -> value (dates as dates)."""
    with use_lang(lang):
        ngo = t("templates.example.ngo_id")
        return {
            "actors": {
                "id": ngo,
                "kind": ActorKind.NGO.label(lang),
                "name": t("templates.example.ngo_name"),
                "sectors": f"{Sector.PERTANIAN.label(lang)}; {Sector.PETERNAKAN.label(lang)}",
                "offers": f"{Resource.PELATIHAN.label(lang)}; {Resource.PENDAMPINGAN.label(lang)}",
                "area": village.rsplit(".", 1)[0],
                "notes": t("templates.example.note"),
            },
            "ties": {
                "kind": TieKind.SUPPORT.label(lang),
                "source": ngo,
                "target": village,
                "since": date(2024, 3, 1),
                "field": CooperationField.PEMBERDAYAAN.label(lang),
                "document": DocumentType.MOU.label(lang),
                "document_ref": "001/MoU/III/2024",
                "resources": Resource.PELATIHAN.label(lang),
                "direction": Direction.FORWARD.label(lang),
                "notes": t("templates.example.note"),
            },
            "meetings": {
                "id": t("templates.example.meeting_id"),
                "type": MeetingType.MUSDES.label(lang),
                "date": date(2024, 4, 15),
                "title": t("templates.example.meeting_title"),
                "village": village,
                "host": village,
                "attendees": f"{village}; {ngo}",
                "notes": t("templates.example.note"),
            },
        }


def write_templates(directory: Path, *, lang: str, example_village: str | None = None) -> list[Path]:
    """Write ``aktor.csv``, ``ikatan.csv``, ``rapat.csv`` and ``templat.xlsx`` (English names
    for ``lang="en"``) into ``directory``; the examples use ``example_village`` (a desa code,
    by default Bangun Rejo's). Returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    examples = _examples(lang, example_village or EXAMPLE_VILLAGE)
    paths = []
    for record_type in RECORD_TYPES:
        path = directory / f"{FILE_NAMES[lang][record_type]}.csv"
        _write_csv(path, record_type, lang, examples[record_type])
        paths.append(path)
    workbook = directory / WORKBOOK_NAMES[lang]
    _write_workbook(workbook, lang, examples)
    return [*paths, workbook]


def _write_csv(path: Path, record_type: RecordType, lang: str, example: dict[str, Any]) -> None:
    columns = COLUMNS[record_type]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=DELIMITER[lang], lineterminator="\r\n")
        writer.writerow([f"# {t('templates.csv_intro', lang=lang)}"])
        for column in columns:
            writer.writerow([f"# {column.header(lang)}: {describe_column(record_type, column.field, lang)}"])
        writer.writerow([column.header(lang) for column in columns])
        writer.writerow([_csv_cell(example.get(column.field, "")) for column in columns])


def _csv_cell(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _write_workbook(path: Path, lang: str, examples: dict[RecordType, dict[str, Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for record_type in RECORD_TYPES:
        sheet = workbook.create_sheet(FILE_NAMES[lang][record_type])
        for index, column in enumerate(COLUMNS[record_type], start=1):
            header = sheet.cell(row=1, column=index, value=column.header(lang))
            header.font, header.fill = bold, fill
            note = Comment(describe_column(record_type, column.field, lang), "jejaring")
            note.width, note.height = 320, 160
            header.comment = note
            example = sheet.cell(row=2, column=index, value=examples[record_type].get(column.field))
            if column.field in _DATES:
                example.number_format = "DD/MM/YYYY"
            sheet.column_dimensions[header.column_letter].width = max(14, len(column.header(lang)) + 4)
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(INSTRUCTIONS_SHEET[lang])
    with use_lang(lang):
        for row, line in enumerate(t("templates.instructions").splitlines(), start=1):
            guide.cell(row=row, column=1, value=line).font = bold if row == 1 else Font()
    guide.column_dimensions["A"].width = 110
    workbook.save(path)
