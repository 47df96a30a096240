"""Quarters (triwulan)."""

from datetime import date

import pytest

from jejaring.periods import Quarter


@pytest.mark.parametrize("text", ["2024Q2", "2024-Q2", "2024 q2", "2024TW2", " 2024/K2 "])
def test_parse_spellings(text):
    assert Quarter.parse(text) == Quarter(2024, 2)


@pytest.mark.parametrize("text", ["2024Q5", "Q2", "2024", "24Q1"])
def test_parse_refuses(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_bounds_and_neighbours():
    q4 = Quarter(2024, 4)
    assert (q4.start, q4.end, q4.last_day) == (date(2024, 10, 1), date(2025, 1, 1), date(2024, 12, 31))
    assert q4.next() == Quarter(2025, 1) and Quarter(2025, 1).previous() == q4
    assert Quarter.of(date(2024, 3, 31)) == Quarter(2024, 1) and Quarter.of(date(2024, 4, 1)) == Quarter(2024, 2)
    assert Quarter(2024, 3).label("id") == "Triwulan III 2024" and Quarter(2024, 3).label("en") == "Q3 2024"
