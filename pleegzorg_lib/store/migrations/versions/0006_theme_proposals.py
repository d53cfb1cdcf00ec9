"""Schema 6: themes the moderators put forward for the year plan or the Kennisagenda, from the
counts of what the network asks about (issue #28, part 7); and when an item of a network home
became visible to others (``pz_posts.visible_at``), so that a reply a moderator approves after
its writer's last visit still counts as new.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 6

_meta = sa.table("pz_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(version: int) -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value=str(version)))


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    op.create_table(
        "pz_theme_proposals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("theme_id", sa.String(64), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("stories", sa.Integer, nullable=False),
        sa.Column("questions", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("proposed_by", sa.String(160), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("resolved_at", tz, nullable=True),
    )
    op.create_index("ix_pz_theme_proposals_network_id", "pz_theme_proposals", ["network_id"])
    # one open proposal per theme and target, also when two moderators click at once
    op.create_index(
        "ux_pz_theme_proposals_open",
        "pz_theme_proposals",
        ["network_id", "theme_id", "target"],
        unique=True,
        sqlite_where=sa.text("resolved_at IS NULL"),
        postgresql_where=sa.text("resolved_at IS NULL"),
    )
    op.add_column("pz_posts", sa.Column("visible_at", tz, nullable=True))
    posts = sa.table(
        "pz_posts",
        sa.column("status", sa.String),
        sa.column("created_at", tz),
        sa.column("visible_at", tz),
    )
    # what is visible now was visible since it was written; a hidden item may never have
    # been seen (rejected from the queue): it gets its time if a moderator restores it
    op.execute(
        posts.update().where(posts.c.status == "visible").values(visible_at=posts.c.created_at)
    )
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    with op.batch_alter_table("pz_posts") as batch:
        batch.drop_column("visible_at")
    op.drop_index("ux_pz_theme_proposals_open", table_name="pz_theme_proposals")
    op.drop_index("ix_pz_theme_proposals_network_id", table_name="pz_theme_proposals")
    op.drop_table("pz_theme_proposals")
    _set_version(5)
