"""Importers: JSONL, Telegram Desktop result.json, WeChat CSV → rules.Message (design §4.2)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.importers import InputProblem, detect_format, read_messages
from bot.importers import telegram_export as tg
from rules.model import Message, Role

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _read(data: bytes | str, fmt: str | None = None, name: str = "") -> list:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    stream = io.BytesIO(raw)
    stream.name = name  # type: ignore[attr-defined]
    return list(read_messages(stream, fmt=fmt, local_tz=SHANGHAI))


def _messages(items: list) -> list[Message]:
    return [item for item in items if isinstance(item, Message)]


def _problems(items: list) -> list[InputProblem]:
    return [item for item in items if isinstance(item, InputProblem)]


# ---------------------------------------------------------------- JSONL


def test_jsonl_when_all_fields_given_then_message_carries_them() -> None:
    line = {"id": "m1", "text": "您好", "chat_id": "c1", "sender_id": "42",
            "sender_role": "assistant", "ts": "2024-05-01T08:30:00+08:00", "reply_to": "m0"}
    (message,) = _read(json.dumps(line, ensure_ascii=False) + "\n", fmt="jsonl")
    assert message == Message(
        id="m1", text="您好", chat_id="c1", sender_id="42", sender_role=Role.ASSISTANT,
        ts=datetime(2024, 5, 1, 8, 30, tzinfo=SHANGHAI), reply_to="m0", source="jsonl",
    )


def test_jsonl_when_lines_are_malformed_then_problems_name_lines_and_rest_is_read() -> None:
    lines = [
        '{"id": "1", "text": "ok"}',
        "{not json",
        '["a list"]',
        '{"id": "3"}',
        '{"id": "4", "text": "x", "sender_role": "surgeon"}',
        '{"id": "5", "text": "x", "ts": "yesterday"}',
        "",
        '{"id": "7", "text": "still read"}',
    ]
    items = _read("\n".join(lines), fmt="jsonl")
    assert [m.id for m in _messages(items)] == ["1", "7"]
    assert [p.line for p in _problems(items)] == [2, 3, 4, 5, 6]
    # Only line 6 lost just its time: it is still read, to be scanned with the time unknown.
    assert [(p.line, p.record.id, p.record.ts) for p in _problems(items) if p.record] == [
        (6, "5", None)]


def test_jsonl_when_problem_reported_then_message_text_is_not_echoed() -> None:
    items = _read('{"id": "1", "text": 13812345678, "note": "13812345678"}\n', fmt="jsonl")
    (problem,) = _problems(items)
    assert "13812345678" not in problem.message and "text" in problem.message


def test_jsonl_when_line_is_not_utf8_then_problem_and_next_line_read() -> None:
    data = b'{"id": "1", "text": "\xff\xfe"}\n{"id": "2", "text": "ok"}\n'
    items = _read(data, fmt="jsonl")
    assert [p.line for p in _problems(items)] == [1]
    assert [m.id for m in _messages(items)] == ["2"]


def test_jsonl_when_file_starts_with_bom_then_first_line_is_read() -> None:
    items = _read('\ufeff{"id": "1", "text": "ok"}\n', fmt="jsonl")
    assert [m.id for m in _messages(items)] == ["1"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode),
                          st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                                       lambda kids: st.lists(kids) | st.dictionaries(
                                           st.sampled_from(["id", "text", "ts", "sender_role",
                                                            "chat_id", "x"]), kids),
                                       max_leaves=8).map(lambda v: json.dumps(v).encode())),
                max_size=8))
def test_jsonl_when_lines_are_arbitrary_then_reader_never_crashes(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    items = _read(data, fmt="jsonl")
    assert all(isinstance(item, Message | InputProblem) for item in items)


# ---------------------------------------------------------------- Telegram Desktop export


def _export(messages: list[dict], chat_type: str = "private_supergroup") -> str:
    return json.dumps({"name": "心内科随访群", "type": chat_type, "id": 1730156619,
                       "messages": messages}, ensure_ascii=False, indent=1)


def test_telegram_when_text_is_entity_array_then_parts_are_concatenated() -> None:
    text = ["请看 ", {"type": "link", "text": "https://example.org"}, " 谢谢"]
    items = _read(_export([{"id": 5, "type": "message", "date": "2024-05-01T10:00:00",
                            "date_unixtime": "1714528800", "from": "张医生",
                            "from_id": "user1001", "text": text}]), fmt="telegram")
    (message,) = items
    assert message.text == "请看 https://example.org 谢谢"
    assert (message.id, message.chat_id, message.sender_id) == ("5", "-1001730156619", "1001")
    assert message.ts == datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
    assert (message.sender_name, message.chat_title, message.source) == (
        "张医生", "心内科随访群", "tg-export")


def test_telegram_when_only_local_date_then_timestamp_uses_local_zone() -> None:
    (message,) = _read(_export([{"id": 1, "type": "message", "date": "2024-05-01T10:00:00",
                                 "from": "A", "from_id": 7, "text": "hi"}]), fmt="telegram")
    assert message.ts == datetime(2024, 5, 1, 10, 0, tzinfo=SHANGHAI)
    assert message.sender_id == "7"


def test_telegram_when_date_is_bad_then_problem_carries_the_message_without_time() -> None:
    (problem,) = _read(_export([{"id": 1, "type": "message", "date": "not a date",
                                 "from": "A", "from_id": 7, "text": "身份证110101199003071234"}]),
                       fmt="telegram")
    assert isinstance(problem, InputProblem) and "date" in problem.message
    assert problem.record is not None and problem.record.ts is None
    assert problem.record.text == "身份证110101199003071234"


def test_telegram_when_message_was_edited_then_version_is_one() -> None:
    (message,) = _read(_export([{"id": 1, "type": "message", "date": "2024-05-01T10:00:00",
                                 "edited": "2024-05-01T10:05:00", "edited_unixtime": "1714529100",
                                 "from_id": "user1", "text": "改过"}]), fmt="telegram")
    assert message.version == 1


def test_telegram_when_star_gift_service_then_structural_gift_with_note_as_text() -> None:
    (message,) = _read(_export([{"id": 9, "type": "service", "date": "2024-05-01T10:00:00",
                                 "actor": "家属", "actor_id": "user55", "action": "send_star_gift",
                                 "gift_id": 1, "stars": 50, "gift_text": "谢谢医生",
                                 "text": "", "text_entities": []}]), fmt="telegram")
    assert message.text == "谢谢医生"
    assert message.sender_id == "55"
    assert message.media_kind == "service:send_star_gift"
    assert [(e.kind, e.amount, e.currency) for e in message.structural] == [("gift", 50, "XTR")]


def test_telegram_when_payment_or_paid_message_then_structural_events() -> None:
    items = _read(_export([
        {"id": 1, "type": "service", "date": "2024-05-01T10:00:00", "actor_id": "user1",
         "action": "send_payment", "amount": 500, "currency": "CNY", "text": ""},
        {"id": 2, "type": "message", "date": "2024-05-01T10:00:00", "from_id": "user1",
         "paid_stars_amount": 20, "text": "付费消息"},
    ]), fmt="telegram")
    assert [[(e.kind, e.amount) for e in m.structural] for m in items] == [
        [("payment", 500)], [("paid_message", 20)]]


def test_telegram_when_unsupported_placeholder_then_skipped() -> None:
    items = _read(_export([{"id": 1, "type": "unsupported"},
                           {"id": 2, "type": "message", "from_id": "user1", "text": "x"}]))
    assert [m.id for m in items] == ["2"]


def test_telegram_when_chat_types_differ_then_bot_api_chat_ids() -> None:
    ids = [_read(_export([{"id": 1, "type": "message", "text": "x"}], chat_type=kind))[0].chat_id
           for kind in ("private_group", "public_supergroup", "personal_chat")]
    assert ids == ["-1730156619", "-1001730156619", "1730156619"]


def test_telegram_when_read_in_tiny_chunks_then_same_messages(monkeypatch) -> None:
    messages = [{"id": n, "type": "message", "date_unixtime": str(1714528800 + n),
                 "from_id": f"user{n}", "text": ["第", {"type": "bold", "text": f"{n}"}, "条\n"],
                 "reactions": [{"type": "emoji", "count": n, "emoji": "👍"}]}
                for n in range(1, 60)]
    data = _export(messages)
    expected = _read(data)
    monkeypatch.setattr(tg, "_CHUNK", 7)
    assert _read(data) == expected
    assert [m.text for m in expected][:2] == ["第1条\n", "第2条\n"]


class _MeteredStream(io.BytesIO):
    """A byte stream that remembers how much has been read from it."""

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read = getattr(self, "bytes_read", 0) + len(data)
        return data


def test_telegram_when_export_is_large_then_first_message_arrives_before_file_is_read() -> None:
    messages = [{"id": n, "type": "message", "from_id": "user1", "text": "复查" * 50}
                for n in range(20000)]
    stream = _MeteredStream(_export(messages).encode("utf-8"))
    items = read_messages(stream, fmt="telegram")
    first = next(items)
    assert isinstance(first, Message) and first.id == "0"
    assert stream.bytes_read < 300_000 < len(stream.getvalue())
    assert sum(1 for _ in items) == 19999


def test_telegram_when_syntax_error_then_problem_names_line() -> None:
    data = _export([{"id": 1, "type": "message", "text": "ok"},
                    {"id": 2, "type": "message", "text": "x"}])
    broken = data.replace('"id": 2,', '"id": 2', 1)
    items = _read(broken)
    (problem,) = _problems(items)
    assert [m.id for m in _messages(items)] == ["1"]
    assert problem.line == broken[: broken.index('"id": 2')].count("\n") + 2


def test_telegram_when_export_is_empty_or_truncated_then_problem_not_crash() -> None:
    assert _problems(_read(b"", fmt="telegram")) != []
    assert _problems(_read(_export([{"id": 1, "type": "message", "text": "x"}])[:-30]))


# ---------------------------------------------------------------- corpus fixtures


TG_EXPECTED = {
    "mlomb-chat-analytics/DM_2A_7M.json": (8, 0),
    "mlomb-chat-analytics/MultiChat_2C_6M.json": (6, 0),
    "innerdvations-telegram-chat-parser/bot.json": (2, 0),
    "innerdvations-telegram-chat-parser/personal.json": (0, 0),
    "innerdvations-telegram-chat-parser/private_group.json": (2, 0),
    "innerdvations-telegram-chat-parser/public_supergroup.json": (4, 0),
    "innerdvations-telegram-chat-parser/private_channel.json": (7, 0),
    "innerdvations-telegram-chat-parser/public_channel.json": (7, 0),
    "innerdvations-telegram-chat-parser/saved.json": (21, 0),
    "innerdvations-telegram-chat-parser/users_test.json": (9, 0),
    "innerdvations-telegram-chat-parser/error.json": (0, 1),
    "innerdvations-telegram-chat-parser/error-unexpected.json": (12, 4),
}


@pytest.mark.corpus
@pytest.mark.parametrize("relative", sorted(TG_EXPECTED))
def test_telegram_when_corpus_fixture_read_then_expected_messages_and_problems(
    corpus_dir: Path, relative: str
) -> None:
    path = corpus_dir / "telegram-exports" / relative
    items = list(read_messages(path))
    assert (len(_messages(items)), len(_problems(items))) == TG_EXPECTED[relative]
    if _problems(items):
        return  # the malformed fixtures: counted above, nothing crashed
    reference = json.loads(path.read_text(encoding="utf-8"))
    chats = reference.get("chats", {}).get("list", [reference])
    wanted = [str(m["id"]) for chat in chats for m in chat["messages"]]
    assert [m.id for m in _messages(items)] == wanted


@pytest.mark.corpus
def test_telegram_when_multichat_wrapper_then_each_chat_keeps_its_id(corpus_dir: Path) -> None:
    path = corpus_dir / "telegram-exports/mlomb-chat-analytics/MultiChat_2C_6M.json"
    messages = _messages(list(read_messages(path)))
    assert sorted({(m.chat_id, m.chat_title) for m in messages}) == [
        ("-700000002", "Chat Two"), ("700000001", "Chat One")]


@pytest.mark.corpus
def test_telegram_when_dates_mixed_then_unixtime_preferred(corpus_dir: Path) -> None:
    path = corpus_dir / "telegram-exports/mlomb-chat-analytics/DM_2A_7M.json"
    by_id = {m.id: m for m in _messages(list(read_messages(path)))}
    assert by_id["3662"].ts == datetime.fromtimestamp(1652135033, tz=UTC)
    assert by_id["3645"].ts is not None and by_id["3645"].ts.tzinfo is None
    assert by_id["3644"].text == "https://google.com 👀"
    assert by_id["3674"].media_kind == "service:phone_call"


@pytest.mark.corpus
def test_telegram_when_fixture_bytes_fuzzed_then_reader_never_crashes(corpus_dir: Path) -> None:
    data = (corpus_dir / "telegram-exports/innerdvations-telegram-chat-parser/saved.json"
            ).read_bytes()
    for cut in range(0, len(data), 97):
        for mutated in (data[:cut], data[:cut] + b"\x00{]" + data[cut + 3:]):
            items = _read(mutated, fmt="telegram")
            assert all(isinstance(item, Message | InputProblem) for item in items)


# ---------------------------------------------------------------- WeChat CSV

HEADER = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n"  # noqa: E501


def _csv(*rows: str) -> bytes:
    return ("\ufeff" + HEADER + "".join(row + "\r\n" for row in rows)).encode("utf-8")


def test_wechat_when_text_rows_then_messages_with_sender_and_time() -> None:
    data = _csv("1,217,1,0,0,1714528800,2,您好，请问复诊时间？,2024-05-01 10:00:00,王阿姨家属,"
                "小王,wxid_abc")
    items = _read(data, name="心内科随访群_utf8.csv")
    (message,) = items
    assert (message.id, message.chat_id, message.sender_id, message.sender_name) == (
        "1", "217", "wxid_abc", "王阿姨家属")
    assert message.text == "您好，请问复诊时间？"
    assert message.chat_title == "心内科随访群"
    assert message.ts == datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
    assert message.source == "wechat"


def test_wechat_when_cell_is_quoted_multiline_then_one_message() -> None:
    items = _read(_csv('2,217,1,0,1,1714528800,2,"第一行\n第二行, 有逗号",2024-05-01 10:00:00,,,'),
                  fmt="wechat")
    (message,) = items
    assert message.text == "第一行\n第二行, 有逗号"
    assert message.sender_id == "self"


def test_wechat_when_red_packet_app_message_then_structural_gift() -> None:
    xml = '"<msg><appmsg><title>恭喜发财，大吉大利</title><des>微信红包</des></appmsg></msg>"'
    transfer = '"<msg><appmsg><title>微信转账</title><des>收到转账￥200.00</des></appmsg></msg>"'
    items = _read(_csv(f"3,217,49,2001,0,1714528800,2,{xml},,家属,,wxid_f",
                       f"4,217,49,2000,0,1714528801,2,{transfer},,家属,,wxid_f"), fmt="wechat")
    # WeChat's own words (微信红包, 微信转账, 收到转账) are not text: the event is the evidence.
    assert [m.text for m in items] == ["恭喜发财，大吉大利", ""]
    assert [[(e.kind, e.amount, e.currency) for e in m.structural] for m in items] == [
        [("gift", None, None)], [("transfer", 20000, "CNY")]]


def test_wechat_when_transfer_has_a_note_then_only_the_note_is_text() -> None:
    transfer = ('"<msg><appmsg><title>微信转账</title><des>收到转账￥500.00</des><wcpayinfo>'
                '<feedesc>￥500.00</feedesc><pay_memo>谢谢王医生</pay_memo></wcpayinfo>'
                '</appmsg></msg>"')
    (message,) = _read(_csv(f"4,217,49,2000,0,1714528801,2,{transfer},,家属,,wxid_f"),
                       fmt="wechat")
    assert message.text == "谢谢王医生"
    assert message.structural[0].amount == 50000


def test_wechat_when_image_or_system_row_then_media_kind_and_plain_text() -> None:
    items = _read(_csv("5,217,3,0,0,1714528800,2,<img/>,,,,wxid_a",
                       '6,217,10000,0,0,1714528801,2,"<![CDATA[""张三""撤回了一条消息]]>",,,,'),
                  fmt="wechat")
    assert [(m.media_kind, m.text) for m in items] == [("photo", ""), ("service:system", "")]


def test_wechat_when_system_row_says_transfer_received_then_no_text_to_scan() -> None:
    (message,) = _read(_csv('6,217,10000,0,0,1714528801,2,"<![CDATA[收到转账]]>",,,,'),
                       fmt="wechat")
    assert (message.media_kind, message.text, message.structural) == ("service:system", "", ())


def test_wechat_when_rows_are_malformed_then_problems_name_lines() -> None:
    items = _read(_csv("7,217,1,0,0,1714528800,2,ok,,,,wxid_a",
                       "8,217,1,0,0",
                       "9,217,text,0,0,1714528800,2,x,,,,",
                       "10,217,1,0,0,notatime,2,x,,,,",
                       "11,217,1,0,0,1714528800,2,still read,,,,wxid_b"), fmt="wechat")
    assert [m.id for m in _messages(items)] == ["7", "11"]
    assert [p.line for p in _problems(items)] == [3, 4, 5]
    (timeless,) = [p.record for p in _problems(items) if p.record]
    assert (timeless.id, timeless.text, timeless.ts) == ("10", "x", None)


def test_wechat_when_file_is_gb18030_then_read_and_notice_names_the_encoding() -> None:
    data = _csv("1,217,1,0,0,1714528800,2,你先吃硝酸甘油，阿司匹林100mg每天一次,,王医生,,wxid_b")
    gbk = data.decode("utf-8").removeprefix("\ufeff").encode("gb18030")
    items = _read(gbk, name="随访群.csv")
    assert [type(i).__name__ for i in items] == ["InputNotice", "Message"]
    assert "gb18030" in items[0].message
    assert items[1].text == "你先吃硝酸甘油，阿司匹林100mg每天一次"


def test_wechat_when_utf8_without_bom_then_read_without_notice() -> None:
    data = _csv("1,217,1,0,0,1714528800,2,您好,,王医生,,wxid_b")[3:]
    (message,) = _read(data, name="随访群.csv")
    assert message.text == "您好"


def test_wechat_when_encoding_forced_then_used_and_wrong_one_reported() -> None:
    data = _csv("1,217,1,0,0,1714528800,2,您好,,王医生,,wxid_b").decode("utf-8")
    gbk = data.removeprefix("\ufeff").encode("gbk")
    items = list(read_messages(io.BytesIO(gbk), fmt="wechat", encoding="gbk"))
    assert [m.text for m in _messages(items)] == ["您好"]
    utf8 = list(read_messages(io.BytesIO(gbk), fmt="wechat", encoding="utf-8"))
    assert len(_problems(utf8)) == 1 and "--encoding" in utf8[0].message


def test_wechat_when_gb18030_file_is_large_then_first_message_before_the_whole_file() -> None:
    rows = "".join(f"{n},217,1,0,0,1714528800,2,第{n}条消息,,王医生,,wxid_b\r\n"
                   for n in range(1, 20001))
    raw = (HEADER + rows).encode("gb18030")
    stream = io.BytesIO(raw)
    items = read_messages(stream, fmt="wechat")
    next(items), next(items)  # the notice, then the first message
    assert stream.tell() < len(raw) // 2


def test_wechat_when_self_role_given_then_exporters_own_messages_get_it() -> None:
    data = _csv("1,217,1,0,1,1714528800,2,阿司匹林100mg每天一次,,,,",
                "2,217,1,0,0,1714528801,2,好的谢谢,,家属,,wxid_f")
    items = list(read_messages(io.BytesIO(data), fmt="wechat", self_role=Role.DOCTOR))
    assert [(m.sender_id, m.sender_role) for m in items] == [
        ("self", Role.DOCTOR), ("wxid_f", Role.UNKNOWN)]


def test_wechat_when_header_is_wrong_then_one_problem_at_line_one() -> None:
    items = _read("时间,发送者,内容\n2024,张三,hi\n", fmt="wechat")
    assert items == [InputProblem(1, "缺少列 / missing columns: localId, Type, StrContent")]


# ---------------------------------------------------------------- detection


def test_detect_format_when_names_or_contents_differ_then_right_reader() -> None:
    assert detect_format(b"", "export/result.json") == "telegram"
    assert detect_format(b"", "chat_utf8.csv") == "wechat"
    assert detect_format(b"", "in.jsonl") == "jsonl"
    assert detect_format(b'{\n "name": "x",\n "messages": []}') == "telegram"
    assert detect_format(b'{"name": "x", "type": "personal_chat", "id": 1, "messages": [') == (
        "telegram")
    assert detect_format(b'{"id": "1", "text": "x"}\n{"id": "2"') == "jsonl"
    assert detect_format(b'{"id": "1", "text": "' + b"x" * 9000) == "jsonl"
    assert detect_format(("\ufeff" + HEADER).encode()) == "wechat"


def test_read_messages_when_stdin_dash_then_reads_standard_input(monkeypatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b'{"id": "1", "text": "from stdin"}\n'))
    monkeypatch.setattr("sys.stdin", fake)
    assert [m.text for m in read_messages("-")] == ["from stdin"]
