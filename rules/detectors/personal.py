"""Personal data: a thin adapter over `rules.pii.detect_personal_data` (domain.md §C).

The recognizers themselves live in `rules.pii`; this adapter hands them the already
normalised text and the sender's immediately previous message (a number split over two
messages), and keeps each `PiiHit` as the signal payload so the engine can mask it.
"""

from __future__ import annotations

from rules.detectors import Signal, Subject


class PersonalDataDetector:
    """Every personal-data entity `rules.pii` finds at or above `min_score`."""

    name = "personal_data"
    lexicons: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()  # numbers and names need no lexicon hit: always run

    def __init__(self, min_score: float = 0.5) -> None:
        self.min_score = min_score

    def detect(self, subject: Subject) -> list[Signal]:
        """Personal-data signals with spans clamped to this message's text."""
        from rules.pii import detect_personal_data  # presidio start-up only when needed

        text = subject.message.text
        hits = detect_personal_data(
            text, normalized=subject.norm, previous=subject.previous, min_score=self.min_score
        )
        out = []
        for hit in hits:
            start, end = max(0, hit.start), min(len(text), hit.end)
            if start < end:
                out.append(Signal(hit.entity, (start, end), round(hit.score, 3), payload=hit))
        return out
