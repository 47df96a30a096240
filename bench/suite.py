"""``make bench``: jejaring at kabupaten and national scale, each figure beside its baseline.

For each scale (a synthetic kabupaten, Lampung Tengah 18.02, and all Indonesia) the suite

1. writes the synthetic spreadsheets with ``jejaring synth --csv`` (kept in ``build/bench``
   and reused while the generator and the seed are unchanged);
2. imports them into a new SQLite workspace with ``jejaring import``, beside a raw copy of the
   same rows into SQLite (no checks); and into the Neo4j server of the test set-up, beside
   one auto-committed ``MERGE`` per record (at national scale, one province's spreadsheets
   unless ``--neo4j-area national``: the whole country's takes some six minutes);
3. opens the workspace into an analysis-ready Network, whole and scoped (national: the
   kabupaten; kabupaten: the kecamatan), beside a bare networkx graph read from the tables;
4. suggests partners for a seeded sample of villages, beside the naive networkx computation
   (resource allocation over every non-neighbour), checking both rank alike;
5. runs ``jejaring gaps`` for one kecamatan and one kabupaten from a cold process, beside
   starting, opening the whole store and then computing the same report;
6. runs the ``suggest_partners`` Cypher query for a sample of the villages in the Neo4j store,
   beside the Python engine with the same weights, checking both suggest the same;

each in its own process, whose wall time and peak memory are read from the kernel. It prints
a table and writes every figure as JSON (``bench/results/bench.json``). A benchmark, not a
test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.processes import BIN, ROOT, Run, measured, probe

DATA = ROOT / "build" / "bench"
RESULTS = ROOT / "bench" / "results" / "bench.json"
SERVER_SCRIPT = ROOT / "scripts" / "neo4j-test-server.sh"
PASSWORD = "jejaring-bench"
KECAMATAN, KABUPATEN = "18.02.02", "18.02"  # Bangun Rejo in Lampung Tengah, the demo's kecamatan
DAY = "2025-12-31"  # the last day of the eight generated quarters
SCALES = {"kabupaten": f"kabupaten:{KABUPATEN}", "national": "national"}
SCOPED = {"kabupaten": KECAMATAN, "national": KABUPATEN}


@dataclass
class Row:
    """One line of the table: our figure, the baseline's, and how they compare."""

    scale: str
    measure: str
    ours: float
    unit: str
    baseline: float | None
    baseline_name: str
    ratio: str
    peak_mb: float
    baseline_peak_mb: float | None
    target: str = ""


class Steps:
    """A line per step on a terminal (nothing when piped or ``--quiet``): the step starting and
    the time left, from the step times of the last run when there is one, else from the pace
    so far.

    >>> steps = Steps(["a", "b", "c"], {"a": 10.0, "b": 20.0, "c": 30.0}, quiet=True)
    >>> steps.left(["b", "c"], elapsed=12.0, done=1)
    50.0
    """

    def __init__(self, planned: list[str], previous: dict[str, float], *, quiet: bool) -> None:
        from jejaring.progress import is_terminal

        self.planned, self.previous = planned, previous
        self.enabled = not quiet and is_terminal(sys.stderr)
        self.seconds: dict[str, float] = {}
        self._started = time.perf_counter()
        self._current: tuple[str, float] | None = None

    def left(self, todo: list[str], *, elapsed: float, done: int) -> float | None:
        if all(step in self.previous for step in todo):
            return sum(self.previous[step] for step in todo)
        return elapsed / done * len(todo) if done else None

    def start(self, step: str) -> None:
        """Finish the step running, if any, and announce ``step``."""
        from jejaring.progress import duration

        self.finish()
        self._current = (step, time.perf_counter())
        if not self.enabled:
            return
        todo = self.planned[self.planned.index(step):] if step in self.planned else [step]
        done = len(self.planned) - len(todo)
        left = self.left(todo, elapsed=time.perf_counter() - self._started, done=done)
        when = f", about {duration(left)} left" if left is not None else ""
        print(f"[bench] {step} (step {done + 1} of {len(self.planned)}{when})", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._current is not None:
            step, began = self._current
            self.seconds[step] = time.perf_counter() - began
            self._current = None


STEPS = ("spreadsheets", "import into SQLite", "import into Neo4j", "open the whole workspace, suggest, report",
         "gaps from a cold process", "Cypher suggest")


def jejaring(*args: str, env: dict[str, str] | None = None) -> Run:
    return measured([str(BIN / "jejaring"), *args], env=env, stdout_json=False).check()


def spreadsheets(name: str, scale: str, seed: int) -> tuple[Path, float | None]:
    """The synthetic spreadsheets of ``scale`` (as ``synth --scale`` takes it) in the folder
    ``name``, and the seconds it took to write them (None: reused)."""
    folder = DATA / f"{name}-{seed}"
    stamp = {"scale": scale, "seed": seed, "generator": _generator_digest()}
    if (folder / "stamp.json").exists() and json.loads((folder / "stamp.json").read_text()) == stamp:
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    run = jejaring("synth", str(folder), "--scale", scale, "--seed", str(seed), "--csv", "-q")
    (folder / "stamp.json").write_text(json.dumps(stamp))
    return folder, run.seconds


def _generator_digest() -> str:
    """What the spreadsheets depend on: the generator, the models and the vendored village list."""
    digest = hashlib.sha256()
    for part in ("jejaring/synth.py", "jejaring/model.py", "jejaring/vocab.py", "jejaring/io/export.py"):
        digest.update((ROOT / part).read_bytes())
    for part in sorted((ROOT / "jejaring" / "data" / "gazetteer").glob("*.csv.gz")):
        digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def compared(ours: float, baseline: float, *, rate: bool = False) -> str:
    """Ours against the baseline in words: durations are better lower, rates higher.

    >>> compared(2.0, 10.0), compared(3.0, 1.5), compared(600.0, 60.0, rate=True)
    ('5.0x faster', '2.0x slower', '10.0x faster')
    """
    if not ours or not baseline:
        return "-"
    better = baseline / ours if not rate else ours / baseline
    return f"{better:.1f}x faster" if better >= 1 else f"{1 / better:.1f}x slower"


class Server:
    """The Neo4j server of the test set-up, started for the suite with room for a national import."""

    def __init__(self, heap: str, pagecache: str) -> None:
        self.env = {**os.environ, "NEO4J_PASSWORD": PASSWORD, "NEO4J_TEST_HEAP": heap, "NEO4J_TEST_PAGECACHE": pagecache,
                    "NEO4J_TEST_JVM": "throughput"}  # the test suite's server is tuned to start fast, not to write
        subprocess.run([str(SERVER_SCRIPT), "install"], check=True, env=self.env, capture_output=True)
        started = subprocess.run([str(SERVER_SCRIPT), "start"], env=self.env, capture_output=True, text=True)
        if started.returncode != 0:
            raise RuntimeError(f"the Neo4j server did not start:\n{started.stderr}")
        self.url = started.stdout.split()[-1]
        self.login = {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": PASSWORD}

    def wipe(self) -> None:
        import neo4j

        with neo4j.GraphDatabase.driver(self.url, auth=("neo4j", PASSWORD)) as driver:
            while driver.execute_query(
                "MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS n"
            ).records[0]["n"]:
                pass

    def stop(self) -> None:
        subprocess.run([str(SERVER_SCRIPT), "stop", self.url], env=self.env, capture_output=True)


def server_step_wanted(step: str, args: argparse.Namespace) -> bool:
    return not (args.no_neo4j and ("Neo4j" in step or "Cypher" in step))


def bench_scale(
    scale: str, args: argparse.Namespace, server: Server | None, figures: dict[str, Any], steps: Steps
) -> list[Row]:
    rows: list[Row] = []
    found: dict[str, Any] = figures.setdefault(scale, {})
    steps.start(f"{scale}: spreadsheets")
    folder, generated = spreadsheets(scale, SCALES[scale], args.seed)
    files = _tables(folder)
    found["spreadsheets"] = {"folder": str(folder), "generated_seconds": generated,
                             "bytes": sum(Path(f).stat().st_size for f in files)}

    workspace = DATA / f"{scale}-{args.seed}-workspace"
    shutil.rmtree(workspace, ignore_errors=True)
    init = jejaring("init", str(workspace), "--scale", SCALES[scale])
    steps.start(f"{scale}: import into SQLite")
    ours = jejaring("import", "-w", str(workspace), *files, "-q")
    counts = _counts(workspace)
    base = probe("raw-import", str(folder), str(DATA / f"{scale}-raw.sqlite"))
    found["import_sqlite"] = {"init_seconds": init.seconds, "seconds": ours.seconds, "peak_mb": ours.peak_mb,
                              "records": counts, "raw_copy": base.result, "raw_copy_peak_mb": base.peak_mb}
    records = counts["records"]
    rows.append(Row(scale, f"import into SQLite ({records:,} records)", ours.seconds, "s", base.seconds,
                    "raw CSV rows into SQLite, unchecked", compared(ours.seconds, base.seconds),
                    ours.peak_mb, base.peak_mb, "national < 120 s"))

    # the national Neo4j store holds one province unless asked for all: see README, Performance
    neo4j_area = args.neo4j_area if scale == "national" and args.neo4j_area != "national" else None
    if server is not None:
        steps.start(f"{scale}: import into Neo4j")
        n4j_folder, n4j_records = folder, records
        if neo4j_area is not None:
            n4j_folder, _ = spreadsheets(f"province-{neo4j_area}", f"province:{neo4j_area}", args.seed)
            n4j_records = sum(_rows_of(Path(f)) for f in _tables(n4j_folder))
        server.wipe()
        n4j = jejaring("import", "-w", server.url, *_tables(n4j_folder), "-q", env=server.login)
        naive = probe("naive-neo4j", server.url, str(n4j_folder), "--records", str(args.naive_records),
                      "--password", PASSWORD)
        rate = n4j_records / n4j.seconds
        found["import_neo4j"] = {"area": neo4j_area or SCALES[scale], "records": n4j_records, "seconds": n4j.seconds,
                                 "peak_mb": n4j.peak_mb, "per_second": rate, "naive": naive.result,
                                 "naive_peak_mb": naive.peak_mb}
        what = "" if neo4j_area is None else f"province {neo4j_area}'s {n4j_records:,} records, "
        rows.append(Row(scale, f"import into Neo4j ({what}records/s)", rate, "/s", naive.result["per_second"],
                        f"one MERGE per record ({naive.result['records']:,} records)",
                        compared(rate, naive.result["per_second"], rate=True), n4j.peak_mb, naive.peak_mb))

    steps.start(f"{scale}: open the whole workspace, suggest, report")
    whole = probe("whole", str(workspace), "--day", DAY, "--sample", str(args.sample), "--naive", str(args.naive),
                  "--seed", str(args.seed), "--gaps", KECAMATAN, KABUPATEN, "--cypher-sample", str(args.cypher_sample),
                  *(["--cypher-area", neo4j_area] if neo4j_area else []))
    s, opened = whole.result, whole.result["open"]
    raw = probe("open-raw", str(workspace))
    found["whole"] = {**{k: v for k, v in s.items() if k != "tops"}, "peak_mb": whole.peak_mb,
                      "raw": raw.result, "raw_peak_mb": raw.peak_mb}
    rows.append(Row(scale, f"open whole ({opened['actors']:,} actors, {opened['ties']:,} ties)", opened["seconds"], "s",
                    raw.result["seconds"], "bare networkx graph from the tables",
                    compared(opened["seconds"], raw.result["seconds"]), opened["peak_mb"], raw.peak_mb,
                    "national < 30 s, < 4,096 MB"))
    rows.append(Row(scale, "  then its actor graph, on first use", opened["graph_seconds"], "s", None, "", "",
                    opened["graph_peak_mb"], None))
    rows.append(Row(scale, f"  then its {opened['meetings']:,} meetings, on first use", opened["meetings_seconds"],
                    "s", None, "", "", opened["meetings_peak_mb"], None))
    scoped = SCOPED[scale]
    mine, raw = probe("open", str(workspace), "--area", scoped), probe("open-raw", str(workspace), "--area", scoped)
    found["open_scoped"] = {**mine.result, "peak_mb": mine.peak_mb, "raw": raw.result, "raw_peak_mb": raw.peak_mb}
    rows.append(Row(scale, f"open scoped to {scoped} ({mine.result['actors']:,} actors)", mine.result["seconds"], "s",
                    raw.result["seconds"], "bare networkx graph from the tables",
                    compared(mine.result["seconds"], raw.result["seconds"]), mine.peak_mb, raw.peak_mb))
    rows.append(Row(scale, f"suggest, median of {s['suggest']['n']} villages", s["suggest"]["median_ms"], "ms",
                    s["naive"]["median_ms"], f"networkx resource allocation, all non-neighbours ({s['naive']['n']})",
                    compared(s["suggest"]["median_ms"], s["naive"]["median_ms"]), whole.peak_mb, None,
                    "national < 20 ms, >= 50x"))
    rows.append(Row(scale, "suggest, 95th percentile", s["suggest"]["p95_ms"], "ms", s["naive"]["p95_ms"],
                    "the same, 95th percentile", compared(s["suggest"]["p95_ms"], s["naive"]["p95_ms"]),
                    whole.peak_mb, None))
    alone = s["suggest_network_everywhere"]
    same = "same" if not s["naive_mismatched"] else f"{len(s['naive_mismatched'])} differ"
    rows.append(Row(scale, f"suggest, shared partners only, all areas ({same} top 10)", alone["median_ms"], "ms",
                    s["naive"]["median_ms"], "the same naive computation, median",
                    compared(alone["median_ms"], s["naive"]["median_ms"]), whole.peak_mb, None))

    steps.start(f"{scale}: gaps from a cold process")
    for option, area in (("--kecamatan", KECAMATAN), ("--kabupaten", KABUPATEN)):
        runs = [jejaring("gaps", "-w", str(workspace), option, area, "--at", DAY, "--format", "json")
                for _ in range(args.repeat)]
        seconds = statistics.median(r.seconds for r in runs)
        peak = max(r.peak_mb for r in runs)
        base = s["gaps_after_opening_everything"][area]
        found[f"gaps_{option[2:]}"] = {"seconds": [r.seconds for r in runs], "peak_mb": peak,
                                       "open_everything_then_report": base}
        rows.append(Row(scale, f"jejaring gaps {option} {area}, cold", seconds, "s", base["from_start_seconds"],
                        "start, open everything, then report", compared(seconds, base["from_start_seconds"]), peak,
                        opened["meetings_peak_mb"], "national < 2 s" if option == "--kecamatan" else ""))

    if server is not None:
        steps.start(f"{scale}: Cypher suggest")
        sample_file = DATA / f"{scale}-sample.json"
        sample_file.write_text(json.dumps(s["cypher_sample"]))
        cy = probe("cypher", server.url, "--sample-file", str(sample_file), "--day", DAY, "--password", PASSWORD)
        differ = [v for v in cy.result["tops"] if [c for c, _ in cy.result["tops"][v]] != [c for c, _ in s["tops"][v]]]
        found["cypher"] = {**{k: v for k, v in cy.result.items() if k != "tops"}, "peak_mb": cy.peak_mb,
                           "python": s["suggest_evidence_only"], "different_suggestions": differ}
        where = "" if neo4j_area is None else f", province {neo4j_area}'s store"
        where += f", {'same' if not differ else f'{len(differ)} different'} top 10 for {len(cy.result['tops'])}"
        rows.append(Row(scale, f"suggest_partners in Cypher{where}, median", cy.result["cypher"]["median_ms"], "ms",
                        s["suggest_evidence_only"]["median_ms"], "Python engine, same weights",
                        compared(cy.result["cypher"]["median_ms"], s["suggest_evidence_only"]["median_ms"]),
                        cy.peak_mb, whole.peak_mb))
        rows.append(Row(scale, "suggest_partners in Cypher, 95th percentile", cy.result["cypher"]["p95_ms"], "ms",
                        s["suggest_evidence_only"]["p95_ms"], "Python engine, same weights",
                        compared(cy.result["cypher"]["p95_ms"], s["suggest_evidence_only"]["p95_ms"]),
                        cy.peak_mb, whole.peak_mb))
    if not args.keep:
        shutil.rmtree(workspace, ignore_errors=True)
    return rows


def _tables(folder: Path) -> list[str]:
    return [str(folder / f"{name}.csv") for name in ("actors", "ties", "meetings")]


def _rows_of(path: Path) -> int:
    """Records in a spreadsheet ``synth --csv`` wrote: its lines less the header (no cell holds a line break)."""
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b"")) - 1


def _counts(workspace: Path) -> dict[str, int]:
    import sqlite3

    db = sqlite3.connect(workspace / "jejaring.sqlite")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actors", "ties", "meetings")}
    counts["attendance"] = db.execute("SELECT count(*) FROM meeting_attendees").fetchone()[0]
    db.close()
    return counts | {"records": counts["actors"] + counts["ties"] + counts["meetings"]}


def help_rows(repeat: int) -> list[Row]:
    """``jejaring --help`` from a cold process, beside a bare Python start."""
    ours = [jejaring("--help") for _ in range(repeat)]
    bare = [measured([sys.executable, "-c", "pass"], stdout_json=False) for _ in range(repeat)]
    seconds, base = statistics.median(r.seconds for r in ours), statistics.median(r.seconds for r in bare)
    return [Row("-", "jejaring --help, cold", seconds, "s", base, "python -c pass", compared(seconds, base),
                max(r.peak_mb for r in ours), max(r.peak_mb for r in bare), "< 0.3 s")]


def table(rows: list[Row]) -> str:
    header = ("scale", "measure", "jejaring", "baseline", "ratio", "peak MB", "baseline MB", "target", "baseline is")
    lines = [[r.scale, r.measure, _value(r.ours, r.unit), _value(r.baseline, r.unit), r.ratio, f"{r.peak_mb:,.0f}",
              "" if r.baseline_peak_mb is None else f"{r.baseline_peak_mb:,.0f}", r.target, r.baseline_name]
             for r in rows]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    out = ["  ".join(str(x).ljust(w) for x, w in zip(header, widths))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)) for line in lines]
    return "\n".join(out)


def markdown(rows: list[Row]) -> str:
    """The table in Markdown, as the README quotes it."""
    lines = ["| scale | measure | jejaring | baseline | ratio | peak MB | baseline MB | baseline is |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [r.scale, r.measure.strip(), _value(r.ours, r.unit), _value(r.baseline, r.unit), r.ratio,
                 f"{r.peak_mb:,.0f}", "" if r.baseline_peak_mb is None else f"{r.baseline_peak_mb:,.0f}", r.baseline_name]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "/s":
        return f"{value:,.0f}/s"
    if unit == "ms":
        return f"{value:,.2f} ms"
    return f"{value:,.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="kabupaten,national", help="comma-separated: kabupaten, national")
    parser.add_argument("--seed", type=int, default=2024, help="generator and sample seed (default 2024)")
    parser.add_argument("--sample", type=int, default=50, help="villages to suggest for (default 50)")
    parser.add_argument("--naive", type=int, default=20, help="of them, how many also by the naive method (20)")
    parser.add_argument("--cypher-sample", type=int, default=10, help="villages to ask the Cypher query for (10)")
    parser.add_argument("--neo4j-area", default="35", help="national scale: the province (code) whose spreadsheets "
                        "go into Neo4j and whose villages Cypher is asked for (default 35, Jawa Timur)")
    parser.add_argument("--repeat", type=int, default=3, help="cold CLI runs per command (median; default 3)")
    parser.add_argument("--naive-records", type=int, default=2000, help="records the naive Neo4j loader writes")
    parser.add_argument("--no-neo4j", action="store_true", help="leave out the Neo4j measurements")
    parser.add_argument("--heap", default="4g", help="Neo4j heap for the suite (default 4g)")
    parser.add_argument("--pagecache", default="2g", help="Neo4j page cache for the suite (default 2g)")
    parser.add_argument("--keep", action="store_true", help="keep the workspaces in build/bench")
    parser.add_argument("-q", "--quiet", action="store_true", help="no step lines (there are none when piped)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    from jejaring.progress import duration

    started = time.perf_counter()
    DATA.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
                               "cpus": os.cpu_count(), "seed": args.seed, "day": DAY}
    scales = [scale.strip() for scale in args.scales.split(",")]
    planned = [f"{scale}: {step}" for scale in scales for step in STEPS if server_step_wanted(step, args)]
    previous = json.loads(args.out.read_text()).get("step_seconds", {}) if args.out.exists() else {}
    steps = Steps(planned, previous, quiet=args.quiet)
    rows = help_rows(args.repeat * 2)
    server = None if args.no_neo4j else Server(args.heap, args.pagecache)
    try:
        for scale in scales:
            rows += bench_scale(scale, args, server, figures, steps)
        steps.finish()
    finally:
        if server is not None:
            server.stop()
    figures["rows"] = [asdict(r) for r in rows]
    figures["step_seconds"] = steps.seconds
    figures["total_seconds"] = time.perf_counter() - started
    print(table(rows))
    print(f"\nWhole suite: {figures['total_seconds'] / 60:.1f} min. Figures written to {args.out} "
          f"(and as a Markdown table to {args.out.with_suffix('.md')}).")
    print("Steps: " + "; ".join(f"{step} {duration(seconds)}" for step, seconds in steps.seconds.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(rows), encoding="utf-8")
    return 0
