"""Baseline: schema 3, as the home-made migrator left it.

Revision ID: 0003
Revises: (none)

Frozen: never edit the tables here; change the schema with a new revision.

A database of schema 3 is stamped with this revision without running it. This upgrade runs
on empty databases and on those of schema 1 or 2, so it creates only what is missing and
never drops or rewrites a row: schema 1 lacks the v2 tables, schema 2 the v3 column
``pz_sessions.expected``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA_VERSION = 3


def _tables() -> list[tuple[str, list[sa.schema.SchemaItem]]]:
    tz = sa.DateTime(timezone=True)
    pid = "pz_participants.id"
    return [
        (
            "pz_meta",
            [
                sa.Column("key", sa.String(64), primary_key=True),
                sa.Column("value", sa.String(255), nullable=False),
            ],
        ),
        (
            "pz_participants",
            [
                sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
                sa.Column("role_id", sa.String(64), nullable=True),
                sa.Column("display_name", sa.String(255), nullable=True),
                sa.Column("created_at", tz, nullable=False),
                sa.Column("updated_at", tz, nullable=False),
            ],
        ),
        (
            "pz_enrolments",
            [
                sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
                sa.Column("worksheet_id", sa.String(64), primary_key=True),
                sa.Column("session_code", sa.String(32), primary_key=True),
                sa.Column("first_seen", tz, nullable=False),
                sa.Column("last_seen", tz, nullable=False),
            ],
        ),
        (
            "pz_answers",
            [
                sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
                sa.Column("worksheet_id", sa.String(64), primary_key=True),
                sa.Column("session_code", sa.String(32), primary_key=True),
                sa.Column("question_id", sa.String(64), primary_key=True),
                sa.Column("value_json", sa.Text, nullable=False),
                sa.Column("saved_at", tz, nullable=False),
            ],
        ),
        (
            "pz_answer_history",
            [
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), nullable=False),
                sa.Column("worksheet_id", sa.String(64), nullable=False),
                sa.Column("session_code", sa.String(32), nullable=False),
                sa.Column("question_id", sa.String(64), nullable=False),
                sa.Column("value_json", sa.Text, nullable=False),
                sa.Column("saved_at", tz, nullable=False),
                sa.Index("ix_history_participant", "participant_id", "worksheet_id", "question_id"),
            ],
        ),
        (
            "pz_sessions",
            [
                sa.Column("code", sa.String(32), primary_key=True),
                sa.Column("network_id", sa.String(64), nullable=False),
                sa.Column("worksheet_id", sa.String(64), nullable=False),
                sa.Column("title", sa.String(255), nullable=False),
                sa.Column("date", sa.String(10), nullable=True),
                sa.Column("key_digest", sa.String(64), nullable=False),
                sa.Column("created_at", tz, nullable=False),
                sa.Column("expected", sa.Integer, nullable=True),
            ],
        ),
        (
            "pz_hidden_answers",
            [
                sa.Column("session_code", sa.String(32), primary_key=True),
                sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
                sa.Column("question_id", sa.String(64), primary_key=True),
                sa.Column("hidden_at", tz, nullable=False),
            ],
        ),
        (
            "pz_polls",
            [
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("session_code", sa.String(32), nullable=False, index=True),
                sa.Column("kind", sa.String(16), nullable=False),
                sa.Column("prompt", sa.Text, nullable=False),
                sa.Column("options_json", sa.Text, nullable=False),
                sa.Column("created_at", tz, nullable=False),
                sa.Column("closed_at", tz, nullable=True),
            ],
        ),
        (
            "pz_poll_answers",
            [
                sa.Column("poll_id", sa.Integer, sa.ForeignKey("pz_polls.id"), primary_key=True),
                sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
                sa.Column("value_json", sa.Text, nullable=False),
                sa.Column("saved_at", tz, nullable=False),
            ],
        ),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    for name, items in _tables():
        if name not in existing:
            op.create_table(name, *items)
    if "pz_sessions" in existing:  # schema 2: the column of schema 3
        columns = {c["name"] for c in sa.inspect(bind).get_columns("pz_sessions")}
        if "expected" not in columns:
            op.add_column("pz_sessions", sa.Column("expected", sa.Integer, nullable=True))
    meta = sa.table("pz_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    found = bind.execute(
        sa.select(meta.c.value).where(meta.c.key == "schema_version")
    ).scalar_one_or_none()
    if found is None:
        op.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
    else:
        op.execute(
            meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION))
        )


def downgrade() -> None:
    for name, _items in reversed(_tables()):
        op.drop_table(name)
