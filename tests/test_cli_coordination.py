"""``jejaring coordination`` through click's runner: exit codes first, then the figures against the library.

The small workspace (Kecamatan Bangun Rejo, seen through Desa Bangun Rejo only):

    pemdes, kades, BPD, PKK, LPM of Bangun Rejo; the camat; an NGO
    2024Q1  rakor   host pemdes  kades, BPD, PKK, LPM
    2024Q2  rakor   host pemdes  kades, PKK
            musdes  host BPD     pemdes, PKK
            forum kades  host camat  kades
    support NGO -> Bangun Rejo since 2024-04-20

so in 2024Q2: 2 meetings held (1 before), 2 coordination meetings, BPD 1/2, PKK 2/2, LPM 0/2
(attended 1/1 in Q1): 2 of 3 institutions came, attendance 3/6 = 50%; one new tie.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.coordination import attendance_rates, coordination, villages_without_meeting
from jejaring.model import Government, Institution, Meeting, Ngo, Tie, VillageHead
from jejaring.store import Batch
from jejaring_cli.app import cli
from jejaring_cli.coordination import CSV_COLUMNS, coordination_command
from jejaring_cli.render import to_json

BR = "18.02.02.2005"

# The app's group with this command added, whether or not the lead has registered it yet.
group = type(cli)(
    name="jejaring",
    callback=cli.callback,
    params=cli.params,
    commands={**cli.commands, "coordination": coordination_command},
)


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(group, list(args), catch_exceptions=False)
    assert (result.exit_code == 0) is ok, result.output
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "bangunrejo"
    run("--lang", "en", "demo", str(folder))
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    def inst(key: str, kind: str) -> Institution:
        return Institution(id=key, name=f"{kind} Bangun Rejo", village=BR, type=kind)

    batch = Batch(
        actors=[
            VillageHead(id="kades", name="Slamet", village=BR),
            inst("pemdes", "pemerintah desa"),
            inst("bpd", "BPD"),
            inst("pkk", "PKK"),
            inst("lpm", "LPM"),
            Government(id="camat", name="Kantor Camat Bangun Rejo", area="18.02.02"),
            Ngo(id="ngo", name="Yayasan Tani", area="18.02"),
        ],
        ties=[Tie(id="t1", kind="support", source="ngo", target=BR, since="2024-04-20")],
        meetings=[
            Meeting(id="q1", type="rakor", date="2024-02-05", village=BR, host="pemdes",
                    attendees=["kades", "bpd", "pkk", "lpm"]),
            Meeting(id="q2a", type="rakor", date="2024-04-10", village=BR, host="pemdes", attendees=["kades", "pkk"]),
            Meeting(id="q2b", type="musdes", date="2024-05-15", village=BR, host="bpd", attendees=["pemdes", "pkk"]),
            Meeting(id="forum", type="forum kades", date="2024-06-20", host="camat", attendees=["camat", "kades"]),
        ],
    )
    folder = tmp_path_factory.mktemp("small") / "ws"
    jejaring.workspace.init(folder, kecamatan="18.02.02", lang="en", templates=False, batch=batch).close()
    return folder


def _row(output: str, first: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(first))
    return re.split(r"\s{2,}", line.strip())


def test_command_and_options_have_help():
    assert coordination_command.help
    assert all(p.help for p in coordination_command.params if isinstance(p, click.Option))


def test_small_table_in_english(small):
    out = run("--lang", "en", "coordination", "-w", str(small), "--village", BR, "--quarter", "2024Q2").output
    assert out.startswith("Quarterly coordination, Q2 2024 (compared with Q1 2024): Desa Bangun Rejo")
    assert _row(out, "Bangun Rejo ") == ["Bangun Rejo", "2", "1", "2", "2/3", "50%"]
    assert "Every village held at least one coordination meeting this quarter." in out
    assert "Institutions with low attendance (below 50%): 1" in out
    assert _row(out, "Bangun Rejo  LPM") == ["Bangun Rejo", "LPM Bangun Rejo", "community empowerment board", "0/2", "1/1"]
    assert _row(out, "2024-06-20") == ["2024-06-20", "village heads' forum", "1 of 1"]
    assert "Tie changes this quarter: 1 new, 0 renewed, 0 ended" in out
    assert _row(out, "new ") == ["new", "support", "Yayasan Tani", "Bangun Rejo", "Bangun Rejo", "2024-04-20"]


def test_small_table_in_indonesian(small):
    out = run("--lang", "id", "coordination", "-w", str(small), "--village", BR, "--quarter", "2024Q2").output
    assert out.startswith("Koordinasi triwulanan, Triwulan II 2024 (dibandingkan dengan Triwulan I 2024)")
    assert "Lembaga dengan kehadiran rendah (di bawah 50%): 1" in out
    assert _row(out, "2024-06-20") == ["2024-06-20", "forum kades", "1 dari 1"]
    assert "Perubahan ikatan pada triwulan ini: 1 baru, 0 diperpanjang, 0 berakhir" in out


def test_low_threshold_option(small):
    out = run("--lang", "en", "coordination", "-w", str(small), "--village", BR, "--quarter", "2024Q2", "--low", "1").output
    assert "Institutions with low attendance (below 100%): 2" in out  # BPD 1/2 and LPM 0/2


def test_default_quarter_is_the_latest_with_meetings(small):
    out = run("--lang", "en", "coordination", "-w", str(small), "--village", BR).output
    assert "Q2 2024 (compared with Q1 2024)" in out
    assert "Showing the latest quarter with meetings on record" in out
    out = run("--lang", "en", "coordination", "-w", str(small), "--village", BR, "--at", "2024-02-20").output
    assert "Q1 2024 (compared with Q4 2023)" in out and "Showing the quarter that holds 2024-02-20." in out


def test_json_is_the_library_report(demo):
    out = run("coordination", "-w", str(demo), "--quarter", "2024Q2", "--format", "json").output
    with jejaring.workspace.open(demo) as ws:
        expected = coordination(ws.network(area="18.02.02"), quarter="2024Q2")
    assert json.loads(out) == json.loads(to_json(asdict(expected)))


def test_csv_has_one_row_per_institution(demo):
    out = run("coordination", "-w", str(demo), "--quarter", "2024Q3", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    with jejaring.workspace.open(demo) as ws:
        expected = attendance_rates(ws.network(area="18.02.02"), quarter="2024Q3")
    assert [(r["institution_id"], int(r["attended"]), int(r["meetings"])) for r in rows] == [
        (a.institution.id, a.attended, a.meetings) for a in expected
    ]
    assert {r["quarter"] for r in rows} == {"2024Q3"}


def test_demo_villages_without_meeting_are_listed(demo):
    with jejaring.workspace.open(demo) as ws:
        net = ws.network(area="18.02.02")
    for quarter in ("2024Q1", "2024Q2", "2024Q3", "2024Q4"):
        missing = villages_without_meeting(net, quarter=quarter)
        out = run("--lang", "en", "coordination", "-w", str(demo), "--quarter", quarter).output
        if missing:
            heading = f"Villages with no coordination meeting this quarter ({len(missing)}):"
            assert out.split(heading)[1].splitlines()[1].strip() == ", ".join(v.name for v in missing)
        else:
            assert "Every village held at least one coordination meeting this quarter." in out


def test_a_bad_quarter_is_one_sentence(demo):
    result = run("--lang", "en", "coordination", "-w", str(demo), "--quarter", "2024Q9", ok=False)
    assert result.output.strip() == 'Error: "2024Q9" is not a quarter; write it like 2024Q2.'
