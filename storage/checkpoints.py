"""Signed checkpoints of the chain head, made on demand and on a schedule (design §5).

A checkpoint posted to a witness chat (or printed and filed) attests the head's existence at
a time outside our database: rewriting the chain afterwards no longer matches it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import chain
from storage.canonical import checkpoint_statement, format_ts
from storage.crypto import Signer, fingerprint
from storage.models import Checkpoint, Meta


def create(session: Session, at: datetime | None = None) -> Checkpoint:
    """Sign the current head with the store's Ed25519 key and keep the checkpoint."""
    signer: Signer = session.info["signer"]
    store_id: str = session.info["store_id"]
    seq, head_hash = chain.head(session)
    when = chain.as_utc(at) or chain.utcnow()
    public_key = signer.public_key_hex()
    if session.get(Meta, "signing_public_key") is None:
        session.add(Meta(key="signing_public_key", value=public_key))
    cp = Checkpoint(seq=seq, hash=head_hash, signed_at=when, public_key=public_key,
                    signature=signer.sign(checkpoint_statement(store_id, seq, head_hash, when)))
    session.add(cp)
    session.flush()
    return cp


def latest(session: Session) -> Checkpoint | None:
    """The most recent checkpoint."""
    return session.scalar(select(Checkpoint).order_by(Checkpoint.id.desc()).limit(1))


def due(session: Session, every: timedelta, now: datetime | None = None) -> bool:
    """True when the head moved and the last checkpoint is older than `every` (scheduler)."""
    last = latest(session)
    if last is None:
        return chain.head(session)[0] > 0
    now = chain.as_utc(now) or chain.utcnow()
    moved = chain.head(session)[0] > last.seq
    return moved and now - (chain.as_utc(last.signed_at) or now) >= every


def as_dict(cp: Checkpoint, store_id: str) -> dict[str, object]:
    """The checkpoint as bundled and posted: everything needed to check its signature."""
    return {"store_id": store_id, "seq": cp.seq, "hash": bytes(cp.hash).hex(),
            "signed_at": format_ts(cp.signed_at), "public_key": cp.public_key,
            "signature": cp.signature}


def text(cp: Checkpoint, store_id: str) -> str:
    """A short bilingual statement for the witness chat or a printed log."""
    return (
        "WardWatch 存档检查点 / archive checkpoint\n"
        f"存档 / store: {store_id}\n"
        f"记录数 / records: {cp.seq}\n"
        f"链头哈希 / head hash: {bytes(cp.hash).hex()}\n"
        f"签名时间 / signed at: {format_ts(cp.signed_at)}\n"
        f"公钥指纹 / key fingerprint: {fingerprint(cp.public_key)}\n"
        f"签名 / signature: {cp.signature}"
    )
