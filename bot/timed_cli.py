"""Shared by `wardwatch report|jobs|case`: settings and archive, with clear errors.

Kept free of the rule engine so these commands start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from storage.db import Store, open_store_with_key_file
from storage.errors import StorageError


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    """`--config FILE`."""
    parser.add_argument("--config", type=Path, default=None,
                        help="配置文件 / config file (YAML)")


def open_archive_for_cli(config: Path | None) -> tuple[Settings, Store]:
    """Settings and the open archive; ConfigError or StorageError with a clear message.

    These commands never create an archive: with none where the configuration points they
    stop with 「找不到存档数据库 … 请用 --config 指定配置」 and leave the folder as it was.
    """
    settings = load_settings(config)
    base_dir = config.resolve().parent if config else Path.cwd()
    store = open_store_with_key_file(
        settings.database.url, key_setting=settings.archive.key,
        key_file=base_dir / settings.archive.key_file, create_key=True, key_dir=base_dir,
        signing_key_file=settings.archive.signing_key_file, must_exist=True)
    return settings, store


def run_with_archive(args: argparse.Namespace,
                     body: Callable[[Settings, Store, datetime], int]) -> int:
    """Open settings and archive, run `body`, close; errors become exit 1 with a message."""
    try:
        settings, store = open_archive_for_cli(args.config)
    except (ConfigError, StorageError) as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 1
    try:
        return body(settings, store, datetime.now(UTC))
    except (ConfigError, StorageError, ValueError) as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
