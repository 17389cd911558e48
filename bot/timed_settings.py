"""Settings of the timed side: escalation, digests, reports, cases and job schedules.

Kept apart from `bot.config` (which includes them) so each section validates itself: an invalid
schedule, duration or chain fails at start-up, and pydantic's error names the key, e.g.
`jobs.daily_digest: 无效的计划 'daily 25:00'`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.escalation import QuietHours
from bot.schedule import parse_duration, parse_schedule
from bot.workflow import DEFAULT_DEADLINES, STAGES

Duty = Literal["department_head", "compliance", "medical_affairs", "compliance_lead"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _duties(*names: Duty) -> list[Duty]:
    return list(names)


def _duration(value: str) -> str:
    parse_duration(value)
    return value


class EscalationLevel(_Model):
    duty: Duty
    deadline: str = "1h"
    quiet_hours: list[str] = Field(default_factory=list)

    @field_validator("deadline")
    @classmethod
    def _check_deadline(cls, value: str) -> str:
        if value.endswith("wd"):
            raise ValueError("升级时限不支持工作日 / escalation deadlines use m, h or d")
        return _duration(value)

    @field_validator("quiet_hours")
    @classmethod
    def _check_quiet(cls, value: list[str]) -> list[str]:
        for window in value:
            QuietHours.parse(window)
        return value


def _default_chain() -> list[EscalationLevel]:
    return [
        EscalationLevel(duty="department_head", deadline="1h", quiet_hours=["22:00-07:00"]),
        EscalationLevel(duty="medical_affairs", deadline="4h", quiet_hours=["22:00-07:00"]),
        EscalationLevel(duty="compliance_lead", deadline="1d"),
    ]


class EscalationSettings(_Model):
    chain: list[EscalationLevel] = Field(default_factory=_default_chain)
    critical_start: Duty = "medical_affairs"
    critical_rules: list[str] = Field(default_factory=list)
    rule_deadlines: dict[str, str] = Field(default_factory=dict)
    department_deadlines: dict[str, str] = Field(default_factory=dict)

    @field_validator("rule_deadlines", "department_deadlines")
    @classmethod
    def _check_overrides(cls, value: dict[str, str]) -> dict[str, str]:
        for spec in value.values():
            _duration(spec)
        return value

    @model_validator(mode="after")
    def _check_chain(self) -> EscalationSettings:
        duties = [level.duty for level in self.chain]
        if not duties:
            raise ValueError("chain: 升级链不能为空 / the escalation chain is empty")
        if len(set(duties)) != len(duties):
            raise ValueError(f"chain: 升级链职责重复 / duplicate duty in chain {duties}")
        if self.critical_start not in duties:
            raise ValueError(
                f"critical_start: {self.critical_start!r} 不在升级链中 / not in chain {duties}"
            )
        return self


class DigestSettings(_Model):
    enabled: bool = True
    top_senders: int = Field(default=5, ge=1, le=50)


class ReportSettings(_Model):
    output_dir: str = "reports"
    recipient_duties: list[Duty] = Field(default_factory=lambda: _duties("medical_affairs",
                                                                          "compliance_lead"))
    include_department_heads: bool = True
    font_path: str = ""  # a CJK .ttf/.ttc/.otf; found automatically when empty


class CaseSettings(_Model):
    approvers: list[int] = Field(default_factory=list)
    stage_deadlines: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_DEADLINES))
    remind_before: str = "1d"
    causes: list[str] = Field(
        default_factory=lambda: [
            "personal_data_leak", "gift", "unexamined_advice", "unlicensed_advice",
            "service", "other",
        ]
    )
    summary_duties: list[Duty] = Field(default_factory=lambda: _duties("medical_affairs"))

    @field_validator("stage_deadlines")
    @classmethod
    def _check_deadlines(cls, value: dict[str, str]) -> dict[str, str]:
        for stage, spec in value.items():
            if stage not in STAGES[:-1]:
                raise ValueError(f"未知阶段 {stage!r} / unknown stage; use {STAGES[:-1]}")
            _duration(spec)
        return value

    @field_validator("remind_before")
    @classmethod
    def _check_remind(cls, value: str) -> str:
        return _duration(value)


class JobsSettings(_Model):
    escalation_scan: str = "every 1m"
    daily_digest: str = "daily 08:00"
    weekly_report: str = "weekly mon 08:30"
    monthly_report: str = "monthly 1 09:00"
    annual_report: str = "yearly 01-05 09:00"
    checkpoint: str = "every 1h"
    verify_chain: str = "daily 03:00"
    retention_purge: str = "daily 03:30"
    outbox_retry: str = "every 1m"
    case_reminders: str = "every 15m"
    case_summary: str = "monthly 1 09:30"
    max_attempts: int = Field(default=5, ge=1, le=100)
    lease_minutes: int = Field(default=30, ge=1)
    retry_after: str = "5m"

    @field_validator(
        "escalation_scan", "daily_digest", "weekly_report", "monthly_report", "annual_report",
        "checkpoint", "verify_chain", "retention_purge", "outbox_retry", "case_reminders",
        "case_summary",
    )
    @classmethod
    def _check_schedule(cls, value: str) -> str:
        parse_schedule(value)
        return value

    @field_validator("retry_after")
    @classmethod
    def _check_retry(cls, value: str) -> str:
        return _duration(value)
