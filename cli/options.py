"""Options shared by many commands, each one decorator (as sqlite-utils does it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click

from jejaring.i18n import t
from jejaring_cli.render import FORMATS

__all__ = [
    "workspace_option",
    "format_option",
    "quiet_option",
    "contacts_option",
    "scope_options",
    "opened",
    "resolve_scope",
    "DateType",
    "resolve_village",
    "network_options",
    "scoped_network",
]

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(f: F) -> F:
    """``-w/--workspace`` (alias ``--store``): the workspace folder or a store URL such as
    ``bolt://host:7687`` (``JEJARING_WORKSPACE``, default ``.``)."""
    return click.option(
        "-w",
        "--workspace",
        "--store",
        "workspace",
        envvar="JEJARING_WORKSPACE",
        default=".",
        show_default=True,
        help=t("cli.opt.workspace"),
    )(f)


def quiet_option(f: F) -> F:
    """``-q/--quiet``: no progress line (``JEJARING_QUIET``); one is drawn only on a terminal anyway."""
    return click.option("-q", "--quiet", is_flag=True, envvar="JEJARING_QUIET", help=t("progress.opt_quiet"))(f)


def format_option(f: F) -> F:
    """``--format table|json|csv``."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=t("cli.opt.format")
    )(f)


def contacts_option(f: F) -> F:
    """``--include-contacts``: show personal data (phone numbers, e-mail, contact names)."""
    return click.option("--include-contacts", is_flag=True, help=t("cli.opt.include_contacts"))(f)


def scope_options(f: F) -> F:
    """``--kecamatan`` and ``--village``: limit to an area, by name or Kemendagri code."""
    f = click.option("--village", "village", default=None, help=t("cli.opt.village"))(f)
    return click.option("--kecamatan", "kecamatan", default=None, help=t("cli.opt.kecamatan"))(f)


class DateType(click.ParamType):
    """A date written ``dd/mm/yyyy`` or ``yyyy-mm-dd``."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from jejaring.model import parse_date

        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            self.fail(t("cli.bad_date", value=value), param, ctx)
        return day


@contextmanager
def opened(location: str) -> Iterator[Any]:
    """Open the workspace at ``location`` for the length of a command."""
    import jejaring.workspace

    with jejaring.workspace.open(location) as ws:
        yield ws


def resolve_scope(ws: Any, kecamatan: str | None, village: str | None) -> str | None:
    """The Kemendagri code that ``--kecamatan``/``--village`` name (``--village`` wins), or ``None``."""
    from jejaring.gazetteer import gazetteer

    if village:
        return resolve_village(ws, village)
    if kecamatan:
        return gazetteer().resolve(kecamatan, level="district").code
    return None


def resolve_village(ws: Any, text: str) -> str:
    """A village code from a code or a name, preferring villages in the workspace."""
    from jejaring.errors import JejaringError
    from jejaring.gazetteer import gazetteer
    from jejaring.vocab import ActorKind, normalize_label

    if ws.store.actor(text.strip()) is not None:
        return text.strip()
    wanted = normalize_label(text)
    matches = [
        v for v in ws.store.actors(kinds=[ActorKind.VILLAGE], name=text) if normalize_label(v.name) == wanted
    ]
    if len(matches) == 1:
        return matches[0].code
    if len(matches) > 1:
        raise JejaringError(
            "cli.ambiguous_village",
            text=text,
            candidates="\n".join(f"  {v.code}  {gazetteer().describe(v.code)}" for v in matches),
        )
    return gazetteer().resolve(text, level="village").code


def network_options(f: F) -> F:
    """Scope and date of an analysis: ``--kabupaten``, ``--kecamatan``, ``--village``, ``--at``, ``--quarter``."""
    f = click.option("--quarter", default=None, help=t("cli.opt.analysis_quarter"))(f)
    f = click.option("--at", "at", type=DateType(), default=None, help=t("cli.opt.analysis_at"))(f)
    f = scope_options(f)
    return click.option("--kabupaten", "kabupaten", default=None, help=t("cli.opt.kabupaten"))(f)


def scoped_network(
    ws: Any,
    *,
    kabupaten: str | None = None,
    kecamatan: str | None = None,
    village: str | None = None,
    at: date | None = None,
    quarter: str | None = None,
) -> Any:
    """The Network an analysis command works on.

    The area is the village, kecamatan or kabupaten named (by name or code), else the
    workspace's kecamatan, else everything in the store. The view is the quarter named, else
    the day ``at``, else today: a tie counts only while it is in force.
    """
    from jejaring.errors import JejaringError
    from jejaring.gazetteer import gazetteer
    from jejaring.periods import Quarter

    if kabupaten and not (kecamatan or village):
        area: str | None = gazetteer().resolve(kabupaten, level="regency").code
    else:
        area = resolve_scope(ws, kecamatan, village)
    if area is None and ws.kecamatan is not None:
        area = ws.kecamatan.code
    net = ws.network(area=area)
    if quarter:
        try:
            return net.quarter(Quarter.parse(quarter))
        except ValueError:
            raise JejaringError("cli.bad_quarter", value=quarter) from None
    return net.at(at or date.today())
