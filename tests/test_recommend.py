"""Partner suggestions (jejaring.analysis.recommend, with its index and records), each component on
a network small enough to check by hand, drawn in the fixture; the network evidence also against
networkx's own resource allocation on the demo.

Villages are in Kecamatan Bangun Rejo (18.02.02), Kabupaten Lampung Tengah (18.02) unless drawn
otherwise; ``──`` is a partner tie.
"""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest

from jejaring import synth
from jejaring.analysis.gaps import partner_graph
from jejaring.analysis.partner_index import partner_index
from jejaring.analysis.recommend import (
    COMPONENTS,
    Candidate,
    Reason,
    Suggestion,
    Weights,
    eligible,
    resolve_actor,
    side,
    suggest,
)
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Firm, Government, Institution, Ngo, Tie, University, Village, VillageHead
from jejaring.network import Network
from jejaring.vocab import ActorKind

KEC = "18.02.02"


def code(n: int, kec: str = KEC) -> str:
    return f"{kec}.{2000 + n}"


def tie(kind: str, source: str, target: str, **extra) -> Tie:
    return Tie(kind=kind, source=source, target=target, **extra)


def by_id(found: list[Suggestion]) -> dict[str, Suggestion]:
    return {s.candidate.id: s for s in found}


@pytest.fixture
def net() -> Network:
    """
        LSM P (2 partners) ── A, B
        LSM Q (3 partners) ── A, B, C
        PT G ── BUM Desa A              (A's institution: G is A's partner)
        PT G ── D

        A: desa, needs water, offers labour, small industry, developing; its PKK needs training
        B: small industry, self-reliant          C: farming, advanced          D: no profile
        PT Tirta (18.02): offers water and training, needs labour
        Kades A leads A, Kades B leads B.
    """
    actors = [
        Village(code=code(1), name="A", needs=["air"], offers=["tenaga kerja"], sectors=["umkm"],
                development_status="berkembang"),
        Village(code=code(2), name="B", sectors=["umkm"], development_status="mandiri"),
        Village(code=code(3), name="C", sectors=["pertanian"], development_status="maju"),
        Village(code=code(4), name="D"),
        Institution(id="bumdes-a", name="BUM Desa A", village=code(1), type="bum desa"),
        Institution(id="pkk-a", name="PKK A", village=code(1), type="pkk", needs=["pelatihan"]),
        VillageHead(id="kades-a", name="Kades A", village=code(1)),
        VillageHead(id="kades-b", name="Kades B", village=code(2)),
        Ngo(id="lsm-p", name="LSM P", area="18.02"),
        Ngo(id="lsm-q", name="LSM Q", area="18.02"),
        Firm(id="pt-g", name="PT G", area="18.02"),
        Firm(id="pt-tirta", name="PT Tirta", area="18.02", offers=["air", "pelatihan"], needs=["tenaga kerja"]),
    ]
    ties = [
        tie("support", "lsm-p", code(1)), tie("support", "lsm-p", code(2)),
        tie("support", "lsm-q", code(1)), tie("support", "lsm-q", code(2)), tie("support", "lsm-q", code(3)),
        tie("partnership", "pt-g", "bumdes-a"), tie("partnership", "pt-g", code(4)),
        tie("membership", "bumdes-a", code(1)), tie("membership", "pkk-a", code(1)),
        tie("leadership", "kades-a", code(1)), tie("leadership", "kades-b", code(2)),
    ]
    return Network(actors, ties)


# Each component by hand ----------------------------------------------------------------------


def test_network_evidence_is_resource_allocation_over_shared_partners(net):
    found = by_id(suggest(net, "A", weights=Weights(complementarity=0, peer_learning=0, proximity=0)))
    assert found[code(2)].components["network"] == pytest.approx(1 / 2 + 1 / 3)  # shares P (2) and Q (3)
    assert found[code(3)].components["network"] == pytest.approx(1 / 3)  # shares Q only
    assert found[code(4)].components["network"] == pytest.approx(1 / 2)  # shares PT G, through A's BUM Desa
    assert set(found) == {code(2), code(3), code(4)}
    reason = found[code(2)].reasons[0]
    assert (reason.component, reason.key) == ("network", "recommend.reason.shared_partners")
    assert reason.text("en") == "already works with 2 partners of A: LSM P, LSM Q"  # the fewest partners first


def test_adamic_adar_instead(net):
    weights = Weights(index="adamic_adar", complementarity=0, peer_learning=0, proximity=0)
    found = by_id(suggest(net, "A", weights=weights))
    assert found[code(2)].components["network"] == pytest.approx(1 / math.log(2) + 1 / math.log(3))


def test_complementarity_counts_needs_met(net):
    tirta = by_id(suggest(net, "A"))["pt-tirta"]
    # water, which A needs: 1; training, which only A's PKK needs: 0.5; labour, which it needs and A offers: 0.5
    assert tirta.components["complementarity"] == 2.0
    keys = [r.key for r in tirta.reasons if r.component == "complementarity"]
    assert keys == [
        "recommend.reason.offers_need",
        "recommend.reason.offers_institution_need",
        "recommend.reason.needs_offer",
    ]
    assert [r.text("en") for r in tirta.reasons[:3]] == [
        "offers water and irrigation, which A needs",
        "offers know-how and training, which the family welfare movement of A needs",
        "needs labour, which A can offer",
    ]
    halves = by_id(suggest(net, "A", weights=Weights(institution_need=0, returned=0)))["pt-tirta"]
    assert halves.components["complementarity"] == 1.0


def test_peer_learning_counts_status_steps_in_a_shared_sector(net):
    found = by_id(suggest(net, "A", weights=Weights(network=0, complementarity=0)))
    assert found[code(2)].components["peer_learning"] == 2  # small industry, mandiri against berkembang
    assert code(3) not in found  # further along, but farming
    reason = next(r for r in found[code(2)].reasons if r.component == "peer_learning")
    assert reason.text("en") == (
        "B (self-reliant) also works in small industry and is further developed than A (developing): "
        "its flagship programmes are worth learning from"
    )
    # only villages and kades learn this way: an organisation asking gets no peer learning
    assert all(s.components["peer_learning"] == 0 for s in suggest(net, "LSM P", top=None))


def test_proximity_by_area_and_by_distance():
    here = Village(code=code(1), name="Here", needs=["air"])
    there = [
        Village(code=code(2), name="Same kecamatan", offers=["air"]),
        Village(code=code(1, "18.02.03"), name="Same kabupaten", offers=["air"]),
        Village(code=code(1, "18.03.01"), name="Same province", offers=["air"]),
        Ngo(id="far", name="Elsewhere", area="31", offers=["air"]),
        Ngo(id="unknown", name="Nowhere known", offers=["air"]),
    ]
    found = by_id(suggest(Network([here, *there]), "Here", within="all", top=None))
    proximity = {s.candidate.name: s.components["proximity"] for s in found.values()}
    assert proximity == {"Same kecamatan": 1.0, "Same kabupaten": 0.5, "Same province": 0.25,
                         "Elsewhere": 0.0, "Nowhere known": 0.0}
    # 0.0899322° of longitude on the equator is 10.0 km: proximity 1 / (1 + 10 / 10)
    a = Village(code=code(1), name="A", needs=["air"], latitude=0.0, longitude=100.0)
    b = Village(code=code(1, "18.03.01"), name="B", offers=["air"], latitude=0.0, longitude=100.0899322)
    (s,) = suggest(Network([a, b]), "A", within="all")
    assert s.components["proximity"] == pytest.approx(0.5, abs=1e-6)
    assert s.reasons[-1].text("en") == "about 10 km away"


def test_proximity_alone_brings_no_one(net):
    assert "18.02.02.2004" not in by_id(suggest(net, "A", weights=Weights(network=0)))
    assert suggest(Network([Village(code=code(1), name="A"), Village(code=code(2), name="B")]), "A") == []


# What is never suggested ---------------------------------------------------------------------


def test_never_the_actor_its_side_or_its_partners(net):
    every = {s.candidate.id for s in suggest(net, "A", top=None, within="all")}
    assert every.isdisjoint({code(1), "bumdes-a", "pkk-a", "kades-a", "lsm-p", "lsm-q", "pt-g"})
    assert every == {code(2), code(3), code(4), "pt-tirta"}
    assert {c.id for c in eligible(net, "A", within="all")} == every  # D and B, C and Tirta; nobody else
    # a kades or an institution asks for its village
    assert side(net, "kades-a") == side(net, "bumdes-a") == code(1)
    assert {s.candidate.id for s in suggest(net, "BUM Desa A", top=None, within="all")} == every


def test_mandate_ties_count_as_existing_partners_but_not_as_evidence():
    """Kantor Camat ──support──► A, B (mandate: no evidence); Dinas ──support──► A only."""
    a, b = Village(code=code(1), name="A", needs=["air"]), Village(code=code(2), name="B", needs=["data"])
    camat = Government(id="camat", name="Kantor Camat", area=KEC, offers=["data"])
    dinas = Government(id="dinas", name="Dinas PU", area="18.02", offers=["air", "data"])
    net = Network([a, b, camat, dinas], [tie("support", "camat", a.id), tie("support", "camat", b.id),
                                         tie("support", "dinas", a.id)])
    assert suggest(net, "A", top=None) == []  # B shares only the camat's mandate; the Dinas is a partner
    assert [s.candidate.id for s in suggest(net, "B")] == ["dinas"]  # the camat already supports B


def test_a_kelurahan_is_never_offered_a_kades():
    """Kelurahan K (tertinggal) and Desa D (mandiri) both small industry; D has a kades."""
    k = Village(code="18.72.01.1001", name="K", sectors=["umkm"], development_status="tertinggal")
    d = Village(code="18.72.01.2002", name="D", sectors=["umkm"], development_status="mandiri")
    lurah_office = Institution(id="lpm-k", name="LPM K", village=k.id, type="lpm")
    net = Network([k, d, lurah_office, VillageHead(id="kades-d", name="Kades D", village=d.id)])
    assert [s.candidate.id for s in suggest(net, "K")] == [d.id]  # D is further along: the village, not its kades
    assert [s.candidate.id for s in suggest(net, "K", kind="village")] == [d.id]
    assert suggest(net, "K", kind="village_head") == []
    assert suggest(net, "LPM K", kind="kepala desa") == []


def test_a_kades_is_offered_kades(net):
    found = suggest(net, "Kades A", top=None)
    kinds = {s.candidate.kind for s in found}
    assert ActorKind.VILLAGE not in kinds and ActorKind.VILLAGE_HEAD in kinds
    kades_b = by_id(found)["kades-b"]
    assert (kades_b.candidate.name, kades_b.candidate.area) == ("Kades B", code(2))
    assert kades_b.components == by_id(suggest(net, "A", top=None))[code(2)].components  # judged as its village
    assert [s.candidate.id for s in suggest(net, "A", kind="kades")] == ["kades-b"]  # C and D have no kades


# Options ---------------------------------------------------------------------------------------


def test_weights_change_the_order(net):
    # B: 5/6 shared + 0.5 × 2 steps + 0.5 × 1 (kecamatan) = 2.33; PT Tirta: 2 needs met + 0.5 × 0.5 (kabupaten)
    # = 2.25; D: 1/2 + 0.5 = 1; C: 1/3 + 0.5 = 0.83
    assert [s.candidate.id for s in suggest(net, "A")] == [code(2), "pt-tirta", code(4), code(3)]
    assert suggest(net, "A")[0].score == pytest.approx(5 / 6 + 1 + 0.5)
    assert suggest(net, "A", weights=Weights(peer_learning=0))[0].candidate.id == "pt-tirta"  # B: 1.33
    order = [s.candidate.id for s in suggest(net, "A", weights=Weights(complementarity=0, peer_learning=0))]
    assert order == [code(2), code(4), code(3)]  # PT Tirta has nothing left but proximity


def test_the_score_is_the_weighted_sum_and_the_reasons_add_up():
    net = Network(synth.demo().actors, synth.demo().ties).at(date(2024, 12, 31))
    for options in ({"weights": Weights(network=1.5, proximity=0.3)}, {"need": "air"}, {"kind": "kades"}):
        weights = options.get("weights", Weights())
        for village in net.of_kind(ActorKind.VILLAGE):
            for s in suggest(net, village.id, top=None, **options):
                assert s.score == pytest.approx(sum(weights.of(c) * v for c, v in s.components.items()))
                for component in COMPONENTS:
                    parts = [r.value for r in s.reasons if r.component == component]
                    assert sum(parts) == pytest.approx(s.components[component])


def test_ranked_by_score_then_id_and_cut_at_top(net):
    every = suggest(net, "A", top=None, within="all")
    assert [(-s.score, s.candidate.id) for s in every] == sorted((-s.score, s.candidate.id) for s in every)
    assert suggest(net, "A", top=2) == every[:2]
    with pytest.raises(ValueError):
        suggest(net, "A", top=0)


def test_need_keeps_those_offering_it_in_either_language(net):
    for label in ("air", "air/irigasi", "water", "Water and irrigation"):
        assert [s.candidate.id for s in suggest(net, "B", need=label)] == ["pt-tirta"]
    (s,) = suggest(net, "B", need="air")
    assert s.reasons[0].text("en") == "offers water and irrigation, which B is looking for"
    assert s.components["complementarity"] == 1.0
    with pytest.raises(JejaringError) as caught:
        suggest(net, "B", need="emas")
    assert caught.value.key == "recommend.unknown_need"


def test_kind_in_either_language(net):
    assert [s.candidate.id for s in suggest(net, "A", kind="perusahaan")] == ["pt-tirta"]
    assert suggest(net, "A", kind="university") == []
    with pytest.raises(JejaringError) as caught:
        suggest(net, "A", kind="lembaga")
    assert caught.value.key == "recommend.bad_kind"


def test_within_limits_by_area_and_keeps_wider_organisations():
    here = Village(code=code(1), name="Here", needs=["dana"])
    others = [
        Village(code=code(1, "18.02.03"), name="Other kecamatan", offers=["dana"]),
        Village(code=code(1, "18.03.01"), name="Other kabupaten", offers=["dana"]),
        Ngo(id="prov", name="Provincial NGO", area="18", offers=["dana"]),
        Ngo(id="other-prov", name="NGO of Jakarta", area="31", offers=["dana"]),
        Ngo(id="anywhere", name="NGO with no area", offers=["dana"]),
        University(id="kab", name="University of the kabupaten", area="18.02", offers=["dana"]),
    ]
    net = Network([here, *others])
    names = {w: {s.candidate.name for s in suggest(net, "Here", within=w, top=None)}
             for w in ("kecamatan", "kabupaten", "province", "all")}
    wider = {"Provincial NGO", "NGO with no area", "University of the kabupaten"}
    assert names["kecamatan"] == wider
    assert names["kabupaten"] == wider | {"Other kecamatan"}
    assert names["province"] == wider | {"Other kecamatan", "Other kabupaten"}
    assert names["all"] == names["province"] | {"NGO of Jakarta"}
    with pytest.raises(JejaringError):
        suggest(net, "Here", within="country")


def test_bad_weights_are_refused():
    for bad in ({"network": -1}, {"proximity": math.nan}, {"index": "jaccard"}):
        with pytest.raises(JejaringError):
            Weights(**bad)


# Finding the actor -------------------------------------------------------------------------------


def test_actor_by_id_or_unique_name(net):
    assert suggest(net, code(1)) == suggest(net, "  a ")
    twins = [Village(code=code(1), name="Sido Mulyo"), Village(code=code(1, "18.02.03"), name="Sido Mulyo")]
    with use_lang("en"), pytest.raises(JejaringError) as caught:
        resolve_actor(twins, "sido mulyo")
    assert caught.value.key == "recommend.ambiguous_actor"
    assert f"  {code(1)}  Sido Mulyo (village)" in str(caught.value)
    with pytest.raises(JejaringError) as caught:
        suggest(net, "PT Tirtaa")
    assert caught.value.key == "recommend.unknown_actor_close" and "PT Tirta" in caught.value.params["names"]
    with pytest.raises(JejaringError) as caught:
        suggest(net, "Atlantis")
    assert caught.value.key == "recommend.unknown_actor"


# Records, languages and the index ----------------------------------------------------------------


def test_reasons_read_in_both_languages(net):
    tirta = by_id(suggest(net, "A"))["pt-tirta"]
    assert [r.text("id") for r in tirta.reasons] == [
        "menyediakan air/irigasi yang dibutuhkan A",
        "menyediakan pengetahuan/pelatihan yang dibutuhkan PKK A",
        "membutuhkan tenaga kerja yang dapat disediakan A",
        "berada di kabupaten yang sama",
    ]
    b = by_id(suggest(net, "A"))[code(2)]
    assert [r.component for r in b.reasons] == ["peer_learning", "network", "proximity"]  # 0.5 × 2, then 5/6
    with use_lang("id"):
        assert b.reasons[1].text() == "sudah bekerja sama dengan 2 mitra A: LSM P, LSM Q"
        assert b.to_dict()["reasons"][-1]["text"] == "berada di kecamatan yang sama"
    record = b.to_dict("en")
    assert record["kind"] == "village" and record["components"] == dict(b.components)
    peer = next(r for r in record["reasons"] if r["component"] == "peer_learning")
    assert peer["params"]["status"] == "self_reliant" and peer["value"] == 2.0


def test_records_are_plain_and_frozen():
    candidate = Candidate("x", "X", ActorKind.NGO, "18")
    reason = Reason("network", 0.5, "recommend.reason.shared_partner", {"actor": "A", "count": 1, "partners": ["P"]})
    assert reason.text("en") == "already works with a partner of A: P"
    with pytest.raises(AttributeError):
        candidate.name = "Y"


def test_the_index_is_built_once_per_network(net):
    assert partner_index(net) is partner_index(net)
    assert partner_index(net.at(date(2024, 1, 1))) is not partner_index(net)


# Against networkx --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2024, 3, 31), date(2024, 12, 31)])
def test_network_evidence_equals_networkx_on_the_demo(day):
    batch = synth.demo()
    net = Network(batch.actors, batch.ties).at(day)
    graph = partner_graph(net)
    weights = Weights(complementarity=0, peer_learning=0, proximity=0)
    for village in net.of_kind(ActorKind.VILLAGE):
        ours = {s.candidate.id: s.score for s in suggest(net, village.id, within="all", top=None, weights=weights)}
        allowed = {c.id for c in eligible(net, village.id, within="all")}
        pairs = [(village.id, other) for other in nx.non_neighbors(graph, village.id)]
        theirs = {v: score for _, v, score in nx.resource_allocation_index(graph, pairs) if score > 0 and v in allowed}
        assert ours.keys() == theirs.keys()
        for v, score in theirs.items():
            assert ours[v] == pytest.approx(score, abs=1e-12)
