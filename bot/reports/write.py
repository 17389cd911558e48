"""Write a report's HTML page and PDF side by side, named after scope and period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.reports.aggregate import ReportData
from bot.reports.fonts import MissingFontError
from bot.reports.render_html import render_html
from bot.reports.render_pdf import render_pdf


def report_stem(data: ReportData, tz: ZoneInfo) -> str:
    """'report-cardiology-month-2026-11-01': stable, so a re-run overwrites instead of doubling."""
    scope = re.sub(r"[^\w-]+", "_", data.scope).strip("_") or "hospital"
    start = data.period.start.astimezone(tz)
    return f"report-{scope}-{data.period.kind}-{start:%Y-%m-%d}"


def write_report(
    data: ReportData, out_dir: Path, tz: ZoneInfo, font_path: str = ""
) -> tuple[Path, Path]:
    """Write `<stem>.html` and `<stem>.pdf` into `out_dir`; MissingFontError without a font."""
    written = write_report_files(data, out_dir, tz, font_path)
    if written.pdf is None:
        raise MissingFontError(written.font_problem)
    return written.html, written.pdf


@dataclass(frozen=True, slots=True)
class Written:
    """The files of one report; `pdf` is None (and `font_problem` says why) without a font."""

    html: Path
    pdf: Path | None
    font_problem: str = ""


def write_report_files(data: ReportData, out_dir: Path, tz: ZoneInfo,
                       font_path: str = "") -> Written:
    """Write the HTML page always, and the PDF when a CJK font is available."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(data, tz)
    html_path = out_dir / f"{stem}.html"
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(render_html(data, tz, font_path), encoding="utf-8")
    tmp.replace(html_path)  # atomic: a crash never leaves half a page
    try:
        pdf_path = render_pdf(data, out_dir / f"{stem}.pdf", tz, font_path)
    except MissingFontError as exc:
        return Written(html_path, None, str(exc))
    return Written(html_path, pdf_path)
