"""``jejaring stats`` through click's runner: a hand-checkable workspace, then the demo against the library."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields

import click
import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring import synth
from jejaring.analysis.structure import ActorMeasures, structure
from jejaring.i18n import catalogue, use_lang
from jejaring.model import Tie
from jejaring.store.base import Batch
from jejaring_cli.app import JejaringGroup
from jejaring_cli.options import scoped_network
from jejaring_cli.render import to_json
from jejaring_cli.stats import stats_command

BANGUN_REJO, SIDO_MULYO = "18.02.02.2005", "18.02.02.2007"

app = JejaringGroup("jejaring", commands=[stats_command])


def run(*args: str, lang: str = "en", ok: bool = True) -> str:
    with use_lang(lang):
        result = CliRunner().invoke(app, ["stats", *args], catch_exceptions=False)
    assert (result.exit_code == 0) is ok, result.output
    return result.output


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The 17 villages of Bangun Rejo, only two of them partners since 2024:

        Bangun Rejo ══ Sido Mulyo        (15 other villages, no ties)
    """
    folder = tmp_path_factory.mktemp("pair") / "ws"
    tie = Tie(kind="partnership", source=BANGUN_REJO, target=SIDO_MULYO, since="2024-01-01")
    jejaring.workspace.init(folder, kecamatan="18.02.02", lang="en", templates=False, batch=Batch(ties=[tie])).close()
    return str(folder)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "ws"
    batch = synth.demo()
    jejaring.workspace.init(folder, kecamatan=synth.DEMO_KECAMATAN, lang="en", templates=False, batch=batch).close()
    with jejaring.workspace.open(folder) as ws:
        result = structure(scoped_network(ws, quarter="2024Q2"))
    return str(folder), result


def test_hand_checkable_workspace(pair):
    """17 villages, one cooperating pair: density 1/136; the pair's link is a bridge, and of two
    equal halves the one without the lowest code (Sido Mulyo) is the one cut off."""
    text = run("-w", pair, "--at", "2024-06-01")
    assert "Villages: 17; cooperating pairs: 1; density: 0.01" in text
    assert "1. 2 villages: Bangun Rejo, Sido Mulyo" in text
    assert "Villages without cooperation (15):" in text
    assert "Bangun Rejo – Sido Mulyo  1     1                 Sido Mulyo" in text
    assert "Villages whose loss" not in text  # a pair has no cut point


def test_before_the_partnership_nobody_cooperates(pair):
    text = run("-w", pair, "--at", "2023-12-31")
    assert "cooperating pairs: 0" in text and "Villages without cooperation (17):" in text
    assert "None: no single village or link holds the cooperation between villages together." in text
    assert "No actor stands between two others who are not tied." in text


def test_report_sections_in_english(demo):
    folder, result = demo
    text = run("-w", folder, "--quarter", "2024Q2")
    headings = ["SIZE", "COOPERATION BETWEEN VILLAGES", "CENTRAL ACTORS", "BROKERS", "SINGLE POINTS OF FAILURE",
                "COMMUNITIES", "CORE"]
    positions = [text.index(f"\n{h}\n") for h in headings]
    assert positions == sorted(positions)
    assert "Ties in force during Q2 2024." in text
    assert f"Actors: {len(result.actors)} (" in text
    assert f"density: {result.cooperation.density:.2f}" in text
    for isolate in result.cooperation.isolates:
        assert isolate.name in text
    broker = result.brokers[0]
    assert broker.name in text.split("\nBROKERS\n")[1]
    assert f"Main core (k = {result.main_core}): {len(result.main_core_members)} actors" in text


def test_report_in_indonesian_uses_labels_and_decimal_commas(demo):
    folder, result = demo
    text = run("-w", folder, "--quarter", "2024Q2", lang="id")
    assert "Ikatan yang berlaku selama Triwulan II 2024." in text
    assert "KERJA SAMA ANTAR DESA" in text and "TITIK RAWAN TUNGGAL" in text
    assert f"kepadatan: {result.cooperation.density:.2f}".replace(".", ",") in text
    assert "lembaga desa" in text and "institution" not in text


def test_json_is_the_structure(demo):
    folder, result = demo
    data = json.loads(run("-w", folder, "--quarter", "2024Q2", "--format", "json"))
    assert data == json.loads(to_json(result.to_dict()))


def test_csv_has_one_row_per_actor_with_every_measure(demo):
    folder, result = demo
    rows = list(csv.DictReader(io.StringIO(run("-w", folder, "--quarter", "2024Q2", "--format", "csv"))))
    assert list(rows[0]) == [f.name for f in fields(ActorMeasures)]
    assert [r["id"] for r in rows] == [m.id for m in result.actors]
    assert [int(r["degree"]) for r in rows] == [m.degree for m in result.actors]
    assert [int(r["brokerage"]) for r in rows] == [m.brokerage for m in result.actors]


def test_groups_and_top_options(demo):
    folder, _ = demo
    data = json.loads(run("-w", folder, "--quarter", "2024Q2", "--groups", "kind", "--top", "3", "--format", "json"))
    assert data["groups"] == "kind" and len(data["top_degree"]) == 3 and len(data["brokers"]) <= 3
    assert "Brokers' groups: kinds of actor." in run("-w", folder, "--quarter", "2024Q2", "--groups", "kind")


def test_bad_quarter_is_one_sentence(demo):
    folder, _ = demo
    text = run("-w", folder, "--quarter", "2024Q9", ok=False)
    assert '"2024Q9" is not a quarter' in text and "Traceback" not in text


def test_help_of_the_command_and_its_options_in_both_languages():
    assert stats_command.help
    assert all(p.help for p in stats_command.params if isinstance(p, click.Option))
    keys = [k for k in catalogue("en") if k.startswith("cli_stats.") and ("help" in k or ".opt" in k)]
    assert keys and all(catalogue("id")[k] != catalogue("en")[k] for k in keys)
