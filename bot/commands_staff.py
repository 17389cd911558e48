"""Commands: compliance staff query the archive in private; authorised people bind groups.

Private chat, roster duty `compliance` (or compliance_lead / medical_affairs): /search /show
/case /export /verify /stats, each reusing storage's functions, each audited. Anyone else gets
a polite refusal, and the attempt is audited too. In groups, only /bind from an authorised
person is answered; every other command is ignored there (it was archived like any message).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import staff_queries
from bot.config import ConfigError, Settings
from bot.config_checks import STAFF_DUTIES
from bot.runtime import Runtime
from bot.texts import t
from storage import audit
from storage.errors import StorageError

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
BINDER_DUTIES = {"department_head", "compliance_lead", "medical_affairs"}


def _rt(context: Context) -> Runtime:
    return context.bot_data["rt"]  # type: ignore[no-any-return]


def duties_of(settings: Settings, user_id: int) -> set[str]:
    """The roster duties of a Telegram user (empty for strangers)."""
    for person in settings.roster.people:
        if person.telegram_id == user_id:
            return set(person.duties)
    return set()


def _audit(rt: Runtime, actor: int, action: str, target: str, reason: str) -> None:
    with rt.store.begin() as session:
        audit.record(session, f"telegram:{actor}", action, target, reason)


async def refuse(update: Update, rt: Runtime, command: str) -> None:
    """Politely refuse, and audit the attempt."""
    user = update.effective_user
    if user is None or update.effective_message is None:
        return
    await rt.in_worker(_audit, rt, user.id, "refused", command, "not authorised")
    await update.effective_message.reply_text(t("refusal", rt.settings.language))


async def start_command(update: Update, context: Context) -> None:
    """/start in private: explain what the bot will send here."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(t("start", _rt(context).settings.language))


async def help_command(update: Update, context: Context) -> None:
    """/help in private: the command list for staff, the welcome text for everyone else."""
    rt, user, message = _rt(context), update.effective_user, update.effective_message
    if user is None or message is None:
        return
    staff = duties_of(rt.settings, user.id) & STAFF_DUTIES
    await message.reply_text(t("help_staff" if staff else "start", rt.settings.language))


async def bind_command(update: Update, context: Context) -> None:
    """/bind <department> in a group, by an authorised person; others are ignored."""
    rt, user, chat = _rt(context), update.effective_user, update.effective_chat
    message = update.effective_message
    if user is None or chat is None or message is None:
        return
    if not duties_of(rt.settings, user.id) & BINDER_DUTIES:
        await rt.in_worker(_audit, rt, user.id, "refused", "bind", "not authorised")
        return
    lang = rt.settings.language
    departments = {d.id: d.name for d in rt.settings.roster.departments}
    wanted = context.args[0] if context.args else ""
    if wanted not in departments:
        await message.reply_text(t("bind_usage", lang, ids=", ".join(departments) or "—"))
        return
    await rt.in_worker(rt.bind, chat.id, wanted, chat.title or "")
    await rt.in_worker(_audit, rt, user.id, "bind", str(chat.id), wanted)
    await message.reply_text(t("bind_done", lang, department=departments[wanted]))


async def reload_command(update: Update, context: Context) -> None:
    """/reload in private by an authorised person: re-read the roster from the config file."""
    rt, user, message = _rt(context), update.effective_user, update.effective_message
    if user is None or message is None:
        return
    if not duties_of(rt.settings, user.id) & (BINDER_DUTIES | STAFF_DUTIES):
        await refuse(update, rt, "reload")
        return
    lang = rt.settings.language
    try:
        fresh = rt.reload()
    except ConfigError as exc:
        await message.reply_text(t("reload_failed", lang, reason=str(exc)[:300]))
        return
    await rt.in_worker(_audit, rt, user.id, "reload", "roster", "")
    await message.reply_text(t("reload_done", fresh.language, people=len(fresh.roster.people),
                               departments=len(fresh.roster.departments)))


def staff_only(name: str, body: Callable[[Update, Context, Runtime, list[str]], Awaitable[str]]
               ) -> Handler:
    """Wrap a staff command: duty check, refusal, audit, and a polite answer on failure."""

    async def handler(update: Update, context: Context) -> None:
        rt, user, message = _rt(context), update.effective_user, update.effective_message
        if user is None or message is None:
            return
        if not duties_of(rt.settings, user.id) & STAFF_DUTIES:
            await refuse(update, rt, name)
            return
        args = list(context.args or [])
        try:
            text = await body(update, context, rt, args)
        except StorageError as exc:  # bilingual and free of message content by contract
            text = html.escape(str(exc))
        except Exception as exc:  # the operator log has the detail; the officer a sentence
            log.error("/%s failed: %s", name, type(exc).__name__, exc_info=exc)
            text = html.escape(t("staff_failed", rt.settings.language))
        if text:
            await message.reply_text(text, parse_mode=ParseMode.HTML)

    handler.__name__ = f"{name}_command"
    return handler


def _actor(update: Update) -> str:
    user = update.effective_user
    return f"telegram:{user.id}" if user else "telegram:?"


async def _search(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    if not args:
        return html.escape(t("staff_usage", rt.settings.language, usage="/search <关键词>"))
    return str(await rt.in_worker(staff_queries.search, rt, _actor(update), args))


async def _show(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    if len(args) != 1 or not args[0].lstrip("#").isdigit():
        return html.escape(t("staff_usage", rt.settings.language, usage="/show <消息号>"))
    seq = int(args[0].lstrip("#"))
    return str(await rt.in_worker(staff_queries.show, rt, _actor(update), seq))


async def _case(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    return str(await rt.in_worker(staff_queries.case, rt, _actor(update), args))


async def _export(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    lang = rt.settings.language
    if len(args) != 1:
        return html.escape(t("staff_usage", lang, usage="/export <案件编号>"))
    path, digest, reference = await rt.in_worker(staff_queries.export, rt, _actor(update),
                                                 args[0])
    message = update.effective_message
    if message is not None:
        with path.open("rb") as bundle:
            await message.reply_document(bundle, filename=path.name, caption=t(
                "staff_exported", lang, reference=reference, digest=digest[:16]))
    return ""


async def _verify(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    return str(await rt.in_worker(staff_queries.verify, rt, _actor(update)))


async def _stats(update: Update, context: Context, rt: Runtime, args: list[str]) -> str:
    days = int(args[0]) if args and args[0].isdigit() else 7
    return str(await rt.in_worker(staff_queries.summary, rt, _actor(update), min(days, 366)))


PRIVATE_COMMANDS: dict[str, Handler] = {
    "start": start_command,
    "help": help_command,
    "reload": reload_command,
    "search": staff_only("search", _search),
    "show": staff_only("show", _show),
    "case": staff_only("case", _case),
    "export": staff_only("export", _export),
    "verify": staff_only("verify", _verify),
    "stats": staff_only("stats", _stats),
}
GROUP_COMMANDS: dict[str, Handler] = {"bind": bind_command}


def register(name: str, body: Callable[[Update, Context, Runtime, list[str]], Awaitable[str]]
             ) -> None:
    """Add a staff command to the private routing table."""
    PRIVATE_COMMANDS[name] = staff_only(name, body)
