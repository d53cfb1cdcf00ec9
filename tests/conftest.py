"""Shared fixtures. Every test gets its own SQLite file: nothing touches a real store."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import load_catalog
from pleegzorg_lib.i18n import set_language
from pleegzorg_lib.model import Catalog
from pleegzorg_lib.store import SQLStore, open_store

REPO = Path(__file__).resolve().parent.parent

#: Folders beside the repository that no test may read: the workplace's shared texts are not
#: there in a fresh clone elsewhere, so a test that needs them fails there (issue 18). The
#: repository carries what its tests need (e.g. tests/data/corpora/).
OUTSIDE = [REPO.parent / "shared"]
OUTSIDE_READS: list[str] = []


def _watch_outside_reads(event: str, args: tuple) -> None:
    """An audit hook: remember every file opened or folder listed under ``OUTSIDE``."""
    if event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    target = args[0]
    if not isinstance(target, str | bytes | os.PathLike):
        return
    try:
        path = os.path.abspath(os.fsdecode(target))
    except (TypeError, ValueError):
        return
    for root in OUTSIDE:
        if path == str(root) or path.startswith(str(root) + os.sep):
            OUTSIDE_READS.append(path)


sys.addaudithook(_watch_outside_reads)


@pytest.fixture(autouse=True)
def _nothing_read_outside_the_repository() -> Iterator[None]:
    before = len(OUTSIDE_READS)
    yield
    read = OUTSIDE_READS[before:]
    if read:
        del OUTSIDE_READS[before:]
        pytest.fail(f"this test read outside the repository: {sorted(set(read))[:5]}")


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    db = tmp_path / "store" / "pleegzorg.db"
    monkeypatch.setenv("PLEEGZORG_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("PLEEGZORG_LANG", "nl")
    # A kernel's request environment (set by pages/_voila_request.py) must not reach the
    # next test.
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.delenv("QUERY_STRING")
    yield db
    set_language(None)  # a page that asked for ?taal=en must not leave the next test English


@pytest.fixture
def db_path(_isolated_store: Path) -> Path:
    return _isolated_store


@pytest.fixture
def store(db_path: Path) -> SQLStore:
    s = open_store(f"sqlite:///{db_path}")
    yield s
    s.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL server for this test session."""
    from .postgres import PostgresServer

    server = PostgresServer()
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, db_path: Path) -> Iterator[SQLStore]:
    """The store on each real backend. PostgreSQL gets a fresh schema per test."""
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{db_path}")
    else:
        url = request.getfixturevalue("postgres_url")
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        s = open_store(url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(config.data_dir())
