"""The report as an A4 PDF (reportlab): the same sections as the HTML, figures embedded, pages numbered.

Text is set in DejaVu Sans, the font matplotlib ships with its data, embedded (subset) in
the file: it covers Indonesian and the arrows and dashes the messages use, which the PDF
standard fonts do not. Every string is escaped before reportlab reads it as markup.

>>> from jejaring.report.document import Document, Paragraph, Section
>>> pdf = to_pdf(Document("Laporan", "Bangun Rejo", "id", (Section("a", "A", (Paragraph("x < y → z"),)),)))
>>> pdf[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from jejaring.i18n import t
from jejaring.report.document import (
    Block,
    Bullets,
    Document,
    Entries,
    Facts,
    Figure,
    Heading,
    Paragraph,
    Table,
)

__all__ = ["FONT", "COLOURS", "to_pdf"]

FONT = "DejaVuSans"
"""The font family the PDF is set in."""

COLOURS = {"high": "#b42318", "medium": "#b54708", "low": "#4e7d2b", "info": "#334e68",
           "accent": "#0b6e4f", "muted": "#616e7c", "line": "#d9e2ec", "head": "#f0f4f8"}
"""The colours of severities, headings and rules (as in the HTML)."""


@cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) from matplotlib's data; return their names."""
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular, bold = FONT, f"{FONT}-Bold"
    pdfmetrics.registerFont(TTFont(regular, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(bold, str(folder / "DejaVuSans-Bold.ttf")))
    for italic in (0, 1):
        addMapping(FONT, 0, italic, regular)
        addMapping(FONT, 1, italic, bold)
    return regular, bold


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, spaceAfter=5)
    muted = HexColor(COLOURS["muted"])
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontName=bold, fontSize=20, leading=25, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=12, leading=16, textColor=muted, spaceAfter=2),
        "made": ParagraphStyle("made", body, fontSize=8, leading=10.5, textColor=muted, spaceAfter=12),
        "h2": ParagraphStyle("h2", body, fontName=bold, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8,
                             textColor=HexColor(COLOURS["accent"])),
        "h3": ParagraphStyle("h3", body, fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
        "note": ParagraphStyle("note", body, fontSize=8, leading=10.5, textColor=muted),
        "cell": ParagraphStyle("cell", body, fontSize=7.5, leading=9.5, spaceAfter=0),
        "cell_num": ParagraphStyle("cell_num", body, fontSize=7.5, leading=9.5, spaceAfter=0, alignment=2),
        "cell_head": ParagraphStyle("cell_head", body, fontName=bold, fontSize=7.5, leading=9.5, spaceAfter=0),
        "cell_head_num": ParagraphStyle("cell_head_num", body, fontName=bold, fontSize=7.5, leading=9.5,
                                        spaceAfter=0, alignment=2),
        "bullet": ParagraphStyle("bullet", body, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "entry": ParagraphStyle("entry", body, fontSize=8.5, leading=11, spaceAfter=1),
        "detail": ParagraphStyle("detail", body, fontSize=8, leading=10.5, spaceAfter=1, textColor=muted),
        "badge": ParagraphStyle("badge", body, fontName=bold, fontSize=7.5, leading=11, spaceAfter=0),
        "fact_value": ParagraphStyle("fact_value", body, fontName=bold, fontSize=15, leading=18, spaceAfter=0),
        "fact_label": ParagraphStyle("fact_label", body, fontSize=7.5, leading=9.5, textColor=muted, spaceAfter=0),
        "caption": ParagraphStyle("caption", body, fontSize=8, leading=10.5, textColor=muted, alignment=1),
    }


def _para(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph as P

    return P(escape(text), style)


def _widths(weights: tuple[float, ...], count: int, width: float) -> list[float]:
    weights = weights if len(weights) == count else (1.0,) * count
    return [width * w / sum(weights) for w in weights]


def _table(block: Table, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table as T
    from reportlab.platypus import TableStyle

    def row(cells: tuple[str, ...], head: bool) -> list[Any]:
        kind = "cell_head" if head else "cell"
        return [_para(c, styles[f"{kind}_num" if i in block.numeric else kind]) for i, c in enumerate(cells)]

    data = [row(block.header, True), *(row(r, False) for r in block.rows)]
    table = T(data, colWidths=_widths(block.widths, len(block.header), width), repeatRows=1, spaceBefore=2,
              spaceAfter=8)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(COLOURS["head"])),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(COLOURS["line"])),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _facts(block: Facts, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table as T
    from reportlab.platypus import TableStyle

    per_row, gap = 4, 8
    cells = [[_para(value, styles["fact_value"]), _para(label, styles["fact_label"])]
             for label, value, _ in block.items]
    rows = []
    for start in range(0, len(cells), per_row):
        row = cells[start:start + per_row]
        row += [""] * (per_row - len(row))
        rows.append([x for i, c in enumerate(row) for x in ([c] if i == 0 else ["", c])])
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    for i, (_, _, level) in enumerate(block.items):
        cell = (2 * (i % per_row), i // per_row)
        commands.append(("LINEABOVE", cell, cell, 2.5, HexColor(COLOURS[level])))
    box = (width - gap * (per_row - 1)) / per_row
    table = T(rows, colWidths=[box if i % 2 == 0 else gap for i in range(2 * per_row - 1)])
    table.setStyle(TableStyle(commands))
    return table


def _entries(block: Entries, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T
    from reportlab.platypus import TableStyle

    badge = 15 * 3.2 if any(e.badge and len(e.badge) > 2 for e in block.items) else 20
    rows, commands = [], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(COLOURS["line"])),
                          ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for i, e in enumerate(block.items):
        colour = COLOURS[e.level]
        label = f'<font color="{colour}">{escape(e.badge.upper() if len(e.badge or "") > 2 else e.badge or "")}</font>'
        text = [_para(e.text, styles["entry"]), *(_para(d, styles["detail"]) for d in e.details)]
        rows.append([P(label, styles["badge"]), text])
        commands.append(("LINEBEFORE", (0, i), (0, i), 2, HexColor(colour)))
    table = T(rows, colWidths=[badge, width - badge], spaceAfter=6)
    table.setStyle(TableStyle(commands))
    return table


def _figure(block: Figure, styles: dict[str, Any], width: float, height: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image, KeepTogether

    pixels_w, pixels_h = ImageReader(io.BytesIO(block.png)).getSize()
    w = width * block.width
    h = w * pixels_h / pixels_w
    if h > height:
        w, h = w * height / h, height
    return KeepTogether([Image(io.BytesIO(block.png), width=w, height=h), _para(block.caption, styles["caption"])])


def _flowables(block: Block, styles: dict[str, Any], width: float, height: float) -> list[Any]:
    if isinstance(block, Paragraph):
        return [_para(block.text, styles["note" if block.note else "body"])]
    if isinstance(block, Heading):
        return [_para(block.text, styles["h3"])]
    if isinstance(block, Facts):
        return [_facts(block, styles, width)]
    if isinstance(block, Bullets):
        from reportlab.platypus import Paragraph as P

        return [P(escape(item), styles["bullet"], bulletText="•") for item in block.items]
    if isinstance(block, Table):
        return [_table(block, styles, width)]
    if isinstance(block, Figure):
        return [_figure(block, styles, width, height)]
    return [_entries(block, styles, width)]


def _numbered_canvas(doc: Document) -> type:
    """A canvas class that writes "page N of M" and the report's title at the foot of every page."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    regular, _ = _fonts()
    left = f"{doc.title}: {doc.subtitle}"

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.setFont(regular, 7.5)
                self.setFillColor(HexColor(COLOURS["muted"]))
                self.drawString(40, 24, left[:110])
                self.drawRightString(width - 40, 24, t("report.page", lang=doc.lang, page=number, pages=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _template() -> type:
    """A document template that adds each section's title to the PDF outline (bookmarks)."""
    from reportlab.platypus import SimpleDocTemplate

    class Template(SimpleDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            title = getattr(flowable, "outline", None)
            if title:
                key = f"section-{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=0)

    return Template


def to_pdf(doc: Document) -> bytes:
    """The document as A4 PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether

    styles = _styles()
    out = io.BytesIO()
    template = _template()(out, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                                 bottomMargin=18 * mm, title=f"{doc.title}: {doc.subtitle}", author="jejaring",
                                 lang=doc.lang, initialFontName=_fonts()[0])
    width, height = template.width, template.height * 0.62
    story: list[Any] = [_para(doc.title, styles["title"]), _para(doc.subtitle, styles["subtitle"])]
    if doc.footer:
        story.append(_para(doc.footer, styles["made"]))
    for number, section in enumerate(doc.sections):
        if number:
            story.append(CondPageBreak(template.height * 0.4))
        heading = _para(section.title, styles["h2"])
        heading.outline = section.title
        opening = [heading, *(f for block in section.blocks[:2] for f in _flowables(block, styles, width, height))]
        story.append(KeepTogether(opening))
        for block in section.blocks[2:]:
            story += _flowables(block, styles, width, height)
    template.build(story, canvasmaker=_numbered_canvas(doc))
    return out.getvalue()
