"""Report aggregation, digest text, charts, the HTML page and the PDF."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.reports.aggregate import build_report, digest_text, rule_rows
from bot.reports.fonts import MissingFontError, find_cjk_font
from bot.reports.render_html import render_html
from bot.schedule import report_period
from storage.stats import FindingFact
from tests.unit.bot.reportdata import TZ, month_of_facts

NOW = datetime(2026, 12, 1, 9, tzinfo=TZ)
PERIOD = report_period("month", NOW, TZ)


def fact(rule: str, decision: str | None, minutes: int = 10, **kw: object) -> FindingFact:
    at = PERIOD.start + timedelta(days=2, hours=10)
    decided = at + timedelta(minutes=minutes) if decision else None
    return FindingFact(at=at, department="cardiology", category=str(kw.get("category", "gift")),
                       rule_id=rule, severity="high", sender_role=str(kw.get("role", "patient")),
                       sender_key=str(kw.get("key", "u1")), alerted=True, decision=decision,
                       decided_at=decided)


def test_rule_rows_when_false_positives_pressed_then_rate_per_rule() -> None:
    facts = [fact("r1", "false_positive"), fact("r1", "ack"), fact("r1", None), fact("r2", "ack")]
    rows = {r.rule_id: r for r in rule_rows(facts)}
    assert (rows["r1"].findings, rows["r1"].alerts, rows["r1"].false_positives) == (3, 2, 1)
    assert rows["r1"].fp_rate == 0.5 and rows["r2"].fp_rate == 0.0


def test_build_report_when_month_then_totals_trend_and_improvements() -> None:
    facts = [fact("noisy", "false_positive") for _ in range(4)] + [fact("r2", "ack", 120)]
    data = build_report(facts, facts[:1], PERIOD, "心内科", TZ, now=NOW, deadline_minutes=60)
    assert data.totals["findings"] == 5 and data.totals["false_positives"] == 4
    assert len(data.trend) == 30 and sum(n for _, n in data.trend) == 5
    assert data.change == 4.0
    assert any("noisy" in line and "误报率 100%" in line for line in data.improvements)
    assert data.response_minutes["median"] == 10


def test_digest_when_patients_flagged_then_pseudonyms_not_ids() -> None:
    facts = [fact("r1", None, key="8123456789"), fact("r1", "ack", key="8123456789"),
             fact("r2", None, key="42", role="doctor")]
    text = digest_text(facts, 1, "心内科", "2026-11-03",
                       staff_name=lambda key: "张医生" if key == "42" else None)
    assert text.startswith("📊 心内科 每日合规摘要（2026-11-03）")
    assert "未确认告警 1 条" in text and "张医生（医生）1 条" in text
    assert "8123456789" not in text and "患者#" in text


def test_render_html_when_rendered_then_inline_svg_keeps_chinese_text() -> None:
    data = build_report(month_of_facts(PERIOD.start, 30), [], PERIOD, "心内科", TZ, now=NOW)
    page = render_html(data, TZ)
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    assert page.count("<svg") == 4
    assert "发现数量趋势</text>" in page or "发现数量趋势" in page.split("<svg", 1)[1]
    assert "WenQuanYi Micro Hei" in page


def test_find_cjk_font_when_none_installed_then_error_names_package(tmp_path: Path) -> None:
    with pytest.raises(MissingFontError, match="fonts-wqy-microhei"):
        find_cjk_font("", candidates=(str(tmp_path / "nope.ttc"),))
    with pytest.raises(MissingFontError, match=r"reports\.font_path"):
        find_cjk_font(str(tmp_path / "missing.ttf"))


def test_write_report_when_font_present_then_html_and_three_page_pdf(tmp_path: Path) -> None:
    try:
        find_cjk_font()
    except MissingFontError as exc:
        pytest.skip(str(exc))
    from bot.reports.write import write_report

    data = build_report(month_of_facts(PERIOD.start, 30), [], PERIOD, "心内科", TZ, now=NOW)
    html_path, pdf_path = write_report(data, tmp_path, TZ)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 3
    assert b"WenQuanYi" in pdf or b"Noto" in pdf  # the CJK font is embedded
    again = write_report(data, tmp_path, TZ)
    assert again == (html_path, pdf_path) and len(list(tmp_path.iterdir())) == 2


def test_build_report_when_department_then_title_sets_its_name_apart() -> None:
    data = build_report([], [], PERIOD, "心内科 Cardiology", TZ, now=NOW)
    assert data.title == "心内科 Cardiology · 医患群合规报告（2026 年 11 月）"
    whole = build_report([], [], PERIOD, "全院", TZ, now=NOW)
    assert whole.title == "全院医患群合规报告（2026 年 11 月）"


def test_render_html_when_no_alert_decided_then_one_line_instead_of_empty_charts() -> None:
    facts = [fact("gift-red-packet-offer", None), fact("pii-phone-number", None)]
    page = render_html(build_report(facts, [], PERIOD, "全院", TZ, now=NOW), TZ)
    section = page.split("四、响应时间", 1)[1].split("五、", 1)[0]
    assert "本期无已处理告警" in section and "<svg" not in section
    assert page.count("<svg") == 2  # the trend and the categories


def test_rule_table_when_rendered_then_chinese_title_beside_rule_id() -> None:
    from rules.loader import load_rules

    pack = {rule.id: rule.title.zh for rule in load_rules()}
    facts = [fact("gift-red-packet-offer", "false_positive"),
             dataclasses.replace(fact("house-rule", "ack"), title="本院自定规则")]
    data = build_report(facts, [], PERIOD, "全院", TZ, now=NOW)
    assert {r.rule_id: r.title for r in data.rules} == {
        "gift-red-packet-offer": pack["gift-red-packet-offer"], "house-rule": "本院自定规则"}
    table = render_html(data, TZ).split("五、规则反馈", 1)[1]
    assert f"<td>{pack['gift-red-packet-offer']}</td><td><code>gift-red-packet-offer" in table
    assert "<td>本院自定规则</td><td><code>house-rule" in table


def test_charts_when_one_rule_decided_then_small_chart_and_every_severity_shown() -> None:
    from bot.reports.charts import fp_chart_height, render_svgs

    one = build_report([fact("gift-red-packet-offer", "ack")], [], PERIOD, "全院", TZ, now=NOW)
    many = build_report(month_of_facts(PERIOD.start, 30), [], PERIOD, "全院", TZ, now=NOW)
    assert fp_chart_height(one) < fp_chart_height(many) / 1.5
    response = render_svgs(one)["response"]
    assert all(label in response for label in ("严重", "高", "中", "低", "10 分钟", "—"))
