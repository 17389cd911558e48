"""The rule-file schema (design §4.4): one validated, frozen pydantic model per YAML file.

Unknown keys are rejected everywhere (`extra="forbid"`), so a misspelt field fails loudly
instead of silently disabling a check.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rules.model import ActionKind, Category, Mode, Role, Severity

RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DetectorName = Literal["personal_data", "gift", "advice", "offtopic", "structural"]
DETECTORS: tuple[str, ...] = get_args(DetectorName)
CONTEXT_KEYS = (
    "first_visit", "condition_change", "red_flag", "followup", "in_person_referral", "disclaimer",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A bilingual string: Chinese first, English too."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class ContextCondition(_Strict):
    """Conditions on the chat around the message; each key given must hold."""

    first_visit: bool | None = None  # a patient in context showed first-visit cues (§B4)
    condition_change: bool | None = None  # a patient reported a changed / worse condition
    red_flag: bool | None = None  # a patient reported an urgent symptom
    followup: bool | None = None  # a patient framed it as a follow-up / repeat prescription
    in_person_referral: bool | None = None  # this message sends the patient to a visit
    disclaimer: bool | None = None  # this message says online advice is only a reference

    def required(self) -> dict[str, bool]:
        """The conditions actually set, as name → expected value."""
        return {k: v for k in CONTEXT_KEYS if (v := getattr(self, k)) is not None}


class Near(_Strict):
    """Two lexicons whose hits must lie within `window` characters of each other."""

    lexicons: tuple[str, str]
    window: int = Field(default=12, ge=1, le=200)


class Match(_Strict):
    """What must be true for a rule to fire; every key given is required (AND)."""

    detectors: list[DetectorName] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    lexicon: list[str] = Field(default_factory=list)  # any of these lexicons
    all_of: list[str] = Field(default_factory=list)  # every one of these lexicons
    near: Near | None = None
    sender_roles: list[Role] = Field(default_factory=list)
    context: ContextCondition = ContextCondition()
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _has_a_trigger(self) -> Match:
        if not (self.detectors or self.lexicon or self.all_of or self.near):
            raise ValueError("match 至少需要 detectors、lexicon、all_of 或 near 之一 / "
                             "match needs at least one of detectors, lexicon, all_of, near")
        if self.entities and not self.detectors:
            raise ValueError("match.entities 需要 match.detectors / match.entities needs "
                             "match.detectors")
        return self


class Exclude(_Strict):
    """What suppresses a match: overlapping lexicon hits, hits anywhere, roles, context."""

    lexicon: list[str] = Field(default_factory=list)  # hits overlapping a matched span
    lexicon_anywhere: list[str] = Field(default_factory=list)  # a hit anywhere in the message
    sender_roles: list[Role] = Field(default_factory=list)
    context: ContextCondition = ContextCondition()


class ContextMessage(_Strict):
    """An earlier message of the same chat that an example needs (first visit, split number)."""

    text: str
    role: Role = Role.PATIENT
    sender: str = ""  # "self" = the example's own sender; default one sender per role


class StructuralExample(_Strict):
    """A platform event attached to an example message (Telegram gift, Stars payment…)."""

    kind: str
    amount: int | None = None
    currency: str | None = None


class Example(_Strict):
    """One example message; a bare string in YAML is `Example(text=...)`."""

    text: str = ""
    role: Role | None = None  # default: the rule's first sender role, else unknown
    context: list[ContextMessage] = Field(default_factory=list)
    redacted: str | None = None  # expected `redacted_text` of the finding
    structural: list[StructuralExample] = Field(default_factory=list)
    media_kind: str | None = None
    note: str = ""


class Examples(_Strict):
    """Semgrep's ruleid / ok / todoruleid / todook, as lists."""

    match: list[Example] = Field(default_factory=list)
    no_match: list[Example] = Field(default_factory=list)
    todo_match: list[Example] = Field(default_factory=list)
    todo_no_match: list[Example] = Field(default_factory=list)

    @field_validator("match", "no_match", "todo_match", "todo_no_match", mode="before")
    @classmethod
    def _strings_are_examples(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value


class Rule(_Strict):
    """One rule file."""

    id: str
    title: Text
    category: Category
    severity: Severity
    status: Literal["experimental", "test", "stable"]
    mode: Mode
    description: str = ""
    match: Match
    exclude: Exclude = Exclude()
    actions: list[ActionKind] = Field(default_factory=list)
    message: Text
    legal_basis: list[str] = Field(default_factory=list)
    falsepositives: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    examples: Examples = Examples()

    @field_validator("mode", mode="before")
    @classmethod
    def _bare_off(cls, value: object) -> object:
        return "off" if value is False else value  # YAML 1.1 reads a bare `off` as false

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not RULE_ID.fullmatch(value):
            raise ValueError("id 须为小写字母、数字和连字符（如 gift-red-packet-offer）/ id must "
                             "be kebab-case: lower-case letters, digits and '-'")
        return value

    def lexicons_used(self) -> set[str]:
        """Every lexicon name this rule refers to."""
        names = {*self.match.lexicon, *self.match.all_of, *self.exclude.lexicon}
        names.update(self.exclude.lexicon_anywhere)
        if self.match.near is not None:
            names.update(self.match.near.lexicons)
        return names
