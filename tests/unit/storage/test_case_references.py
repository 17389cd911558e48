"""Case references: evidence cases and complaints are numbered apart, per local year, and an
archive from before the split is numbered on upgrade (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from storage import cases, chain, workflow
from storage.db import Store, alembic_config, make_engine, upgrade
from storage.errors import CaseError, NotFoundError
from storage.models import Case

INTAKE = {"complainant": "登记表 C-17", "received_at": "2026-11-23T09:00",
          "matter": "群内泄露他人病历", "channel": "phone"}
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """chain.utcnow() answers the last time in the list."""
    times = [T0]
    monkeypatch.setattr(chain, "utcnow", lambda: times[-1])
    yield times


def _evidence(store: Store, title: str = "纠纷证据", **options: str) -> Case:
    with store.begin() as session:
        case = cases.open_case(session, title=title, opened_by="officer", reason="保全",
                               **options)
        session.expunge(case)
    return case


def _complaint(store: Store) -> int:
    with store.begin() as session:
        return workflow.open_case(session, "隐私投诉", "desk", INTAKE, T0)


def test_open_case_when_kinds_interleave_then_each_kind_counts_from_one(
    store: Store, clock: list[datetime]
) -> None:
    first = _evidence(store)
    complaint_id = _complaint(store)
    second = _evidence(store)
    assert (first.reference, second.reference) == ("证据-2026-0001", "证据-2026-0002")
    with store.begin() as session:
        listed = {c.id: (c.reference, c.kind) for c in cases.list_cases(session)}
        row = workflow.load(session, complaint_id)
    assert listed == {first.id: ("证据-2026-0001", "evidence"),
                      complaint_id: ("投诉-2026-0001", "complaint"),
                      second.id: ("证据-2026-0002", "evidence")}
    assert (row.reference, row.title) == ("投诉-2026-0001", "隐私投诉")


def test_open_case_when_new_year_in_beijing_but_not_in_utc_then_local_year_counts(
    store: Store, clock: list[datetime]
) -> None:
    _evidence(store)
    clock.append(datetime(2026, 12, 31, 17, 30, tzinfo=UTC))  # 2027-01-01 01:30 in Beijing
    assert _evidence(store).reference == "证据-2027-0001"
    assert _evidence(store, timezone="UTC").reference == "证据-2026-0002"


def test_open_case_when_number_taken_concurrently_then_the_next_one_is_used(
    store: Store, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    _evidence(store)
    real = cases.next_reference
    answers = iter(["证据-2026-0001"])  # what a session that had not seen the first one says

    def stale_then_real(session: Session, kind: str, year: int) -> str:
        return next(answers, None) or real(session, kind, year)

    monkeypatch.setattr(cases, "next_reference", stale_then_real)
    assert _evidence(store).reference == "证据-2026-0002"


def test_open_case_when_kind_unknown_then_case_error(store: Store) -> None:
    with store.begin() as session, pytest.raises(CaseError, match="未知案件类型"):
        cases.open_case(session, title="x", opened_by="o", reason="r", kind="dispute")


def test_find_case_when_reference_or_id_given_then_the_same_case(
    store: Store, clock: list[datetime]
) -> None:
    opened = _evidence(store)
    with store.begin() as session:
        assert cases.find_case(session, "证据-2026-0001").id == opened.id
        assert cases.find_case(session, str(opened.id)).reference == "证据-2026-0001"
        with pytest.raises(NotFoundError):
            cases.find_case(session, "投诉-2026-0001")


def test_upgrade_when_archive_predates_references_then_cases_are_numbered_by_kind(
    db_url: str,
) -> None:
    from alembic import command

    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "timed_0001")
        table = sa.table("case", *(sa.column(n) for n in ("id", "title", "opened_by", "reason")),
                         sa.column("opened_at", sa.DateTime(timezone=True)))
        opened = [datetime(2025, 12, 31, 15, tzinfo=UTC),  # 2025-12-31 23:00 in Beijing
                  datetime(2025, 12, 31, 16, 30, tzinfo=UTC),  # 2026-01-01 00:30
                  datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC)]
        conn.execute(table.insert(), [
            {"id": i, "title": f"案件{i}", "opened_by": "o", "reason": "r", "opened_at": at}
            for i, at in enumerate(opened, start=1)])
        flow = sa.table("case_workflow", *(sa.column(n) for n in ("case_id", "stage", "data")),
                        *(sa.column(n, sa.DateTime(timezone=True))
                          for n in ("stage_since", "updated_at")))
        conn.execute(flow.insert(), [
            {"case_id": i, "stage": "intake", "data": "{}", "stage_since": T0, "updated_at": T0}
            for i in (2, 4)])
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(sa.text('SELECT id, kind, reference FROM "case" ORDER BY id')).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "evidence", "证据-2025-0001"),
                                        (2, "complaint", "投诉-2026-0001"),
                                        (3, "evidence", "证据-2026-0001"),
                                        (4, "complaint", "投诉-2026-0002")]
