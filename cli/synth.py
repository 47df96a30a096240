"""The ``synth`` command: a synthetic network of all Indonesia, a province or a kabupaten.

The network comes from the demo's generator (:func:`jejaring.synth.generate_area`) and is
written one kecamatan at a time, never holding the country in memory. Each kecamatan is one
transaction, into a workspace folder being built beside the target: the folder takes its
name only once everything is written, so a failed or interrupted run leaves nothing behind.
With ``--csv`` the provinces are written as spreadsheets on every core
(:func:`jejaring.synth_files.write_spreadsheets`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jejaring.i18n import current_lang, t
from jejaring.progress import grouped
from jejaring_cli.options import quiet_option

if TYPE_CHECKING:
    from jejaring.synth_files import Totals

__all__ = ["COMMANDS", "synth_command", "parse_scale", "build_workspace"]

SCALES = {"province": "province", "kabupaten": "regency"}
"""Scale word -> gazetteer level; ``national`` stands alone."""


def parse_scale(text: str) -> str | None:
    """The Kemendagri code a ``--scale`` names (``None``: all Indonesia).

    >>> parse_scale("national"), parse_scale("kabupaten:18.72"), parse_scale("province:Lampung")
    (None, '18.72', '18')
    """
    from jejaring.errors import JejaringError
    from jejaring.gazetteer import gazetteer

    word, _, area = text.strip().partition(":")
    word = word.strip().lower()
    if word == "national" and not area:
        return None
    if word not in SCALES or not area.strip():
        raise JejaringError("cli_synth.bad_scale", value=text)
    return gazetteer().resolve(area.strip(), level=SCALES[word]).code  # type: ignore[arg-type]


def build_workspace(
    target: Path, code: str | None, *, seed: int, quarters: int, lang: str, on_villages: Callable[[int], None]
) -> Totals:
    """Write the synthetic network of ``code`` into a new workspace at ``target``.

    ``on_villages(n)`` hears of each batch's villages once it is written. The workspace has no
    kecamatan setting: it holds many.
    """
    import jejaring.workspace
    from jejaring import __version__, synth
    from jejaring.io.templates import write_templates
    from jejaring.store import open_store
    from jejaring.synth_files import Totals, villages_in

    totals, example = Totals(), None
    with jejaring.workspace.staged(target) as staging:
        with open_store(staging / jejaring.workspace.STORE_FILE, create=True) as store:
            for batch in synth.generate_area(code, seed=seed, quarters=quarters):
                store.write(batch)
                totals.add(batch)
                example = example or next((a.id for a in batch.actors if a.kind.value == "village"), None)
                on_villages(villages_in(batch))
            settings = {"created": date.today().isoformat(), "jejaring": __version__}
            store.set_settings(settings | {"synth": f"{code or 'national'} seed={seed} quarters={quarters}"})
        write_templates(staging / jejaring.workspace.TEMPLATE_DIRS[lang], lang=lang, example_village=example)
    return totals


@click.command("synth", help=t("cli_synth.help"))
@click.argument("workspace", type=click.Path(file_okay=False, path_type=Path))
@click.option("--scale", required=True, help=t("cli_synth.opt_scale"))
@click.option("--seed", type=int, default=2024, show_default=True, help=t("cli_synth.opt_seed"))
@click.option("--quarters", type=click.IntRange(min=1), default=8, show_default=True, help=t("cli_synth.opt_quarters"))
@click.option("--csv", "as_csv", is_flag=True, help=t("cli_synth.opt_csv"))
@quiet_option
def synth_command(workspace: Path, scale: str, seed: int, quarters: int, as_csv: bool, quiet: bool) -> None:
    from jejaring.gazetteer import gazetteer
    from jejaring.progress import Progress, duration
    from jejaring.synth_files import write_spreadsheets

    code = parse_scale(scale)
    villages = len(gazetteer().areas("village") if code is None else gazetteer().villages_of(code))
    started = time.monotonic()
    with Progress(t("progress.synth"), total=villages, quiet=quiet) as progress:
        if as_csv:
            totals = write_spreadsheets(workspace, code, seed=seed, quarters=quarters, on_villages=progress.advance)
        else:
            totals = build_workspace(
                workspace, code, seed=seed, quarters=quarters, lang=current_lang(), on_villages=progress.advance
            )
    area = gazetteer().describe(code) if code is not None else t("cli_synth.national")
    took = duration(time.monotonic() - started)
    click.echo(t("cli_synth.done_csv" if as_csv else "cli_synth.done", path=str(workspace), area=area, time=took))
    click.echo(t("cli_synth.synthetic"))
    if as_csv:
        files = " ".join(str(workspace / f"{kind}.csv") for kind in ("actors", "ties", "meetings"))
        click.echo(t("cli_synth.writing_csv", files=files))
    else:
        click.echo(t("cli_synth.writing", batches=grouped(totals.batches)))
    click.echo("")
    _echo_totals(totals)


def _echo_totals(totals: Totals) -> None:
    from jejaring.vocab import ActorKind, TieKind

    lang = current_lang()
    sections = [("actors", totals.actors, ActorKind), ("ties", totals.ties, TieKind)]
    labels = {(key, code): vocab(code).label(lang) for key, counts, vocab in sections for code in counts}
    width = max(map(len, labels.values()), default=0)
    for key, counts, _ in sections:
        click.echo(t(f"cli_synth.{key}", total=grouped(sum(counts.values()))))
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {labels[key, code]:<{width}}  {grouped(n):>9}")
    click.echo(t("cli_synth.meetings", total=grouped(totals.meetings)))
    click.echo(t("cli_synth.attendance", total=grouped(totals.attendance)))


COMMANDS = [synth_command]
