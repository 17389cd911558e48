"""Fuzzed evidence bundles: `wardwatch archive verify-bundle` names what is wrong, never crashes.

Design §5 and §7: a sealed bundle is checked offline. Whatever happened to the zip (flipped
bytes in the archive itself, a member dropped, replaced or added, the transcript edited), the
command exits non-zero with problem lines and no traceback; an intact bundle exits 0.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from rules.model import Message, Role
from storage import archive, cases
from storage.bundle import DATA_FILES, MANIFEST, SIGNATURE, verify_bundle
from storage.db import open_store
from storage.errors import BundleError
from tests.fuzz.budget import budget
from tests.fuzz.mutations import mangled_bytes

CANARY = "110101199003071234"
START = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
MEMBERS = [*DATA_FILES, MANIFEST, SIGNATURE]


def _sealed_bundle(folder: Path) -> Path:
    """A case of three messages (one with an ID number) sealed into a bundle under `folder`."""
    store = open_store(f"sqlite:///{folder / 'a.db'}", archive_key=bytes(range(32)),
                       key_dir=folder, upgrade=True)
    try:
        with store.begin() as session:
            for n, text in enumerate(["医生您好", f"身份证{CANARY}", "谢谢"], start=1):
                message = Message(id=str(n), text=text, chat_id="c1", sender_id="u1",
                                  sender_role=Role.PATIENT, ts=START + timedelta(minutes=n),
                                  sender_name="张三", source="telegram")
                archive.append_message(session, message,
                                       masked_text=text.replace(CANARY, "[身份证号]"))
            case = cases.open_case(session, title="投诉", opened_by="officer", reason="测试")
            cases.add_range(session, case.id, chat_id="c1", since=START,
                            until=START + timedelta(hours=1), actor="officer")
            return cases.seal(session, case.id, actor="officer", reason="移交",
                              out_dir=folder).path
    finally:
        store.close()


@pytest.fixture(scope="module")
def bundle() -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        yield _sealed_bundle(Path(tmp)).read_bytes()


def _members(bundle: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def _public_key(bundle: bytes) -> str:
    """The signer's key as the sealing list records it (the intact manifest's `public_key`)."""
    return str(json.loads(_members(bundle)[MANIFEST])["public_key"])


def _verify_cli(data: bytes, capsys: pytest.CaptureFixture[str], key: str) -> tuple[int, str]:
    """Run `wardwatch archive verify-bundle --public-key KEY` on `data`; (exit code, output)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.zip"
        path.write_bytes(data)
        code = main(["archive", "verify-bundle", str(path), "--public-key", key])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_verify_bundle_when_intact_then_exit_0(
    bundle: bytes, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _verify_cli(bundle, capsys, _public_key(bundle))
    assert code == 0, out


@budget(60)
@given(data=st.data())
def test_verify_bundle_when_zip_bytes_are_damaged_then_exit_nonzero_without_traceback(
    bundle: bytes, capsys: pytest.CaptureFixture[str], data: st.DataObject,
) -> None:
    damaged = data.draw(mangled_bytes(bundle, max_edits=3))
    if damaged == bundle:
        return
    code, out = _verify_cli(damaged, capsys, _public_key(bundle))
    assert "Traceback" not in out
    assert CANARY not in out
    if code == 0:  # bytes outside every member and the central directory (zip comment…)
        assert verify_bundle_bytes(damaged).ok
    else:
        assert "问题 / problem" in out or "错误 / error" in out


def verify_bundle_bytes(data: bytes) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.zip"
        path.write_bytes(data)
        return verify_bundle(path)


@st.composite
def tampered_members(draw: st.DrawFn, members: dict[str, bytes]) -> tuple[str, dict[str, bytes]]:
    """(member named in the problem, members) with one file dropped, replaced, added or edited."""
    out = dict(members)
    name = draw(st.sampled_from(MEMBERS))
    op = draw(st.sampled_from(["drop", "replace", "add", "edit-transcript"]))
    if op == "drop":
        del out[name]
    elif op == "replace":
        out[name] = draw(st.binary(max_size=64) | st.just(b"{}") | st.just(b"[]"))
    elif op == "add":
        name = draw(st.sampled_from(["extra.json", "../evil", "transcript.json.bak"]))
        out[name] = b"{}"
    else:
        name = "transcript.json"
        transcript = json.loads(out[name])
        message = draw(st.sampled_from(transcript["messages"]))
        message["record"]["masked_text"] = draw(st.text(max_size=10))
        out[name] = json.dumps(transcript, ensure_ascii=False).encode()
    return name, out


@budget(60)
@given(data=st.data())
def test_verify_bundle_when_a_member_is_tampered_then_exit_nonzero_naming_it(
    bundle: bytes, capsys: pytest.CaptureFixture[str], data: st.DataObject,
) -> None:
    members = _members(bundle)
    name, tampered = data.draw(tampered_members(members))
    if tampered == members:
        return
    code, out = _verify_cli(_zip(tampered), capsys, _public_key(bundle))
    assert code != 0 and "Traceback" not in out
    assert name in out or "manifest" in out


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18,
                                  b"not a zip at all"], ids=["empty", "header", "eocd", "text"])
def test_verify_bundle_when_file_is_not_a_bundle_then_bundle_error(data: bytes) -> None:
    with pytest.raises(BundleError):
        verify_bundle_bytes(data)


def test_verify_bundle_when_one_member_is_corrupt_in_the_zip_then_error_names_it(
    bundle: bytes, capsys: pytest.CaptureFixture[str],
) -> None:
    stored = _members(bundle)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, body in stored.items():
            zf.writestr(name, body)
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("transcript.json")
    # stored, so the body follows the 30-byte local header, the name and the extra field
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 5] ^= 0x20
    code, text = _verify_cli(bytes(data), capsys, _public_key(bundle))
    assert code != 0 and "transcript.json" in text and "Traceback" not in text
