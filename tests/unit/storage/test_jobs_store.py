"""Job runs and notices: idempotent by (job, period), restart-safe, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import jobs
from storage.db import Store

NOW = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
LEASE = timedelta(minutes=30)


def run_digest(store: Store, now: datetime, crash: bool = False) -> bool:
    """A job whose effect is two notices; `crash` dies after the effects, before the commit."""
    with store.begin() as session:
        claimed = jobs.claim(session, "daily_digest", "2026-11-25", now, LEASE)
    if claimed is None:
        return False
    session = store.session()
    try:
        jobs.enqueue_notice(session, "digest:2026-11-25:1", 1, "摘要一", now)
        jobs.enqueue_notice(session, "digest:2026-11-25:2", 2, "摘要二", now)
        if crash:
            raise KeyboardInterrupt  # the process dies here: nothing is committed
        jobs.finish(session, "daily_digest", "2026-11-25", now, "2 notices")
        session.commit()
    except KeyboardInterrupt:
        session.rollback()
    finally:
        session.close()
    return True


def test_claim_when_period_done_then_not_run_again(store: Store) -> None:
    assert run_digest(store, NOW) is True
    assert run_digest(store, NOW + timedelta(hours=5)) is False
    with store.begin() as session:
        assert len(jobs.notices(session, "digest:")) == 2


def test_restart_when_job_died_mid_run_then_redone_once_without_duplicates(store: Store) -> None:
    assert run_digest(store, NOW, crash=True) is True
    with store.begin() as session:
        assert jobs.notices(session) == []  # the effects died with the process
    assert run_digest(store, NOW + timedelta(minutes=1)) is False  # leased: still "running"
    with store.begin() as session:
        assert jobs.recover(session, NOW + timedelta(minutes=2)) == 1  # start-up after restart
    assert run_digest(store, NOW + timedelta(minutes=2)) is True
    assert run_digest(store, NOW + timedelta(minutes=3)) is False
    with store.begin() as session:
        assert [n.key for n in jobs.notices(session)] == [
            "digest:2026-11-25:1", "digest:2026-11-25:2",
        ]
        summary = jobs.summaries(session)["daily_digest"]
        assert (summary.last_status, summary.runs) == ("done", 1)


def test_fail_when_attempts_left_then_retried_after_delay_else_given_up(store: Store) -> None:
    with store.begin() as session:
        assert jobs.claim(session, "verify_chain", "p", NOW, LEASE) is not None
        assert jobs.fail(session, "verify_chain", "p", NOW, "boom", NOW + LEASE, 2) == "failed"
    with store.begin() as session:
        assert jobs.claim(session, "verify_chain", "p", NOW + timedelta(minutes=5), LEASE) is None
        assert jobs.claim(session, "verify_chain", "p", NOW + LEASE, LEASE) is not None
        assert jobs.fail(session, "verify_chain", "p", NOW, "boom", NOW, 2) == "gave_up"
    with store.begin() as session:
        assert jobs.claim(session, "verify_chain", "p", NOW + timedelta(days=1), LEASE) is None
        assert jobs.summaries(session)["verify_chain"].last_error == "boom"


def test_notices_when_delivery_fails_then_backoff_then_sent(store: Store) -> None:
    with store.begin() as session:
        assert jobs.enqueue_notice(session, "k", 7, "你好", NOW) is True
        assert jobs.enqueue_notice(session, "k", 7, "你好", NOW) is False
        notice = jobs.due_notices(session, NOW)[0]
        jobs.notice_failed(session, notice.id, NOW, "timeout", 5, timedelta(minutes=1))
    with store.begin() as session:
        assert jobs.due_notices(session, NOW + timedelta(seconds=30)) == []
        notice = jobs.due_notices(session, NOW + timedelta(minutes=1))[0]
        jobs.notice_sent(session, notice.id, NOW + timedelta(minutes=1))
    with store.begin() as session:
        assert jobs.due_notices(session, NOW + timedelta(days=1)) == []
