"""A progress line for long operations (synth, import, push, pull): done, rate and time left.

The line is rewritten in place (``\\r``) on standard error, and only when that is a terminal:
piped or redirected output, and ``quiet=True``, get nothing at all. The time left comes from
the rate so far, so it settles as the work goes on.

>>> import io
>>> with Progress("Writing", total=4, stream=io.StringIO()) as progress:  # not a terminal: silent
...     progress.advance(4)
>>> progress.done, progress.enabled
(4, False)
>>> remaining(done=25, total=100, elapsed=10.0)
30.0
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from jejaring.i18n import current_lang, t

__all__ = ["Progress", "remaining", "duration", "grouped", "is_terminal"]

INTERVAL_S = 0.2
"""Least time between two redraws, so that a fast loop does not spend its time printing."""


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal.

    >>> import io
    >>> is_terminal(io.StringIO())
    False
    """
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def remaining(*, done: float, total: float, elapsed: float) -> float | None:
    """Seconds left at the rate so far, or ``None`` before anything is done.

    >>> remaining(done=0, total=10, elapsed=3.0) is None, remaining(done=10, total=10, elapsed=3.0)
    (True, 0.0)
    """
    if done <= 0 or elapsed <= 0:
        return None
    return max(total - done, 0) * elapsed / done


def grouped(number: float) -> str:
    """A whole number with its thousands grouped as the current language writes them.

    >>> from jejaring.i18n import use_lang
    >>> with use_lang("id"):
    ...     grouped(705123.4)
    '705.123'
    """
    text = f"{number:,.0f}"
    return text.replace(",", ".") if current_lang() == "id" else text


def duration(seconds: float) -> str:
    """A short duration: ``45s``, ``3m05s``, ``1h02m``.

    >>> duration(45.2), duration(185), duration(3725)
    ('45s', '3m05s', '1h02m')
    """
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Progress:
    """How far an operation of ``total`` steps (records, batches; ``None`` if unknown) has got.

    ``label`` says what is being done, in the user's language. The line is drawn on
    ``stream`` (standard error by default) only when it is a terminal and ``quiet`` is false;
    ``clock`` gives the time in seconds (tests pass a fake one).
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and is_terminal(self.stream)
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def elapsed(self) -> float:
        """Seconds since the operation started."""
        return self._clock() - self._started

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more steps done."""
        self.update(self.done + steps)

    def update(self, done: int, *, total: int | None = None, label: str | None = None) -> None:
        """Set how many steps are done (and a new ``total`` or ``label``, when they change)."""
        self.done = done
        if total is not None:
            self.total = total
        changed = label is not None and label != self.label
        if label is not None:
            self.label = label
        if not self.enabled:
            return
        now = self._clock()
        finished = self.total is not None and done >= self.total
        if changed or finished or self._drawn_at is None or now - self._drawn_at >= INTERVAL_S:
            self._draw(self.line())
            self._drawn_at = now

    def restart(self, label: str, total: int | None = None) -> None:
        """Begin the next phase of the operation: nothing done of ``total`` yet, the rate and
        the time left measured from now.

        >>> progress = Progress("Reading", total=10, clock=iter([0.0, 30.0, 30.0]).__next__)
        >>> progress.restart("Writing", total=4)
        >>> progress.done, progress.total, progress.elapsed
        (0, 4, 0.0)
        """
        self._started = self._clock()
        self.done, self.total = 0, total
        self.update(0, label=label)

    def line(self) -> str:
        """The text of the progress line as it stands.

        >>> from jejaring.i18n import use_lang
        >>> progress = Progress("Importing", total=400, clock=iter([0.0, 20.0]).__next__)
        >>> progress.done = 100
        >>> with use_lang("en"):
        ...     progress.line()
        'Importing: 100/400 (25%), 5 per second, about 1m00s left'
        """
        elapsed = self.elapsed
        parts = [self.label]
        if self.total:
            parts[0] += f": {grouped(self.done)}/{grouped(self.total)} ({100 * self.done // self.total}%)"
        elif self.done:
            parts[0] += f": {grouped(self.done)}"
        if elapsed > 0 and self.done:
            parts.append(t("progress.rate", rate=grouped(self.done / elapsed)))
        left = remaining(done=self.done, total=self.total, elapsed=elapsed) if self.total else None
        if left is not None:
            parts.append(t("progress.left", time=duration(left)))
        else:
            parts.append(t("progress.elapsed", time=duration(elapsed)))
        return ", ".join(parts)

    def close(self) -> None:
        """Finish the line, so that what is printed next starts on a line of its own."""
        if self.enabled and self._drawn_at is not None:
            self._draw(self.line())
            self.stream.write("\n")
            self.stream.flush()
            self._drawn_at = None

    def _draw(self, text: str) -> None:
        padding = " " * max(self._width - len(text), 0)  # wipe what a longer line left behind
        self.stream.write(f"\r{text}{padding}")
        self.stream.flush()
        self._width = len(text)
