"""Faults: a locked database, a full disk, a crash mid-transaction — clear errors, no loss."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from storagekit import KEY, make_message

from storage import archive
from storage.chain import verify_chain
from storage.db import Store, open_store, translate_errors
from storage.errors import DatabaseLockedError, DiskFullError

ROOT = Path(__file__).resolve().parents[3]
WRITER = """
import sys
from pathlib import Path
sys.path[:0] = [{root!r}, {here!r}]
from storagekit import KEY, make_message
from storage import archive
from storage.archive import NewMessage
from storage.db import open_store
store = open_store({url!r}, archive_key=KEY, key_dir=Path({keys!r}))
n = 0
while True:
    with store.begin() as s:
        archive.append_messages(s, [NewMessage(make_message(n + i, chat_id="crash"), "x")
                                    for i in range(50)])
    n += 50
    print(n, flush=True)
"""


def test_store_when_sqlite_locked_by_another_process_then_locked_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store = open_store(url, archive_key=KEY, key_dir=tmp_path, busy_timeout_ms=200)
    holder = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="locked"), store.begin() as s:
            archive.append_message(s, make_message(1, "电话13812345678"), masked_text="x")
    finally:
        holder.rollback()
        holder.close()
        store.close()


def test_translate_errors_when_disk_full_then_clear_error_without_content() -> None:
    orig = sqlite3.OperationalError("database or disk is full")
    with pytest.raises(DiskFullError) as info, translate_errors():
        raise OperationalError("INSERT INTO message_record ...", {"masked_text": "秘密"}, orig)
    assert "秘密" not in str(info.value) and "磁盘已满" in str(info.value)


def test_store_when_transaction_fails_midway_then_nothing_of_it_kept(store: Store) -> None:
    with store.begin() as s:
        archive.append_message(s, make_message(1), masked_text="kept")
    with pytest.raises(RuntimeError), store.begin() as s:
        archive.append_message(s, make_message(2), masked_text="lost")
        raise RuntimeError("crash between append and findings")
    with store.begin() as s:
        result = verify_chain(s)
    assert result.ok and result.checked == 1


def test_store_when_writer_killed_mid_batch_then_committed_batches_verify(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    script = WRITER.format(root=str(ROOT), here=str(Path(__file__).parent), url=db_url,
                           keys=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    committed = 0
    while committed < 300 and time.monotonic() < deadline:
        committed = int(proc.stdout.readline() or 0) or committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 300
    with store.begin() as s:
        result = verify_chain(s)
    assert result.ok, result.detail
    assert result.checked >= committed and result.checked % 50 == 0
