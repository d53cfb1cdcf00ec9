"""Schema 5: the network's exchange between meetings — practice stories, questions and replies,
votes, readers' reports, moderators and their log, per-network settings, visits, polls that
run for a period (issue #28).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 5

_meta = sa.table("pz_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _set_version(version: int) -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value=str(version)))


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    pid = "pz_participants.id"
    op.create_table(
        "pz_posts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("pz_posts.id"), nullable=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), nullable=True),
        sa.Column("role_id", sa.String(64), nullable=True),
        sa.Column("show_as", sa.String(8), nullable=False),
        sa.Column("theme_id", sa.String(64), nullable=True),
        sa.Column("title", sa.String(255), nullable=True),
        sa.Column("body_json", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("helpful", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("updated_at", tz, nullable=False),
    )
    op.create_index("ix_pz_posts_parent_id", "pz_posts", ["parent_id"])
    op.create_index(
        "ix_pz_posts_network",
        "pz_posts",
        ["network_id", "kind", "status", "pinned", "created_at"],
    )
    op.create_index("ix_pz_posts_participant", "pz_posts", ["participant_id"])
    op.create_table(
        "pz_post_votes",
        sa.Column("post_id", sa.Integer, sa.ForeignKey("pz_posts.id"), primary_key=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("created_at", tz, nullable=False),
    )
    op.create_table(
        "pz_post_reports",
        sa.Column("post_id", sa.Integer, sa.ForeignKey("pz_posts.id"), primary_key=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("resolved_at", tz, nullable=True),
    )
    op.create_table(
        "pz_moderator_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        sa.Column("key_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("revoked_at", tz, nullable=True),
    )
    op.create_index("ix_pz_moderator_keys_network_id", "pz_moderator_keys", ["network_id"])
    op.create_table(
        "pz_network_settings",
        sa.Column("network_id", sa.String(64), primary_key=True),
        sa.Column("premoderation", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", tz, nullable=False),
    )
    op.create_table(
        "pz_moderation_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("post_id", sa.Integer, nullable=True),
        sa.Column("moderator", sa.String(160), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", tz, nullable=False),
    )
    op.create_index("ix_pz_moderation_log_network_id", "pz_moderation_log", ["network_id"])
    op.create_table(
        "pz_network_visits",
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("network_id", sa.String(64), primary_key=True),
        sa.Column("seen_at", tz, nullable=False),
    )
    op.create_table(
        "pz_network_polls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("options_json", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("closes_at", tz, nullable=False),
    )
    op.create_index("ix_pz_network_polls_network_id", "pz_network_polls", ["network_id"])
    op.create_table(
        "pz_network_poll_votes",
        sa.Column("poll_id", sa.Integer, sa.ForeignKey("pz_network_polls.id"), primary_key=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey(pid), primary_key=True),
        sa.Column("option", sa.Integer, nullable=False),
        sa.Column("saved_at", tz, nullable=False),
    )
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    op.drop_table("pz_network_poll_votes")
    op.drop_index("ix_pz_network_polls_network_id", table_name="pz_network_polls")
    op.drop_table("pz_network_polls")
    op.drop_table("pz_network_visits")
    op.drop_index("ix_pz_moderation_log_network_id", table_name="pz_moderation_log")
    op.drop_table("pz_moderation_log")
    op.drop_table("pz_network_settings")
    op.drop_index("ix_pz_moderator_keys_network_id", table_name="pz_moderator_keys")
    op.drop_table("pz_moderator_keys")
    op.drop_table("pz_post_reports")
    op.drop_table("pz_post_votes")
    op.drop_index("ix_pz_posts_participant", table_name="pz_posts")
    op.drop_index("ix_pz_posts_network", table_name="pz_posts")
    op.drop_index("ix_pz_posts_parent_id", table_name="pz_posts")
    op.drop_table("pz_posts")
    _set_version(4)
