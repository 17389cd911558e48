"""Retention purges: content goes, held records stay, the chain still verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storagekit import BASE_TS, make_alert, make_finding, make_message

from storage import archive, cases, inbox, queries, retention
from storage.chain import verify_chain
from storage.db import Store
from storage.models import FindingRecord, MessageRecord

LATER = BASE_TS + timedelta(days=4 * 365)


def _fill(store: Store) -> int:
    with store.begin() as s:
        for n in (1, 2, 3):
            archive.append_message(s, make_message(n, f"红包{n}"), masked_text=f"红包{n}")
        second = make_message(2)
        archive.record_findings(s, 2, [make_finding(second)], [make_alert(second)])
        case = cases.open_case(s, title="纠纷", opened_by="o", reason="r")
        cases.add_messages(s, case.id, [3], actor="o")
        inbox.put(s, "telegram", 1, {"update_id": 1})
        inbox.mark_done(s, "telegram", 1)
        return case.id


def test_purge_when_past_retention_then_content_gone_and_chain_verifies(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        report = retention.purge(s, actor="cron", now=LATER)
    assert report.purged["message"] == 2 and report.held == 1
    with store.begin() as s:
        purged = s.get(MessageRecord, 2)
        kept = s.get(MessageRecord, 3)
        assert purged is not None and purged.masked_text == "" and purged.ciphertext is None
        assert kept is not None and kept.masked_text == "红包3" and kept.ciphertext is not None
        finding = s.query(FindingRecord).one()
        assert finding.spans is None and finding.purged_at is not None
        hits = queries.search(s, actor="a", reason="r", text="红包").hits
        assert [h.seq for h in hits] == [3]
        result = verify_chain(s)
        assert result.ok and result.purged >= 3, result.detail
        assert inbox.pending(s, 10) == []


def test_purge_when_message_reimported_after_purge_then_not_readded(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        retention.purge(s, actor="cron", now=LATER)
        assert archive.append_message(s, make_message(1, "红包1"), masked_text="红包1") is None


def test_purge_when_dry_run_then_nothing_changes(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        report = retention.purge(s, actor="cron", now=LATER, dry_run=True)
        assert report.purged["message"] == 2
        assert s.get(MessageRecord, 1).masked_text == "红包1"  # type: ignore[union-attr]


def test_purge_when_within_retention_then_nothing_purged(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        report = retention.purge(s, actor="cron", now=BASE_TS + timedelta(days=30))
    assert report.purged["message"] == 0


@pytest.mark.parametrize("days", [{"audit": 30}, {"messages": 10}])
def test_effective_days_when_invalid_then_refused(days: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="retention_days"):
        retention.effective_days(days)


def test_purge_when_category_kept_longer_then_flagged_message_kept(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        report = retention.purge(s, actor="cron", now=LATER,
                                 retention_days={"personal_data": 3650})
    assert report.purged["message"] == 1  # message 2 has a personal-data finding
    with store.begin() as s:
        assert s.get(MessageRecord, 2).purged_at is None  # type: ignore[union-attr]


def test_verify_chain_when_record_blanked_and_marked_purged_by_hand_then_changed(
    store: Store, db_url: str
) -> None:
    from sqlalchemy import text
    from storagekit import tamper

    _fill(store)
    with tamper(db_url) as conn:
        conn.execute(text("UPDATE message_record SET masked_text = '', purged_at = ts "
                          "WHERE seq = 1"))
    with store.begin() as s:
        result = verify_chain(s)
    assert (result.problem, result.bad_seq) == ("changed", 1)


def test_seq_ranges_when_gaps_then_runs() -> None:
    assert retention.seq_ranges([5, 1, 2, 3, 7, 8]) == [[1, 3], [5, 5], [7, 8]]
