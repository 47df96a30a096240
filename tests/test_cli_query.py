"""The ``query`` command through click's runner, on the demo in the real Neo4j 5.26 test server:
exit codes first, then the printed rows against the library's run of the same query.

The module writes the demo through the Neo4j store, and empties the database before it starts
and when it ends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

import neo4j
import pytest
from click.testing import CliRunner
from neo4j_fixture import Neo4jServer

from jejaring import queries, synth
from jejaring.i18n import use_lang
from jejaring.store.neo4j import Neo4jStore
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.query import COMMANDS, _listing, query_command, settings

AREA = synth.DEMO_KECAMATAN
DAY = "31/12/2024"


@pytest.fixture(scope="module")
def server(neo4j_server: Neo4jServer) -> Iterator[Neo4jServer]:  # noqa: F811
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        with Neo4jStore(neo4j_server.url, auth=neo4j_server.auth) as store:
            store.write(synth.demo())
        yield neo4j_server
        driver.execute_query("MATCH (n) DETACH DELETE n")


def invoke(*args: str, lang: str = "en", ok: bool = True, server: Neo4jServer | None = None) -> str:
    """Run ``jejaring --lang LANG query ARGS`` with the login of ``server`` in the environment."""
    group = JejaringGroup(name="jejaring", callback=cli.callback, params=cli.params,
                          commands={c.name: c for c in COMMANDS})
    env = {"NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password} if server else {"NEO4J_PASSWORD": None}
    env |= {"JEJARING_WORKSPACE": None, "JEJARING_NEO4J_CONFIG": "/nonexistent/neo4j.toml"}
    result = CliRunner().invoke(group, ["--lang", lang, "query", *args], env=env)
    assert (result.exit_code == 0) is ok, result.output
    if not ok:
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output  # one sentence
    return result.output


def library(server: Neo4jServer, name: str, **values: object) -> queries.QueryResult:
    query = queries.load(name)
    return queries.run(server.url, query, {p.name: values.get(p.name) for p in query.parameters}, auth=server.auth)


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [query_command]
    assert query_command.help and all(p.help for p in query_command.params if p.opts[0].startswith("-"))


def test_settings_are_name_value_pairs_given_once():
    assert settings(("kinds=ngo,firm", "area = 18.02.02")) == {"kinds": "ngo,firm", "area": "18.02.02"}
    assert settings(("x=",)) == {"x": ""}
    assert "is given twice" in invoke("coverage_gaps", "--param", "area=1", "--param", "area=2", ok=False)
    assert "is not a parameter setting" in invoke("coverage_gaps", "--param", "18.02.02", ok=False)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_list_names_every_query_with_its_summary_and_parameters(lang):
    out = invoke("--list", lang=lang)
    found = [queries.load(name) for name in queries.names()]
    assert out.splitlines()[0] == {
        "en": "Named queries (run one with: jejaring query NAME --param NAME=VALUE):",
        "id": "Kueri bernama (jalankan dengan: jejaring query NAMA --param NAMA=NILAI):",
    }[lang]
    for query in found:
        assert f"\n{query.name}\n  {query.summary(lang)[:60]}" in out
    assert {"en": "parameters: area (text), quarter (text)", "id": "parameter: area (teks), quarter (teks)"}[lang] in out
    listed = json.loads(invoke("--list", "--format", "json", lang=lang))
    assert [q["name"] for q in listed] == queries.names()
    coverage = next(q for q in listed if q["name"] == "coverage_gaps")
    assert [(p["name"], p["type"], p["optional"]) for p in coverage["parameters"]] == [
        ("area", "string", False), ("date", "date", True)]
    rows = list(csv.DictReader(io.StringIO(invoke("--list", "--format", "csv", lang=lang))))
    assert [r["name"] for r in rows] == queries.names()


def test_a_query_without_parameters_is_listed_as_such():
    with use_lang("id"):
        listed = _listing([queries.parse("semua", "// Summary: All.\n// Ringkasan: Semua.\nRETURN 1 AS n")], "table")
    assert listed.splitlines()[2:] == ["semua", "  Semua.", "  parameter: tidak ada"]


def test_show_prints_the_cypher_to_paste_into_neo4j_browser():
    out = invoke("unmet_needs", "--show")
    assert out.rstrip("\n") == queries.load("unmet_needs").text.rstrip()
    assert "// :param area => '18.02.02'" in out


def test_a_query_prints_its_rows_as_a_table_json_or_csv(server: Neo4jServer):
    day = date(2024, 12, 31)
    expected = library(server, "coverage_gaps", area=AREA, date=day)
    args = ("coverage_gaps", "-w", server.url, "--param", f"area={AREA}", "--param", f"date={DAY}")
    out = invoke(*args, server=server)
    lines = out.splitlines()
    assert expected.columns == ("village", "name", "ngo", "firm", "university", "government", "villages",
                                "missing", "severity")
    assert lines[0].split() == ["village", "name", "NGOs", "firms", "universities", "government", "villages",
                                "missing", "severity"]
    first = expected.rows[0]
    assert first["missing"] == ["ngo", "firm", "university", "village"] and first["severity"] == "medium"
    assert lines[2].startswith(f"{first['village']}  {first['name']}")
    assert lines[2].endswith("NGO; firm; university; other village  medium")
    assert lines[-1] == f"Rows: {len(expected.rows)}."
    out = invoke(*args, lang="id", server=server)
    assert out.splitlines()[0].split()[:3] == ["desa", "nama", "LSM"]
    assert out.splitlines()[2].endswith("LSM/ormas; perusahaan; perguruan tinggi; desa l…  sedang")
    assert json.loads(invoke(*args, "--format", "json", server=server)) == expected.rows
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv", server=server))))
    assert [r["village"] for r in rows] == [r["village"] for r in expected.rows]
    assert rows[0]["missing"] == "; ".join(first["missing"])


def test_numbers_read_in_the_language_of_the_user(server: Neo4jServer):
    args = ("quarterly_meetings", "-w", server.url, "--param", f"area={AREA}.2003", "--param", "quarter=2024Q2")
    [row] = library(server, "quarterly_meetings", area=f"{AREA}.2003", quarter="2024Q2").rows
    assert row["attendance_rate"] == 6 / 7
    assert " 0.8571\n" in invoke(*args, server=server)
    out = invoke(*args, lang="id", server=server)
    assert " 0,8571\n" in out and out.rstrip().endswith("Jumlah baris: 1.")
    assert json.loads(invoke(*args, "--format", "json", lang="id", server=server))[0]["attendance_rate"] == 6 / 7


def test_suggestions_from_the_command_are_the_librarys(server: Neo4jServer):
    out = invoke("suggest_partners", "-w", server.url, "--param", f"actor={AREA}.2005", "--param", f"date={DAY}",
                 "--param", "top=3", "--param", "within=kecamatan", "--format", "json", server=server)
    expected = library(server, "suggest_partners", actor=f"{AREA}.2005", date=date(2024, 12, 31), top=3,
                       within="kecamatan")
    assert json.loads(out) == expected.rows and len(expected.rows) == 3


def test_no_rows_is_said_so(server: Neo4jServer):
    args = ("coverage_gaps", "-w", server.url, "--param", "area=35.07")
    assert invoke(*args, server=server) == "No rows.\n"
    assert invoke(*args, lang="id", server=server) == "Tidak ada baris.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Error: Name the query to run, e.g. jejaring query coverage_gaps --param area=18.02.02"),
        (("coverage_gap",), 'Error: There is no named query "coverage_gap"; did you mean coverage_gaps?'),
        (("coverage_gaps", "-w", "bolt://127.0.0.1:7687"),
         "Error: The query coverage_gaps needs the parameter area (text): the Kemendagri code of the area"),
        (("coverage_gaps", "--param", "area=18.02.02", "--param", "date=2024-13-01"),
         'Error: The value "2024-13-01" of the parameter date is not a date written dd/mm/yyyy or yyyy-mm-dd.'),
        (("suggest_partners", "--param", "actor=x", "--param", "within=desa"),
         'Error: The value "desa" of the parameter within is not one of kecamatan, kabupaten, province, all.'),
        (("coverage_gaps", "--param", "area=18.02.02"),
         'Error: Named queries run on a Neo4j server; give its address with -w bolt://host:7687'),
        (("coverage_gaps", "-w", "bolt://127.0.0.1:1", "--param", "area=18.02.02"),
         "Error: Cannot reach the Neo4j server at bolt://127.0.0.1:1; check that it is running"),
    ],
)
def test_mistakes_are_one_sentence_and_exit_1(args, message):
    assert invoke(*args, ok=False).startswith(message)


def test_mistakes_read_in_indonesian_too(server: Neo4jServer):
    out = invoke("coverage_gaps", "-w", server.url, lang="id", ok=False)
    assert out.startswith("Kesalahan: Kueri coverage_gaps memerlukan parameter area (teks): ")
    wrong = Neo4jServer(server.url, server.user, server.password + "-not")
    out = invoke("coverage_gaps", "-w", server.url, "--param", "area=18.02.02", lang="id", ok=False, server=wrong)
    assert out.startswith(f'Kesalahan: Server Neo4j di {server.url} menolak login pengguna "neo4j"; ')
    assert wrong.password not in out
