"""Engine, sessions and schema upgrades; clear errors for bad, foreign or locked databases."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storage.crypto import ArchiveCipher, Signer, resolve_archive_key
from storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ForeignDatabaseError,
    SchemaOutdatedError,
    StorageError,
    WrongKeyError,
)
from storage.models import Meta

log = logging.getLogger(__name__)
if logging.getLogger("alembic").level == logging.NOTSET:
    # Alembic logs its plugin set-up and context at INFO on every open: noise for operators.
    logging.getLogger("alembic").setLevel(logging.WARNING)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass
class Store:
    """An open archive: engine, sessions carrying the cipher and signer, and the store id."""

    engine: Engine
    sessions: sessionmaker[Session]
    cipher: ArchiveCipher | None
    signer: Signer
    store_id: str

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in a transaction, committed on success; errors become StorageError."""
        with translate_errors(), self.sessions.begin() as session:
            yield session

    def session(self) -> Session:
        """A plain session (the caller manages transactions); it carries cipher and signer."""
        return self.sessions()

    def close(self) -> None:
        """Dispose of the connection pool."""
        self.engine.dispose()


def open_store(
    url: str,
    *,
    archive_key: bytes | None,
    key_dir: Path,
    signing_key_file: str = "wardwatch-signing.key",
    upgrade: bool | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    must_exist: bool = False,
) -> Store:
    """Open (and for embedded SQLite, create or upgrade) the archive at url.

    upgrade=None upgrades SQLite automatically and requires `wardwatch db upgrade` for a
    server database; True/False force either behaviour. must_exist=True (every command that
    only reads or adds to an archive) refuses with NoArchiveError instead of creating one.
    """
    if must_exist:
        _require_sqlite_file(url)
    engine = _usable_engine(url, busy_timeout_ms=busy_timeout_ms)
    if must_exist:
        _require_schema(engine)
    if upgrade is None:
        upgrade = engine.dialect.name == "sqlite"
    try:
        with translate_errors():
            _check_schema(engine, upgrade=upgrade)
            cipher = ArchiveCipher(archive_key) if archive_key is not None else None
            store_id = _check_key(engine, cipher)
    except OperationalError as exc:  # not a lock, a full disk or damage: cannot open at all
        raise _cannot_open(exc) from None
    signer = Signer(Path(key_dir) / signing_key_file)
    info: dict[str, Any] = {"cipher": cipher, "signer": signer, "store_id": store_id}
    sessions = sessionmaker(engine, expire_on_commit=False, info=info)
    return Store(engine=engine, sessions=sessions, cipher=cipher, signer=signer,
                 store_id=store_id)


def open_store_with_key_file(
    url: str, *, key_setting: str, key_file: Path, create_key: bool, key_dir: Path,
    signing_key_file: str = "wardwatch-signing.key", must_exist: bool = False,
) -> Store:
    """open_store with the key from the setting or the key file (created for a new archive).

    A key file created now for a database that was written with another key is removed again,
    so a lost key file is reported as lost instead of being replaced by a useless new one.
    With must_exist, a missing archive is refused before any file is created.
    """
    if must_exist:
        _require_sqlite_file(url)
    existed = key_file.is_file()
    key = resolve_archive_key(key_setting, key_file, create=create_key)
    try:
        return open_store(url, archive_key=key, key_dir=key_dir,
                          signing_key_file=signing_key_file, must_exist=must_exist)
    except NoArchiveError:
        if not existed and key_file.is_file():
            key_file.unlink()  # created a moment ago for an archive that is not there
        raise
    except WrongKeyError:
        if key_setting or existed or not key_file.is_file():
            raise
        key_file.unlink()
        raise WrongKeyError(
            f"{key_file}: 密钥文件不存在，而此数据库是用另一把密钥写入的；请恢复原密钥文件或设置 "
            "WARDWATCH_ARCHIVE_KEY / the key file is missing and this database was written "
            "with another key: restore the file or set WARDWATCH_ARCHIVE_KEY"
        ) from None


class NoArchiveError(StorageError):
    """A command that reads an archive found none where the configuration points."""


def _no_archive(where: str) -> NoArchiveError:
    return NoArchiveError(
        f"找不到存档数据库 {where}，请用 --config 指定配置 / no archive at {where}, pass --config "
        "(只有 db upgrade、archive import、run、demo 会新建存档 / only db upgrade, archive "
        "import, run and demo create one)")


def _require_sqlite_file(url: str) -> None:
    """NoArchiveError, before anything touches the disk, for an absent SQLite file."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # `_usable_engine` reports it
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    if not path.is_file() or path.stat().st_size == 0:
        raise _no_archive(str(path.resolve()))


def _require_schema(engine: Engine) -> None:
    """NoArchiveError for a server database WardWatch never set up."""
    try:
        with translate_errors():
            revision = current_revision(engine)
    except OperationalError as exc:
        raise _cannot_open(exc) from None
    if revision is None:
        raise _no_archive(engine.url.render_as_string(hide_password=True))


def _usable_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """make_engine, with an unparseable URL or a missing driver as a StorageError."""
    try:
        return make_engine(url, busy_timeout_ms=busy_timeout_ms)
    except ArgumentError as exc:  # unparseable URL or a driver that is not installed
        raise StorageError(
            f"database.url: 不是可用的数据库地址 / not a usable database URL ({exc})"
        ) from None  # the URL may carry a password: only SQLAlchemy's own words


def _cannot_open(exc: OperationalError) -> StorageError:
    """A server that refuses or a file that cannot be opened, in one line."""
    reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
    return StorageError(f"无法打开数据库 / cannot open the database: {reason}")


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine; SQLite gets WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # hide_parameters: SQL errors must not echo message text into logs.
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        _check_sqlite_file(Path(parsed.database))
    engine = create_engine(url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # a committed record survives power loss
        cursor.execute("PRAGMA foreign_keys = ON")
        # A 64 MB page cache and memory-mapped reads: index inserts and chain verification
        # over a million records stay in memory instead of re-reading pages.
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.execute("PRAGMA mmap_size = 268435456")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a deferred transaction that read the chain head and
        # then tries to write fails with SQLITE_BUSY if another writer got in between.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _check_sqlite_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path}: 不是 SQLite 数据库文件（已损坏或为其他文件）/ not an SQLite database file"
        )


def alembic_config(connection: Any) -> Any:
    """An Alembic config pointing at the packaged migrations, bound to a connection."""
    from alembic.config import Config  # imported late: alembic logs its set-up on import

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration this code ships."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))
    return str(script.get_current_head())


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(url_or_engine: str | Engine) -> tuple[str | None, str]:
    """Apply every pending migration; return (revision before, revision after)."""
    from alembic import command

    engine = _usable_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        with translate_errors():
            _refuse_foreign(engine)
            before = current_revision(engine)
            with engine.begin() as conn:
                command.upgrade(alembic_config(conn), "head")
            return before, head_revision()
    except OperationalError as exc:  # a server that is down or refuses us
        raise _cannot_open(exc) from None


def _refuse_foreign(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise ForeignDatabaseError(
            "数据库中已有其他程序的表，不是 WardWatch 存档 / database holds tables that are "
            f"not WardWatch's ({len(tables)} tables); use an empty database"
        )


def _check_schema(engine: Engine, *, upgrade: bool) -> None:
    _refuse_foreign(engine)
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if upgrade:
        before, after = globals()["upgrade"](engine)
        log.info("archive schema upgraded from %s to %s", before or "empty", after)
        return
    raise SchemaOutdatedError(
        f"数据库结构版本为 {current or '空'}，需要 {head}：请运行 `wardwatch db upgrade` / "
        f"schema is at {current or 'empty'}, this version needs {head}: run `wardwatch db upgrade`"
    )


def _check_key(engine: Engine, cipher: ArchiveCipher | None) -> str:
    with engine.begin() as conn, Session(conn) as session:
        meta = {k: v for k, v in session.execute(select(Meta.key, Meta.value))}
        if cipher is not None:
            stored = meta.get("key_check")
            if stored is None:
                session.add(Meta(key="key_check", value=cipher.check))
                session.flush()
            elif stored != cipher.check:
                raise WrongKeyError(
                    "存档密钥与写入此数据库时的密钥不符 / the archive key does not match the key "
                    "this database was written with"
                )
        return meta["store_id"]


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors about locks, full disks and damaged files into StorageError."""
    try:
        yield
    except StorageError:
        raise
    except (OperationalError, DatabaseError) as exc:
        translated = _translated(exc)
        if translated is None:
            raise
        raise translated from exc


def _translated(exc: SQLAlchemyError) -> StorageError | None:
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    if "locked" in text or code == "55P03":
        return DatabaseLockedError(
            "数据库被其他进程锁定，请稍后重试 / the database is locked by another process; retry"
        )
    if "disk is full" in text or "no space" in text or code.startswith("53"):
        return DiskFullError(
            "磁盘已满，本次事务未保存，已提交的数据完好 / disk full: this transaction was not "
            "saved; everything committed before is intact"
        )
    if "not a database" in text or "malformed" in text:
        return CorruptDatabaseError(
            "数据库文件已损坏 / the database file is damaged (restore from backup)"
        )
    return None
