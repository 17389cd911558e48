"""A small custom rule pack on disk, as a hospital would write one (shared by CLI tests)."""

from __future__ import annotations

from pathlib import Path

from rules.loader import DEFAULT_PACK


def own_lexicon_pack(folder: Path, *, rule_id: str = "ward-local-gift",
                     lexicon: str = "ward-gift-words") -> Path:
    """`folder/my-pack`: one lexicon-only rule over a word list in the pack's `lexicons/`."""
    text = (DEFAULT_PACK / "gift-red-packet-offer.yaml").read_text(encoding="utf-8")
    text = text.replace("id: gift-red-packet-offer", f"id: {rule_id}")
    text = text.replace("  detectors: [gift]\n  entities: [GIFT_MONEY]\n",
                        f"  lexicon: [{lexicon}]\n")
    assert f"lexicon: [{lexicon}]" in text, "the default rule's match block changed"
    text = text[:text.index("examples:")] + (
        'examples:\n  match: ["给您带了点土特产"]\n  no_match: ["明天复查"]\n')
    pack = folder / "my-pack"
    (pack / "lexicons").mkdir(parents=True)
    (pack / f"{rule_id}.yaml").write_text(text, encoding="utf-8")
    (pack / "lexicons" / f"{lexicon}.yaml").write_text(
        f"name: {lexicon}\ndescription: 本院常见礼品说法\nterms: [土特产]\n", encoding="utf-8")
    return pack
