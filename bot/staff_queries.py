"""The bodies of the compliance staff's commands: storage calls, each audited, rendered short.

Every function runs on the pipeline thread (it blocks on the database) and returns HTML for a
private chat. Only masked text is ever shown here: unmasked originals need the CLI, a stated
reason and the compliance role (design §5), never a chat message.
"""

from __future__ import annotations

import html
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.runtime import Runtime
from bot.texts import role_name, t
from storage import audit, cases, chain, queries, stats

MAX_HITS = 10
SNIPPET = 80


def _when(moment: datetime | None, rt: Runtime) -> str:
    if moment is None:
        return "—"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(rt.settings.timezone)).strftime("%m-%d %H:%M")


def search(rt: Runtime, actor: str, words: list[str]) -> str:
    """/search <words>: newest matches first, masked."""
    lang = rt.settings.language
    with rt.store.begin() as session:
        page = queries.search(session, actor=actor, reason="telegram /search",
                              text=" ".join(words), page_size=MAX_HITS)
    if not page.hits:
        return html.escape(t("staff_none", lang))
    lines = []
    for hit in page.hits:
        text = hit.masked_text if len(hit.masked_text) <= SNIPPET else hit.masked_text[:SNIPPET]
        rules = f" [{', '.join(hit.rules)}]" if hit.rules else ""
        lines.append(f"#{hit.seq} {_when(hit.ts, rt)} {html.escape(hit.chat_title)} "
                     f"{role_name(hit.sender_role, lang)}：{html.escape(text)}{rules}")
    if page.has_more:
        lines.append("…")
    return "\n".join(lines)


def show(rt: Runtime, actor: str, seq: int) -> str:
    """/show <seq>: every version (masked), its findings, actions and decisions."""
    lang = rt.settings.language
    with rt.store.begin() as session:
        view = queries.show(session, seq, actor=actor, reason="telegram /show")
        lines = [f"<b>#{seq}</b> {html.escape(view.chat_title)}"]
        for version in view.versions:
            record = version.record
            removed = " 🗑" if record.removed_at else ""
            lines.append(f"v{record.version} {_when(record.ts, rt)} "
                         f"{role_name(record.sender_role, lang)}{removed}："
                         f"{html.escape(record.masked_text)}")
        lines += [f"⚑ {f.rule_id} ({f.severity})" for f in view.findings]
        lines += [f"→ {a.kind} {a.status}" for a in view.actions]
        lines += [f"✔ {a.decision} {_when(a.at, rt)}" for a in view.acknowledgements]
    return "\n".join(lines)


CASE_USAGE = ("/case open <标题> | /case add <案件编号> <消息号…> | /case show <案件编号> | "
              "/case list")
KIND_ZH = {"evidence": "证据保全", "complaint": "投诉/纠纷"}


def case(rt: Runtime, actor: str, args: list[str]) -> str:
    """/case open <title> | /case add <case> <seq…> | /case show <case> | /case list.

    A case is named by its reference (`证据-2026-0001`) or its internal id.
    """
    lang = rt.settings.language
    verb = args[0] if args else "list"
    with rt.store.begin() as session:
        if verb == "open" and len(args) > 1:
            title = " ".join(args[1:])
            opened = cases.open_case(session, title=title, opened_by=actor,
                                     reason="telegram /case")
            return html.escape(t("staff_case_opened", lang, reference=opened.reference,
                                 title=title))
        if verb == "add" and len(args) > 2 and all(a.isdigit() for a in args[2:]):
            target = cases.find_case(session, args[1])
            added = cases.add_messages(session, target.id, [int(a) for a in args[2:]],
                                       actor=actor)
            return f"+{added} → {html.escape(target.reference)}"
        if verb == "show" and len(args) == 2:
            return _case_card(rt, session, actor, args[1])
        if verb == "list":
            rows = cases.list_cases(session)
            audit.record(session, actor, "case_list", "cases", "telegram /case")
            return "\n".join(
                f"{c.reference} {html.escape(c.title)} ({c.messages}) "
                f"{'🔒' if c.sealed_at else ''}".rstrip()
                for c in rows
            ) or html.escape(t("staff_none", lang))
    return html.escape(t("staff_usage", lang, usage=CASE_USAGE))


def _case_card(rt: Runtime, session: Any, actor: str, key: str) -> str:
    """/case show: reference, kind, title, who opened it, how many records, sealed or open."""
    case_id = cases.find_case(session, key).id  # an unknown reference stops here, named
    [c] = [row for row in cases.list_cases(session) if row.id == case_id]
    audit.record(session, actor, "case_show", f"case {case_id}", "telegram /case")
    state = (f"🔒 已封存 {_when(c.sealed_at, rt)} · SHA-256 {c.bundle_sha256 or ''}"
             if c.sealed_at else "办理中")
    return "\n".join([
        f"<b>{html.escape(c.reference)}</b> {html.escape(c.title)}",
        f"类型：{KIND_ZH.get(c.kind, c.kind)}",
        f"立案：{_when(c.opened_at, rt)} · {html.escape(c.opened_by)}",
        f"记录：{c.messages} 条（冻结保留）",
        f"状态：{state}",
    ])


def export(rt: Runtime, actor: str, key: str) -> tuple[Path, str, str]:
    """/export <case>: seal the case into a bundle; (path, sha256, reference)."""
    out_dir = Path(tempfile.mkdtemp(prefix="wardwatch-export-"))
    with rt.store.begin() as session:
        target = cases.find_case(session, key)
        sealed = cases.seal(session, target.id, actor=actor, reason="telegram /export",
                            out_dir=out_dir, timezone=rt.settings.timezone)
        return sealed.path, sealed.sha256, target.reference


def verify(rt: Runtime, actor: str) -> str:
    """/verify: recompute the whole chain."""
    lang = rt.settings.language
    with rt.store.begin() as session:
        result = chain.verify_chain(session)
        audit.record(session, actor, "verify", "chain", "telegram /verify")
    if result.ok:
        return html.escape(t("staff_verify_ok", lang, count=result.checked))
    return html.escape(t("staff_verify_bad", lang, seq=result.bad_seq))


def summary(rt: Runtime, actor: str, days: int) -> str:
    """/stats [days]: findings by category and how heads decided, over the last days."""
    end = datetime.now(UTC)
    with rt.store.begin() as session:
        facts = stats.finding_facts(session, end - timedelta(days=days), end)
        audit.record(session, actor, "stats", f"{days} days", "telegram /stats")
    by_category = Counter(f.category for f in facts)
    decided = Counter(f.decision or "open" for f in facts if f.alerted)
    head = f"近 {days} 天 / last {days} days: {len(facts)}"
    lines = [head] + [f"{k}: {v}" for k, v in sorted(by_category.items())]
    lines += [f"alerts {k}: {v}" for k, v in sorted(decided.items())]
    return html.escape("\n".join(lines))
