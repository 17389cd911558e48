"""Storage fixtures: every test runs on SQLite and on the real PostgreSQL server.

Each PostgreSQL test gets its own schema (dropped afterwards), so concurrent test runs that
share the `test` database never see each other's tables.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from storagekit import KEY

from storage.db import Store, open_store


def _pg_url(base: str, schema: str) -> str:
    return f"{base}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    schema = f"ww_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """An open, migrated archive with a key and a signing key directory."""
    opened = open_store(db_url, archive_key=KEY, key_dir=tmp_path / "keys", upgrade=True)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def backend(db_url: str) -> str:
    """'sqlite' or 'postgresql'."""
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"
