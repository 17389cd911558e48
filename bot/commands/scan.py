"""`wardwatch scan INPUT`: audit an exported chat history offline (design §4.1–4.2).

Messages stream from the importer through the roster (a role in the input wins) into the engine,
one context per chat; findings go out as JSONL (or a table) in input order, then a summary.
Exit 0 when every record was read, 1 with `--fail-on` hit, 2 when any record was malformed.
A record whose only fault is its time (JSONL `ts`, WeChat `CreateTime`, Telegram `date`) is
scanned with the time unknown, yet reported by line and counted as malformed: exit 2 still
means "fix the input", and no finding (an ID number, a red packet) is lost to a bad date.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import IO, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bot.config import ConfigError, Settings, load_settings
from bot.importers import FORMATS, InputNotice, InputProblem, Item, open_input, read_messages
from bot.roster import Roster
from bot.texts import ROLE_NAMES, SEVERITY_NAMES
from rules.model import Category, Finding, Message, Role, Severity

HELP = "离线扫描聊天记录 / scan an exported chat history offline"
EXIT_OK, EXIT_FAIL_ON, EXIT_BAD_INPUT = 0, 1, 2
_PROGRESS_EVERY = 200
_EXCERPT = 60
MAX_PROBLEM_LINES = 20  # a binary file would print one error per line otherwise
UNKNOWN_ROLE_WARN = 3  # more messages than this of an unknown sender: roles are missing


class ScanEngine(Protocol):
    """What scan needs from `rules.engine.Engine`."""

    def scan(self, messages: Iterable[Message]) -> Iterator[tuple[Message, list[Finding]]]:
        """Evaluate messages in order, one context per chat."""
        ...


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of design §4.1."""
    parser.add_argument("input", metavar="INPUT",
                        help="JSONL、Telegram result.json 或微信 CSV；- 为标准输入 / "
                             "JSONL, Telegram result.json or WeChat CSV; - reads stdin")
    parser.add_argument("--config", metavar="FILE", help="配置文件 / config file (YAML)")
    parser.add_argument("--output", metavar="FILE",
                        help="发现写入文件（默认标准输出）/ write findings here (default stdout)")
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl",
                        help="发现的输出格式 / findings as JSONL (default) or a table")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], metavar="SEVERITY",
                        help="存在该级别及以上发现时退出码为 1 / exit 1 on a finding at or "
                             "above SEVERITY (low, medium, high, critical)")
    add_input_options(parser)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """How to read an export: format, encoding, the exporting account's role (scan, import)."""
    parser.add_argument("--input-format", choices=FORMATS,
                        help="输入格式（默认自动识别）/ input format (detected by default)")
    parser.add_argument("--encoding", type=_encoding, metavar="NAME",
                        help="微信 CSV 的编码（默认 UTF-8，不是 UTF-8 时按 GB18030）/ WeChat CSV "
                             "encoding (default: UTF-8, else GB18030), e.g. gbk")
    parser.add_argument("--self-role", choices=[r.value for r in Role if r is not Role.UNKNOWN],
                        metavar="ROLE",
                        help="微信 CSV 中导出者本人（IsSender=1）的角色 / role of the exporting "
                             "account's own messages in a WeChat CSV (IsSender = 1), e.g. doctor")


def _encoding(name: str) -> str:
    """An encoding Python knows, for argparse."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"未知编码 / unknown encoding: {name}") from None


def run(args: argparse.Namespace) -> int:
    """Load settings and the rule engine, then scan."""
    err = _console(sys.stderr)
    try:
        settings = load_settings(args.config)
        local_tz = ZoneInfo(settings.timezone)
    except ConfigError as exc:
        err.print(str(exc), markup=False)
        return EXIT_BAD_INPUT
    except (ZoneInfoNotFoundError, ValueError):
        where = args.config or "<defaults>"
        err.print(f"{where}: timezone: 未知时区 / unknown time zone", markup=False)
        return EXIT_BAD_INPUT
    engine = load_engine(settings, err, args.config)
    if engine is None:
        return EXIT_BAD_INPUT
    return scan_to(args.input, engine=engine, settings=settings, output=args.output,
                   out_format=args.format, fail_on=args.fail_on,
                   input_format=args.input_format, local_tz=local_tz,
                   encoding=args.encoding,
                   self_role=Role(args.self_role) if args.self_role else None)


def load_engine(settings: Settings, err: Console,
                config_path: str | None = None) -> ScanEngine | None:
    """The rule engine with the configured packs and overrides; None (reported) when invalid."""
    from bot.engine_setup import load_engine as configured_engine
    from rules.loader import default_pack_warning

    warning = default_pack_warning(settings.rules.packs)
    if warning:  # listed packs replace cn-healthcare: say so before a scan that finds nothing
        err.print(warning, markup=False)
    try:  # resolve_pack names the pack as written in the config when it does not exist
        return configured_engine(settings, config_path)
    except Exception as exc:  # a bad rule file: refuse to start, naming file, rule, field
        err.print(f"规则加载失败 / rules failed to load: {exc}", markup=False)
        return None


@dataclass
class Summary:
    """Counts for the end-of-scan tables and the exit code."""

    messages: int = 0
    problems: int = 0
    findings: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_chat: Counter[str] = field(default_factory=Counter)
    messages_by_chat: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    messages_by_role: Counter[str] = field(default_factory=Counter)
    unknown_senders: int = 0  # messages of a person (not a service row) whose role is unknown
    worst: Severity | None = None

    def add(self, message: Message, findings: list[Finding]) -> None:
        """Count one evaluated message."""
        chat = chat_label(message)
        self.messages += 1
        self.messages_by_chat[chat] += 1
        self.messages_by_role[message.sender_role.value] += 1
        if message.sender_role is Role.UNKNOWN and not _is_service(message):
            self.unknown_senders += 1
        for finding in findings:
            self.findings += 1
            self.by_category[finding.category.value] += 1
            self.by_chat[chat] += 1
            self.by_role[message.sender_role.value] += 1
            if self.worst is None or finding.severity.rank > self.worst.rank:
                self.worst = finding.severity


def _is_service(message: Message) -> bool:
    """A platform's own row (Telegram service message, WeChat system row): nobody's role."""
    return (message.media_kind or "").startswith("service")


def chat_label(message: Message) -> str:
    """How a chat is named in the summary."""
    if message.chat_title and message.chat_id:
        return f"{message.chat_title} ({message.chat_id})"
    return message.chat_title or message.chat_id or "-"


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings of one message in a stable order: by first span, then rule id."""
    def key(finding: Finding) -> tuple[int, str, tuple[tuple[int, int, str], ...]]:
        spans = tuple((s.start, s.end, s.entity) for s in finding.spans)
        return (min((s.start for s in finding.spans), default=-1), finding.rule_id, spans)

    return sorted(findings, key=key)


def finding_line(finding: Finding) -> str:
    """One design §4.2 output line."""
    return json.dumps(finding.to_json(), ensure_ascii=False)


def masked_excerpt(message: Message, findings: list[Finding], width: int = _EXCERPT) -> str:
    """The message text with every personal-data span masked, shortened for a table cell."""
    from rules.engine import masked_text

    text = " ".join(masked_text(message, findings).split())
    if not text and message.media_kind:  # a transfer, a red packet, a photo: say what it was
        text = f"[{message.media_kind}]"
    return text if len(text) <= width else text[: width - 1] + "…"


def evaluate(
    items: Iterable[Item],
    engine: ScanEngine,
    roster: Roster,
    on_problem: Callable[[InputProblem], None],
    on_notice: Callable[[InputNotice], None] | None = None,
) -> Iterator[tuple[Message, list[Finding]]]:
    """Resolve roles, hand messages to the engine, report problems as they stream past.

    A problem that still carries its record (only the time was unreadable) is scanned too.
    """
    def messages() -> Iterator[Message]:
        for item in items:
            if isinstance(item, InputNotice):
                if on_notice is not None:
                    on_notice(item)
                continue
            if isinstance(item, InputProblem):
                on_problem(item)
                if item.record is None:
                    continue
                item = item.record
            yield roster.resolve(item)

    for message, findings in engine.scan(messages()):
        yield message, ordered(findings)


def scan_to(
    source: str | Path,
    *,
    engine: ScanEngine,
    settings: Settings,
    output: str | None = None,
    out_format: str = "jsonl",
    fail_on: str | None = None,
    input_format: str | None = None,
    local_tz: tzinfo | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    encoding: str | None = None,
    self_role: Role | None = None,
) -> int:
    """Scan one input, write findings and the summary, and return the exit code."""
    out_console, err = _console(stdout or sys.stdout), _console(stderr or sys.stderr)
    summary = Summary()
    table = _findings_table() if out_format == "table" else None
    try:
        reader, name = open_input(source)
        with ExitStack() as stack:
            sink = None if table is not None else _open_sink(stack, output, stdout)
            progress, task = _progress(stack, err, name)

            def on_problem(problem: InputProblem) -> None:
                summary.problems += 1
                if summary.problems <= MAX_PROBLEM_LINES:
                    err.print(f"{name or '<stdin>'}:{problem.line}: {problem.message}",
                              markup=False)

            def on_notice(notice: InputNotice) -> None:
                err.print(f"{name or '<stdin>'}: {notice.message}", markup=False)

            items = read_messages(source, fmt=input_format, local_tz=local_tz, reader=reader,
                                  encoding=encoding, self_role=self_role)
            roster = Roster.from_settings(settings)
            for message, findings in evaluate(items, engine, roster, on_problem, on_notice):
                summary.add(message, findings)
                _emit(message, findings, sink, table)
                if progress is not None and summary.messages % _PROGRESS_EVERY == 0:
                    progress.update(task, completed=reader.consumed)
            if summary.problems > MAX_PROBLEM_LINES:
                hidden = summary.problems - MAX_PROBLEM_LINES
                err.print(f"另有 {hidden} 处格式错误未显示 / {hidden} more malformed records "
                          "not shown", markup=False)
        if table is not None:
            _write_table(out_console, output, table)
    except OSError as exc:
        err.print(f"{exc.filename or source}: 无法读写 / cannot read or write: {exc.strerror}",
                  markup=False)
        return EXIT_BAD_INPUT
    print_summary(err if (table is None and output is None) else out_console, summary)
    warn_unknown_roles(err, summary)
    return exit_code(summary, fail_on)


def _emit(message: Message, findings: list[Finding], sink: IO[str] | None,
          table: Table | None) -> None:
    """Write one message's findings as JSONL lines or table rows."""
    for finding in findings:
        if sink is not None:
            sink.write(finding_line(finding) + "\n")
        elif table is not None:
            _add_row(table, message, finding, findings)


def _console(file: IO[str]) -> Console:
    """A console on `file`; 160 columns when it is not a terminal (files, pipes, CI logs)."""
    console = Console(file=file, highlight=False)
    if not console.is_terminal:
        console.width = 160
    return console


def exit_code(summary: Summary, fail_on: str | None) -> int:
    """2 when input was malformed, 1 when --fail-on was reached, else 0."""
    if summary.problems:
        return EXIT_BAD_INPUT
    if fail_on and summary.worst is not None and summary.worst.rank >= Severity(fail_on).rank:
        return EXIT_FAIL_ON
    return EXIT_OK


def _open_sink(stack: ExitStack, output: str | None, stdout: IO[str] | None) -> IO[str]:
    """The JSONL destination: a file, or standard output."""
    if output is None:
        return stdout or sys.stdout
    return stack.enter_context(Path(output).open("w", encoding="utf-8", newline="\n"))


def _progress(stack: ExitStack, err: Console, name: str) -> tuple[Progress | None, TaskID]:
    """A byte-based progress bar on stderr, only when stderr is a terminal."""
    if not err.is_terminal:
        return None, TaskID(0)
    total = Path(name).stat().st_size if name else None
    progress = stack.enter_context(Progress(
        TextColumn("扫描 / scanning"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(), console=err, transient=True))
    return progress, progress.add_task("scan", total=total)


def _findings_table() -> Table:
    table = Table(title="发现 / Findings", show_lines=False)
    for header in ("消息 message", "群 chat", "角色 role", "类别 category", "级别 severity",
                   "规则 rule", "摘录（已脱敏）excerpt (masked)"):
        table.add_column(header, overflow="fold")
    return table


def _add_row(table: Table, message: Message, finding: Finding, findings: list[Finding]) -> None:
    cells = (message.id, chat_label(message), role_label(message.sender_role.value),
             category_label(finding.category.value), severity_label(finding.severity.value),
             finding.rule_id, masked_excerpt(message, findings))
    table.add_row(*(Text(cell) for cell in cells))  # chat text is never rich markup: [图片]


def _write_table(console: Console, output: str | None, table: Table) -> None:
    """Print the findings table, to --output when given."""
    if output is None:
        console.print(table)
        return
    with Path(output).open("w", encoding="utf-8") as handle:
        Console(file=handle, width=160, highlight=False).print(table)


def category_label(category: str) -> str:
    """A category as the summary shows it: Chinese first, then the JSONL value."""
    from bot.reports.aggregate import CATEGORY_ZH

    return f"{CATEGORY_ZH.get(category, category)} {category}"


def severity_label(severity: str) -> str:
    """A severity as the summary shows it: 高 high."""
    return f"{SEVERITY_NAMES.get(severity, {}).get('zh', severity)} {severity}"


def role_label(role: str) -> str:
    """A sender role as the summary shows it: 医生 doctor."""
    return f"{ROLE_NAMES.get(role, {}).get('zh', role)} {role}"


def print_summary(console: Console, summary: Summary) -> None:
    """The count line, then per category, chat and sender role; one line when nothing found."""
    console.print(
        f"已扫描 {summary.messages} 条消息，发现 {summary.findings} 项，格式错误 "
        f"{summary.problems} 处 / scanned {summary.messages} messages, {summary.findings} "
        f"findings, {summary.problems} malformed records", markup=False, soft_wrap=True)
    if not summary.findings:
        console.print("未发现问题 / no findings", markup=False)
        return
    categories = Table(title="按类别 / By category")
    categories.add_column("类别 category")
    categories.add_column("发现 findings", justify="right")
    for category in Category:
        categories.add_row(category_label(category.value),
                           str(summary.by_category[category.value]))
    console.print(categories)
    for title, header, found, seen, label in (
        ("按群聊 / By chat", "群 chat", summary.by_chat, summary.messages_by_chat, str),
        ("按发送者角色 / By sender role", "角色 role", summary.by_role, summary.messages_by_role,
         role_label),
    ):
        table = Table(title=title)
        table.add_column(header)
        table.add_column("消息 messages", justify="right")
        table.add_column("发现 findings", justify="right")
        for key in sorted(seen):
            table.add_row(Text(label(key)), str(seen[key]), str(found[key]))
        console.print(table)


def warn_unknown_roles(err: Console, summary: Summary) -> None:
    """Say so when many senders have no role: the advice and gift-acceptance rules need one."""
    count = summary.unknown_senders
    if count <= UNKNOWN_ROLE_WARN:
        return
    err.print(
        f"警告 / warning: {count} 条消息的发送者角色未知（unknown），诊疗建议和收受礼物规则"
        "需要角色才能判断：请用 --config 提供花名册（roster），或在输入中写 sender_role"
        "（微信 CSV 可用 --self-role 指定导出者本人的角色）"
        f" / {count} messages were scanned with sender role unknown; the advice and "
        "gift-acceptance rules need roles: pass --config with a roster, or put sender_role in "
        "the input (for a WeChat CSV, --self-role gives the exporting account's own messages "
        "a role)", markup=False, soft_wrap=True)
