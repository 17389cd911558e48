"""Test helpers for storage tests: messages, findings and actions with sensible defaults."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, create_engine, text

from rules.model import Action, ActionKind, Category, Finding, Message, Role, Severity, Span

KEY = bytes(range(32))
BASE_TS = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def make_message(n: int, text: str = "", **overrides: object) -> Message:
    """A message in chat c1 from a patient, n minutes after BASE_TS."""
    fields: dict[str, object] = {
        "id": str(n),
        "text": text or f"第{n}条消息，医生您好",
        "chat_id": "c1",
        "sender_id": "u1",
        "sender_role": Role.PATIENT,
        "ts": BASE_TS + timedelta(minutes=n),
        "sender_name": "张三",
        "chat_title": "心内科患者群",
        "department": "心内科",
        "source": "telegram",
    }
    fields.update(overrides)
    return Message(**fields)  # type: ignore[arg-type]



def make_finding(message: Message, rule_id: str = "pii-phone") -> Finding:
    """A personal-data finding over the first two characters."""
    return Finding(message_id=message.id, rule_id=rule_id, category=Category.PERSONAL_DATA,
                   severity=Severity.HIGH, spans=(Span(0, 2, "PHONE"),),
                   chat_id=message.chat_id, sender_id=message.sender_id)


def make_alert(message: Message, rule_id: str = "pii-phone") -> Action:
    """An alert to the department head."""
    return Action(kind=ActionKind.ALERT, rule_id=rule_id, message_id=message.id,
                  chat_id=message.chat_id, target="department_head", severity=Severity.HIGH,
                  payload={"excerpt": "***"})


@contextlib.contextmanager
def tamper(db_url: str) -> Iterator[Connection]:
    """A raw connection past every safeguard (no FK checks), as an attacker with DB access."""
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SET session_replication_role = replica"))
            yield conn
    finally:
        engine.dispose()
