"""Write a report's HTML page and PDF side by side, named after scope and period."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.reports.aggregate import ReportData
from bot.reports.render_html import render_html
from bot.reports.render_pdf import render_pdf


def report_stem(data: ReportData, tz: ZoneInfo) -> str:
    """'report-cardiology-month-2026-11': stable, so a re-run overwrites instead of doubling."""
    scope = re.sub(r"[^\w-]+", "_", data.scope).strip("_") or "hospital"
    start = data.period.start.astimezone(tz)
    return f"report-{scope}-{data.period.kind}-{start:%Y-%m-%d}"


def write_report(
    data: ReportData, out_dir: Path, tz: ZoneInfo, font_path: str = ""
) -> tuple[Path, Path]:
    """Write `<stem>.html` and `<stem>.pdf` into `out_dir`; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(data, tz)
    html_path = out_dir / f"{stem}.html"
    pdf_path = render_pdf(data, out_dir / f"{stem}.pdf", tz, font_path)
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(render_html(data, tz), encoding="utf-8")
    tmp.replace(html_path)  # atomic: a crash never leaves half a page
    return html_path, pdf_path
