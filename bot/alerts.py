"""Alerts to department heads: rendering, buttons, grouping of repeats, and button presses.

An alert carries what a head needs to judge a finding without opening the chat: the rule's
title and legal basis, the chat, the sender's name and role, the time, a masked excerpt and a
link. Every copy of one alert carries the buttons 确认 / 误报 / 升级; a press is recorded (who,
when) and every copy is edited to show it. Repeats of one rule by one sender within the window
edit the first alert's counter instead of sending another message.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.config import Settings
from bot.executor import Delivery, Undeliverable
from bot.texts import role_name, severity_name, t

DECISIONS = {"k": "ack", "f": "false_positive", "e": "escalate"}
STATUS_KEYS = {"ack": "ack_ack", "false_positive": "ack_false", "escalate": "ack_escalate"}
EXCERPT_CHARS = 200

log = logging.getLogger(__name__)


def callback_data(alert_id: int, decision: str) -> str:
    """Button payload (well under Telegram's 64 bytes): `a:<alert id>:<k|f|e>`."""
    code = next(code for code, name in DECISIONS.items() if name == decision)
    return f"a:{alert_id}:{code}"


def parse_callback(data: str | None) -> tuple[int, str] | None:
    """(alert id, decision) from a button payload, None when it is not ours."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != "a" or parts[2] not in DECISIONS:
        return None
    try:
        alert_id = int(parts[1])
    except ValueError:
        return None
    return (alert_id, DECISIONS[parts[2]]) if 0 < alert_id < 2**63 else None  # a database id


def alert_keyboard(alert_id: int, lang: str) -> InlineKeyboardMarkup:
    """The three decision buttons."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(t("button_ack", lang), callback_data=callback_data(alert_id, "ack")),
        InlineKeyboardButton(
            t("button_false", lang), callback_data=callback_data(alert_id, "false_positive")
        ),
        InlineKeyboardButton(
            t("button_escalate", lang), callback_data=callback_data(alert_id, "escalate")
        ),
    ]])


def local_time(iso: str, tz: ZoneInfo) -> str:
    """An ISO timestamp as local `YYYY-MM-DD HH:MM`."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def render_alert(
    item: Delivery, lang: str, tz: ZoneInfo, *, count: int = 1, window: int = 10
) -> str:
    """The alert text (HTML) for one outbox row; the excerpt is the masked text only."""
    p = item.payload
    title = p.get(f"title_{lang}") or p.get("title_zh") or item.rule_id
    excerpt = p.get("excerpt", "")
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS] + "…"
    lines = [
        "<b>" + html.escape(t("alert_title", lang, title=title)) + "</b>",
        t("alert_rule", lang, rule_id=item.rule_id, severity=severity_name(item.severity, lang)),
    ]
    if p.get("legal_basis"):
        lines.append(t("alert_basis", lang, basis=p["legal_basis"]))
    lines += [
        t("alert_chat", lang, chat=p.get("chat_title") or item.chat_id),
        t("alert_sender", lang, name=p.get("sender_name") or "?",
          role=role_name(p.get("sender_role", "unknown"), lang)),
        t("alert_time", lang, time=local_time(p.get("ts", ""), tz)),
        t("alert_excerpt", lang, excerpt=excerpt or "—"),
    ]
    if p.get("link"):
        lines.append(t("alert_link", lang, link=p["link"]))
    if count > 1:
        lines.append(t("alert_repeat", lang, count=count, minutes=window))
    return "\n".join(html.escape(line) if i else line for i, line in enumerate(lines))


def status_line(decision: str, who: str, at: datetime, lang: str, tz: ZoneInfo) -> str:
    """The line appended to every copy of an alert once someone pressed a button."""
    when = at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return t(STATUS_KEYS[decision], lang, name=html.escape(who), time=when)


@dataclass(slots=True)
class SentAlert:
    """Where the copies of one alert went, so repeats and presses can edit them all."""

    alert_id: int
    item: Delivery
    copies: list[tuple[int, int]] = field(default_factory=list)  # (chat id, message id)
    count: int = 1
    first_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    status: list[str] = field(default_factory=list)


class AlertBook:
    """In-memory index of recent alerts: grouping key → alert, alert id → alert."""

    def __init__(
        self, window: timedelta, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ):
        self.window = window
        self.clock = clock
        self._by_key: dict[tuple[str, str, str], SentAlert] = {}
        self._by_id: dict[int, SentAlert] = {}

    @staticmethod
    def key(item: Delivery) -> tuple[str, str, str]:
        """One rule, one sender, one chat."""
        return item.rule_id, item.chat_id, str(item.payload.get("sender_id", ""))

    def repeat_of(self, item: Delivery) -> SentAlert | None:
        """The open alert this row repeats, if one was sent within the window."""
        sent = self._by_key.get(self.key(item))
        if sent is None or self.clock() - sent.first_at > self.window or sent.status:
            return None
        return sent

    def remember(self, sent: SentAlert) -> None:
        """Index a freshly sent alert."""
        self._by_key[self.key(sent.item)] = sent
        self._by_id[sent.alert_id] = sent
        self._forget_old()

    def get(self, alert_id: int) -> SentAlert | None:
        """A recent alert by id (None after a restart or once it aged out)."""
        return self._by_id.get(alert_id)

    def _forget_old(self) -> None:
        horizon = self.clock() - max(self.window, timedelta(days=2))
        for alert_id, sent in list(self._by_id.items()):
            if sent.first_at < horizon:
                del self._by_id[alert_id]
                if self._by_key.get(self.key(sent.item)) is sent:
                    del self._by_key[self.key(sent.item)]


def alert_recipients(settings: Settings, department: str) -> list[int]:
    """Where a department's alerts go: its alert group if it has one, else its heads' private
    chats, else medical affairs; the operator chat when nobody is configured."""
    chats = [d.alert_chat_id for d in settings.roster.departments
             if d.id == department and d.alert_chat_id is not None]
    if chats:
        return chats
    people = settings.roster.people
    heads = [p.telegram_id for p in people if "department_head" in p.duties
             and (p.department == department or not department)]
    if not heads:
        heads = [p.telegram_id for p in people if "medical_affairs" in p.duties]
    if not heads and settings.telegram.operator_chat_id is not None:
        heads = [settings.telegram.operator_chat_id]
    return list(dict.fromkeys(heads))


def escalation_recipients(settings: Settings) -> list[int]:
    """Medical affairs (医务处), else compliance staff."""
    people = settings.roster.people
    found = [p.telegram_id for p in people if "medical_affairs" in p.duties]
    return found or [p.telegram_id for p in people if "compliance" in p.duties]


def may_decide(settings: Settings, user_id: int, department: str) -> bool:
    """Heads of the alert's department, medical affairs and compliance may press buttons."""
    for person in settings.roster.people:
        if person.telegram_id != user_id:
            continue
        duties = set(person.duties)
        if duties & {"medical_affairs", "compliance", "compliance_lead"}:
            return True
        if "department_head" in duties and (person.department == department or not department):
            return True
    return False


async def send_alert(
    bot: Bot, item: Delivery, settings: Settings, book: AlertBook
) -> str | None:
    """Send (or, for a repeat, update) the alert of one outbox row; return a message id."""
    lang, tz = settings.alerts.language, ZoneInfo(settings.timezone)
    window = settings.alerts.group_window_minutes
    repeat = book.repeat_of(item)
    if repeat is not None:
        repeat.count += 1
        text = render_alert(repeat.item, lang, tz, count=repeat.count, window=window)
        await _edit_copies(bot, repeat, text, alert_keyboard(repeat.alert_id, lang))
        return str(repeat.copies[0][1]) if repeat.copies else None
    sent = SentAlert(item.id, item, first_at=book.clock())
    text = render_alert(item, lang, tz, window=window)
    for chat_id in alert_recipients(settings, item.payload.get("department", "")):
        try:
            message = await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML,
                reply_markup=alert_keyboard(item.id, lang), disable_web_page_preview=True,
            )
        except Forbidden:  # this head never started the bot; the others still get it
            log.warning("alert %d: recipient has not started the bot", item.id)
            continue
        sent.copies.append((chat_id, message.message_id))
    if not sent.copies:
        raise Undeliverable("no alert recipient could be reached")
    book.remember(sent)
    return str(sent.copies[0][1])


async def _edit_copies(
    bot: Bot, sent: SentAlert, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    for chat_id, message_id in sent.copies:
        try:
            await bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML,
                reply_markup=markup, disable_web_page_preview=True,
            )
        except BadRequest as exc:  # "message is not modified" and friends: nothing to do
            log.info("alert %d copy not edited: %s", sent.alert_id, exc.message)


async def apply_decision(
    bot: Bot, sent: SentAlert | None, query_text: str, decision: str, who: str,
    at: datetime, settings: Settings,
) -> str:
    """Edit every known copy of the alert with the decision; return the new text."""
    lang, tz = settings.alerts.language, ZoneInfo(settings.timezone)
    line = status_line(decision, who, at, lang, tz)
    if sent is None:  # after a restart only the pressed copy is known
        return html.escape(query_text) + "\n\n" + line
    sent.status.append(line)
    window = settings.alerts.group_window_minutes
    text = render_alert(sent.item, lang, tz, count=sent.count, window=window)
    text += "\n\n" + "\n".join(sent.status)
    await _edit_copies(bot, sent, text, None)
    return text


async def escalate(bot: Bot, text: str, who: str, settings: Settings) -> int:
    """Send the alert to medical affairs; return how many received it."""
    lang = settings.alerts.language
    body = text + "\n\n" + t("alert_escalated_to", lang, name=html.escape(who))
    reached = 0
    for chat_id in escalation_recipients(settings):
        try:
            await bot.send_message(chat_id, body, parse_mode=ParseMode.HTML)
            reached += 1
        except Forbidden:
            log.warning("escalation recipient has not started the bot")
    return reached
