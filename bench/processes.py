"""Run one measurement in a fresh process: its wall time, its peak resident memory, its output.

Every figure of the suite comes from its own process, so that one measurement's memory or
warm caches never flatter the next, and a cold CLI run is really cold.

>>> run = measured([sys.executable, "-c", "print('{\\"n\\": 1}')"])
>>> run.ok, run.result, run.seconds < 30, run.peak_mb > 1
(True, {'n': 1}, True, True)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Run", "measured", "probe", "ROOT", "BIN"]

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtual environment the suite runs in (its jejaring command)


@dataclass
class Run:
    """One finished process: how long it took, its peak resident memory, what it printed."""

    command: list[str]
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    result: Any = field(default=None)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def check(self) -> Run:
        """This run, or ``RuntimeError`` with the command and its error output."""
        if not self.ok:
            raise RuntimeError(f"{' '.join(self.command)} failed ({self.returncode}):\n{self.stderr[-3000:]}")
        return self


# Runs the command as its only child: the child's peak memory is then the wrapper's
# RUSAGE_CHILDREN, and the wall time excludes the wrapper's own start.
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\\n{MARK} {seconds!r} {peak}\\n")
sys.exit(code)
"""
MARK = "bench-measured:"


def measured(command: Sequence[str], *, env: Mapping[str, str] | None = None, stdout_json: bool = True) -> Run:
    """Run ``command``, timing it from start to exit and reading its peak memory from the kernel.

    When ``stdout_json``, the last line the process prints is read as JSON into ``result``.
    """
    environment = {**os.environ, "JEJARING_QUIET": "1", **(env or {})}
    wrapper = _WRAPPER.replace("{MARK}", MARK)
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, env=environment, cwd=ROOT
    )
    err, _, tail = done.stderr.rpartition(MARK)
    seconds, peak_kb = (float(x) for x in tail.split())
    run = Run(list(command), seconds, peak_kb / 1024, done.returncode, done.stdout, err.rstrip())
    if stdout_json and run.ok and done.stdout.strip():
        run.result = json.loads(done.stdout.strip().splitlines()[-1])
    return run


def probe(name: str, *args: str, env: Mapping[str, str] | None = None) -> Run:
    """Run the in-process measurement ``name`` of :mod:`bench.probes` in a fresh process."""
    return measured([sys.executable, "-m", "bench.probes", name, *args], env=env).check()
