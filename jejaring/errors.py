"""Errors a user can act on, rendered in the user's language.

Every failure a person can fix is a :class:`JejaringError` carrying a message key of the
catalogue and its parameters, so the CLI prints one sentence in Indonesian or English.

>>> from jejaring.i18n import use_lang
>>> with use_lang("en"):
...     str(JejaringError("gazetteer.unknown_area", text="Atlantis"))
'No area named or coded "Atlantis" in the Kemendagri list; check the spelling or give the code, e.g. 18.02.02.'
"""

from __future__ import annotations

from typing import Any

__all__ = ["JejaringError"]


class JejaringError(Exception):
    """A failure explained to the user by a catalogue message ``key`` with ``params``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from jejaring.i18n import t

        return t(self.key, **self.params)
