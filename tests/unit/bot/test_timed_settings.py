"""Invalid schedules, durations and chains fail at start-up, naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    load_settings(path, env={})


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("jobs: {daily_digest: 'daily 25:00'}", "jobs.daily_digest"),
        ("jobs: {weekly_report: 'weekly someday 08:00'}", "jobs.weekly_report"),
        ("escalation: {chain: []}", "escalation"),
        ("escalation: {chain: [{duty: medical_affairs}, {duty: medical_affairs}]}", "escalation"),
        ("escalation: {chain: [{duty: boss}]}", "escalation.chain.0.duty"),
        ("escalation: {chain: [{duty: department_head, quiet_hours: ['22-7']}]}",
         "escalation.chain.0.quiet_hours"),
        ("escalation: {chain: [{duty: department_head}]}", "critical_start"),
        ("escalation: {rule_deadlines: {gift-red-packet-offer: soon}}",
         "escalation.rule_deadlines"),
        ("cases: {stage_deadlines: {trial: 2d}}", "cases.stage_deadlines"),
    ],
)
def test_settings_when_timed_section_invalid_then_config_error_names_key(
    tmp_path: Path, text: str, key: str
) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load(tmp_path, text)


def test_settings_when_defaults_then_chain_and_schedules_valid() -> None:
    settings = load_settings(None, env={})
    assert [level.duty for level in settings.escalation.chain] == [
        "department_head", "medical_affairs", "compliance_lead",
    ]
    assert settings.jobs.daily_digest == "daily 08:00"
