"""Where things live: catalog, workbooks and the store. Environment variables win."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The catalog folder: ``PLEEGZORG_DATA`` or ``data/`` next to the package."""
    return Path(os.environ.get("PLEEGZORG_DATA") or _REPO / "data")


def workbooks_dir() -> Path:
    """The notebooks Voilà serves: ``PLEEGZORG_WORKBOOKS`` or ``workbooks/`` next to the package."""
    return Path(os.environ.get("PLEEGZORG_WORKBOOKS") or _REPO / "workbooks")


def default_database_path() -> Path:
    """The embedded SQLite file used when ``PLEEGZORG_DATABASE_URL`` is not set."""
    base = os.environ.get("PLEEGZORG_HOME")
    if base:
        return Path(base) / "pleegzorg.db"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "pleegzorg" / "pleegzorg.db"


def database_url() -> str:
    """The store's SQLAlchemy URL: ``PLEEGZORG_DATABASE_URL`` or the embedded SQLite file."""
    url = os.environ.get("PLEEGZORG_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{default_database_path()}"
