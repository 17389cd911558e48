"""Numbers written one after another with nothing between them.

"身份证+手机" pasted from a form, or two phone numbers typed in one go
(1381234567813987654321), make a digit run that no single-number pattern accepts: the
look-arounds that keep a phone number from matching inside a longer number reject it. A run
of 22 or more digits is therefore cut into pieces that each validate on their own (resident ID
by stdnum, mobile and landline by phonenumbers, UnionPay card by Luhn); the run is reported
only when it can be cut completely and is not labelled as an order or batch number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import luhn
from stdnum.cn import ric

from rules.pii.base import RegexRecognizer, Rx, labelled_as_reference
from rules.pii.mobile import is_valid_mobile

_RUN = re.compile(r"(?<![0-9a-z])[0-9][0-9x]{21,59}(?![0-9a-z])")
_SCORE = 0.8


def _is_id(piece: str) -> bool:
    return "x" not in piece[:-1] and ric.is_valid(piece.upper())


def _is_mobile(piece: str) -> bool:
    return piece.isdigit() and is_valid_mobile(piece)


def _is_landline(piece: str) -> bool:
    if not (piece.isdigit() and piece.startswith("0")):
        return False
    number = phonenumbers.parse(piece, "CN")
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE)


def _is_card(piece: str) -> bool:
    return piece.isdigit() and piece.startswith("62") and luhn.is_valid(piece)


# (entity, piece lengths, validator); tried in this order at every cut.
_PIECES: tuple[tuple[str, tuple[int, ...], Callable[[str], bool]], ...] = (
    ("CN_RESIDENT_ID", (18,), _is_id),
    ("CN_PHONE", (11,), _is_mobile),
    ("CN_LANDLINE", (11, 12), _is_landline),
    ("BANK_CARD", (19, 16), _is_card),
)


def split_glued(run: str) -> list[tuple[str, int, int]] | None:
    """Cut `run` completely into valid pieces: [(entity, start, end), …], or None."""

    @cache
    def cut(pos: int) -> tuple[tuple[str, int, int], ...] | None:
        if pos == len(run):
            return ()
        for entity, lengths, valid in _PIECES:
            for length in lengths:
                end = pos + length
                if end <= len(run) and valid(run[pos:end]):
                    rest = cut(end)
                    if rest is not None:
                        return ((entity, pos, end), *rest)
        return None

    pieces = cut(0)
    return list(pieces) if pieces and len(pieces) > 1 else None


class GluedNumbersRecognizer(RegexRecognizer):
    """Resident IDs, phones and cards inside a run of digits that holds two or more of them."""

    PATTERNS = tuple(Rx(entity, _RUN, _SCORE) for entity, _, _ in _PIECES)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """One result per piece of every run that can be cut completely."""
        results = []
        for m in _RUN.finditer(text):
            if labelled_as_reference(text, m.start()):
                continue
            for entity, start, end in split_glued(m.group()) or ():
                if not entities or entity in entities:
                    results.append(self._result(entity, m.start() + start, m.start() + end,
                                                _SCORE))
        return results
