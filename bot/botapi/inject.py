"""Set the scene and make things happen: users, groups, messages, edits, presses, joins, gifts.

Each `Injector` method changes the state the way Telegram would and queues the update the bot
would receive (subject to privacy mode and membership), returning the object it created.
"""

from __future__ import annotations

import copy
from typing import Any

from bot.botapi.chats import member_to_api
from bot.botapi.markup import utf16_len
from bot.botapi.state import ADMIN_RIGHTS, Chat, JsonDict, Member, State, User

BOT_ADMIN_RIGHTS: JsonDict = {right: True for right in ADMIN_RIGHTS} | {
    "can_be_edited": False,
    "is_anonymous": False,
}
_FAKE_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60 + b"\xff\xd9"


class Injector:
    """The test's and the demo's hands on the server's world."""

    def __init__(self, state: State) -> None:
        self.state = state
        self._next_group = 0

    # -- people and places ---------------------------------------------------------------

    def user(
        self,
        first_name: str,
        *,
        user_id: int | None = None,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "zh-hans",
        is_bot: bool = False,
        started: bool = False,
    ) -> User:
        """A Telegram account and its (so far silent) private chat with the bot."""
        user = User(
            user_id or self.state.new_id(),
            first_name,
            last_name,
            username,
            is_bot,
            language_code,
            started,
        )
        self.state.users[user.id] = user
        self.state.chats[user.id] = Chat(
            user.id, "private", username=username, first_name=first_name
        )
        self.state.changed()
        return user

    def start(self, user_id: int, text: str = "/start") -> JsonDict:
        """The user opens the private chat with the bot (so it may write to them)."""
        self.state.user(user_id).started = True
        return self.message(user_id, user_id, text)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them now fail with 403."""
        self.state.user(user_id).blocked = True

    def group(
        self,
        title: str,
        *,
        chat_id: int | None = None,
        kind: str = "supergroup",
        username: str | None = None,
        members: tuple[int, ...] | list[int] = (),
        creator: int | None = None,
        admins: tuple[int, ...] | list[int] = (),
        bot_status: str = "administrator",
        bot_rights: JsonDict | None = None,
    ) -> Chat:
        """A group or supergroup with the bot in it (as admin by default)."""
        self._next_group += 1
        if chat_id is None:
            base = 1_002_000_000_000 if kind == "supergroup" else 4_000_000_000
            chat_id = -(base + self._next_group)
        chat = Chat(chat_id, kind, title=title, username=username)
        self.state.chats[chat_id] = chat
        for user_id in members:
            chat.members[user_id] = Member(user_id)
        if creator is not None:
            chat.members[creator] = Member(creator, "creator")
        for user_id in admins:
            chat.members[user_id] = Member(user_id, "administrator", dict(BOT_ADMIN_RIGHTS))
        rights = (
            {**BOT_ADMIN_RIGHTS, **(bot_rights or {})} if bot_status == "administrator" else {}
        )
        chat.members[self.state.bot.id] = Member(self.state.bot.id, bot_status, rights)
        self.state.changed()
        return chat

    def set_member(
        self, chat_id: int, user_id: int, status: str = "member", **rights: Any
    ) -> Member:
        """Change a membership silently (no update), e.g. make someone an admin."""
        chat = self.state.chat(chat_id)
        member = Member(user_id, status, dict(rights))
        chat.members[user_id] = member
        return member

    def set_privacy(self, *, can_read_all_group_messages: bool) -> None:
        """Privacy mode off (True) or on (False), as reported by getMe."""
        self.state.can_read_all_group_messages = can_read_all_group_messages

    def migrate(self, chat_id: int) -> Chat:
        """Upgrade a basic group to a supergroup; sends to the old id get `migrate_to_chat_id`."""
        old = self.state.chat(chat_id)
        new = self.group(old.title or "", kind="supergroup", bot_status="member")
        new.members = copy.deepcopy(old.members)
        old.migrated_to = new.id
        self.service(chat_id, None, migrate_to_chat_id=new.id)
        return new

    # -- messages ------------------------------------------------------------------------

    def message(
        self,
        chat_id: int,
        from_id: int,
        text: str | None = None,
        *,
        caption: str | None = None,
        photo: bool = False,
        document: JsonDict | None = None,
        reply_to: int | None = None,
        date: int | None = None,
        **extra: Any,
    ) -> JsonDict:
        """A user's message (text, or caption with a photo or document) and its update.

        `document` is `{"file_name", "mime_type", "data"}`; `extra` adds any other Message
        field as is (e.g. `paid_star_count`, `sticker`).
        """
        chat = self.state.chat(chat_id)
        message = self._new_message(chat, from_id, date)
        if text is not None:
            message.update(_with_entities("text", text))
        if caption is not None:
            message.update(_with_entities("caption", caption))
        if photo:
            message["photo"] = self._photo()
        if document is not None:
            message["document"] = self._document(document)
        if reply_to is not None:
            original = copy.deepcopy(_existing(chat, reply_to))
            original.pop("reply_to_message", None)
            message["reply_to_message"] = original
        message.update(extra)
        chat.messages[message["message_id"]] = message
        if chat.type == "private" and text and text.startswith("/start"):
            self.state.user(from_id).started = True
        self._deliver(chat, "message", message)
        return message

    def edit(
        self,
        chat_id: int,
        message_id: int,
        text: str | None = None,
        *,
        caption: str | None = None,
        date: int | None = None,
    ) -> JsonDict:
        """The sender edits a message: a new version and an `edited_message` update."""
        chat = self.state.chat(chat_id)
        message = copy.deepcopy(_existing(chat, message_id))
        if text is not None:
            message.pop("entities", None)
            message.update(_with_entities("text", text))
        if caption is not None:
            message.pop("caption_entities", None)
            message.update(_with_entities("caption", caption))
        message["edit_date"] = max(date or self.state.now(), int(message["date"]))
        chat.messages[message_id] = message
        self._deliver(chat, "edited_message", message)
        return message

    def service(self, chat_id: int, from_id: int | None, **fields: Any) -> JsonDict:
        """A service message with the given fields (e.g. `gift=…`, `new_chat_title=…`)."""
        chat = self.state.chat(chat_id)
        message = self._new_message(chat, from_id, None)
        message.update(fields)
        chat.messages[message["message_id"]] = message
        self._deliver(chat, "message", message)
        return message

    def join(self, chat_id: int, *user_ids: int, invited_by: int | None = None) -> JsonDict:
        """Users join a group: membership plus a `new_chat_members` service message."""
        chat = self.state.chat(chat_id)
        for user_id in user_ids:
            chat.members[user_id] = Member(user_id)
        users = [self.state.user(user_id).to_api() for user_id in user_ids]
        return self.service(chat_id, invited_by or user_ids[0], new_chat_members=users)

    def leave(self, chat_id: int, user_id: int) -> JsonDict:
        """A user leaves: membership `left` plus a `left_chat_member` service message."""
        chat = self.state.chat(chat_id)
        chat.members[user_id] = Member(user_id, "left")
        user = self.state.user(user_id).to_api()
        return self.service(chat_id, user_id, left_chat_member=user)

    def gift(
        self,
        chat_id: int,
        from_id: int,
        *,
        star_count: int = 50,
        text: str | None = None,
        gift_id: str = "5170145012310081615",
    ) -> JsonDict:
        """A Telegram gift sent in the chat (`Message.gift`, Bot API 9.0)."""
        info: JsonDict = {
            "gift": {"id": gift_id, "sticker": _sticker("🎁"), "star_count": star_count},
            "convert_star_count": max(star_count - 10, 0),
        }
        if text:
            info["text"] = text
        return self.service(chat_id, from_id, gift=info)

    def unique_gift(
        self, chat_id: int, from_id: int, *, name: str = "PlushPepe-1", origin: str = "transfer"
    ) -> JsonDict:
        """A unique (collectible) gift (`Message.unique_gift`, Bot API 9.0)."""
        base = name.split("-", 1)[0]
        gift = {
            "gift_id": "5936013938331222567",
            "base_name": base,
            "name": name,
            "number": 1,
            "model": {"name": "Model", "sticker": _sticker("🐸"), "rarity_per_mille": 10},
            "symbol": {"name": "Symbol", "sticker": _sticker("⭐"), "rarity_per_mille": 10},
            "backdrop": {
                "name": "Backdrop",
                "rarity_per_mille": 10,
                "colors": {"center_color": 1, "edge_color": 2, "symbol_color": 3, "text_color": 4},
            },
        }
        return self.service(chat_id, from_id, unique_gift={"gift": gift, "origin": origin})

    def paid_message(
        self, chat_id: int, from_id: int, text: str, *, star_count: int = 10
    ) -> JsonDict:
        """A message the sender paid Stars to send (`Message.paid_star_count`, Bot API 9.0)."""
        return self.message(chat_id, from_id, text, paid_star_count=star_count)

    def payment(
        self,
        chat_id: int,
        from_id: int,
        *,
        total_amount: int = 500,
        currency: str = "XTR",
        payload: str = "tip",
    ) -> JsonDict:
        """A `successful_payment` service message (Stars by default)."""
        number = self.state.new_id()
        payment = {
            "currency": currency,
            "total_amount": total_amount,
            "invoice_payload": payload,
            "telegram_payment_charge_id": f"tg-charge-{number}",
            "provider_payment_charge_id": f"provider-charge-{number}",
        }
        return self.service(chat_id, from_id, successful_payment=payment)

    def raw(self, update: JsonDict) -> JsonDict:
        """Queue any update body as is (malformed or future update types)."""
        return self.state.push_raw_update(update)

    # -- buttons and memberships ---------------------------------------------------------

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        user_id: int,
        *,
        data: str | None = None,
        label: str | None = None,
    ) -> JsonDict:
        """A user presses an inline button (by callback data or label) on a bot message."""
        message = self.state.message(chat_id, message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        buttons = [
            b
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row
            if "callback_data" in b
        ]
        chosen = [b for b in buttons if b["callback_data"] == data or b["text"] == label]
        if not chosen:
            offered = [(b["text"], b["callback_data"]) for b in buttons]
            raise ValueError(f"no button {label or data!r} on message {message_id}: {offered}")
        query_id = str(self.state.new_id())
        query = {
            "id": query_id,
            "from": self.state.user(user_id).to_api(),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(chat_id)),
            "data": chosen[0]["callback_data"],
        }
        self.state.callback_queries[query_id] = query
        self.state.push_update("callback_query", query)
        return query

    def bot_membership(
        self, chat_id: int, status: str, *, by: int | None = None, rights: JsonDict | None = None
    ) -> JsonDict:
        """The bot is added, removed, promoted or demoted: a `my_chat_member` update."""
        chat = self.state.chat(chat_id)
        bot_id = self.state.bot.id
        old = member_to_api(self.state, self.state.bot_member(chat))
        granted = {**BOT_ADMIN_RIGHTS, **(rights or {})} if status == "administrator" else {}
        chat.members[bot_id] = Member(bot_id, status, granted)
        return self._member_update("my_chat_member", chat, old, bot_id, by)

    def chat_member(
        self, chat_id: int, user_id: int, status: str, *, by: int | None = None
    ) -> JsonDict:
        """A member's status changes: a `chat_member` update (needs it in allowed_updates)."""
        chat = self.state.chat(chat_id)
        old = member_to_api(self.state, self.state.member(chat, user_id))
        chat.members[user_id] = Member(user_id, status)
        return self._member_update("chat_member", chat, old, user_id, by)

    def _member_update(
        self, kind: str, chat: Chat, old: JsonDict, user_id: int, by: int | None
    ) -> JsonDict:
        actor = self.state.user(by) if by else self.state.user(user_id)
        update = {
            "chat": chat.to_api(),
            "from": actor.to_api(),
            "date": self.state.now(),
            "old_chat_member": old,
            "new_chat_member": member_to_api(self.state, chat.members[user_id]),
        }
        self.state.push_update(kind, update)
        return update

    # -- Telegram Business ---------------------------------------------------------------

    def business_connection(
        self,
        user_id: int,
        *,
        connection_id: str | None = None,
        is_enabled: bool = True,
        can_read_messages: bool = True,
        can_delete_all_messages: bool = False,
    ) -> JsonDict:
        """A (Premium) user connects the bot to their account: `business_connection`."""
        connection_id = connection_id or f"bc-{self.state.new_id()}"
        connection: JsonDict = {
            "id": connection_id,
            "user": self.state.user(user_id).to_api(),
            "user_chat_id": user_id,
            "date": self.state.now(),
            "is_enabled": is_enabled,
            "rights": {
                "can_reply": True,
                "can_read_messages": can_read_messages,
                "can_delete_sent_messages": True,
                "can_delete_all_messages": can_delete_all_messages,
            },
        }
        self.state.business_connections[connection_id] = connection
        self.state.push_update("business_connection", connection)
        return connection

    def business_message(
        self, connection_id: str, chat_id: int, from_id: int, text: str
    ) -> JsonDict:
        """A message in a connected account's 1:1 chat with `chat_id`: `business_message`."""
        chat = self.state.business_chat(connection_id, chat_id)
        message = self._new_message(chat, from_id, None)
        message.update(_with_entities("text", text), business_connection_id=connection_id)
        chat.messages[message["message_id"]] = message
        self.state.push_update("business_message", message)
        return message

    def business_edit(
        self, connection_id: str, chat_id: int, message_id: int, text: str
    ) -> JsonDict:
        """An edit in a business chat: `edited_business_message`."""
        chat = self.state.business_chat(connection_id, chat_id)
        message = copy.deepcopy(_existing(chat, message_id))
        message.pop("entities", None)
        message.update(_with_entities("text", text), edit_date=self.state.now())
        chat.messages[message_id] = message
        self.state.push_update("edited_business_message", message)
        return message

    def business_deletion(
        self, connection_id: str, chat_id: int, message_ids: list[int]
    ) -> JsonDict:
        """Messages deleted in a business chat: `deleted_business_messages`."""
        chat = self.state.business_chat(connection_id, chat_id)
        for message_id in message_ids:
            chat.deleted[message_id] = chat.messages.pop(message_id, {})
        deleted = {
            "business_connection_id": connection_id,
            "chat": chat.to_api(),
            "message_ids": list(message_ids),
        }
        self.state.push_update("deleted_business_messages", deleted)
        return deleted

    # -- helpers -------------------------------------------------------------------------

    def _new_message(self, chat: Chat, from_id: int | None, date: int | None) -> JsonDict:
        message: JsonDict = {
            "message_id": chat.take_message_id(),
            "date": date or self.state.now(),
            "chat": chat.to_api(),
        }
        if from_id is not None:
            message["from"] = self.state.user(from_id).to_api()
        return message

    def _deliver(self, chat: Chat, kind: str, message: JsonDict) -> None:
        if self._visible(chat, message):
            self.state.push_update(kind, copy.deepcopy(message))

    def _visible(self, chat: Chat, message: JsonDict) -> bool:
        """Privacy mode, membership and the bots-never-see-bots rule (telegram.md §3)."""
        if message.get("from", {}).get("is_bot"):
            return False
        if chat.type == "private":
            return True
        bot = self.state.bot_member(chat)
        if bot.status in ("left", "kicked"):
            return False
        if self.state.can_read_all_group_messages or bot.status in ("administrator", "creator"):
            return True
        text = str(message.get("text") or message.get("caption") or "")
        reply_from = message.get("reply_to_message", {}).get("from", {}).get("id")
        is_service = "text" not in message and "caption" not in message
        return text.startswith("/") or reply_from == self.state.bot.id or is_service

    def _photo(self) -> list[JsonDict]:
        stored = self.state.add_file(_FAKE_JPEG, "photo", "photo.jpg", "image/jpeg")
        info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        return [{**info, "width": 90, "height": 90}, {**info, "width": 1280, "height": 960}]

    def _document(self, document: JsonDict) -> JsonDict:
        data = document.get("data", b"")
        raw = data.encode() if isinstance(data, str) else bytes(data)
        name = document.get("file_name", "file.bin")
        mime = document.get("mime_type", "application/octet-stream")
        stored = self.state.add_file(raw, "document", name, mime)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": name,
            "mime_type": mime,
            "file_size": len(raw),
        }


def _existing(chat: Chat, message_id: int) -> JsonDict:
    """A message still in the chat, or a ValueError naming it (a mistake in the test)."""
    if message_id not in chat.messages:
        raise ValueError(f"no message {message_id} in chat {chat.id}")
    return chat.messages[message_id]


def _with_entities(field: str, text: str) -> JsonDict:
    """Text or caption, with the `bot_command` entity Telegram adds to a leading /command."""
    content: JsonDict = {field: text}
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        key = "entities" if field == "text" else "caption_entities"
        content[key] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
    return content


def _sticker(emoji: str) -> JsonDict:
    number = sum(map(ord, emoji)) % 10_000  # stable across runs, unlike hash()
    return {
        "file_id": f"sticker-{number}",
        "file_unique_id": f"s{number}",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
        "emoji": emoji,
    }
