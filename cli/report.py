"""The ``report`` command: the kecamatan report as one HTML or PDF file, in Bahasa Indonesia by default.

The report's language is the one the user chose (``--lang``, anywhere on the line, or
``JEJARING_LANG``), else Indonesian, whatever the system locale says: the report is written
for a kecamatan office, while the locale is the computer's. The global ``--lang`` reaches the
group (``jejaring_cli.main`` passes it on), so the command reads it there.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from jejaring.i18n import LANGS, t
from jejaring_cli.options import contacts_option, network_options, opened, scoped_network, workspace_option

__all__ = ["COMMANDS", "DEFAULT_LANG", "report_lang", "report_command"]

DEFAULT_LANG = "id"
"""The report's language when the user chose none."""


def report_lang(ctx: click.Context, environ: dict[str, str] | None = None) -> str:
    """The report's language: the group's ``--lang``, else ``JEJARING_LANG``, else :data:`DEFAULT_LANG`.

    >>> report_lang(click.Context(click.Command("jejaring"), obj={}), {"JEJARING_LANG": "en"})
    'en'
    >>> report_lang(click.Context(click.Command("jejaring"), obj={}), {"LANG": "en_US.UTF-8"})
    'id'
    """
    given = ctx.find_root().params.get("lang")
    if given in LANGS:
        return given
    chosen = (os.environ if environ is None else environ).get("JEJARING_LANG", "").strip().lower()
    return chosen if chosen in LANGS else DEFAULT_LANG


@click.command("report", help=t("cli_report.help"))
@network_options
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=t("cli_report.opt_out"))
@click.option("--budget", type=click.IntRange(min=1), default=5, show_default=True, help=t("cli_report.opt_budget"))
@click.option("--top", type=click.IntRange(min=1), default=3, show_default=True, help=t("cli_report.opt_top"))
@click.option("--villages", type=click.IntRange(min=1), default=3, show_default=True,
              help=t("cli_report.opt_villages"))
@contacts_option
@workspace_option
@click.pass_context
def report_command(
    ctx: click.Context,
    kabupaten: str | None,
    kecamatan: str | None,
    village: str | None,
    at: date | None,
    quarter: str | None,
    out: Path,
    budget: int,
    top: int,
    villages: int,
    include_contacts: bool,
    workspace: str,
) -> None:
    from jejaring.periods import Quarter
    from jejaring.report import write
    from jejaring.vocab import ActorKind

    lang = report_lang(ctx)
    with opened(workspace) as ws:
        net = scoped_network(ws, kabupaten=kabupaten, kecamatan=kecamatan, village=village, at=at, quarter=quarter)
        organisations = ws.store.actors(
            kinds=[ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT]
        )
    written = write(net, out, lang=lang, include_contacts=include_contacts, budget=budget, top=top,
                     villages=villages, quarter=Quarter.parse(quarter) if quarter else None, partners=organisations)
    size = max(1, round(written.stat().st_size / 1024))
    click.echo(t("cli_report.written", path=str(written), size=size))


COMMANDS = [report_command]
