"""The one settings model: YAML file plus environment overrides for secrets (design §4.3)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot import config_checks
from bot.timed_settings import (
    CaseSettings,
    DigestSettings,
    EscalationSettings,
    JobsSettings,
    ReportSettings,
)
from rules.diagnostics import compose, explain, field_path, line_of, yaml_problem
from rules.lexicon import load_yaml
from rules.model import Role

ENV_OVERRIDES = {
    "WARDWATCH_TELEGRAM_TOKEN": ("telegram", "token"),
    "WARDWATCH_TELEGRAM_BASE_URL": ("telegram", "base_url"),
    "WARDWATCH_DATABASE_URL": ("database", "url"),
    "WARDWATCH_ARCHIVE_KEY": ("archive", "key"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Model):
    url: str = "sqlite:///wardwatch.db"


class ArchiveSettings(_Model):
    key: str = ""  # base64 AES-256 key; prefer the environment variable
    key_file: str = "wardwatch-archive.key"
    signing_key_file: str = "wardwatch-signing.key"
    retention_days: dict[str, int] = Field(default_factory=dict)

    @field_validator("retention_days")
    @classmethod
    def _known_periods(cls, value: dict[str, int]) -> dict[str, int]:
        # checked at start-up, not first at the nightly purge: a typo'd kind fails the job,
        # and a negative period would put the cut-off in the future and purge everything
        from storage.retention import effective_days

        short = sorted(kind for kind, days in value.items() if days < 1)
        if short:
            raise ValueError(f"保留期须至少 1 天 / retention must be at least 1 day: {short}")
        effective_days(value)
        return value


class WebhookSettings(_Model):
    listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)
    url: str = ""
    path: str = "telegram"
    secret_token: str = ""


class TelegramSettings(_Model):
    token: str = ""
    base_url: str = ""
    mode: Literal["polling", "webhook"] = "polling"
    webhook: WebhookSettings = WebhookSettings()
    operator_chat_id: int | None = None
    witness_chat_id: int | None = None
    read_timeout: float = Field(default=10.0, gt=0)  # seconds before a Bot API call times out


class RuleOverride(_Model):
    mode: Literal["enforce", "monitor", "off"] | None = None
    severity: Literal["low", "medium", "high", "critical"] | None = None

    @field_validator("mode", mode="before")
    @classmethod
    def _bare_off(cls, value: object) -> object:
        return "off" if value is False else value  # YAML 1.1 reads a bare `off` as false


class RulesSettings(_Model):
    packs: list[str] = Field(default_factory=lambda: ["cn-healthcare"], min_length=1)  # [] = blind
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)


class Person(_Model):
    telegram_id: int
    name: str
    role: Role = Role.UNKNOWN
    department: str = ""
    duties: list[
        Literal["department_head", "compliance", "medical_affairs", "compliance_lead"]
    ] = Field(default_factory=list)


class Department(_Model):
    id: str
    name: str
    alert_chat_id: int | None = None
    chat_ids: list[int] = Field(default_factory=list)  # patient groups bound in config


class RosterSettings(_Model):
    departments: list[Department] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)


class AlertSettings(_Model):
    language: Literal["zh", "en"] = "zh"
    group_window_minutes: int = 10


class Settings(_Model):
    language: Literal["zh", "en"] = "zh"
    timezone: str = "Asia/Shanghai"
    database: DatabaseSettings = DatabaseSettings()
    archive: ArchiveSettings = ArchiveSettings()
    telegram: TelegramSettings = TelegramSettings()
    rules: RulesSettings = RulesSettings()
    roster: RosterSettings = RosterSettings()
    alerts: AlertSettings = AlertSettings()
    escalation: EscalationSettings = EscalationSettings()
    digest: DigestSettings = DigestSettings()
    reports: ReportSettings = ReportSettings()
    cases: CaseSettings = CaseSettings()
    jobs: JobsSettings = JobsSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # e.g. "Asia", "../x"
            raise ValueError(f"未知时区 / unknown IANA time zone {value!r}") from exc
        return value

    def role_of(self, telegram_id: int | str) -> Role:
        """The roster role of a sender, `unknown` when not listed."""
        for person in self.roster.people:
            if str(person.telegram_id) == str(telegram_id):
                return person.role
        return Role.UNKNOWN


class ConfigError(Exception):
    """Invalid configuration; the message names the file and the field."""


def _anchor_sqlite(data: dict[str, Any], folder: Path) -> None:
    """A relative SQLite file in a config file lives beside it, as the key files do.

    Otherwise `wardwatch archive verify --config /etc/wardwatch/config.yaml`, run from another
    folder, would create and "verify" a new empty archive there.
    """
    database = data.setdefault("database", {})
    if not isinstance(database, dict):
        return
    url = database.get("url", DatabaseSettings.model_fields["url"].default)
    prefix, sep, rest = url.partition(":///") if isinstance(url, str) else ("", "", "")
    file, _, query = rest.partition("?")
    if (prefix.split("+")[0] != "sqlite" or not sep or not file or file == ":memory:"
            or Path(file).is_absolute()):
        return
    database["url"] = f"{prefix}:///{folder / file}" + (f"?{query}" if query else "")


def _anchor_packs(data: dict[str, Any], folder: Path) -> None:
    """A relative pack path in a config file lives beside it; bundled names stay names."""
    from rules.loader import PACKS_DIR

    rules = data.get("rules")
    if not isinstance(rules, dict):
        return
    packs = rules.get("packs")
    if not isinstance(packs, list):
        return
    anchored: list[Any] = []
    for pack in packs:
        if isinstance(pack, str) and pack and not Path(pack).is_absolute():
            looks_like_path = "/" in pack or "\\" in pack or pack.startswith(".")
            beside = folder / pack
            if looks_like_path or (not (PACKS_DIR / pack).is_dir() and beside.exists()):
                pack = str(beside)
        anchored.append(pack)
    rules["packs"] = anchored


def _read(path: str | Path) -> tuple[dict[str, Any], yaml.Node | None]:
    """The YAML mapping of a config file and its node tree (for line numbers in errors)."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        loaded = load_yaml(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"{source}: 配置文件不存在 / config file not found") from exc
    except yaml.YAMLError as exc:
        line, why = yaml_problem(exc)
        raise ConfigError(f"{source}{f':{line}' if line else ''}: {why}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{source}: 不是有效的 UTF-8 / not valid UTF-8") from exc
    except RecursionError as exc:  # PyYAML recurses once per nesting level
        raise ConfigError(f"{source}: YAML 嵌套过深 / YAML nested too deeply") from exc
    except ValueError as exc:  # PyYAML's constructors: a 2024-13-45 date, a 5,000-digit int
        raise ConfigError(f"{source}: YAML 值无效 / invalid YAML value: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{source}: 无法读取 / cannot read: {exc.strerror}") from exc
    if loaded is not None and not isinstance(loaded, dict):
        raise ConfigError(f"{source}: 顶层必须是映射 / top level must be a mapping")
    return loaded or {}, compose(text)


def _located(source: str, node: yaml.Node | None, problems: Iterable[tuple[str, str]]) -> str:
    """`file:line: key: why` per (key, why), in file order; the line is the key's in the YAML
    file when it is there (a value from the environment has none)."""
    located = []
    for key, why in problems:
        line = line_of(node, key.split(".")) if node is not None and key else None
        where = f"{source}:{line}" if line else source
        located.append((line or 0, f"{where}: {key}: {why}" if key else f"{where}: {why}"))
    return "\n".join(text for _, text in sorted(located, key=lambda pair: pair[0]))


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read YAML (optional), apply environment overrides, validate; raise ConfigError.

    Every problem is one `file:line: key: why` line, Chinese first, as a compiler reports.
    """
    env = dict(os.environ) if env is None else env
    data: dict[str, Any] = {}
    node: yaml.Node | None = None
    source = "<defaults>" if path is None else str(path)
    if path is not None:
        data, node = _read(path)
        if not env.get("WARDWATCH_DATABASE_URL"):
            _anchor_sqlite(data, Path(path).resolve().parent)
        _anchor_packs(data, Path(path).resolve().parent)
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            data.setdefault(section, {})
            if isinstance(data[section], dict):
                data[section][key] = env[var]
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_located(source, node, (
            (field_path(err["loc"]), explain(err, Settings)) for err in exc.errors()))) from exc
    dangling = config_checks.problems(settings)  # references between sections, rule ids
    if dangling:
        raise ConfigError(_located(source, node, (
            (key, why) for key, _, why in (p.partition(": ") for p in dangling))))
    return settings


def error_lines(exc: Exception) -> str:
    """Each line of a config or rule error as `错误 / error: …`, the commands' house format."""
    return "\n".join(f"错误 / error: {line}" for line in str(exc).splitlines())
