"""The synthetic network generator: determinism, model rules, realistic shape and gaps."""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date

import pytest

from jejaring import synth
from jejaring.gazetteer import gazetteer
from jejaring.store.base import Batch
from jejaring.vocab import ActorKind, InstitutionType, MeetingType, Role, TieKind

ORGANISATIONS = {ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT}
START = date(2024, 1, 1)


@pytest.fixture(scope="module")
def demo() -> Batch:
    return synth.demo()


@pytest.fixture(scope="module")
def mixed() -> Batch:
    """Gunung Sugih (11 desa, 4 kelurahan) and Kota Metro (22 kelurahan)."""
    g = gazetteer()
    return synth.generate(g.villages_of("18.02.04") + g.villages_of("18.72"), seed=5)


@pytest.fixture(scope="module")
def kabupaten() -> Batch:
    return synth.generate(gazetteer().villages_of("18.02"), seed=11)


def of_kind(batch: Batch, kind: ActorKind) -> list:
    return [a for a in batch.actors if a.kind is kind]


def inter_village(batch: Batch) -> list:
    villages = {a.id for a in of_kind(batch, ActorKind.VILLAGE)}
    return [t for t in batch.ties if t.source in villages and t.target in villages]


def digest(batch: Batch) -> str:
    records = [*batch.actors, *batch.ties, *batch.meetings]
    return hashlib.sha256("\n".join(r.model_dump_json() for r in records).encode()).hexdigest()


def test_the_same_seed_gives_the_same_network_and_another_seed_another(demo: Batch) -> None:
    assert synth.demo() == demo
    other = synth.demo(seed=2025)
    assert other != demo
    assert [a.id for a in of_kind(other, ActorKind.VILLAGE)] == [a.id for a in of_kind(demo, ActorKind.VILLAGE)]


def test_the_network_does_not_depend_on_the_process_hash_seed(demo: Batch) -> None:
    script = (
        "import hashlib; from jejaring import synth; b = synth.demo();"
        "print(hashlib.sha256('\\n'.join(r.model_dump_json() for r in [*b.actors, *b.ties, *b.meetings])"
        ".encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == digest(demo)


def test_every_desa_has_one_kades_leading_it_and_no_kelurahan_has_one(mixed: Batch) -> None:
    villages = of_kind(mixed, ActorKind.VILLAGE)
    assert {v.is_kelurahan for v in villages} == {True, False}
    heads = Counter(h.village for h in of_kind(mixed, ActorKind.VILLAGE_HEAD))
    assert heads == Counter(v.id for v in villages if not v.is_kelurahan)
    leads = {
        (t.source, t.target)
        for t in mixed.ties
        if t.kind is TieKind.LEADERSHIP and t.role is Role.KADES and t.in_force(START)
    }
    assert leads == {(h.id, h.village) for h in of_kind(mixed, ActorKind.VILLAGE_HEAD)}


def test_institutions_fit_their_village(mixed: Batch, demo: Batch) -> None:
    kelurahan = {v.id for v in of_kind(mixed, ActorKind.VILLAGE) if v.is_kelurahan}
    per_village: defaultdict[str, list[InstitutionType]] = defaultdict(list)
    for batch in (mixed, demo):
        for institution in of_kind(batch, ActorKind.INSTITUTION):
            per_village[institution.village].append(institution.type)
    for village, types in per_village.items():
        if village in kelurahan:
            assert 4 <= len(types) <= 6 and not any(t.desa_only for t in types), village
        else:
            assert 5 <= len(types) <= 8 and InstitutionType.PEMERINTAH_DESA in types, village
    members = {(t.source, t.target) for t in mixed.ties if t.kind is TieKind.MEMBERSHIP}
    assert members == {(i.id, i.village) for i in of_kind(mixed, ActorKind.INSTITUTION)}


def test_every_reference_names_a_generated_actor_and_ids_are_unique(mixed: Batch, kabupaten: Batch) -> None:
    for batch in (mixed, kabupaten):
        ids = {a.id for a in batch.actors}
        assert len(ids) == len(batch.actors)
        assert len({t.id for t in batch.ties}) == len(batch.ties)
        assert len({m.id for m in batch.meetings}) == len(batch.meetings)
        assert all(t.source in ids and t.target in ids for t in batch.ties)
        for meeting in batch.meetings:
            assert {meeting.host, meeting.village, *meeting.attendees} - {None} <= ids, meeting.id
            assert meeting.host in meeting.attendees


def test_generated_records_are_marked_synthetic(mixed: Batch) -> None:
    for actor in mixed.actors:
        assert actor.kind is ActorKind.VILLAGE or actor.id.startswith(synth.ID_PREFIX)
        assert (actor.notes == synth.SYNTHETIC_NOTE) is (actor.kind in ORGANISATIONS)
    assert all(r.id.startswith(synth.ID_PREFIX) for r in [*mixed.ties, *mixed.meetings])


def test_villages_have_plausible_attributes(kabupaten: Batch) -> None:
    villages = of_kind(kabupaten, ActorKind.VILLAGE)
    assert len(villages) == len(gazetteer().villages_of("18.02"))
    for v in villages:
        assert 1 <= len(v.sectors) <= 3 and 1 <= len(v.needs) <= 3 and 1 <= len(v.offers) <= 3, v.id
        assert not set(v.needs) & set(v.offers) and 1000 <= v.population <= 8000
        assert v.status_scheme == "idm" and v.status_year == 2024
    statuses = Counter(v.development_status.value for v in villages)
    assert statuses.most_common(1)[0][0] == "developing"
    assert statuses["self_reliant"] + statuses["very_underdeveloped"] < statuses["developing"] / 2


def test_meetings_fall_in_the_requested_quarters() -> None:
    batch = synth.generate(gazetteer().villages_of("18.02.02"), seed=3, start=date(2024, 4, 1), quarters=3)
    dates = [m.date for m in batch.meetings]
    assert min(dates) >= date(2024, 4, 1) and max(dates) < date(2025, 1, 1)
    assert all(d.weekday() < 5 for d in dates)
    rakor = Counter((m.date.month - 1) // 3 for m in batch.meetings if m.type is MeetingType.RAPAT_KOORDINASI)
    assert sorted(rakor) == [1, 2, 3]
    with pytest.raises(ValueError):
        synth.generate(gazetteer().villages_of("18.02.02"), seed=3, quarters=0)


def test_the_demo_is_bangun_rejo_with_gaps_to_find(demo: Batch) -> None:
    villages = of_kind(demo, ActorKind.VILLAGE)
    assert len(villages) == 17 and {v.code[:8] for v in villages} == {synth.DEMO_KECAMATAN}
    with_bpd = {i.village for i in of_kind(demo, ActorKind.INSTITUTION) if i.type is InstitutionType.BPD}
    assert 1 <= len(villages) - len(with_bpd) <= 2
    linked = {end for t in inter_village(demo) for end in (t.source, t.target)}
    assert {v.id for v in villages} - linked
    heads = {h.id for h in of_kind(demo, ActorKind.VILLAGE_HEAD)}
    peers = {end for t in demo.ties if t.kind is TieKind.PEER_LEARNING for end in (t.source, t.target)}
    assert heads - peers and peers <= heads


def test_the_demo_has_an_expired_unrenewed_partnership(demo: Batch) -> None:
    periods: defaultdict[frozenset[str], list] = defaultdict(list)
    for tie in inter_village(demo):
        if tie.kind is TieKind.PARTNERSHIP:
            assert tie.document == "joint_regulation" and tie.field is not None
            periods[frozenset((tie.source, tie.target))].append(tie)
    assert any(all(not t.in_force(START) and t.until <= START for t in ties) for ties in periods.values())
    assert any(any(t.in_force(START) for t in ties) for ties in periods.values())


def test_the_demo_has_coordination_gaps_in_its_quarters(demo: Batch) -> None:
    rakor = [m for m in demo.meetings if m.type is MeetingType.RAPAT_KOORDINASI]
    assert len(rakor) == 17 * 4 - 1  # one village missed one quarter
    institutions = of_kind(demo, ActorKind.INSTITUTION)
    attended = Counter(a for m in rakor for a in m.attendees)
    assert any(attended[i.id] < 4 for i in institutions if i.type is not InstitutionType.PEMERINTAH_DESA)
    types = Counter(m.type for m in demo.meetings)
    assert types[MeetingType.FORUM_KADES] == 4 and types[MeetingType.MUSRENBANG_KECAMATAN] == 1
    assert types[MeetingType.MUSDES] == 17 and types[MeetingType.MUSRENBANGDES] == 17
    assert {MeetingType.KUNJUNGAN_KERJA, MeetingType.PELATIHAN, MeetingType.MUSYAWARAH_ANTAR_DESA} <= set(types)


def test_the_kecamatan_office_supports_every_village(demo: Batch) -> None:
    office = [a for a in of_kind(demo, ActorKind.GOVERNMENT) if a.area == synth.DEMO_KECAMATAN]
    assert len(office) == 1 and office[0].level == "district"
    supported = {t.target for t in demo.ties if t.kind is TieKind.SUPPORT and t.source == office[0].id}
    assert supported == {v.id for v in of_kind(demo, ActorKind.VILLAGE)}


def test_third_parties_partner_counts_are_heavy_tailed(kabupaten: Batch) -> None:
    village_of = {i.id: i.village for i in of_kind(kabupaten, ActorKind.INSTITUTION)}
    third_parties = {a.id for a in kabupaten.actors if a.kind in ORGANISATIONS - {ActorKind.GOVERNMENT}}
    partners: defaultdict[str, set[str]] = defaultdict(set)
    for tie in kabupaten.ties:
        if tie.source in third_parties:
            partners[tie.source].add(village_of.get(tie.target, tie.target))
    counts = sorted(len(p) for p in partners.values())
    assert len(counts) >= 6 and counts[-1] >= 3 * statistics.median(counts), counts
    kinds = Counter(t.kind for t in kabupaten.ties)
    assert kinds[TieKind.FUNDING] and kinds[TieKind.PARTNERSHIP] and kinds[TieKind.RESOURCE_SHARING]


def test_batches_stream_in_writable_order_and_kecamatan_do_not_depend_on_each_other(kabupaten: Batch) -> None:
    parts = list(synth.generate_area("18.02", seed=11))
    known: set[str] = set()
    for part in parts:
        known |= {a.id for a in part.actors}
        assert all(t.source in known and t.target in known for t in part.ties)
        assert all(set(m.attendees) <= known for m in part.meetings)
    merged = Batch()
    for part in parts:
        merged.extend(part)
    assert merged == kabupaten
    alone = synth.generate(gazetteer().villages_of(synth.DEMO_KECAMATAN), seed=11)
    for records, within in ((alone.actors, kabupaten.actors), (alone.ties, kabupaten.ties),
                            (alone.meetings, kabupaten.meetings)):
        by_id = {r.id: r for r in within}
        assert all(by_id.get(r.id) == r for r in records)


def test_the_demo_writes_into_a_sqlite_store(demo: Batch, tmp_path) -> None:
    from jejaring.store import open_store

    store = open_store(tmp_path / "demo.db", create=True)
    try:
        store.write(demo)
        counts = store.counts()
    finally:
        store.close()
    assert counts["ties"] == len(demo.ties) and counts["meetings"] == len(demo.meetings)
    assert counts["village"] == 17
