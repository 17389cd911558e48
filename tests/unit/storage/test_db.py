"""Opening the archive: upgrades, and clear errors for bad files, foreign DBs and wrong keys."""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from storagekit import KEY, make_message

from bot.cli import main
from storage import archive
from storage.db import current_revision, head_revision, open_store, upgrade
from storage.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    SchemaOutdatedError,
    WrongKeyError,
)


def test_open_store_when_sqlite_missing_then_created_at_head(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'new.db'}", archive_key=KEY, key_dir=tmp_path)
    assert current_revision(store.engine) == head_revision()
    store.close()


def test_open_store_when_server_db_not_upgraded_then_schema_outdated(db_url: str,
                                                                     tmp_path: Path) -> None:
    with pytest.raises(SchemaOutdatedError, match="wardwatch db upgrade"):
        open_store(db_url, archive_key=KEY, key_dir=tmp_path, upgrade=False)


def test_open_store_when_file_is_not_sqlite_then_corrupt_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is a text file, not a database" * 100)
    with pytest.raises(CorruptDatabaseError, match="SQLite"):
        open_store(f"sqlite:///{bad}", archive_key=KEY, key_dir=tmp_path)


def test_open_store_when_sqlite_file_truncated_then_corrupt_error(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    store = open_store(f"sqlite:///{path}", archive_key=KEY, key_dir=tmp_path)
    with store.begin() as s:
        archive.append_message(s, make_message(1), masked_text="x")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    with pytest.raises(CorruptDatabaseError):
        open_store(f"sqlite:///{path}", archive_key=KEY, key_dir=tmp_path)


def test_open_store_when_database_belongs_to_another_app_then_foreign_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(ForeignDatabaseError):
        open_store(f"sqlite:///{path}", archive_key=KEY, key_dir=tmp_path)


def test_open_store_when_key_differs_then_wrong_key_error(db_url: str, tmp_path: Path) -> None:
    open_store(db_url, archive_key=KEY, key_dir=tmp_path, upgrade=True).close()
    with pytest.raises(WrongKeyError):
        open_store(db_url, archive_key=bytes(32), key_dir=tmp_path, upgrade=True)


def test_open_store_when_no_key_then_opens_for_verify_and_search(db_url: str,
                                                                 tmp_path: Path) -> None:
    open_store(db_url, archive_key=KEY, key_dir=tmp_path, upgrade=True).close()
    store = open_store(db_url, archive_key=None, key_dir=tmp_path, upgrade=True)
    assert store.cipher is None
    store.close()


def test_upgrade_when_run_twice_then_second_is_noop(db_url: str) -> None:
    assert upgrade(db_url) == (None, head_revision())
    assert upgrade(db_url) == (head_revision(), head_revision())


def test_db_upgrade_command_when_run_then_reports_revision(db_url: str, capsys) -> None:
    assert main(["db", "upgrade", "--url", db_url]) == 0
    assert head_revision() in capsys.readouterr().out


def _schema_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    # The search index is dialect-specific raw DDL (FTS5 shadow tables, a GIN expression index).
    return not (name or "").startswith(("message_fts", "ix_message_record_bigrams"))


@pytest.mark.parametrize("url", ["garbage://x", "postgresql+psycopg://nobody@127.0.0.1:1/x"])
def test_db_upgrade_command_when_url_unusable_then_one_line_error_and_exit_1(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_open_with_key_file_when_file_lost_then_no_new_key_left_behind(tmp_path: Path) -> None:
    from storage.db import open_store_with_key_file

    url, key_file = f"sqlite:///{tmp_path / 'a.db'}", tmp_path / "archive.key"
    open_store_with_key_file(url, key_setting="", key_file=key_file, create_key=True,
                             key_dir=tmp_path).close()
    key_file.unlink()  # the operator lost the key file
    with pytest.raises(WrongKeyError, match="密钥文件不存在"):
        open_store_with_key_file(url, key_setting="", key_file=key_file, create_key=True,
                                 key_dir=tmp_path)
    assert not key_file.exists()


def test_migrations_when_applied_then_match_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import storage
    from storage.models import Base

    for module in pkgutil.iter_modules(storage.__path__):
        importlib.import_module(f"storage.{module.name}")  # every model joins the metadata
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _schema_object})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []
