r"""A bed number together with a patient's name (3床王阿姨, 12床的李大爷, 加3床张建国).

Staff routinely call patients by bed (domain.md §C row 6: `加?\d{1,3}(-\d{1,2})?号?床`, e.g.
12床, 加3床, 15-2床); the bed alone identifies nobody outside the ward, but bed plus name does,
so both are masked together. The name is a surname + honorific, or a surname + given name
accepted by the person-name rules.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from rules.pii.base import RegexRecognizer, Rx
from rules.pii.person_name import HONORIFICS, name_after
from rules.pii.surnames import char_class

ENTITY = "BED_NAME"
_NUMBER = r"(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})"
BED = re.compile(
    rf"(?<![0-9])(?:icu|ccu|nicu|eicu)?\s*加?{_NUMBER}(?:-[0-9]{{1,2}})?\s*号?床"
    rf"\s*(?:的|那位|那个|病人|患者)?\s*(?={char_class()})"
)
_HONORIFIC = re.compile(f"{char_class()}(?:{'|'.join(HONORIFICS)})")


class BedNameRecognizer(RegexRecognizer):
    """BED_NAME: from the bed number to the end of the name that follows it."""

    PATTERNS = (Rx(ENTITY, BED, 0.85),)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Bed numbers followed by an honorific or a plausible name."""
        results = []
        for m in BED.finditer(text):
            honorific = _HONORIFIC.match(text, m.end())
            end = honorific.end() if honorific else (name_after(text, m.end()) or (0, 0))[1]
            if end:
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                results.append(self._result(ENTITY, start, end, 0.85))
        return results
