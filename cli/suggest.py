"""The ``suggest`` command: who a village, kades or organisation could partner with next, and why."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import DateType, format_option, opened, workspace_option
from jejaring_cli.render import to_csv, to_json

__all__ = ["COMMANDS", "suggest_command", "actor_in_store", "load_network"]

WIDTH = 100
CSV_COLUMNS = (
    "rank",
    "id",
    "name",
    "kind",
    "area",
    "score",
    "network",
    "complementarity",
    "peer_learning",
    "proximity",
    "reasons",
)


def actor_in_store(store: Any, text: str) -> Any:
    """The actor ``text`` names in ``store`` (an id, or a unique name), without loading the store whole."""
    from jejaring.analysis.recommend import resolve_actor
    from jejaring.errors import JejaringError

    wanted = text.strip()
    exact = store.actor(wanted)
    if exact is not None:
        return exact
    try:
        return resolve_actor(store.actors(name=wanted), wanted)
    except JejaringError as error:
        if error.key != "recommend.unknown_actor":
            raise
    # Nothing contains the whole text: look for names sharing one of its words.
    similar = {a.id: a for word in wanted.split() if len(word) >= 3 for a in store.actors(name=word)}
    return resolve_actor(similar.values(), wanted)


def load_network(ws: Any, scope: str | None) -> Any:
    """The network of ``scope`` (a Kemendagri code; ``None``: the whole workspace) with the
    organisations working over a wider area that contains it (a provincial NGO for a kabupaten),
    which :meth:`~jejaring.workspace.Workspace.network` loads only when they are tied to the area."""
    from jejaring.network import Network
    from jejaring.vocab import ActorKind

    net = ws.network(area=scope)
    if scope is None or "." not in scope:
        return net
    parts = scope.split(".")
    wider = {".".join(parts[:i]) for i in range(1, len(parts))}
    kinds = [ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT]
    extra = [a for a in ws.store.actors(kinds=kinds, area=parts[0]) if a.area_code in wider and a.id not in net.actors]
    if not extra:
        return net
    return Network([*net.actors.values(), *extra], net.ties, net.meetings, area=scope)


def _weights(settings: tuple[str, ...]) -> Any:
    from dataclasses import fields, replace

    from jejaring.analysis.recommend import Weights
    from jejaring.errors import JejaringError

    names = [f.name for f in fields(Weights)]
    weights = Weights()
    for setting in settings:
        name, _, value = setting.partition("=")
        name = name.strip().replace("-", "_")
        if name not in names or not value.strip():
            raise JejaringError("cli_suggest.bad_weight", value=setting, names=", ".join(names))
        if name == "index":
            weights = replace(weights, index=value.strip())
            continue
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise JejaringError("cli_suggest.bad_weight", value=setting, names=", ".join(names)) from None
        weights = replace(weights, **{name: number})
    return weights


@click.command("suggest", help=t("cli_suggest.help"))
@click.argument("actor")
@click.option("--kind", default=None, help=t("cli_suggest.opt_kind"))
@click.option("--need", default=None, help=t("cli_suggest.opt_need"))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help=t("cli_suggest.opt_top"))
@click.option(
    "--within",
    type=click.Choice(["kecamatan", "kabupaten", "province", "all"]),
    default="kabupaten",
    show_default=True,
    help=t("cli_suggest.opt_within"),
)
@click.option("--at", "at", type=DateType(), default=None, help=t("cli_suggest.opt_at"))
@click.option("--weight", "weight", multiple=True, metavar="NAME=VALUE", help=t("cli_suggest.opt_weight"))
@workspace_option
@format_option
def suggest_command(
    actor: str,
    kind: str | None,
    need: str | None,
    top: int,
    within: str,
    at: date | None,
    weight: tuple[str, ...],
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.analysis.recommend import area_scope, suggest

    weights = _weights(weight)
    day = at or date.today()
    with opened(workspace) as ws:
        found = actor_in_store(ws.store, actor)
        scope = area_scope(found, within)
        net = load_network(ws, scope).at(day)
    suggestions = suggest(net, found.id, kind=kind, need=need, top=top, within=within, weights=weights)
    lang = current_lang()
    if fmt == "json":
        click.echo(to_json(_record(found, scope, day, weights, suggestions, lang)))
    elif fmt == "csv":
        click.echo(to_csv([_csv_row(rank, s, lang) for rank, s in enumerate(suggestions, 1)], CSV_COLUMNS))
    else:
        click.echo(_text(net, found, scope, day, kind, need, weights, suggestions, lang))


def _record(actor: Any, scope: str | None, day: date, weights: Any, found: list[Any], lang: str) -> dict:
    from dataclasses import asdict

    return {
        "actor": {"id": actor.id, "name": actor.name, "kind": str(actor.kind)},
        "scope": scope,
        "at": day.isoformat(),
        "weights": asdict(weights),
        "suggestions": [s.to_dict(lang) for s in found],
    }


def _csv_row(rank: int, suggestion: Any, lang: str) -> dict[str, Any]:
    c = suggestion.candidate
    return {
        "rank": rank,
        "id": c.id,
        "name": c.name,
        "kind": c.kind.value,
        "area": c.area,
        "score": round(suggestion.score, 4),
        **{k: round(v, 4) for k, v in suggestion.components.items()},
        "reasons": [r.text(lang) for r in suggestion.reasons],
    }


def _number(value: float) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if current_lang() == "id" else text


def _weight(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if current_lang() == "id" else text


def _kind(actor: Any, lang: str) -> str:
    """The kind in words; a village as a desa or a kelurahan."""
    if hasattr(actor, "is_kelurahan"):
        return t("cli_suggest.kelurahan" if actor.is_kelurahan else "cli_suggest.desa")
    return actor.kind.label(lang)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _text(
    net: Any, actor: Any, scope: str | None, day: date, kind: str | None, need: str | None, weights: Any,
    found: list[Any], lang: str,
) -> str:
    from jejaring.gazetteer import gazetteer
    from jejaring.vocab import ActorKind, Resource

    described = f"{actor.name} ({_kind(actor, lang)}, {actor.id})"
    lines = [t("cli_suggest.title", actor=described)]
    where = gazetteer().describe(scope) if scope else None
    lines.append(t("cli_suggest.scope", area=where, day=day.isoformat()) if where else
                 t("cli_suggest.scope_all", day=day.isoformat()))
    if kind:
        lines.append(t("cli_suggest.only_kind", kind=ActorKind.parse(kind).label(lang)))
    if need:
        lines.append(t("cli_suggest.only_need", need=Resource.parse(need).label(lang)))
    lines.append("")
    village = net.actors.get(getattr(actor, "village", actor.id))
    if not found:
        kelurahan = getattr(village, "is_kelurahan", False)
        asked_kades = kind is not None and ActorKind.parse(kind) is ActorKind.VILLAGE_HEAD
        key = "cli_suggest.kelurahan_no_kades" if kelurahan and asked_kades else "cli_suggest.none"
        lines += _wrap(t(key, actor=village.name if village is not None else actor.name), "", "")
    width = len(str(len(found)))
    for rank, suggestion in enumerate(found, 1):
        c = suggestion.candidate
        head = f"{rank:>{width}}. "
        if c.kind is ActorKind.VILLAGE_HEAD:
            who = t("cli_suggest.kades", name=c.name, village=net.name(c.area))
        else:
            who = f"{c.name} ({_kind(net.actors[c.id], lang)})"
        lines += _wrap(t("cli_suggest.line", who=who, score=_number(suggestion.score)), head, " " * len(head))
        for reason in suggestion.reasons:
            lines += _wrap(reason.text(lang), " " * len(head) + "- ", " " * (len(head) + 2))
    lines.append("")
    note = t(
        "cli_suggest.note",
        network=_weight(weights.network),
        index=t(f"cli_suggest.index.{weights.index}"),
        complementarity=_weight(weights.complementarity),
        peer_learning=_weight(weights.peer_learning),
        proximity=_weight(weights.proximity),
    )
    lines += _wrap(note, "", "")
    return "\n".join(lines)


COMMANDS = [suggest_command]
