"""/complaint in the bot's private chat: the same case workflow as `wardwatch case`.

Staff only (compliance, compliance lead, medical affairs; enforced by `commands_staff`), each
use audited there. Usage (Chinese first):

    /complaint open <渠道 channel> <登记编号 ref> <事项 matter…>
    /complaint list | show 案件 | summary
    /complaint note 案件 key=value …     (verification, plan, implementation, feedback, cause)
    /complaint link 案件 msg:SEQ finding:SEQ …
    /complaint seal 案件 <理由 reason…>
    /complaint advance 案件 [reject] [备注 note…]

案件：编号（投诉-2026-0001）或序号（1） / a case: its reference or its internal id.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update
from telegram.ext import ContextTypes

from bot import case_service as svc
from bot.commands_staff import register
from bot.config import Settings
from bot.runtime import Runtime
from bot.workflow import WorkflowError
from storage.db import Store
from storage.errors import NotFoundError, StorageError

USAGE = (
    "用法 / usage:\n/complaint open <渠道> <登记编号> <事项…>\n"
    "/complaint list | show 案件 | summary\n"
    "/complaint note 案件 key=value …\n/complaint link 案件 msg:SEQ finding:SEQ …\n"
    "/complaint seal 案件 <理由…>\n/complaint advance 案件 [reject] [备注…]\n"
    "案件：编号（投诉-2026-0001）或序号 / reference or id"
)

UNKNOWN_HINT = ("请核对案件编号（如 投诉-2026-0001），或用 /complaint list 查看在办案件。\n"
                "Please check the reference, or see /complaint list.")


def handle(settings: Settings, store: Store, actor: str, args: list[str], now: datetime) -> str:
    """The reply to one /complaint command (plain text); user errors become a short sentence."""
    try:
        return _dispatch(settings, store, actor, args, now)
    except IndexError:
        return f"参数不足 / missing arguments\n\n{USAGE}"
    except NotFoundError as exc:  # an unknown case, or an evidence case with no workflow
        return f"{exc}\n{UNKNOWN_HINT}"
    except (WorkflowError, StorageError, ValueError) as exc:
        return f"未能完成 / not done: {exc}"


def _dispatch(settings: Settings, store: Store, actor: str, args: list[str],
              now: datetime) -> str:
    verb = args[0] if args else "help"
    if verb == "open":
        channel, ref, matter = args[1], args[2], " ".join(args[3:])
        fields = {"channel": channel, "complainant": ref, "matter": matter,
                  "received_at": now.isoformat()}
        return f"已受理，案件编号 {svc.intake(store, settings, fields, actor, now)}"
    if verb == "list":
        return svc.listing(store, settings)
    if verb == "summary":
        return svc.month_summary(store, settings, now)
    if verb not in ("show", "note", "link", "seal", "advance"):
        return USAGE
    key, rest = args[1], args[2:]  # a reference (投诉-2026-0001) or the id
    if verb == "show":
        return svc.describe(store, settings, key)
    if verb == "note":
        facts = dict(item.split("=", 1) for item in rest if "=" in item)
        svc.add_facts(store, key, facts, now)
        return f"已记录：{', '.join(facts) or '无'}"
    if verb == "link":
        messages, findings = _numbers(rest, "msg:"), _numbers(rest, "finding:")
        held = svc.link(store, key, findings=findings, messages=messages, actor=actor,
                        now=now)
        return f"已关联 {len(findings)} 条发现、{len(messages)} 条消息；新增保全 {held} 条。"
    if verb == "seal":
        out_dir = Path(settings.reports.output_dir) / "bundles"
        sealed = svc.seal_evidence(store, settings, key, actor, " ".join(rest) or "投诉取证",
                                   out_dir, now)
        return f"证据已封存，SHA-256：{sealed.sha256}"
    reject = bool(rest) and rest[0] == "reject"
    note = " ".join(rest[1:] if reject else rest)
    stage = svc.move_on(store, settings, key, actor, now, approve=not reject, note=note)
    return f"案件 {svc.reference_of(store, key)} 已进入：{svc.STAGE_ZH[stage]}"


def _numbers(items: list[str], prefix: str) -> list[int]:
    """The record numbers after `prefix` (msg:1234); a non-number is the user's error, named."""
    out = []
    for item in items:
        if item.startswith(prefix):
            value = item[len(prefix):]
            if not value.isdigit():
                raise ValueError(f"“{item}” 不是记录编号，应为 {prefix}1234 "
                                 f"/ not a record number, expected {prefix}1234")
            out.append(int(value))
    return out


async def complaint_body(update: Update, context: ContextTypes.DEFAULT_TYPE, rt: Runtime,
                         args: list[str]) -> str:
    """The staff command body: run the case step in a worker thread, reply as HTML."""
    user = update.effective_user
    actor = str(user.id) if user is not None else "unknown"
    text = await rt.in_worker(handle, rt.settings, rt.store, actor, args, datetime.now(UTC))
    return html.escape(text)


def install() -> None:
    """Add /complaint to the private staff commands (called by `bot.app`)."""
    register("complaint", complaint_body)
