"""Tests of the Kemendagri gazetteer against facts that can be checked by hand in the list."""

from __future__ import annotations

import gzip
import hashlib
import re
from importlib import resources

import pytest

from jejaring.errors import JejaringError
from jejaring.gazetteer import (
    AmbiguousArea,
    Area,
    CodeParts,
    gazetteer,
    is_desa,
    is_kelurahan,
    is_kota,
    parse_code,
)
from jejaring.i18n import catalogue, use_lang

G = gazetteer()


def test_counts_of_each_level() -> None:
    counts = {level: len(G.areas(level)) for level in ("province", "regency", "district", "village")}
    assert counts == {"province": 38, "regency": 514, "district": 7285, "village": 83762}
    assert len(G.areas()) == 38 + 514 + 7285 + 83762


def test_vendored_files_match_the_checksums_in_source_md() -> None:
    folder = resources.files("jejaring.data.gazetteer")
    source = folder.joinpath("SOURCE.md").read_text("utf-8")
    assert "Open Database License (ODbL) v1.0" in source
    assert "Kemendagri" in source
    sums = dict(re.findall(r"\| `(\w+)\.csv` \| \d+ \| `([0-9a-f]{64})` \|", source))
    assert set(sums) == {"provinces", "regencies", "districts", "villages"}
    for level, expected in sums.items():
        data = gzip.decompress(folder.joinpath(f"{level}.csv.gz").read_bytes())
        assert hashlib.sha256(data).hexdigest() == expected
    assert folder.joinpath("LICENSE-ODbL.md").read_text("utf-8").startswith("# Open Database License")


def test_desa_bangun_rejo_and_its_lineage() -> None:
    village = G.area("18.02.02.2005")
    assert village == Area("18.02.02.2005", "Bangun Rejo", "village", "18.02.02")
    assert [(a.code, a.name) for a in G.lineage("18.02.02.2005")] == [
        ("18", "Lampung"),
        ("18.02", "Kabupaten Lampung Tengah"),
        ("18.02.02", "Bangun Rejo"),
        ("18.02.02.2005", "Bangun Rejo"),
    ]
    assert G.describe("18.02.02.2005") == (
        "Desa Bangun Rejo, Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung"
    )
    assert not village.is_kelurahan


def test_kecamatan_bangun_rejo_has_17_villages_in_code_order() -> None:
    villages = G.villages_of("18.02.02")
    assert len(villages) == 17
    assert [v.code for v in villages] == [f"18.02.02.{2000 + i}" for i in range(1, 18)]
    assert villages == G.children("18.02.02")
    assert villages[0].name == "Purwodadi" and villages[-1].name == "Suka Negeri"


def test_villages_of_a_regency_and_of_a_province_collect_their_districts() -> None:
    assert len(G.villages_of("18.72")) == 22  # Kota Metro: 5 kecamatan, 22 kelurahan
    lampung = G.villages_of("18")
    assert len(lampung) == sum(len(G.villages_of(d.code)) for r in G.children("18") for d in G.children(r.code))
    assert G.villages_of("18.02.02.2005") == []


@pytest.mark.parametrize("text", ["bangunrejo", "Bangun Rejo", "18.02.02", "  BANGUN rejo ", "Kecamatan Bangunrejo"])
def test_resolve_bangun_rejo_district(text: str) -> None:
    assert G.resolve(text).code == "18.02.02"


def test_ambiguous_district_name_lists_every_candidate_with_its_kabupaten() -> None:
    with pytest.raises(AmbiguousArea) as caught:
        G.resolve("Karanganyar")
    error = caught.value
    assert error.key == "gazetteer.ambiguous_area"
    assert [a.code for a in error.candidates] == [
        "33.03.11", "33.05.20", "33.13.09", "33.21.09", "33.26.07", "35.21.17"
    ]
    with use_lang("en"):
        message = str(error)
    lines = message.splitlines()
    assert lines[0] == 'The name "Karanganyar" fits several areas; give the code instead:'
    assert lines[1:] == [
        "  33.03.11  Kecamatan Karanganyar (Kabupaten Purbalingga, Jawa Tengah)",
        "  33.05.20  Kecamatan Karanganyar (Kabupaten Kebumen, Jawa Tengah)",
        "  33.13.09  Kecamatan Karanganyar (Kabupaten Karanganyar, Jawa Tengah)",
        "  33.21.09  Kecamatan Karanganyar (Kabupaten Demak, Jawa Tengah)",
        "  33.26.07  Kecamatan Karanganyar (Kabupaten Pekalongan, Jawa Tengah)",
        "  35.21.17  Kecamatan Karanganyar (Kabupaten Ngawi, Jawa Timur)",
    ]


def test_names_that_differ_only_in_spacing_are_the_same_name() -> None:
    with pytest.raises(AmbiguousArea) as caught:
        G.resolve("Batu Putih")
    assert {a.name for a in caught.value.candidates} == {"Batu Putih", "Batuputih"}
    assert "35.29.17" in [a.code for a in caught.value.candidates]


def test_a_kelurahan_and_a_desa_of_the_same_name_in_one_kecamatan_are_told_apart() -> None:
    with pytest.raises(AmbiguousArea) as caught:
        G.resolve("Sorkam Kanan", level="village")
    with use_lang("en"):
        lines = str(caught.value).splitlines()[1:]
    assert lines[0].startswith("  12.01.10.1001  Kelurahan Sorkam Kanan (Kecamatan ")
    assert lines[1].startswith("  12.01.10.2018  Desa Sorkam Kanan (Kecamatan ")


def test_resolve_unknown_name_and_code() -> None:
    for text in ("Atlantis", "18.02.99"):
        with pytest.raises(JejaringError) as caught:
            G.resolve(text)
        assert caught.value.key == "gazetteer.unknown_area"
        assert caught.value.params == {"text": text}


def test_resolve_a_code_of_another_level() -> None:
    with pytest.raises(JejaringError) as caught:
        G.resolve("18.02.02.2005")
    assert caught.value.key == "gazetteer.wrong_level"
    assert G.resolve("18.02.02.2005", level="village").name == "Bangun Rejo"
    assert G.resolve("18.02", level=None).name == "Kabupaten Lampung Tengah"


def test_regency_names_with_and_without_kabupaten_or_kota() -> None:
    assert [a.code for a in G.find("Kota Metro")] == ["18.72"]
    assert [a.code for a in G.find("Metro", level="regency")] == ["18.72"]
    assert G.resolve("Lampung Tengah", level="regency").code == "18.02"
    assert G.resolve("kabupaten lampung tengah", level="regency").code == "18.02"
    assert G.resolve("Kab. Lampung Tengah", level="regency").code == "18.02"
    # Kabupaten Bogor and Kota Bogor share the bare name; the level word decides.
    assert [a.code for a in G.find("Bogor", level="regency")] == ["32.01", "32.71"]
    assert G.resolve("Kota Bogor", level="regency").code == "32.71"
    assert G.resolve("Kabupaten Bogor", level="regency").code == "32.01"


def test_a_level_word_that_is_part_of_the_name_is_kept() -> None:
    # Three kecamatan are named "Kota Baru"; "Kotabaru" is also a kabupaten in Kalimantan Selatan.
    assert [a.code for a in G.find("Kota Baru", level="district")] == ["15.71.07", "32.15.25", "53.08.13"]
    assert [a.code for a in G.find("Kotabaru", level="regency")] == ["63.02"]
    # A desa in Kabupaten Semarang is named "Kelurahan"; four desa are named "Desa Baru".
    assert [a.code for a in G.find("Kelurahan")] == ["33.22.08.2003"]
    assert G.describe("33.22.08.2003") == "Desa Kelurahan, Kecamatan Jambu, Kabupaten Semarang, Jawa Tengah"
    assert len(G.find("Desa Baru", level="village")) == 4


def test_apostrophes_are_ignored_in_names() -> None:
    # The data spells the kecamatan Ra'as (Sumenep) with a double quote: Ra"as.
    assert G.area("35.29.22").name == 'Ra"as'
    assert G.resolve("Ra'as").code == "35.29.22"
    assert G.resolve("Raas").code == "35.29.22"


def test_papua_districts_are_distrik_and_desa_adat_keep_their_name() -> None:
    assert G.describe("91.03.01.3007") == "Desa Adat Yoboi, Distrik Sentani, Kabupaten Jayapura, Papua"
    assert G.resolve("Yoboi", level="village").code == "91.03.01.3007"
    assert is_desa("91.03.01.3007") and not is_kelurahan("91.03.01.3007")


def test_kelurahan_of_kota_metro() -> None:
    assert G.area("18.72.01.1001") == Area("18.72.01.1001", "Metro", "village", "18.72.01")
    assert is_kelurahan("18.72.01.1001") and not is_desa("18.72.01.1001")
    assert G.area("18.72.01.1001").is_kelurahan
    assert all(v.is_kelurahan for v in G.villages_of("18.72"))
    assert G.describe("18.72.01.1001") == "Kelurahan Metro, Kecamatan Metro Pusat, Kota Metro, Lampung"
    assert is_desa("18.02.02.2005") and not is_kelurahan("18.02.02.2005")


def test_kota_detection_agrees_with_the_names() -> None:
    assert is_kota("18.72") and is_kota("18.71") and not is_kota("18.02")
    assert not is_kota("18.72.01")  # a district code, not a regency code
    regencies = G.areas("regency")
    assert all(is_kota(r.code) == r.name.startswith("Kota ") for r in regencies)
    assert sum(is_kota(r.code) for r in regencies) == 98


def test_parse_code_of_each_level() -> None:
    assert parse_code("18") == CodeParts("18", None, None, None, "province")
    assert parse_code("18.02") == CodeParts("18", "18.02", None, None, "regency")
    assert parse_code("18.02.02") == CodeParts("18", "18.02", "18.02.02", None, "district")
    assert parse_code("18.02.02.2005") == CodeParts("18", "18.02", "18.02.02", "18.02.02.2005", "village")


@pytest.mark.parametrize(
    "code", ["", "1", "180202", "18.2", "18.02.2", "18.02.02.2005.1", "18.02.02.4001", "18-02-02", " 18.02", "Lampung"]
)
def test_bad_codes_are_rejected(code: str) -> None:
    for check in (parse_code, is_kelurahan, is_desa, is_kota, G.area):
        with pytest.raises(JejaringError) as caught:
            check(code)
        assert caught.value.key == "gazetteer.bad_code"
        assert caught.value.params == {"code": code}
    assert G.get(code) is None


def test_unknown_well_formed_code() -> None:
    assert G.get("18.02.99") is None
    with pytest.raises(JejaringError) as caught:
        G.area("18.02.99")
    assert caught.value.key == "gazetteer.unknown_code"
    with pytest.raises(JejaringError):
        G.children("99")


def test_children_are_sorted_by_code() -> None:
    provinces = G.areas("province")
    assert [p.code for p in provinces] == sorted(p.code for p in provinces)
    assert provinces[0].name == "Aceh" and provinces[-1].name == "Papua Barat Daya"
    assert [r.code for r in G.children("18")][-2:] == ["18.71", "18.72"]
    assert len(G.children("18")) == 15


@pytest.mark.parametrize("key", ["unknown_area", "unknown_code", "bad_code", "ambiguous_area", "wrong_level"])
def test_messages_exist_in_both_languages(key: str) -> None:
    assert f"gazetteer.{key}" in catalogue("en")
    assert f"gazetteer.{key}" in catalogue("id")


def test_both_catalogues_have_the_same_gazetteer_keys() -> None:
    def keys(lang: str) -> set[str]:
        return {key for key in catalogue(lang) if key.startswith("gazetteer.")}

    assert keys("en") == keys("id")
    assert {"gazetteer.level.district", "gazetteer.level.village"} <= keys("en")


def test_messages_render_in_english_and_indonesian() -> None:
    with pytest.raises(JejaringError) as bad:
        parse_code("18.2")
    with pytest.raises(JejaringError) as unknown:
        G.area("18.02.99")
    with pytest.raises(JejaringError) as wrong:
        G.resolve("18.02")
    with pytest.raises(AmbiguousArea) as ambiguous:
        G.resolve("Karanganyar")
    with use_lang("en"):
        assert str(bad.value).startswith('"18.2" is not a Kemendagri area code')
        assert str(unknown.value) == 'No area has the code "18.02.99" in the Kemendagri list.'
        assert str(wrong.value) == 'The code "18.02" belongs to a regency or city, but a district is needed here.'
        assert str(ambiguous.value).startswith('The name "Karanganyar" fits several areas')
    with use_lang("id"):
        assert str(bad.value).startswith('"18.2" bukan kode wilayah Kemendagri')
        assert str(unknown.value) == 'Tidak ada wilayah berkode "18.02.99" dalam daftar Kemendagri.'
        assert str(wrong.value) == (
            'Kode "18.02" adalah kode kabupaten/kota, padahal di sini yang diperlukan kecamatan.'
        )
        assert str(ambiguous.value).startswith('Nama "Karanganyar" dipakai oleh beberapa wilayah')
        assert "33.13.09  Kecamatan Karanganyar (Kabupaten Karanganyar, Jawa Tengah)" in str(ambiguous.value)
