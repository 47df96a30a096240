"""The ``coordination`` command: a kecamatan's quarterly (triwulan) coordination report."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from datetime import date
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import format_option, network_options, opened, scoped_network, workspace_option
from jejaring_cli.render import table, to_csv, to_json

__all__ = ["COMMANDS", "coordination_command"]

CSV_COLUMNS = (
    "quarter",
    "village_id",
    "village",
    "institution_id",
    "institution",
    "type",
    "attended",
    "meetings",
    "rate",
)


@click.command("coordination", help=t("cli_coordination.help"))
@network_options
@click.option("--low", "low", type=click.FloatRange(0, 1), default=None, help=t("cli_coordination.opt_low"))
@workspace_option
@format_option
def coordination_command(
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    low: float | None,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.analysis.coordination import LOW_ATTENDANCE, attendance_rates, coordination
    from jejaring.periods import Quarter

    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
    if quarter:
        report = coordination(net.undated(), quarter=Quarter.parse(quarter))
    elif at:
        report = coordination(net)
    else:
        report = coordination(net.undated())
    if fmt == "json":
        click.echo(to_json(asdict(report)))
    elif fmt == "csv":
        click.echo(to_csv(_csv_rows(report), CSV_COLUMNS))
    else:
        before = attendance_rates(net, quarter=report.previous)
        click.echo(_text(report, before, LOW_ATTENDANCE if low is None else low, at))


def _csv_rows(report: Any) -> list[dict[str, Any]]:
    return [
        {
            "quarter": report.quarter,
            "village_id": a.village.id,
            "village": a.village.name,
            "institution_id": a.institution.id,
            "institution": a.institution.name,
            "type": a.type,
            "attended": a.attended,
            "meetings": a.meetings,
            "rate": None if a.rate is None else round(a.rate, 4),
        }
        for v in report.villages
        for a in v.institutions
    ]


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def _label(vocab: Any, code: str) -> str:
    return vocab(code).label(current_lang())


def _text(report: Any, before: list[Any], low: float, at: date | None) -> str:
    """The report as a planner reads it: heading, villages, gaps, kecamatan meetings, tie changes."""
    from jejaring.analysis.coordination import RENEWAL_DAYS
    from jejaring.gazetteer import gazetteer
    from jejaring.periods import Quarter

    lang = current_lang()
    quarter, previous = Quarter.parse(report.quarter), Quarter.parse(report.previous)
    where = gazetteer().describe(report.area) if report.area else t("cli_coordination.everywhere")
    lines = [t("cli_coordination.title", quarter=quarter.label(lang), previous=previous.label(lang), area=where)]
    if report.quarter_source != "given":
        lines.append(t(f"cli_coordination.source.{report.quarter_source}", day=at or ""))
    lines.append("")
    sections = (
        _villages(report),
        _without_meeting(report),
        _low_attendance(report, before, low, previous.label(lang)),
        _kecamatan(report),
        _ties(report),
    )
    for section in sections:
        lines += [*section, ""]
    rules = t("coordination.rules", days=RENEWAL_DAYS)
    lines += textwrap.wrap(t("cli_coordination.note", rules=rules), width=100)
    return "\n".join(lines).rstrip()


def _villages(report: Any) -> list[str]:
    changes = {c.village.id: c for c in report.change.villages}
    rows = [
        {
            "village": v.village.name,
            "held": v.meetings_held,
            "before": changes[v.village.id].meetings_held_before,
            "coordination": v.coordination_meetings,
            "attending": f"{v.institutions_attending}/{len(v.institutions)}",
            "rate": _percent(v.attendance_rate),
        }
        for v in report.villages
    ]
    columns = [
        ("village", t("cli_coordination.col.village")),
        ("held", t("cli_coordination.col.held")),
        ("before", t("cli_coordination.col.before")),
        ("coordination", t("cli_coordination.col.coordination")),
        ("attending", t("cli_coordination.col.attending")),
        ("rate", t("cli_coordination.col.rate")),
    ]
    return [t("cli_coordination.villages", count=len(rows)), table(rows, columns)]


def _without_meeting(report: Any) -> list[str]:
    missing = [v.village.name for v in report.villages if v.coordination_meetings == 0]
    if not missing:
        return [t("cli_coordination.all_met")]
    return [t("cli_coordination.without_meeting", count=len(missing)), *_wrapped(", ".join(missing))]


def _low_attendance(report: Any, before: list[Any], low: float, previous: str) -> list[str]:
    from jejaring.vocab import InstitutionType

    earlier = {a.institution.id: a for a in before}
    lows = [a for v in report.villages for a in v.institutions if a.rate is not None and a.rate < low]
    heading = t("cli_coordination.low_attendance", count=len(lows), threshold=f"{low:.0%}")
    if not lows:
        return [heading]
    rows = []
    for a in lows:
        was = earlier.get(a.institution.id)
        rows.append(
            {
                "village": a.village.name,
                "institution": a.institution.name,
                "type": _label(InstitutionType, a.type),
                "attended": f"{a.attended}/{a.meetings}",
                "before": f"{was.attended}/{was.meetings}" if was and was.meetings else "–",
            }
        )
    columns = [
        ("village", t("cli_coordination.col.village")),
        ("institution", t("cli_coordination.col.institution")),
        ("type", t("cli_coordination.col.type")),
        ("attended", t("cli_coordination.col.attended")),
        ("before", t("cli_coordination.col.attended_before", previous=previous)),
    ]
    return [heading, table(rows, columns)]


def _kecamatan(report: Any) -> list[str]:
    from jejaring.vocab import MeetingType

    meetings = report.kecamatan_meetings
    if not meetings:
        return [t("cli_coordination.no_kecamatan_meetings")]
    rows = [
        {
            "date": m.date,
            "type": _label(MeetingType, m.type),
            "kades": t("cli_coordination.kades_present", present=m.kades_present, total=m.kades_total),
        }
        for m in meetings
    ]
    columns = [
        ("date", t("cli_coordination.col.date")),
        ("type", t("cli_coordination.col.meeting")),
        ("kades", t("cli_coordination.col.kades")),
    ]
    lines = [t("cli_coordination.kecamatan_meetings", count=len(meetings)), table(rows, columns)]
    for m in meetings:
        if m.kades_absent:
            names = ", ".join(v.name for v in m.kades_absent)
            lines += _wrapped(t("cli_coordination.kades_absent", meeting=_label(MeetingType, m.type), date=m.date, villages=names))
    return lines


def _ties(report: Any) -> list[str]:
    from jejaring.vocab import TieKind

    ties = report.change.ties
    names = {v.village.id: v.village.name for v in report.villages}
    counts = {c: sum(tie.change == c for tie in ties) for c in ("new", "renewed", "lost")}
    lines = [t("cli_coordination.ties", **counts)]
    if ties:
        rows = [
            {
                "change": t(f"coordination.change.{tie.change}"),
                "kind": _label(TieKind, tie.kind),
                "source": tie.source.name,
                "target": tie.target.name,
                "villages": ", ".join(names[v] for v in tie.villages),
                "since": tie.since,
                "until": tie.until,
            }
            for tie in ties
        ]
        columns = [
            ("change", t("cli_coordination.col.change")),
            ("kind", t("cli_coordination.col.tie_kind")),
            ("source", t("cli_coordination.col.source")),
            ("target", t("cli_coordination.col.target")),
            ("villages", t("cli_coordination.col.villages")),
            ("since", t("cli_coordination.col.since")),
            ("until", t("cli_coordination.col.until")),
        ]
        lines.append(table(rows, columns))
    return lines


def _wrapped(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ")


COMMANDS = [coordination_command]
