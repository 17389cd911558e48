"""The local Bot API server at the wire: encodings, Telegram's answers, long polling, faults."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot.botapi import BotApiServer, ControlClient, ThreadedServer
from bot.botapi.http import Request, parse_body
from bot.botapi.markup import parse_html
from bot.botapi.state import ApiError, Chat, User


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as running:
        yield running


@pytest.fixture
async def client(server: BotApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=f"{server.base_url}{server.token}/", trust_env=False, timeout=10
    ) as http:
        yield http


@pytest.fixture
def people(server: BotApiServer) -> tuple[Chat, User]:
    patient = server.inject.user("张三", started=True)
    group = server.inject.group("心内科患者群", members=[patient.id])
    return group, patient


async def form(client: httpx.AsyncClient, method: str, **params: Any) -> httpx.Response:
    """POST as PTB does: strings raw, everything else JSON-encoded (telegram.md §1.2)."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return await client.post(method, data=data)


async def test_send_message_when_text_looks_like_a_number_then_it_stays_text(
    client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    by_form = await form(client, "sendMessage", chat_id=group.id, text="123")
    by_json = await client.post("sendMessage", json={"chat_id": group.id, "text": "true"})

    assert by_form.json()["result"]["text"] == "123"
    assert by_json.json()["result"]["text"] == "true"


async def test_request_when_sent_as_get_query_then_accepted(
    client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    response = await client.get("sendMessage", params={"chat_id": group.id, "text": "早上好"})

    assert response.status_code == 200
    assert response.json()["result"]["chat"]["id"] == group.id


async def test_request_when_method_unknown_then_404_method_not_found(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("sendTelepathy")

    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }


async def test_request_when_token_wrong_then_401(server: BotApiServer) -> None:
    async with httpx.AsyncClient(trust_env=False) as http:
        response = await http.post(f"{server.base_url}1:WRONG/getMe")

    assert (response.status_code, response.json()["description"]) == (401, "Unauthorized")


async def test_get_updates_when_update_arrives_during_long_poll_then_answers_at_once(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    poll = asyncio.create_task(form(client, "getUpdates", timeout=10, offset=0))
    await server.wait_for_poll()
    started = time.monotonic()
    server.inject.message(group.id, patient.id, "在吗")
    response = await poll

    assert time.monotonic() - started < 0.2
    assert response.json()["result"][0]["message"]["text"] == "在吗"


async def test_get_updates_when_offset_sent_then_earlier_updates_dropped_and_recorded(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    for text in ("一", "二", "三"):
        server.inject.message(group.id, patient.id, text)
    first = await form(client, "getUpdates", offset=0)
    second = await form(client, "getUpdates", offset=3)

    assert [u["update_id"] for u in first.json()["result"]] == [1, 2, 3]
    assert [u["update_id"] for u in second.json()["result"]] == [3]
    assert server.state.offsets == [0, 3]
    assert server.state.pending_count() == 1


async def test_get_updates_when_allowed_updates_omitted_then_chat_member_withheld(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    server.inject.chat_member(group.id, patient.id, "administrator")
    default = await form(client, "getUpdates")
    explicit = await form(client, "getUpdates", allowed_updates=["chat_member"])
    remembered = await form(client, "getUpdates")

    assert default.json()["result"] == []
    assert "chat_member" in explicit.json()["result"][0]
    assert len(remembered.json()["result"]) == 1


async def test_get_updates_when_second_poller_arrives_then_first_gets_409(
    server: BotApiServer, client: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(form(client, "getUpdates", timeout=5))
    await server.wait_for_poll()
    second = asyncio.create_task(form(client, "getUpdates", timeout=0))

    assert (await first).status_code == 409
    assert (await second).status_code == 200


async def test_get_updates_when_webhook_set_then_409(client: httpx.AsyncClient) -> None:
    await form(client, "setWebhook", url="http://127.0.0.1:9/hook")
    response = await form(client, "getUpdates")

    assert response.status_code == 409
    assert "webhook is active" in response.json()["description"]


async def test_delete_message_when_bot_is_plain_member_then_only_own_messages_go(
    server: BotApiServer, client: httpx.AsyncClient
) -> None:
    patient = server.inject.user("张三")
    group = server.inject.group("群", members=[patient.id], bot_status="member")
    theirs = server.inject.message(group.id, patient.id, "我的电话是……")
    mine = (await form(client, "sendMessage", chat_id=group.id, text="提醒")).json()["result"]

    refused = await form(
        client, "deleteMessage", chat_id=group.id, message_id=theirs["message_id"]
    )
    allowed = await form(client, "deleteMessage", chat_id=group.id, message_id=mine["message_id"])

    assert refused.json()["description"] == "Bad Request: message can't be deleted"
    assert allowed.json() == {"ok": True, "result": True}
    assert server.state.message(group.id, theirs["message_id"]) is not None


async def test_edit_message_text_when_nothing_changes_then_not_modified(
    client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    sent = (await form(client, "sendMessage", chat_id=group.id, text="告警")).json()["result"]
    response = await form(
        client, "editMessageText", chat_id=group.id, message_id=sent["message_id"], text="告警"
    )

    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request: message is not modified")


async def test_edit_message_text_when_markup_omitted_then_keyboard_is_removed(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    keyboard = {"inline_keyboard": [[{"text": "确认", "callback_data": "ack"}]]}
    sent = (
        await form(client, "sendMessage", chat_id=group.id, text="告警", reply_markup=keyboard)
    ).json()["result"]
    edited = await form(
        client,
        "editMessageText",
        chat_id=group.id,
        message_id=sent["message_id"],
        text="告警（已确认）",
    )

    assert sent["reply_markup"] == keyboard
    assert "reply_markup" not in edited.json()["result"]
    assert server.state.bot_messages(group.id)[0]["text"] == "告警（已确认）"


async def test_send_message_when_html_is_unbalanced_then_cant_parse_entities(
    client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    response = await form(
        client, "sendMessage", chat_id=group.id, text="<b>血压 <160", parse_mode="HTML"
    )

    assert response.status_code == 400
    assert "can't parse entities" in response.json()["description"]


def test_parse_html_when_astral_emoji_precedes_tag_then_offsets_count_utf16_units() -> None:
    text, entities = parse_html("🧧 <i>红包</i> &lt;ok&gt;")

    assert text == "🧧 红包 <ok>"
    assert entities == [{"type": "italic", "offset": 3, "length": 2}]


async def test_send_message_when_limits_exceeded_then_telegram_errors(
    client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    long_text = await form(client, "sendMessage", chat_id=group.id, text="长" * 4097)
    big_button = {"inline_keyboard": [[{"text": "x", "callback_data": "x" * 65}]]}
    big_data = await form(
        client, "sendMessage", chat_id=group.id, text="好", reply_markup=big_button
    )
    empty = await form(client, "sendMessage", chat_id=group.id, text="  ")

    assert long_text.json()["description"] == "Bad Request: message is too long"
    assert big_data.json()["description"] == "Bad Request: BUTTON_DATA_INVALID"
    assert empty.json()["description"] == "Bad Request: message text is empty"


async def test_send_message_when_group_migrated_then_migrate_to_chat_id(
    server: BotApiServer, client: httpx.AsyncClient
) -> None:
    old = server.inject.group("老群", kind="group")
    new = server.inject.migrate(old.id)
    response = await form(client, "sendMessage", chat_id=old.id, text="你好")

    assert response.status_code == 400
    assert response.json()["parameters"] == {"migrate_to_chat_id": new.id}


async def test_send_message_when_bot_removed_or_user_blocked_then_403(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    server.inject.bot_membership(group.id, "kicked")
    server.inject.block(patient.id)
    to_group = await form(client, "sendMessage", chat_id=group.id, text="你好")
    to_user = await form(client, "sendMessage", chat_id=patient.id, text="你好")

    assert to_group.json()["description"] == "Forbidden: bot was kicked from the supergroup chat"
    assert to_user.json()["description"] == "Forbidden: bot was blocked by the user"


async def test_privacy_mode_when_on_and_bot_not_admin_then_only_commands_delivered(
    server: BotApiServer,
) -> None:
    patient = server.inject.user("张三")
    group = server.inject.group("群", members=[patient.id], bot_status="member")
    server.inject.set_privacy(can_read_all_group_messages=False)
    server.inject.message(group.id, patient.id, "普通消息")
    server.inject.message(group.id, patient.id, "/bind cardiology")

    delivered = [u["message"]["text"] for u in server.state.updates]
    assert delivered == ["/bind cardiology"]
    assert server.state.updates[0]["message"]["entities"][0]["type"] == "bot_command"


async def test_faults_when_outage_then_every_method_fails_until_cleared(
    server: BotApiServer, client: httpx.AsyncClient
) -> None:
    server.faults.outage(status=502)
    during = [(await form(client, m)).status_code for m in ("getMe", "getUpdates", "getMe")]
    server.faults.clear()
    after = await form(client, "getMe")

    assert during == [502, 502, 502]
    assert after.json()["result"]["can_read_all_group_messages"] is True


async def test_faults_when_rate_limited_then_answer_carries_retry_after(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    server.faults.rate_limit("deleteMessage", retry_after=3, times=2)
    answers = [
        await form(client, "deleteMessage", chat_id=group.id, message_id=1) for _ in range(3)
    ]

    assert [a.status_code for a in answers] == [429, 429, 400]
    assert answers[0].json()["parameters"] == {"retry_after": 3}
    assert answers[0].json()["description"] == "Too Many Requests: retry after 3"


async def test_faults_when_hang_then_process_then_effect_happens_late(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, _ = people
    server.faults.hang("sendMessage", seconds=0.5, then_process=True)
    with pytest.raises(httpx.ReadTimeout):
        await client.post(
            "sendMessage", data={"chat_id": str(group.id), "text": "迟到"}, timeout=0.1
        )
    sent = await server.wait_for_sent(chat_id=group.id, timeout=2)

    assert sent.text == "迟到"


async def test_answer_callback_query_when_answered_twice_then_400(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    keyboard = {"inline_keyboard": [[{"text": "确认", "callback_data": "ack"}]]}
    sent = (
        await form(client, "sendMessage", chat_id=group.id, text="告警", reply_markup=keyboard)
    ).json()["result"]
    query = server.inject.press_button(group.id, sent["message_id"], patient.id, data="ack")
    first = await form(client, "answerCallbackQuery", callback_query_id=query["id"])
    second = await form(client, "answerCallbackQuery", callback_query_id=query["id"])

    assert first.json()["result"] is True
    assert "query ID is invalid" in second.json()["description"]


def test_press_button_when_label_absent_then_error_names_the_buttons() -> None:
    server = BotApiServer()
    group = server.inject.group("群")
    with pytest.raises(ValueError, match="no message"):
        server.inject.press_button(group.id, 1, server.state.bot.id, label="确认")


def test_parse_body_when_multipart_then_fields_and_file_bytes_kept() -> None:
    boundary = "XyZ"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n-100\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="document"; '
            f'filename="case.zip"\r\nContent-Type: application/zip\r\n\r\n'
        ).encode()
        + b"PK\x03\x04\r\n\x00"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    parsed = parse_body(Request("POST", "/x", "", "HTTP/1.1", headers, body))

    assert parsed.values == {"chat_id": "-100"}
    upload = parsed.uploads["document"]
    assert (upload.filename, upload.content_type, upload.data) == (
        "case.zip",
        "application/zip",
        b"PK\x03\x04\r\n\x00",
    )


async def test_control_api_when_driven_over_http_then_injects_and_reads(
    server: BotApiServer, client: httpx.AsyncClient
) -> None:
    control = ControlClient(server.url)
    try:
        user = await asyncio.to_thread(control.call, "user", first_name="张三", started=True)
        group = await asyncio.to_thread(control.call, "group", title="群", members=[user["id"]])
        await asyncio.to_thread(
            control.call, "message", chat_id=group["id"], from_id=user["id"], text="你好"
        )
        await form(client, "sendMessage", chat_id=group["id"], text="收到")
        sent = await asyncio.to_thread(control.call, "sent", chat_id=group["id"])
        status = await asyncio.to_thread(control.call, "status")
        with pytest.raises(RuntimeError, match="unknown operation"):
            await asyncio.to_thread(control.call, "explode")
    finally:
        control.close()

    assert [s["message"]["text"] for s in sent] == ["收到"]
    assert status["pending"] == [1]


def test_threaded_server_when_used_synchronously_then_serves_requests() -> None:
    with ThreadedServer() as server:
        group = server.inject.group("群")
        response = httpx.post(
            f"{server.base_url}{server.token}/sendMessage",
            data={"chat_id": str(group.id), "text": "同步"},
            trust_env=False,
        )

    assert response.json()["result"]["text"] == "同步"
    assert server.state.sent_to(group.id)[0].text == "同步"


def test_api_error_when_retry_after_then_payload_has_parameters() -> None:
    error = ApiError(429, "Too Many Requests: retry after 5", retry_after=5)

    assert error.payload() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 5",
        "parameters": {"retry_after": 5},
    }


async def test_flood_control_when_21st_message_to_a_group_in_a_minute_then_429(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    server.faults.flood_control(group_per_minute=20)
    statuses = [
        (await form(client, "sendMessage", chat_id=group.id, text=f"告警{i}")).status_code
        for i in range(21)
    ]
    private = await form(client, "sendMessage", chat_id=patient.id, text="私聊不受群限制")
    deleted = await form(client, "deleteMessage", chat_id=group.id, message_id=1)
    over = await form(client, "sendMessage", chat_id=group.id, text="又一条")

    assert statuses == [200] * 20 + [429]
    assert private.status_code == 200 and deleted.status_code == 200
    assert 1 <= over.json()["parameters"]["retry_after"] <= 60


async def test_send_message_when_business_connection_then_posted_as_the_account(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    _, patient = people
    doctor = server.inject.user("李医生")
    connection = server.inject.business_connection(doctor.id)
    response = await form(
        client,
        "sendMessage",
        chat_id=patient.id,
        text="请到门诊面诊",
        business_connection_id=connection["id"],
    )
    unknown = await form(
        client, "sendMessage", chat_id=patient.id, text="x", business_connection_id="bc-none"
    )

    message = response.json()["result"]
    assert message["from"]["id"] == doctor.id
    assert message["sender_business_bot"]["id"] == server.state.bot.id
    assert unknown.json()["description"] == "Bad Request: BUSINESS_CONNECTION_INVALID"


async def test_history_when_bot_deleted_a_message_then_kept_and_marked_deleted(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    posted = server.inject.message(group.id, patient.id, "身份证 110…")
    await form(client, "deleteMessage", chat_id=group.id, message_id=posted["message_id"])
    await form(client, "sendMessage", chat_id=group.id, text="已为您隐去个人信息")

    history = server.state.history(group.id)
    assert [(m.get("text"), m.get("deleted", False)) for m in history] == [
        ("身份证 110…", True),
        ("已为您隐去个人信息", False),
    ]


async def test_forward_and_copy_when_bot_relays_a_message_then_copies_appear_in_target(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    original = server.inject.message(group.id, patient.id, "复诊时间？")
    forwarded = await form(
        client,
        "forwardMessage",
        chat_id=patient.id,
        from_chat_id=group.id,
        message_id=original["message_id"],
    )
    copied = await form(
        client,
        "copyMessage",
        chat_id=patient.id,
        from_chat_id=group.id,
        message_id=original["message_id"],
    )

    assert forwarded.json()["result"]["forward_origin"]["sender_user"]["id"] == patient.id
    copy_id = copied.json()["result"]["message_id"]
    assert server.state.message(patient.id, copy_id)["text"] == "复诊时间？"  # type: ignore[index]


async def test_delete_messages_when_some_cannot_be_deleted_then_they_are_skipped(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    first = server.inject.message(group.id, patient.id, "广告一")
    second = server.inject.message(group.id, patient.id, "广告二")
    response = await form(
        client,
        "deleteMessages",
        chat_id=group.id,
        message_ids=[first["message_id"], 999, second["message_id"]],
    )

    assert response.json()["result"] is True
    assert [s.message_id for s in server.state.sent_to(group.id, "deleteMessage")] == [
        first["message_id"],
        second["message_id"],
    ]


async def test_webhook_when_bot_unreachable_then_update_kept_and_error_reported(
    server: BotApiServer, client: httpx.AsyncClient, people: tuple[Chat, User]
) -> None:
    group, patient = people
    await form(client, "setWebhook", url="http://127.0.0.1:9/hook", secret_token="s")
    server.inject.message(group.id, patient.id, "在吗")
    await server.wait_for(
        lambda: server.state.webhook and server.state.webhook.last_error_date,
        timeout=5,
        what="a failed webhook delivery",
    )
    info = (await form(client, "getWebhookInfo")).json()["result"]

    assert info["url"] == "http://127.0.0.1:9/hook"
    assert info["pending_update_count"] == 1
    assert info["last_error_message"].startswith("Wrong response from the webhook")
