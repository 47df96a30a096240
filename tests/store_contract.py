"""The contract every store passes, whatever keeps the data.

A concrete test module subclasses :class:`StoreContract` as ``Test...`` and provides a
``store`` fixture yielding an empty store. The sample is small enough to check each expected
answer by hand: three villages of Kecamatan Bangun Rejo (Lampung Tengah), one kelurahan of
Kota Metro, and the people, institutions and organisations around them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.model import Meeting, Tie, parse_actor
from jejaring.store.base import Batch, Store, in_area
from jejaring.vocab import ActorKind, MeetingType, TieKind

__all__ = ["StoreContract", "sample", "contents"]

BANGUN_REJO, SIDO_MULYO, PURWODADI, METRO = "18.02.02.2005", "18.02.02.2007", "18.02.02.2001", "18.72.01.1001"
KADES, BPD, PKK = "kades-18.02.02.2005", "bpd-18.02.02.2005", "pkk-18.02.02.2007"
LSM, UNILA, CAMAT, FIRM = "lsm-tani-makmur", "unila", "camat-bangun-rejo", "pt-agro-sejahtera"

NASTY = 'Desa "X"; DROP TABLE actors; -- {a}'
CYPHER = "MATCH (n) DETACH DELETE n"


def sample() -> Batch:
    """The hand-checkable sample: 11 actors, 9 ties (one expired, one finished KKN), 3 meetings."""
    actors = [
        parse_actor(
            {
                "kind": "desa",
                "code": BANGUN_REJO,
                "name": "Bangun Rejo",
                "sectors": "pertanian; peternakan",
                "needs": "air/irigasi; pasar",
                "offers": "alsintan",
                "development_status": "maju",
                "status_scheme": "idm",
                "status_year": 2023,
                "population": 5123,
                "latitude": -4.8123456789012,
                "longitude": 105.0987654321,
                "notes": "Sentra padi dan sapi potong.",
            }
        ),
        parse_actor({"kind": "desa", "code": SIDO_MULYO, "name": "Sido Mulyo", "sectors": "perkebunan",
                     "development_status": "berkembang", "status_scheme": "id", "status_year": 2024}),
        parse_actor({"kind": "desa", "code": PURWODADI, "name": "Purwodadi", "needs": "alsintan"}),
        parse_actor({"kind": "kelurahan", "code": METRO, "name": "Metro", "population": 12034}),
        parse_actor({"kind": "kades", "id": KADES, "name": "Sutrisno", "village": BANGUN_REJO,
                     "term_start": "10/05/2022", "term_end": "10/05/2030",
                     "phone": "+62 812-7000-1234", "email": "sutrisno@example.id"}),
        parse_actor({"kind": "lembaga", "id": BPD, "name": "BPD Bangun Rejo", "village": BANGUN_REJO,
                     "type": "BPD", "contact_person": "Siti Aminah", "phone": "0812 7000 5678"}),
        parse_actor({"kind": "lembaga", "id": PKK, "name": "TP PKK Sido Mulyo", "village": SIDO_MULYO,
                     "type": "PKK"}),
        parse_actor({"kind": "lsm", "id": LSM, "name": "LSM Tani Makmur", "area": "18.02",
                     "sectors": "pertanian", "offers": "pendampingan; pelatihan",
                     "contact_person": "Budi Santoso", "email": "budi@example.org"}),
        parse_actor({"kind": "universitas", "id": UNILA, "name": "Universitas Lampung", "area": "18",
                     "offers": "pelatihan; data"}),
        parse_actor({"kind": "pemerintah", "id": CAMAT, "name": "Kantor Camat Bangun Rejo",
                     "area": "18.02.02", "level": "kecamatan"}),
        parse_actor({"kind": "perusahaan", "id": FIRM, "name": "PT Agro Sejahtera", "ownership": "swasta"}),
    ]
    ties = [
        Tie(id="t-kerjasama", kind="kerja sama", source=BANGUN_REJO, target=SIDO_MULYO, since="01/03/2024",
            field="pembangunan", document="peraturan bersama", document_ref="No. 01/2024"),
        Tie(id="t-alsintan", kind="berbagi sumber daya", source=SIDO_MULYO, target=PURWODADI,
            since="2023-01-01", until="2024-01-01", resources="alsintan; kendaraan", direction="satu arah"),
        Tie(id="t-kades", kind="memimpin", source=KADES, target=BANGUN_REJO, since="10/05/2022", role="kades"),
        Tie(id="t-bpd", kind="keanggotaan", source=BPD, target=BANGUN_REJO),
        Tie(id="t-pkk", kind="keanggotaan", source=PKK, target=SIDO_MULYO),
        Tie(id="t-kkn", kind="pendampingan", source=UNILA, target=PURWODADI, since="2024-07-01",
            until="2024-09-01", notes="KKN periode II"),
        Tie(id="t-lsm", kind="pendampingan", source=LSM, target=BANGUN_REJO, since="2023-06-01"),
        Tie(id="t-csr", kind="pendanaan", source=FIRM, target=METRO, since="2024-01-01", amount=150_000_000),
        Tie(id="t-camat", kind="koordinasi", source=CAMAT, target=SIDO_MULYO),
    ]
    meetings = [
        Meeting(id="m-rakor", type="rakor", date="15/02/2024", title="Rakor triwulan I", village=BANGUN_REJO,
                host=CAMAT, attendees=[CAMAT, KADES, BPD, SIDO_MULYO]),
        Meeting(id="m-mad", type="musyawarah antar desa", date="2024-04-20", village=SIDO_MULYO,
                host=SIDO_MULYO, attendees=[BANGUN_REJO, SIDO_MULYO, PURWODADI, LSM]),
        Meeting(id="m-kkn", type="pelatihan", date="2024-08-10", host=UNILA, attendees=[UNILA, METRO],
                notes="Pelatihan pemasaran daring"),
    ]
    return Batch(actors=actors, ties=ties, meetings=meetings)


def contents(store: Store) -> dict[str, Any]:
    """Everything a store shows through the contract, attendance by actor included."""
    actors = store.actors()
    return {
        "counts": store.counts(),
        "actors": actors,
        "ties": store.ties(),
        "meetings": store.meetings(),
        "attended": {actor.id: [m.id for m in store.meetings(attendee=actor.id)] for actor in actors},
    }


def ids(records: list[Any]) -> list[str]:
    return [record.id for record in records]


def by_id(records: list[Any]) -> list[Any]:
    return sorted(records, key=lambda record: record.id)


def expect_error(info: pytest.ExceptionInfo[JejaringError], key: str, **params: Any) -> None:
    """The error has ``key`` and ``params`` and reads as a sentence in both languages."""
    assert info.value.key == key
    assert {name: info.value.params.get(name) for name in params} == params
    for lang in ("en", "id"):
        with use_lang(lang):
            assert key not in str(info.value)


AREAS = ["18", "18.02", "18.02.02", "18.02.02.2005", "18.02.02.2001", "18.72", "18.0", "18.021", "18.0_", "%", "19"]


class StoreContract:
    """Tests every store passes; subclasses provide the ``store`` fixture (an empty store)."""

    @pytest.fixture
    def filled(self, store: Store) -> Store:
        store.write(sample())
        return store

    # -- writing and reading back -----------------------------------------------------

    def test_is_a_store(self, store: Store) -> None:
        assert isinstance(store, Store)
        assert store.actors() == [] and store.ties() == [] and store.meetings() == []

    def test_write_then_read_back_every_field(self, store: Store) -> None:
        batch = sample()
        changes = store.write(batch)
        assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (11, 9, 3)
        assert changes.total("updated") == 0 and changes.total("unchanged") == 0
        assert store.actors() == by_id(batch.actors)
        assert store.ties() == by_id(batch.ties)
        assert store.meetings() == batch.meetings  # already in date order
        for actor in batch.actors:
            assert store.actor(actor.id) == actor
        assert store.actor("no-such-actor") is None

    def test_personal_fields_and_exact_values_survive(self, filled: Store) -> None:
        kades, bpd, village = filled.actor(KADES), filled.actor(BPD), filled.actor(BANGUN_REJO)
        assert (kades.phone, kades.email, kades.term_end) == ("+62 812-7000-1234", "sutrisno@example.id",
                                                              date(2030, 5, 10))
        assert (bpd.contact_person, bpd.phone) == ("Siti Aminah", "0812 7000 5678")
        assert (village.latitude, village.longitude, village.population) == (-4.8123456789012, 105.0987654321, 5123)
        assert [str(s) for s in village.sectors] == ["food_crops", "livestock"]
        assert filled.ties(ids=["t-csr"])[0].amount == 150_000_000
        assert filled.actor(FIRM).area is None

    def test_ties_may_name_actors_stored_earlier(self, store: Store) -> None:
        batch = sample()
        store.write(Batch(actors=batch.actors))
        changes = store.write(Batch(ties=batch.ties, meetings=batch.meetings))
        assert (changes.added["actors"], changes.added["ties"], changes.added["meetings"]) == (0, 9, 3)
        assert store.ties() == by_id(batch.ties)

    def test_rewriting_the_same_batch_changes_nothing(self, filled: Store) -> None:
        before = contents(filled)
        changes = filled.write(sample())
        assert (changes.unchanged["actors"], changes.unchanged["ties"], changes.unchanged["meetings"]) == (11, 9, 3)
        assert changes.is_empty() and changes.total("added") == changes.total("updated") == 0
        assert contents(filled) == before

    def test_updating_one_record_reports_one_update(self, filled: Store) -> None:
        village = filled.actor(BANGUN_REJO).model_copy(update={"population": 5200})
        batch = sample()
        batch.actors = [village if actor.id == BANGUN_REJO else actor for actor in batch.actors]
        changes = filled.write(batch)
        assert changes.updated["actors"] == 1 and changes.total("updated") == 1
        assert changes.unchanged["actors"] == 10 and changes.total("added") == 0
        assert filled.actor(BANGUN_REJO).population == 5200

    def test_updates_reach_every_filter(self, filled: Store) -> None:
        renamed = filled.actor(CAMAT).model_copy(update={"name": "Kecamatan Sentosa", "area": "18.72"})
        tie = filled.ties(ids=["t-kerjasama"])[0].model_copy(update={"until": date(2025, 3, 1), "kind": TieKind.FUNDING})
        meeting = filled.meetings(ids=["m-mad"])[0].model_copy(update={"attendees": [BANGUN_REJO, LSM]})
        changes = filled.write(Batch(actors=[renamed], ties=[tie], meetings=[meeting]))
        assert (changes.updated["actors"], changes.updated["ties"], changes.updated["meetings"]) == (1, 1, 1)
        assert ids(filled.actors(name="bangun rejo")) == [BANGUN_REJO, BPD]
        assert ids(filled.actors(name="sentosa")) == [CAMAT]
        assert ids(filled.actors(area="18.72")) == [METRO, CAMAT]
        assert "t-kerjasama" not in ids(filled.ties(at=date(2025, 3, 1)))
        assert ids(filled.ties(kinds=[TieKind.FUNDING])) == ["t-csr", "t-kerjasama"]
        assert ids(filled.meetings(attendee=PURWODADI)) == []
        assert ids(filled.meetings(attendee=LSM)) == ["m-mad"]

    def test_a_record_given_twice_counts_once_and_the_last_wins(self, store: Store) -> None:
        first = parse_actor({"kind": "desa", "code": PURWODADI, "name": "Purwodadi"})
        last = first.model_copy(update={"population": 3100})
        changes = store.write(Batch(actors=[first, last]))
        assert changes.added["actors"] == 1 and changes.total("added") == 1
        assert store.actors() == [last]

    def test_counts(self, store: Store) -> None:
        empty = {kind.value: 0 for kind in ActorKind} | {"ties": 0, "meetings": 0}
        assert store.counts() == empty
        store.write(sample())
        assert store.counts() == {
            "village": 4, "village_head": 1, "institution": 2, "ngo": 1, "firm": 1, "university": 1,
            "government": 1, "ties": 9, "meetings": 3,
        }

    # -- actors ------------------------------------------------------------------------

    def test_actors_by_kind(self, filled: Store) -> None:
        assert ids(filled.actors(kinds=[ActorKind.VILLAGE])) == [PURWODADI, BANGUN_REJO, SIDO_MULYO, METRO]
        assert ids(filled.actors(kinds=[ActorKind.NGO, ActorKind.UNIVERSITY])) == [LSM, UNILA]
        assert filled.actors(kinds=[]) == []

    @pytest.mark.parametrize(
        ("area", "expected"),
        [
            ("18", [PURWODADI, BANGUN_REJO, SIDO_MULYO, METRO, BPD, CAMAT, KADES, LSM, PKK, UNILA]),
            ("18.02", [PURWODADI, BANGUN_REJO, SIDO_MULYO, BPD, CAMAT, KADES, LSM, PKK]),
            ("18.02.02", [PURWODADI, BANGUN_REJO, SIDO_MULYO, BPD, CAMAT, KADES, PKK]),
            ("18.02.02.2005", [BANGUN_REJO, BPD, KADES]),
            ("18.72", [METRO]),
            ("18.0", []),
            ("18.021", []),
        ],
    )
    def test_actors_by_area(self, filled: Store, area: str, expected: list[str]) -> None:
        assert ids(filled.actors(area=area)) == expected

    @pytest.mark.parametrize("area", AREAS)
    def test_actors_by_area_agree_with_in_area(self, filled: Store, area: str) -> None:
        assert filled.actors(area=area) == [a for a in by_id(sample().actors) if in_area(a.area_code, area)]

    def test_actors_by_ids(self, filled: Store) -> None:
        assert ids(filled.actors(ids=[UNILA, BANGUN_REJO, "nobody"])) == [BANGUN_REJO, UNILA]
        assert ids(filled.actors(ids=[UNILA, BANGUN_REJO], kinds=[ActorKind.VILLAGE])) == [BANGUN_REJO]
        many = [f"nobody-{n}" for n in range(1200)] + [METRO, KADES]
        assert ids(filled.actors(ids=many)) == [METRO, KADES]
        assert filled.actors(ids=[]) == []

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("bangun rejo", [BANGUN_REJO, BPD, CAMAT]),
            ("  BANGUN   rejo ", [BANGUN_REJO, BPD, CAMAT]),
            ("BangunRejo", [BANGUN_REJO, BPD, CAMAT]),
            ("SIDOMULYO", [SIDO_MULYO, PKK]),
            ("purwódadi", [PURWODADI]),
            ("lampung", [UNILA]),
            ("nowhere", []),
        ],
    )
    def test_actors_by_name(self, filled: Store, name: str, expected: list[str]) -> None:
        assert ids(filled.actors(name=name)) == expected

    def test_actor_filters_combine(self, filled: Store) -> None:
        assert ids(filled.actors(name="bangun rejo", kinds=[ActorKind.VILLAGE])) == [BANGUN_REJO]
        assert ids(filled.actors(area="18.02.02", kinds=[ActorKind.INSTITUTION], name="pkk")) == [PKK]

    # -- ties --------------------------------------------------------------------------

    def test_ties_by_kind(self, filled: Store) -> None:
        assert ids(filled.ties(kinds=[TieKind.MEMBERSHIP])) == ["t-bpd", "t-pkk"]
        assert ids(filled.ties(kinds=[TieKind.SUPPORT, TieKind.FUNDING])) == ["t-csr", "t-kkn", "t-lsm"]

    @pytest.mark.parametrize(
        ("area", "expected"),
        [
            ("18", ["t-alsintan", "t-bpd", "t-camat", "t-csr", "t-kades", "t-kerjasama", "t-kkn", "t-lsm", "t-pkk"]),
            ("18.02.02", ["t-alsintan", "t-bpd", "t-camat", "t-kades", "t-kerjasama", "t-kkn", "t-lsm", "t-pkk"]),
            ("18.02.02.2005", ["t-bpd", "t-kades", "t-kerjasama", "t-lsm"]),
            ("18.02.02.2001", ["t-alsintan", "t-kkn"]),
            ("18.72", ["t-csr"]),
            ("18.021", []),
        ],
    )
    def test_ties_by_area(self, filled: Store, area: str, expected: list[str]) -> None:
        assert ids(filled.ties(area=area)) == expected

    @pytest.mark.parametrize("area", AREAS)
    def test_ties_by_area_agree_with_in_area(self, filled: Store, area: str) -> None:
        where = {actor.id: actor.area_code for actor in sample().actors}
        expected = [t for t in by_id(sample().ties) if in_area(where[t.source], area) or in_area(where[t.target], area)]
        assert filled.ties(area=area) == expected

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2022, 12, 31), ["t-bpd", "t-camat", "t-kades", "t-pkk"]),
            (date(2023, 1, 1), ["t-alsintan", "t-bpd", "t-camat", "t-kades", "t-pkk"]),  # since day: in force
            (date(2023, 12, 31), ["t-alsintan", "t-bpd", "t-camat", "t-kades", "t-lsm", "t-pkk"]),
            (date(2024, 1, 1), ["t-bpd", "t-camat", "t-csr", "t-kades", "t-lsm", "t-pkk"]),  # until day: ended
            (date(2024, 8, 31), ["t-bpd", "t-camat", "t-csr", "t-kades", "t-kerjasama", "t-kkn", "t-lsm", "t-pkk"]),
            (date(2024, 9, 1), ["t-bpd", "t-camat", "t-csr", "t-kades", "t-kerjasama", "t-lsm", "t-pkk"]),
        ],
    )
    def test_ties_at_a_date(self, filled: Store, day: date, expected: list[str]) -> None:
        assert ids(filled.ties(at=day)) == expected
        assert expected == [t.id for t in by_id(sample().ties) if t.in_force(day)]

    def test_ties_by_actor_and_ids(self, filled: Store) -> None:
        assert ids(filled.ties(actor=BANGUN_REJO)) == ["t-bpd", "t-kades", "t-kerjasama", "t-lsm"]
        assert ids(filled.ties(actor=PURWODADI)) == ["t-alsintan", "t-kkn"]
        assert ids(filled.ties(actor="nobody")) == []
        assert ids(filled.ties(ids=["t-kkn", "t-csr", "t-none"])) == ["t-csr", "t-kkn"]
        assert ids(filled.ties(ids=[f"t-{n}" for n in range(1200)] + ["t-lsm"])) == ["t-lsm"]

    def test_tie_filters_combine(self, filled: Store) -> None:
        assert ids(filled.ties(kinds=[TieKind.SUPPORT], area="18.02.02.2001")) == ["t-kkn"]
        assert ids(filled.ties(area="18.02.02", at=date(2024, 10, 1), actor=SIDO_MULYO)) == [
            "t-camat", "t-kerjasama", "t-pkk"]
        assert ids(filled.ties(ids=["t-kkn", "t-lsm"], at=date(2024, 10, 1))) == ["t-lsm"]

    # -- meetings ----------------------------------------------------------------------

    def test_meetings_by_date_range(self, filled: Store) -> None:
        assert ids(filled.meetings(start=date(2024, 2, 15), end=date(2024, 4, 20))) == ["m-rakor"]
        assert ids(filled.meetings(start=date(2024, 2, 16))) == ["m-mad", "m-kkn"]
        assert ids(filled.meetings(end=date(2024, 8, 10))) == ["m-rakor", "m-mad"]
        assert ids(filled.meetings(start=date(2024, 4, 1), end=date(2024, 7, 1))) == ["m-mad"]

    def test_meetings_by_type_and_attendee(self, filled: Store) -> None:
        assert ids(filled.meetings(types=[MeetingType.PELATIHAN])) == ["m-kkn"]
        rakor_mad = [MeetingType.RAPAT_KOORDINASI, MeetingType.MUSYAWARAH_ANTAR_DESA]
        assert ids(filled.meetings(types=rakor_mad)) == ["m-rakor", "m-mad"]
        assert ids(filled.meetings(attendee=BANGUN_REJO)) == ["m-mad"]
        assert ids(filled.meetings(attendee=KADES)) == ["m-rakor"]
        assert ids(filled.meetings(attendee=FIRM)) == []
        assert ids(filled.meetings(attendee=SIDO_MULYO, end=date(2024, 3, 1))) == ["m-rakor"]
        assert ids(filled.meetings(ids=["m-kkn", "m-rakor", "m-none"])) == ["m-rakor", "m-kkn"]

    @pytest.mark.parametrize(
        ("area", "expected"),
        [
            ("18", ["m-rakor", "m-mad", "m-kkn"]),
            ("18.02", ["m-rakor", "m-mad"]),
            ("18.02.02.2005", ["m-rakor", "m-mad"]),  # held there; attended by it
            ("18.02.02.2001", ["m-mad"]),  # attended only
            ("18.72", ["m-kkn"]),  # attended by the kelurahan, held nowhere
            ("18.021", []),
        ],
    )
    def test_meetings_by_area(self, filled: Store, area: str, expected: list[str]) -> None:
        assert ids(filled.meetings(area=area)) == expected

    @pytest.mark.parametrize("area", AREAS)
    def test_meetings_by_area_agree_with_in_area(self, filled: Store, area: str) -> None:
        where = {actor.id: actor.area_code for actor in sample().actors}
        expected = [
            m for m in sample().meetings
            if in_area(m.village, area) or any(in_area(where[a], area) for a in m.attendees)
        ]
        assert filled.meetings(area=area) == expected

    # -- all or nothing ----------------------------------------------------------------

    def test_a_tie_to_an_unknown_actor_writes_nothing(self, filled: Store) -> None:
        before = contents(filled)
        changed = filled.actor(BANGUN_REJO).model_copy(update={"population": 1})
        new_village = parse_actor({"kind": "desa", "code": "18.02.02.2002", "name": "Sido Dadi"})
        batch = Batch(
            actors=[changed, new_village],
            ties=[
                Tie(id="t-new", kind="kerja sama", source="18.02.02.2002", target=BANGUN_REJO),
                Tie(id="t-ghost", kind="kerja sama", source=BANGUN_REJO, target="ghost-actor"),
            ],
            meetings=[Meeting(id="m-new", type="musdes", date="2024-05-01", attendees=[BANGUN_REJO])],
        )
        with pytest.raises(JejaringError) as info:
            filled.write(batch)
        expect_error(info, "store.unknown_reference", record="t-ghost", actor="ghost-actor")
        assert contents(filled) == before

    @pytest.mark.parametrize(
        "fields",
        [
            {"attendees": [BANGUN_REJO, "ghost-actor"]},
            {"host": "ghost-actor", "attendees": [BANGUN_REJO]},
            {"village": "18.02.02.2002", "attendees": [BANGUN_REJO]},
        ],
        ids=["attendee", "host", "village"],
    )
    def test_a_meeting_naming_an_unknown_actor_writes_nothing(self, filled: Store, fields: dict[str, Any]) -> None:
        before = contents(filled)
        meeting = Meeting(id="m-ghost", type="musdes", date="2024-05-01", **fields)
        new_village = parse_actor({"kind": "desa", "code": "18.02.02.2003", "name": "Sido Rejo"})
        with pytest.raises(JejaringError) as info:
            filled.write(Batch(actors=[new_village], meetings=[meeting]))
        missing = "18.02.02.2002" if "village" in fields else "ghost-actor"
        expect_error(info, "store.unknown_reference", record="m-ghost", actor=missing)
        assert contents(filled) == before

    # -- settings and hostile text -----------------------------------------------------

    def test_settings_round_trip(self, store: Store) -> None:
        assert store.setting("kecamatan") is None
        store.set_settings({"kecamatan": "18.02.02", "period": "quarter"})
        store.set_settings({"period": "month"})
        assert (store.setting("kecamatan"), store.setting("period")) == ("18.02.02", "month")

    def test_settings_by_prefix(self, store: Store) -> None:
        store.set_settings({"forgotten:a": "1", "forgotten:b": "2", "forgotten": "3", "x:forgotten:c": "4"})
        assert store.settings("forgotten:") == {"forgotten:a": "1", "forgotten:b": "2"}
        assert store.settings("nothing:") == {}

    def test_quotes_braces_and_query_keywords_round_trip(self, filled: Store) -> None:
        hostile = parse_actor({
            "kind": "lsm", "id": "lsm-x", "name": NASTY, "area": "18.02",
            "notes": f"{CYPHER}; `backtick` ${{param}} $1 '); DELETE FROM ties; -- \\ %_",
            "contact_person": "O'Brien \"Quote\" {x}",
        })
        tie = Tie(id="t-x", kind="kerja sama", source="lsm-x", target=BANGUN_REJO,
                  document_ref="'; DROP TABLE ties; --", notes="CALL db.clear() // {} `x`")
        meeting = Meeting(id="m-x", type="rakor", date="2024-05-01", title=CYPHER, notes=NASTY,
                          attendees=["lsm-x", BANGUN_REJO])
        filled.write(Batch(actors=[hostile], ties=[tie], meetings=[meeting]))
        filled.set_settings({NASTY: CYPHER, "note": "x\"; DROP TABLE settings; --"})
        assert filled.actor("lsm-x") == hostile
        assert filled.ties(ids=["t-x"]) == [tie]
        assert filled.meetings(ids=["m-x"]) == [meeting]
        assert (filled.setting(NASTY), filled.setting("note")) == (CYPHER, "x\"; DROP TABLE settings; --")
        assert ids(filled.actors(name='"X"; DROP TABLE')) == ["lsm-x"]
        assert filled.actors(name="%") == [] and filled.actors(area="18' OR '1'='1") == []
        assert filled.ties(actor="x' OR 1=1 --") == [] and filled.meetings(attendee="') OR 1=1 --") == []
        assert filled.counts()["ngo"] == 2 and filled.counts()["ties"] == 10 and filled.counts()["meetings"] == 4

    def test_ids_lists_every_stored_id(self, store: Store) -> None:
        store.write(sample())
        assert store.ids("actors") == sorted(a.id for a in sample().actors)
        assert store.ids("ties") == sorted(t.id for t in sample().ties)
        assert store.ids("meetings") == ["m-kkn", "m-mad", "m-rakor"]
