"""jieba's bundled dictionary, loaded lazily: word segmentation and "is this a common word".

jieba works offline (its dict.txt ships in the wheel; personal-data.md §1.2). Its `nr` tag is
unreliable as a name detector (谢谢, 金刚, 波立维 are `nr`), so the name recognizer only uses it
as a veto: a candidate that the dictionary knows under another tag (高血压 n, 周一 t, 马上 d) is
an ordinary word. A few frequent `nr` words that are not names are vetoed explicitly.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import jieba

# Tagged `nr` in jieba's dictionary but ordinary words in a consultation.
_NOT_NAMES = frozenset(("谢谢", "金刚", "高明", "安康", "平安", "华佗", "康复", "常规", "石膏",
                        "钱财", "白天", "夏天", "冬天", "秦始皇", "林子", "叶子", "江湖"))


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _tags() -> dict[str, str]:
    """word → POS tag, for the 2–4-character words of jieba's dictionary."""
    path = Path(jieba.__file__).parent / "dict.txt"
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.rstrip("\n").partition(" ")
            if 2 <= len(word) <= 4:
                tags[word] = rest.rpartition(" ")[2]
    return tags


def segment(text: str) -> list[str]:
    """jieba's words for `text` (HMM on, so unknown names come out as one word)."""
    return _tokenizer().lcut(text, HMM=True)


def is_common_word(word: str) -> bool:
    """True for a dictionary word that is not tagged as a person name, or a vetoed `nr`."""
    if word in _NOT_NAMES:
        return True
    tag = _tags().get(word)
    return tag is not None and not tag.startswith("nr")


def warm_up() -> None:
    """Load the dictionary now rather than on the first message with a name cue."""
    _tokenizer()
    _tags()
