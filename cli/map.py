"""The ``map`` command: the network of a kecamatan as a picture (PNG, SVG or PDF)."""

from __future__ import annotations

from datetime import date

import click

from jejaring.i18n import current_lang, t
from jejaring.plot.style import SIZE_BY
from jejaring_cli.options import network_options, opened, scoped_network, workspace_option

__all__ = ["COMMANDS", "map_command"]


@click.command("map", help=t("cli_map.help"))
@network_options
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help=t("cli_map.opt_out"))
@click.option("--dpi", type=click.IntRange(min=30, max=1200), default=150, show_default=True, help=t("cli_map.opt_dpi"))
@click.option("--size-by", type=click.Choice(SIZE_BY), default="degree", show_default=True,
              help=t("cli_map.opt_size_by"))
@click.option("--highlight-gaps", is_flag=True, help=t("cli_map.opt_highlight_gaps"))
@click.option("--suggest", "suggest_for", multiple=True, metavar="ACTOR", help=t("cli_map.opt_suggest"))
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help=t("cli_map.opt_top"))
@workspace_option
def map_command(
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    out: str,
    dpi: int,
    size_by: str,
    highlight_gaps: bool,
    suggest_for: tuple[str, ...],
    top: int,
    workspace: str,
) -> None:
    from jejaring.analysis.gap_types import Severity
    from jejaring.analysis.gaps import gaps
    from jejaring.analysis.partner_index import find_actor
    from jejaring.analysis.recommend import suggest
    from jejaring.periods import Quarter
    from jejaring.plot.maps import network
    from jejaring.plot.style import output_format, period_text, save
    from jejaring.vocab import ActorKind

    output_format(out)  # a wrong extension fails before any work
    lang = current_lang()
    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
    lines = []
    report = None
    if highlight_gaps:
        report = gaps(net, quarter=Quarter.parse(quarter) if quarter else None)
        high = sorted({g.village.name for g in report.gaps if g.severity is Severity.HIGH and g.village})
        lines.append(t("cli_map.gaps_marked", names=", ".join(high)) if high else t("cli_map.no_gaps_marked"))
    found = {}
    for text in suggest_for:
        actor = find_actor(net, text)
        found[actor.id] = suggest(net, actor.id, top=top)
        names = ", ".join(s.candidate.name for s in found[actor.id])
        key = "cli_map.suggested" if names else "cli_map.none_suggested"
        lines.append(t(key, actor=actor.name, names=names))
    fig, _ = network(net, size_by=size_by, gaps=report, suggestions=found or None, lang=lang)
    path = save(fig, out, dpi=dpi)
    villages = len(net.of_kind(ActorKind.VILLAGE))
    click.echo(t("cli_map.saved", path=path, villages=villages, actors=len(net.actors), ties=len(net.ties),
                 period=period_text(net, lang)))
    for line in lines:
        click.echo(line)


COMMANDS = [map_command]
