"""Commands that make a workspace and move data in and out: init, import, ls, show, export, demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import (
    quiet_option,
    DateType,
    contacts_option,
    format_option,
    opened,
    resolve_scope,
    scope_options,
    workspace_option,
)
from jejaring_cli.render import changes_report, render

__all__ = ["COMMANDS"]


def _label(value: Any) -> str:
    return value.label(current_lang()) if value is not None else ""


def _kind(actor: Any) -> str:
    """The actor's kind in words; a village is called a desa or a kelurahan."""
    if actor.kind.value == "village":
        return t("cli.kind.kelurahan") if actor.is_kelurahan else t("cli.kind.desa")
    return _label(actor.kind)


def _readable(value: Any) -> str:
    """A field value in words: vocabulary labels in the current language, lists joined."""
    from jejaring.vocab import Vocabulary

    if isinstance(value, list):
        return "; ".join(_readable(v) for v in value)
    return _label(value) if isinstance(value, Vocabulary) else str(value)


def _public(record: Any, include_contacts: bool) -> dict[str, Any]:
    from jejaring.model import strip_personal

    return (record if include_contacts else strip_personal(record)).model_dump(mode="json")


@click.command("init", help=t("cli.init.help"))
@click.argument("workspace", type=click.Path(file_okay=False, path_type=Path))
@click.option("--kecamatan", help=t("cli.init.opt_kecamatan"))
@click.option("--scale", help=t("cli.init.opt_scale"))
def init_command(workspace: Path, kecamatan: str | None, scale: str | None) -> None:
    import jejaring.workspace
    from jejaring.gazetteer import gazetteer
    from jejaring.progress import grouped
    from jejaring_cli.synth import parse_scale

    if (kecamatan is None) == (scale is None):
        raise click.UsageError(t("cli.init.one_scope"))
    area = parse_scale(scale) if scale is not None else None
    with jejaring.workspace.init(workspace, kecamatan=kecamatan, area=area, lang=current_lang()) as ws:
        code = ws.kecamatan.code if ws.kecamatan else area
        where = gazetteer().describe(code) if code else t("cli_synth.national")
        click.echo(t("cli.init.done", path=str(workspace), area=where, code=code or "ID"))
        click.echo(t("cli.init.villages", count=grouped(ws.store.counts().get("village", 0))))
        templates = workspace / jejaring.workspace.TEMPLATE_DIRS[current_lang()]
        click.echo(t("cli.init.templates", path=str(templates)))


@click.command("import", help=t("cli.import.help"))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_option
@quiet_option
def import_command(files: tuple[Path, ...], workspace: str, quiet: bool) -> None:
    from jejaring.io.importer import import_files
    from jejaring.progress import Progress, grouped

    with opened(workspace) as ws, Progress(t("progress.read", table=files[0].name), quiet=quiet) as progress:

        def step(name: str, table: str, count: int) -> None:
            if name == "read":
                progress.restart(t("progress.read", table=table), total=count)
            elif name == "rows":
                progress.update(count)
            else:
                progress.restart(t(f"progress.{name}", count=grouped(count)))

        changes = import_files(ws.store, files, on_step=step)
    click.echo(t("cli.import.done", files=len(files)))
    click.echo(changes_report(changes))


def _actor_row(actor: Any, village_names: dict[str, str]) -> dict[str, Any]:
    """A listing row; the area of a village is its kecamatan, of others their village or region."""
    from jejaring.gazetteer import gazetteer

    area = actor.area_code
    if actor.kind.value == "village":
        area = area.rsplit(".", 1)[0]
    where = village_names.get(area) or (gazetteer().describe(area).split(",")[0] if area else "")
    return {"id": actor.id, "kind": _kind(actor), "name": actor.name, "area": where}


@click.group("ls", help=t("cli.ls.help"))
def ls_group() -> None:
    pass


@ls_group.command("actors", help=t("cli.ls.actors_help"))
@click.option("--kind", "kinds", multiple=True, help=t("cli.opt.kind"))
@scope_options
@workspace_option
@format_option
@contacts_option
def ls_actors(
    kinds: tuple[str, ...], kecamatan: str | None, village: str | None, workspace: str, fmt: str, include_contacts: bool
) -> None:
    from jejaring.vocab import ActorKind

    with opened(workspace) as ws:
        area = resolve_scope(ws, kecamatan, village)
        actors = ws.store.actors(kinds=[_parse(ActorKind, k, "--kind") for k in kinds] or None, area=area)
        villages = sorted({a.area_code for a in actors if a.kind in (ActorKind.VILLAGE_HEAD, ActorKind.INSTITUTION)})
        names = {v.id: v.name for v in ws.store.actors(ids=villages)} if villages else {}
    rows = [_actor_row(a, names) for a in actors]
    columns = [("id", "ID"), ("kind", t("cli.col.kind")), ("name", t("cli.col.name")), ("area", t("cli.col.area"))]
    click.echo(render(fmt, rows=rows, columns=columns, records=[_public(a, include_contacts) for a in actors]))


@ls_group.command("ties", help=t("cli.ls.ties_help"))
@click.option("--kind", "kinds", multiple=True, help=t("cli.opt.tie_kind"))
@click.option("--actor", default=None, help=t("cli.opt.actor"))
@click.option("--at", "at", type=DateType(), default=None, help=t("cli.opt.at"))
@scope_options
@workspace_option
@format_option
def ls_ties(
    kinds: tuple[str, ...],
    actor: str | None,
    at: date | None,
    kecamatan: str | None,
    village: str | None,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.vocab import TieKind

    with opened(workspace) as ws:
        area = resolve_scope(ws, kecamatan, village)
        actor_id = _find_actor(ws, actor).id if actor else None
        ties = ws.store.ties(kinds=[_parse(TieKind, k, "--kind") for k in kinds] or None, area=area, actor=actor_id, at=at)
        names = {a.id: a.name for a in ws.store.actors(ids=sorted({t.source for t in ties} | {t.target for t in ties}))}
    rows = [
        {
            "id": tie.id,
            "kind": _label(tie.kind),
            "source": names.get(tie.source, tie.source),
            "target": names.get(tie.target, tie.target),
            "since": tie.since,
            "until": tie.until,
        }
        for tie in ties
    ]
    columns = [
        ("kind", t("cli.col.kind")),
        ("source", t("cli.col.source")),
        ("target", t("cli.col.target")),
        ("since", t("cli.col.since")),
        ("until", t("cli.col.until")),
        ("id", "ID"),
    ]
    click.echo(render(fmt, rows=rows, columns=columns, records=[tie.model_dump(mode="json") for tie in ties]))


@ls_group.command("meetings", help=t("cli.ls.meetings_help"))
@click.option("--type", "types", multiple=True, help=t("cli.opt.meeting_type"))
@click.option("--from", "start", type=DateType(), default=None, help=t("cli.opt.from"))
@click.option("--to", "end", type=DateType(), default=None, help=t("cli.opt.to"))
@click.option("--quarter", default=None, help=t("cli.opt.quarter"))
@scope_options
@workspace_option
@format_option
def ls_meetings(
    types: tuple[str, ...],
    start: date | None,
    end: date | None,
    quarter: str | None,
    kecamatan: str | None,
    village: str | None,
    workspace: str,
    fmt: str,
) -> None:
    from jejaring.vocab import MeetingType

    if quarter:
        start, end = _quarter_bounds(quarter)
    with opened(workspace) as ws:
        area = resolve_scope(ws, kecamatan, village)
        meetings = ws.store.meetings(
            types=[_parse(MeetingType, k, "--type") for k in types] or None, area=area, start=start, end=end
        )
        villages = {m.village for m in meetings if m.village}
        names = {a.id: a.name for a in ws.store.actors(ids=sorted(villages))} if villages else {}
    rows = [
        {
            "id": m.id,
            "type": _label(m.type),
            "date": m.date,
            "village": names.get(m.village or "", m.village),
            "attendees": len(m.attendees),
            "title": m.title,
        }
        for m in meetings
    ]
    columns = [
        ("date", t("cli.col.date")),
        ("type", t("cli.col.meeting_type")),
        ("village", t("cli.col.village")),
        ("attendees", t("cli.col.attendees")),
        ("id", "ID"),
    ]
    click.echo(render(fmt, rows=rows, columns=columns, records=[m.model_dump(mode="json") for m in meetings]))


@click.command("show", help=t("cli.show.help"))
@click.argument("actor")
@workspace_option
@format_option
@contacts_option
def show_command(actor: str, workspace: str, fmt: str, include_contacts: bool) -> None:
    from jejaring.model import strip_personal

    with opened(workspace) as ws:
        record = _find_actor(ws, actor)
        ties = ws.store.ties(actor=record.id)
        others = {a.id: a for a in ws.store.actors(ids=sorted({t.source for t in ties} | {t.target for t in ties}))}
        is_village = record.kind.value == "village"
        meetings = ws.store.meetings(area=record.id) if is_village else ws.store.meetings(attendee=record.id)
    shown = record if include_contacts else strip_personal(record)
    today = date.today()
    tie_rows = []
    for tie in ties:
        partner = others[tie.target if tie.source == record.id else tie.source]
        tie_rows.append(
            {
                "kind": _label(tie.kind),
                "partner": partner.name,
                "partner_kind": _kind(partner),
                "since": tie.since,
                "until": tie.until,
                "in_force": t("common.yes") if tie.in_force(today) else t("common.no"),
            }
        )
    if fmt == "json":
        from jejaring_cli.render import to_json

        payload = {
            "actor": shown.model_dump(mode="json"),
            "ties": [tie.model_dump(mode="json") for tie in ties],
            "meetings": [m.id for m in meetings],
        }
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        click.echo(render("csv", rows=tie_rows, columns=[], records=tie_rows))
        return
    from jejaring.io.columns import header_of

    click.echo(f"{record.name} ({_kind(record)}, {record.id})")
    for key in type(shown).model_fields:
        value = getattr(shown, key)
        if key not in ("id", "name", "kind") and value not in (None, []):
            click.echo(f"  {header_of('actors', key)}: {_readable(value)}")
    click.echo("")
    click.echo(t("cli.show.ties", count=len(ties)))
    if tie_rows:
        columns = [
            ("kind", t("cli.col.kind")),
            ("partner", t("cli.col.partner")),
            ("partner_kind", t("cli.col.partner_kind")),
            ("since", t("cli.col.since")),
            ("until", t("cli.col.until")),
            ("in_force", t("cli.col.in_force")),
        ]
        click.echo(render("table", rows=tie_rows, columns=columns))
    last = f" ({t('cli.show.last_meeting', date=meetings[-1].date)})" if meetings else ""
    key = "cli.show.meetings_held" if is_village else "cli.show.meetings"
    click.echo(t(key, count=len(meetings)) + last)


@click.command("export", help=t("cli.export.help"))
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv"]), required=True, help=t("cli.export.opt_format")
)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help=t("cli.export.opt_out"))
@workspace_option
@contacts_option
def export_command(fmt: str, out: Path, workspace: str, include_contacts: bool) -> None:
    from jejaring.io.export import export

    with opened(workspace) as ws:
        written = export(ws.store, out, format=fmt, include_personal=include_contacts)
    for path in written:
        click.echo(t("cli.export.done", path=str(path)))


@click.command("demo", help=t("cli.demo.help"))
@click.argument("workspace", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=2024, show_default=True, help=t("cli.demo.opt_seed"))
def demo_command(workspace: Path | None, seed: int) -> None:
    import tempfile

    import jejaring.workspace
    from jejaring import synth

    target = workspace or Path(tempfile.mkdtemp(prefix="jejaring-demo-")) / "bangunrejo"
    with jejaring.workspace.init(target, kecamatan=synth.DEMO_KECAMATAN, lang=current_lang(), batch=synth.demo(seed=seed)) as ws:
        net = ws.network()
        kecamatan = ws.kecamatan
    from jejaring.gazetteer import gazetteer

    click.echo(t("cli.demo.done", path=str(target), area=gazetteer().describe(kecamatan.code)))
    click.echo(t("cli.demo.synthetic"))
    click.echo("")
    _echo_summary(net)
    click.echo("")
    click.echo(t("cli.demo.next", path=str(target)))


def _echo_summary(net: Any) -> None:
    from jejaring.vocab import ActorKind, MeetingType, TieKind

    summary = net.summary()
    sections = (("actors", ActorKind), ("ties", TieKind), ("meetings", MeetingType))
    rows = {s: sorted(summary[s].items(), key=lambda kv: (-kv[1], kv[0])) for s, _ in sections}
    width = max(len(vocab(code).label(current_lang())) for s, vocab in sections for code, _ in rows[s])
    for section, vocab in sections:
        click.echo(t(f"cli.summary.{section}", total=sum(summary[section].values())))
        for code, n in rows[section]:
            click.echo(f"  {vocab(code).label(current_lang()):<{width}}  {n:>6}")
    if net.meetings:
        click.echo(t("cli.summary.period", start=net.meetings[0].date, end=net.meetings[-1].date))


def _find_actor(ws: Any, text: str) -> Any:
    from jejaring.errors import JejaringError
    from jejaring.vocab import normalize_label

    record = ws.store.actor(text.strip())
    if record is not None:
        return record
    matches = ws.store.actors(name=text)
    exact = [a for a in matches if normalize_label(a.name) == normalize_label(text)]
    chosen = exact or matches
    if len(chosen) == 1:
        return chosen[0]
    if not chosen:
        raise JejaringError("cli.no_actor", text=text)
    listing = "\n".join(f"  {a.id}  {a.name} ({_label(a.kind)})" for a in chosen[:20])
    raise JejaringError("cli.ambiguous_actor", text=text, candidates=listing)


def _parse(vocab: Any, text: str, option: str) -> Any:
    from jejaring.errors import JejaringError

    try:
        return vocab.parse(text)
    except ValueError:
        choices = ", ".join(m.value for m in vocab)
        raise JejaringError("cli.bad_choice", option=option, value=text, choices=choices) from None


def _quarter_bounds(text: str) -> tuple[date, date]:
    from jejaring.errors import JejaringError
    from jejaring.periods import Quarter

    try:
        q = Quarter.parse(text)
    except ValueError:
        raise JejaringError("cli.bad_quarter", value=text) from None
    return q.start, q.end


COMMANDS = [init_command, import_command, ls_group, show_command, export_command, demo_command]
