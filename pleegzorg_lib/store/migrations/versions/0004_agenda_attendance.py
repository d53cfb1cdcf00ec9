"""Schema 4: the network's agenda (items and votes) and attendance, for the tools of issue #4.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 4

_meta = sa.table("pz_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(version: int) -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value=str(version)))


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    pid = "pz_participants.id"
    op.create_table(
        "pz_agenda_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("theme_id", sa.String(64), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_pz_agenda_items_network_id", "pz_agenda_items", ["network_id"])
    op.create_table(
        "pz_agenda_votes",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("pz_agenda_items.id"), primary_key=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("created_at", tz, nullable=False),
    )
    op.create_table(
        "pz_attendance",
        sa.Column("network_id", sa.String(64), primary_key=True),
        sa.Column("meeting_id", sa.String(64), primary_key=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("recorded_at", tz, nullable=False),
    )
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    op.drop_table("pz_attendance")
    op.drop_table("pz_agenda_votes")
    op.drop_index("ix_pz_agenda_items_network_id", table_name="pz_agenda_items")
    op.drop_table("pz_agenda_items")
    _set_version(3)
