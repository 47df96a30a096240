"""Benchmark partner suggestions on a synthetic province against the naive networkx computation.

Run ``python -m bench.bench_suggest`` (or ``make bench``). On the synthetic network of an area
(default: province 18, Lampung, about 2,600 villages) seen on one day, for a seeded sample of
villages it

1. times :func:`jejaring.analysis.recommend.suggest` with its defaults (the first call, which
   builds the per-network index, is timed apart), and with the network component alone
   (the ten best in the whole network);
2. times the naive approach: ``networkx.resource_allocation_index`` over every node of the
   same partner graph that is not a neighbour of the village, then the ten best;
3. checks both rank the network evidence the same: the ten best candidates by resource
   allocation (ties by id, scores compared to 12 decimals), after leaving out what a
   suggestion never names (existing partners, the village's own side) and scores of zero;
4. measures the peak memory of building the index and suggesting (tracemalloc) and the
   process's peak resident size;

then prints a table and writes the figures as JSON to ``bench/results/``. It is a benchmark,
not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import networkx as nx

from jejaring import synth
from jejaring.analysis.gaps import partner_graph
from jejaring.analysis.recommend import Weights, eligible, suggest
from jejaring.network import Network
from jejaring.vocab import ActorKind

RESULTS = Path(__file__).resolve().parent / "results"
TOP = 10
NETWORK_ONLY = Weights(complementarity=0, peer_learning=0, proximity=0)


def build(area: str, seed: int, day: date) -> Network:
    """The synthetic network of ``area`` as seen on ``day`` (meetings left out: suggestions do not use them)."""
    actors, ties = [], []
    for part in synth.generate_area(area, seed=seed):
        actors += part.actors
        ties += part.ties
    return Network(actors, ties).at(day)


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def naive_top(graph: nx.Graph, village: str) -> tuple[list[tuple[str, float]], float]:
    """Resource allocation over every non-neighbour, the best first (ties by id), and its time."""
    start = time.perf_counter()
    pairs = [(village, other) for other in nx.non_neighbors(graph, village)]
    scores = [(v, score) for _, v, score in nx.resource_allocation_index(graph, pairs)]
    scores.sort(key=lambda item: (-round(item[1], 12), item[0]))
    return scores, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": statistics.median(ms), "p95_ms": percentile(ms, 0.95), "mean_ms": statistics.fmean(ms)}


def run(area: str, sample: int, seed: int, day: date) -> dict:
    build_time, net = timed(lambda: build(area, seed, day))
    villages = sorted(v.id for v in net.of_kind(ActorKind.VILLAGE))
    chosen = random.Random(seed).sample(villages, min(sample, len(villages)))
    index_time, _ = timed(lambda: suggest(net, chosen[0]))  # builds the per-network index

    full, network_only, naive = [], [], []
    mismatches = []
    worst_difference = 0.0
    graph = partner_graph(net)  # the graph suggest's network component reads
    for village in chosen:
        seconds, _ = timed(lambda v=village: suggest(net, v))
        full.append(seconds)
        seconds, _ = timed(lambda v=village: suggest(net, v, within="all", weights=NETWORK_ONLY))
        network_only.append(seconds)
        ours = suggest(net, village, within="all", top=None, weights=NETWORK_ONLY)  # every candidate, for the check
        theirs, seconds = naive_top(graph, village)
        naive.append(seconds)
        allowed = {c.id for c in eligible(net, village, within="all")}
        theirs = [(v, s) for v, s in theirs if s > 0 and v in allowed]
        ours_scores = {s.candidate.id: s.score for s in ours}
        for v, s in theirs:
            worst_difference = max(worst_difference, abs(ours_scores.get(v, 0.0) - s))
        ours_top = sorted(ours_scores.items(), key=lambda item: (-round(item[1], 12), item[0]))[:TOP]
        if [v for v, _ in ours_top] != [v for v, _ in theirs[:TOP]] or len(ours_scores) != len(theirs):
            mismatches.append(village)

    tracemalloc.start()
    fresh = net.at(day)  # a new view: its index is built again, under tracemalloc
    for village in chosen:
        suggest(fresh, village)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    times = {"suggest": summary(full), "suggest_network_only": summary(network_only), "naive_networkx": summary(naive)}
    naive_median = times["naive_networkx"]["median_ms"]
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "networkx": nx.__version__,
        "area": area,
        "seed": seed,
        "day": day.isoformat(),
        "network": {
            "actors": len(net.actors),
            "ties": len(net.ties),
            "villages": len(villages),
            "partner_graph_nodes": graph.number_of_nodes(),
            "partner_graph_edges": graph.number_of_edges(),
        },
        "sample": len(chosen),
        "build_network_s": build_time,
        "first_call_with_index_s": index_time,
        "latency": times,
        "speed_ratio_median": {
            "naive_over_suggest": naive_median / times["suggest"]["median_ms"],
            "naive_over_network_only": naive_median / times["suggest_network_only"]["median_ms"],
        },
        "same_top10_by_resource_allocation": not mismatches,
        "mismatched_villages": mismatches,
        "largest_score_difference": worst_difference,
        "peak_traced_mb_index_and_suggestions": traced_peak / 2**20,
        "peak_rss_mb_process": max_rss_kb / 1024,
    }


def table(figures: dict) -> str:
    n = figures["network"]
    lines = [
        f"Synthetic area {figures['area']} (seed {figures['seed']}) on {figures['day']}: {n['actors']:,} actors, "
        f"{n['ties']:,} ties in force, {n['villages']:,} villages; partner graph {n['partner_graph_nodes']:,} nodes, "
        f"{n['partner_graph_edges']:,} edges.",
        f"Sample: {figures['sample']} villages. Building the network: {figures['build_network_s']:.1f} s; "
        f"first suggestion, building the index: {figures['first_call_with_index_s'] * 1000:.0f} ms.",
        "",
        f"{'method':<44}{'median ms':>11}{'p95 ms':>10}",
    ]
    labels = {
        "suggest": "suggest (defaults: all components, kabupaten)",
        "suggest_network_only": "suggest (network component only, all areas)",
        "naive_networkx": "networkx resource_allocation_index, naive",
    }
    for key, label in labels.items():
        row = figures["latency"][key]
        lines.append(f"{label:<44}{row['median_ms']:>11.2f}{row['p95_ms']:>10.2f}")
    ratio = figures["speed_ratio_median"]
    lines += [
        "",
        f"Speed ratio (median naive / median suggest): {ratio['naive_over_suggest']:.1f}× with all components, "
        f"{ratio['naive_over_network_only']:.1f}× with the network component alone.",
        f"Same top {TOP} by resource allocation as networkx: "
        f"{'yes' if figures['same_top10_by_resource_allocation'] else 'NO'}"
        f" (largest score difference {figures['largest_score_difference']:.1e}).",
        f"Peak memory: {figures['peak_traced_mb_index_and_suggestions']:.1f} MB traced for the index and the "
        f"suggestions; {figures['peak_rss_mb_process']:.0f} MB resident for the whole process.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark jejaring suggest against naive networkx.")
    parser.add_argument("--area", default="18", help="Kemendagri code of the synthetic area (default 18, Lampung)")
    parser.add_argument("--sample", type=int, default=50, help="villages to suggest for (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the network and the sample (default 1)")
    parser.add_argument("--day", type=date.fromisoformat, default=date(2024, 12, 31), help="view date (ISO)")
    args = parser.parse_args(argv)
    figures = run(args.area, args.sample, args.seed, args.day)
    print(table(figures))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"suggest-{args.area}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten to {out}")
    return 0 if figures["same_top10_by_resource_allocation"] else 1


if __name__ == "__main__":
    sys.exit(main())
