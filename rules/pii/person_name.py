"""Chinese person names (姓名), conservatively: a surname plus a context cue.

There is no offline Chinese NER (personal-data.md §1.2), and jieba's `nr` tag alone flags about
9 % of real consultation lines (谢谢, 波立维, 金刚 … are tagged `nr`). So a name is reported only
when a cue frames it (domain.md §C row 7): before it 姓名 / 患者 / 病人 / 家属 / 我是 / 我叫 …,
after it 先生 / 女士, a gender-and-age description (`张三，男，45岁`) or a relative
(`张三的家属`). The name itself must start with a known surname (`surnames.py`); jieba
segments runs longer than a name, and its dictionary vetoes ordinary words (高血压, 周一, 马上 …).
Staff titles (王医生, 李主任) are not personal data of a patient and are skipped.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from rules.pii import lexicon
from rules.pii.base import RegexRecognizer, Rx
from rules.pii.surnames import NOT_GIVEN, char_class, surname_length

ENTITY = "PERSON_NAME"
_SURNAME = char_class()
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Cue before the name → score. 叫 only when not "这个药叫 / 病叫 / 地方叫" (drugs, diseases,
# places).
_STRONG = r"姓名|名字|我叫|名叫|叫做|户名|收件人|联系人|(?<![药病症个么啥方市县镇村区城])叫"
_MEDIUM = (r"患者|病人|病患|患儿|家属|我是|本人|老公|老婆|爱人|丈夫|妻子|儿子|女儿|父亲|母亲"
           r"|我妈|我爸|妈妈|爸爸|奶奶|爷爷|外婆|外公|姥姥|姥爷|婆婆|公公|岳母|岳父|孩子|宝宝"
           r"|闺女|媳妇|哥哥|姐姐|弟弟|妹妹|感谢|谢谢")
# A medium cue followed by a colon is mostly a speaker label ("患者: 窦性心律不齐…"); it is a
# form field (家属：王芳，…) only when a lone name follows, closed by punctuation.
_BEFORE = re.compile(
    rf"(?:(?P<strong>{_STRONG})\s*(?:是|为|:|,)?|(?P<medium>{_MEDIUM})\s*"
    rf"(?:是|为|(?P<called>叫)|(?P<colon>:))?)\s*(?={_SURNAME})"
)
# Cue after the name: 先生 / 女士, or ", 男," / ": 女" / ", 45岁" (normalised punctuation).
_AFTER = re.compile(
    r"(?P<title>先生|女士)|(?:[,:]\s*|\s+)(?P<gender>[男女](?=[,;.。\s]|$)|\d{1,3}岁)"
    r"|(?P<kin>的?家属|的(?:妈妈|爸爸|女儿|儿子|老公|老婆|爱人|母亲|父亲|孩子))"
)
HONORIFICS = ("阿姨", "大爷", "大妈", "大叔", "奶奶", "爷爷", "叔叔", "伯伯", "阿婆", "婆婆",
              "大姐", "大哥", "师傅", "姥姥", "姥爷", "外婆", "外公", "先生", "女士")
_HONORIFIC = re.compile(f"(?P<value>{_SURNAME}(?:{'|'.join(HONORIFICS)}))")
_HONORIFIC_WORD = re.compile("|".join(HONORIFICS))
# A full name before the honorific (李桂香阿姨) is a stronger cue than a surname alone.
_FULL_HONORIFIC = re.compile(f"({_SURNAME}[\u4e00-\u9fff]{{1,2}}?)(?:{'|'.join(HONORIFICS)})")
# Words that a cue-plus-surname run can start with but that are staff or not a name.
_STAFF = ("医生", "大夫", "主任", "护士", "教授", "院长", "老师", "药师", "医师", "护士长", "科长")
_NOT_GIVEN = frozenset("某*x×")
# Characters that end a name candidate rather than belong to it (verbs, particles, pronouns).
_FUNCTION_CHARS = frozenset("说的了是在来去也都和要会给把被让叫就还又吗呢吧啊呀着过住"
                            "做查看吃有没不很太过想问您你我他她们")
# English: a name given after "my name is" / "name:" / "patient name:", one or two words (the
# text is lower-cased, so the cue carries the evidence); a second word that is an ordinary
# word ("my name is anna and …") is not part of the name.
_ENGLISH = re.compile(
    r"(?<![a-z])(?:my name is|my name's|(?:full |patient(?:'s)? |first |sur)?name\s*:)\s*"
    r"(?P<value>[a-z]{2,20}(?: [a-z](?:'?[a-z-]){1,20})?)(?![a-z])"
)
_NOT_NAME = frozenset(("and", "the", "is", "from", "here", "speaking", "again", "too", "not",
                       "also", "just", "in", "at", "on", "my", "with", "but", "so", "please",
                       "thanks", "thank", "doctor", "dr", "sorry"))
# A list of names (明天手术的有：李建军、王秀珍、赵德胜): two or more items joined by 、, each
# a surname + 1–2 characters; reported only when every item is a plausible name, so lists of
# diseases or herbs (高血压、冠心病; 黄芪、当归) stay out.
_NAME_ITEM = rf"{_SURNAME}[\u4e00-\u9fff]{{1,2}}"
_NAME_LIST = re.compile(rf"(?<![\u4e00-\u9fff]){_NAME_ITEM}(?:、{_NAME_ITEM})+(?![\u4e00-\u9fff])")
# The prefilter's share: any of the cues above with a surname where the name would be.
CUE = re.compile(
    rf"{_BEFORE.pattern}|{_SURNAME}[\u4e00-\u9fff]{{0,2}}(?:{'|'.join(HONORIFICS)})"
    rf"|{_AFTER.pattern}|{_ENGLISH.pattern}|{_NAME_ITEM}、{_SURNAME}"
)


class PersonNameRecognizer(RegexRecognizer):
    """PERSON_NAME: surname + given name framed by a cue; surname + 阿姨 … at low score."""

    PATTERNS = (Rx(ENTITY, _HONORIFIC, 0.45),)
    CONTEXT = ("患者", "病人", "家属", "床", "姓名", "名字", "病房")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Names after a cue, names before 先生 / 男 / 45岁, and surname + honorific."""
        results = super().analyze(text, entities)
        for m in _BEFORE.finditer(text):
            if m["colon"]:
                span = _field_name(text, m.end())
            else:
                span = name_after(text, m.end(), strong=bool(m["strong"] or m["called"]))
            if span and not text.startswith(_STAFF, span[1]):
                results.append(self._cued_result(ENTITY, *span, 0.85 if m["strong"] else 0.7))
        for m in _AFTER.finditer(text):
            span = _name_before(text, m.start())
            if span:
                score = 0.7 if m["title"] or m["kin"] else 0.8
                results.append(self._cued_result(ENTITY, *span, score))
        spans = (_english_names(text) if "name" in text else [])
        spans += _honoured_names(text) if _HONORIFIC_WORD.search(text) else []
        spans += _listed_names(text) if "、" in text else []
        results += (self._cued_result(ENTITY, *span, 0.7) for span in spans)
        return results


def _listed_names(text: str) -> list[tuple[int, int]]:
    """Spans of the items of a list of names, when every item is a plausible name."""
    spans = []
    for m in _NAME_LIST.finditer(text):
        items = m.group().split("、")
        if all(plausible_name(item, common_given=True) for item in items):
            start = m.start()
            for item in items:
                spans.append((start, start + len(item)))
                start += len(item) + 1
    return spans


def _honoured_names(text: str) -> list[tuple[int, int]]:
    """Spans of the name in a surname + given name + honorific (李桂香 in 李桂香阿姨)."""
    return [m.span(1) for m in _FULL_HONORIFIC.finditer(text)
            if not _FUNCTION_CHARS & set(m[1][1:]) and plausible_name(m[1], common_given=True)]


def _english_names(text: str) -> list[tuple[int, int]]:
    """Spans of names given after an English cue (my name is david miller)."""
    spans = []
    for m in _ENGLISH.finditer(text):
        words = m["value"].split(" ")
        if words[0] in _NOT_NAME:
            continue
        end = m.end() if words[-1] not in _NOT_NAME else m.start("value") + len(words[0])
        spans.append((m.start("value"), end))
    return spans



def name_after(text: str, pos: int, *, strong: bool = False) -> tuple[int, int] | None:
    """The name starting at `pos`: the whole CJK run if short, else jieba's first word(s).

    After a strong cue (我叫, 姓名:) a surname followed by a two-character dictionary word
    is still a name (赵 / 新民 → 赵新民); after a weaker one it is an ordinary phrase.
    """
    run = _CJK_RUN.match(text, pos)
    if not run:
        return None
    span = _dictionary_name(run.group(), pos, strong=strong)
    return span or _bounded_name(text, pos)


def _dictionary_name(run: str, pos: int, *, strong: bool) -> tuple[int, int] | None:
    """The name at the start of `run` as jieba segments it."""
    words = [run] if len(run) <= 2 else lexicon.segment(run[:8])
    name = words[0]
    if len(name) == surname_length(name, 0) and len(words) > 1:
        weak_word = len(words[1]) > 2 or (lexicon.is_common_word(words[1])
                                           and not lexicon.is_place_word(words[1]))
        if weak_word and not (strong and len(words[1]) == 2):
            return None  # 李 / 明天: a surname followed by an ordinary word
        name += words[1]  # jieba split 段 / 继东
    if len(name) in (3, 4) and name[-1] in _FUNCTION_CHARS:
        name = name[:-1]  # HMM glued a verb or particle on: 张三说 → 张三, 赵秀兰住 → 赵秀兰
    if _FUNCTION_CHARS & set(name[1:]):
        return None  # 曾 / 做过, 谢谢您
    ok = plausible_name(name, proper_ok=strong, common_given=not strong)
    return (pos, pos + len(name)) if ok else None


def _field_name(text: str, pos: int) -> tuple[int, int] | None:
    """A lone 2–3 character name filling a labelled field (家属：王芳，电话…)."""
    run = _CJK_RUN.match(text, pos)
    if not run or not 2 <= len(run.group()) <= 3:
        return None
    if run.end() < len(text) and text[run.end()] not in _NAME_END:
        return None
    if _FUNCTION_CHARS & set(run.group()[1:]):
        return None  # 患者：谢谢您
    return run.span() if plausible_name(run.group(), common_given=True) else None


def _bounded_name(text: str, pos: int) -> tuple[int, int] | None:
    """Surname + two characters closed by punctuation or 的 (患者冯英德的女儿, 我是曾华明，).

    jieba reads 冯 / 英德 as surname + place; a three-character run that ends where the
    phrase ends is a name all the same, unless its first two characters are a word (黄疸高)
    or its last two are one that is not a proper noun (易劳累).
    """
    name = text[pos:pos + 3]
    after = text[pos + 3:pos + 4]
    if (len(name) < 3 or surname_length(name, 0) != 1 or not _is_cjk(name[2])
            or (after and after not in _NAME_END)):
        return None
    if _FUNCTION_CHARS & set(name[1:]) or lexicon.is_common_word(name[:2]):
        return None
    if lexicon.is_common_word(name[1:]) and not lexicon.is_place_word(name[1:]):
        return None  # 宝宝易劳累: 劳累 is a word; 英德 (a place) can be a given name
    return (pos, pos + 3) if plausible_name(name, common_given=True) else None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_NAME_END = frozenset(",.;:!?。，；：！？、 \n的")


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The name ending at `end`: the whole CJK run if short, else jieba's last word(s)."""
    start = end
    while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and end - start < 8:
        start -= 1
    run = text[start:end]
    if not run:
        return None
    if len(run) > 3 or (len(run) == 3 and not _is_name_line_start(text, start)):
        words = lexicon.segment(run)
        name = words[-1]
        if len(words) > 1 and surname_length(words[-2], 0) == len(words[-2]) and len(name) <= 2:
            name = words[-2] + name  # jieba split 吴国 / 芝 the other way round
        if (len(run) > 3 and run[-4] in _LEAD_CHARS
                and not plausible_name(name, common_given=True)):
            name = run[-3:]  # jieba glued the verb before it: 请王 / 秀英 → 王秀英
        run = name
    return (end - len(run), end) if plausible_name(run, common_given=True) else None


# Characters that end the phrase before a name (请王秀英家属…, 通知李建军家属).
_LEAD_CHARS = _FUNCTION_CHARS | frozenset("请知找喊")


def _is_name_line_start(text: str, start: int) -> bool:
    """A 3-character run at the start of a line or sentence is taken whole (段继东, 男)."""
    return start == 0 or text[start - 1] in "\n.;!?。；！？ "


def plausible_name(name: str, *, proper_ok: bool = False, common_given: bool = False) -> bool:
    """Surname + 1–2 given characters that are not a dictionary word, a title or 某.

    With `proper_ok` (after 我叫 / 姓名:) a proper noun in the dictionary (高平 is a county,
    华明 a brand) is still taken as the name. With `common_given` (after weaker cues) no given
    character may be one of `surnames.NOT_GIVEN`: jieba tags many symptoms, drugs and herbs as
    person names (冷汗, 苏醒, 艾滋, 葛根, 甘露醇), which 患者冷汗 / 宝宝苏醒了 would hit.
    """
    surname = surname_length(name, 0)
    given = name[surname:]
    if not surname or not 1 <= len(given) <= 2 or _NOT_GIVEN & set(given):
        return False
    if given in HONORIFICS:
        return True
    if common_given and (not NOT_GIVEN.isdisjoint(given) or lexicon.is_frequent_nr_word(name)):
        return False
    if any(given.startswith(title) or name.endswith(title) for title in _STAFF):
        return False
    if proper_ok and lexicon.is_place_word(name):
        return True
    return not (lexicon.is_common_word(name) or lexicon.is_place(name))
