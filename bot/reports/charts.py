"""Report charts with matplotlib (object API, no pyplot state, safe in a running bot).

SVG for the HTML page keeps text as text (`svg.fonttype: none`) and names CJK families for
the browser; PDF pages use a CJK font loaded by path (see `fonts.py`).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.reports.aggregate import SEVERITY_ZH, ReportData, RuleRow, minutes_text
from bot.reports.fonts import BROWSER_FAMILIES, MissingFontError, find_cjk_font

matplotlib.use("Agg")
BLUE, RED, GREY = "#2b6cb0", "#c53030", "#a0aec0"
_RC_LOCK = threading.RLock()
_ADDED_FONTS: set[str] = set()


@contextmanager
def chart_style(font: Path | None = None) -> Iterator[None]:
    """Matplotlib settings for our charts; with `font`, that CJK font is used by path."""
    families = list(BROWSER_FAMILIES[:-1])
    if font is not None:
        if str(font) not in _ADDED_FONTS:  # addfont appends each time; once is enough
            font_manager.fontManager.addfont(str(font))
            _ADDED_FONTS.add(str(font))
        families.insert(0, font_manager.FontProperties(fname=str(font)).get_name())
    rc: Any = {
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.family": ["sans-serif"],
        "font.sans-serif": [*families, "DejaVu Sans"],
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "font.size": 9,
    }
    with _RC_LOCK, matplotlib.rc_context(rc):  # rcParams are global: one renderer at a time
        yield


def trend_chart(data: ReportData, ax: Any) -> None:
    """Findings per day (or month) as bars."""
    labels = [label for label, _ in data.trend]
    ax.bar(range(len(labels)), [n for _, n in data.trend], color=BLUE)
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    ax.set_title("发现数量趋势")
    ax.set_ylabel("条", rotation=0, labelpad=12)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    # a quiet period has only zero bars: keep the axis 0…1, not matplotlib's ±0.05 around zero
    ax.set_ylim(0, max([1, *(n for _, n in data.trend)]) * 1.05)


def category_chart(data: ReportData, ax: Any) -> None:
    """Findings by category, this period against the previous one."""
    labels = [c[0] for c in data.categories] or ["无"]
    rows = range(len(labels))
    now = [c[1] for c in data.categories] or [0]
    before = [c[2] for c in data.categories] or [0]
    ax.barh([r + 0.2 for r in rows], now, height=0.4, color=BLUE, label="本期")
    ax.barh([r - 0.2 for r in rows], before, height=0.4, color=GREY, label="上期")
    ax.set_yticks(list(rows), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([1, *now, *before]) * 1.05)  # counts never go below zero
    ax.legend(frameon=False)
    ax.set_title("问题分类（本期与上期）")


def response_chart(data: ReportData, ax: Any) -> None:
    """Median minutes to the first decision, every severity in place ('—' where none)."""
    medians = dict(data.response_by_severity)
    labels = [SEVERITY_ZH[s] for s in ("critical", "high", "medium", "low")]
    values = [medians.get(label, 0.0) for label in labels]
    bars = ax.bar(labels, values, color=BLUE, width=0.6)
    ax.bar_label(bars, labels=[minutes_text(medians.get(label)) for label in labels])
    ax.set_ylim(0, max(1.0, max(values) * 1.15))
    ax.set_title("告警响应中位用时（按严重程度）")
    ax.set_ylabel("分钟")


def fp_rows(data: ReportData) -> list[RuleRow]:
    """The rules with decided alerts, worst false-positive rate first (at most 12)."""
    return sorted((r for r in data.rules if r.alerts), key=lambda r: -r.fp_rate)[:12]


def fp_chart_height(data: ReportData) -> float:
    """Inches for the false-positive chart: a bar's worth per rule, not a half page for one."""
    return 0.9 + 0.25 * max(1, len(fp_rows(data)))


def false_positive_chart(data: ReportData, ax: Any) -> None:
    """False-positive rate per rule (from 误报 presses), worst first."""
    rows = fp_rows(data)
    labels = [r.title or r.rule_id for r in rows] or ["无已处理告警"]
    rates = [r.fp_rate * 100 for r in rows] or [0]
    colours = [RED if r.fp_rate >= 0.3 else BLUE for r in rows] or [GREY]
    bars = ax.barh(labels, rates, color=colours, height=0.6)
    ax.bar_label(bars, fmt="%.0f%%")
    ax.set_xlim(0, 110)
    ax.invert_yaxis()
    ax.set_title("各规则误报率（%）")


NO_DECISIONS = "本期无已处理告警"


def drawn(data: ReportData) -> list[str]:
    """The charts with something to show: response and false-positive charts need decisions."""
    empty = {"response": not data.response_by_severity,
             "false_positives": not any(r.alerts for r in data.rules)}
    return [name for name in CHARTS if not empty.get(name, False)]


CHARTS = {
    "trend": (trend_chart, (7.5, 3.0)),
    "categories": (category_chart, (7.5, 3.0)),
    "response": (response_chart, (7.5, 2.8)),
    "false_positives": (false_positive_chart, (7.5, 3.2)),
}


def render_svgs(data: ReportData, font_path: str = "") -> dict[str, str]:
    """Every chart worth drawing (see `drawn`) as an inline SVG (text left to the browser).

    A CJK font, when the machine has one, gives matplotlib the right text widths for the
    layout; without one the SVG is the same text, laid out with DejaVu's metrics.
    """
    try:
        font: Path | None = find_cjk_font(font_path)
    except MissingFontError:
        font = None
    out = {}
    with chart_style(font):
        for name in drawn(data):
            draw, size = CHARTS[name]
            if name == "false_positives":
                size = (size[0], fp_chart_height(data))
            fig = Figure(figsize=size, layout="constrained")
            draw(data, fig.subplots())
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg")
            svg = buffer.getvalue()
            out[name] = svg[svg.index("<svg"):]
    return out
