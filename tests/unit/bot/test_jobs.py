"""Scheduled jobs against a real archive, with an injected clock moved forward (no sleeping)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from telegram.error import TimedOut

from bot.config import Settings
from bot.jobrunner import JobRunner, spec
from bot.jobs import build_runner, deliver_notices, register_jobs
from rules.model import Action, ActionKind, Category, Finding, Message, Role, Severity
from storage import acks, archive, cases, escalations, workflow
from storage import jobs as jobstore
from storage.db import Store, open_store

HEAD, AFFAIRS, LEAD, OPERATOR, WITNESS = 1001, 1002, 1003, 9000, -100500


class Clock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


def make_settings(tmp_path: Path, **jobs: object) -> Settings:
    return Settings.model_validate({
        "telegram": {"operator_chat_id": OPERATOR, "witness_chat_id": WITNESS},
        "roster": {
            "departments": [{"id": "cardiology", "name": "心内科"}],
            "people": [
                {"telegram_id": HEAD, "name": "李主任", "role": "doctor",
                 "department": "cardiology", "duties": ["department_head"]},
                {"telegram_id": AFFAIRS, "name": "医务处", "duties": ["medical_affairs"]},
                {"telegram_id": LEAD, "name": "纪检", "duties": ["compliance_lead", "compliance"]},
            ],
        },
        "escalation": {"chain": [
            {"duty": "department_head", "deadline": "1h"},
            {"duty": "medical_affairs", "deadline": "4h"},
            {"duty": "compliance_lead", "deadline": "1d"},
        ]},
        "reports": {"output_dir": str(tmp_path / "reports")},
        "cases": {"approvers": [AFFAIRS]},
        "jobs": {"max_attempts": 2, **jobs},
    })


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'ww.db'}", archive_key=bytes(range(32)),
                        key_dir=tmp_path / "keys")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def runner(tmp_path: Path, store: Store, clock: Clock) -> JobRunner:
    return build_runner(make_settings(tmp_path), store, clock)


def archive_alert(store: Store, n: int, rule: str = "pii-phone",
                  severity: Severity = Severity.HIGH) -> int:
    message = Message(id=str(n), text="电话 13800138000", chat_id="c1", sender_id=f"u{n}",
                      sender_role=Role.PATIENT, ts=datetime.now(UTC), department="cardiology",
                      source="telegram")
    finding = Finding(message_id=str(n), rule_id=rule, category=Category.PERSONAL_DATA,
                      severity=severity, chat_id="c1", sender_id=f"u{n}")
    alert = Action(kind=ActionKind.ALERT, rule_id=rule, message_id=str(n), chat_id="c1",
                   target="department_head", severity=severity)
    with store.begin() as session:
        record = archive.append_message(session, message, masked_text="电话 ***")
        assert record is not None
        return archive.record_findings(session, record, [finding], [alert])[1][0]


def notices(store: Store, prefix: str = "") -> list[tuple[str, str]]:
    with store.begin() as session:
        return [(n.key, n.chat_id) for n in jobstore.notices(session, prefix)]


def test_escalation_when_time_passes_deadlines_then_climbs_chain_once_per_level(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    alert = archive_alert(store, 1)
    runner.run_due("escalation_scan", clock.advance(minutes=59))
    assert notices(store, "esc") == []
    runner.run_due("escalation_scan", clock.advance(minutes=2))
    assert notices(store, "esc") == [
        (f"esc:{alert}:1:{AFFAIRS}", str(AFFAIRS)), (f"escrem:{alert}:1:{HEAD}", str(HEAD)),
    ]
    runner.run_due("escalation_scan", clock.advance(minutes=1))
    assert len(notices(store, "esc")) == 2  # same level: nothing new
    runner.run_due("escalation_scan", clock.advance(hours=4))
    assert (f"esc:{alert}:2:{LEAD}", str(LEAD)) in notices(store, "esc")


def test_escalation_when_acknowledged_in_time_then_never_escalated(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    alert = archive_alert(store, 1)
    with store.begin() as session:
        acks.record(session, alert, str(HEAD), "ack", clock.now + timedelta(minutes=10))
    runner.run_due("escalation_scan", clock.advance(days=2))
    assert notices(store, "esc") == []


def test_escalation_when_critical_then_medical_affairs_at_once(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    alert = archive_alert(store, 1, rule="pii-other-patient-record", severity=Severity.CRITICAL)
    runner.run_due("escalation_scan", clock.advance(seconds=30))
    assert notices(store, "esc") == [(f"esc:{alert}:1:{AFFAIRS}", str(AFFAIRS))]


def test_escalation_when_process_killed_mid_scan_then_restart_escalates_exactly_once(
    tmp_path: Path, store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive_alert(store, 1)
    first = build_runner(make_settings(tmp_path), store, clock)
    clock.advance(minutes=61)

    def killed(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # the process dies after the effects, before the commit

    monkeypatch.setattr(jobstore, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        first.run_due("escalation_scan")
    monkeypatch.undo()
    assert notices(store) == []  # nothing half-done survived
    second = build_runner(make_settings(tmp_path), store, clock)  # the restarted process
    assert second.recover() == 1
    second.run_due("escalation_scan")
    second.run_due("escalation_scan")
    assert len(notices(store, "esc:")) == 1 and len(notices(store, "escrem:")) == 1


def installed(runner: JobRunner, *names: str) -> None:
    """The bot has been running for a while: these jobs are past their first start."""
    with runner.context.store.begin() as session:
        for name in names:
            jobstore.baseline(session, name, "installed", runner.context.clock())


def next_local(runner: JobRunner, hour: int, minute: int) -> datetime:
    """The next local hour:minute (+30 s) after the clock, in UTC."""
    local = runner.context.clock().astimezone(runner.context.tz)
    target = local.replace(hour=hour, minute=minute, second=30, microsecond=0)
    return (target if target > local else target + timedelta(days=1)).astimezone(UTC)


def test_runner_when_first_start_then_no_replay_but_downtime_is_caught_up(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    clock.now = next_local(runner, 8, 30)
    assert runner.run_due("daily_digest") is None  # installed today: yesterday is not replayed
    assert notices(store, "digest:") == []
    clock.now = next_local(runner, 8, 0) + timedelta(days=2)  # the bot was down two days
    assert runner.run_due("daily_digest") == "1 digests"  # the missed period runs once
    assert runner.run_due("daily_digest", clock.advance(minutes=1)) is None


def test_job_when_it_fails_then_retried_then_given_up_and_operator_told(
    tmp_path: Path, store: Store, clock: Clock
) -> None:
    calls = []

    def broken(*_: Any) -> str:
        calls.append(1)
        raise RuntimeError("disk full")

    runner = JobRunner(make_settings(tmp_path), store, clock,
                       [spec("nightly", "测试", "daily 03:00", broken)])
    clock.now = next_local(runner, 12, 0)
    runner.run_due("nightly")  # first start: yesterday's run is not replayed
    assert calls == []
    clock.now = next_local(runner, 3, 0)
    runner.run_due("nightly")
    runner.run_due("nightly", clock.advance(minutes=1))  # too early for the retry
    runner.run_due("nightly", clock.advance(minutes=5))
    runner.run_due("nightly", clock.advance(minutes=10))  # gave up after max_attempts=2
    assert len(calls) == 2
    keys = [key for key, chat in notices(store, "jobfail:") if chat == str(OPERATOR)]
    assert [k.rsplit(":", 1)[1] for k in keys] == ["failed", "gave_up"]
    [status] = runner.statuses()
    assert status.last is not None and status.last.last_status == "gave_up"
    assert "disk full" in (status.last.last_error or "")


def test_digest_when_day_passes_then_one_digest_per_head_without_personal_data(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    installed(runner, "daily_digest")
    archive_alert(store, 1)
    archive_alert(store, 2)
    runner.run_due("daily_digest", clock.advance(days=1))
    runner.run_due("daily_digest", clock.advance(minutes=5))
    with store.begin() as session:
        [digest] = jobstore.notices(session, "digest:")
    assert digest.chat_id == str(HEAD) and "新发现 2 条" in digest.text
    assert "未确认告警 2 条" in digest.text and "13800138000" not in digest.text


def test_monthly_report_when_month_ends_then_files_written_and_sent_once(
    runner: JobRunner, store: Store, clock: Clock, tmp_path: Path
) -> None:
    installed(runner, "monthly_report")
    archive_alert(store, 1)
    local = clock.now.astimezone(runner.context.tz)
    next_month = (local.replace(day=28) + timedelta(days=5)).replace(day=1, hour=10, minute=0)
    clock.now = next_month.astimezone(UTC)
    assert runner.run_due("monthly_report") is not None
    assert runner.run_due("monthly_report", clock.advance(hours=1)) is None
    files = sorted(p.suffix for p in (tmp_path / "reports").iterdir())
    assert files == [".html", ".html", ".pdf", ".pdf"]  # hospital and cardiology
    sent = notices(store, "report:month:")
    assert {chat for _, chat in sent} == {str(AFFAIRS), str(LEAD), str(HEAD)}


def test_verify_chain_when_record_tampered_then_compliance_alerted(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    installed(runner, "verify_chain")
    archive_alert(store, 1)
    assert runner.run_due("verify_chain", clock.advance(days=1)) == "ok: 3 records"
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE finding_record SET rule_id = 'harmless'"))
    result = runner.run_due("verify_chain", clock.advance(days=1))
    assert result is not None and result.startswith("BROKEN")
    assert {chat for _, chat in notices(store, "verify:")} == {str(LEAD), str(OPERATOR)}


def test_checkpoint_when_due_then_signed_and_posted_to_witness(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    installed(runner, "checkpoint", "verify_chain")
    archive_alert(store, 1)
    runner.run_due("checkpoint", clock.advance(hours=1))
    assert [chat for _, chat in notices(store, "witness:")] == [str(WITNESS)]
    assert runner.run_due("verify_chain", clock.advance(days=1)) == "ok: 3 records"


def open_complaint(store: Store, clock: Clock) -> int:
    """A complaint at intake (its deadline passes within days); its internal id."""
    intake = {"complainant": "登记表 C-1", "received_at": "2026-11-25", "matter": "隐私投诉",
              "channel": "phone"}
    with store.begin() as session:
        return workflow.open_case(session, "隐私投诉", "desk", intake, clock.now)


def test_case_reminders_when_stage_overdue_then_reminded_once(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    open_complaint(store, clock)
    installed(runner, "case_reminders")
    runner.run_due("case_reminders", clock.advance(days=5))
    runner.run_due("case_reminders", clock.advance(hours=1))
    reminders = notices(store, "case:")
    assert len(reminders) == 1 and reminders[0][0].endswith(f"overdue:{AFFAIRS}")


def test_case_reminders_when_sent_then_text_cites_reference_and_key_keeps_id(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    case_id = open_complaint(store, clock)
    with store.begin() as session:
        reference = cases.get_case(session, case_id).reference
    installed(runner, "case_reminders")
    runner.run_due("case_reminders", clock.advance(days=5))
    with store.begin() as session:
        [notice] = jobstore.notices(session, "case:")
        key, text = notice.key, notice.text
    assert key.startswith(f"case:{case_id}:intake:")  # as before references: not sent twice
    assert text.startswith(f"⏰ 案件 {reference} 的“受理登记”阶段已超期")
    assert f"Case {reference}: stage intake overdue" in text


class FakeBot:
    """Records sends; the first send times out."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail_next = True

    async def send_message(self, chat_id: str, text: str) -> None:
        if self.fail_next:
            self.fail_next = False
            raise TimedOut("slow")
        self.sent.append((chat_id, text))


async def test_deliver_when_telegram_times_out_then_retried_later_and_sent(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    with store.begin() as session:
        jobstore.enqueue_notice(session, "k1", 5, "你好", clock.now)
    bot = FakeBot()
    assert await deliver_notices(bot, runner) == 0  # type: ignore[arg-type]
    assert await deliver_notices(bot, runner) == 0  # type: ignore[arg-type]  # backing off
    clock.advance(minutes=1)
    assert await deliver_notices(bot, runner) == 1  # type: ignore[arg-type]
    assert bot.sent == [("5", "你好")]


def test_register_jobs_when_application_built_then_every_job_on_job_queue(
    tmp_path: Path, store: Store, clock: Clock
) -> None:
    from telegram.ext import ApplicationBuilder

    application = ApplicationBuilder().token("123:TEST").build()
    runner = register_jobs(application, make_settings(tmp_path), store, clock)
    assert application.job_queue is not None
    names = sorted(job.name for job in application.job_queue.jobs() if job.name)
    assert names == sorted(runner.specs)
    assert "retention_purge" in names and "checkpoint" in names and len(names) == 11


def test_demo_finale_when_alert_unanswered_then_escalation_shown_and_report_written(
    tmp_path: Path, store: Store
) -> None:
    from bot.demo_timed import finale

    archive_alert(store, 1)
    said: list[str] = []
    result = finale(make_settings(tmp_path), store, tmp_path / "demo", said.append)
    assert len(result.escalations) == 1 and result.escalations[0].startswith("⚠️ 告警升级至医务处")
    assert result.html.is_file() and (result.pdf is None or result.pdf.is_file())
    assert any("📄 HTML:" in line for line in said)


def test_escalation_when_escalate_pressed_then_recorded_and_next_level_after_that(
    runner: JobRunner, store: Store, clock: Clock
) -> None:
    alert = archive_alert(store, 1)
    with store.begin() as session:
        acks.record(session, alert, str(HEAD), "escalate", clock.now + timedelta(minutes=2))
    runner.run_due("escalation_scan", clock.advance(minutes=3))
    assert notices(store, "esc") == []  # the button already told medical affairs
    with store.begin() as session:
        [row] = escalations.open_alerts(session, clock.now - timedelta(days=1))
    assert (row.level, row.decision) == (1, "escalate")
    runner.run_due("escalation_scan", clock.advance(hours=4, minutes=1))
    assert (f"esc:{alert}:2:{LEAD}", str(LEAD)) in notices(store, "esc")


def test_report_when_process_killed_after_rendering_then_restart_sends_once(
    tmp_path: Path, store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_runner(make_settings(tmp_path), store, clock)
    installed(first, "weekly_report")
    archive_alert(store, 1)
    clock.now = next_local(first, 9, 0) + timedelta(days=7)  # a week later, after Monday 08:30

    def killed(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(jobstore, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        first.run_due("weekly_report")
    monkeypatch.undo()
    assert notices(store, "report:") == []
    second = build_runner(make_settings(tmp_path), store, clock)
    second.recover()
    assert second.run_due("weekly_report") is not None
    assert second.run_due("weekly_report", clock.advance(hours=2)) is None
    assert len(notices(store, "report:week:")) == 3  # affairs + lead (hospital), head (dept)
    assert len(list((tmp_path / "reports").glob("*.pdf"))) == 2  # re-rendered over, not doubled
