"""Cases and sealed bundles: hold, seal, verify offline, detect every altered part."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from storagekit import BASE_TS, make_alert, make_finding, make_message

from rules.model import Role
from storage import acks, archive, cases, outbox
from storage.bundle import verify_bundle
from storage.chain import verify_chain
from storage.db import Store
from storage.errors import BundleError, CaseError
from storage.models import Case


def _case_with_messages(store: Store) -> int:
    with store.begin() as s:
        msgs = [
            make_message(1, "王医生您好，我是3床的家属", sender_role=Role.FAMILY),
            make_message(2, "您好，请讲", sender_id="d1", sender_name="王医生",
                         sender_role=Role.DOCTOR),
            make_message(3, "身份证号110101199003071234，麻烦帮忙加个号",
                         sender_role=Role.FAMILY),
            make_message(4, "红包已发，辛苦了🧧", sender_role=Role.FAMILY),
            make_message(9, "别的群", chat_id="c2"),
        ]
        for m in msgs:
            archive.append_message(s, m, masked_text=m.text.replace("110101199003071234",
                                                                     "[身份证号]"))
        archive.append_message(s, make_message(4, "红包已发", version=1,
                                               sender_role=Role.FAMILY), masked_text="红包已发")
        archive.record_findings(s, 3, [make_finding(msgs[2], "pii-cn-id")],
                                [make_alert(msgs[2], "pii-cn-id")])
        _, [alert] = archive.record_findings(s, 4, [make_finding(msgs[3], "gift-red-packet")],
                                             [make_alert(msgs[3], "gift-red-packet")])
        outbox.mark_sent(s, alert, "777")
        acks.record(s, alert, "9001", "escalate")
        case = cases.open_case(s, title="3床家属投诉", opened_by="officer", reason="投诉 2026-17")
        added = cases.add_range(s, case.id, chat_id="c1", since=BASE_TS,
                                until=BASE_TS + timedelta(hours=1), actor="officer")
        assert added == 5  # four messages and the edit
        return case.id


def _seal(store: Store, tmp_path: Path) -> Path:
    case_id = _case_with_messages(store)
    with store.begin() as s:
        return cases.seal(s, case_id, actor="officer", reason="移交医务处", out_dir=tmp_path).path


def test_seal_when_case_sealed_then_bundle_verifies_offline(store: Store, tmp_path: Path) -> None:
    path = _seal(store, tmp_path)
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert report.case_title == "3床家属投诉" and report.counts["messages"] == 5
    with zipfile.ZipFile(path) as zf:
        transcript = json.loads(zf.read("transcript.json"))
        html = zf.read("transcript.html").decode()
    texts = [m["original"]["text"] for m in transcript["messages"]]
    assert "身份证号110101199003071234，麻烦帮忙加个号" in texts  # originals, for the court
    assert "别的群" not in texts
    # the original is 第 1 版, so the first edit reads 第 2 版
    assert "王医生" in html and "医生" in html and "已上报" in html and "编辑后第 2 版" in html
    with store.begin() as s:
        assert verify_chain(s).ok


def test_seal_when_bundle_written_then_manifest_and_transcript_name_the_reference(
    store: Store, tmp_path: Path
) -> None:
    path = _seal(store, tmp_path)
    with store.begin() as s:
        [summary] = cases.list_cases(s)
    assert summary.reference.startswith("证据-")
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        page = zf.read("transcript.html").decode()
    assert manifest["case"]["reference"] == summary.reference
    assert manifest["case"]["kind"] == "evidence" and manifest["case"]["id"] == summary.id
    assert f"案件 Case {summary.reference}" in page
    assert f"<td>{summary.reference} · 3床家属投诉</td>" in page
    assert verify_bundle(path).case_reference == summary.reference


def test_seal_when_sealed_then_case_frozen_and_listed(store: Store, tmp_path: Path) -> None:
    _seal(store, tmp_path)
    with store.begin() as s:
        [summary] = cases.list_cases(s)
        assert summary.messages == 5 and summary.sealed_at and summary.bundle_sha256
        with pytest.raises(CaseError) as refused:
            cases.add_messages(s, summary.id, [1], actor="officer")
    ref = summary.reference
    assert str(refused.value) == f"案件 {ref} 已封存，不能再添加 / case {ref} is sealed"


def test_seal_when_bundle_written_then_file_named_after_reference(store: Store,
                                                                  tmp_path: Path) -> None:
    path = _seal(store, tmp_path)
    with store.begin() as s:
        [summary] = cases.list_cases(s)
        stored_name = s.get(Case, summary.id).bundle_name  # type: ignore[union-attr]
    assert re.fullmatch(r"证据-\d{4}-0001-\d{8}T\d{6}Z\.zip", path.name), path.name
    assert path.name.startswith(f"{summary.reference}-") and stored_name == path.name
    assert list(tmp_path.glob("证据-*")) == [path]  # the .partial became the bundle


def _rewrite(path: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as zf:
        blobs = {n: zf.read(n) for n in zf.namelist()}
    blobs[name] = change(blobs[name])
    with zipfile.ZipFile(path, "w") as zf:
        for n, b in blobs.items():
            zf.writestr(n, b)


def _swap_text(blob: bytes) -> bytes:
    return blob.replace("红包已发".encode(), "感谢已发".encode())


@pytest.mark.parametrize("name", ["transcript.json", "transcript.html", "chain.json"])
def test_verify_bundle_when_file_altered_then_named(store: Store, tmp_path: Path,
                                                    name: str) -> None:
    path = _seal(store, tmp_path)
    _rewrite(path, name, lambda b: _swap_text(b) if name != "chain.json" else b[:-3] + b"]}\n")
    report = verify_bundle(path)
    assert not report.ok and any(name in p for p in report.problems)


def test_verify_bundle_when_altered_and_manifest_recomputed_then_record_named(
    store: Store, tmp_path: Path
) -> None:
    import hashlib

    path = _seal(store, tmp_path)
    _rewrite(path, "transcript.json", _swap_text)
    with zipfile.ZipFile(path) as zf:
        new_digest = hashlib.sha256(zf.read("transcript.json")).hexdigest()

    def fix(blob: bytes) -> bytes:
        manifest = json.loads(blob)
        manifest["files"]["transcript.json"] = new_digest
        return json.dumps(manifest).encode()

    _rewrite(path, "manifest.json", fix)
    report = verify_bundle(path)
    assert not report.ok and any("manifest" in p for p in report.problems)


def test_verify_bundle_when_expected_key_differs_then_fails(store: Store, tmp_path: Path) -> None:
    path = _seal(store, tmp_path)
    assert not verify_bundle(path, public_key="00" * 32).ok
    assert verify_bundle(path, public_key=store.signer.public_key_hex()).ok


def test_verify_bundle_when_not_a_zip_then_bundle_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.zip"
    bad.write_text("not a zip")
    with pytest.raises(BundleError):
        verify_bundle(bad)


def test_seal_when_case_empty_then_case_error(store: Store, tmp_path: Path) -> None:
    with store.begin() as s:
        case = cases.open_case(s, title="空", opened_by="o", reason="r")
        with pytest.raises(CaseError) as refused:
            cases.seal(s, case.id, actor="o", reason="r", out_dir=tmp_path)
    ref = case.reference
    assert str(refused.value) == f"案件 {ref} 没有记录，无法封存 / case {ref} holds no records"


def test_seal_when_checkpoints_exist_then_segments_end_at_them(store: Store,
                                                                tmp_path: Path) -> None:
    from storage import checkpoints

    with store.begin() as s:
        for n in range(1, 11):
            archive.append_message(s, make_message(n), masked_text=f"m{n}")
            if n == 5:
                checkpoints.create(s)
        case = cases.open_case(s, title="两段", opened_by="o", reason="r")
        cases.add_messages(s, case.id, [2, 9], actor="o")
    with store.begin() as s:
        path = cases.seal(s, case.id, actor="o", reason="r", out_dir=tmp_path).path
    with zipfile.ZipFile(path) as zf:
        segments = json.loads(zf.read("chain.json"))["segments"]
    assert [(g["first_seq"], g["checkpoint_seq"]) for g in segments] == [(2, 5), (9, 14)]
    report = verify_bundle(path)
    assert report.ok, report.problems
