"""The `wardwatch` entry point: logging that keeps secrets and personal data out."""

from __future__ import annotations

import logging

import pytest

from bot.cli import quiet_third_party_loggers


@pytest.fixture(autouse=True)
def _restore_levels() -> object:
    names = ("httpx", "httpcore", "telegram", "presidio-analyzer", "apscheduler")
    saved = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def test_quiet_loggers_when_verbose_then_token_urls_and_raw_updates_stay_out() -> None:
    quiet_third_party_loggers(verbose=True)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    assert not logging.getLogger("telegram.ext.ExtBot").isEnabledFor(logging.DEBUG)


def test_quiet_loggers_when_not_verbose_then_presidio_start_up_noise_is_hidden() -> None:
    quiet_third_party_loggers(verbose=False)
    assert not logging.getLogger("presidio-analyzer").isEnabledFor(logging.INFO)


def test_bundle_counts_when_printed_then_labelled_in_reading_order() -> None:
    from bot.commands.archive import format_bundle_counts

    line = format_bundle_counts({"chain_entries": 18, "findings": 3, "messages": 5})
    assert line == "消息 / messages 5，发现 / findings 3，链记录 / chain entries 18"


def test_cli_when_argument_invalid_then_error_line_starts_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--period", "fortnight"])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("wardwatch report: 参数错误 / error: 取值无效 / argument --period")


def test_report_when_date_given_then_that_past_month_is_written(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from bot.cli import main

    folder = Path(str(tmp_path))
    config = folder / "config.yaml"
    config.write_text(f"database:\n  url: sqlite:///{folder / 'archive.db'}\n",
                      encoding="utf-8")
    assert main(["db", "upgrade", "--config", str(config)]) == 0  # `report` never creates one
    code = main(["report", "--period", "month", "--date", "2026-03-15",
                 "--config", str(config), "--output", str(folder / "out")])
    out = capsys.readouterr().out
    assert "（2026 年 3 月）" in out
    assert (folder / "out" / "report-全院-month-2026-03-01.html").is_file()
    assert code in (0, 1)  # 1 only when no CJK font is installed: the HTML is still written


def test_cli_when_reader_closes_the_pipe_early_then_no_traceback() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-m", "bot", "rules", "lint"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # like `wardwatch rules lint | head -0`
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
