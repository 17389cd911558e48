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


@pytest.mark.parametrize(
    "text, value",
    [("地址：浙江省温州市鹿城区新田路", "浙江省温州市鹿城区新田路"),
     ("收货地址是宁波奉化尚田开发区甬临线东81号，电话13812345678",
      "宁波奉化尚田开发区甬临线东81号"),
     ("药寄到甘肃省陇西县首阳镇水月坪村新庄社，谢谢", "甘肃省陇西县首阳镇水月坪村新庄社"),
     ("我家住在许村镇七号桥布艺一条街14幢5号", "许村镇七号桥布艺一条街14幢5号")],
)
def test_address_when_cued_then_whole_phrase_found(found: Found, text: str, value: str) -> None:
    assert found(text) == [("ADDRESS", value)] or found(text)[0] == ("ADDRESS", value)


def test_address_when_two_admin_levels_down_to_a_street_then_found_without_cue(
    found: Found,
) -> None:
    assert found("浙江省温州市鹿城区新田路") == [("ADDRESS", "浙江省温州市鹿城区新田路")]
    assert found("拱墅区半山街道田园社区") == [("ADDRESS", "拱墅区半山街道田园社区")]


@pytest.mark.parametrize(
    "text", ["我住在三楼", "我住在北京市", "我家住在杭州市西湖区", "住在12号床", "我家在农村",
             "地址不方便说", "寄到家里就行", "我住得比较远，在郊区", "北京市朝阳区医院看的",
             "地址：湖北省武汉市", "地址：武汉市洪山区**********", "麻烦寄到这里：武汉市*****"]
)
def test_address_when_cue_without_street_level_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("江东街道青岩刘C区168栋9单元11楼", "江东街道青岩刘C区168栋9单元11楼"),
     ("润兴路领域龙山76幢7单元433", "润兴路领域龙山76幢7单元433"),
     ("篁园路927号篁园香江公寓", "篁园路927号篁园香江公寓"),
     ("半山街道半山桥建工路2号", "半山街道半山桥建工路2号")],
)
def test_address_when_building_and_unit_estate_or_town_then_found_without_cue(
    found: Found, text: str, value: str
) -> None:
    assert found(text) == [("ADDRESS", value)]


@pytest.mark.parametrize("text", ["门诊在3号楼2单元", "住院部5号楼3层", "我住在3栋"])
def test_address_when_hospital_building_then_not_found(found: Found, text: str) -> None:
    assert found(text) == []
