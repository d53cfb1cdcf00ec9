"""The database under the store: the engine, SQLite's pragmas and its fair writer lock,
the network-disk check, and transactions. The repository (``sqlstore.py`` and its mixins)
asks this for a connection to read or write; it knows nothing of SQL dialect settings."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from ..i18n import t
from .errors import StoreError

BUSY_TIMEOUT_MS = 15_000


def normalise_url(url: str) -> str:
    # SQLAlchemy 2.0 and 2.1 disagree on the default PostgreSQL driver; we ship psycopg 3.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "lustre",
    "davfs",
    "fuse.rclone",
    "fuse.s3fs",
}


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of the file system holding ``path`` (from /proc/mounts), if known."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:
            return None
    best, kind = "", None
    target = str(path.resolve())
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        folder.mkdir(parents=True, exist_ok=True)
        kind = filesystem_type(folder)
        if kind in NETWORK_FILESYSTEMS:
            # WAL needs shared memory on one host: on a network share SQLite can corrupt.
            raise StoreError(t("store.error.network_disk", kind=kind, folder=str(folder)))
    # NullPool: a kernel holds no idle file handles, and each transaction sees fresh pragmas.
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us emit BEGIN ourselves (pysqlite would otherwise begin lazily and DEFERRED).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("pz_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """One database: its engine, and connections to read or write in a transaction."""

    def __init__(self, url: str) -> None:
        url = normalise_url(url)
        self.url = url
        self._lock_path: str | None = None
        self._held = threading.local()
        if url.startswith("sqlite"):
            self.engine = sqlite_engine(url)
            database = make_url(url).database
            if database and database != ":memory:":
                self._lock_path = f"{database}-writelock"
                self._ensure_wal(database)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4)

    def _ensure_wal(self, database: str) -> None:
        """Switch a new SQLite file to WAL once, under the writer lock.

        Every connection asks for WAL (``_on_connect``); on a database already in WAL that is
        a no-op, but the first switch of a new file needs the database to itself. When six
        kernels opened a new store at the same moment on a loaded machine, four of them
        failed with "database is locked". The switch is persistent, so only the very first
        opener of a file takes the lock; everyone later sees "wal" and goes on.
        """
        import sqlite3

        probe = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            mode = probe.execute("PRAGMA journal_mode").fetchone()[0]
        finally:
            probe.close()
        if str(mode).lower() == "wal":
            return
        with self._writer_turn():
            conn = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA journal_mode=WAL")
            finally:
                conn.close()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with (
            self._writer_turn(),
            self.engine.connect().execution_options(pz_write=True) as conn,
            conn.begin(),
        ):
            yield conn

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """SQLite: writers of all processes take turns on a file lock before BEGIN IMMEDIATE.

        Why: SQLite's busy handler polls and is not fair; with 200 kernels writing at once
        some waited past the busy timeout and their save failed ("database is locked"). A
        blocking ``flock`` queues them in the kernel instead; it is released when the
        process dies (kill -9 included). Re-entrant per thread.
        """
        if self._lock_path is None or getattr(self._held, "depth", 0) > 0:
            self._held.depth = getattr(self._held, "depth", 0) + 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0
        finally:
            os.close(fd)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn
