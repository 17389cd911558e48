"""The PTB Application: the routing table of the live bot, read in `build_application`.

Updates arrive through `bot.inbox` (never PTB's Updater, which confirms offsets too early),
run one chat at a time through `bot.ordering`, and every chat message goes through
`bot.pipeline`. Actions are sent later by `bot.executor` from storage's outbox.
"""

from __future__ import annotations

import html
import logging
import traceback
from datetime import UTC, datetime
from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BusinessConnectionHandler,
    BusinessMessagesDeletedHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import case_commands, commands_staff, startup
from bot.alerts import apply_decision, escalate, may_decide, parse_callback, send_alert
from bot.executor import Delivery, Executor, GroupFriendlyRateLimiter
from bot.inbox import Inbox, is_transient_failure
from bot.jobs import register_jobs
from bot.normalize import message_key
from bot.ordering import ChatOrderedProcessor
from bot.prompts import delete_only, send_prompt, send_redaction, send_reminder
from bot.runtime import BatchInbox, Runtime, StoreOutbox
from bot.texts import t
from storage import acks, archive
from storage.errors import NotFoundError

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
GROUPS = filters.ChatType.GROUPS
PRIVATE = filters.ChatType.PRIVATE


def rt_of(context: Context) -> Runtime:
    """The shared runtime."""
    return context.bot_data["rt"]  # type: ignore[no-any-return]


async def on_message(update: Update, context: Context) -> None:
    """A new group message (text, caption, media, service): archive, evaluate, enqueue."""
    await rt_of(context).process(update)


async def on_edited_message(update: Update, context: Context) -> None:
    """An edit is a new version of the message, archived and evaluated again."""
    await rt_of(context).process(update)


async def on_business_message(update: Update, context: Context) -> None:
    """A message (or edit) in a doctor's 1:1 chat connected through Telegram Business."""
    await rt_of(context).process(update)


async def on_deleted_business_messages(update: Update, context: Context) -> None:
    """Business chats report deletions: mark those versions removed (never erased)."""
    deleted = update.deleted_business_messages
    if deleted is None:
        return
    rt = rt_of(context)
    await rt.in_worker(_mark_deleted, rt, deleted.business_connection_id, deleted.chat.id,
                       list(deleted.message_ids))


def _mark_deleted(rt: Runtime, connection: str, chat_id: int, message_ids: list[int]) -> None:
    with rt.store.begin() as session:
        for message_id in message_ids:
            key = message_key(chat_id, message_id, connection)
            record = archive.find_message(session, "business", str(chat_id), key)
            if record is not None and record.removed_at is None:
                archive.mark_removed(session, record.seq, by="sender", reason="business deletion")


async def on_business_connection(update: Update, context: Context) -> None:
    """A doctor connected (or disconnected) the bot to their business account."""
    connection = update.business_connection
    if connection is not None:
        state = "enabled" if connection.is_enabled else "disabled"
        log.info("business connection %s is %s", connection.id, state)


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The bot was added to or removed from a group: check rights, tell the operator."""
    await startup.on_membership_change(update, context.bot, rt_of(context))


async def on_callback_query(update: Update, context: Context) -> None:
    """A head pressed 确认 / 误报 / 升级 under an alert: record it and edit the alert."""
    query = update.callback_query
    parsed = parse_callback(query.data if query else None)
    if query is None or parsed is None:
        return
    rt, (alert_id, decision) = rt_of(context), parsed
    lang, who = rt.settings.alerts.language, query.from_user
    sent = rt.book.get(alert_id)
    department = sent.item.payload.get("department", "") if sent else ""
    if not may_decide(rt.settings, who.id, department):
        await query.answer(t("ack_not_allowed", lang), show_alert=True)
        return
    at = datetime.now(UTC)
    try:
        await rt.in_worker(_record_ack, rt, alert_id, str(who.id), decision, at)
    except NotFoundError:  # purged by retention, or a forged button: answer, do not retry
        await query.answer(t("ack_gone", lang), show_alert=True)
        return
    await query.answer(t("ack_done", lang))
    shown = query.message.text if isinstance(query.message, Message) else None
    text = await apply_decision(context.bot, sent, shown or "", decision, who.full_name, at,
                                rt.settings)
    if sent is None and query.message is not None:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML)
    if decision == "escalate":
        await escalate(context.bot, text, who.full_name, rt.settings)


def _record_ack(rt: Runtime, alert_id: int, actor: str, decision: str, at: datetime) -> None:
    with rt.store.begin() as session:
        acks.record(session, alert_id, actor, decision, at)


def stack_without_message(error: BaseException | None) -> str:
    """Where an error happened, without its message: exception texts may quote chat content."""
    if error is None:
        return ""
    frames = traceback.format_tb(error.__traceback__)
    return "".join(frames).rstrip() + f"\n{type(error).__module__}.{type(error).__qualname__}"


async def on_error(update: object, context: Context) -> None:
    """The one error handler: log with context, keep the update, tell the operator briefly."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else "-"
    log.error("error while handling update %s: %s\n%s", update_id, type(error).__name__,
              stack_without_message(error))
    rt = context.bot_data.get("rt")
    if rt is None:
        return
    if rt.inbox is not None:
        rt.inbox.record_failure(update, error)
    operator = rt.settings.telegram.operator_chat_id
    if operator is not None and not is_transient_failure(error):
        text = t("ops_error", rt.settings.language, update_id=update_id,
                 error=html.escape(type(error).__name__))
        try:
            await context.bot.send_message(operator, text)
        except Exception as exc:  # the operator chat failing must not loop the error handler
            log.warning("could not notify the operator chat: %s", type(exc).__name__)


def make_deliver(app: Application[Any, Any, Any, Any, Any, Any], rt: Runtime) -> Any:
    """The executor's send function: one outbox row → Telegram calls."""

    async def can_delete(chat_id: int) -> bool:
        return await rt.can_delete(app.bot, chat_id)

    async def deleted(item: Delivery) -> None:
        try:
            await rt.in_worker(_mark_removed, rt, item)
        except Exception as exc:  # the deletion happened; the mark is a convenience
            log.warning("could not mark action %d's message removed: %s", item.id,
                        type(exc).__name__)

    async def deliver(item: Delivery) -> str | None:
        lang = rt.settings.language
        if item.kind == "alert":
            return await send_alert(app.bot, item, rt.settings, rt.book)
        if item.kind == "prompt":
            return await send_prompt(app.bot, item, lang)
        if item.kind == "redact":
            return await send_redaction(app.bot, item, lang, can_delete, on_deleted=deleted)
        if item.kind == "remind":
            return await send_reminder(app.bot, item, lang)
        if item.kind == "delete":
            return await delete_only(app.bot, item, can_delete, on_deleted=deleted)
        return None

    return deliver


def _mark_removed(rt: Runtime, item: Delivery) -> None:
    """The original stays archived, marked removed by the bot (never erased)."""
    with rt.store.begin() as session:
        record = archive.find_message(session, "telegram", item.chat_id, item.message_id)
        if record is not None and record.removed_at is None:
            archive.mark_removed(session, record.seq, by="wardwatch", reason=item.rule_id)


def make_report(app: Application[Any, Any, Any, Any, Any, Any], rt: Runtime) -> Any:
    """Tell the operator once about an action given up (no message content)."""

    async def report(item: Delivery, reason: str) -> None:
        operator = rt.settings.telegram.operator_chat_id
        log.warning("action %d (%s, %s) given up: %s", item.id, item.kind, item.rule_id, reason)
        if operator is None:
            return
        chat = item.payload.get("chat_title") or item.chat_id
        if "48" in reason:
            text = t("ops_undeliverable", rt.settings.language, chat=chat, rule_id=item.rule_id)
        else:
            text = t("ops_error", rt.settings.language, update_id=f"#{item.id}",
                     error=reason.split(":")[0])
        await app.bot.send_message(operator, text)

    return report


def build_application(rt: Runtime) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application with every handler, the inbox and the executor attached to `rt`."""
    tg = rt.settings.telegram
    processor = ChatOrderedProcessor(256)
    builder = (
        ApplicationBuilder()
        .token(tg.token)
        .updater(None)
        .concurrent_updates(processor)
        .rate_limiter(GroupFriendlyRateLimiter(max_retries=0))
        .request(HTTPXRequest(connection_pool_size=64, read_timeout=tg.read_timeout))
    )
    if tg.base_url:
        builder = builder.base_url(tg.base_url).base_file_url(file_url_of(tg.base_url))
    app = builder.build()
    app.bot_data["rt"] = rt
    rt.inbox = Inbox(app, BatchInbox(rt.store), offload=rt.in_worker)
    processor.on_done = rt.inbox.finish
    rt.executor = Executor(StoreOutbox(rt.store), make_deliver(app, rt), make_report(app, rt),
                           offload=rt.in_worker)
    case_commands.install()  # /complaint: the case workflow in private chat
    add_handlers(app)
    register_jobs(app, rt.settings, rt.store)  # escalation, digests, reports, housekeeping
    return app


def add_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The routing table."""
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & GROUPS, on_message))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & GROUPS, on_edited_message))
    app.add_handler(MessageHandler(filters.UpdateType.BUSINESS_MESSAGES, on_business_message))
    app.add_handler(BusinessMessagesDeletedHandler(on_deleted_business_messages))
    app.add_handler(BusinessConnectionHandler(on_business_connection))
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(on_callback_query, pattern=r"^a:"))
    for name, callback in commands_staff.PRIVATE_COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    # group 1: commands typed in a group were archived by on_message first
    for name, callback in commands_staff.GROUP_COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=GROUPS), group=1)
    app.add_error_handler(on_error)


def file_url_of(base_url: str) -> str:
    """`http://host/bot` → `http://host/file/bot` (the Bot API's file URL layout)."""
    head, _, tail = base_url.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}" if head else base_url
