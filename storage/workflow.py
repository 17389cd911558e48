"""Case workflow state (domain.md §D2): the stage of each case and every move, chained.

A workflow row belongs to a `case` (the archive's dispute/complaint record, which holds the
selected messages and the sealed bundle). Every stage move is also chained as a `case_stage`
event, so the order and timing of handling is evidence too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage import cases
from storage.archive import append_event
from storage.chain import as_utc
from storage.errors import NotFoundError
from storage.models import Base, Case


class CaseWorkflow(Base):
    """Where a case stands: its stage, since when, and the facts recorded so far."""

    __tablename__ = "case_workflow"
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(32), index=True)
    stage_since: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseStageEvent(Base):
    """One move of a case into `stage`."""

    __tablename__ = "case_stage_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    event_seq: Mapped[int] = mapped_column(BigInteger)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case's workflow as plain data."""

    case_id: int
    reference: str  # 投诉-2026-0001
    title: str
    stage: str
    stage_since: datetime
    data: dict[str, Any]
    history: list[tuple[str, datetime, str, str]]  # stage, at, actor, note


def _move(session: Session, case_id: int, stage: str, actor: str, note: str,
          at: datetime) -> None:
    seq = append_event(session, "case_stage", None,
                       {"case_id": case_id, "stage": stage, "actor": actor}, at)
    session.add(CaseStageEvent(case_id=case_id, stage=stage, at=as_utc(at), actor=actor,
                               note=note, event_seq=seq))


def open_case(session: Session, title: str, opened_by: str, intake: dict[str, Any],
              at: datetime, case_id: int | None = None) -> int:
    """Start the workflow at intake, creating the archive case unless `case_id` is given."""
    if case_id is None:
        case_id = cases.open_case(session, title=title, opened_by=opened_by,
                                  reason=str(intake.get("matter", "")), kind="complaint").id
    else:
        cases.get_case(session, case_id)
    session.add(CaseWorkflow(case_id=case_id, stage="intake", stage_since=as_utc(at),
                             data=dict(intake), updated_at=as_utc(at)))
    _move(session, case_id, "intake", opened_by, "", at)
    session.flush()
    return case_id


def save(session: Session, case_id: int, stage: str, stage_since: datetime,
         data: dict[str, Any], at: datetime, actor: str = "", note: str = "") -> None:
    """Store the case's new facts and, when its stage changed, the move (chained)."""
    row = session.get(CaseWorkflow, case_id)
    if row is None:
        raise NotFoundError(f"案件 #{case_id} 没有处理流程 / case #{case_id} has no workflow")
    if row.stage != stage:
        _move(session, case_id, stage, actor, note, at)
    row.stage, row.stage_since, row.data = stage, as_utc(stage_since) or stage_since, dict(data)
    row.updated_at = as_utc(at) or at
    session.flush()


def load(session: Session, case_id: int) -> CaseRow:
    """One case's workflow; NotFoundError when it has none."""
    rows = _rows(session, select(CaseWorkflow).where(CaseWorkflow.case_id == case_id))
    if not rows:
        raise NotFoundError(f"案件 #{case_id} 没有处理流程 / case #{case_id} has no workflow")
    return rows[0]


def list_cases(session: Session, *, open_only: bool = False) -> list[CaseRow]:
    """Every case with a workflow (only unclosed ones with `open_only`), oldest first."""
    stmt = select(CaseWorkflow).order_by(CaseWorkflow.case_id)
    if open_only:
        stmt = stmt.where(CaseWorkflow.stage != "closed")
    return _rows(session, stmt)


def _rows(session: Session, stmt: Any) -> list[CaseRow]:
    flows = list(session.scalars(stmt))
    if not flows:
        return []
    ids = [f.case_id for f in flows]
    named = {i: (ref, title) for i, ref, title in session.execute(
        select(Case.id, Case.reference, Case.title).where(Case.id.in_(ids)))}
    moves: dict[int, list[tuple[str, datetime, str, str]]] = {i: [] for i in ids}
    for ev in session.scalars(
        select(CaseStageEvent).where(CaseStageEvent.case_id.in_(ids)).order_by(CaseStageEvent.id)
    ):
        moves[ev.case_id].append((ev.stage, as_utc(ev.at) or ev.at, ev.actor, ev.note))
    return [
        CaseRow(f.case_id, *named.get(f.case_id, ("", "")), f.stage,
                as_utc(f.stage_since) or f.stage_since, dict(f.data or {}), moves[f.case_id])
        for f in flows
    ]
