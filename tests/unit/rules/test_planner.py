"""The planner: which actions the bot takes for a message's findings, and when it must not."""

from __future__ import annotations

import pytest

from rules.engine import Engine
from rules.model import ActionKind, Message, Mode, Role
from rules.planner import Policy, plan


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def _findings(engine: Engine, text: str, role: Role = Role.PATIENT) -> list:
    message = Message(id="m", text=text, chat_id="c", sender_id="s", sender_role=role)
    return engine.evaluate(message, engine.new_context())


def _kinds(actions: list) -> list[ActionKind]:
    return [a.kind for a in actions]


def test_plan_when_phone_posted_with_admin_and_private_chat_then_alert_prompt_redact(
    engine: Engine,
) -> None:
    findings = _findings(engine, "电话13812345678")
    actions = plan(findings, engine.policy(bot_is_admin=True, sender_has_private_chat=True))
    assert _kinds(actions) == [ActionKind.ALERT, ActionKind.PROMPT, ActionKind.REDACT]
    prompt, redact = actions[1], actions[2]
    assert prompt.payload["channel"] == "private"
    assert prompt.payload["masked_text"] == "电话138****5678"
    assert redact.payload == {"masked_text": "电话138****5678"}
    assert all("13812345678" not in v for a in actions for v in a.payload.values())


def test_plan_when_no_private_chat_then_group_prompt_names_no_data(engine: Engine) -> None:
    findings = _findings(engine, "电话13812345678")
    actions = plan(findings, engine.policy(bot_is_admin=False, sender_has_private_chat=False))
    assert _kinds(actions) == [ActionKind.ALERT, ActionKind.PROMPT]
    prompt = actions[1]
    assert prompt.payload["channel"] == "group" and "masked_text" not in prompt.payload
    assert "5678" not in prompt.payload["message"]


def test_plan_when_rule_in_monitor_mode_then_nothing_is_sent() -> None:
    engine = Engine.load(overrides={"pii-phone-number": {"mode": "monitor"}})
    findings = _findings(engine, "电话13812345678")
    assert findings and plan(findings, engine.policy(bot_is_admin=True)) == []


def test_plan_when_doctor_prescribes_then_alert_and_in_group_reminder(engine: Engine) -> None:
    findings = _findings(engine, "阿司匹林100mg每天一次", Role.DOCTOR)
    actions = plan(findings, engine.policy())
    assert _kinds(actions) == [ActionKind.ALERT, ActionKind.REMIND]
    assert actions[0].target == "department_head" and "医师法" in actions[0].payload[
        "legal_basis"]
    assert "门诊" in actions[1].payload["message"]


def test_plan_when_ad_and_admin_then_delete_without_admin_only_alert(engine: Engine) -> None:
    findings = _findings(engine, "祖传秘方，包治高血压，无副作用，加我微信", Role.UNKNOWN)
    with_admin = plan(findings, engine.policy(bot_is_admin=True))
    without = plan(findings, engine.policy(bot_is_admin=False))
    assert ActionKind.DELETE in _kinds(with_admin)
    assert _kinds(without) == [ActionKind.ALERT]


def test_plan_when_two_personal_data_findings_then_one_prompt_and_one_redact(
    engine: Engine,
) -> None:
    findings = _findings(engine, "电话13812345678，身份证11010519491231002X")
    assert len(findings) == 2
    kinds = _kinds(plan(findings, engine.policy(bot_is_admin=True)))
    assert kinds.count(ActionKind.ALERT) == 2
    assert kinds.count(ActionKind.PROMPT) == 1 and kinds.count(ActionKind.REDACT) == 1


def test_plan_when_english_policy_then_alert_text_in_english(engine: Engine) -> None:
    findings = _findings(engine, "给您发个红包🧧")
    (alert,) = plan(findings, engine.policy(language="en"))
    assert alert.payload["title"].startswith("Red packet")


def test_plan_when_no_policy_for_rule_then_only_alert(engine: Engine) -> None:
    findings = _findings(engine, "电话13812345678")
    assert findings[0].mode is Mode.ENFORCE
    assert _kinds(plan(findings, Policy())) == [ActionKind.ALERT]
