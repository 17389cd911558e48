"""`wardwatch run [--config FILE]`: the live bot, polling by default, webhook when configured."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from rules.schema import Rule

HELP = "运行机器人 / run the bot (polling by default, webhook when configured)"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--config FILE and --poll-timeout."""
    parser.add_argument("--config", type=Path, default=None,
                        help="配置文件 / YAML config file (default: built-in defaults + env)")
    parser.add_argument("--poll-timeout", type=int, default=10,
                        help="getUpdates 长轮询秒数 / long-poll seconds (default 10)")


def log_packs(settings: Settings, rules: Sequence[Rule]) -> None:
    """Say at start-up which packs and how many rules run, and when the default is left out."""
    from rules.loader import default_pack_warning, pack_summary

    log.info("%s", pack_summary(settings.rules.packs, rules))
    warning = default_pack_warning(settings.rules.packs)
    if warning:
        log.warning("%s", warning)


def run(args: argparse.Namespace) -> int:
    """Load settings, open the archive and the engine, run until SIGTERM/SIGINT."""
    from telegram.error import InvalidToken

    from bot.config import ConfigError, error_lines, load_settings
    from bot.engine_setup import load_engine
    from bot.runtime import Runtime, open_archive
    from bot.service import Service
    from rules.loader import RuleError
    from storage.errors import StorageError

    try:
        settings = load_settings(args.config)
        if not settings.telegram.token:
            raise ConfigError("telegram.token: 缺少机器人令牌 / missing bot token "
                              "(set WARDWATCH_TELEGRAM_TOKEN)")
        base_dir = args.config.resolve().parent if args.config else Path.cwd()
        store = open_archive(settings, base_dir)
        engine = load_engine(settings, args.config)
    except (ConfigError, RuleError, StorageError) as exc:
        print(error_lines(exc), file=sys.stderr)  # as every command reports, not a log line
        return 2
    log_packs(settings, engine.rules)
    rt = Runtime(settings=settings, store=store, engine=engine, config_path=args.config)
    service = Service(rt, poll_timeout=args.poll_timeout)
    try:
        asyncio.run(service.run_until_signal())
    except InvalidToken:
        print("错误 / error: telegram.token: Bot API 拒绝了令牌 / the Bot API rejected the token",
              file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0
