"""Job runs and timed notices: the database state that makes scheduled jobs restart-safe.

A job run is keyed by (job, period). `claim` starts or resumes it; the job's effects and
`finish` are committed in ONE transaction, so a crash before that commit leaves no effect and a
run to redo, and a crash after it leaves a finished run that is never repeated. `recover`
(called at start-up) turns runs left `running` by a dead process into retries at once.

Notices are the messages timed jobs send (digests, escalations, reminders, reports, witness
posts). Each has an idempotency key, so enqueueing the same notice twice stores it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.chain import as_utc
from storage.models import Base

RUNNING, DONE, FAILED, GAVE_UP = "running", "done", "failed", "gave_up"


class JobRun(Base):
    """One run of one job for one period (its idempotency key)."""

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "period", name="uq_job_run_period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(String(500))


class Notice(Base):
    """A message a timed job sends; `key` makes enqueueing idempotent."""

    __tablename__ = "notice"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _run(session: Session, job: str, period: str) -> JobRun | None:
    return session.scalar(select(JobRun).where(JobRun.job == job, JobRun.period == period))


def claim(session: Session, job: str, period: str, now: datetime,
          lease: timedelta) -> JobRun | None:
    """Start (or retry) the run of `job` for `period`; None when done, running or not yet due."""
    now = as_utc(now) or now
    run = _run(session, job, period)
    if run is None:
        run = JobRun(job=job, period=period, status=RUNNING, attempts=1, started_at=now,
                     lease_until=now + lease)
        session.add(run)
        session.flush()
        return run
    if run.status in (DONE, GAVE_UP):
        return None
    if run.status == RUNNING and (as_utc(run.lease_until) or now) > now:
        return None
    if run.status == FAILED and (as_utc(run.next_attempt_at) or now) > now:
        return None
    run.status, run.attempts, run.started_at = RUNNING, run.attempts + 1, now
    run.lease_until = now + lease
    return run


def baseline(session: Session, job: str, period: str, now: datetime) -> bool:
    """On a job's very first start, mark its already-past period done without running it.

    Catch-up is for periods missed while the bot was down, not for the time before it was
    installed. Returns False (and does nothing) when the job has run before.
    """
    if session.scalar(select(JobRun.id).where(JobRun.job == job).limit(1)) is not None:
        return False
    now = as_utc(now) or now
    session.add(JobRun(job=job, period=period, status=DONE, attempts=0, started_at=now,
                       finished_at=now, result="首次启动，不补跑 / first start: no catch-up"))
    session.flush()
    return True


def finish(session: Session, job: str, period: str, now: datetime, result: str = "") -> None:
    """Mark the run done; commit this with the job's effects."""
    run = _run(session, job, period)
    if run is None:
        raise LookupError(f"no run of {job} for {period}")
    run.status, run.finished_at, run.result, run.error = DONE, as_utc(now), result[:500], None


def fail(session: Session, job: str, period: str, now: datetime, error: str,
         retry_at: datetime, max_attempts: int) -> str:
    """Record a failed attempt; give up after `max_attempts`. Returns the new status."""
    run = _run(session, job, period)
    if run is None:
        raise LookupError(f"no run of {job} for {period}")
    run.status = GAVE_UP if run.attempts >= max_attempts else FAILED
    run.error, run.finished_at = error[:500], as_utc(now)
    run.next_attempt_at = as_utc(retry_at)
    return run.status


def recover(session: Session, now: datetime) -> int:
    """Runs left `running` by a process that died become retries due now; return how many."""
    runs = list(session.scalars(select(JobRun).where(JobRun.status == RUNNING)))
    for run in runs:
        run.status, run.next_attempt_at = FAILED, as_utc(now)
        run.error = "interrupted (process restarted) / 进程重启，任务中断，将重试"
    return len(runs)


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What `wardwatch jobs list` shows about a job's runs."""

    job: str
    last_period: str | None
    last_status: str | None
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_result: str | None
    last_error: str | None
    runs: int
    failures: int


def summaries(session: Session) -> dict[str, JobSummary]:
    """The latest run of every job that ever ran, with run and failure counts."""
    counts = dict(session.execute(select(JobRun.job, func.count()).group_by(JobRun.job)).all())
    failed = dict(session.execute(
        select(JobRun.job, func.count()).where(JobRun.status.in_((FAILED, GAVE_UP)))
        .group_by(JobRun.job)
    ).all())
    out: dict[str, JobSummary] = {}
    for run in session.scalars(select(JobRun).order_by(JobRun.started_at, JobRun.id)):
        out[run.job] = JobSummary(
            run.job, run.period, run.status, as_utc(run.started_at), as_utc(run.finished_at),
            run.result, run.error, int(counts.get(run.job, 0)), int(failed.get(run.job, 0)),
        )
    return out


def is_done(session: Session, job: str, period: str) -> bool:
    """True when the run of `job` for `period` finished."""
    run = _run(session, job, period)
    return run is not None and run.status == DONE


def enqueue_notice(session: Session, key: str, chat_id: str | int, text: str, now: datetime,
                   document: str | None = None) -> bool:
    """Store a notice once per key; False when that key was already enqueued."""
    if session.scalar(select(Notice.id).where(Notice.key == key)) is not None:
        return False
    session.add(Notice(key=key[:200], chat_id=str(chat_id), text=text, document=document,
                       created_at=as_utc(now), status="pending", attempts=0,
                       next_attempt_at=as_utc(now)))
    session.flush()
    return True


def due_notices(session: Session, now: datetime, limit: int = 50) -> list[Notice]:
    """Notices to send now, oldest first."""
    stmt = (
        select(Notice)
        .where(Notice.status.in_(("pending", "failed")), Notice.next_attempt_at <= as_utc(now))
        .order_by(Notice.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def notice_sent(session: Session, notice_id: int, now: datetime) -> None:
    """Mark a notice delivered."""
    notice = session.get(Notice, notice_id)
    if notice is not None:
        notice.status, notice.sent_at = "sent", as_utc(now)
        notice.attempts += 1


def notice_failed(session: Session, notice_id: int, now: datetime, error: str,
                  max_attempts: int, backoff: timedelta) -> str:
    """Record a failed delivery; retry with growing backoff, give up after `max_attempts`."""
    notice = session.get(Notice, notice_id)
    if notice is None:
        return "missing"
    notice.attempts += 1
    notice.last_error = error[:500]
    notice.status = GAVE_UP if notice.attempts >= max_attempts else FAILED
    notice.next_attempt_at = as_utc(now + backoff * (2 ** (notice.attempts - 1)))
    return notice.status


def notices(session: Session, key_prefix: str = "") -> list[Notice]:
    """Notices whose key starts with `key_prefix`, oldest first (for tests and the CLI)."""
    stmt = select(Notice).order_by(Notice.id)
    if key_prefix:
        stmt = stmt.where(Notice.key.startswith(key_prefix))
    return list(session.scalars(stmt))


def prune_runs(session: Session, before: datetime, job_names: list[str]) -> int:
    """Delete finished runs of interval jobs (`job_names`) that ended before `before`.

    Only interval jobs: a daily, weekly, monthly or yearly run is the proof that its current
    period is done, so deleting it would make the job run again.
    """
    old = list(session.scalars(
        select(JobRun).where(JobRun.job.in_(job_names), JobRun.status == DONE,
                             JobRun.finished_at < as_utc(before))
    ))
    for run in old:
        session.delete(run)
    return len(old)

