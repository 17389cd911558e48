"""`wardwatch db upgrade`: apply the archive's schema migrations (shipped in the package)."""

from __future__ import annotations

import argparse
import sys

HELP = "数据库维护 / database maintenance (upgrade the schema)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`db upgrade [--config FILE] [--url URL]`."""
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = sub.add_parser("upgrade", help="升级数据库结构到最新版本 / migrate to the latest schema")
    up.add_argument("--config", metavar="FILE", help="配置文件 / config file (YAML)")
    up.add_argument("--url", help="数据库 URL（覆盖配置）/ database URL (overrides the config)")


def run(args: argparse.Namespace) -> int:
    """Upgrade and print the revisions; exit 1 with a clear message on failure."""
    from bot.config import ConfigError, load_settings
    from storage.db import upgrade
    from storage.errors import StorageError

    try:
        url = args.url or load_settings(args.config).database.url
        before, after = upgrade(url)
    except (ConfigError, StorageError) as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 1
    if before == after:
        print(f"数据库已是最新版本 / schema already at {after}")
    else:
        print(f"数据库已升级 / schema upgraded: {before or '空 / empty'} → {after}")
    return 0
