"""The rule engine: one message in, findings out (design §2, §4.2). Pure: no I/O per message.

Per message: normalise once → one Aho–Corasick pass over every lexicon (the prefilter) →
only the detectors that the sender's applicable rules need, and only when one of their
trigger lexicons hit → each rule's match / exclude → spans in ORIGINAL offsets, personal-data
findings with the masked text → the chat context learns from the message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rules.context import PATIENT_CUES, ChatContext
from rules.detectors import Detector, Flags, Signal, Subject
from rules.detectors.advice import AdviceDetector
from rules.detectors.gift import GiftDetector
from rules.detectors.offtopic import OfftopicDetector
from rules.detectors.personal import PersonalDataDetector
from rules.detectors.structural import StructuralDetector
from rules.lexicon import LEXICON_DIR, Lexicon, LexiconMatcher, load_lexicons
from rules.loader import RuleError, load_rules
from rules.model import Category, Finding, Message, Mode, Role, Severity, Span
from rules.normalize import normalize
from rules.planner import Policy, rule_infos
from rules.schema import Rule

# Lexicons the context needs whatever the rules say (§B3 safe phrasing, §B4, §B5).
CONTEXT_LEXICONS = (
    *PATIENT_CUES, "advice-in-person", "advice-no-visit", "advice-disclaimer", "cue-assistant",
)
_Piece = tuple[tuple[int, int] | None, str]  # (original span or None, entity)
# Spans kept per finding (design §4.2 has no key to say more were cut; the first ones in text
# order stay): 40,000 × 红包 gave one 2.2 MB output line.
MAX_SPANS = 50


def _detectors(rules: Sequence[Rule]) -> dict[str, Detector]:
    """One instance of each detector the rules use."""
    names = {d for rule in rules for d in rule.match.detectors}
    pii_rules = [r for r in rules if "personal_data" in r.match.detectors]
    pii_floor = min((r.match.min_score for r in pii_rules), default=0.5)
    made: dict[str, Detector] = {
        "gift": GiftDetector(), "advice": AdviceDetector(), "offtopic": OfftopicDetector(),
        "structural": StructuralDetector(), "personal_data": PersonalDataDetector(pii_floor),
    }
    return {name: made[name] for name in sorted(names)}


def _applies(rule: Rule, role: Role) -> bool:
    roles = rule.match.sender_roles
    return (not roles or role in roles) and role not in rule.exclude.sender_roles


def _context_holds(condition: Sequence[tuple[str, bool]], flags: Flags) -> bool:
    return all(getattr(flags, key) == value for key, value in condition)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule with what the hot loop asks about it precomputed."""

    rule: Rule
    detectors: tuple[str, ...]
    triggers: tuple[str, ...]  # lexicons, one of which must hit for a lexicon-only rule
    context: tuple[tuple[str, bool], ...]
    exclude_context: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, rule: Rule) -> _Compiled:
        m = rule.match
        triggers = (*m.lexicon, *m.all_of[:1], *(m.near.lexicons if m.near else ()))
        return cls(rule, tuple(m.detectors), triggers, tuple(m.context.required().items()),
                   tuple(rule.exclude.context.required().items()))

    def may_match(self, signals: Mapping[str, list[Signal]], hits: Mapping[str, Any]) -> bool:
        """Cheap pre-check: a detector of the rule signalled, or a trigger lexicon hit."""
        if self.detectors:
            return any(signals.get(d) for d in self.detectors)
        return any(hits.get(n) for n in self.triggers)


def _outermost(spans: set[Span]) -> list[Span]:
    """Spans in text order without those nested inside a longer span of the same entity."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.entity))
    # Every span of the same entity that contains s sorts before it, so one sweep keeping the
    # furthest end per entity finds the nested ones (the pairwise check was quadratic: a
    # 64 KB message of 红包 took seconds).
    reach: dict[str, int] = {}
    kept = []
    for span in ordered:
        if reach.get(span.entity, -1) < span.end:
            kept.append(span)
        reach[span.entity] = max(reach.get(span.entity, -1), span.end)
    return kept


def _merged(spans: set[Span]) -> list[Span]:
    """Spans in text order with overlapping or touching spans of the same entity joined.

    For evidence spans (gift, advice, off-topic words): 红包红包红包 is one stretch of evidence,
    not three. Personal data keeps one span per value (`_outermost`): each is masked on its own.
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.entity))
    open_: dict[str, int] = {}  # entity → index in `kept` of its last span
    kept: list[Span] = []
    for span in ordered:
        last = open_.get(span.entity)
        if last is not None and span.start <= kept[last].end:
            if span.end > kept[last].end:
                kept[last] = Span(kept[last].start, span.end, span.entity)
            continue
        open_[span.entity] = len(kept)
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -s.end, s.entity))  # a joined span grew


def _capped(finding: Finding) -> Finding:
    """The finding with at most MAX_SPANS spans, the first ones in text order."""
    if len(finding.spans) <= MAX_SPANS:
        return finding
    return dataclasses.replace(finding, spans=finding.spans[:MAX_SPANS])


def _one_gift_per_event(findings: list[Finding], event_rules: frozenset[str]) -> list[Finding]:
    """On a value event (a structural gift finding), drop gift findings from its text that are
    no more severe: the same message in the same category for the same evidence."""
    events = [f for f in findings if f.rule_id in event_rules and f.category is Category.GIFT]
    if not events:
        return findings
    worst = max(f.severity.rank for f in events)
    return [f for f in findings if f.category is not Category.GIFT or f.rule_id in event_rules
            or f.severity.rank > worst]


def _suppresses(blocked: tuple[int, int], span: tuple[int, int]) -> bool:
    """An exclusion hit removes a span it overlaps, unless the span strictly contains it
    (发红 "redness" must not remove 发红包)."""
    if not (blocked[0] < span[1] and span[0] < blocked[1]):
        return False
    contains = span[0] <= blocked[0] and blocked[1] <= span[1]
    return not (contains and span[1] - span[0] > blocked[1] - blocked[0])


def apply_overrides(
    rules: Sequence[Rule], overrides: Mapping[str, Mapping[str, Any]], source: str | None = None
) -> list[Rule]:
    """Rules with per-rule `mode` / `severity` overrides from the config applied.

    `source` is the config file the overrides come from; errors name it (and the rule id).
    """
    where = f"{source}: rules.overrides" if source else "config: rules.overrides"
    by_id = {r.id: r for r in rules}
    for rule_id, change in overrides.items():
        if rule_id not in by_id:
            raise RuleError(where, rule_id, "rules.overrides",
                            "没有这条规则 / no such rule")
        update = {k: v for k, v in dict(change).items() if v is not None}
        if set(update) - {"mode", "severity"}:
            raise RuleError(where, rule_id, f"rules.overrides.{rule_id}",
                            "只能覆盖 mode 和 severity / only mode and severity can be overridden")
        try:
            update = {k: (Mode(v) if k == "mode" else Severity(v)) for k, v in update.items()}
        except ValueError as exc:
            raise RuleError(where, rule_id, f"rules.overrides.{rule_id}",
                            str(exc)) from exc
        by_id[rule_id] = by_id[rule_id].model_copy(update=update)
    return [by_id[r.id] for r in rules]


class Engine:
    """A loaded rule set, ready to evaluate messages; build once, share freely."""

    def __init__(self, rules: Sequence[Rule], *, roster_roles: Mapping[str, Role] | None = None,
                 lexicons: Mapping[str, Lexicon] | None = None):
        self.rules = sorted(rules, key=lambda r: r.id)
        self.roster_roles = dict(roster_roles or {})
        self._infos = rule_infos(self.rules)
        active = [r for r in self.rules if r.mode is not Mode.OFF]
        self._detectors = _detectors(active)
        if lexicons is None:
            lexicons = load_lexicons(LEXICON_DIR)
        names = {n for r in active for n in r.lexicons_used()} | set(CONTEXT_LEXICONS)
        names.update(n for d in self._detectors.values() for n in d.lexicons)
        self._matcher = LexiconMatcher(lexicons[n] for n in sorted(names))
        self._by_role = {role: [_Compiled.of(r) for r in active if _applies(r, role)]
                         for role in Role}
        self._by_detector = {
            role: {d: [c for c in cs if d in c.detectors] for d in self._detectors}
            for role, cs in self._by_role.items()
        }
        self._lexicon_only = {role: [c for c in cs if not c.detectors]
                              for role, cs in self._by_role.items()}
        self._triggers = {name: frozenset(d.triggers) for name, d in self._detectors.items()}
        self._detectors_by_role = {
            role: [self._detectors[d] for d in sorted({d for c in cs for d in c.detectors})]
            for role, cs in self._by_role.items()
        }
        self._event_rules = frozenset(r.id for r in active if "structural" in r.match.detectors)

    @classmethod
    def load(
        cls,
        pack_dirs: list[Path] | None = None,
        *,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
        roster_roles: Mapping[str, Role] | None = None,
        config_source: str | None = None,
    ) -> Engine:
        """Load packs (default cn-healthcare), apply config overrides; raise `RuleError`."""
        lexicons = load_lexicons(LEXICON_DIR)  # read once: the loader checks names against them
        rules = apply_overrides(load_rules(pack_dirs, lexicons), overrides or {}, config_source)
        return cls(rules, roster_roles=roster_roles, lexicons=lexicons)

    def new_context(self) -> ChatContext:
        """A fresh context for one chat."""
        return ChatContext()

    def policy(self, *, bot_is_admin: bool = False, sender_has_private_chat: bool = False,
               language: str = "zh") -> Policy:
        """The planner policy for one message, with every loaded rule's actions and texts."""
        return Policy(bot_is_admin=bot_is_admin, sender_has_private_chat=sender_has_private_chat,
                      rules=self._infos, language=language)

    def rule(self, rule_id: str) -> Rule:
        """The loaded rule with this id (KeyError when absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def evaluate(self, message: Message, context: ChatContext) -> list[Finding]:
        """Findings for one message (stable order), then remember it in `context`."""
        norm = normalize(message.text)
        hits = self._matcher.find(norm.text)
        role = self._role(message, context, hits)
        fresh = message.version == 0  # not edits
        subject = Subject(message, role, norm, hits, lambda: context.flags(message, hits),
                          context.previous_text(message) if fresh else None,
                          context.prompt_text(message) if fresh else None)
        signals = {
            d.name: d.detect(subject)
            for d in self._detectors_by_role[role]
            if not d.triggers or not self._triggers[d.name].isdisjoint(hits)  # names that hit
        }
        findings = []
        for compiled in self._candidates(role, signals, hits):
            finding = self._match(compiled, subject, signals)
            if finding is not None:
                findings.append(finding)
        findings = _one_gift_per_event(findings, self._event_rules)
        context.remember(message, role, hits,
                         gift=any(f.category is Category.GIFT for f in findings))
        if any(f.category is Category.PERSONAL_DATA for f in findings):
            findings = self._with_redaction(message, findings)  # masks every span, before the cap
        findings = [_capped(f) for f in findings]
        return sorted(findings, key=lambda f: (f.rule_id, [(s.start, s.end) for s in f.spans]))

    def _candidates(self, role: Role, signals: Mapping[str, list[Signal]],
                    hits: Mapping[str, Any]) -> list[_Compiled]:
        """Only the rules whose detectors signalled or whose trigger lexicons hit."""
        by_detector = self._by_detector[role]
        chosen = {c.rule.id: c for name, found in signals.items() if found
                  for c in by_detector.get(name, ())}
        for compiled in self._lexicon_only[role]:
            if compiled.may_match(signals, hits):
                chosen[compiled.rule.id] = compiled
        return list(chosen.values())

    def scan(self, messages: Iterable[Message]) -> Iterator[tuple[Message, list[Finding]]]:
        """Evaluate messages in order, one context per chat_id."""
        contexts: dict[str, ChatContext] = {}
        for message in messages:
            context = contexts.get(message.chat_id)
            if context is None:
                context = contexts[message.chat_id] = self.new_context()
            yield message, self.evaluate(message, context)

    def _role(self, message: Message, context: ChatContext, hits: Mapping[str, Any]) -> Role:
        """Input role wins, then the roster, then self-identification as an assistant."""
        if message.sender_role is not Role.UNKNOWN:
            return message.sender_role
        role = self.roster_roles.get(message.sender_id)
        if role is not None:
            return role
        if message.sender_id in context.assistants or hits.get("cue-assistant"):
            return Role.ASSISTANT
        return Role.UNKNOWN

    def _match(self, compiled: _Compiled, subject: Subject,
               signals: Mapping[str, list[Signal]]) -> Finding | None:
        """A finding when the rule's match holds and no exclusion applies."""
        rule = compiled.rule
        ex = rule.exclude
        if not _context_holds(compiled.context, subject.flags):
            return None
        if compiled.exclude_context and _context_holds(compiled.exclude_context, subject.flags):
            return None
        if ex.lexicon_anywhere and subject.has(*ex.lexicon_anywhere):
            return None
        pieces, score = self._pieces(rule, subject, signals)
        if not pieces:
            return None
        if ex.lexicon:
            blocked = subject.spans(subject.found(*ex.lexicon))
            pieces = [p for p in pieces if p[0] is None or not any(
                _suppresses(b, p[0]) for b in blocked)]
            if not pieces:
                return None
        found = {Span(s[0], s[1], e) for s, e in pieces if s is not None}
        pii = rule.category is Category.PERSONAL_DATA
        spans = _outermost(found) if pii else _merged(found)
        message = subject.message
        return Finding(
            message_id=message.id, rule_id=rule.id, category=rule.category,
            severity=rule.severity, spans=tuple(spans), score=score, mode=rule.mode,
            chat_id=message.chat_id, sender_id=message.sender_id, sender_role=subject.role,
        )

    @staticmethod
    def _pieces(rule: Rule, subject: Subject, signals: Mapping[str, list[Signal]]
                ) -> tuple[list[_Piece], float]:
        """Every span that makes the rule match (empty: no match) and the best score."""
        m = rule.match
        pieces: list[_Piece] = []
        score = 1.0
        if m.detectors:
            chosen = [s for d in m.detectors for s in signals.get(d, ())
                      if (not m.entities or s.entity in m.entities) and s.score >= m.min_score]
            if not chosen:
                return [], 0.0
            score = max(s.score for s in chosen)
            pieces += [(s.span, s.entity) for s in chosen]
        for names in ([m.lexicon] if m.lexicon else []) + [[n] for n in m.all_of]:
            found = subject.found(*names)
            if not found:
                return [], 0.0
            pieces += [(subject.span(h.start, h.end), h.lexicon.upper().replace("-", "_"))
                       for h in found]
        if m.near is not None:
            a, b = (subject.found(n) for n in m.near.lexicons)
            close = [(x, y) for x in a for y in b
                     if max(x.start, y.start) - min(x.end, y.end) <= m.near.window]
            if not close:
                return [], 0.0
            pieces += [(subject.span(h.start, h.end), h.lexicon.upper().replace("-", "_"))
                       for pair in close for h in pair]
        return pieces, score

    @staticmethod
    def _with_redaction(message: Message, findings: list[Finding]) -> list[Finding]:
        """Personal-data findings carry the message text with every such span masked."""
        redacted = masked_text(message, findings)
        return [
            dataclasses.replace(f, redacted_text=redacted)
            if f.category is Category.PERSONAL_DATA else f
            for f in findings
        ]


def masked_text(message: Message, findings: Iterable[Finding]) -> str:
    """The text with every personal-data span masked: the copy storage keeps in clear."""
    spans = {s for f in findings if f.category is Category.PERSONAL_DATA for s in f.spans}
    if not spans:
        return message.text
    from rules.pii import PiiHit
    from rules.redaction import mask

    hits = [PiiHit(s.entity, s.start, s.end, 1.0) for s in sorted(spans, key=lambda s: s.start)]
    return mask(message.text, hits)
