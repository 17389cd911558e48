"""Start-up and membership checks: can the bot see every message, and may it delete?

Privacy mode on (`can_read_all_group_messages` false) means the bot sees ordinary group
messages only where it is an administrator; without `can_delete_messages` it can prompt but
not redact. The operator is told plainly, in the configured language, what is missing.
"""

from __future__ import annotations

import logging
import time

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.error import TelegramError

from bot.runtime import Runtime
from bot.texts import t

log = logging.getLogger(__name__)


async def tell_operator(bot: Bot, rt: Runtime, text: str) -> None:
    """Send a notice to the operator chat (logged as well; never raises)."""
    log.info("operator notice: %s", text)
    operator = rt.settings.telegram.operator_chat_id
    if operator is None:
        return
    try:
        await bot.send_message(operator, text)
    except TelegramError as exc:
        log.warning("operator chat unreachable: %s", exc)


async def check_chat(bot: Bot, rt: Runtime, chat_id: int, title: str, privacy_off: bool) -> str:
    """A notice about what the bot lacks in one chat ("" when nothing is missing)."""
    lang = rt.settings.language
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except TelegramError as exc:
        log.warning("cannot check the bot's rights in a chat: %s", exc)
        return ""
    is_admin = isinstance(member, ChatMemberOwner | ChatMemberAdministrator)
    can_delete = isinstance(member, ChatMemberOwner) or (
        isinstance(member, ChatMemberAdministrator) and member.can_delete_messages
    )
    rt.rights[chat_id] = (time.monotonic(), can_delete)  # the pipeline's first message needs it
    if not is_admin and not privacy_off:
        return t("ops_cannot_read", lang, chat=title)
    if not can_delete:
        return t("ops_not_admin", lang, chat=title)
    return ""


async def check_at_start(bot: Bot, rt: Runtime) -> list[str]:
    """Privacy mode and per-group rights for every configured group; notices sent."""
    lang = rt.settings.language
    me = await bot.get_me()
    privacy_off = bool(me.can_read_all_group_messages)
    notices = [] if privacy_off else [t("ops_privacy_on", lang)]
    chats = [c for d in rt.settings.roster.departments for c in d.chat_ids]
    for chat_id in chats:
        notice = await check_chat(bot, rt, chat_id, str(chat_id), privacy_off)
        if notice:
            notices.append(notice)
    state = t("privacy_off" if privacy_off else "privacy_on", lang)
    notices.append(t("ops_ready", lang, privacy=state, chats=len(chats)))
    for notice in notices:
        await tell_operator(bot, rt, notice)
    return notices


async def on_membership_change(update: Update, bot: Bot, rt: Runtime) -> None:
    """The bot joined, was promoted in, or left a group: check and tell the operator."""
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    lang, title = rt.settings.language, change.chat.title or str(change.chat.id)
    status = change.new_chat_member.status
    if status in ("left", "kicked"):
        rt.rights.pop(change.chat.id, None)
        await tell_operator(bot, rt, t("ops_removed", lang, chat=title))
        return
    me = await bot.get_me()
    notice = await check_chat(bot, rt, change.chat.id, title, bool(me.can_read_all_group_messages))
    if change.old_chat_member.status in ("left", "kicked"):
        await tell_operator(bot, rt, t("ops_added", lang, chat=title))
    if notice:
        await tell_operator(bot, rt, notice)
