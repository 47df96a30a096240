"""The ``plan`` command: the k new ties that close the most collaboration gaps, step by step."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import format_option, network_options, opened, scoped_network, workspace_option
from jejaring_cli.render import table, to_csv, to_json

__all__ = ["COMMANDS", "plan_command", "report", "CSV_COLUMNS"]

CSV_COLUMNS = (
    "step",
    "tie_kind",
    "village_id",
    "village",
    "source_id",
    "source",
    "partner_id",
    "partner",
    "partner_kind",
    "target_id",
    "target",
    "renews",
    "within_reach",
    "gain",
    "total",
    "terms",
    "closes",
    "action",
)
WIDTH = 100


@click.command("plan", help=t("cli_plan.help"))
@network_options
@click.option("--budget", type=click.IntRange(min=1), default=5, show_default=True, help=t("cli_plan.opt_budget"))
@click.option("--weights", "weights", default=None, metavar="NAME=VALUE,...", help=t("cli_plan.opt_weights"))
@workspace_option
@format_option
def plan_command(
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    budget: int,
    weights: str | None,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.analysis.plan import Weights, plan
    from jejaring.vocab import ActorKind

    chosen = Weights.parse(weights) if weights else Weights()
    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
        organisations = ws.store.actors(
            kinds=[ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT]
        )
    result = plan(net, budget=budget, weights=chosen, partners=organisations)
    lang = current_lang()
    if fmt == "json":
        click.echo(to_json(result.to_dict(lang)))
    elif fmt == "csv":
        click.echo(to_csv([_csv_row(step, lang) for step in result.steps], CSV_COLUMNS))
    else:
        click.echo(report(result, lang))


def _num(value: float, lang: str) -> str:
    """A figure as people write it: no trailing zeros, a decimal comma in Indonesian."""
    text = f"{round(value, 2):g}"
    return text.replace(".", ",") if lang == "id" else text


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _csv_row(step: Any, lang: str) -> dict[str, Any]:
    tie = step.tie
    return {
        "step": step.number,
        "tie_kind": tie.kind.value,
        "village_id": tie.village.id,
        "village": tie.village.name,
        "source_id": tie.source.id,
        "source": tie.source.name,
        "partner_id": tie.partner.id,
        "partner": tie.partner.name,
        "partner_kind": tie.partner_kind.value,
        "target_id": tie.target.id,
        "target": tie.target.name,
        "renews": tie.renews,
        "within_reach": tie.within_reach,
        "gain": round(step.gain, 6),
        "total": round(step.total, 6),
        "terms": [c.term.value for c in step.closes],
        "closes": [c.why.render(lang) for c in step.closes],
        "action": tie.action().render(lang),
    }


def _objective(weights: Any, lang: str) -> str:
    """The objective in one sentence, with the weights in force."""
    from jejaring.analysis.plan import Term
    from jejaring.vocab import DevelopmentStatus

    parts = []
    for term in Term:
        part = t("cli_plan.term", weight=_num(weights.of(term), lang), label=term.label(lang))
        if term is Term.NEED and weights.status:
            low, high = (_num(weights.factor(s), lang) for s in (DevelopmentStatus.MANDIRI,
                                                                   DevelopmentStatus.SANGAT_TERTINGGAL))
            part += " " + t("cli_plan.status", high=high, low=low)
        parts.append(part)
    return t("cli_plan.objective", terms=" + ".join(parts))


def _scope(area: str | None) -> str:
    from jejaring.gazetteer import gazetteer

    return gazetteer().describe(area) if area else t("cli_plan.everywhere")


def _period(result: Any, lang: str) -> str:
    from jejaring.periods import Quarter

    if result.start is None or result.end is None:
        return t("cli_plan.period.all")
    last = result.end - timedelta(days=1)
    if last == result.start:
        return t("cli_plan.period.day", day=result.start.isoformat())
    quarter = Quarter.of(result.start)
    if (quarter.start, quarter.end) == (result.start, result.end):
        return t("cli_plan.period.quarter", quarter=quarter.label(lang))
    return t("cli_plan.period.range", start=result.start.isoformat(), end=last.isoformat())


def report(result: Any, lang: str) -> str:
    """The plan as a planner reads it: the objective, the numbered steps, the score before and after."""
    lines = [t("cli_plan.title", area=_scope(result.area)), _period(result, lang)]
    lines += _wrap(t("cli_plan.budget", budget=result.budget, candidates=result.candidates))
    lines += ["", *_wrap(_objective(result.weights, lang)), ""]
    if not result.steps:
        lines += [t("cli_plan.none"), ""]
    for step in result.steps:
        tie = step.tie.describe().render(lang)
        if not step.tie.within_reach:
            tie += " " + t("cli_plan.outside")
        closes = "; ".join(c.why.render(lang) for c in step.closes)
        head = f"{step.number}. "
        text = t("cli_plan.step", tie=tie, closes=closes, gain=_num(step.gain, lang))
        lines += _wrap(text, head, " " * len(head))
        affinity = step.tie.affinity()
        if affinity:
            lines += _wrap(t("cli_plan.affinity", affinity=affinity.render(lang)), " " * len(head),
                           " " * (len(head) + 2))
        lines += _wrap(t("cli_plan.action", action=step.tie.action().render(lang)), " " * len(head),
                       " " * (len(head) + 2))
    if result.steps and len(result.steps) < result.budget:
        lines += _wrap(t("cli_plan.stopped", count=len(result.steps)))
    lines += ["", t("cli_plan.totals"), _totals(result, lang), ""]
    lines.append(t("cli_plan.score", before=_num(result.before.total, lang), after=_num(result.after.total, lang),
                   gain=_num(result.gain, lang)))
    lines += ["", *_wrap(t("cli_plan.note"))]
    return "\n".join(lines)


def _totals(result: Any, lang: str) -> str:
    from jejaring.analysis.plan import Term

    rows = []
    for term in Term:
        before, after = result.before, result.after
        rows.append({
            "term": term.label(lang),
            "weight": _num(result.weights.of(term), lang),
            "before": t("cli_plan.of", count=before.counts[term], possible=before.possible[term]),
            "after": t("cli_plan.of", count=after.counts[term], possible=after.possible[term]),
            "gain": "+" + _num(after.values[term] - before.values[term], lang),
        })
    columns = [(key, t(f"cli_plan.col.{key}")) for key in ("term", "weight", "before", "after", "gain")]
    return table(rows, columns)


COMMANDS = [plan_command]
