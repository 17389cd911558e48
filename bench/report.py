"""Turn the benchmark results into the summary table and docs/benchmarks.md.

`summary_rows` is the one list of headline numbers: the terminal table and the Markdown
summary both come from it, so they cannot disagree. Each row carries its design §6 target and
the baseline measured in the same run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Row:
    """One headline number with its target, the same-run baseline and the verdict."""

    section: str
    metric: str
    target: str
    value: str
    baseline: str = ""
    ratio: str = ""
    verdict: str = ""  # "pass", "FAIL" or "" (no target)


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("pass" if ok else "FAIL")


def _ratio(ours: float | None, base: float | None, *, higher_is_better: bool) -> str:
    if not ours or not base:
        return ""
    factor = ours / base if higher_is_better else base / ours
    return f"{factor:.1f}× {'better' if factor >= 1 else 'worse'}"


def detection_rows(section: dict[str, Any]) -> list[Row]:
    """Headline rows of the detection section (ours against Presidio)."""
    engines = section["engines"]
    ours, base = engines.get("wardwatch", {}), engines.get("presidio", {})
    if "error" in ours or not ours:
        ours = {}
    rows = []
    for key, label, target, limit, higher in (
        ("messages_per_s", "messages/s, one core (wall clock)", "≥ 3,000 (aim 10,000)",
         3000.0, True),
        ("messages_per_cpu_s", "messages per CPU-second", "≥ 3,000 (aim 10,000)", 3000.0,
         True),
        ("p50_ms", "p50 per message, ms", "", None, False),
        ("p99_ms", "p99 per message, ms (wall clock)", "≤ 5", 5.0, False),
        ("p99_cpu_ms", "p99 per message, ms (CPU time)", "≤ 5", 5.0, False),
        ("peak_rss_mib", "peak RSS, MiB", "≤ 400", 400.0, False),
        ("startup_s", "start-up to first result, s (median of launches, wall clock)", "≤ 3",
         3.0, False),
        ("startup_cpu_s", "start-up to first result, CPU seconds", "≤ 3", 3.0, False),
    ):
        value, reference = ours.get(key), base.get(key)
        ok = None if limit is None or value is None else (
            value >= limit if higher else value <= limit)
        rows.append(Row("detection", label, target, _fmt(value), _fmt(reference),
                        _ratio(value, reference, higher_is_better=higher), _verdict(ok)))
    for key, clock in (("messages_per_s", "wall clock"), ("messages_per_cpu_s", "CPU time")):
        speedup = section.get("ratios", {}).get(key)
        rows.append(Row("detection", f"speed-up over Presidio ({clock})", "≥ 2×",
                        f"{speedup:.1f}×" if speedup else "–", "1.0×", "",
                        _verdict(None if speedup is None else speedup >= 2)))
    return rows + _quality_rows(section.get("quality", {}))


def _quality_rows(quality: dict[str, Any]) -> list[Row]:
    entities = quality.get("entities", {})
    recall, every = entities.get("_structured_recall", {}), entities.get("_all", {})
    rows = []
    if recall:
        ours = recall.get("wardwatch")
        rows.append(Row("quality", "structured-ID recall (plain + disguised)", "≥ 0.97",
                        _fmt(ours, 3), _fmt(recall.get("presidio"), 3),
                        _ratio(ours, recall.get("presidio"), higher_is_better=True),
                        _verdict(None if ours is None else ours >= 0.97)))
    if "wardwatch" in every and "presidio" in every:
        ours, base = every["wardwatch"], every["presidio"]
        rows.append(Row("quality", f"labelled values found (all {every['labelled']:,})",
                        "more than Presidio", f"{ours:,}", f"{base:,}",
                        _ratio(ours, base, higher_is_better=True), _verdict(ours > base)))
    rates = quality.get("rates")
    if rates:
        gift = rates["gift_recall"]["rate"]
        flags = rates["consultation_false_flags"]["rate"]
        presidio_flags = quality.get("presidio_consultation_flag_rate", {}).get("rate")
        rows.append(Row("quality", "gift recall (generated gifts)", "≥ 0.9", _fmt(gift, 3),
                        "", "", _verdict(gift >= 0.9)))
        rows.append(Row("quality", "false flags on real consultation turns", "≤ 1%",
                        f"{flags:.2%}", "" if presidio_flags is None else f"{presidio_flags:.2%}",
                        "", _verdict(flags <= 0.01)))
    return rows


def terminal_table(rows: list[Row]) -> str:
    """A plain aligned table for the terminal."""
    header = ("section", "metric", "target", "WardWatch", "baseline", "ratio", "")
    cells = [header] + [(r.section, r.metric, r.target, r.value, r.baseline, r.ratio, r.verdict)
                        for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def section_rows(name: str, section: dict[str, Any]) -> list[Row]:
    """Rows of any other section: its `headline` list, else its top-level numbers."""
    headline = section.get("headline")
    if headline:
        return [Row(name, h["metric"], h.get("target", ""), _fmt(h.get("value")),
                    _fmt(h.get("baseline")) if h.get("baseline") is not None else "",
                    h.get("ratio", ""), _verdict(h.get("ok"))) for h in headline]
    return [Row(name, key, "", _fmt(float(value))) for key, value in section.items()
            if isinstance(value, int | float) and not isinstance(value, bool)]
