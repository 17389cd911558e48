"""Cases (disputes, privacy complaints): select records, hold them, seal an evidence bundle.

Records are under legal hold from the moment they are added to a case; sealing freezes the
selection and writes the bundle (医疗纠纷预防和处理条例 Art. 24; domain.md §D4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import audit, chain, checkpoints
from storage.archive import append_event, cipher_of
from storage.bundle import write_bundle
from storage.errors import CaseError, NotFoundError
from storage.models import Case, CaseItem, MessageRecord

REFERENCE_PREFIX = {"evidence": "证据", "complaint": "投诉"}
"""What a compliance office files separately: evidence preservation (证据保全) and complaints
or disputes (投诉/纠纷), each numbered from 0001 every year."""


@dataclass
class CaseSummary:
    """A line of `archive case list`."""

    id: int
    reference: str  # 证据-2026-0001 / 投诉-2026-0001: what people cite
    kind: str  # evidence | complaint
    title: str
    opened_by: str
    opened_at: datetime
    messages: int
    sealed_at: datetime | None
    bundle_sha256: str | None


@dataclass
class SealResult:
    """Where the bundle went and what it holds."""

    path: Path
    sha256: str
    messages: int
    checkpoint_seq: int


def open_case(session: Session, *, title: str, opened_by: str, reason: str,
              kind: str = "evidence", timezone: str = "Asia/Shanghai") -> Case:
    """Open a case with the next reference of its kind and year; chained and audited."""
    if kind not in REFERENCE_PREFIX:
        raise CaseError(f"未知案件类型 {kind!r} / unknown case kind, "
                        f"one of {sorted(REFERENCE_PREFIX)}")
    opened_at = chain.utcnow()
    year = opened_at.astimezone(ZoneInfo(timezone)).year
    case = _insert_numbered(session, Case(kind=kind, title=title, opened_by=opened_by,
                                          reason=reason, opened_at=opened_at), year)
    append_event(session, "case_opened", None,
                 {"case_id": case.id, "reference": case.reference, "kind": kind, "title": title})
    audit.record(session, opened_by, "case_open", f"case {case.id}", reason)
    return case


def next_reference(session: Session, kind: str, year: int) -> str:
    """The next free reference of a kind in a (local) year, e.g. `投诉-2026-0003`."""
    prefix = f"{REFERENCE_PREFIX[kind]}-{year}-"
    taken = session.scalars(select(Case.reference).where(Case.reference.startswith(prefix)))
    last = max((int(ref[len(prefix):]) for ref in taken if ref[len(prefix):].isdigit()),
               default=0)
    return f"{prefix}{last + 1:04d}"


def _insert_numbered(session: Session, case: Case, year: int, tries: int = 5) -> Case:
    """Insert under the next reference. On PostgreSQL a concurrent opening may take the same
    number first: the unique index refuses this one, and it takes the number after."""
    attempt = 0
    while True:
        case.reference = next_reference(session, case.kind, year)
        try:
            with session.begin_nested():  # a refused insert rolls back to here only
                session.add(case)
            return case
        except IntegrityError:
            attempt += 1
            if attempt >= tries:
                raise


def find_case(session: Session, key: str | int) -> Case:
    """A case by reference (`证据-2026-0001`) or by internal id, or NotFoundError."""
    if isinstance(key, int) or str(key).isdigit():
        return get_case(session, int(key))
    case = session.scalars(select(Case).where(Case.reference == str(key).strip())).first()
    if case is None:
        raise NotFoundError(f"案件 {key} 不存在 / no case {key}")
    return case


def get_case(session: Session, case_id: int) -> Case:
    """A case by id, or NotFoundError."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"案件 {case_id} 不存在 / no case {case_id}")
    return case


def add_messages(session: Session, case_id: int, seqs: Iterable[int], *, actor: str) -> int:
    """Add message versions (and every other version of the same messages); return how many."""
    case = _open(session, case_id)
    wanted = list(session.scalars(select(MessageRecord).where(MessageRecord.seq.in_(list(seqs)))))
    keys = {(r.source, r.chat_id, r.message_id) for r in wanted}
    all_versions: set[int] = set()
    for source, chat_id, message_id in keys:
        all_versions.update(session.scalars(select(MessageRecord.seq).where(
            MessageRecord.source == source, MessageRecord.chat_id == chat_id,
            MessageRecord.message_id == message_id)))
    return _add(session, case, sorted(all_versions), actor)


def add_range(session: Session, case_id: int, *, chat_id: str, since: datetime | None,
              until: datetime | None, actor: str) -> int:
    """Add every message of a chat in [since, until): a complete, uninterrupted selection."""
    case = _open(session, case_id)
    stmt = select(MessageRecord.seq).where(MessageRecord.chat_id == chat_id)
    if since is not None:
        stmt = stmt.where(MessageRecord.ts >= chain.as_utc(since))
    if until is not None:
        stmt = stmt.where(MessageRecord.ts < chain.as_utc(until))
    return _add(session, case, list(session.scalars(stmt)), actor)


def _open(session: Session, case_id: int) -> Case:
    case = get_case(session, case_id)
    if case.sealed_at is not None:
        ref = case.reference
        raise CaseError(f"案件 {ref} 已封存，不能再添加 / case {ref} is sealed")
    return case


def bundle_name(case: Case, sealed_at: datetime) -> str:
    """The bundle's file name, `证据-2026-0001-20261125T083000Z.zip`: the reference people cite.

    A reference is only CJK, digits and `-`, so it is one safe path component as it is; the
    Chinese stays (Telegram takes UTF-8 document names, NTFS and zip tools Unicode file names,
    and the bundle's members are ASCII), so the file reads as the case the letter cites.
    """
    return f"{case.reference}-{sealed_at:%Y%m%dT%H%M%SZ}.zip"


def _add(session: Session, case: Case, seqs: list[int], actor: str) -> int:
    present = set(session.scalars(select(CaseItem.message_seq).where(
        CaseItem.case_id == case.id)))
    new = [s for s in seqs if s not in present]
    session.add_all(CaseItem(case_id=case.id, message_seq=s) for s in new)
    if new:
        append_event(session, "case_added", None,
                     {"case_id": case.id, "count": len(new), "first": new[0], "last": new[-1]})
        audit.record(session, actor, "case_add", f"case {case.id}", "",
                     {"count": len(new)})
    return len(new)


def list_cases(session: Session) -> list[CaseSummary]:
    """Every case with its message count, newest first."""
    counts = dict(session.execute(
        select(CaseItem.case_id, func.count()).group_by(CaseItem.case_id)).all())
    return [
        CaseSummary(id=c.id, reference=c.reference, kind=c.kind, title=c.title,
                    opened_by=c.opened_by,
                    opened_at=chain.as_utc(c.opened_at) or c.opened_at,
                    messages=int(counts.get(c.id, 0)), sealed_at=chain.as_utc(c.sealed_at),
                    bundle_sha256=c.bundle_sha256)
        for c in session.scalars(select(Case).order_by(Case.id.desc()))
    ]


def seal(session: Session, case_id: int, *, actor: str, reason: str, out_dir: Path,
         timezone: str = "Asia/Shanghai") -> SealResult:
    """Freeze the case: checkpoint the head, write the bundle, record its digest (legal hold)."""
    case = _open(session, case_id)
    cipher_of(session)  # the transcript carries originals: fail early without the key
    if not session.scalar(select(func.count()).where(CaseItem.case_id == case_id)):
        ref = case.reference
        raise CaseError(f"案件 {ref} 没有记录，无法封存 / case {ref} holds no records")
    cp = checkpoints.create(session)
    sealed_at = chain.utcnow()
    path = Path(out_dir) / bundle_name(case, sealed_at)
    written = write_bundle(session, case, cp, path, sealed_by=actor, sealed_at=sealed_at,
                           timezone=timezone)
    case.sealed_at, case.sealed_by = sealed_at, actor
    case.bundle_sha256, case.bundle_name = written.sha256, path.name
    append_event(session, "case_sealed", None, {"case_id": case_id, "bundle": written.sha256,
                                                "checkpoint_seq": cp.seq}, sealed_at)
    audit.record(session, actor, "export", f"case {case_id}", reason,
                 {"bundle_sha256": written.sha256, "messages": written.messages})
    return SealResult(path=path, sha256=written.sha256, messages=written.messages,
                      checkpoint_seq=cp.seq)


def held_message_seqs(session: Session) -> set[int]:
    """Every message version under legal hold (in any case, open or sealed)."""
    return set(session.scalars(select(CaseItem.message_seq).distinct()))
