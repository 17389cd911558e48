"""Settings (design §4.3): config.example.yaml documents every key; bad config names the field."""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from bot.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "config.example.yaml"


def _nested_model(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    """('model' | 'list' | 'dict', Model) when a field holds settings models, else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        found = [_nested_model(arg) for arg in args if arg is not type(None)]
        return next((item for item in found if item is not None), None)
    if origin is list and args and _nested_model(args[0]):
        return "list", _nested_model(args[0])[1]  # type: ignore[index]
    if origin is dict and len(args) == 2 and _nested_model(args[1]):
        return "dict", _nested_model(args[1])[1]  # type: ignore[index]
    return None


def undocumented_keys(model: type[BaseModel], data: Any, prefix: str = "") -> list[str]:
    """Dotted paths of settings keys that the example data does not show."""
    if not isinstance(data, dict):
        return [prefix or "<root>"]
    missing: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if name not in data:
            missing.append(path)
            continue
        nested = _nested_model(field.annotation)
        if nested is None:
            continue
        kind, inner = nested
        value = data[name]
        if kind == "model":
            missing += undocumented_keys(inner, value, f"{path}.")
            continue
        items = value if kind == "list" else (value or {}).values()
        merged: dict[str, Any] = {}
        for item in items if isinstance(items, list) or kind == "dict" else []:
            merged.update(item if isinstance(item, dict) else {})
        if not merged:
            missing.append(f"{path}[] (give one example entry)")
            continue
        missing += undocumented_keys(inner, merged, f"{path}[].")
    return missing


def _all_field_names(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    for name, field in model.model_fields.items():
        names.add(name)
        nested = _nested_model(field.annotation)
        if nested is not None:
            names |= _all_field_names(nested[1])
    return names


def test_example_config_when_settings_walked_then_every_key_is_present() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert undocumented_keys(Settings, data) == []


def test_example_config_when_read_then_every_settings_key_has_a_comment() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    uncommented = []
    for name in sorted(_all_field_names(Settings)):
        key = re.compile(rf"^\s*(- )?{re.escape(name)}:")
        commented = any(
            key.match(line) and (" #" in line or (n > 0 and lines[n - 1].lstrip().startswith("#")))
            for n, line in enumerate(lines)
        )
        if not commented:
            uncommented.append(name)
    assert uncommented == []


def test_example_config_when_loaded_then_it_validates() -> None:
    settings = load_settings(EXAMPLE, env={})
    assert settings.role_of(100000004).value == "assistant"


def test_undocumented_keys_when_example_lacks_a_nested_key_then_it_is_named() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["telegram"]["webhook"]["port"]
    data["roster"]["people"] = [{k: v for k, v in p.items() if k != "duties"}
                                for p in data["roster"]["people"]]
    assert undocumented_keys(Settings, data) == [
        "telegram.webhook.port", "roster.people[].duties"]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("telegram:\n  mode: carrier-pigeon\n", "telegram.mode"),
        ("databse:\n  url: sqlite://\n", "databse"),
        ("roster:\n  people:\n    - name: 张医生\n", "roster.people.0.telegram_id"),
    ],
)
def test_load_settings_when_config_invalid_then_error_names_file_and_field(
    tmp_path: Path, content: str, field: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_load_settings_when_yaml_is_broken_then_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("language: zh\ntelegram: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{path}:")):
        load_settings(path, env={})


def test_load_settings_when_file_missing_then_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.yaml", env={})


def test_load_settings_when_env_overrides_given_then_they_win_over_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("telegram:\n  token: from-file\ndatabase:\n  url: sqlite:///a.db\n")
    env = {
        "WARDWATCH_TELEGRAM_TOKEN": "123:env",
        "WARDWATCH_TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
        "WARDWATCH_DATABASE_URL": "postgresql+psycopg://u@h/db",
        "WARDWATCH_ARCHIVE_KEY": "a2V5",
    }
    settings = load_settings(path, env=env)
    assert (settings.telegram.token, settings.telegram.base_url) == (
        "123:env", "http://127.0.0.1:8081/bot")
    assert settings.database.url == "postgresql+psycopg://u@h/db"
    assert settings.archive.key == "a2V5"


def test_load_settings_when_no_file_then_defaults_and_env_apply() -> None:
    settings = load_settings(None, env={"WARDWATCH_TELEGRAM_TOKEN": "1:x"})
    assert settings.telegram.token == "1:x" and settings.rules.packs == ["cn-healthcare"]


def test_load_settings_when_sqlite_path_relative_then_it_lives_beside_the_config_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("database:\n  url: sqlite:///a.db\n")
    assert load_settings(path, env={}).database.url == f"sqlite:///{tmp_path.resolve()}/a.db"
    path.write_text("language: zh\n")  # the default file too
    assert load_settings(path, env={}).database.url.endswith(f"{tmp_path.resolve()}/wardwatch.db")
    env = {"WARDWATCH_DATABASE_URL": "sqlite:///b.db"}  # the environment is taken as given
    assert load_settings(path, env=env).database.url == "sqlite:///b.db"


def test_load_settings_when_pack_path_relative_then_it_lives_beside_the_config_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "my-pack").mkdir()
    path = tmp_path / "c.yaml"
    path.write_text("rules:\n  packs: [./my-pack, cn-healthcare, /abs/pack]\n")
    packs = load_settings(path, env={}).rules.packs
    assert packs == [str(tmp_path.resolve() / "my-pack"), "cn-healthcare", "/abs/pack"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("language: zh\ntimezon: Asia/Shanghai\n",
         ":2: timezon: 未知字段 / unknown field 'timezon'，是否想写 / did you mean 'timezone'?"),
        ("telegram:\n  mode: polling\n  operator_chat_id: ops-room\n",
         ":3: telegram.operator_chat_id: 类型错误 / wrong type: 应为整数 / expected an integer, "
         "实为 / got 'ops-room'"),
        ("alerts:\n  language: fr\n",
         ":2: alerts.language: 取值无效 / invalid value 'fr'：可用 / allowed 'zh' or 'en'"),
        ("roster:\n  people:\n    - name: 张医生\n",
         ":3: roster.people.0.telegram_id: 缺少必填字段 / required field missing"),
    ],
    ids=["typo-did-you-mean", "wrong-type", "bad-choice", "missing"],
)
def test_load_settings_when_key_invalid_then_file_line_key_and_chinese_first_reason(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "wardwatch.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert str(caught.value) == f"{path}{expected}"


def test_load_settings_when_yaml_broken_then_line_and_column_without_unicode_string(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("language: zh\ntelegram: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    message = str(caught.value)
    assert message.startswith(f"{path}:3: YAML 格式错误 / invalid YAML: ")
    assert "line 3, column" in message and "<unicode string>" not in message


def test_load_settings_when_override_key_misspelt_then_suggestion_from_the_override_model(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wardwatch.yaml"
    path.write_text("rules:\n  overrides:\n    gift-red-packet-offer:\n      mood: monitor\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert str(caught.value) == (
        f"{path}:4: rules.overrides.gift-red-packet-offer.mood: 未知字段 / unknown field "
        "'mood'，是否想写 / did you mean 'mode'?")
