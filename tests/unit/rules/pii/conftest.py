"""Helpers for the personal-data tests: what was found, as (entity, original substring)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from stdnum import luhn
from stdnum.cn import ric

from rules.pii import detect_personal_data

Found = Callable[..., list[tuple[str, str]]]


@pytest.fixture(scope="session")
def found() -> Found:
    """`found(text, previous=None)` → [(entity, text[start:end]), …] in text order."""

    def run(text: str, previous: str | None = None) -> list[tuple[str, str]]:
        return [(h.entity, text[h.start:h.end])
                for h in detect_personal_data(text, previous=previous)]

    return run


def resident_id(first17: str) -> str:
    """A resident ID with its correct ISO 7064 check character."""
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum ignores the last char


def bank_card(first_digits: str) -> str:
    """A card number with its correct Luhn check digit."""
    return first_digits + luhn.calc_check_digit(first_digits)
