"""rules.pii.lexicon's start-up caches: a cached value is the built one, a bad file is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.pii import lexicon


def test_cached_when_built_once_then_read_back_without_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "source.txt"
    source.write_text("x", encoding="utf-8")
    builds: list[int] = []

    def build() -> tuple[dict[str, str], int]:
        builds.append(1)
        return {"张伟": "nr"}, 3

    assert lexicon._cached("t", source, build) == ({"张伟": "nr"}, 3)
    assert lexicon._cached("t", source, build) == ({"张伟": "nr"}, 3)
    assert len(builds) == 1
    assert (tmp_path / "wardwatch").stat().st_mode & 0o777 == 0o700


def test_cached_when_file_is_damaged_then_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "source.txt"
    source.write_text("x", encoding="utf-8")
    lexicon._cached("t", source, lambda: 1)
    for cached in (tmp_path / "wardwatch").glob("t-*.marshal"):
        cached.write_bytes(b"\x00garbage")
    assert lexicon._cached("t", source, lambda: 2) == 2


def test_dictionary_when_cached_then_same_as_parsed() -> None:
    assert lexicon._dictionary() == lexicon._parse_dictionary(lexicon._DICT)
