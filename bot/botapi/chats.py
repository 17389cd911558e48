"""Bot API methods that read or configure: getMe, chats and members, commands, webhook, files."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.botapi.messages import writable_chat
from bot.botapi.params import Params
from bot.botapi.state import ADMIN_RIGHTS, JsonDict, Member, State, Webhook, bad_request

# ChatMemberRestricted has 17 required flags besides `user` (PTB 22.8 constructor).
_RESTRICTED_FLAGS = (
    "is_member",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_edit_tag",
)


def member_to_api(state: State, member: Member) -> JsonDict:
    """The `ChatMember` object for a membership, with every field PTB requires."""
    user = state.user(member.user_id).to_api()
    data: JsonDict = {"status": member.status, "user": user}
    if member.status == "creator":
        data["is_anonymous"] = bool(member.rights.get("is_anonymous", False))
    elif member.status == "administrator":
        data.update({right: bool(member.rights.get(right, False)) for right in ADMIN_RIGHTS})
    elif member.status == "restricted":
        data.update({flag: bool(member.rights.get(flag, False)) for flag in _RESTRICTED_FLAGS})
        data["until_date"] = member.until_date
    elif member.status == "kicked":
        data["until_date"] = member.until_date
    return data


def get_me(state: State, p: Params) -> JsonDict:
    """getMe, with the privacy-mode flag the bot checks at start-up."""
    return {
        **state.bot.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": state.can_read_all_group_messages,
        "supports_inline_queries": False,
        "can_connect_to_business": True,
        "has_main_web_app": False,
    }


def get_chat(state: State, p: Params) -> JsonDict:
    """getChat: a `ChatFullInfo`."""
    chat = state.chat(p.chat_id())
    gifts = (
        "unlimited_gifts",
        "limited_gifts",
        "unique_gifts",
        "premium_subscription",
        "gifts_from_channels",
    )
    info = {
        **chat.to_api(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys(gifts, True),
    }
    if chat.type == "private":
        user = state.user(chat.id)
        info.update({k: v for k, v in user.to_api().items() if k in ("last_name", "username")})
    return info


def get_chat_member(state: State, p: Params) -> JsonDict:
    """getChatMember: users never seen in the chat are `left`."""
    chat = state.chat(p.chat_id())
    user_id = p.need_int("user_id")
    state.user(user_id)
    return member_to_api(state, state.member(chat, user_id))


def get_chat_administrators(state: State, p: Params) -> list[JsonDict]:
    """getChatAdministrators: the creator and the administrators, bots included."""
    chat = state.chat(p.chat_id())
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    admins = [m for m in chat.members.values() if m.status in ("creator", "administrator")]
    return [member_to_api(state, m) for m in admins]


def get_chat_member_count(state: State, p: Params) -> int:
    """getChatMemberCount."""
    chat = state.chat(p.chat_id())
    present = ("creator", "administrator", "member", "restricted")
    return sum(1 for m in chat.members.values() if m.status in present)


def leave_chat(state: State, p: Params) -> bool:
    """leaveChat: the bot's membership becomes `left`."""
    chat = state.chat(p.chat_id())
    chat.members[state.bot.id] = Member(state.bot.id, "left")
    state.record("leaveChat", chat.id, None, p.decoded())
    return True


def send_chat_action(state: State, p: Params) -> bool:
    """sendChatAction ("typing…")."""
    writable_chat(state, p.chat_id())
    return True


def _commands_key(p: Params) -> str:
    scope = p.obj("scope") or {"type": "default"}
    return json.dumps([scope, p.string("language_code") or ""], sort_keys=True)


def set_my_commands(state: State, p: Params) -> bool:
    """setMyCommands."""
    commands = p.obj("commands") or []
    for command in commands:
        if not str(command.get("command", "")).islower():
            raise bad_request("BOT_COMMAND_INVALID")
    state.commands[_commands_key(p)] = commands
    return True


def get_my_commands(state: State, p: Params) -> list[JsonDict]:
    """getMyCommands."""
    return state.commands.get(_commands_key(p), [])


def delete_my_commands(state: State, p: Params) -> bool:
    """deleteMyCommands."""
    state.commands.pop(_commands_key(p), None)
    return True


def set_webhook(state: State, p: Params) -> bool:
    """setWebhook; an empty url removes the webhook."""
    url = p.string("url") or ""
    if p.flag("drop_pending_updates"):
        state.updates.clear()
    if p.has("allowed_updates"):
        state.allowed_updates = p.obj("allowed_updates")
    if not url:
        state.webhook = None
    else:
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        max_connections = p.integer("max_connections", 40) or 40
        state.webhook = Webhook(url, p.string("secret_token"), max_connections)
    state.changed()
    return True


def delete_webhook(state: State, p: Params) -> bool:
    """deleteWebhook, optionally dropping pending updates."""
    if p.flag("drop_pending_updates"):
        state.updates.clear()
    state.webhook = None
    state.changed()
    return True


def get_webhook_info(state: State, p: Params) -> JsonDict:
    """getWebhookInfo."""
    hook = state.webhook
    info: JsonDict = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": state.pending_count(),
    }
    if hook:
        info["max_connections"] = hook.max_connections
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    if state.allowed_updates is not None:
        info["allowed_updates"] = state.allowed_updates
    return info


def get_file(state: State, p: Params) -> JsonDict:
    """getFile: a path to download under the file URL."""
    stored = state.files.get(p.string("file_id", required=True) or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


def get_business_connection(state: State, p: Params) -> JsonDict:
    """getBusinessConnection."""
    connection_id = p.string("business_connection_id", required=True) or ""
    connection = state.business_connections.get(connection_id)
    if connection is None:
        raise bad_request("business connection not found")
    return connection


def log_out(state: State, p: Params) -> bool:
    """logOut and close: accepted, nothing to release locally."""
    state.logged_out = True
    return True


METHODS: dict[str, Callable[[State, Params], Any]] = {
    "getMe": get_me,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "sendChatAction": send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "getFile": get_file,
    "getBusinessConnection": get_business_connection,
    "logOut": log_out,
    "close": log_out,
}
