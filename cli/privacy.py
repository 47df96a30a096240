"""The ``forget`` command: remove a person's personal data from the workspace on request."""

from __future__ import annotations

import sys
from typing import Any

import click

from jejaring.i18n import current_lang, t
from jejaring_cli.options import opened, workspace_option

__all__ = ["COMMANDS", "forget_command"]


def _interactive() -> bool:
    """True when a person at a terminal can answer a question."""
    return sys.stdin.isatty()


def _what(erasure: Any, kinds: dict[str, Any]) -> str:
    """The kind of record in words: the actor's kind, or tie or meeting."""
    if erasure.record_type == "actors":
        return kinds[erasure.record_id].kind.label(current_lang())
    return t(f"privacy.record.{erasure.record_type}")


def _echo_plan(plan: Any, where: str) -> None:
    from jejaring.io.columns import header_of
    from jejaring.privacy import PLACEHOLDER

    kinds = {actor.id: actor for actor in plan.batch.actors}
    click.echo(t("cli_privacy.plan", person=plan.person, path=where))
    for erasure in plan.erasures:
        fields = ", ".join(header_of(erasure.record_type, name) for name in erasure.fields)
        reason = t(f"privacy.reason.{erasure.reason}")
        kind = _what(erasure, kinds)
        what = f"({kind})" if erasure.name == erasure.record_id else f"{erasure.name} ({kind})"
        click.echo(t("cli_privacy.line", id=erasure.record_id, record=what, reason=reason, fields=fields))
    click.echo(t("cli_privacy.placeholder", placeholder=PLACEHOLDER))
    click.echo(t("cli_privacy.outside"))


@click.command("forget", help=t("cli_privacy.help"))
@click.argument("person")
@workspace_option
@click.option("--yes", "-y", "yes", is_flag=True, help=t("cli_privacy.opt_yes"))
def forget_command(person: str, workspace: str, yes: bool) -> None:
    from jejaring import privacy
    from jejaring.errors import JejaringError

    with opened(workspace) as ws:
        plan = privacy.erasure_plan(ws.store, person)
        where = str(ws.path or ws.store.url)
        if not plan.erasures:
            privacy.forget(ws.store, plan)
            click.echo(t("cli_privacy.nothing", path=where, person=plan.person))
            return
        _echo_plan(plan, where)
        if not yes:
            if not _interactive():
                raise JejaringError("cli_privacy.need_yes")
            if not click.confirm(t("cli_privacy.confirm"), default=False):
                click.echo(t("cli_privacy.aborted"))
                return
        changes = privacy.forget(ws.store, plan)
    click.echo(t("cli_privacy.done", count=changes.total("updated")))


COMMANDS = [forget_command]
