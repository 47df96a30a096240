"""The ``gaps`` command: where collaboration is missing in a kecamatan, and what to do about it."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import format_option, network_options, opened, scoped_network, workspace_option
from jejaring_cli.render import table, to_csv, to_json

__all__ = ["COMMANDS", "gaps_command"]

CSV_COLUMNS = (
    "type",
    "severity",
    "code",
    "village_id",
    "village",
    "actor_ids",
    "actors",
    "reason",
    "action",
)
WIDTH = 100


@click.command("gaps", help=t("cli_gaps.help"))
@network_options
@click.option("--type", "types", multiple=True, help=t("cli_gaps.opt_type"))
@click.option("--severity", default=None, help=t("cli_gaps.opt_severity"))
@click.option("--top", type=click.IntRange(min=1), default=None, help=t("cli_gaps.opt_top"))
@workspace_option
@format_option
def gaps_command(
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    types: tuple[str, ...],
    severity: str | None,
    top: int | None,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.analysis.gap_types import GapType, Severity
    from jejaring.analysis.gaps import gaps
    from jejaring.periods import Quarter

    wanted = [_choice(GapType, text, "--type") for text in types]
    worst = _choice(Severity, severity, "--severity") if severity else None
    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
    report = gaps(net, quarter=Quarter.parse(quarter) if quarter else None, top=top).only(types=wanted, severity=worst)
    lang = current_lang()
    if fmt == "json":
        click.echo(to_json(report.to_dict(lang)))
    elif fmt == "csv":
        click.echo(to_csv([_csv_row(gap, lang) for gap in report.gaps], CSV_COLUMNS))
    else:
        click.echo(_text(report, [kind for kind in GapType if kind in wanted] or list(GapType), lang))


def _choice(vocab: Any, text: str, option: str) -> Any:
    from jejaring.errors import JejaringError

    try:
        return vocab.parse(text)
    except ValueError:
        labels = ((m.value, m.label(current_lang())) for m in vocab)
        choices = ", ".join(code if label == code else f"{code} ({label})" for code, label in labels)
        raise JejaringError("cli.bad_choice", option=option, value=text, choices=choices) from None


def _csv_row(gap: Any, lang: str) -> dict[str, Any]:
    return {
        "type": gap.type.value,
        "severity": gap.severity.value,
        "code": gap.code,
        "village_id": gap.village.id if gap.village else None,
        "village": gap.village.name if gap.village else None,
        "actor_ids": [a.id for a in gap.actors],
        "actors": [a.name for a in gap.actors],
        "reason": gap.reason(lang),
        "action": gap.action(lang),
    }


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _text(report: Any, types: list[Any], lang: str) -> str:
    """Heading, counts by type and severity, the coverage matrix, then the gaps type by type."""
    lines = [t("cli_gaps.title", area=report.scope(lang)), t("cli_gaps.period", period=report.period(lang))]
    if report.quarter is None:
        lines.append(t("cli_gaps.no_meetings"))
    else:
        lines.append(t(f"cli_gaps.quarter.{report.quarter_source}", quarter=report.quarter.label(lang)))
    lines += ["", *_summary(report, types, lang), ""]
    if report.coverage.villages and any(k.value == "coverage" for k in types):
        lines += [*_matrix(report.coverage, lang), ""]
    for number, kind in enumerate(types, 1):
        lines += [*_section(report, kind, number, lang), ""]
    lines += _wrap(t("cli_gaps.note"), "", "")
    return "\n".join(lines).rstrip()


def _summary(report: Any, types: list[Any], lang: str) -> list[str]:
    from jejaring.analysis.gap_types import Severity

    counts = report.counts()
    rows = [{"type": kind.label(lang), **{s.value: counts[kind][s] for s in Severity}} for kind in types]
    rows.append({"type": t("cli_gaps.total"), **{s.value: sum(r[s.value] for r in rows) for s in Severity}})
    columns = [("type", t("cli_gaps.col.type")), *((s.value, s.label(lang)) for s in Severity)]
    return [t("cli_gaps.summary", count=len(report.gaps)), table(rows, columns)]


def _matrix(matrix: Any, lang: str) -> list[str]:
    yes, no = "✓", "–"
    rows = [
        {"": v.name, **{k.value: yes if n else no for k, n in zip(matrix.kinds, row, strict=True)}}
        for v, row in zip(matrix.villages, matrix.counts, strict=True)
    ]
    columns = [("", t("cli_gaps.col.village")), *((k.value, k.label(lang)) for k in matrix.kinds)]
    return [t("cli_gaps.matrix", yes=yes, no=no), table(rows, columns)]


def _section(report: Any, kind: Any, number: int, lang: str) -> list[str]:
    found = report.of_type(kind)
    lines = [f"{number}. {kind.label(lang).upper()} ({len(found)})"]
    if not found:
        lines.append("   " + t("cli_gaps.none"))
    for gap in found:
        mark = f"   [{gap.severity.label(lang)}] "
        lines += _wrap(gap.reason(lang), mark, " " * len(mark))
        action = gap.action(lang)
        if action:
            lines += _wrap(t("cli_gaps.action", action=action), " " * len(mark), " " * (len(mark) + 2))
    left = report.left_out(kind)
    if left:
        lines.append("   " + t("cli_gaps.omitted", count=left))
    return lines


COMMANDS = [gaps_command]
