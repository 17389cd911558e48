"""The planner: findings + policy → actions (design §2). Pure; the executor sends them later.

- alert: one per finding, to the department head (monitor findings are recorded, not sent);
- prompt: personal data → the sender, privately when they have a private chat with the bot,
  otherwise a short in-group reply that names no data;
- redact: delete and repost the masked text, only in enforce mode and with admin rights;
- delete: (off-topic ads) only in enforce mode and with admin rights;
- remind: a short in-group reminder, e.g. advice that needs an in-person visit.
Prompt, redact, delete and remind are planned once per message even when several rules ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rules.model import Action, ActionKind, Category, Finding, Mode
from rules.schema import Rule

PER_MESSAGE = (ActionKind.PROMPT, ActionKind.REDACT, ActionKind.DELETE, ActionKind.REMIND)
_GROUP_PROMPT = {
    "zh": "您的消息可能包含个人信息，请撤回并私聊发送，或重新发送打码后的版本。",
    "en": "Your message may contain personal data; please delete it and send it privately, "
          "or repost a masked version.",
}
_REMINDERS = {
    Category.UNEXAMINED_ADVICE: {
        "zh": "温馨提示：群内建议仅供参考，具体诊疗请到门诊面诊；如有急症请立即就医或拨打120。",
        "en": "Reminder: advice in this group is for reference only; please see a doctor in "
              "person, and for emergencies go to the emergency department or call 120.",
    },
    Category.UNLICENSED_ADVICE: {
        "zh": "温馨提示：诊疗问题请由主治医生本人答复，其他工作人员不提供用药建议。",
        "en": "Reminder: medical questions are answered by the treating doctor; other staff do "
              "not give medication advice.",
    },
    Category.OFF_TOPIC: {
        "zh": "温馨提示：本群仅用于诊疗沟通，请勿发布广告、募捐或链接。",
        "en": "Reminder: this group is for care only; please do not post ads, appeals or links.",
    },
    Category.GIFT: {
        "zh": "温馨提示：医务人员不收受红包和礼品，感谢您的理解。",
        "en": "Reminder: staff do not accept red packets or gifts; thank you for understanding.",
    },
}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What the planner needs to know about a rule."""

    actions: tuple[ActionKind, ...]
    title: Mapping[str, str] = field(default_factory=dict)
    message: Mapping[str, str] = field(default_factory=dict)
    legal_basis: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """The circumstances of one message: bot rights, the sender's private chat, rule actions."""

    bot_is_admin: bool = False
    sender_has_private_chat: bool = False
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    language: str = "zh"


def rule_infos(rules: Iterable[Rule]) -> dict[str, RuleInfo]:
    """RuleInfo for each loaded rule, keyed by id (build once, reuse for every Policy)."""
    return {
        rule.id: RuleInfo(
            actions=tuple(rule.actions), title=rule.title.model_dump(),
            message=rule.message.model_dump(), legal_basis=tuple(rule.legal_basis),
        )
        for rule in rules
    }


def _alert(finding: Finding, info: RuleInfo, language: str) -> Action:
    payload = {
        "category": finding.category.value,
        "title": info.title.get(language, ""),
        "message": info.message.get(language, ""),
        "legal_basis": "；".join(info.legal_basis),
        "sender_role": finding.sender_role.value,
        "score": f"{finding.score:.2f}",
    }
    if finding.redacted_text is not None:
        payload["excerpt"] = finding.redacted_text
    return Action(ActionKind.ALERT, finding.rule_id, finding.message_id, finding.chat_id,
                  target="department_head", severity=finding.severity, payload=payload)


def _per_message(kind: ActionKind, finding: Finding, info: RuleInfo, policy: Policy
                 ) -> Action | None:
    """The prompt / redact / delete / remind action for a finding, or None when not allowed."""
    enforce = finding.mode is Mode.ENFORCE
    lang = policy.language
    base = (finding.rule_id, finding.message_id, finding.chat_id)
    if kind is ActionKind.PROMPT and finding.category is Category.PERSONAL_DATA:
        private = policy.sender_has_private_chat
        payload = {"channel": "private" if private else "group",
                   "message": info.message.get(lang, "") if private else _GROUP_PROMPT[lang]}
        if private and finding.redacted_text is not None:
            payload["masked_text"] = finding.redacted_text
        return Action(kind, *base, target="sender", severity=finding.severity, payload=payload)
    if kind is ActionKind.REDACT and enforce and policy.bot_is_admin \
            and finding.redacted_text is not None:
        return Action(kind, *base, target="chat", severity=finding.severity,
                      payload={"masked_text": finding.redacted_text})
    if kind is ActionKind.DELETE and enforce and policy.bot_is_admin:
        return Action(kind, *base, target="chat", severity=finding.severity)
    if kind is ActionKind.REMIND and enforce:
        text = _REMINDERS.get(finding.category, {}).get(lang, "")
        return Action(kind, *base, target="chat", severity=finding.severity,
                      payload={"message": text})
    return None


def plan(findings: list[Finding], policy: Policy) -> list[Action]:
    """The actions for one message's findings, alerts first, in finding order."""
    alerts: list[Action] = []
    others: dict[tuple[str, ActionKind], Action] = {}
    for finding in findings:
        info = policy.rules.get(finding.rule_id, RuleInfo(actions=(ActionKind.ALERT,)))
        if finding.mode is Mode.OFF:
            continue
        if ActionKind.ALERT in info.actions and finding.mode is Mode.ENFORCE:
            alerts.append(_alert(finding, info, policy.language))
        if finding.mode is not Mode.ENFORCE:
            continue
        for kind in PER_MESSAGE:
            key = (finding.message_id, kind)
            if kind in info.actions and key not in others:
                action = _per_message(kind, finding, info, policy)
                if action is not None:
                    others[key] = action
    for message_id in {key[0] for key in others}:
        if (message_id, ActionKind.DELETE) in others:
            others.pop((message_id, ActionKind.REDACT), None)  # a deleted ad is not reposted
    return alerts + list(others.values())
