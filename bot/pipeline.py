"""One update through the whole pipeline (design §2), read top to bottom.

normalize → evaluate → plan → archive the message (masked copy in clear, original encrypted)
→ record findings and enqueue actions in the same transaction. The masked copy needs the
findings, so evaluation comes before the archive write; nothing is written before the single
commit, so a crash leaves either everything or nothing, and a replayed update is a no-op
because storage keys message versions by (source, chat, message, version).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.executor import Delivery
from bot.normalize import Lookups, message_link, parse_key, to_message
from bot.roster import Roster
from rules.engine import Engine, masked_text
from rules.model import Action, ActionKind, Category, Finding, Message
from storage import archive, inbox
from storage.db import Store

log = logging.getLogger(__name__)

Planner = Callable[[Sequence[Finding], bool], list[Action]]  # (findings, bot is admin)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one update produced (for logs, tests and the demo)."""

    message: Message | None
    findings: tuple[Finding, ...] = ()
    actions: tuple[Action, ...] = ()
    replay: bool = False
    deliveries: tuple[Delivery, ...] = ()  # the outbox rows just enqueued, for the executor


def process_update(
    update: Update, *, store: Store, engine: Engine, contexts: dict[str, Any],
    lookups: Lookups, roster: Roster, planner: Planner, bot_is_admin: bool = False,
    inbox_source: str | None = None,
) -> Outcome:
    """Archive, evaluate and enqueue one update in one transaction; called off the event loop."""
    decided = decide(update, engine=engine, contexts=contexts, lookups=lookups, roster=roster,
                     planner=planner, bot_is_admin=bot_is_admin)
    if decided is None:
        return Outcome(None)
    with store.begin() as session:
        return record(session, decided, inbox_source=inbox_source)


@dataclass(frozen=True, slots=True)
class Decided:
    """An update normalised, evaluated and planned, not yet written."""

    update: Update
    message: Message
    findings: list[Finding]
    actions: list[Action]


def decide(
    update: Update, *, engine: Engine, contexts: dict[str, Any], lookups: Lookups,
    roster: Roster, planner: Planner, bot_is_admin: bool = False,
    seen: dict[str, int] | None = None,
) -> Decided | None:
    """normalize → evaluate → plan (no writes); None when the update carries no message.

    `seen` remembers each message's text: Telegram also sends `edited_message` when only a
    reaction or a link preview changed, and such an "edit" must not alert twice (it is still
    archived, masked, as a version).
    """
    message = to_message(update, lookups)
    if message is None:
        return None
    message = roster.resolve(message)
    context = contexts.setdefault(f"{message.source}:{message.chat_id}", engine.new_context())
    findings = engine.evaluate(message, context)
    if _unchanged_edit(message, seen):
        return Decided(update, message, findings, [])
    planned = mark_redacted_prompts(planner(findings, bot_is_admin))
    actions = [with_details(a, message, findings, engine) for a in planned]
    return Decided(update, message, findings, actions)


def _unchanged_edit(message: Message, seen: dict[str, int] | None) -> bool:
    if seen is None:
        return False
    digest = hash(message.text)
    unchanged = message.version > 0 and seen.get(message.id) == digest
    if len(seen) > 100_000:  # a bound, not a cache policy: old messages are rarely edited
        seen.clear()
    seen[message.id] = digest
    return unchanged


def record(session: Any, decided: Decided, *, inbox_source: str | None = None) -> Outcome:
    """archive the message → record findings and enqueue actions → retire the inbox row."""
    message, findings = decided.message, decided.findings
    stored = archive.append_message(
        session, message, masked_text=masked_text(message, findings),
        media=media_of(decided.update),
    )
    if inbox_source is not None:  # retire the update in the same commit
        inbox.mark_done(session, inbox_source, decided.update.update_id)
    if stored is None:
        return Outcome(message, replay=True)
    return _findings_recorded(session, decided, stored.seq)


def record_many(session: Any, batch: Sequence[Decided], *, inbox_source: str | None = None
                ) -> list[Outcome]:
    """`record` for many updates at once: one chain append for all their messages."""
    seqs = archive.append_messages(session, [
        archive.NewMessage(d.message, masked_text(d.message, d.findings), media_of(d.update))
        for d in batch
    ])
    if inbox_source is not None:  # retire the updates in the same commit
        inbox.mark_done_many(session, inbox_source, [d.update.update_id for d in batch])
    outcomes = []
    for decided, seq in zip(batch, seqs, strict=True):
        if seq is None:
            outcomes.append(Outcome(decided.message, replay=True))
            continue
        outcomes.append(_findings_recorded(session, decided, seq))
    return outcomes


def _findings_recorded(session: Any, decided: Decided, message_seq: int) -> Outcome:
    """record_findings (actions enter the outbox) and the outbox rows as Delivery values."""
    outcome = Outcome(decided.message, tuple(decided.findings), tuple(decided.actions))
    if not decided.findings:
        return outcome
    _, seqs = archive.record_findings(session, message_seq, decided.findings, decided.actions)
    queued = [a for a in decided.actions if a.kind is not ActionKind.NONE]
    deliveries = tuple(
        Delivery(id=seq, kind=a.kind.value, rule_id=a.rule_id,
                 message_id=a.payload.get("message_key", ""), chat_id=a.chat_id,
                 target=a.target, severity=a.severity.value, payload=dict(a.payload))
        for a, seq in zip(queued, seqs, strict=True)
    )
    return dataclasses.replace(outcome, deliveries=deliveries)


def mark_redacted_prompts(actions: list[Action]) -> list[Action]:
    """A message that is also redacted gets a prompt that says so instead of "please delete"."""
    redacted = {a.message_id for a in actions if a.kind is ActionKind.REDACT}
    return [
        dataclasses.replace(a, payload={**a.payload, "redacted": "1"})
        if a.kind is ActionKind.PROMPT and a.message_id in redacted else a
        for a in actions
    ]


def with_details(action: Action, message: Message, findings: Sequence[Finding],
                 engine: Engine) -> Action:
    """The action with everything its sender will need, masked: no lookups at send time."""
    rule = engine.rule(action.rule_id)
    chat_id, message_id, _ = parse_key(message.id)
    entities = sorted({s.entity for f in findings if f.category is Category.PERSONAL_DATA
                       for s in f.spans})
    payload = {
        "title_zh": rule.title.zh, "title_en": rule.title.en,
        "why_zh": rule.message.zh, "why_en": rule.message.en,
        "legal_basis": "；".join(rule.legal_basis),
        "chat_title": message.chat_title, "department": message.department,
        "sender_id": message.sender_id, "sender_name": message.sender_name,
        "sender_role": message.sender_role.value,
        "ts": message.ts.isoformat() if message.ts else "",
        "excerpt": masked_text(message, findings),
        "masked": masked_text(message, findings),
        "entities": ",".join(entities),
        "link": message_link(chat_id, message_id),
        "message_key": message.id,
        "category": rule.category.value,
        **action.payload,
    }
    return dataclasses.replace(action, chat_id=action.chat_id or message.chat_id, payload=payload)


def media_of(update: Update) -> dict[str, Any] | None:
    """Attachment metadata worth archiving (never the file itself)."""
    tg = update.effective_message
    if tg is None:
        return None
    attachment = tg.effective_attachment
    if attachment is None or isinstance(attachment, bool):
        return None
    item = attachment[-1] if isinstance(attachment, tuple | list) and attachment else attachment
    meta: dict[str, Any] = {"kind": type(item).__name__}
    for name in ("file_unique_id", "file_size", "mime_type", "duration", "width", "height",
                 "file_name"):
        value = getattr(item, name, None)
        if value is not None:
            meta[name] = value if not hasattr(value, "total_seconds") else value.total_seconds()
    return meta
