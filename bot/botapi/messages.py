"""Bot API methods that send, change or remove messages, with Telegram's refusals."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from bot.botapi.markup import render
from bot.botapi.params import Params
from bot.botapi.state import (
    DELETE_WINDOW_SECONDS,
    ApiError,
    Chat,
    JsonDict,
    State,
    StoredFile,
    bad_request,
    forbidden,
)

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def writable_chat(state: State, chat_id: int | str) -> Chat:
    """The chat the bot wants to post in, or the error Telegram gives for it."""
    chat = state.chat(chat_id)
    if chat.migrated_to is not None:
        raise _migrated(chat.migrated_to)
    if chat.type == "private":
        user = state.user(chat.id)
        if user.is_bot:
            raise forbidden("bot can't send messages to bots")
        if user.blocked:
            raise forbidden("bot was blocked by the user")
        if not user.started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat
    kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
    status = state.bot_member(chat).status
    if status == "kicked":
        raise forbidden(f"bot was kicked from the {kind}")
    if status == "left":
        raise forbidden(f"bot is not a member of the {kind}")
    return chat


def target_chat(state: State, p: Params) -> Chat:
    """The chat a send goes to: a connected business chat, or a chat the bot may write in."""
    if not p.string("business_connection_id"):
        return writable_chat(state, p.chat_id())
    connection = _connection(state, p)
    if not connection.get("rights", {}).get("can_reply"):
        raise bad_request("BUSINESS_CONNECTION_NOT_ALLOWED")
    return state.business_chat(connection["id"], int(p.chat_id()))


def _connection(state: State, p: Params) -> JsonDict:
    connection_id = p.string("business_connection_id", required=True) or ""
    connection = state.business_connections.get(connection_id)
    if connection is None or not connection["is_enabled"]:
        raise bad_request("BUSINESS_CONNECTION_INVALID")
    return connection


def _migrated(new_id: int) -> Exception:
    error = bad_request("group chat was upgraded to a supergroup chat")
    error.parameters["migrate_to_chat_id"] = new_id
    return error


def inline_markup(p: Params) -> JsonDict | None:
    """The inline keyboard to attach, checked like Telegram checks it."""
    markup = p.obj("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None  # reply keyboards and removals are accepted but not shown on the message
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and len(str(data).encode()) > MAX_CALLBACK_DATA_BYTES:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
    return markup


def _content(p: Params, field: str, limit: int, *, required: bool) -> JsonDict:
    raw = p.string(field, required=required)
    if raw is None:
        return {}
    text, entities = render(raw, p.string("parse_mode"))
    explicit = p.obj("entities" if field == "text" else "caption_entities")
    if not text.strip():
        if required:
            raise bad_request("message text is empty")
        return {}
    if len(text) > limit:
        raise bad_request(
            "message is too long" if field == "text" else "message caption is too long"
        )
    content: JsonDict = {field: text}
    if explicit or entities:
        content["entities" if field == "text" else "caption_entities"] = explicit or entities
    return content


def _reply_to(state: State, chat: Chat, p: Params) -> JsonDict | None:
    reply = p.obj("reply_parameters") or {}
    message_id = reply.get("message_id") or p.integer("reply_to_message_id")
    if not message_id:
        return None
    original = chat.messages.get(int(message_id))
    if original is None:
        allow = reply.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply")
        if allow:
            return None
        raise bad_request("message to be replied not found")
    quoted = copy.deepcopy(original)
    quoted.pop("reply_to_message", None)
    return quoted


def new_bot_message(state: State, chat: Chat, p: Params, content: JsonDict) -> JsonDict:
    """A message from the bot, stored in the chat's history."""
    message: JsonDict = {
        "message_id": chat.take_message_id(),
        "from": state.bot.to_api(),
        "chat": chat.to_api(),
        "date": state.now(),
        **content,
    }
    connection_id = p.string("business_connection_id")
    if connection_id:  # sent on behalf of the connected account
        message["from"] = state.business_connections[connection_id]["user"]
        message.update(
            business_connection_id=connection_id, sender_business_bot=state.bot.to_api()
        )
    reply = _reply_to(state, chat, p)
    if reply is not None:
        message["reply_to_message"] = reply
    markup = inline_markup(p)
    if markup is not None:
        message["reply_markup"] = markup
    preview = p.obj("link_preview_options")
    if isinstance(preview, dict) and preview:
        message["link_preview_options"] = preview
    chat.messages[message["message_id"]] = message
    return message


def send_message(state: State, p: Params) -> JsonDict:
    """sendMessage."""
    chat = target_chat(state, p)
    message = new_bot_message(state, chat, p, _content(p, "text", MAX_TEXT, required=True))
    state.record("sendMessage", chat.id, message["message_id"], p.decoded(), message)
    return message


def _own_message(state: State, p: Params, *, action: str) -> tuple[Chat, JsonDict]:
    if p.has("inline_message_id"):
        raise bad_request(f"message to {action} not found")
    chat = state.chat(p.chat_id())
    message = chat.messages.get(p.need_int("message_id"))
    if message is None:
        raise bad_request(f"message to {action} not found")
    if message.get("from", {}).get("id") != state.bot.id:
        raise bad_request(f"message can't be {action}ed")
    return chat, message


def _replace(state: State, chat: Chat, old: JsonDict, changes: JsonDict, p: Params) -> JsonDict:
    new = copy.deepcopy(old)
    if "text" in changes:
        new.pop("entities", None)
    if "caption" in changes:
        new.pop("caption_entities", None)
    new.update(changes)
    markup = inline_markup(p)
    new.pop("reply_markup", None)  # Telegram drops the keyboard unless it is sent again
    if markup is not None:
        new["reply_markup"] = markup
    comparable = ("text", "caption", "entities", "caption_entities", "reply_markup")
    if all(new.get(k) == old.get(k) for k in comparable):
        raise bad_request(NOT_MODIFIED)
    new["edit_date"] = state.now()
    chat.messages[new["message_id"]] = new
    return new


def edit_message_text(state: State, p: Params) -> JsonDict:
    """editMessageText."""
    chat, old = _own_message(state, p, action="edit")
    if "text" not in old:
        raise bad_request("there is no text in the message to edit")
    new = _replace(state, chat, old, _content(p, "text", MAX_TEXT, required=True), p)
    state.record("editMessageText", chat.id, new["message_id"], p.decoded(), new)
    return new


def edit_message_caption(state: State, p: Params) -> JsonDict:
    """editMessageCaption."""
    chat, old = _own_message(state, p, action="edit")
    changes = _content(p, "caption", MAX_CAPTION, required=False)
    new = _replace(state, chat, old, changes or {"caption": ""}, p)
    if not new.get("caption"):
        new.pop("caption", None)
    state.record("editMessageCaption", chat.id, new["message_id"], p.decoded(), new)
    return new


def edit_message_reply_markup(state: State, p: Params) -> JsonDict:
    """editMessageReplyMarkup."""
    chat, old = _own_message(state, p, action="edit")
    new = _replace(state, chat, old, {}, p)
    state.record("editMessageReplyMarkup", chat.id, new["message_id"], p.decoded(), new)
    return new


def _deletable(state: State, chat: Chat, message: JsonDict) -> bool:
    if state.now() - int(message["date"]) > DELETE_WINDOW_SECONDS:
        return False
    if message.get("group_chat_created") or message.get("supergroup_chat_created"):
        return False
    if chat.type == "private" or message.get("from", {}).get("id") == state.bot.id:
        return True
    member = state.bot_member(chat)
    if member.status == "creator":
        return True
    if member.status != "administrator":
        return False
    return chat.type == "group" or bool(member.rights.get("can_delete_messages"))


def delete_one(state: State, chat: Chat, message_id: int, params: JsonDict) -> None:
    """Delete a message or raise Telegram's refusal."""
    message = chat.messages.get(message_id)
    if message is None:
        raise bad_request("message to delete not found")
    if not _deletable(state, chat, message):
        raise bad_request("message can't be deleted")
    del chat.messages[message_id]
    chat.deleted[message_id] = message
    state.record("deleteMessage", chat.id, message_id, params, message)


def delete_message(state: State, p: Params) -> bool:
    """deleteMessage: refused after 48 hours and without the right to delete."""
    chat = state.chat(p.chat_id())
    delete_one(state, chat, p.need_int("message_id"), p.decoded())
    return True


def delete_messages(state: State, p: Params) -> bool:
    """deleteMessages: silently skips messages that cannot be deleted."""
    chat = state.chat(p.chat_id())
    ids = p.obj("message_ids") or []
    if not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must contain 1-100 identifiers")
    for message_id in ids:
        try:
            delete_one(state, chat, int(message_id), p.decoded())
        except ApiError:  # Telegram skips the ones it cannot delete
            continue
    return True


def _store_file(state: State, p: Params, field: str, kind: str) -> StoredFile:
    upload = p.uploads.get(field)
    reference = p.string(field)
    if upload is None and reference and reference.startswith("attach://"):
        upload = p.uploads.get(reference.removeprefix("attach://"))
    if upload is not None:
        return state.add_file(upload.data, kind, upload.filename, upload.content_type)
    if reference and reference in state.files:
        return state.files[reference]
    raise bad_request(f"wrong remote file identifier specified: {field}")


def _send_file(state: State, p: Params, method: str, field: str) -> JsonDict:
    chat = target_chat(state, p)
    stored = _store_file(state, p, field, field)
    content = _content(p, "caption", MAX_CAPTION, required=False)
    info: JsonDict = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }
    if field == "photo":
        content["photo"] = [{**info, "width": 800, "height": 600}]
    else:
        info.update(file_name=stored.file_name, mime_type=stored.mime_type)
        content[field] = info
    message = new_bot_message(state, chat, p, content)
    state.record(method, chat.id, message["message_id"], p.decoded(), message)
    return message


def send_document(state: State, p: Params) -> JsonDict:
    """sendDocument: the uploaded bytes, name and type are kept for tests to read."""
    return _send_file(state, p, "sendDocument", "document")


def send_photo(state: State, p: Params) -> JsonDict:
    """sendPhoto."""
    return _send_file(state, p, "sendPhoto", "photo")


def _source_message(state: State, p: Params) -> JsonDict:
    source = state.chat(p.chat_id("from_chat_id"))
    message = source.messages.get(p.need_int("message_id"))
    if message is None:
        raise bad_request("message to forward not found")
    return message


def forward_message(state: State, p: Params) -> JsonDict:
    """forwardMessage."""
    original = _source_message(state, p)
    chat = writable_chat(state, p.chat_id())
    content = {k: v for k, v in original.items() if k not in _HEADER_KEYS}
    content["forward_origin"] = {
        "type": "user",
        "sender_user": original.get("from", {}),
        "date": original["date"],
    }
    message = new_bot_message(state, chat, Params({}), content)
    state.record("forwardMessage", chat.id, message["message_id"], p.decoded(), message)
    return message


def copy_message(state: State, p: Params) -> JsonDict:
    """copyMessage: the copy has no link to the original; returns only its id."""
    original = _source_message(state, p)
    chat = writable_chat(state, p.chat_id())
    content = {k: v for k, v in original.items() if k not in _HEADER_KEYS}
    if p.has("caption"):
        content.update(_content(p, "caption", MAX_CAPTION, required=False))
    message = new_bot_message(state, chat, p, content)
    state.record("copyMessage", chat.id, message["message_id"], p.decoded(), message)
    return {"message_id": message["message_id"]}


_HEADER_KEYS = frozenset(
    {
        "message_id",
        "from",
        "chat",
        "date",
        "edit_date",
        "reply_to_message",
        "reply_markup",
        "forward_origin",
    }
)


def delete_business_messages(state: State, p: Params) -> bool:
    """deleteBusinessMessages: the bot's own messages, or any with `can_delete_all_messages`."""
    connection = _connection(state, p)
    rights = connection.get("rights", {})
    chats = [c for (cid, _), c in state.business_chats.items() if cid == connection["id"]]
    for message_id in p.obj("message_ids") or []:
        chat = next((c for c in chats if int(message_id) in c.messages), None)
        if chat is None:
            continue  # like deleteMessages, messages that are gone are skipped
        message = chat.messages[int(message_id)]
        own = "sender_business_bot" in message
        if not rights.get("can_delete_all_messages") and not (
            own and rights.get("can_delete_sent_messages")
        ):
            raise bad_request("BOT_ACCESS_FORBIDDEN")
        chat.deleted[int(message_id)] = chat.messages.pop(int(message_id))
        state.record("deleteBusinessMessages", chat.id, int(message_id), p.decoded(), message)
    return True


def read_business_message(state: State, p: Params) -> bool:
    """readBusinessMessage."""
    _connection(state, p)
    return True


def answer_callback_query(state: State, p: Params) -> bool:
    """answerCallbackQuery: each query can be answered once."""
    query_id = p.string("callback_query_id", required=True) or ""
    query = state.callback_queries.get(query_id)
    if query is None or query_id in state.callback_answers:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    answer = p.decoded()
    state.callback_answers[query_id] = answer
    message = query.get("message") or {}
    chat_id = message.get("chat", {}).get("id")
    state.record("answerCallbackQuery", chat_id, message.get("message_id"), answer)
    return True


METHODS: dict[str, Callable[[State, Params], Any]] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "forwardMessage": forward_message,
    "copyMessage": copy_message,
    "answerCallbackQuery": answer_callback_query,
    "deleteBusinessMessages": delete_business_messages,
    "readBusinessMessage": read_business_message,
}
