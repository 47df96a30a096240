"""Forgetting a person on request (jejaring.privacy and ``jejaring forget``), and personal data
kept out of exports and listings unless ``--include-contacts`` asks for it.

The workspace of these tests, Kecamatan Bangun Rejo, holds two people::

    kades-2005  Sutrisno  0812 7000 1234  sutrisno@example.id  (kades of Bangun Rejo)
        also the contact of bumdes-2005 (BUM Desa Makmur), there as +62 812-7000-1234
        named in the notes of meeting musdes-2024-04 and of the tie from lsm-tani
    Siti Aminah  0813 5555 0000  siti@example.org
        the contact of bpd-2005 (BPD Bangun Rejo) and of lsm-tani (LSM Tani Maju)

    Bangun Rejo ─ leadership ─ kades-2005      bpd-2005, bumdes-2005 ─ membership ─ Bangun Rejo
    lsm-tani ─ support ─ Bangun Rejo           musdes-2024-04 in Bangun Rejo: kades, BPD, LSM
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring import privacy
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.io.export import export
from jejaring.io.importer import ImportFailed
from jejaring_cli import privacy as cli_privacy
from jejaring_cli.app import JejaringGroup, cli

PERSON = ("Sutrisno", "0812 7000 1234", "+62 812-7000-1234", "sutrisno@example.id")
OTHER = ("Siti Aminah", "0813 5555 0000", "siti@example.org")

ACTORS = """id;jenis;nama;kode desa;jenis lembaga;narahubung;telepon;surel;catatan
kades-2005;kades;Sutrisno;18.02.02.2005;;;0812 7000 1234;sutrisno@example.id;Menjabat sejak 2022
bpd-2005;lembaga desa;BPD Bangun Rejo;18.02.02.2005;BPD;Siti Aminah;0813 5555 0000;;
bumdes-2005;lembaga desa;BUM Desa Makmur;18.02.02.2005;BUM Desa;Sutrisno;+62 812-7000-1234;;Unit simpan pinjam
lsm-tani;LSM;LSM Tani Maju;;;Siti Aminah;;siti@example.org;Mitra sejak 2021
"""
TIES = """dari;ke;jenis;sejak;catatan
kades-2005;18.02.02.2005;memimpin;10/05/2022;
bpd-2005;18.02.02.2005;keanggotaan;;
bumdes-2005;18.02.02.2005;keanggotaan;;
lsm-tani;18.02.02.2005;pendampingan;01/06/2023;Disepakati dengan Pak SUTRISNO, telp. 081270001234
"""
MEETINGS = """id;jenis rapat;tanggal;kode desa;peserta;catatan
musdes-2024-04;musdes;15/04/2024;18.02.02.2005;kades-2005, bpd-2005, lsm-tani;\
Dipimpin Sutrisno. Notulen: siti@example.org
"""


def sheets(folder: Path, actors: str = ACTORS) -> list[Path]:
    paths = []
    for name, text in (("aktor.csv", actors), ("ikatan.csv", TIES), ("rapat.csv", MEETINGS)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    jejaring.workspace.init(folder, kecamatan="18.02.02", templates=False).close()
    with jejaring.workspace.open(folder) as opened:
        opened.import_files(sheets(tmp_path))
    return folder


def traces(folder: Path, values: tuple[str, ...]) -> dict[str, list[str]]:
    """Which files of the workspace hold which values, byte for byte (UTF-8)."""
    found = {}
    for path in sorted(folder.glob("jejaring.sqlite*")):
        data = path.read_bytes()
        hits = [value for value in values if value.encode() in data]
        if hits:
            found[path.name] = hits
    return found


def run(*args: str, lang: str = "en", input: str | None = None):
    group = JejaringGroup(commands={"forget": cli_privacy.forget_command})
    with use_lang(lang):
        return CliRunner().invoke(group, list(args), input=input)


# -- finding the person ---------------------------------------------------------------------


def plan_of(folder: Path, person: str):
    with jejaring.workspace.open(folder) as opened:
        return privacy.erasure_plan(opened.store, person, on=date(2024, 5, 1))


def summary(plan) -> list[tuple[str, tuple[str, ...], str]]:
    return [(e.record_id, e.fields, e.reason) for e in plan.erasures]


@pytest.mark.parametrize("person", ["kades-2005", "sutrisno", "  SUTRISNO ", "081270001234", "Sutrisno@Example.ID"])
def test_the_kades_is_found_by_id_name_phone_or_email_with_everything_about_him(ws: Path, person: str) -> None:
    plan = plan_of(ws, person)
    assert [(e.record_type, e.record_id, e.fields, e.reason) for e in plan.erasures] == [
        ("actors", "bumdes-2005", ("contact_person", "phone"), "contact"),
        ("actors", "kades-2005", ("name", "notes", "phone", "email"), "person"),
        ("ties", "support:lsm-tani:18.02.02.2005:2023-06-01", ("notes",), "mention"),
        ("meetings", "musdes-2024-04", ("notes",), "mention"),
    ]
    kades, bumdes = (next(a for a in plan.batch.actors if a.id == key) for key in ("kades-2005", "bumdes-2005"))
    assert (kades.name, kades.phone, kades.email, kades.notes) == (privacy.PLACEHOLDER, None, None, None)
    assert (kades.village, kades.term_start) == ("18.02.02.2005", None)
    assert (bumdes.name, bumdes.contact_person, bumdes.phone, bumdes.notes) == (
        "BUM Desa Makmur", None, None, "Unit simpan pinjam",
    )
    (tie,) = plan.batch.ties
    assert tie.notes == f"Disepakati dengan Pak {privacy.PLACEHOLDER}, telp. {privacy.PLACEHOLDER}"
    (meeting,) = plan.batch.meetings
    assert meeting.notes == f"Dipimpin {privacy.PLACEHOLDER}. Notulen: siti@example.org"
    assert meeting.attendees == ["kades-2005", "bpd-2005", "lsm-tani"]  # the network keeps its shape
    assert plan.settings == {
        "forgotten:kades-2005": '{"on": "2024-05-01", "fields": ["name", "phone", "email"]}',
        "forgotten:bumdes-2005": '{"on": "2024-05-01", "fields": ["contact_person", "phone", "email"]}',
    }


def test_a_contact_person_is_forgotten_wherever_she_is_the_contact(ws: Path) -> None:
    plan = plan_of(ws, "siti aminah")
    assert summary(plan) == [
        ("bpd-2005", ("contact_person", "phone"), "contact"),
        ("lsm-tani", ("contact_person", "email"), "contact"),
        ("musdes-2024-04", ("notes",), "mention"),
    ]
    assert next(a for a in plan.batch.actors if a.id == "lsm-tani").notes == "Mitra sejak 2021"


def test_an_organisation_named_by_id_loses_its_contact(ws: Path) -> None:
    assert summary(plan_of(ws, "bpd-2005"))[:2] == [
        ("bpd-2005", ("contact_person", "phone"), "contact"),
        ("lsm-tani", ("contact_person", "email"), "contact"),
    ]


def test_villages_and_strangers_are_not_people(ws: Path) -> None:
    with pytest.raises(JejaringError) as caught:
        plan_of(ws, "18.02.02.2005")
    assert caught.value.key == "privacy.not_a_person"
    with pytest.raises(JejaringError) as caught:
        plan_of(ws, "Bangun Rejo")
    assert caught.value.key == "privacy.no_person"


def test_short_names_are_not_searched_for_in_free_text(tmp_path: Path) -> None:
    from jejaring.model import Meeting, parse_actor
    from jejaring.store import Batch

    kades = parse_actor({"kind": "kades", "id": "k", "name": "Ed", "village": "18.02.02.2005"})
    meeting = Meeting(id="m", type="rakor", date="01/02/2024", notes="Ed hadir; edisi kedua")
    plan = privacy.erasure_plan(Batch(actors=[kades], meetings=[meeting]), "k")
    assert summary(plan) == [("k", ("name",), "person")]


# -- removing it for good -------------------------------------------------------------------


def test_forget_leaves_no_byte_of_the_person_in_the_sqlite_files(ws: Path, tmp_path: Path) -> None:
    """Also what earlier imports overwrote: here a long note with the kades's old number, which
    ran over several pages that were freed, unzeroed, when the note was shortened (SQLite
    zeroes deleted data by default in this build, not in every build)."""
    old = "0812-9999-0001-55"
    history = ACTORS.replace("Menjabat sejak 2022", f"Nomor lama {old}. " + "Riwayat jabatan. " * 400)
    with jejaring.workspace.open(ws) as opened:
        opened.store._conn.execute("PRAGMA secure_delete = OFF")
        opened.import_files(sheets(tmp_path, history))  # the long note ...
        opened.import_files(sheets(tmp_path))  # ... and the short one again
        before = traces(ws, (*PERSON, old))
        assert set(before["jejaring.sqlite"] + before.get("jejaring.sqlite-wal", [])) >= {*PERSON, old}
        changes = privacy.forget(opened.store, privacy.erasure_plan(opened.store, "Sutrisno"))
        assert dict(changes.updated) == {"actors": 2, "ties": 1, "meetings": 1}
        assert traces(ws, (*PERSON, old, "081270001234")) == {}  # while the store is open
        assert traces(ws, OTHER)["jejaring.sqlite"] == list(OTHER)  # the other person is untouched
    assert traces(ws, (*PERSON, old)) == {}


def test_an_old_spreadsheet_cannot_bring_the_person_back(ws: Path, tmp_path: Path) -> None:
    with jejaring.workspace.open(ws) as opened:
        privacy.forget(opened.store, privacy.erasure_plan(opened.store, "kades-2005", on=date(2024, 5, 1)))
        before = opened.store.actors()
        with use_lang("en"), pytest.raises(ImportFailed) as caught:
            opened.import_files(sheets(tmp_path))
        assert opened.store.actors() == before
    note = "was removed on request on 01/05/2024 (jejaring forget)"
    with use_lang("en"):
        assert [str(p) for p in caught.value.problems] == [
            f'aktor.csv:2:nama: The name of "kades-2005" {note}; write "(dihapus atas permintaan)" here,'
            " or leave the row out.",
            f'aktor.csv:2:telepon: The personal data of "kades-2005" {note}; leave this cell empty.',
            f'aktor.csv:2:surel: The personal data of "kades-2005" {note}; leave this cell empty.',
            f'aktor.csv:4:narahubung: The personal data of "bumdes-2005" {note}; leave this cell empty.',
            f'aktor.csv:4:telepon: The personal data of "bumdes-2005" {note}; leave this cell empty.',
        ]
    cleaned = ACTORS.splitlines()
    cleaned[1] = "kades-2005;kades;(dihapus atas permintaan);18.02.02.2005;;;;;"
    cleaned[3] = "bumdes-2005;lembaga desa;BUM Desa Makmur;18.02.02.2005;BUM Desa;;;;Unit simpan pinjam"
    with jejaring.workspace.open(ws) as opened:
        opened.import_files(sheets(tmp_path, "\n".join(cleaned) + "\n")[:1])
        assert opened.store.actor("kades-2005").name == privacy.PLACEHOLDER


# -- the command ----------------------------------------------------------------------------


def test_the_command_shows_what_goes_and_asks_first(ws: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli_privacy, "_interactive", lambda: True)
    result = run("forget", "Siti Aminah", "-w", str(ws), input="n\n")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f'Forgetting "Siti Aminah" removes from the workspace {ws}:\n'
        "  bpd-2005  BPD Bangun Rejo (village institution) - contact details: contact person, phone\n"
        "  lsm-tani  LSM Tani Maju (NGO) - contact details: contact person, email\n"
        "  musdes-2024-04  (meeting) - mentioned in the text: notes\n"
        'Removed names and mentions become "(dihapus atas permintaan)". The workspace notes the date of the'
        " forgetting, without any of the data, so that an import cannot bring the data back.\n"
        "Spreadsheets, exports and reports outside the workspace are not changed: remove the person from them too.\n"
        "Remove this data for good? [y/N]: n\n"
        "Nothing was changed.\n"
    )
    assert traces(ws, OTHER)["jejaring.sqlite"] == list(OTHER)
    result = run("forget", "Siti Aminah", "-w", str(ws), lang="id", input="y\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:4] == [
        "  bpd-2005  BPD Bangun Rejo (lembaga desa) - data kontak: narahubung, telepon",
        "  lsm-tani  LSM Tani Maju (LSM/ormas) - data kontak: narahubung, surel",
        "  musdes-2024-04  (rapat) - disebut dalam teks: catatan",
    ]
    assert result.output.splitlines()[-1] == (
        "Selesai: 3 data diubah, dan berkas ruang kerja ditulis ulang sehingga tidak ada salinan lama data itu"
        " yang tersisa."
    )
    assert traces(ws, OTHER) == {}


def test_without_a_terminal_the_command_needs_yes(ws: Path) -> None:
    result = run("forget", "sutrisno", "-w", str(ws))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: The command is not running at a terminal, so it cannot ask for confirmation;"
        " add --yes to remove the data."
    )
    assert set(traces(ws, PERSON)["jejaring.sqlite"]) == set(PERSON)
    result = run("forget", "sutrisno", "-w", str(ws), "--yes")
    assert result.exit_code == 0 and traces(ws, PERSON) == {}
    again = run("forget", "kades-2005", "-w", str(ws), "--yes")
    assert again.exit_code == 0
    assert again.output == (
        f'The workspace {ws} holds no personal data of "kades-2005" any more; its file was rewritten once more'
        " to be sure no old copy remains.\n"
    )
    nobody = run("forget", "sutrisno", "-w", str(ws), "--yes")
    assert nobody.exit_code == 1 and "No village head or contact person" in nobody.output


def test_forget_is_one_command_with_help() -> None:
    assert cli_privacy.COMMANDS == [cli_privacy.forget_command]
    command = cli_privacy.forget_command
    assert command.help and all(p.help for p in command.params if isinstance(p, click.Option))


# -- personal data stays out unless asked for -----------------------------------------------

FIELDS = ("0812 7000 1234", "+62 812-7000-1234", "sutrisno@example.id", "0813 5555 0000", "Siti Aminah")
"""Values of personal fields only; the free-text notes name people too, and are exported."""


@pytest.mark.parametrize("fmt", ["csv", "json", "graphml", "gexf"])
def test_exports_hold_personal_data_only_when_asked(ws: Path, tmp_path: Path, fmt: str) -> None:
    with jejaring.workspace.open(ws) as opened:
        plain = export(opened.store, tmp_path / "plain" / f"network.{fmt}", format=fmt)
        full = export(opened.store, tmp_path / "full" / f"network.{fmt}", format=fmt, include_personal=True)
    plain_text = "".join(path.read_text("utf-8") for path in plain)
    full_text = "".join(path.read_text("utf-8") for path in full)
    assert [value for value in FIELDS if value in plain_text] == []
    assert [value for value in FIELDS if value in full_text] == list(FIELDS)
    if fmt in ("graphml", "gexf"):
        loaded = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(plain[0])
        assert not {"phone", "email", "contact_person"} & {key for _, data in loaded.nodes(data=True) for key in data}


@pytest.mark.parametrize(
    "args",
    [
        ("ls", "actors", "--format", "table"),
        ("ls", "actors", "--format", "json"),
        ("ls", "actors", "--format", "csv"),
        ("show", "kades-2005"),
        ("show", "bpd-2005", "--format", "json"),
        ("show", "lsm-tani"),
    ],
    ids=" ".join,
)
def test_listings_show_personal_data_only_when_asked(ws: Path, args: tuple[str, ...]) -> None:
    def output(*extra: str) -> str:
        result = CliRunner().invoke(cli, ["--lang", "en", *args, "-w", str(ws), *extra])
        assert result.exit_code == 0, result.output
        return result.output

    assert [value for value in FIELDS if value in output()] == []
    assert [value for value in FIELDS if value in output("--include-contacts")] == SHOWN[args]


SHOWN = {  # what each listing shows with --include-contacts (a table of actors has no contact column)
    ("ls", "actors", "--format", "table"): [],
    ("ls", "actors", "--format", "json"): list(FIELDS),
    ("ls", "actors", "--format", "csv"): list(FIELDS),
    ("show", "kades-2005"): ["0812 7000 1234", "sutrisno@example.id"],
    ("show", "bpd-2005", "--format", "json"): ["0813 5555 0000", "Siti Aminah"],
    ("show", "lsm-tani"): ["Siti Aminah"],
}


def test_the_plan_of_a_person_is_plain_data(ws: Path) -> None:
    plan = plan_of(ws, "sutrisno")
    note = json.loads(plan.settings["forgotten:kades-2005"])
    assert note == {"on": "2024-05-01", "fields": ["name", "phone", "email"]}
    assert plan.person == "sutrisno" and plan.on == date(2024, 5, 1)
