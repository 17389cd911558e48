"""One detection engine in its own process, pinned to one CPU: `python -m bench.worker`.

A separate process per engine keeps the numbers apart: peak resident memory (VmHWM) is this
process's alone, and start-up includes every import the engine needs. The parent times the
launch up to the `ready` line, which is printed after the engine has been built and has
answered one message (lazy loading, such as jieba's dictionary, is therefore counted). The
worker also reports the CPU seconds it had used by then (`startup_cpu_s`, interpreter start
included), which other work on the machine does not inflate. `--passes 0` stops after `ready`:
a start-up-only launch, so the parent can take the median of several cheaply.

Engines: `wardwatch` (rules.engine, the full default pack), `presidio` (bench.presidio_baseline)
and `floor` (does nothing: the interpreter, the corpus and the loop, for reference).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rules.model import Message, Role

Detect = Callable[[Message], Any]
# What the engines report, reduced to (categories, personal-data spans) outside the timing.
Summary = tuple[list[str], list[tuple[int, int, str]]]
_WARMUP_TEXT = "医生您好，我是张伟，手机号13812345678，给您发个红包 My email is a@example.com"


def main(argv: list[str] | None = None) -> None:
    """Run one engine over a corpus file and write the measurements as JSON."""
    args = _parse(argv)
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    started = time.perf_counter()
    detect, summarise, new_pass = _engine(args.engine)
    loaded = time.perf_counter()
    detect(Message(id="warm", text=_WARMUP_TEXT, chat_id="warm"))
    first = time.perf_counter()
    startup_cpu = _cpu_seconds()
    print("ready", flush=True)
    messages = _read(args.corpus) if args.passes else []
    for message in messages[: args.warmup]:
        detect(message)
    walls: list[float] = []
    cpus: list[float] = []
    latencies: list[int] = []
    cpu_latencies: list[int] = []
    outputs: list[Any] = []
    for _ in range(args.passes):
        new_pass()
        wall, cpu_s, latencies, cpu_latencies, outputs = _timed_pass(detect, messages)
        walls.append(wall)
        cpus.append(cpu_s)
    result = {
        "engine": args.engine, "cpu": args.cpu, "messages": len(messages),
        "import_load_s": loaded - started, "first_result_s": first - started,
        "startup_cpu_s": startup_cpu,
        "pass_wall_s": walls, "pass_cpu_s": cpus, "latency_ns": latencies,
        "cpu_latency_ns": cpu_latencies,
        "detections": {m.id: summarise(out) for m, out in zip(messages, outputs, strict=True)},
        **_memory(),
    }
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("engine", choices=("wardwatch", "presidio", "floor"))
    parser.add_argument("corpus", help="JSONL written by bench.detection_bench")
    parser.add_argument("out", help="where to write the JSON result")
    parser.add_argument("--cpu", type=int, default=None, help="pin to this CPU")
    parser.add_argument("--passes", type=int, default=3,
                        help="timed passes over the corpus; 0 stops after start-up")
    parser.add_argument("--warmup", type=int, default=500)
    return parser.parse_args(argv)


Pass = tuple[float, float, list[int], list[int], list[Any]]


def _timed_pass(detect: Detect, messages: list[Message]) -> Pass:
    """Every message once: wall and CPU seconds of the pass, per-message wall and CPU ns.

    CPU time (CLOCK_THREAD_CPUTIME_ID) leaves out the time the process waited for the CPU,
    so it shows the engine's own cost even when other work shares the machine.
    """
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    latencies: list[int] = []
    cpu_latencies: list[int] = []
    outputs: list[Any] = []
    begin, cpu_begin = clock(), cpu()
    for message in messages:
        t0, c0 = clock(), cpu()
        outputs.append(detect(message))
        cpu_latencies.append(cpu() - c0)
        latencies.append(clock() - t0)
    return ((clock() - begin) / 1e9, (cpu() - cpu_begin) / 1e9, latencies, cpu_latencies,
            outputs)


def _read(path: str) -> list[Message]:
    messages = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        messages.append(Message(id=row["id"], text=row["text"], chat_id=row["chat_id"],
                                sender_id=row["sender_id"], sender_role=Role(row["sender_role"]),
                                source="scan"))
    return messages


def _cpu_seconds() -> float:
    """User + system CPU seconds this process has used since it was launched."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _memory() -> dict[str, int]:
    """Peak and current resident memory of this process, in KiB."""
    status = Path("/proc/self/status")
    fields: dict[str, int] = {}
    if status.exists():
        for line in status.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key.lower() + "_kib"] = int(value.split()[0])
    fields["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return fields


def _engine(name: str) -> tuple[Detect, Callable[[Any], Summary], Callable[[], None]]:
    """(detect one message, reduce its output, start a fresh pass) for the named engine."""
    if name == "wardwatch":
        return _wardwatch()
    if name == "presidio":
        return _presidio()
    return (lambda message: None), (lambda out: ([], [])), (lambda: None)


def _wardwatch() -> tuple[Detect, Callable[[Any], Summary], Callable[[], None]]:
    from rules.engine import Engine

    engine = Engine.load()
    contexts: dict[str, Any] = {}

    def detect(message: Message) -> Any:
        context = contexts.get(message.chat_id)
        if context is None:
            context = contexts[message.chat_id] = engine.new_context()
        return engine.evaluate(message, context)

    def summarise(findings: Any) -> Summary:
        categories = sorted({str(f.category) for f in findings})
        spans = [(s.start, s.end, s.entity) for f in findings
                 if str(f.category) == "personal_data" for s in f.spans]
        return categories, spans

    return detect, summarise, contexts.clear


def _presidio() -> tuple[Detect, Callable[[Any], Summary], Callable[[], None]]:
    from bench import presidio_baseline

    engine = presidio_baseline.build()

    def summarise(spans: Any) -> Summary:
        return (["personal_data"] if spans else []), spans

    return (lambda m: presidio_baseline.analyze(engine, m.text)), summarise, (lambda: None)


if __name__ == "__main__":
    main()
