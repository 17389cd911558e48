r"""Presidio's own predefined recognizers for English messages, chosen for a hospital chat.

Kept: phone numbers (phonenumbers, regions limited: each region costs ~0.035 ms per message,
personal-data.md §1.4), credit cards (Luhn), IBAN (checksum), US SSN, IP addresses and the UK NHS
number (checksum). Left out: Presidio's EmailRecognizer (tldextract network call, `\b` next to
CJK — our `email.py` runs for English too), URL (not personal), DATE_TIME and the licence /
passport guessers, which flag ordinary numbers in clinical text. PERSON needs NER, which a blank
spaCy pipeline has not: there is no English name detection.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    IpRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)

from rules.pii.email import EmailRecognizer


class ValidPhoneRecognizer(PhoneRecognizer):
    """Presidio's PhoneRecognizer, scoring a number phonenumbers calls VALID above threshold.

    Presidio gives every match 0.4 and relies on context words; at its default leniency the
    matcher only accepts numbers valid for a region (not dates or doses), which is evidence
    enough in a chat, the same as a valid CN mobile number.
    """

    SCORE = 0.55


PHONE_REGIONS = ("US", "GB", "CA", "AU", "IN", "HK", "SG", "CN")
ENTITIES = ("PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "UK_NHS",
            "EMAIL_ADDRESS")


def english_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of the English recognizers, all registered for language `en`."""
    return [
        ValidPhoneRecognizer(supported_language="en", supported_regions=PHONE_REGIONS),
        CreditCardRecognizer(supported_language="en"),
        IbanRecognizer(supported_language="en"),
        UsSsnRecognizer(supported_language="en"),
        IpRecognizer(supported_language="en"),
        NhsRecognizer(supported_language="en"),
        EmailRecognizer(language="en"),
    ]
