"""Importing spreadsheets: every problem located at file:row:column, nothing written on error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jejaring.gazetteer import gazetteer
from jejaring.i18n import use_lang
from jejaring.io.columns import COLUMNS, lookup, read_layout
from jejaring.io.importer import ImportFailed, import_files, read_batch
from jejaring.io.problems import MAX_SHOWN, Located
from jejaring.io.tables import Table
from jejaring.model import ACTOR_TYPES, Institution, Meeting, Tie, Village, VillageHead
from jejaring.store import Batch, SqliteStore
from jejaring.vocab import normalize_label

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store holding Kecamatan Bangun Rejo's villages, Kelurahan Metro and one kades."""
    villages = [Village(code=a.code, name=a.name) for a in gazetteer().villages_of("18.02.02")]
    metro = Village(code="18.72.01.1001", name="Metro")
    kades = VillageHead(id="kades-2005", name="Sutrisno", village="18.02.02.2005")
    with SqliteStore(tmp_path / "store.db", create=True) as opened:
        opened.write(Batch(actors=[*villages, metro, kades]))
        yield opened


def snapshot(store: SqliteStore) -> tuple[list, list, list]:
    return store.actors(), store.ties(), store.meetings()


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def failures(store: SqliteStore, paths: list[Path], lang: str = "en") -> list[str]:
    """The problems an import reports, in ``lang``, checking that the store did not change."""
    before = snapshot(store)
    with use_lang(lang), pytest.raises(ImportFailed) as caught:
        import_files(store, paths)
    assert snapshot(store) == before
    with use_lang(lang):
        return [str(problem) for problem in caught.value.problems]


BAD_FILES = {
    "wrong delimiter": (
        {"aktor.csv": "id;jenis;nama;kode desa\nkades-2007;kades;Sutrisno;18.02.02.2007\nkades-2008,kades,Wagiman,18.02.02.2008\n"},
        "en",
        ['aktor.csv:3:id: This row separates its cells with "," but the header uses ";"; use one separator throughout the file.'],
    ),
    "missing required column": (
        {"ikatan.csv": "dari,jenis,sejak\nkades-2005,memimpin,01/01/2020\n"},
        "id",
        ['ikatan.csv:1:ke: Kolom "ke" tidak ada; tambahkan ke baris judul kolom.'],
    ),
    "missing required column, English": (
        {"ikatan.csv": "dari,jenis,sejak\nkades-2005,memimpin,01/01/2020\n"},
        "en",
        ['ikatan.csv:1:target: The column "target" is missing; add it to the header row.'],
    ),
    "unknown village code": (
        {"desa.csv": "kode,nama\n18.02.02.2099,Sido Makmur\n"},
        "en",
        ["desa.csv:2:kode: 18.02.02.2099 is not a village code in the Kemendagri list; check the code."],
    ),
    "unknown village code, Indonesian": (
        {"desa.csv": "kode,nama\n18.02.02.2099,Sido Makmur\n"},
        "id",
        ["desa.csv:2:kode: 18.02.02.2099 bukan kode desa/kelurahan dalam daftar Kemendagri; periksa kodenya."],
    ),
    "unknown village code in the id column": (
        {"aktor.csv": "id,kode,jenis,nama\n18.02.02.2099,,desa,Sido Makmur\n"},
        "en",
        ["aktor.csv:2:id: 18.02.02.2099 is not a village code in the Kemendagri list; check the code."],
    ),
    "village listed twice": (
        {"desa.csv": "kode,nama\n18.02.02.2005,Bangun Rejo\n18.02.02.2005,\n"},
        "en",
        [
            'desa.csv:2:kode: The id "18.02.02.2005" is also used on row 3 of desa.csv; keep only one of the two rows.',
            'desa.csv:3:kode: The id "18.02.02.2005" is also used on row 2 of desa.csv; keep only one of the two rows.',
        ],
    ),
    "village name differs from the gazetteer": (
        {"desa.csv": "kode,nama\n18.02.02.2005,Bangun Jaya\n18.02.02.2007,Desa Sido Mulyo\n"},
        "en",
        [
            'desa.csv:2:nama: The name "Bangun Jaya" differs from the Kemendagri name "Bangun Rejo" of 18.02.02.2005;'
            ' write "Bangun Rejo" (or leave the name empty), or correct the code.'
        ],
    ),
    "duplicate ids": (
        {"aktor.csv": "id,kind,name\nlsm-tani,ngo,LSM Tani Maju\nlsm-air,ngo,LSM Air Bersih\nlsm-tani,ngo,LSM Tani Mandiri\n"},
        "en",
        [
            'aktor.csv:2:id: The id "lsm-tani" is also used on row 4 of aktor.csv; keep only one of the two rows.',
            'aktor.csv:4:id: The id "lsm-tani" is also used on row 2 of aktor.csv; keep only one of the two rows.',
        ],
    ),
    "duplicate ids across files, Indonesian": (
        {
            "aktor.csv": "id,jenis,nama\nlsm-tani,LSM,LSM Tani Maju\n",
            "aktor_tambahan.csv": "# tambahan\nid,jenis,nama\nlsm-tani,LSM,LSM Tani Mandiri\n",
        },
        "id",
        [
            'aktor.csv:2:id: Id "lsm-tani" juga dipakai di baris 3 pada aktor_tambahan.csv; pertahankan salah satu dari kedua baris itu.',
            'aktor_tambahan.csv:3:id: Id "lsm-tani" juga dipakai di baris 2 pada aktor.csv; pertahankan salah satu dari kedua baris itu.',
        ],
    ),
    "tie to an unknown actor": (
        {"ikatan.csv": "source,target,kind,since\nlsm-hilang,18.02.02.2005,support,01/03/2024\n"},
        "en",
        [
            'ikatan.csv:2:source: No actor has the id "lsm-hilang", in this import or in the workspace;'
            " add it to the actors table or correct the id."
        ],
    ),
    "end date before start date": (
        {"ikatan.csv": "source,target,kind,since,until\n18.02.02.2005,18.02.02.2007,partnership,01/03/2024,01/01/2024\n"},
        "en",
        ["ikatan.csv:2:until: The end 01/01/2024 is not after the start 01/03/2024."],
    ),
    "end date before start date, Indonesian": (
        {"ikatan.csv": "dari;ke;jenis;sejak;sampai\n18.02.02.2005;18.02.02.2007;kerja sama;01/03/2024;01/01/2024\n"},
        "id",
        ["ikatan.csv:2:sampai: Tanggal akhir 01/01/2024 tidak sesudah tanggal mulai 01/03/2024."],
    ),
    "kelurahan given a kades": (
        {"aktor.csv": "id,jenis,nama,kode desa\nkades-metro,kepala desa,Suparno,18.72.01.1001\n"},
        "en",
        ["aktor.csv:2:kode desa: 18.72.01.1001 is a kelurahan, which is led by a lurah, not a kades; check the village code."],
    ),
    "kades leading a kelurahan": (
        {"ikatan.csv": "dari,ke,jenis,sejak\nkades-2005,18.72.01.1001,memimpin,01/01/2020\n"},
        "en",
        [
            "ikatan.csv:2:ke: 18.72.01.1001 (Metro) is a kelurahan, led by an appointed lurah;"
            " a village head (kades) can only lead a desa."
        ],
    ),
    "unknown vocabulary label": (
        {"aktor.csv": "code,kind,name,sectors\n18.02.02.2007,village,Sido Mulyo,pertanian; pariwisata; tambak\n"},
        "en",
        [
            'aktor.csv:2:sectors: "tambak" is not an allowed value here; use one of: food crops, estate crops, forestry,'
            " livestock, fisheries, mining, tourism, small industry and 4 more (listed in the template)."
        ],
    ),
    "unknown vocabulary label, Indonesian": (
        {"rapat.csv": "id;jenis rapat;tanggal\nrapat-1;arisan;05/02/2024\n"},
        "id",
        [
            'rapat.csv:2:jenis rapat: "arisan" bukan isian yang diizinkan di sini; pakai salah satu dari: rapat koordinasi,'
            " musyawarah desa, musrenbangdes, musyawarah antar desa, musrenbang kecamatan, rapat BPD, forum kades,"
            " kunjungan kerja, dan 1 lainnya (lihat templat)."
        ],
    ),
    "31 February": (
        {"rapat.csv": "id,type,date,attendees\nrakor-feb,rakor,31/02/2024,18.02.02.2005; 18.02.02.2007\n"},
        "en",
        ["rapat.csv:2:date: 31/02/2024 is not a real calendar date."],
    ),
    "31 February, Indonesian": (
        {"rapat.csv": "id;jenis rapat;tanggal;peserta\nrakor-feb;rakor;31/02/2024;18.02.02.2005\n"},
        "id",
        ["rapat.csv:2:tanggal: 31/02/2024 bukan tanggal yang ada di kalender."],
    ),
    "unknown column": (
        {"aktor.csv": "id,kind,name,telpon rumah\nlsm-tani,ngo,LSM Tani Maju,0812\n"},
        "en",
        [
            'aktor.csv:1:telpon rumah: Unknown column "telpon rumah"; the columns of this table are: id, kind, name, code,'
            " village, type, sectors, needs, offers, development status, status scheme, status year, population,"
            " latitude, longitude, term start, term end, area, level, ownership, contact person, phone, email, notes."
        ],
    ),
    "repeated column": (
        {"aktor.csv": "id,nama,name,jenis\nlsm-tani,LSM Tani,LSM Tani,ngo\n"},
        "en",
        ['aktor.csv:1:name: The column "name" repeats the column "nama"; keep only one of them.'],
    ),
    "value missing in a column the table lacks": (
        {"aktor.csv": "kind,code,name\nngo,,LSM Tani Maju\n"},
        "en",
        ['aktor.csv:2:id: This row needs a value in the column "id", which the table does not have; add that column.'],
    ),
    "column that does not apply to the kind": (
        {"aktor.csv": "id,jenis,nama,kepemilikan\n18.02.02.2007,desa,Sido Mulyo,swasta\n"},
        "en",
        ["aktor.csv:2:kepemilikan: This column does not apply to a village; leave it empty."],
    ),
    "kades of a village outside the workspace": (
        {"aktor.csv": "id,jenis,nama,kode desa\nkades-sidasari,kades,Ma'ruf,33.01.17.2004\n"},
        "en",
        [
            "aktor.csv:2:kode desa: The village 33.01.17.2004 (Desa Sidasari, Kecamatan Sampang, Kabupaten Cilacap,"
            ' Jawa Tengah) is not in this workspace; add it to the actors table, or create a workspace for its kecamatan'
            ' with "jejaring init".'
        ],
    ),
    "table of unknown content": (
        {"data.csv": "foo,bar\n1,2\n"},
        "en",
        [
            "data.csv:1:foo: Cannot tell whether this table holds actors, ties or meetings; use the template's"
            " headers, or name the file or sheet actors, ties or meetings."
        ],
    ),
}


@pytest.mark.parametrize("files, lang, expected", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_bad_files_report_exact_problems_and_write_nothing(
    store: SqliteStore, tmp_path: Path, files: dict[str, str], lang: str, expected: list[str]
) -> None:
    assert failures(store, write(tmp_path, files), lang) == expected


def test_all_problems_of_all_files_are_reported_in_file_and_row_order(store: SqliteStore, tmp_path: Path) -> None:
    paths = write(
        tmp_path,
        {
            "rapat.csv": "id,type,date\nr1,rakor,31/02/2024\nr2,arisan,01/02/2024\n",
            "aktor.csv": "id,kind,name,phone\nk1,kades,,\nlsm 2,ngo,LSM,12\n",
        },
    )
    assert failures(store, paths) == [
        "rapat.csv:2:date: 31/02/2024 is not a real calendar date.",
        'rapat.csv:3:type: "arisan" is not an allowed value here; use one of: coordination meeting, village deliberation,'
        " village development planning forum, inter-village deliberation, district development planning forum,"
        " BPD meeting, village heads' forum, study or work visit and 1 more (listed in the template).",
        "aktor.csv:2:name: This cell is required; fill it in.",
        'aktor.csv:2:village: This row needs a value in the column "village", which the table does not have; add that column.',
        'aktor.csv:3:id: "lsm 2" is not a valid id; use letters, digits and . _ : - without spaces, e.g. lsm-bina-desa.',
        'aktor.csv:3:phone: "12" is not a phone number; write digits, e.g. 0812 3456 7890 or +62 812 3456 7890.',
    ]


def test_import_failed_lists_fifty_problems_then_a_count(store: SqliteStore, tmp_path: Path) -> None:
    rows = "".join(f"r{i},rakor,31/02/2024\n" for i in range(60))
    paths = write(tmp_path, {"rapat.csv": "id,type,date\n" + rows})
    with use_lang("en"), pytest.raises(ImportFailed) as caught:
        import_files(store, paths)
    with use_lang("en"):
        lines = str(caught.value).splitlines()
    assert len(caught.value.problems) == 60
    assert lines[0] == "Nothing was imported: fix these 60 problems and import again."
    assert lines[1] == "rapat.csv:2:date: 31/02/2024 is not a real calendar date."
    assert len(lines) == 1 + MAX_SHOWN + 1
    assert lines[-1] == "... and 10 more problems."
    with use_lang("id"):
        assert str(caught.value).splitlines()[-1] == "... dan 10 masalah lainnya."


def test_real_world_files_cp1252_and_utf8_bom_import(tmp_path: Path) -> None:
    paths = [DATA / "aktor_cp1252.csv", DATA / "ikatan_utf8bom.csv", DATA / "rapat_utf8bom.csv"]
    with SqliteStore(tmp_path / "fresh.db", create=True) as fresh:
        changes = import_files(fresh, paths)
        kades = fresh.actor("kades-sidasari")
        sidasari = fresh.actor("33.01.17.2004")
        karangtengah = fresh.actor("33.01.17.2001")
        (meeting,) = fresh.meetings()
        sharing = fresh.ties(kinds=["resource_sharing"])
    assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (3, 2, 1)
    assert kades.name == "H. Ma\u2019ruf" and kades.village == "33.01.17.2004"
    assert kades.notes == "Pernah tinggal di Karang Jaya; menjabat sejak 2019"
    assert sidasari.notes == "Posko relawan di Caf\u00e9 Sidasari"
    assert karangtengah.name == "Karangtengah"  # a blank village name is filled from the gazetteer
    assert meeting.date == date(2024, 2, 5) and meeting.attendees == ["33.01.17.2004", "33.01.17.2001", "kades-sidasari"]
    assert sharing[0].until == date(2025, 12, 31)
    assert [r.value for r in sharing[0].resources] == ["water", "farm_machinery"]


def test_import_announces_each_table_its_rows_the_check_and_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jejaring.io.importer.ROWS_STEP", 2)
    paths = [DATA / "aktor_cp1252.csv", DATA / "ikatan_utf8bom.csv", DATA / "rapat_utf8bom.csv"]
    steps: list[tuple[str, str, int]] = []
    with SqliteStore(tmp_path / "fresh.db", create=True) as fresh:
        import_files(fresh, paths, on_step=lambda *step: steps.append(step))
    assert steps == [
        ("read", "aktor_cp1252.csv", 3), ("rows", "aktor_cp1252.csv", 2), ("rows", "aktor_cp1252.csv", 3),
        ("read", "ikatan_utf8bom.csv", 2), ("rows", "ikatan_utf8bom.csv", 2),
        ("read", "rapat_utf8bom.csv", 1), ("rows", "rapat_utf8bom.csv", 1),
        ("check", "", 6), ("write", "", 6),
    ]


def test_english_and_indonesian_headers_and_labels_give_identical_records() -> None:
    english, _ = read_batch(sorted((DATA / "en").iterdir()))
    indonesian, _ = read_batch(sorted((DATA / "id").iterdir()))
    assert english == indonesian
    assert (len(english.actors), len(english.ties), len(english.meetings)) == (4, 4, 1)
    bumdes = next(a for a in english.actors if isinstance(a, Institution))
    assert bumdes.type.value == "bum_desa"
    support = next(t for t in english.ties if t.kind.value == "support")
    assert support.amount == 25_000_000 and support.until == date(2026, 2, 28)


def test_reimport_is_idempotent_and_counts_changes(store: SqliteStore, tmp_path: Path) -> None:
    english = sorted((DATA / "en").iterdir())
    first = import_files(store, english)
    assert dict(first.added) == {"actors": 3, "ties": 4, "meetings": 1}
    assert dict(first.updated) == {"actors": 1}  # Bangun Rejo was stored without sectors
    again = import_files(store, english)
    assert again.is_empty()
    assert dict(again.unchanged) == {"actors": 4, "ties": 4, "meetings": 1}
    # The same records in Indonesian change nothing either.
    assert import_files(store, sorted((DATA / "id").iterdir())).is_empty()
    edited = write(tmp_path, {"actors.csv": "id,kind,name\nngo-tani,ngo,Yayasan Tani Lestari Jaya\n"})
    assert dict(import_files(store, edited).updated) == {"actors": 1}


def _workbook(path: Path, *, institution_type: str | None, extra_tie_column: bool) -> Path:
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    actors = workbook.active
    actors.title = "aktor"
    actors.append(["# diisi oleh kantor kecamatan"])
    actors.append(["id", "jenis", "nama", "kode desa", "jenis lembaga", "lintang", "bujur", "jumlah penduduk"])
    actors.append(["18.02.02.2007", "desa", "Sido Mulyo", None, None, -4.8, 105.25, 3120.0])
    actors.append([])
    actors.append(["bpd-2007", "lembaga desa", "BPD Sido Mulyo", "18.02.02.2007", institution_type])
    ties = workbook.create_sheet("ikatan")
    ties.append(["dari", "ke", "jenis", "sejak", *(["jenis lembaga"] if extra_tie_column else [])])
    ties.append(["18.02.02.2005", "18.02.02.2007", "kerja sama", datetime(2024, 3, 1)])
    ties.append(["bpd-2007", "18.02.02.2007", "keanggotaan", "01/01/2020"])
    workbook.create_sheet("petunjuk").append(["Petunjuk: isi satu baris per data."])
    workbook.save(path)
    return path


def test_xlsx_problems_name_the_sheet(store: SqliteStore, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "data.xlsx", institution_type=None, extra_tie_column=True)
    assert failures(store, [path]) == [
        "data.xlsx[aktor]:5:jenis lembaga: This cell is required; fill it in.",
        'data.xlsx[ikatan]:1:jenis lembaga: Unknown column "jenis lembaga"; the columns of this table are: id, kind,'
        " source, target, since, until, field, document, document ref, resources, direction, role, amount, notes.",
    ]


def test_xlsx_import(store: SqliteStore, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "data.xlsx", institution_type="BPD", extra_tie_column=False)
    changes = import_files(store, [path])
    assert (dict(changes.added), dict(changes.updated)) == ({"actors": 1, "ties": 2}, {"actors": 1})
    village = store.actor("18.02.02.2007")
    assert (village.latitude, village.longitude, village.population) == (-4.8, 105.25, 3120)
    assert store.actor("bpd-2007").type.value == "bpd"
    partnership = store.ties(kinds=["partnership"])[0]
    assert partnership.since == date(2024, 3, 1)
    assert import_files(store, [path]).is_empty()


def test_columns_have_no_clashing_aliases() -> None:
    for record_type, columns in COLUMNS.items():
        spellings = [
            folded for c in columns for folded in {normalize_label(s) for s in (c.field, c.header_id, c.header_en, *c.aliases)}
        ]
        clashes = {s for s in spellings if spellings.count(s) > 1}
        assert not clashes, (record_type, clashes)
        assert len(lookup(record_type)) == len(spellings)


def test_every_model_field_has_a_column() -> None:
    models = {"actors": ACTOR_TYPES.values(), "ties": [Tie], "meetings": [Meeting]}
    for record_type, classes in models.items():
        fields = {name for model in classes for name in model.model_fields}
        assert fields == {column.field for column in COLUMNS[record_type]}, record_type


def test_headers_are_matched_loosely_and_tables_told_apart() -> None:
    def layout(name: str, header: list[str]):
        return read_layout(Table(Path(name), None, header, 1))

    assert layout("x.csv", ["Tanggal Mulai", "DARI", "ke", "Jenis_Ikatan"]).fields == {
        "Tanggal Mulai": "since",
        "DARI": "source",
        "ke": "target",
        "Jenis_Ikatan": "kind",
    }
    assert layout("x.csv", ["id", "jenis", "tanggal", "hadir"]).record_type == "meetings"
    assert layout("x.csv", ["Kode Kemendagri", "Nama"]).record_type == "actors"
    assert layout("rapat_2024.csv", ["id", "jenis"]).record_type == "meetings"
    assert layout("x.csv", ["foo"]) is None


def test_located_problem_falls_back_to_the_pydantic_message() -> None:
    problem = Located("a.csv", 2, "x", ("model.no_such_error",), {}, "Input should be nice")
    assert str(problem) == "a.csv:2:x: Input should be nice"
