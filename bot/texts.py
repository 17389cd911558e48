"""Every sentence a Telegram user reads, Chinese first, English by configuration.

Texts never interpolate raw message text: callers pass masked excerpts only. Keys are grouped by
who reads them: department heads (alert_*), senders (prompt_*, redact_*, remind_*), compliance
staff (staff_*), operators (ops_*).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

TEXTS: dict[str, dict[str, str]] = {
    # department heads
    "alert_title": {"zh": "⚠️ 合规提醒：{title}", "en": "⚠️ Compliance alert: {title}"},
    "alert_rule": {"zh": "规则：{rule_id}（{severity}）", "en": "Rule: {rule_id} ({severity})"},
    "alert_basis": {"zh": "依据：{basis}", "en": "Legal basis: {basis}"},
    "alert_chat": {"zh": "群聊：{chat}", "en": "Chat: {chat}"},
    "alert_sender": {"zh": "发送者：{name}（{role}）", "en": "Sender: {name} ({role})"},
    "alert_time": {"zh": "时间：{time}", "en": "Time: {time}"},
    "alert_excerpt": {"zh": "摘录（已脱敏）：{excerpt}", "en": "Excerpt (masked): {excerpt}"},
    "alert_link": {"zh": "原消息：{link}", "en": "Message: {link}"},
    "alert_repeat": {
        "zh": "同一发送者 {minutes} 分钟内第 {count} 次触发此规则",
        "en": "{count} times by this sender within {minutes} minutes",
    },
    "alert_escalated_to": {
        "zh": "⬆️ 由 {name} 升级至医务处，请处理。",
        "en": "⬆️ Escalated by {name} to medical affairs.",
    },
    "button_ack": {"zh": "确认", "en": "Acknowledge"},
    "button_false": {"zh": "误报", "en": "False positive"},
    "button_escalate": {"zh": "升级", "en": "Escalate"},
    "ack_ack": {"zh": "✅ {name} 已确认（{time}）", "en": "✅ Acknowledged by {name} ({time})"},
    "ack_false": {
        "zh": "❎ {name} 标记为误报（{time}）",
        "en": "❎ Marked false positive by {name} ({time})",
    },
    "ack_escalate": {
        "zh": "⬆️ {name} 已升级至医务处（{time}）", "en": "⬆️ Escalated by {name} ({time})",
    },
    "ack_done": {"zh": "已记录", "en": "Recorded"},
    "ack_gone": {
        "zh": "这条提醒已不存在（可能已按保留期清理）。",
        "en": "This alert no longer exists (it may have been purged).",
    },
    "ack_not_allowed": {
        "zh": "抱歉，您无权处理此提醒。",
        "en": "Sorry, you may not handle this alert.",
    },
    # senders
    "prompt_private": {
        "zh": "您好，您在「{chat}」发送的消息可能包含个人信息（{entities}）。"
        "为保护患者隐私，请删除原消息，并改发以下已脱敏的版本：",
        "en": "Hello, your message in “{chat}” may contain personal data ({entities}). "
        "To protect patient privacy, please delete it and post this masked version instead:",
    },
    "prompt_redacted": {
        "zh": "您好，您在「{chat}」发送的消息包含个人信息（{entities}），"
        "已被删除并以脱敏版本代发，原消息已存档。今后请不要在群内发送此类信息，需要时请私聊。脱敏版本如下：",
        "en": "Hello, your message in “{chat}” contained personal data ({entities}); it was "
        "removed and reposted masked, and the original is archived. Please do not post such "
        "data in the group; use a private chat. The masked version:",
    },
    "prompt_group": {
        "zh": "⚠️ 这条消息可能包含个人信息，请尽快删除。"
        "私聊本机器人并发送 /start，即可收到脱敏版本。",
        "en": "⚠️ This message may contain personal data; please delete it. Send /start to me "
        "in a private chat to receive a masked version.",
    },
    "redact_repost": {
        "zh": "【{name} 的消息，已由合规机器人脱敏】\n{masked}",
        "en": "[Message from {name}, masked by the compliance bot]\n{masked}",
    },
    "redact_why": {
        "zh": "原消息包含个人信息（{entities}），已删除并存档。{why}",
        "en": "The original contained personal data ({entities}); it was removed and "
        "archived. {why}",
    },
    "remind": {"zh": "💡 温馨提示：{why}", "en": "💡 A gentle reminder: {why}"},
    "remind_default": {
        "zh": "线上无法面诊，具体诊断和用药请到门诊当面就诊，由医生检查后决定。",
        "en": "We cannot examine you online; please come to the clinic so a doctor can examine "
        "you before any diagnosis or prescription.",
    },
    # everyone in private
    "start": {
        "zh": "您好，我是本院医患群合规助手。"
        "当您的消息包含个人信息时，我会在这里把脱敏版本发给您。",
        "en": "Hello, I am the hospital's patient-group compliance assistant. When a message of "
        "yours contains personal data, I will send you a masked version here.",
    },
    "help_staff": {
        "zh": "合规查询（每次查询都会记录在审计日志中）：\n"
        "/search <关键词> 检索存档（已脱敏）\n/show <消息号> 查看消息各版本、发现与处理\n"
        "/case open <标题> | /case add <案件编号> <消息号…> | /case show <案件编号> | "
        "/case list 案件（案件编号如 证据-2026-0001）\n"
        "/export <案件编号> 封存并发送证据包\n/verify 校验存档链\n/stats [天数] 统计\n"
        "/reload 重新加载名册",
        "en": "Compliance queries (every query is audited):\n"
        "/search <words> search the archive (masked)\n/show <no.> a message's versions, "
        "findings and actions\n/case open <title> | /case add <case> <no.…> | /case show <case> "
        "| /case list (a case is named like 证据-2026-0001)\n"
        "/export <case> seal and send the evidence bundle\n/verify check the archive chain\n"
        "/stats [days] statistics\n/reload reload the roster",
    },
    "refusal": {
        "zh": "抱歉，您没有使用该功能的权限。如需帮助，请联系医务处。",
        "en": "Sorry, you are not allowed to use this function. Please contact medical affairs.",
    },
    "bind_usage": {
        "zh": "用法：/bind <科室编号>，可选：{ids}",
        "en": "Usage: /bind <department>; one of: {ids}",
    },
    "bind_done": {
        "zh": "已将本群绑定到「{department}」，合规提醒将发送给该科室负责人。",
        "en": "This group is now bound to “{department}”; alerts go to its department heads.",
    },
    "reload_done": {
        "zh": "名册已重新加载：{people} 人，{departments} 个科室。",
        "en": "Roster reloaded: {people} people, {departments} departments.",
    },
    "reload_failed": {
        "zh": "名册重新加载失败，仍使用旧名册。原因：{reason}",
        "en": "Roster reload failed; the previous roster stays in use. Reason: {reason}",
    },
    # compliance staff
    "staff_usage": {"zh": "用法：{usage}", "en": "Usage: {usage}"},
    "staff_none": {"zh": "没有找到结果。", "en": "Nothing found."},
    "staff_failed": {
        "zh": "抱歉，查询暂时失败，请稍后再试。",
        "en": "Sorry, the query failed; please try again later.",
    },
    "staff_verify_ok": {
        "zh": "✅ 存档完整：共 {count} 条记录，链校验通过。",
        "en": "✅ Archive intact: {count} records, chain verified.",
    },
    "staff_verify_bad": {
        "zh": "❌ 存档校验失败：第 {seq} 条记录起链条断裂。",
        "en": "❌ Archive verification failed: the chain breaks at record {seq}.",
    },
    "staff_case_opened": {
        "zh": "已建立案件 {reference}：{title}",
        "en": "Case {reference} opened: {title}",
    },
    "staff_exported": {
        "zh": "案件 {reference} 的封存证据包（SHA-256 {digest}）",
        "en": "Sealed bundle of case {reference} (SHA-256 {digest})",
    },
    # operators
    "ops_error": {
        "zh": "⚠️ 处理更新 {update_id} 时出错：{error}。详情见服务器日志，更新已保留在收件箱中。",
        "en": "⚠️ Error while handling update {update_id}: {error}. See the server log; the "
        "update stays in the inbox.",
    },
    "ops_privacy_on": {
        "zh": "⚠️ 机器人开启了隐私模式，无法读取群内全部消息。请在 @BotFather 中执行 /setprivacy → "
        "Disable，或在每个群中把机器人设为管理员。",
        "en": "⚠️ Privacy mode is on, so the bot cannot read every group message. In @BotFather "
        "run /setprivacy → Disable, or make the bot an administrator in every group.",
    },
    "ops_not_admin": {
        "zh": "⚠️ 机器人在「{chat}」不是管理员，无法删除含个人信息的消息（仅提醒，不执行删除）。",
        "en": "⚠️ The bot is not an administrator in “{chat}”, so it cannot delete messages "
        "with personal data (it will only prompt).",
    },
    "ops_cannot_read": {
        "zh": "⚠️ 机器人在「{chat}」既不是管理员也未关闭隐私模式，看不到普通消息。",
        "en": "⚠️ In “{chat}” the bot is neither an administrator nor free of privacy mode, so "
        "it cannot see ordinary messages.",
    },
    "ops_added": {
        "zh": "机器人已加入「{chat}」。请授权人员在群内发送 /bind <科室编号> 绑定科室。",
        "en": "The bot joined “{chat}”. An authorised person should send "
        "/bind <department> there.",
    },
    "ops_removed": {
        "zh": "机器人已被移出「{chat}」。",
        "en": "The bot was removed from “{chat}”.",
    },
    "ops_ready": {
        "zh": "✅ WardWatch 已启动：隐私模式{privacy}，监控 {chats} 个群。",
        "en": "✅ WardWatch started: privacy mode {privacy}, monitoring {chats} groups.",
    },
    "ops_undeliverable": {
        "zh": "⚠️ 无法删除「{chat}」中超过 48 小时的消息（{rule_id}），请人工处理。",
        "en": "⚠️ A message older than 48 h in “{chat}” cannot be deleted ({rule_id}); "
        "please handle it by hand.",
    },
    "privacy_off": {"zh": "已关闭", "en": "off"},
    "privacy_on": {"zh": "已开启（需管理员权限）", "en": "on (admin rights needed)"},
}

ROLE_NAMES: dict[str, dict[str, str]] = {
    "doctor": {"zh": "医生", "en": "doctor"},
    "nurse": {"zh": "护士", "en": "nurse"},
    "assistant": {"zh": "医助（无执业资格）", "en": "assistant (unlicensed)"},
    "patient": {"zh": "患者", "en": "patient"},
    "family": {"zh": "家属", "en": "family"},
    "unknown": {"zh": "身份未知", "en": "unknown"},
}

SEVERITY_NAMES: dict[str, dict[str, str]] = {
    "low": {"zh": "低", "en": "low"},
    "medium": {"zh": "中", "en": "medium"},
    "high": {"zh": "高", "en": "high"},
    "critical": {"zh": "严重", "en": "critical"},
}

ENTITY_NAMES: dict[str, dict[str, str]] = {
    "CN_RESIDENT_ID": {"zh": "身份证号", "en": "ID number"},
    "PASSPORT": {"zh": "护照号", "en": "passport number"},
    "HK_MACAO_PERMIT": {"zh": "港澳通行证号", "en": "travel permit number"},
    "CN_PHONE": {"zh": "手机号", "en": "phone number"},
    "CN_LANDLINE": {"zh": "电话号码", "en": "phone number"},
    "PHONE_NUMBER": {"zh": "电话号码", "en": "phone number"},
    "BANK_CARD": {"zh": "银行卡号", "en": "bank card number"},
    "CREDIT_CARD": {"zh": "银行卡号", "en": "card number"},
    "IBAN_CODE": {"zh": "银行账号", "en": "bank account"},
    "MEDICAL_RECORD_NO": {"zh": "病历号", "en": "medical record number"},
    "INSURANCE_NO": {"zh": "医保号", "en": "insurance number"},
    "PERSON_NAME": {"zh": "姓名", "en": "name"},
    "BED_NAME": {"zh": "床号和姓名", "en": "bed and name"},
    "EMAIL_ADDRESS": {"zh": "邮箱", "en": "e-mail address"},
    "ADDRESS": {"zh": "住址", "en": "address"},
    "WECHAT_ID": {"zh": "微信号", "en": "WeChat ID"},
    "QQ_ID": {"zh": "QQ 号", "en": "QQ number"},
    "IP_ADDRESS": {"zh": "IP 地址", "en": "IP address"},
}


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The text `key` in `lang` (Chinese when the language is unknown), formatted."""
    entry = TEXTS[key]
    return entry.get(lang, entry["zh"]).format(**values)


def role_name(role: str, lang: str = "zh") -> str:
    """A role as the reader says it."""
    entry = ROLE_NAMES.get(role, ROLE_NAMES["unknown"])
    return entry.get(lang, entry["zh"])


def severity_name(severity: str, lang: str = "zh") -> str:
    """A severity as the reader says it."""
    entry = SEVERITY_NAMES.get(severity, {"zh": severity, "en": severity})
    return entry.get(lang, entry["zh"])


def entity_names(entities: list[str] | tuple[str, ...], lang: str = "zh") -> str:
    """A readable, de-duplicated list of personal-data kinds, never their values."""
    seen: list[str] = []
    for entity in entities:
        entry = ENTITY_NAMES.get(entity, {"zh": "个人信息", "en": "personal data"})
        name = entry.get(lang, entry["zh"])
        if name not in seen:
            seen.append(name)
    return ("、" if lang == "zh" else ", ").join(seen) or t_personal(lang)


def t_personal(lang: str) -> str:
    """The generic name of personal data."""
    return "个人信息" if lang == "zh" else "personal data"
