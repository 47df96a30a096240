"""The pydantic records and their validation rules."""

from datetime import date

import pytest
from pydantic import ValidationError

from jejaring.model import (
    Government,
    Institution,
    Meeting,
    Ngo,
    Tie,
    Village,
    VillageHead,
    parse_actor,
    personal_fields,
    strip_personal,
)
from jejaring.vocab import ActorKind, DevelopmentStatus, InstitutionType, MeetingType, Resource, Sector, TieKind

DESA = "18.02.02.2005"
KELURAHAN = "18.72.01.1001"


def error_types(excinfo):
    return [(e["type"], e.get("ctx", {}).get("field") or (e["loc"][-1] if e["loc"] else None)) for e in excinfo.value.errors()]


def test_village_is_keyed_by_its_code_either_way():
    assert Village(code=DESA, name="Bangun Rejo").id == DESA
    assert Village(id=DESA, name="Bangun Rejo").code == DESA
    with pytest.raises(ValidationError) as excinfo:
        Village(id="18.02.02.2007", code=DESA, name="Bangun Rejo")
    assert error_types(excinfo) == [("village_id", "id")]


@pytest.mark.parametrize("code", ["18.02.02", "18.02.02.4005", "18.2.02.2005", "18.02.02.2005.1", "bangunrejo"])
def test_village_code_must_be_a_kemendagri_village_code(code):
    with pytest.raises(ValidationError):
        Village(code=code, name="X")


def test_desa_and_kelurahan():
    assert not Village(code=DESA, name="Bangun Rejo").is_kelurahan
    assert Village(code=KELURAHAN, name="Metro").is_kelurahan


def test_a_kelurahan_has_no_kades():
    with pytest.raises(ValidationError) as excinfo:
        VillageHead(id="kades-1", name="Suparman", village=KELURAHAN)
    assert error_types(excinfo) == [("kades_in_kelurahan", "village")]
    assert VillageHead(id="kades-1", name="Suparman", village=DESA).area_code == DESA


def test_a_kelurahan_has_no_bpd_or_bum_desa_but_may_have_a_pkk():
    for kind in ("BPD", "BUM Desa", "pemerintah desa"):
        with pytest.raises(ValidationError) as excinfo:
            Institution(id="i-1", name="X", village=KELURAHAN, type=kind)
        assert error_types(excinfo) == [("desa_only_institution", "type")]
    assert Institution(id="i-1", name="PKK", village=KELURAHAN, type="pkk").type is InstitutionType.PKK


def test_actor_kind_from_either_language_picks_the_record_type():
    assert isinstance(parse_actor({"kind": "Kepala Desa", "id": "k1", "name": "Suparman", "village": DESA}), VillageHead)
    assert isinstance(parse_actor({"kind": "LSM", "id": "n1", "name": "Yayasan X", "area": "18.02"}), Ngo)
    assert isinstance(parse_actor({"kind": "government", "id": "g1", "name": "Kantor Camat", "level": "kecamatan"}), Government)
    with pytest.raises(ValidationError) as excinfo:
        parse_actor({"kind": "alien", "id": "x1", "name": "X"})
    assert excinfo.value.errors()[0]["type"] == "unknown_kind"


def test_lists_from_cells_are_parsed_deduplicated_and_ordered():
    village = parse_actor(
        {"kind": "desa", "code": DESA, "name": "Bangun Rejo", "sectors": "peternakan; Pertanian, pertanian", "needs": "irigasi|alsintan"}
    )
    assert village.sectors == [Sector.PERTANIAN, Sector.PETERNAKAN]
    assert village.needs == [Resource.AIR, Resource.ALSINTAN]


def test_indonesian_number_formats():
    village = parse_actor(
        {"kind": "desa", "code": DESA, "name": "B", "population": "4.512", "latitude": "-4,8231", "longitude": "105,0712"}
    )
    assert (village.population, village.latitude, village.longitude) == (4512, -4.8231, 105.0712)


def test_coordinates_come_in_pairs_and_inside_indonesia():
    with pytest.raises(ValidationError):
        Village(code=DESA, name="B", latitude=-4.8)
    with pytest.raises(ValidationError):
        Village(code=DESA, name="B", latitude=48.8, longitude=2.3)


def test_dates_as_offices_write_them():
    assert Tie(kind="partnership", source="a", target="b", since="05/02/2024").since == date(2024, 2, 5)
    assert Tie(kind="partnership", source="a", target="b", since="2024-02-05").since == date(2024, 2, 5)
    with pytest.raises(ValidationError) as excinfo:
        Tie(kind="partnership", source="a", target="b", since="31/02/2024")
    assert error_types(excinfo) == [("not_a_date", "since")]
    with pytest.raises(ValidationError) as excinfo:
        Tie(kind="partnership", source="a", target="b", since="February 2024")
    assert error_types(excinfo) == [("date_format", "since")]


def test_tie_period_and_endpoints():
    with pytest.raises(ValidationError) as excinfo:
        Tie(kind="partnership", source="a", target="b", since="2024-02-01", until="2024-01-01")
    assert error_types(excinfo) == [("period_order", "until")]
    with pytest.raises(ValidationError) as excinfo:
        Tie(kind="partnership", source="a", target="a")
    assert error_types(excinfo) == [("self_tie", "target")]


def test_tie_id_is_derived_when_absent_and_kept_when_given():
    derived = Tie(kind="kerja sama", source="a", target="b", since="01/03/2024")
    assert derived.id == "partnership:a:b:2024-03-01" and derived.kind is TieKind.PARTNERSHIP
    assert Tie(kind="coordination", source="a", target="b").id == "coordination:a:b"
    assert Tie(id="T-1", kind="coordination", source="a", target="b").id == "T-1"


def test_tie_in_force_is_half_open():
    tie = Tie(kind="partnership", source="a", target="b", since="2024-01-01", until="2025-01-01")
    assert not tie.in_force(date(2023, 12, 31))
    assert tie.in_force(date(2024, 1, 1)) and tie.in_force(date(2024, 12, 31))
    assert not tie.in_force(date(2025, 1, 1))
    assert Tie(kind="partnership", source="a", target="b").in_force(date(1990, 1, 1))


def test_meeting_attendees():
    meeting = Meeting(id="m1", type="rakor", date="10/04/2024", attendees="a; b; a", village=DESA)
    assert meeting.attendees == ["a", "b"] and meeting.type is MeetingType.RAPAT_KOORDINASI
    assert meeting.area_code == DESA


def test_unknown_fields_are_errors_and_blank_cells_are_absent():
    with pytest.raises(ValidationError) as excinfo:
        Village(code=DESA, name="B", mayor="X")
    assert excinfo.value.errors()[0]["type"] == "extra_forbidden"
    assert Village(code=DESA, name="B", population="  ", development_status="").population is None


def test_control_and_direction_marks_are_removed_from_text():
    assert Ngo(id="n1", name="Yayasan\u202e Tani\x07 ").name == "Yayasan Tani"


def test_ids_are_plain_tokens():
    with pytest.raises(ValidationError):
        Ngo(id="two words", name="X")


def test_personal_data_is_marked_and_stripped():
    assert personal_fields(VillageHead) == {"phone", "email"}
    assert personal_fields(Institution) == {"contact_person", "phone", "email"}
    assert personal_fields(Village) == set()
    kades = VillageHead(id="k1", name="Suparman", village=DESA, phone="0812-3456-7890", email="s@example.org")
    public = strip_personal(kades)
    assert (public.name, public.phone, public.email) == ("Suparman", None, None)
    assert kades.phone == "0812-3456-7890"


def test_kind_and_status_values_are_enums():
    village = parse_actor({"kind": "desa", "code": DESA, "name": "B", "development_status": "Mandiri"})
    assert village.kind is ActorKind.VILLAGE and village.development_status is DevelopmentStatus.MANDIRI
    assert village.model_dump(mode="json")["development_status"] == "self_reliant"


def test_coordinates_with_three_decimals_are_not_thousands():
    village = parse_actor({"kind": "desa", "code": DESA, "name": "B", "latitude": "-4.823", "longitude": "105.221"})
    assert (village.latitude, village.longitude) == (-4.823, 105.221)
    assert parse_actor({"kind": "desa", "code": DESA, "name": "B", "population": "1.234"}).population == 1234


def test_line_breaks_are_spaces_in_names_and_kept_in_notes():
    ngo = Ngo(id="n1", name="Yayasan\nTani\tMaju", notes="Baris satu \r\n  baris   dua\n")
    assert ngo.name == "Yayasan Tani Maju" and ngo.notes == "Baris satu\nbaris dua"
