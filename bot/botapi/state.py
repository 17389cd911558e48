"""What the local Bot API server knows: users, chats, members, messages, updates, what the bot did.

Plain data and synchronous methods, no I/O, so tests can read it directly. Every change calls
the `on_change` listeners, which the server uses to wake long polls and `wait_for` helpers.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]
DEFAULT_TOKEN = "123456789:WARDWATCH-LOCAL-TEST-TOKEN"
DELETE_WINDOW_SECONDS = 48 * 3600
ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
    "can_pin_messages",
    "can_manage_topics",
)
# The Bot API default when `allowed_updates` was never set (getUpdates documentation).
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class ApiError(Exception):
    """A Bot API error answer, worded as Telegram words it."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters: JsonDict = {}
        if retry_after is not None:
            self.parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            self.parameters["migrate_to_chat_id"] = migrate_to_chat_id

    def payload(self) -> JsonDict:
        """The JSON error body."""
        body: JsonDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def bad_request(text: str) -> ApiError:
    """A 400 answer, `Bad Request: <text>`."""
    return ApiError(400, f"Bad Request: {text}")


def forbidden(text: str) -> ApiError:
    """A 403 answer, `Forbidden: <text>`."""
    return ApiError(403, f"Forbidden: {text}")


@dataclass(slots=True)
class User:
    """A Telegram account; `started` means it opened a private chat with the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None
    started: bool = False
    blocked: bool = False

    def to_api(self) -> JsonDict:
        """The `User` object."""
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(slots=True)
class Member:
    """A user's standing in a chat: creator, administrator, member, restricted, left, kicked."""

    user_id: int
    status: str = "member"
    rights: JsonDict = field(default_factory=dict)
    until_date: int = 0


@dataclass(slots=True)
class Chat:
    """A private chat, group or supergroup with its members and message history."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    members: dict[int, Member] = field(default_factory=dict)
    messages: dict[int, JsonDict] = field(default_factory=dict)
    deleted: dict[int, JsonDict] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None
    id_source: Callable[[], int] | None = None  # business chats share their account's ids

    def to_api(self) -> JsonDict:
        """The short `Chat` object found inside messages."""
        data: JsonDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    def take_message_id(self) -> int:
        """The next message id in this chat (ids are per chat, as in groups and supergroups)."""
        if self.id_source is not None:
            return self.id_source()
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass(frozen=True, slots=True)
class Sent:
    """One thing the bot did that users can see: a message, an edit, a deletion, an answer."""

    seq: int
    method: str
    chat_id: int | None
    message_id: int | None
    params: JsonDict
    message: JsonDict | None
    at: float

    @property
    def text(self) -> str:
        """The text or caption the bot sent (empty for deletions and answers)."""
        source = self.message or self.params
        return str(source.get("text") or source.get("caption") or "")

    @property
    def buttons(self) -> list[str]:
        """The labels of the inline keyboard attached, row by row."""
        markup = (self.message or {}).get("reply_markup") or self.params.get("reply_markup") or {}
        return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API request as received, whatever its outcome."""

    method: str
    params: JsonDict
    status: int
    at: float


@dataclass(slots=True)
class StoredFile:
    """A file the server can serve through getFile and the file URL."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None


@dataclass(slots=True)
class Webhook:
    """The webhook set with setWebhook."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


class State:
    """The server's whole world, plus the record of everything the bot did to it."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, first_update_id: int = 1) -> None:
        self.token = token
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.bot = User(bot_id, "WardWatch", username="wardwatch_bot", is_bot=True)
        self.can_read_all_group_messages = True
        self.users: dict[int, User] = {self.bot.id: self.bot}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[str, list[JsonDict]] = {}
        self.callback_queries: dict[str, JsonDict] = {}
        self.callback_answers: dict[str, JsonDict] = {}
        self.business_connections: dict[str, JsonDict] = {}
        self.business_chats: dict[tuple[str, int], Chat] = {}
        self.updates: deque[JsonDict] = deque()
        self.next_update_id = first_update_id
        self.offsets: list[int] = []
        self.allowed_updates: list[str] | None = None
        self.webhook: Webhook | None = None
        self.sent: list[Sent] = []
        self.calls: deque[Call] = deque(maxlen=100_000)
        self.clock_offset = 0.0
        self.logged_out = False
        self._next_id = 100_000
        self._listeners: list[Callable[[], None]] = []

    # -- time, ids, notification ---------------------------------------------------------

    def now(self) -> int:
        """Unix seconds on the server's clock (which tests may move forward)."""
        return int(time.time() + self.clock_offset)

    def advance_clock(self, seconds: float) -> int:
        """Move the server's clock forward, e.g. past the 48-hour deletion window."""
        self.clock_offset += seconds
        return self.now()

    def new_id(self) -> int:
        """A fresh positive id for users, files and queries (never one a test chose)."""
        self._next_id += 1
        while self._next_id in self.users or self._next_id in self.chats:
            self._next_id += 1
        return self._next_id

    def add_file(self, data: bytes, kind: str, name: str, mime: str) -> StoredFile:
        """Keep a file so getFile and the file URL can serve it."""
        number = self.new_id()
        extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
        stored = StoredFile(
            f"{kind}-{number}",
            f"u{number}",
            f"{kind}s/file_{number}.{extension}",
            data,
            name,
            mime,
        )
        self.files[stored.file_id] = stored
        return stored

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` after every change (new update, bot action, call)."""
        self._listeners.append(listener)

    def changed(self) -> None:
        """Tell the listeners something changed."""
        for listener in self._listeners:
            listener()

    # -- lookups -------------------------------------------------------------------------

    def user(self, user_id: int) -> User:
        """A known user, or 400 `user not found`."""
        try:
            return self.users[int(user_id)]
        except (KeyError, ValueError):
            raise bad_request("user not found") from None

    def chat(self, chat_id: int | str) -> Chat:
        """A known chat by id or @username, or 400 `chat not found`."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}".lower() == chat_id.lower():
                    return chat
            raise bad_request("chat not found")
        try:
            return self.chats[int(chat_id)]
        except (KeyError, ValueError):
            raise bad_request("chat not found") from None

    def member(self, chat: Chat, user_id: int) -> Member:
        """A user's membership; users never seen in the chat count as `left`."""
        return chat.members.get(user_id) or Member(user_id, "left")

    def bot_member(self, chat: Chat) -> Member:
        """The bot's own membership in a chat."""
        return self.member(chat, self.bot.id)

    def message(self, chat_id: int, message_id: int) -> JsonDict | None:
        """The current version of a message still in the chat, or None."""
        chat = self.chats.get(int(chat_id))
        return chat.messages.get(int(message_id)) if chat else None

    def business_chat(self, connection_id: str, chat_id: int) -> Chat:
        """The connected account's 1:1 chat with `chat_id` (message ids unique per account)."""
        key = (connection_id, int(chat_id))
        if key not in self.business_chats:
            user = self.user(chat_id)
            self.business_chats[key] = Chat(
                user.id,
                "private",
                username=user.username,
                first_name=user.first_name,
                id_source=self.new_id,
            )
        return self.business_chats[key]

    # -- updates -------------------------------------------------------------------------

    def push_update(self, kind: str, payload: Any) -> JsonDict:
        """Queue an update of type `kind` with the next update_id."""
        update = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        self.changed()
        return update

    def push_raw_update(self, update: JsonDict) -> JsonDict:
        """Queue an arbitrary update body (malformed and future update types for fuzzing)."""
        update = {"update_id": self.next_update_id, **update}
        self.next_update_id += 1
        self.updates.append(update)
        self.changed()
        return update

    def confirm(self, offset: int) -> None:
        """Drop every update below `offset`, as getUpdates with an offset does."""
        self.offsets.append(offset)
        if offset < 0:  # a negative offset keeps only the last -offset updates
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()

    @property
    def confirmed_offset(self) -> int | None:
        """The last offset the bot sent with getUpdates (None before the first)."""
        return self.offsets[-1] if self.offsets else None

    def deliverable(self, allowed: list[str] | None, limit: int = 100) -> list[JsonDict]:
        """Pending updates whose type the subscription allows, oldest first."""
        selected: list[JsonDict] = []
        for update in self.updates:
            if _allowed(update, allowed):
                selected.append(update)
                if len(selected) >= limit:
                    break
        return selected

    def pending_count(self) -> int:
        """Updates not yet confirmed."""
        return len(self.updates)

    # -- the bot's actions ---------------------------------------------------------------

    def record(
        self,
        method: str,
        chat_id: int | None,
        message_id: int | None,
        params: JsonDict,
        message: JsonDict | None = None,
    ) -> Sent:
        """Remember a visible action of the bot."""
        sent = Sent(len(self.sent) + 1, method, chat_id, message_id, params, message, time.time())
        self.sent.append(sent)
        self.changed()
        return sent

    def record_call(self, method: str, params: JsonDict, status: int) -> None:
        """Remember a request, for tests that count calls and retries."""
        self.calls.append(Call(method, params, status, time.time()))

    def sent_to(self, chat_id: int | None = None, method: str | None = None) -> list[Sent]:
        """The bot's actions, optionally only in one chat and of one method."""
        return [
            s
            for s in self.sent
            if (chat_id is None or s.chat_id == chat_id) and (method is None or s.method == method)
        ]

    def bot_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[JsonDict]:
        """Current versions of the messages the bot sent to a chat, oldest first."""
        chat = self.chat(chat_id)
        pool: Iterator[JsonDict] = iter(chat.messages.values())
        if include_deleted:
            pool = iter([*chat.messages.values(), *chat.deleted.values()])
        mine = [m for m in pool if m.get("from", {}).get("id") == self.bot.id]
        return sorted(mine, key=lambda m: m["message_id"])

    def history(self, chat_id: int) -> list[JsonDict]:
        """Everything posted in a chat, oldest first; removed messages carry `"deleted": True`."""
        chat = self.chat(chat_id)
        removed = [{**m, "deleted": True} for m in chat.deleted.values()]
        return sorted([*chat.messages.values(), *removed], key=lambda m: m["message_id"])

    def documents(self, chat_id: int) -> list[StoredFile]:
        """The files the bot sent to a chat as documents, oldest first."""
        return [
            self.files[s.message["document"]["file_id"]]
            for s in self.sent_to(chat_id, "sendDocument")
            if s.message and "document" in s.message
        ]

    def calls_to(self, method: str) -> list[Call]:
        """Requests of one method, in arrival order."""
        return [c for c in self.calls if c.method == method]


def update_kind(update: JsonDict) -> str:
    """The update's type: the one key besides update_id."""
    return next((key for key in update if key != "update_id"), "")


def _allowed(update: JsonDict, allowed: list[str] | None) -> bool:
    kind = update_kind(update)
    if not allowed:
        return kind not in NOT_DELIVERED_BY_DEFAULT
    return kind in allowed
