"""Messages in Bahasa Indonesia and English, one catalogue per language.

The catalogues are ``jejaring/locales/<lang>.toml``; a message is looked up by a dotted key
(``table.name``) and formatted with ``str.format`` parameters.

The language is chosen once per process (or per ``with use_lang(...)`` block): an explicit
choice, else ``JEJARING_LANG``, else the system locale (``id_*`` means Indonesian), else
English.

>>> with use_lang("id"):
...     t("common.yes")
'ya'
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tomllib
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGS", "t", "use_lang", "set_lang", "current_lang", "detect_lang", "catalogue"]

LANGS = ("id", "en")

_lang: contextvars.ContextVar[str | None] = contextvars.ContextVar("jejaring_lang", default=None)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Return the flat ``key -> template`` catalogue of ``lang``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    text = resources.files("jejaring.locales").joinpath(f"{lang}.toml").read_text("utf-8")
    flat: dict[str, str] = {}

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for name, value in table.items():
            key = f"{prefix}.{name}" if prefix else name
            if isinstance(value, Mapping):
                walk(key, value)
            else:
                flat[key] = str(value)

    walk("", tomllib.loads(text))
    return flat


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """Pick the language from ``JEJARING_LANG``, then the locale variables, then English.

    >>> detect_lang({"LANG": "id_ID.UTF-8"})
    'id'
    >>> detect_lang({"JEJARING_LANG": "en", "LANG": "id_ID.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    chosen = env.get("JEJARING_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "id" if value.lower().startswith(("id_", "id.", "in_")) or value.lower() == "id" else "en"
    return "en"


def current_lang() -> str:
    """Return the language in force: the one set, else the detected one."""
    return _lang.get() or detect_lang()


def set_lang(lang: str | None) -> None:
    """Set the language for the rest of this context (``None`` returns to detection)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    _lang.set(lang)


@contextlib.contextmanager
def use_lang(lang: str) -> Iterator[str]:
    """Use ``lang`` inside the block."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    token = _lang.set(lang)
    try:
        yield lang
    finally:
        _lang.reset(token)


def t(key: str, *, lang: str | None = None, **params: Any) -> str:
    """Return message ``key`` in ``lang`` (default: the current language), formatted."""
    template = catalogue(lang or current_lang()).get(key)
    if template is None:
        template = catalogue("en").get(key, key)
    return template.format(**params) if params else template
