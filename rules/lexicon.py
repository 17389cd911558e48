"""Lexicons as data (rules/data/lexicons/*.yaml), matched in one Aho–Corasick pass.

Every lexicon term is normalised exactly like message text (rules.normalize), so 轉賬, ＨＢ and
转账 meet on the same key. Hits are reported in NORMALISED offsets; the engine maps spans back.
Pure-ASCII ends of a term only match at an ASCII word boundary, so `hb` does not fire inside
`hbsag` and `zz` not inside `jazz`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from rules.normalize import normalize

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicons"
PACK_LEXICONS = "lexicons"  # a rule pack's own word lists: <pack>/lexicons/*.yaml
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# libyaml's parser where PyYAML has it (its wheels do): the pure-Python one took most of the
# rule pack's load time (~0.15 s of 0.2 s idle, three times that on a busy machine).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str) -> Any:
    """`yaml.safe_load(source)` through `YAML_LOADER`: the same safe tags, parsed in C."""
    return yaml.load(source, Loader=YAML_LOADER)


class LexiconError(ValueError):
    """A lexicon file is malformed or its name taken; the message names the file and why."""

    def __init__(self, path: Path, msg: str) -> None:
        self.path, self.msg = path, msg
        super().__init__(f"{path}: {msg}")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A named list of terms with a one-line description of what they mean."""

    name: str
    terms: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon term found in normalised text, half-open [start, end)."""

    lexicon: str
    start: int
    end: int
    term: str


def read_lexicon(path: Path) -> Lexicon:
    """Read one lexicon YAML file: {name, description, terms: [...]}; name == file stem."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LexiconError(path, f"词表 YAML 格式错误 / invalid lexicon YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"name", "description", "terms"}:
        raise LexiconError(path, "词表只允许 name, description, terms / unexpected keys")
    name, terms = data.get("name"), data.get("terms")
    if name != path.stem or not isinstance(name, str) or not _NAME.fullmatch(name):
        raise LexiconError(path, "name 必须等于文件名 / name must equal the file stem")
    if not isinstance(terms, list) or not terms or not all(
        isinstance(t, str | int) and str(t).strip() for t in terms
    ):
        raise LexiconError(path, "terms 必须是非空字符串列表 / terms must be non-empty strings")
    return Lexicon(name, tuple(str(t).strip() for t in terms), str(data.get("description", "")))


def load_lexicons(directory: Path = LEXICON_DIR) -> dict[str, Lexicon]:
    """Every lexicon in a directory, by name."""
    return {lex.name: lex for lex in map(read_lexicon, sorted(directory.glob("*.yaml")))}


def pack_lexicon_dirs(packs: Iterable[Path]) -> list[Path]:
    """The `lexicons/` folders of rule packs (a rule file's pack is its folder), once each."""
    folders: list[Path] = []
    for pack in packs:
        folder = (pack if pack.is_dir() else pack.parent) / PACK_LEXICONS
        if folder.is_dir() and folder.resolve() not in {f.resolve() for f in folders}:
            folders.append(folder)
    return folders


def load_pack_lexicons(packs: Iterable[Path], builtin: Mapping[str, Lexicon]
                       ) -> dict[str, Lexicon]:
    """The word lists rule packs bring in their own `lexicons/` folder, by name.

    They are loaded beside the built-in ones; a name that is already taken, built in or by
    another pack, is an error naming both files (which list would a rule mean?).
    """
    origin = {name: LEXICON_DIR / f"{name}.yaml" for name in builtin}
    found: dict[str, Lexicon] = {}
    for folder in pack_lexicon_dirs(packs):
        for path in sorted(folder.glob("*.yaml")):
            lexicon = read_lexicon(path)
            if lexicon.name in origin:
                raise LexiconError(path, f"词表名重复 / lexicon name {lexicon.name!r} also "
                                         f"defined in {origin[lexicon.name]}")
            origin[lexicon.name], found[lexicon.name] = path, lexicon
    return found


def _keys(term: str) -> set[str]:
    """The automaton keys of a term: its normalised form and its plain lower-case form."""
    return {k for k in (normalize(term).text, term.lower()) if k}


def _is_ascii_alpha(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_ascii_digit(ch: str) -> bool:
    return ch.isascii() and ch.isdigit()


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """An ASCII letter (digit) at a term's edge must not continue a letter (digit) run."""
    first, last = text[start], text[end - 1]
    if start > 0:
        before = text[start - 1]
        if (_is_ascii_alpha(first) and _is_ascii_alpha(before)) or (
            _is_ascii_digit(first) and _is_ascii_digit(before)
        ):
            return False
    if end < len(text):
        after = text[end]
        if (_is_ascii_alpha(last) and _is_ascii_alpha(after)) or (
            _is_ascii_digit(last) and _is_ascii_digit(after)
        ):
            return False
    return True


class LexiconMatcher:
    """One automaton over every term of the given lexicons."""

    def __init__(self, lexicons: Iterable[Lexicon]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, set[str]] = {}
        for lex in lexicons:
            for term in lex.terms:
                for key in _keys(term):
                    table.setdefault(key, set()).add(lex.name)
        for key, names in table.items():
            checked = key[0].isascii() or key[-1].isascii()
            self._automaton.add_word(key, (len(key), tuple(sorted(names)), checked))
        self.empty = not table
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> dict[str, list[Hit]]:
        """All hits in normalised `text`, grouped by lexicon name, in text order."""
        hits: dict[str, list[Hit]] = {}
        if self.empty or not text:
            return hits
        for end_index, (length, names, checked) in self._automaton.iter(text):
            end = end_index + 1
            start = end - length
            if checked and not _boundary_ok(text, start, end):
                continue
            term = text[start:end]
            for name in names:
                hits.setdefault(name, []).append(Hit(name, start, end, term))
        return hits


def overlaps(a_start: int, a_end: int, hits: Iterable[Hit]) -> bool:
    """True when [a_start, a_end) overlaps any hit."""
    return any(h.start < a_end and a_start < h.end for h in hits)


def outside(found: Iterable[Hit], blocked: Iterable[Hit]) -> list[Hit]:
    """The hits of `found` (in order) that overlap no hit of `blocked`.

    Same as filtering with `overlaps`, but in n log n: a long message has thousands of hits
    on both sides, and the pairwise check made 64 KB of 起了个红包 take seconds.
    """
    merged: list[list[int]] = []  # the union of `blocked`: disjoint, so ends rise with starts
    for b in sorted(blocked, key=lambda h: (h.start, h.end)):
        if merged and b.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b.end)
        else:
            merged.append([b.start, b.end])
    starts = [m[0] for m in merged]
    kept = []
    for h in found:
        before = bisect.bisect_left(starts, h.end)  # blocked spans starting before h ends
        if not before or merged[before - 1][1] <= h.start:
            kept.append(h)
    return kept


def hit_spans(hits: Mapping[str, list[Hit]], names: Iterable[str]) -> list[Hit]:
    """The hits of the named lexicons, merged and sorted by position."""
    found = [h for name in names for h in hits.get(name, ())]
    return sorted(found, key=lambda h: (h.start, h.end, h.lexicon))
