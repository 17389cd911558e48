"""Lexicon files and the one-pass matcher over normalised text."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.lexicon import Lexicon, LexiconError, LexiconMatcher, load_lexicons, read_lexicon
from rules.normalize import normalize


def _find(terms: list[str], text: str) -> list[str]:
    matcher = LexiconMatcher([Lexicon("test", tuple(terms))])
    return [h.term for h in matcher.find(normalize(text).text).get("test", [])]


def test_matcher_when_text_is_traditional_or_full_width_then_simplified_terms_match() -> None:
    assert _find(["转账", "hb"], "給您轉賬了，ＨＢ收一下") == ["转账", "hb"]


def test_matcher_when_ascii_term_inside_a_word_then_no_hit() -> None:
    assert _find(["hb", "zz"], "hbsag阴性，jazz音乐") == []
    assert _find(["hb"], "发个hb给您") == ["hb"]


def test_matcher_when_terms_overlap_then_every_term_is_reported() -> None:
    assert _find(["红包", "发红包"], "发红包") == ["发红包", "红包"]


def test_matcher_when_two_lexicons_share_a_term_then_both_get_the_hit() -> None:
    matcher = LexiconMatcher([Lexicon("a", ("心意",)), Lexicon("b", ("心意",))])
    hits = matcher.find("一点心意")
    assert set(hits) == {"a", "b"} and hits["a"][0].start == 2


def test_bundled_lexicons_when_loaded_then_each_has_terms_and_a_description() -> None:
    lexicons = load_lexicons()
    assert {"gift-transfer", "gift-false-friends", "advice-drug", "cue-first-visit"} <= set(
        lexicons)
    assert all(lex.terms and lex.description for lex in lexicons.values())


def test_read_lexicon_when_name_differs_from_stem_then_error_names_file(tmp_path: Path) -> None:
    path = tmp_path / "gift-x.yaml"
    path.write_text("name: other\ndescription: d\nterms: [a]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"gift-x\.yaml"):
        read_lexicon(path)


def test_read_lexicon_when_unknown_key_then_error(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("name: x\nterms: [a]\nextra: 1\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        read_lexicon(path)
