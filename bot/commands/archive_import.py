"""`wardwatch archive import`: an export into the archive, with the same readers as scan.

Messages stream through the roster and the engine (masked copy and findings), and are committed
in batches; a re-run skips what is already archived, so an interrupted import resumes.
Imported history gets findings but no actions: nobody is alerted about last year's chat.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from bot.commands.scan import evaluate
from bot.config import Settings
from bot.importers import InputNotice, InputProblem, open_input, read_messages
from bot.roster import Roster
from rules.engine import masked_text
from rules.model import Finding, Message, Role
from storage import archive, audit
from storage.archive import NewMessage
from storage.db import Store


def import_export(store: Store, settings: Settings, path: Path, input_format: str | None,
                  batch_size: int, actor: str, *, encoding: str | None = None,
                  self_role: Role | None = None) -> int:
    """Import one file; exit 0, or 2 when some records were malformed (reported by line)."""
    from bot.engine_setup import load_engine

    err = Console(file=sys.stderr)
    try:
        reader, _name = open_input(path)
    except OSError as exc:
        err.print(f"{path}: 无法读取 / cannot read: {exc.strerror}", markup=False)
        return 2
    engine = load_engine(settings)
    counts = {"new": 0, "skipped": 0, "problems": 0, "findings": 0}

    def on_problem(problem: InputProblem) -> None:
        counts["problems"] += 1
        err.print(f"{path}:{problem.line}: {problem.message}", markup=False)

    def on_notice(notice: InputNotice) -> None:  # e.g. read as GB18030
        err.print(f"{path}: {notice.message}", markup=False)

    items = read_messages(path, fmt=input_format, local_tz=ZoneInfo(settings.timezone),
                          reader=reader, encoding=encoding, self_role=self_role)
    pending: list[tuple[Message, list[Finding]]] = []
    with ExitStack() as stack:
        progress = stack.enter_context(_progress(err))
        task = progress.add_task("导入 / importing", total=path.stat().st_size)
        for message, findings in evaluate(items, engine, Roster.from_settings(settings),
                                          on_problem, on_notice):
            pending.append((message, findings))
            if len(pending) >= batch_size:
                _commit(store, pending, counts)
                progress.update(task, completed=reader.consumed)
        _commit(store, pending, counts)
        progress.update(task, completed=path.stat().st_size)
    with store.begin() as s:
        audit.record(s, actor, "import", path.name, "archive import", dict(counts))
    print(f"导入完成 / imported: {counts['new']} 条新消息 / new, {counts['skipped']} 条已存在 / "
          f"already archived, {counts['findings']} 项发现 / findings, "
          f"{counts['problems']} 条无法读取 / unreadable")
    return 2 if counts["problems"] else 0


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def _commit(store: Store, pending: list[tuple[Message, list[Finding]]],
            counts: dict[str, Any]) -> None:
    """Append one batch and its findings in one transaction, then clear it."""
    if not pending:
        return
    with store.begin() as s:
        seqs = archive.append_messages(
            s, [NewMessage(m, masked_text(m, f)) for m, f in pending])
        for seq, (_message, findings) in zip(seqs, pending, strict=True):
            if seq is None:
                counts["skipped"] += 1
                continue
            counts["new"] += 1
            if findings:
                archive.record_findings(s, seq, findings)
                counts["findings"] += len(findings)
    pending.clear()
