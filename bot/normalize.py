"""Telegram `Update` → `rules.Message`: text or caption, media metadata, service events.

The only place that knows Telegram's message shapes; everything downstream sees the
platform-neutral frozen `Message`. Ids are stable strings so a replayed update maps to the same
archive key: `tg:<chat>:<message>` in groups, `tgb:<connection>:<chat>:<message>` in business
chats. An edit is a new version numbered by its `edit_date` (seconds), so versions sort in time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from telegram import Message as TgMessage
from telegram import Update

from rules.model import Message, Role, StructuralEvent

MAX_TEXT = 16_384  # Telegram allows 4,096; anything longer is malformed and gets truncated

MEDIA_KINDS = (
    "photo", "video", "voice", "audio", "document", "sticker", "animation", "video_note",
    "contact", "location", "venue", "poll", "dice", "story", "paid_media", "invoice", "game",
)


@dataclass(frozen=True, slots=True)
class Lookups:
    """What normalisation needs to know about people and chats, as two small lookups."""

    role_of: Callable[[int], Role] = lambda _user_id: Role.UNKNOWN
    department_of: Callable[[int], str] = lambda _chat_id: ""


def message_key(chat_id: int, message_id: int, business_connection_id: str | None = None) -> str:
    """The archive id of one Telegram message (all its versions share it)."""
    if business_connection_id:
        return f"tgb:{business_connection_id}:{chat_id}:{message_id}"
    return f"tg:{chat_id}:{message_id}"


def parse_key(key: str) -> tuple[int, int, str | None]:
    """Inverse of `message_key`: (chat_id, message_id, business_connection_id)."""
    parts = key.split(":")
    if parts[0] == "tgb" and len(parts) == 4:
        return int(parts[2]), int(parts[3]), parts[1]
    if parts[0] == "tg" and len(parts) == 3:
        return int(parts[1]), int(parts[2]), None
    raise ValueError(f"not a Telegram message key: {key!r}")


def message_link(chat_id: int, message_id: int, username: str | None = None) -> str:
    """A t.me link to a message; basic groups and private chats have none ("")."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    text = str(chat_id)
    if text.startswith("-100"):
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return ""


def to_message(update: Update, lookups: Lookups | None = None) -> Message | None:
    """The rules.Message carried by an update, or None when it carries no chat message."""
    lookups = lookups or Lookups()
    tg = update.message or update.edited_message or update.business_message
    tg = tg or update.edited_business_message
    if tg is None or not _well_formed(tg):
        return None
    edited = update.edited_message is not None or update.edited_business_message is not None
    business = update.business_message is not None or update.edited_business_message is not None
    return from_telegram(tg, lookups, edited=edited, business=business)


def _well_formed(tg: TgMessage) -> bool:
    """PTB parses whatever it is given; a message without integer chat and message ids cannot
    be filed, linked or answered (the raw update stays in the inbox)."""
    ids = (tg.chat.id if tg.chat is not None else None, tg.message_id)
    connection = tg.business_connection_id  # part of the archive key, which ':' separates
    return all(isinstance(i, int) and not isinstance(i, bool) for i in ids) and (
        connection is None or (isinstance(connection, str) and ":" not in connection))


def well_formed(update: Update) -> bool:
    """False for an update PTB parsed but that our routing cannot take: a message without
    integer chat and message ids, or a chat id that is not an integer (filters and the
    pipeline compare it with 0)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is not None and (not isinstance(chat.id, int) or isinstance(chat.id, bool)):
        return False
    return message is None or _well_formed(message)


def from_telegram(tg: TgMessage, lookups: Lookups, *, edited: bool, business: bool) -> Message:
    """Convert one Telegram message (or one edited version of it)."""
    sender = tg.from_user
    sender_id = sender.id if sender else (tg.sender_chat.id if tg.sender_chat else 0)
    connection = tg.business_connection_id if business else None
    reply = tg.reply_to_message if tg.reply_to_message and isinstance(
        tg.reply_to_message.message_id, int) else None
    version = int(tg.edit_date.timestamp()) if edited and tg.edit_date else (1 if edited else 0)
    text = tg.text or tg.caption or ""
    return Message(
        id=message_key(tg.chat_id, tg.message_id, connection),
        text=text[:MAX_TEXT] if isinstance(text, str) else "",  # PTB keeps a malformed "text"
        chat_id=str(tg.chat_id),
        sender_id=str(sender_id) if sender_id else "",
        sender_role=lookups.role_of(sender_id) if sender_id else Role.UNKNOWN,
        ts=tg.date,
        reply_to=message_key(tg.chat_id, reply.message_id, connection) if reply else None,
        sender_name=_display_name(tg),
        chat_title=tg.chat.title or tg.chat.full_name or "",
        department=lookups.department_of(tg.chat_id),
        version=version,
        source="business" if business else "telegram",
        media_kind=media_kind(tg),
        structural=structural_events(tg),
    )


def media_kind(tg: TgMessage) -> str | None:
    """The kind of attachment (photo, voice…), "service" for service messages, else None."""
    for kind in MEDIA_KINDS:
        if getattr(tg, kind, None):
            return kind
    if structural_events(tg) or tg.new_chat_members or tg.left_chat_member:
        return "service"
    return None


def structural_events(tg: TgMessage) -> tuple[StructuralEvent, ...]:
    """Gifts, unique gifts, paid messages, payments, refunds and member changes."""
    events: list[StructuralEvent] = []
    if tg.gift is not None and tg.gift.gift is not None:
        events.append(StructuralEvent("gift", amount=tg.gift.gift.star_count, currency="XTR"))
    if tg.unique_gift is not None:
        origin = tg.unique_gift.origin or ""
        amount = tg.unique_gift.transfer_star_count or tg.unique_gift.last_resale_amount
        events.append(StructuralEvent("unique_gift", amount=amount, currency="XTR", detail=origin))
    if tg.paid_star_count:
        events.append(StructuralEvent("paid_message", amount=tg.paid_star_count, currency="XTR"))
    if tg.successful_payment is not None:
        pay = tg.successful_payment
        events.append(StructuralEvent("payment", amount=pay.total_amount, currency=pay.currency))
    if tg.refunded_payment is not None:
        ref = tg.refunded_payment
        events.append(StructuralEvent("refund", amount=ref.total_amount, currency=ref.currency))
    if tg.new_chat_members:
        events.append(StructuralEvent("member_joined", amount=len(tg.new_chat_members)))
    if tg.left_chat_member is not None:
        events.append(StructuralEvent("member_left", amount=1))
    return tuple(events)


def _display_name(tg: TgMessage) -> str:
    if tg.from_user is not None:
        return tg.from_user.full_name
    if tg.sender_chat is not None:
        return tg.sender_chat.title or ""
    return ""
