"""Fuzzed chat exports: importers yield Messages or InputProblems and never raise.

Design §7 and §4.1: a Telegram `result.json`, a WeChat CSV or a JSONL file, however damaged,
is read to the end; each bad record becomes a problem line naming its line number (never its
content), and `wardwatch scan` exits 0 or 2 without a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from bot.commands.scan import scan_to
from bot.config import load_settings
from bot.importers import InputNotice, InputProblem, Item, read_messages
from bot.importers.wechat_csv import COLUMNS
from rules.engine import Engine
from rules.model import Message
from tests.conftest import CORPUS
from tests.fuzz.budget import budget
from tests.fuzz.mutations import mangled_bytes, mutated_tree

# Personal data planted in every seed: it must never reach a problem line.
CANARY = "13800138000"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def generated_export() -> dict[str, Any]:
    """A single-chat export exercising text arrays, service gifts, polls, contacts, edits."""
    return {"name": "心内科随访群", "type": "private_supergroup", "id": 1000000010, "messages": [
        {"id": 1, "type": "message", "date": "2024-06-03T08:02:00",
         "date_unixtime": "1717372920", "from": "患者", "from_id": "user300000001",
         "text": f"我的电话 {CANARY}"},
        {"id": 2, "type": "message", "date": "2024-06-03T08:03:00", "from_id": "user1",
         "text": ["看 ", {"type": "bold", "text": CANARY}, " 谢谢"], "edited": "x",
         "reply_to_message_id": 1},
        {"id": 3, "type": "service", "date": "2024-06-03T08:04:00", "actor_id": "user2",
         "action": "send_star_gift", "stars": "50", "gift_text": f"谢谢 {CANARY}", "text": ""},
        {"id": 4, "type": "message", "from_id": "channel5", "text": "",
         "poll": {"question": "复诊？", "answers": [{"text": CANARY}]},
         "paid_stars_amount": 10},
        {"id": 5, "type": "message", "from_id": 7, "text": "",
         "contact_information": {"first_name": "张", "phone_number": CANARY}},
        {"id": 6, "type": "message", "from_id": "user8", "photo": "p.jpg", "text": "伤口",
         "media_type": "sticker"},
        {"id": 7, "type": "unsupported"},
    ]}


def _telegram_seeds() -> list[bytes]:
    seeds = [json.dumps(generated_export(), ensure_ascii=False, indent=1).encode("utf-8")]
    wrapper = {"about": "x", "chats": {"about": "y", "list": [generated_export()]},
               "left_chats": {"list": []}}
    seeds.append(json.dumps(wrapper, ensure_ascii=False).encode("utf-8"))
    exports = CORPUS / "telegram-exports"
    if exports.is_dir():  # real tdesktop output when the development corpus is present
        seeds += [p.read_bytes() for p in sorted(exports.rglob("*.json"))
                  if p.stat().st_size < 200_000]
    return seeds


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False  # the corpus keeps a deliberately broken export too
    return True


TELEGRAM_SEEDS = _telegram_seeds()
JSON_SEEDS = [seed for seed in TELEGRAM_SEEDS if _parses(seed)]
CELLS = st.one_of(
    st.text(max_size=20), st.sampled_from([
        "", "1", "49", "10000", "2000", "2001", "419430449", "²", "9" * 5000, "-5",
        f"<msg><title>{CANARY}</title><des><![CDATA[¥ 88.8]]></des></msg>", "<a><b>",
        "2024-06-03 08:02:00", "1717372920", "99999999999999999999", f"电话{CANARY}",
    ]))


def read_all(data: bytes, fmt: str | None = None, name: str = "") -> list[Item]:
    """Every item the importers yield for `data`; asserts the shape of each."""
    stream = io.BytesIO(data)
    stream.name = name  # type: ignore[attr-defined]
    items = list(read_messages(stream, fmt=fmt, local_tz=SHANGHAI))
    for item in items:
        if isinstance(item, InputNotice):  # e.g. read as gb18030: never content
            assert CANARY not in item.message
        elif isinstance(item, InputProblem):
            assert item.line >= 1 and item.message
            assert CANARY not in item.message, "a problem line quoted message content"
            assert item.record is None or item.record.ts is None
        else:
            assert isinstance(item, Message)
            assert isinstance(item.id, str) and isinstance(item.text, str)
            assert isinstance(item.chat_id, str) and isinstance(item.sender_id, str)
    return items


@st.composite
def mutated_exports(draw: st.DrawFn) -> bytes:
    """A seed export with one to three JSON-level mutations (types, keys, values)."""
    data: Any = json.loads(draw(st.sampled_from(JSON_SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutated_tree(data))
    return json.dumps(data, ensure_ascii=False, indent=draw(st.sampled_from([None, 1]))).encode()


telegram_inputs = st.one_of(
    mutated_exports(),
    st.sampled_from(TELEGRAM_SEEDS).flatmap(mangled_bytes),
    st.sampled_from(TELEGRAM_SEEDS).flatmap(lambda s: st.integers(0, len(s)).map(lambda n: s[:n])),
)


@budget(150)
@given(telegram_inputs)
def test_telegram_export_when_damaged_then_messages_or_problems_only(data: bytes) -> None:
    read_all(data, fmt="telegram")


@pytest.mark.parametrize("message", [
    {"stars": "²"}, {"stars": "9" * 5000}, {"amount": "٣"}, {"paid_stars_amount": "9" * 5000},
    {"poll": {"answers": 5}}, {"poll": {"answers": {"text": "a"}}}, {"date_unixtime": "²"},
    {"date_unixtime": "9" * 5000}, {"date_unixtime": "-99999999999999"},
    {"date": "2024-06-03T08:02:00+99:00"}, {"contact_information": {"phone_number": {"a": 1}}},
], ids=lambda m: f"{next(iter(m))}-{str(next(iter(m.values())))[:8]}")
def test_telegram_export_when_field_is_odd_then_message_or_problem(
    message: dict[str, Any],
) -> None:
    base = {"id": 1, "type": "service", "action": "send_star_gift", "from_id": "user1", "text": ""}
    export = {"name": "x", "type": "private_group", "id": 5, "messages": [base | message]}
    assert len(read_all(json.dumps(export).encode("utf-8"), fmt="telegram")) == 1


@pytest.mark.parametrize("tail", ["1" * 5000, "[" * 100_000, '"\\ud800"', "1e999999"],
                         ids=["huge-int", "deep", "lone-surrogate", "huge-float"])
def test_telegram_export_when_value_is_extreme_then_problem_not_crash(tail: str) -> None:
    data = f'{{"name": "x", "messages": [{{"id": 1, "type": "message", "text": {tail}}}]}}'
    items = read_all(data.encode("utf-8"), fmt="telegram")
    assert items


def _csv(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(COLUMNS) if header is None else header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


wechat_inputs = st.one_of(
    st.lists(st.lists(CELLS, min_size=12, max_size=12), max_size=6).map(_csv),
    st.lists(st.lists(CELLS, max_size=14), max_size=6).map(_csv),
    st.lists(st.sampled_from(COLUMNS), max_size=12).map(lambda h: _csv([["1"] * len(h)], h)),
    st.lists(st.lists(CELLS, min_size=12, max_size=12), min_size=1, max_size=3)
    .map(_csv).flatmap(mangled_bytes),
)


@budget(150)
@given(wechat_inputs)
def test_wechat_csv_when_rows_are_random_then_messages_or_problems_only(data: bytes) -> None:
    read_all(data, fmt="wechat")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8,
)
record_keys = st.sampled_from(["id", "text", "chat_id", "sender_id", "sender_role", "ts",
                               "reply_to", "sender_name", "department"])
jsonl_lines = st.one_of(
    st.dictionaries(record_keys, json_values | st.just(CANARY), max_size=9).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=40),
    st.sampled_from(['{"id": 1, "text": 1' + "0" * 5000 + "}", "[" * 100_000,
                     '{"id": "1", "text": "\\ud800"}', f'{{"id": "1", "text": "{CANARY}"']),
)


@pytest.mark.parametrize("line", [
    '{"id": "1", "text": "x", "sender_role": []}', '{"id": "1", "text": "x", "sender_role": {}}',
    '{"id": 1, "text": 1' + "0" * 5000 + "}", '{"id": "1", "text": "x", "ts": []}',
], ids=["role-list", "role-dict", "huge-int", "ts-list"])
def test_jsonl_when_field_has_odd_type_then_one_problem(line: str) -> None:
    (problem,) = read_all(line.encode("utf-8"), fmt="jsonl")
    assert isinstance(problem, InputProblem) and problem.line == 1


@budget(150)
@given(st.lists(jsonl_lines, max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8"))
       .flatmap(lambda data: st.just(data) | mangled_bytes(data)))
def test_jsonl_when_lines_are_random_then_messages_or_problems_only(data: bytes) -> None:
    read_all(data, fmt="jsonl")


@budget(60)
@given(st.binary(max_size=400))
def test_read_messages_when_bytes_are_random_then_format_detected_and_no_exception(
    data: bytes,
) -> None:
    read_all(data)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def _scan(data: bytes, engine: Engine, suffix: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        code = scan_to(str(path), engine=engine, settings=load_settings(None, env={}),
                       local_tz=SHANGHAI, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@budget(40)
@given(st.one_of(telegram_inputs.map(lambda d: (d, ".json")), wechat_inputs.map(
    lambda d: (d, ".csv")), st.binary(max_size=300).map(lambda d: (d, ".jsonl"))))
def test_scan_when_input_is_damaged_then_exit_0_or_2_and_problem_lines_hold_no_content(
    engine: Engine, case: tuple[bytes, str],
) -> None:
    code, _, err = _scan(case[0], engine, case[1])
    assert code in (0, 2)
    assert "Traceback" not in err
    problem_lines = [line for line in err.splitlines() if "input" in line and ":" in line]
    assert all(CANARY not in line for line in problem_lines)
    if code == 2:
        assert problem_lines


def test_scan_cli_when_export_is_truncated_then_exit_2_naming_the_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = TELEGRAM_SEEDS[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "result.json"
        path.write_bytes(seed[: len(seed) // 2])
        code = main(["scan", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert f"{path}:" in captured.err and "Traceback" not in captured.err
    assert CANARY not in captured.err


def corpus_files(corpus: Path) -> Iterator[Path]:
    yield from sorted((corpus / "telegram-exports").rglob("*.json"))


@pytest.mark.corpus
def test_telegram_export_when_real_corpus_file_then_read_without_exception(
    corpus_dir: Path,
) -> None:
    for path in corpus_files(corpus_dir):
        read_all(path.read_bytes(), fmt="telegram", name=path.name)
