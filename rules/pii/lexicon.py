"""jieba's bundled dictionary, loaded lazily: word segmentation and "is this a common word".

jieba works offline (its dict.txt ships in the wheel; personal-data.md §1.2). Its `nr` tag is
unreliable as a name detector (谢谢, 金刚, 波立维 are `nr`), so the name recognizer only uses it
as a veto: a candidate that the dictionary knows under another tag (高血压 n, 周一 t, 马上 d) is
an ordinary word. A few frequent `nr` words that are not names are vetoed explicitly.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import marshal
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jieba

T = TypeVar("T")

# Tagged `nr` in jieba's dictionary but ordinary words in a consultation.
_NOT_NAMES = frozenset(("谢谢", "金刚", "高明", "安康", "平安", "华佗", "康复", "常规", "石膏",
                        "钱财", "白天", "夏天", "冬天", "秦始皇", "林子", "叶子", "江湖",
                        "高三", "孙女", "孙子", "孙儿", "孙媳", "黎明", "祝福", "金银花",
                        # brand drugs that read like names (cardiology and common chronic care)
                        "康忻", "施慧达", "蒙诺", "金络", "申捷", "华发林", "华法令", "安博维",
                        "安达唐", "易达比", "舒降之", "潘生丁", "宁心宝", "万爽力", "欧唐宁",
                        "秦艽", "钱伯斯", "陈皮"))


_LOC_NAME = re.compile(r'(?:province|county)="(?:\[[^\]]*\])?([^"]+)"')


def _cache_dir() -> Path | None:
    """A private cache folder (0700) under XDG_CACHE_HOME or ~/.cache; None if unusable."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "wardwatch"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid():
            return None
    except OSError:
        return None
    return folder


_CACHE_FORMAT = 1  # bump when what is cached changes shape


def _cached(name: str, source: Path, build: Callable[[], T]) -> T:
    """`build()`, kept as a marshal file in our cache folder and reused while `source` keeps
    its size and mtime: start-up reads it in ~0.3 s instead of parsing for ~0.7 s."""
    folder = _cache_dir()
    if folder is None:
        return build()
    stat = source.stat()
    cached = folder / f"{name}-{_CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        # read at once: marshal.load() on a file object reads in small pieces, several times
        # slower (jieba's own cache loader does that)
        value: T = marshal.loads(cached.read_bytes())
        return value
    value = build()
    with contextlib.suppress(OSError, ValueError):  # a read-only home only costs the parse
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        payload: Any = value
        partial.write_bytes(marshal.dumps(payload))
        os.replace(partial, cached)
    return value


_DICT = Path(jieba.__file__).parent / "dict.txt"


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()

    def prefix_dict() -> tuple[dict[str, int], int]:
        freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        return freq, total

    freq, total = _cached("jieba-prefix", _DICT, prefix_dict)
    if isinstance(freq, dict) and isinstance(total, int):
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    else:  # a damaged cache: let jieba build it
        tokenizer.initialize()
    return tokenizer


@cache
def _tags() -> dict[str, str]:
    """word → POS tag, for the 2–4-character words of jieba's dictionary."""
    return _dictionary()[0]


@cache
def _name_counts() -> dict[str, int]:
    """word → corpus count, for the 2–4-character words jieba tags as person names."""
    return _dictionary()[1]


@cache
def _dictionary() -> tuple[dict[str, str], dict[str, int]]:
    tags, counts = _cached("lexicon", _DICT, lambda: _parse_dictionary(_DICT))
    if not (isinstance(tags, dict) and isinstance(counts, dict)):
        return _parse_dictionary(_DICT)
    return tags, counts


def _parse_dictionary(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    tags: dict[str, str] = {}
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.rstrip("\n").partition(" ")
            if 2 <= len(word) <= 4:
                count, _, tag = rest.partition(" ")
                tags[word] = tag
                if tag.startswith("nr"):
                    counts[word] = int(count)
    return tags, counts


@cache
def _places() -> frozenset[str]:
    """Province, city and county names from python-stdnum's region table, with and without
    their suffix (唐山市 and 唐山), so that 我是唐山的 is not read as a name."""
    spec = importlib.util.find_spec("stdnum.cn")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "loc.dat"
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        for name in _LOC_NAME.findall(line):
            names.add(name)
            stem = name.rstrip("省市县区州盟旗")
            if len(stem) >= 2:
                names.add(stem)
    return frozenset(names)


def is_place(word: str) -> bool:
    """True for a Chinese province, city or county name (with or without 省/市/县/区)."""
    return word in _places()


def segment(text: str) -> list[str]:
    """jieba's words for `text` (HMM on, so unknown names come out as one word)."""
    return _tokenizer().lcut(text, HMM=True)


def is_common_word(word: str) -> bool:
    """True for a dictionary word that is not tagged as a person name, or a vetoed `nr`."""
    if word in _NOT_NAMES:
        return True
    tag = _tags().get(word)
    return tag is not None and not tag.startswith("nr")


# jieba's `nr` words seen this often are mostly ordinary words it mis-tags (顾客 1365, 宁可 847,
# 熊猫 286, 刘海 65, 柴胡 81); everyday names are rarely in the dictionary at all (王芳, 张伟),
# and the names that are sit lower (王建国 12, 李秀英 3).
_FREQUENT_NR = 20


def is_frequent_nr_word(word: str) -> bool:
    """True for a dictionary word tagged as a person name but frequent enough to be a word."""
    return _name_counts().get(word, 0) >= _FREQUENT_NR


def is_place_word(word: str) -> bool:
    """True for a dictionary word jieba tags as a proper noun (ns place, nz other, nr person):
    such words double as given names (英德, 桂兰, 华明)."""
    return _tags().get(word, "")[:2] in ("ns", "nz", "nr")


def warm_up() -> None:
    """Load the dictionary now rather than on the first message with a name cue."""
    _tokenizer()
    _tags()
    _places()
