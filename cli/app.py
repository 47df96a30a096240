"""The click group: global options, error handling, and the commands of every module."""

from __future__ import annotations

from typing import Any

import click

from jejaring.errors import JejaringError
from jejaring.i18n import LANGS, set_lang, t

__all__ = ["cli"]


class Failure(click.ClickException):
    """A failure told in one sentence after a translated "Error:" and exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"{t('cli.error')}: {self.format_message()}", file=file, err=file is None)


class JejaringGroup(click.Group):
    """A group that turns library errors into one sentence and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JejaringError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise Failure(str(error)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise Failure(t("cli.unexpected", error=f"{type(error).__name__}: {error}")) from None


@click.group(cls=JejaringGroup, help=t("cli.help"), context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help=t("cli.opt.lang"),
)
@click.option("--debug", is_flag=True, help=t("cli.opt.debug"))
@click.version_option(package_name="jejaring", prog_name="jejaring", help=t("cli.opt.version"))
@click.help_option("-h", "--help", help=t("cli.opt.help"))
@click.pass_context
def cli(ctx: click.Context, lang: str | None, debug: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if lang:
        set_lang(lang)


COMMAND_MODULES = ("data", "stats", "gaps", "coordination", "suggest", "plan", "evaluate", "map", "report", "sync", "query", "privacy", "synth")


def _register() -> None:
    from importlib import import_module

    for name in COMMAND_MODULES:
        for command in import_module(f"jejaring_cli.{name}").COMMANDS:
            cli.add_command(command)


_register()
