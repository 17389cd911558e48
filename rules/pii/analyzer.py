"""The one Presidio AnalyzerEngine, built lazily, plus the cheap prefilter in front of it.

Offline by construction (personal-data.md §1–§6): a `SpacyNlpEngine` whose `nlp` dict already
holds `spacy.blank("zh")` and `spacy.blank("en")`, so Presidio never resolves (or downloads) a
model name; a registry we fill ourselves; and a context enhancer that looks at raw characters
around a match, because blank pipelines have empty lemmas and the char segmenter cuts every
Chinese keyword apart, so Presidio's `LemmaContextAwareEnhancer` never fires for Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistry
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from rules.pii import address, email, person_name
from rules.pii.address import AddressRecognizer
from rules.pii.bank_card import BankCardRecognizer
from rules.pii.bed_name import BED, BedNameRecognizer
from rules.pii.email import EmailRecognizer
from rules.pii.english import english_recognizers
from rules.pii.glued import GluedNumbersRecognizer
from rules.pii.hospital_number import HospitalNumberRecognizer
from rules.pii.labelled_phone import LabelledPhoneRecognizer
from rules.pii.landline import LandlineRecognizer
from rules.pii.mobile import MobileRecognizer
from rules.pii.passport import PassportRecognizer
from rules.pii.permit import PermitRecognizer
from rules.pii.person_name import PersonNameRecognizer
from rules.pii.qq import QQRecognizer
from rules.pii.resident_id import ResidentIdRecognizer
from rules.pii.wechat import WeChatRecognizer

LANGUAGES = ("zh", "en")

# Anything a recognizer could report needs one of these in the normalised text: a 5-digit
# run (phones, ids, cards, QQ, record numbers, passports) or two short groups (住院号 2853 24),
# '@', a dotted quad, a WeChat word, an IPv6 group, a bed with a name, an address detail, a
# name cue with a surname, the last digits of an ID (身份证后四位), or a disguised e-mail.
PREFILTER: tuple[re.Pattern[str], ...] = (
    # Separate patterns tried in turn: one big alternation is slower in `re` (21 µs against
    # 13 µs for a typical consultation turn that matches none of them).
    re.compile(r"\d{5}|\d{4}[ -]\d\d|@|尾号|后[46四六]位"),
    re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,}"),
    re.compile(r"微信|威信|薇信|v信|weixin|wechat|wxid_|(?<![a-z])(?:wx|vx)(?![a-z])|加我?v"
               r"|(?<![a-z0-9])v\s*[:=]"),
    email.HINT, address.CUE, BED, person_name.CUE,
)
_LATIN = re.compile(r"[a-z]{2}")
_INTERNATIONAL = re.compile(r"[+＋]\s?[1-9]")  # a foreign number in a Chinese message


class CharWindowContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score when a context word occurs in the raw characters around it.

    Looks `before` characters back and `after` forward in the analysed text, and in the
    `context` strings passed to `analyze()` (the sender's previous message). The +0.35 boost
    and the 0.4 floor are Presidio's defaults.
    """

    def __init__(self, before: int = 24, after: int = 8) -> None:
        super().__init__(
            context_similarity_factor=0.35,
            min_score_with_context_similarity=0.4,
            context_prefix_count=before,
            context_suffix_count=after,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Boost, in place, every result with a supporting word nearby."""
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        outside = " ".join(context or ()).lower()
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, ""))
            if recognizer is None or not recognizer.context:
                continue
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            window = (text[max(0, result.start - self.context_prefix_count):result.start]
                      + "\n" + text[result.end:result.end + self.context_suffix_count]).lower()
            if any(word in window or word in outside for word in recognizer.context):
                result.score = min(max(result.score + self.context_similarity_factor,
                                       self.min_score_with_context_similarity), self.MAX_SCORE)
        return raw_results


def chinese_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of our recognizers, registered for language `zh`."""
    return [
        ResidentIdRecognizer(), MobileRecognizer(), LandlineRecognizer(), BankCardRecognizer(),
        EmailRecognizer(), PassportRecognizer(), PermitRecognizer(), HospitalNumberRecognizer(),
        BedNameRecognizer(), WeChatRecognizer(), QQRecognizer(), AddressRecognizer(),
        PersonNameRecognizer(), GluedNumbersRecognizer(), LabelledPhoneRecognizer(),
    ]


class BlankPipelines(Mapping[str, Language]):
    """Language → blank spaCy pipeline, each built on first use. Analysis never tokenises
    (`_no_tokens`), so start-up skips `spacy.blank` (~0.25 s for zh and en) unless asked."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self._languages = languages
        self._built: dict[str, Language] = {}

    def __getitem__(self, language: str) -> Language:
        if language not in self._languages:
            raise KeyError(language)
        if language not in self._built:
            self._built[language] = spacy.blank(language)
        return self._built[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)


@cache
def analyzer() -> AnalyzerEngine:
    """The process-wide engine (built on first use; about 0.1 s)."""
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": f"blank:{lang}"} for lang in LANGUAGES]
    )
    # Handing over loaded pipelines marks the engine loaded, so no model name is ever resolved.
    nlp_engine.nlp = BlankPipelines(LANGUAGES)  # type: ignore[assignment]
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for recognizer in chinese_recognizers() + english_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=CharWindowContextEnhancer(),
    )


@cache
def _no_tokens(language: str) -> NlpArtifacts:
    """Empty NLP artifacts.

    Our recognizers, Presidio's English pattern recognizers and the window enhancer all read
    characters, not tokens, so analysis skips spaCy tokenisation (one token per Chinese
    character costs ~0.1 ms a message, a long English message ~0.6 ms).
    """
    empty = Doc(Vocab(), words=[])  # no pipeline needed for an empty Doc
    return NlpArtifacts(entities=[], tokens=empty, tokens_indices=[], lemmas=[],
                        nlp_engine=None, language=language)


def might_contain(normalised: str) -> bool:
    """The prefilter: False means no recognizer can report anything in this text."""
    return any(pattern.search(normalised) for pattern in PREFILTER)


def analyze_chinese(
    normalised: str, *, context: list[str] | None = None, min_score: float = 0.5
) -> list[RecognizerResult]:
    """Our recognizers over the normalised text (offsets on the normalised text)."""
    return analyzer().analyze(normalised, language="zh", nlp_artifacts=_no_tokens("zh"),
                              context=context, score_threshold=min_score)


# Which English recognizers can match at all; PhoneRecognizer costs ~0.4 ms per region on a
# long message, so it runs only where 7+ digits sit close together.
_ENGLISH_HINTS = (
    ("PHONE_NUMBER", re.compile(r"\d(?:[\s().\-]{0,2}\d){6,}")),
    ("CREDIT_CARD", re.compile(r"\d(?:[\s\-]?\d){12,}")),
    ("IBAN_CODE", re.compile(r"[a-z]{2}\d{2}[\s]?[0-9a-z]{4}", re.IGNORECASE)),
    ("US_SSN", re.compile(r"\d{3}[\s.\-]?\d{2}[\s.\-]?\d{4}")),
    ("UK_NHS", re.compile(r"\d{3}[\s\-]?\d{3}[\s\-]?\d{4}")),
    ("IP_ADDRESS", re.compile(r"\d{1,3}\.\d{1,3}\.\d|[0-9a-f]{1,4}:[0-9a-f]{0,4}:", re.I)),
    ("EMAIL_ADDRESS", re.compile("@|＠")),
)


def analyze_english(original: str, *, min_score: float = 0.5) -> list[RecognizerResult]:
    """Presidio's English recognizers over the original text (offsets on the original)."""
    if not (_LATIN.search(original.lower()) or _INTERNATIONAL.search(original)):
        return []
    entities = [entity for entity, hint in _ENGLISH_HINTS if hint.search(original)]
    if not entities:
        return []
    return analyzer().analyze(original, language="en", entities=entities,
                              nlp_artifacts=_no_tokens("en"), score_threshold=min_score)
