"""Diagnosis / treatment advice detector (domain.md §B3, weighted by §B4 context).

Signals: DIAGNOSIS, TREATMENT, DOSAGE (a drug with a dose or frequency), MEDICATION_CHANGE
and CONTROLLED_DRUG. Scores rise when a patient in context is on a first visit, reports a
change, or a red-flag symptom, and fall when the message sends the patient to an in-person
visit or carries a disclaimer; those lower severity but do not clear specific dosing advice.
Whether advice is "unexamined" (a physician) or "unlicensed" (an assistant) is the rules' job.
"""

from __future__ import annotations

import re
from bisect import bisect

from rules.detectors import Signal, Subject, clamp
from rules.lexicon import Hit

# Legal dose units, 处方管理办法 第七条 via domain.md §B3. `g` before `/` is a lab value (g/L).
_DOSE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|μg|ug|ng|ml|iu|毫克|微克|毫升|单位|克|片|粒|丸|袋|支|盒|剂|滴|喷|贴"
    r"|g(?![a-z/])|u(?![a-z])|个\s*单位|units?\b|puffs?\b|tabs?\b|tablets?\b)"
    r"|[一二两三四五六半]\s*(?:片|粒|丸|袋|支)(?![子刻])|[一二两三四五六七八九十]+\s*个?\s*单位"
    r"|(?<=take )(?:\d+|one|two|half)\b(?!\s*(?:minutes?|hours?|days?|weeks?|seconds?|a\b))"
)
# A bare strength between a drug and its frequency (阿莫西林 0.5 一天三次, 头孢呋辛 0.25 bid).
_BARE_DOSE = re.compile(
    r"\d+(?:\.\d+)?(?=\s*(?:一天|每天|一日|每日|每晚|睡前|饭[前后]|(?:qd|bid|tid|qid|qn|bd|q\d+h)\b))"
)
_FREQUENCY = re.compile(
    r"(?:每日|每天|一日|一天|每晚|每周|日|天|隔天|隔日)\s*(?:吃|服|用|打|喷|涂)?\s*"
    r"[\d一二两三四五六七八九十]\s*次"
    r"|每次\s*[\d一二两三半]"
    r"|\b(?:once|twice|three times|four times|\d+ times)\s+(?:a|per)\s+day\b"
    r"|\b(?:once|twice|three times|four times)\s+daily\b|\bevery\s+\d+\s*(?:hours|hrs?)\b"
    r"|\b(?:daily|at night|at bedtime|before (?:breakfast|meals))\b"
)
# English generic names by their pharmacological stem (metoprolol, nitrofurantoin, ...).
_EN_DRUG = re.compile(
    r"\b(?:[a-z]+(?:olol|pril|sartan|statin|cillin|mycin|floxacin|prazole|dipine|formin"
    r"|azepam|azolam|tidine|cycline|triptan|gliflozin|gliptin|oxetine|profen|semide|thiazide"
    r"|lukast|tadine|furantoin|olone|isone|vir|mab|nib)|insulin|warfarin|paracetamol"
    r"|acetaminophen|ceph[a-z]+|cef[a-z]+)\b"
)
# A change verb right before a dose (胰岛素加2个单位, 加一片, 减4个单位).
_CHANGE_BEFORE = re.compile(r"(?:加|减|增加|减少|多|少)(?:到|至|成|为|回|回到)?\s*$")
# Telling the patient not to take a named drug (先别吃二甲双胍, 不要再用头孢).
_STOP_BEFORE = re.compile(r"(?:别|不要|不用|先别|停)再?(?:吃|服|用|打)\s*$")
# A taking verb right before a named drug (吃秋水仙碱, 喂美林), not 在吃 / 没吃 / 早上.
_TAKE_BEFORE = re.compile(r"(?<![在没不正早晚别要用])(?:吃|服|喂|涂|抹|擦|喷|含|打|上)\s*$")
# A diagnostic frame before a named condition (考虑是胃炎, 就是普通感冒, 应该是尿路感染).
_DIAGNOSIS_FRAME = re.compile(
    r"(?<!不)(?<!不一定)(?:考虑|应该是|(?<![也的])就是|估计是|像是|可能是|大概率?是|多半是|怀疑是"
    r"|一般是|你这是|这属于|我看是|觉得是|初步判断是?|初步诊断[是为]?)"
    r"(?:(?!排除|检查|查|是否|有没有|除外|不|说|什么)[\u4e00-\u9fff]){0,8}?"  # not 考虑…排除
    r"(?:炎|症|病|感染|感冒|综合征|疹|结石|过敏|溃疡|增生|结节|痛风|疱疹|骨折|扭伤|贫血|缺钙|缺铁"
    r"|焦虑|抑郁|高血压|低血糖|突出|心绞痛|哮喘|反流|早搏|房颤|心衰|缺血|供血不足|心律不齐|心律失常"
    r"|囊肿|息肉|肌瘤|脂肪肝|痔疮|偏头痛|神经痛|劳损|积食|痉挛|肥大|偏曲|中暑)"
    r"(?<!疾病)(?<!毛病)(?![房人历床号区友假例情状药科群因史毒理])(?!的?(?:表现|原因))(?!了?[，,]\s*也)"
    # 病房, 病因, 病理, 感冒药, 心衰的表现, 导致心衰的原因, 心脏本身有疾病, 也就是 (that is),
    # 最多的就是 (most often) and 就是X了，也 (even if) are not diagnoses
)
_EN_DIAGNOSIS_FRAME = re.compile(
    r"\b(?:looks like|sounds like|you have|you've got|it's probably|probably|likely|i'd say it's"
    r"|(?:could|might|may) be)"
    r"\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}?[a-z]*(?:itis|osis|infection|flu|cold|angina|asthma|eczema"
    r"|allergy|migraine|ulcer|reflux|anxiety|depression|hypertension|anaemia|anemia|fracture|sprain"
    r"|gout|shingles|hives)\b"
)
# A Chinese drug name by its dosage form (麻子仁丸, 克拉霉素片, 复方甲氧那明胶囊); film, photos
# and "a slice" (片子, 照片, 一片) are not drugs.
_DRUG_FORM = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:丸|胶囊|颗粒|口服液|滴耳液|滴鼻液|滴眼液|喷剂|栓剂|缓释片|肠溶片|片)"
    r"(?<!照片)(?<!图片)(?<!胸片)(?<!切片)(?<!底片)(?<!名片)(?<!刀片)(?<!拍片)(?<!平片)(?<!药片)"
)
_NOT_BEFORE = re.compile(r"不$|不一定$")
_QUESTION = re.compile(r"(?:[?？]|吗|么|呢)\s*$")
_STOP = re.compile(r"(?:先|就|可以|要)?(?:停|暂停)(?!车|诊|电|止|顿|留|放)")
_KEEP = re.compile(r"(?:不能|不要|不可|不可以|切勿|别|千万别)(?:随便|随意|自行|擅自|自己)?$")
_SENTENCE_END = re.compile(r"[。!！;；\n]")
# Specific dosing stays reportable after a referral or a disclaimer (domain.md §B3 "safe
# phrasing lowers severity; does not clear specific dosing advice").
_DOSAGE_FLOOR = 0.6
_NEAR = 12  # characters between a drug and its dose across a sentence end

LEXICONS = (
    "advice-diagnosis", "advice-treatment", "advice-change", "advice-frequency", "advice-drug",
    "advice-controlled-drug", "advice-in-person", "advice-no-visit", "advice-disclaimer",
    "advice-change-strong", "advice-diagnosis-strong",
    "cue-relay", "cue-own-judgement", "advice-trigger", "advice-change-with-drug",
    "advice-education", "advice-hedge",
)
TRIGGERS = (*LEXICONS[:6], "advice-trigger", "advice-change-with-drug")

# How context moves a score (§B4 up, §B3 safe phrasing down).
_UP = {"first_visit": 0.2, "condition_change": 0.15, "red_flag": 0.2}
_DOWN = {"followup": 0.1, "in_person_referral": 0.25, "disclaimer": 0.15}


def _regex_hits(pattern: re.Pattern[str], text: str, name: str) -> list[Hit]:
    return [Hit(name, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _preceded(pattern: re.Pattern[str], text: str, hits: list[Hit]) -> list[Hit]:
    """The hits with `pattern` right before them (within 4 characters), widened to cover it."""
    out = []
    for h in hits:
        if m := pattern.search(text, max(0, h.start - 4), h.start):
            out.append(Hit(h.lexicon, m.start(), h.end, text[m.start():h.end]))
    return out


def _near(text: str, hits: list[Hit], others: list[Hit]) -> bool:
    """Some hit shares a sentence with, or lies within `_NEAR` characters of, one of `others`
    (华法林先停两天; 布洛芬也可以。0.2日2次), not a stop three sentences after a drug class in a
    leaflet (…利尿药…。若心率过慢，应立即停服)."""
    cuts = [m.start() for m in _SENTENCE_END.finditer(text)]
    return any(bisect(cuts, h.start) == bisect(cuts, o.start)
               or max(h.start, o.start) - min(h.end, o.end) <= _NEAR
               for h in hits for o in others)


def _named(term: str) -> bool:
    """A drug by name (秋水仙碱, 倍他乐克), not a class (降压药, 抗生素, 利尿剂) or a stem."""
    return len(term) >= 3 and term[-1] not in "药剂素类"


class AdviceDetector:
    """Diagnoses, drugs with doses, therapy changes and controlled drugs in staff messages."""

    name = "advice"
    lexicons = LEXICONS
    triggers = TRIGGERS

    def detect(self, subject: Subject) -> list[Signal]:
        """Advice signals, each scored with the context weighting."""
        text = subject.norm.text
        drugs = subject.found("advice-drug", "advice-controlled-drug")
        drugs += [Hit("form", m.start(), m.end(), m.group()) for m in _DRUG_FORM.finditer(text)]
        drugs += _regex_hits(_EN_DRUG, text, "drug")
        doses = _regex_hits(_DOSE, text, "dose") + [
            h for h in _regex_hits(_BARE_DOSE, text, "dose")
            if any(0 <= h.start - d.end <= 2 for d in drugs)]
        regimen = _regex_hits(_FREQUENCY, text, "frequency")  # 一天三次, not 空腹 / 饭后
        freqs = subject.found("advice-frequency") + regimen
        treat = subject.found("advice-treatment")
        taken = _preceded(_TAKE_BEFORE, text, [h for h in drugs if _named(h.term)])
        change_by_drug = [Hit("stop", h.start, m.end(), m.group())  # 华法林停三天
                          for h in drugs if (m := _STOP.match(text, h.end))]
        change = [h for h in subject.found("advice-change")  # 不能随便停药 keeps the therapy
                  if not _KEEP.search(text, max(0, h.start - 4), h.start)] + change_by_drug
        change += _preceded(_CHANGE_BEFORE, text, doses)
        change += _preceded(_STOP_BEFORE, text, drugs)
        if drugs or doses or regimen:  # 改成隔天一次, cut the metoprolol in half
            change += subject.found("advice-change-with-drug")
        found: list[tuple[str, list[Hit], float]] = []
        if _near(text, drugs, doses + freqs):  # not a leaflet's 利尿药…。每次服用…
            found.append(("DOSAGE", drugs + doses + freqs, 0.8 + 0.1 * bool(doses and freqs)))
        elif (doses and freqs) or (treat and doses):
            found.append(("DOSAGE", doses + freqs + treat, 0.7))
        if change:
            alone = 0.6 if subject.has("advice-change-strong") else 0.5
            near = _near(text, change, drugs + doses + freqs)
            found.append(("MEDICATION_CHANGE", change + drugs, 0.8 if near else alone))
        if treat:
            found.append(("TREATMENT", treat + drugs, 0.65 if drugs else 0.3))
        elif taken:  # 吃秋水仙碱: below the bare prescribing floor, counts with context
            found.append(("TREATMENT", taken, 0.5))
        if controlled := subject.found("advice-controlled-drug"):
            found.append(("CONTROLLED_DRUG", controlled + doses, 0.8 + 0.1 * bool(treat or doses)))
        named = _regex_hits(_DIAGNOSIS_FRAME, text, "diagnosis")
        named += _regex_hits(_EN_DIAGNOSIS_FRAME, text, "diagnosis")
        framed = [h for h in subject.found("advice-diagnosis")  # 不考虑是心肌炎
                  if not _NOT_BEFORE.search(text, max(0, h.start - 2), h.start)]
        if diagnosis := framed + named:
            strong = 0.75 if named else 0.55 if subject.has("advice-diagnosis-strong") else 0.35
            hedged = 0.25 * subject.has("advice-hedge")  # 不排除…需要检查, 报告上写的…是指
            found.append(("DIAGNOSIS", diagnosis, strong - hedged))
        asked = self._asks_about(text, [h for _, hits, _ in found for h in hits])
        shift = self._shift(subject, asked)
        specific = doses or any(_named(h.term) for h in drugs)  # not 利尿药 + 按疗程
        lifted = asked or not specific or subject.has("cue-relay", "advice-education")
        floor = 0.0 if lifted else _DOSAGE_FLOOR
        return [
            Signal(entity, span, clamp(max(base + shift, floor if entity == "DOSAGE" else 0.0)))
            for entity, hits, base in found
            for span in sorted({subject.span(h.start, h.end) for h in hits})
        ]

    @staticmethod
    def _asks_about(text: str, hits: list[Hit]) -> bool:
        """The message ends in a question and the advice is in that last sentence (现在吃阿司匹林
        吗？), not in an earlier one (芬必得2片日2次。检查一下好吗？)."""
        if not _QUESTION.search(text):
            return False
        ends = [m.end() for m in _SENTENCE_END.finditer(text.rstrip())]
        last = ends[-1] if ends else 0
        return any(h.end > last for h in hits)

    @staticmethod
    def _shift(subject: Subject, asked: bool) -> float:
        """The context weighting for this message."""
        flags = subject.flags
        shift = sum(w for key, w in _UP.items() if getattr(flags, key))
        shift -= sum(w for key, w in _DOWN.items() if getattr(flags, key))
        if asked:
            shift -= 0.35  # a question about the regimen (现在阿司匹林100mg每天一次吗？)
        if subject.has("cue-relay"):
            shift -= 0.3  # passing on a physician's decision is a grey area (§B5)
        if subject.has("advice-education"):
            shift -= 0.25  # to the whole group, no patient named (§B3)
        if subject.has("cue-own-judgement"):
            shift += 0.1
        if subject.has("advice-no-visit"):
            shift += 0.1  # 不用来医院了: the opposite of a referral
        return shift
