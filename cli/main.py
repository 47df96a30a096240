"""The ``jejaring`` command: a thin layer over the library, in Bahasa Indonesia or English.

The language is fixed before the commands are built, so help texts follow ``--lang`` too;
library imports happen inside the commands so that ``jejaring --help`` starts at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from jejaring.i18n import LANGS, detect_lang, set_lang

__all__ = ["main", "language_from_args"]


def language_from_args(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """Split ``--lang X`` (or ``--lang=X``) from the arguments, wherever it stands.

    >>> language_from_args(["ls", "actors", "--lang", "en"])
    ('en', ['ls', 'actors'])
    >>> language_from_args(["--lang=id", "demo"]), language_from_args(["demo"])
    (('id', ['demo']), (None, ['demo']))
    """
    lang, rest, i = None, [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 1
        else:
            rest.append(arg)
        i += 1
    return lang, rest


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``jejaring`` console script).

    ``--lang`` may stand anywhere on the line; it is applied before the commands are built so
    that their help texts are in that language too.
    """
    lang, args = language_from_args(list(sys.argv[1:] if argv is None else argv))
    if lang is not None and lang not in LANGS:
        args = ["--lang", lang, *args]  # let click report the bad choice
        lang = None
    set_lang(lang or detect_lang())
    from jejaring_cli.app import cli

    try:
        cli.main(args=([f"--lang={lang}"] if lang else []) + args, prog_name="jejaring")
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
