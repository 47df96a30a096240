"""``jejaring synth`` through click's runner on small kabupaten: the totals it prints and stores
agree with the generator's own output, and the workspace claims no kecamatan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jejaring.workspace
from jejaring import synth
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Village, VillageHead
from jejaring_cli.app import JejaringGroup
from jejaring_cli.synth import COMMANDS, parse_scale, synth_command

METRO = "18.72"  # Kota Metro: 22 kelurahan, no desa
BATU = "35.79"  # Kota Batu: 19 desa and 5 kelurahan


def run(*args: str, lang: str = "en") -> Result:
    with use_lang(lang):
        return CliRunner().invoke(JejaringGroup(commands=COMMANDS), ["synth", *args])


def expected(code: str, *, seed: int, quarters: int) -> dict[str, Counter[str]]:
    """Counts straight from the generator."""
    counts: dict[str, Counter[str]] = {"actors": Counter(), "ties": Counter(), "meetings": Counter()}
    for batch in synth.generate_area(code, seed=seed, quarters=quarters):
        counts["actors"].update(a.kind.value for a in batch.actors)
        counts["ties"].update(t.kind.value for t in batch.ties)
        counts["meetings"]["meetings"] += len(batch.meetings)
        counts["meetings"]["attendance"] += sum(len(m.attendees) for m in batch.meetings)
    return counts


@pytest.fixture(scope="module")
def metro(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    folder = tmp_path_factory.mktemp("synth") / "metro"
    return folder, run(str(folder), "--scale", f"kabupaten:{METRO}", "--seed", "7")


def test_command_list() -> None:
    assert COMMANDS == [synth_command]


def test_totals_printed_and_stored_match_the_generator(metro: tuple[Path, Result]) -> None:
    folder, result = metro
    assert result.exit_code == 0, result.output
    want = expected(METRO, seed=7, quarters=8)
    lines = result.output.splitlines()
    assert f"Actors: {sum(want['actors'].values()):,}" in lines
    assert f"Ties: {sum(want['ties'].values()):,}" in lines
    assert f"Meetings: {want['meetings']['meetings']:,}" in lines
    assert f"Attendance records: {want['meetings']['attendance']:,}" in lines
    assert "  membership" in "\n".join(lines) and "synthetic data" in result.output
    with jejaring.workspace.open(folder) as ws:
        counts = ws.store.counts()
        meetings = ws.store.meetings()
    assert {kind: n for kind, n in counts.items() if n and kind not in ("ties", "meetings")} == want["actors"]
    assert counts["ties"] == sum(want["ties"].values())
    assert len(meetings) == want["meetings"]["meetings"]
    assert sum(len(m.attendees) for m in meetings) == want["meetings"]["attendance"]


def test_two_years_of_quarterly_meetings_by_default(metro: tuple[Path, Result]) -> None:
    with jejaring.workspace.open(metro[0]) as ws:
        days = [m.date for m in ws.store.meetings()]
    assert min(days).year == 2024 and max(days).year == 2025


def test_the_workspace_claims_no_kecamatan(metro: tuple[Path, Result]) -> None:
    folder = metro[0]
    with jejaring.workspace.open(folder) as ws:
        assert ws.kecamatan is None
        assert ws.store.setting("synth") == f"{METRO} seed=7 quarters=8"
    assert (folder / "templates" / "actors.csv").exists()
    assert [p.name for p in folder.parent.iterdir()] == ["metro"]  # no staging folder left


def test_no_progress_line_when_output_is_not_a_terminal(metro: tuple[Path, Result]) -> None:
    assert "\r" not in metro[1].output and "per second" not in metro[1].output


def test_kelurahan_get_no_kades(tmp_path: Path) -> None:
    result = run(str(tmp_path / "batu"), "--scale", f"kabupaten:{BATU}", "--quarters", "1", "--quiet")
    assert result.exit_code == 0, result.output
    with jejaring.workspace.open(tmp_path / "batu") as ws:
        villages = {v.id: v for v in ws.store.actors(kinds=["village"])}
        heads = ws.store.actors(kinds=["village_head"])
    kelurahan = {code for code, v in villages.items() if isinstance(v, Village) and v.is_kelurahan}
    assert len(villages) == 24 and len(kelurahan) == 5
    assert all(isinstance(h, VillageHead) for h in heads)
    assert {h.village for h in heads} == set(villages) - kelurahan  # every desa has one, no kelurahan


def test_in_indonesian(tmp_path: Path) -> None:
    result = run(str(tmp_path / "metro"), "--scale", "kabupaten:Kota Metro", "--quarters", "1", lang="id")
    assert result.exit_code == 0, result.output
    assert "data sintetis" in result.output and "Catatan kehadiran:" in result.output


def test_refuses_a_folder_in_use_and_a_bad_scale(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", "utf-8")
    assert run(str(tmp_path / "used"), "--scale", f"kabupaten:{METRO}").exit_code != 0
    assert (tmp_path / "used" / "notes.txt").read_text("utf-8") == "mine"
    for scale in ("country", "kabupaten:", "province"):
        bad = run(str(tmp_path / "new"), "--scale", scale)
        assert bad.exit_code != 0 and "national, province:CODE or kabupaten:CODE" in bad.output
    assert not (tmp_path / "new").exists()


def test_parse_scale() -> None:
    assert parse_scale("national") is None
    assert parse_scale("Province:18") == "18"
    assert parse_scale("kabupaten: Lampung Tengah") == "18.02"
    with pytest.raises(JejaringError):
        parse_scale("kabupaten:18")  # a province code where a kabupaten is wanted


def test_spreadsheets_import_into_a_kabupaten_workspace(tmp_path: Path, metro: tuple[Path, Result]) -> None:
    """``--csv`` writes tables that ``jejaring import`` takes whole into a workspace made with
    ``init --scale``, and the store then holds the same records as ``synth`` wrote directly."""
    from jejaring_cli.data import import_command, init_command

    sheets = tmp_path / "sheets"
    result = run(str(sheets), "--scale", f"kabupaten:{METRO}", "--seed", "7", "--csv")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in sheets.iterdir()) == ["actors.csv", "meetings.csv", "ties.csv"]
    assert f"jejaring import -w WORKSPACE {sheets / 'actors.csv'}" in result.output
    group = JejaringGroup(commands=[init_command, import_command])
    with use_lang("en"):
        made = CliRunner().invoke(group, ["init", str(tmp_path / "ws"), "--scale", f"kabupaten:{METRO}"])
        assert made.exit_code == 0, made.output
        assert "Kota Metro, Lampung (18.72)" in made.output and "22 villages" in made.output
        files = [str(sheets / f"{name}.csv") for name in ("actors", "ties", "meetings")]
        loaded = CliRunner().invoke(group, ["import", "-w", str(tmp_path / "ws"), *files])
        assert loaded.exit_code == 0, loaded.output
    with jejaring.workspace.open(tmp_path / "ws") as imported, jejaring.workspace.open(metro[0]) as direct:
        for kind in ("actors", "ties", "meetings"):
            assert getattr(imported.store, kind)() == getattr(direct.store, kind)()


def test_init_takes_one_scope(tmp_path: Path) -> None:
    from jejaring_cli.data import init_command

    group = JejaringGroup(commands=[init_command])
    with use_lang("en"):
        for args in ([], ["--kecamatan", "18.72.01", "--scale", "national"]):
            result = CliRunner().invoke(group, ["init", str(tmp_path / "ws"), *args])
            assert result.exit_code == 2 and "Give either --kecamatan or --scale." in result.output
    assert not (tmp_path / "ws").exists()
