"""Detection section: our engine against Presidio's predefined recognizers, same texts, one core.

Each engine runs in its own pinned subprocess (bench.worker); this module builds the corpus,
launches the workers one after another, times their start-up and turns their raw output into
the section's numbers: throughput, latency percentiles, peak memory, start-up and quality.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import corpus, quality

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"messages_per_s": 3000.0, "messages_per_s_aim": 10000.0, "p99_ms": 5.0,
           "peak_rss_mib": 400.0, "startup_s": 3.0, "speedup_vs_presidio": 2.0}
# Launches per engine whose start-up is measured (the median is reported): the timed rounds
# plus start-up-only launches, because one launch on a busy machine varies by ±50 %.
STARTUP_LAUNCHES = 5


def run(scale: int, *, quick: bool = False) -> dict[str, Any]:
    """Measure every available engine on a corpus of `scale` messages."""
    built = corpus.build(scale)
    engines = ["floor", "presidio"]
    notes = [f"corpus: {len(built.items)} messages, {built.note}"]
    if importlib.util.find_spec("rules.engine") is None:
        notes.append("wardwatch engine skipped: rules.engine is not importable yet")
    else:
        engines.insert(1, "wardwatch")
    passes = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="wardwatch-bench-") as tmp:
        corpus_path = Path(tmp) / "corpus.jsonl"
        corpus_path.write_text("".join(json.dumps(item.to_json(), ensure_ascii=False) + "\n"
                                       for item in built.items), encoding="utf-8")
        rounds = _rounds(engines, corpus_path, Path(tmp), passes)
        _add_startups(rounds, corpus_path, Path(tmp), STARTUP_LAUNCHES - passes)
    raw = {name: _merge(results) for name, results in rounds.items()}
    engines_out = {name: _summary(result) for name, result in raw.items()}
    failed = [name for name, result in raw.items() if "error" in result]
    notes += [f"{name} failed: {raw[name]['error']}" for name in failed]
    ok = {name: result for name, result in raw.items() if "error" not in result}
    return {
        "corpus": {"messages": len(built.items), "note": built.note, "kinds": built.counts,
                   "mean_chars": _mean_chars(built.items)},
        "engines": engines_out,
        "ratios": _ratios(engines_out),
        "quality": quality.evaluate(built.items, {n: r["detections"] for n, r in ok.items()
                                                  if n != "floor"}),
        "per_kind_us": {n: _per_kind(built.items, r["latency_ns"]) for n, r in ok.items()},
        "targets": TARGETS,
        "passes": passes,
        "notes": notes,
    }


def _rounds(engines: list[str], corpus_path: Path, tmp: Path,
            passes: int) -> dict[str, list[dict[str, Any]]]:
    """`passes` rounds, each running every engine once in turn (A B C A B C …).

    Alternating engines rather than running one engine's passes back to back means a burst
    of other work on the machine slows every engine alike instead of one of them.
    """
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in engines}
    for _ in range(passes):
        for name in engines:
            if not any("error" in r for r in results[name]):
                results[name].append(_launch(name, corpus_path, tmp))
    return results


def _add_startups(results: dict[str, list[dict[str, Any]]], corpus_path: Path, tmp: Path,
                  launches: int) -> None:
    """`launches` more start-up-only launches per engine (no pass), alternating engines."""
    for _ in range(launches):
        for name, rounds in results.items():
            if not any("error" in r for r in rounds):
                rounds.append(_launch(name, corpus_path, tmp, passes=0))


def _merge(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One result per engine: the median round's latencies, every round's pass time, the
    median start-up of every launch."""
    failed = [r for r in rounds if "error" in r]
    if failed:
        return failed[0]
    timed = [r for r in rounds if r["pass_wall_s"]]
    ordered = sorted(timed, key=lambda r: r["pass_wall_s"][0])
    merged = dict(ordered[len(ordered) // 2])
    merged["pass_wall_s"] = [r["pass_wall_s"][0] for r in timed]
    merged["pass_cpu_s"] = [r["pass_cpu_s"][0] for r in timed]
    for key in ("startup_s", "startup_cpu_s", "import_load_s", "first_result_s"):
        merged[key] = sorted(r[key] for r in rounds)[len(rounds) // 2]
    merged["startup_launches"] = len(rounds)
    for key in ("vmhwm_kib", "ru_maxrss_kib"):
        if all(key in r for r in rounds):
            merged[key] = max(r[key] for r in rounds)
    return merged


def _launch(engine: str, corpus_path: Path, tmp: Path, passes: int = 1) -> dict[str, Any]:
    """Run one worker; its JSON result plus the start-up time seen from outside."""
    out = tmp / f"{engine}.json"
    command = [sys.executable, "-m", "bench.worker", engine, str(corpus_path), str(out),
               "--cpu", str(bench_cpu()), "--passes", str(passes)]
    log = tmp / f"{engine}.stderr"
    began = time.perf_counter()
    # stderr goes to a file: a chatty engine must not block on a full pipe before `ready`.
    with log.open("w") as err, subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                                stderr=err, text=True) as process:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        startup = time.perf_counter() - began
        process.communicate()
    if process.returncode != 0 or first_line.strip() != "ready":
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return {"error": (lines or ["no output"])[-1][:300]}
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["startup_s"] = startup
    return result


def bench_cpu() -> int:
    """The CPU every worker is pinned to: the last one this process may use."""
    return max(os.sched_getaffinity(0))


def _percentile(sorted_values: list[int], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return float(sorted_values[index])


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    if "error" in result:
        return {"error": result["error"]}
    latencies = sorted(result["latency_ns"])
    cpu_latencies = sorted(result["cpu_latency_ns"])
    wall = sorted(result["pass_wall_s"])[len(result["pass_wall_s"]) // 2]  # median pass
    cpu = sorted(result["pass_cpu_s"])[len(result["pass_cpu_s"]) // 2]
    return {
        "messages_per_s": result["messages"] / wall,
        "messages_per_cpu_s": result["messages"] / cpu,
        "pass_messages_per_s": [result["messages"] / w for w in result["pass_wall_s"]],
        "p50_ms": _percentile(latencies, 0.50) / 1e6,
        "p99_ms": _percentile(latencies, 0.99) / 1e6,
        "p999_ms": _percentile(latencies, 0.999) / 1e6,
        "max_ms": latencies[-1] / 1e6,
        "p50_cpu_ms": _percentile(cpu_latencies, 0.50) / 1e6,
        "p99_cpu_ms": _percentile(cpu_latencies, 0.99) / 1e6,
        "peak_rss_mib": result.get("vmhwm_kib", result["ru_maxrss_kib"]) / 1024,
        "startup_s": result["startup_s"],
        "startup_cpu_s": result["startup_cpu_s"],
        "startup_launches": result["startup_launches"],
        "import_load_s": result["import_load_s"],
        "first_result_s": result["first_result_s"],
        "cpu": result["cpu"],
    }


def _ratios(engines: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Ours / Presidio for each number (throughput: higher is better; the rest: lower)."""
    ours, base = engines.get("wardwatch", {}), engines.get("presidio", {})
    if "error" in ours or "error" in base or not ours or not base:
        return {}
    keys = ("messages_per_s", "messages_per_cpu_s", "p50_ms", "p99_ms", "p99_cpu_ms",
            "peak_rss_mib", "startup_s", "startup_cpu_s")
    return {key: ours[key] / base[key] for key in keys if base.get(key)}


def _per_kind(items: list[corpus.Item], latencies: list[int]) -> dict[str, float]:
    """Mean microseconds per message for each corpus kind."""
    totals: dict[str, list[int]] = {}
    for item, ns in zip(items, latencies, strict=True):
        totals.setdefault(item.kind, []).append(ns)
    return {kind: sum(v) / len(v) / 1000 for kind, v in sorted(totals.items())}


def _mean_chars(items: list[corpus.Item]) -> float:
    return sum(len(item.message.text) for item in items) / max(1, len(items))
