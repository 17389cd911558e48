"""The rule engine as the configuration asks for it: packs, overrides, errors naming the file.

Kept apart from `bot.runtime` (Telegram, SQLAlchemy) so `wardwatch scan` and `config check`
build the same engine as the bot without importing what only the bot needs.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from rules.engine import Engine
from rules.loader import resolve_pack


def load_engine(settings: Settings, config_path: str | Path | None = None) -> Engine:
    """The rule engine over the configured packs and overrides (errors name `config_path`)."""
    overrides = {rule_id: o.model_dump(exclude_none=True)
                 for rule_id, o in settings.rules.overrides.items()}
    packs = [resolve_pack(name) for name in settings.rules.packs]
    return Engine.load(packs, overrides=overrides,
                       config_source=str(config_path) if config_path else None)
