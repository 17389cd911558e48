"""Fuzzed config files: `load_settings` raises only `ConfigError` naming the file and field.

Design §4.3: invalid config refuses to start, naming file and field; `wardwatch run --config
bad.yaml` exits 2 with that one line and no traceback.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from bot.config import ConfigError, load_settings
from tests.fuzz.budget import budget
from tests.fuzz.mutations import mangled_bytes, mutated_tree

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"
EXAMPLE_BYTES = EXAMPLE.read_bytes()
EXAMPLE_DATA: Any = yaml.safe_load(EXAMPLE_BYTES)


@st.composite
def mutated_configs(draw: st.DrawFn) -> bytes:
    """The example config with one to three structural mutations, as YAML bytes."""
    data = EXAMPLE_DATA
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutated_tree(data))
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


configs = mutated_configs() | mangled_bytes(EXAMPLE_BYTES) | st.binary(max_size=200)


def _load(content: bytes) -> tuple[Path, Exception | None]:
    """Write `content` to a temporary config file and load it (no environment overrides)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "config.yaml"
        path.write_bytes(content)
        try:
            load_settings(path, env={})
        except ConfigError as exc:
            return path, exc
    return path, None


@budget(80)
@given(configs)
def test_load_settings_when_config_is_damaged_then_only_config_error_naming_file(
    content: bytes,
) -> None:
    path, error = _load(content)
    if error is not None:
        assert str(error).startswith(str(path))


@pytest.mark.parametrize(("snippet", "field"), [
    ("jobs: {retry_after: 99999999999999999999d}", "jobs.retry_after"),
    ("jobs: {annual_report: 'yearly 99999999999999999999-01 09:00'}", "jobs.annual_report"),
    ("escalation: {rule_deadlines: {gift-red-packet-offer: 999999999999d}}",
     "escalation.rule_deadlines"),
    ("cases: {remind_before: 9999999999999999wd}", "cases.remind_before"),
    ("cases: {stage_deadlines: {intake: 99999999wd}}", "cases.stage_deadlines"),
    ("timezone: Mars/Olympus_Mons", "timezone"),
    ("timezone: ../../etc/passwd", "timezone"),
    ("timezone: Asia", "timezone"),
    (f"timezone: Asia/{'x' * 300}", "timezone"),
    ("telegram: {read_timeout: .nan}", "telegram.read_timeout"),
    ("rules: {packs: []}", "rules.packs"),
    ("telegram: {webhook: {port: 99999}}", "telegram.webhook.port"),
    ("archive: {retention_days: {gift: -5}}", "archive.retention_days"),
    ("archive: {retention_days: {personal-data: 30}}", "archive.retention_days"),
    ("archive: {retention_days: {audit: 30}}", "archive.retention_days"),
], ids=["huge-duration", "huge-date", "huge-override", "huge-wd", "wd-loop", "unknown-zone",
        "zone-path", "zone-folder", "zone-too-long", "nan-timeout", "no-packs", "port",
        "negative-retention", "unknown-retention", "short-audit"])
def test_load_settings_when_value_is_out_of_range_then_config_error_names_field(
    snippet: str, field: str,
) -> None:
    path, error = _load(snippet.encode("utf-8"))
    assert error is not None
    assert str(error).startswith(str(path)) and field in str(error)


def test_load_settings_when_override_mode_is_a_bare_off_then_rule_is_off() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "config.yaml"
        path.write_text("rules:\n  overrides:\n    gift-red-packet-offer: {mode: off}\n", "utf-8")
        settings = load_settings(path, env={})
    assert settings.rules.overrides["gift-red-packet-offer"].mode == "off"


@pytest.mark.parametrize("content", [
    b"\xff\xfe\x00t\x00i\x00m\x00e", b"[" * 5000, b"jobs: {max_attempts: 1e999}",
    b"language: 2024-13-45", b"jobs: {max_attempts: " + b"9" * 5000 + b"}",
], ids=["utf-16", "deep", "inf", "bad-date", "huge-int"])
def test_load_settings_when_file_is_unreadable_as_yaml_then_config_error(content: bytes) -> None:
    path, error = _load(content)
    assert error is not None and str(error).startswith(str(path))


def test_load_settings_when_path_is_a_directory_then_config_error() -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(ConfigError) as caught:
        load_settings(tmp, env={})
    assert str(caught.value).startswith(tmp)


@budget(15)
@given(configs)
def test_run_when_config_is_damaged_then_exit_2_with_one_readable_line(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, content: bytes,
) -> None:
    for var in ("WARDWATCH_TELEGRAM_TOKEN", "WARDWATCH_DATABASE_URL", "WARDWATCH_ARCHIVE_KEY"):
        monkeypatch.delenv(var, raising=False)
    caplog.clear()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bad.yaml"
        path.write_bytes(content)
        with caplog.at_level(logging.ERROR):
            code = main(["run", "--config", str(path)])  # no token: never starts polling
    out = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out.out + out.err + caplog.text
    errors = out.err.splitlines()  # printed for the user in the house format, not logged
    assert errors and errors[0].startswith("错误 / error: ")
    assert str(path) in errors[0] or "telegram.token" in errors[0]


@pytest.mark.parametrize("url", [
    "nonsense", "foo://x", "postgresql+psycopg://ward:s3cret-pw@127.0.0.1:1/db",
], ids=["unparseable", "unknown-driver", "unreachable"])
def test_run_when_database_url_is_unusable_then_exit_2_naming_it_without_password(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, url: str,
) -> None:
    monkeypatch.setenv("WARDWATCH_TELEGRAM_TOKEN", "1:fuzz")
    monkeypatch.setenv("WARDWATCH_TELEGRAM_BASE_URL", "http://127.0.0.1:1/bot")
    monkeypatch.setenv("WARDWATCH_DATABASE_URL", url)
    with tempfile.TemporaryDirectory() as tmp, caplog.at_level(logging.ERROR):
        path = Path(tmp) / "config.yaml"
        path.write_text("language: zh\n", encoding="utf-8")
        code = main(["run", "--config", str(path)])
    out = capsys.readouterr()
    assert code == 2
    text = out.out + out.err + caplog.text
    assert "Traceback" not in text and "s3cret-pw" not in text
    assert "database" in text or "数据库" in text


@pytest.mark.parametrize("command", [
    ["scan", "-"], ["rules", "lint"], ["archive", "verify"], ["db", "upgrade"],
    ["report", "--period", "month"], ["jobs", "list"], ["case", "list"],
], ids=lambda c: "-".join(c[:2]))
@pytest.mark.parametrize("content", [b"\xff\xfe", b"timezone: Mars/X\n", b"jobs: [1"],
                         ids=["utf-16", "bad-zone", "bad-yaml"])
def test_cli_when_config_is_broken_then_nonzero_naming_the_file_without_traceback(
    capsys: pytest.CaptureFixture[str], command: list[str], content: bytes,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "broken.yaml"
        path.write_bytes(content)
        code = main([*command, "--config", str(path)])
    out = capsys.readouterr()
    assert code != 0
    assert str(path) in out.out + out.err and "Traceback" not in out.out + out.err
