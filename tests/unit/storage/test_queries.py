"""Search and show: Chinese substrings of any length, filters, paging, audit, originals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from storagekit import BASE_TS, make_finding, make_message

from rules.model import Role
from storage import archive, queries
from storage.archive import NewMessage
from storage.chain import verify_chain
from storage.db import Store, open_store
from storage.models import AuditEvent

TEXTS = [
    "医生，给您发个红包表示感谢",
    "我已经转账给您了",
    "请把处方拍照发群里",
    "胳膊上起了个红包，痒",
    "明天复查，记得空腹",
    "ABC test message",
]


def _fill(store: Store) -> None:
    items = [NewMessage(make_message(i, t, sender_id=f"u{i % 2}",
                                     sender_role=Role.PATIENT if i % 2 else Role.DOCTOR),
                        masked_text=t)
             for i, t in enumerate(TEXTS, start=1)]
    with store.begin() as s:
        archive.append_messages(s, items)
        archive.record_findings(s, 1, [make_finding(make_message(1), "gift-red-packet")])


def _texts(store: Store, **filters: object) -> list[str]:
    with store.begin() as s:
        page = queries.search(s, actor="officer", reason="complaint 17", **filters)  # type: ignore[arg-type]
    return [h.masked_text for h in page.hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("红包", [TEXTS[3], TEXTS[0]]),
    ("转账", [TEXTS[1]]),
    ("处方", [TEXTS[2]]),
    ("发个红包", [TEXTS[0]]),
    ("痒", [TEXTS[3]]),
    ("abc", [TEXTS[5]]),
    ("红利", []),
])
def test_search_when_chinese_substring_then_found_on_both_backends(
    store: Store, query: str, expected: list[str]
) -> None:
    _fill(store)
    assert _texts(store, text=query) == expected


def test_search_when_filtered_by_rule_role_and_time_then_narrowed(store: Store) -> None:
    _fill(store)
    assert _texts(store, rule="gift-red-packet") == [TEXTS[0]]
    assert _texts(store, category="personal_data") == [TEXTS[0]]
    assert _texts(store, role="doctor", text="红包") == [TEXTS[3]]
    since = BASE_TS + timedelta(minutes=5)
    assert _texts(store, since=since) == [TEXTS[5], TEXTS[4]]
    assert _texts(store, chat="心内科患者群", until=BASE_TS + timedelta(minutes=2)) == [TEXTS[0]]


def test_search_when_paged_then_pages_do_not_overlap(store: Store) -> None:
    _fill(store)
    with store.begin() as s:
        first = queries.search(s, actor="a", reason="r", page_size=4)
        second = queries.search(s, actor="a", reason="r", page=2, page_size=4)
    assert first.has_more and not second.has_more
    assert len(first.hits) + len(second.hits) == len(TEXTS)
    assert not {h.seq for h in first.hits} & {h.seq for h in second.hits}


def test_search_when_run_then_audited_and_chain_still_valid(store: Store) -> None:
    _fill(store)
    _texts(store, text="红包")
    with store.begin() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "search"))
        assert event is not None and (event.actor, event.reason) == ("officer", "complaint 17")
        assert "红包" in event.target
        assert verify_chain(s).ok


def test_show_when_original_by_compliance_then_decrypted_and_audited(store: Store) -> None:
    msg = make_message(1, "我的电话是13812345678")
    with store.begin() as s:
        rec = archive.append_message(s, msg, masked_text="我的电话是[电话]")
        assert rec is not None
        archive.append_message(s, make_message(1, "改了", version=1), masked_text="改了")
        view = queries.show(s, rec.seq, actor="officer", reason="投诉 17 号",
                            original=True, actor_roles=["compliance"])
    assert [v.original_text for v in view.versions] == ["我的电话是13812345678", "改了"]
    assert view.versions[0].sender_name == "张三" and view.versions[0].original_intact
    with store.begin() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert actions == ["show_original"]


@pytest.mark.parametrize(("roles", "reason"), [(["department_head"], "why"),
                                               (["compliance"], "  ")])
def test_show_when_original_without_role_or_reason_then_denied_and_audited(
    store: Store, roles: list[str], reason: str
) -> None:
    with store.begin() as s:
        rec = archive.append_message(s, make_message(1, "13812345678"), masked_text="[电话]")
        assert rec is not None
        view = queries.show(s, rec.seq, actor="nosy", reason=reason, original=True,
                            actor_roles=roles)
    assert view.original_denied and view.versions[0].original_text is None
    with store.begin() as s:
        assert list(s.scalars(select(AuditEvent.action))) == ["show_original_denied"]


def test_show_when_no_key_then_masked_view_and_verify_still_work(store: Store, db_url: str,
                                                                 tmp_path) -> None:
    _fill(store)
    keyless = open_store(db_url, archive_key=None, key_dir=tmp_path)
    try:
        with keyless.begin() as s:
            view = queries.show(s, 1, actor="a", reason="r")
            assert view.versions[0].record.masked_text == TEXTS[0]
            page = queries.search(s, actor="a", reason="r", text="转账")
            assert [h.seq for h in page.hits] == [2]
            assert verify_chain(s).ok
    finally:
        keyless.close()


def test_search_when_word_is_common_then_newest_hits_still_first(store: Store,
                                                                 monkeypatch) -> None:
    monkeypatch.setattr(queries, "COMMON_HITS", 2)  # take the scan-by-time path
    _fill(store)
    assert _texts(store, text="红包") == [TEXTS[3], TEXTS[0]]
    assert _texts(store, text="红包", role="doctor") == [TEXTS[3]]
