"""`wardwatch config check [--config FILE]`: validate a config without side effects.

Loads the settings (with environment overrides), runs the cross-reference checks and loads
the rule packs exactly as `wardwatch run` would, then prints a short summary. Nothing is
created: no database, no key file, no Telegram call. Exit 0 when valid, 2 with one
`错误 / error: file:line: key: why` line per problem.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from rules.schema import Rule

HELP = "检查配置 / check a config file (no side effects)"
EXIT_OK, EXIT_INVALID = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`check [--config FILE]`."""
    sub = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="校验配置与规则包，不做任何改动 / validate settings, "
                                         "references and rule packs; change nothing")
    check.add_argument("--config", metavar="FILE",
                       help="配置文件 / config file (default: built-in defaults + env)")


def summary(settings: Settings, rules: list[Rule]) -> list[str]:
    """The lines an operator checks before a start: packs, roster, departments, chats."""
    from rules.loader import default_pack_warning, pack_summary

    roster = settings.roster
    groups = sum(len(d.chat_ids) for d in roster.departments)
    departments = ", ".join(f"{d.id}（{d.name}）" for d in roster.departments) or "—"
    operator = settings.telegram.operator_chat_id
    lines = [
        pack_summary(settings.rules.packs, rules),
        f"花名册 / roster: {len(roster.people)} 人 / people",
        f"科室 / departments: {len(roster.departments)}: {departments}",
        f"患者群 / patient groups: {groups}；告警群 / alert chats: "
        f"{sum(d.alert_chat_id is not None for d in roster.departments)}；运维群 / operator "
        f"chat: {operator if operator is not None else '未设置 / not set'}",
    ]
    warning = default_pack_warning(settings.rules.packs)
    return lines + ([warning] if warning else [])


def run(args: argparse.Namespace) -> int:
    """Check and print the summary (exit 0), or the errors (exit 2)."""
    from bot.config import ConfigError, error_lines, load_settings
    from bot.engine_setup import load_engine
    from rules.loader import RuleError

    try:
        settings = load_settings(args.config)
        engine = load_engine(settings, args.config)
    except (ConfigError, RuleError) as exc:
        print(error_lines(exc), file=sys.stderr)
        return EXIT_INVALID
    for line in summary(settings, engine.rules):
        print(line)
    print(f"配置有效 / config OK: {args.config or '<defaults>'}")
    return EXIT_OK
