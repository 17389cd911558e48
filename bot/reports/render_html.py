"""The report as one self-contained HTML page (inline SVG charts, Chinese first)."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.reports.aggregate import ReportData, minutes_text
from bot.reports.charts import NO_DECISIONS, render_svgs
from bot.reports.fonts import BROWSER_FAMILIES

CSS = """
body{font-family:%s;margin:2em auto;max-width:960px;color:#1a202c;line-height:1.6;padding:0 1em}
h1{font-size:1.6em;border-bottom:3px solid #2b6cb0;padding-bottom:.3em}
h2{font-size:1.2em;color:#2b6cb0;margin-top:1.8em}
.meta{color:#4a5568}.kpis{display:flex;flex-wrap:wrap;gap:.8em}
.kpi{border:1px solid #cbd5e0;border-radius:6px;padding:.6em 1em;min-width:7em}
.kpi b{display:block;font-size:1.5em;color:#2b6cb0}
table{border-collapse:collapse;width:100%%;margin:.6em 0}
th,td{border:1px solid #cbd5e0;padding:.3em .6em;text-align:left}th{background:#edf2f7}
td.n{text-align:right}.warn{color:#c53030;font-weight:bold}svg{max-width:100%%;height:auto}
"""


def period_span(data: ReportData, tz: ZoneInfo) -> str:
    """'2026-11-16 至 2026-11-22': the first and last day of the period."""
    first = data.period.start.astimezone(tz).date()
    last = (data.period.end.astimezone(tz) - timedelta(days=1)).date()
    return f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def kpis(data: ReportData) -> list[tuple[str, str]]:
    """The headline numbers, shared by the HTML and the PDF."""
    t = data.totals
    change = "—" if data.change is None else f"{data.change:+.0%}"
    return [
        ("发现总数", str(t["findings"])), ("较上期", change), ("告警", str(t["alerts"])),
        ("已确认", str(t["acknowledged"])), ("误报", str(t["false_positives"])),
        ("升级", str(t["escalated"])), ("未处理", str(t["unanswered"])),
        ("严重事件", str(t["critical"])),
        ("响应中位", minutes_text(data.response_minutes["median"])),
        ("时限内确认", _pct(data.response_minutes["within_deadline"])),
    ]


def response_line(data: ReportData) -> str:
    """The response-time sentence, or '本期无已处理告警' when nobody decided on an alert."""
    r = data.response_minutes
    if r["median"] is None:
        return NO_DECISIONS
    return (f"告警首次处理中位用时 {minutes_text(r['median'])}，90% 分位 "
            f"{minutes_text(r['p90'])}，时限内确认比例 {_pct(r['within_deadline'])}。")


def _rule_table(data: ReportData) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.title or '—')}</td><td><code>{escape(r.rule_id)}</code></td>"
        f"<td class=n>{r.findings}</td><td class=n>{r.alerts}</td>"
        f"<td class=n>{r.false_positives}</td>"
        f"<td class='n{' warn' if r.alerts >= 3 and r.fp_rate >= 0.3 else ''}'>"
        f"{_pct(r.fp_rate if r.alerts else None)}</td></tr>"
        for r in data.rules
    ) or "<tr><td colspan=6>本期无发现</td></tr>"
    return (
        "<table><tr><th>标题</th><th>规则 Rule</th><th>发现</th><th>已处理告警</th><th>误报</th>"
        f"<th>误报率</th></tr>{rows}</table>"
    )


def render_html(data: ReportData, tz: ZoneInfo, font_path: str = "") -> str:
    """The whole page as a string (`font_path`: the configured CJK font, for chart layout)."""
    svgs = render_svgs(data, font_path)
    fonts = ", ".join(f"'{f}'" if " " in f else f for f in BROWSER_FAMILIES)
    period = data.period
    span = period_span(data, tz)
    kpi_html = "".join(
        f"<div class=kpi>{escape(k)}<b>{escape(v)}</b></div>" for k, v in kpis(data)
    )
    categories = "".join(
        f"<tr><td>{escape(label)}</td><td class=n>{now}</td><td class=n>{before}</td></tr>"
        for label, now, before in data.categories
    )
    roles = "、".join(f"{escape(role)} {n}" for role, n in data.roles) or "—"
    improvements = "".join(f"<li>{escape(line)}</li>" for line in data.improvements)
    cases = "".join(f"<li>{escape(line)}</li>" for line in data.cases)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(data.title)}</title><style>{CSS % fonts}</style></head><body>
<h1>{escape(data.title)}</h1>
<p class=meta>统计范围：{escape(data.scope)}　统计期间：{span}　生成时间：
{data.generated_at.astimezone(tz):%Y-%m-%d %H:%M}<br>
Compliance report — {escape(period.kind)} {span}. 本报告不含聊天原文与个人信息。</p>
<h2>一、总体情况</h2><div class=kpis>{kpi_html}</div>
<h2>二、趋势</h2>{svgs["trend"]}
<h2>三、问题分类</h2>
<table><tr><th>类别</th><th>本期</th><th>上期</th></tr>{categories}</table>
{svgs["categories"]}<p>发送者角色分布：{roles}</p>
<h2>四、响应时间</h2>
<p>{response_line(data)}</p>{svgs.get("response", "")}
<h2>五、规则反馈（误报率）</h2>
<p>误报率 = 被点击“误报”的告警 / 已处理告警；供规则负责人调整规则包。</p>
{_rule_table(data)}{svgs.get("false_positives", "")}
<h2>六、改进建议</h2><ol>{improvements}</ol>
{f"<h2>七、投诉与纠纷案件</h2><ul>{cases}</ul>" if cases else ""}
</body></html>
"""
