"""jejaring evaluate, through click's runner on a group with the real global options."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.evaluate import TEMPORAL_METHODS, temporal_evaluation
from jejaring.analysis.linkpred import INDICES
from jejaring.i18n import catalogue
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.evaluate import COMMANDS, evaluate_command
from jejaring_cli.suggest import load_network

# The command as the lead will register it: the app's --lang/--debug and error handling.
group = JejaringGroup(
    name="jejaring", callback=cli.callback, params=cli.params, commands={c.name: c for c in COMMANDS}
)


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(group, list(args), catch_exceptions=False)
    assert (result.exit_code == 0) is ok, result.output
    return result


@pytest.fixture
def cliques(tmp_path) -> Path:
    """Two separate cliques a1..a4, b1..b4 as an edge list (see tests/test_evaluate.py)."""
    file = tmp_path / "cliques.txt"
    lines = [f"{side}{i} {side}{j}" for side in "ab" for i in range(1, 5) for j in range(i + 1, 5)]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def test_resource_allocation_on_usair_reproduces_the_published_auc():
    """Zhang and Chen (NeurIPS 2018) report AUC 0.9577 for resource allocation on USAir."""
    figures = json.loads(run("evaluate", "--edges", "usair", "--format", "json").output)
    assert set(figures) == set(INDICES)
    ra = figures["resource_allocation"]
    assert ra["auc"] == pytest.approx(0.9577, abs=0.01)
    assert (ra["auc_method"], ra["splits"], ra["probe_edges"]) == ("exact", 10, 212)
    assert {"auc", "auc_std", "precision", "precision_std"} <= ra.keys()


def test_json_maps_each_index_to_its_figures(cliques):
    figures = json.loads(run("evaluate", "--edges", str(cliques), "--splits", "3", "--format", "json").output)
    assert figures["common_neighbours"] == {
        "auc": 1.0,
        "auc_std": 0.0,
        "precision": 1.0,
        "precision_std": 0.0,
        "auc_method": "exact",
        "auc_samples": None,
        "splits": 3,
        "probe_edges": 1,
        "non_edges": 16,
    }
    assert (figures["preferential_attachment"]["auc"], figures["preferential_attachment"]["precision"]) == (0.0, 0.0)


def test_options_reach_the_protocol(cliques):
    options = ["--probe", "0.2", "--splits", "2", "--seed", "9", "--auc-samples", "500", "--format", "json"]
    figures = json.loads(run("evaluate", "--edges", str(cliques), *options).output)
    ra = figures["resource_allocation"]
    assert (ra["probe_edges"], ra["splits"], ra["auc_method"], ra["auc_samples"]) == (2, 2, "sampled", 500)


def test_csv_has_a_row_per_index(cliques):
    rows = list(csv.DictReader(io.StringIO(run("evaluate", "--edges", str(cliques), "--format", "csv").output)))
    assert [row["index"] for row in rows] == list(INDICES)
    assert rows[0]["auc"] == "1.0" and rows[2]["auc"] == "0.0"


def test_table_in_english(cliques):
    out = run("--lang", "en", "evaluate", "--edges", str(cliques), "--probe", "0.2").output
    assert out.startswith("cliques: 8 nodes, 12 edges.\n")
    assert "10 random splits (seed 0), each hiding 2 edges (20%)" in out
    assert "each of the 16 pairs that are not edges" in out
    assert "Resource allocation      1.0000  0.0000  1.0000     0.0000" in out
    assert out.splitlines()[6].split() == ["Index", "AUC", "±", "sd", "Precision", "±", "sd"]


def test_table_in_indonesian():
    out = run("--lang", "id", "evaluate", "--edges", "Celegans", "--splits", "2").output
    assert out.startswith("Celegans: 297 simpul, 2.148 sisi.\n")  # Indonesian digit grouping
    assert "41.808 pasangan yang tidak terhubung" in out
    line = next(line for line in out.splitlines() if line.startswith("Alokasi sumber daya"))
    assert line.split()[3].startswith("0,")  # decimal comma


def test_bad_input_is_one_sentence(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("1 2\n3\n", encoding="utf-8")
    out = run("--lang", "en", "evaluate", "--edges", str(broken), ok=False).output
    assert f"{broken}, line 2:" in out and "Traceback" not in out
    out = run("--lang", "id", "evaluate", "--edges", "karate", ok=False).output
    assert 'Tidak ada berkas "karate"' in out and "usair, celegans" in out
    assert run("evaluate", "--edges", "usair", "--probe", "1.5", ok=False).exit_code == 2
    assert run("evaluate", ok=False).exit_code == 2  # one of --edges and --cutoff is needed


def test_help_names_both_modes():
    # Help texts are looked up when the command is built, in the language of the process.
    assert evaluate_command.help in {catalogue("en")["cli_evaluate.help"], catalogue("id")["cli_evaluate.help"]}
    assert "With --edges" in catalogue("en")["cli_evaluate.help"]
    assert "With --cutoff on a workspace (-w)" in catalogue("en")["cli_evaluate.help"]
    assert "Dengan --cutoff pada ruang kerja (-w)" in catalogue("id")["cli_evaluate.help"]
    assert all(option.help for option in evaluate_command.params)


# --- the split in time, on the demo workspace ------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("evaluate") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def library_figures(demo: Path, cutoff: str, **options):
    with jejaring.workspace.open(demo) as ws:
        net = load_network(ws, "18.02")
    return temporal_evaluation(net, date.fromisoformat(cutoff), area="18.02.02", **options)


def test_cutoff_json_maps_each_method_to_the_library_figures(demo):
    figures = json.loads(run("evaluate", "--cutoff", "2024-01-01", "-w", str(demo), "--format", "json").output)
    assert list(figures) == list(TEMPORAL_METHODS)
    expected = library_figures(demo, "2024-01-01")
    for name, f in expected.items():
        assert figures[name] == asdict(f)
    assert figures["random"]["auc"] == 0.5 and figures["suggest"]["k"] == 10
    assert figures["suggest"]["actors"] > 0 and figures["suggest"]["new_partners"] >= figures["suggest"]["actors"]


def test_cutoff_options_reach_the_protocol(demo):
    args = ["--cutoff", "01/01/2024", "-w", str(demo), "--top", "5", "--within", "kecamatan", "--format", "json"]
    figures = json.loads(run("evaluate", *args).output)
    assert figures == {n: asdict(f) for n, f in library_figures(demo, "2024-01-01", k=5, within="kecamatan").items()}
    rows = list(csv.DictReader(io.StringIO(run("evaluate", "--cutoff", "2024-01-01", "-w", str(demo),
                                                "--kecamatan", "Bangun Rejo", "--format", "csv").output)))
    assert [row["method"] for row in rows] == list(TEMPORAL_METHODS)


def test_cutoff_table_in_both_languages(demo):
    out = run("--lang", "en", "evaluate", "--cutoff", "2024-01-01", "-w", str(demo)).output
    f = library_figures(demo, "2024-01-01")
    assert out.startswith("Partner suggestions judged over time: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah")
    assert "ties in force on 2023-12-31, the day before the cut-off" in out
    assert f"{f['suggest'].actors} villages gained {f['suggest'].new_partners} new partners" in out
    line = next(line for line in out.splitlines() if line.startswith("Random order"))
    assert line.split()[2:] == [f"{f['random'].precision:.4f}", f"{f['random'].recall:.4f}",
                                f"{f['random'].mrr:.4f}", "0.5000"]
    out = run("--lang", "id", "evaluate", "--cutoff", "2024-01-01", "-w", str(demo)).output
    assert "Saran mitra dinilai menurut waktu" in out and "Angka-angka ini" in out
    assert next(line for line in out.splitlines() if line.startswith("Urutan acak")).endswith("0,5000")


def test_exactly_one_mode_and_its_own_options(demo, cliques):
    both = run("--lang", "en", "evaluate", "--edges", str(cliques), "--cutoff", "2024-01-01", "-w", str(demo), ok=False)
    assert both.exit_code == 2 and "either --edges" in both.output
    assert "--splits does not apply with --cutoff" in run(
        "--lang", "en", "evaluate", "--cutoff", "2024-01-01", "-w", str(demo), "--splits", "3", ok=False).output
    assert "--top does not apply with --edges" in run(
        "--lang", "en", "evaluate", "--edges", str(cliques), "--top", "3", ok=False).output
    late = run("--lang", "en", "evaluate", "--cutoff", "2031-01-01", "-w", str(demo), ok=False)
    assert late.exit_code == 1 and "No village gained a new partner" in late.output
