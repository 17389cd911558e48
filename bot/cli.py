"""`wardwatch` command line: one sub-command module per verb, loaded lazily.

Each module in `bot.commands` exposes `HELP: str`, `add_arguments(parser)` and
`run(args) -> int`; heavy imports live inside `run` so `wardwatch --help` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

COMMANDS = {
    "demo": "bot.commands.demo",
    "run": "bot.commands.run",
    "scan": "bot.commands.scan",
    "rules": "bot.commands.rules",
    "archive": "bot.commands.archive",
    "db": "bot.commands.db",
    "report": "bot.commands.report",
    "jobs": "bot.commands.jobs",
    "case": "bot.commands.case",
    "config": "bot.commands.config",
}


# argparse's own messages, Chinese first (the rest of the line keeps argparse's English detail)
_ARGPARSE_ZH = (
    ("the following arguments are required", "缺少必需的参数"),
    ("invalid choice", "取值无效"),
    ("unrecognized arguments", "无法识别的参数"),
    ("expected one argument", "缺少参数值"),
    ("expected at least one argument", "缺少参数值"),
    ("not allowed with argument", "参数不能同时使用"),
)


class Parser(argparse.ArgumentParser):
    """argparse whose error line starts in Chinese, like every other WardWatch error."""

    def error(self, message: str) -> NoReturn:
        """Usage, then `wardwatch scan: 参数错误 / error: 取值无效 / invalid choice: …`."""
        zh = next((z for en, z in _ARGPARSE_ZH if en in message), None)
        self.print_usage(sys.stderr)
        detail = f"{zh} / {message}" if zh else message
        self.exit(2, f"{self.prog}: 参数错误 / error: {detail}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser: every sub-command, or only `command` when it names one.

    Building one sub-command's parser imports only its module, so `wardwatch scan` does not
    pay for the archive commands' SQLAlchemy import before its first result.
    """
    parser = Parser(
        prog="wardwatch",
        description="WardWatch 医患群合规机器人 / chat-compliance bot for hospital patient groups",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = {command: COMMANDS[command]} if command and command in COMMANDS else COMMANDS
    for name, module_name in chosen.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # not built yet
            raise
        verb = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(verb)
        verb.set_defaults(_run=module.run)
    return parser


def quiet_third_party_loggers(*, verbose: bool) -> None:
    """Keep the bot token and raw personal data out of the log, even with -v (design §7)."""
    # httpx logs every request URL at INFO, and a Bot API URL carries the token.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if verbose:  # at DEBUG python-telegram-bot logs whole updates and texts, personal data too
        logging.getLogger("telegram").setLevel(logging.INFO)
    else:  # start-up chatter: every recognizer loaded, every job added and run
        for name in ("presidio-analyzer", "apscheduler"):  # (bot.jobrunner logs job results)
            logging.getLogger(name).setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `wardwatch` console script.

    Output piped into a reader that stops early (`wardwatch archive search … | head`) ends the
    command quietly, as the Python docs' "Note on SIGPIPE" describes, instead of a traceback.
    """
    try:
        code = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # the interpreter's last flush must not fail
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # the first word that is not an option names the sub-command (-v is the only global option)
    parser = build_parser(next((a for a in argv if not a.startswith("-")), None))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    quiet_third_party_loggers(verbose=args.verbose)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    return int(args._run(args))


if __name__ == "__main__":
    sys.exit(main())
