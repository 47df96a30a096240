"""Blank templates: allowed values listed, one example row each, and they import cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jejaring.gazetteer import gazetteer
from jejaring.io.columns import COLUMNS
from jejaring.io.importer import import_files, read_batch
from jejaring.io.templates import DELIMITER, describe_column, write_templates
from jejaring.model import Village
from jejaring.store import Batch, SqliteStore
from jejaring.vocab import ActorKind, Sector

NAMES = {
    "id": ["aktor.csv", "ikatan.csv", "rapat.csv", "templat.xlsx"],
    "en": ["actors.csv", "ties.csv", "meetings.csv", "template.xlsx"],
}


def workspace_store(path: Path, village_code: str) -> SqliteStore:
    """A store as ``jejaring init`` leaves it: the villages of the example village's kecamatan."""
    district = village_code.rsplit(".", 1)[0]
    store = SqliteStore(path, create=True)
    store.write(Batch(actors=[Village(code=a.code, name=a.name) for a in gazetteer().villages_of(district)]))
    return store


def csv_lines(path: Path, lang: str) -> tuple[list[str], list[list[str]]]:
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=DELIMITER[lang]))
    comments = [row[0] for row in rows if row[0].startswith("#")]
    return comments, [row for row in rows if not row[0].startswith("#")]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_csv_templates_list_allowed_values_and_have_one_example(tmp_path: Path, lang: str) -> None:
    paths = write_templates(tmp_path, lang=lang)
    assert [p.name for p in paths] == NAMES[lang]
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    for path, record_type in zip(paths, ("actors", "ties", "meetings"), strict=False):
        comments, (header, *examples) = csv_lines(path, lang)
        columns = COLUMNS[record_type]
        assert header == [c.header(lang) for c in columns]
        assert len(examples) == 1 and len(examples[0]) == len(header)
        assert comments[1:] == [f"# {c.header(lang)}: {describe_column(record_type, c.field, lang)}" for c in columns]
    comments, _ = csv_lines(paths[0], lang)
    kinds = " | ".join(kind.label(lang) for kind in ActorKind)
    assert f"# {'jenis' if lang == 'id' else 'kind'}: {kinds}" in comments
    sectors = next(line for line in comments if line.startswith(("# sektor:", "# sectors:")))
    assert all(sector.label(lang) in sectors for sector in Sector)


def test_column_descriptions_are_in_the_chosen_language() -> None:
    assert describe_column("actors", "development_status", "id") == "sangat tertinggal | tertinggal | berkembang | maju | mandiri"
    assert describe_column("actors", "development_status", "en").startswith("very underdeveloped | underdeveloped")
    assert describe_column("meetings", "date", "id") == "tanggal rapat: hh/bb/tttt"
    assert describe_column("meetings", "attendees", "en") == "ids of the actors present (several allowed, separated by semicolons)"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_workbook_has_commented_headers_examples_and_instructions(tmp_path: Path, lang: str) -> None:
    from openpyxl import load_workbook

    workbook_path = write_templates(tmp_path, lang=lang)[-1]
    workbook = load_workbook(workbook_path)
    sheets = [name.removesuffix(".csv") for name in NAMES[lang][:3]]
    assert workbook.sheetnames == [*sheets, "petunjuk" if lang == "id" else "instructions"]
    for sheet_name, record_type in zip(sheets, ("actors", "ties", "meetings"), strict=True):
        sheet = workbook[sheet_name]
        headers = [cell for cell in sheet[1] if cell.value is not None]
        assert [cell.value for cell in headers] == [c.header(lang) for c in COLUMNS[record_type]]
        assert [cell.comment.text for cell in headers] == [
            describe_column(record_type, c.field, lang) for c in COLUMNS[record_type]
        ]
        assert sheet.max_row == 2
    guide = workbook.sheetnames[-1]
    assert "jejaring" in workbook[guide]["A1"].value


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("village", ["18.02.02.2005", "33.01.17.2004"])
def test_templates_import_cleanly_with_their_example_rows(tmp_path: Path, lang: str, village: str) -> None:
    *tables, workbook = write_templates(tmp_path / "templates", lang=lang, example_village=village)
    with workspace_store(tmp_path / "csv.db", village) as from_csv, workspace_store(tmp_path / "xlsx.db", village) as from_xlsx:
        changes = import_files(from_csv, tables)
        assert (dict(changes.added), changes.total("updated")) == ({"actors": 1, "ties": 1, "meetings": 1}, 0)
        assert import_files(from_csv, tables).is_empty()
        import_files(from_xlsx, [workbook])
        contents = [(s.actors(), s.ties(), s.meetings()) for s in (from_csv, from_xlsx)]
    assert contents[0] == contents[1]
    (tie,) = contents[0][1]
    (meeting,) = contents[0][2]
    assert tie.target == village and meeting.village == village
    assert set(meeting.attendees) == {village, tie.source}


def test_templates_in_both_languages_hold_the_same_example(tmp_path: Path) -> None:
    indonesian, _ = read_batch(write_templates(tmp_path / "id", lang="id")[:3])
    english, _ = read_batch(write_templates(tmp_path / "en", lang="en")[:3])
    assert [t.kind for t in indonesian.ties] == [t.kind for t in english.ties]
    assert indonesian.actors[0].model_dump(exclude={"id", "name", "notes"}) == english.actors[0].model_dump(
        exclude={"id", "name", "notes"}
    )


def test_template_without_its_example_rows_imports_nothing(tmp_path: Path) -> None:
    tables = write_templates(tmp_path, lang="id")[:3]
    for path in tables:
        lines = path.read_text("utf-8-sig").splitlines(keepends=True)
        path.write_text("".join(lines[:-1]), encoding="utf-8")
    with workspace_store(tmp_path / "store.db", "18.02.02.2005") as store:
        assert import_files(store, tables).total("added") == 0
