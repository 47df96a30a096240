"""The ``stats`` command: the structure of the network, as a report, JSON or one CSV row per actor."""

from __future__ import annotations

import textwrap
from dataclasses import asdict, fields
from datetime import date, timedelta
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import format_option, network_options, opened, scoped_network, workspace_option
from jejaring_cli.render import table, to_csv, to_json

__all__ = ["COMMANDS", "stats_command", "report"]

WIDTH = 100
INDENT = "  "
VILLAGES_SHOWN = 40
"""Lists of villages longer than this end in "and N more"; lists of actors stop at ``--top``."""


@click.command("stats", help=t("cli_stats.help"))
@network_options
@click.option(
    "--groups",
    type=click.Choice(["village", "kind"]),
    default="village",
    show_default=True,
    help=t("cli_stats.opt_groups"),
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help=t("cli_stats.opt_top"))
@workspace_option
@format_option
def stats_command(
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    groups: str,
    top: int,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.analysis.structure import ActorMeasures, structure

    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
    result = structure(net, groups=groups, top=top)
    if fmt == "json":
        click.echo(to_json(result.to_dict()))
    elif fmt == "csv":
        click.echo(to_csv([asdict(m) for m in result.actors], [f.name for f in fields(ActorMeasures)]))
    else:
        click.echo(report(result, current_lang()))


def _wrap(text: str, indent: str = INDENT, hang: str = "") -> list[str]:
    return textwrap.wrap(
        text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + hang, break_on_hyphens=False
    )


def _indent(block: str, indent: str = INDENT) -> list[str]:
    return [indent + line for line in block.splitlines()]


def _names(named: Any, limit: int | None = None, heads: dict[str, str] | None = None) -> str:
    """Names joined by commas, the first ``limit`` of them and how many more; ``heads`` maps
    village heads to their village's name, said after theirs."""
    heads = heads or {}
    shown = [
        t("cli_stats.kades", name=n.name, village=heads[n.id]) if n.id in heads else n.name
        for n in (named if limit is None else named[:limit])
    ]
    if limit is not None and len(named) > limit:
        shown.append(t("cli_stats.more", count=len(named) - limit))
    return ", ".join(shown)


def _heads(structure: Any) -> dict[str, str]:
    """Village heads' ids mapped to their village's name."""
    return {m.id: m.village_name for m in structure.actors if m.kind == "village_head" and m.village_name}


def _kind(kind: str, actor_id: str, lang: str) -> str:
    """The kind in words; a village is a desa or a kelurahan (its code's fourth part starting with 1)."""
    from jejaring.vocab import ActorKind

    if kind == ActorKind.VILLAGE.value:
        return t("cli.kind.kelurahan") if actor_id.split(".")[-1].startswith("1") else t("cli.kind.desa")
    return ActorKind(kind).label(lang)


def _header(text: str) -> str:
    return text[:1].upper() + text[1:]


def _group(measures: Any, groups: str, lang: str) -> str:
    from jejaring.analysis.brokerage import OUTSIDE
    from jejaring.vocab import ActorKind

    if groups == "kind":
        return ActorKind(measures.group).label(lang)
    return t("structure.outside") if measures.group == OUTSIDE else measures.group_name


def _number(value: float | None, lang: str, digits: int = 3) -> str:
    """A figure with ``digits`` decimals, with a decimal comma in Indonesian."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def _heading(structure: Any, lang: str) -> list[str]:
    from jejaring.gazetteer import gazetteer
    from jejaring.periods import Quarter

    code = structure.area
    area = f"{gazetteer().describe(code)} ({code})" if code else t("cli_stats.everywhere")
    start, end = structure.start, structure.end
    if start is None or end is None:
        period = t("cli_stats.period.all")
    elif end - start == timedelta(days=1):
        period = t("cli_stats.period.day", day=start.isoformat())
    elif (quarter := Quarter.of(start)).start == start and quarter.end == end:
        period = t("cli_stats.period.quarter", quarter=quarter.label(lang))
    else:
        period = t("cli_stats.period.range", start=start.isoformat(), end=(end - timedelta(days=1)).isoformat())
    return [t("cli_stats.title", area=area), period, t(f"cli_stats.groups.{structure.groups}")]


def _size(structure: Any, lang: str) -> list[str]:
    from jejaring.vocab import ActorKind, TieKind

    actors = ", ".join(f"{ActorKind(k).label(lang)} {n}" for k, n in structure.actors_by_kind.items())
    ties = ", ".join(f"{TieKind(k).label(lang)} {n}" for k, n in structure.ties_by_kind.items())
    alone = sum(1 for m in structure.actors if m.degree == 0)
    return [
        t("cli_stats.section.size"),
        *_wrap(f"{t('cli_stats.actors', count=len(structure.actors))} ({actors})", hang=INDENT),
        *_wrap(f"{t('cli_stats.ties', count=sum(structure.ties_by_kind.values()))} ({ties})", hang=INDENT),
        *_wrap(t("cli_stats.pairs", pairs=structure.tied_pairs, components=structure.components, alone=alone)),
    ]


def _cooperation(coop: Any, lang: str) -> list[str]:
    lines = [t("cli_stats.section.cooperation"), *_wrap(t("cli_stats.cooperation_rule"))]
    density = _number(coop.density, lang, 2)
    counts = t("cli_stats.cooperation_counts", villages=len(coop.villages), links=len(coop.links), density=density)
    lines += _wrap(counts)
    if coop.outside:
        lines += _wrap(t("cli_stats.outside_villages", names=_names(coop.outside, VILLAGES_SHOWN)))
    together = [c for c in coop.components if len(c) > 1]
    lines += _wrap(t("cli_stats.cooperating_groups", count=len(together)))
    for number, component in enumerate(together, 1):
        text = t("cli_stats.group", number=number, count=len(component), names=_names(component, VILLAGES_SHOWN))
        lines += _wrap(text, 2 * INDENT, " " * (len(str(number)) + 2))
    if coop.isolates:
        names = _names(coop.isolates, VILLAGES_SHOWN)
        lines += _wrap(t("cli_stats.isolates", count=len(coop.isolates), names=names))
    else:
        lines += _wrap(t("cli_stats.no_isolates"))
    return lines


def _central(structure: Any, lang: str) -> list[str]:
    lines = [t("cli_stats.section.central")]
    for key, ranked, digits in (
        ("degree", structure.top_degree, 0),
        ("betweenness", structure.top_betweenness, 3),
        ("eigenvector", structure.top_eigenvector, 3),
    ):
        lines += ["", *_wrap(t(f"cli_stats.top.{key}"))]
        if key == "betweenness" and structure.betweenness_sample:
            sample, actors = structure.betweenness_sample, len(structure.actors)
            lines += _wrap(t("cli_stats.sampled", sample=sample, actors=actors, seed=structure.seed))
        if not ranked:
            lines += _wrap(t("cli_stats.nobody"))
            continue
        rows = [
            {"rank": i, "name": r.name, "kind": _kind(r.kind, r.id, lang), "value": _number(r.value, lang, digits)}
            for i, r in enumerate(ranked, 1)
        ]
        columns = [
            ("rank", t("cli_stats.col.rank")),
            ("name", t("cli_stats.col.name")),
            ("kind", t("cli_stats.col.kind")),
            ("value", _header(t(f"structure.measure.{key}"))),
        ]
        lines += _indent(table(rows, columns))
    return lines


def _brokers(structure: Any, lang: str) -> list[str]:
    from jejaring.analysis.brokerage import ROLES

    lines = [t("cli_stats.section.brokers")]
    if not structure.brokers:
        return [*lines, *_wrap(t("cli_stats.no_brokers"))]
    lines += _wrap(t("cli_stats.brokers_intro"))
    for role in ROLES:
        line = t("cli_stats.role_line", role=t(f"structure.role.{role}"), hint=t(f"structure.role_hint.{role}"))
        lines += _wrap(line, 2 * INDENT, INDENT)
    rows = [
        {
            "name": m.name,
            "kind": _kind(m.kind, m.id, lang),
            "group": _group(m, structure.groups, lang),
            "brokerage": m.brokerage,
            "roles": _roles(m),
            "effective_size": _number(m.effective_size, lang, 1),
            "constraint": _number(m.constraint, lang, 2),
        }
        for m in structure.brokers
    ]
    columns = [
        ("name", t("cli_stats.col.name")),
        ("kind", t("cli_stats.col.kind")),
        ("group", t("cli_stats.col.group")),
        ("brokerage", _header(t("structure.measure.brokerage"))),
        ("roles", t("cli_stats.col.roles")),
        *((key, _header(t(f"structure.measure.{key}"))) for key in ("effective_size", "constraint")),
    ]
    return [*lines, "", *_indent(table(rows, columns)), "", *_wrap(t("cli_stats.burt_note"))]


def _roles(measures: Any) -> str:
    """The roles an actor plays, most often first: ``liaison 80, gatekeeper 10``."""
    from jejaring.analysis.brokerage import ROLES

    counts = {role: getattr(measures, role) for role in ROLES if getattr(measures, role)}
    played = sorted(counts, key=lambda role: -counts[role])
    return ", ".join(f"{t(f'structure.role.{role}')} {counts[role]}" for role in played)


def _rows_left(shown: int, total: int) -> list[str]:
    return _wrap(t("cli_stats.more_rows", count=total - shown)) if total > shown else []


def _failure(coop: Any, top: int) -> list[str]:
    lines = [t("cli_stats.section.failure")]
    if not coop.cut_points and not coop.bridges:
        return [*lines, *_wrap(t("cli_stats.no_failure"))]
    if coop.cut_points:
        rows = [
            {"village": c.name, "count": len(c.cut_off), "which": _names(c.cut_off, VILLAGES_SHOWN)}
            for c in coop.cut_points[:top]
        ]
        columns = [
            ("village", t("cli_stats.col.village")),
            ("count", t("cli_stats.col.cut_off")),
            ("which", t("cli_stats.col.which")),
        ]
        lines += [*_wrap(t("cli_stats.cut_points")), *_indent(table(rows, columns))]
        lines += _rows_left(len(rows), len(coop.cut_points))
    if coop.bridges:
        rows = [
            {
                "link": f"{b.a.name} – {b.b.name}",
                "ties": b.ties,
                "count": len(b.cut_off),
                "which": _names(b.cut_off, VILLAGES_SHOWN),
            }
            for b in coop.bridges[:top]
        ]
        columns = [
            ("link", t("cli_stats.col.link")),
            ("ties", t("cli_stats.col.ties")),
            ("count", t("cli_stats.col.cut_off")),
            ("which", t("cli_stats.col.which")),
        ]
        lines += ["", *_wrap(t("cli_stats.bridges")), *_indent(table(rows, columns))]
        lines += _rows_left(len(rows), len(coop.bridges))
    return lines


def _communities(structure: Any, lang: str) -> list[str]:
    modularity = "–" if structure.modularity is None else _number(structure.modularity, lang, 2)
    intro = t("cli_stats.communities_intro", seed=structure.seed, modularity=modularity)
    lines = [t("cli_stats.section.communities"), *_wrap(intro)]
    shared = [c for c in structure.communities if len(c.members) > 1]
    heads = _heads(structure)
    for c in shared:
        names = _names(c.members, structure.top, heads)
        text = t("cli_stats.community", number=c.number, count=len(c.members), names=names)
        lines += _wrap(text, 2 * INDENT, " " * (len(str(c.number)) + 2))
    alone = len(structure.communities) - len(shared)
    if alone:
        lines += _wrap(t("cli_stats.alone", count=alone))
    return lines


def _core(structure: Any) -> list[str]:
    members = structure.main_core_members
    names = _names(members, structure.top, _heads(structure))
    text = t("cli_stats.main_core", k=structure.main_core, count=len(members), names=names)
    return [t("cli_stats.section.core"), *_wrap(text)]


def report(structure: Any, lang: str) -> str:
    """The readable report of a :class:`~jejaring.analysis.structure.Structure`, section by section."""
    sections = [
        _heading(structure, lang),
        _size(structure, lang),
        _cooperation(structure.cooperation, lang),
        _central(structure, lang),
        _brokers(structure, lang),
        _failure(structure.cooperation, structure.top),
        _communities(structure, lang),
        _core(structure),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections)


COMMANDS = [stats_command]
