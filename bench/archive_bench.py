"""Archive benchmark (design §6): ingest, search p95, chain verification, bundle export.

`run(scale)` builds `scale` generated messages in a fresh SQLite archive (and a smaller one on
PostgreSQL when the server is up), against an in-process baseline: the same rows inserted
plainly — no chain, no encryption, no search index — into the same kind of database, so the
ratio shows what integrity and privacy cost.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine
from sqlalchemy import text as sql

from rules.model import Message, Role
from storage import cases, checkpoints, queries
from storage.archive import NewMessage, append_messages
from storage.chain import verify_chain
from storage.db import Store, make_engine, open_store

BATCH = 1000
CHECKPOINT_EVERY = 20_000
PG_MAX = 100_000  # PostgreSQL rows: enough for rates, keeps `make bench` within minutes
SEARCHES = 40
TARGETS = {"ingest": 5_000.0, "search_p95_ms": 200.0, "verify": 50_000.0}
PG_URL = os.environ.get("WARDWATCH_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
KEY = bytes(range(32))
WORDS = ("医生", "您好", "复查", "血压", "今天", "明天", "门诊", "挂号", "报告", "谢谢", "请问",
         "药", "吃", "饭后", "一次", "两片", "头晕", "心慌", "彩超", "住院", "出院", "护士",
         "好的", "收到", "注意", "休息", "检查", "结果", "正常", "指标")
RARE = ("红包", "转账", "处方", "开处方", "微信")
ROLES = (Role.PATIENT, Role.FAMILY, Role.DOCTOR, Role.NURSE)
START = datetime(2025, 1, 1, tzinfo=UTC)


def messages(n: int, seed: int = 7) -> Iterator[Message]:
    """n deterministic chat messages over 200 groups; a rare word in about 1 of 50."""
    rng = random.Random(seed)
    for i in range(n):
        words = rng.choices(WORDS, k=rng.randint(4, 14))
        if rng.random() < 0.02:
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        sender = rng.randrange(2000)
        yield Message(id=str(i), text="，".join(words), chat_id=f"g{i % 200}",
                      sender_id=f"u{sender}", sender_role=ROLES[sender % len(ROLES)],
                      ts=START + timedelta(seconds=30 * i), source="bench",
                      sender_name="患者", department="心内科")


def _batches(n: int) -> Iterator[list[NewMessage]]:
    batch: list[NewMessage] = []
    for m in messages(n):
        batch.append(NewMessage(m, m.text))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(store: Store, n: int) -> float:
    """Messages per second through `append_messages`, one transaction per batch.

    A signed checkpoint every CHECKPOINT_EVERY messages stands in for the bot's schedule.
    """
    started = time.perf_counter()
    for i, batch in enumerate(_batches(n), start=1):
        with store.begin() as s:
            append_messages(s, batch)
            if i % (CHECKPOINT_EVERY // BATCH) == 0:
                checkpoints.create(s)
    return n / (time.perf_counter() - started)


def baseline(url: str, n: int) -> float:
    """Messages per second for the same rows inserted plainly (same engine set-up)."""
    engine = make_engine(url) if url.startswith("sqlite") else create_engine(url)
    meta = MetaData()
    plain = Table("plain_message", meta, Column("id", Integer, primary_key=True),
                  *(Column(c, String(200)) for c in ("source", "chat_id", "message_id",
                                                      "sender_id", "sender_role", "department")),
                  Column("ts", DateTime(timezone=True)), Column("text", Text))
    meta.create_all(engine)
    started = time.perf_counter()
    for batch in _batches(n):
        rows = [{"source": i.message.source, "chat_id": i.message.chat_id,
                 "message_id": i.message.id, "sender_id": i.message.sender_id,
                 "sender_role": i.message.sender_role.value, "department": i.message.department,
                 "ts": i.message.ts, "text": i.message.text} for i in batch]
        with engine.begin() as conn:
            conn.execute(plain.insert(), rows)
    rate = n / (time.perf_counter() - started)
    meta.drop_all(engine)
    engine.dispose()
    return rate


def search_p95(store: Store, n: int) -> dict[str, float]:
    """p95 milliseconds of audited searches: 2- and 3-character Chinese, and filters."""
    rng = random.Random(11)
    span = timedelta(seconds=30 * n)
    kinds = {
        "text_2char": lambda: {"text": rng.choice(("红包", "转账", "处方"))},
        "text_3char": lambda: {"text": "开处方"},
        "filter_chat_time": lambda: {"chat": f"g{rng.randrange(200)}",
                                     "since": START + span * rng.random() / 2},
        "filter_role_text": lambda: {"role": "doctor", "text": "血压"},
    }
    out: dict[str, float] = {}
    for name, make in kinds.items():
        times = []
        for _ in range(SEARCHES):
            started = time.perf_counter()
            with store.begin() as s:
                queries.search(s, actor="bench", reason="benchmark", page_size=50, **make())
            times.append((time.perf_counter() - started) * 1000)
        out[name] = statistics.quantiles(times, n=20)[18]
    return out


def verify_rate(store: Store) -> tuple[float, int]:
    """Chain records verified per second, and how many."""
    started = time.perf_counter()
    with store.begin() as s:
        result = verify_chain(s)
    if not result.ok:
        raise RuntimeError(f"benchmark archive failed verification: {result.detail}")
    return result.checked / (time.perf_counter() - started), result.checked


def bundle_seconds(store: Store, n: int, out_dir: Path) -> tuple[float, int]:
    """Seconds to seal a case of the last 10,000 messages (every group, one period)."""
    since = START + timedelta(seconds=30 * max(n - 10_000, 0))
    with store.begin() as s:
        case = cases.open_case(s, title="bench", opened_by="bench", reason="benchmark")
        added = sum(cases.add_range(s, case.id, chat_id=f"g{c}", since=since, until=None,
                                    actor="bench") for c in range(200))
    started = time.perf_counter()
    with store.begin() as s:
        cases.seal(s, case.id, actor="bench", reason="benchmark", out_dir=out_dir)
    return time.perf_counter() - started, added


def _backend(url: str, n: int, folder: Path) -> dict[str, Any]:
    base = baseline(url, n)
    store = open_store(url, archive_key=KEY, key_dir=folder, upgrade=True)
    try:
        rate = ingest(store, n)
        searches = search_p95(store, n)
        vrate, checked = verify_rate(store)
        seconds, bundled = bundle_seconds(store, n, folder)
    finally:
        store.close()
    return {"messages": n, "ingest_per_s": rate, "baseline_insert_per_s": base,
            "ingest_vs_baseline": rate / base, "search_p95_ms": searches,
            "verify_per_s": vrate, "verified_records": checked,
            "bundle_seconds": seconds, "bundle_messages": bundled}


def _postgres(n: int, folder: Path) -> dict[str, Any]:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=0.5).close()
    except OSError:
        return {"skipped": "PostgreSQL not reachable on 127.0.0.1:5432"}
    schema = f"ww_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sql(f'CREATE SCHEMA "{schema}"'))
    try:
        return _backend(f"{PG_URL}?options=-csearch_path%3D{schema}", n, folder)
    finally:
        with admin.connect() as conn:
            conn.execute(sql(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _headline(lite: dict[str, Any], pg: dict[str, Any]) -> list[dict[str, Any]]:
    p95 = max(lite["search_p95_ms"].values())
    rows = [
        {"metric": f"SQLite ingest msgs/s ({lite['messages']:,})", "target": "≥ 5,000",
         "value": lite["ingest_per_s"], "baseline": lite["baseline_insert_per_s"],
         "ratio": f"{lite['ingest_vs_baseline']:.2f}×",
         "ok": lite["ingest_per_s"] >= TARGETS["ingest"]},
        {"metric": "SQLite search p95 ms (worst kind)", "target": "≤ 200", "value": p95,
         "ok": p95 <= TARGETS["search_p95_ms"]},
        {"metric": "SQLite chain verification records/s", "target": "≥ 50,000",
         "value": lite["verify_per_s"], "ok": lite["verify_per_s"] >= TARGETS["verify"]},
        {"metric": f"SQLite bundle export s ({lite['bundle_messages']:,} msgs)", "target": "",
         "value": lite["bundle_seconds"]},
    ]
    if "skipped" not in pg:
        rows += [
            {"metric": f"PostgreSQL ingest msgs/s ({pg['messages']:,})", "target": "",
             "value": pg["ingest_per_s"], "baseline": pg["baseline_insert_per_s"],
             "ratio": f"{pg['ingest_vs_baseline']:.2f}×"},
            {"metric": "PostgreSQL search p95 ms (worst kind)", "target": "≤ 200",
             "value": max(pg["search_p95_ms"].values()),
             "ok": max(pg["search_p95_ms"].values()) <= TARGETS["search_p95_ms"]},
            {"metric": "PostgreSQL verification records/s", "target": "≥ 50,000",
             "value": pg["verify_per_s"], "ok": pg["verify_per_s"] >= TARGETS["verify"]},
        ]
    return rows


def run(scale: int) -> dict[str, Any]:
    """Measure everything at `scale` messages (PostgreSQL at most PG_MAX); a flat dict."""
    with tempfile.TemporaryDirectory(prefix="ww-archive-bench-") as tmp:
        folder = Path(tmp)
        lite = _backend(f"sqlite:///{folder / 'bench.db'}", scale, folder)
        lite["db_megabytes"] = (folder / "bench.db").stat().st_size / 1e6
        pg = _postgres(min(scale, PG_MAX), folder)
    notes = [
        "Baseline: the same rows inserted plainly into the same kind of database (no chain, "
        "no AES-GCM, no search index), in the same run.",
        "Searches are audited (each one appends a chained audit event and commits).",
        f"PostgreSQL runs at most {PG_MAX:,} messages to keep the run short.",
        "The bundle case is the last 10,000 messages of every group (one period). Chain "
        f"segments end at the nearest signed checkpoint (here every {CHECKPOINT_EVERY:,} "
        "messages, standing in for the bot's schedule).",
    ]
    return {"sqlite": lite, "postgresql": pg, "headline": _headline(lite, pg), "notes": notes}
