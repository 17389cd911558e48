"""Bot section: update → alert latency of the real bot against the local Bot API server.

The server runs in this process (a thread), so the time a message is injected and the time
the bot's alert reaches the server are read from one clock. The bot is the real application
(`python -m bot run`) in its own process, polling, on SQLite in a temporary folder. Messages
are injected at 50 per second spread over 100 groups, twice: a realistic mix (about 3% flagged)
and the benchmark corpus as it is (about a quarter flagged: the stress mix); every message
the engine flags in-process is expected to produce an alert whose link names it. The same
messages evaluated in-process by `Engine.evaluate` are the baseline: what the pipeline around
the engine (HTTP, inbox, archive, outbox, executor) adds.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench import corpus
from bot.botapi import BotApiServer, ThreadedServer
from rules.engine import Engine
from rules.model import Message, Role

ROOT = Path(__file__).resolve().parent.parent
GROUPS = 100
RATE = 50.0  # messages per second, design §6
TARGET_P99_MS = 300.0
REALISTIC_SHARE = 0.03  # flagged messages in a real patient group: a few percent
_LINK = re.compile(r"/c/(\d+)/(\d+)")
# Ten departments of ten groups each; every department head gets that department's alerts.
DEPARTMENTS = (("cardiology", "心内科"), ("neurology", "神经内科"), ("gastro", "消化内科"),
               ("respiratory", "呼吸内科"), ("endocrine", "内分泌科"), ("nephrology", "肾内科"),
               ("orthopedics", "骨科"), ("surgery", "普外科"), ("obstetrics", "妇产科"),
               ("pediatrics", "儿科"))
_ROLES_PER_GROUP = (Role.DOCTOR, Role.NURSE, Role.ASSISTANT, *(Role.PATIENT,) * 6,
                    *(Role.FAMILY,) * 4)


@dataclass
class World:
    """The groups, the people in them, and the department heads who receive alerts."""

    groups: list[int] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)
    members: dict[int, dict[Role, list[int]]] = field(default_factory=dict)
    heads: list[int] = field(default_factory=list)
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sent:
    """One injected message: where, when, and whether the engine flags it."""

    chat_id: int
    message_id: int
    update_id: int
    at: float
    flagged: bool


def run(scale: int, *, quick: bool = False) -> dict[str, Any]:
    """Drive the bot at 50 msg/s over 100 groups and measure what users would wait: once with
    a realistic share of flagged messages, once with the benchmark corpus as it is (stress)."""
    if importlib.util.find_spec("bot.commands.run") is None:
        return {"skipped": "the bot's `run` command (bot/commands/run.py) does not exist yet"}
    duration = 10.0 if quick else 60.0
    count = int(RATE * duration)
    engine = Engine.load()
    mixes = {"realistic": realistic_mix(engine, corpus.build(2 * count).items, count),
             "stress": corpus.build(count).items}
    return _combined({name: run_mix(engine, items, duration) for name, items in mixes.items()})


def realistic_mix(engine: Engine, pool: list[corpus.Item], count: int,
                  share: float = REALISTIC_SHARE) -> list[corpus.Item]:
    """`count` messages of `pool` of which about `share` are flagged, spread evenly: real
    patient groups see a few percent of messages that need action, not a quarter."""
    flags = _in_process(engine, pool)["flags"]
    clean = [item for item in pool if not flags[item.message.id]]
    flagged = [item for item in pool if flags[item.message.id]]
    chosen: list[corpus.Item] = []
    for n in range(count):
        due = int((n + 1) * share) > int(n * share)
        source = flagged if due and flagged else clean
        chosen.append(source.pop(0))
    return chosen


def run_mix(engine: Engine, items: list[corpus.Item], duration: float) -> dict[str, Any]:
    """One run: a fresh server and a fresh bot, `items` injected at RATE."""
    baseline = _in_process(engine, items)
    with tempfile.TemporaryDirectory(prefix="wardwatch-botbench-") as tmp, \
            ThreadedServer() as server:
        world = populate(server, GROUPS)
        confirms = _record_confirms(server)
        with bot_process(server, world, Path(tmp)) as bot:
            try:
                _wait(lambda: _polling(server), 60, "the bot never polled")
                injected = inject(server, world, items, baseline["flags"], rate=RATE)
                _wait(lambda: _drained(server, injected), 30 + duration, "the bot fell behind")
            except TimeoutError as exc:
                raise TimeoutError(f"{exc}; bot log ends: {_log_tail(Path(tmp))}") from exc
            _settle(server)
            memory = _memory(bot.pid)
        alerts = _alert_latencies(server, injected)
    return _summary(injected, alerts, _confirm_latencies(confirms, injected), baseline, memory,
                    duration)


def _combined(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Both runs in one section: headline rows labelled with their mix, notes once."""
    headline: list[dict[str, Any]] = []
    notes: list[str] = []
    for name, result in runs.items():
        share = result["flagged_in_process"] / max(1, result["messages"])
        label = f"{name}, {share:.0%} flagged"
        result["flagged_share"] = share
        for row in result.pop("headline"):
            if name != "realistic" and "RSS" in row["metric"]:
                continue
            headline.append({**row, "metric": f"{row['metric']} ({label})"})
        mix_notes = result.pop("notes")
        notes.append(f"{name.capitalize()} mix: {mix_notes[0]}")
        shared = mix_notes[1:]
    notes.insert(0, "Two runs, each with a fresh bot and server: a realistic mix (about "
                    f"{REALISTIC_SHARE:.0%} of messages flagged, as in real patient groups) and "
                    "the stress mix (the benchmark corpus as it is, a quarter flagged).")
    return {"headline": headline, **runs, "notes": notes + shared}


def populate(server: BotApiServer, groups: int) -> World:
    """`groups` groups of 13 people, spread over ten departments, each head in a private chat."""
    inject, world = server.inject, World()
    for d, (dept, name) in enumerate(DEPARTMENTS):
        head = inject.user(f"{name}主任", started=True)
        world.heads.append(head.id)
        world.people.append({"telegram_id": head.id, "name": f"{name}主任", "role": "doctor",
                             "department": dept, "duties": ["department_head"]})
        world.departments[dept] = {"id": dept, "name": name, "chat_ids": []}
        for g in range(d, groups, len(DEPARTMENTS)):
            chat_id = _group(inject, world, g, dept, name)
            world.departments[dept]["chat_ids"].append(chat_id)
    return world


def _group(inject: Any, world: World, g: int, dept: str, name: str) -> int:
    members: dict[Role, list[int]] = {}
    for n, role in enumerate(_ROLES_PER_GROUP):
        user = inject.user(f"{role.value}{g:03d}-{n}")
        members.setdefault(role, []).append(user.id)
        world.people.append({"telegram_id": user.id, "name": user.first_name,
                             "role": role.value, "department": dept})
    title = f"{name}患者群{g:03d}"
    chat = inject.group(title, members=[u for ids in members.values() for u in ids])
    world.groups.append(chat.id)
    world.titles[chat.id] = title
    world.members[chat.id] = members
    return int(chat.id)


def write_config(folder: Path, world: World, server: BotApiServer) -> Path:
    """A config for the bot under test: the roster, the departments, SQLite in `folder`."""
    config = {
        "database": {"url": f"sqlite:///{folder / 'wardwatch.db'}"},
        "archive": {"key_file": str(folder / "archive.key"),
                    "signing_key_file": str(folder / "signing.key")},
        "telegram": {"token": server.token, "base_url": server.base_url},
        "roster": {"departments": list(world.departments.values()), "people": world.people},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@contextmanager
def bot_process(server: BotApiServer, world: World,
                folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The real bot (`python -m bot run`) in its own process, stopped afterwards."""
    config = write_config(folder, world, server)
    env = {**os.environ, "WARDWATCH_TELEGRAM_TOKEN": server.token,
           "WARDWATCH_TELEGRAM_BASE_URL": server.base_url,
           "WARDWATCH_ARCHIVE_KEY": base64.b64encode(secrets.token_bytes(32)).decode()}
    log = (folder / "bot.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)],
                               cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        if process.returncode not in (0, -signal.SIGINT, -signal.SIGKILL):
            tail = (folder / "bot.log").read_text(errors="replace")[-2000:]
            print(f"bot exited with {process.returncode}:\n{tail}", file=sys.stderr)


def inject(server: BotApiServer, world: World, items: list[corpus.Item],
           flags: dict[str, bool], *, rate: float) -> list[Sent]:
    """Each corpus message from a member of the right role, on a fixed 1/rate schedule."""
    sent: list[Sent] = []
    begin = time.perf_counter()
    for n, item in enumerate(items):
        chat_id = world.groups[n % len(world.groups)]
        sender = _sender(world.members[chat_id], item.message.sender_role, n)
        delay = begin + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        update_id = server.state.next_update_id
        at = time.time()
        message = server.inject.message(chat_id, sender, item.message.text)
        sent.append(Sent(chat_id, message["message_id"], update_id, at,
                         flags[item.message.id]))
    return sent


def _log_tail(folder: Path) -> str:
    lines = (folder / "bot.log").read_text(errors="replace").strip().splitlines()
    return " | ".join(lines[-5:])[-600:] or "(empty)"


def _sender(members: dict[Role, list[int]], role: Role, n: int) -> int:
    people = members.get(role) or members[Role.PATIENT]
    return people[n % len(people)]


def _in_process(engine: Engine, items: list[corpus.Item]) -> dict[str, Any]:
    """The engine alone on the same messages: latency and which ones it flags."""
    contexts: dict[str, Any] = {}
    latencies: list[int] = []
    flags: dict[str, bool] = {}
    for item in items[:200]:  # warm-up: lazy loading is start-up, not per-message cost
        engine.evaluate(item.message, engine.new_context())
    for item in items:
        message: Message = item.message
        context = contexts.setdefault(message.chat_id, engine.new_context())
        t0 = time.perf_counter_ns()
        findings = engine.evaluate(message, context)
        latencies.append(time.perf_counter_ns() - t0)
        flags[message.id] = bool(findings)
    return {"latency_ms": [ns / 1e6 for ns in latencies], "flags": flags}


def _record_confirms(server: BotApiServer) -> list[tuple[float, int]]:
    """Wrap the server's offset confirmation to log (time, offset) as the bot confirms."""
    log: list[tuple[float, int]] = []
    state = server.state
    original = state.confirm

    def confirm(offset: int) -> None:
        log.append((time.time(), offset))
        original(offset)

    state.confirm = confirm  # type: ignore[method-assign]
    return log


def _settle(server: BotApiServer, *, quiet: float = 5.0, limit: float = 120.0) -> None:
    """Wait until the bot has sent nothing for `quiet` seconds: late alerts still count."""
    deadline = time.monotonic() + limit
    count, since = len(server.state.sent), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        time.sleep(0.2)
        if len(server.state.sent) != count:
            count, since = len(server.state.sent), time.monotonic()


def _polling(server: BotApiServer) -> bool:
    return any(call.method.lower() == "getupdates" for call in list(server.state.calls))


def _drained(server: BotApiServer, injected: list[Sent]) -> bool:
    offset = server.state.confirmed_offset or 0
    return not injected or offset > injected[-1].update_id


def _wait(ready: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.02)


def _alert_latencies(server: BotApiServer, injected: list[Sent]) -> dict[tuple[int, int], float]:
    """Seconds from injection to the first bot message linking to it (an alert)."""
    by_link = {(str(s.chat_id)[4:], s.message_id): s for s in injected}
    first: dict[tuple[int, int], float] = {}
    for action in list(server.state.sent):
        for internal, message_id in _LINK.findall(action.text):
            source = by_link.get((internal, int(message_id)))
            if source and (source.chat_id, source.message_id) not in first:
                first[(source.chat_id, source.message_id)] = action.at - source.at
    return first


def _confirm_latencies(confirms: list[tuple[float, int]], injected: list[Sent]) -> list[float]:
    """Seconds from injection until the bot confirmed the update (persisted in its inbox)."""
    latencies: list[float] = []
    i = 0
    for s in injected:
        while i < len(confirms) and not (confirms[i][1] > s.update_id and confirms[i][0] >= s.at):
            i += 1
        if i < len(confirms):
            latencies.append(confirms[i][0] - s.at)
    return latencies


def _memory(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status")
    out: dict[str, float] = {}
    if status.exists():
        for line in status.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key.lower() + "_mib"] = int(value.split()[0]) / 1024
    return out


def _pct(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _summary(injected: list[Sent], alerts: dict[tuple[int, int], float],
             confirms: list[float], baseline: dict[str, Any], memory: dict[str, float],
             duration: float) -> dict[str, Any]:
    flagged = [s for s in injected if s.flagged]
    alert_ms = [alerts[(s.chat_id, s.message_id)] * 1000 for s in flagged
                if (s.chat_id, s.message_id) in alerts]
    base_ms = baseline["latency_ms"]
    # Sustained: every message injected and confirmed by the bot, over the time that took
    # (from the first injection to the last confirmation, so a backlog lowers it).
    done = injected[-1].at + confirms[-1] if len(confirms) == len(injected) else None
    rate = len(injected) / (done - injected[0].at) if done and len(injected) > 1 else None
    offered = len(injected) / max(1e-9, injected[-1].at - injected[0].at)
    p50, p99 = _pct(alert_ms, 0.5), _pct(alert_ms, 0.99)
    base_p50, base_p99 = _pct(base_ms, 0.5), _pct(base_ms, 0.99)
    return {
        "headline": [
            {"metric": "update → alert p50, ms", "value": p50, "baseline": base_p50,
             "ratio": _times(p50, base_p50), "target": ""},
            {"metric": "update → alert p99, ms", "value": p99, "baseline": base_p99,
             "ratio": _times(p99, base_p99), "target": "≤ 300",
             "ok": None if p99 is None else p99 <= TARGET_P99_MS},
            {"metric": f"sustained messages/s (offered {RATE:.0f}, {GROUPS} groups)",
             "value": rate, "baseline": offered, "target": f"≥ {RATE:.0f}",
             "ratio": f"{rate / offered:.0%} of offered" if rate else "",
             "ok": None if rate is None else rate >= RATE * 0.95},
            {"metric": "bot peak RSS, MiB", "value": memory.get("vmhwm_mib"), "target": ""},
        ],
        "groups": GROUPS, "departments": len(DEPARTMENTS), "offered_rate": RATE,
        "duration_s": duration,
        "messages": len(injected), "offered_rate_achieved": offered,
        "flagged_in_process": len(flagged),
        "alerts_matched": len(alert_ms),
        "update_to_alert_ms": {"p50": _pct(alert_ms, 0.5), "p99": _pct(alert_ms, 0.99),
                               "max": max(alert_ms, default=None)},
        "update_to_persisted_ms": {"p50": _pct([c * 1000 for c in confirms], 0.5),
                                   "p99": _pct([c * 1000 for c in confirms], 0.99)},
        "in_process_evaluate_ms": {"p50": _pct(base_ms, 0.5), "p99": base_p99},
        "memory": memory,
        "notes": [
            f"{len(flagged)} of {len(injected)} messages ({len(flagged) / len(injected):.1%}) "
            "are flagged by the engine.",
            "Latency is from injecting the update into the local Bot API server to the bot's "
            "first message linking to it (an alert to the department head); fewer alerts than "
            "flagged messages arrive because repeats of one rule by one sender are grouped "
            "into one alert and some rules only prompt the sender.",
            "Persisted: the bot confirmed the update's offset, i.e. stored it in its inbox.",
            "Telegram allows about 30 messages a second in all (the bot's rate limiter keeps to "
            "it): the stress mix asks for more (a prompt to the sender, often a notice in the "
            "group, and an alert per flagged message), so prompts queue behind alerts there.",
            "The local Bot API server runs in the benchmark process (one clock for injection "
            "and delivery); the bot is the real application in its own process, polling, "
            "on SQLite. Both share the machine's CPUs (see the load average).",
            "Alerts go to the department heads' private chats, the default. A department "
            "that sends its alerts to an alert group instead is held by Telegram to 20 "
            "messages a minute in that group: at the stress mix's 75 flagged messages a "
            "minute per department its alerts would fall behind.",
            "Baseline: `Engine.evaluate` on the same messages in the benchmark process.",
        ],
    }


def _times(value: float | None, baseline: float | None) -> str:
    """How many times the in-process engine's time the whole pipeline takes."""
    return f"{value / baseline:.0f}× in-process" if value and baseline else ""
