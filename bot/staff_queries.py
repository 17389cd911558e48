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


def case(rt: Runtime, actor: str, args: list[str]) -> str:
    """/case open <title> | /case add <case> <seq…> | /case list."""
    lang = rt.settings.language
    verb = args[0] if args else "list"
    with rt.store.begin() as session:
        if verb == "open" and len(args) > 1:
            title = " ".join(args[1:])
            opened = cases.open_case(session, title=title, opened_by=actor,
                                     reason="telegram /case")
            return html.escape(t("staff_case_opened", lang, case_id=opened.id, title=title))
        if verb == "add" and len(args) > 2:
            added = cases.add_messages(session, int(args[1]), [int(a) for a in args[2:]],
                                       actor=actor)
            return f"+{added} → {html.escape(args[1])}"
        if verb == "list":
            rows = cases.list_cases(session)
            audit.record(session, actor, "case_list", "cases", "telegram /case")
            return "\n".join(
                f"{c.id}. {html.escape(c.title)} ({c.messages}) {'🔒' if c.sealed_at else ''}"
                for c in rows
            ) or html.escape(t("staff_none", lang))
    return html.escape(t("staff_usage", lang, usage="/case open <标题> | /case add <编号> "
                         "<消息号…> | /case list"))


def export(rt: Runtime, actor: str, case_id: int) -> tuple[Path, str]:
    """/export <case>: seal the case into a bundle; (path, sha256)."""
    out_dir = Path(tempfile.mkdtemp(prefix="wardwatch-export-"))
    with rt.store.begin() as session:
        sealed = cases.seal(session, case_id, actor=actor, reason="telegram /export",
                            out_dir=out_dir, timezone=rt.settings.timezone)
    return sealed.path, sealed.sha256


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
