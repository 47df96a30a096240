"""The ``query`` command: run a named Cypher query on a Neo4j store and print its rows."""

from __future__ import annotations

import textwrap
from typing import Any

import click

from jejaring.i18n import catalogue, current_lang, t
from jejaring_cli.options import format_option, workspace_option
from jejaring_cli.render import render, to_csv, to_json

__all__ = ["COMMANDS", "query_command", "settings"]

WIDTH = 100


def settings(given: tuple[str, ...]) -> dict[str, str]:
    """The ``--param NAME=VALUE`` texts by name; each name once.

    >>> settings(("area=18.02.02", "date = 31/12/2024"))
    {'area': '18.02.02', 'date': '31/12/2024'}
    """
    from jejaring.errors import JejaringError

    found: dict[str, str] = {}
    for text in given:
        name, equals, value = text.partition("=")
        name = name.strip()
        if not equals or not name:
            raise JejaringError("cli_query.bad_setting", text=text)
        if name in found:
            raise JejaringError("cli_query.repeated", name=name)
        found[name] = value.strip()
    return found


@click.command("query", help=t("cli_query.help"))
@click.argument("name", required=False)
@click.option("--param", "given", multiple=True, metavar="NAME=VALUE", help=t("cli_query.opt_param"))
@click.option("--list", "listing", is_flag=True, help=t("cli_query.opt_list"))
@click.option("--show", is_flag=True, help=t("cli_query.opt_show"))
@workspace_option
@format_option
def query_command(name: str | None, given: tuple[str, ...], listing: bool, show: bool, workspace: str, fmt: str) -> None:
    from jejaring import queries
    from jejaring.errors import JejaringError

    if listing:
        click.echo(_listing([queries.load(n) for n in queries.names()], fmt))
        return
    if not name:
        raise JejaringError("cli_query.name_needed")
    query = queries.load(name)
    if show:
        click.echo(query.text.rstrip())
        return
    values = query.bind(settings(given))
    click.echo(_rows(query, queries.run(workspace, query, values), fmt))


def _declared(query: Any) -> str:
    return ", ".join(p.declared() for p in query.parameters) or t("cli_query.no_parameters")


def _listing(found: list[Any], fmt: str) -> str:
    lang = current_lang()
    if fmt == "json":
        return to_json([
            {
                "name": q.name,
                "summary": q.summary(lang),
                "parameters": [
                    {"name": p.name, "type": p.type, "optional": p.optional, "choices": list(p.choices),
                     "description": p.description(lang)}
                    for p in q.parameters
                ],
            }
            for q in found
        ])
    if fmt == "csv":
        rows = [{"name": q.name, "summary": q.summary(lang), "parameters": _declared(q)} for q in found]
        return to_csv(rows, ["name", "summary", "parameters"])
    lines = [t("cli_query.list_title")]
    for q in found:
        lines += ["", q.name]
        lines += textwrap.wrap(q.summary(lang), width=WIDTH, initial_indent="  ", subsequent_indent="  ")
        lines += textwrap.wrap(t("cli_query.parameters", declared=_declared(q)), width=WIDTH,
                               initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines)


def _number(value: float) -> str:
    """A float in a table: at most four decimals, with a decimal comma in Indonesian."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if current_lang() == "id" else text


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return [_cell(v) for v in value]
    return value


def _heading(column: str) -> str:
    """A column's heading in the user's language where the catalogue has one, else its name."""
    return catalogue(current_lang()).get(f"cli_query.column.{column}", column)


def _rows(query: Any, result: Any, fmt: str) -> str:
    """JSON and CSV keep the query's column names and codes; the table reads in the user's language."""
    if fmt == "json":
        return to_json(result.rows)
    if fmt == "csv":
        return to_csv(result.rows, result.columns)
    if not result.rows:
        return t("cli_query.no_rows")
    shown = [{k: _cell(v) for k, v in row.items()} for row in query.labelled(result.rows)]
    grid = render("table", rows=shown, columns=[(c, _heading(c)) for c in result.columns])
    return f"{grid}\n\n{t('cli_query.rows', count=len(result.rows))}"


COMMANDS = [query_command]
