"""Spreadsheet cell text: guarded against formula injection on the way out, cleaned of
invisible characters on the way in.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (tab and
carriage return too) as a formula, so an exported name such as ``=HYPERLINK(...)`` could
act when the file is opened. The rule: such text gets a single quote in front, and so does
text that already begins with quotes before such a character, so that reading it back
gives the text exactly. A plain number (``-4.82``, ``+1``) stays as it is unless
``keep_numbers=False``: callers that know a value is text (a name that happens to read
``+1``) guard it too, while numbers proper, like a latitude of ``-4.82``, are never touched
and still read as numbers. Reading a CSV takes the quote off again (:func:`restore`), as a
spreadsheet does.

Cells read from a file lose their invisible characters (:func:`visible`): control
characters other than tab and line breaks, and Unicode format characters such as
right-to-left overrides, zero-width spaces and byte order marks, which would make two equal
looking names or ids differ, or make a name display reversed.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-4.82"), neutralise("2024-03-01")
('\\'=HYPERLINK("http://x")', '-4.82', '2024-03-01')
>>> restore(neutralise("@SUM(A1)")), restore(neutralise("'=1+1"))
('@SUM(A1)', "'=1+1")
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORMULA_STARTS", "EXCEL_ERRORS", "neutralise", "restore", "visible"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"})
"""What a spreadsheet shows in a cell whose formula failed; never a value to import."""

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_KEPT = frozenset("\t\n\r\u200c\u200d")  # tab, line breaks, and the joiners some scripts need


def neutralise(text: str, *, keep_numbers: bool = True) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula; plain numbers stay as they
    are unless ``keep_numbers`` is false.

    >>> neutralise("+1"), neutralise("+1", keep_numbers=False), neutralise("-cmd"), neutralise("Sido Rejo")
    ('+1', "'+1", "'-cmd", 'Sido Rejo')
    """
    if text.lstrip("'").startswith(FORMULA_STARTS) and not (keep_numbers and _PLAIN_NUMBER.match(text)):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: drop one ``'`` in front of quotes and a formula-like start.

    >>> restore("'-cmd"), restore("'quoted'"), restore("''=x")
    ('-cmd', "'quoted'", "'=x")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def visible(text: str) -> str:
    """``text`` without control characters (tab and line breaks kept) and format characters
    (zero-width joiners kept).

    >>> visible("Su\\u202etrisno\\u200b"), visible("Bangun\\x00 Rejo\\ufeff")
    ('Sutrisno', 'Bangun Rejo')
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in text if c in _KEPT or unicodedata.category(c) not in ("Cc", "Cf"))
