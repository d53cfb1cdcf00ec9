"""Tables of the store.

Every change here needs an Alembic revision in ``migrations/versions/`` that makes the same
change (``tests/unit/test_migrations.py`` compares the two), and a bump of SCHEMA_VERSION, which
the revision writes to ``pz_meta`` so that an older program refuses a newer database.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
)

SCHEMA_VERSION = 6

metadata = MetaData()

meta = Table(
    "pz_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

participants = Table(
    "pz_participants",
    metadata,
    Column("id", String(32), primary_key=True),
    # sha256 of the resume code: the code itself is never stored
    Column("code_digest", String(64), nullable=False, unique=True),
    Column("role_id", String(64), nullable=True),
    Column("display_name", String(255), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Which worksheet a participant opened, in which session (bijeenkomst); '' = no session.
enrolments = Table(
    "pz_enrolments",
    metadata,
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("worksheet_id", String(64), primary_key=True),
    Column("session_code", String(32), primary_key=True),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

# The latest value of every answer.
answers = Table(
    "pz_answers",
    metadata,
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("worksheet_id", String(64), primary_key=True),
    Column("session_code", String(32), primary_key=True),
    Column("question_id", String(64), primary_key=True),
    Column("value_json", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

# Every value ever saved, with its time: nothing a participant wrote is overwritten unseen.
answer_history = Table(
    "pz_answer_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), nullable=False),
    Column("worksheet_id", String(64), nullable=False),
    Column("session_code", String(32), nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("value_json", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Index("ix_history_participant", "participant_id", "worksheet_id", "question_id"),
)


# --- version 2: sessions (bijeenkomsten), moderation, quick polls -------------------------

sessions = Table(
    "pz_sessions",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("network_id", String(64), nullable=False),
    Column("worksheet_id", String(64), nullable=False),
    Column("title", String(255), nullable=False),
    Column("date", String(10), nullable=True),  # ISO date of the meeting
    # sha256 of the facilitator key: the key itself is only in the facilitator's link
    Column("key_digest", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # version 3: how many participants the facilitator expects (kernels are warmed for them)
    Column("expected", Integer, nullable=True),
)

# Open answers a facilitator hid from the shared view; the answer itself stays stored.
hidden_answers = Table(
    "pz_hidden_answers",
    metadata,
    Column("session_code", String(32), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("question_id", String(64), primary_key=True),
    Column("hidden_at", DateTime(timezone=True), nullable=False),
)

polls = Table(
    "pz_polls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_code", String(32), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # "choice" or "open"
    Column("prompt", Text, nullable=False),
    Column("options_json", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
)

poll_answers = Table(
    "pz_poll_answers",
    metadata,
    Column("poll_id", Integer, ForeignKey("pz_polls.id"), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("value_json", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)


# --- version 4: tools of issue #4 — the network's agenda (with votes) and attendance ---------

# Subjects participants propose for a network's agenda (kennisagenda, theme meetings).
agenda_items = Table(
    "pz_agenda_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False, index=True),
    Column("theme_id", String(64), nullable=True),
    Column("text", Text, nullable=False),
    # who proposed it
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # hidden by a facilitator: kept, but neither listed nor open to votes
    Column("hidden", Boolean, nullable=False, default=False, server_default=false()),
)

# One vote per participant per item: the primary key enforces it, also under concurrency.
agenda_votes = Table(
    "pz_agenda_votes",
    metadata,
    Column("item_id", Integer, ForeignKey("pz_agenda_items.id"), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Who was present at which meeting of a network.
attendance = Table(
    "pz_attendance",
    metadata,
    Column("network_id", String(64), primary_key=True),
    Column("meeting_id", String(64), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)


# --- version 5: the network's exchange between meetings (issue #28) -------------------------

# Practice stories, questions and the replies under them. A reply's ``parent_id`` is its story
# or question. ``status``: "visible", "pending" (waits for a moderator) or "hidden" (by a
# moderator or by readers' reports); "removed": its writer erased their data while others had
# replied, so only the empty place stays.
posts = Table(
    "pz_posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # "story", "question" or "reply"
    Column("parent_id", Integer, ForeignKey("pz_posts.id"), nullable=True, index=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), nullable=True),
    Column("role_id", String(64), nullable=True),  # the writer's role when they wrote it
    Column("show_as", String(8), nullable=False),  # "role" or "tag" (the pseudonym tag)
    Column("theme_id", String(64), nullable=True),
    Column("title", String(255), nullable=True),
    Column("body_json", Text, nullable=False),  # the fields the writer filled in
    Column("status", String(16), nullable=False),
    Column("pinned", Boolean, nullable=False, default=False, server_default=false()),
    Column("helpful", Boolean, nullable=False, default=False, server_default=false()),
    Column("digest", String(64), nullable=False),  # one item for a double submit
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # when others could first read it (at once, or when a moderator approved it; schema 6):
    # "nieuw sinds je vorige bezoek" counts from here, not from when it was written
    Column("visible_at", DateTime(timezone=True), nullable=True),
    Index("ix_pz_posts_network", "network_id", "kind", "status", "pinned", "created_at"),
    Index("ix_pz_posts_participant", "participant_id"),
)

# "Herkenbaar" on a story, "ik wil dit ook weten" on a question: one per participant.
post_votes = Table(
    "pz_post_votes",
    metadata,
    Column("post_id", Integer, ForeignKey("pz_posts.id"), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# "Meld dit bericht": one open report per reader per item.
post_reports = Table(
    "pz_post_reports",
    metadata,
    Column("post_id", Integer, ForeignKey("pz_posts.id"), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
)

# A network's moderators (a key each, only its digest kept) and its settings.
moderator_keys = Table(
    "pz_moderator_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False, index=True),
    Column("label", String(120), nullable=False),  # who holds it, as the log shows it
    Column("key_digest", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

network_settings = Table(
    "pz_network_settings",
    metadata,
    Column("network_id", String(64), primary_key=True),
    Column("premoderation", Boolean, nullable=False, default=False, server_default=false()),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every moderation action: when, which moderator, what, why.
moderation_log = Table(
    "pz_moderation_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False, index=True),
    Column("post_id", Integer, nullable=True),
    Column("moderator", String(160), nullable=False),
    Column("action", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# When a participant last opened a network's home ("nieuw sinds je vorige bezoek").
network_visits = Table(
    "pz_network_visits",
    metadata,
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("network_id", String(64), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# A network's poll that runs for a period (a week, say): one vote per participant.
network_polls = Table(
    "pz_network_polls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False, index=True),
    Column("prompt", Text, nullable=False),
    Column("options_json", Text, nullable=False),
    Column("created_by", String(160), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closes_at", DateTime(timezone=True), nullable=False),
)

network_poll_votes = Table(
    "pz_network_poll_votes",
    metadata,
    Column("poll_id", Integer, ForeignKey("pz_network_polls.id"), primary_key=True),
    Column("participant_id", String(32), ForeignKey("pz_participants.id"), primary_key=True),
    Column("option", Integer, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

# A theme the moderators put forward from "what the network asks about" (schema 6): for the
# year plan (a theme meeting, the Platform Vakmanschap loop) or for the Kennisagenda. The
# counts are those the moderator saw; ``resolved_at`` when the organisers took it up.
theme_proposals = Table(
    "pz_theme_proposals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False, index=True),
    Column("theme_id", String(64), nullable=False),
    Column("target", String(16), nullable=False),
    Column("stories", Integer, nullable=False),
    Column("questions", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("proposed_by", String(160), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Index(
        "ux_pz_theme_proposals_open",
        "network_id",
        "theme_id",
        "target",
        unique=True,
        sqlite_where=text("resolved_at IS NULL"),
        postgresql_where=text("resolved_at IS NULL"),
    ),
)
