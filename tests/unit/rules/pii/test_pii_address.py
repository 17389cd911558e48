"""ADDRESS: street-level detail, never a bare city or district."""

from __future__ import annotations

import pytest
from conftest import Found


@pytest.mark.parametrize(
    "text, value",
    [("我家住在广东省深圳市南山区科技路100号", "广东省深圳市南山区科技路100号"),
     ("地址：上海市徐汇区漕溪北路398号", "上海市徐汇区漕溪北路398号"),
     ("阳光小区3栋2单元501室", "阳光小区3栋2单元501室"),
     ("家住建国路88号院5号楼", "建国路88号院5号楼"),
     ("寄到宁波市余姚市梨洲街道振兴西路141号", "宁波市余姚市梨洲街道振兴西路141号")],
)
def test_address_when_street_level_then_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("ADDRESS", value)]


@pytest.mark.parametrize(
    "text", ["我在上海", "我家在广东深圳南山区", "从中山路走过来", "医院在中山路88号"]
)
def test_address_when_city_only_or_no_home_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []
