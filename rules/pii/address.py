"""Street addresses (住址): road + number, or estate + building, after optional admin areas.

Pattern after domain.md §C row 8: province / city / district / town, then road (路 街 大道 巷
弄 胡同) + number + 号, optional estate (小区 花园 苑 …), building (栋 幢 号楼), unit (单元),
room (室). A city or district alone is not sensitive (personal-data.md §2: flag only street-level
detail). `\b` is useless in Chinese, so an address cannot start on a pronoun, verb or particle
(我 住 在 的 …): that keeps "我家住在" out of the span without a gazetteer.

Two more shapes come from how addresses are handed out in chat:

* after a cue (地址：…, 住址, 寄到, 家住 …) the whole phrase up to the next punctuation is the
  address when it carries an address word — any admin or street word after 地址 / 寄到, a
  street, village or estate after the weaker 住在 / 家住 (住在三楼 / 住在北京市 are no home);
  it stops before a phone number or a name label that follows in the same phrase;
* without a cue, two admin levels followed by a street, village or estate
  (浙江省温州市鹿城区新田路): street level, even with no house number.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

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
_PHASE = rf"(?:{_N}{{1,2}}(?:区|期))?"  # 翠苑三区, 碧桂园二期
_BUILDING = rf"(?:{_N}{{1,3}}(?:栋|幢|号楼|座)|[0-9]{{1,4}}(?:-[0-9]{{1,5}}){{1,2}}(?:室|号)?)"
_UNIT = rf"(?:{_N}{{1,2}}单元)?(?:[0-9]{{1,5}}(?:室|房|号|楼|层)?)?"

_ROAD_ADDRESS = re.compile(
    f"{_ADMIN}{_ROAD}{_NUMBER}(?:{_ESTATE}{_PHASE})?(?:{_BUILDING})?{_UNIT}"
)
_ESTATE_ADDRESS = re.compile(f"{_ADMIN}{_ESTATE}{_PHASE}{_BUILDING}{_UNIT}")
# Province, city and district: what is left of a cued phrase below them must be a place.
_ADMIN_AREAS = re.compile(
    rf"(?:{_C}{{2,8}}?(?:省|自治区|特别行政区))?(?:{_C}{{1,8}}?(?:市|自治州|地区|盟))?"
    rf"(?:{_C}{{1,8}}?(?:区|县|旗))?"
)
_LEVELS_ONLY = re.compile(rf"{_C}{{1,8}}?(?:省|自治区|市|自治州|区|县|旗|街道|镇|乡)")
# A flat or a housing estate, not a shop or a hospital.
_HOME = re.compile(r"栋|幢|号楼|单元|室|小区|公寓|家园|新村|花园")
# Building + unit (76幢7单元433, 92栋2-786) is a home whatever precedes it: the phrase before
# it (estate, village, block names) is taken along.
_FLAT = re.compile(
    rf"(?:{_C}|[0-9a-z]){{2,20}}?[a-z]?{_N}{{1,4}}(?:栋|幢|号楼)"
    rf"(?:{_N}{{1,2}}单元(?:{_N}{{1,5}}(?:室|号|楼|层)?)?|[0-9]{{1,2}}-[0-9]{{2,5}})"
)
_STRONG_CUE = (r"(?:地址|住址|寄到|寄往|邮寄到|邮到|送到|送货到|快递到|发到|收件地址|"
               r"收货地址)")
_WEAK_CUE = r"(?:家住|住在|我家在|家在|住的是|搬到|老家是|老家在|我住|我们住)"
_CUED = re.compile(
    rf"(?:(?P<strong>{_STRONG_CUE})|{_WEAK_CUE})\s*(?:是|为|在)?\s*"
    r"(?:这里|这儿|这个地址|下面这个地址|下面的地址|以下地址)?\s*:?\s*"
    r"(?P<value>[^\s,.。;!?、()\[\]\"'“”<>*]{4,60})"
)
_ANY_WORD = re.compile(r"省|自治区|市|自治州|区|县|旗|街道|镇|乡|村|路|街|大道|巷|弄|胡同|号|栋|幢"
                       r"|楼|单元|室|小区|花园|苑|公寓|大厦|新村|社区|广场|组|园区|开发区")
_STREET_WORD = re.compile(
    rf"{_C}{{2,}}(?:镇|乡|村|路|街|大道|巷|弄|胡同|小区|花园|新村|社区|公寓|大厦|家园|苑)"
    rf"|{_N}+(?:栋|幢|单元|号楼)|{_N}+号(?!床|病房|房间)"
)
# The hospital's own address (医院地址：…, 本院位于…) is public, not a patient's home.
_PLACE_OF = (r"(?:医院|我院|本院|院区|分院|门诊部?|急诊|住院部|科室|药房|诊所|卫生院)(?:的)?"
             r"(?:地址|位置|位于|地点|在)")
_INSTITUTION = re.compile(_PLACE_OF + r"\s*(?:是|为)?\s*:?\s*$")  # just before the span
_INSTITUTION_AT = re.compile(_PLACE_OF)  # or the span's own start (本院位于…)
# Where a cued phrase stops: a phone or id number, or the label of the next field.
_CUT = re.compile(r"[0-9]{7,}|电话|手机|联系|收件人|收货人|姓名|邮编|谢谢|麻烦")
_LEVELS = (rf"(?P<prov>{_C}{{2,8}}?(?:省|自治区))?(?P<city>{_C}{{1,8}}?(?:市|自治州|地区|盟))?"
           rf"(?P<dist>{_C}{{1,8}}?(?:区|县|旗))?(?P<town>{_C}{{1,8}}?(?:街道|镇|乡))?")
_STREET = (rf"{_C}(?:{_C}|[0-9]){{0,11}}?(?:大道|大街|路|街|巷|弄|胡同|村|社区|小区|花园|新村"
           r"|开发区|工业园区|工业区)")
_AREA_ADDRESS = re.compile(_LEVELS + _STREET)
_AREA_HINT = (r"[省市区县旗镇乡][^\s,。]{1,12}?"
              r"(?:路|街|巷|弄|胡同|村|社区|小区|花园|新村|开发区|园区)")
# English street address (221b baker street, 12 elm rd): house number, 1–3 name words that
# are not function words ("2 weeks on the road"), a street type. Text is lower-cased, so the
# score stays under the threshold unless a context word (address, live at) is near.
_WORD = r"(?!(?:on|the|a|an|to|in|of|for|and|by|at|with|from|per|every|each)\s)[a-z]{2,20}"
_ENGLISH_STREET = re.compile(
    rf"(?<![0-9a-z])[0-9]{{1,5}}[a-z]?\s+(?:{_WORD}\s+){{1,3}}"
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place"
    r"|terrace|crescent)\.?(?![a-z])"
)
_LATIN_WORD = re.compile(r"[a-z]{2}")
CUE = re.compile(rf"(?:大道|大街|路|街|巷|弄|胡同){_N}{{1,5}}号|{_N}(?:栋|幢|号楼|单元)"
                 rf"|[0-9]-[0-9]{{1,5}}(?:-[0-9]|室)|{_STRONG_CUE}|{_WEAK_CUE}|{_AREA_HINT}"
                 rf"|{_ENGLISH_STREET.pattern}")


class AddressRecognizer(RegexRecognizer):
    """ADDRESS: street-level addresses; without a flat number they need a context word."""

    PATTERNS = (Rx(ENTITY, _ROAD_ADDRESS, 0.45), Rx(ENTITY, _ESTATE_ADDRESS, 0.6),
                Rx(ENTITY, _FLAT, 0.6))
    CONTEXT = ("住址", "地址", "家住", "住在", "住的", "寄到", "收货", "快递", "搬到", "我家",
               "address", "live at", "lives at", "lived at", "living at", "send it to")

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """A flat (building, unit, room) is a home: 0.6–0.65 without context; a road and
        number under a province, city or district 0.55; a bare road and number 0.45."""
        if not _HOME.search(value):
            admin = _LEVELS_ONLY.match(value)
            return 0.55 if admin and admin.end() > 0 else 0.45
        return 0.65 if rx.regex is _ROAD_ADDRESS else rx.score

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Street and estate patterns, cued phrases, and admin areas down to a street."""
        results = super().analyze(text, entities)
        if _LATIN_WORD.search(text):  # an English street: 0.3, reported with a context word
            results += (self._result(ENTITY, *m.span(), 0.3)
                        for m in _ENGLISH_STREET.finditer(text))
        for m in _CUED.finditer(text):
            start = m.start("value")
            value = m["value"]
            if not m["strong"] and value.startswith("的"):
                continue  # 我住的小区附近…: where they live, described, not given
            cut = _CUT.search(value)
            value = value[:cut.start()] if cut else value
            if len(value) < 4:
                continue
            if text.startswith("*", start + len(value)):
                continue  # already masked below the city: 地址：武汉市*****
            admin = _ADMIN_AREAS.match(value)  # all optional: always matches
            below_city = value[admin.end():] if admin else value
            if len(below_city) < 2:
                continue  # a city or district alone is not a home
            if (_ANY_WORD if m["strong"] else _STREET_WORD).search(value):
                results.append(self._cued_result(ENTITY, start, start + len(value), 0.75))
        for m in _AREA_ADDRESS.finditer(text):
            levels = sum(1 for name in ("prov", "city", "dist", "town") if m[name])
            if levels >= 2:
                results.append(self._result(ENTITY, m.start(), m.end(), 0.55))
        return [r for r in results if not _of_institution(text, r.start)]


def _of_institution(text: str, start: int) -> bool:
    """The address at `start` is the hospital's own (医院地址：…, 本院位于…)."""
    return bool(_INSTITUTION.search(text, max(0, start - 12), start)
                or _INSTITUTION_AT.match(text, start))
