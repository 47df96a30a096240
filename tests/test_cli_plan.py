"""The ``plan`` command on the demo workspace, through click's runner: exit codes first, then the
output against the library's plan of the same view."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.plan import Term, Weights, plan
from jejaring.i18n import use_lang
from jejaring.vocab import ActorKind
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.plan import COMMANDS, CSV_COLUMNS, plan_command

AREA = ["--kecamatan", "Bangun Rejo", "--at", "2024-12-31"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plan") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def run(demo: Path, *args: str, lang: str = "en", ok: bool = True) -> str:
    with use_lang(lang):
        result = CliRunner().invoke(JejaringGroup(commands=COMMANDS), ["plan", "-w", str(demo), *AREA, *args])
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def library_plan(demo: Path, budget: int = 5, weights: Weights | None = None):
    with jejaring.workspace.open(demo) as ws:
        net = ws.network(area="18.02.02").at(date(2024, 12, 31))
        organisations = ws.store.actors(kinds=[ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY,
                                               ActorKind.GOVERNMENT])
    return plan(net, budget=budget, weights=weights, partners=organisations)


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [plan_command]
    assert plan_command.help and all(p.help for p in plan_command.params if p.opts[0].startswith("-"))


def test_table_states_the_objective_the_steps_and_the_totals_in_english(demo):
    out = run(demo)
    expected = library_plan(demo)
    assert out.startswith("Plan of new ties: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung\n"
                          "Ties in force on 2024-12-31.\n")
    text = " ".join(out.split())  # undo the wrapping
    assert ("Score = 1 × needs met (each × 1.5 in a sangat tertinggal village down to × 0.5 in a mandiri one) + "
            "1 × villages in inter-village cooperation + 1 × partner kinds filled") in text
    assert len(expected.steps) == 5
    for step in expected.steps:
        with use_lang("en"):
            head = f"{step.number}. {step.tie.describe().render()}: closes: {step.closes[0].why.render()}"
        assert head in text and f"gain +{step.gain:g}" in text
    assert f"Score: {expected.before.total:g} → {expected.after.total:g} (+{expected.gain:g})" in out
    assert "villages in inter-village cooperation  1       8 of 17" in out


def test_table_reads_in_indonesian_with_decimal_commas(demo):
    out = run(demo, lang="id")
    text = " ".join(out.split())
    assert out.startswith("Rencana ikatan baru: Kecamatan Bangun Rejo")
    assert "Skor = 1 × kebutuhan terpenuhi (masing-masing × 1,5 di desa sangat tertinggal" in text
    assert "1. Sido Rejo ↔ Sinar Luas (desa lain): menutup: Sido Rejo mulai bekerja sama dengan desa lain" in text
    assert "tambahan skor +3,25" in text and "Sebelum dan sesudah rencana:" in out
    assert "→ Sepakati dalam musyawarah antar desa Sido Rejo dan Sinar Luas" in text


def test_json_is_the_library_plan(demo):
    data = json.loads(run(demo, "--format", "json", "--budget", "3"))
    with use_lang("en"):
        assert data == json.loads(json.dumps(library_plan(demo, budget=3).to_dict("en")))
    assert [s["number"] for s in data["steps"]] == [1, 2, 3]
    assert data["after"]["total"] == pytest.approx(data["before"]["total"] + sum(s["gain"] for s in data["steps"]))


def test_csv_has_one_row_per_step(demo):
    rows = list(csv.DictReader(io.StringIO(run(demo, "--format", "csv"))))
    expected = library_plan(demo)
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(expected.steps)
    for row, step in zip(rows, expected.steps, strict=True):
        assert (row["step"], row["village_id"], row["partner_id"]) == (str(step.number), step.tie.village.id,
                                                                        step.tie.partner.id)
        assert float(row["gain"]) == pytest.approx(step.gain)
        assert row["terms"] == "; ".join(c.term.value for c in step.closes)


def test_weights_change_the_plan(demo):
    rows = list(csv.DictReader(io.StringIO(run(demo, "--format", "csv", "--budget", "1", "--weights", "kind=3"))))
    expected = library_plan(demo, budget=1, weights=Weights(kind=3)).steps[0]
    assert rows[0]["partner_id"] == expected.tie.partner.id and Term.KIND.value in rows[0]["terms"]
    assert rows[0]["partner_id"] != library_plan(demo, budget=1).steps[0].tie.partner.id


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--weights", "trust=2"], 'Error: "trust" is not a weight of the plan; choose from: need, connect, kind,'),
     (["--weights", "need=-1"], "Error: The weight need=-1 is not a number of zero or more."),
     (["--budget", "0"], "Invalid value for '--budget'")],
)
def test_bad_options_fail_in_one_sentence(demo, args, message):
    out = run(demo, *args, ok=False)
    assert message in out and "Traceback" not in out
