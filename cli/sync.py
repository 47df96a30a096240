"""The ``push`` and ``pull`` commands: copy the workspace to a shared store, or an area from it.

The login to a Neo4j server comes from the environment or the login file (see
:mod:`jejaring.store.neo4j`), never from an option, so no password is ever typed on the
command line or printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from jejaring.i18n import t
from jejaring_cli.options import contacts_option, opened, quiet_option, workspace_option
from jejaring_cli.render import changes_report

__all__ = ["COMMANDS", "push_command", "pull_command"]

F = TypeVar("F", bound=Callable[..., Any])


def _batch_option(f: F) -> F:
    from jejaring.sync import BATCH_SIZE

    return click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=BATCH_SIZE,
        show_default=True,
        help=t("cli_sync.opt_batch_size"),
    )(f)


def _where(ws: Any) -> str:
    """How to name a workspace or store in a sentence: its folder, else its address."""
    return str(ws.path) if ws.path is not None else ws.store.url


def _copy(
    source: Any, target: Any, *, area: str | None, size: int, quiet: bool, include_personal: bool = True
) -> tuple[Any, int]:
    """Copy and return (changes, batches written); after a failure, say how far the copy got.

    A progress line counts the records copied; the whole store's size gives the time left.
    """
    from jejaring.errors import JejaringError
    from jejaring.progress import Progress
    from jejaring.sync import copy

    written = 0
    total = sum(source.counts().values()) if area is None else None
    with Progress(t("progress.copy"), total=total, quiet=quiet) as progress:

        def count(batch: Any, changes: Any) -> None:
            nonlocal written
            written += 1
            progress.advance(len(batch))

        try:
            changes = copy(source, target, area=area, size=size, include_personal=include_personal, on_batch=count)
        except JejaringError:
            progress.close()
            if written:
                click.echo(t("cli_sync.interrupted", batches=written), err=True)
            raise
    return changes, written


def _report(changes: Any, batches: int, size: int) -> None:
    click.echo(t("cli_sync.batches", batches=batches, size=size))
    click.echo(changes_report(changes))


def _scope(ws: Any, kecamatan: str | None, kabupaten: str | None, everything: bool) -> str | None:
    """The Kemendagri code to pull: the kecamatan or kabupaten named, else the workspace's kecamatan."""
    from jejaring.errors import JejaringError
    from jejaring.gazetteer import gazetteer

    if sum([kecamatan is not None, kabupaten is not None, everything]) > 1:
        raise JejaringError("cli_sync.one_scope")
    if kecamatan is not None:
        return gazetteer().resolve(kecamatan, level="district").code
    if kabupaten is not None:
        return gazetteer().resolve(kabupaten, level="regency").code
    if everything or ws.kecamatan is None:
        return None
    return ws.kecamatan.code


@click.command("push", help=t("cli_sync.push_help"))
@click.option("--to", "target", required=True, metavar="URL", help=t("cli_sync.opt_to"))
@workspace_option
@_batch_option
@quiet_option
@contacts_option
def push_command(target: str, workspace: str, batch_size: int, quiet: bool, include_contacts: bool) -> None:
    with opened(workspace) as ws, opened(target) as other:
        changes, batches = _copy(
            ws.store, other.store, area=None, size=batch_size, quiet=quiet, include_personal=include_contacts
        )
        click.echo(t("cli_sync.pushed", source=_where(ws), target=_where(other)))
    _report(changes, batches, batch_size)


@click.command("pull", help=t("cli_sync.pull_help"))
@click.option("--from", "source", required=True, metavar="URL", help=t("cli_sync.opt_from"))
@click.option("--kecamatan", default=None, help=t("cli_sync.opt_kecamatan"))
@click.option("--kabupaten", default=None, help=t("cli_sync.opt_kabupaten"))
@click.option("--all", "everything", is_flag=True, help=t("cli_sync.opt_all"))
@workspace_option
@_batch_option
@quiet_option
def pull_command(
    source: str,
    kecamatan: str | None,
    kabupaten: str | None,
    everything: bool,
    workspace: str,
    batch_size: int,
    quiet: bool,
) -> None:
    from jejaring.gazetteer import gazetteer

    with opened(workspace) as ws:
        area = _scope(ws, kecamatan, kabupaten, everything)
        with opened(source) as other:
            changes, batches = _copy(other.store, ws.store, area=area, size=batch_size, quiet=quiet)
            scope = gazetteer().describe(area) if area is not None else t("cli_sync.everything")
            click.echo(t("cli_sync.pulled", scope=scope, source=_where(other), target=_where(ws)))
    _report(changes, batches, batch_size)


COMMANDS = [push_command, pull_command]
