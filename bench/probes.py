"""Measurements that run inside one fresh process each: ``python -m bench.probes NAME ARGS``.

Each prints one line of JSON with its figures; the caller (:mod:`bench.processes`) adds the
process's wall time and peak memory. The probes:

``open``       open a workspace scoped to ``--area`` into an analysis-ready Network;
``open-raw``   the baseline: a bare networkx graph straight from the store's tables (ids and
               kinds, no records, nothing checked);
``whole``      open the whole workspace (then build its actor graph and read its meetings, which
               wait for first use); suggest partners for a sample of villages against the naive
               networkx computation, and for the Cypher probe's villages with its weights; report
               the gaps of areas from the whole network, the baseline of a ``jejaring gaps``
               that reads only its area;
``cypher``     the ``suggest_partners`` named query for the same sample on a Neo4j server;
``raw-import`` the baseline of ``jejaring import``: the CSV rows copied into SQLite as text;
``naive-neo4j`` the baseline of an import into Neo4j: one auto-committed MERGE per record.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
TOP = 10


def summary(seconds: Sequence[float]) -> dict[str, float]:
    """Median, 95th percentile and mean of ``seconds``, in milliseconds.

    >>> summary([0.001, 0.002, 0.003])["median_ms"]
    2.0
    """
    ms = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
    return {"median_ms": statistics.median(ms), "p95_ms": p95, "mean_ms": statistics.fmean(ms), "n": len(ms)}


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def _warm() -> None:
    """Import what opening needs before the clock starts: the cold start is timed elsewhere."""
    import networkx  # noqa: F401

    import jejaring.network  # noqa: F401
    import jejaring.store.sqlite  # noqa: F401
    import jejaring.workspace  # noqa: F401


def _open(args: argparse.Namespace) -> dict[str, Any]:
    import jejaring as jj

    _warm()

    def load() -> Any:
        with jj.open(args.workspace) as ws:
            return ws.network(area=args.area)

    seconds, net = timed(load)
    return {"seconds": seconds, "actors": len(net.actors), "ties": len(net.ties), "meetings": len(net.meetings)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _open_raw(args: argparse.Namespace) -> dict[str, Any]:
    import networkx as nx

    _warm()

    def load() -> nx.MultiGraph:
        db = sqlite3.connect(f"file:{Path(args.workspace) / 'jejaring.sqlite'}?mode=ro", uri=True)
        graph = nx.MultiGraph()
        where, params = ("", ()) if args.area is None else ("WHERE area_code = ? OR area_code LIKE ?", (args.area, args.area + ".%"))
        graph.add_nodes_from((key, {"kind": kind}) for key, kind in db.execute(f"SELECT id, kind FROM actors {where}", params))
        for key, kind, source, target in db.execute("SELECT id, kind, source, target FROM ties"):
            if source in graph and target in graph:
                graph.add_edge(source, target, key=key, kind=kind)
        db.close()
        return graph

    seconds, graph = timed(load)
    return {"seconds": seconds, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def naive_ranking(graph: Any, village: str) -> list[tuple[str, float]]:
    """Resource allocation between ``village`` and every node it is not tied to, the best first."""
    import networkx as nx

    pairs = [(village, other) for other in nx.non_neighbors(graph, village)]
    scores = [(other, score) for _, other, score in nx.resource_allocation_index(graph, pairs)]
    return sorted(scores, key=lambda item: (-round(item[1], 12), item[0]))


def _whole(args: argparse.Namespace) -> dict[str, Any]:
    """Open the whole workspace (timed in its stages), suggest for the sample against the naive
    computation, then report the gaps of each ``--gaps`` area from the opened network."""
    import jejaring as jj
    from jejaring.analysis.gaps import partner_graph
    from jejaring.analysis.recommend import Weights, eligible, suggest
    from jejaring.vocab import ActorKind

    _warm()
    day = date.fromisoformat(args.day)
    ready = time.perf_counter() - STARTED  # the process's start and imports, as a cold command pays them

    def load() -> Any:
        with jj.open(args.workspace) as ws:
            return ws.network()

    open_seconds, whole = timed(load)
    opened = {"seconds": open_seconds, "peak_mb": _peak_mb(), "actors": len(whole.actors), "ties": len(whole.ties)}
    opened["graph_seconds"], graph = timed(lambda: whole.graph)  # the actor graph is built on first use
    opened |= {"graph": [graph.number_of_nodes(), graph.number_of_edges()], "graph_peak_mb": _peak_mb()}
    del graph
    opened["meetings_seconds"], meetings = timed(lambda: whole.meetings)  # read on first use
    opened |= {"meetings": len(meetings), "attendance": sum(len(m.attendees) for m in meetings),
               "meetings_peak_mb": _peak_mb()}

    net = whole.at(day)
    villages = sorted(v.id for v in net.of_kind(ActorKind.VILLAGE))
    chosen = random.Random(args.seed).sample(villages, min(args.sample, len(villages)))
    first, _ = timed(lambda: suggest(net, chosen[0]))  # builds the per-network index
    ours = [timed(lambda v=v: suggest(net, v))[0] for v in chosen]
    evidence_only = Weights(peer_learning=0, proximity=0)  # what the suggest_partners query computes
    in_store = [v for v in villages if args.cypher_area is None or v.startswith(args.cypher_area + ".")]
    asked = random.Random(args.seed).sample(in_store, min(args.cypher_sample, len(in_store)))
    engine, tops = [], {}
    for village in asked:  # the villages the Cypher probe asks, with the same weights
        seconds, found = timed(lambda v=village: suggest(net, v, weights=evidence_only))
        engine.append(seconds)
        tops[village] = [(s.candidate.id, round(s.score, 9)) for s in found]

    network_only = Weights(complementarity=0, peer_learning=0, proximity=0)
    everywhere = [timed(lambda v=v: suggest(net, v, within="all", weights=network_only))[0] for v in chosen]
    partners = partner_graph(net)
    naive, mismatched = [], []
    for village in chosen[: args.naive]:
        seconds, theirs = timed(lambda v=village: naive_ranking(partners, v))
        naive.append(seconds)
        allowed = {c.id for c in eligible(net, village, within="all")}
        theirs = [(v, s) for v, s in theirs if s > 0 and v in allowed][:TOP]
        mine = suggest(net, village, within="all", weights=network_only)
        if [v for v, _ in theirs] != [s.candidate.id for s in mine][: len(theirs)]:
            mismatched.append(village)

    gaps = {}
    for area in args.gaps:  # a cold command that opened everything would pay start, opening and report
        seconds, report = timed(lambda a=area: jj.gaps(whole.within(a).at(day)))
        total = ready + open_seconds + opened["meetings_seconds"] + seconds
        gaps[area] = {"report_seconds": seconds, "from_start_seconds": total, "gaps": len(report.gaps)}
    return {
        "start_seconds": ready,
        "open": opened,
        "villages": len(villages),
        "partner_graph": [partners.number_of_nodes(), partners.number_of_edges()],
        "sample": chosen,
        "cypher_sample": asked,
        "first_call_seconds": first,
        "suggest": summary(ours),
        "suggest_evidence_only": summary(engine),
        "suggest_network_everywhere": summary(everywhere),
        "naive": summary(naive),
        "naive_mismatched": mismatched,
        "tops": tops,
        "gaps_after_opening_everything": gaps,
        "peak_mb": _peak_mb(),
    }


def _cypher(args: argparse.Namespace) -> dict[str, Any]:
    import neo4j

    from jejaring import queries

    query = queries.load("suggest_partners")
    chosen = json.loads(Path(args.sample_file).read_text())
    day = date.fromisoformat(args.day)
    auth = (args.user, args.password)
    times, tops = [], {}
    with neo4j.GraphDatabase.driver(args.url, auth=auth) as driver, driver.session(
        default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
    ) as session:

        def ask(village: str) -> list[tuple[str, float]]:
            values = {p.name: None for p in query.parameters} | {"actor": village, "date": day, "within": "kabupaten"}
            rows = session.execute_read(lambda tx: list(tx.run(query.text, values)))
            return [(row["id"], round(row["score"], 9)) for row in rows]

        first, _ = timed(lambda: ask(chosen[0]))  # plans the query once
        for village in chosen:
            seconds, tops[village] = timed(lambda v=village: ask(v))
            times.append(seconds)
    return {"first_call_seconds": first, "cypher": summary(times), "tops": tops}


def _raw_import(args: argparse.Namespace) -> dict[str, Any]:
    folder, target = Path(args.folder), Path(args.database)
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target)
    rows = 0
    start = time.perf_counter()
    for name in ("actors", "ties", "meetings"):
        with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            columns = ", ".join(f'"{c}"' for c in header[1:])
            db.execute(f'CREATE TABLE {name} (id TEXT PRIMARY KEY, {columns})')
            marks = ", ".join("?" * len(header))
            before = db.total_changes
            db.executemany(f"INSERT INTO {name} VALUES ({marks})", reader)
            rows += db.total_changes - before
    db.execute("CREATE TABLE attendance (meeting TEXT, actor TEXT, PRIMARY KEY (meeting, actor)) WITHOUT ROWID")
    db.execute(
        "INSERT OR IGNORE INTO attendance SELECT meetings.id, trim(value) FROM meetings, "
        "json_each('[\"' || replace(attendees, '; ', '\",\"') || '\"]') WHERE attendees != ''"
    )
    db.commit()
    seconds = time.perf_counter() - start
    db.close()
    target.unlink()
    return {"seconds": seconds, "rows": rows}


def _naive_neo4j(args: argparse.Namespace) -> dict[str, Any]:
    import neo4j

    folder = Path(args.folder)
    written = 0
    with neo4j.GraphDatabase.driver(args.url, auth=(args.user, args.password)) as driver:
        start = time.perf_counter()
        with (folder / "actors.csv").open(encoding="utf-8-sig", newline="") as handle:
            for row in _first(csv.DictReader(handle), args.records // 2):
                driver.execute_query(
                    "MERGE (a:NaiveActor {id: $id}) SET a += $props",
                    id=row["id"],
                    props={k: v for k, v in row.items() if v and k != "id"},
                )
                written += 1
        with (folder / "ties.csv").open(encoding="utf-8-sig", newline="") as handle:
            for row in _first(csv.DictReader(handle), args.records - written):
                driver.execute_query(
                    "MERGE (s:NaiveActor {id: $source}) MERGE (t:NaiveActor {id: $target}) "
                    "MERGE (s)-[r:NAIVE_TIE {id: $id}]->(t) SET r += $props",
                    source=row["source"],
                    target=row["target"],
                    id=row["id"],
                    props={k: v for k, v in row.items() if v and k not in ("id", "source", "target")},
                )
                written += 1
        seconds = time.perf_counter() - start
        driver.execute_query("MATCH (a:NaiveActor) DETACH DELETE a")
    return {"seconds": seconds, "records": written, "per_second": written / seconds}


def _first(rows: Any, n: int) -> Any:
    for index, row in enumerate(rows):
        if index >= n:
            return
        yield row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probes")
    probes = parser.add_subparsers(dest="probe", required=True)
    for name in ("open", "open-raw"):
        sub = probes.add_parser(name)
        sub.add_argument("workspace")
        sub.add_argument("--area")
    sub = probes.add_parser("whole")
    sub.add_argument("workspace")
    sub.add_argument("--day", required=True)
    sub.add_argument("--sample", type=int, default=50)
    sub.add_argument("--naive", type=int, default=20)
    sub.add_argument("--seed", type=int, default=1)
    sub.add_argument("--gaps", nargs="*", default=[])
    sub.add_argument("--cypher-area", help="the area whose villages the Cypher probe asks (default: anywhere)")
    sub.add_argument("--cypher-sample", type=int, default=10)
    sub = probes.add_parser("cypher")
    sub.add_argument("url")
    sub.add_argument("--sample-file", required=True)
    sub.add_argument("--day", required=True)
    sub.add_argument("--user", default="neo4j")
    sub.add_argument("--password", required=True)
    sub = probes.add_parser("raw-import")
    sub.add_argument("folder")
    sub.add_argument("database")
    sub = probes.add_parser("naive-neo4j")
    sub.add_argument("url")
    sub.add_argument("folder")
    sub.add_argument("--records", type=int, default=2000)
    sub.add_argument("--user", default="neo4j")
    sub.add_argument("--password", required=True)
    args = parser.parse_args(argv)
    run = {
        "open": _open,
        "open-raw": _open_raw,
        "whole": _whole,
        "cypher": _cypher,
        "raw-import": _raw_import,
        "naive-neo4j": _naive_neo4j,
    }[args.probe]
    print(json.dumps(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
