"""Errors storage raises: each message is bilingual and never carries message content."""

from __future__ import annotations


class StorageError(Exception):
    """Base of every storage error; `str()` is safe to show to an operator."""


class ArchiveKeyError(StorageError):
    """The archive key is malformed, unreadable or not an Ed25519/AES key."""


class WrongKeyError(ArchiveKeyError):
    """The archive key does not match the one this database was written with."""


class KeyMissingError(ArchiveKeyError):
    """An operation needs the archive key (storing or reading originals) and none is set."""


class CorruptDatabaseError(StorageError):
    """The database file is damaged or is not an SQLite database at all."""


class ForeignDatabaseError(StorageError):
    """The database holds tables, but not WardWatch's."""


class SchemaOutdatedError(StorageError):
    """The database schema is older than this version; run `wardwatch db upgrade`."""


class DatabaseLockedError(StorageError):
    """Another process holds the write lock longer than the busy timeout."""


class DiskFullError(StorageError):
    """The disk or the database quota is full; nothing of the failed transaction was kept."""


class PermissionDeniedError(StorageError):
    """The actor may not do this (e.g. read originals without the compliance role)."""


class NotFoundError(StorageError):
    """No record, case or alert with that id."""


class CaseError(StorageError):
    """A case operation that does not fit the case's state (e.g. adding to a sealed case)."""


class BundleError(StorageError):
    """An evidence bundle cannot be read at all (not a zip, no manifest)."""
