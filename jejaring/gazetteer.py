"""The official gazetteer: Kemendagri area codes and names of every province, regency,
district and village of Indonesia.

The data is the Kemendagri list as packaged by ``idn-area-data`` (ODbL v1.0), vendored
under ``jejaring/data/gazetteer/`` by ``scripts/refresh-gazetteer.sh``: 38 provinces,
514 regencies (kabupaten and kota), 7,285 districts (kecamatan) and 83,762 villages
(desa and kelurahan).

A Kemendagri code has one dot-separated group per level: ``PP`` (province), ``PP.KK``
(regency; ``KK`` 71-99 is a kota), ``PP.KK.CC`` (district) and ``PP.KK.CC.DDDD``
(village; ``1DDD`` is a kelurahan, ``2DDD`` a desa, ``3DDD`` a desa adat).

>>> g = gazetteer()
>>> g.describe("18.02.02.2005")
'Desa Bangun Rejo, Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung'
>>> g.resolve("bangunrejo").code
'18.02.02'
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Literal

from jejaring.errors import JejaringError
from jejaring.i18n import t

__all__ = [
    "Level",
    "LEVELS",
    "CodeParts",
    "Area",
    "AmbiguousArea",
    "Gazetteer",
    "parse_code",
    "is_kelurahan",
    "is_desa",
    "is_kota",
    "gazetteer",
]

Level = Literal["province", "regency", "district", "village"]
LEVELS: tuple[Level, ...] = ("province", "regency", "district", "village")

# One group per level. Village groups start with 1 (kelurahan), 2 (desa) or 3 (desa adat;
# the data has 14 of them, in Kabupaten Jayapura).
_CODE = re.compile(r"(\d{2})(?:\.(\d{2})(?:\.(\d{2})(?:\.([123]\d{3}))?)?)?")

# A leading level word a person may put before a name ("Kecamatan Bangun Rejo", "Kab. Bogor").
_LEVEL_WORD = re.compile(
    r"(?:provinsi|kabupaten|kota|kecamatan|distrik|desa\s+adat|desa|kelurahan)\s+"
    r"|(?:kab|kec|kel)\.\s*",
    re.IGNORECASE,
)

# Names are compared without whitespace, case or apostrophes (the data writes Ra'as as Ra"as).
_IGNORED_IN_NAMES = str.maketrans("", "", "'\"`\u2018\u2019")

_DATA_PACKAGE = "jejaring.data.gazetteer"
_FILES = ("provinces.csv.gz", "regencies.csv.gz", "districts.csv.gz", "villages.csv.gz")
_LEVEL_OF_LENGTH: dict[int, Level] = {2: "province", 5: "regency", 8: "district", 13: "village"}


@dataclass(frozen=True, slots=True)
class CodeParts:
    """A Kemendagri code split into the full codes of its levels (``None`` below its level)."""

    province: str
    regency: str | None
    district: str | None
    village: str | None
    level: Level


def parse_code(code: str) -> CodeParts:
    """Split a Kemendagri code (``PP``, ``PP.KK``, ``PP.KK.CC`` or ``PP.KK.CC.DDDD``).

    A malformed code raises :class:`JejaringError` ``gazetteer.bad_code``.

    >>> parse_code("18.02.02.2005")
    CodeParts(province='18', regency='18.02', district='18.02.02', village='18.02.02.2005', level='village')
    >>> parse_code("18.02").level
    'regency'
    >>> try:
    ...     parse_code("18.2")
    ... except JejaringError as error:
    ...     error.key
    'gazetteer.bad_code'
    """
    match = _CODE.fullmatch(code)
    if match is None:
        raise JejaringError("gazetteer.bad_code", code=code)
    province, kk, cc, dddd = match.groups()
    regency = f"{province}.{kk}" if kk else None
    district = f"{regency}.{cc}" if cc else None
    village = f"{district}.{dddd}" if dddd else None
    depth = sum(group is not None for group in (kk, cc, dddd))
    return CodeParts(province, regency, district, village, LEVELS[depth])


def is_kelurahan(village_code: str) -> bool:
    """Whether ``village_code`` is the code of a kelurahan (fourth group ``1DDD``).

    Codes of other levels give ``False``; malformed codes raise ``gazetteer.bad_code``.

    >>> is_kelurahan("18.72.01.1001"), is_kelurahan("18.02.02.2005"), is_kelurahan("18.72.01")
    (True, False, False)
    """
    return parse_code(village_code).level == "village" and village_code[9] == "1"


def is_desa(village_code: str) -> bool:
    """Whether ``village_code`` is the code of a desa (``2DDD``) or desa adat (``3DDD``).

    Codes of other levels give ``False``; malformed codes raise ``gazetteer.bad_code``.

    >>> is_desa("18.02.02.2005"), is_desa("91.03.01.3007"), is_desa("18.72.01.1001")
    (True, True, False)
    """
    return parse_code(village_code).level == "village" and village_code[9] in "23"


def is_kota(regency_code: str) -> bool:
    """Whether ``regency_code`` is the code of a kota (city: ``KK`` 71-99), not a kabupaten.

    Codes of other levels give ``False``; malformed codes raise ``gazetteer.bad_code``.

    >>> is_kota("18.72"), is_kota("18.02"), is_kota("18.72.01")
    (True, False, False)
    """
    return parse_code(regency_code).level == "regency" and int(regency_code[3:5]) >= 71


@dataclass(frozen=True, slots=True)
class Area:
    """One area of the Kemendagri list; ``parent`` is the code of the enclosing area."""

    code: str
    name: str
    level: Level
    parent: str | None

    @property
    def is_kelurahan(self) -> bool:
        """Whether this is a kelurahan (a village led by an appointed lurah, not a desa).

        >>> gazetteer().area("18.72.01.1001").is_kelurahan
        True
        """
        return self.level == "village" and self.code[9] == "1"


class AmbiguousArea(JejaringError):
    """A name that fits several areas; ``candidates`` holds them, sorted by code."""

    def __init__(self, text: str, candidates: list[Area], listing: str) -> None:
        super().__init__("gazetteer.ambiguous_area", text=text, candidates=listing)
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class _LevelName:
    """A message parameter naming a level, translated when the message is rendered."""

    level: Level

    def __format__(self, spec: str) -> str:
        return format(t(f"gazetteer.level.{self.level}"), spec)


def _name_key(name: str) -> str:
    key = "".join(name.split()).casefold()
    return key if key.isalnum() else key.translate(_IGNORED_IN_NAMES)  # isalnum: fast path


def _without_level_word(name: str) -> str:
    match = _LEVEL_WORD.match(name)
    return name[match.end() :] if match else name


def _title(area: Area) -> str:
    """The name with its level word, as Indonesians write it: "Kecamatan Bangun Rejo"."""
    if area.level == "district":
        # Papua's provinces (codes 9x) call their districts distrik.
        return f"{'Distrik' if area.code.startswith('9') else 'Kecamatan'} {area.name}"
    if area.level == "village":
        # Desa adat (3DDD) are already named "Desa Adat ..." in the data.
        return {"1": "Kelurahan ", "2": "Desa "}.get(area.code[9], "") + area.name
    return area.name


class Gazetteer:
    """Look up areas by code or name; the data is read on first use.

    >>> g = Gazetteer()
    >>> g.area("18.02").name
    'Kabupaten Lampung Tengah'
    """

    @cached_property
    def _names(self) -> dict[str, str]:
        # Only code -> name is kept: a code gives its level and its parent's code.
        names: dict[str, str] = {}
        for filename in _FILES:
            names.update((record[0], record[-1]) for record in _read_csv(filename))
        return {code: names[code] for code in sorted(names)}

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        children: defaultdict[str, list[str]] = defaultdict(list)
        for code in self._names:
            parent = code.rpartition(".")[0]
            if parent:
                children[parent].append(code)
        return dict(children)

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        for code, name in self._names.items():
            by_name[_name_key(name)].append(code)
            # Regencies are named "Kabupaten X"/"Kota X" and desa adat "Desa Adat X" in the
            # data; they are also found by the bare name X.
            if len(code) == 5 or (len(code) == 13 and code[9] == "3"):
                by_name[_name_key(_without_level_word(name))].append(code)
        return dict(by_name)

    def _area(self, code: str) -> Area:
        parent = code.rpartition(".")[0] or None
        return Area(code, self._names[code], _LEVEL_OF_LENGTH[len(code)], parent)

    def get(self, code: str) -> Area | None:
        """The area with this code, or ``None``.

        >>> gazetteer().get("18.02.02")
        Area(code='18.02.02', name='Bangun Rejo', level='district', parent='18.02')
        >>> gazetteer().get("18.02.99") is None
        True
        """
        return self._area(code) if code in self._names else None

    def area(self, code: str) -> Area:
        """The area with this code; raises ``gazetteer.unknown_code`` (or ``bad_code``).

        >>> gazetteer().area("18").name
        'Lampung'
        >>> try:
        ...     gazetteer().area("18.02.99")
        ... except JejaringError as error:
        ...     error.key
        'gazetteer.unknown_code'
        """
        found = self.get(code)
        if found is None:
            parse_code(code)  # a malformed code raises gazetteer.bad_code
            raise JejaringError("gazetteer.unknown_code", code=code)
        return found

    def areas(self, level: Level | None = None) -> list[Area]:
        """All areas of ``level`` (or of every level), sorted by code.

        >>> len(gazetteer().areas("province"))
        38
        """
        codes: Iterable[str] = self._names
        if level is not None:
            codes = [code for code in codes if _LEVEL_OF_LENGTH[len(code)] == level]
        return [self._area(code) for code in codes]

    def children(self, code: str) -> list[Area]:
        """The areas directly inside area ``code``, sorted by code.

        >>> [a.name for a in gazetteer().children("18.72")]
        ['Metro Pusat', 'Metro Utara', 'Metro Barat', 'Metro Timur', 'Metro Selatan']
        """
        self.area(code)
        return [self._area(child) for child in self._children.get(code, ())]

    def villages_of(self, code: str) -> list[Area]:
        """The villages inside area ``code`` (usually a district), sorted by code.

        >>> len(gazetteer().villages_of("18.02.02")), len(gazetteer().villages_of("18.72"))
        (17, 22)
        """
        if self.area(code).level == "district":
            return self.children(code)
        return [v for child in self.children(code) for v in self.villages_of(child.code)]

    def lineage(self, code: str) -> list[Area]:
        """The areas from the province down to area ``code``.

        >>> [a.code for a in gazetteer().lineage("18.02.02.2005")]
        ['18', '18.02', '18.02.02', '18.02.02.2005']
        """
        chain = [self.area(code)]
        while chain[-1].parent is not None:
            chain.append(self.area(chain[-1].parent))
        return chain[::-1]

    def describe(self, code: str) -> str:
        """Area ``code`` with its enclosing areas, innermost first, for messages.

        >>> gazetteer().describe("18.02.02")
        'Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung'
        """
        return ", ".join(_title(area) for area in reversed(self.lineage(code)))

    def find(self, name: str, level: Level | None = None) -> list[Area]:
        """Areas (of ``level``, if given) named ``name``, sorted by code.

        Case, whitespace and apostrophes are ignored, and so is a leading level word such
        as "Kecamatan", "Kabupaten", "Kota", "Provinsi", "Desa" or "Kelurahan" when the name
        as written matches nothing: "Kota Metro" is the city, "Kecamatan Bangunrejo" the
        district Bangun Rejo, and "Bogor" both Kabupaten Bogor and Kota Bogor.

        >>> [a.code for a in gazetteer().find("Bogor", level="regency")]
        ['32.01', '32.71']
        >>> [a.code for a in gazetteer().find("Kota Bogor")]
        ['32.71']
        """
        query = name.strip()
        found = self._named(query, level)
        bare = _without_level_word(query)
        if not found and bare != query:
            found = self._named(bare, level)
        return found

    def _named(self, name: str, level: Level | None) -> list[Area]:
        areas = (self._area(code) for code in self._by_name.get(_name_key(name), ()))
        return [area for area in areas if level is None or area.level == level]

    def resolve(self, text: str, level: Level | None = "district") -> Area:
        """The one area of ``level`` (any level if ``None``) that ``text`` codes or names.

        Raises ``gazetteer.unknown_area`` if nothing fits, ``gazetteer.wrong_level`` for a
        code of another level, and :class:`AmbiguousArea` if several areas fit the name.

        >>> gazetteer().resolve("Kecamatan Bangun Rejo").code
        '18.02.02'
        >>> gazetteer().resolve("Lampung Tengah", level="regency").code
        '18.02'
        >>> from jejaring.i18n import use_lang
        >>> with use_lang("en"):
        ...     try:
        ...         gazetteer().resolve("Karanganyar")
        ...     except AmbiguousArea as error:
        ...         print(error)
        The name "Karanganyar" fits several areas; give the code instead:
          33.03.11  Kecamatan Karanganyar (Kabupaten Purbalingga, Jawa Tengah)
          33.05.20  Kecamatan Karanganyar (Kabupaten Kebumen, Jawa Tengah)
          33.13.09  Kecamatan Karanganyar (Kabupaten Karanganyar, Jawa Tengah)
          33.21.09  Kecamatan Karanganyar (Kabupaten Demak, Jawa Tengah)
          33.26.07  Kecamatan Karanganyar (Kabupaten Pekalongan, Jawa Tengah)
          35.21.17  Kecamatan Karanganyar (Kabupaten Ngawi, Jawa Timur)
        """
        text = text.strip()
        if _CODE.fullmatch(text):
            code_level = parse_code(text).level
            if level is not None and code_level != level:
                raise JejaringError(
                    "gazetteer.wrong_level",
                    text=text,
                    found=_LevelName(code_level),
                    wanted=_LevelName(level),
                )
            found = self.get(text)
            candidates = [found] if found else []
        else:
            candidates = self.find(text, level)
        if not candidates:
            raise JejaringError("gazetteer.unknown_area", text=text)
        if len(candidates) > 1:
            listing = "\n".join(self._candidate_line(area) for area in candidates)
            raise AmbiguousArea(text, candidates, listing)
        return candidates[0]

    def _candidate_line(self, area: Area) -> str:
        line = f"  {area.code}  {_title(area)}"
        return f"{line} ({self.describe(area.parent)})" if area.parent else line


def _read_csv(filename: str) -> Iterator[list[str]]:
    raw = resources.files(_DATA_PACKAGE).joinpath(filename).read_bytes()
    rows = csv.reader(gzip.decompress(raw).decode("utf-8").splitlines())
    next(rows)  # the header
    return rows


@cache
def gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer` of this process.

    >>> gazetteer() is gazetteer()
    True
    """
    return Gazetteer()
