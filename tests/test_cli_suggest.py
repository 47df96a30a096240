"""The ``suggest`` command on the demo workspace, through click's runner: exit codes first, then the
output against the library's suggestions for the same loaded network."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.recommend import WITHIN, Weights, suggest
from jejaring.i18n import use_lang
from jejaring.model import Village
from jejaring.store import Batch
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.suggest import COMMANDS, CSV_COLUMNS, actor_in_store, load_network, suggest_command

DAY = "2024-12-31"
BANGUN_REJO = "18.02.02.2005"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("suggest") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def run(workspace: Path, *args: str, lang: str = "en", ok: bool = True) -> str:
    commands = {c.name: c for c in COMMANDS}
    group = JejaringGroup(name="jejaring", callback=cli.callback, params=cli.params, commands=commands)
    result = CliRunner().invoke(group, ["--lang", lang, "suggest", "-w", str(workspace), "--at", DAY, *args])
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def library(workspace: Path, actor: str = BANGUN_REJO, scope: str = "18.02", **options):
    with jejaring.workspace.open(workspace) as ws:
        net = load_network(ws, scope).at(date.fromisoformat(DAY))
    return suggest(net, actor, **options)


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [suggest_command]
    assert suggest_command.help and all(p.help for p in suggest_command.params if p.opts[0].startswith("-"))
    within = next(p for p in suggest_command.params if p.name == "within")
    assert list(within.type.choices) == list(WITHIN)


def test_the_kabupaten_is_loaded_with_the_organisations_working_over_it(demo):
    with jejaring.workspace.open(demo) as ws:
        kabupaten = load_network(ws, "18.02")
        kecamatan = load_network(ws, "18.02.02")
        assert actor_in_store(ws.store, "bangun rejo").id == BANGUN_REJO
    # the province's university works nowhere in the kabupaten yet, and is loaded all the same
    assert kabupaten.actors["syn-univ-18-1"].area == "18" and kabupaten.area == "18.02"
    assert "syn-univ-18-1" in kecamatan.actors and "syn-gov-18.02-pmd" in kecamatan.actors


def test_table_reads_as_a_plan_in_english(demo):
    out = run(demo, "Bangun Rejo")
    lines = out.splitlines()
    assert lines[0] == f"Suggested partners for Bangun Rejo (village, {BANGUN_REJO})"
    assert lines[1] == f"Candidates in Kabupaten Lampung Tengah, Lampung; ties in force on {DAY}."
    expected = library(demo)
    assert len(expected) == 10
    for rank, s in enumerate(expected, 1):
        assert f"{rank:>2}. {s.candidate.name} (" in out
        assert f"score {s.score:.2f}" in out
    first = expected[0]
    assert first.reasons[0].text("en")[:60] in out
    assert out.rstrip().endswith("Existing partners are not suggested.")


def test_university_in_both_languages(demo):
    en = run(demo, "Bangun Rejo", "--kind", "university")
    assert "1. Universitas Kuka Lampung (university), score 1.62" in en
    assert "offers know-how and training, mentoring, data and information, which institutions of Bangun" in en
    assert "in the same province" in en
    id_ = run(demo, "Bangun Rejo", "--kind", "perguruan tinggi", lang="id")
    assert "Hanya: perguruan tinggi." in id_
    assert "1. Universitas Kuka Lampung (perguruan tinggi), skor 1,62" in id_
    assert "menyediakan pengetahuan/pelatihan, pendampingan, data/informasi yang dibutuhkan lembaga desa" in id_
    assert "berada di provinsi yang sama" in id_


def test_need_keeps_those_offering_it(demo):
    out = run(demo, "Bangun Rejo", "--need", "air", "--top", "20")
    found = library(demo, need="air", top=20)
    assert found and all("water" in s.reasons[0].text("en") for s in found)
    assert out.count("offers water and irrigation, which Bangun Rejo is looking for") == len(found)
    assert "Only those offering: water and irrigation." in out
    assert "Hanya yang menyediakan: air/irigasi." in run(demo, "Bangun Rejo", "--need", "water", lang="id")


def test_kades_are_shown_with_their_village(demo):
    out = run(demo, "Bangun Rejo", "--kind", "kades", lang="id")
    found = library(demo, kind="village_head")
    assert found and all(s.candidate.kind == "village_head" for s in found)
    with jejaring.workspace.open(demo) as ws:
        village = ws.store.actor(found[0].candidate.area).name
    assert f"1. {found[0].candidate.name} (kepala desa {village}), skor" in out


def test_json_and_csv_carry_the_components(demo):
    record = json.loads(run(demo, "Bangun Rejo", "--format", "json", "--top", "3"))
    assert record["actor"] == {"id": BANGUN_REJO, "name": "Bangun Rejo", "kind": "village"}
    assert (record["scope"], record["at"], record["weights"]) == ("18.02", DAY, Weights().__dict__)
    expected = library(demo, top=3)
    assert [s["id"] for s in record["suggestions"]] == [s.candidate.id for s in expected]
    assert record["suggestions"][0]["components"] == dict(expected[0].components)
    rows = list(csv.DictReader(io.StringIO(run(demo, "Bangun Rejo", "--format", "csv", "--top", "3"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [int(r["rank"]) for r in rows] == [1, 2, 3]
    assert float(rows[0]["score"]) == pytest.approx(expected[0].score, abs=1e-4)


def test_weight_and_within_reach_the_engine(demo):
    weights = Weights(network=5, peer_learning=0)
    expected = library(demo, weights=weights, top=3)
    record = json.loads(run(demo, "Bangun Rejo", "--weight", "network=5", "--weight", "peer_learning=0",
                            "--format", "json", "--top", "3"))
    assert [s["id"] for s in record["suggestions"]] == [s.candidate.id for s in expected]
    assert expected != library(demo, top=3)
    record = json.loads(run(demo, "Bangun Rejo", "--within", "kecamatan", "--format", "json", "--top", "40"))
    areas = {s["area"] for s in record["suggestions"]}
    assert all(a in {"18", "18.02"} or a.startswith("18.02.02.") for a in areas)
    assert "Bobot" in run(demo, "Bangun Rejo", "--weight", "network=-1", lang="id", ok=False)


def test_a_kelurahan_gets_no_kades(tmp_path):
    """Metro Pusat (18.72.01) has only kelurahan: asking for kades says why there are none."""
    with jejaring.workspace.init(tmp_path / "metro", kecamatan="18.72.01", templates=False) as ws:
        first = ws.store.actors()[0]
        ws.store.write(Batch(actors=[Village(code=first.id, name=first.name, needs=["air"])]))
        name = first.name
    out = run(tmp_path / "metro", name, "--kind", "village_head")
    assert f"{name} is a kelurahan, led by a lurah rather than a kades, so no kades is suggested." in out
    assert "No partner to suggest" in run(tmp_path / "metro", name)


def test_bad_input_is_one_sentence(demo):
    out = run(demo, "Bangun Rejoo", ok=False)
    assert out.startswith('Error: No actor has the id or name "Bangun Rejoo"; did you mean: Bangun Rejo;')
    assert "Traceback" not in out
    out = run(demo, "Atlantis", lang="id", ok=False)
    assert out.startswith('Kesalahan: Tidak ada aktor dengan id atau nama "Atlantis"')
    out = run(demo, "Bangun Rejo", "--kind", "lembaga", lang="id", ok=False)
    assert "bukan jenis aktor yang dapat disarankan" in out
    assert "is not a known resource" in run(demo, "Bangun Rejo", "--need", "emas", ok=False)
    assert "is not a weight setting" in run(demo, "Bangun Rejo", "--weight", "speed=2", ok=False)
    with use_lang("en"):
        assert run(demo, "Bangun Rejo", "--within", "country", ok=False).count("Invalid value") == 1
