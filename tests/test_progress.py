"""The progress line: drawn in place on a terminal, silent when piped or asked to be quiet,
with the time left from the rate so far."""

from __future__ import annotations

import io

import pytest

from jejaring.i18n import use_lang
from jejaring.progress import Progress, duration, grouped, is_terminal, remaining


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_remaining_is_the_rest_at_the_rate_so_far() -> None:
    # 30 of 120 done in 15 s: 2 per second, 90 to go -> 45 s.
    assert remaining(done=30, total=120, elapsed=15.0) == 45.0
    assert remaining(done=0, total=120, elapsed=15.0) is None
    assert remaining(done=130, total=120, elapsed=15.0) == 0.0


def test_duration_and_grouped_numbers() -> None:
    assert [duration(s) for s in (0, 59.4, 60, 3599, 3600)] == ["0s", "59s", "1m00s", "59m59s", "1h00m"]
    with use_lang("en"):
        assert grouped(3_670_000) == "3,670,000"
    with use_lang("id"):
        assert grouped(3_670_000) == "3.670.000"


def test_on_a_terminal_the_line_is_rewritten_with_rate_and_time_left() -> None:
    stream, clock = Terminal(), Clock()
    with use_lang("en"), Progress("Writing", total=100, stream=stream, clock=clock) as progress:
        clock.now += 10
        progress.advance(20)  # 2 per second, 80 left: 40 s
        clock.now += 10
        progress.advance(20)
    lines = stream.getvalue().split("\r")
    assert lines[0] == ""
    assert lines[1] == "Writing: 20/100 (20%), 2 per second, about 40s left"
    assert lines[2] == "Writing: 40/100 (40%), 2 per second, about 30s left"
    assert stream.getvalue().endswith("\n")


def test_each_phase_measures_its_rate_and_time_left_from_its_own_start() -> None:
    stream, clock = Terminal(), Clock()
    with use_lang("en"), Progress("Reading a", total=10, stream=stream, clock=clock) as progress:
        clock.now += 100
        progress.update(10)
        progress.restart("Reading b", total=40)
        clock.now += 10
        progress.update(10)  # 1 per second since b began, 30 left
    assert stream.getvalue().split("\r")[-1].rstrip() == "Reading b: 10/40 (25%), 1 per second, about 30s left"


def test_a_shorter_line_wipes_the_longer_one_before_it() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress("Reading a long table name", stream=stream, clock=clock)
    progress.update(5)
    progress.update(6, label="Checking")
    first, second = stream.getvalue().split("\r")[1:]
    assert len(second) == len(first) and second.startswith("Checking: 6, ")


def test_redraws_are_spaced_but_the_last_step_is_always_drawn() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress("Writing", total=3, stream=stream, clock=clock)
    progress.advance()
    progress.advance()  # same instant: not drawn
    progress.advance()  # finished: drawn
    assert [line.split(" ")[1] for line in stream.getvalue().split("\r")[1:]] == ["1/3", "3/3"]


@pytest.mark.parametrize("quiet", [False, True])
def test_nothing_is_written_when_piped_or_quiet(quiet: bool) -> None:
    stream = Terminal() if quiet else io.StringIO()
    with Progress("Writing", total=10, stream=stream, quiet=quiet) as progress:
        progress.advance(10)
    assert progress.done == 10 and not progress.enabled
    assert stream.getvalue() == ""


def test_is_terminal() -> None:
    closed = io.StringIO()
    closed.close()  # its isatty() raises ValueError
    assert is_terminal(Terminal()) and not is_terminal(io.StringIO()) and not is_terminal(closed)
