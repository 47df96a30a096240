"""The named Cypher queries: their headers and parameters, and their answers on the real Neo4j
5.26 test server, which must equal what the Python analyses compute on the same data.

The demo (Kecamatan Bangun Rejo, 18.02.02) is written once for the module through the Neo4j
store; the small hand-drawn networks of the later tests live in another kabupaten (35.07) so
the two never meet, and each removes what it wrote. The module empties the database before it
starts and when it ends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j_fixture import Neo4jServer

from jejaring import queries, synth
from jejaring.analysis import coordination as coord
from jejaring.analysis import gaps
from jejaring.analysis.recommend import Weights, suggest
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Firm, Government, Institution, Meeting, Ngo, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.store import Batch
from jejaring.store.base import in_area
from jejaring.store.neo4j import Neo4jStore

KECAMATAN = synth.DEMO_KECAMATAN
DAYS = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 12, 31), date(2025, 6, 30)]
QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1"]
ONLY_EVIDENCE = Weights(peer_learning=0, proximity=0)  # what suggest_partners computes
REQUIRED = {"actors_in_area", "village_partners", "coverage_gaps", "unmet_needs", "isolated_villages",
            "quarterly_meetings", "suggest_partners"}
COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


def wipe(driver: neo4j.Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def server(neo4j_server: Neo4jServer) -> Iterator[Neo4jServer]:  # noqa: F811
    """The test server holding the demo, written by the Neo4j store; emptied before and after."""
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        wipe(driver)
        with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
            store.write(synth.demo())
        yield neo4j_server
        wipe(driver)


@pytest.fixture(scope="module")
def demo() -> Network:
    batch = synth.demo()
    return Network(batch.actors, batch.ties, batch.meetings)


Run = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="module")
def run(server: Neo4jServer) -> Run:
    """Run a named query with parameters given as Python values (the optional ones may be left out)."""

    def run(name: str, **values: Any) -> list[dict[str, Any]]:
        query = queries.load(name)
        bound = {p.name: values.get(p.name) for p in query.parameters}
        assert set(values) <= set(bound), f"{name} has no parameter {set(values) - set(bound)}"
        return queries.run(server.url, query, bound, auth=server.auth).rows

    return run


@pytest.fixture
def write(server: Neo4jServer) -> Iterator[Callable[[Batch], None]]:
    """Write a small hand-drawn network beside the demo; it is removed after the test."""
    written: list[str] = []

    def write(batch: Batch) -> None:
        with Neo4jStore(server.url, auth=server.auth) as store:
            store.write(batch)
        written.extend(record.id for record in (*batch.actors, *batch.meetings))

    yield write
    with neo4j.GraphDatabase.driver(server.url, auth=server.auth) as driver:
        driver.execute_query("MATCH (n) WHERE n.id IN $ids DETACH DELETE n", ids=written)


# -- the files and their headers ----------------------------------------------------------


def test_the_named_queries_are_shipped_and_each_header_is_complete():
    assert REQUIRED <= set(queries.names())
    for name in queries.names():
        query = queries.load(name)
        body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))
        used = set(re.findall(r"\$(\w+)", body))
        declared = [p.name for p in query.parameters]
        assert used == set(declared), name  # every parameter declared, none declared in vain
        assert all(p.example for p in query.parameters), name  # a :param line for Browser
        assert all(p.description("en") != p.description("id") for p in query.parameters), name
        assert query.summary("en") != query.summary("id"), name
        assert all(re.search(rf"\bAS {column}\b", body) for column in query.vocabularies), name
        assert "MERGE" not in body.upper() and "CREATE" not in body.upper() and "DELETE" not in body.upper()


def test_a_header_is_read_line_by_line():
    text = (
        "// Summary: Villages of an area.\n"
        "// Ringkasan: Desa di suatu wilayah.\n"
        "//\n"
        "// Parameters:\n"
        "//   $area (string): the area's code,\n"
        "//       e.g. 18.02.02\n"
        "//       id: kode wilayahnya,\n"
        "//       misalnya 18.02.02\n"
        "//   $within (string, optional, one of kecamatan|all): how far\n"
        "// :param area => '18.02.02'\n"
        "\n"
        "MATCH (v:Village) RETURN v.id"
    )
    query = queries.parse("villages", text)
    assert (query.summary("en"), query.summary("id")) == ("Villages of an area.", "Desa di suatu wilayah.")
    area, within = query.parameters
    assert area == queries.Parameter("area", "string", False, (), {"en": "the area's code, e.g. 18.02.02",
                                                                   "id": "kode wilayahnya, misalnya 18.02.02"},
                                     "'18.02.02'")
    assert (area.description("id"), within.description("id")) == ("kode wilayahnya, misalnya 18.02.02", "how far")
    assert (within.optional, within.choices, within.example) == (True, ("kecamatan", "all"), None)
    with pytest.raises(ValueError, match="'number' is not one of"):
        queries.parse("bad", "// Summary: x\n//   $n (number): a number\nRETURN $n")
    with pytest.raises(ValueError, match="no '// Summary:' line"):
        queries.parse("bad", "//   $n (int): a number\nRETURN $n")
    with pytest.raises(ValueError, match="labels 'need' with the unknown vocabulary 'Resources'"):
        queries.parse("bad", "// Summary: x\n// Labels: need=Resources\nRETURN 'water' AS need")


def test_codes_read_as_labels_in_either_language():
    """The columns a query labels turn codes into words; other columns and unknown codes stay."""
    query = queries.load("unmet_needs")
    assert query.vocabularies == {"need": "Resource", "severity": "Severity"}
    row = {"village": "18.02.02.2001", "need": "market_access", "severity": "high", "suppliers": ["medium"]}
    assert query.labelled([row], "id") == [{**row, "need": "pasar", "severity": "tinggi"}]
    assert query.labelled([row], "en") == [{**row, "need": "market access", "severity": "high"}]
    assert query.labelled([{"need": "not-a-code"}], "id") == [{"need": "not-a-code"}]


def test_values_are_typed_by_the_declared_types():
    query = queries.parse("typed", (
        "// Summary: typed\n//   $n (int): n\n//   $x (float, optional): x\n//   $day (date): day\n"
        "//   $kinds (list, optional): kinds\n//   $within (string, optional, one of kecamatan|all): w\n"
        "RETURN $n, $x, $day, $kinds, $within"))
    assert query.bind({"n": "10", "x": "0,5", "day": "05/02/2024", "kinds": "ngo, firm;university"}) == {
        "n": 10, "x": 0.5, "day": date(2024, 2, 5), "kinds": ["ngo", "firm", "university"], "within": None}
    assert query.bind({"n": "-3", "x": "1e-3", "day": "2024-02-05", "within": "all"})["x"] == 0.001
    with use_lang("en"):
        cases = {
            (("n", "ten"), ("day", "2024-02-05")): 'The value "ten" of the parameter n is not a whole number, such as 10.',
            (("n", "1"), ("day", "31/02/2024")): 'The value "31/02/2024" of the parameter day is not a date written '
                                                 "dd/mm/yyyy or yyyy-mm-dd.",
            (("n", "1"), ("day", "2024-02-05"), ("within", "desa")): 'The value "desa" of the parameter within is '
                                                                     "not one of kecamatan, all.",
            (("n", "1"),): "The query typed needs the parameter day (date): day; give it as --param day=VALUE.",
            (("n", "1"), ("day", "2024-02-05"), ("m", "2")): 'The query typed has no parameter "m"; its parameters '
            "are: n (whole number), x (number, optional), day (date), kinds (list, optional), within (text, "
            "optional, kecamatan|all).",
        }
        for given, message in cases.items():
            with pytest.raises(JejaringError) as caught:
                query.bind(dict(given))
            assert str(caught.value) == message


def test_an_unknown_query_names_the_nearest_ones():
    with use_lang("en"):
        with pytest.raises(JejaringError, match='no named query "coverage_gap"; did you mean coverage_gaps'):
            queries.load("coverage_gap")
        with pytest.raises(JejaringError, match="the queries are: actors_in_area, "):
            queries.load("zzz")


def test_named_queries_need_a_neo4j_address():
    query = queries.load("coverage_gaps")
    with use_lang("en"), pytest.raises(JejaringError, match='instead of "build/demo"'):
        queries.run("build/demo", query, {"area": KECAMATAN, "date": None})
    with use_lang("en"), pytest.raises(JejaringError, match="must not carry a user name or password") as caught:
        queries.run("bolt://neo4j:secret@127.0.0.1:7687", query, {"area": KECAMATAN, "date": None})
    assert "secret" not in str(caught.value)
    for wrong in ("bolt://", "bolt://127.0.0.1:99999", "neo4j://[::1"):
        with use_lang("en"), pytest.raises(JejaringError, match=r"is not valid; write it like bolt://host:7687"):
            queries.run(wrong, query, {"area": KECAMATAN, "date": None})


def test_a_failure_on_the_server_is_one_sentence_naming_the_query(server: Neo4jServer):
    query = queries.load("quarterly_meetings")
    with use_lang("en"), pytest.raises(JejaringError) as caught:
        queries.run(server.url, query, {"area": KECAMATAN, "quarter": "2024Q7"}, auth=server.auth)
    with use_lang("en"):
        message = str(caught.value)
    assert message == (f"The query quarterly_meetings failed on the Neo4j server at {server.url}: "
                       "Invalid value for QuarterOfYear (valid values 1 - 4): 7")
    wrong = (server.user, server.password + "-not")
    with use_lang("en"), pytest.raises(JejaringError, match='refused the login of user "neo4j"'):
        queries.run(server.url, query, {"area": KECAMATAN, "quarter": "2024Q2"}, auth=wrong)


def test_a_named_query_cannot_write(server: Neo4jServer):
    sneaky = queries.parse("sneaky", "// Summary: writes\nCREATE (n:Sneaky) RETURN n")
    with use_lang("en"), pytest.raises(JejaringError, match="failed on the Neo4j server"):
        queries.run(server.url, sneaky, {}, auth=server.auth)
    with neo4j.GraphDatabase.driver(server.url, auth=server.auth) as driver:
        assert driver.execute_query("MATCH (n:Sneaky) RETURN count(n) AS n").records[0]["n"] == 0


# -- the demo: each query equals the Python analysis ----------------------------------------


def test_actors_in_area_are_those_whose_area_lies_inside_it(run: Run, demo: Network):
    for area in (KECAMATAN, "18.02.02.2005", "18.02", "18"):
        expected = sorted(a.id for a in demo.actors.values() if in_area(a.area_code, area))
        assert [row["id"] for row in run("actors_in_area", area=area)] == expected
    kinds = ["ngo", "firm"]
    rows = run("actors_in_area", area="18.02", kinds=kinds)
    assert [(r["id"], r["kind"]) for r in rows] == [
        (a.id, a.kind.value) for a in demo.of_kind(*map(gaps.ActorKind, kinds)) if in_area(a.area, "18.02")]
    kades = run("actors_in_area", area="18.02.02.2005", kinds=["village_head"])
    [head] = [a for a in demo.of_kind(gaps.ActorKind.VILLAGE_HEAD) if a.village == "18.02.02.2005"]
    assert [(r["id"], r["name"], r["village"]) for r in kades] == [(head.id, head.name, "18.02.02.2005")]


def test_village_partners_by_kind_are_the_rows_of_the_coverage_matrix(run: Run, demo: Network):
    for day in DAYS:
        matrix = gaps.coverage_matrix(demo.within(KECAMATAN).at(day))
        for village, counts in zip(matrix.villages, matrix.counts, strict=True):
            rows = run("village_partners", village=village.id, date=day)
            found = Counter(row["kind"] for row in rows)
            assert tuple(found[str(kind)] for kind in matrix.kinds) == counts, (village, day)
            assert len({row["id"] for row in rows}) == len(rows)


def test_coverage_gaps_are_the_empty_cells_of_the_coverage_matrix(run: Run, demo: Network):
    for day in DAYS:
        net = demo.within(KECAMATAN).at(day)
        matrix = gaps.coverage_matrix(net)
        rows = run("coverage_gaps", area=KECAMATAN, date=day)
        cells = {(row["village"], kind) for row in rows for kind in row["missing"]}
        assert cells == {(v.id, str(k)) for v in matrix.villages for k in matrix.missing(v.id)}
        by_village = dict(zip((v.id for v in matrix.villages), matrix.counts, strict=True))
        for row in rows:
            assert (row["ngo"], row["firm"], row["university"], row["government"], row["villages"]) == \
                by_village[row["village"]]
        expected = sorted(gaps.coverage_gaps(net), key=gaps.sort_key)
        assert [(r["village"], r["severity"]) for r in rows] == [(g.village.id, str(g.severity)) for g in expected]


def test_unmet_needs_equal_the_gap_report(run: Run, demo: Network):
    for day in DAYS:
        expected = [
            (g.village.id, str(g.why.params["need"]), g.why.params["partners"], str(g.severity),
             [a.id for a in g.actors])
            for g in gaps.unmet_needs(demo.within(KECAMATAN).at(day))
        ]
        rows = run("unmet_needs", area=KECAMATAN, date=day)
        assert [(r["village"], r["need"], r["partners"], r["severity"], r["supplier_ids"]) for r in rows] == expected
        assert expected  # the demo keeps unmet needs to find


def test_isolated_villages_and_their_best_neighbours_equal_the_gap_report(run: Run, demo: Network):
    for day in DAYS:
        expected = [(g.village.id, g.todo.params.get("partner") if g.todo else None)
                    for g in gaps.isolated_villages(demo.within(KECAMATAN).at(day))]
        rows = run("isolated_villages", area=KECAMATAN, date=day)
        assert [(r["village"], r["best_neighbour"]) for r in rows] == expected
        assert expected


def test_quarterly_meeting_counts_equal_the_coordination_report(run: Run, demo: Network):
    view = demo.within(KECAMATAN)
    for quarter in QUARTERS:
        report = coord.coordination(view, quarter=quarter)
        expected = [
            (v.village.id, v.meetings_held, v.coordination_meetings, c.coordination_meetings_before,
             len(v.institutions), v.institutions_attending, v.attendance_rate)
            for v, c in zip(report.villages, report.change.villages, strict=True)
        ]
        rows = run("quarterly_meetings", area=KECAMATAN, quarter=quarter)
        assert [(r["village"], r["meetings_held"], r["coordination_meetings"], r["coordination_meetings_before"],
                 r["institutions"], r["institutions_attending"], r["attendance_rate"]) for r in rows] == expected


def _same_suggestions(rows: list[dict[str, Any]], expected: list[Any]) -> None:
    assert [row["id"] for row in rows] == [s.candidate.id for s in expected]
    for row, s in zip(rows, expected, strict=True):
        assert row["score"] == pytest.approx(s.score, abs=1e-12)
        assert row["network"] == pytest.approx(s.components["network"], abs=1e-12)
        assert row["complementarity"] == s.components["complementarity"]


@pytest.mark.parametrize("within", ["kecamatan", "kabupaten"])
def test_suggestions_equal_suggest_on_network_and_complementarity(run: Run, demo: Network, within: str):
    """Every village, kades and organisation of the demo, and one institution of each village."""
    day = DAYS[2]
    net = demo.at(day)
    institutions = {a.village: a for a in demo.of_kind(gaps.ActorKind.INSTITUTION)}
    askers = [a for a in demo.actors.values() if a.kind is not gaps.ActorKind.INSTITUTION]
    with_network = 0
    for actor in [*askers, *institutions.values()]:
        expected = suggest(net, actor.id, within=within, weights=ONLY_EVIDENCE)
        rows = run("suggest_partners", actor=actor.id, date=day, within=within)
        _same_suggestions(rows, expected)
        with_network += any(s.components["network"] for s in expected)
    assert with_network > 10  # shared partners are part of the evidence, not only complementarity


def test_suggestions_follow_the_weights_and_top(run: Run, demo: Network):
    weights = Weights(network=2, complementarity=0.5, institution_need=0, returned=1, peer_learning=0, proximity=0)
    for actor in ("18.02.02.2008", "syn-ngo-18.02-1"):
        expected = suggest(demo.at(DAYS[1]), actor, top=4, weights=weights)
        rows = run("suggest_partners", actor=actor, date=DAYS[1], top=4, network=2.0, complementarity=0.5,
                   institution_need=0.0, returned=1.0)
        _same_suggestions(rows, expected)


# -- small hand-drawn networks: the subtle rules -----------------------------------------------

A, B, C, D = "35.07.12.2001", "35.07.12.2002", "35.07.12.2003", "35.07.12.2004"
X = "35.08.01.2001"  # a village of another kabupaten


def _side_network() -> Batch:
    r"""Village A's side holds its kades and its BUM Desa::

        F (firm) --partnership 2024..2025-- BUM Desa A --membership--> A <--support-- G (government)
        kades B --partnership-- kades A --leadership--> A     A --coordination-- B (contact only)
        F offers funds; kades B offers water; C offers land; A needs water, funds, land, vehicles
    """
    villages = [
        Village(code=A, name="Desa A", needs=["air", "dana", "lahan", "kendaraan"]),
        Village(code=B, name="Desa B"),
        Village(code=C, name="Desa C", offers=["lahan"]),
    ]
    others = [
        VillageHead(id="kades-a", name="Kades A", village=A),
        VillageHead(id="kades-b", name="Kades B", village=B, offers=["air"]),
        Institution(id="bumdes-a", name="BUM Desa A", village=A, type="bum desa"),
        Firm(id="pt-f", name="PT F", area="35.07", offers=["dana"]),
        Government(id="dinas-g", name="Dinas G", area="35.07"),
    ]
    ties = [
        Tie(kind="partnership", source="bumdes-a", target="pt-f", since="2024-01-01", until="2025-01-01"),
        Tie(kind="membership", source="bumdes-a", target=A),
        Tie(kind="partnership", source="kades-a", target="kades-b", since="2023-06-01"),
        Tie(kind="leadership", source="kades-a", target=A),
        Tie(kind="support", source="dinas-g", target=A),
        Tie(kind="coordination", source=A, target=B),
        Tie(kind="support", source="dinas-g", target=C),
    ]
    return Batch([*villages, *others], ties)


def test_a_villages_partners_are_those_of_its_kades_and_institutions(run: Run, write):
    batch = _side_network()
    write(batch)
    rows = run("village_partners", village=A, date=date(2024, 6, 30))
    assert [(r["kind"], r["id"], r["ties"], r["via"]) for r in rows] == [
        ("firm", "pt-f", ["partnership"], ["BUM Desa A"]),
        ("government", "dinas-g", ["support"], ["Desa A"]),
        ("village", B, ["partnership"], ["Kades A"]),
    ]
    # in force up to, not including, its until: on 2025-01-01 the firm is no longer a partner
    assert [r["id"] for r in run("village_partners", village=A, date=date(2025, 1, 1))] == ["dinas-g", B]
    net = Network(batch.actors, batch.ties).within("35.07.12").at(date(2024, 6, 30))
    rows = run("coverage_gaps", area="35.07.12", date=date(2024, 6, 30))
    assert [(r["village"], r["missing"], r["severity"]) for r in rows] == [  # the most missing first, then by name
        (B, ["ngo", "firm", "university", "government"], "medium"),  # kades A's partnership makes A its partner
        (C, ["ngo", "firm", "university", "village"], "medium"),
        (A, ["ngo", "university"], "low"),
    ]
    matrix = gaps.coverage_matrix(net)
    assert {(r["village"], tuple(r["missing"])) for r in rows} == {
        (v.id, tuple(str(k) for k in matrix.missing(v.id))) for v in matrix.villages}


def test_a_need_is_met_by_a_partner_the_actor_at_a_ties_end_or_the_tie(run: Run, write):
    batch = _side_network()
    batch.ties[0] = Tie(kind="partnership", source="bumdes-a", target="pt-f", since="2024-01-01",
                        until="2025-01-01", resources=["kendaraan"])
    write(batch)
    day = date(2024, 6, 30)
    rows = run("unmet_needs", area="35.07.12", date=day)
    # water: kades B at the end of the tie offers it; funds: PT F offers them; vehicles: the tie carries them
    assert [(r["village"], r["need"], r["severity"], r["suppliers"]) for r in rows] == [
        (A, "land", "medium", ["Desa C"])]
    later = run("unmet_needs", area="35.07.12", date=date(2025, 1, 1))  # the firm's tie has ended
    assert [(r["need"], r["severity"], r["suppliers"]) for r in later] == [  # in the order of the vocabulary
        ("land", "medium", ["Desa C"]), ("vehicles", "high", []), ("funds", "medium", ["PT F"])]
    net = Network(batch.actors, batch.ties).within("35.07.12")
    for when in (day, date(2025, 1, 1)):
        expected = [(g.village.id, str(g.why.params["need"]), [a.id for a in g.actors])
                    for g in gaps.unmet_needs(net.at(when))]
        assert [(r["village"], r["need"], r["supplier_ids"]) for r in run("unmet_needs", area="35.07.12", date=when)] \
            == expected


def test_neighbours_with_coordinates_are_those_within_km(run: Run, write):
    r"""Three villages on one meridian, none partnering another::

        A (-4.90) --3.3 km-- C (-4.93) --------7.8 km-------- D (-5.00)
        A needs land: C offers land and funds, D offers land and needs what A offers
    """
    batch = Batch([
        Village(code=A, name="Desa A", latitude=-4.90, longitude=105.0, needs=["lahan"], offers=["air"]),
        Village(code=C, name="Desa C", latitude=-4.93, longitude=105.0, offers=["lahan"]),
        Village(code=D, name="Desa D", latitude=-5.00, longitude=105.0, offers=["lahan"], needs=["air"]),
    ])
    write(batch)
    net = Network(batch.actors).within("35.07.12").at(date(2024, 6, 30))
    for km, best in ((5.0, "Desa C"), (15.0, "Desa D")):
        rows = run("isolated_villages", area="35.07.12", date=date(2024, 6, 30), km=km)
        assert rows[0]["best_neighbour"] == best
        expected = [(g.village.id, g.todo.params.get("partner") if g.todo else None)
                    for g in gaps.isolated_villages(net, km=km)]
        assert [(r["village"], r["best_neighbour"]) for r in rows] == expected
    rows = run("isolated_villages", area="35.07.12", date=date(2024, 6, 30), km=5.0)
    assert [(r["village"], r["neighbours"], r["best_neighbour"], r["match"]) for r in rows] == [
        (A, 1, "Desa C", 1.0), (C, 1, "Desa A", 1.0), (D, 0, None, None)]


def test_a_meeting_is_held_where_it_is_or_where_its_host_belongs(run: Run, write):
    r"""Desa A's government (the village, its kades, its pemerintah desa) and two institutions::

        r1 2024-04-10 rakor in A, hosted by the pemdes, PKK present           coordination
        r2 2024-05-10 rakor with no village, hosted by the BPD, kades present   coordination (held in A)
        r3 2024-05-20 rakor in A with the PKK and BPD only                      held, no government
        r4 2024-06-01 training in A, hosted by the pemdes                       held, not coordination
        r5 2024-07-01 rakor in A, hosted by the pemdes                          next quarter
        r6 2024-02-01 musdes in A, the kades present                            the quarter before
    """
    actors = [
        Village(code=A, name="Desa A"),
        VillageHead(id="kades-a", name="Kades A", village=A),
        Institution(id="pemdes-a", name="Pemdes A", village=A, type="pemerintah desa"),
        Institution(id="pkk-a", name="PKK A", village=A, type="pkk"),
        Institution(id="bpd-a", name="BPD A", village=A, type="bpd"),
    ]
    meetings = [
        Meeting(id="r1", type="rakor", date="2024-04-10", village=A, host="pemdes-a", attendees=["pkk-a"]),
        Meeting(id="r2", type="rakor", date="2024-05-10", host="bpd-a", attendees=["kades-a"]),
        Meeting(id="r3", type="rakor", date="2024-05-20", village=A, attendees=["pkk-a", "bpd-a"]),
        Meeting(id="r4", type="pelatihan", date="2024-06-01", village=A, host="pemdes-a", attendees=["pkk-a"]),
        Meeting(id="r5", type="rakor", date="2024-07-01", village=A, host="pemdes-a", attendees=["bpd-a"]),
        Meeting(id="r6", type="musdes", date="2024-02-01", village=A, attendees=["kades-a"]),
    ]
    write(Batch(actors, [], meetings))
    [row] = run("quarterly_meetings", area=A, quarter="2024Q2")
    assert row == {"village": A, "name": "Desa A", "meetings_held": 4, "coordination_meetings": 2,
                   "coordination_meetings_before": 1, "institutions": 2, "institutions_attending": 2,
                   "attendance_rate": 0.5}
    [v] = coord.coordination(Network(actors, [], meetings).within(A), quarter="2024Q2").villages
    assert (v.meetings_held, v.coordination_meetings, v.attendance_rate) == (4, 2, 0.5)


def _suggest_network() -> Batch:
    r"""A provincial NGO N partners A and B of Kabupaten 35.07 and X of Kabupaten 35.08; the
    kecamatan office G supports A, B and C by mandate and runs a partnership with C::

        X --- N --- A        G ==support==> A, B, C  (mandate: not in the partner graph)
              |              G --partnership-- C
              B --- kades B (in office), kades B2 (term ended)
    """
    actors = [
        Village(code=A, name="Desa A", needs=["air"]),
        Village(code=B, name="Desa B", offers=["air"]),
        Village(code=C, name="Desa C"),
        Village(code=X, name="Desa X"),
        VillageHead(id="kades-a", name="Kades A", village=A),
        VillageHead(id="kades-b", name="Kades B", village=B, term_start="2022-01-01"),
        VillageHead(id="kades-b2", name="Kades B Lama", village=B, term_start="2014-01-01", term_end="2022-01-01"),
        Ngo(id="lsm-n", name="LSM N", area="35"),
        Government(id="camat-g", name="Camat G", area="35.07.12"),
    ]
    ties = [Tie(kind="support", source="lsm-n", target=v) for v in (A, B, X)]
    ties += [Tie(kind="support", source="camat-g", target=v) for v in (A, B, C)]
    ties += [Tie(kind="partnership", source="camat-g", target=C, since="2024-01-01")]
    return Batch(actors, ties)


def test_shared_partners_count_the_ties_in_view_and_leave_out_mandate_support(run: Run, write):
    batch = _suggest_network()
    write(batch)
    day = date(2024, 6, 30)
    everything = Network(batch.actors, batch.ties)
    # in the kabupaten, N has two partners (A and B): B scores 1/2 for the shared N, plus 1 for water
    rows = run("suggest_partners", actor=A, date=day, within="kabupaten")
    assert [(r["id"], r["network"], r["score"], r["shared_partners"]) for r in rows] == [(B, 0.5, 1.5, ["LSM N"])]
    # in the province N has three (X too): 1/3; the camat's mandate support joins nobody
    rows = run("suggest_partners", actor=A, date=day, within="province")
    assert [(r["id"], r["network"]) for r in rows] == [(B, pytest.approx(1 / 3)), (X, pytest.approx(1 / 3))]
    for within, scope in (("kabupaten", "35.07"), ("province", "35")):
        expected = suggest(everything.within(scope).at(day), A, within=within, weights=ONLY_EVIDENCE)
        _same_suggestions(run("suggest_partners", actor=A, date=day, within=within), expected)
    # a kades asking is shown village B as its kades in office
    rows = run("suggest_partners", actor="kades-a", date=day, within="kabupaten")
    assert [(r["id"], r["kind"], r["area"]) for r in rows] == [("kades-b", "village_head", B)]
    _same_suggestions(rows, suggest(everything.within("35.07").at(day), "kades-a", weights=ONLY_EVIDENCE))



E = "35.07.13.2001"  # a village of another kecamatan of Kabupaten 35.07


def _sides_network() -> Batch:
    r"""A's side is A, kades A and BUM Desa A; the provincial NGO N partners A (through its BUM
    Desa), B (through its kades), E of another kecamatan, and X of another kabupaten (through
    its BUM Desa); Dinas G partners A and C and supports B by mandate; Camat H, offering the
    water A needs, is tied to A by mandate only::

        bumdes-x --- N --- bumdes-a (needs land)     G --- A, C;  G ==support==> B
                    / \                              H ==support==> A
              kades-b   E                            PT F offers land, B water
    """
    actors = [
        Village(code=A, name="Desa A", needs=["air"]),
        Village(code=B, name="Desa B", offers=["air"]),
        Village(code=C, name="Desa C"),
        Village(code=E, name="Desa E"),
        Village(code=X, name="Desa X"),
        VillageHead(id="kades-a", name="Kades A", village=A),
        VillageHead(id="kades-b", name="Kades B", village=B),
        VillageHead(id="kades-c", name="Kades C", village=C),
        Institution(id="bumdes-a", name="BUM Desa A", village=A, type="bum desa", needs=["lahan"]),
        Institution(id="bumdes-x", name="BUM Desa X", village=X, type="bum desa"),
        Ngo(id="lsm-n", name="LSM N", area="35"),
        Government(id="dinas-g", name="Dinas G", area="35.07"),
        Government(id="camat-h", name="Camat H", area="35.07.12", offers=["air"]),
        Firm(id="pt-f", name="PT F", area="35.07", offers=["lahan"]),
    ]
    ties = [Tie(kind="partnership", source="lsm-n", target=t) for t in ("bumdes-a", "kades-b", E, "bumdes-x")]
    ties += [Tie(kind="partnership", source="dinas-g", target=v) for v in (A, C)]
    ties += [Tie(kind="support", source="dinas-g", target=B), Tie(kind="support", source="camat-h", target=A)]
    return Batch(actors, ties)


def _view(batch: Batch, scope: str | None, day: date) -> Network:
    """What the query sees: every actor, and the ties touching an actor of the scope."""
    inside = {a.id for a in batch.actors if scope is None or in_area(a.area_code, scope)}
    return Network(batch.actors, [t for t in batch.ties if t.source in inside or t.target in inside]).at(day)


def test_suggestions_see_sides_mandates_and_the_scope_as_suggest_does(run: Run, write):
    batch = _sides_network()
    write(batch)
    day = date(2024, 6, 30)
    cases = {  # (actor, within): [(id, network, complementarity)]
        # N's partners in the kabupaten are A, B and E; G's are A and C (its mandate to B is not
        # a partnership); the institution's need for land counts a half; Camat H is tied by mandate
        (A, "kabupaten"): [(B, 1 / 3, 1.0), (C, 0.5, 0.0), ("pt-f", 0.0, 0.5), (E, 1 / 3, 0.0)],
        # in the kecamatan, N's tie to E is out of view: N has two partners
        (A, "kecamatan"): [(B, 0.5, 1.0), (C, 0.5, 0.0), ("pt-f", 0.0, 0.5)],
        # everywhere (the network alone, the demo being in the same store), N has four
        (A, "all"): [(C, 0.5, 0.0), (B, 0.25, 1.0), (E, 0.25, 0.0), (X, 0.25, 0.0)],
        # a kades is shown villages as their kades, and E has none
        ("kades-a", "kabupaten"): [("kades-b", 1 / 3, 1.0), ("kades-c", 0.5, 0.0), ("pt-f", 0.0, 0.5)],
        # the BUM Desa asks for its village, its own need for land counting in full
        ("bumdes-a", "kabupaten"): [(B, 1 / 3, 1.0), ("pt-f", 0.0, 1.0), (C, 0.5, 0.0), (E, 1 / 3, 0.0)],
        ("bumdes-a", "all"): [(C, 0.5, 0.0), (B, 0.25, 1.0), (E, 0.25, 0.0), (X, 0.25, 0.0)],
    }
    scopes = {"kecamatan": "35.07.12", "kabupaten": "35.07", "all": None}
    for (actor, within), expected in cases.items():
        complementarity = 0.0 if within == "all" else 1.0
        rows = run("suggest_partners", actor=actor, date=day, within=within, complementarity=complementarity)
        assert [(r["id"], r["network"], r["complementarity"]) for r in rows] == [
            (i, pytest.approx(n, abs=1e-12), c) for i, n, c in expected], (actor, within)
        weights = Weights(complementarity=complementarity, peer_learning=0, proximity=0)
        engine = suggest(_view(batch, scopes[within], day), actor, within=within, weights=weights)
        # suggest leaves a component of weight 0 at 0, where the query still shows it
        assert [(r["id"], r["score"], r["network"]) for r in rows] == [
            (s.candidate.id, pytest.approx(s.score, abs=1e-12), pytest.approx(s.components["network"], abs=1e-12))
            for s in engine]
    rows = run("suggest_partners", actor=A, date=day, within="kabupaten")
    assert [(r["id"], r["shared_partners"]) for r in rows if r["network"]] == [
        (B, ["LSM N"]), (C, ["Dinas G"]), (E, ["LSM N"])]


# -- the server for users -------------------------------------------------------------------


def test_docker_compose_runs_neo4j_5_26_community_with_a_password_a_volume_and_a_healthcheck():
    import yaml

    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    [(name, service)] = compose["services"].items()
    assert service["image"] == "neo4j:5.26-community"
    assert service["environment"]["NEO4J_AUTH"] == "neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}"
    published = {port.rsplit(":", 2)[-1] for port in service["ports"]}
    assert published == {"7474", "7687"}
    volume, target = service["volumes"][0].split(":")
    assert target == "/data" and volume in compose["volumes"]
    check = service["healthcheck"]
    assert "7474" in " ".join(check["test"]) and {"interval", "timeout", "retries"} <= set(check)
    assert service["restart"] in ("always", "unless-stopped")
    text = COMPOSE.read_text(encoding="utf-8")
    assert "export NEO4J_PASSWORD=" in text and "docker compose up -d" in text  # the documented example
