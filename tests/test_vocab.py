"""The controlled vocabularies: every value has two labels and parses from any spelling."""

import pytest

from jejaring.vocab import (
    VOCABULARIES,
    ActorKind,
    DevelopmentStatus,
    InstitutionType,
    MeetingType,
    Resource,
    Sector,
    TieKind,
    normalize_label,
)


@pytest.mark.parametrize("vocab", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_both_labels_and_parses_from_each(vocab):
    for member in vocab:
        assert member.label("id") and member.label("en")
        for spelling in (member.value, member.label_id, member.label_en, *member.aliases):
            assert vocab.parse(spelling) is member
            assert vocab.parse(f"  {spelling.upper()} ") is member


@pytest.mark.parametrize(
    ("vocab", "text", "expected"),
    [
        (ActorKind, "Kepala Desa", ActorKind.VILLAGE_HEAD),
        (ActorKind, "kades", ActorKind.VILLAGE_HEAD),
        (ActorKind, "perguruan tinggi", ActorKind.UNIVERSITY),
        (ActorKind, "LSM", ActorKind.NGO),
        (InstitutionType, "Badan Permusyawaratan Desa", InstitutionType.BPD),
        (InstitutionType, "karang-taruna", InstitutionType.KARANG_TARUNA),
        (InstitutionType, "BUMDes", InstitutionType.BUM_DESA),
        (TieKind, "kerja sama", TieKind.PARTNERSHIP),
        (TieKind, "Kerjasama", TieKind.PARTNERSHIP),
        (TieKind, "resource sharing", TieKind.RESOURCE_SHARING),
        (Resource, "irigasi", Resource.AIR),
        (Resource, "Alat dan Mesin Pertanian", Resource.ALSINTAN),
        (Sector, "Perikanan", Sector.PERIKANAN),
        (MeetingType, "Musrenbangdes", MeetingType.MUSRENBANGDES),
        (MeetingType, "rakor", MeetingType.RAPAT_KOORDINASI),
        (DevelopmentStatus, "Sangat Tertinggal", DevelopmentStatus.SANGAT_TERTINGGAL),
    ],
)
def test_office_spellings(vocab, text, expected):
    assert vocab.parse(text) is expected


def test_unknown_label_is_refused():
    with pytest.raises(ValueError, match="not a Sector"):
        Sector.parse("kopi luwak")


def test_development_status_is_ordered_from_very_underdeveloped_to_self_reliant():
    ranked = sorted(DevelopmentStatus, key=lambda s: s.rank)
    assert [s.label("id") for s in ranked] == ["sangat tertinggal", "tertinggal", "berkembang", "maju", "mandiri"]
    assert DevelopmentStatus.MAJU > DevelopmentStatus.BERKEMBANG >= DevelopmentStatus.BERKEMBANG
    assert max(DevelopmentStatus) is DevelopmentStatus.MANDIRI
    with pytest.raises(TypeError):
        assert DevelopmentStatus.MAJU < "zzz"


def test_kelurahan_cannot_have_desa_institutions():
    assert InstitutionType.BPD.desa_only and InstitutionType.BUM_DESA.desa_only
    assert not InstitutionType.PKK.desa_only and not InstitutionType.LPM.desa_only


def test_tie_direction():
    assert TieKind.LEADERSHIP.directed and TieKind.FUNDING.directed
    assert not TieKind.PARTNERSHIP.directed and not TieKind.COORDINATION.directed


def test_normalize_label_folds_case_accents_and_separators():
    assert normalize_label("Désa_Sido-Mulyo ") == "desasidomulyo"
