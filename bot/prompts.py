"""What the sender sees: a private prompt with the masked text, a redaction, a reminder.

Nothing here ever echoes raw personal data: the masked text comes from the archive's masked
copy, and the in-group fallback (for someone who never started the bot, so Telegram answers 403
to a private message) names no data at all. Redaction deletes the original, which stays in the
archive, and reposts the masked version attributed to the sender with the reason.

Senders whose private chat answered 403 are remembered (in memory, per bot, for a few hours) so
their next prompts go straight to the in-group fallback instead of spending a send on a 403;
`forget_unreachable` (any private update from them, such as /start) makes them reachable again.
"""

from __future__ import annotations

import html
import logging
import time
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from telegram import Bot, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.executor import Delivery, Undeliverable, too_old_to_delete
from bot.normalize import parse_key
from bot.texts import entity_names, t

log = logging.getLogger(__name__)

CanDelete = Callable[[int], Awaitable[bool]]
Deleted = Callable[[Delivery], Awaitable[None]]


class Unreachable:
    """Senders whose private chat returned 403: bounded (oldest dropped first), each entry
    expiring after `ttl` seconds so someone who started the bot elsewhere is retried."""

    def __init__(self, ttl: float = 6 * 3600, max_size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl, self.max_size, self.clock = ttl, max_size, clock
        self._until: OrderedDict[int, float] = OrderedDict()

    def __contains__(self, user_id: object) -> bool:
        if not isinstance(user_id, int):
            return False
        until = self._until.get(user_id)
        if until is None:
            return False
        if until <= self.clock():
            del self._until[user_id]
            return False
        return True

    def __len__(self) -> int:
        return len(self._until)

    def add(self, user_id: int) -> None:
        self._until.pop(user_id, None)
        self._until[user_id] = self.clock() + self.ttl
        while len(self._until) > self.max_size:
            self._until.popitem(last=False)

    def discard(self, user_id: int) -> None:
        self._until.pop(user_id, None)


# keyed by the Bot object's identity (Bot's own __eq__/__hash__ compare tokens and need getMe),
# dropped when that object is collected
_UNREACHABLE: dict[int, Unreachable] = {}


def unreachable_of(bot: Bot) -> Unreachable:
    """The memory of one bot object (the process's Application bot, or a test's)."""
    memory = _UNREACHABLE.get(id(bot))
    if memory is None:
        memory = _UNREACHABLE[id(bot)] = Unreachable()
        weakref.finalize(bot, _UNREACHABLE.pop, id(bot), None)
    return memory


def forget_unreachable(bot: Bot, user_id: int) -> None:
    """The user wrote to the bot privately (/start or anything): prompt them privately again."""
    memory = _UNREACHABLE.get(id(bot))
    if memory is not None and user_id in memory:
        memory.discard(user_id)
        log.info("a sender who had not started the bot now has; prompting privately again")


async def _nothing(_item: Delivery) -> None:
    return None


def _entities(item: Delivery) -> list[str]:
    return [e for e in item.payload.get("entities", "").split(",") if e]


def _why(item: Delivery, lang: str) -> str:
    return item.payload.get(f"why_{lang}") or item.payload.get("why_zh") or ""


def prompt_text(item: Delivery, lang: str) -> str:
    """The private prompt: what kind of data, and the masked text ready to copy."""
    chat = item.payload.get("chat_title") or item.chat_id
    key = "prompt_redacted" if item.payload.get("redacted") else "prompt_private"
    intro = t(key, lang, chat=chat, entities=entity_names(_entities(item), lang))
    masked = item.payload.get("masked", "")
    return html.escape(intro) + "\n\n<code>" + html.escape(masked) + "</code>"


def first_sentence(text: str) -> str:
    """The reason part of a rule's message (its first sentence), without the how-to-fix part."""
    for stop in ("。", ". "):
        if stop in text:
            return text.split(stop, 1)[0] + stop.strip()
    return text


def repost_text(item: Delivery, lang: str) -> str:
    """The masked repost after a deletion, attributed to the sender, with the reason."""
    repost = t("redact_repost", lang, name=item.payload.get("sender_name") or "?",
               masked=item.payload.get("masked", ""))
    reason = first_sentence(_why(item, lang))
    why = t("redact_why", lang, entities=entity_names(_entities(item), lang), why=reason)
    return repost + "\n\n" + why.strip()


def remind_text(item: Delivery, lang: str) -> str:
    """A short reminder with the safe phrasing meant for the group (the planner's), else the
    rule's own explanation."""
    safe = item.payload.get("message", "")
    for lead in ("温馨提示：", "Reminder: "):
        safe = safe.removeprefix(lead)
    return t("remind", lang, why=safe or _why(item, lang) or t("remind_default", lang))


def _reply_to(item: Delivery) -> tuple[int, ReplyParameters, str | None]:
    chat_id, message_id, connection = parse_key(item.message_id)
    return chat_id, ReplyParameters(message_id, allow_sending_without_reply=True), connection


async def send_prompt(bot: Bot, item: Delivery, lang: str,
                      unreachable: Unreachable | None = None) -> str | None:
    """Prompt the sender privately; fall back to a data-free reply in the group on 403 (and
    straight away for a sender whose private chat answered 403 recently)."""
    memory = unreachable if unreachable is not None else unreachable_of(bot)
    sender = item.payload.get("sender_id", "")
    if sender.lstrip("-").isdigit() and int(sender) > 0 and int(sender) not in memory:
        try:
            sent = await bot.send_message(int(sender), prompt_text(item, lang),
                                          parse_mode=ParseMode.HTML)
            return str(sent.message_id)
        except Forbidden:
            log.info("prompt %d: sender has not started the bot; replying in the chat", item.id)
            memory.add(int(sender))
    chat_id, reply, connection = _reply_to(item)
    sent = await bot.send_message(chat_id, t("prompt_group", lang), reply_parameters=reply,
                                  business_connection_id=connection)
    return str(sent.message_id)


async def send_redaction(
    bot: Bot, item: Delivery, lang: str, can_delete: CanDelete, now: datetime | None = None,
    on_deleted: Deleted = _nothing,
) -> str | None:
    """Delete the original and repost it masked; without rights, prompt instead."""
    chat_id, message_id, connection = parse_key(item.message_id)
    if connection or not await can_delete(chat_id):
        return await send_prompt(bot, item, lang)
    try:
        await bot.delete_message(chat_id, message_id)
    except BadRequest as exc:
        reason = exc.message.lower()
        if "not found" in reason:  # already deleted by its sender: nothing left to mask
            return None
        if too_old_to_delete(_sent_at(item), now or datetime.now(UTC)):
            raise Undeliverable("message older than 48 hours cannot be deleted") from exc
        log.warning("redaction %d: delete refused (%s); prompting instead", item.id, exc.message)
        return await send_prompt(bot, item, lang)
    await on_deleted(item)
    sent = await bot.send_message(chat_id, repost_text(item, lang))
    return str(sent.message_id)


async def send_reminder(bot: Bot, item: Delivery, lang: str) -> str | None:
    """Reply to the message with the reminder."""
    chat_id, reply, connection = _reply_to(item)
    sent = await bot.send_message(chat_id, remind_text(item, lang), reply_parameters=reply,
                                  business_connection_id=connection)
    return str(sent.message_id)


async def delete_only(
    bot: Bot, item: Delivery, can_delete: CanDelete, on_deleted: Deleted = _nothing
) -> str | None:
    """Delete a message (an ad, for instance) without reposting."""
    chat_id, message_id, connection = parse_key(item.message_id)
    if connection:
        await bot.delete_business_messages(connection, [message_id])
        return None
    if not await can_delete(chat_id):
        raise Undeliverable("the bot has no right to delete messages in this chat")
    try:
        await bot.delete_message(chat_id, message_id)
    except BadRequest as exc:
        if "not found" in exc.message.lower():
            return None
        raise Undeliverable(f"delete refused: {exc.message}") from exc
    await on_deleted(item)
    return None


def _sent_at(item: Delivery) -> datetime | None:
    try:
        moment = datetime.fromisoformat(item.payload.get("ts", ""))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
