"""Report and digest shapes computed from facts (pure: no Telegram, no DB, no I/O).

The report follows the shape of an outpatient department's annual summary: totals against the
previous period, the trend, categories, response times, false-positive rates per rule (from
"误报" presses) and suggested improvements.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.schedule import Period
from bot.texts import SEVERITY_NAMES
from storage.stats import FindingFact

CATEGORY_ZH = {
    "personal_data": "个人信息泄露",
    "gift": "红包礼品",
    "unexamined_advice": "未面诊诊疗",
    "unlicensed_advice": "非医师诊疗建议",
    "off_topic": "广告/无关内容",
}
SEVERITY_ZH = {key: names["zh"] for key, names in SEVERITY_NAMES.items()}  # as alerts say it
ROLE_ZH = {
    "doctor": "医生", "nurse": "护士", "assistant": "医助", "patient": "患者",
    "family": "家属", "unknown": "未知",
}
FP_WARN_RATE = 0.3
FP_WARN_MIN = 3
log = logging.getLogger(__name__)


@functools.cache
def pack_titles() -> dict[str, str]:
    """Chinese titles of the built-in rules, for findings that never had an alert (imports)."""
    from rules.loader import RuleError, load_rules

    try:
        return {rule.id: rule.title.zh for rule in load_rules()}
    except (RuleError, OSError) as exc:  # a broken pack must not stop a report
        log.warning("rule titles unavailable: %s", exc)
        return {}


def rule_titles(facts: Sequence[FindingFact]) -> dict[str, str]:
    """rule id → Chinese title: as its alerts showed it, else the built-in pack's title."""
    titles = {f.rule_id: f.title for f in facts if f.title}
    known = pack_titles()
    return {f.rule_id: titles.get(f.rule_id) or known.get(f.rule_id, "") for f in facts}


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One rule's line: findings, alerts, false positives and their rate."""

    rule_id: str
    findings: int
    alerts: int
    false_positives: int
    title: str = ""

    @property
    def label(self) -> str:
        """'红包礼品邀约（gift-red-packet-offer）', or the id alone without a title."""
        return f"{self.title}（{self.rule_id}）" if self.title else self.rule_id

    @property
    def fp_rate(self) -> float:
        """Share of decided alerts that were marked false positive (0 when none)."""
        return self.false_positives / self.alerts if self.alerts else 0.0


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything a rendered report shows."""

    title: str
    scope: str
    period: Period
    generated_at: datetime
    totals: dict[str, int]
    previous_total: int
    trend: list[tuple[str, int]]
    categories: list[tuple[str, int, int]]  # label, this period, previous period
    severities: list[tuple[str, int]]
    roles: list[tuple[str, int]]
    response_minutes: dict[str, float | None]  # median, p90, within_deadline (share)
    response_by_severity: list[tuple[str, float]]
    rules: list[RuleRow]
    improvements: list[str]
    cases: list[str] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        """Relative change of the total against the previous period."""
        if not self.previous_total:
            return None
        return (self.totals["findings"] - self.previous_total) / self.previous_total


def _minutes(fact: FindingFact) -> float | None:
    """Minutes from the alert to its first decision (imported history: never from `at`)."""
    if fact.decided_at is None:
        return None
    start = fact.alerted_at or fact.at
    return max(0.0, (fact.decided_at - start).total_seconds() / 60)


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def trend_buckets(
    facts: Sequence[FindingFact], period: Period, tz: ZoneInfo
) -> list[tuple[str, int]]:
    """Counts per day (week, month) or per month (year), every bucket present."""
    if period.kind == "year":
        counts = Counter(f.at.astimezone(tz).month for f in facts)
        return [(f"{m}月", counts.get(m, 0)) for m in range(1, 13)]
    counts_d = Counter(f.at.astimezone(tz).date() for f in facts)
    days = (period.end.date() - period.start.date()).days
    return [
        ((d := period.start.date() + timedelta(days=i)).strftime("%m-%d"), counts_d.get(d, 0))
        for i in range(days)
    ]


def _totals(facts: Sequence[FindingFact]) -> dict[str, int]:
    decisions = Counter(f.decision for f in facts if f.alerted)
    return {
        "findings": len(facts),
        "alerts": sum(f.alerted for f in facts),
        "acknowledged": decisions.get("ack", 0),
        "false_positives": decisions.get("false_positive", 0),
        "escalated": sum(1 for f in facts if f.escalations or f.decision == "escalate"),
        "unanswered": decisions.get(None, 0),
        "critical": sum(f.severity == "critical" for f in facts),
    }


def rule_rows(facts: Sequence[FindingFact]) -> list[RuleRow]:
    """Per-rule counts with the rule's Chinese title, most findings first; the feedback table."""
    rows = []
    titles = rule_titles(facts)
    for rule in sorted({f.rule_id for f in facts}):
        mine = [f for f in facts if f.rule_id == rule]
        decided = [f for f in mine if f.alerted and f.decision is not None]
        fps = sum(f.decision == "false_positive" for f in decided)
        rows.append(RuleRow(rule, len(mine), len(decided), fps, titles.get(rule, "")))
    return sorted(rows, key=lambda r: (-r.findings, r.rule_id))


def improvements(data_rules: Sequence[RuleRow], categories: Sequence[tuple[str, int, int]],
                 response: dict[str, float | None], deadline_minutes: int,
                 totals: dict[str, int]) -> list[str]:
    """Suggested improvements, in Chinese, derived only from the numbers."""
    out = [
        f"规则 {r.label} 误报率 {r.fp_rate:.0%}（{r.false_positives}/{r.alerts}），"
        "建议规则负责人复核调整。"
        for r in data_rules if r.alerts >= FP_WARN_MIN and r.fp_rate >= FP_WARN_RATE
    ]
    out += [
        f"“{label}”类问题较上期增加 {now - before} 起，建议开展专项提醒或培训。"
        for label, now, before in categories if before and now > before * 1.2
    ]
    median = response.get("median")
    if median is not None and median > deadline_minutes:
        out.append(
            f"告警确认中位用时 {median:.0f} 分钟，超过时限 {deadline_minutes} 分钟，"
            "建议明确值班安排。"
        )
    if totals["unanswered"]:
        out.append(f"仍有 {totals['unanswered']} 条告警未处理，请科室负责人尽快确认。")
    return out or ["本期未发现需要特别改进的事项，请保持。"]


def build_report(
    facts: Sequence[FindingFact],
    previous: Sequence[FindingFact],
    period: Period,
    scope: str,
    tz: ZoneInfo,
    *,
    now: datetime,
    deadline_minutes: int = 60,
    cases: Sequence[str] = (),
) -> ReportData:
    """Aggregate one period's facts (and the previous period's) into a report."""
    totals = _totals(facts)
    this_cat = Counter(f.category for f in facts)
    prev_cat = Counter(f.category for f in previous)
    categories = [
        (CATEGORY_ZH.get(c, c), this_cat.get(c, 0), prev_cat.get(c, 0))
        for c in sorted(set(this_cat) | set(prev_cat), key=lambda c: (-this_cat.get(c, 0), c))
    ]
    times = [m for f in facts if f.alerted and (m := _minutes(f)) is not None]
    response: dict[str, float | None] = {
        "median": statistics.median(times) if times else None,
        "p90": _percentile(times, 0.9) if times else None,
        "within_deadline": (
            sum(t <= deadline_minutes for t in times) / len(times) if times else None
        ),
    }
    by_sev = []
    for sev in ("critical", "high", "medium", "low"):
        sev_times = [m for f in facts if f.severity == sev and (m := _minutes(f)) is not None]
        if sev_times:
            by_sev.append((SEVERITY_ZH[sev], statistics.median(sev_times)))
    rules = rule_rows(facts)
    sev_counts = Counter(f.severity for f in facts)
    return ReportData(
        title=report_title(scope, period),
        scope=scope,
        period=period,
        generated_at=now,
        totals=totals,
        previous_total=len(previous),
        trend=trend_buckets(facts, period, tz),
        categories=categories,
        severities=[(SEVERITY_ZH[s], sev_counts[s]) for s in SEVERITY_ZH if sev_counts[s]],
        roles=[
            (ROLE_ZH.get(r, r), n) for r, n in Counter(f.sender_role for f in facts).most_common()
        ],
        response_minutes=response,
        response_by_severity=by_sev,
        rules=rules,
        improvements=improvements(rules, categories, response, deadline_minutes, totals),
        cases=list(cases),
    )


def report_title(scope: str, period: Period) -> str:
    """'全院医患群合规报告（…）'; a department's name set apart: '心内科 Cardiology · 医患群…'."""
    head = "全院" if scope == "全院" else f"{scope} · "
    return f"{head}医患群合规报告（{period.label}）"


def minutes_text(value: float | None) -> str:
    """'42 分钟', '<1 分钟' or '—' (no decisions yet)."""
    if value is None:
        return "—"
    return "<1 分钟" if value < 1 else f"{value:.0f} 分钟"


def pseudonym(sender_key: str) -> str:
    """A short stable alias for a sender, so digests never show an id or a name of a patient."""
    return hashlib.sha256(sender_key.encode("utf-8")).hexdigest()[:4]


def digest_text(
    facts: Sequence[FindingFact],
    unanswered: int,
    department: str,
    day_label: str,
    *,
    top: int = 5,
    staff_name: Callable[[str], str | None] = lambda key: None,
) -> str:
    """The daily digest for a department head: short, Chinese, no personal data."""
    lines = [f"📊 {department} 每日合规摘要（{day_label}）", f"新发现 {len(facts)} 条"]
    titles = rule_titles(facts)
    for category, count in Counter(f.category for f in facts).most_common():
        rules = Counter(f.rule_id for f in facts if f.category == category).most_common(3)
        detail = "，".join(f"{titles.get(rule) or rule} {n}" for rule, n in rules)
        lines.append(f"· {CATEGORY_ZH.get(category, category)} {count} 条（{detail}）")
    lines.append(f"未确认告警 {unanswered} 条" + ("，请尽快处理。" if unanswered else "。"))
    senders = Counter((f.sender_role, f.sender_key) for f in facts if f.sender_key)
    if senders:
        lines.append("涉及最多的发送者：")
        for (role, key), count in senders.most_common(top):
            name = staff_name(key) if role in ("doctor", "nurse", "assistant") else None
            who = name or f"{ROLE_ZH.get(role, role)}#{pseudonym(key)}"
            lines.append(f"· {who}（{ROLE_ZH.get(role, role)}）{count} 条")
    if not facts and not unanswered:
        lines.append("今日无新问题。")
    lines.append("Daily compliance digest; details via /alerts in this chat.")
    return "\n".join(lines)
