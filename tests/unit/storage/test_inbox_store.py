"""The inbox: raw updates stored once, replayed pending ones found after a crash."""

from __future__ import annotations

from storage import inbox
from storage.db import Store


def test_inbox_put_when_replayed_then_false_and_stored_once(store: Store) -> None:
    with store.begin() as s:
        assert inbox.put(s, "telegram", 7, {"update_id": 7}) is True
    with store.begin() as s:
        assert inbox.put(s, "telegram", 7, {"update_id": 7}) is False
        assert [i.update_id for i in inbox.pending(s, 10)] == [7]


def test_inbox_pending_when_marked_done_then_excluded(store: Store) -> None:
    with store.begin() as s:
        for n in (1, 2, 3):
            inbox.put(s, "telegram", n, {"update_id": n, "text": "红包"})
        inbox.mark_done(s, "telegram", 2)
    with store.begin() as s:
        items = inbox.pending(s, 10)
        assert [i.update_id for i in items] == [1, 3]
        assert items[0].payload == {"update_id": 1, "text": "红包"}


def test_store_inbox_when_used_by_bot_then_each_call_commits(store: Store) -> None:
    box = inbox.StoreInbox(store)
    assert box.put(5, {"update_id": 5}) and not box.put(5, {"update_id": 5})
    assert box.pending() == [(5, {"update_id": 5})]
    box.mark_done(5)
    assert box.pending() == []
