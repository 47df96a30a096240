"""The figures of jejaring.plot, read back from the matplotlib objects: what is drawn is what the
network and the analyses say, on a small hand-built kecamatan and on the demo.

The small kecamatan (Kecamatan Bangun Rejo, codes 18.02.02.*), ties in force in 2024Q2::

        LSM Tani ─support (ends 2024-04-01)─► Purwodadi ══ partnership ══ Sido Dadi ◄─funding─ PT Tirta
                                          kades-a, BPD, PKK              kades-b, BPD
                                              kades-a ·······peer learning······· kades-b
        Mekar Jaya: no kades, no institution, no tie

Meetings: Q1 a rakor in Purwodadi (kades-a hosts, BPD comes) and one in Sido Dadi (kades-b
alone); Q2 a rakor in Purwodadi (BPD and PKK come) and a forum kades held in no village.
"""

from __future__ import annotations

import math
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import jejaring.plot as jp
from jejaring import synth
from jejaring.analysis.coordination import coordination
from jejaring.analysis.gap_types import PartnerKind, Severity
from jejaring.analysis.gaps import coverage_matrix, gaps
from jejaring.analysis.plan import plan
from jejaring.analysis.recommend import suggest
from jejaring.errors import JejaringError
from jejaring.model import Firm, Institution, Meeting, Ngo, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.periods import Quarter
from jejaring.plot.charts import PLACING_TIES
from jejaring.plot.placement import INNER, wheel
from jejaring.vocab import ActorKind, TieKind

A, B, C = "18.02.02.2001", "18.02.02.2002", "18.02.02.2016"


@pytest.fixture(scope="module")
def small() -> Network:
    actors = [
        Village(code=A, name="Purwodadi", needs=["pemasaran"], sectors=["pertanian"]),
        Village(code=B, name="Sido Dadi", offers=["pemasaran"], sectors=["perdagangan"]),
        Village(code=C, name="Mekar Jaya", needs=["air"]),
        VillageHead(id="kades-a", name="Pak Ahmad", village=A),
        VillageHead(id="kades-b", name="Bu Budi", village=B),
        Institution(id="bpd-a", name="BPD Purwodadi", village=A, type="bpd"),
        Institution(id="pkk-a", name="PKK Purwodadi", village=A, type="pkk"),
        Institution(id="bpd-b", name="BPD Sido Dadi", village=B, type="bpd"),
        Ngo(id="lsm", name="LSM Tani", area="18.02", offers=["air"]),
        Firm(id="pt", name="PT Tirta", area="18.02"),
    ]
    ties = [
        Tie(kind="partnership", source=A, target=B, since="2024-01-01"),
        Tie(kind="support", source="lsm", target=A, until="2024-04-01"),
        Tie(kind="funding", source="pt", target=B),
        Tie(kind="peer_learning", source="kades-a", target="kades-b"),
        Tie(kind="leadership", source="kades-a", target=A),
        Tie(kind="leadership", source="kades-b", target=B),
        Tie(kind="membership", source="bpd-a", target=A),
        Tie(kind="membership", source="pkk-a", target=A),
        Tie(kind="membership", source="bpd-b", target=B),
    ]
    meetings = [
        Meeting(id="m1", type="rakor", date="2024-02-10", village=A, host="kades-a", attendees=["bpd-a"]),
        Meeting(id="m2", type="rakor", date="2024-03-05", village=B, host="kades-b"),
        Meeting(id="m3", type="rakor", date="2024-05-02", village=A, host="kades-a", attendees=["bpd-a", "pkk-a"]),
        Meeting(id="m4", type="forum kades", date="2024-06-01", attendees=["kades-a", "kades-b"]),
    ]
    return Network(actors, ties, meetings, area="18.02.02")


@pytest.fixture(scope="module")
def q2(small: Network) -> Network:
    return small.quarter("2024Q2")


@pytest.fixture(scope="module")
def demo() -> Network:
    batch = synth.demo()
    return Network(batch.actors, batch.ties, batch.meetings).within(synth.DEMO_KECAMATAN)


def by_gid(ax, prefix: str) -> dict[str, object]:
    return {c.get_gid(): c for c in ax.collections if (c.get_gid() or "").startswith(prefix)}


def legends(ax) -> list[list[str]]:
    from matplotlib.legend import Legend

    return [[text.get_text() for text in child.get_texts()] for child in ax.get_children() if isinstance(child, Legend)]


def offsets(collection) -> list[tuple[float, float]]:
    return [tuple(map(float, p)) for p in collection.get_offsets()]


# The network map -----------------------------------------------------------------------------


def test_map_draws_every_actor_once_by_kind_and_every_tie_once_by_kind(q2):
    fig, ax = jp.network(q2, lang="en")
    nodes, ties = by_gid(ax, "nodes-"), by_gid(ax, "ties-")
    # 3 villages, 2 kades, 3 institutions, an NGO and a firm
    assert {g: len(c.get_offsets()) for g, c in nodes.items()} == {
        "nodes-village": 3, "nodes-village_head": 2, "nodes-institution": 3, "nodes-ngo": 1, "nodes-firm": 1,
    }
    # Q2: the LSM's support ended on 2024-04-01, so 8 of the 9 ties are in force
    assert {g: len(c.get_segments()) for g, c in ties.items()} == {
        "ties-partnership": 1, "ties-funding": 1, "ties-peer_learning": 1, "ties-leadership": 2, "ties-membership": 3,
    }
    assert sum(len(c.get_offsets()) for c in nodes.values()) == len(q2.actors)
    assert sum(len(c.get_segments()) for c in ties.values()) == len(q2.ties)


def test_map_ties_join_the_markers_of_their_actors(q2):
    fig, ax = jp.network(q2, lang="en")
    pos = jp.layout(q2)
    villages = offsets(by_gid(ax, "nodes-")["nodes-village"])
    assert sorted(villages) == sorted(pos[c] for c in (A, B, C))
    (segment,) = by_gid(ax, "ties-")["ties-partnership"].get_segments()
    assert sorted(map(tuple, segment)) == sorted([pos[A], pos[B]])


def test_map_styles_ties_by_kind_and_keeps_dashes_for_suggestions(q2):
    fig, ax = jp.network(q2, suggestions={A: suggest(q2, A)}, lang="en")
    ties = by_gid(ax, "ties-")
    dashes = {g: c.get_linestyle()[0][1] for g, c in ties.items()}
    assert dashes["ties-partnership"] is None  # solid
    assert dashes["ties-suggested"] is not None
    assert all(d != dashes["ties-suggested"] for g, d in dashes.items() if g != "ties-suggested")
    colours = {g: tuple(c.get_edgecolor()[0]) for g, c in ties.items()}
    assert len(set(colours.values())) == len(colours)


def test_map_legends_and_title_follow_the_language(q2):
    present = [ActorKind.VILLAGE, ActorKind.VILLAGE_HEAD, ActorKind.INSTITUTION, ActorKind.NGO, ActorKind.FIRM]
    in_force = [TieKind.PARTNERSHIP, TieKind.LEADERSHIP, TieKind.MEMBERSHIP, TieKind.FUNDING, TieKind.PEER_LEARNING]
    for lang, title in (
        ("id", "Jejaring kerja sama: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung\n"
               "Ikatan yang berlaku pada Triwulan II 2024"),
        ("en", "Collaboration network: Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung\n"
               "Ties in force in Q2 2024"),
    ):
        fig, ax = jp.network(q2, lang=lang)
        assert ax.get_title(loc="left") == title
        assert legends(ax) == [[k.label(lang) for k in present], [k.label(lang) for k in in_force]]


def test_map_legends_lie_inside_the_saved_picture(q2):
    fig, ax = jp.network(q2, size_by="betweenness", lang="en")  # the longest legend title
    picture = fig.get_tightbbox().transformed(fig.dpi_scale_trans)
    from matplotlib.legend import Legend

    for legend in (c for c in ax.get_children() if isinstance(c, Legend)):
        box = legend.get_window_extent()
        assert picture.x0 <= box.x0 and box.x1 <= picture.x1 + 0.5


def test_map_labels_villages_and_organisations_only(q2):
    fig, ax = jp.network(q2, lang="en")
    labelled = {text.get_text() for text in ax.texts}
    assert labelled == {"Purwodadi", "Sido Dadi", "Mekar Jaya", "LSM Tani", "PT Tirta"}


def test_map_outlines_the_villages_with_a_high_severity_gap(q2):
    """Sido Dadi held no coordination meeting in Q2; Mekar Jaya has no BPD, no partner and no
    meeting; Purwodadi's gaps are medium or low (three kinds of partner missing)."""
    report = gaps(q2)
    high = {g.village.id for g in report.gaps if g.severity is Severity.HIGH and g.village}
    assert high == {B, C}
    fig, ax = jp.network(q2, gaps=report, lang="en")
    pos = jp.layout(q2)
    assert sorted(offsets(by_gid(ax, "gaps")["gaps"])) == sorted([pos[B], pos[C]])
    assert legends(ax)[1][-1] == "village with a high-severity gap"
    fig, ax = jp.network(q2, lang="en")
    assert "gaps" not in by_gid(ax, "gaps")


def test_map_draws_suggestions_dashed_from_the_actor_to_each_candidate(q2):
    found = suggest(q2, "Mekar Jaya")
    assert [s.candidate.name for s in found] == ["LSM Tani"]  # it offers the water Mekar Jaya needs
    fig, ax = jp.network(q2, suggestions={"Mekar Jaya": found}, lang="en")
    pos = jp.layout(q2)
    (segment,) = by_gid(ax, "ties-")["ties-suggested"].get_segments()
    assert [tuple(p) for p in segment] == [pos[C], pos["lsm"]]
    assert legends(ax)[1][-1] == "suggested tie"


def test_map_draws_a_plans_new_ties_and_places_partners_new_to_the_view(q2):
    outsider = Ngo(id="lsm-baru", name="LSM Baru", area="18.02")
    result = plan(q2, budget=3, partners=[outsider])
    assert result.steps
    fig, ax = jp.network(q2, suggestions=result, lang="en")
    segments = by_gid(ax, "ties-")["ties-suggested"].get_segments()
    assert len(segments) == len(result.steps)
    drawn = sum(len(c.get_offsets()) for c in by_gid(ax, "nodes-").values())
    new = {s.tie.target.id for s in result.steps} - set(q2.actors)
    assert drawn == len(q2.actors) + len(new)


@pytest.mark.parametrize("measure", ["degree", "betweenness", "eigenvector"])
def test_map_sizes_follow_the_centrality(q2, measure):
    """Within a kind, a more central actor has a larger marker; networkx measures the same order."""
    graph = nx.Graph(q2.graph)
    expected = {
        "degree": nx.degree_centrality,
        "betweenness": nx.betweenness_centrality,
        "eigenvector": lambda g: nx.eigenvector_centrality(g.subgraph(max(nx.connected_components(g), key=len))),
    }[measure](graph)
    fig, ax = jp.network(q2, size_by=measure, lang="en")
    pos = jp.layout(q2)
    at = {p: i for i, p in pos.items()}
    for kind in ("village_head", "institution"):
        nodes = by_gid(ax, "nodes-")[f"nodes-{kind}"]
        sizes = dict(zip((at[p] for p in offsets(nodes)), nodes.get_sizes(), strict=True))
        for a in sizes:
            for b in sizes:
                if expected.get(a, 0) > expected.get(b, 0) + 1e-9:
                    assert sizes[a] > sizes[b]


def test_map_rejects_an_unknown_measure(q2):
    with pytest.raises(JejaringError) as error:
        jp.network(q2, size_by="popularity")
    assert error.value.key == "plot.bad_size_by"


def test_map_of_the_demo_shows_its_whole_kecamatan(demo):
    view = demo.quarter("2024Q2")
    fig, ax = jp.network(view, gaps=gaps(view), lang="id")
    nodes = by_gid(ax, "nodes-")
    assert len(nodes["nodes-village"].get_offsets()) == 17
    assert sum(len(c.get_offsets()) for c in nodes.values()) == len(view.actors)
    assert sum(len(c.get_segments()) for c in by_gid(ax, "ties-").values()) == len(view.ties)
    organisations = [a for a in view.actors.values()
                     if a.kind in (ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT)]
    assert len(ax.texts) == 17 + len(organisations)


def test_map_labels_of_the_demo_overlap_neither_each_other_nor_markers(demo):
    fig, ax = jp.network(demo.quarter("2024Q2"), lang="id")
    fig.canvas.draw()
    boxes = [text.get_window_extent() for text in ax.texts]
    assert [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)] == []
    covered = []
    for nodes in by_gid(ax, "nodes-").values():
        centres = ax.transData.transform(nodes.get_offsets())
        radii = np.broadcast_to(np.sqrt(nodes.get_sizes()) / 2 * fig.dpi / 72, len(centres))
        for (x, y), r in zip(centres, radii, strict=True):
            for box in boxes:  # the nearest point of the label to the marker's centre
                dx, dy = min(max(x, box.x0), box.x1) - x, min(max(y, box.y0), box.y1) - y
                if math.hypot(dx, dy) < 0.8 * r:
                    covered.append((nodes.get_gid(), (x, y)))
    assert covered == []


# The layout ------------------------------------------------------------------------------------


def test_layout_is_a_wheel_of_villages_with_their_actors_outside_and_partners_inside(small):
    pos = jp.layout(small)
    for code in (A, B, C):
        assert math.hypot(*pos[code]) == pytest.approx(1.0)
    for actor, village in (("kades-a", A), ("bpd-a", A), ("pkk-a", A), ("bpd-b", B), ("kades-b", B)):
        assert math.dist(pos[actor], pos[village]) <= 0.15 + 1e-9
        assert math.hypot(*pos[actor]) > 1
    # the LSM works with Purwodadi only: it sits inside, towards it
    assert math.hypot(*pos["lsm"]) == pytest.approx(INNER)
    assert math.atan2(pos["lsm"][1], pos["lsm"][0]) == pytest.approx(math.atan2(pos[A][1], pos[A][0]))


def test_layout_groups_villages_by_kecamatan_and_is_the_same_for_a_seed(small):
    other = Village(code="18.02.03.2001", name="Desa Seberang")
    net = Network([*small.actors.values(), other], small.ties, area="18.02")
    w = wheel(net, seed=3)
    assert [k for k, _ in w.groups] == ["18.02.02", "18.02.03"]
    assert w.groups[0][1] == (A, B, C)
    assert wheel(net, seed=3).positions == w.positions
    fig, ax = jp.network(net, lang="en")
    names = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("group-")}
    assert names == {"group-18.02.02": "Kecamatan Bangun Rejo", "group-18.02.03": "Kecamatan Padang Ratu"}
    assert not any(t.get_gid().startswith("group-") for t in jp.network(small, lang="en")[1].texts)


def test_layout_pushes_apart_organisations_that_start_on_one_spot():
    a = Village(code=A, name="A")
    ngos = [Ngo(id=f"lsm-{i}", name=f"LSM {i}") for i in range(3)]
    net = Network([a, *ngos], [Tie(kind="support", source=n.id, target=a.id) for n in ngos])
    pos = jp.layout(net, seed=1)
    from jejaring.plot.placement import MIN_GAP

    for i in range(3):
        for j in range(i + 1, 3):
            assert math.dist(pos[f"lsm-{i}"], pos[f"lsm-{j}"]) >= MIN_GAP - 1e-6
    assert pos == jp.layout(net, seed=1)


# The coverage heatmap ---------------------------------------------------------------------------


def test_gap_matrix_shows_the_reports_counts_and_marks_every_zero(q2):
    report = gaps(q2)
    fig, ax = jp.gap_matrix(report, lang="en")
    counts = np.array(report.coverage.counts)
    # Purwodadi: Sido Dadi (village); Sido Dadi: PT Tirta and Purwodadi; Mekar Jaya: nothing
    assert counts.tolist() == [[0, 0, 0, 0, 1], [0, 1, 0, 0, 1], [0, 0, 0, 0, 0]]
    assert np.array_equal(ax.images[0].get_array(), counts)
    cells = [p for p in ax.patches if p.get_gid() == "gap-cell"]
    assert sorted((round(p.get_y() + 0.5), round(p.get_x() + 0.5)) for p in cells) == sorted(
        map(tuple, np.argwhere(counts == 0).tolist()))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Purwodadi", "Sido Dadi", "Mekar Jaya"]
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [k.label("en") for k in PartnerKind]
    assert len(fig.axes) == 2  # the heatmap and its colour bar
    assert legends(ax) == [["no partner of this kind: a coverage gap"]]
    assert ax.get_title(loc="left").startswith("Partners of each village, by kind\nKecamatan Bangun Rejo")


def test_gap_matrix_of_a_network_is_its_coverage_matrix(demo):
    view = demo.quarter("2024Q2")
    fig, ax = jp.gap_matrix(view, lang="id")
    matrix = coverage_matrix(view)
    assert np.array_equal(ax.images[0].get_array(), np.array(matrix.counts))
    assert sum(p.get_gid() == "gap-cell" for p in ax.patches) == sum(row.count(0) for row in matrix.counts)
    assert ax.get_title(loc="left").startswith("Mitra tiap desa menurut jenisnya\nKecamatan Bangun Rejo")


def test_gap_matrix_needs_a_village():
    with pytest.raises(JejaringError) as error:
        jp.gap_matrix(Network([Ngo(id="lsm", name="LSM Tani")], area="18.02.02"))
    assert error.value.key == "plot.no_villages"


# The quarterly chart ----------------------------------------------------------------------------


def test_quarters_panels_hold_the_coordination_figures(q2):
    fig, (meetings, rates, ties) = jp.quarters(q2, lang="en")
    coordination_bars, other_bars = meetings.containers
    # Q1: two rakor (one per village); Q2: one rakor in Purwodadi and the forum kades
    assert [b.get_height() for b in coordination_bars] == [2, 1]
    assert [b.get_height() for b in other_bars] == [0, 1]
    lines = {line.get_gid(): line for line in rates.get_lines()}
    # Q1: BPD Purwodadi 1 of 1, PKK 0 of 1, BPD Sido Dadi 0 of 1; Q2: Purwodadi's two, 2 of 2
    assert lines["attendance"].get_ydata() == pytest.approx([100 / 3, 100])
    assert lines["villages-meeting"].get_ydata() == pytest.approx([200 / 3, 100 / 3])
    assert lines["threshold"].get_ydata()[0] == pytest.approx(50)
    heights = {c.get_label(): [b.get_height() for b in c] for c in ties.containers}
    assert heights == {"partnership": [1, 1], "support": [1, 0], "funding": [1, 1], "peer learning": [1, 1]}
    assert [t.get_text() for t in ties.get_xticklabels()] == ["Q1\n2024", "Q2\n2024"]
    assert fig.get_suptitle().startswith("Coordination by quarter: Kecamatan Bangun Rejo")
    shaded = [p for p in meetings.patches if p.get_gid() == "view-quarter"]
    assert len(shaded) == 1 and shaded[0].get_x() == pytest.approx(0.5)


def test_quarters_of_the_demo_agree_with_the_coordination_report(demo):
    fig, (meetings, rates, ties) = jp.quarters(demo, lang="id")
    span = [Quarter.parse(f"2024Q{i}") for i in range(1, 5)]
    assert [f.quarter for f in jp.quarter_series(demo)] == span
    reports = [coordination(demo, quarter=q) for q in span]
    coordination_bars, other_bars = meetings.containers
    assert [b.get_height() for b in coordination_bars] == [sum(v.coordination_meetings for v in r.villages)
                                                           for r in reports]
    held = [sum(q.start <= m.date < q.end for m in demo.meetings) for q in span]
    assert [a.get_height() + b.get_height() for a, b in zip(coordination_bars, other_bars)] == held
    totals = np.sum([[b.get_height() for b in c] for c in ties.containers], axis=0)
    assert totals.tolist() == [sum(t.kind not in PLACING_TIES for t in demo.quarter(q).ties) for q in span]
    assert [t.get_text() for t in ties.get_xticklabels()] == [f"Triwulan {r}\n2024" for r in ("I", "II", "III", "IV")]


def test_quarters_span_falls_back_to_tie_starts_and_fails_without_data(small):
    no_meetings = Network(small.actors.values(), small.ties, area=small.area)
    assert [str(f.quarter) for f in jp.quarter_series(no_meetings)] == ["2024Q1"]  # the partnership's start
    undated = Network(small.actors.values(), [t for t in small.ties if t.since is None], area=small.area)
    with pytest.raises(JejaringError) as error:
        jp.quarters(undated)
    assert error.value.key == "plot.no_quarters"
    assert [str(f.quarter) for f in jp.quarter_series(small, span=["2023Q4", "2024Q1"])] == ["2023Q4", "2024Q1"]


def test_quarters_draws_on_three_given_axes(small):
    from matplotlib.figure import Figure

    fig = Figure()
    axes = fig.subplots(1, 3)
    drawn, panels = jp.quarters(small, ax=axes, lang="en")
    assert drawn is fig and list(panels) == list(axes) and fig.get_suptitle() == ""


# A village's partners and suggestions ----------------------------------------------------------


def test_suggestions_show_current_partners_solid_and_suggested_ones_dashed(q2):
    found = suggest(q2, A)
    fig, ax = jp.suggestions(q2, "Pak Ahmad", lang="id")  # a kades asks for his village
    current = by_gid(ax, "ego-")["ego-current"].get_segments()
    suggested = by_gid(ax, "ego-")["ego-suggested"].get_segments()
    assert len(current) == 1  # Sido Dadi (partnership; the peer learning of the kades is the same side)
    assert len(suggested) == len(found)
    texts = [t.get_text() for t in ax.texts]
    assert "Sido Dadi\nkerja sama, belajar bersama" in texts
    for s in found:
        head = f"{s.candidate.name}: skor {s.score:.2f}".replace(".", ",")
        assert any(text.startswith(head + "\n" + s.reasons[0].text("id")[:20]) for text in texts)
    assert "Pak Ahmad, Purwodadi" in texts
    assert ax.get_title(loc="left") == ("Mitra Purwodadi: yang sudah ada dan yang disarankan\n"
                                        "Ikatan yang berlaku pada Triwulan II 2024")
    assert legends(ax) == [["ikatan yang sudah ada", "mitra yang disarankan, dengan skor dan alasan utamanya"]]


# Files ---------------------------------------------------------------------------------------------


def test_save_writes_png_svg_and_pdf_that_open(q2, tmp_path: Path):
    fig, ax = jp.network(q2, lang="en")
    png = jp.save(fig, tmp_path / "peta.png", dpi=50)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert 300 < width < 1000 and 200 < height < 800  # a 15 × 11 in figure at 50 dpi, trimmed
    svg = jp.save(fig, tmp_path / "peta.svg")
    ids = {e.get("id") for e in ET.parse(svg).getroot().iter()}
    assert {"nodes-village", "ties-partnership"} <= ids
    pdf = jp.save(fig, tmp_path / "peta.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(pdf).pages) == 1


def test_save_refuses_other_formats(q2, tmp_path: Path):
    fig, ax = jp.network(q2)
    with pytest.raises(JejaringError) as error:
        jp.save(fig, tmp_path / "peta.jpg")
    assert error.value.key == "plot.bad_format" and not (tmp_path / "peta.jpg").exists()


def test_plotting_touches_no_global_state():
    """No pyplot, no display: figures are made on their own Agg canvas; importing the package
    loads no matplotlib."""
    code = (
        "import sys, jejaring.plot as p; assert 'matplotlib' not in sys.modules; "
        "from jejaring.model import Village; from jejaring.network import Network; "
        "p.network(Network([Village(code='18.02.02.2001', name='A')])); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr


def test_plot_is_reachable_from_the_package():
    """`import jejaring` then `jejaring.plot`, as a notebook writes `jj.plot.network(...)`."""
    code = "import jejaring; print(jejaring.plot.__name__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "jejaring.plot", result.stderr
