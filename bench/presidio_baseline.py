"""The baseline: Presidio's AnalyzerEngine with its own predefined recognizers, fully offline.

Built as personal-data.md §1.3 describes: a SpacyNlpEngine whose pipelines are `spacy.blank`
for `en` and `zh` (nothing downloaded), the predefined recognizers loaded for `en` and the same
recognizers registered a second time for `zh` (Presidio ships none for Chinese), and
tldextract kept off the network. Each message is analysed in the language most of its
letters belong to, with Presidio's defaults (score threshold 0), as a user of Presidio would.
"""

from __future__ import annotations

import copy
import logging
import re

import spacy
import tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

_CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


def build() -> AnalyzerEngine:
    """An AnalyzerEngine over blank `en` and `zh` pipelines with the predefined recognizers."""
    # EmailRecognizer calls the module-level tldextract.extract, which fetches the Public
    # Suffix List over HTTP on first use; the bundled snapshot is enough (personal-data §1.3).
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # type: ignore[assignment]
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank"},
                                        {"lang_code": "zh", "model_name": "blank"}])
    nlp_engine.nlp = {"en": spacy.blank("en"), "zh": spacy.blank("zh")}  # type: ignore[assignment]
    registry = RecognizerRegistry(supported_languages=["en", "zh"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    for recognizer in list(registry.recognizers):
        if recognizer.supported_language == "en" and not isinstance(recognizer, SpacyRecognizer):
            chinese = copy.deepcopy(recognizer)
            chinese.supported_language = "zh"
            registry.add_recognizer(chinese)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine,
                          supported_languages=["en", "zh"])


def language(text: str) -> str:
    """`zh` when at least a third of the letters are CJK ideographs, else `en`."""
    letters = len(_LETTER.findall(text))
    return "zh" if letters and 3 * len(_CJK.findall(text)) >= letters else "en"


def analyze(engine: AnalyzerEngine, text: str) -> list[tuple[int, int, str]]:
    """Spans Presidio reports for one message, as (start, end, entity)."""
    results = engine.analyze(text=text, language=language(text))
    return [(r.start, r.end, r.entity_type) for r in results]
