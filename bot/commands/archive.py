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
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from storage.cases import SealResult

HELP = "证据存档：校验、检索、查看、导入、案件封存 / evidence archive: verify, search, cases…"
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
# verify-bundle: consistent, but no expected key was given, so the signer is unconfirmed
EXIT_SIGNER_UNCHECKED = 3
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
    vb = sub.add_parser(
        "verify-bundle", help="离线校验证据包 / verify a bundle offline",
        description="退出码 / exit: 0 完好且签名公钥与预期一致 / verified against the expected "
                    "key; 1 校验失败 / FAILED; 2 参数或公钥格式错误 / usage or invalid key; "
                    "3 内部一致但未核对签名人 / consistent, signer not checked (no --public-key)")
    vb.add_argument("bundle", type=Path)
    expected = vb.add_mutually_exclusive_group()
    expected.add_argument("--public-key", metavar="HEX|FILE",
                          help="预期的签名公钥（64 位 hex，或含公钥的文件）/ expected signing "
                               "key: 64 hex digits, or a file holding them")
    expected.add_argument("--config", type=Path, metavar="FILE",
                          help="用此配置的存档公钥核对 / expect this archive's signing key")
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
    seal.add_argument("--out", "--output", dest="out", type=Path, default=Path("."),
                      help="证据包目录 / output folder (--out 与 --output 同义 / either spelling)")
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


def _open(args: argparse.Namespace, *, create_key: bool = False, create: bool = False) -> Any:
    """The configured store; the key is optional except where originals are written or read.

    Only `import` (create=True) may create the archive; every other action stops with
    「找不到存档数据库」 instead of showing an empty new one.
    """
    from storage.db import open_store_with_key_file

    settings = _settings(args)
    base = args.config.resolve().parent if args.config else Path.cwd()
    return open_store_with_key_file(
        settings.database.url, key_setting=settings.archive.key,
        key_file=base / settings.archive.key_file, create_key=create_key, key_dir=base,
        signing_key_file=settings.archive.signing_key_file, must_exist=not create)


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
    elif page.hits:
        staff = {str(p.telegram_id): p.name for p in settings.roster.people}
        _print_hits(page, ZoneInfo(tz), staff)
    else:
        print(f"无结果 / no results（第 {page.page} 页 / page {page.page}）")
    hint = masked_search_hint(args.text or "")
    if hint and not page.hits:
        print(hint, file=sys.stderr)
    return EXIT_OK


_FULL_NUMBERS = (  # (pattern, entity for `rules.redaction.mask_value`)
    (r"(?<!\d)1[3-9]\d{9}(?!\d)", "CN_PHONE"),
    (r"(?<!\d)\d{17}[\dXx](?![\dXx])", "CN_RESIDENT_ID"),
    (r"\d{7,}", ""),
)


def masked_search_hint(text: str) -> str:
    """Why a search for a full phone or ID number finds nothing, and what to search instead."""
    import re

    for pattern, entity in _FULL_NUMBERS:
        found = re.search(pattern, text)
        if found is None:
            continue
        masked = ""
        if entity:
            from rules.redaction import mask_value

            masked = f"，如 / e.g. {mask_value(entity, found.group(0))}"
        return ("提示 / hint: 可检索的副本中个人信息已脱敏，完整的电话、身份证号等查不到；请按群、"
                f"发送者、时间检索，或检索脱敏后的形式{masked} / personal data is masked in the "
                "searchable copy: search by --chat, --sender, --since/--until, or by the masked "
                "form")
    return ""


def _print_hits(page: Any, tz: ZoneInfo, staff: dict[str, str]) -> None:
    """The page as a table; staff from the roster by name, everyone else by id."""
    from rich.console import Console
    from rich.table import Table

    from storage.transcript import chat_label

    table = Table(title=f"第 {page.page} 页 / page {page.page}"
                  + ("（还有更多 / more…）" if page.has_more else ""))
    for col in ("#", "时间 / time", "群（平台 · ID）/ chat (platform · id)", "发送者 / sender",
                "角色 / role", "内容（脱敏）/ masked text", "规则 / rules"):
        table.add_column(col, overflow="fold")
    for h in page.hits:
        when = h.ts.astimezone(tz).strftime("%Y-%m-%d %H:%M") if h.ts else ""
        sender = f"{staff[h.sender_id]} {h.sender_id}" if h.sender_id in staff else h.sender_id
        table.add_row(str(h.seq), when, chat_label(h.chat_title, h.source, h.chat_id), sender,
                      h.sender_role,
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
        item = {"seq": r.seq, "version": r.version, "source": r.source, "chat_id": r.chat_id,
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
    """The message for people: versions counted from 第 1 版 (the JSON keeps the stored 0)."""
    from storage.transcript import chat_label

    first = data["versions"][0] if data["versions"] else {}
    where = chat_label(data["chat_title"], first.get("source", ""), first.get("chat_id", ""))
    print(f"群 / chat: {where}")
    for v in data["versions"]:
        number = v["version"] + 1
        print(f"#{v['seq']} 第 {number} 版 / version {number} · "
              f"{_local(v['ts'], tz)} · {v['sender_role']} {v['sender_id']}")
        print(f"  脱敏 / masked: {v['masked_text']}")
        if "original_text" in v:
            print(f"  {_original_label(v)}: {v['original_text']}")
        if v["removed_at"]:
            print(f"  已撤回 / removed at {_local(v['removed_at'], tz)}")
    for f in data["findings"]:
        print(f"  发现 / finding #{f['seq']}: {f['rule_id']} ({f['category']}, {f['severity']})")
    for a in data["actions"]:
        print(f"  处理 / action #{a['seq']}: {a['kind']} → {a['target']} [{a['status']}]")
    for a in data["acknowledgements"]:
        print(f"  决定 / decision on #{a['alert']}: {a['decision']} by {a['actor']} "
              f"{_local(a['at'], tz)}")


def _original_label(v: dict[str, Any]) -> str:
    """`原文 / original（王建国 · 完好 / intact）`; no empty name slot when none was recorded."""
    intact = "完好 / intact" if v["original_intact"] else "与承诺不符 / MISMATCH"
    name = v.get("sender_name") or ""
    return f"原文 / original（{name + ' · ' if name else ''}{intact}）"


def _import(args: argparse.Namespace) -> int:
    from bot.commands.archive_import import import_export

    store = _open(args, create_key=True, create=True)
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
            _seal(s, store, args)
        else:
            _print_cases(cases.list_cases(s))
    return EXIT_OK


def _seal(s: Any, store: Any, args: argparse.Namespace) -> None:
    """Seal the case and print where the bundle is and the key to check it against."""
    from storage import cases
    from storage.errors import CaseError

    case = cases.find_case(s, args.case)
    if case.sealed_at is not None:
        raise CaseError(f"案件 {case.reference} 已封存（{case.sealed_at:%Y-%m-%d %H:%M}）/ case "
                        f"{case.reference} is already sealed")
    result = cases.seal(s, case.id, actor=args.actor, reason=args.reason, out_dir=args.out,
                        timezone=_settings(args).timezone)
    print(sealed_text(case.reference, result, store.signer.public_key_hex()))


def sealed_text(reference: str, result: SealResult, key: str) -> str:
    """What sealing prints (archive case seal, case seal): where the bundle is, what it holds,
    and the key to write on the sealing list and check it against."""
    from storage.crypto import fingerprint

    return (f"已封存 / sealed {reference}: {Path(result.path).resolve()}\n"
            f"  {result.messages} 条消息 / messages, "
            f"检查点 / checkpoint #{result.checkpoint_seq}\n  SHA-256 {result.sha256}\n"
            f"  公钥 / public key {key}\n  公钥指纹 / key fingerprint: {fingerprint(key)}\n"
            f"  仅本人可读 / owner-only file (0600)；校验 / verify: wardwatch archive "
            f"verify-bundle FILE --public-key {key}")


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
    """Exit 0 only for a bundle signed with the expected key; 3 when none was given."""
    from storage.bundle import expected_key, verify_bundle
    from storage.errors import BundleError

    try:
        expected = _expected_key(args)
        if expected is not None:
            expected = expected_key(expected)
    except BundleError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = verify_bundle(args.bundle, public_key=expected)
    except BundleError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        print(_failed_verdict([str(exc)]))
        return EXIT_PROBLEM
    named = " · ".join(part for part in (report.case_reference, report.case_title) if part)
    head = f"#{report.head_seq}" if report.head_seq else "—（未能核对 / not established）"
    print(f"案件 / case: {named}\n公钥指纹 / key fingerprint: {report.fingerprint}\n"
          f"检查点 / checkpoint: {head}\n"
          f"记录 / records: {format_bundle_counts(report.counts)}")
    if not report.ok:
        for problem in report.problems:
            print(f"问题 / problem: {problem}", file=sys.stderr)
        print(_failed_verdict(report.problems))
        return EXIT_PROBLEM
    if report.key_checked:
        print("证据包完好 / bundle verified: 摘要、签名、哈希链均无误，签名公钥与预期一致 / every "
              "digest, signature and chain link checks out, signed with the expected key")
        return EXIT_OK
    print(_unchecked_verdict(report.fingerprint))
    return EXIT_SIGNER_UNCHECKED


def _unchecked_verdict(fp: str) -> str:
    """What a consistent bundle checked without an expected key proves, and what to do next."""
    return (f"仅核对了内部一致性，未核对签名人 / only internal consistency was checked, NOT who "
            f"signed it: 没有 --public-key 时，任何人改动证据包后用自己的密钥重新签名也能通过 / "
            f"without --public-key a bundle altered and re-signed with another key passes too.\n"
            f"请将公钥指纹 {fp} 与医院公布的指纹（封存时打印、见证群检查点）核对，"
            f"并用 --public-key HEX 或 --config FILE 重新校验 / compare fingerprint {fp} with "
            f"the one the hospital published (printed at sealing, posted as checkpoints to the "
            f"witness chat), then rerun with --public-key HEX or --config FILE "
            f"(退出码 / exit {EXIT_SIGNER_UNCHECKED})")


def _failed_verdict(problems: list[str]) -> str:
    """The one final line of a failed check, naming the first reasons."""
    shown = "；".join(problems[:3]) + (f"；…（共 {len(problems)} 项 / {len(problems)} in all）"
                                      if len(problems) > 3 else "")
    return f"证据包校验失败 / bundle verification FAILED: {shown}"


def _expected_key(args: argparse.Namespace) -> str | None:
    """The key to expect: `--public-key` hex or a file holding it, or the archive's own key."""
    if args.public_key is not None:
        path = Path(args.public_key)
        return path.read_text(encoding="ascii").strip() if path.is_file() else args.public_key
    if args.config is None:
        return None
    from storage.models import Meta

    store = _open(args)
    try:
        with store.begin() as s:
            known = s.get(Meta, "signing_public_key")
        if known is not None:
            return str(known.value)
        if store.signer.path.is_file():
            return str(store.signer.public_key_hex())
    finally:
        store.close()
    raise ValueError("此存档尚未签名过检查点，没有已知公钥 / this archive has signed nothing yet: "
                     "no known public key")


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
    print(format_purge(report))
    return EXIT_OK


_PURGE_LABELS = {"message": "消息 / messages", "audit": "审计记录 / audit events",
                 "inbox": "收件箱 / inbox items"}


def format_purge(report: Any) -> str:
    """A purge (or a dry run) as lines: one per record kind, then the held ones."""
    head = ("试运行，未改动任何记录 / dry run, nothing changed — 将清除 / would purge:"
            if report.dry_run else "已清除 / purged:")
    lines = [head]
    for kind, count in report.purged.items():
        cutoff = report.cutoffs.get(kind, "") if kind != "message" else ""  # per category
        before = f"（早于 / before {cutoff[:10]}）" if cutoff else ""
        lines.append(f"  {_PURGE_LABELS.get(kind, kind)}: {count} 条{before}")
    lines.append(f"  冻结保留未动 / held and kept: {report.held} 条")
    return "\n".join(lines)
