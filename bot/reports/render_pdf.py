"""The report as an A4 PDF drawn with matplotlib, using a CJK font found by path."""

from __future__ import annotations

import logging
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from bot.reports.aggregate import ReportData
from bot.reports.charts import (
    BLUE,
    NO_DECISIONS,
    category_chart,
    chart_style,
    false_positive_chart,
    fp_chart_height,
    response_chart,
    trend_chart,
)
from bot.reports.fonts import find_cjk_font
from bot.reports.render_html import kpis, period_span, response_line

A4 = (8.27, 11.69)
# fontTools logs every subsetting step at INFO; WenQuanYi has no bold face, which matplotlib
# reports once per text as a warning. Neither is news to an operator.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _page(pdf: PdfPages, data: ReportData, number: int, heading: str) -> Figure:
    """A new A4 page with the running header and footer."""
    fig = Figure(figsize=A4)
    fig.text(0.07, 0.965, data.title, fontsize=10, color="#4a5568")
    fig.text(0.93, 0.025, f"第 {number} 页", fontsize=8, ha="right", color="#4a5568")
    fig.text(0.07, 0.025, "本报告不含聊天原文与个人信息", fontsize=8, color="#4a5568")
    fig.text(0.07, 0.925, heading, fontsize=15, weight="bold", color=BLUE)
    return fig


def _table(fig: Figure, rect: tuple[float, float, float, float], header: list[str],
           rows: list[list[str]], widths: list[float] | None = None) -> None:
    """A simple bordered table inside `rect` (figure coordinates)."""
    ax = fig.add_axes(rect)
    ax.axis("off")
    body = rows or [["—"] * len(header)]
    table = ax.table(cellText=body, colLabels=header, loc="upper center", cellLoc="left",
                     colWidths=widths)
    table.auto_set_font_size(False)
    table.set_fontsize(9)
    table.scale(1, 1.4)
    for (row, _), cell in table.get_celld().items():
        cell.set_edgecolor("#cbd5e0")
        if row == 0:
            cell.set_facecolor("#edf2f7")


def wrap_wide(text: str, width: int) -> str:
    """Wrap by display width (a CJK character counts 2), for text drawn on a PDF page."""
    lines, current, used = [], "", 0
    for char in text:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            lines.append(current)
            current, used = "   ", 3
        current, used = current + char, used + size
    return "\n".join([*lines, current])


def _overview(pdf: PdfPages, data: ReportData, tz: ZoneInfo) -> None:
    fig = _page(pdf, data, 1, data.title)
    scope = f"统计范围：{data.scope}　统计期间：{period_span(data, tz)}"
    fig.text(0.07, 0.895, scope, fontsize=10)
    generated = data.generated_at.astimezone(tz)
    fig.text(0.07, 0.875, f"生成时间：{generated:%Y-%m-%d %H:%M}", fontsize=10)
    fig.text(0.07, 0.835, "一、总体情况", fontsize=13, weight="bold")
    for index, (label, value) in enumerate(kpis(data)):
        x, y = 0.07 + (index % 5) * 0.175, 0.76 - (index // 5) * 0.075
        fig.patches.append(_box(fig, x, y))
        fig.text(x + 0.01, y + 0.038, label, fontsize=9, color="#4a5568")
        fig.text(x + 0.01, y + 0.008, value, fontsize=15, weight="bold", color=BLUE)
    fig.text(0.07, 0.64, "二、趋势", fontsize=13, weight="bold")
    trend_chart(data, fig.add_axes((0.1, 0.36, 0.83, 0.25)))
    roles = "、".join(f"{role} {n}" for role, n in data.roles) or "—"
    fig.text(0.07, 0.27, f"发送者角色分布：{roles}", fontsize=10)
    pdf.savefig(fig)


def _box(fig: Figure, x: float, y: float) -> FancyBboxPatch:
    return FancyBboxPatch((x, y), 0.16, 0.06, boxstyle="round,pad=0.004",
                          transform=fig.transFigure, facecolor="white", edgecolor="#cbd5e0",
                          figure=fig)


def _categories_and_response(pdf: PdfPages, data: ReportData) -> None:
    fig = _page(pdf, data, 2, "三、问题分类")
    rows = [[label, str(now), str(before)] for label, now, before in data.categories]
    _table(fig, (0.07, 0.72, 0.86, 0.18), ["类别", "本期", "上期"], rows)
    category_chart(data, fig.add_axes((0.22, 0.47, 0.7, 0.22)))
    fig.text(0.07, 0.4, "四、响应时间", fontsize=15, weight="bold", color=BLUE)
    fig.text(0.07, 0.37, response_line(data), fontsize=10)
    if data.response_by_severity:
        response_chart(data, fig.add_axes((0.1, 0.08, 0.83, 0.24)))
    pdf.savefig(fig)


def _rules_and_improvements(pdf: PdfPages, data: ReportData) -> None:
    fig = _page(pdf, data, 3, "五、规则反馈（误报率）")
    rows = [
        [r.title or "—", r.rule_id, str(r.findings), str(r.alerts), str(r.false_positives),
         f"{r.fp_rate:.0%}" if r.alerts else "—"]
        for r in data.rules[:10]
    ]
    header = ["标题", "规则", "发现", "已处理告警", "误报", "误报率"]
    _table(fig, (0.07, 0.66, 0.86, 0.24), header, rows, [0.38, 0.33, 0.07, 0.1, 0.06, 0.06])
    if any(r.alerts for r in data.rules):
        height = min(0.2, fp_chart_height(data) / A4[1] * 0.75)  # top edge stays at 0.62
        false_positive_chart(data, fig.add_axes((0.32, 0.62 - height, 0.6, height)))
    else:
        fig.text(0.07, 0.6, NO_DECISIONS, fontsize=10, color="#4a5568")
    fig.text(0.07, 0.36, "六、改进建议", fontsize=15, weight="bold", color=BLUE)
    lines = [f"{i}. {item}" for i, item in enumerate(data.improvements, 1)]
    wrapped = "\n".join(wrap_wide(line, 92) for line in lines)
    fig.text(0.07, 0.33, wrapped, fontsize=10, va="top", linespacing=1.6)
    if data.cases:
        fig.text(0.07, 0.16, "七、投诉与纠纷案件", fontsize=15, weight="bold", color=BLUE)
        cases = "\n".join(wrap_wide(line, 92) for line in data.cases)
        fig.text(0.07, 0.13, cases, fontsize=10, va="top", linespacing=1.6)
    pdf.savefig(fig)


def render_pdf(data: ReportData, path: Path, tz: ZoneInfo, font_path: str = "") -> Path:
    """Write the PDF; raise MissingFontError (naming the package) without a CJK font."""
    font = find_cjk_font(font_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with chart_style(font), PdfPages(path, metadata=_metadata(data)) as pdf:
        _overview(pdf, data, tz)
        _categories_and_response(pdf, data)
        _rules_and_improvements(pdf, data)
    return path


def _metadata(data: ReportData) -> dict[str, Any]:
    # A fixed creation date keeps re-rendering the same period byte-stable enough to compare.
    created: datetime = data.generated_at
    return {"Title": data.title, "Creator": "WardWatch", "CreationDate": created}
