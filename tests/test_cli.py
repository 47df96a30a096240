"""The command line, through click's runner: exit codes first, then the effect through the library."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.i18n import catalogue
from jejaring.vocab import ActorKind
from jejaring_cli.app import cli

BANGUN_REJO = "18.02.02.2005"


def run(*args: str, ok: bool = True, env: dict[str, str] | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert (result.exit_code == 0) is ok, result.output
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "bangunrejo"
    run("--lang", "en", "demo", str(folder))
    return folder


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "ws"
    run("--lang", "en", "init", str(folder), "--kecamatan", "18.02.02")
    return folder


def commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize(("name", "command"), list(commands(cli)), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_help(name, command):
    assert command.help, name
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts}"
    assert name.split()[0] in Path(__file__).parents[1].joinpath("README.md").read_text()


def test_help_texts_exist_in_both_languages():
    help_keys = [k for k in catalogue("en") if k.startswith("cli.") and (k.endswith("help") or ".opt" in k)]
    assert help_keys and all(catalogue("id")[k] != catalogue("en")[k] for k in help_keys)


def test_init_by_name_creates_villages_and_templates(tmp_path):
    folder = tmp_path / "bangunrejo"
    result = run("--lang", "en", "init", str(folder), "--kecamatan", "bangun rejo")
    assert "Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung (18.02.02)" in result.output
    assert "17 villages" in result.output
    with jejaring.workspace.open(folder) as ws:
        villages = ws.store.actors(kinds=[ActorKind.VILLAGE])
        assert len(villages) == 17 and villages[4].code == BANGUN_REJO and villages[4].name == "Bangun Rejo"
    assert sorted(p.name for p in (folder / "templates").iterdir()) == [
        "actors.csv",
        "meetings.csv",
        "template.xlsx",
        "ties.csv",
    ]


def test_init_templates_import_cleanly(empty):
    templates = sorted(str(p) for p in (empty / "templates").glob("*.csv"))
    result = run("--lang", "en", "import", *templates, "-w", str(empty))
    assert "Actors: 1 added, 0 updated, 0 unchanged" in result.output
    again = run("--lang", "en", "import", *templates, "-w", str(empty))
    assert "Actors: 0 added, 0 updated, 1 unchanged" in again.output
    assert "Ties: 0 added, 0 updated, 1 unchanged" in again.output


def test_init_with_an_ambiguous_name_lists_candidates_with_their_kabupaten(tmp_path):
    result = run("--lang", "en", "init", str(tmp_path / "ws"), "--kecamatan", "Karanganyar", ok=False)
    assert "give the code" in result.output
    assert "33.03.11  Kecamatan Karanganyar (Kabupaten Purbalingga, Jawa Tengah)" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "ws").exists()


def test_init_refuses_a_folder_in_use(empty):
    result = run("--lang", "en", "init", str(empty), "--kecamatan", "18.02.02", ok=False)
    assert f"The folder {empty} already exists and is not empty" in result.output


def test_a_missing_workspace_is_named(tmp_path):
    result = run("--lang", "id", "ls", "actors", "-w", str(tmp_path / "nowhere"), ok=False)
    assert f"Tidak ada ruang kerja di {tmp_path / 'nowhere'}" in result.output


def test_import_errors_are_located_and_nothing_is_written(empty, tmp_path):
    bad = tmp_path / "aktor.csv"
    bad.write_text(
        "id;jenis;nama;kode desa\nkades-1;kades;Sutrisno;18.02.02.2005\nkades-2;kades;Wagiman;18.02.02.9999\n",
        encoding="utf-8",
    )
    result = run("--lang", "en", "import", str(bad), "-w", str(empty), ok=False)
    assert "aktor.csv:3:kode desa:" in result.output
    with jejaring.workspace.open(empty) as ws:
        assert ws.store.counts().get("village_head", 0) == 0


def test_ls_actors_formats(demo):
    table = run("--lang", "en", "ls", "actors", "-w", str(demo), "--kind", "desa").output
    assert table.splitlines()[0].split() == ["ID", "Kind", "Name", "Area"]
    assert len(table.splitlines()) == 2 + 17
    records = json.loads(run("ls", "actors", "-w", str(demo), "--kind", "village", "--format", "json").output)
    assert len(records) == 17 and records[4]["code"] == BANGUN_REJO and records[4]["kind"] == "village"
    rows = list(csv.DictReader(io.StringIO(run("ls", "actors", "-w", str(demo), "--format", "csv").output)))
    with jejaring.workspace.open(demo) as ws:
        assert [r["id"] for r in rows] == [a.id for a in ws.store.actors()]


def test_ls_actors_of_one_village(demo):
    records = json.loads(
        run("ls", "actors", "-w", str(demo), "--village", "Bangun Rejo", "--format", "json").output
    )
    with jejaring.workspace.open(demo) as ws:
        expected = ws.store.actors(area=BANGUN_REJO)
    assert [r["id"] for r in records] == [a.id for a in expected]
    assert {r["kind"] for r in records} >= {"village", "village_head", "institution"}


def test_personal_data_only_on_request(empty, tmp_path):
    sheet = tmp_path / "kades.csv"
    sheet.write_text(
        "id,kind,name,village,phone\nkades-1,kades,Sutrisno,18.02.02.2005,0812 3456 7890\n", encoding="utf-8"
    )
    run("import", str(sheet), "-w", str(empty))
    plain = json.loads(run("ls", "actors", "-w", str(empty), "--kind", "kades", "--format", "json").output)
    assert plain[0]["name"] == "Sutrisno" and plain[0]["phone"] is None
    assert "0812" not in run("show", "kades-1", "-w", str(empty)).output
    full = json.loads(
        run("ls", "actors", "-w", str(empty), "--kind", "kades", "--format", "json", "--include-contacts").output
    )
    assert full[0]["phone"] == "0812 3456 7890"


def test_ls_ties_at_a_date_matches_the_store(demo):
    from datetime import date

    records = json.loads(
        run("ls", "ties", "-w", str(demo), "--kind", "kerja sama", "--at", "30/06/2024", "--format", "json").output
    )
    with jejaring.workspace.open(demo) as ws:
        expected = [t for t in ws.store.ties() if t.kind.value == "partnership" and t.in_force(date(2024, 6, 30))]
    assert [r["id"] for r in records] == [t.id for t in expected] and expected


def test_ls_meetings_of_a_quarter(demo):
    records = json.loads(run("ls", "meetings", "-w", str(demo), "--quarter", "2024Q2", "--format", "json").output)
    assert records and all("2024-04-01" <= r["date"] < "2024-07-01" for r in records)
    result = run("--lang", "en", "ls", "meetings", "-w", str(demo), "--quarter", "2024Q9", ok=False)
    assert '"2024Q9" is not a quarter' in result.output


def test_bad_option_values_are_one_sentence(demo):
    result = run("--lang", "en", "ls", "actors", "-w", str(demo), "--kind", "alien", ok=False)
    assert 'Error: --kind "alien" is not known; choose one of: village, village_head' in result.output
    result = run("--lang", "en", "ls", "ties", "-w", str(demo), "--at", "31/02/2024", ok=False)
    assert '"31/02/2024" is not a date' in result.output


def test_show_by_name_lists_ties_in_the_chosen_language(demo):
    english = run("--lang", "en", "show", "Bangun Rejo", "-w", str(demo)).output
    assert english.startswith(f"Bangun Rejo (desa (village), {BANGUN_REJO})")
    assert "leadership" in english and "development status:" in english
    indonesian = run("--lang", "id", "show", "bangunrejo", "-w", str(demo)).output
    assert "memimpin" in indonesian and "status desa:" in indonesian
    payload = json.loads(run("show", BANGUN_REJO, "-w", str(demo), "--format", "json").output)
    with jejaring.workspace.open(demo) as ws:
        assert [t["id"] for t in payload["ties"]] == [t.id for t in ws.store.ties(actor=BANGUN_REJO)]


def test_show_unknown_and_ambiguous(demo):
    assert 'No actor has the id or name "Atlantis"' in run("--lang", "en", "show", "Atlantis", "-w", str(demo), ok=False).output
    ambiguous = run("--lang", "en", "show", "BPD", "-w", str(demo), ok=False).output
    assert "fits several actors" in ambiguous and "syn-inst-18.02.02.2005-bpd" in ambiguous


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graph_formats_open_in_networkx(demo, tmp_path, fmt):
    out = tmp_path / f"net.{fmt}"
    run("--lang", "en", "export", "-w", str(demo), "--format", fmt, "--out", str(out))
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    with jejaring.workspace.open(demo) as ws:
        counts = ws.store.counts()
    assert graph.number_of_nodes() == sum(v for k, v in counts.items() if k not in ("ties", "meetings"))
    assert graph.number_of_edges() == counts["ties"]


def test_export_csv_reimports_into_a_fresh_workspace(demo, tmp_path):
    out = tmp_path / "csv"
    run("export", "-w", str(demo), "--format", "csv", "--out", str(out))
    fresh = tmp_path / "fresh"
    run("init", str(fresh), "--kecamatan", "18.02.02")
    run("import", *sorted(str(p) for p in out.glob("*.csv")), "-w", str(fresh))
    with jejaring.workspace.open(demo) as a, jejaring.workspace.open(fresh) as b:
        assert a.store.ties() == b.store.ties() and a.store.meetings() == b.store.meetings()
        assert [x.id for x in a.store.actors()] == [x.id for x in b.store.actors()]


def test_demo_prints_a_summary_and_says_it_is_synthetic(demo):
    with jejaring.workspace.open(demo) as ws:
        counts = ws.store.counts()
        assert ws.kecamatan.code == "18.02.02"
    assert counts["village"] == 17 and counts["village_head"] == 17


def test_demo_output_in_indonesian(tmp_path):
    result = run("--lang", "id", "demo", str(tmp_path / "contoh"))
    assert "data sintetis ilustratif" in result.output
    assert "Aktor: " in result.output and "Rapat dari 2024-" in result.output


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from jejaring_cli.main import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_lang_anywhere_on_the_line_and_from_the_environment(tmp_path):
    assert "Buat ruang kerja" in _cli("init", "--help", "--lang", "id").stdout
    assert "Create a workspace" in _cli("init", "--help", env={"JEJARING_LANG": "en", "PATH": ""}).stdout
    assert "Buat ruang kerja" in _cli("init", "--help", env={"LANG": "id_ID.UTF-8", "PATH": ""}).stdout


def test_failures_exit_non_zero_without_traceback(tmp_path):
    result = _cli("ls", "actors", "-w", str(tmp_path / "nowhere"), "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f'Error: There is no workspace at {tmp_path / "nowhere"}; create one with "jejaring init {tmp_path / "nowhere"} --kecamatan NAME" or pass -w with the right folder.'


def test_readme_demo_command_end_to_end(tmp_path):
    """`make demo`, as the README says, in a subprocess (with this test run's environment)."""
    repo = Path(__file__).parents[1]
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "-C", str(repo), "demo", f"VENV={venv}", f"DEMO={tmp_path / 'demo'}"],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "JEJARING_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    assert "illustrative synthetic data" in result.stdout
    assert "Collaboration gaps: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung" in result.stdout
    assert "Mekar Jaya is a desa with no BPD" in result.stdout
    with jejaring.workspace.open(tmp_path / "demo") as ws:
        assert ws.store.counts()["village"] == 17


def test_help_imports_no_heavy_library():
    """`jejaring --help` stays instant: building the commands imports none of the heavy libraries."""
    code = (
        "import sys; from jejaring_cli.app import cli; "
        "print(sorted(m for m in ('networkx', 'pydantic', 'matplotlib', 'neo4j', 'openpyxl', 'scipy', 'numpy') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
