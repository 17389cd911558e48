"""Commands: compliance staff query the archive in private; authorised people bind groups.

Private chat, roster duty `compliance` (or compliance_lead / medical_affairs): /search /show
/case /export /verify /stats, each reusing storage's functions, each audited. Anyone else gets
a polite refusal, and the attempt is audited too. In groups, only /bind from an authorised
person is answered; every other command is ignored there (it was archived like any message).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.config import ConfigError, Settings
from bot.runtime import Runtime
from bot.texts import t
from storage import audit

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]
STAFF_DUTIES = {"compliance", "compliance_lead", "medical_affairs"}
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
        except Exception as exc:  # the operator log has the detail; the officer a sentence
            log.error("/%s failed: %s", name, type(exc).__name__, exc_info=exc)
            text = html.escape(t("staff_failed", rt.settings.language))
        if text:
            await message.reply_text(text, parse_mode=ParseMode.HTML)

    handler.__name__ = f"{name}_command"
    return handler


PRIVATE_COMMANDS: dict[str, Handler] = {
    "start": start_command,
    "reload": reload_command,
}
GROUP_COMMANDS: dict[str, Handler] = {"bind": bind_command}


def register(name: str, body: Callable[[Update, Context, Runtime, list[str]], Awaitable[str]]
             ) -> None:
    """Add a staff command to the private routing table."""
    PRIVATE_COMMANDS[name] = staff_only(name, body)
