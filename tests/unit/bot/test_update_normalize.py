"""bot.normalize: Telegram updates become platform-neutral messages."""

from __future__ import annotations

from bot.normalize import Lookups, message_key, message_link, parse_key, to_message
from rules.model import Role
from tests.unit.bot.tgfactory import GROUP, message, parse, update, user

LOOKUPS = Lookups(
    role_of=lambda uid: Role.DOCTOR if uid == 42 else Role.PATIENT,
    department_of=lambda cid: "cardiology" if cid == GROUP else "",
)


def test_to_message_when_group_text_then_ids_roles_and_department_filled() -> None:
    raw = update(payload=message("请问明天几点复诊", message_id=7))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert (got.id, got.text, got.chat_id) == (f"tg:{GROUP}:7", "请问明天几点复诊", str(GROUP))
    assert (got.sender_id, got.sender_role, got.department) == ("42", Role.DOCTOR, "cardiology")
    assert (got.sender_name, got.chat_title, got.version, got.source) == (
        "张 医生", "心内科患者群", 0, "telegram")


def test_to_message_when_photo_with_caption_then_caption_scanned_and_media_kept() -> None:
    photo = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    raw = update(payload=message(None, caption="身份证照片", photo=photo))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert (got.text, got.media_kind) == ("身份证照片", "photo")


def test_to_message_when_sticker_without_text_then_empty_text_and_media_kind() -> None:
    sticker = {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
               "is_animated": False, "is_video": False, "type": "regular"}
    got = to_message(parse(update(payload=message(None, sticker=sticker))), LOOKUPS)
    assert got is not None
    assert (got.text, got.media_kind) == ("", "sticker")


def test_to_message_when_edited_then_new_version_with_same_id() -> None:
    original = message("原文", message_id=9)
    edited = dict(original, text="改过的", edit_date=1_764_000_100)
    first = to_message(parse(update(payload=original)), LOOKUPS)
    second = to_message(parse(update("edited_message", edited)), LOOKUPS)
    assert first is not None and second is not None
    assert second.id == first.id
    assert (first.version, second.version, second.text) == (0, 1_764_000_100, "改过的")


def test_to_message_when_gift_service_message_then_structural_event() -> None:
    sticker = {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
               "is_animated": False, "is_video": False, "type": "regular"}
    gift = {"gift": {"id": "g1", "sticker": sticker, "star_count": 50}}
    got = to_message(parse(update(payload=message(None, gift=gift))), LOOKUPS)
    assert got is not None
    assert [(e.kind, e.amount) for e in got.structural] == [("gift", 50)]
    assert got.media_kind == "service"


def test_to_message_when_paid_message_and_payment_then_both_events() -> None:
    payment = {"currency": "XTR", "total_amount": 100, "invoice_payload": "p",
               "telegram_payment_charge_id": "c", "provider_payment_charge_id": "pc"}
    raw = update(payload=message("谢谢医生", paid_star_count=10, successful_payment=payment))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert [(e.kind, e.amount) for e in got.structural] == [("paid_message", 10), ("payment", 100)]


def test_to_message_when_member_joins_then_member_event_without_names() -> None:
    raw = update(payload=message(None, new_chat_members=[user(7, "李", "四")]))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert [(e.kind, e.amount, e.detail) for e in got.structural] == [("member_joined", 1, "")]


def test_to_message_when_business_message_then_connection_in_id() -> None:
    raw = update("business_message", message("您好", chat_id=555, message_id=3,
                                             business_connection_id="bc1"))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert (got.id, got.source) == ("tgb:bc1:555:3", "business")


def test_to_message_when_callback_query_then_none() -> None:
    raw = {"update_id": 1, "callback_query": {"id": "q", "from": user(), "chat_instance": "c",
                                              "data": "x"}}
    assert to_message(parse(raw), LOOKUPS) is None


def test_to_message_when_text_oversize_then_truncated() -> None:
    got = to_message(parse(update(payload=message("字" * 50_000))), LOOKUPS)
    assert got is not None
    assert len(got.text) == 16_384


def test_message_key_when_parsed_back_then_round_trips() -> None:
    assert parse_key(message_key(GROUP, 5)) == (GROUP, 5, None)
    assert parse_key(message_key(555, 3, "bc1")) == (555, 3, "bc1")


def test_message_link_when_supergroup_then_private_link_else_none_for_basic_group() -> None:
    assert message_link(GROUP, 5) == "https://t.me/c/1234567890/5"
    assert message_link(-12345, 5) == ""
    assert message_link(GROUP, 5, "ward7") == "https://t.me/ward7/5"


def test_to_message_when_unique_gift_then_structural_event_with_origin() -> None:
    sticker = {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
               "is_animated": False, "is_video": False, "type": "regular"}
    part = {"name": "x", "sticker": sticker, "rarity_per_mille": 10}
    gift = {"gift_id": "g", "base_name": "Pepe", "name": "Pepe-1", "number": 1, "model": part,
            "symbol": part, "backdrop": {"name": "b", "rarity_per_mille": 10, "colors": {
                "center_color": 1, "edge_color": 2, "symbol_color": 3, "text_color": 4}}}
    raw = update(payload=message(None, unique_gift={"gift": gift, "origin": "transfer",
                                                    "transfer_star_count": 25}))
    got = to_message(parse(raw), LOOKUPS)
    assert got is not None
    assert [(e.kind, e.amount, e.detail) for e in got.structural] == [
        ("unique_gift", 25, "transfer")]


def test_error_log_when_exception_quotes_chat_text_then_only_the_stack_is_logged() -> None:
    from bot.app import stack_without_message

    chat_text = "患者电话" + "138" + "12345678"
    try:
        raise ValueError(chat_text)
    except ValueError as exc:
        logged = stack_without_message(exc)
    assert "13812345678" not in logged
    assert "ValueError" in logged and "test_update_normalize" in logged
