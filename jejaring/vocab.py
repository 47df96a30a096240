"""Controlled vocabularies of the village network, each value with Indonesian and English labels.

Every enum value is a short English code (stored and exported), an Indonesian label and an
English label. Spreadsheets may use any of the three or a listed alias; matching ignores
case, spaces, hyphens, underscores and dots.

>>> ActorKind.parse("Kepala Desa")
<ActorKind.VILLAGE_HEAD: 'village_head'>
>>> Resource.parse("alat dan mesin pertanian").label("en")
'farm machinery'
>>> DevelopmentStatus.MANDIRI > DevelopmentStatus.TERTINGGAL
True
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import cache, lru_cache
from typing import Self

__all__ = [
    "normalize_label",
    "Vocabulary",
    "ActorKind",
    "InstitutionType",
    "TieKind",
    "Direction",
    "CooperationField",
    "DocumentType",
    "Sector",
    "Resource",
    "DevelopmentStatus",
    "StatusScheme",
    "MeetingType",
    "Role",
    "GovernmentLevel",
    "FirmOwnership",
    "VOCABULARIES",
]

_FOLD = re.compile(r"[\s_\-./]+")


def normalize_label(text: str) -> str:
    """Fold a label for matching: case, accents, spaces, hyphens, underscores, dots and slashes.

    >>> normalize_label("  Karang-Taruna ")
    'karangtaruna'
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _FOLD.sub("", text).casefold()


class Vocabulary(str, Enum):
    """A controlled vocabulary: ``value`` is the stored code; labels are in two languages.

    Members are declared as ``NAME = (code, indonesian, english, *aliases)``.
    """

    label_id: str
    label_en: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, label_id: str, label_en: str, *aliases: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label_id = label_id
        member.label_en = label_en
        member.aliases = aliases
        return member

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str = "id") -> str:
        """Return the label in ``lang`` (``"id"`` or ``"en"``)."""
        return self.label_id if lang == "id" else self.label_en

    @classmethod
    def lookup(cls) -> dict[str, Self]:
        """Return every accepted spelling (folded) mapped to its member."""
        return _lookup(cls)

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """Return the member named by a code, label or alias; raise ``ValueError`` if none.

        >>> TieKind.parse("kerja sama")
        <TieKind.PARTNERSHIP: 'partnership'>
        """
        if isinstance(text, cls):
            return text
        member = _spelled(cls, str(text))
        if member is None:
            raise ValueError(f"{text!r} is not a {cls.__name__}")
        return member

    @classmethod
    def choices(cls, lang: str = "id") -> list[str]:
        """Return ``code (label)`` strings of every member, for help texts and templates."""
        return [f"{m.value} ({m.label(lang)})" for m in cls]


@lru_cache(maxsize=4096)
def _spelled(cls: type[Vocabulary], text: str) -> Vocabulary | None:
    """The member ``text`` names exactly as written (a spreadsheet repeats a few spellings)."""
    return _lookup(cls).get(normalize_label(text))


@cache
def _lookup(cls: type[Vocabulary]) -> dict[str, Vocabulary]:
    table: dict[str, Vocabulary] = {}
    for member in cls:
        for spelling in (member.value, member.label_id, member.label_en, *member.aliases):
            key = normalize_label(spelling)
            if table.setdefault(key, member) is not member:
                raise AssertionError(f"{cls.__name__}: {spelling!r} names two members")
    return table


class ActorKind(Vocabulary):
    """The kinds of node in the network."""

    VILLAGE = ("village", "desa/kelurahan", "village", "desa", "kelurahan")
    VILLAGE_HEAD = ("village_head", "kepala desa", "village head", "kades", "kepdes")
    INSTITUTION = ("institution", "lembaga desa", "village institution", "lembaga", "lkd")
    NGO = ("ngo", "LSM/ormas", "NGO", "lsm", "ormas", "organisasi masyarakat sipil", "osm", "cso")
    FIRM = ("firm", "perusahaan", "firm", "swasta", "bumn", "company", "private sector")
    UNIVERSITY = ("university", "perguruan tinggi", "university", "universitas", "kampus", "pt")
    GOVERNMENT = (
        "government",
        "pemerintah supradesa",
        "government agency",
        "pemerintah",
        "dinas",
        "instansi pemerintah",
        "agency",
    )


class InstitutionType(Vocabulary):
    """Village institutions (lembaga desa); Permendagri 18/2018 names the minimum LKD."""

    PEMERINTAH_DESA = ("village_government", "pemerintah desa", "village government", "pemdes")
    BPD = ("bpd", "BPD", "village consultative council", "badan permusyawaratan desa")
    RT = ("rt", "RT", "neighbourhood unit", "rukun tetangga")
    RW = ("rw", "RW", "community unit", "rukun warga")
    PKK = ("pkk", "PKK", "family welfare movement", "pemberdayaan kesejahteraan keluarga", "tp pkk")
    KARANG_TARUNA = ("karang_taruna", "Karang Taruna", "youth organisation", "youth organization")
    POSYANDU = ("posyandu", "Posyandu", "health post", "pos pelayanan terpadu")
    LPM = ("lpm", "LPM", "community empowerment board", "lembaga pemberdayaan masyarakat")
    LKD_LAIN = ("other_lkd", "LKD lainnya", "other village institution", "lkd lain")
    LEMBAGA_ADAT = ("customary_council", "lembaga adat", "customary council", "lad", "lembaga adat desa")
    BUM_DESA = ("bum_desa", "BUM Desa", "village enterprise", "bumdes", "badan usaha milik desa")
    BUM_DESA_BERSAMA = ("bum_desa_bersama", "BUM Desa Bersama", "joint village enterprise", "bumdesma")
    BKAD = ("bkad", "BKAD", "inter-village cooperation body", "badan kerja sama antar desa")
    DUSUN = ("dusun", "dusun", "hamlet")

    @property
    def desa_only(self) -> bool:
        """True for institutions a kelurahan cannot have (it has no BPD, BUM Desa or BKAD)."""
        return self in _DESA_ONLY


_DESA_ONLY = frozenset(
    {
        InstitutionType.PEMERINTAH_DESA,
        InstitutionType.BPD,
        InstitutionType.BUM_DESA,
        InstitutionType.BUM_DESA_BERSAMA,
        InstitutionType.BKAD,
    }
)


class TieKind(Vocabulary):
    """The kinds of edge; many ties of different kinds may join one pair."""

    PARTNERSHIP = ("partnership", "kerja sama", "partnership", "kerjasama", "cooperation")
    RESOURCE_SHARING = ("resource_sharing", "berbagi sumber daya", "resource sharing", "berbagi")
    COORDINATION = ("coordination", "koordinasi", "coordination")
    LEADERSHIP = ("leadership", "memimpin", "leadership", "kepemimpinan", "leads")
    MEMBERSHIP = ("membership", "keanggotaan", "membership", "bagian dari", "member of")
    SUPPORT = ("support", "pembinaan/pendampingan", "support", "pembinaan", "pendampingan", "facilitation")
    FUNDING = ("funding", "pendanaan", "funding", "dana hibah")
    PEER_LEARNING = ("peer_learning", "belajar bersama", "peer learning", "studi banding", "berbagi pengalaman")

    @property
    def directed(self) -> bool:
        """True when the tie runs from its source to its target (leadership, funding, ...)."""
        return self not in _UNDIRECTED

    @property
    def partners(self) -> bool:
        """True for the kinds that make two actors partners: partnership, resource sharing,
        support and funding. Membership and leadership place actors; coordination and peer
        learning are contact."""
        return self in _PARTNERING


_UNDIRECTED = frozenset({TieKind.PARTNERSHIP, TieKind.COORDINATION, TieKind.PEER_LEARNING})
_PARTNERING = frozenset({TieKind.PARTNERSHIP, TieKind.RESOURCE_SHARING, TieKind.SUPPORT, TieKind.FUNDING})


class Direction(Vocabulary):
    """Which way a shared resource flows along a resource-sharing tie."""

    FORWARD = ("forward", "dari sumber ke tujuan", "source to target", "satu arah", "one way")
    BOTH = ("both", "dua arah", "both ways", "timbal balik", "mutual")


class CooperationField(Vocabulary):
    """Fields of cooperation (Permendagri 96/2017)."""

    PEMERINTAHAN = ("governance", "pemerintahan", "governance")
    PEMBANGUNAN = ("development", "pembangunan", "development")
    PEMBINAAN = ("community_affairs", "pembinaan kemasyarakatan", "community affairs", "pembinaan masyarakat")
    PEMBERDAYAAN = ("empowerment", "pemberdayaan masyarakat", "empowerment", "pemberdayaan")
    BENCANA = ("disaster", "penanggulangan bencana", "disaster management", "bencana", "disasters")
    USAHA_BERSAMA = ("joint_business", "usaha bersama", "joint business")
    KEAMANAN = ("security", "keamanan dan ketertiban", "security and order", "keamanan", "trantib")


class DocumentType(Vocabulary):
    """The documents that set a cooperation."""

    PERATURAN_BERSAMA = (
        "joint_regulation",
        "peraturan bersama kepala desa",
        "joint regulation of village heads",
        "peraturan bersama",
        "perbekades",
    )
    PERJANJIAN_BERSAMA = ("joint_agreement", "perjanjian bersama", "joint agreement", "perjanjian kerja sama", "pks")
    MOU = ("mou", "nota kesepahaman", "memorandum of understanding", "MoU")
    BERITA_ACARA = ("minutes", "berita acara musyawarah", "minutes of deliberation", "berita acara")


class Sector(Vocabulary):
    """Economic and service sectors of a village (potensi desa)."""

    PERTANIAN = ("food_crops", "pertanian", "food crops", "agriculture", "tanaman pangan")
    PERKEBUNAN = ("estate_crops", "perkebunan", "estate crops", "plantation")
    KEHUTANAN = ("forestry", "kehutanan", "forestry")
    PETERNAKAN = ("livestock", "peternakan", "livestock")
    PERIKANAN = ("fisheries", "perikanan", "fisheries", "fishery")
    PERTAMBANGAN = ("mining", "pertambangan", "mining", "bahan galian", "pertambangan/bahan galian")
    WISATA = ("tourism", "wisata", "tourism", "pariwisata")
    UMKM = ("small_industry", "UMKM/industri kecil", "small industry", "umkm", "industri kecil")
    PERDAGANGAN = ("trade_services", "perdagangan dan jasa", "trade and services", "perdagangan", "jasa")
    KESEHATAN = ("health", "kesehatan", "health")
    PENDIDIKAN = ("education", "pendidikan", "education")
    LINGKUNGAN = ("environment", "lingkungan", "environment", "lingkungan hidup")


class Resource(Vocabulary):
    """Resource types that actors need and offer."""

    LAHAN = ("land", "lahan", "land", "tanah")
    AIR = ("water", "air/irigasi", "water and irrigation", "air", "irigasi", "water", "irrigation")
    ALSINTAN = ("farm_machinery", "alat dan mesin pertanian", "farm machinery", "alsintan")
    INFRASTRUKTUR = ("infrastructure", "infrastruktur", "infrastructure", "jalan", "jembatan")
    PASAR = ("market_access", "pasar", "market access", "akses pasar")
    FASILITAS_UMUM = ("public_facilities", "fasilitas umum", "public facilities", "fasum")
    KENDARAAN = ("vehicles", "kendaraan", "vehicles", "ambulans", "ambulance")
    DANA = ("funds", "dana", "funds", "funding", "modal")
    TENAGA_KERJA = ("labour", "tenaga kerja", "labour", "labor")
    PELATIHAN = ("training", "pengetahuan/pelatihan", "know-how and training", "pelatihan", "pengetahuan", "know-how")
    PENDAMPINGAN = ("mentoring", "pendampingan", "mentoring")
    DATA = ("data", "data/informasi", "data and information", "informasi", "pusat data")
    PEMASARAN = ("marketing", "pemasaran", "marketing and supply chain", "rantai pasok", "supply chain")


class DevelopmentStatus(Vocabulary):
    """Village development status (Indeks Desa Membangun and its successor Indeks Desa), ordered."""

    SANGAT_TERTINGGAL = ("very_underdeveloped", "sangat tertinggal", "very underdeveloped")
    TERTINGGAL = ("underdeveloped", "tertinggal", "underdeveloped")
    BERKEMBANG = ("developing", "berkembang", "developing")
    MAJU = ("advanced", "maju", "advanced")
    MANDIRI = ("self_reliant", "mandiri", "self-reliant", "self reliant")

    @property
    def rank(self) -> int:
        """0 for sangat tertinggal up to 4 for mandiri."""
        return list(DevelopmentStatus).index(self)

    def _compare(self, other: object) -> int:
        if not isinstance(other, DevelopmentStatus):
            raise TypeError(f"cannot compare a development status with {other!r}")
        return self.rank - other.rank

    def __lt__(self, other: object) -> bool:
        return self._compare(other) < 0

    def __le__(self, other: object) -> bool:
        return self._compare(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._compare(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._compare(other) >= 0

    def __hash__(self) -> int:
        return str.__hash__(self)


class StatusScheme(Vocabulary):
    """The index behind a development status; scores of the two are not comparable."""

    IDM = ("idm", "Indeks Desa Membangun", "Village Development Index", "indeks desa membangun")
    ID = ("id", "Indeks Desa", "Village Index", "indeks desa", "id2024")


class MeetingType(Vocabulary):
    """Kinds of meeting: the record of coordination."""

    RAPAT_KOORDINASI = ("coordination_meeting", "rapat koordinasi", "coordination meeting", "rakor")
    MUSDES = ("village_deliberation", "musyawarah desa", "village deliberation", "musdes")
    MUSRENBANGDES = ("village_planning_forum", "musrenbangdes", "village development planning forum", "musrenbang desa")
    MUSYAWARAH_ANTAR_DESA = ("inter_village_deliberation", "musyawarah antar desa", "inter-village deliberation", "mad")
    MUSRENBANG_KECAMATAN = ("district_planning_forum", "musrenbang kecamatan", "district development planning forum")
    RAPAT_BPD = ("bpd_meeting", "rapat BPD", "BPD meeting")
    FORUM_KADES = ("village_heads_forum", "forum kades", "village heads' forum", "forum kepala desa", "apdesi")
    KUNJUNGAN_KERJA = ("work_visit", "kunjungan kerja", "study or work visit", "kunker", "study visit")
    PELATIHAN = ("training", "pelatihan/lokakarya", "training or workshop", "pelatihan", "lokakarya", "workshop")

    @property
    def coordinating(self) -> bool:
        """True for meetings whose attendees coordinate (all kinds but training)."""
        return self is not MeetingType.PELATIHAN


class Role(Vocabulary):
    """Roles of people in the village and its institutions (on leadership ties)."""

    KADES = ("village_head", "kepala desa", "village head", "kades")
    SEKDES = ("village_secretary", "sekretaris desa", "village secretary", "sekdes")
    KAUR = ("affairs_head", "kepala urusan", "head of affairs", "kaur")
    KASI = ("section_head", "kepala seksi", "head of section", "kasi")
    KADUS = ("hamlet_head", "kepala dusun", "hamlet head", "kadus")
    KETUA = ("chair", "ketua", "chair", "chairperson")
    SEKRETARIS = ("secretary", "sekretaris", "secretary")
    BENDAHARA = ("treasurer", "bendahara", "treasurer")
    ANGGOTA = ("member", "anggota", "member")
    TOKOH = ("community_leader", "tokoh masyarakat", "community leader", "tomas")


class GovernmentLevel(Vocabulary):
    """The level of a government agency above the village (supradesa)."""

    KECAMATAN = ("district", "kecamatan", "district office", "camat")
    KABUPATEN = ("regency", "kabupaten/kota", "regency or city", "kabupaten", "kota", "dinas kabupaten")
    PROVINSI = ("province", "provinsi", "province")
    PUSAT = ("central", "pusat", "central government", "kementerian", "nasional")


class FirmOwnership(Vocabulary):
    """Who owns a firm."""

    SWASTA = ("private", "swasta", "private")
    BUMN = ("state", "BUMN", "state-owned", "badan usaha milik negara")
    BUMD = ("regional", "BUMD", "regionally owned", "badan usaha milik daerah")
    KOPERASI = ("cooperative", "koperasi", "cooperative")


VOCABULARIES: tuple[type[Vocabulary], ...] = (
    ActorKind,
    InstitutionType,
    TieKind,
    Direction,
    CooperationField,
    DocumentType,
    Sector,
    Resource,
    DevelopmentStatus,
    StatusScheme,
    MeetingType,
    Role,
    GovernmentLevel,
    FirmOwnership,
)
