"""Spreadsheet cell text made safe against formula injection, and read back unchanged.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (tab and
carriage return too) as a formula, so an exported name such as ``=HYPERLINK(...)`` could
act when the file is opened. The rule: such text gets a single quote in front. A plain
number (``-4.82``, ``+1``) stays as it is unless ``keep_numbers=False``: callers that know
a value is text (a name that happens to read ``+1``) guard it too, while numbers proper,
like a latitude of ``-4.82``, are never touched and still read as numbers. Reading a CSV
takes the quote off again (:func:`restore`), as a spreadsheet does.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-4.82"), neutralise("2024-03-01")
('\\'=HYPERLINK("http://x")', '-4.82', '2024-03-01')
>>> restore(neutralise("@SUM(A1)"))
'@SUM(A1)'
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "neutralise", "restore"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutralise(text: str, *, keep_numbers: bool = True) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula; plain numbers stay as they
    are unless ``keep_numbers`` is false.

    >>> neutralise("+1"), neutralise("+1", keep_numbers=False), neutralise("-cmd"), neutralise("Sido Rejo")
    ('+1', "'+1", "'-cmd", 'Sido Rejo')
    """
    if text.startswith(FORMULA_STARTS) and not (keep_numbers and _PLAIN_NUMBER.match(text)):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: drop a ``'`` that guards a formula-like start.

    >>> restore("'-cmd"), restore("'quoted'")
    ('-cmd', "'quoted'")
    """
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
