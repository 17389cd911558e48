"""A small regex recognizer base: stdlib `re`, a named `value` group, a score hook.

Presidio's `PatternRecognizer` reports the whole match and only knows pass/fail validation;
keyword-anchored numbers (住院号:ZY2023…) need the keyword outside the span, and the resident
ID needs a graded score (region unknown → lower, not rejected). Everything else about the
result (metadata keys, context words for the enhancer) follows Presidio's conventions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


@dataclass(frozen=True)
class Rx:
    """One pattern of a recognizer: the entity it yields and its score before validation."""

    entity: str
    regex: re.Pattern[str]
    score: float


class RegexRecognizer(EntityRecognizer):
    """Runs `PATTERNS` over the (normalised) text; subclasses refine scores in `rescore`."""

    PATTERNS: Sequence[Rx] = ()
    CONTEXT: Sequence[str] = ()
    name: str

    def __init__(self, language: str = "zh") -> None:
        entities = sorted({p.entity for p in self.PATTERNS})
        super().__init__(
            supported_entities=entities,
            supported_language=language,
            context=list(self.CONTEXT),
            name=f"{type(self).__name__}_{language}",
        )

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every match of every pattern whose `rescore` keeps it."""
        results: list[RecognizerResult] = []
        for rx in self.PATTERNS:
            if entities and rx.entity not in entities:
                continue
            for match in rx.regex.finditer(text):
                group = "value" if "value" in rx.regex.groupindex else 0
                start, end = match.span(group)
                score = self.rescore(match.group(group), rx, text, start, end)
                if score > 0:
                    results.append(self._result(rx.entity, start, end, score))
        return results

    def rescore(self, value: str, rx: Rx, text: str, start: int, end: int) -> float:
        """Score of one match after validation; 0 drops it. Default: the pattern's score."""
        return rx.score

    def _cued_result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        """A result found through its cue word: the cue already is its context, so the
        context enhancer must not boost it a second time."""
        result = self._result(entity, start, end, score)
        result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return result

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=min(score, 1.0),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


# Shared look-arounds: `\b` is useless next to CJK (personal-data.md §1.4), so numbers are
# delimited by "no digit / no ASCII letter" on either side instead.
NOT_ALNUM_BEFORE = r"(?<![0-9a-z])"
NOT_ALNUM_AFTER = r"(?![0-9a-z])"
NOT_DIGIT_BEFORE = r"(?<![0-9])"
NOT_DIGIT_AFTER = r"(?![0-9])"
# What may sit between a keyword and its value: spaces, colons, 是/为, "号码".
KEYWORD_GAP = r"(?:号码|号)?\s*(?:[:=]\s*)?(?:是|为|：)?\s*[:]?\s*"

# Labels of numbers that are not about a person: an order, parcel, invoice or batch number
# (订单号 2024…, 快递单号, 编号17279555708的试剂盒) can look like a phone or a card.
_REFERENCE_LABEL = re.compile(
    r"(?:订单|单号|编号|流水|批号|批次|发票|工单|条码|条形码|运单|序列号|货号|型号|交易号|"
    r"订单号)(?:号码|号)?\s*(?:[:=：#]\s*)?(?:是|为)?\s*$"
)


def labelled_as_reference(text: str, start: int) -> bool:
    """True when the number at `start` directly follows an order / invoice / batch label."""
    return _REFERENCE_LABEL.search(text, max(0, start - 12), start) is not None


# Labels of the hospital's own published numbers (医院总机, 急诊电话, 服务热线, 预约挂号电话):
# a switchboard or a service desk is nobody's personal data (domain.md §C row 2). A ward's or
# department's own line (科室座机, 护士站电话) stays reported: it can be a staff member's
# direct line, and the benchmark labels it personal. So does a personal office number.
_INSTITUTION_LABEL = re.compile(
    r"(?:医院|院办|总机|总台|服务台|导诊台?|急诊|门诊部|住院部|热线|客服|预约|挂号|咨询|投诉|"
    r"收费处)[^0-9,.;!?。，；！？\n]{0,6}$"
)


def labelled_as_institution(text: str, start: int) -> bool:
    """True when the number at `start` follows a hospital or service-desk label."""
    return _INSTITUTION_LABEL.search(text, max(0, start - 16), start) is not None
