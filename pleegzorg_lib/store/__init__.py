"""The store: the only place answers live. ``open_store()`` picks the configured database."""

from __future__ import annotations

from .. import config
from .agenda import AgendaItem
from .errors import StoreError
from .schema import SCHEMA_VERSION
from .sessions import Poll, Session
from .sqlstore import Participant, SQLStore

__all__ = [
    "SCHEMA_VERSION",
    "AgendaItem",
    "Participant",
    "Poll",
    "SQLStore",
    "Session",
    "Store",
    "StoreError",
    "open_store",
]

Store = SQLStore


def open_store(url: str | None = None, *, migrate: bool = True) -> SQLStore:
    """Open (and migrate) the store at ``url``, by default ``PLEEGZORG_DATABASE_URL``
    or the embedded SQLite file. ``migrate=False`` connects without changing the schema."""
    return SQLStore(url or config.database_url(), migrate=migrate)
