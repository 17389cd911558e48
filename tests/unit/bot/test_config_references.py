"""Cross-references in the config (bot.config_checks): a dangling or duplicated id stops the start,
and the error names the config file and the key path."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import ConfigError, load_settings
from bot.config_checks import pack_rule_ids

EXAMPLE = Path(__file__).resolve().parents[3] / "config.example.yaml"

Change = Callable[[dict[str, Any]], None]


def _example() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return loaded


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "wardwatch.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _error(tmp_path: Path, change: Change) -> str:
    data = _example()
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    message = str(caught.value)
    assert re.match(rf"{re.escape(str(path))}:\d+: ", message), message  # file:line: key: why
    return message


def _people(data: dict[str, Any]) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = data["roster"]["people"]
    return people


def _departments(data: dict[str, Any]) -> list[dict[str, Any]]:
    departments: list[dict[str, Any]] = data["roster"]["departments"]
    return departments


def _second_department(data: dict[str, Any], **fields: Any) -> None:
    _departments(data).append({"id": "neurology", "name": "神经内科", **fields})


CASES: list[tuple[str, Change, str]] = [
    ("department deadline",
     lambda d: d["escalation"]["department_deadlines"].update({"cardiology2": "2h"}),
     "escalation.department_deadlines.cardiology2: 未知科室 / unknown department"),
    ("rule deadline",
     lambda d: d["escalation"]["rule_deadlines"].update({"gift-red-packet-ofer": "30m"}),
     "escalation.rule_deadlines.gift-red-packet-ofer: 未知规则 / unknown rule"),
    ("critical rule",
     lambda d: d["escalation"].update({"critical_rules": ["pii-resident-id", "pii-nope"]}),
     "escalation.critical_rules.1: 未知规则 / unknown rule 'pii-nope'"),
    ("rule override",
     lambda d: d["rules"]["overrides"].update({"gift-nope": {"mode": "monitor"}}),
     "rules.overrides.gift-nope: 未知规则 / unknown rule"),
    ("person's department",
     lambda d: _people(d)[2].update({"department": "cardiolgy"}),
     "roster.people.2.department: 未知科室 / unknown department 'cardiolgy'"),
    ("duplicate telegram id",
     lambda d: _people(d)[3].update({"telegram_id": _people(d)[1]["telegram_id"]}),
     "roster.people.3.telegram_id: 重复，与 roster.people.1.telegram_id 相同"),
    ("duplicate department id",
     lambda d: _second_department(d, id="cardiology"),
     "roster.departments.1.id: 重复，与 roster.departments.0.id 相同"),
    ("group in two departments",
     lambda d: _second_department(d, chat_ids=[-1001000000010]),
     "roster.departments.1.chat_ids.0: 重复，与 roster.departments.0.chat_ids.0 相同"),
    ("approver not in roster",
     lambda d: d["cases"].update({"approvers": [100000005, 999]}),
     "cases.approvers.1: 999 不在花名册中 / is not in roster.people"),
    ("approver without a staff duty",
     lambda d: d["cases"].update({"approvers": [100000002]}),
     "cases.approvers.0: 100000002 没有合规或医务职责"),
    ("operator chat is a patient group",
     lambda d: d["telegram"].update({"operator_chat_id": -1001000000010}),
     "telegram.operator_chat_id: -1001000000010 是患者群（roster.departments.0.chat_ids）"),
    ("witness chat is a patient group",
     lambda d: d["telegram"].update({"witness_chat_id": -1001000000010}),
     "telegram.witness_chat_id: -1001000000010 是患者群"),
    ("alert chat is a patient group",
     lambda d: _second_department(d, alert_chat_id=-1001000000010),
     "roster.departments.1.alert_chat_id: -1001000000010 是患者群"),
    ("quiet hours with a zone",
     lambda d: d["escalation"]["chain"][1].update({"quiet_hours": ["22:00Z-07:00"]}),
     "escalation.chain.1.quiet_hours.0: 应为 HH:MM-HH:MM"),
    ("quiet hours without a colon",
     lambda d: d["escalation"]["chain"][0].update({"quiet_hours": ["22:00-07:00", "2200-0700"]}),
     "escalation.chain.0.quiet_hours.1: 应为 HH:MM-HH:MM"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_load_settings_when_a_reference_dangles_then_the_error_names_file_and_key(
    tmp_path: Path, change: Change, expected: str
) -> None:
    assert expected in _error(tmp_path, change)


def test_load_settings_when_several_references_dangle_then_each_is_named(
    tmp_path: Path,
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["escalation"]["department_deadlines"]["x"] = "1h"
        _people(data)[0]["telegram_id"] = _people(data)[5]["telegram_id"]

    message = _error(tmp_path, change)
    assert "escalation.department_deadlines.x" in message
    assert "roster.people.5.telegram_id: 重复，与 roster.people.0.telegram_id 相同" in message


def test_load_settings_when_rules_come_from_a_pack_beside_the_config_then_their_ids_count(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "house-pack"
    pack.mkdir()
    (pack / "house-rule.yaml").write_text("id: house-rule\n", encoding="utf-8")
    data = _example()
    data["rules"] = {"packs": ["cn-healthcare", "./house-pack"], "overrides": {}}
    data["escalation"]["rule_deadlines"] = {"house-rule": "10m", "gift-red-packet-offer": "30m"}
    settings = load_settings(_write(tmp_path, data), env={})
    assert settings.escalation.rule_deadlines["house-rule"] == "10m"


def test_load_settings_when_a_pack_is_missing_then_rule_ids_are_left_to_the_rule_loader(
    tmp_path: Path,
) -> None:
    data = _example()
    data["rules"]["packs"] = ["./no-such-pack"]
    settings = load_settings(_write(tmp_path, data), env={})  # the engine names the pack
    assert pack_rule_ids(settings.rules.packs) is None


def test_pack_rule_ids_when_bundled_pack_then_file_stems_are_the_loaded_ids() -> None:
    from rules.loader import load_rules, resolve_pack

    assert pack_rule_ids(["cn-healthcare"]) == {
        rule.id for rule in load_rules([resolve_pack("cn-healthcare")])}


def test_load_settings_when_roster_has_distinct_entries_then_the_example_loads() -> None:
    settings = load_settings(EXAMPLE, env={})
    assert [p.telegram_id for p in settings.roster.people] == [
        100000001, 100000002, 100000003, 100000004, 100000005, 100000006]


def test_load_settings_when_no_departments_listed_then_people_labels_are_the_departments(
    tmp_path: Path,
) -> None:
    data = {"roster": {"people": [{"telegram_id": 1, "name": "张医生", "department": "icu"}]},
            "escalation": {"department_deadlines": {"icu": "2h"}}}
    assert load_settings(_write(tmp_path, data), env={}).roster.people[0].department == "icu"
    data["escalation"]["department_deadlines"] = {"ccu": "2h"}
    with pytest.raises(ConfigError, match=r"escalation\.department_deadlines\.ccu: 未知科室"):
        load_settings(_write(tmp_path, data), env={})
