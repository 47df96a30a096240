"""The ``gaps`` command on the demo workspace, through click's runner: exit codes first, then the
output against the library's report of the same view."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.gap_types import GapType, Severity
from jejaring.analysis.gaps import gaps
from jejaring.i18n import use_lang
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.gaps import COMMANDS, CSV_COLUMNS, gaps_command

AREA = ["--kecamatan", "Bangun Rejo"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gaps") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def run(demo: Path, *args: str, lang: str = "en", ok: bool = True) -> str:
    group = JejaringGroup(commands=COMMANDS)
    with use_lang(lang):
        result = CliRunner().invoke(group, ["gaps", "-w", str(demo), *AREA, *args])
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def library_report(demo: Path, *, at: date | None = None, quarter: str | None = None):
    with jejaring.workspace.open(demo) as ws:
        net = ws.network(area="18.02.02")
    return gaps(net.quarter(quarter), quarter=quarter) if quarter else gaps(net.at(at))


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [gaps_command]
    assert gaps_command.help and all(p.help for p in gaps_command.params if p.opts[0].startswith("-"))


def test_table_reads_as_a_report_in_english(demo):
    out = run(demo, "--at", "2024-12-31")
    assert out.startswith("Collaboration gaps: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung\n")
    assert "Ties in force on 2024-12-31." in out and "Coordination judged for Q4 2024, the quarter of this view." in out
    assert "Partners of each village (✓ at least one, – none):" in out
    report = library_report(demo, at=date(2024, 12, 31))
    for number, kind in enumerate(GapType, 1):
        assert f"{number}. {kind.label('en').upper()} ({len(report.of_type(kind))})" in out
    assert "[high] Mekar Jaya is a desa with no BPD" in out
    assert out.count("→ ") == sum(g.todo is not None for g in report.gaps)


def test_table_in_indonesian(demo):
    out = run(demo, "--at", "2024-12-31", lang="id")
    assert out.startswith("Kesenjangan kerja sama: Kecamatan Bangun Rejo")
    assert "Koordinasi dinilai untuk Triwulan IV 2024" in out and "belum tercatat memiliki BPD" in out
    assert "Mitra tiap desa (✓ ada setidaknya satu, – belum ada):" in out


def test_json_is_the_library_report(demo):
    data = json.loads(run(demo, "--quarter", "2024Q2", "--format", "json", lang="id"))
    report = library_report(demo, quarter="2024Q2")
    assert (data["quarter"], data["quarter_source"], data["period"]) == ("2024Q2", "given", "pada Triwulan II 2024")
    assert [(g["type"], g["code"], g["reason"]) for g in data["gaps"]] == [
        (g.type.value, g.code, g.reason("id")) for g in report.gaps
    ]
    assert data["coverage"] == report.coverage.to_dict()


def test_csv_has_one_row_per_gap(demo):
    rows = list(csv.DictReader(io.StringIO(run(demo, "--at", "2024-12-31", "--format", "csv"))))
    report = library_report(demo, at=date(2024, 12, 31))
    assert len(rows) == len(report.gaps) and tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["reason"] == report.gaps[0].reason("en")


def test_type_severity_and_top_filter_the_report(demo):
    data = json.loads(run(demo, "--at", "2024-12-31", "--format", "json", "--type", "kades",
                          "--type", "kerapuhan jejaring", "--severity", "medium", "--top", "2"))
    with jejaring.workspace.open(demo) as ws:
        net = ws.network(area="18.02.02").at(date(2024, 12, 31))
    expected = gaps(net, top=2).only(types=[GapType.KADES, GapType.FRAGILITY], severity=Severity.MEDIUM)
    assert [(g["type"], g["severity"], g["reason"]) for g in data["gaps"]] == [
        (g.type.value, g.severity.value, g.reason("en")) for g in expected.gaps
    ]
    assert {g["type"] for g in data["gaps"]} == {"kades", "fragility"}
    assert all(g["severity"] != "low" for g in data["gaps"]) and len(data["gaps"]) <= 4


def test_table_with_one_type_leaves_out_the_coverage_matrix(demo):
    out = run(demo, "--at", "2024-12-31", "--type", "fragility")
    assert "1. FRAGILE TIES" in out and "Partners of each village" not in out and "UNMET NEEDS" not in out


def test_unknown_type_is_one_clear_sentence(demo):
    out = run(demo, "--type", "weather", ok=False)
    assert 'Error: --type "weather" is not known; choose one of: coverage (partner coverage)' in out
