"""Seeded synthetic networks on the real village list, for demos, tests and scale trials.

Villages and their codes are official; everything else is illustrative synthetic data, built
through the model classes so it validates like imported data. Ids of generated actors, ties
and meetings start with :data:`ID_PREFIX` (villages keep their Kemendagri code) and every
organisation carries :data:`SYNTHETIC_NOTE`.

The same seed gives the same network. Each province, kabupaten and kecamatan draws from its
own random stream, seeded by the seed and its code, so a kecamatan comes out the same alone
or within the whole country (only its occasional partnership with the previous kecamatan of
the kabupaten needs that one generated too).

There are no coordinates, so a village's "neighbours" are the villages one or two places
from it in code order within its kecamatan. Each kecamatan keeps gaps to find: one or two
desa without a BPD (when it has five desa or more), villages without inter-village ties,
kades without peers, a partnership expired and not renewed, a village missing a quarter.

>>> batch = demo()
>>> sum(a.kind == "village" for a in batch.actors), demo() == batch
(17, True)
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from jejaring.gazetteer import Area, gazetteer
from jejaring.model import (
    Firm,
    Government,
    Institution,
    Meeting,
    Ngo,
    Tie,
    University,
    Village,
    VillageHead,
)
from jejaring.periods import Quarter
from jejaring.store.base import Batch
from jejaring.vocab import CooperationField as F
from jejaring.vocab import DevelopmentStatus as D
from jejaring.vocab import Direction, DocumentType, FirmOwnership, GovernmentLevel, Role, StatusScheme
from jejaring.vocab import InstitutionType as I  # noqa: E741
from jejaring.vocab import MeetingType as M
from jejaring.vocab import Resource as R
from jejaring.vocab import Sector as S
from jejaring.vocab import TieKind as K

__all__ = ["SYNTHETIC_NOTE", "ID_PREFIX", "DEMO_KECAMATAN", "demo", "generate", "generate_area", "batches"]

SYNTHETIC_NOTE = "Data sintetis ilustratif, bukan data nyata (illustrative synthetic data, not real)."
ID_PREFIX = "syn-"
DEMO_KECAMATAN = "18.02.02"
"""Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung: 17 desa."""

_START = date(2024, 1, 1)

# Sector: (what villages with it tend to offer, what they tend to need); with desa and
# kelurahan weights of drawing it.
_SECTOR: dict[S, tuple[tuple[R, ...], tuple[R, ...], int, int]] = {
    S.PERTANIAN: ((R.LAHAN, R.TENAGA_KERJA, R.ALSINTAN, R.AIR), (R.ALSINTAN, R.AIR, R.PASAR, R.PEMASARAN), 30, 6),
    S.PERKEBUNAN: ((R.LAHAN,), (R.TENAGA_KERJA, R.INFRASTRUKTUR, R.PEMASARAN, R.ALSINTAN), 18, 2),
    S.KEHUTANAN: ((R.LAHAN, R.AIR), (R.PENDAMPINGAN, R.PEMASARAN), 3, 0),
    S.PETERNAKAN: ((R.TENAGA_KERJA, R.AIR), (R.LAHAN, R.PELATIHAN, R.PASAR, R.DANA), 14, 4),
    S.PERIKANAN: ((R.TENAGA_KERJA, R.AIR), (R.KENDARAAN, R.PASAR, R.DANA), 7, 4),
    S.PERTAMBANGAN: ((R.TENAGA_KERJA, R.DANA), (R.INFRASTRUKTUR, R.PENDAMPINGAN), 2, 0),
    S.WISATA: ((R.FASILITAS_UMUM, R.PEMASARAN), (R.INFRASTRUKTUR, R.PELATIHAN, R.DATA), 4, 5),
    S.UMKM: ((R.TENAGA_KERJA, R.PELATIHAN), (R.DANA, R.PEMASARAN, R.PASAR), 10, 25),
    S.PERDAGANGAN: ((R.PASAR, R.KENDARAAN, R.PEMASARAN, R.FASILITAS_UMUM), (R.DANA, R.DATA), 8, 30),
    S.KESEHATAN: ((R.FASILITAS_UMUM, R.KENDARAAN), (R.DANA, R.PELATIHAN), 1, 8),
    S.PENDIDIKAN: ((R.PELATIHAN, R.FASILITAS_UMUM), (R.DANA, R.DATA), 1, 8),
    S.LINGKUNGAN: ((R.PELATIHAN, R.AIR, R.LAHAN), (R.PENDAMPINGAN, R.DANA), 2, 8),
}
_DESA_WEIGHTS = [w for *_, w, _ in _SECTOR.values()]
_KELURAHAN_WEIGHTS = [w for *_, w in _SECTOR.values()]
_STATUS_WEIGHTS = (5, 17, 48, 22, 8)  # sangat tertinggal ... mandiri: mostly berkembang
_FIELDS = (F.PEMBANGUNAN, F.PEMBERDAYAAN, F.USAHA_BERSAMA, F.KEAMANAN, F.BENCANA, F.PEMERINTAHAN, F.PEMBINAAN)
_FIELD_WEIGHTS = (30, 20, 20, 10, 8, 7, 5)

# Institution type: (name before "Desa X", prevalence when optional, offers, needs).
_INSTITUTION: dict[I, tuple[str, float, tuple[R, ...], tuple[R, ...]]] = {
    I.PEMERINTAH_DESA: ("Pemerintah", 1.0, (R.FASILITAS_UMUM, R.DATA), (R.DANA, R.PENDAMPINGAN)),
    I.BPD: ("BPD", 1.0, (), (R.PELATIHAN,)),
    I.PKK: ("TP PKK", 0.9, (R.TENAGA_KERJA,), (R.PELATIHAN, R.DANA)),
    I.POSYANDU: ("Posyandu", 0.9, (R.DATA,), (R.KENDARAAN, R.PELATIHAN)),
    I.KARANG_TARUNA: ("Karang Taruna", 0.85, (R.TENAGA_KERJA,), (R.PELATIHAN, R.DANA)),
    I.LPM: ("LPM", 0.8, (R.TENAGA_KERJA,), (R.DANA, R.DATA)),
    I.BUM_DESA: ("BUM Desa", 0.55, (R.PEMASARAN, R.ALSINTAN), (R.DANA, R.PASAR)),
    I.RT: ("RT/RW", 0.4, (R.TENAGA_KERJA,), (R.INFRASTRUKTUR,)),
    I.LEMBAGA_ADAT: ("Lembaga Adat", 0.25, (), (R.DANA,)),
}
_LKD = (I.PKK, I.POSYANDU, I.KARANG_TARUNA, I.LPM, I.RT, I.LEMBAGA_ADAT)

# Kabupaten office: (name, sectors, offers, institution it works with). PMD supports every
# desa and Bappeda attends the musrenbang; the others are drawn as partners like NGOs.
_DINAS: dict[str, tuple[str, tuple[S, ...], tuple[R, ...], I | None]] = {
    "pmd": ("Dinas Pemberdayaan Masyarakat dan Desa", (S.UMKM,), (R.PENDAMPINGAN, R.PELATIHAN), None),
    "bappeda": ("Badan Perencanaan Pembangunan Daerah", (S.PENDIDIKAN,), (R.DATA,), None),
    "pertanian": ("Dinas Pertanian", (S.PERTANIAN, S.PERKEBUNAN), (R.ALSINTAN, R.PELATIHAN), None),
    "kesehatan": ("Dinas Kesehatan", (S.KESEHATAN,), (R.PELATIHAN, R.KENDARAAN), I.POSYANDU),
    "koperasi": ("Dinas Koperasi dan UKM", (S.UMKM, S.PERDAGANGAN), (R.PEMASARAN, R.DANA), I.BUM_DESA),
    "pariwisata": ("Dinas Pariwisata", (S.WISATA,), (R.PEMASARAN, R.PELATIHAN), None),
    "pupr": ("Dinas Pekerjaan Umum dan Penataan Ruang", (S.LINGKUNGAN,), (R.INFRASTRUKTUR, R.AIR), None),
}
# Firm ownership: (share, how it works with villages, name pattern, offers).
_FIRM: dict[FirmOwnership, tuple[int, str, str, tuple[R, ...]]] = {
    FirmOwnership.SWASTA: (55, "business", "PT {} {}", (R.PASAR, R.PEMASARAN)),
    FirmOwnership.BUMN: (15, "csr", "PT {} {} Nusantara (Persero)", (R.DANA, R.PELATIHAN)),
    FirmOwnership.BUMD: (10, "csr", "PT {} {} (Perseroda)", (R.DANA,)),
    FirmOwnership.KOPERASI: (20, "koperasi", "Koperasi {} {}", (R.PASAR, R.DANA)),
}
_FIRM_SECTORS = (S.PERKEBUNAN, S.PERTANIAN, S.PERDAGANGAN, S.PERTAMBANGAN)
# Sectors, offers and needs of universities and NGOs.
_UNIVERSITY = ((S.PENDIDIKAN, S.PERTANIAN, S.KESEHATAN), (R.PELATIHAN, R.PENDAMPINGAN, R.DATA), (R.DATA,))
_NGO = ((S.PERTANIAN, S.UMKM, S.LINGKUNGAN, S.KESEHATAN), (R.PENDAMPINGAN, R.PELATIHAN, R.DATA), (R.DANA,))

_MEN = (
    "Agus", "Ahmad", "Bambang", "Budi", "Darmawan", "Dedi", "Eko", "Fauzi", "Hadi", "Hendra", "Heru",
    "Irwan", "Iwan", "Joko", "Kasno", "Made", "Mulyadi", "Nyoman", "Purnomo", "Rahmat", "Ruslan",
    "Slamet", "Sugeng", "Suparman", "Sutrisno", "Syamsul", "Tarmizi", "Wahyu", "Yusuf", "Zainal",
)
_WOMEN = ("Dewi", "Endang", "Lestari", "Nurhayati", "Rina", "Siti", "Sri", "Yuliana")
_FAMILY = (
    "Effendi", "Gunawan", "Harahap", "Hasibuan", "Hidayat", "Kurniawan", "Lubis", "Nugroho", "Pratama",
    "Rahman", "Santoso", "Saputra", "Sembiring", "Setiawan", "Susanto", "Syahputra", "Wibowo", "Wijaya", "",
)
_SYLLABLES = ("ba", "da", "ga", "ka", "la", "ma", "na", "ra", "sa", "wa", "ja", "ri", "si", "ni", "ku", "lu")
_GOOD_WORDS = ("Lestari", "Mandiri", "Sejahtera", "Swadaya", "Harapan", "Bersama", "Madani", "Makmur")
_TRAININGS = (
    "pengelolaan BUM Desa", "digitalisasi UMKM", "pertanian organik", "penyusunan RKPDes",
    "kesiapsiagaan bencana", "pemasaran daring", "sistem informasi desa",
)


def demo(seed: int = 2024) -> Batch:
    """Kecamatan Bangun Rejo (18.02.02) over the four quarters of 2024, with its organisations.

    >>> sorted({m.date.year for m in demo().meetings})
    [2024]
    """
    return generate(gazetteer().villages_of(DEMO_KECAMATAN), seed=seed)


def generate(villages: Iterable[Area], *, seed: int, start: date = _START, quarters: int = 4) -> Batch:
    """The network of ``villages`` (any mix of kecamatan) over ``quarters`` quarters from ``start``.

    >>> batch = generate(gazetteer().villages_of("18.72.01"), seed=1, quarters=1)
    >>> sum(a.kind == "village_head" for a in batch.actors)  # Metro Pusat has only kelurahan
    0
    """
    whole = Batch()
    for part in batches(villages, seed=seed, start=start, quarters=quarters):
        whole.extend(part)
    return whole


def generate_area(code: str | None, *, seed: int, start: date = _START, quarters: int = 4) -> Iterator[Batch]:
    """Stream the network of the area with Kemendagri ``code``, of any level (``None``: all Indonesia).

    >>> sum(len(part) for part in generate_area("18.72.05", seed=1, quarters=1)) > 0
    True
    """
    g = gazetteer()
    villages = g.areas("village") if code is None else g.villages_of(code)
    return batches(villages, seed=seed, start=start, quarters=quarters)


def batches(
    villages: Iterable[Area], *, seed: int, start: date = _START, quarters: int = 4
) -> Iterator[Batch]:
    """Yield the network in parts, each writable once the ones before it are stored: a kabupaten's
    organisations (with its province's, the first time) and then its kecamatan one by one.

    >>> first, kecamatan = batches(gazetteer().villages_of("18.02.02"), seed=1)
    >>> sorted({a.kind.value for a in first.actors}), len(first.ties)
    (['firm', 'government', 'ngo', 'university'], 0)
    >>> sum(a.kind == "village" for a in kecamatan.actors)
    17
    """
    if quarters < 1:
        raise ValueError("quarters must be at least 1")
    windows = [(_add_months(start, 3 * q), _add_months(start, 3 * q + 3)) for q in range(quarters)]
    g = gazetteer()
    region: _Region | None = None
    previous: list[_Place] = []
    unique = sorted({v.code: v for v in villages}.values(), key=lambda v: v.code)
    for district_code, group in groupby(unique, key=lambda v: v.parent):
        district = g.area(district_code)
        if region is None or region.area.code != district.parent:
            province_known = region is not None and district.code.startswith(region.area.parent + ".")
            region, previous = _Region(g.area(district.parent), seed, start), []
            orgs = region.own if province_known else region.province_orgs + region.own
            yield Batch(actors=[org.record for org in orgs])
        builder = _District(district, list(group), region, windows, seed)
        yield builder.build(previous)
        previous = builder.linked_desa


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(rng: random.Random, lo: date, hi: date) -> date:
    """A day in ``[lo, hi)``."""
    return lo + timedelta(rng.randrange(max((hi - lo).days, 1)))


def _workday(rng: random.Random, lo: date, hi: date) -> date:
    """A Monday-to-Friday day in ``[lo, hi)``, a window of weeks."""
    day = _day(rng, lo, hi)
    if day.weekday() >= 5:
        monday = day + timedelta(7 - day.weekday())
        day = monday if monday < hi else day - timedelta(day.weekday() - 4)
    return day


def _pick(rng: random.Random, pool: Sequence[Any], k: int) -> list[Any]:
    """Up to ``k`` distinct items of ``pool``; items listed more often come first more often."""
    return list(dict.fromkeys(rng.sample(pool, len(pool))))[:k]


def _zipf(rng: random.Random, n: int) -> list[float]:
    """Heavy-tailed (Zipf) weights ``1 / rank ** 1.75`` for ranks 1 to ``n``, in random order."""
    return [rank**-1.75 for rank in rng.sample(range(1, n + 1), n)]


def _coined(rng: random.Random) -> str:
    """A made-up proper name, so no real organisation is named."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


@dataclass(eq=False)
class _Org:
    """An organisation, how it works with villages (``role``) and with which institution (``target``)."""

    record: Ngo | Firm | University | Government
    role: str
    target: I | None = None

    def fits(self, place: _Place) -> bool:
        """Whether it shares a sector with ``place`` or offers something ``place`` needs."""
        record = self.record
        return any(s in record.sectors for s in place.sectors) or any(r in record.offers for r in place.needs)


def _org(rng: random.Random, cls: type, role: str, key: str, name: str, area: Area, sectors: Sequence[S],
         offers: Sequence[R], needs: Sequence[R], target: I | None = None, **extra: Any) -> _Org:
    """An organisation of ``area`` working in one or two of ``sectors``, marked synthetic."""
    record = cls(
        id=f"{ID_PREFIX}{key}", name=name, area=area.code, sectors=_pick(rng, sectors, rng.randint(1, 2)),
        offers=list(offers), needs=list(needs), notes=SYNTHETIC_NOTE, **extra,
    )
    return _Org(record, role, target)


def _province_orgs(province: Area, seed: int) -> list[_Org]:
    """The universities and NGOs working across a province."""
    rng, code = random.Random(f"{seed}:{province.code}"), province.code
    orgs = []
    for i in range(1, rng.randint(1, 2) + 1):
        name = f"{rng.choice(('Universitas', 'Institut', 'Politeknik'))} {_coined(rng)} {province.name}"
        orgs.append(_org(rng, University, "kkn", f"univ-{code}-{i}", name, province, *_UNIVERSITY))
    for i in range(1, rng.randint(2, 3) + 1):
        name = f"{rng.choice(('Yayasan', 'Perkumpulan'))} {_coined(rng)} {rng.choice(_GOOD_WORDS)}"
        orgs.append(_org(rng, Ngo, "ngo", f"ngo-{code}-{i}", name, province, *_NGO))
    return orgs


class _Region:
    """A kabupaten: its organisations, the heavy-tailed pool its villages draw partners from,
    and its pilkades rounds."""

    def __init__(self, area: Area, seed: int, start: date) -> None:
        self.area = area
        self.province_orgs = _province_orgs(gazetteer().area(area.parent), seed)
        rng = random.Random(f"{seed}:{area.code}")
        dinas = [
            _org(rng, Government, "dinas", f"gov-{area.code}-{key}", f"{office} {area.name}", area,
                 sectors, offers, [R.DATA], target, level=GovernmentLevel.KABUPATEN)
            for key, (office, sectors, offers, target) in _DINAS.items()
        ]
        self.pmd, self.bappeda = dinas[0].record.id, dinas[1].record.id
        ngos = []
        for i in range(1, rng.randint(2, 5) + 1):
            name = f"{rng.choice(('Yayasan', 'LSM', 'Lembaga'))} {_coined(rng)} {rng.choice(_GOOD_WORDS)}"
            ngos.append(_org(rng, Ngo, "ngo", f"ngo-{area.code}-{i}", name, area, *_NGO))
        # The first firm is regionally owned, so every kabupaten has some CSR funding.
        ownerships = [FirmOwnership.BUMD] + rng.choices(list(_FIRM), [f[0] for f in _FIRM.values()], k=4)
        firms = [self._firm(rng, i, owner) for i, owner in enumerate(ownerships[: rng.randint(2, 5)], 1)]
        self.own = dinas + ngos + firms
        self.pool = self.province_orgs + dinas[2:] + ngos + firms
        self.weights = _zipf(rng, len(self.pool))
        first, last = _add_months(start, -84), _add_months(start, -6)
        self.elections = [_day(rng, first, last) for _ in range(rng.randint(2, 3))]

    def _firm(self, rng: random.Random, i: int, owner: FirmOwnership) -> _Org:
        _, role, pattern, offers = _FIRM[owner]
        name = pattern.format(_coined(rng), rng.choice(("Agro", "Niaga", "Pangan", "Tani", "Karya")))
        target = I.BUM_DESA if role == "business" else None
        needs, key = (R.LAHAN, R.TENAGA_KERJA), f"firm-{self.area.code}-{i}"
        return _org(rng, Firm, role, key, name, self.area, _FIRM_SECTORS, offers, needs, target, ownership=owner)


@dataclass(eq=False)
class _Place:
    """A village being generated, with what the later steps need to know about it."""

    area: Area
    sectors: list[S]
    needs: list[R]
    offers: list[R]
    status: D
    institutions: dict[I, str] = field(default_factory=dict)
    kades: str | None = None

    @property
    def code(self) -> str:
        return self.area.code

    @property
    def title(self) -> str:
        """The village as Indonesians write it: Desa X, Kelurahan X or Desa Adat X."""
        if self.area.code[9] == "3":
            return self.area.name
        return f"{'Kelurahan' if self.area.is_kelurahan else 'Desa'} {self.area.name}"

    def target(self, kind: I | None) -> str:
        """The institution of ``kind`` if the village has one, else the village itself."""
        return self.institutions.get(kind, self.code) if kind else self.code


def _institution_name(prefix: str, place: _Place) -> str:
    """``BPD Desa Sido Mulyo``; an enterprise named after its village drops the repeated "Desa"."""
    if prefix.endswith(" Desa") and place.title.startswith("Desa "):
        return f"{prefix} {place.area.name}"
    return f"{prefix} {place.title}"


class _District:
    """One kecamatan: its office, villages, kades, institutions, ties and meetings."""

    def __init__(self, area: Area, villages: list[Area], region: _Region, windows: list[tuple[date, date]],
                 seed: int) -> None:
        self.area, self.villages, self.region, self.windows = area, villages, region, windows
        self.start, self.end = windows[0][0], windows[-1][1]
        self.rng = random.Random(f"{seed}:{area.code}")
        self.batch = Batch()
        self.camat = f"{ID_PREFIX}gov-{area.code}"
        self.places: list[_Place] = []
        self.linked_desa: list[_Place] = []
        self.partnered: dict[_Place, None] = {}
        self.quiet: set[str] = set()
        self.names: set[str] = set()
        self.expired_made = False

    def build(self, previous: list[_Place]) -> Batch:
        """Generate the kecamatan; ``previous`` are the linked desa of the kecamatan before it."""
        rng = self.rng
        desa = [v.code for v in self.villages if not v.is_kelurahan]
        no_bpd = set(rng.sample(desa, rng.randint(1, 2))) if len(desa) >= 5 else set()
        office = f"Kantor {'Distrik' if self.area.code.startswith('9') else 'Camat'} {self.area.name}"
        self.batch.actors.append(
            Government(id=self.camat, name=office, area=self.area.code, level=GovernmentLevel.KECAMATAN,
                       offers=[R.PENDAMPINGAN, R.DATA], needs=[R.DATA], notes=SYNTHETIC_NOTE)
        )
        self.places = [self._village(v, v.code not in no_bpd) for v in self.villages]
        for place in self.places:
            self._partners(place)
        self._neighbours()
        self._peers()
        self._meetings()
        if previous and self.linked_desa and rng.random() < 0.3:
            self._partnership(rng.choice(self.linked_desa), rng.choice(previous))
        return self.batch

    def _tie(self, kind: K, source: str, target: str, since: date | None = None, **extra: Any) -> None:
        stamp = f":{since.isoformat()}" if since else ""
        self.batch.ties.append(
            Tie(id=f"{ID_PREFIX}{kind.value}:{source}:{target}{stamp}", kind=kind, source=source,
                target=target, since=since, **extra)
        )

    def _village(self, area: Area, with_bpd: bool) -> _Place:
        rng = self.rng
        drawn = rng.choices(tuple(_SECTOR), _KELURAHAN_WEIGHTS if area.is_kelurahan else _DESA_WEIGHTS, k=6)
        sectors = list(dict.fromkeys(drawn))[: rng.randint(1, 3)]
        needs = _pick(rng, [r for s in sectors for r in _SECTOR[s][1]], rng.randint(1, 3))
        offers = _pick(rng, [r for s in sectors for r in _SECTOR[s][0] if r not in needs], rng.randint(1, 3))
        place = _Place(area, sectors, needs, offers, rng.choices(tuple(D), _STATUS_WEIGHTS)[0])
        self.batch.actors.append(
            Village(code=area.code, name=area.name, sectors=sectors, needs=needs, offers=offers,
                    development_status=place.status, status_scheme=StatusScheme.IDM,
                    status_year=self.start.year, population=round(rng.triangular(1000, 8000, 2500)))
        )
        self._tie(K.SUPPORT, self.camat, area.code)
        if area.is_kelurahan:
            kinds, optional, count = [], _LKD, rng.randint(4, 6)
        else:
            self._kades(place)
            self._tie(K.SUPPORT, self.region.pmd, area.code)
            kinds = [I.PEMERINTAH_DESA, I.BPD] if with_bpd else [I.PEMERINTAH_DESA]
            optional, count = (*_LKD, I.BUM_DESA), rng.randint(5, 8)
        # Weighted sampling without replacement by prevalence (Efraimidis-Spirakis keys).
        kinds += sorted(optional, key=lambda k: rng.random() ** (1 / _INSTITUTION[k][1]), reverse=True)
        for kind in kinds[:count]:
            prefix, _, offers_, needs_ = _INSTITUTION[kind]
            place.institutions[kind] = key = f"{ID_PREFIX}inst-{area.code}-{kind.value}"
            self.batch.actors.append(
                Institution(id=key, name=_institution_name(prefix, place), village=area.code, type=kind,
                            offers=list(offers_), needs=list(needs_))
            )
            self._tie(K.MEMBERSHIP, key, area.code)
        return place

    def _kades(self, place: _Place) -> None:
        """A kades elected in one of the kabupaten's pilkades rounds, for eight years (UU 3/2024)."""
        rng = self.rng
        name = self._person()
        since = rng.choice(self.region.elections) + timedelta(days=rng.randint(14, 90))
        until = _add_months(since, 96)
        place.kades = f"{ID_PREFIX}kades-{place.code}"
        self.batch.actors.append(
            VillageHead(id=place.kades, name=name, village=place.code, term_start=since, term_end=until)
        )
        self._tie(K.LEADERSHIP, place.kades, place.code, since, until=until, role=Role.KADES)

    def _person(self) -> str:
        """A name not yet given in this kecamatan."""
        rng = self.rng
        while True:
            first = rng.choice(_WOMEN if rng.random() < 0.07 else _MEN)
            name = f"{first} {rng.choice(_FAMILY)}".strip()
            if name not in self.names:
                self.names.add(name)
                return name

    def _partners(self, place: _Place) -> None:
        """Ties with a few organisations, drawn by their heavy-tailed weights (tripled where they fit)."""
        rng, pool = self.rng, self.region.pool
        count = rng.choices((0, 1, 2, 3, 4), (1, 3, 3, 2, 1))[0] + (place.status >= D.MAJU)
        if count:
            weights = [w * 3 if org.fits(place) else w for org, w in zip(pool, self.region.weights)]
            for org in dict.fromkeys(rng.choices(pool, weights, k=count)):
                self._org_tie(org, place)

    def _org_tie(self, org: _Org, place: _Place) -> None:
        rng, source, target = self.rng, org.record.id, place.target(org.target)
        since = _day(rng, _add_months(self.start, -24), self.end)
        resources = [r for r in org.record.offers if r in place.needs] or org.record.offers[:1]
        role = org.role
        if role == "business":
            role = rng.choice(("koperasi", "agreement"))
        elif role == "ngo" and rng.random() < 0.4:
            role = "agreement"
        if role == "kkn":  # a KKN term of about six weeks
            self._tie(K.SUPPORT, source, target, since, until=since + timedelta(days=45),
                      resources=[R.PELATIHAN, R.PENDAMPINGAN])
        elif role == "csr":
            self._tie(K.FUNDING, source, target, since, until=_add_months(since, 12),
                      amount=rng.randrange(25, 525, 25) * 1_000_000)
        elif role == "koperasi":  # selling for the village, or lending to it
            self._tie(K.RESOURCE_SHARING, source, target, since, resources=resources,
                      direction=Direction.FORWARD)
        elif role == "agreement":
            fields = (F.USAHA_BERSAMA,) if org.role == "business" else (F.PEMBERDAYAAN, F.PEMBANGUNAN)
            self._tie(K.PARTNERSHIP, source, target, since, until=_add_months(since, 12 * rng.randint(1, 3)),
                      field=rng.choice(fields),
                      document=rng.choice((DocumentType.PERJANJIAN_BERSAMA, DocumentType.MOU)))
        else:  # NGO mentoring, dinas facilitation
            self._tie(K.SUPPORT, source, target, since, resources=resources)

    def _neighbours(self) -> None:
        """Partnerships (desa only) and resource sharing between villages one or two places apart."""
        rng, places = self.rng, self.places
        isolated = set(rng.sample(range(len(places)), max(1, round(len(places) * 0.12))))
        for i, a in enumerate(places):
            for j, p_partner, p_share in ((i + 1, 0.45, 0.8), (i + 2, 0.15, 0.4)):
                if j >= len(places) or i in isolated or j in isolated:
                    continue
                if a.kades and places[j].kades and rng.random() < p_partner:
                    self._partnership(a, places[j])
                if rng.random() < p_share:
                    self._sharing(a, places[j])
        self.linked_desa = [p for i, p in enumerate(places) if p.kades and i not in isolated]

    def _partnership(self, a: _Place, b: _Place) -> None:
        """A joint regulation of two kades, maybe renewed once; the kecamatan's first expired unrenewed."""
        rng, first = self.rng, not self.expired_made
        self.expired_made = True
        if first:
            since = _day(rng, _add_months(self.start, -60), _add_months(self.start, -36))
            years = rng.randint(1, 2)
        else:
            since, years = _day(rng, _add_months(self.start, -48), self.end), rng.randint(1, 3)
        field_ = rng.choices(_FIELDS, _FIELD_WEIGHTS)[0]
        for _ in range(1 if first else 2):
            until = _add_months(since, 12 * years)
            ref = f"Peraturan Bersama Kepala Desa Nomor {rng.randint(1, 9)} Tahun {since.year}"
            self._tie(K.PARTNERSHIP, a.code, b.code, since, until=until, field=field_,
                      document=DocumentType.PERATURAN_BERSAMA, document_ref=ref)
            if until > self.start or rng.random() < 0.5:
                break
            since, years = until, 2  # renewed on expiry
        self.partnered.update(dict.fromkeys((a, b)))

    def _sharing(self, a: _Place, b: _Place) -> None:
        """What one village offers and the other needs flows between them, one way or both."""
        ab, ba = [r for r in a.offers if r in b.needs], [r for r in b.offers if r in a.needs]
        if ab or ba:
            source, target = (a, b) if ab else (b, a)
            since = _day(self.rng, _add_months(self.start, -36), self.end)
            self._tie(K.RESOURCE_SHARING, source.code, target.code, since, resources=ab + ba,
                      direction=Direction.BOTH if ab and ba else Direction.FORWARD)

    def _peers(self) -> None:
        """Peer learning between kades, favouring a few prominent ones; about one in seven has none."""
        rng = self.rng
        heads = [p.kades for p in self.places if p.kades]
        self.quiet = set(rng.sample(heads, max(1, round(len(heads) * 0.15)))) if heads else set()
        active = [h for h in heads if h not in self.quiet]
        weights = _zipf(rng, len(active))
        pairs: dict[tuple[str, str], None] = {}
        for head in active:
            for peer in rng.choices(active, weights, k=rng.randint(1, 2)):
                if peer != head:
                    pairs[min(head, peer), max(head, peer)] = None
        for a, b in pairs:
            self._tie(K.PEER_LEARNING, a, b, _day(rng, _add_months(self.start, -36), self.end))

    def _meet(self, kind: M, window: tuple[date, date], place: str, host: str, attendees: list[str],
              title: str, village: str | None = None) -> None:
        """A meeting on a workday of ``window``; ``{quarter}`` and ``{year}`` in ``title`` are filled in."""
        day = _workday(self.rng, *window)
        title = title.format(quarter=Quarter.of(day).label("id"), year=day.year)
        self.batch.meetings.append(
            Meeting(id=f"{ID_PREFIX}{kind.value}:{place}:{day.isoformat()}", type=kind, date=day, title=title,
                    village=village, host=host, attendees=attendees)
        )

    def _own(self, place: _Place, chance: float) -> list[str]:
        """A village's side of its own meeting: its government (and kades), and each other
        institution with ``chance``. The first is the host."""
        own = [place.institutions[I.PEMERINTAH_DESA], place.kades] if place.kades else [place.code]
        others = [key for kind, key in place.institutions.items() if kind is not I.PEMERINTAH_DESA]
        return own + self._some(others, chance)

    def _some(self, ids: Iterable[str], chance: float) -> list[str]:
        return [key for key in ids if self.rng.random() < chance]

    def _meetings(self) -> None:
        """Quarterly rakor and forum kades; yearly planning forums, visits and trainings."""
        rng, places, name = self.rng, self.places, self.area.name
        missed = (rng.choice(places), rng.randrange(len(self.windows)))
        heads = [p.kades for p in places if p.kades]
        for q, (lo, hi) in enumerate(self.windows):
            for place in places:
                if (place, q) != missed:
                    own = self._own(place, 0.75)
                    self._meet(M.RAPAT_KOORDINASI, (lo, hi), place.code, own[0], own,
                               f"Rapat koordinasi {place.title}, {{quarter}}", place.code)
            if heads:
                attending = [h for h in heads if rng.random() < (0.4 if h in self.quiet else 0.9)]
                self._meet(M.FORUM_KADES, (lo, hi), self.area.code, self.camat, [self.camat, *attending],
                           f"Forum kades Kecamatan {name}, {{quarter}}")
            if q % 4 == 0:
                self._planning((lo, hi), heads)
            elif q % 4 == 1:
                self._antar_desa((lo, hi))
                self._visit((lo, hi))
            elif q % 4 == 2:
                self._musdes((lo, hi))
            else:
                self._trainings((lo, hi))

    def _planning(self, window: tuple[date, date], heads: list[str]) -> None:
        """Planning season: every village's musrenbang, then the kecamatan's."""
        lo, hi = window
        mid = lo + timedelta((hi - lo).days // 2)
        for place in self.places:
            own = self._own(place, 0.85) + self._some([self.camat], 0.6)
            forum = "Musrenbangdes" if place.kades else "Musrenbang"
            self._meet(M.MUSRENBANGDES, (lo, mid), place.code, own[0], own, f"{forum} {place.title} {{year}}",
                       place.code)
        lpm = [p.institutions[I.LPM] for p in self.places if I.LPM in p.institutions]
        attendees = [self.camat, self.region.bappeda, self.region.pmd, *self._some(heads, 0.95)]
        attendees += self._some(lpm, 0.7)
        self._meet(M.MUSRENBANG_KECAMATAN, (mid, hi), self.area.code, self.camat, attendees,
                   f"Musrenbang Kecamatan {self.area.name} {{year}}")

    def _musdes(self, window: tuple[date, date]) -> None:
        """Every desa's musyawarah desa on its annual plan, convened by the BPD where there is one."""
        for place in self.places:
            if place.kades:
                host = place.institutions.get(I.BPD, place.institutions[I.PEMERINTAH_DESA])
                attendees = [host, *self._own(place, 0.8), *self._some([self.camat], 0.3)]
                self._meet(M.MUSDES, window, place.code, host, attendees,
                           f"Musyawarah {place.title} {{year}}: rancangan RKPDes", place.code)

    def _antar_desa(self, window: tuple[date, date]) -> None:
        """The musyawarah antar desa of the desa in partnerships, facilitated by the camat."""
        if len(self.partnered) >= 2:
            sides = [key for p in self.partnered for key in (p.kades, p.institutions.get(I.BPD)) if key]
            self._meet(M.MUSYAWARAH_ANTAR_DESA, window, self.area.code, self.camat, [self.camat, *sides],
                       f"Musyawarah antar desa Kecamatan {self.area.name} {{year}}")

    def _visit(self, window: tuple[date, date]) -> None:
        """A kunjungan kerja: a few kades visit an active desa, preferably a well-developed one."""
        rng = self.rng
        active = [p for p in self.places if p.kades and p.kades not in self.quiet]
        if len(active) >= 3:
            host = rng.choices(active, [p.status.rank + 1 for p in active])[0]
            others = [p for p in active if p is not host]
            visitors = [p.kades for p in rng.sample(others, min(len(others), rng.randint(2, 4)))]
            own = [host.institutions[I.PEMERINTAH_DESA], host.kades]
            attendees = [*own, *visitors, *self._some([self.camat], 0.5)]
            title = f"Kunjungan kerja ke {host.title} {{year}}"
            self._meet(M.KUNJUNGAN_KERJA, window, host.code, own[0], attendees, title, host.code)

    def _trainings(self, window: tuple[date, date]) -> None:
        """One or two trainings by a university or NGO for institutions of several villages."""
        rng, places = self.rng, self.places
        pool = zip(self.region.pool, self.region.weights)
        trainers = [(o.record, w) for o, w in pool if o.role in ("ngo", "kkn")]
        for venue in rng.sample(places, min(len(places), rng.randint(1, 2))):
            org = rng.choices([o for o, _ in trainers], [w for _, w in trainers])[0]
            groups = rng.sample(places, min(len(places), rng.randint(3, 6)))
            trainees = [rng.choice(list(p.institutions.values())) for p in groups]
            self._meet(M.PELATIHAN, window, venue.code, org.id, [org.id, *trainees],
                       f"Pelatihan {rng.choice(_TRAININGS)} oleh {org.name}, {{year}}", venue.code)
