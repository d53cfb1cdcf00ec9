"""`pleegzorg db`: the database's schema version, and bringing it up to date."""

from __future__ import annotations

import argparse

from ..i18n import t


def _schema_state(store) -> tuple[str | None, int | None]:  # noqa: ANN001 - small CLI helper
    from ..store import migrations

    with store.engine.connect() as conn:
        revision = migrations.current_revision(conn)
        legacy = migrations.legacy_schema_version(conn) if revision is None else None
    return revision, legacy


def _db_open(_args: argparse.Namespace):  # noqa: ANN202 - small CLI helper
    from sqlalchemy.engine import make_url

    from ..store import open_store

    store = open_store(migrate=False)
    print(t("cli.db.database", url=make_url(store.url).render_as_string(hide_password=True)))
    return store


def _db_current(args: argparse.Namespace) -> int:
    from ..store.migrations import HEAD

    with _db_open(args) as store:
        revision, legacy = _schema_state(store)
    if revision is None:
        state = t("cli.db.empty") if legacy is None else t("cli.db.legacy", version=legacy)
    else:
        mark = t("cli.db.head") if revision == HEAD else t("cli.db.behind", head=HEAD)
        state = f"{revision} {mark}"
    print(t("cli.db.current", revision=state))
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    with _db_open(args) as store:
        revision, legacy = _schema_state(store)
        _before, after = store.migrate()
    if revision == after:
        print(t("cli.db.up_to_date", revision=after))
        return 0
    if revision is None:
        revision = (
            t("cli.db.empty_short") if legacy is None else t("cli.db.legacy_short", version=legacy)
        )
    print(t("cli.db.upgraded", before=revision, after=after))
    return 0


def add_db_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help=t("cli.db.help"))
    db_sub = p.add_subparsers(dest="db_command", required=True)
    p = db_sub.add_parser("upgrade", help=t("cli.db.upgrade_help"))
    p.set_defaults(func=_db_upgrade)
    p = db_sub.add_parser("current", help=t("cli.db.current_help"))
    p.set_defaults(func=_db_current)
