"""Problems found in imported files, each located at ``file:row:column`` and explained in the
user's language; and the error that carries them.

>>> from jejaring.i18n import use_lang
>>> p = Located("aktor.csv", 4, "tanggal", ("model.not_a_date",), {"value": "31/02/2024"})
>>> with use_lang("en"):
...     str(p)
'aktor.csv:4:tanggal: 31/02/2024 is not a real calendar date.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jejaring.errors import JejaringError
from jejaring.i18n import catalogue, current_lang, t

__all__ = ["Located", "ImportFailed", "MAX_SHOWN"]

MAX_SHOWN = 50


@dataclass(frozen=True)
class Located:
    """One problem at a place a person can find: the file (``name.xlsx[sheet]`` for a sheet),
    the row number shown by the spreadsheet or editor, and the column header as written.

    ``keys`` are catalogue keys tried in order; ``fallback`` is said when none exists.
    """

    file: str
    row: int
    column: str
    keys: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    fallback: str = ""

    def message(self) -> str:
        """The explanation in the current language."""
        lang = current_lang()
        for key in self.keys:
            if key in catalogue(lang) or key in catalogue("en"):
                return t(key, **self.params)
        return self.fallback or self.keys[0]

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message()}"


class ImportFailed(JejaringError):
    """Nothing was imported because of ``problems``; ``str()`` lists up to :data:`MAX_SHOWN`.

    >>> from jejaring.i18n import use_lang
    >>> with use_lang("en"):
    ...     print(ImportFailed([Located("x.csv", 2, "id", ("model.missing",))]))
    Nothing was imported: fix this problem and import again.
    x.csv:2:id: This cell is required; fill it in.
    """

    def __init__(self, problems: Sequence[Located]) -> None:
        super().__init__("import.failed", count=len(problems))
        self.problems = list(problems)

    def __str__(self) -> str:
        count = len(self.problems)
        lines = [t("import.failed_one" if count == 1 else "import.failed", count=count)]
        lines += [str(problem) for problem in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            lines.append(t("import.more_problems", count=count - MAX_SHOWN))
        return "\n".join(lines)
