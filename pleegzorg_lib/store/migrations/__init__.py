"""Schema migrations of the store: Alembic, configured in code (no ``alembic.ini``).

The scripts live in this package (``env.py``, ``versions/``), so they ship with an installed
package and work the same from a clone. Revision ids follow the store's schema versions:
``0003`` is the baseline (schema 3, the last one the home-made migrator made), ``0004`` adds
the agenda and attendance tables, ``0005`` the network's exchange (posts, votes, reports,
moderators, settings, the moderation log, visits, polls). Every revision also writes its
number to ``pz_meta`` so an older program, which only reads ``pz_meta``, refuses a newer
database instead of misusing it.

Databases made before Alembic have ``pz_meta`` but no ``alembic_version``:

* schema 3 is stamped ``0003`` (no DDL runs on it) and upgraded from there;
* schema 1 or 2 run the baseline, which creates only what is missing (the v2 tables, the v3
  column ``pz_sessions.expected``) and keeps every row;
* an empty database runs the baseline, which creates everything.

:func:`upgrade` runs inside the caller's write transaction (``BEGIN IMMEDIATE`` on SQLite,
an advisory lock on PostgreSQL; both have transactional DDL), so kernels that open a new store
at once queue and then find it at head; a failed migration leaves the database as it was.
Opening a store first compares ``alembic_version`` with :data:`HEAD` in one query and only
imports Alembic when they differ.

A new revision: copy the last file in ``versions/``, set ``revision``/``down_revision``, make
the change of ``schema.py`` in ``upgrade()``, bump :data:`HEAD` and ``schema.SCHEMA_VERSION``.
``tests/unit/test_migrations.py`` checks that head equals ``schema.metadata``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, select, text

from ..errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent

#: The newest revision (checked against the scripts by the tests). Compared on every open.
HEAD = "0006"
#: The revision equal to schema 3 of the home-made migrator.
BASELINE = "0003"
#: The schema version in ``pz_meta`` that BASELINE equals (databases without Alembic).
LEGACY_VERSION = 3

VERSION_TABLE = "alembic_version"

__all__ = [
    "BASELINE",
    "HEAD",
    "alembic_config",
    "current_revision",
    "legacy_schema_version",
    "script_directory",
    "upgrade",
]


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for this package's scripts, optionally bound to a connection."""
    from alembic.config import Config

    cfg = Config(stdout=sys.stdout)  # the current one (the default is bound at import)
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def script_directory() -> ScriptDirectory:
    """The revisions shipped with the package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in ``alembic_version``; ``None`` if there is none (yet)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return ",".join(sorted(rows)) or None


def legacy_schema_version(conn: Connection) -> int | None:
    """The schema version in ``pz_meta`` (what the home-made migrator kept), if any."""
    if not inspect(conn).has_table("pz_meta"):
        return None
    from ..schema import meta

    value = conn.execute(
        select(meta.c.value).where(meta.c.key == "schema_version")
    ).scalar_one_or_none()
    return int(value) if value is not None else None


def _too_new(found: str) -> StoreError:
    from ...i18n import t

    return StoreError(t("store.schema_too_new", found=found, head=HEAD))


def upgrade(conn: Connection, target: str = "head") -> tuple[str | None, str | None]:
    """Bring the database on ``conn`` to ``target``; return (revision before, after).

    Runs in the caller's transaction, which must hold the write lock (see the module doc).
    """
    from alembic import command

    before = current_revision(conn)
    cfg = alembic_config(conn)
    if before is not None:
        known = {s.revision for s in script_directory().walk_revisions()}
        for revision in before.split(","):
            if revision not in known:
                raise _too_new(revision)
    else:
        legacy = legacy_schema_version(conn)
        if legacy is not None and legacy > LEGACY_VERSION:
            # Only a future program writes a higher pz_meta without alembic_version.
            raise _too_new(str(legacy))
        if legacy == LEGACY_VERSION:
            # Exactly the baseline: record that, without touching a single table.
            command.stamp(cfg, BASELINE)
        # Older (1, 2) or empty: the baseline creates just what is missing.
    command.upgrade(cfg, target)
    return before, current_revision(conn)
