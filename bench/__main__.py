"""`make bench`: run every section, print the headline table, write the report and results.

    python -m bench [--scale N] [--only detection|archive|bot] [--quick] [--no-write]

A section whose component is not importable yet is skipped with a note, and a section that
fails is reported as failed; neither stops the others.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import shlex
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import document, report

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = ROOT / "bench" / "results.json"
SECTIONS = ("detection", "archive", "bot")
QUICK_SCALE = 2_000
DEFAULT_SCALE = 20_000


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a section failed (missed targets are only reported)."""
    args = _parse(argv)
    if args.render:
        return _render_only(args.results, args.doc)
    scale = args.scale or (QUICK_SCALE if args.quick else DEFAULT_SCALE)
    results: dict[str, Any] = {
        "command": "python -m bench " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "scale": scale, "quick": args.quick, "environment": document.environment(),
        "sections": {},
    }
    earlier = _earlier_sections(args.results) if args.only else {}
    for name in SECTIONS:
        if name in (args.only or SECTIONS):
            print(f"== {name}", file=sys.stderr, flush=True)
            measured = document.measured()
            results["sections"][name] = run_section(name, scale, quick=args.quick)
            results["sections"][name]["measured"] = measured
        elif name in earlier:
            results["sections"][name] = {**earlier[name], "carried_over": True}
    results["environment"]["load_average_end"] = document.load_average()
    rows = headline_rows(results["sections"])
    print(report.terminal_table(rows))
    if args.quick and args.doc == DOC and args.results == RESULTS:
        # A smoke run must not replace the measured report that is committed.
        print("\n--quick: docs/benchmarks.md and bench/results.json left as they were")
    elif not args.no_write:
        args.results.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
        args.doc.write_text(document.render(results, rows), encoding="utf-8")
        print(f"\nwrote {_shown(args.doc)} and {_shown(args.results)}")
    return 1 if any("error" in s for s in results["sections"].values()) else 0


def _render_only(results_path: Path, doc: Path) -> int:
    """Rewrite the report from an existing results file, measuring nothing."""
    results = json.loads(results_path.read_text(encoding="utf-8"))
    rows = headline_rows(results["sections"])
    print(report.terminal_table(rows))
    doc.write_text(document.render(results, rows), encoding="utf-8")
    print(f"\nwrote {_shown(doc)} from {_shown(results_path)}")
    return 0


def _earlier_sections(path: Path) -> dict[str, dict[str, Any]]:
    """Sections of the previous results file, kept when `--only` reruns some of them."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        sections: dict[str, dict[str, Any]] = earlier["sections"]
    except (OSError, ValueError, KeyError):
        return {}
    env = earlier.get("environment", {})
    stamp = {"at": env.get("date", "?"), "commit": env.get("commit", "?"),
             "load_average": env.get("load_average", "?")}
    return {name: {"measured": stamp, **s} for name, s in sections.items()
            if "error" not in s and "skipped" not in s}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=None,
                        help=f"messages in the corpus (default {DEFAULT_SCALE:,}; "
                             f"--quick {QUICK_SCALE:,})")
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only this section (repeatable); the others are carried "
                             "over from the previous bench/results.json")
    parser.add_argument("--quick", action="store_true",
                        help="small corpus, one timed pass: a smoke run, not a measurement "
                             "(prints only; the committed report is left alone)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--render", action="store_true",
                        help="rewrite docs/benchmarks.md from bench/results.json, measure nothing")
    parser.add_argument("--doc", type=Path, default=DOC, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_section(name: str, scale: int, *, quick: bool) -> dict[str, Any]:
    """One section's results, or {"skipped": why} / {"error": what} — never an exception."""
    try:
        runner = _runner(name)
    except ImportError as exc:
        return {"skipped": f"component not importable yet ({exc})"}
    except Exception as exc:  # a component that is there but broken is a failure, not a skip
        traceback.print_exc()
        return {"error": f"import failed: {type(exc).__name__}: {exc}"}
    try:
        return runner(scale, quick)
    except Exception as exc:  # one broken section must not hide the others' numbers
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def _runner(name: str) -> Callable[[int, bool], dict[str, Any]]:
    if name == "detection":
        from bench import detection_bench

        return lambda scale, quick: detection_bench.run(scale, quick=quick)
    module = importlib.import_module(f"bench.{name}_bench")
    if name == "archive":
        # storage's benchmark takes the archive size only; it owns its defaults.
        return lambda scale, quick: module.run(archive_scale(scale, quick=quick))
    return lambda scale, quick: module.run(scale, quick=quick)


def archive_scale(scale: int, *, quick: bool) -> int:
    """Archive rows: 1,000,000 for the design §6 search target; 10,000 for --quick."""
    return max(scale, 10_000 if quick else 1_000_000)


def headline_rows(sections: dict[str, dict[str, Any]]) -> list[report.Row]:
    """The summary rows of every section that produced numbers."""
    rows: list[report.Row] = []
    for name, section in sections.items():
        first = len(rows)
        if "skipped" in section or "error" in section:
            status = "skipped" if "skipped" in section else "FAILED"
            rows.append(report.Row(name, status, "", "", verdict="" if status == "skipped"
                                   else "FAIL"))
        elif name == "detection":
            rows += report.detection_rows(section)
        else:
            rows += report.section_rows(name, section)
        if section.get("carried_over"):
            rows[first:] = [dataclasses.replace(r, section=f"{r.section}*")
                            for r in rows[first:]]
    return rows


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
