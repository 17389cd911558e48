"""Property: any single altered byte anywhere in a sealed bundle is detected offline."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storagekit import KEY
from test_cases import _seal

from storage.bundle import DATA_FILES, MANIFEST, SIGNATURE, verify_bundle
from storage.db import open_store


@pytest.fixture(scope="module")
def sealed() -> Iterator[tuple[Path, dict[str, bytes]]]:
    """One sealed bundle (SQLite) and its members."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(f"sqlite:///{folder / 'a.db'}", archive_key=KEY, key_dir=folder)
        path = _seal(store, folder)
        store.close()
        with zipfile.ZipFile(path) as zf:
            yield path, {n: zf.read(n) for n in zf.namelist()}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from([*DATA_FILES, MANIFEST, SIGNATURE]), where=st.floats(0, 1),
       delta=st.integers(1, 255))
def test_verify_bundle_when_any_byte_altered_then_not_ok(
    sealed: tuple[Path, dict[str, bytes]], tmp_path_factory: pytest.TempPathFactory,
    name: str, where: float, delta: int,
) -> None:
    path, members = sealed
    body = bytearray(members[name])
    at = min(int(where * len(body)), len(body) - 1)
    body[at] = (body[at] + delta) % 256
    altered = tmp_path_factory.mktemp("b") / path.name
    with zipfile.ZipFile(altered, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, bytes(body) if member == name else data)
    assert not verify_bundle(altered).ok
