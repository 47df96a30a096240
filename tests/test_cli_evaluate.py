"""jejaring evaluate, through click's runner on a group with the real global options."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.analysis.linkpred import INDICES
from jejaring.i18n import catalogue
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.evaluate import COMMANDS, evaluate_command

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
    assert run("evaluate", ok=False).exit_code == 2  # --edges is required, for now the only source


def test_help_says_the_edge_list_is_the_only_mode():
    # Help texts are looked up when the command is built, in the language of the process.
    assert evaluate_command.help in {catalogue("en")["cli_evaluate.help"], catalogue("id")["cli_evaluate.help"]}
    assert "For now the network is given only as an edge list, with --edges" in catalogue("en")["cli_evaluate.help"]
    assert "hanya dapat diberikan sebagai daftar sisi, dengan --edges" in catalogue("id")["cli_evaluate.help"]
    assert all(option.help for option in evaluate_command.params)
