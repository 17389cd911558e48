"""Street addresses (住址): road + number, or estate + building, after optional admin areas.

Pattern after domain.md §C row 8: province / city / district / town, then road (路 街 大道 巷
弄 胡同) + number + 号, optional estate (小区 花园 苑 …), building (栋 幢 号楼), unit (单元),
room (室). A city or district alone is not sensitive (personal-data.md §2: flag only street-level
detail). `\b` is useless in Chinese, so an address cannot start on a pronoun, verb or particle
(我 住 在 的 …): that keeps "我家住在" out of the span without a gazetteer.
"""

from __future__ import annotations

import re

from rules.pii.base import RegexRecognizer, Rx

ENTITY = "ADDRESS"
_STOP = ("我你他她它们在住是的了到从往去来把被和与及或就都也还要想说叫给找这那哪个"
         "吗呢吧啊呀哦嗯请问您好家")
_C = rf"(?:(?![{_STOP}])[\u4e00-\u9fff])"  # a CJK character that can be part of a place name
_N = r"[0-9一二三四五六七八九十百零]"
_ADMIN = (rf"(?:{_C}{{2,8}}?(?:省|自治区|特别行政区))?(?:{_C}{{1,8}}?(?:市|自治州|地区|盟))?"
          rf"(?:{_C}{{1,8}}?(?:区|县|旗))?(?:{_C}{{1,8}}?(?:街道|镇|乡))?")
_ROAD = rf"{_C}(?:{_C}|[0-9]){{0,11}}?(?:大道|大街|路|街|巷|弄|胡同)"
# 100号 / 100号院, or the dash forms couriers use (141-2571, 7-3号).
_NUMBER = rf"(?:{_N}{{1,5}}号(?:院|楼)?|[0-9]{{1,5}}(?:-[0-9]{{1,5}}){{1,2}}(?:号|室)?)"
_ESTATE = (rf"{_C}{{2,10}}?(?:小区|花园|家园|公寓|大厦|新村|社区|广场|中心|公馆"
           r"|苑|庭|府|邸|居|湾|岸|阁|轩|园)")
_BUILDING = rf"(?:{_N}{{1,3}}(?:栋|幢|号楼|座)|[0-9]{{1,4}}(?:-[0-9]{{1,5}}){{1,2}}(?:室|号)?)"
_UNIT = rf"(?:{_N}{{1,2}}单元)?(?:[0-9]{{1,5}}(?:室|房|号|楼|层)?)?"

_ROAD_ADDRESS = re.compile(f"{_ADMIN}{_ROAD}{_NUMBER}(?:{_ESTATE})?(?:{_BUILDING})?{_UNIT}")
_ESTATE_ADDRESS = re.compile(f"{_ADMIN}{_ESTATE}{_BUILDING}{_UNIT}")
_HOME = re.compile(r"栋|幢|号楼|单元|室")  # a flat, not a shop or a hospital
CUE = re.compile(rf"(?:大道|大街|路|街|巷|弄|胡同){_N}{{1,5}}号|{_N}(?:栋|幢|号楼|单元)"
                 r"|[0-9]-[0-9]{1,5}(?:-[0-9]|室)|地址|住址")


class AddressRecognizer(RegexRecognizer):
    """ADDRESS: street-level addresses; without a flat number they need a context word."""

    PATTERNS = (Rx(ENTITY, _ROAD_ADDRESS, 0.45), Rx(ENTITY, _ESTATE_ADDRESS, 0.6))
    CONTEXT = ("住址", "地址", "家住", "住在", "住的", "寄到", "收货", "快递", "搬到", "我家",
               "address")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """A flat (building, unit, room) is a home: 0.6–0.65 without context; else 0.45."""
        if not _HOME.search(value):
            return 0.45
        return 0.65 if rx.regex is _ROAD_ADDRESS else rx.score
