"""Sealed evidence bundles: write one from the archive, verify one offline with no database.

A bundle is a zip holding the transcript (JSON and a printable Chinese HTML page), findings,
actions with decisions and events, the chain segment from the first included record to a
signed checkpoint, the checkpoint, and a manifest of SHA-256 digests signed with the same
Ed25519 key. Every record carries exactly the fields its chain digest covers, so a verifier
recomputes each digest, links the segment up to the signed head and checks each original text
against its commitment: all with this module, `storage.canonical` and `storage.crypto`.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.canonical import (
    GENESIS,
    HASHED_FIELDS,
    checkpoint_statement,
    commitment,
    format_ts,
    link_hash,
    normalize,
    record_digest,
)
from storage.crypto import fingerprint, verify_signature
from storage.errors import BundleError

FORMAT = "wardwatch-bundle/1"
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
DATA_FILES = ("transcript.json", "findings.json", "actions.json", "chain.json",
              "checkpoint.json", "transcript.html", "README.txt")


@dataclass
class Written:
    """What `write_bundle` produced."""

    sha256: str
    messages: int


@dataclass
class BundleReport:
    """Outcome of `verify_bundle`: ok, or every problem found."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    case_title: str = ""
    case_reference: str = ""  # 证据-2026-0001; empty in a bundle sealed before references
    fingerprint: str = ""
    head_seq: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    # True only when an expected public key was given and the bundle is signed with it: without
    # one, `ok` proves internal consistency only (anyone can re-sign with a key of their own).
    key_checked: bool = False


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()


def write_bundle(session: Any, case: Any, cp: Any, path: Path, *, sealed_by: str,
                 sealed_at: datetime, timezone: str) -> Written:
    """Gather the case's records from the archive and write the signed bundle zip."""
    from storage.bundle_data import collect
    from storage.transcript import render_html

    data = collect(session, case, cp)
    case_info = {"id": case.id, "reference": case.reference, "kind": case.kind,
                 "title": case.title, "opened_by": case.opened_by,
                 "opened_at": format_ts(case.opened_at), "reason": case.reason,
                 "sealed_by": sealed_by, "sealed_at": format_ts(sealed_at)}
    signer = session.info["signer"]
    files = {
        "transcript.json": _dumps({"case": case_info, "messages": data.messages}),
        "findings.json": _dumps(data.findings),
        "actions.json": _dumps({"actions": data.actions, "acknowledgements": data.acks,
                                "events": data.events}),
        "chain.json": _dumps(data.chain),
        "checkpoint.json": _dumps({"seal": data.checkpoint, "checkpoints": data.checkpoints}),
        "transcript.html": render_html(case_info, data, timezone).encode(),
        "README.txt": _readme(signer.public_key_hex()).encode(),
    }
    manifest = _dumps({
        "format": FORMAT, "case": case_info, "store_id": session.info["store_id"],
        "public_key": signer.public_key_hex(), "fingerprint": fingerprint(signer.public_key_hex()),
        "files": {name: hashlib.sha256(body).hexdigest() for name, body in files.items()},
        "counts": {"messages": len(data.messages), "findings": len(data.findings),
                   "actions": len(data.actions), "acknowledgements": len(data.acks),
                   "events": len(data.events),
                   "chain_entries": sum(len(s["entries"]) for s in data.chain["segments"])},
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with _private_file(partial) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in [(MANIFEST, manifest), (SIGNATURE, signer.sign(manifest).encode()),
                           *files.items()]:
            zf.writestr(zipfile.ZipInfo(name, date_time=sealed_at.timetuple()[:6]), body,
                        compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(path)  # a crash mid-write never leaves a half bundle under the real name
    return Written(sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                   messages=len(data.messages))


def _private_file(path: Path) -> Any:
    """`path` opened for writing, readable by its owner only (0600 whatever the umask).

    A bundle holds original texts and names, so it gets the key files' permissions.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older `.partial` left by a crash keeps its mode otherwise
    return os.fdopen(fd, "wb")


def expected_key(value: str) -> str:
    """A `--public-key` value as 64 lower-case hex digits; BundleError when malformed."""
    key = value.strip().lower()
    try:
        fingerprint(key)
        valid = len(key) == 64
    except ValueError:
        valid = False
    if not valid:
        raise BundleError(
            f"公钥格式无效（需 64 位十六进制 Ed25519 公钥）/ invalid public key {value!r}: "
            "expected 64 hex digits (a 32-byte Ed25519 key)")
    return key


def _readme(public_key: str) -> str:
    return (
        "WardWatch 证据包 / evidence bundle\n\n"
        "校验 / verify (offline, no database):\n"
        "    wardwatch archive verify-bundle THIS.zip --public-key " + public_key + "\n"
        "请从医院公布的渠道（而非本文件）核对公钥指纹 / take the key from the hospital's "
        "published record, not from this file: 指纹 / fingerprint " + fingerprint(public_key)
        + "\n\n"
        "manifest.json 列出每个文件的 SHA-256，并由 manifest.sig（Ed25519）签名；\n"
        "chain.json 是从所含记录到已签名检查点（checkpoint.json）的哈希链片段；\n"
        "transcript.html 可直接打印。\n"
        "manifest.json lists each file's SHA-256 and is signed (manifest.sig, Ed25519);\n"
        "chain.json holds hash-chain segments, each ending at a signed checkpoint;\n"
        "transcript.html is the printable transcript.\n"
    )


def record_fields(kind: str, row: Any) -> dict[str, Any]:
    """The hashed fields of an archive row, normalised as they are bundled."""
    return {name: normalize(getattr(row, name)) for name in HASHED_FIELDS[kind]}


def verify_bundle(path: Path, *, public_key: str | None = None) -> BundleReport:
    """Check a bundle offline: file digests, signatures, chain segment, records, originals.

    Without `public_key` the signatures are checked against the key the bundle carries, which
    proves consistency only; `key_checked` tells whether the signer was confirmed.
    BundleError for an unreadable zip or a malformed `public_key`.
    """
    expected = expected_key(public_key) if public_key is not None else None
    report = BundleReport(ok=True)
    try:
        with zipfile.ZipFile(path) as zf:
            blobs = {name: zf.read(name) for name in zf.namelist()}
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError,
            NotImplementedError) as exc:  # damaged deflate data, encrypted or unknown method
        # zipfile names the damaged member ("Bad CRC-32 for file 'transcript.json'")
        raise BundleError(f"{path}: 不是有效的证据包 / not a readable bundle zip ({exc})") from exc
    if MANIFEST not in blobs:
        raise BundleError(f"{path}: 缺少 manifest.json / no manifest.json")
    manifest = _json(blobs[MANIFEST])
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        report.problems.append("manifest.json: 无法读取，已损坏 / unreadable, damaged")
        report.ok = False
        return report
    case = manifest.get("case")
    if isinstance(case, dict):
        report.case_title = str(case.get("title", ""))
        report.case_reference = str(case.get("reference", ""))
    counts = manifest.get("counts")
    report.counts = counts if isinstance(counts, dict) else {}
    key = str(manifest.get("public_key", ""))
    try:
        report.fingerprint = fingerprint(key) if key else ""
    except ValueError:
        report.fingerprint = "?"
    problems = report.problems
    _check_files(blobs, manifest, problems)
    if expected is not None and expected != key.lower():
        problems.append(f"签名公钥（指纹 {report.fingerprint}）与预期公钥（指纹 "
                        f"{fingerprint(expected)}）不符 / signed with a different key than "
                        "expected")
    signature = blobs.get(SIGNATURE, b"").decode("ascii", errors="replace")
    if not verify_signature(str(key), signature, blobs[MANIFEST]):
        problems.append("manifest 签名无效 / manifest signature is invalid")
    if not problems:
        try:
            _check_contents(blobs, manifest, key, report)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            # Only reachable with a validly signed but malformed bundle: say so, never crash.
            problems.append(f"内容格式错误 / malformed content ({type(exc).__name__})")
    report.ok = not problems
    report.key_checked = report.ok and expected is not None
    return report


def _json(blob: bytes) -> Any:
    """Parsed JSON, or None for bytes that are not UTF-8 JSON."""
    try:
        return json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _check_files(blobs: dict[str, bytes], manifest: dict[str, Any], problems: list[str]) -> None:
    listed: dict[str, str] = manifest.get("files", {})
    for name in DATA_FILES:
        if name not in listed:
            problems.append(f"{name}: 未列入 manifest / not listed in the manifest")
    for name, digest in listed.items():
        if name not in blobs:
            problems.append(f"{name}: 文件缺失 / file missing")
        elif hashlib.sha256(blobs[name]).hexdigest() != digest:
            problems.append(f"{name}: 摘要不符，文件被改动 / digest mismatch, file was altered")
    for name in blobs:
        if name not in listed and name not in (MANIFEST, SIGNATURE):
            problems.append(f"{name}: 未列入 manifest 的多余文件 / file not in the manifest")


def _check_contents(blobs: dict[str, bytes], manifest: dict[str, Any], key: str,
                    report: BundleReport) -> None:
    problems = report.problems
    signed = json.loads(blobs["checkpoint.json"])
    heads: dict[int, str] = {}
    for cp in signed["checkpoints"]:
        statement = checkpoint_statement(cp["store_id"], cp["seq"], bytes.fromhex(cp["hash"]),
                                         cp["signed_at"])
        if cp["public_key"] != key or not verify_signature(key, cp["signature"], statement):
            problems.append(f"检查点 #{cp['seq']} 签名无效 / checkpoint signature is invalid")
        heads[int(cp["seq"])] = cp["hash"]
    report.head_seq = int(signed["seal"]["seq"])
    if heads.get(report.head_seq) != signed["seal"]["hash"]:
        problems.append("封存检查点不在签名检查点中 / seal checkpoint missing from the list")
    digests: dict[int, tuple[str, str]] = {}
    for segment in json.loads(blobs["chain.json"])["segments"]:
        digests.update(_check_segment(segment, heads, problems))
    transcript = json.loads(blobs["transcript.json"])
    actions = json.loads(blobs["actions.json"])
    groups: list[tuple[str, Sequence[dict[str, Any]]]] = [
        ("message", transcript["messages"]), ("finding", json.loads(blobs["findings.json"])),
        ("action", actions["actions"]), ("ack", actions["acknowledgements"]),
        ("event", actions["events"]),
    ]
    for kind, items in groups:
        for item in items:
            _check_record(kind, item, digests, problems)
    for item in transcript["messages"]:
        original = item.get("original")
        if original and commitment(bytes.fromhex(original["salt"]), original["text"],
                                   original["sender_name"]) != item["record"]["commitment"]:
            problems.append(f"#{item['seq']}: 原文与承诺值不符 / original text was altered")


def _check_segment(segment: dict[str, Any], heads: dict[int, str],
                   problems: list[str]) -> dict[int, tuple[str, str]]:
    """Recompute one segment; it must end exactly at its signed checkpoint's hash."""
    prev = bytes.fromhex(segment["prev_hash"])
    expected = int(segment["first_seq"])
    if expected == 1 and prev != GENESIS:
        problems.append("链片段起点无效 / chain segment does not start at genesis")
    digests: dict[int, tuple[str, str]] = {}
    for seq, kind, digest in segment["entries"]:
        if seq != expected:
            problems.append(f"链片段在 #{expected} 处不连续 / chain segment has a gap at "
                            f"#{expected}")
            return {}
        prev = link_hash(prev, bytes.fromhex(digest))
        digests[seq] = (kind, digest)
        expected += 1
    anchor = int(segment["checkpoint_seq"])
    if expected - 1 != anchor or heads.get(anchor) != prev.hex():
        problems.append(f"链片段与检查点 #{anchor} 不符 / chain segment does not lead to the "
                        "signed checkpoint")
        return {}
    return digests


def _check_record(kind: str, item: dict[str, Any], digests: dict[int, tuple[str, str]],
                  problems: list[str]) -> None:
    seq = item["seq"]
    entry = digests.get(seq)
    if entry is None or entry[0] != kind:
        problems.append(f"#{seq}: 不在链片段中 / {kind} record is not in the chain segment")
    elif record_digest(kind, item["record"]).hex() != entry[1]:
        problems.append(f"#{seq}: {kind} 记录被改动 / {kind} record was altered")
