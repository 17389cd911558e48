"""Run scheduled jobs exactly once per period, with their state in the database.

`JobRunner.run_due(name, now)` finds the job's latest fire time and period; when that period
has no finished run it claims the run, does the work and marks it done in ONE transaction
(so a crash leaves nothing half-done), and on an exception records the failure, retries after
`jobs.retry_after`, and after `jobs.max_attempts` gives up and tells the operator. Missed runs
are caught up the first time the runner looks after a restart (but a job's very first start
does not replay periods from before the bot was installed). No Telegram here: the PTB glue is
`bot.jobs`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.schedule import Schedule, latest_fire, next_fire, parse_duration, parse_schedule
from storage import jobs as jobstore
from storage.db import Store

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
FIRST_START_GRACE = timedelta(minutes=5)
Work = Callable[["JobContext", Any, str, datetime, Any], str]
Prepare = Callable[["JobContext", str, datetime], Any]


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a job body gets besides its session: settings, the clock, the store."""

    settings: Settings
    store: Store
    clock: Clock

    @property
    def tz(self) -> ZoneInfo:
        """The hospital's time zone."""
        return ZoneInfo(self.settings.timezone)


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A named job: its schedule, a Chinese title for `jobs list`, and its body."""

    name: str
    title: str
    schedule: Schedule
    work: Work
    prepare: Prepare | None = None  # slow part (rendering) done outside the transaction


@dataclass(frozen=True, slots=True)
class JobStatus:
    """One line of `wardwatch jobs list`."""

    name: str
    title: str
    schedule: str
    next_run: datetime
    last: jobstore.JobSummary | None


class JobRunner:
    """Claims, runs, finishes or fails job runs; one instance per process."""

    def __init__(self, settings: Settings, store: Store, clock: Clock,
                 specs: list[JobSpec]) -> None:
        self.context = JobContext(settings, store, clock)
        self.specs = {spec.name: spec for spec in specs}
        self.lease = timedelta(minutes=settings.jobs.lease_minutes)
        self.retry_after = parse_duration(settings.jobs.retry_after)

    def recover(self) -> int:
        """At start-up: runs a dead process left `running` become due retries."""
        with self.context.store.begin() as session:
            count = jobstore.recover(session, self.context.clock())
        if count:
            log.warning("%d job run(s) were interrupted by a restart; retrying them", count)
        return count

    def run_due(self, name: str, now: datetime | None = None, *,
                on_request: bool = False) -> str | None:
        """Run `name` if its current period has no finished run; the result, or None.

        `on_request` (an operator's `wardwatch jobs run`) skips the first-start baseline.
        """
        spec = self.specs[name]
        now = now or self.context.clock()
        fire, period = latest_fire(spec.schedule, now, self.context.tz)
        with self.context.store.begin() as session:
            late = now - fire > FIRST_START_GRACE and not on_request
            if late and jobstore.baseline(session, name, period, now):
                return None
            if jobstore.claim(session, name, period, now, self.lease) is None:
                return None
        try:
            prepared = spec.prepare(self.context, period, fire) if spec.prepare else None
            with self.context.store.begin() as session:
                result = spec.work(self.context, session, period, fire, prepared)
                jobstore.finish(session, name, period, now, result)
        except Exception as exc:  # a job must never take the bot down; it is retried
            self._failed(name, period, now, exc)
            return None
        log.info("job %s (%s) done: %s", name, period, result)
        return result

    def run_all_due(self, now: datetime | None = None) -> dict[str, str]:
        """Every job that is due at `now` (used by tests and `wardwatch jobs run`)."""
        results = {}
        for name in self.specs:
            result = self.run_due(name, now)
            if result is not None:
                results[name] = result
        return results

    def _failed(self, name: str, period: str, now: datetime, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.error("job %s (%s) failed: %s", name, period, error, exc_info=exc)
        max_attempts = self.context.settings.jobs.max_attempts
        with self.context.store.begin() as session:
            status = jobstore.fail(session, name, period, now, error, now + self.retry_after,
                                   max_attempts)
            operator = self.context.settings.telegram.operator_chat_id
            if operator is not None:
                verb = "已放弃" if status == jobstore.GAVE_UP else "将重试"
                text = (f"⚙️ 定时任务 {name}（{period}）失败，{verb}：{type(exc).__name__}\n"
                        f"Job {name} ({period}) failed ({status}).")
                jobstore.enqueue_notice(session, f"jobfail:{name}:{period}:{status}", operator,
                                        text, now)

    def statuses(self) -> list[JobStatus]:
        """Every job with its next fire time and its last run."""
        now = self.context.clock()
        with self.context.store.begin() as session:
            last = jobstore.summaries(session)
        return [
            JobStatus(s.name, s.title, s.schedule.text,
                      next_fire(s.schedule, now, self.context.tz), last.get(s.name))
            for s in self.specs.values()
        ]


def spec(name: str, title: str, schedule: str, work: Work,
         prepare: Prepare | None = None) -> JobSpec:
    """A JobSpec from a schedule string (already validated by the settings)."""
    return JobSpec(name, title, parse_schedule(schedule), work, prepare)
