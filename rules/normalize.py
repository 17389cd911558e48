"""Offset-preserving text normaliser that every detector sees (issue #2, "Normalisation").

Two passes over the original text:

1. Per character (cached, applied with `str.translate`): zero-width, format and control
   characters are dropped; NFKC folds full-width, mathematical and circled forms
   (１ 𝟏 ① → 1, ＡＢ → AB, ， → ,); traditional → simplified Chinese by OpenCC's
   `TSCharacters` table (first candidate).
2. Inside number-like runs only (personal-data.md §3.2): Chinese numerals and 幺 / 壹贰叁…
   capitals become digits, separators between digit groups are removed, and letter
   look-alikes (O o → 0, l I | → 1, Z → 2, S → 5, B → 8) become digits. Weak separators
   (* | / x × … that also sit in dates, ratios and doses) join groups only into an
   identifier-length number; 叉 / × after 17 digits is the ID check character X; digits spelt
   in pinyin (yao san ba …) are read first, in runs of seven or more; the dash before a
   landline's extension is kept.

ASCII is lower-cased last. Each character of `Normalized.text` remembers the index of the
original character it came from (and, for a pinyin digit, where its word ends), so a span
found on the normalised text maps back exactly.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Normalized", "normalize"]

# Invisible characters outside category Cf that are used to break up numbers.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0\u20e3"
                       + "".join(map(chr, range(0xFE00, 0xFE10))))  # + keycap, variation sel.
# Digit forms NFKC leaves alone: dingbat and double circled digits (❶ ➀ ➊ ⓵ ⓿).
_DIGIT_FORMS = {chr(first + d): str(d + 1)
                for first in (0x2776, 0x2780, 0x278A, 0x24F5) for d in range(9)} | {"⓿": "0"}
_KEEP_CONTROLS = frozenset("\t\n\r")

# Chinese numerals (lower-case and financial capitals) and 幺 (spoken "one").
_NUMERALS = {ch: str(d) for d, chars in enumerate(
    ("零〇", "一壹幺", "二贰", "三叁参", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖")
) for ch in chars}
# Letter look-alikes, applied only inside a number-like run (personal-data.md §3.2).
_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "Z": "2", "S": "5", "B": "8",
               # Cyrillic and Greek capitals and small letters that look like digits
               "О": "0", "о": "0", "Ο": "0", "ο": "0", "З": "3", "І": "1", "Ι": "1", "б": "6",
               "ǀ": "1", "∣": "1"}
# Separators people put between digit groups (after NFKC: ideographic space → " ", ， → ,).
_SEPARATORS = " \t\r\n.-_\\·•,、()~。\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Emoji and pictographs people drop between digit groups (138😊1234😊5678); skin-tone
# modifiers are in the last range, variation selectors are already gone.
_SYMBOLS = "\u2300-\u23ff\u2600-\u2714\u2717-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_SEPARATOR_CLASS = f"[{re.escape(_SEPARATORS)}{_SYMBOLS}]"
_GAP = re.compile(f"{_SEPARATOR_CLASS}{{1,3}}")
# Weaker separators that also sit inside fractions, dates, sizes and doses (150/95, 2024/03/05,
# 0.5*2, 3 x 5, 等等…): they join digit groups only into an identifier-length number.
_WEAK_GAP_PATTERN = r" {0,2}(?:[*/|×✕✖xX]{1,2}|\.{2,6}) {0,2}"
_WEAK_GAP = re.compile(_WEAK_GAP_PATTERN)
_IDENTIFIER_LENGTHS = frozenset({11, 12, 16, 17, 18, 19})  # mobile, landline, card, ID
# What people type for the check character X of a resident ID (11010119900307123叉).
_CHECK_X = frozenset("xX叉×✕✖╳")

_DIGITISH = "0-9" + "".join(_NUMERALS) + re.escape("".join(_LOOKALIKES))
# A run: digit-ish groups joined by up to three separator characters.
_RUN = re.compile(
    f"[{_DIGITISH}]+(?:(?:{_SEPARATOR_CLASS}{{1,3}}|{_WEAK_GAP_PATTERN})[{_DIGITISH}]+)*"
)
_GROUP = re.compile(f"[{_DIGITISH}]+")
_HAS_DIGIT_OR_NUMERAL = re.compile("[0-9" + "".join(_NUMERALS) + "]")

_MAX_EDGE_LOOKALIKES = 3  # "lB6…" yes; a longer letter run at the edge is a word…
_LONG_LEAD = frozenset("OolI|")  # …unless only these lead an identifier-length run (llOlOll…)
_MIN_RUN = 7  # digit-ish characters a run needs before separators / look-alikes are folded
_MIN_NUMERAL_RUN = 4  # consecutive numerals that read as a number (一三八一, not 一下 / 三天)
_MAX_GROUP_ACROSS_LINES = 4
_KEEP_SEPARATOR_BETWEEN = 8  # two groups this long either side are two numbers, not one
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus the map from each of its characters to an original index."""

    original: str
    text: str
    _index: tuple[int, ...] | None = None  # None: character i came from original[i]
    _ends: tuple[int, ...] | None = None  # None: character i came from one original character

    def char_to_original(self, i: int) -> int:
        """Index in `original` of the character that produced normalised character `i`."""
        if not 0 <= i < len(self.text):
            raise IndexError(f"normalised index {i} outside 0..{len(self.text) - 1}")
        return i if self._index is None else self._index[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span [start, end) of `text` to the exact original characters."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside 0..{len(self.text)}")
        if start == end:
            pos = self.char_to_original(start) if start < len(self.text) else len(self.original)
            return pos, pos
        last = end - 1
        stop = self.char_to_original(last) + 1 if self._ends is None else self._ends[last]
        return self.char_to_original(start), stop

    @property
    def is_identity(self) -> bool:
        """True when every normalised character sits at its original index."""
        return self._index is None


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching, keeping the way back to the original characters."""
    folded = text.translate(_CHAR_TABLE)
    index: list[int] | None = None
    ends: list[int] | None = None
    if not _CHANGES_LENGTH.isdisjoint(text):
        index = _char_index(text)
    if _PINYIN_HINT.search(folded):
        edits, absorbed = _pinyin_edits(folded)
        if edits:
            folded, index, ends = _apply_edits(folded, index, ends, edits, absorbed)
    if _HAS_DIGIT_OR_NUMERAL.search(folded):
        edits = _number_edits(folded)
        if edits:
            folded, index, ends = _apply_edits(folded, index, ends, edits)
    folded = folded.translate(_ASCII_LOWER)
    return Normalized(text, folded, None if index is None else tuple(index),
                      None if ends is None else tuple(ends))


# --- pass 1: one character at a time ---------------------------------------------------------


@cache
def _traditional_to_simplified() -> dict[str, str]:
    """OpenCC's TSCharacters table (traditional → first simplified candidate), read once."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simps = line.partition("\t")
        first = simps.split(" ", 1)[0]
        if len(trad) == 1 and len(first) == 1:
            table[trad] = first
    return table


def _fold_char(ch: str) -> str:
    """What one original character becomes after pass 1 ('' when it is dropped)."""
    if ch in _INVISIBLE:
        return ""
    if ch in _DIGIT_FORMS:
        return _DIGIT_FORMS[ch]
    category = unicodedata.category(ch)
    if category == "Cf" or (category == "Cc" and ch not in _KEEP_CONTROLS):
        return ""
    folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
    t2s = _traditional_to_simplified()
    return "".join(t2s.get(c, c) for c in folded)


class _CharTable(dict[int, str]):
    """A `str.translate` table that computes and caches each code point on first use.

    Only the planes real text uses are cached, so hostile input cannot grow it without bound.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _fold_char(ch)
        if len(folded) != 1:
            _CHANGES_LENGTH.add(ch)  # few: format characters and compatibility forms
        if code < _CACHED_BELOW:
            self[code] = folded
        return folded


_CACHED_BELOW = 0x30000  # BMP, supplementary ideographs (planes 0–2)
_CHANGES_LENGTH: set[str] = set()
_CHAR_TABLE = _CharTable()


def _char_index(text: str) -> list[int]:
    """Original index of every pass-1 character (for texts with dropped or expanded chars)."""
    index: list[int] = []
    for i, ch in enumerate(text):
        index.extend([i] * len(_CHAR_TABLE[ord(ch)]))
    return index


# --- pass 2: number-like runs ------------------------------------------------------------------

# Valid dotted quads stay intact for IP_ADDRESS (a phone dotted in threes is rarely one).
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}")


# Digits spelt in pinyin (yao san ba …, yaosanba…), read only as part of a long number.
_PINYIN_DIGITS = {"ling": "0", "yao": "1", "yi": "1", "er": "2", "liang": "2", "san": "3",
                  "si": "4", "wu": "5", "liu": "6", "qi": "7", "ba": "8", "jiu": "9"}
_PINYIN_WORD = "|".join(sorted(_PINYIN_DIGITS, key=len, reverse=True))
_PINYIN_TOKEN = re.compile(f"({_PINYIN_WORD})|[0-9]+")  # on ASCII-lower-cased text
# A cheap first look (most messages have no run of short Latin words): three word starts.
_INITIALS = "".join({w[0] + w[0].upper() for w in _PINYIN_DIGITS})
_SECONDS = "".join({w[1] + w[1].upper() for w in _PINYIN_DIGITS})
_HINT_WORD = f"[{_INITIALS}][{_SECONDS}][A-Za-z]{{0,3}}[ ,.-]?"
_PINYIN_HINT = re.compile(f"{_HINT_WORD}{_HINT_WORD}{_HINT_WORD}[{_INITIALS}]")
_PINYIN_RUN = re.compile(
    f"(?<![a-z])(?:[0-9]+[ .-]?)?(?:{_PINYIN_WORD})"
    f"(?:[ ,.-]?(?:{_PINYIN_WORD}|[0-9]+))+(?![a-z])"
)
_MIN_PINYIN_WORDS = 4


def _pinyin_edits(text: str) -> tuple[dict[int, str], set[int]]:
    """Edits that turn a run of pinyin digits (with plain digits mixed in) into digits.

    The run must spell at least `_MIN_RUN` digits, four or more of them in pinyin, so names
    and words (Liu Yi, Wu Qi, yi er san) stay as they are. Also returns the positions of the
    letters after each word's first: the digit stands for them too (its span covers "yao").
    """
    edits: dict[int, str] = {}
    absorbed: set[int] = set()
    lowered = text.translate(_ASCII_LOWER)
    for run in _PINYIN_RUN.finditer(lowered):
        tokens = list(_PINYIN_TOKEN.finditer(lowered, run.start(), run.end()))
        words = sum(1 for t in tokens if t.group(1))
        digits = sum(1 if t.group(1) else len(t.group()) for t in tokens)
        if words < _MIN_PINYIN_WORDS or digits < _MIN_RUN:
            continue
        kept = {i for t in tokens if not t.group(1) for i in range(t.start(), t.end())}
        starts = {t.start(): _PINYIN_DIGITS[t.group(1)] for t in tokens if t.group(1)}
        for i in range(run.start(), run.end()):
            if i not in kept:
                edits[i] = starts.get(i, "")
        absorbed.update(i for t in tokens if t.group(1) for i in range(t.start() + 1, t.end()))
    return edits, absorbed


def _number_edits(text: str) -> dict[int, str]:
    """Replacements ('' = delete) that turn number-like runs of `text` into plain digits."""
    edits: dict[int, str] = {}
    for run in _RUN.finditer(text):
        if run.end() - run.start() < _MIN_NUMERAL_RUN or _IPV4.fullmatch(run.group()):
            continue
        groups = [g for m in _GROUP.finditer(text, run.start(), run.end())
                  for start, end in (_split_pipes(text, *m.span()) if "|" in m.group()
                                     else (m.span(),))
                  if (g := _trim_group(text, start, end))]
        for joined in _segments(text, groups):
            for segment in _split_mobile(text, joined):
                for part in (_split_extension(text, segment) if len(segment) > 1 else (segment,)):
                    _edit_segment(text, part, edits)
    return edits


_MIN_PIPE_GROUP = 3


def _split_pipes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a group at its `|` characters when they separate digit groups (138|1234|5678).

    A `|` stays a look-alike 1 (|38|234567B) unless every piece it leaves has 3 or more
    characters.
    """
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end + 1):
        if i == end or text[i] == "|":
            if piece_start < i:
                pieces.append((piece_start, i))
            piece_start = i + 1
    if len(pieces) < 2 or min(e - s for s, e in pieces) < _MIN_PIPE_GROUP:
        return [(start, end)]
    return pieces


_EXTENSION_GAP = "-"
_MAX_EXTENSION = 4
_LANDLINE_LENGTHS = range(10, 13)  # area code (3–4 digits) + subscriber number (7–8 digits)


def _split_extension(
    text: str, segment: list[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """Keep the dash before a landline's extension (0571-8888 6666-801 → 057188886666-801).

    The landline detector reads `-801` after a whole number as its extension; joined, the
    extension would make the number too long to be a landline.
    """
    (*head, last) = segment
    head_size = sum(e - s for s, e in head)
    first = text[head[0][0]:head[0][0] + 2]
    if (text[head[-1][1]:last[0]] == _EXTENSION_GAP and last[1] - last[0] <= _MAX_EXTENSION
            and head_size in _LANDLINE_LENGTHS and first[:1] == "0" and first != "00"):
        return [head, [last]]
    return [segment]


_MOBILE_START = re.compile("1[3-9]")
_CARD_LENGTHS = range(15, 20)


def _split_mobile(
    text: str, segment: list[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """Cut a mobile number off a neighbouring number it was joined to (310000 138 1234 5678).

    Grouped numbers are joined greedily, so a postcode or a count written just before (or
    after) a grouped mobile number swallows it, and so does a list number (1. 138 1234 5678).
    When the groups at one end add up to exactly 11 digits starting 1[3-9], written in groups
    of 3 or more (1 3 8 … spaced digit by digit stays one number), they are cut from the rest,
    unless the whole is a Luhn-valid card or a resident ID.
    """
    if len(segment) < 2:
        return [segment]
    digits = ["".join(_digit(c) for c in text[start:end]) for start, end in segment]
    whole = "".join(digits)
    if text[segment[-1][1]:segment[-1][1] + 1] in _CHECK_X:
        whole += "X"  # the check character of an ID, outside the run
    if (len(whole) in _CARD_LENGTHS and whole.isdigit() and _luhn_ok(whole)) or _id_ok(whole):
        return [segment]
    sizes = [len(d) for d in digits]
    before = list(itertools.accumulate(sizes))  # digits in segment[:k] = before[k - 1]
    for k in range(1, len(segment)):
        if 11 not in (before[k - 1], before[-1] - before[k - 1]):
            continue  # only an 11-digit end can be a mobile (joining every split was quadratic)
        head, tail = "".join(digits[:k]), "".join(digits[k:])
        if len(tail) == 11 and _MOBILE_START.match(tail) and min(sizes[k:]) >= 3:
            return [segment[:k], segment[k:]]
        if len(head) == 11 and _MOBILE_START.match(head) and min(sizes[:k]) >= 3:
            return [segment[:k], segment[k:]]
    return [segment]


def _digit(ch: str) -> str:
    return _NUMERALS.get(ch) or _LOOKALIKES.get(ch) or ch


_ID_LENGTH = 18
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_ok(number: str) -> bool:
    """ISO 7064 MOD 11-2 check of an 18-character resident ID (GB 11643)."""
    if len(number) != _ID_LENGTH or not number[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _trim_group(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop look-alike letters at a group's edges unless they are a short stray (l38…67B)."""
    lead = start
    while lead < end and text[lead] in _LOOKALIKES:
        lead += 1
    if lead == end:
        return None  # letters only: "lol", "Oslo"
    long_lead = lead - start > _MAX_EDGE_LOOKALIKES and not _number_led_by_lookalikes(
        text, start, lead, end)
    if long_lead or (start > 0 and _is_ascii_letter(text[start - 1])):
        start = lead
    trail = end
    while text[trail - 1] in _LOOKALIKES:
        trail -= 1
    if end - trail > _MAX_EDGE_LOOKALIKES or (end < len(text) and _is_ascii_letter(text[end])):
        end = trail
    return start, end


def _number_led_by_lookalikes(text: str, start: int, lead: int, end: int) -> bool:
    """A long lead of 0/1 look-alikes (llOlOll2345) starts a number of identifier length."""
    return (end - start in _IDENTIFIER_LENGTHS and end - lead >= _MIN_TRAILING_DIGITS
            and _LONG_LEAD.issuperset(text[start:lead]))


_MIN_TRAILING_DIGITS = 3


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _segments(text: str, groups: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Join groups separated only by 1–3 separators into one number, unless both look whole."""
    segments: list[list[tuple[int, int]]] = []
    weak = False
    for group in groups:
        if segments:
            prev = segments[-1][-1]
            gap = text[prev[1]:group[0]]
            sizes = (prev[1] - prev[0], group[1] - group[0])
            whole = max(sizes) >= 11 or min(sizes) >= _KEEP_SEPARATOR_BETWEEN
            # A line break splits a number only into short groups (138⏎1234⏎5678); after a
            # longer group it ends a line (a postcode, a total) and the next line starts anew.
            if "\n" in gap and max(sizes) > _MAX_GROUP_ACROSS_LINES:
                whole = True
            if not whole and _GAP.fullmatch(gap):
                segments[-1].append(group)
                continue
            if not whole and _WEAK_GAP.fullmatch(gap):
                weak = True
                segments[-1].append(group)
                continue
        segments.append([group])
    if not weak:
        return segments
    return [part for segment in segments for part in _split_weak(text, segment)]


def _split_weak(text: str, segment: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Undo the joins made by weak separators unless the whole is identifier-length.

    138*1234*5678 and 6222|0212|… stay one number; 2024/03/05, 150/95 and 0.5*2 fall apart.
    """
    if sum(e - s for s, e in segment) in _IDENTIFIER_LENGTHS:
        return [segment]
    parts = [[segment[0]]]
    for prev, group in itertools.pairwise(segment):
        if _GAP.fullmatch(text[prev[1]:group[0]]):
            parts[-1].append(group)
        else:
            parts.append([group])
    return parts


def _edit_segment(text: str, segment: list[tuple[int, int]], edits: dict[int, str]) -> None:
    """Record the edits for one number candidate (a list of groups)."""
    size = sum(end - start for start, end in segment)
    digits = sum(1 for s, e in segment for c in text[s:e] if c not in _LOOKALIKES)
    if size >= _MIN_RUN and (digits >= 5 or (size in _IDENTIFIER_LENGTHS
                                             and digits >= _MIN_TRAILING_DIGITS)):
        for start, end in segment:
            for i in range(start, end):
                ch = text[i]
                if ch in _NUMERALS or ch in _LOOKALIKES:
                    edits[i] = _NUMERALS.get(ch) or _LOOKALIKES[ch]
        for (_, prev_end), (next_start, _) in itertools.pairwise(segment):
            for i in range(prev_end, next_start):
                edits[i] = ""
        end = segment[-1][1]
        if size == _ID_LENGTH - 1 and text[end:end + 1] in _CHECK_X:
            edits[end] = "X"
        return
    for start, end in segment:  # short: only a spelled-out number such as 一三八一 / 二〇二三
        for m in _NUMERAL_RUN.finditer(text, start, end):
            for i in range(m.start(), m.end()):
                edits[i] = _NUMERALS[text[i]]


_NUMERAL_RUN = re.compile(f"[{''.join(_NUMERALS)}]{{{_MIN_NUMERAL_RUN},}}")


def _apply_edits(
    text: str, index: list[int] | None, ends: list[int] | None, edits: dict[int, str],
    absorbed: set[int] | frozenset[int] = frozenset(),
) -> tuple[str, list[int] | None, list[int] | None]:
    """Apply per-position edits, carrying each kept character's original index along.

    `ends` (None: one original character each) is where each character's original source
    ends; a deleted position in `absorbed` extends the source of the character kept before it.
    """
    if all(edits.values()):  # substitutions only: positions do not move
        chars = list(text)
        for i, rep in edits.items():
            chars[i] = rep
        return "".join(chars), index, ends
    if ends is None and not absorbed:  # the common case: every character from one original
        out: list[str] = []
        new_index: list[int] = []
        for i, ch in enumerate(text):
            rep = edits.get(i, ch)
            if rep:
                out.append(rep)
                new_index.append(i if index is None else index[i])
        return "".join(out), new_index, None
    return _apply_edits_with_ends(text, index, ends, edits, absorbed)


def _apply_edits_with_ends(
    text: str, index: list[int] | None, ends: list[int] | None, edits: dict[int, str],
    absorbed: set[int] | frozenset[int],
) -> tuple[str, list[int], list[int]]:
    """`_apply_edits` when some characters stand for more than one original character."""
    out: list[str] = []
    new_index: list[int] = []
    new_ends: list[int] = []
    for i, ch in enumerate(text):
        rep = edits.get(i, ch)
        origin = i if index is None else index[i]
        end = origin + 1 if ends is None else ends[i]
        if rep:
            out.append(rep)
            new_index.append(origin)
            new_ends.append(end)
        elif i in absorbed and new_ends:
            new_ends[-1] = max(new_ends[-1], end)
    return "".join(out), new_index, new_ends
