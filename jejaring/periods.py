"""Reporting periods: quarters (triwulan) by default, as local coordination practice has them.

>>> q = Quarter.parse("2024Q2")
>>> q.start, q.end, str(q.previous()), q.label("id")
(datetime.date(2024, 4, 1), datetime.date(2024, 7, 1), '2024Q1', 'Triwulan II 2024')
>>> Quarter.of(date(2024, 12, 31))
Quarter(year=2024, number=4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Quarter"]

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*(?:Q|TW|K)\s*([1-4])\s*$", re.IGNORECASE)
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter; it covers ``start <= day < end``."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read ``2024Q2``, ``2024-Q2`` or ``2024 TW2`` (triwulan); raise ``ValueError`` otherwise."""
        match = _QUARTER.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a quarter such as 2024Q2")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter that holds ``day``."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """The first day of the quarter."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        return self.next().start

    @property
    def last_day(self) -> date:
        """The last day of the quarter."""
        return self.end - timedelta(days=1)

    def next(self) -> Quarter:
        """The quarter after this one."""
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def label(self, lang: str = "id") -> str:
        """``Triwulan II 2024`` in Indonesian, ``Q2 2024`` in English."""
        if lang == "id":
            return f"Triwulan {_ROMAN[self.number - 1]} {self.year}"
        return f"Q{self.number} {self.year}"

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"
