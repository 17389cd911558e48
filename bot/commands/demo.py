"""`wardwatch demo`: a scripted day in a cardiology patient group, offline, in under a minute.

Starts the local Bot API server on a free loopback port, the real bot (the same Service as
`wardwatch run`, polling) on SQLite in a temporary folder, and plays the day: safe messages, a
family's red packet, a prescription to a first-visit patient, an ID number and a phone, an
assistant's advice, an ad, an English message, an edit. After each message the terminal shows
what every participant sees; then the head acknowledges an alert and compliance searches,
seals a case into a bundle and verifies it. All people and numbers are fictitious.

The monthly report (HTML and PDF) and the sealed bundle are kept in `./wardwatch-demo/`
(`--output`), whose earlier demo files each run replaces; the database and keys stay in the
temporary folder, removed at the end unless `--keep`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HELP = "离线演示：本地 Bot API 服务器 + 真实机器人 / offline demo: local Bot API server + real bot"
OUTPUT = Path("wardwatch-demo")
OUTPUT_PATTERNS = ("report-*.html", "report-*.pdf", "*.zip")  # what a run leaves there


@dataclass(frozen=True)
class Step:
    """One scripted message: who says what, its English gloss, and an optional edit of it."""

    who: str
    text: str
    gloss: str
    edit_to: str = ""


PEOPLE = {  # key: (display name, roster role, label shown in the terminal)
    "doctor": ("李医生", "doctor", "医生 Doctor"),
    "nurse": ("王护士", "nurse", "护士 Nurse"),
    "assistant": ("周助理", "assistant", "医助 Assistant (unlicensed)"),
    "patient": ("张三", "patient", "患者 Patient"),
    "family": ("张三家属", "family", "家属 Family"),
    "newcomer": ("刘女士", "patient", "初诊患者 First-visit patient"),
    "head": ("陈主任", "doctor", "科主任 Department head"),
    "compliance": ("医务处赵", "unknown", "医务处 Compliance"),
    "advertiser": ("健康小店", "", "陌生人 Stranger"),
}

SCRIPT = [
    Step("patient", "早上好，请问李医生今天上午有门诊吗？",
         "Good morning, is Dr Li in clinic this morning?"),
    Step("nurse", "有的，8点到12点，复诊请先在手机上挂号。",
         "Yes, 8 to 12; please book your follow-up on the phone first."),
    Step("family", "李医生辛苦了，给您发个红包🧧，一点心意",
         "Thank you Dr Li, here is a red packet for you, a small token."),
    Step("newcomer", "医生您好，我是第一次来，最近胸口闷，能开点药吗？",
         "Hello doctor, this is my first visit; my chest feels tight, can you prescribe?"),
    Step("doctor", "你先吃阿托伐他汀20mg，每晚一片",
         "Start atorvastatin 20 mg, one tablet every night."),
    Step("patient", "我身份证11010519491231002X，电话13812345678，麻烦帮我登记",
         "My ID number is …, phone …, please register me."),
    Step("doctor", "张三的手机13812345678，护士明天上午联系他复查",
         "Zhang San's mobile is …; nurse, call him tomorrow morning for a check-up."),
    Step("assistant", "你这个情况吃点阿司匹林就行，每天一片",
         "In your case just take aspirin, one a day."),
    Step("advertiser", "祖传秘方降血压，三天见效，加微信购买",
         "Ancestral remedy lowers blood pressure in three days, add us on WeChat."),
    Step("patient", "Thank you doctor, see you on Monday!", "(written in English)"),
    Step("family", "明天复诊需要空腹吗？", "Does tomorrow's visit need fasting?",
         edit_to="明天复诊需要空腹吗？有事打我电话13987654321"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--output names the folder for the report and bundle; --keep keeps the database too."""
    parser.add_argument("--output", type=Path, default=OUTPUT,
                        help="报告与证据包的保存目录 / folder for the report and the bundle "
                             "(default: ./wardwatch-demo)")
    parser.add_argument("--keep", action="store_true",
                        help="保留临时目录（数据库与密钥）/ keep the temporary folder "
                             "(database, keys) afterwards")


def prepare_output(folder: Path) -> Path:
    """The output folder, created, without the files an earlier demo run left in it."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in OUTPUT_PATTERNS:
        for old in folder.glob(pattern):
            old.unlink()
    return folder


def run(args: argparse.Namespace) -> int:
    """Play the day; exit 0 when every expected effect was seen."""
    if not getattr(args, "verbose", False):  # `wardwatch -v demo` keeps the debug log
        logging.getLogger().setLevel(logging.WARNING)
    output = prepare_output(getattr(args, "output", OUTPUT))
    folder = Path(tempfile.mkdtemp(prefix="wardwatch-demo-"))
    try:
        return asyncio.run(_Demo(folder, output).play())
    finally:
        if not getattr(args, "keep", False):
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"\n数据库与密钥 / database and keys kept: {folder}")
        _show_output(output)


def _show_output(output: Path) -> None:
    """Name the folder and what a newcomer can open in it."""
    kept = sorted(p.name for pattern in OUTPUT_PATTERNS for p in output.glob(pattern))
    print(f"\n📂 演示报告与证据包已保存在 / the demo's report and bundle are in: {output}")
    for name in kept:
        print(f"   {name}")


class _Demo:
    """The server, the bot and the script, wired together."""

    def __init__(self, folder: Path, output: Path):
        from rich.console import Console

        self.folder = folder
        self.output = output
        self.out = Console(file=sys.stdout, highlight=False, soft_wrap=True)
        self.ids: dict[str, int] = {}
        self.labels: dict[int, str] = {}

    async def play(self) -> int:
        """Start everything, play the script, show the compliance side, stop."""
        from bot.botapi import BotApiServer

        self._title("WardWatch 演示：心内科患者群的一天（人物与号码均为虚构）",
                    "WardWatch demo: a day in a cardiology patient group (all fictitious)")
        async with BotApiServer() as server:
            self.server = server
            self._cast()
            rt, service = await self._start_bot()
            try:
                for step in SCRIPT:
                    await self._play(step)
                await self._acknowledge()
                ok = await self._compliance(rt)
                ok = await self._time_moves_on(rt, service) and ok
            finally:
                await service.stop()
                rt.store.close()
        self._title("演示结束 / end of the demo", "")
        return 0 if ok else 1

    def _cast(self) -> None:
        inject = self.server.inject
        for key, (name, _role, label) in PEOPLE.items():
            user = inject.user(name, started=key != "advertiser")
            self.ids[key] = user.id
            self.labels[user.id] = label
        members = [self.ids[k] for k in PEOPLE if k not in ("head", "compliance")]
        self.group = inject.group("心内科患者群 Cardiology patients", members=members,
                                  creator=self.ids["head"])
        self.operator = inject.group("运维通知 Operators", bot_status="member")
        self.labels[self.group.id] = "群聊 Group"
        self.labels[self.operator.id] = "运维 Operator"

    async def _start_bot(self) -> tuple[Any, Any]:
        from bot.engine_setup import load_engine
        from bot.runtime import Runtime, open_archive
        from bot.service import Service

        settings = self._settings()
        store = open_archive(settings, self.folder)
        rt = Runtime(settings=settings, store=store, engine=load_engine(settings))
        service = Service(rt, poll_timeout=1)
        mark = self.server.mark()
        await service.start()
        await self._settle()
        self._show(mark, "机器人启动 / the bot starts")
        return rt, service

    def _settings(self) -> Any:
        from bot.config import Settings

        people = [
            {"telegram_id": self.ids[key], "name": name, "role": role,
             "department": "cardiology" if role in ("doctor", "nurse", "assistant") else "",
             "duties": {"head": ["department_head"],
                        "compliance": ["compliance", "medical_affairs"]}.get(key, [])}
            for key, (name, role, _label) in PEOPLE.items() if role
        ]
        return Settings.model_validate({
            "database": {"url": f"sqlite:///{self.folder / 'wardwatch.db'}"},
            "telegram": {"token": self.server.token, "base_url": self.server.base_url,
                         "operator_chat_id": self.operator.id},
            "roster": {"departments": [{"id": "cardiology", "name": "心内科 Cardiology",
                                        "chat_ids": [self.group.id]}],
                       "people": people},
        })

    async def _play(self, step: Step) -> None:
        mark = self.server.mark()
        sender = self.ids[step.who]
        sent = self.server.inject.message(self.group.id, sender, step.text)
        self._say(sender, step.text, step.gloss)
        await self._settle()
        if step.edit_to:
            self.server.inject.edit(self.group.id, sent["message_id"], step.edit_to,
                                    date=int(sent["date"]) + 60)
            self._say(sender, step.edit_to, "(edited: adds a phone number)", edited=True)
            await self._settle()
        self._show(mark)

    async def _settle(self, quiet: float = 0.6, limit: float = 15.0) -> None:
        """Wait until the server has seen no new bot action for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        seen, since = len(self.server.state.sent), loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.1)
            now_seen = len(self.server.state.sent)
            pending = bool(self.server.state.updates)
            if now_seen != seen or pending:
                seen, since = now_seen, loop.time()
            elif loop.time() - since >= quiet:
                return

    async def _acknowledge(self) -> None:
        head = self.ids["head"]
        alert = next(s for s in self.server.state.sent
                     if s.chat_id == head and s.method == "sendMessage" and "红包" in s.text)
        self._title("科主任按下「确认」/ the head presses Acknowledge", "")
        mark = self.server.mark()
        self.server.inject.press_button(head, alert.message_id or 0, head, label="确认")
        await self._settle()
        self._show(mark)

    async def _compliance(self, rt: Any) -> bool:
        from bot.commands.archive import format_bundle_counts
        from storage.bundle import verify_bundle

        self._title("医务处查询与取证 / compliance searches, seals and verifies", "")
        officer = self.ids["compliance"]
        found = await self._ask(officer, "/search 红包")
        seqs = re.findall(r"#(\d+)", found)
        opened = await self._ask(officer, "/case open 红包投诉 Red packet complaint")
        reference = (re.findall(r"[证投][据诉]-\d{4}-\d{4}", opened) or ["1"])[0]  # 证据-2026-0001
        await self._ask(officer, f"/case add {reference} {' '.join(seqs[:3])}")
        await self._ask(officer, f"/case show {reference}")
        await self._ask(officer, f"/export {reference}")
        await self._ask(officer, "/verify")
        documents = self.server.state.documents(officer)
        if not documents:
            self.out.print("没有收到证据包 / no bundle received", style="red")
            return False
        bundle = self.output / Path(documents[-1].file_name or "bundle.zip").name
        bundle.write_bytes(documents[-1].data)
        report = verify_bundle(bundle)
        verdict = "✅ 证据包离线校验通过 / bundle verified offline" if report.ok else (
            "❌ 证据包校验失败 / bundle verification failed: " + "; ".join(report.problems))
        counts = format_bundle_counts(report.counts)
        self.out.print(f"\n{verdict} — {report.case_reference} {bundle.name}（{counts}）",
                       markup=False)
        return bool(report.ok) and bool(seqs)

    async def _time_moves_on(self, rt: Any, service: Any) -> bool:
        """The clock jumps past the deadline: an alert escalates, this month's report is made."""
        from bot.demo_timed import finale
        from bot.jobs import deliver_notices

        self._title("时间快进：无人确认的告警逐级上报，生成月度报告",
                    "time moves on: an unacknowledged alert escalates, the monthly report")
        mark = self.server.mark()
        say = lambda line: self.out.print(line, markup=False)  # noqa: E731
        result = await asyncio.to_thread(finale, rt.settings, rt.store, self.output, say)
        await deliver_notices(service.app.bot, result.runner)
        await self._settle()
        self._show(mark)
        return bool(result.escalations) and result.html.is_file()

    async def _ask(self, user_id: int, text: str) -> str:
        mark = self.server.mark()
        self.server.inject.message(user_id, user_id, text)
        self._say(user_id, text, "", private=True)
        await self._settle(quiet=0.4)
        self._show(mark)
        replies = [s.text for s in self.server.state.sent[mark:] if s.chat_id == user_id]
        return "\n".join(replies)

    # -- printing ------------------------------------------------------------------------

    def _title(self, zh: str, en: str) -> None:
        self.out.print()
        self.out.print(f"━━ {zh}" + (f"\n━━ {en}" if en else ""), markup=False,
                       style="bold cyan")

    def _say(self, user_id: int, text: str, gloss: str, *, edited: bool = False,
             private: bool = False) -> None:
        where = "私聊 private" if private else "群聊 group"
        mark = "✏️ " if edited else ""
        self.out.print(f"\n{mark}[{where}] {self.labels[user_id]}: {text}", markup=False,
                       style="bold")
        if gloss:
            self.out.print(f"    {gloss}", markup=False, style="dim")

    def _show(self, mark: int, heading: str = "") -> None:
        if heading:
            self._title(heading, "")
        for sent in self.server.state.sent[mark:]:
            who = self.labels.get(sent.chat_id or 0, str(sent.chat_id))
            self.out.print(f"  → {who} sees {_describe(sent)}", markup=False)


def _describe(sent: Any) -> str:
    text = re.sub(r"<[^>]+>", "", sent.text or "").replace("\n", "\n      ")
    if sent.method == "deleteMessage":
        return f"🗑 原消息已删除 / message {sent.params.get('message_id')} deleted"
    if sent.method == "editMessageText":
        return f"(提醒已更新 / alert updated)\n      {text}"
    if sent.method == "answerCallbackQuery":
        return f"(按钮回执 / button answer) {sent.params.get('text', '')}"
    if sent.method == "sendDocument":
        return f"📎 {text}"
    return f"\n      {text}" if "\n" in text else text
