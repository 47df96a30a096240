"""The ``map`` command on the demo workspace, through click's runner: the file it writes, and
what it says, against the library's figure and analyses of the same view."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.workspace
from jejaring.analysis.gap_types import Severity
from jejaring.analysis.gaps import gaps
from jejaring.analysis.recommend import suggest
from jejaring.i18n import use_lang
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.map import COMMANDS, map_command

AREA = ["--kecamatan", "Bangun Rejo"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("map") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def run(demo: Path, *args: str, lang: str = "en", ok: bool = True) -> str:
    group = JejaringGroup(commands=COMMANDS)
    with use_lang(lang):
        result = CliRunner().invoke(group, ["map", "-w", str(demo), *AREA, *args])
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def quarter_view(demo: Path, quarter: str = "2024Q2"):
    with jejaring.workspace.open(demo) as ws:
        return ws.network(area="18.02.02").quarter(quarter)


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [map_command]
    assert map_command.help and all(p.help for p in map_command.params if p.opts[0].startswith("-"))


def test_map_writes_a_png_and_says_so_in_indonesian(demo, tmp_path):
    out = tmp_path / "peta.png"
    text = run(demo, "--quarter", "2024Q2", "--out", str(out), "--highlight-gaps", "--dpi", "60", lang="id")
    view = quarter_view(demo)
    lines = text.splitlines()
    assert lines[0] == (f"Peta disimpan ke {out}: 17 desa dan {len(view.actors)} aktor, {len(view.ties)} ikatan. "
                        "Ikatan yang berlaku pada Triwulan II 2024.")
    high = sorted({g.village.name for g in gaps(view, quarter="2024Q2").gaps
                   if g.severity is Severity.HIGH and g.village})
    assert lines[1] == f"Diberi lingkaran karena punya kesenjangan tingkat tinggi: {', '.join(high)}."
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert 500 < width < 1000 and 400 < height < 800  # 15 × 11 inches at 60 dpi, trimmed


def test_map_writes_svg_and_pdf_by_the_extension(demo, tmp_path):
    run(demo, "--quarter", "2024Q2", "--out", str(tmp_path / "peta.svg"))
    root = ET.parse(tmp_path / "peta.svg").getroot()
    assert root.tag.endswith("svg") and {"nodes-village", "ties-partnership"} <= {e.get("id") for e in root.iter()}
    run(demo, "--quarter", "2024Q2", "--out", str(tmp_path / "peta.pdf"), "--size-by", "betweenness")
    assert (tmp_path / "peta.pdf").read_bytes().startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(tmp_path / "peta.pdf").pages) == 1


def test_map_draws_the_suggestions_of_an_actor_in_english(demo, tmp_path):
    text = run(demo, "--at", "2024-06-30", "--out", str(tmp_path / "peta.svg"), "--suggest", "Bangun Rejo",
               "--top", "3")
    with jejaring.workspace.open(demo) as ws:
        from datetime import date

        view = ws.network(area="18.02.02").at(date(2024, 6, 30))
    names = [s.candidate.name for s in suggest(view, "18.02.02.2005", top=3)]
    assert len(names) == 3
    assert f"Suggested for Bangun Rejo (dashed): {', '.join(names)}." in text.splitlines()
    assert "Ties in force on 2024-06-30." in text
    lines = [e for e in ET.parse(tmp_path / "peta.svg").getroot().iter() if e.get("id") == "ties-suggested"]
    assert len(lines) == 1 and len(list(lines[0].iter("{http://www.w3.org/2000/svg}path"))) == 3


def test_map_refuses_an_unknown_extension_before_any_work(demo, tmp_path):
    out = tmp_path / "peta.jpg"
    text = run(demo, "--out", str(out), ok=False)
    assert text.strip() == ('Error: Cannot save "' + str(out) + '": give the file one of the extensions png, svg, pdf.')
    assert not out.exists()
    text = run(demo, "--out", str(tmp_path / "peta.png"), "--size-by", "popularity", ok=False)
    assert "Invalid value for '--size-by'" in text


def test_map_names_an_unknown_actor(demo, tmp_path):
    text = run(demo, "--out", str(tmp_path / "peta.png"), "--suggest", "Atlantis", ok=False, lang="id")
    assert text.startswith("Kesalahan: ") and "Atlantis" in text and "Traceback" not in text
    assert not (tmp_path / "peta.png").exists()
