"""The printable Chinese HTML transcript of a sealed case (sender, role, time, text, edits)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from html import escape
from pathlib import Path
from string import Template
from typing import Any
from zoneinfo import ZoneInfo

from storage.crypto import fingerprint

TEMPLATE = Path(__file__).resolve().parent / "templates" / "transcript.html"
ROLE_ZH = {"doctor": "医生", "nurse": "护士", "assistant": "医助（无执业资格）",
           "patient": "患者", "family": "家属", "unknown": "身份未知"}
CATEGORY_ZH = {"personal_data": "个人信息", "gift": "红包/礼品", "unexamined_advice": "未面诊诊疗",
               "unlicensed_advice": "无资质诊疗", "off_topic": "无关内容"}
SEVERITY_ZH = {"low": "低", "medium": "中", "high": "高", "critical": "严重"}
ACTION_ZH = {"alert": "告警科主任", "prompt": "提醒发送者", "redact": "撤回并重发脱敏文本",
             "delete": "删除", "remind": "群内提醒"}
DECISION_ZH = {"ack": "已确认", "false_positive": "误报", "escalate": "已上报"}
STATUS_ZH = {"pending": "待发送", "failed": "发送失败（重试中）", "sent": "已发送",
             "gave_up": "放弃发送"}
MEDIA_ZH = {"photo": "图片", "sticker": "表情", "voice_message": "语音", "audio_file": "音频",
            "video_file": "视频", "video_message": "视频消息", "animation": "动图",
            "document": "文件", "poll": "投票", "contact": "名片", "location": "位置",
            "service": "系统消息"}
SERVICE_ZH = {"invite_members": "邀请成员", "join_group_by_link": "通过链接入群",
              "remove_members": "移出成员", "create_group": "建群", "pin_message": "置顶消息",
              "edit_group_title": "修改群名", "migrate_to_supergroup": "升级为超级群",
              "send_star_gift": "赠送礼物", "send_payment": "付款", "system": "系统通知"}

SOURCE_ZH = {"telegram": "Telegram", "business": "Telegram Business",
             "tg-export": "Telegram 导出 / export", "wechat": "微信 / WeChat",
             "jsonl": "JSONL 导入 / import"}


def chat_label(title: str, source: str, chat_id: str) -> str:
    """`心内科随访群（微信 / WeChat · 4571@chatroom）`: same-titled chats stay apart."""
    where = f"{SOURCE_ZH.get(source, source)} · {chat_id}" if source else chat_id
    return f"{title}（{where}）" if title else where


def _media(kind: str) -> str:
    """`service:invite_members` → `系统消息：邀请成员 / service:invite_members`."""
    head, _, action = kind.partition(":")
    zh = MEDIA_ZH.get(head, head) + (f"：{SERVICE_ZH.get(action, action)}" if action else "")
    return zh if zh == kind else f"{zh} / {kind}"


def _time(value: str | None, tz: ZoneInfo) -> str:
    if not value:
        return "—"
    parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=ZoneInfo("UTC"))
    return parsed.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def render_html(case: dict[str, Any], data: Any, timezone: str) -> str:
    """The whole page; `data` is the BundleData collected for the case."""
    tz = ZoneInfo(timezone)
    cp = data.checkpoint
    meta = [  # the case as people cite it (证据-2026-0001); the id stays in the JSON files
        ("案件 / Case", f"{case['reference']} · {case['title']}"),
        ("立案 / Opened", f"{_time(case['opened_at'], tz)} · {case['opened_by']}"),
        ("事由 / Reason", case["reason"]),
        ("封存 / Sealed", f"{_time(case['sealed_at'], tz)} · {case['sealed_by']}"),
        ("时区 / Time zone", timezone),
        ("记录 / Records", f"{len(data.messages)} 条消息版本，{len(data.findings)} 项发现，"
                           f"{len(data.actions)} 项处理"),
        ("检查点 / Checkpoint", f"#{cp['seq']} · {_time(cp['signed_at'], tz)}"),
        ("链头哈希 / Head hash", f"<span class=hash>{cp['hash']}</span>"),
        ("公钥指纹 / Key", fingerprint(cp["public_key"])),
    ]
    meta_rows = "\n".join(
        f"<tr><td>{escape(k)}</td><td>{v if k.startswith(('链头',)) else escape(v)}</td></tr>"
        for k, v in meta
    )
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(title=escape(case["title"]), case_id=escape(case["reference"]),
                               meta_rows=meta_rows, rows=_rows(data, tz))


def _rows(data: Any, tz: ZoneInfo) -> str:
    findings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in data.findings:
        findings[f["record"]["message_seq"]].append(f["record"])
    decisions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in data.acks:
        decisions[a["record"]["alert_seq"]].append(a["record"])
    actions: dict[int, list[str]] = defaultdict(list)
    for a in data.actions:
        rec = a["record"]
        done = "；".join(f"{DECISION_ZH.get(d['decision'], d['decision'])}（{d['actor_id']}，"
                        f"{_time(d['at'], tz)}）" for d in decisions.get(a["seq"], []))
        status = STATUS_ZH.get(a["delivery"]["status"], a["delivery"]["status"])
        label = f"{ACTION_ZH.get(rec['kind'], rec['kind'])} · {status}"
        actions[rec["message_seq"]].append(label + (f" · {done}" if done else ""))
    chats: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for m in data.messages:  # grouped by chat in order of first appearance, each with a header
        chats[(m["record"]["source"], m["record"]["chat_id"])].append(m)
    return "\n".join(
        _chat_header(data.chat_titles.get(chat_id, ""), source, chat_id) + "\n"
        + "\n".join(_row(m, findings[m["seq"]], actions[m["seq"]], tz) for m in messages)
        for (source, chat_id), messages in chats.items())


def _chat_header(title: str, source: str, chat_id: str) -> str:
    """A full-width row naming the chat, its platform and id above its messages."""
    platform = SOURCE_ZH.get(source, source) or "—"
    return (f"<tr><th colspan=6>群 / Chat：{escape(title or chat_id)} · 平台 / Platform："
            f"{escape(platform)} · ID <span class=hash>{escape(chat_id)}</span></th></tr>")


def _row(m: dict[str, Any], findings: list[dict[str, Any]], actions: list[str],
         tz: ZoneInfo) -> str:
    rec = m["record"]
    original = m.get("original") or {}
    name = original.get("sender_name") or ""
    role = ROLE_ZH.get(rec["sender_role"], rec["sender_role"])
    sender = (f"{escape(name)}<br><span class=role>{escape(role)} · ID {escape(rec['sender_id'])}"
              "</span>")
    text = escape(original.get("text", rec["masked_text"]))
    notes = ""
    if rec["version"]:  # stored from 0; people count the original as 第 1 版
        notes += (f"<div class=edit>（编辑后第 {rec['version'] + 1} 版 / edited, "
                  f"version {rec['version'] + 1}）</div>")
    if m.get("removed_at"):
        notes += f"<div class=removed>（已于 {_time(m['removed_at'], tz)} 撤回 / removed）</div>"
    if rec.get("media_kind"):
        notes += f"<div class=role>［{escape(_media(rec['media_kind']))}］</div>"
    found = "<br>".join(
        f"<span class=finding>{escape(CATEGORY_ZH.get(f['category'], f['category']))}·"
        f"{escape(SEVERITY_ZH.get(f['severity'], f['severity']))}</span> "
        f"<span class=role>{escape(f['rule_id'])}</span>" for f in findings
    )
    done = "<br>".join(f"<span class=action>{escape(a)}</span>" for a in actions)
    return (f"<tr><td class=seq>#{m['seq']}</td>"
            f"<td class=time>{_time(rec['ts'], tz)}</td><td>{sender}</td>"
            f"<td class=text>{text}{notes}</td><td>{found}</td><td>{done}</td></tr>")
