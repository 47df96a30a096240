"""The key findings of the kecamatan report: a few plain sentences drawn from the analyses.

Each finding is one sentence a camat can act on, taken in this order while it applies, at most
:data:`MOST`: villages that held no coordination meeting in the quarter; villages in no
cooperation with another village; the kind of partner most villages lack; the village whose
loss would cut others off (else the actor bridging most); what the partnership plan would
close; unmet needs; kades without a peer.

>>> number(1234.5, "id"), number(1234.5, "en"), number(0.25, "id", digits=2)
('1234,5', '1234.5', '0,25')
>>> names(["A", "B", "C", "D", "E", "F", "G"], "en")
'A, B, C, D, E and 2 more'
"""

from __future__ import annotations

from collections.abc import Sequence

from jejaring.analysis.coordination import CoordinationReport
from jejaring.analysis.gap_types import GapReport, GapType
from jejaring.analysis.plan import Plan
from jejaring.analysis.structure import Structure
from jejaring.i18n import t
from jejaring.periods import Quarter
from jejaring.vocab import ActorKind

__all__ = ["MOST", "NAMED", "number", "names", "findings"]

MOST = 5
"""At most this many findings."""

NAMED = 5
"""Names listed in a finding before "and N more"."""


def number(value: float, lang: str, *, digits: int = 2) -> str:
    """A figure as people write it: at most ``digits`` decimals, no trailing zeros, a decimal
    comma in Indonesian."""
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(value):d}"
    return text.replace(".", ",") if lang == "id" else text


def names(items: Sequence[str], lang: str) -> str:
    """Names joined by commas, the first :data:`NAMED` and how many more."""
    if len(items) <= NAMED + 1:
        return ", ".join(items)
    return t("report.names_more", lang=lang, names=", ".join(items[:NAMED]), count=len(items) - NAMED)


def _coordination(coord: CoordinationReport | None, lang: str) -> str | None:
    if coord is None or not coord.villages:
        return None
    quarter = Quarter.parse(coord.quarter).label(lang)
    missing = [v.village.name for v in coord.villages if v.coordination_meetings == 0]
    if not missing:
        return t("report.finding.all_met", lang=lang, total=len(coord.villages), quarter=quarter)
    return t("report.finding.no_meeting", lang=lang, count=len(missing), total=len(coord.villages),
             quarter=quarter, names=names(missing, lang))


def _isolated(report: GapReport, lang: str) -> str | None:
    alone = [g.village.name for g in report.of_type(GapType.INTER_VILLAGE) if g.code == "no_inter_village"]
    if not alone:
        return None
    return t("report.finding.isolated", lang=lang, count=len(alone), total=len(report.coverage.villages),
             names=names(alone, lang))


def _coverage(report: GapReport, lang: str) -> str | None:
    matrix = report.coverage
    if not matrix.villages:
        return None
    lacking = [sum(row[j] == 0 for row in matrix.counts) for j in range(len(matrix.kinds))]
    most = max(range(len(lacking)), key=lambda j: (lacking[j], -j))
    if not lacking[most]:
        return None
    kind, total = matrix.kinds[most].label(lang), len(matrix.villages)
    if lacking[most] == total:
        return t("report.finding.coverage_none", lang=lang, kind=kind, total=total)
    return t("report.finding.coverage", lang=lang, kind=kind, count=lacking[most], total=total)


def _bridge(shape: Structure, lang: str) -> str | None:
    cuts = [c for c in shape.cooperation.cut_points if c.cut_off]
    if cuts:
        cut = cuts[0]
        return t("report.finding.cut_point", lang=lang, village=cut.name,
                 names=names([v.name for v in cut.cut_off], lang))
    if not shape.top_betweenness:
        return None
    top = shape.top_betweenness[0]
    return t("report.finding.broker", lang=lang, name=top.name, kind=ActorKind(top.kind).label(lang))


def _plan(result: Plan, lang: str) -> str | None:
    if not result.steps:
        return None
    first = result.steps[0].tie.describe().render(lang)
    closed = sum(len(step.closes) for step in result.steps)
    return t("report.finding.plan", lang=lang, count=len(result.steps), closes=closed, first=first,
             before=number(result.before.total, lang), after=number(result.after.total, lang))


def _needs(report: GapReport, lang: str) -> str | None:
    found = report.of_type(GapType.UNMET_NEED)
    if not found:
        return None
    nowhere = sum(g.code == "unmet_need_nowhere" for g in found)
    return t("report.finding.needs", lang=lang, count=len(found), nowhere=nowhere)


def _kades(report: GapReport, lang: str) -> str | None:
    found = report.of_type(GapType.KADES)
    return t("report.finding.kades", lang=lang, count=len(found)) if found else None


def findings(
    report: GapReport, coord: CoordinationReport | None, shape: Structure, result: Plan, *, lang: str
) -> list[str]:
    """The report's key findings in ``lang`` (see the module text for which and in what order)."""
    candidates = (
        _coordination(coord, lang),
        _isolated(report, lang),
        _coverage(report, lang),
        _bridge(shape, lang),
        _plan(result, lang),
        _needs(report, lang),
        _kades(report, lang),
    )
    return [text for text in candidates if text is not None][:MOST]
