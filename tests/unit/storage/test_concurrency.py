"""Concurrent writers serialise on the chain head: the chain never forks."""

from __future__ import annotations

import threading
from pathlib import Path

from storagekit import KEY, make_message

from storage import archive, audit
from storage.chain import verify_chain
from storage.db import Store, open_store


def _writer(url: str, key_dir: Path, offset: int, errors: list[BaseException]) -> None:
    store = open_store(url, archive_key=KEY, key_dir=key_dir)
    try:
        for n in range(offset, offset + 40):
            with store.begin() as s:
                archive.append_message(s, make_message(n, chat_id=f"c{offset}"), masked_text="x")
                audit.record(s, f"writer{offset}", "append", str(n), "test")
    except BaseException as exc:  # surfaced by the assertion below
        errors.append(exc)
    finally:
        store.close()


def test_chain_when_two_writers_append_concurrently_then_no_fork(store: Store, db_url: str,
                                                                  tmp_path: Path) -> None:
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_writer, args=(db_url, tmp_path, off, errors))
               for off in (1000, 2000)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.begin() as s:
        result = verify_chain(s)
    assert result.ok and result.checked == 160


PROCESS_WRITER = """
import sys
from pathlib import Path
sys.path[:0] = [{root!r}, {here!r}]
from storagekit import KEY, make_message
from storage import archive
from storage.archive import NewMessage
from storage.db import open_store
store = open_store({url!r}, archive_key=KEY, key_dir=Path({keys!r}))
for b in range(10):
    with store.begin() as s:
        archive.append_messages(s, [NewMessage(make_message(b * 20 + i, chat_id={chat!r}), "x")
                                    for i in range(20)])
"""


def test_chain_when_two_processes_append_concurrently_then_no_fork(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    procs = [
        subprocess.Popen([sys.executable, "-c", PROCESS_WRITER.format(
            root=str(root), here=str(Path(__file__).parent), url=db_url, keys=str(tmp_path),
            chat=chat)])
        for chat in ("p1", "p2")
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with store.begin() as s:
        result = verify_chain(s)
    assert result.ok and result.checked == 400
