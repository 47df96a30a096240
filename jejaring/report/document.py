"""The kecamatan report as plain data: sections of a few kinds of block, in one language.

:mod:`jejaring.report.sections` writes a :class:`Document`; :mod:`jejaring.report.html` and
:mod:`jejaring.report.pdf` render the same document, block by block, so both files always hold
the same sections. Every string here is plain text (never markup): the renderers escape it.

>>> doc = Document("Laporan", "Kecamatan Bangun Rejo", "id", (
...     Section("ringkasan", "Ringkasan", (Paragraph("Tiga temuan."), Bullets(("satu", "dua")))),))
>>> [s.id for s in doc.sections], doc.section("ringkasan").blocks[1].items
(['ringkasan'], ('satu', 'dua'))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Level",
    "Paragraph",
    "Heading",
    "Facts",
    "Bullets",
    "Table",
    "Figure",
    "Entry",
    "Entries",
    "Block",
    "Section",
    "Document",
]

Level = Literal["high", "medium", "low", "info"]
"""How an entry or a fact is coloured: by the severity of a gap, or ``info`` for neutral."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``note`` is set smaller and grey (how a figure was counted, a caveat)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading inside a section."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Key figures, each a ``(label, value, level)``: shown as boxes in a row."""

    items: tuple[tuple[str, str, Level], ...]


@dataclass(frozen=True)
class Bullets:
    """A list of sentences."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table: ``header``, ``rows`` of cells, and the indexes of the columns holding numbers
    (set right-aligned); ``widths`` are relative column widths (``()``: by content)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A picture as PNG bytes, its description for those who cannot see it, a caption, and the
    share of the text width it takes."""

    png: bytes = field(repr=False)
    alt: str
    caption: str
    width: float = 1.0


@dataclass(frozen=True)
class Entry:
    """One item of a list of findings: a ``badge`` (e.g. the severity) coloured by ``level``,
    the ``text``, and ``details`` (the action, the reasons) set under it."""

    badge: str | None
    level: Level
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entries:
    """A list of :class:`Entry`."""

    items: tuple[Entry, ...]


Block = Paragraph | Heading | Facts | Bullets | Table | Figure | Entries


@dataclass(frozen=True)
class Section:
    """A section: its ``id`` (an HTML anchor), its title and its blocks."""

    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """The report: title, subtitle (the scope), language, sections and a footer line."""

    title: str
    subtitle: str
    lang: str
    sections: tuple[Section, ...]
    footer: str = ""

    def section(self, section_id: str) -> Section:
        """The section with that id (``KeyError`` when there is none)."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def figures(self) -> list[Figure]:
        """Every figure, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
