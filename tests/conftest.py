"""Shared fixtures: corpus location, PostgreSQL availability (CI must not skip it)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
POSTGRES_URL = os.environ.get(
    "WARDWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_available() -> bool:
    """True when something listens on the PostgreSQL port."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """`../shared/corpus`, or skip (a user's fresh clone has no corpus; CI always does)."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the development corpus is missing at {CORPUS}")
        pytest.skip("../shared/corpus is absent (fresh clone)")
    return CORPUS


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The real local PostgreSQL server; skipped without it unless CI=true."""
    if not postgres_available():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but PostgreSQL is not reachable on 127.0.0.1:5432")
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    return POSTGRES_URL
