"""ChatContext: which patients count as first-visit / worsening, for how long, for whom."""

from __future__ import annotations

from rules.context import ChatContext
from rules.detectors import Flags
from rules.lexicon import Hit
from rules.model import Message, Role


def _remember(context: ChatContext, mid: str, sender: str, role: Role,
              cue: str | None = None) -> None:
    hits = {cue: [Hit(cue, 0, 2, "xx")]} if cue else {}
    context.remember(Message(id=mid, text="xx", sender_id=sender, sender_role=role), role, hits)


def _flags(context: ChatContext, reply_to: str | None = None) -> Flags:
    message = Message(id="now", text="", sender_id="doc", sender_role=Role.DOCTOR,
                      reply_to=reply_to)
    return context.flags(message, {})


def test_context_when_patient_says_first_visit_then_next_staff_reply_sees_it() -> None:
    context = ChatContext()
    _remember(context, "1", "p1", Role.PATIENT, "cue-first-visit")
    assert _flags(context).first_visit


def test_context_when_staff_uses_cue_words_then_nobody_is_marked() -> None:
    context = ChatContext()
    _remember(context, "1", "doc", Role.DOCTOR, "cue-first-visit")
    assert not _flags(context).first_visit


def test_context_when_reply_targets_another_patient_then_flag_is_that_patients() -> None:
    context = ChatContext()
    _remember(context, "1", "p1", Role.PATIENT, "cue-condition-change")
    _remember(context, "2", "p2", Role.PATIENT)
    assert _flags(context, reply_to="1").condition_change
    assert not _flags(context, reply_to="2").condition_change


def test_context_when_many_messages_pass_then_red_flag_expires() -> None:
    context = ChatContext()
    _remember(context, "1", "p1", Role.PATIENT, "cue-red-flag")
    for i in range(10):
        _remember(context, f"x{i}", "p2", Role.PATIENT)
    assert not _flags(context).red_flag


def test_context_when_same_sender_wrote_last_then_previous_text_is_given() -> None:
    context = ChatContext()
    _remember(context, "1", "p1", Role.PATIENT)
    same = Message(id="2", text="", sender_id="p1")
    other = Message(id="2", text="", sender_id="p2")
    assert context.previous_text(same) == "xx" and context.previous_text(other) is None


def test_context_when_patient_gift_was_just_offered_then_staff_sees_gift_offered() -> None:
    context = ChatContext()
    context.remember(Message(id="1", text="xx", sender_id="p1"), Role.PATIENT, {}, gift=True)
    assert _flags(context).gift_offered
    _remember(context, "2", "p2", Role.PATIENT)
    assert not _flags(context, reply_to="2").gift_offered


def test_context_when_staff_message_was_a_gift_then_nothing_is_offered() -> None:
    context = ChatContext()
    context.remember(Message(id="1", text="xx", sender_id="doc"), Role.DOCTOR, {}, gift=True)
    assert not _flags(context).gift_offered


def test_context_when_window_passes_then_gift_offer_expires() -> None:
    context = ChatContext()
    context.remember(Message(id="1", text="xx", sender_id="p1"), Role.PATIENT, {}, gift=True)
    for i in range(3):
        _remember(context, f"x{i}", "p2", Role.PATIENT)
    assert not _flags(context).gift_offered
