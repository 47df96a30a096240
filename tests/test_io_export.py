"""Exports: JSON and CSV round-trips, formula neutralisation, GraphML/GEXF, personal data."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from jejaring.errors import JejaringError
from jejaring.io.cells import neutralise, restore
from jejaring.io.export import export, graph, records_to_rows
from jejaring.io.importer import import_files
from jejaring.model import Meeting, Tie, parse_actor, strip_personal
from jejaring.store import Batch, SqliteStore

RECORDS = Batch(
    actors=[
        parse_actor(
            {"kind": "desa", "code": "18.02.02.2005", "name": "Bangun Rejo", "sectors": "pertanian; peternakan",
             "development_status": "maju", "status_scheme": "idm", "status_year": "2023", "population": "4.512",
             "latitude": "-4,8231", "longitude": "105.2217", "notes": "Lumbung padi; pasar mingguan"}
        ),
        parse_actor({"kind": "desa", "code": "18.02.02.2007", "name": "Sido Mulyo", "needs": "alsintan"}),
        parse_actor(
            {"kind": "kades", "id": "kades-2005", "name": "Sutrisno", "village": "18.02.02.2005",
             "term_start": "01/07/2019", "phone": "+62 812 3456 7890", "email": "sutrisno@example.org"}
        ),
        parse_actor(
            {"kind": "lembaga", "id": "bumdes-2005", "name": "BUM Desa Makmur", "village": "18.02.02.2005",
             "type": "bumdes", "contact_person": "Bu Sri", "phone": "0812 1111 2222"}
        ),
        parse_actor({"kind": "ngo", "id": "lsm-1", "name": '=HYPERLINK("http://evil.example","klik")', "area": "18.02.02"}),
        parse_actor({"kind": "ngo", "id": "lsm-2", "name": "+1", "notes": "-cmd /c calc"}),
        parse_actor({"kind": "firm", "id": "pt-3", "name": "@SUM(A1:A9)", "ownership": "bumn"}),
    ],
    ties=[
        Tie(kind="memimpin", source="kades-2005", target="18.02.02.2005", since="01/07/2019", role="kades"),
        Tie(kind="berbagi", source="18.02.02.2005", target="18.02.02.2007", since="15/07/2023",
            until="31/12/2025", resources="alsintan; air", direction="dua arah"),
        Tie(kind="kerja sama", source="18.02.02.2005", target="18.02.02.2007", since="01/01/2024",
            field="pembangunan", document="peraturan bersama", amount="25.000.000"),
        Tie(kind="pendampingan", source="lsm-1", target="18.02.02.2005"),
        Tie(kind="keanggotaan", source="bumdes-2005", target="18.02.02.2005"),
    ],
    meetings=[
        Meeting(id="musdes-2024-04", type="musdes", date="15/04/2024", title="=1+1", village="18.02.02.2005",
                host="18.02.02.2005", attendees="18.02.02.2005; kades-2005; lsm-1"),
    ],
)
PERSONAL = {"phone", "email", "contact_person"}


@pytest.fixture
def store(tmp_path: Path):
    with SqliteStore(tmp_path / "source.db", create=True) as opened:
        opened.write(RECORDS)
        yield opened


def contents(store: SqliteStore) -> tuple[list, list, list]:
    return store.actors(), store.ties(), store.meetings()


def stripped(store: SqliteStore) -> tuple[list, list, list]:
    actors, ties, meetings = contents(store)
    return [strip_personal(a) for a in actors], ties, meetings


def test_json_round_trip_without_and_with_personal_data(store: SqliteStore, tmp_path: Path) -> None:
    (path,) = export(store, tmp_path / "out" / "network.json", format="json")
    document = json.loads(path.read_text("utf-8"))
    assert list(document) == ["actors", "ties", "meetings"]
    village = next(a for a in document["actors"] if a["id"] == "18.02.02.2005")
    assert village["code"] == "18.02.02.2005" and village["sectors"] == ["food_crops", "livestock"]
    assert not PERSONAL & {key for actor in document["actors"] for key in actor}
    back = (
        [parse_actor(a) for a in document["actors"]],
        [Tie.model_validate(t) for t in document["ties"]],
        [Meeting.model_validate(m) for m in document["meetings"]],
    )
    assert back == stripped(store)

    export(store, path, format="json", include_personal=True)
    document = json.loads(path.read_text("utf-8"))
    assert [parse_actor(a) for a in document["actors"]] == store.actors()


@pytest.mark.parametrize("include_personal", [False, True])
def test_csv_round_trip_into_a_fresh_store(store: SqliteStore, tmp_path: Path, include_personal: bool) -> None:
    written = export(store, tmp_path / "csv", format="csv", include_personal=include_personal)
    assert [p.name for p in written] == ["actors.csv", "ties.csv", "meetings.csv"]
    with SqliteStore(tmp_path / "fresh.db", create=True) as fresh:
        changes = import_files(fresh, written)
        assert dict(changes.added) == {"actors": 7, "ties": 5, "meetings": 1}
        assert contents(fresh) == (contents(store) if include_personal else stripped(store))


def test_csv_prefix_names_the_files(store: SqliteStore, tmp_path: Path) -> None:
    written = export(store, tmp_path / "out" / "bangunrejo.csv", format="csv")
    assert [p.name for p in written] == ["bangunrejo_actors.csv", "bangunrejo_ties.csv", "bangunrejo_meetings.csv"]


def test_csv_neutralises_formulas_but_keeps_numbers_and_dates(store: SqliteStore, tmp_path: Path) -> None:
    actors_csv, ties_csv, meetings_csv = export(store, tmp_path, format="csv")
    actors = {row["id"]: row for row in csv.DictReader(actors_csv.read_text("utf-8-sig").splitlines())}
    assert actors["lsm-1"]["name"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert actors["lsm-2"]["name"] == "'+1"
    assert actors["lsm-2"]["notes"] == "'-cmd /c calc"
    assert actors["pt-3"]["name"] == "'@SUM(A1:A9)"
    assert actors["18.02.02.2005"]["latitude"] == "-4.8231"
    assert actors["18.02.02.2005"]["sectors"] == "food_crops; livestock"
    assert actors["kades-2005"]["term_start"] == "2019-07-01"
    assert "phone" not in actors["kades-2005"]
    (meeting,) = csv.DictReader(meetings_csv.read_text("utf-8-sig").splitlines())
    assert meeting["title"] == "'=1+1" and meeting["date"] == "2024-04-15"
    ties = list(csv.DictReader(ties_csv.read_text("utf-8-sig").splitlines()))
    assert {row["amount"] for row in ties} == {"", "25000000"}


def test_cell_rule() -> None:
    assert [neutralise(text) for text in ("-4.8", "+1", "2024-03-01", "=1+1", "\tx", "\rx")] == [
        "-4.8", "+1", "2024-03-01", "'=1+1", "'\tx", "'\rx",
    ]
    assert neutralise("-4.8", keep_numbers=False) == "'-4.8"
    assert all(restore(neutralise(t, keep_numbers=False)) == t for t in ("-4.8", "=A1", "@x", "plain", "'quoted"))
    # text that already starts with quotes before a formula start keeps them all
    assert [neutralise(t) for t in ("'=1+1", "''-cmd", "'-4.8")] == ["''=1+1", "'''-cmd", "''-4.8"]
    assert all(restore(neutralise(t)) == t for t in ("'=1+1", "''-cmd", "'-4.8", "'", "''"))


def test_rows_are_flat_scalars() -> None:
    (row,) = records_to_rows([RECORDS.ties[1]])
    assert row == {
        "id": "resource_sharing:18.02.02.2005:18.02.02.2007:2023-07-15",
        "kind": "resource_sharing",
        "source": "18.02.02.2005",
        "target": "18.02.02.2007",
        "since": "2023-07-15",
        "until": "2025-12-31",
        "resources": "water; farm_machinery",
        "direction": "both",
    }


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_open_with_the_right_counts(store: SqliteStore, tmp_path: Path, fmt: str, read) -> None:
    (path,) = export(store, tmp_path / f"network.{fmt}", format=fmt)
    loaded = read(path)
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (7, 5)
    assert loaded.is_directed() and loaded.is_multigraph()  # two ties join the same pair of villages
    village = loaded.nodes["18.02.02.2005"]
    assert village["label"] == "Bangun Rejo"
    assert village["sectors"] == "food_crops; livestock"
    assert float(village["latitude"]) == -4.8231
    assert not PERSONAL & {key for _, data in loaded.nodes(data=True) for key in data}
    since = {data.get("since") for _, _, data in loaded.edges(data=True)}
    assert "2023-07-15" in since


def test_graph_carries_personal_data_only_when_asked(store: SqliteStore) -> None:
    assert "phone" not in graph(store).nodes["kades-2005"]
    network = graph(store, include_personal=True)
    assert network.nodes["kades-2005"]["phone"] == "+62 812 3456 7890"
    assert set(network["18.02.02.2005"]["18.02.02.2007"]) == {
        "resource_sharing:18.02.02.2005:18.02.02.2007:2023-07-15",
        "partnership:18.02.02.2005:18.02.02.2007:2024-01-01",
    }
    assert all(value is not None and not isinstance(value, list) for _, data in network.nodes(data=True) for value in data.values())


def test_export_accepts_records_and_rejects_unknown_formats(tmp_path: Path) -> None:
    (path,) = export([*RECORDS.actors[:2], RECORDS.ties[1]], tmp_path / "two.gexf", format="gexf")
    assert nx.read_gexf(path).number_of_edges() == 1
    with pytest.raises(JejaringError) as caught:
        export(RECORDS, tmp_path / "x.pdf", format="pdf")
    assert caught.value.key == "export.unknown_format"
    assert date.fromisoformat(records_to_rows([RECORDS.meetings[0]])[0]["date"]) == date(2024, 4, 15)
