"""`wardwatch archive …`: verify, search, show, import, cases, bundles, checkpoints, purge.

The compliance officer's tools over `storage` (docs/archive.md walks through them). Every
search, view and export is audited with the actor (`--actor`, default the login name) and the
reason (`--reason`, required). Shell access to the server plus the archive key is what makes a
compliance officer here, so the CLI reads originals with the compliance role.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HELP = "证据存档：校验、检索、查看、导入、案件封存 / evidence archive: verify, search, cases…"
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
CLI_ROLES = ("compliance",)
CASE_HELP = "案件编号（如 证据-2026-0001）或内部编号 / case reference or internal id"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands of `wardwatch archive`."""
    sub = parser.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, metavar="FILE", help="配置文件 / config (YAML)")
    common.add_argument("--actor", default=getpass.getuser(),
                        help="操作人（写入审计日志）/ who is acting (audited)")
    audited = argparse.ArgumentParser(add_help=False)
    audited.add_argument("--reason", required=True,
                         help="查询理由（写入审计日志）/ why (audited), e.g. 投诉 2026-17")
    sub.add_parser("verify", parents=[common],
                   help="校验哈希链 / verify the hash chain (exit 1 if broken)")
    _search_arguments(sub.add_parser("search", parents=[common, audited],
                                     help="检索（脱敏文本）/ search (masked text)"))
    show = sub.add_parser("show", parents=[common, audited],
                          help="查看一条消息及其版本、发现、处理 / show a message with history")
    show.add_argument("seq", type=int, help="记录号 / record number (from search)")
    show.add_argument("--original", action="store_true",
                      help="显示原文（需密钥，已审计）/ show the original text (audited)")
    show.add_argument("--format", choices=("text", "json"), default="text")
    imp = sub.add_parser("import", parents=[common],
                         help="导入 Telegram 导出或微信 CSV / import an export")
    imp.add_argument("path", help="result.json、微信 CSV 或 JSONL / export file")
    imp.add_argument("--input-format", choices=("jsonl", "telegram", "wechat"))
    imp.add_argument("--batch", type=int, default=1000, help="每个事务的消息数 / per commit")
    _case_arguments(sub.add_parser("case", help="案件 / cases: open, add, seal, list"), common,
                    audited)
    vb = sub.add_parser("verify-bundle", help="离线校验证据包 / verify a bundle offline")
    vb.add_argument("bundle", type=Path)
    vb.add_argument("--public-key", help="预期的签名公钥（hex）/ expected signing key (hex)")
    sub.add_parser("checkpoint", parents=[common],
                   help="签署链头检查点并打印 / sign a checkpoint of the chain head")
    purge = sub.add_parser("purge", parents=[common],
                           help="按保留期清除内容（封存记录除外）/ retention purge")
    purge.add_argument("--dry-run", action="store_true", help="只统计 / count only")


def _search_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", help="文本（任意长度中文子串）/ text, any substring")
    for name, text in (("chat", "群 ID 或群名 / chat id or title"),
                       ("sender", "发送者 ID / sender id"),
                       ("role", "角色 / role (doctor, nurse, assistant, patient, family)"),
                       ("department", "科室 / department"), ("rule", "规则 ID / rule id"),
                       ("category", "类别 / category (personal_data, gift, …)")):
        p.add_argument(f"--{name}", help=text)
    p.add_argument("--since", type=_date,
                   help="起始时间（默认按配置时区）/ from (ISO date or time, configured zone)")
    p.add_argument("--until", type=_date, help="截止时间（不含）/ until (exclusive)")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")


def _case_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser,
                    audited: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    op = sub.add_parser("open", parents=[common, audited], help="立案 / open a case")
    op.add_argument("--title", required=True, help="案件名称 / case title")
    add = sub.add_parser("add", parents=[common], help="加入记录 / add records to a case")
    add.add_argument("case", help=CASE_HELP)
    add.add_argument("--message", type=int, nargs="+", default=[], metavar="SEQ",
                     help="记录号（含其全部版本）/ record numbers (all versions come along)")
    add.add_argument("--chat", help="整段加入此群的消息 / add a whole chat range")
    add.add_argument("--since", type=_date)
    add.add_argument("--until", type=_date)
    seal = sub.add_parser("seal", parents=[common, audited], help="封存并导出证据包 / seal")
    seal.add_argument("case", help=CASE_HELP)
    seal.add_argument("--out", type=Path, default=Path("."), help="证据包目录 / output dir")
    sub.add_parser("list", parents=[common], help="列出案件 / list cases")


def _date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"不是 ISO 日期/时间 / not an ISO date: {value}") from exc
    return parsed  # a naive value is local time: `_localized` applies the configured zone


def _localized(value: datetime | None, timezone: str) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo(timezone))


def run(args: argparse.Namespace) -> int:
    """Dispatch; storage and config errors become one bilingual line and exit 1."""
    from bot.config import ConfigError
    from storage.errors import StorageError

    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "verify": _verify, "search": _search, "show": _show, "import": _import,
        "case": _case, "verify-bundle": _verify_bundle, "checkpoint": _checkpoint,
        "purge": _purge,
    }
    try:
        return handlers[args.archive_command](args)
    except (ConfigError, StorageError, ValueError) as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return EXIT_PROBLEM


def _settings(args: argparse.Namespace) -> Any:
    from bot.config import load_settings

    return load_settings(args.config)


def _open(args: argparse.Namespace, *, create_key: bool = False) -> Any:
    """The configured store; the key is optional except where originals are written or read."""
    from storage.db import open_store_with_key_file

    settings = _settings(args)
    base = args.config.resolve().parent if args.config else Path.cwd()
    return open_store_with_key_file(
        settings.database.url, key_setting=settings.archive.key,
        key_file=base / settings.archive.key_file, create_key=create_key, key_dir=base,
        signing_key_file=settings.archive.signing_key_file)


def _verify(args: argparse.Namespace) -> int:
    from storage.chain import verify_chain

    store = _open(args)
    with store.begin() as s:
        result = verify_chain(s)
    if result.ok:
        print(f"存档完好 / archive intact: {result.checked} 条记录 / records, "
              f"{result.checkpoints} 个检查点 / checkpoints, {result.purged} 条已按保留期清除 / "
              f"purged; 链头 / head #{result.head_seq} {result.head_hash}")
        return EXIT_OK
    print(f"存档被篡改 / ARCHIVE BROKEN at record #{result.bad_seq} ({result.problem}): "
          f"{result.detail}", file=sys.stderr)
    return EXIT_PROBLEM


def _search(args: argparse.Namespace) -> int:
    from storage import queries

    store = _open(args)
    settings = _settings(args)
    tz = settings.timezone
    with store.begin() as s:
        page = queries.search(
            s, actor=args.actor, reason=args.reason, page=args.page, page_size=args.page_size,
            text=args.text, chat=args.chat, sender=args.sender, role=args.role,
            department=args.department, rule=args.rule, category=args.category,
            since=_localized(args.since, tz), until=_localized(args.until, tz),
        )
    if args.format == "jsonl":
        for hit in page.hits:
            print(json.dumps(hit.to_json(), ensure_ascii=False))
        return EXIT_OK
    staff = {str(p.telegram_id): p.name for p in settings.roster.people}
    _print_hits(page, ZoneInfo(tz), staff)
    return EXIT_OK


def _print_hits(page: Any, tz: ZoneInfo, staff: dict[str, str]) -> None:
    """The page as a table; staff from the roster by name, everyone else by id."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"第 {page.page} 页 / page {page.page}"
                  + ("（还有更多 / more…）" if page.has_more else ""))
    for col in ("#", "时间 / time", "群 / chat", "发送者 / sender", "角色 / role",
                "内容（脱敏）/ masked text", "规则 / rules"):
        table.add_column(col, overflow="fold")
    for h in page.hits:
        when = h.ts.astimezone(tz).strftime("%Y-%m-%d %H:%M") if h.ts else ""
        sender = f"{staff[h.sender_id]} {h.sender_id}" if h.sender_id in staff else h.sender_id
        table.add_row(str(h.seq), when, h.chat_title or h.chat_id, sender, h.sender_role,
                      h.masked_text + (" [已撤回]" if h.removed else ""), ", ".join(h.rules))
    Console().print(table)


def _show(args: argparse.Namespace) -> int:
    from storage import queries

    store = _open(args)
    with store.begin() as s:
        view = queries.show(s, args.seq, actor=args.actor, reason=args.reason,
                            original=args.original, actor_roles=CLI_ROLES)
        data = _view_json(view)
    if view.original_denied:
        print(f"拒绝 / refused: {view.original_denied}", file=sys.stderr)
        return EXIT_PROBLEM
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        _print_view(data, ZoneInfo(_settings(args).timezone))
    return EXIT_OK


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _view_json(view: Any) -> dict[str, Any]:
    versions = []
    for v in view.versions:
        r = v.record
        item = {"seq": r.seq, "version": r.version, "chat_id": r.chat_id,
                "message_id": r.message_id, "sender_id": r.sender_id,
                "sender_role": r.sender_role, "ts": _iso(r.ts), "masked_text": r.masked_text,
                "removed_at": _iso(r.removed_at), "purged": r.purged_at is not None}
        if v.original_text is not None:
            item.update(original_text=v.original_text, sender_name=v.sender_name,
                        original_intact=v.original_intact)
        versions.append(item)
    return {
        "chat_title": view.chat_title,
        "versions": versions,
        "findings": [{"seq": f.seq, "message_seq": f.message_seq, "rule_id": f.rule_id,
                      "category": f.category, "severity": f.severity} for f in view.findings],
        "actions": [{"seq": a.seq, "kind": a.kind, "target": a.target, "status": a.status,
                     "delivered_message_id": a.delivered_message_id} for a in view.actions],
        "acknowledgements": [{"alert": a.alert_seq, "actor": a.actor_id,
                              "decision": a.decision, "at": _iso(a.at)}
                             for a in view.acknowledgements],
        "events": [{"seq": e.seq, "kind": e.kind, "at": _iso(e.at)} for e in view.events],
    }


def _local(iso: str | None, tz: ZoneInfo) -> str:
    """An ISO time from `_view_json` in the hospital's time zone, as the search table shows it."""
    return datetime.fromisoformat(iso).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if iso else ""


def _print_view(data: dict[str, Any], tz: ZoneInfo) -> None:
    print(f"群 / chat: {data['chat_title']}")
    for v in data["versions"]:
        print(f"#{v['seq']} 第 {v['version']} 版 / version {v['version']} · "
              f"{_local(v['ts'], tz)} · {v['sender_role']} {v['sender_id']}")
        print(f"  脱敏 / masked: {v['masked_text']}")
        if "original_text" in v:
            intact = "完好 / intact" if v["original_intact"] else "与承诺不符 / MISMATCH"
            print(f"  原文 / original ({v['sender_name']}, {intact}): {v['original_text']}")
        if v["removed_at"]:
            print(f"  已撤回 / removed at {_local(v['removed_at'], tz)}")
    for f in data["findings"]:
        print(f"  发现 / finding #{f['seq']}: {f['rule_id']} ({f['category']}, {f['severity']})")
    for a in data["actions"]:
        print(f"  处理 / action #{a['seq']}: {a['kind']} → {a['target']} [{a['status']}]")
    for a in data["acknowledgements"]:
        print(f"  决定 / decision on #{a['alert']}: {a['decision']} by {a['actor']} "
              f"{_local(a['at'], tz)}")


def _import(args: argparse.Namespace) -> int:
    from bot.commands.archive_import import import_export

    store = _open(args, create_key=True)
    try:
        return import_export(store, _settings(args), Path(args.path), args.input_format,
                             args.batch, args.actor)
    finally:
        store.close()


def _case(args: argparse.Namespace) -> int:
    from storage import cases

    store = _open(args, create_key=args.case_command == "seal")
    with store.begin() as s:
        if args.case_command == "open":
            case = cases.open_case(s, title=args.title, opened_by=args.actor, reason=args.reason)
            print(f"已立案 / case opened: {case.reference}（内部编号 / internal id {case.id}）")
        elif args.case_command == "add":
            case = cases.find_case(s, args.case)
            added = _case_add(s, case.id, args)
            print(f"已加入 / added {added} 条记录 / records to {case.reference}（已冻结保留 / "
                  "under legal hold）")
        elif args.case_command == "seal":
            tz = _settings(args).timezone
            case = cases.find_case(s, args.case)
            result = cases.seal(s, case.id, actor=args.actor, reason=args.reason,
                                out_dir=args.out, timezone=tz)
            print(f"已封存 / sealed {case.reference}: {result.path}\n"
                  f"  {result.messages} 条消息 / messages, "
                  f"检查点 / checkpoint #{result.checkpoint_seq}\n  SHA-256 {result.sha256}\n"
                  f"  公钥 / public key {store.signer.public_key_hex()}")
        else:
            _print_cases(cases.list_cases(s))
    return EXIT_OK


def _case_add(s: Any, case_id: int, args: argparse.Namespace) -> int:
    from storage import cases

    if not args.message and not args.chat:
        raise ValueError("请用 --message SEQ… 或 --chat CHAT / give --message or --chat")
    added = cases.add_messages(s, case_id, args.message, actor=args.actor)
    if args.chat:
        tz = _settings(args).timezone
        added += cases.add_range(s, case_id, chat_id=args.chat,
                                 since=_localized(args.since, tz),
                                 until=_localized(args.until, tz), actor=args.actor)
    return int(added)


def _print_cases(summaries: list[Any]) -> None:
    """One tab-separated line per case: the reference first, the internal id last (operators
    match it against audit targets such as `case 3`)."""
    if not summaries:
        print("没有案件 / no cases")
    for c in summaries:
        state = f"已封存 / sealed {c.sealed_at:%Y-%m-%d %H:%M}" if c.sealed_at else "办理中 / open"
        print(f"{c.reference}\t{c.title}\t{c.messages} 条 / records\t{state}\t{c.opened_by}"
              f"\tid {c.id}")


_COUNT_LABELS = {
    "messages": "消息 / messages", "findings": "发现 / findings", "actions": "处理 / actions",
    "acknowledgements": "确认 / acknowledgements", "events": "事件 / events",
    "chain_entries": "链记录 / chain entries",
}


def format_bundle_counts(counts: dict[str, int]) -> str:
    """A bundle's record counts as one readable line: `消息 / messages 5，发现 / findings 3`."""
    order = list(_COUNT_LABELS)
    kinds = sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))
    return "，".join(f"{_COUNT_LABELS.get(kind, kind)} {counts[kind]}" for kind in kinds)


def _verify_bundle(args: argparse.Namespace) -> int:
    from storage.bundle import verify_bundle

    report = verify_bundle(args.bundle, public_key=args.public_key)
    named = " · ".join(part for part in (report.case_reference, report.case_title) if part)
    print(f"案件 / case: {named}\n公钥指纹 / key fingerprint: {report.fingerprint}\n"
          f"检查点 / checkpoint: #{report.head_seq}\n"
          f"记录 / records: {format_bundle_counts(report.counts)}")
    if report.ok:
        print("证据包完好 / bundle verified: every digest, signature and chain link checks out")
        return EXIT_OK
    for problem in report.problems:
        print(f"问题 / problem: {problem}", file=sys.stderr)
    return EXIT_PROBLEM


def _checkpoint(args: argparse.Namespace) -> int:
    from storage import checkpoints

    store = _open(args)
    with store.begin() as s:
        cp = checkpoints.create(s)
        print(checkpoints.text(cp, store.store_id))
    return EXIT_OK


def _purge(args: argparse.Namespace) -> int:
    from storage import retention

    settings = _settings(args)
    store = _open(args)
    with store.begin() as s:
        report = retention.purge(s, actor=args.actor, dry_run=args.dry_run,
                                 retention_days=settings.archive.retention_days)
    verb = "将清除 / would purge" if args.dry_run else "已清除 / purged"
    print(f"{verb}: {report.purged}; 冻结保留未动 / held and kept: {report.held}")
    return EXIT_OK
