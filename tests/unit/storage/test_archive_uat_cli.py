"""What a hospital IT / compliance reviewer runs: honest bundle verdicts, no silent archives,
chats told apart by platform, owner-only bundles, readable show/search/purge output."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bot.cli import main
from storage.canonical import checkpoint_statement
from storage.crypto import fingerprint, public_hex

TITLE = "心内科随访群"
JSONL = [  # a Telegram-style export ("g1") …
    {"id": "1", "text": "王医生您好，我是3床家属", "chat_id": "g1", "chat_title": TITLE,
     "sender_id": "300", "sender_role": "family", "ts": "2026-03-01T09:00:00+08:00"},
    {"id": "2", "text": "我的电话13812345678，麻烦回电", "chat_id": "g1", "chat_title": TITLE,
     "sender_id": "300", "sender_role": "family", "ts": "2026-03-01T09:01:00+08:00"},
    {"id": "3", "text": "医生辛苦了，给您发个红包", "chat_id": "g1", "chat_title": TITLE,
     "sender_id": "300", "sender_role": "family", "ts": "2026-03-01T09:02:00+08:00"},
]
# … and a WeChat chatroom with the very same title
WECHAT = ("\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,"
          "Remark,NickName,Sender\r\n"
          "7,217,1,0,0,1772326980,2,王医生，红包收一下吧,2026-03-01 09:03:00,李阿姨,小李,"
          "wxid_abc\r\n")


@pytest.fixture
def ws(tmp_path: Path, db_url: str) -> Path:
    """A config, both exports imported into one archive."""
    (tmp_path / "export.jsonl").write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in JSONL) + "\n", encoding="utf-8")
    (tmp_path / f"{TITLE}_utf8.csv").write_text(WECHAT, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(f"database:\n  url: \"{db_url}\"\n", encoding="utf-8")
    assert main(["db", "upgrade", "--url", db_url]) == 0
    assert _archive(tmp_path, "import", str(tmp_path / "export.jsonl")) == 0
    assert _archive(tmp_path, "import", str(tmp_path / f"{TITLE}_utf8.csv"),
                    "--input-format", "wechat") == 0
    return tmp_path


def _archive(ws: Path, *args: str) -> int:
    return main(["archive", *args, "--config", str(ws / "config.yaml")])


def _sealed(ws: Path, capsys: pytest.CaptureFixture[str], *, option: str = "--out") -> tuple[
        Path, str]:
    """Seal a case holding both chats; (bundle path, public key printed at sealing)."""
    assert _archive(ws, "case", "open", "--title", "随访群投诉", "--reason", "投诉 17") == 0
    assert _archive(ws, "case", "add", "1", "--chat", "g1") == 0
    assert _archive(ws, "case", "add", "1", "--chat", "217") == 0
    capsys.readouterr()
    assert _archive(ws, "case", "seal", "1", "--reason", "移交", option, str(ws / "out")) == 0
    out = capsys.readouterr().out
    [bundle] = (ws / "out").glob("*.zip")
    key = re.search(r"公钥 / public key ([0-9a-f]{64})", out)
    assert key is not None, out
    assert f"公钥指纹 / key fingerprint: {fingerprint(key.group(1))}" in out
    assert str(bundle.resolve()) in out
    return bundle, key.group(1)


def _forge(bundle: Path, forged: Path) -> str:
    """Alter transcript.html, recompute the digests, re-sign with a new key; its public key."""
    with zipfile.ZipFile(bundle) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["transcript.html"] = files["transcript.html"].replace("红包".encode(), "水果".encode())
    manifest = json.loads(files["manifest.json"])
    key = Ed25519PrivateKey.generate()
    manifest["public_key"] = public_hex(key.public_key())
    manifest["files"]["transcript.html"] = hashlib.sha256(files["transcript.html"]).hexdigest()
    checkpoints = json.loads(files["checkpoint.json"])
    for cp in checkpoints["checkpoints"]:  # a careful forger re-signs these too
        cp["public_key"] = manifest["public_key"]
        cp["signature"] = key.sign(checkpoint_statement(
            cp["store_id"], cp["seq"], bytes.fromhex(cp["hash"]), cp["signed_at"])).hex()
    files["checkpoint.json"] = json.dumps(checkpoints).encode()
    manifest["files"]["checkpoint.json"] = hashlib.sha256(files["checkpoint.json"]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    files["manifest.sig"] = key.sign(files["manifest.json"]).hex().encode()
    with zipfile.ZipFile(forged, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    return str(manifest["public_key"])


def test_verify_bundle_when_forged_and_resigned_then_never_reported_verified(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, key = _sealed(ws, capsys)
    forged = ws / "forged.zip"
    forger = _forge(bundle, forged)
    assert main(["archive", "verify-bundle", str(forged)]) == 3  # consistent, signer unchecked
    out = capsys.readouterr().out
    assert "bundle verified" not in out and "证据包完好" not in out
    assert "仅核对了内部一致性" in out and fingerprint(forger) in out
    assert main(["archive", "verify-bundle", str(forged), "--public-key", key]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("证据包校验失败 / bundle verification FAILED: 签名公钥")
    assert main(["archive", "verify-bundle", str(bundle), "--public-key", key]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("证据包完好 / bundle verified")


def test_verify_bundle_when_key_malformed_or_bundle_altered_then_clear_verdict(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, key = _sealed(ws, capsys)
    assert main(["archive", "verify-bundle", str(bundle), "--public-key", "00"]) == 2
    err = capsys.readouterr().err
    assert "公钥格式无效" in err and "different key" not in err
    with zipfile.ZipFile(bundle) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["transcript.json"] = files["transcript.json"].replace("红包".encode(), "水果".encode())
    altered = ws / "altered.zip"
    with zipfile.ZipFile(altered, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    assert main(["archive", "verify-bundle", str(altered), "--public-key", key]) == 1
    captured = capsys.readouterr()
    assert "transcript.json" in captured.err
    last = captured.out.splitlines()[-1]
    assert last.startswith("证据包校验失败 / bundle verification FAILED: transcript.json")
    assert "检查点 / checkpoint: #0" not in captured.out


def test_read_only_commands_when_no_archive_then_stop_and_create_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARDWATCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("WARDWATCH_ARCHIVE_KEY", raising=False)
    for argv in (["archive", "search", "红包", "--reason", "r"], ["archive", "verify"],
                 ["archive", "show", "1", "--reason", "r", "--original"],
                 ["archive", "case", "list"], ["jobs", "list"]):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert "找不到存档数据库" in err and "pass --config" in err, (argv, err)
        assert sorted(os.listdir(tmp_path)) == [], argv


def test_search_and_transcript_when_same_title_on_two_platforms_then_told_apart(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    capsys.readouterr()
    assert _archive(ws, "search", "红包", "--reason", "投诉 17") == 0
    out = capsys.readouterr().out
    assert f"{TITLE}（JSONL 导入 / import · g1）" in out
    assert f"{TITLE}（微信 / WeChat · 217）" in out
    bundle, _ = _sealed(ws, capsys)
    with zipfile.ZipFile(bundle) as zf:
        html = zf.read("transcript.html").decode()
    assert html.count("群 / Chat：") == 2
    assert "平台 / Platform：微信 / WeChat · ID <span class=hash>217</span>" in html


def test_seal_when_umask_open_then_bundle_owner_only_and_output_spelling_accepted(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(0)
    try:
        bundle, _ = _sealed(ws, capsys, option="--output")
    finally:
        os.umask(old)
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    assert _archive(ws, "case", "seal", "1", "--reason", "again", "--out", str(ws)) == 1
    err = capsys.readouterr().err
    assert "已封存" in err and "already sealed" in err and "不能再添加" not in err


def test_show_search_purge_when_read_then_plain_chinese_first_lines(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _archive(ws, "show", "1", "--original", "--reason", "投诉 17") == 0
    out = capsys.readouterr().out
    assert "第 1 版 / version 1" in out and "第 0 版" not in out
    assert "原文 / original（完好 / intact）: 王医生您好" in out and "(," not in out
    assert _archive(ws, "search", "不存在的词", "--reason", "投诉 17") == 0
    assert "无结果 / no results" in capsys.readouterr().out
    assert _archive(ws, "search", "13812345678", "--reason", "投诉 17") == 0
    captured = capsys.readouterr()
    assert "无结果 / no results" in captured.out
    assert "已脱敏" in captured.err and "138****5678" in captured.err
    assert _archive(ws, "purge", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("试运行") and "{" not in out and "消息 / messages: 0 条" in out


def test_read_only_commands_when_configured_database_empty_then_no_archive_and_no_key(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"database:\n  url: \"{db_url}\"\n", encoding="utf-8")
    for argv in (["archive", "verify"], ["jobs", "list"], ["report", "--period", "month"]):
        assert main([*argv, "--config", str(config)]) == 1, argv
        assert "找不到存档数据库" in capsys.readouterr().err, argv
        assert sorted(os.listdir(tmp_path)) == ["config.yaml"], argv  # no db, no key files
