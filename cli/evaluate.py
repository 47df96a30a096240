"""The evaluate command: how well links are predicted, in one of two modes.

- ``--edges``: the link-prediction indices find again edges hidden at random from an edge
  list (a file or a shipped network);
- ``--cutoff`` on a workspace: partner suggestions made from the network before a date are
  judged by the partners each village gained from that date on, against baselines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from jejaring.i18n import current_lang, t
from jejaring_cli.options import DateType, format_option, opened, resolve_scope, workspace_option
from jejaring_cli.render import render, to_json

__all__ = ["COMMANDS"]


def _edges(value: str) -> Any:
    """The graph ``--edges`` names: an existing file first, else a shipped network."""
    from jejaring.analysis.evaluate import SHIPPED_NETWORKS, read_edge_list, shipped_network
    from jejaring.errors import JejaringError

    if Path(value).is_file():
        return read_edge_list(value)
    if value.strip().lower() in SHIPPED_NETWORKS:
        return shipped_network(value)
    raise JejaringError("cli_evaluate.no_edges", value=value, choices=", ".join(SHIPPED_NETWORKS))


def _number(value: float, digits: int = 4) -> str:
    """A figure for the table: a decimal comma in Indonesian."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if current_lang() == "id" else text


def _count(value: int) -> str:
    """A count for the table: thousands grouped by a dot in Indonesian, by a comma in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if current_lang() == "id" else text


def _header(graph: Any, figures: Any, seed: int, probe: float) -> list[str]:
    """What was measured and how, above the table."""
    nodes, edges = _count(graph.number_of_nodes()), _count(graph.number_of_edges())
    probe_edges = _count(figures.probe_edges)
    percent = _number(probe * 100, 1).removesuffix(",0").removesuffix(".0") + "%"
    lines = [
        t("cli_evaluate.network", name=graph.name, nodes=nodes, edges=edges),
        t("cli_evaluate.protocol", splits=figures.splits, seed=seed, probe=probe_edges, percent=percent),
    ]
    if figures.auc_method == "exact":
        lines.append(t("cli_evaluate.auc_exact", non_edges=_count(figures.non_edges)))
    else:
        lines.append(t("cli_evaluate.auc_sampled", samples=_count(figures.auc_samples)))
    lines += [t("cli_evaluate.precision", probe=_count(figures.probe_edges)), t("cli_evaluate.spread"), ""]
    return lines


_EDGE_OPTIONS = {"splits": "--splits", "probe": "--probe", "seed": "--seed", "auc_samples": "--auc-samples"}
_CUTOFF_OPTIONS = {"kecamatan": "--kecamatan", "top": "--top", "within": "--within", "workspace": "--workspace"}


@click.command("evaluate", help=t("cli_evaluate.help"))
@click.option("--edges", default=None, help=t("cli_evaluate.opt_edges"))
@click.option("--cutoff", type=DateType(), default=None, help=t("cli_evaluate.opt_cutoff"))
@click.option("--splits", type=click.IntRange(min=1), default=10, show_default=True, help=t("cli_evaluate.opt_splits"))
@click.option(
    "--probe",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.1,
    show_default=True,
    help=t("cli_evaluate.opt_probe"),
)
@click.option("--seed", type=int, default=0, show_default=True, help=t("cli_evaluate.opt_seed"))
@click.option("--auc-samples", type=click.IntRange(min=1), default=None, help=t("cli_evaluate.opt_auc_samples"))
@click.option("--kecamatan", default=None, help=t("cli_evaluate.opt_kecamatan"))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help=t("cli_evaluate.opt_top"))
@click.option(
    "--within",
    type=click.Choice(["kecamatan", "kabupaten", "province", "all"]),
    default="kabupaten",
    show_default=True,
    help=t("cli_evaluate.opt_within"),
)
@workspace_option
@format_option
@click.pass_context
def evaluate_command(
    ctx: click.Context,
    edges: str | None,
    cutoff: Any,
    splits: int,
    probe: float,
    seed: int,
    auc_samples: int | None,
    kecamatan: str | None,
    top: int,
    within: str,
    workspace: str,
    fmt: str,
) -> None:
    if (edges is None) == (cutoff is None):
        raise click.UsageError(t("cli_evaluate.one_mode"), ctx)
    mode, others = ("--edges", _CUTOFF_OPTIONS) if edges is not None else ("--cutoff", _EDGE_OPTIONS)
    for name, option in others.items():
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            raise click.UsageError(t("cli_evaluate.wrong_mode", option=option, mode=mode), ctx)
    if edges is not None:
        _random_split(edges, splits, probe, seed, auc_samples, fmt)
    else:
        _split_in_time(workspace, cutoff, kecamatan, top, within, fmt)


def _random_split(edges: str, splits: int, probe: float, seed: int, auc_samples: int | None, fmt: str) -> None:
    from dataclasses import asdict

    from jejaring.analysis.evaluate import random_split_evaluation

    graph = _edges(edges)
    figures = random_split_evaluation(graph, probe_fraction=probe, splits=splits, seed=seed, auc_samples=auc_samples)
    if fmt == "json":
        click.echo(to_json({name: asdict(f) for name, f in figures.items()}))
        return
    if fmt == "csv":
        records = [{"index": name, **asdict(f)} for name, f in figures.items()]
        click.echo(render("csv", rows=records, columns=[]))
        return
    rows = [
        {
            "index": t(f"evaluate.index.{name}"),
            "auc": _number(f.auc),
            "auc_std": _number(f.auc_std),
            "precision": _number(f.precision),
            "precision_std": _number(f.precision_std),
        }
        for name, f in figures.items()
    ]
    columns = [
        ("index", t("cli_evaluate.col.index")),
        ("auc", t("cli_evaluate.col.auc")),
        ("auc_std", t("cli_evaluate.col.sd")),
        ("precision", t("cli_evaluate.col.precision")),
        ("precision_std", t("cli_evaluate.col.sd")),
    ]
    lines = _header(graph, next(iter(figures.values())), seed, probe)
    click.echo("\n".join([*lines, render("table", rows=rows, columns=columns)]))


def _split_in_time(workspace: str, cutoff: Any, kecamatan: str | None, top: int, within: str, fmt: str) -> None:
    import textwrap
    from dataclasses import asdict
    from datetime import timedelta

    from jejaring.analysis.evaluate import temporal_evaluation
    from jejaring.analysis.recommend import WITHIN
    from jejaring.gazetteer import gazetteer
    from jejaring_cli.suggest import load_network

    with opened(workspace) as ws:
        area = resolve_scope(ws, kecamatan, None) or (ws.kecamatan.code if ws.kecamatan else None)
        depth = WITHIN[within]
        scope = ".".join(area.split(".")[:depth]) if area and depth else None
        net = load_network(ws, scope)
    figures = temporal_evaluation(net, cutoff, area=area, k=top, within=within)
    if fmt == "json":
        click.echo(to_json({name: asdict(f) for name, f in figures.items()}))
        return
    if fmt == "csv":
        records = [{"method": name, **asdict(f)} for name, f in figures.items()]
        click.echo(render("csv", rows=records, columns=[]))
        return
    first = next(iter(figures.values()))
    where = gazetteer().describe(area) if area else t("cli_evaluate.everywhere")
    eve = (cutoff - timedelta(days=1)).isoformat()
    text = [
        t("cli_evaluate.temporal_title", area=where),
        t("cli_evaluate.temporal_protocol", eve=eve, cutoff=cutoff.isoformat()),
        t(
            "cli_evaluate.temporal_counts",
            actors=_count(first.actors),
            new=_count(first.new_partners),
            candidates=_count(first.candidates),
            within=t(f"cli_evaluate.within.{within}"),
        ),
        t("cli_evaluate.temporal_metrics", k=top),
    ]
    lines = [line for p in text for line in textwrap.wrap(p, width=100, break_on_hyphens=False)] + [""]
    rows = [
        {
            "method": t(f"cli_evaluate.method.{name}"),
            "precision": _number(f.precision),
            "recall": _number(f.recall),
            "mrr": _number(f.mrr),
            "auc": _number(f.auc) if f.auc is not None else "–",
        }
        for name, f in figures.items()
    ]
    columns = [
        ("method", t("cli_evaluate.col.method")),
        ("precision", t("cli_evaluate.col.precision_at", k=top)),
        ("recall", t("cli_evaluate.col.recall_at", k=top)),
        ("mrr", t("cli_evaluate.col.mrr")),
        ("auc", t("cli_evaluate.col.auc")),
    ]
    click.echo("\n".join([*lines, render("table", rows=rows, columns=columns)]))


COMMANDS = [evaluate_command]
