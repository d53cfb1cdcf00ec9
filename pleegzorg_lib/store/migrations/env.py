"""Alembic environment of the store, configured in code by ``pleegzorg_lib.store.migrations``.

Normally the store hands over a connection that already holds the write lock and an open
transaction (``config.attributes["connection"]``): the migrations run inside it and commit with
it. Without one (offline ``--sql`` or a hand-made Alembic configuration) the configured store
is used: ``sqlalchemy.url`` or ``PLEEGZORG_DATABASE_URL``.
"""

from __future__ import annotations

from alembic import context

from pleegzorg_lib.store import schema

config = context.config
target_metadata = schema.metadata


def _options(dialect_name: str) -> dict:
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        # SQLite cannot ALTER most things: autogenerate batch operations there.
        "render_as_batch": dialect_name == "sqlite",
    }


def _url() -> str:
    from pleegzorg_lib import config as pz_config
    from pleegzorg_lib.store.engine import normalise_url as _normalise_url

    return _normalise_url(config.get_main_option("sqlalchemy.url") or pz_config.database_url())


def run_offline() -> None:
    url = _url()
    context.configure(
        url=url, literal_binds=True, **_options(url.split(":", 1)[0].split("+", 1)[0])
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **_options(connection.dialect.name))
        with context.begin_transaction():  # a no-op inside the store's own transaction
            context.run_migrations()
        return
    from pleegzorg_lib.store.sqlstore import SQLStore

    store = SQLStore(_url(), migrate=False)
    try:
        with store.migration_transaction() as conn:
            context.configure(connection=conn, **_options(conn.dialect.name))
            with context.begin_transaction():
                context.run_migrations()
    finally:
        store.close()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
