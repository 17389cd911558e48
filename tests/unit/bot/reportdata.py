"""A deterministic month of facts for report tests and previews."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from storage.stats import FindingFact

TZ = ZoneInfo("Asia/Shanghai")
RULES = [  # ids of the built-in pack, so reports show their Chinese titles
    ("gift-red-packet-offer", "gift", "high"), ("pii-resident-id", "personal_data", "high"),
    ("pii-phone-number", "personal_data", "medium"),
    ("pii-bed-and-name", "personal_data", "critical"),
    ("advice-first-visit-online", "unexamined_advice", "high"),
    ("unlicensed-advice-assistant", "unlicensed_advice", "medium"),
    ("offtopic-fundraising", "off_topic", "low"),
]
ROLES = ["patient", "family", "doctor", "nurse", "assistant"]


def month_of_facts(start: datetime, days: int, seed: int = 7, scale: int = 4) -> list[FindingFact]:
    """Random but reproducible findings across `days` days from `start`."""
    rng = random.Random(seed)
    facts = []
    for day in range(days):
        for _ in range(rng.randint(0, scale)):
            rule, category, severity = rng.choice(RULES)
            at = start + timedelta(days=day, hours=rng.randint(8, 20), minutes=rng.randint(0, 59))
            decision = rng.choice(["ack", "ack", "ack", "false_positive", "escalate", None])
            if rule == "offtopic-fundraising" and decision == "ack":
                decision = "false_positive"
            decided = at + timedelta(minutes=rng.randint(3, 180)) if decision else None
            facts.append(FindingFact(
                at=at, department="cardiology", category=category, rule_id=rule,
                severity=severity, sender_role=rng.choice(ROLES),
                sender_key=f"u{rng.randint(1, 9)}", alerted=True, alert_id=f"a{len(facts)}",
                decision=decision, decided_at=decided, escalations=int(decision is None),
            ))
    return facts
