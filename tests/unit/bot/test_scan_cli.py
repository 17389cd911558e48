"""`wardwatch scan` (design §4.1–4.2): exit codes, stdin, table/JSONL, determinism, offsets."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from bot import cli
from bot.commands import scan
from rules.model import Category, Finding, Message, Role, Severity, Span

PHONE = re.compile(r"1[3-9]\d{9}")
CONFIG = """
roster:
  people:
    - {telegram_id: 1001, name: 张医生, role: doctor, department: cardiology}
    - {telegram_id: 1002, name: 小刘, role: assistant}
"""


class FakeEngine:
    """Phones → personal_data/high, 红包 → gift/critical; records the roles it was given."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Role, str]] = []

    def scan(self, messages: Iterable[Message]) -> Iterator[tuple[Message, list[Finding]]]:
        for message in messages:
            self.seen.append((message.id, message.sender_role, message.department))
            findings = [
                Finding(message.id, "gift-red-packet-offer", Category.GIFT, Severity.CRITICAL)
                for _ in re.finditer("红包", message.text)
            ][:1]
            findings += [
                Finding(message.id, "pii-cn-mobile", Category.PERSONAL_DATA, Severity.HIGH,
                        spans=(Span(m.start(), m.end(), "CN_PHONE"),),
                        redacted_text=m.group()[:3] + "****" + m.group()[-4:])
                for m in PHONE.finditer(message.text)
            ]
            yield message, findings


def _jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


SAMPLE = _jsonl(
    {"id": "1", "text": "我的电话13812345678，红包已发", "chat_id": "g1", "sender_id": "2001",
     "sender_role": "family"},
    {"id": "2", "text": "请到门诊复查", "chat_id": "g1", "sender_id": "1001"},
    {"id": "3", "text": "备用 13912345678 和 13712345678", "chat_id": "g2", "sender_id": "2002"},
)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(scan, "load_engine", lambda settings, err, config_path=None: fake)
    return fake


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["scan", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _write(tmp_path: Path, text: str, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_when_input_is_clean_then_exit_zero_and_jsonl_findings_in_order(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([str(_write(tmp_path, SAMPLE)), "--config", str(config)], capsys)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(f["message_id"], f["rule_id"]) for f in lines] == [
        ("1", "gift-red-packet-offer"), ("1", "pii-cn-mobile"),
        ("3", "pii-cn-mobile"), ("3", "pii-cn-mobile")]
    assert lines[1] == {"message_id": "1", "rule_id": "pii-cn-mobile",
                        "category": "personal_data", "severity": "high",
                        "spans": [{"start": 4, "end": 15, "entity": "CN_PHONE"}],
                        "redacted_text": "138****5678"}
    assert list(lines[0]) == ["message_id", "rule_id", "category", "severity", "spans"]


def test_scan_when_run_twice_then_output_is_byte_identical(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_write(tmp_path, SAMPLE))
    first = _run([path, "--config", str(config)], capsys)
    second = _run([path, "--config", str(config)], capsys)
    assert first == second


@pytest.mark.parametrize(("fail_on", "expected"),
                         [("low", 1), ("critical", 1), (None, 0)])
def test_scan_when_fail_on_given_then_exit_one_at_or_above_severity(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str],
    fail_on: str | None, expected: int,
) -> None:
    argv = [str(_write(tmp_path, SAMPLE))] + (["--fail-on", fail_on] if fail_on else [])
    assert _run(argv, capsys)[0] == expected


def test_scan_when_findings_below_fail_on_then_exit_zero(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _jsonl({"id": "1", "text": "电话13812345678"}))
    assert _run([str(path), "--fail-on", "critical"], capsys)[0] == 0


def test_scan_when_lines_malformed_then_reported_with_numbers_rest_scanned_exit_two(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLE.replace('{"id": "2"', '{"id": "2" oops', 1) + '{"id": 5}\n'
    path = _write(tmp_path, text)
    code, out, err = _run([str(path), "--fail-on", "low"], capsys)
    assert code == 2
    assert f"{path}:2:" in err and f"{path}:4:" in err
    assert "13812345678" not in err
    assert {json.loads(line)["message_id"] for line in out.splitlines()} == {"1", "3"}


def test_scan_when_input_is_dash_then_reads_stdin(
    engine: FakeEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.encode("utf-8"))))
    code, out, _ = _run(["-"], capsys)
    assert code == 0 and len(out.splitlines()) == 4


def test_scan_when_output_file_given_then_findings_there_and_summary_on_stdout(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "findings.jsonl"
    code, out, _ = _run([str(_write(tmp_path, SAMPLE)), "--output", str(target)], capsys)
    assert code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    assert "By category" in out and "personal_data" in out


def test_scan_when_table_format_then_table_with_masked_excerpts_and_summaries(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([str(_write(tmp_path, SAMPLE)), "--format", "table",
                         "--config", str(config)], capsys)
    assert code == 0
    assert "Findings" in out and "gift-red-packet-offer" in out
    assert "我的电话138****5678，红包已发" in out
    assert not PHONE.search(out)
    for title in ("By category", "By chat", "By sender role"):
        assert title in out


def test_scan_when_roster_configured_then_input_role_wins_and_roster_fills_the_rest(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLE + _jsonl({"id": "4", "text": "x", "sender_id": "1001", "sender_role": "nurse"},
                           {"id": "5", "text": "y", "sender_name": "小 刘"})
    _run([str(_write(tmp_path, text)), "--config", str(config)], capsys)
    assert engine.seen == [
        ("1", Role.FAMILY, ""), ("2", Role.DOCTOR, "cardiology"), ("3", Role.UNKNOWN, ""),
        ("4", Role.NURSE, "cardiology"), ("5", Role.ASSISTANT, "")]


def test_scan_when_summary_printed_then_counts_per_category_chat_and_role(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = _run([str(_write(tmp_path, SAMPLE)), "--config", str(config)], capsys)
    assert "scanned 3 messages, 4 findings, 0 malformed" in err
    assert re.search(r"personal_data\s*│\s*3", err)
    assert re.search(r"g2\s*│\s*1\s*│\s*2", err)
    assert re.search(r"family\s*│\s*1\s*│\s*2", err)


def test_scan_when_config_invalid_then_exit_two_naming_the_field(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write(tmp_path, "telegram:\n  mode: pigeon\n", "bad.yaml")
    code, _, err = _run([str(_write(tmp_path, SAMPLE)), "--config", str(bad)], capsys)
    assert code == 2 and "telegram.mode" in err


def test_scan_when_input_missing_then_exit_two(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run([str(tmp_path / "absent.jsonl")], capsys)
    assert code == 2 and "absent.jsonl" in err


def test_scan_when_output_cannot_be_written_then_exit_two(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-dir" / "out.jsonl"
    code, _, err = _run([str(_write(tmp_path, SAMPLE)), "--output", str(target)], capsys)
    assert code == 2 and "out.jsonl" in err


def test_scan_when_telegram_export_given_then_detected_and_scanned(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    export = {"name": "心内科随访群", "type": "private_supergroup", "id": 42, "messages": [
        {"id": 7, "type": "message", "date_unixtime": "1714528800", "from": "家属",
         "from_id": "user9", "text": ["电话 ", {"type": "phone", "text": "13812345678"}]}]}
    path = _write(tmp_path, json.dumps(export, ensure_ascii=False, indent=1), "result.json")
    code, out, err = _run([str(path)], capsys)
    (finding,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and finding["spans"] == [{"start": 3, "end": 14, "entity": "CN_PHONE"}]
    assert "-10042" in err


def test_scan_when_wechat_csv_given_then_detected_and_scanned(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_text = ("\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,"
                "StrTime,Remark,NickName,Sender\n"
                "1,217,1,0,0,1714528800,2,给您发个红包,2024-05-01 10:00:00,家属,,wxid_a\n")
    code, out, _ = _run([str(_write(tmp_path, csv_text, "随访群_utf8.csv"))], capsys)
    assert code == 0 and json.loads(out)["category"] == "gift"


def test_scan_when_real_engine_then_spans_index_the_original_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "患者电话：１３８\u200b1234\u200b5678，请联系"
    code, out, _ = _run([str(_write(tmp_path, _jsonl(
        {"id": "1", "text": text, "chat_id": "g", "sender_role": "family"})))], capsys)
    assert code == 0
    spans = [s for line in out.splitlines() for s in json.loads(line)["spans"]]
    assert spans, "the mobile number was not found"
    assert any(text[s["start"]:s["end"]] == "１３８\u200b1234\u200b5678" for s in spans)


# ---------------------------------------------------------------- the bundled sample and demo


BUNDLED_SAMPLE = Path(__file__).resolve().parents[3] / "bot" / "samples" / "cardiology-day.jsonl"


def _sample_records() -> list[dict]:
    return [
        json.loads(line) for line in BUNDLED_SAMPLE.read_text(encoding="utf-8").splitlines()
    ]


def test_sample_when_read_then_every_line_is_valid_and_both_languages_appear() -> None:
    from bot.importers import read_messages

    items = list(read_messages(BUNDLED_SAMPLE))
    assert all(isinstance(item, Message) for item in items) and len(items) >= 30
    assert any(re.search(r"[\u4e00-\u9fff]", m.text) for m in items)
    assert sum(bool(re.fullmatch(r"[ -~]+", m.text)) for m in items) >= 5  # English messages


def test_sample_when_fake_identifiers_checked_then_they_pass_their_checksums() -> None:
    import phonenumbers
    from stdnum.cn import ric

    text = " ".join(r["text"] for r in _sample_records())
    ids = re.findall(r"\d{17}[\dX]", text)
    phones = PHONE.findall(text)
    assert ids and all(ric.is_valid(n) for n in ids)
    assert phones and all(
        phonenumbers.is_valid_number(phonenumbers.parse(p, "CN")) for p in phones)


def test_scan_when_bundled_sample_scanned_then_findings_table_lists_all_five_categories(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run([str(BUNDLED_SAMPLE), "--format", "table"], capsys)
    assert code == 0
    findings_part = out.split("By category")[0]
    for category in Category:
        assert category.value in findings_part, category
    assert "110101195803120023" not in out and "13912345678" not in out


def test_scan_when_override_names_unknown_rule_then_error_names_config_file_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write(tmp_path, "rules:\n  overrides:\n    no-such-rule: {mode: off}\n", "c.yaml")
    code, _, err = _run([str(_write(tmp_path, SAMPLE)), "--config", str(bad)], capsys)
    assert code == 2
    flat = " ".join(err.split())
    assert str(bad) in flat and "rules.overrides" in flat and "no-such-rule" in flat


def test_scan_when_input_is_binary_then_problem_lines_capped_and_summary_counts_all(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "".join(f"garbage {i}\n" for i in range(50)))
    code, _, err = _run([str(path), "--input-format", "jsonl"], capsys)
    assert code == 2
    assert len([line for line in err.splitlines() if line.startswith(f"{path}:")]) == 20
    assert "另有 30 处格式错误未显示 / 30 more malformed records not shown" in err
    assert "50 malformed records" in err


# ---------------------------------------------------------------- UAT: what a user notices

WECHAT_HEADER = ("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,"
                 "Remark,NickName,Sender\r\n")
DOCTOR_ROW = ("{n},217,1,0,{own},1714528800,2,你先吃硝酸甘油，阿司匹林100mg每天一次,,王医生,,"
              "{who}\r\n")


def _wechat(tmp_path: Path, rows: str, encoding: str = "utf-8-sig",
            name: str = "随访群.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((WECHAT_HEADER + rows).encode(encoding))
    return path


def test_scan_when_many_senders_have_no_role_then_warning_names_count_and_remedy(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(DOCTOR_ROW.format(n=n, own=0, who="wxid_b") for n in range(1, 6))
    code, _, err = _run([str(_wechat(tmp_path, rows))], capsys)
    flat = " ".join(err.split())
    assert code == 0
    assert "警告 / warning: 5 条消息的发送者角色未知" in flat
    assert "--config" in flat and "sender_role" in flat and "--self-role" in flat


def test_scan_when_jsonl_has_no_roles_then_warning_but_system_rows_not_counted(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _jsonl(*({"id": str(n), "text": "阿司匹林每天一次"}
                                     for n in range(4))))
    assert "4 messages were scanned with sender role unknown" in " ".join(
        _run([str(path)], capsys)[2].split())
    rows = "".join(f'{n},217,10000,0,0,1714528800,2,"<![CDATA[收到转账]]>",,,,\r\n'
                   for n in range(1, 9))
    assert "warning" not in _run([str(_wechat(tmp_path, rows))], capsys)[2]


def test_scan_when_roles_known_or_few_unknown_then_no_role_warning(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = _run([str(_write(tmp_path, SAMPLE)), "--config", str(config)], capsys)
    assert "warning" not in err


def test_scan_when_self_role_given_then_exporters_messages_are_doctors(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(DOCTOR_ROW.format(n=n, own=1, who="") for n in range(1, 6))
    code, _, err = _run([str(_wechat(tmp_path, rows)), "--self-role", "doctor"], capsys)
    assert code == 0 and "warning" not in err
    assert [role for _, role, _ in engine.seen] == [Role.DOCTOR] * 5


def test_scan_when_wechat_csv_is_gbk_then_scanned_and_encoding_named(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "1,217,1,0,0,1714528800,2,给您发个红包,,家属,,wxid_a\r\n"
    path = _wechat(tmp_path, rows, encoding="gbk")
    code, out, err = _run([str(path)], capsys)
    assert code == 0 and json.loads(out)["category"] == "gift"
    assert "按 gb18030 编码读取 / read as gb18030" in err
    assert "scanned 1 messages" in err
    forced = _run([str(path), "--encoding", "gbk"], capsys)
    assert forced[0] == 0 and "read as gbk" in forced[2]
    with pytest.raises(SystemExit) as refused:
        _run([str(path), "--encoding", "klingon"], capsys)
    assert refused.value.code == 2 and "未知编码 / unknown encoding: klingon" in (
        capsys.readouterr().err)


def test_scan_when_ts_is_not_a_date_then_message_still_scanned_line_reported_exit_two(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _jsonl({"id": "1", "text": "电话13812345678", "ts": "not a date"},
                                   {"id": "2", "text": "你好"}))
    code, out, err = _run([str(path)], capsys)
    assert code == 2
    assert [json.loads(line)["message_id"] for line in out.splitlines()] == ["1"]
    assert f"{path}:1: 字段 ts 不是 ISO-8601 时间，已按时间未知扫描" in err
    assert "scanned 2 messages, 1 findings, 1 malformed records" in " ".join(err.split())


def test_scan_when_summary_printed_then_values_chinese_first_with_english(
    tmp_path: Path, engine: FakeEngine, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = _run([str(_write(tmp_path, SAMPLE)), "--config", str(config)], capsys)
    assert re.search(r"个人信息泄露 personal_data\s*│\s*3", err)
    assert re.search(r"家属 family\s*│\s*1\s*│\s*2", err)
    assert re.search(r"医生 doctor\s*│\s*1\s*│\s*0", err)
    assert list(json.loads(out.splitlines()[0])) == [
        "message_id", "rule_id", "category", "severity", "spans"]
    assert json.loads(out.splitlines()[1])["category"] == "personal_data"  # JSONL unchanged
    _, table, _ = _run([str(_write(tmp_path, SAMPLE)), "--format", "table"], capsys)
    assert "严重 critical" in table and "红包礼品 gift" in table


def test_scan_when_nothing_found_then_one_line_instead_of_empty_tables(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run([str(_write(tmp_path, _jsonl({"id": "1", "text": "复诊时间？"})))],
                          capsys)
    assert code == 0 and out == ""
    assert "未发现问题 / no findings" in err and "By category" not in err


def test_scan_when_real_engine_reads_wechat_transfer_then_one_gift_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transfer = ('"<msg><appmsg><title>微信转账</title><des>收到转账￥200.00</des>'
                '</appmsg></msg>"')
    rows = (f"4,217,49,2000,0,1714528801,2,{transfer},,家属,,wxid_f\r\n"
            '5,217,10000,0,0,1714528802,2,"<![CDATA[收到转账]]>",,,,\r\n')
    code, out, _ = _run([str(_wechat(tmp_path, rows))], capsys)
    findings = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(f["message_id"], f["category"]) for f in findings] == [("4", "gift")]
    _, table, _ = _run([str(_wechat(tmp_path, rows)), "--format", "table"], capsys)
    assert "[transfer]" in table


def test_scan_when_text_or_chat_has_brackets_then_table_shows_them_verbatim(
    tmp_path: Path, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _jsonl({"id": "1", "text": "[图片][bold]红包", "chat_id": "[g]"}))
    _, out, _ = _run([str(path), "--format", "table"], capsys)
    assert "[图片][bold]红包" in out and "[g]" in out


def test_scan_when_real_engine_reads_huge_message_then_output_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "给医生发个红包" + "红包" * 40_000
    path = _write(tmp_path, _jsonl({"id": "1", "text": text, "sender_role": "family"}))
    code, out, _ = _run([str(path)], capsys)
    assert code == 0 and 0 < len(out) < 2_000
