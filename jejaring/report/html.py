"""The report as one self-contained HTML file: styles inline, figures as base64 PNG, nothing fetched.

Every string of the document is escaped (:func:`html.escape`), so a name or a note holding
markup shows as text.

>>> from jejaring.report.document import Document, Paragraph, Section
>>> page = to_html(Document("Laporan", "<b>Bangun Rejo</b>", "id", (Section("a", "A", (Paragraph("x < y"),)),)))
>>> "&lt;b&gt;Bangun Rejo&lt;/b&gt;" in page, "<p>x &lt; y</p>" in page, 'id="a"' in page
(True, True, True)
"""

from __future__ import annotations

import base64
from html import escape

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
    Section,
    Table,
)

__all__ = ["STYLE", "to_html"]

STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #0b6e4f;
        --high: #b42318; --medium: #b54708; --low: #4e7d2b; --info: #334e68; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f5f7fa;
       font: 15px/1.5 "Segoe UI", "Noto Sans", "DejaVu Sans", Roboto, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 8px 0 2px; }
.subtitle { color: var(--muted); margin: 0; font-size: 16px; }
nav ol { columns: 2; margin: 12px 0; padding-left: 20px; color: var(--muted); }
nav a { color: var(--info); text-decoration: none; }
section { margin-top: 28px; }
h2 { font-size: 21px; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.note { color: var(--muted); font-size: 13px; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.fact { flex: 1 1 20%; border: 1px solid var(--line); border-top: 4px solid var(--info);
        border-radius: 4px; padding: 8px 10px; }
.fact .value { display: block; font-size: 22px; font-weight: 600; }
.fact .label { display: block; font-size: 12px; color: var(--muted); }
.fact.high { border-top-color: var(--high); } .fact.medium { border-top-color: var(--medium); }
.fact.low { border-top-color: var(--low); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; }
td.num, th.num { text-align: right; }
figure { margin: 14px 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
ul.entries { list-style: none; padding: 0; margin: 6px 0 12px; }
ul.entries li { display: flex; gap: 10px; padding: 6px 0; border-bottom: 1px dotted var(--line); }
.badge { flex: 0 0 auto; min-width: 56px; height: fit-content; text-align: center; font-size: 12px;
         color: #fff; background: var(--info); border-radius: 3px; padding: 1px 6px; }
.badge.high { background: var(--high); } .badge.medium { background: var(--medium); }
.badge.low { background: var(--low); }
.detail { color: var(--muted); font-size: 13px; margin-top: 2px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
         padding-top: 8px; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  figure, tr, ul.entries li { break-inside: avoid; }
}
"""


def _table(block: Table) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        return f'<{tag} class="num">{escape(text)}</{tag}>' if i in block.numeric else f"<{tag}>{escape(text)}</{tag}>"

    total = sum(block.widths) if len(block.widths) == len(block.header) else 0
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths) if total else ""
    head = "".join(cell("th", i, h) for i, h in enumerate(block.header))
    rows = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in block.rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _figure(block: Figure) -> str:
    data = base64.b64encode(block.png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}" '
            f'style="width:{round(100 * block.width)}%"><figcaption>{escape(block.caption)}</figcaption></figure>')


def _entries(block: Entries) -> str:
    items = []
    for e in block.items:
        badge = f'<span class="badge {e.level}">{escape(e.badge)}</span>' if e.badge else ""
        details = "".join(f'<div class="detail">{escape(d)}</div>' for d in e.details)
        items.append(f"<li>{badge}<div>{escape(e.text)}{details}</div></li>")
    return f'<ul class="entries">{"".join(items)}</ul>'


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="note">{escape(block.text)}</p>' if block.note else f"<p>{escape(block.text)}</p>"
    if isinstance(block, Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Facts):
        boxes = "".join(
            f'<div class="fact {level}"><span class="value">{escape(value)}</span>'
            f'<span class="label">{escape(label)}</span></div>'
            for label, value, level in block.items
        )
        return f'<div class="facts">{boxes}</div>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return _figure(block)
    return _entries(block)


def _section(section: Section) -> str:
    body = "\n".join(_block(b) for b in section.blocks)
    return f'<section id="{escape(section.id)}">\n<h2>{escape(section.title)}</h2>\n{body}\n</section>'


def to_html(doc: Document) -> str:
    """The document as a complete HTML page."""
    contents = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in doc.sections)
    sections = "\n".join(_section(s) for s in doc.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}: {escape(doc.subtitle)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{escape(doc.title)}</h1><p class=\"subtitle\">{escape(doc.subtitle)}</p></header>\n"
        f'<nav aria-label="{escape(t("report.contents", lang=doc.lang))}"><ol>{contents}</ol></nav>\n'
        f"{sections}\n<footer>{escape(doc.footer)}</footer>\n</main>\n</body>\n</html>\n"
    )
