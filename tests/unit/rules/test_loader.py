"""Rule files: schema, ids, stems, references; errors name file, rule, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.loader import DEFAULT_PACK, RuleError, load_rules, read_rule

GOOD = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")


def _write(directory: Path, stem: str, text: str) -> Path:
    path = directory / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_rules_when_default_pack_then_every_category_is_covered() -> None:
    rules = load_rules()
    assert {r.category.value for r in rules} == {
        "personal_data", "gift", "unexamined_advice", "unlicensed_advice", "off_topic"}
    assert [r.id for r in rules] == sorted(r.id for r in rules)


def test_read_rule_when_unknown_key_then_error_names_field_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "gift-red-packet-offer", GOOD.replace("mode: enforce",
                                                                  "mode: enforce\nmood: happy"))
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    error = caught.value
    assert (error.rule_id, error.field) == ("gift-red-packet-offer", "mood")
    assert error.line == GOOD.splitlines().index("mode: enforce") + 2
    assert str(path) in str(error)


def test_read_rule_when_bad_enum_then_error_names_nested_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "gift-red-packet-offer", GOOD.replace("severity: high",
                                                                  "severity: extreme"))
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert caught.value.field == "severity"


def test_read_rule_when_id_differs_from_file_stem_then_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "some-other-name", GOOD)
    with pytest.raises(RuleError, match="stem") as caught:
        read_rule(path)
    assert caught.value.field == "id"


def test_read_rule_when_yaml_is_broken_then_error_gives_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken", "id: broken\ntitle: {zh: a, en: b\n")
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert caught.value.line is not None and caught.value.rule_id == "broken"


def test_load_rules_when_lexicon_unknown_then_whole_pack_refused(tmp_path: Path) -> None:
    _write(tmp_path, "gift-red-packet-offer",
           GOOD.replace("lexicon: [gift-false-friends]", "lexicon: [no-such-lexicon]"))
    with pytest.raises(RuleError, match="no-such-lexicon"):
        load_rules([tmp_path])


def test_load_rules_when_entity_unknown_for_detector_then_error(tmp_path: Path) -> None:
    _write(tmp_path, "gift-red-packet-offer", GOOD.replace("[GIFT_MONEY]", "[GIFT_MONY]"))
    with pytest.raises(RuleError, match="GIFT_MONY") as caught:
        load_rules([tmp_path])
    assert caught.value.field == "match.entities.0"
    assert "did you mean 'GIFT_MONEY'?" in caught.value.msg
    assert caught.value.line == GOOD.splitlines().index("  entities: [GIFT_MONEY]") + 1


def test_load_rules_when_same_id_in_two_packs_then_duplicate_error(tmp_path: Path) -> None:
    for pack in ("a", "b"):
        (tmp_path / pack).mkdir()
        _write(tmp_path / pack, "gift-red-packet-offer", GOOD)
    with pytest.raises(RuleError, match="duplicate"):
        load_rules([tmp_path / "a", tmp_path / "b"])


def test_load_rules_when_pack_name_unknown_then_error() -> None:
    with pytest.raises(RuleError, match="not found"):
        load_rules(["no-such-pack"])


def test_read_rule_when_id_not_kebab_case_then_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "Gift_Rule", GOOD.replace("id: gift-red-packet-offer",
                                                      "id: Gift_Rule"))
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert caught.value.field == "id"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_read_rule_when_file_is_arbitrary_text_then_only_rule_error(tmp_path: Path,
                                                                   body: str) -> None:
    path = _write(tmp_path, "fuzzed", body)
    try:
        read_rule(path)
    except RuleError as error:
        assert error.path == path


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["severity", "match", "examples", "title", "actions", "exclude"]),
       st.one_of(st.none(), st.integers(), st.text(max_size=20),
                 st.lists(st.text(max_size=5), max_size=3),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)))
def test_read_rule_when_a_field_has_a_wrong_shape_then_rule_error_names_it(
    tmp_path: Path, field: str, value: object
) -> None:
    data = yaml.safe_load(GOOD)
    data[field] = value
    path = _write(tmp_path, "gift-red-packet-offer", yaml.safe_dump(data, allow_unicode=True))
    try:
        read_rule(path)
    except RuleError as error:
        assert error.rule_id == "gift-red-packet-offer" and error.field


def test_read_rule_when_severity_invalid_then_chinese_first_with_allowed_values(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "gift-red-packet-offer", GOOD.replace("severity: high",
                                                                  "severity: urgent"))
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert caught.value.msg == ("取值无效 / invalid value 'urgent'：可用 / allowed 'low', "
                                "'medium', 'high' or 'critical'")
    assert "Input should be" not in str(caught.value)


def test_read_rule_when_id_not_kebab_case_then_chinese_first_without_pydantic_prefix(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "Gift_Offer", GOOD.replace("id: gift-red-packet-offer",
                                                       "id: Gift_Offer"))
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert caught.value.field == "id" and caught.value.msg.startswith("id 须为小写字母")
    assert "Value error" not in str(caught.value)


def test_read_rule_when_field_missing_then_error_says_required(tmp_path: Path) -> None:
    text = "\n".join(row for row in GOOD.splitlines() if not row.startswith("severity:"))
    path = _write(tmp_path, "gift-red-packet-offer", text)
    with pytest.raises(RuleError) as caught:
        read_rule(path)
    assert (caught.value.field, caught.value.msg) == ("severity",
                                                      "缺少必填字段 / required field missing")
