"""Cross-references inside the settings that one field cannot check alone (design §4.3).

Pydantic validates each key by itself; here a department id, a rule id, a roster entry or a
chat id named in one section is checked against the section that defines it, so a typo such
as `escalation.department_deadlines.cardiology2` stops the start instead of never applying.
Every problem is one line that starts with the key path, e.g.
`escalation.department_deadlines.cardiology2: 未知科室 / unknown department`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings

STAFF_DUTIES = frozenset({"compliance", "compliance_lead", "medical_affairs"})
"""Duties that may use the private staff commands, /complaint approval among them."""

QUIET_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
"""Exactly HH:MM-HH:MM, local time: `time.fromisoformat` would also take `22:00Z` (an aware
time that cannot be compared with the naive local clock) or `2200`."""


def problems(settings: Settings) -> list[str]:
    """Every dangling or duplicated reference in the settings, one line each."""
    return [
        *_roster_repeats(settings),
        *_department_references(settings),
        *_approvers(settings),
        *_chats_outside_patient_groups(settings),
        *_quiet_hours(settings),
        *rule_problems(settings, pack_rule_ids(settings.rules.packs)),
    ]


def _repeats(named: Iterable[tuple[str, Hashable]]) -> Iterator[str]:
    """For (key path, value) pairs: every key whose value an earlier key already holds."""
    first: dict[Hashable, str] = {}
    for key, value in named:
        if value in first:
            yield (f"{key}: 重复，与 {first[value]} 相同 / duplicate {value!r}, "
                   f"also at {first[value]}")
        else:
            first[value] = key


def _roster_repeats(settings: Settings) -> Iterator[str]:
    """A department id or Telegram user id twice, or a patient group in two departments
    (whose alerts would it raise?)."""
    departments, people = settings.roster.departments, settings.roster.people
    yield from _repeats((f"roster.departments.{i}.id", d.id) for i, d in enumerate(departments))
    yield from _repeats((f"roster.people.{i}.telegram_id", p.telegram_id)
                        for i, p in enumerate(people))
    yield from _repeats((f"roster.departments.{i}.chat_ids.{j}", chat_id)
                        for i, d in enumerate(departments) for j, chat_id in enumerate(d.chat_ids))


def _department_references(settings: Settings) -> Iterator[str]:
    """People and deadline overrides name departments that the roster defines.

    Without a `roster.departments` list (a config only for `wardwatch scan`, say) the
    departments written on people are the known ones, so labels still work there.
    """
    configured = {d.id for d in settings.roster.departments}
    known = configured or {p.department for p in settings.roster.people if p.department}
    hint = f"（已配置 / configured: {', '.join(sorted(known)) or '—'}）"
    for index, person in enumerate(settings.roster.people):
        if configured and person.department and person.department not in configured:
            yield (f"roster.people.{index}.department: 未知科室 / unknown department "
                   f"{person.department!r}{hint}")
    for dept in settings.escalation.department_deadlines:
        if dept not in known:
            yield f"escalation.department_deadlines.{dept}: 未知科室 / unknown department{hint}"


def _approvers(settings: Settings) -> Iterator[str]:
    """An approver must be a roster member with a staff duty, or approval can never happen."""
    duties = {p.telegram_id: set(p.duties) for p in settings.roster.people}
    for index, user_id in enumerate(settings.cases.approvers):
        if user_id not in duties:
            yield (f"cases.approvers.{index}: {user_id} 不在花名册中 / is not in "
                   "roster.people")
        elif not duties[user_id] & STAFF_DUTIES:
            yield (f"cases.approvers.{index}: {user_id} 没有合规或医务职责，无法使用案件命令 / "
                   f"has none of the duties {sorted(STAFF_DUTIES)} that case commands need")


def _chats_outside_patient_groups(settings: Settings) -> Iterator[str]:
    """Operator, witness and alert chats must not be a patient group: patients would read
    error reports, chain checkpoints or alerts about themselves."""
    groups = {c: f"roster.departments.{i}.chat_ids"
              for i, d in enumerate(settings.roster.departments) for c in d.chat_ids}
    chats = [("telegram.operator_chat_id", settings.telegram.operator_chat_id),
             ("telegram.witness_chat_id", settings.telegram.witness_chat_id)]
    chats += [(f"roster.departments.{i}.alert_chat_id", d.alert_chat_id)
              for i, d in enumerate(settings.roster.departments)]
    for key, chat_id in chats:
        if chat_id is not None and chat_id in groups:
            yield (f"{key}: {chat_id} 是患者群（{groups[chat_id]}），不能用于工作通知 / "
                   f"is a patient group ({groups[chat_id]}), not a staff chat")


def _quiet_hours(settings: Settings) -> Iterator[str]:
    """Quiet hours written exactly as HH:MM-HH:MM."""
    for level, step in enumerate(settings.escalation.chain):
        for index, window in enumerate(step.quiet_hours):
            if not QUIET_HOURS.match(window):
                yield (f"escalation.chain.{level}.quiet_hours.{index}: 应为 HH:MM-HH:MM / "
                       f"must be HH:MM-HH:MM (local time), got {window!r}")


def pack_rule_ids(packs: Iterable[str]) -> set[str] | None:
    """The rule ids of the configured packs (a rule's id is its file stem, which the loader
    enforces); None when a pack is missing, which loading the rules reports by name."""
    from rules.loader import RuleError, resolve_pack

    ids: set[str] = set()
    for pack in packs:
        try:
            path = resolve_pack(pack)
        except RuleError:
            return None
        files = [path] if path.is_file() else [*path.glob("*.yaml"), *path.glob("*.yml")]
        ids.update(Path(file).stem for file in files)
    return ids


def rule_problems(settings: Settings, known: set[str] | None) -> Iterator[str]:
    """Per-rule settings name rules of the loaded packs (skipped when `known` is None)."""
    if known is None:
        return
    esc = settings.escalation
    named = [
        *((f"rules.overrides.{rule_id}", rule_id) for rule_id in settings.rules.overrides),
        *((f"escalation.rule_deadlines.{rule_id}", rule_id) for rule_id in esc.rule_deadlines),
        *((f"escalation.critical_rules.{i}", rule_id)
          for i, rule_id in enumerate(esc.critical_rules)),
    ]
    for key, rule_id in named:
        if rule_id not in known:
            yield (f"{key}: 未知规则 / unknown rule {rule_id!r}，不在规则包 / not in the "
                   f"rule packs {list(settings.rules.packs)}")
