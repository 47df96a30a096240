"""The greedy plan of new ties, on networks small enough to check by hand (drawn in the
docstrings), its choices against the exhaustive optimum, and its claims against the gap report
recomputed on the network with the plan's ties added (an independent computation).

Villages are in Kecamatan Bangun Rejo (18.02.02), neighbours of each other (no coordinates);
``══`` is a tie; views are on 1 June 2024.
"""

from __future__ import annotations

import json
import math
from datetime import date
from itertools import combinations

import pytest

from jejaring import synth
from jejaring.analysis.gap_types import ActorRef, GapType, PartnerKind
from jejaring.analysis.gaps import (
    coverage_matrix,
    expired_partnerships,
    isolated_villages,
    kades_gaps,
    single_brokers,
    unmet_needs,
)
from jejaring.analysis.plan import STATUS_MAX, NewTie, Term, Weights, candidates, plan
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Firm, Government, Institution, Ngo, Tie, Village, VillageHead
from jejaring.network import Network
from jejaring.vocab import ActorKind, DevelopmentStatus, TieKind

KEC = "18.02.02"
DAY = date(2024, 6, 1)
A, B, C, K = f"{KEC}.2001", f"{KEC}.2002", f"{KEC}.2003", f"{KEC}.1004"
FACTOR = {"underdeveloped": 1.25, "developing": 1.0, "advanced": 0.75, None: 1.0}  # the default status=0.25


def tie(kind: str, source: str, target: str, since: str | None = None, until: str | None = None) -> Tie:
    return Tie(kind=kind, source=source, target=target, since=since, until=until)


# The hand-built network, its gaps, and an independent score -------------------------------


@pytest.fixture
def small():
    """
        Purwodadi A (tertinggal; needs water, labour; offers land)      kades Ahmad (isolated)
        Sido Dadi B (berkembang; needs market access; offers water) ══ Sido Rejo C (maju; offers labour)
            kades Budi ══peer learning══ kades Citra
        Kauman K (a kelurahan: no kades; needs training)
        LSM Tani (NGO) ══ Sido Dadi                  LSM Tani offers training
        PT Maju (firm) ══ Purwodadi, Jan–May 2024    PT Maju offers market access (expired)
        Kantor Camat ──support──► A, B, C, K         (government filled everywhere)
        pool: Dinas Lain (government of kabupaten 18.03, offers water) — out of reach

    Gaps: needs A water (B offers), A labour (C), B market (PT Maju), K training (LSM);
    isolated A, K; kinds A NGO+firm, B firm, C NGO+firm, K NGO+firm (no university anywhere);
    kades Ahmad of a low-status village with no peer; the expired A–PT Maju partnership.
    """
    actors = [
        Village(code=A, name="Purwodadi", needs=["air", "tenaga kerja"], offers=["lahan"],
                sectors=["perkebunan"], development_status="tertinggal"),
        Village(code=B, name="Sido Dadi", needs=["pasar"], offers=["air"], sectors=["peternakan"],
                development_status="berkembang"),
        Village(code=C, name="Sido Rejo", offers=["tenaga kerja"], sectors=["pertanian"], development_status="maju"),
        Village(code=K, name="Kauman", needs=["pelatihan"]),
        VillageHead(id="ka", name="Ahmad", village=A), VillageHead(id="kb", name="Budi", village=B),
        VillageHead(id="kc", name="Citra", village=C),
        Ngo(id="lsm", name="LSM Tani", area="18.02", offers=["pelatihan"]),
        Firm(id="pt", name="PT Maju", area="18.02", offers=["pasar"]),
        Government(id="camat", name="Kantor Camat", area=KEC),
    ]
    ties = [
        tie("partnership", B, C, "2023-01-01"), tie("peer_learning", "kb", "kc", "2023-01-01"),
        tie("partnership", "lsm", B, "2023-01-01"), tie("partnership", "pt", A, "2024-01-01", "2024-05-01"),
        *(tie("support", "camat", v) for v in (A, B, C, K)),
    ]
    return Network(actors, ties, area=KEC).at(DAY)


POOL = [Government(id="dinas-lain", name="Dinas Lain", area="18.03", offers=["air"])]


def with_ties(net: Network, ties: list[Tie], pool=()) -> Network:
    """The same view with ``ties`` added (and the pool's organisations as actors)."""
    base = net.undated()
    extra = [a for a in pool if a.id not in base.actors]
    full = Network([*base.actors.values(), *extra], [*base.ties, *ties], base.meetings, area=base.area)
    return full.during(net.start, net.end)


def report_score(net: Network, ties: list[Tie], weights: Weights = Weights(), pool=()) -> float:
    """The objective read off the gap report of the network with ``ties`` added."""
    after = with_ties(net, ties, pool)
    villages = [v for v in net.of_kind(ActorKind.VILLAGE)]
    status = {v.id: v.development_status.value if v.development_status else None for v in villages}
    needs = sum(FACTOR[status[v.id]] for v in villages for _ in v.needs)
    needs -= sum(FACTOR[status[g.village.id]] for g in unmet_needs(after))
    matrix = coverage_matrix(after)
    kinds = sum(1 for row in matrix.counts for n in row[:4] if n)
    connected = len(villages) - len(isolated_villages(after))
    peers = len(net.of_kind(ActorKind.VILLAGE_HEAD)) - len(kades_gaps(after))
    seconds = len({g.village.id for g in single_brokers(net)} - {g.village.id for g in single_brokers(after)})
    renewed = len(expired_partnerships(net)) - len(expired_partnerships(after))
    return (weights.need * needs + weights.kind * kinds + weights.connect * connected + weights.peer * peers
            + weights.broker * seconds + weights.renew * renewed)


def pairs(ties: list[NewTie]) -> set[tuple[str, str, str]]:
    return {(t.source.id, t.target.id, t.kind.value) for t in ties}


# Weights ------------------------------------------------------------------------------------


def test_weights_defaults_parse_and_the_status_factor():
    assert Weights().to_dict() == {"need": 1, "connect": 1, "kind": 1, "peer": 1, "broker": 1, "renew": 1,
                                   "status": 0.25}
    assert Weights.parse("need=2, connect=3,status=0") == Weights(need=2, connect=3, status=0)
    factors = [Weights().factor(s) for s in DevelopmentStatus]  # sangat tertinggal … mandiri
    assert factors == [1.5, 1.25, 1.0, 0.75, 0.5]
    assert Weights().factor(None) == 1.0 and Weights(status=STATUS_MAX).factor(DevelopmentStatus.MANDIRI) == 0
    assert Weights(need=2).of(Term.NEED) == 2 and Term.RENEW.gap_type is GapType.FRAGILITY


@pytest.mark.parametrize(
    ("text", "key"),
    [("need", "plan.bad_weights"), ("trust=2", "plan.unknown_weight"), ("need=lots", "plan.bad_weight"),
     ("need=-1", "plan.bad_weight"), ("status=0.6", "plan.bad_status"), ("need=nan", "plan.bad_weight")],
)
def test_weights_refuse_what_they_cannot_use(text, key):
    with pytest.raises(JejaringError) as caught:
        Weights.parse(text)
    assert caught.value.key == key
    with use_lang("en"):
        assert str(caught.value).endswith(".")


# Candidates ---------------------------------------------------------------------------------


def test_candidates_are_the_ties_that_close_a_gap(small):
    found = candidates(small, partners=POOL)
    assert pairs(found) == {
        (A, "pt", "partnership"),  # renews the expired partnership (and fills A's firm cell)
        (A, "lsm", "partnership"), (A, B, "partnership"), (A, C, "partnership"),  # NGO; water; labour
        (B, "pt", "partnership"), (C, "lsm", "partnership"), (C, "pt", "partnership"),
        (K, "lsm", "partnership"), (K, "pt", "partnership"),
        (K, A, "partnership"), (K, B, "partnership"), (K, C, "partnership"),  # K matches no neighbour
        ("ka", "kb", "peer_learning"), ("ka", "kc", "peer_learning"),  # both of higher status than A
    }
    renewal = next(t for t in found if t.renews)
    assert renewal.renews == "partnership:pt:18.02.02.2001:2024-01-01" and renewal.until == date(2024, 5, 1)


def test_candidates_never_repeat_a_tie_nor_give_a_kelurahan_a_kades(small):
    found = candidates(small, partners=POOL)
    in_force = {frozenset((t.source, t.target)) for t in small.ties}
    assert not [t for t in found if frozenset((t.village.id, t.partner.id)) in in_force]
    assert not [t for t in found if t.kind is TieKind.PEER_LEARNING and K in (t.village.id, t.partner.id)]
    assert "dinas-lain" not in {t.partner.id for t in found}  # a government office of another kabupaten
    # Each candidate alone closes a gap of the report: the score read off the report goes up.
    before = report_score(small, [])
    assert all(report_score(small, [t.record()]) > before for t in found)


def test_organisations_of_the_pool_are_proposed_within_their_reach():
    """
        Purwodadi needs water; nobody in the view offers it.
        pool: Dinas PU (government, kabupaten 18.02), Dinas Lain (government, 18.03),
              Yayasan Air (NGO, 18.03.01: another kabupaten), Perkumpulan Lampung (NGO, province 18)
    """
    village = Village(code=A, name="Purwodadi", needs=["air"])
    pool = [Government(id="pu", name="Dinas PU", area="18.02", offers=["air"]),
            Government(id="lain", name="Dinas Lain", area="18.03", offers=["air"]),
            Ngo(id="yayasan", name="Yayasan Air", area="18.03.01", offers=["air"]),
            Ngo(id="prov", name="Perkumpulan Lampung", area="18", offers=["air"])]
    found = candidates(Network([village], area=KEC).at(DAY), partners=pool)
    assert {t.partner.id for t in found} == {"pu", "prov"}


# The plan against the exhaustive optimum ---------------------------------------------------


def test_the_greedy_steps_on_the_small_network(small):
    result = plan(small, budget=3, partners=POOL)
    with use_lang("en"):
        lines = [(s.tie.describe().render(), s.gain, [c.why.render() for c in s.closes]) for s in result.steps]
    assert lines == [
        # 1.25 for water in a tertinggal village, 1 for A joining; A–C gains as much, B's code is lower.
        ("Purwodadi ↔ Sido Dadi (other village)", 2.25,
         ["water and irrigation for Purwodadi, offered by Sido Dadi", "Purwodadi joins inter-village cooperation"]),
        # Three candidates gain 2 now; LSM Tani already works with a village here.
        ("Kauman ↔ LSM Tani (NGO)", 2.0,
         ["know-how and training for Kauman, offered by LSM Tani", "Kauman gets its first NGO partner"]),
        ("Purwodadi ↔ PT Maju (firm)", 2.0,
         ["Purwodadi gets its first firm partner",
          "the partnership between PT Maju and Purwodadi that ended on 2024-05-01 is renewed"]),
    ]
    assert [s.total for s in result.steps] == [result.before.total + g for g in (2.25, 4.25, 6.25)]
    assert result.candidates == 14


def test_the_scores_are_those_of_the_gap_report(small):
    """Before and after each step, the plan's score is the one read off the gap report."""
    result = plan(small, budget=5, partners=POOL)
    assert result.before.total == pytest.approx(report_score(small, []))
    records = result.records()
    for step in result.steps:
        assert step.total == pytest.approx(report_score(small, records[: step.number]))
    assert result.after.total == pytest.approx(result.steps[-1].total)


@pytest.mark.parametrize("budget", [1, 2])
def test_greedy_matches_the_exhaustive_optimum(small, budget):
    pool = candidates(small, partners=POOL)
    best = max(report_score(small, [t.record() for t in chosen]) for chosen in combinations(pool, budget))
    assert plan(small, budget=budget, partners=POOL).after.total == pytest.approx(best)


def test_greedy_is_within_the_submodular_bound_for_three_ties(small):
    weights = Weights(broker=0)
    pool = candidates(small, partners=POOL)
    base = report_score(small, [], weights)
    best = max(report_score(small, [t.record() for t in c], weights) for c in combinations(pool, 3)) - base
    assert plan(small, budget=3, weights=weights, partners=POOL).gain >= (1 - 1 / math.e) * best


def test_the_objective_is_monotone_and_submodular_without_the_broker_term(small):
    """For every S ⊆ T of at most two candidates and x outside T: f(S) <= f(T), and adding x
    to S gains at least as much as adding it to T (weights as default, broker 0)."""
    weights = Weights(broker=0, connect=2, status=0.5)
    pool = [t.record() for t in candidates(small, partners=POOL)]
    cache: dict[frozenset[int], float] = {}

    def f(chosen: frozenset[int]) -> float:
        if chosen not in cache:
            cache[chosen] = report_score(small, [pool[i] for i in sorted(chosen)], weights)
        return cache[chosen]

    indices = range(len(pool))
    for size in (1, 2):
        for big in map(frozenset, combinations(indices, size)):
            for small_set in (frozenset(s) for n in range(size) for s in combinations(sorted(big), n)):
                assert f(small_set) <= f(big) + 1e-9
                for x in set(indices) - big:
                    assert f(small_set | {x}) - f(small_set) >= f(big | {x}) - f(big) - 1e-9


def test_the_plan_stops_when_nothing_gains(small):
    result = plan(small, budget=50, partners=POOL)
    assert 0 < len(result.steps) < 14 and all(s.gain > 0 for s in result.steps)
    assert plan(small, budget=0).steps == ()
    with pytest.raises(JejaringError):
        plan(small, budget=-1)


def test_weights_change_the_choice(small):
    first = plan(small, budget=1, weights=Weights(peer=5), partners=POOL).steps[0]
    assert first.tie.kind is TieKind.PEER_LEARNING and first.gain == 5
    # Citra (maju) before Budi (berkembang)? Both are of higher status; Budi's id comes first.
    assert (first.tie.source.id, first.tie.target.id) == ("ka", "kb")
    with use_lang("en"):
        assert first.closes[0].why.render() == (
            "Ahmad (kades of Purwodadi, underdeveloped) gets a peer from a village of higher status (developing)")
        assert first.tie.describe().render() == "Ahmad, kades of Purwodadi ↔ Budi, kades of Sido Dadi (peer learning)"


# Fragility: the broker term ----------------------------------------------------------------


@pytest.fixture
def hub():
    """
        Purwodadi ══ LSM Hub ══ Sido Dadi        every path between villages runs through LSM Hub
                        ╚══════ Sido Rejo
        Yayasan Data (NGO, no tie yet, offers data); Purwodadi and Sido Dadi need data
    """
    villages = [Village(code=A, name="Purwodadi", needs=["data"]), Village(code=B, name="Sido Dadi", needs=["data"]),
                Village(code=C, name="Sido Rejo")]
    hub = Ngo(id="hub", name="LSM Hub", area="18.02")
    ties = [tie("partnership", "hub", v.id, "2023-01-01") for v in villages]
    return Network([*villages, hub], ties, area=KEC).at(DAY)


YAYASAN = Ngo(id="yayasan", name="Yayasan Data", area="18.02", offers=["data"])


def test_the_broker_term_is_not_submodular(hub):
    """Purwodadi–Yayasan and Yayasan–Sido Dadi give a second path only together."""
    only_broker = Weights(need=0, connect=0, kind=0, peer=0, renew=0, broker=1)
    a, b = (tie("partnership", v, "yayasan") for v in (A, B))
    f = lambda ties: report_score(hub, ties, only_broker, [YAYASAN])  # noqa: E731
    assert (f([]), f([a]), f([b]), f([a, b])) == (0, 0, 0, 2)
    assert f([a, b]) - f([a]) > f([b]) - f([])


def test_a_tie_between_two_fragile_villages_gives_both_a_second_path(hub):
    only_broker = Weights(need=0, connect=0, kind=0, peer=0, renew=0, broker=1)
    result = plan(hub, budget=3, weights=only_broker, partners=[YAYASAN])
    first = result.steps[0]
    assert (first.tie.village.id, first.tie.partner.id) == (A, B)
    assert [(c.term, c.village.name, c.subject, c.gain) for c in first.closes] == [
        (Term.CONNECT, "Purwodadi", A, 0), (Term.CONNECT, "Sido Dadi", B, 0),  # closed, though weighed 0
        (Term.BROKER, "Purwodadi", "hub", 1), (Term.BROKER, "Sido Dadi", "hub", 1)]
    with use_lang("id"):
        assert first.closes[2].why.render() == (
            "Purwodadi mendapat jalur kedua ke desa-desa lain selain lewat LSM Hub")
    assert result.after.counts[Term.BROKER] == 3 == result.after.possible[Term.BROKER]
    for step in result.steps:
        assert step.total == pytest.approx(report_score(hub, result.records()[: step.number], only_broker, [YAYASAN]))


# The demo network: the plan's claims against the gap report --------------------------------


@pytest.fixture(scope="module")
def demo():
    batch = synth.demo()
    organisations = [a for a in batch.actors if a.kind in (ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY,
                                                           ActorKind.GOVERNMENT)]
    return Network(batch.actors, batch.ties, batch.meetings).within(KEC), organisations


@pytest.mark.parametrize("view", ["2024Q2", "2024-12-31"])
def test_on_the_demo_every_closure_is_a_gap_the_report_no_longer_lists(demo, view):
    net, organisations = demo
    net = net.quarter(view) if "Q" in view else net.at(date.fromisoformat(view))
    result = plan(net, budget=8, partners=organisations)
    assert len(result.steps) == 8
    after = with_ties(net, result.records(), organisations)
    claimed = {term: {(c.village.id, c.subject) for s in result.steps for c in s.closes if c.term is term}
               for term in Term}
    needs = lambda n: {(g.village.id, g.why.params["need"].value) for g in unmet_needs(n)}  # noqa: E731
    assert claimed[Term.NEED] == needs(net) - needs(after)
    isolated = lambda n: {g.village.id for g in isolated_villages(n)}  # noqa: E731
    assert {v for v, _ in claimed[Term.CONNECT]} == isolated(net) - isolated(after)
    kinds = lambda n: {(v.id, k.value) for v in coverage_matrix(n).villages  # noqa: E731
                       for k in coverage_matrix(n).missing(v.id) if k is not PartnerKind.VILLAGE}
    assert claimed[Term.KIND] == kinds(net) - kinds(after)
    kades = lambda n: {g.actors[0].id for g in kades_gaps(n)}  # noqa: E731
    assert {s for _, s in claimed[Term.PEER]} == kades(net) - kades(after)
    fragile = lambda n: {g.village.id for g in single_brokers(n)}  # noqa: E731
    assert {v for v, _ in claimed[Term.BROKER]} == fragile(net) - fragile(after)
    assert len(claimed[Term.RENEW]) == len(expired_partnerships(net)) - len(expired_partnerships(after))
    assert result.after.total == pytest.approx(report_score(net, result.records(), pool=organisations))
    assert result.before.total == pytest.approx(report_score(net, [], pool=organisations))
    gains = [s.gain for s in result.steps]
    assert gains == sorted(gains, reverse=True)  # no broker gain here that two ties make together


def test_plan_data_is_json_ready_in_both_languages(small):
    result = plan(small, budget=2, partners=POOL)
    for lang in ("en", "id"):
        data = json.loads(json.dumps(result.to_dict(lang)))
        assert data["before"]["total"] == result.before.total and len(data["steps"]) == 2
        step = data["steps"][0]
        assert step["tie"]["partner"] == {"id": B, "name": "Sido Dadi"} and step["gain"] == 2.25
        assert [c["gap_type"] for c in step["closes"]] == ["unmet_need", "inter_village"]
    assert data["steps"][0]["tie"]["action"] == (
        "Sepakati dalam musyawarah antar desa Purwodadi dan Sido Dadi, lalu tetapkan dengan peraturan bersama "
        "kepala desa.")
    kelurahan = next(t for t in candidates(small) if t.village.id == K and t.partner.id == "lsm")
    with use_lang("en"):
        assert kelurahan.action().render() == (
            "Agree it with LSM Tani through the lurah and the camat (a kelurahan holds no musyawarah desa).")


def test_an_expired_partnership_with_a_village_outside_the_view_is_renewed_by_code():
    """
        BUM Desa Purwodadi ══partnership 2023══ BUM Desa X (of 18.02.03.2001, a village outside the view)
    The view of the kecamatan keeps BUM Desa X (a tie's end) but not its village: the gap report
    names that side by its code, and so does the plan.
    """
    outside = "18.02.03.2001"
    actors = [Village(code=A, name="Purwodadi"), Village(code=outside, name="Sido Makmur"),
              Institution(id="bumdes-a", name="BUM Desa Purwodadi", village=A, type="bum desa"),
              Institution(id="bumdes-x", name="BUM Desa X", village=outside, type="bum desa")]
    net = Network(actors, [tie("partnership", "bumdes-a", "bumdes-x", "2023-01-01", "2024-01-01")]).within(KEC)
    assert outside not in net.actors and "bumdes-x" in net.actors
    (renewal,) = [t for t in candidates(net.at(DAY)) if t.renews]
    assert (renewal.source.id, renewal.target.id) == ("bumdes-a", "bumdes-x")
    assert renewal.partner == ActorRef(outside, outside)
    step = plan(net.at(DAY), budget=1).steps[0]
    assert step.tie == renewal and [c.term for c in step.closes] == [Term.RENEW]  # no other village joins
    with use_lang("en"):
        assert step.tie.describe().render() == (
            "Purwodadi (BUM Desa Purwodadi) ↔ 18.02.03.2001 (BUM Desa X) (other village)")
