"""`wardwatch case …`: the privacy-complaint / dispute workflow (domain.md §D2) from the CLI."""

from __future__ import annotations

import argparse
import getpass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from storage.db import Store

HELP = "投诉与纠纷案件 / complaint and dispute cases: intake → … → closure"
CASE_HELP = "案件编号（如 投诉-2026-0001）或内部编号 / case reference or internal id"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands open, list, show, record, link, seal, advance, summary."""
    from bot.timed_cli import add_config_argument

    sub = parser.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    add = sub.add_parser("open", help="受理登记 / intake a complaint")
    add.add_argument("--complainant", required=True,
                     help="投诉人登记编号（勿填身份证号等）/ complainant reference (form number)")
    add.add_argument("--matter", required=True, help="投诉事项 / what the complaint is about")
    add.add_argument("--channel", required=True,
                     choices=("in_person", "phone", "letter", "online", "chat", "other"))
    add.add_argument("--received", default=None, help="受理时间 / received at (ISO, default now)")
    sub.add_parser("list", help="未结案件 / open cases").add_argument(
        "--all", action="store_true", help="含已结案 / include closed cases")
    show = sub.add_parser("show", help="案件详情 / one case")
    show.add_argument("case", help=CASE_HELP)
    rec = sub.add_parser("record", help="记录本阶段事实 / record facts at the current stage")
    rec.add_argument("case", help=CASE_HELP)
    rec.add_argument("facts", nargs="+", metavar="KEY=VALUE",
                     help="verification= plan= implementation= feedback= cause= note=")
    link = sub.add_parser("link", help="关联发现与消息（消息即刻保全）/ link findings, messages")
    link.add_argument("case", help=CASE_HELP)
    link.add_argument("--finding", type=int, action="append", default=[], metavar="SEQ")
    link.add_argument("--message", type=int, action="append", default=[], metavar="SEQ")
    seal = sub.add_parser("seal", help="封存证据包 / seal the evidence bundle")
    seal.add_argument("case", help=CASE_HELP)
    seal.add_argument("--reason", required=True, help="封存理由 / why (audited)")
    seal.add_argument("--output", "--out", type=Path, default=Path("."),
                      help="证据包目录 / bundle folder")
    move = sub.add_parser("advance", help="进入下一阶段 / move to the next stage")
    move.add_argument("case", help=CASE_HELP)
    move.add_argument("--reject", action="store_true", help="审批不通过，退回方案 / send back")
    move.add_argument("--note", default="", help="备注 / note")
    sub.add_parser("summary", help="本月结案汇总 / this month's closed cases")
    for child in sub.choices.values():
        add_config_argument(child)
        child.add_argument("--as", dest="actor", default=None,
                           help="操作人（审批时为审批人 Telegram id）/ acting user id")


def run(args: argparse.Namespace) -> int:
    """Dispatch to the case service; user errors print in Chinese and exit 1."""
    from bot.timed_cli import run_with_archive

    return run_with_archive(args, lambda s, st, now: _dispatch(args, s, st, now))


def _dispatch(args: argparse.Namespace, settings: Settings, store: Store, now: datetime) -> int:
    from bot import case_service as svc
    from bot.commands.archive import sealed_text

    actor = args.actor or f"cli:{getpass.getuser()}"
    command = args.case_command
    if command == "open":
        fields = {"complainant": args.complainant, "matter": args.matter,
                  "channel": args.channel, "received_at": args.received or now.isoformat()}
        reference = svc.intake(store, settings, fields, actor, now)
        print(f"已受理，案件编号 {reference} / case opened: {reference}")
    elif command == "list":
        print(svc.listing(store, settings, open_only=not args.all))
    elif command == "show":
        print(svc.describe(store, settings, args.case))
    elif command == "record":
        facts = dict(_pair(item) for item in args.facts)
        svc.add_facts(store, args.case, facts, now)
        print(f"已记录 / recorded: {', '.join(facts)}")
    elif command == "link":
        held = svc.link(store, args.case, findings=args.finding, messages=args.message,
                        actor=actor, now=now)
        print(f"已关联；新增保全消息 {held} 条 / linked; {held} message versions now held")
    elif command == "seal":
        sealed = svc.seal_evidence(store, settings, args.case, actor, args.reason,
                                   args.output, now)
        print(sealed_text(svc.reference_of(store, args.case), sealed,
                          store.signer.public_key_hex()))
    elif command == "advance":
        stage = svc.move_on(store, settings, args.case, actor, now, approve=not args.reject,
                            note=args.note)
        reference = svc.reference_of(store, args.case)
        print(f"案件 {reference} 进入阶段 / now at stage: {svc.STAGE_ZH[stage]}（{stage}）")
    else:
        print(svc.month_summary(store, settings, now))
    return 0


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ValueError(f"应为 KEY=VALUE / expected KEY=VALUE, got {text!r}")
    return key, value
