"""The evaluate command: how well the link-prediction indices find edges hidden at random.

For now the network comes only from an edge list (``--edges``: a file or a shipped network);
the command is built so that another source, such as a workspace split at a date, can be
added as a further option.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import format_option
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


@click.command("evaluate", help=t("cli_evaluate.help"))
@click.option("--edges", required=True, help=t("cli_evaluate.opt_edges"))
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
@format_option
def evaluate_command(edges: str, splits: int, probe: float, seed: int, auc_samples: int | None, fmt: str) -> None:
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


COMMANDS = [evaluate_command]
